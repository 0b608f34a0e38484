//! Excel (.xlsx, .xls) and OpenDocument (.ods) sheets, through calamine.

use crate::{ReadError, Source};
use iki_model::OriginalFormat;

/// The source text of a workbook.
pub fn read(_bytes: &[u8], _format: OriginalFormat) -> Result<Source, ReadError> {
    Err(ReadError::Unsupported {
        what: "a spreadsheet".into(),
        hint: "markdown (the spreadsheet reader is not written yet)".into(),
    })
}
