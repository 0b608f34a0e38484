//! Diagnostics: what a stage noticed about the input, with where.

use crate::Span;
use serde::{Deserialize, Serialize};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A suggestion for a person to act on (a possible typo).
    Help,
    /// Something worth knowing; the output is complete.
    Note,
    /// The input looks wrong; the output is a best reading of it.
    Warning,
    /// The input could not be read as intended; part of it may be missing.
    Error,
}

/// One observation about the input, tied to source lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `row-merged`.
    pub code: String,
    /// A human sentence saying what was found.
    pub message: String,
    /// The lines concerned.
    pub span: Span,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }

    /// An error.
    pub fn error(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }

    /// A help message (a suggestion).
    pub fn help(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Help,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }

    /// A note.
    pub fn note(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            code: code.to_string(),
            message: message.into(),
            span,
        }
    }
}
