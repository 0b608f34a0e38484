//! What `iki check --format json` prints for one document, shared by the
//! command line and `iki serve`'s `/v1/check`, so that both give the same
//! bytes.

use iki_model::{Change, Diagnostic, Severity};
use serde::Serialize;

/// The report on one document: its diagnostics, the normalizer's changes
/// and the typo suggestions (`S` is the suggestion type of
/// `iki_normalize`).
#[derive(Debug, Serialize)]
pub struct CheckReport<'a, S: Serialize> {
    /// The file name as given.
    pub file: &'a str,
    /// The counts.
    pub summary: CheckSummary,
    /// Parse and normalize diagnostics, in source order.
    pub diagnostics: Vec<&'a Diagnostic>,
    /// Every change the normalizer made.
    pub changes: &'a [Change],
    /// The suggestions for this document.
    pub suggestions: Vec<&'a S>,
}

/// The counts of a [`CheckReport`].
#[derive(Debug, Serialize)]
pub struct CheckSummary {
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Changes the normalizer made.
    pub fixed: usize,
    /// Suggestions.
    pub suggestions: usize,
}

impl<'a, S: Serialize> CheckReport<'a, S> {
    /// The report on the document `file` (fixes and suggestions are notes
    /// and help, so the errors and warnings are those of `diagnostics`).
    pub fn new(
        file: &'a str,
        diagnostics: &'a [Diagnostic],
        changes: &'a [Change],
        suggestions: Vec<&'a S>,
    ) -> CheckReport<'a, S> {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        CheckReport {
            file,
            summary: CheckSummary {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                fixed: changes.len(),
                suggestions: suggestions.len(),
            },
            diagnostics: diagnostics.iter().collect(),
            changes,
            suggestions,
        }
    }
}
