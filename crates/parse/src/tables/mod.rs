//! Table dialects: each reader turns one way of writing a table into the
//! same [`RawTable`]s, so that everything after it (classify, build, the
//! normalizer, every output) does not care which dialect a row came from.
//!
//! - tab-separated lines are read line by line in `classify` (the seed's
//!   converter; the fast path);
//! - `pipe`: GitHub pipe tables, from pulldown-cmark's table events;
//! - `html`: `<table>` blocks, through the html5gum tokenizer, with
//!   `rowspan`/`colspan` resolved;
//! - `grid`: pandoc grid tables (`+---+`, `+===+`), wrapped cells joined.
//!
//! A reader claims the source lines of its blocks: `classify` makes no
//! line token for them, only the row tokens the reader gives, plus a
//! markup or separator token for each claimed line that holds no row.

pub mod grid;
pub mod html;
pub mod pipe;

pub use iki_model::TableDialect as Dialect;

/// Which table readers a text needs, from one scan of its bytes: a `|`
/// (pipe tables), a `<table` in any case (HTML), a `+-` or `+=` (grid
/// borders).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Marks {
    /// The text has a `|`.
    pub pipe: bool,
    /// The text has `<table`, any case.
    pub html: bool,
    /// The text has `+-` or `+=`.
    pub grid: bool,
}

impl Marks {
    /// The marks of `text`.
    pub fn of(text: &str) -> Marks {
        let b = text.as_bytes();
        let mut m = Marks::default();
        for at in memchr::memchr3_iter(b'|', b'<', b'+', b) {
            match b[at] {
                b'|' => m.pipe = true,
                b'<' => {
                    m.html |= b
                        .get(at + 1..at + 6)
                        .is_some_and(|n| n.eq_ignore_ascii_case(b"table"))
                }
                _ => m.grid |= matches!(b.get(at + 1), Some(b'-' | b'=')),
            }
            if m.pipe && m.html && m.grid {
                break;
            }
        }
        m
    }
}

/// Drops the strong-emphasis markers (`**`, `__`) a markdown converter
/// puts around bold cell text (header cells, as a rule); the cell's words
/// stay. Pipe and grid cells are read from the source, not through a
/// markdown inline parser, so this is their only markup.
pub fn drop_strong_markers(cell: &mut String) {
    if cell.contains("**") || cell.contains("__") {
        *cell = cell.replace("**", "").replace("__", "");
    }
}

/// One table block as a dialect reader sees it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawTable {
    /// First and last 1-based source line of the block.
    pub first: u32,
    /// Last line of the block.
    pub last: u32,
    /// Rows in source order (header rows included).
    pub rows: Vec<RawRow>,
    /// Non-blank lines of the block that hold no row: borders, `<table>`,
    /// `</tbody>`, alignment rows. Each is a line number and whether it is
    /// a separator (a border or alignment row) rather than markup.
    pub other: Vec<(u32, bool)>,
}

/// One row of a table.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawRow {
    /// First 1-based source line holding the row's cells.
    pub first: u32,
    /// Last line holding the row's cells (a wrapped grid row, a `<tr>`
    /// spread over lines).
    pub last: u32,
    /// The cells, one per column, after spans are resolved.
    pub cells: Vec<RawCell>,
    /// The dialect marks the row as a header: `<th>` cells or `<thead>`,
    /// the rows above a grid table's `+===+` rule, a pipe table's first row.
    /// A header by structure may still be data (a table continued after a
    /// page break); `classify` decides from its words.
    pub head: bool,
}

/// One cell of a [`RawRow`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawCell {
    /// The cell's text: tags other than formatting removed by the reader
    /// where it has parsed them, line breaks and `<br>` as spaces; not yet
    /// whitespace-collapsed (`cells::clean` does that).
    pub text: String,
    /// The cell is covered by a `rowspan` from above or a `colspan` from
    /// the left: its text is the spanning cell's (rowspan) or empty
    /// (colspan).
    pub spanned: bool,
}

/// Helpers the readers' unit tests share.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{RawRow, RawTable};

    pub fn texts(row: &RawRow) -> Vec<&str> {
        row.cells.iter().map(|c| c.text.as_str()).collect()
    }

    /// Every non-blank line of each block is in a row or in `other`.
    pub fn assert_accounted(text: &str, tables: &[RawTable]) {
        let lines: Vec<&str> = text.split('\n').collect();
        for t in tables {
            assert!(t.first <= t.last, "{t:?}");
            for l in t.first..=t.last {
                let blank = lines
                    .get(l as usize - 1)
                    .is_none_or(|s| s.trim().is_empty());
                let in_row = t.rows.iter().any(|r| r.first <= l && l <= r.last);
                let in_other = t.other.iter().any(|&(o, _)| o == l);
                assert!(!(in_row && in_other), "line {l} twice in {t:?}");
                if !blank {
                    assert!(in_row || in_other, "line {l} unaccounted in {t:?}");
                }
            }
            for r in &t.rows {
                assert!(t.first <= r.first && r.first <= r.last && r.last <= t.last);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Marks;

    #[test]
    fn marks_name_the_readers_a_text_needs() {
        assert_eq!(Marks::of("a\tb\tc <i>x</i> 1+1"), Marks::default());
        let all = Marks::of("| a |\n<TABLE>\n+---+");
        assert!(all.pipe && all.html && all.grid);
        assert!(Marks::of("<Table border=1>").html);
        assert!(Marks::of("+===+").grid && !Marks::of("+ -").grid);
    }
}
