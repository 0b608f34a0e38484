//! Word (.docx): paragraphs and tables, through zip and quick-xml.
//!
//! Three parts are read: `word/document.xml` (the body, streamed once),
//! `word/styles.xml` (which styles are headings or bold or numbered) and
//! `word/numbering.xml` (list labels). Headers, footers, footnotes,
//! comments and text boxes are never read; of alternate content
//! (`mc:AlternateContent`) only the first branch is.
//!
//! A body paragraph is a heading (a "heading N" style or an outline
//! level), a bold line (every run with letters in it bold), or a line; a
//! numbered paragraph starts with its label as Word shows it ("a. ",
//! "1.2. ", "- " for a bullet). A table is written with its merged cells
//! (`gridSpan`, `vMerge`, the old `hMerge`) as `colspan`/`rowspan`, except:
//!
//! - a row that is one cell across the whole table (a group banner or a
//!   position title set inside the table) is a bold line between two
//!   tables, the rows after it a table without a header row;
//! - a table narrower than four columns with no row naming IKI columns (a
//!   layout table holding "Tugas | : | ...") is written as lines, a row's
//!   cells side by side;
//! - a table inside a cell is that cell's text: its cells' text in reading
//!   order, on a line of the cell after what comes before it.
//!
//! Places: body paragraphs outside tables count from 1 (empty ones too),
//! top-level tables from 1 and their rows (`w:tr`) from 1.
//!
//! - `parts`: styles and numbering definitions, and the list counters.
//! - `body`: the walk over the body, writing the source text.

mod body;
mod parts;
#[cfg(test)]
pub(crate) mod tests;

use crate::{ReadError, Source};
use quick_xml::events::BytesStart;
use std::io::{Cursor, Read};

// The largest decompressed size of a part that is read (a zip bomb guard;
// the archive's declared sizes are checked first, see `limits`).
use crate::limits::MAX_PART;

/// The name used in errors about Word files.
const FORMAT: &str = "Word";

/// The source text of a .docx file.
pub fn read(bytes: &[u8]) -> Result<Source, ReadError> {
    read_with_limit(bytes, MAX_PART)
}

fn read_with_limit(bytes: &[u8], limit: u64) -> Result<Source, ReadError> {
    let mut archive = open_zip(bytes, FORMAT)?;
    let document =
        zip_part(&mut archive, "word/document.xml", FORMAT, limit)?.ok_or_else(|| {
            ReadError::Damaged {
                format: FORMAT,
                message: "the archive has no word/document.xml".into(),
            }
        })?;
    let styles = match zip_part(&mut archive, "word/styles.xml", FORMAT, limit)? {
        Some(xml) => parts::Styles::read(&xml)?,
        None => parts::Styles::default(),
    };
    let numbering = match zip_part(&mut archive, "word/numbering.xml", FORMAT, limit)? {
        Some(xml) => parts::Numbering::read(&xml)?,
        None => parts::Numbering::default(),
    };
    body::walk(&document, &styles, &numbering)
}

/// A zip archive over `bytes`; a damaged one is [`ReadError::Damaged`].
pub(crate) fn open_zip<'a>(
    bytes: &'a [u8],
    format: &'static str,
) -> Result<zip::ZipArchive<Cursor<&'a [u8]>>, ReadError> {
    zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Damaged {
        format,
        message: format!("the zip container cannot be read: {e}"),
    })
}

/// The text of part `name` of a zip, `None` when the zip has no such part.
/// A part that decompresses to more than `limit` bytes, cannot be
/// decompressed or is not UTF-8 (or UTF-16 with a byte order mark) is
/// damaged.
pub(crate) fn zip_part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    format: &'static str,
    limit: u64,
) -> Result<Option<String>, ReadError> {
    let damaged = |message: String| ReadError::Damaged { format, message };
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(damaged(format!("{name}: {e}"))),
    };
    let mut bytes = Vec::new();
    // The declared size may lie: read at most one byte past the limit.
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| damaged(format!("{name} cannot be decompressed: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(damaged(format!(
            "{name} decompresses to more than {limit} bytes; iki does not read it (a zip bomb?)"
        )));
    }
    decode_xml(bytes)
        .map(Some)
        .map_err(|at| damaged(format!("{name}: not UTF-8 text at byte {at}")))
}

/// XML bytes as text: UTF-8 (a byte order mark dropped) or UTF-16 with a
/// byte order mark. The error is the byte where decoding failed.
fn decode_xml(mut bytes: Vec<u8>) -> Result<String, usize> {
    let utf16 = |b: &[u8], le: bool| -> Result<String, usize> {
        let units: Vec<u16> = b
            .chunks_exact(2)
            .map(|c| {
                let pair = [c[0], c[1]];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| 0)
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => {
            bytes.drain(..3);
        }
        [0xFF, 0xFE, rest @ ..] => return utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => return utf16(rest, false),
        _ => {}
    }
    String::from_utf8(bytes).map_err(|e| e.utf8_error().valid_up_to())
}

/// The error for XML that cannot be read, with the part and byte position.
pub(crate) fn xml_error(
    format: &'static str,
    part: &str,
    position: u64,
    error: impl std::fmt::Display,
) -> ReadError {
    ReadError::Damaged {
        format,
        message: format!("{part}: {error} (at byte {position})"),
    }
}

/// The value of attribute `local` (any prefix) of `e`.
pub(crate) fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned())
        })
    })
}

/// A Word on/off property (`<w:b/>`, `<w:b w:val="false"/>`): on unless
/// its `val` says 0, false or off.
pub(crate) fn on_off(e: &BytesStart<'_>) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}
