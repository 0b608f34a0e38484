//! What reading one original may cost: hostile files (a zip bomb, a sheet
//! whose used range runs to the last row and column) are refused with
//! [`ReadError::TooLarge`] before they take unbounded memory or time.
//!
//! Zip parts are checked by the sizes the archive declares, before
//! anything is inflated: the zip reader stops any part at its declared
//! size (a part that inflates further is damaged), so no part inflates past
//! [`MAX_PART`] and no archive past [`MAX_XML_TOTAL`].

use crate::ReadError;
use std::io::Cursor;

/// The largest inflated size of one XML part of a .docx, .xlsx or .ods
/// (`word/document.xml`, a worksheet, `content.xml`, ...): 256 MiB, some
/// thousands of pages of Word text.
pub const MAX_PART: u64 = 256 * 1024 * 1024;

/// The largest inflated size of all the XML parts of one archive together
/// (every sheet of a workbook, its shared strings and styles): 512 MiB.
/// Pictures and other parts iki never reads are not counted.
pub const MAX_XML_TOTAL: u64 = 512 * 1024 * 1024;

/// The most cells in the used range of one sheet, the box from its first
/// to its last cell with a value (and, for .ods, the cells its merged and
/// percentage cells repeat over): 2,000,000, e.g. 50,000 rows of 40
/// columns. A sheet is read as a dense grid of that box, so one stray
/// value in the last row and column would otherwise ask for 17 billion
/// cells.
pub const MAX_SHEET_CELLS: u64 = 2_000_000;

/// The most lines of source text a Word file or a workbook is read into:
/// 1,000,000 (an IKI document of a thousand positions has some tens of
/// thousands). A part under [`MAX_PART`] can still hold millions of tiny
/// paragraphs, each costing far more to hold than its bytes of XML. (Layout
/// text and PDFs are not inflated: the input size bounds them.)
pub const MAX_SOURCE_LINES: usize = 1_000_000;

/// The error for an original read past [`MAX_SOURCE_LINES`].
pub fn too_many_lines(format: &'static str, part: &str) -> ReadError {
    ReadError::TooLarge {
        format,
        message: format!(
            "{part} holds more than the {MAX_SOURCE_LINES} lines iki reads of one file (paragraphs and table rows)"
        ),
    }
}

/// `n` bytes as people read them ("256 MiB", "4095 MiB", "700 bytes").
pub fn size(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{} MiB", n.div_ceil(MIB))
    } else {
        format!("{n} bytes")
    }
}

/// Whether a zip entry is a part an Office reader inflates (XML and
/// relationships; not pictures or embedded files).
fn is_read(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    name.ends_with(".xml") || name.ends_with(".rels") || name.ends_with(".vml")
}

/// Refuses a zip whose XML parts declare more than [`MAX_PART`] each or
/// [`MAX_XML_TOTAL`] together. A zip that cannot be opened passes (its
/// reader says it is damaged).
pub fn check_zip(bytes: &[u8], format: &'static str) -> Result<(), ReadError> {
    check_zip_with(bytes, format, MAX_PART, MAX_XML_TOTAL)
}

pub(crate) fn check_zip_with(
    bytes: &[u8],
    format: &'static str,
    max_part: u64,
    max_total: u64,
) -> Result<(), ReadError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let Ok(file) = archive.by_index_raw(i) else {
            continue;
        };
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        if !is_read(&name) {
            continue;
        }
        let inflated = file.size();
        if inflated > max_part {
            return Err(ReadError::TooLarge {
                format,
                message: format!(
                    "its part {name} inflates to {} ({} bytes compressed), more than the {} iki reads of one part (a zip bomb?)",
                    size(inflated),
                    file.compressed_size(),
                    size(max_part)
                ),
            });
        }
        total = total.saturating_add(inflated);
        if total > max_total {
            return Err(ReadError::TooLarge {
                format,
                message: format!(
                    "its XML parts inflate to more than the {} iki reads of one file together (a zip bomb?)",
                    size(max_total)
                ),
            });
        }
    }
    Ok(())
}

/// The error for a sheet whose used range or merged cells pass
/// [`MAX_SHEET_CELLS`].
pub fn sheet_too_large(format: &'static str, sheet: &str, what: &str) -> ReadError {
    ReadError::TooLarge {
        format,
        message: format!(
            "sheet '{sheet}': {what}, more than the {MAX_SHEET_CELLS} cells iki reads of one sheet; \
             delete the stray cells far from the table (Ctrl+End shows the last one), or copy the table to a new sheet"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, usize)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, n) in parts {
            let started = w.start_file(*name, zip::write::SimpleFileOptions::default());
            assert!(started.is_ok());
            assert!(w.write_all(&vec![b' '; *n]).is_ok());
        }
        match w.finish() {
            Ok(c) => c.into_inner(),
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn parts_are_checked_by_their_declared_size() {
        let bytes = zip_of(&[("word/document.xml", 5000), ("word/media/a.png", 9000)]);
        assert!(check_zip_with(&bytes, "Word", 5000, 10_000).is_ok());
        match check_zip_with(&bytes, "Word", 4999, 10_000) {
            Err(e @ ReadError::TooLarge { .. }) => {
                let m = e.to_string();
                assert!(m.starts_with("Word file too large to read: its part word/document.xml inflates to 5000 bytes"), "{m}");
                assert!(
                    m.contains("more than the 4999 bytes iki reads of one part"),
                    "{m}"
                );
            }
            other => panic!("{other:?}"),
        }
        let two = zip_of(&[("a.xml", 3000), ("b.xml", 3000)]);
        match check_zip_with(&two, "Excel", 5000, 5000) {
            Err(ReadError::TooLarge { message, .. }) => {
                assert!(message.contains("together"), "{message}")
            }
            other => panic!("{other:?}"),
        }
        assert!(check_zip_with(b"PK\x03\x04 not a zip", "Word", 1, 1).is_ok());
    }

    #[test]
    fn a_sheet_past_the_cell_limit_is_refused_before_its_grid_is_made() {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        assert!(ws.write(0, 0, "SASARAN").is_ok());
        // 2000 rows by 1001 columns: just past the limit.
        assert!(ws.write(1999, 1000, "x").is_ok());
        let bytes = match wb.save_to_buffer() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        match crate::sheet::read(&bytes, iki_model::OriginalFormat::Xlsx) {
            Err(e @ ReadError::TooLarge { .. }) => {
                let m = e.to_string();
                assert!(
                    m.contains("span A1:ALM2000 (2000 rows by 1001 columns)"),
                    "{m}"
                );
            }
            other => panic!("{other:?}"),
        }
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        assert!(ws.write(0, 0, "SASARAN").is_ok());
        assert!(ws.write(1999, 999, "x").is_ok());
        let bytes = match wb.save_to_buffer() {
            Ok(b) => b,
            Err(e) => panic!("{e}"),
        };
        assert!(crate::sheet::read(&bytes, iki_model::OriginalFormat::Xlsx).is_ok());
    }

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size(MAX_PART), "256 MiB");
        assert_eq!(size(700), "700 bytes");
        assert_eq!(size(4095 * 1024 * 1024 + 3), "4096 MiB");
    }
}
