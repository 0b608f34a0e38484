//! Provenance of a document read from an original (Word, Excel, PDF or
//! the layout text pdftotext makes) rather than from markdown.
//!
//! The reader of an original writes a *source text* (markdown with one
//! HTML table row per line) and the parser counts its lines, so every span
//! in the model is a span of that text (`iki render --source` prints it).
//! [`Origin::places`] gives, for every line of the source text, the place
//! in the original it was made from: a person follows an element's span to
//! its places, and the flat rows carry the place already resolved.

use crate::Span;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The kind of original a document was read from.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OriginalFormat {
    /// Word 2007+ (.docx).
    Docx,
    /// Excel 2007+ (.xlsx, .xlsm).
    Xlsx,
    /// Excel 97-2003 (.xls).
    Xls,
    /// OpenDocument spreadsheet (.ods).
    Ods,
    /// PDF with a text layer, read through `pdftotext -layout`.
    Pdf,
    /// Plain text laid out in columns with spaces (what `pdftotext -layout`
    /// writes).
    LayoutText,
}

impl OriginalFormat {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            OriginalFormat::Docx => "docx",
            OriginalFormat::Xlsx => "xlsx",
            OriginalFormat::Xls => "xls",
            OriginalFormat::Ods => "ods",
            OriginalFormat::Pdf => "pdf",
            OriginalFormat::LayoutText => "layout_text",
        }
    }
}

/// A place in an original: where one line of the source text came from.
///
/// Serialized as an object whose keys say which kind of place it is.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(untagged)]
pub enum Place {
    /// Lines `first..=last` (1-based, counted on the page) of page `page`
    /// (1-based) of a PDF or of layout text (pages split at form feeds).
    Page {
        /// Page, 1-based.
        page: u32,
        /// First line on the page, 1-based.
        first: u32,
        /// Last line on the page.
        last: u32,
    },
    /// Row `row` (1-based) of table `table` (1-based, in document order,
    /// nested tables not counted) of a Word document.
    TableRow {
        /// Table, 1-based.
        table: u32,
        /// Row, 1-based.
        row: u32,
    },
    /// Paragraph `paragraph` (1-based, counting the body's paragraphs
    /// outside tables) of a Word document.
    Paragraph {
        /// Paragraph, 1-based.
        paragraph: u32,
    },
    /// A cell range of a spreadsheet, e.g. sheet "IKI 2025", range "A7:F9".
    Cells {
        /// The sheet's name.
        sheet: String,
        /// The A1-style range.
        range: String,
    },
}

impl Place {
    /// The place in words a person can follow, e.g. "halaman 3, baris
    /// 12-14", "tabel 2, baris 5", "paragraf 41", "'IKI 2025'!A7:F9".
    pub fn describe(&self) -> String {
        match self {
            Place::Page { page, first, last } if first == last => {
                format!("halaman {page}, baris {first}")
            }
            Place::Page { page, first, last } => format!("halaman {page}, baris {first}-{last}"),
            Place::TableRow { table, row } => format!("tabel {table}, baris {row}"),
            Place::Paragraph { paragraph } => format!("paragraf {paragraph}"),
            Place::Cells { sheet, range } => format!("'{}'!{range}", sheet.replace('\'', "''")),
        }
    }

    /// One place covering `self` and `other` when they are of one kind and
    /// run on (lines of one page, one sheet); `None` otherwise.
    fn join(&self, other: &Place) -> Option<Place> {
        match (self, other) {
            (
                Place::Page { page, first, .. },
                Place::Page {
                    page: p2, last: l2, ..
                },
            ) if page == p2 => Some(Place::Page {
                page: *page,
                first: *first,
                last: *l2,
            }),
            (Place::TableRow { table, row }, Place::TableRow { table: t2, row: r2 })
                if table == t2 && row == r2 =>
            {
                Some(self.clone())
            }
            (Place::Paragraph { paragraph }, Place::Paragraph { paragraph: p2 })
                if paragraph == p2 =>
            {
                Some(self.clone())
            }
            (
                Place::Cells { sheet, range },
                Place::Cells {
                    sheet: s2,
                    range: r2,
                },
            ) if sheet == s2 => {
                let start = range.split(':').next().unwrap_or(range);
                let end = r2.rsplit(':').next().unwrap_or(r2);
                Some(Place::Cells {
                    sheet: sheet.clone(),
                    range: if start == end {
                        start.to_string()
                    } else {
                        format!("{start}:{end}")
                    },
                })
            }
            _ => None,
        }
    }
}

/// Where a document read from an original came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Origin {
    /// The original's format.
    pub format: OriginalFormat,
    /// For every line of the source text (index 0 is line 1), the place in
    /// the original it was made from.
    pub places: Vec<Place>,
}

impl Origin {
    /// The place of a span of the source text in words, e.g. "halaman 3,
    /// baris 12-14" or "halaman 3, baris 40 - halaman 4, baris 2"; `None`
    /// when the span runs past the places.
    pub fn describe(&self, span: Span) -> Option<String> {
        let first = self.places.get(span.first.checked_sub(1)? as usize)?;
        let last = self.places.get(span.last.checked_sub(1)? as usize)?;
        Some(match first.join(last) {
            Some(one) => one.describe(),
            None => format!("{} - {}", first.describe(), last.describe()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_described_by_their_places() {
        let page = |page, first, last| Place::Page { page, first, last };
        let origin = Origin {
            format: OriginalFormat::Pdf,
            places: vec![page(1, 3, 3), page(1, 4, 6), page(2, 5, 5)],
        };
        assert_eq!(
            origin.describe(Span::line(1)).as_deref(),
            Some("halaman 1, baris 3")
        );
        assert_eq!(
            origin.describe(Span::new(1, 2)).as_deref(),
            Some("halaman 1, baris 3-6")
        );
        assert_eq!(
            origin.describe(Span::new(2, 3)).as_deref(),
            Some("halaman 1, baris 4-6 - halaman 2, baris 5")
        );
        assert_eq!(origin.describe(Span::new(2, 9)), None);
        let cells = |range: &str| Place::Cells {
            sheet: "IKI'25".into(),
            range: range.into(),
        };
        let sheet = Origin {
            format: OriginalFormat::Xlsx,
            places: vec![cells("A7:F7"), cells("A8:F9")],
        };
        assert_eq!(
            sheet.describe(Span::new(1, 2)).as_deref(),
            Some("'IKI''25'!A7:F9")
        );
    }

    #[test]
    fn places_read_back_from_json() {
        let places = vec![
            Place::Page {
                page: 2,
                first: 1,
                last: 3,
            },
            Place::TableRow { table: 1, row: 4 },
            Place::Paragraph { paragraph: 9 },
            Place::Cells {
                sheet: "S".into(),
                range: "B2".into(),
            },
        ];
        let json = serde_json::to_string(&places).unwrap_or_default();
        let back: Vec<Place> = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(back, places);
    }
}
