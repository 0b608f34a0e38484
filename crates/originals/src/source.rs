//! The source text an original is turned into, and the place of each of
//! its lines.
//!
//! Every reader writes through [`SourceText`], so every original comes out
//! in one shape the parser already reads: a heading or text line per
//! paragraph (blank lines between, so markdown joins nothing), and tables
//! as HTML with one `<tr>` per line, `rowspan`/`colspan` where the original
//! merged cells, `<br>` for a line break inside a cell.

use iki_model::{Origin, OriginalFormat, Place};

/// A cell of a table of an original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    /// The text; a `\n` is a line break inside the cell.
    pub text: String,
    /// Rows the cell covers (1 when not merged down).
    pub rowspan: u32,
    /// Columns the cell covers (1 when not merged across).
    pub colspan: u32,
}

impl Cell {
    /// A cell covering one row and one column.
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            rowspan: 1,
            colspan: 1,
        }
    }
}

/// A row of a table of an original. Cells covered by a merge above or to
/// the left are not listed (as in HTML).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// The cells, left to right.
    pub cells: Vec<Cell>,
    /// The original marks the row as a header row (Word's "repeat as
    /// header row"); written as `<th>` cells.
    pub header: bool,
    /// Where the row is in the original.
    pub place: Place,
}

/// The source text being written, with one place per line.
#[derive(Debug, Default)]
pub struct SourceText {
    text: String,
    places: Vec<Place>,
    furniture: Vec<u32>,
}

/// A source text made from an original: what the parser reads, and where
/// each of its lines came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// Markdown with HTML tables.
    pub text: String,
    /// The original's format and the place of every line of `text`.
    pub origin: Origin,
    /// The 1-based lines of `text` that hold page furniture (running
    /// headers and footers, page numbers), written as HTML comments.
    pub furniture: Vec<u32>,
}

impl SourceText {
    /// An empty source text.
    pub fn new() -> SourceText {
        SourceText::default()
    }

    /// Whether nothing was written yet.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// How many lines were written.
    pub fn lines(&self) -> usize {
        self.places.len()
    }

    fn push(&mut self, line: &str, place: &Place) {
        self.text.push_str(line);
        self.text.push('\n');
        self.places.push(place.clone());
    }

    fn blank(&mut self, place: &Place) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.push("", place);
        }
    }

    /// A paragraph of text on one line (line breaks become spaces), with a
    /// blank line before it. An empty paragraph writes nothing.
    pub fn line(&mut self, text: &str, place: Place) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.blank(&place);
        self.push(&text, &place);
    }

    /// A heading of `level` (1 to 6).
    pub fn heading(&mut self, level: u8, text: &str, place: Place) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.blank(&place);
        let hashes = "#".repeat(usize::from(level.clamp(1, 6)));
        self.push(&format!("{hashes} {text}"), &place);
    }

    /// A paragraph set in bold as a whole (a group banner, a position
    /// title).
    pub fn bold(&mut self, text: &str, place: Place) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.blank(&place);
        self.push(&format!("**{text}**"), &place);
    }

    /// A line of page furniture (a running header or footer, a page
    /// number) kept as an HTML comment, so that it is in the text (and in
    /// the document's skipped lines as `page_furniture`) but read as no
    /// content.
    pub fn furniture(&mut self, text: &str, place: Place) {
        let text = one_line(text).replace("--", "- -");
        if text.is_empty() {
            return;
        }
        self.blank(&place);
        self.push(&format!("<!-- {text} -->"), &place);
        self.furniture.push(self.places.len() as u32);
    }

    /// A table: `<table>`, one `<tr>` line per row, `</table>`. The
    /// `<table>` line takes the first row's place and `</table>` the
    /// last's. A table without rows writes nothing.
    pub fn table(&mut self, rows: &[TableRow]) {
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            return;
        };
        self.blank(&first.place);
        self.push("<table>", &first.place);
        let mut line = String::new();
        for row in rows {
            line.clear();
            line.push_str("<tr>");
            let tag = if row.header { "th" } else { "td" };
            for cell in &row.cells {
                line.push('<');
                line.push_str(tag);
                if cell.rowspan > 1 {
                    line.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
                }
                if cell.colspan > 1 {
                    line.push_str(&format!(" colspan=\"{}\"", cell.colspan));
                }
                line.push('>');
                escape_cell(&cell.text, &mut line);
                line.push_str("</");
                line.push_str(tag);
                line.push('>');
            }
            line.push_str("</tr>");
            self.push(&line, &row.place);
        }
        self.push("</table>", &last.place);
    }

    /// The finished source.
    pub fn finish(self, format: OriginalFormat) -> Source {
        Source {
            text: self.text,
            origin: Origin {
                format,
                places: self.places,
            },
            furniture: self.furniture,
        }
    }
}

/// `text` on one line: runs of whitespace (line breaks included) become
/// one space, ends trimmed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cell text as HTML: `&`, `<`, `>` escaped, a line break as `<br>`, other
/// whitespace runs as one space.
fn escape_cell(text: &str, out: &mut String) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str("<br>");
        }
        let mut space = false;
        for c in line.trim().chars() {
            if c.is_whitespace() {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                _ => out.push(c),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_has_a_place() {
        let p = |paragraph| Place::Paragraph { paragraph };
        let row = |row, cells: Vec<Cell>, header| TableRow {
            cells,
            header,
            place: Place::TableRow { table: 1, row },
        };
        let mut s = SourceText::new();
        s.heading(3, "1. KEPALA  BADAN", p(1));
        s.line("Tugas : memimpin\nbadan", p(2));
        s.line("   ", p(3));
        let mut merged = Cell::new("Sasaran <A> & B");
        merged.rowspan = 2;
        s.table(&[
            row(1, vec![Cell::new("SASARAN"), Cell::new("INDIKATOR")], true),
            row(2, vec![merged, Cell::new("satu\ndua")], false),
            row(3, vec![Cell::new("x")], false),
        ]);
        let source = s.finish(OriginalFormat::Docx);
        assert_eq!(
            source.text,
            "### 1. KEPALA BADAN\n\nTugas : memimpin badan\n\n<table>\n\
             <tr><th>SASARAN</th><th>INDIKATOR</th></tr>\n\
             <tr><td rowspan=\"2\">Sasaran &lt;A&gt; &amp; B</td><td>satu<br>dua</td></tr>\n\
             <tr><td>x</td></tr>\n</table>\n"
        );
        assert_eq!(source.origin.places.len(), source.text.lines().count());
        assert_eq!(
            source.origin.places[5],
            Place::TableRow { table: 1, row: 1 }
        );
        assert_eq!(
            source.origin.places[8],
            Place::TableRow { table: 1, row: 3 }
        );
    }
}
