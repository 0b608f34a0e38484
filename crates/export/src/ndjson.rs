//! NDJSON: the flat rows of `iki rows`, with the document's year and agency
//! in front.

use crate::{ExportError, Source};
use iki_model::{rows, Row};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct Line<'a> {
    year: Option<u16>,
    agency: Option<&'a str>,
    #[serde(flatten)]
    row: Row<'a>,
}

/// Writes documents as NDJSON rows.
pub struct NdjsonWriter<W: Write> {
    out: std::io::BufWriter<W>,
}

impl<W: Write> NdjsonWriter<W> {
    /// A writer into `out`.
    pub fn new(out: W) -> NdjsonWriter<W> {
        NdjsonWriter {
            out: std::io::BufWriter::new(out),
        }
    }

    /// Adds a document's rows.
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        for row in rows(d) {
            serde_json::to_writer(
                &mut self.out,
                &Line {
                    year: d.year,
                    agency: d.agency.as_deref(),
                    row,
                },
            )?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Flushes.
    pub fn finish(mut self) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }
}
