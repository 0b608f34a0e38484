//! Reads IKI originals (Word, Excel and PDF files, and the layout text
//! `pdftotext -layout` writes) into the source text the parser reads.
//!
//! An original is not parsed on its own: each reader writes a
//! [`source::Source`], markdown whose tables are HTML with one `<tr>` per
//! line (merged cells as `rowspan`/`colspan`), and the place in the
//! original of every line. The parser then reads that text like any
//! converter's markdown, so an original goes through the same builder,
//! normalizer, emitter, diff and exports, and its spans count the lines of
//! the source text (`iki render --source` prints it). The document keeps
//! the places in `origin`, and the flat rows carry theirs resolved.
//!
//! - [`sniff`]: what a file is, by its content.
//! - `docx`: Word, through zip and quick-xml.
//! - `sheet`: Excel and OpenDocument sheets, through calamine.
//! - `pdf`: `pdftotext -layout` as a child process with a time limit.
//! - `layout`: the layout-text reader (columns from the header words and
//!   the whitespace gaps running down a table).
#![deny(missing_docs)]

mod docx;
mod error;
mod layout;
pub mod limits;
mod pdf;
mod sheet;
pub mod sniff;
pub mod source;

pub use error::ReadError;
pub use sniff::Kind;
pub use source::Source;

use iki_model::{Diagnostic, Origin, OriginalFormat, SkipReason};
use iki_parse::Parsed;
use std::path::PathBuf;
use std::time::Duration;

/// How originals are read.
#[derive(Clone, Debug)]
pub struct Options {
    /// The pdftotext program (`IKI_PDFTOTEXT`, or `pdftotext` on the PATH).
    pub pdftotext: PathBuf,
    /// How long pdftotext may run on one file.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pdftotext: std::env::var_os("IKI_PDFTOTEXT")
                .map_or_else(|| PathBuf::from("pdftotext"), PathBuf::from),
            timeout: Duration::from_secs(60),
        }
    }
}

/// The text the parser reads, made from any input iki takes.
#[derive(Clone, Debug, Default)]
pub struct Text {
    /// Decoded markdown, or the source text made from an original.
    pub text: String,
    /// What decoding or reading found (invalid bytes, ...).
    pub diagnostics: Vec<Diagnostic>,
    /// The original's format and places; `None` for markdown.
    pub origin: Option<Origin>,
    /// Lines of `text` that are page furniture (see [`Source::furniture`]).
    pub furniture: Vec<u32>,
}

/// The source text of an original, or `None` when `bytes` are text that
/// the parser reads as they are (markdown from a converter).
///
/// Text is taken as layout text when it has no table the markdown readers
/// know and a line that names table columns apart by runs of spaces.
pub fn source_of(bytes: &[u8], options: &Options) -> Result<Option<Source>, ReadError> {
    match text_of(bytes, options)? {
        Text {
            text,
            origin: Some(origin),
            furniture,
            ..
        } => Ok(Some(Source {
            text,
            origin,
            furniture,
        })),
        _ => Ok(None),
    }
}

/// The text the parser reads: decoded markdown, or the source text of an
/// original (told by content, see [`sniff`]).
pub fn text_of(bytes: &[u8], options: &Options) -> Result<Text, ReadError> {
    let source = match sniff::sniff(bytes) {
        Kind::Docx => {
            limits::check_zip(bytes, "Word")?;
            docx::read(bytes)?
        }
        Kind::Xlsx => {
            limits::check_zip(bytes, "Excel")?;
            sheet::read(bytes, OriginalFormat::Xlsx)?
        }
        Kind::Ods => {
            limits::check_zip(bytes, "OpenDocument spreadsheet")?;
            sheet::read(bytes, OriginalFormat::Ods)?
        }
        Kind::Ole if sniff::ole_is_encrypted(bytes) => {
            return Err(ReadError::PasswordProtected {
                what: "the file (an encrypted Word or Excel file)".into(),
                hint: "open it with its password and save a copy without one (File > Info > Protect > Encrypt with Password: clear the password), then read the copy".into(),
            })
        }
        Kind::Ole if sniff::ole_is_excel(bytes) => sheet::read(bytes, OriginalFormat::Xls)?,
        Kind::Ole => {
            return Err(ReadError::Unsupported {
                what: "a Word 97-2003 (.doc) or other OLE2 file".into(),
                hint: ".docx, .xlsx, .xls, .ods, PDF and markdown: save it as .docx (Word: File > Save As) or print it to PDF".into(),
            })
        }
        Kind::OtherZip => {
            return Err(ReadError::Unsupported {
                what: "a zip archive that is neither a Word (.docx) nor a spreadsheet (.xlsx, .ods) file".into(),
                hint: ".docx, .xlsx, .xls, .ods, PDF and markdown".into(),
            })
        }
        Kind::Pdf => {
            let text = pdf::to_layout_text(bytes, options)?;
            layout::read(&text, OriginalFormat::Pdf)?
        }
        Kind::Text => {
            let decoded = match iki_parse::decode::decode(bytes) {
                Ok(d) => d,
                // Binary: say what it looks like, where its magic number
                // tells, and what to do.
                Err(e @ iki_parse::ParseError::NotText { .. }) => {
                    return Err(match sniff::describe(bytes) {
                        Some((what, hint)) => ReadError::Unsupported {
                            what: what.into(),
                            hint: hint.into(),
                        },
                        None => e.into(),
                    })
                }
                Err(e) => return Err(e.into()),
            };
            if !layout::looks_like_layout(&decoded.text) {
                return Ok(Text {
                    text: decoded.text,
                    diagnostics: decoded.diagnostics,
                    origin: None,
                    furniture: Vec::new(),
                });
            }
            let mut source = layout::read(&decoded.text, OriginalFormat::LayoutText)?;
            // Decoding warnings name lines of the layout text; the source
            // text has other lines, so say where instead.
            let diagnostics = decoded
                .diagnostics
                .into_iter()
                .map(|mut d| {
                    d.append("diag.layout-line", &[&d.span.first.to_string()]);
                    d.span = iki_model::Span::line(1);
                    d
                })
                .collect();
            return Ok(Text {
                text: std::mem::take(&mut source.text),
                diagnostics,
                origin: Some(source.origin),
                furniture: source.furniture,
            });
        }
    };
    Ok(Text {
        text: source.text,
        diagnostics: Vec::new(),
        origin: Some(source.origin),
        furniture: source.furniture,
    })
}

/// Parses text made by [`text_of`]: the document carries its `origin`,
/// page furniture is skipped as such, and the reading's diagnostics come
/// first.
pub fn parse_text(text: Text) -> Result<Parsed, ReadError> {
    let mut parsed = iki_parse::parse_text(&text.text)?;
    if !text.furniture.is_empty() {
        for s in &mut parsed.document.skipped {
            if text.furniture.binary_search(&s.line).is_ok() {
                s.reason = SkipReason::PageFurniture;
            }
        }
    }
    parsed.document.origin = text.origin;
    let mut diagnostics = text.diagnostics;
    diagnostics.append(&mut parsed.diagnostics);
    parsed.diagnostics = diagnostics;
    Ok(parsed)
}

/// Reads any input iki takes (markdown or an original) into a parsed
/// document; a document read from an original carries its `origin`.
pub fn parse(bytes: &[u8], options: &Options) -> Result<Parsed, ReadError> {
    parse_text(text_of(bytes, options)?)
}

/// The readers on their own, for the fuzz targets in `fuzz/` (not a
/// stable API).
#[doc(hidden)]
pub mod fuzzing {
    use crate::{ReadError, Source};

    /// The Word reader on any bytes (no sniffing, no size check first).
    pub fn docx(bytes: &[u8]) -> Result<Source, ReadError> {
        crate::docx::read(bytes)
    }

    /// The layout-text reader on any text.
    pub fn layout(text: &str) -> Result<Source, ReadError> {
        crate::layout::read(text, iki_model::OriginalFormat::LayoutText)
    }
}
