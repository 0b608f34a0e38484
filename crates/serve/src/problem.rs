//! Errors as RFC 9457 problem details (`application/problem+json`), with
//! the diagnostics of `iki check`: code, severity, line and `file:line`.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use iki_model::{Diagnostic, Severity};
use iki_originals::ReadError;
use iki_parse::ParseError;
use serde::Serialize;

/// The media type of a problem.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem: what went wrong with a request.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    /// `urn:iki:problem:<name>`, or `about:blank` for a plain HTTP status.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the problem type (the HTTP status phrase for
    /// `about:blank`).
    pub title: String,
    /// The HTTP status.
    pub status: u16,
    /// What happened, for a person.
    pub detail: String,
    /// The document's diagnostics (as `iki check` lists them), where the
    /// problem comes from the document.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<ProblemDiagnostic>,
    /// Seconds after which a retry may succeed (the `Retry-After` header).
    #[serde(skip)]
    pub retry_after: Option<u32>,
}

/// One diagnostic of a problem.
#[derive(Clone, Debug, Serialize)]
pub struct ProblemDiagnostic {
    /// The stable code, as `iki check` gives it (`table-unreadable`, ...).
    pub code: String,
    /// `error`, `warning`, `note` or `help`.
    pub severity: Severity,
    /// The 1-based line of the source text, where there is one.
    pub line: Option<u32>,
    /// `file:line` (or the file), as on the command line.
    pub location: String,
    /// What was found.
    pub message: String,
}

impl Problem {
    /// A problem of the kind `name` (`urn:iki:problem:<name>`).
    pub fn new(status: StatusCode, name: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("urn:iki:problem:{name}"),
            title: title.to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            diagnostics: Vec::new(),
            retry_after: None,
        }
    }

    /// A plain HTTP status (`about:blank`).
    pub fn status(status: StatusCode, detail: impl Into<String>) -> Problem {
        Problem {
            kind: "about:blank".into(),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: detail.into(),
            diagnostics: Vec::new(),
            retry_after: None,
        }
    }

    /// Adds the diagnostics of the document `file`.
    pub fn with_diagnostics<'a>(
        mut self,
        file: &str,
        list: impl IntoIterator<Item = &'a Diagnostic>,
    ) -> Problem {
        self.diagnostics
            .extend(list.into_iter().map(|d| ProblemDiagnostic {
                code: d.code.clone(),
                severity: d.severity,
                line: Some(d.span.first),
                location: format!("{file}:{}", d.span.first),
                message: d.message.clone(),
            }));
        self
    }

    /// The problem of an input iki cannot read. A body that is no kind of
    /// document iki reads (binary, a .doc, a zip of something else) is 415;
    /// a document that cannot be read is 422; a PDF on a server without
    /// pdftotext is 501.
    pub fn unreadable(file: &str, e: &ReadError) -> Problem {
        let (status, code) = match e {
            ReadError::Unsupported { .. } => (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported"),
            ReadError::Parse(ParseError::NotText { .. }) => {
                (StatusCode::UNSUPPORTED_MEDIA_TYPE, "not-text")
            }
            ReadError::Parse(ParseError::NoPositions { .. }) => {
                (StatusCode::UNPROCESSABLE_ENTITY, "no-positions")
            }
            ReadError::Damaged { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "damaged"),
            ReadError::PasswordProtected { .. } => {
                (StatusCode::UNPROCESSABLE_ENTITY, "password-protected")
            }
            ReadError::TooLarge { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "too-large"),
            ReadError::NoTextLayer => (StatusCode::UNPROCESSABLE_ENTITY, "no-text-layer"),
            ReadError::Program { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "program-failed"),
            ReadError::NotInstalled { .. } => (StatusCode::NOT_IMPLEMENTED, "not-installed"),
        };
        // The messages of these two name the program as configured (a
        // server path) and pdftotext's own words (which may name the
        // temporary file): neither goes out.
        let message = match e {
            ReadError::NotInstalled { .. } => {
                "reading a PDF needs pdftotext, which is not installed on this server".to_string()
            }
            ReadError::Program { message, .. } => {
                format!("pdftotext could not read the PDF: {}", scrub(message))
            }
            other => scrub(&other.to_string()),
        };
        let line = e.line();
        let location = match line {
            Some(l) => format!("{file}:{l}"),
            None => file.to_string(),
        };
        let mut p = Problem::new(
            status,
            code,
            "The document could not be read",
            format!("{location}: {message}"),
        );
        p.diagnostics.push(ProblemDiagnostic {
            code: code.into(),
            severity: Severity::Error,
            line,
            location,
            message,
        });
        p
    }

    /// Canonical JSON input that is not an iki document.
    pub fn bad_json(file: &str, e: &iki_emit::CanonicalError) -> Problem {
        let location = format!("{file}:{}", e.line);
        let mut p = Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not-iki-json",
            "The JSON is not an iki document",
            format!("{location}: not an iki JSON document: {}", e.message),
        );
        p.diagnostics.push(ProblemDiagnostic {
            code: "not-iki-json".into(),
            severity: Severity::Error,
            line: Some(e.line),
            location,
            message: e.message.clone(),
        });
        p
    }

    /// The HTTP status.
    pub fn http_status(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let mut body = serde_json::to_vec(&self).unwrap_or_else(|_| b"{}".to_vec());
        body.push(b'\n');
        let mut response = (
            self.http_status(),
            [(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON))],
            body,
        )
            .into_response();
        if let Some(s) = self.retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        response
    }
}

/// A message with every word that names a file of this server (the
/// temporary folder, the working folder) replaced: no response carries a
/// server path.
pub fn scrub(message: &str) -> String {
    let mut places: Vec<String> = Vec::new();
    for dir in [
        std::env::temp_dir(),
        std::env::current_dir().unwrap_or_default(),
    ] {
        let d = dir.display().to_string();
        // "/" alone would match every path-like word of a document.
        if d.len() > 1 {
            places.push(d);
        }
    }
    if !places.iter().any(|p| message.contains(p.as_str())) {
        return message.to_string();
    }
    message
        .split(' ')
        .map(|word| {
            if places.iter().any(|p| word.contains(p.as_str())) {
                "<file>"
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn scrub_hides_temporary_files_only() {
        let tmp = std::env::temp_dir().join("iki-abc.pdf");
        let m = format!(
            "Syntax Error: Couldn't open file '{}': No such file.",
            tmp.display()
        );
        let s = scrub(&m);
        assert!(!s.contains(&tmp.display().to_string()), "{s}");
        assert!(
            s.starts_with("Syntax Error: Couldn't open file <file>"),
            "{s}"
        );
        assert_eq!(scrub("Jumlah/Total laporan"), "Jumlah/Total laporan");
    }

    #[test]
    fn problems_are_rfc_9457() {
        let p = Problem::status(StatusCode::PAYLOAD_TOO_LARGE, "too big");
        let v: serde_json::Value = serde_json::to_value(&p).unwrap();
        assert_eq!(v["type"], "about:blank");
        assert_eq!(v["title"], "Payload Too Large");
        assert_eq!(v["status"], 413);
        assert!(v.get("diagnostics").is_none());
    }

    #[test]
    fn a_missing_pdftotext_names_no_path() {
        let e = ReadError::NotInstalled {
            program: "/opt/secret/bin/pdftotext".into(),
            what: "PDF files",
            install: "apt-get install poppler-utils",
        };
        let p = Problem::unreadable("a.pdf", &e);
        assert_eq!(p.status, 501);
        assert!(!serde_json::to_string(&p).unwrap().contains("/opt/secret"));
    }
}
