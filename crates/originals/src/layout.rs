//! Layout text (what `pdftotext -layout` writes): tables found from their
//! header words and the whitespace gaps that run down the table.

use crate::{ReadError, Source};
use iki_model::OriginalFormat;

/// Whether decoded text is layout text rather than converter markdown.
pub fn looks_like_layout(_text: &str) -> bool {
    false
}

/// The source text of layout text.
pub fn read(_text: &str, _format: OriginalFormat) -> Result<Source, ReadError> {
    Err(ReadError::Unsupported {
        what: "layout text".into(),
        hint: "markdown (the layout reader is not written yet)".into(),
    })
}
