//! Word (.docx): paragraphs and tables, through zip and quick-xml.

use crate::{ReadError, Source};

/// The source text of a .docx file.
pub fn read(_bytes: &[u8]) -> Result<Source, ReadError> {
    Err(ReadError::Unsupported {
        what: "a Word file".into(),
        hint: "markdown (the Word reader is not written yet)".into(),
    })
}
