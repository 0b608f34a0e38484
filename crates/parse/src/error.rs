//! Errors: the only ways parsing can fail.

use thiserror::Error;

/// Why a document could not be parsed at all.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// The bytes are binary, not text.
    #[error("not a text document ({why})")]
    NotText {
        /// The first line where binary content was seen.
        line: u32,
        /// What gave it away.
        why: &'static str,
    },
    /// The text holds no recognizable IKI position.
    #[error("no positions found in {lines} lines: expected headings such as \"1. JABATAN ...\" followed by a SASARAN / INDIKATOR KINERJA table")]
    NoPositions {
        /// Number of lines read.
        lines: u32,
    },
}

impl ParseError {
    /// The 1-based line the error concerns, where there is one.
    pub fn line(&self) -> Option<u32> {
        match self {
            ParseError::NotText { line, .. } => Some(*line),
            ParseError::NoPositions { .. } => None,
        }
    }
}
