//! GitHub pipe tables (Docling, marker, pandoc): pulldown-cmark finds the
//! tables and their rows; the cells are split here from the source line,
//! so that no cell is lost (a GFM reader drops cells beyond the head's
//! count) and a cell keeps its text as written (LaTeX `\%` stays).

use super::{RawCell, RawRow, RawTable};
use crate::blocks::{Line, PipeBlock};

/// The tables of `blocks`, read from `lines`. A row line without a `|`
/// (a line GFM takes into the table lazily, such as a tab-separated line
/// after it) ends the table: it and what follows are left to the other
/// readers.
pub fn read(lines: &[Line], blocks: &[PipeBlock]) -> Vec<RawTable> {
    let mut out = Vec::new();
    for b in blocks {
        let mut table = RawTable {
            first: b.lines.0 as u32 + 1,
            last: b.lines.0 as u32 + 1,
            ..RawTable::default()
        };
        let mut end = b.lines.1;
        // A table written without outer pipes (`a | b`) may still start a
        // row with `|`: there the pipe closes an empty first cell, as the
        // writer meant, not an outer pipe.
        let outer = b
            .rows
            .first()
            .and_then(|&(i, _)| lines.get(i))
            .is_none_or(|l| l.raw.trim_start().starts_with('|'));
        for &(i, head) in &b.rows {
            let Some(line) = lines.get(i) else { break };
            if !line.raw.contains('|') {
                end = i.saturating_sub(1);
                break;
            }
            table.rows.push(RawRow {
                first: line.number,
                last: line.number,
                cells: split_row(line.raw, outer)
                    .into_iter()
                    .map(|text| RawCell {
                        text,
                        spanned: false,
                    })
                    .collect(),
                head,
            });
        }
        let Some(first_row) = table.rows.first().map(|r| r.first) else {
            continue;
        };
        table.first = first_row;
        table.last = end as u32 + 1;
        let in_row = |n: u32| table.rows.iter().any(|r| r.first == n);
        let other: Vec<(u32, bool)> = lines
            .get(b.lines.0..=end.min(lines.len().saturating_sub(1)))
            .unwrap_or(&[])
            .iter()
            .filter(|l| !l.is_blank() && !in_row(l.number))
            .map(|l| (l.number, true))
            .collect();
        table.other = other;
        out.push(table);
    }
    out
}

/// [`split`], except that in a table without outer pipes a leading `|`
/// opens with an empty cell.
fn split_row(raw: &str, outer: bool) -> Vec<String> {
    let mut cells = split(raw);
    if !outer && raw.trim_start().starts_with('|') {
        cells.insert(0, String::new());
    }
    cells
}

/// The cells of one pipe table line: split at `|` that is neither escaped
/// (`\|`) nor inside a code span, without the outer pipes; `\|` becomes
/// `|`, strong emphasis markers (`**`, `__`) are dropped.
pub fn split(raw: &str) -> Vec<String> {
    let s = raw.trim();
    let s = s.strip_prefix('|').unwrap_or(s);
    let s = if s.ends_with('|') && !s.ends_with("\\|") {
        &s[..s.len() - 1]
    } else {
        s
    };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut code = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '`' => {
                code = !code;
                cell.push(c);
            }
            '|' if !code => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    for c in &mut cells {
        super::drop_strong_markers(c);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    #[test]
    fn splits_cells_with_escapes_and_code() {
        assert_eq!(split("| a | b |"), vec![" a ", " b "]);
        assert_eq!(split("a | b"), vec!["a ", " b"]);
        assert_eq!(split(r"| x \| y | `c|d` |"), vec![" x | y ", " `c|d` "]);
        assert_eq!(split("| **SASARAN** | c |"), vec![" SASARAN ", " c "]);
        assert_eq!(split("|  |  |"), vec!["  ", "  "]);
    }

    #[test]
    fn reads_tables_and_stops_at_a_line_without_a_pipe() {
        let src = "## X\n\n| a | b |\n|---|:--|\n| 1 \\| x | 2 | 3 |\nA\tB\tC\n";
        let (lines, blocks) = blocks::read_with_tables(src, true);
        let t = read(&lines, &blocks);
        assert_eq!(t.len(), 1);
        assert_eq!((t[0].first, t[0].last), (3, 5));
        assert_eq!(t[0].rows.len(), 2);
        assert!(t[0].rows[0].head && !t[0].rows[1].head);
        // The third cell, which GFM would drop, is kept.
        assert_eq!(t[0].rows[1].cells.len(), 3);
        assert_eq!(t[0].rows[1].cells[0].text, " 1 | x ");
        assert_eq!(t[0].other, vec![(4, true)]);
        // Without outer pipes, a row that starts with `|` has an empty
        // first cell.
        let src = "a | b | c\n--- | --- | ---\n | y | z\n";
        let (lines, blocks) = blocks::read_with_tables(src, true);
        let t = read(&lines, &blocks);
        let texts: Vec<&str> = t[0].rows[1].cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["", " y ", " z"]);
        // The seed's dialect is not a pipe table.
        let (_, blocks) = blocks::read_with_tables("S\tI\tF\n---\t---\t---\n", true);
        assert!(blocks.is_empty());
    }
}
