//! Parse a PDF-converted IKI markdown document into the typed model.
//!
//! The pipeline inside this crate runs in four small steps:
//!
//! 1. [`decode`] turns bytes into text: BOM, UTF-16, Windows-1252 fallback,
//!    CRLF.
//! 2. `blocks` runs pulldown-cmark with its offset iterator and records, for
//!    every source line, the markdown block it sits in and its inline text.
//! 3. `classify` turns each non-blank line into a token: a heading, a duty
//!    label, a table header, row or separator (tab-split by hand), text.
//! 4. `build` walks the tokens with a small state machine and assembles the
//!    [`Document`]: groups, units, positions, duties, indicator rows, with
//!    split rows merged and empty SASARAN cells filled from the row above.
//!
//! Parsing is total on text: anything not understood becomes a skipped line
//! plus a [`Diagnostic`]. Only undecodable input and a document without a
//! single position are errors.
//!
//! Domain vocabulary (group banners, table header words, region prefixes)
//! lives in the `data/*.tsv` files of this crate.
//!
//! ```
//! let src = "### 1. JABATAN KEPALA BADAN\n\n- Tugas : Memimpin badan.\n\n\
//!            SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
//!            Meningkatnya kinerja\tJumlah laporan\tJumlah laporan\tLaporan Kinerja\n";
//! let parsed = iki_parse::parse(src.as_bytes()).unwrap();
//! let position = &parsed.document.groups[0].positions[0];
//! assert_eq!(position.title, "KEPALA BADAN");
//! assert_eq!(position.tugas[0].text, "Memimpin badan.");
//! assert_eq!(position.indicators[0].sumber_data, "Laporan Kinerja");
//! ```
#![deny(missing_docs)]

mod blocks;
mod build;
mod cells;
mod classify;
pub mod decode;
mod error;
mod meta;
mod tables;
mod vocab;

pub use error::ParseError;

/// The domain words other readers (the originals' layout reader) need,
/// read from this crate's data files.
pub mod words {
    /// Whether a table cell names a column of an IKI table (SASARAN,
    /// INDIKATOR KINERJA, FORMULASI, SUMBER DATA, JABATAN, NO, or a known
    /// extra column such as SATUAN or TARGET), as `data/columns.tsv` says.
    pub fn names_column(cell: &str) -> bool {
        crate::vocab::column_role(cell).is_some()
    }

    /// Whether a table cell names one of the core columns (SASARAN,
    /// INDIKATOR, FORMULASI, SUMBER DATA, JABATAN): a line that names two
    /// of them is a table header.
    pub fn names_core_column(cell: &str) -> bool {
        crate::vocab::column_role(cell).is_some_and(|r| r.is_core())
    }

    /// Whether a line is a group banner ("JABATAN ADMINISTRATOR",
    /// "PEJABAT PENGAWAS ...") by its form (`data/groups.tsv`).
    pub fn is_banner(line: &str) -> bool {
        crate::vocab::banner_of(line).is_some()
    }
}
use iki_model::{Diagnostic, Document, Severity};

/// The codes of the errors that mean content of the source is not in the
/// document: a table that gave no row, a row no position could take, a
/// header that names no known column, no row at all. `iki convert`, `rows`
/// and `export` write nothing when one is present, unless asked to accept
/// a partial result.
pub const CONTENT_LOST: [&str; 5] = [
    "table-unread",
    "table-row-lost",
    "table-without-rows",
    "header-unknown",
    "no-rows",
];

/// The diagnostics of `list` that say content was lost.
pub fn lost_content(list: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    list.iter()
        .filter(|d| d.severity == Severity::Error && CONTENT_LOST.contains(&d.code.as_ref()))
}

/// A parsed document and what the parser noticed on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// Warnings and notes, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes `bytes` and parses the text.
///
/// Fails only when the bytes are not a text document or no position was
/// found; every other oddity is a diagnostic.
pub fn parse(bytes: &[u8]) -> Result<Parsed, ParseError> {
    let decoded = decode::decode(bytes)?;
    let mut parsed = parse_text(&decoded.text)?;
    let mut diagnostics = decoded.diagnostics;
    diagnostics.append(&mut parsed.diagnostics);
    parsed.diagnostics = diagnostics;
    Ok(parsed)
}

/// Parses already decoded text (line breaks `\n`; `\r\n` is accepted too).
pub fn parse_text(text: &str) -> Result<Parsed, ParseError> {
    // The table readers look only where their marks are, found in one
    // scan: the seed's tab dialect pays for none of them.
    let marks = tables::Marks::of(text);
    let (lines, pipes) = blocks::read_with_tables(text, marks.pipe);
    let mut tables: Vec<(tables::Dialect, tables::RawTable)> = Vec::new();
    for t in tables::pipe::read(&lines, &pipes) {
        tables.push((tables::Dialect::Pipe, t));
    }
    if marks.html {
        for t in tables::html::read(text) {
            tables.push((tables::Dialect::Html, t));
        }
    }
    if marks.grid {
        for t in tables::grid::read(text) {
            tables.push((tables::Dialect::Grid, t));
        }
    }
    let classified = classify::classify(&lines, tables);
    // The tokens hold all the builder needs: the lines go before it runs.
    let line_count = lines.len() as u32;
    drop(lines);
    let (mut document, mut diagnostics) = build::build(classified.tokens);
    document.dialects = classified.dialects;
    diagnostics.extend(classified.diagnostics);
    if document.groups.iter().all(|g| g.positions.is_empty()) {
        return Err(ParseError::NoPositions { lines: line_count });
    }
    diagnostics.sort_by_key(|d| d.span);
    Ok(Parsed {
        document,
        diagnostics,
    })
}
