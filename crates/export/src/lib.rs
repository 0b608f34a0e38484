//! Exports of iki documents for other systems: CSV and NDJSON (one row per
//! indicator, with the document's year and agency), an SQLite database
//! (documents, groups, positions, indicators, with keys and indexes) and an
//! XLSX workbook (one sheet per group and a summary).
//!
//! No column of a source table is dropped: the cells of the columns the
//! model has no field for (SATUAN, TARGET, PENANGGUNG JAWAB, ...; an
//! indicator's `extra`) are extra CSV columns after the fixed ones, the
//! `extra` object of each NDJSON line, rows of the SQLite table
//! `indicator_extras` (with the typed TARGET in `indicators.target_*`) and
//! extra columns of each XLSX group sheet.
//!
//! Every writer takes documents one at a time, so a batch never has to be
//! held in memory at once (the CSV writer spools its rows to a temporary
//! file until it knows every extra column name; see [`CsvWriter`]).
//!
//! ```
//! use iki_export::{CsvOptions, CsvWriter, Source};
//!
//! let src = "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n\
//!            SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
//!            Tersedianya data\tJumlah data\t=SUM(A1)\tLaporan Kinerja\n";
//! let doc = iki_parse::parse(src.as_bytes()).unwrap().document;
//! let mut out = Vec::new();
//! let mut csv = CsvWriter::new(&mut out, CsvOptions::default()).unwrap();
//! csv.write(&Source { file: "iki.md", document: &doc }).unwrap();
//! csv.finish().unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("year,agency,group,unit,position_id,"));
//! // A cell that a spreadsheet would run as a formula is neutralized.
//! assert!(text.contains(",'=SUM(A1),"));
//! ```
#![deny(missing_docs)]

mod csv_out;
mod ndjson;
mod spool;
mod sqlite;
mod xlsx;

pub use csv_out::{CsvOptions, CsvWriter};
pub use ndjson::NdjsonWriter;
pub use sqlite::SqliteWriter;
pub use xlsx::XlsxWriter;

use iki_model::Document;
use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("could not write: {0}")]
    Io(#[from] std::io::Error),
    /// CSV writing failed.
    #[error("could not write CSV: {0}")]
    Csv(#[from] csv::Error),
    /// Serializing failed.
    #[error("could not serialize: {0}")]
    Json(#[from] serde_json::Error),
    /// The database refused something.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The workbook could not be built.
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// This document cannot go into this format (the others can): it is
    /// left out and reported, the export goes on.
    #[error("{0}")]
    Document(String),
}

impl ExportError {
    /// Whether the failure belongs to one document (left out, reported)
    /// rather than to the output (which stops the export): a document the
    /// format cannot hold, or one the database's constraints refuse (two
    /// positions with one id in a hand-made JSON).
    pub fn is_document_error(&self) -> bool {
        match self {
            ExportError::Document(_) => true,
            ExportError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => {
                e.code == rusqlite::ErrorCode::ConstraintViolation
            }
            _ => false,
        }
    }

    /// The kind of the I/O error underneath, if the failure was one (a
    /// reader that closed the pipe is `BrokenPipe`, not a failure).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            ExportError::Io(e) => Some(e.kind()),
            ExportError::Csv(e) => match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            },
            ExportError::Json(e) => e.io_error_kind(),
            _ => None,
        }
    }
}

/// A document and the file it came from.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    /// The file name as given (used as the key when the document names no
    /// agency or year).
    pub file: &'a str,
    /// The document.
    pub document: &'a Document,
}

impl Source<'_> {
    /// The document's identity across exports: `agency|region|year` when
    /// the document names its agency and year, else the file name.
    /// Exporting a document with the same key again replaces it.
    pub fn key(&self) -> String {
        let d = self.document;
        match (&d.agency, d.year) {
            (Some(agency), Some(year)) => {
                format!("{agency}|{}|{year}", d.region.as_deref().unwrap_or("-"))
            }
            _ => self.file.to_string(),
        }
    }
}

/// Makes a text safe to open in a spreadsheet: a cell that starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
/// formula, so it gets a leading apostrophe (OWASP's advice for CSV
/// injection).
pub fn neutralize(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralizes_formula_starts_only() {
        assert_eq!(neutralize("=1+1"), "'=1+1");
        assert_eq!(neutralize("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralize("-2"), "'-2");
        assert_eq!(neutralize("Jumlah = 2"), "Jumlah = 2");
        assert_eq!(neutralize(""), "");
    }
}
