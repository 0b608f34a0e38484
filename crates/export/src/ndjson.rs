//! NDJSON: the flat rows of `iki rows`, with the document's year and agency
//! in front.
//!
//! Every line is one object whose keys always come in this order: `year`,
//! `agency`, then the keys of [`iki_model::Row`] in its published order
//! (`group`, `unit`, `position_id`, `position_number`, `position_title`,
//! `sasaran`, `indikator`, `formulasi`, `sumber_data`, `measure`,
//! `source_lines`, `extra`). `extra` is an object of the row's extra
//! columns (SATUAN, TARGET, PENANGGUNG JAWAB, ...), name to cell text, in
//! the table's column order; `{}` for a table without extra columns. Each
//! line carries only its own row's extra columns, so nothing has to be
//! known in advance and the writer streams.

use crate::{ExportError, Source};
use iki_model::{rows, Row};
use serde::Serialize;
use std::io::Write;

/// One line: `year` and `agency`, then the row's keys (`extra` last).
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
