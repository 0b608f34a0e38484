//! CSV (RFC 4180, via the csv crate): one row per indicator with the
//! document's year and agency.

use crate::{neutralize, ExportError, Source};
use iki_model::rows;
use std::io::Write;

/// The header row.
pub const HEADER: [&str; 13] = [
    "year",
    "agency",
    "group",
    "unit",
    "position_id",
    "position_number",
    "position_title",
    "sasaran",
    "indikator",
    "formulasi",
    "sumber_data",
    "measure",
    "source_lines",
];

/// CSV settings.
#[derive(Clone, Copy, Debug, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark, so that Excel reads UTF-8.
    pub excel: bool,
    /// Write cells exactly, without neutralizing formula-like starts.
    pub raw_cells: bool,
}

/// Writes documents as one CSV table.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    raw: bool,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the table (BOM if asked, then the header).
    pub fn new(mut out: W, options: CsvOptions) -> Result<CsvWriter<W>, ExportError> {
        if options.excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        out.write_record(HEADER)?;
        Ok(CsvWriter {
            out,
            raw: options.raw_cells,
        })
    }

    /// Adds a document's rows.
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        let year = d.year.map(|y| y.to_string()).unwrap_or_default();
        let agency = d.agency.clone().unwrap_or_default();
        let cell = |s: &str| -> String {
            if self.raw {
                s.to_string()
            } else {
                neutralize(s).into_owned()
            }
        };
        for r in rows(d) {
            let record = [
                year.clone(),
                cell(&agency),
                r.group.to_string(),
                cell(r.unit.unwrap_or("")),
                r.position_id.to_string(),
                cell(r.position_number),
                cell(r.position_title),
                cell(r.sasaran),
                cell(r.indikator),
                cell(r.formulasi),
                cell(r.sumber_data),
                serde_json::to_value(r.measure)?
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                format!("{}-{}", r.source_lines.first, r.source_lines.last),
            ];
            self.out.write_record(&record)?;
        }
        Ok(())
    }

    /// Flushes the table.
    pub fn finish(mut self) -> Result<(), ExportError> {
        self.out.flush()?;
        Ok(())
    }
}
