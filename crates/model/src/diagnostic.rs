//! Diagnostics: what a stage noticed about the input, with where.

use crate::lang::{self, Lang};
use crate::Span;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

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

/// One piece of a diagnostic's message: a key of the message catalogue
/// (`data/messages.tsv`, `diag.*`) and the values of its `{}` holes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    /// The catalogue key, e.g. `diag.row-merged`.
    pub key: String,
    /// The values of the holes, in order.
    pub args: Vec<String>,
}

/// One observation about the input, tied to source lines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// A stable machine-readable code, e.g. `row-merged`.
    pub code: String,
    /// A human sentence saying what was found, in English (what JSON
    /// outputs carry).
    pub message: String,
    /// The lines concerned.
    pub span: Span,
    /// The message as catalogue entries, to show it in another language
    /// ([`Diagnostic::message_in`]); `message` is their English text. Empty
    /// for a free-text message (and for a diagnostic read back from JSON).
    #[serde(skip)]
    pub parts: Vec<Part>,
}

impl Diagnostic {
    /// A diagnostic whose message is the catalogue's `key` with `args` in
    /// its holes; `message` is its English text, so the two never disagree.
    pub fn keyed(
        severity: Severity,
        code: &str,
        key: &str,
        args: &[&str],
        span: Span,
    ) -> Diagnostic {
        let part = Part {
            key: key.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        Diagnostic {
            severity,
            code: code.to_string(),
            message: part.render(Lang::En),
            span,
            parts: vec![part],
        }
    }

    /// A warning with the message `diag.<code>` of the catalogue.
    pub fn warning_args(code: &str, args: &[&str], span: Span) -> Diagnostic {
        Diagnostic::keyed(Severity::Warning, code, &format!("diag.{code}"), args, span)
    }

    /// An error with the message `diag.<code>` of the catalogue.
    pub fn error_args(code: &str, args: &[&str], span: Span) -> Diagnostic {
        Diagnostic::keyed(Severity::Error, code, &format!("diag.{code}"), args, span)
    }

    /// A note with the message `diag.<code>` of the catalogue.
    pub fn note_args(code: &str, args: &[&str], span: Span) -> Diagnostic {
        Diagnostic::keyed(Severity::Note, code, &format!("diag.{code}"), args, span)
    }

    /// Adds the catalogue's `key` (with `args`) to the end of the message,
    /// in every language.
    pub fn append(&mut self, key: &str, args: &[&str]) {
        let part = Part {
            key: key.to_string(),
            args: args.iter().map(|a| a.to_string()).collect(),
        };
        self.message.push_str(&part.render(Lang::En));
        self.parts.push(part);
    }

    /// The message in `lang`: made from the catalogue where it came from
    /// it, else the English `message` as it is.
    pub fn message_in(&self, lang: Lang) -> Cow<'_, str> {
        if self.parts.is_empty() {
            return Cow::Borrowed(&self.message);
        }
        Cow::Owned(self.parts.iter().map(|p| p.render(lang)).collect())
    }

    /// A warning with a free-text (English only) message.
    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::free(Severity::Warning, code, message.into(), span)
    }

    /// An error with a free-text (English only) message.
    pub fn error(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::free(Severity::Error, code, message.into(), span)
    }

    /// A help message (a suggestion) with a free-text message.
    pub fn help(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::free(Severity::Help, code, message.into(), span)
    }

    /// A note with a free-text (English only) message.
    pub fn note(code: &str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic::free(Severity::Note, code, message.into(), span)
    }

    fn free(severity: Severity, code: &str, message: String, span: Span) -> Diagnostic {
        Diagnostic {
            severity,
            code: code.to_string(),
            message,
            span,
            parts: Vec::new(),
        }
    }
}

impl Part {
    /// The text of this part in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        lang::format(lang, &self.key, &args)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_message_is_english_and_reads_in_indonesian() {
        let mut d = Diagnostic::warning_args("no-indicators", &["1.2", "KASUBBAG"], Span::line(4));
        assert_eq!(d.message, "position 1.2 KASUBBAG has no indicator rows");
        assert_eq!(d.message_in(Lang::En), d.message);
        assert!(d.message_in(Lang::Id).contains("1.2 KASUBBAG"));
        assert_ne!(d.message_in(Lang::Id), d.message);
        d.append("diag.layout-line", &["7"]);
        assert!(d.message.ends_with(" (line 7 of the layout text)"));
        assert_eq!(d.message_in(Lang::En), d.message);
        // JSON carries the English message only, and reads back.
        let json = serde_json::to_string(&d).unwrap();
        assert!(!json.contains("parts"), "{json}");
        let back: Diagnostic = serde_json::from_str(&json).unwrap();
        assert_eq!(back.message_in(Lang::Id), d.message);
    }
}
