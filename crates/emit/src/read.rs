//! Reading canonical JSON back (the command line and `iki serve` take
//! iki's own JSON wherever they take a document).

use iki_model::Document;

/// Why bytes that look like canonical JSON are not an iki document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CanonicalError {
    /// The 1-based line of the error.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

/// The canonical JSON document in `bytes`, validated, if they look like
/// JSON (their first character other than a BOM and whitespace is `{`);
/// `None` for any other input.
pub fn read_canonical(bytes: &[u8]) -> Option<Result<Document, CanonicalError>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let doc = serde_json::from_slice::<Document>(body).map_err(|e| CanonicalError {
        line: e.line() as u32,
        message: e.to_string(),
    });
    // JSON anyone may have written is checked before it is trusted.
    Some(doc.and_then(|doc| {
        doc.validate()
            .map_err(|message| CanonicalError { line: 1, message })?;
        Ok(doc)
    }))
}
