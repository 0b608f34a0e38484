//! Writers for an iki [`Document`]: canonical JSON, flat NDJSON rows, the
//! normalizer's audit log, canonical markdown, a plain-text outline for
//! reading (and for snapshot tests), and compiler-style diagnostics.
//!
//! Canonical JSON is the model's field order, UTF-8, two-space indent with
//! arrays of scalars kept on one line (`"span": [9, 29]`), and a trailing
//! newline: the same document always gives the same bytes.
//!
//! ```
//! use iki_model::Document;
//!
//! let mut out = Vec::new();
//! iki_emit::write_json(&mut out, &Document::default(), iki_emit::Layout::Pretty).unwrap();
//! let text = String::from_utf8(out).unwrap();
//! assert!(text.starts_with("{\n  \"schema_version\": \"2\""));
//! assert!(text.ends_with("}\n"));
//! ```
#![deny(missing_docs)]

mod canonical;
pub mod check;
mod markdown;
mod outline;
mod read;
pub mod report;

use iki_model::{rows, Document};
use std::io::Write;
use thiserror::Error;

pub use canonical::Canonical;
pub use markdown::markdown;
pub use outline::{outline, outline_in};
pub use read::{read_canonical, CanonicalError};

/// Why writing failed.
#[derive(Debug, Error)]
pub enum EmitError {
    /// The writer failed.
    #[error("could not write output: {0}")]
    Io(#[from] std::io::Error),
    /// Serialization failed (not expected for the model's types).
    #[error("could not serialize: {0}")]
    Json(#[from] serde_json::Error),
}

/// Indentation of the JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Two-space indent, one key per line.
    Pretty,
    /// One line.
    Compact,
}

/// Writes `doc` as canonical JSON followed by a newline.
pub fn write_json<W: Write>(out: W, doc: &Document, layout: Layout) -> Result<(), EmitError> {
    let mut out = std::io::BufWriter::new(out);
    match layout {
        Layout::Pretty => {
            let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical::default());
            serde::Serialize::serialize(doc, &mut ser)?;
        }
        Layout::Compact => serde_json::to_writer(&mut out, doc)?,
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes one JSON object per indicator row (NDJSON), in document order.
pub fn write_rows<W: Write>(out: W, doc: &Document) -> Result<(), EmitError> {
    let mut out = std::io::BufWriter::new(out);
    for row in rows(doc) {
        serde_json::to_writer(&mut out, &row)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}

/// Writes the normalizer's audit log as a canonical JSON array.
pub fn write_changes<W: Write>(out: W, changes: &[iki_model::Change]) -> Result<(), EmitError> {
    let mut out = std::io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical::default());
    serde::Serialize::serialize(changes, &mut ser)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Writes any serializable value in the canonical JSON layout.
pub fn write_canonical<W: Write, T: serde::Serialize>(out: W, value: &T) -> Result<(), EmitError> {
    let mut out = std::io::BufWriter::new(out);
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Canonical::default());
    value.serialize(&mut ser)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// Canonical JSON as a string.
pub fn to_json_string(doc: &Document, layout: Layout) -> Result<String, EmitError> {
    let mut buf = Vec::new();
    write_json(&mut buf, doc, layout)?;
    String::from_utf8(buf).map_err(|e| EmitError::Io(std::io::Error::other(e)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use iki_model::{Group, GroupKind, Indicator, Measure, Position, Span};

    fn doc() -> Document {
        let mut d = Document::default();
        d.groups.push(Group {
            kind: GroupKind::Pengawas,
            title: Some("JABATAN PENGAWAS".into()),
            span: Span::new(1, 9),
            banner: Some(Span::line(1)),
            units: vec![],
            positions: vec![Position {
                id: "pengawas/kasubbag".into(),
                number: "1.1".into(),
                title: "KASUBBAG".into(),
                unit: Some("SEKRETARIAT".into()),
                span: Span::new(3, 9),
                heading: Span::line(3),
                tugas: vec![],
                fungsi: vec![],
                indicators: vec![Indicator {
                    number: None,
                    sasaran: "S \"q\"".into(),
                    indikator: "Jumlah X".into(),
                    formulasi: "F".into(),
                    sumber_data: "D".into(),
                    measure: Measure::Count,
                    formula: None,
                    target: None,
                    extra: Default::default(),
                    sasaran_filled: false,
                    span: Span::new(8, 9),
                    continuation_lines: vec![9],
                }],
            }],
        });
        d
    }

    #[test]
    fn rows_have_the_contract_keys_in_order() {
        let mut out = Vec::new();
        write_rows(&mut out, &doc()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\"group\":\"pengawas\",\"unit\":\"SEKRETARIAT\",\"position_id\":\"pengawas/kasubbag\",\
             \"position_number\":\"1.1\",\"position_title\":\"KASUBBAG\",\"sasaran\":\"S \\\"q\\\"\",\
             \"indikator\":\"Jumlah X\",\"formulasi\":\"F\",\"sumber_data\":\"D\",\"measure\":\"count\",\
             \"source_lines\":[8,9],\"source_place\":null,\"extra\":{}}\n"
        );
    }

    #[test]
    fn json_round_trips_and_compact_is_one_line() {
        let d = doc();
        let pretty = to_json_string(&d, Layout::Pretty).unwrap();
        let back: Document = serde_json::from_str(&pretty).unwrap();
        assert_eq!(back, d);
        let compact = to_json_string(&d, Layout::Compact).unwrap();
        assert_eq!(compact.lines().count(), 1);
        assert!(compact.ends_with('\n'));
    }
}
