//! HTML tables (MinerU, pandoc for complex cells). Written by a helper.
//!
//! Each block is found by a case-insensitive search for a `<table` start
//! tag, then read with the html5gum tokenizer (byte spans give the lines)
//! from that tag up to its matching `</table>` (nesting tracked) or the end
//! of the text. Only the table itself is tokenized, so ordinary markdown
//! between tables (a stray `<` or `<!--`) cannot hide a later table.
//! `rowspan`/`colspan` are resolved on a grid of slots, like a browser's
//! table layout.

use html5gum::{DefaultEmitter, HtmlString, StringReader, Token, Tokenizer};

use super::{RawCell, RawRow, RawTable};

/// Largest `rowspan`/`colspan` honoured; larger values count as 1.
const MAX_SPAN: u32 = 1000;

/// Every `<table>` block of `text`, in source order.
pub fn read(text: &str) -> Vec<RawTable> {
    let lines = LineIndex::new(text);
    let mut tables = Vec::new();
    let mut from = 0;
    while let Some(start) = find_table_tag(text, from) {
        let (table, end) = read_one(text, start, &lines);
        tables.push(table);
        // `end` is past the matching `</table>` (or the text's end); a
        // second table on the same line is found from there.
        from = end.max(start + 1);
    }
    tables
}

/// Byte offset of the next `<table` start tag at or after `from`.
fn find_table_tag(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() {
        let rel = memchr::memchr(b'<', bytes.get(i..)?)?;
        let at = i + rel;
        // A table written inside an HTML comment is a comment.
        if bytes.get(at..at + 4) == Some(b"<!--") {
            let body = at + 4;
            match memchr::memmem::find(bytes.get(body..)?, b"-->") {
                Some(end) => {
                    i = body + end + 3;
                    continue;
                }
                None => return None,
            }
        }
        let name = bytes.get(at + 1..at + 6);
        if name.is_some_and(|n| n.eq_ignore_ascii_case(b"table")) {
            match bytes.get(at + 6) {
                None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') => {
                    return Some(at);
                }
                _ => {}
            }
        }
        i = at + 1;
    }
    None
}

/// 1-based line numbers of byte offsets.
struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<usize>,
    /// Number of the last line of the text.
    last_line: u32,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        // A final line end does not start a further line.
        let mut count = starts.len();
        if text.ends_with('\n') && count > 1 {
            count -= 1;
        }
        Self {
            starts,
            last_line: u32::try_from(count).unwrap_or(u32::MAX),
        }
    }

    /// Line of byte `at`.
    fn line(&self, at: usize) -> u32 {
        let n = self.starts.partition_point(|&s| s <= at);
        u32::try_from(n.max(1))
            .unwrap_or(u32::MAX)
            .min(self.last_line)
    }
}

/// A cell as written: its text and spans.
struct CellSpec {
    text: String,
    rowspan: u32,
    colspan: u32,
    th: bool,
}

/// A row as written, before spans are resolved.
struct RowSpec {
    first: u32,
    last: u32,
    cells: Vec<CellSpec>,
    in_thead: bool,
}

/// The tokenizer walk over one table.
struct Walk<'a> {
    lines: &'a LineIndex,
    base: usize,
    rows: Vec<RowSpec>,
    /// The open row, if any; its last byte seen so far.
    row: Option<(RowSpec, usize)>,
    /// The open cell, if any.
    cell: Option<CellSpec>,
    in_thead: bool,
}

impl Walk<'_> {
    fn line(&self, rel: usize) -> u32 {
        self.lines.line(self.base + rel)
    }

    /// Note that the open row reaches byte `rel` (exclusive end).
    fn touch(&mut self, rel_end: usize) {
        if let Some((_, last)) = self.row.as_mut() {
            *last = (*last).max(rel_end.saturating_sub(1));
        }
    }

    fn close_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            if let Some((row, _)) = self.row.as_mut() {
                row.cells.push(cell);
            }
        }
    }

    /// Close the open row; `end` is the byte of its `</tr>` if it has one.
    fn close_row(&mut self, end: Option<usize>) {
        self.close_cell();
        if let Some((mut row, last)) = self.row.take() {
            row.last = self.line(end.unwrap_or(last)).max(row.first);
            self.rows.push(row);
        }
    }

    fn open_row(&mut self, rel: usize) {
        self.close_row(None);
        let first = self.line(rel);
        self.row = Some((
            RowSpec {
                first,
                last: first,
                cells: Vec::new(),
                in_thead: self.in_thead,
            },
            rel,
        ));
    }

    fn push_text(&mut self, s: &str) {
        if let Some(cell) = self.cell.as_mut() {
            cell.text.extend(
                s.chars()
                    .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
            );
        }
    }

    fn push_space(&mut self) {
        if let Some(cell) = self.cell.as_mut() {
            if !cell.text.is_empty() && !cell.text.ends_with(' ') {
                cell.text.push(' ');
            }
        }
    }
}

/// Read the table whose `<table` tag is at byte `start`; returns it and the
/// byte offset just past its end.
fn read_one(text: &str, start: usize, lines: &LineIndex) -> (RawTable, usize) {
    let src = text.get(start..).unwrap_or("");
    let tokenizer: Tokenizer<StringReader<'_>, DefaultEmitter<usize>> =
        Tokenizer::new_with_emitter(src, DefaultEmitter::<usize>::new_with_span());
    let mut walk = Walk {
        lines,
        base: start,
        rows: Vec::new(),
        row: None,
        cell: None,
        in_thead: false,
    };
    let mut depth = 0usize;
    let mut end: Option<usize> = None;
    for token in tokenizer {
        let token: Token<usize> = match token {
            Ok(t) => t,
            Err(e) => match e {},
        };
        match token {
            Token::StartTag(tag) => {
                let name = tag.name.as_slice();
                let (s, e) = (tag.span.start, tag.span.end);
                if name == b"table" {
                    depth += 1;
                    if depth > 1 {
                        walk.push_space();
                        walk.touch(e);
                    }
                    continue;
                }
                if depth > 1 {
                    if is_break(name) {
                        walk.push_space();
                    }
                    walk.touch(e);
                    continue;
                }
                match name {
                    b"thead" => {
                        walk.close_row(None);
                        walk.in_thead = true;
                    }
                    b"tbody" | b"tfoot" => {
                        walk.close_row(None);
                        walk.in_thead = false;
                    }
                    b"tr" => walk.open_row(s),
                    b"td" | b"th" => {
                        walk.close_cell();
                        if walk.row.is_none() {
                            walk.open_row(s);
                        }
                        walk.cell = Some(CellSpec {
                            text: String::new(),
                            rowspan: span_attr(&tag.attributes, b"rowspan"),
                            colspan: span_attr(&tag.attributes, b"colspan"),
                            th: name == b"th",
                        });
                        walk.touch(e);
                    }
                    _ => {
                        if is_break(name) {
                            walk.push_space();
                        }
                        if walk.cell.is_some() {
                            walk.touch(e);
                        }
                    }
                }
            }
            Token::EndTag(tag) => {
                let name = tag.name.as_slice();
                let (s, e) = (tag.span.start, tag.span.end);
                if name == b"table" {
                    if depth <= 1 {
                        walk.close_row(None);
                        end = Some(e.max(s + 1));
                        break;
                    }
                    depth -= 1;
                    walk.push_space();
                    walk.touch(e);
                    continue;
                }
                if depth > 1 {
                    if is_break(name) {
                        walk.push_space();
                    }
                    walk.touch(e);
                    continue;
                }
                match name {
                    b"thead" => {
                        walk.close_row(None);
                        walk.in_thead = false;
                    }
                    b"tbody" | b"tfoot" => walk.close_row(None),
                    b"tr" => walk.close_row(Some(e.saturating_sub(1).max(s))),
                    b"td" | b"th" => {
                        if walk.cell.is_some() {
                            walk.close_cell();
                            walk.touch(e);
                        }
                    }
                    _ => {
                        if is_break(name) {
                            walk.push_space();
                        }
                        if walk.cell.is_some() {
                            walk.touch(e);
                        }
                    }
                }
            }
            Token::String(s) => {
                if walk.cell.is_some() {
                    let value = String::from_utf8_lossy(s.value.as_slice());
                    if !value.trim().is_empty() {
                        walk.touch(s.span.end);
                    }
                    walk.push_text(&value);
                }
            }
            Token::Comment(_) | Token::Doctype(_) | Token::Error(_) => {}
        }
    }
    walk.close_row(None);
    let first = lines.line(start);
    let (last, end) = match end {
        Some(e) => (lines.line(start + e - 1).max(first), start + e),
        None => (lines.last_line.max(first), text.len()),
    };
    let rows = layout(walk.rows, text.len());
    let other = other_lines(text, lines, first, last, &rows);
    (
        RawTable {
            first,
            last,
            rows,
            other,
        },
        end,
    )
}

/// Tags whose boundary separates words in a cell.
fn is_break(name: &[u8]) -> bool {
    matches!(
        name,
        b"br"
            | b"p"
            | b"div"
            | b"li"
            | b"ul"
            | b"ol"
            | b"hr"
            | b"tr"
            | b"td"
            | b"th"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
    )
}

/// A `rowspan`/`colspan` value: leading digits as a browser reads them;
/// missing, invalid, 0 or over [`MAX_SPAN`] count as 1.
fn span_attr(
    attrs: &std::collections::BTreeMap<HtmlString, html5gum::Spanned<HtmlString, usize>>,
    key: &[u8],
) -> u32 {
    let Some(value) = attrs.get(key) else {
        return 1;
    };
    let s = String::from_utf8_lossy(value.value.as_slice());
    let s = s.trim_start();
    let s = s.strip_prefix('+').unwrap_or(s);
    let digits: String = s.chars().take_while(char::is_ascii_digit).take(8).collect();
    match digits.parse::<u32>() {
        Ok(n) if (1..=MAX_SPAN).contains(&n) => n,
        _ => 1,
    }
}

/// Resolve spans: each row's cells fill the first free slots left to right;
/// a covered slot gets the spanning cell's text (rowspan) or "" (colspan),
/// marked `spanned`. `budget_base` bounds the slots spans may create.
fn layout(specs: Vec<RowSpec>, budget_base: usize) -> Vec<RawRow> {
    let nrows = specs.len();
    let mut grid: Vec<Vec<Option<RawCell>>> = vec![Vec::new(); nrows];
    // Slots created by spans beyond the cell itself; past the budget,
    // spans count as 1 so that work stays linear in the input.
    let mut budget = budget_base.saturating_mul(4).saturating_add(10_000);
    let mut meta = Vec::with_capacity(nrows);
    for (r, spec) in specs.into_iter().enumerate() {
        let mut col = 0usize;
        let all_th = !spec.cells.is_empty() && spec.cells.iter().all(|c| c.th);
        for cell in spec.cells {
            while grid[r].get(col).is_some_and(Option::is_some) {
                col += 1;
            }
            let mut colspan = cell.colspan as usize;
            let mut rowspan = (cell.rowspan as usize).min(nrows - r);
            let extra = (colspan * rowspan).saturating_sub(1);
            if extra > budget {
                colspan = 1;
                rowspan = 1;
            } else {
                budget -= extra;
            }
            for dr in 0..rowspan {
                let row = &mut grid[r + dr];
                if row.len() < col + colspan {
                    row.resize(col + colspan, None);
                }
                for dc in 0..colspan {
                    let slot = &mut row[col + dc];
                    if slot.is_some() {
                        // Overlapping spans: the earlier cell keeps it.
                        continue;
                    }
                    *slot = Some(match (dr, dc) {
                        (0, 0) => RawCell {
                            text: cell.text.clone(),
                            spanned: false,
                        },
                        (_, 0) => RawCell {
                            text: cell.text.clone(),
                            spanned: true,
                        },
                        _ => RawCell {
                            text: String::new(),
                            spanned: true,
                        },
                    });
                }
            }
            col += colspan;
        }
        meta.push((spec.first, spec.last, spec.in_thead || all_th));
    }
    grid.into_iter()
        .zip(meta)
        .filter(|(cells, _)| !cells.is_empty())
        .map(|(cells, (first, last, head))| RawRow {
            first,
            last,
            cells: cells.into_iter().map(Option::unwrap_or_default).collect(),
            head,
        })
        .collect()
}

/// Non-blank lines of `first..=last` outside every row.
fn other_lines(
    text: &str,
    lines: &LineIndex,
    first: u32,
    last: u32,
    rows: &[RawRow],
) -> Vec<(u32, bool)> {
    let mut covered = vec![false; (last - first + 1) as usize];
    for row in rows {
        for l in row.first.max(first)..=row.last.min(last) {
            covered[(l - first) as usize] = true;
        }
    }
    (first..=last)
        .filter(|l| !covered[(l - first) as usize])
        .filter(|&l| !line_text(text, lines, l).trim().is_empty())
        .map(|l| (l, false))
        .collect()
}

/// The text of line `l` (1-based), without its line end.
fn line_text<'t>(text: &'t str, lines: &LineIndex, l: u32) -> &'t str {
    let i = (l as usize).saturating_sub(1);
    let start = lines.starts.get(i).copied().unwrap_or(text.len());
    let end = lines
        .starts
        .get(i + 1)
        .map_or(text.len(), |&s| s.saturating_sub(1));
    text.get(start..end.max(start)).unwrap_or("")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    use crate::tables::test_support::{assert_accounted, texts};

    fn spanned(row: &RawRow) -> Vec<bool> {
        row.cells.iter().map(|c| c.spanned).collect()
    }

    #[test]
    fn mineru_one_line_rowspan_colspan() {
        let text = "# Judul\n\n<html><body><table><tr><td rowspan=\"3\">1.</td><td colspan=\"2\">Sasaran</td><td>X</td></tr><tr><td>a</td><td>b</td><td>c</td></tr><tr><td>d</td><td>e</td><td>f</td></tr><tr><td>g</td><td>h</td></tr></table></body></html>\n\nteks\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!((t.first, t.last), (3, 3));
        assert!(t.other.is_empty());
        assert_eq!(t.rows.len(), 4);
        assert!(t
            .rows
            .iter()
            .all(|r| r.first == 3 && r.last == 3 && !r.head));
        assert_eq!(texts(&t.rows[0]), ["1.", "Sasaran", "", "X"]);
        assert_eq!(spanned(&t.rows[0]), [false, false, true, false]);
        assert_eq!(texts(&t.rows[1]), ["1.", "a", "b", "c"]);
        assert_eq!(spanned(&t.rows[1]), [true, false, false, false]);
        assert_eq!(texts(&t.rows[2]), ["1.", "d", "e", "f"]);
        assert_eq!(texts(&t.rows[3]), ["g", "h"]);
        assert_eq!(spanned(&t.rows[3]), [false, false]);
        assert_accounted(text, &tables);
    }

    #[test]
    fn rowspan_and_colspan_together_and_cut_at_end() {
        let text = "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr>\n<tr><td>C</td></tr>\n<tr><td rowspan=9>D</td><td colspan=0>E</td><td colspan=x>F</td><td rowspan=5000>G</td></tr></table>";
        let t = &read(text)[0];
        assert_eq!(texts(&t.rows[0]), ["A", "", "B"]);
        assert_eq!(texts(&t.rows[1]), ["A", "", "C"]);
        assert_eq!(spanned(&t.rows[1]), [true, true, false]);
        assert_eq!(texts(&t.rows[2]), ["D", "E", "F", "G"]);
        assert_eq!(t.rows.len(), 3);
        assert_eq!((t.rows[1].first, t.rows[1].last), (2, 2));
        assert_accounted(text, std::slice::from_ref(t));
    }

    #[test]
    fn hole_is_padded_but_no_trailing_cells() {
        let text = "<table><tr><td rowspan=2>A</td><td>B</td><td rowspan=2>C</td><td>D</td></tr><tr></tr></table>";
        let t = &read(text)[0];
        assert_eq!(texts(&t.rows[1]), ["A", "", "C"]);
        assert_eq!(spanned(&t.rows[1]), [true, false, true]);
    }

    #[test]
    fn multi_line_thead_tbody() {
        let text = "Tabel 1\n<table>\n  <thead>\n    <tr>\n      <th>NO.</th>\n      <th>SASARAN</th>\n    </tr>\n  </thead>\n  <tbody>\n    <tr>\n      <td>1.</td>\n      <td>Meningkatnya\n kualitas</td>\n    </tr>\n    <tr><th>2.</th><th>Semua th</th></tr>\n    <tr><td>3.</td></tr>\n  </tbody>\n</table>\nsesudah\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!((t.first, t.last), (2, 18));
        assert_eq!(t.rows.len(), 4);
        assert_eq!((t.rows[0].first, t.rows[0].last), (4, 7));
        assert!(t.rows[0].head);
        assert_eq!(texts(&t.rows[0]), ["NO.", "SASARAN"]);
        assert_eq!((t.rows[1].first, t.rows[1].last), (10, 14));
        assert!(!t.rows[1].head);
        assert_eq!(texts(&t.rows[1]), ["1.", "Meningkatnya  kualitas"]);
        assert!(t.rows[2].head);
        assert!(!t.rows[3].head);
        assert_eq!(
            t.other,
            [
                (2, false),
                (3, false),
                (8, false),
                (9, false),
                (17, false),
                (18, false)
            ]
        );
        assert_accounted(text, &tables);
    }

    #[test]
    fn entities_and_inline_tags() {
        let text = "<table><tr><td>A &amp; B&nbsp;C &lt;5&gt;</td><td><b>tebal</b> <i>miring</i>x<br>baris<br/>dua</td><td><p>satu</p><p>dua</p><div>tiga</div></td></tr></table>";
        let t = &read(text)[0];
        assert_eq!(t.rows[0].cells[0].text, "A & B\u{a0}C <5>");
        assert_eq!(t.rows[0].cells[1].text, "tebal miringx baris dua");
        assert_eq!(t.rows[0].cells[2].text.trim(), "satu dua tiga");
    }

    #[test]
    fn nested_table_text_goes_to_cell() {
        let text = "<table><tr><td>luar<table><tr><td>dalam</td><td>dua</td></tr></table></td><td>b</td></tr></table>";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells.len(), 2);
        assert!(t.rows[0].cells[0].text.contains("luar"));
        assert!(t.rows[0].cells[0].text.contains("dalam dua"));
        assert_eq!(t.rows[0].cells[1].text, "b");
    }

    #[test]
    fn two_tables_on_one_line() {
        let text = "a\n<TABLE><tr><td>1</td></tr></table> dan <table border=1><tr><th>2</th></tr></table>\nb\n";
        let tables = read(text);
        assert_eq!(tables.len(), 2);
        assert_eq!((tables[0].first, tables[0].last), (2, 2));
        assert_eq!((tables[1].first, tables[1].last), (2, 2));
        assert_eq!(texts(&tables[0].rows[0]), ["1"]);
        assert_eq!(texts(&tables[1].rows[0]), ["2"]);
        assert!(tables[1].rows[0].head);
        assert_accounted(text, &tables);
    }

    #[test]
    fn table_cut_in_two() {
        let text = "<table>\n<tr><td>1</td><td>a</td></tr>\n</table>\n\n<!-- halaman 2 -->\n\n<table>\n<tr><td>2</td><td>b</td></tr>\n</table>\n";
        let tables = read(text);
        assert_eq!(tables.len(), 2);
        assert_eq!((tables[0].first, tables[0].last), (1, 3));
        assert_eq!((tables[1].first, tables[1].last), (7, 9));
        assert_eq!(tables[0].other, [(1, false), (3, false)]);
        assert_eq!(texts(&tables[1].rows[0]), ["2", "b"]);
        assert_accounted(text, &tables);
    }

    #[test]
    fn missing_tr_end_and_td_outside_tr() {
        let text = "<table>\n<td>x</td><td>y</td>\n<tr><td>a\n<td>b\n<tr><td>c</td>\n\n</table>";
        let tables = read(text);
        let t = &tables[0];
        assert_eq!(t.rows.len(), 3);
        assert_eq!(texts(&t.rows[0]), ["x", "y"]);
        assert_eq!((t.rows[0].first, t.rows[0].last), (2, 2));
        assert_eq!(texts(&t.rows[1]), ["a ", "b "]);
        assert_eq!((t.rows[1].first, t.rows[1].last), (3, 4));
        assert_eq!((t.rows[2].first, t.rows[2].last), (5, 5));
        assert_accounted(text, &tables);
    }

    #[test]
    fn unclosed_table_runs_to_end() {
        let text = "x\n<table><tr><td>a</td></tr>\n<tr><td>b\n\nmore\n";
        let tables = read(text);
        assert_eq!(tables.len(), 1);
        assert_eq!((tables[0].first, tables[0].last), (2, 5));
        assert_accounted(text, &tables);
    }

    #[test]
    fn a_table_inside_a_comment_is_not_read() {
        let src = "<!-- like <html><body><table>... -->\n# X\n<table><tr><td>a</td></tr></table>\n";
        let t = read(src);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].first, 3);
        assert!(read("<!-- <table> never closed").is_empty());
    }

    #[test]
    fn not_a_table_tag() {
        assert!(read("<tablet> <tabl <p>table</p> a < b").is_empty());
    }

    #[test]
    fn prefixes_do_not_panic() {
        let full = "pre <x\n<html><body><table border=\"1\"><thead><tr><th colspan=\"2\">H &amp; é</th></tr></thead>\n<tbody><tr><td rowspan=\"3\">≥ 95<br>%</td><td>b<!-- c --></td></tr>\n<tr><td><table><tr><td>n</td></tr></table></td></tr>\n<td colspan=99999 rowspan='-1'>z</td></tbody></table></body></html>\n<table><tr><td>2";
        for (i, _) in full.char_indices().chain([(full.len(), ' ')]) {
            let text = &full[..i];
            let tables = read(text);
            assert_accounted(text, &tables);
        }
        let junk = [
            "<table",
            "<table>",
            "</table>",
            "<td>",
            "<table><td rowspan=",
            "<table/><<<>>",
            "<table>\n\n\n",
        ];
        for j in junk {
            assert_accounted(j, &read(j));
        }
    }

    #[test]
    fn span_budget_bounds_work() {
        let mut text = String::from("<table>");
        for _ in 0..200 {
            text.push_str("<tr><td rowspan=1000 colspan=1000>x</td></tr>");
        }
        text.push_str("</table>");
        let t = &read(&text)[0];
        assert_eq!(t.rows.len(), 200);
    }
}
