//! pandoc grid tables. Written by a helper.
//!
//! A block starts at a border line (`+---+---+`) and runs over the lines
//! that start with `|` or `+` (after leading spaces). Column boundaries are
//! the char positions of `+` in the first border; a content line is cut at
//! them, or, when its `|`s are not at those positions (a converter that
//! mis-padded a wide character), split on its unescaped `|`s. A row is the
//! content lines between two borders, each cell the non-empty pieces of its
//! column joined with one space. Rows above the first `+===+` rule are
//! header rows. Column-spanning borders (`+----+    +`) count as plain
//! borders; spans are not resolved.

use super::{RawCell, RawRow, RawTable};

/// Every grid table block of `text`, in source order.
pub fn read(text: &str) -> Vec<RawTable> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut tables = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !is_start_border(lines[i]) {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < lines.len() && continues(lines[end]) {
            end += 1;
        }
        // `lines[i..end]` is the block; it needs one content row.
        if let Some(table) = read_block(&lines[i..end], i) {
            tables.push(table);
            i = end;
        } else {
            i += 1;
        }
    }
    tables
}

/// A strict border: `+` then only `-`, `=`, `:`, `+`, ending in `+`.
fn is_start_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.contains(['-', '='])
        && t.chars().all(|c| matches!(c, '+' | '-' | '=' | ':'))
}

/// A border inside a block: also allows the gaps (`+----+    +`) and `|`
/// of column-spanning borders.
fn is_border(line: &str) -> bool {
    let t = line.trim();
    t.len() >= 2
        && t.starts_with('+')
        && t.ends_with('+')
        && t.contains(['-', '='])
        && t.chars()
            .all(|c| matches!(c, '+' | '-' | '=' | ':' | ' ' | '|'))
}

/// The line belongs to a block begun above it.
fn continues(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('|') || t.starts_with('+')
}

fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// Read one block, `block[0]` being line `offset + 1`; `None` if it holds
/// no content row.
fn read_block(block: &[&str], offset: usize) -> Option<RawTable> {
    let first_border = block.first()?;
    let bounds: Vec<usize> = first_border
        .chars()
        .enumerate()
        .filter(|&(_, c)| c == '+')
        .map(|(i, _)| i)
        .collect();
    let ncols = bounds.len().saturating_sub(1).max(1);
    let mut rows = Vec::new();
    let mut other = Vec::new();
    // Content lines of the open row: (line index, pieces per column).
    let mut pending: Vec<(usize, Vec<String>)> = Vec::new();
    let mut head_rule_seen = false;
    for (k, line) in block.iter().enumerate() {
        let idx = offset + k;
        if is_border(line) {
            flush(&mut pending, &mut rows, ncols);
            other.push((line_no(idx), true));
            if !head_rule_seen && line.contains('=') {
                head_rule_seen = true;
                for row in &mut rows {
                    row.head = true;
                }
            }
        } else {
            pending.push((idx, split(line, &bounds, ncols)));
        }
    }
    flush(&mut pending, &mut rows, ncols);
    if rows.is_empty() {
        return None;
    }
    Some(RawTable {
        first: line_no(offset),
        last: line_no(offset + block.len() - 1),
        rows,
        other,
    })
}

/// Close the open row, if it has content lines.
fn flush(pending: &mut Vec<(usize, Vec<String>)>, rows: &mut Vec<RawRow>, ncols: usize) {
    let (Some(&(first, _)), Some(&(last, _))) = (pending.first(), pending.last()) else {
        return;
    };
    let mut cells = vec![RawCell::default(); ncols];
    for (_, pieces) in pending.drain(..) {
        for (cell, piece) in cells.iter_mut().zip(pieces) {
            if piece.is_empty() {
                continue;
            }
            if !cell.text.is_empty() {
                cell.text.push(' ');
            }
            cell.text.push_str(&piece);
        }
    }
    // Bold markers may open on one wrapped line and close on the next:
    // dropped once the cell is whole.
    for cell in &mut cells {
        super::drop_strong_markers(&mut cell.text);
    }
    rows.push(RawRow {
        first: line_no(first),
        last: line_no(last),
        cells,
        head: false,
    });
}

/// Cut a content line into `ncols` trimmed pieces: at the border's `+`
/// positions when the line has `|` there, else on its unescaped `|`s.
fn split(line: &str, bounds: &[usize], ncols: usize) -> Vec<String> {
    let chars: Vec<char> = line.trim_end().chars().collect();
    // Aligned: a `|` at every boundary and nothing past the last one.
    let aligned = bounds.len() >= 2
        && bounds.iter().all(|&b| chars.get(b) == Some(&'|'))
        && bounds.last().is_some_and(|&b| b + 1 == chars.len());
    if aligned {
        return bounds
            .windows(2)
            .map(|w| {
                let piece: String = chars
                    .get(w[0] + 1..w[1])
                    .unwrap_or_default()
                    .iter()
                    .collect();
                piece.trim().to_string()
            })
            .collect();
    }
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = if t.ends_with('|') && !t.ends_with("\\|") {
        &t[..t.len() - 1]
    } else {
        t
    };
    let mut pieces: Vec<String> = Vec::new();
    let mut cur = String::new();
    let mut prev = '\0';
    for c in t.chars() {
        if c == '|' && prev != '\\' {
            pieces.push(cur.trim().to_string());
            cur.clear();
        } else {
            cur.push(c);
        }
        prev = c;
    }
    pieces.push(cur.trim().to_string());
    // Extra pieces (a stray `|` in a cell) go to the last column.
    if pieces.len() > ncols {
        let extra = pieces.split_off(ncols);
        if let Some(last) = pieces.last_mut() {
            for piece in extra.into_iter().filter(|p| !p.is_empty()) {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(&piece);
            }
        }
    }
    pieces
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::tables::test_support::{assert_accounted, texts};

    const TABLE: &str = "\
Tabel IKI

+------+-----------------+----------+
| NO.  | SASARAN         | SUMBER   |
|      |                 | DATA     |
+======+=================+==========+
| 1.   | Meningkatnya    | Laporan  |
|      | kualitas        | Kinerja  |
+------+-----------------+----------+
| 2.   | $\\frac{A}{B}    | Survei   |
|      | \\times 100\\%$   |          |
+------+-----------------+----------+
| 3.   | ≥ 95 % éé       | x        |
+------+-----------------+----------+

sesudah
";

    #[test]
    fn header_rule_and_wrapped_cells() {
        let tables = read(TABLE);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!((t.first, t.last), (3, 14));
        assert_eq!(t.rows.len(), 4);
        assert!(t.rows[0].head);
        assert!(t.rows[1..].iter().all(|r| !r.head));
        assert_eq!((t.rows[0].first, t.rows[0].last), (4, 5));
        assert_eq!(texts(&t.rows[0]), ["NO.", "SASARAN", "SUMBER DATA"]);
        assert_eq!(
            texts(&t.rows[1]),
            ["1.", "Meningkatnya kualitas", "Laporan Kinerja"]
        );
        assert_eq!(
            t.other,
            [(3, true), (6, true), (9, true), (12, true), (14, true)]
        );
        assert!(t.rows.iter().all(|r| r.cells.iter().all(|c| !c.spanned)));
        assert_accounted(TABLE, &tables);
    }

    #[test]
    fn latex_wrapped_joined_with_one_space() {
        let t = &read(TABLE)[0];
        assert_eq!(
            texts(&t.rows[2]),
            ["2.", "$\\frac{A}{B} \\times 100\\%$", "Survei"]
        );
    }

    #[test]
    fn unicode_content() {
        let t = &read(TABLE)[0];
        assert_eq!(texts(&t.rows[3]), ["3.", "≥ 95 % éé", "x"]);
    }

    #[test]
    fn misaligned_line_falls_back_to_pipes() {
        let text = "+----+-----+\n| 1. | 漢字漢字 |\n| a\\|b | c |\n+----+-----+";
        let t = &read(text)[0];
        assert_eq!(texts(&t.rows[0]), ["1. a\\|b", "漢字漢字 c"]);
        let text = "+---+---+\n| a | b | c | d |\n+---+---+";
        assert_eq!(texts(&read(text)[0].rows[0]), ["a", "b c d"]);
    }

    #[test]
    fn no_head_rule_no_head_rows() {
        let text = "  +---+---+\n  | a | b |\n  +---+---+\n  | c | d |\n  +---+---+\n";
        let tables = read(text);
        let t = &tables[0];
        assert_eq!(t.rows.len(), 2);
        assert!(t.rows.iter().all(|r| !r.head));
        assert_eq!(texts(&t.rows[1]), ["c", "d"]);
        assert_accounted(text, &tables);
    }

    #[test]
    fn missing_final_border() {
        let text = "+---+---+\n| a | b |\n+===+===+\n| c | d |\n| e |   |\nteks biasa\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!((t.first, t.last), (1, 5));
        assert_eq!((t.rows[1].first, t.rows[1].last), (4, 5));
        assert_eq!(texts(&t.rows[1]), ["c e", "d"]);
        assert_accounted(text, &tables);
    }

    #[test]
    fn lone_border_is_not_a_table() {
        assert!(read("+------+------+\n\nteks\n").is_empty());
        assert!(read("+---+\n+---+\n").is_empty());
        assert!(read("+ item\n| a |\n").is_empty());
        // A lone border right before a real table does not swallow it.
        let text = "+---+\n\n+---+\n| a |\n+---+";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].first, 3);
    }

    #[test]
    fn spanning_border_does_not_panic() {
        let text =
            "+------+------+\n| a    | b    |\n+------+      +\n| c    |      |\n+------+------+\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].rows.len(), 2);
        assert!(tables[0].other.contains(&(3, true)));
        assert_accounted(text, &tables);
    }

    #[test]
    fn two_tables_split_by_blank_line() {
        let text = "+---+\n| a |\n+---+\n\n+---+\n| b |\n+---+\n";
        let tables = read(text);
        assert_eq!(tables.len(), 2);
        assert_eq!((tables[1].first, tables[1].last), (5, 7));
        assert_accounted(text, &tables);
    }

    #[test]
    fn prefixes_do_not_panic() {
        for (i, _) in TABLE.char_indices().chain([(TABLE.len(), ' ')]) {
            let text = &TABLE[..i];
            let tables = read(text);
            assert_accounted(text, &tables);
        }
        for junk in [
            "+",
            "++",
            "+-+",
            "+-+\n|",
            "+-+\n+",
            "|\n+-+\n|||\n",
            "+=+\n| \\|",
        ] {
            assert_accounted(junk, &read(junk));
        }
    }
}
