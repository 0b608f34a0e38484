//! CSV (RFC 4180, via the csv crate): one row per indicator with the
//! document's year and agency, then one column per extra column name
//! (SATUAN, TARGET, PENANGGUNG JAWAB, ...) found in any exported document.

use crate::spool::Spool;
use crate::{neutralize, ExportError, Source};
use iki_model::rows;
use std::io::Write;

/// The header row's fixed columns; the extra columns follow them.
pub const HEADER: [&str; 14] = [
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
    "source_place",
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
///
/// The columns are the fixed [`HEADER`] columns, then one column per extra
/// column name (the table columns the model has no field for) in the order
/// the names are first seen: documents in input order, then columns in
/// table order. A row without that column has an empty cell.
///
/// # Why a spool
///
/// The header comes first in a CSV file, but the extra column names are
/// only known once every document has been seen, and a batch must never be
/// held in memory at once. So [`write`](CsvWriter::write) appends each row,
/// with its fixed cells and its extra cells as `(name index, value)` pairs,
/// to an anonymous temporary file (removed by the operating system when
/// the writer is dropped), and keeps in memory only the names.
/// [`finish`](CsvWriter::finish) then writes the BOM (if asked), the full
/// header and the rows read back from the spool with the extra cells
/// expanded into their columns. Memory stays bounded by the number of
/// distinct names; nothing reaches the output before `finish`, and the
/// same documents always give the same bytes.
pub struct CsvWriter<W: Write> {
    out: W,
    options: CsvOptions,
    /// One record per row: the 14 fixed cells (neutralized), then the
    /// extra cells (neutralized) by name.
    spool: Spool,
}

impl<W: Write> CsvWriter<W> {
    /// Starts the table (the output is written by [`finish`](Self::finish)).
    pub fn new(out: W, options: CsvOptions) -> Result<CsvWriter<W>, ExportError> {
        Ok(CsvWriter {
            out,
            options,
            spool: Spool::new(HEADER.len())?,
        })
    }

    fn cell<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        if self.options.raw_cells {
            s.into()
        } else {
            neutralize(s)
        }
    }

    /// Adds a document's rows.
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        let year = d.year.map(|y| y.to_string()).unwrap_or_default();
        let agency = d.agency.as_deref().unwrap_or_default();
        for r in rows(d) {
            let lines = format!("{}-{}", r.source_lines.first, r.source_lines.last);
            let measure = serde_json::to_value(r.measure)?;
            let place = r.source_place.as_deref().unwrap_or("");
            let fixed: [std::borrow::Cow<'_, str>; 14] = [
                year.as_str().into(),
                self.cell(agency),
                r.group.as_str().into(),
                self.cell(r.unit.unwrap_or("")),
                r.position_id.into(),
                self.cell(r.position_number),
                self.cell(r.position_title),
                self.cell(r.sasaran),
                self.cell(r.indikator),
                self.cell(r.formulasi),
                self.cell(r.sumber_data),
                measure.as_str().unwrap_or("").into(),
                lines.as_str().into(),
                self.cell(place),
            ];
            let extra: Vec<(&str, std::borrow::Cow<'_, str>)> =
                r.extra.iter().map(|(n, v)| (n, self.cell(v))).collect();
            self.spool.push(
                fixed.iter().map(|c| c.as_ref()),
                extra.iter().map(|(n, v)| (*n, v.as_ref())),
            )?;
        }
        Ok(())
    }

    /// Writes the table: BOM (if asked), header with the extra columns,
    /// then every row from the spool; flushes.
    pub fn finish(mut self) -> Result<(), ExportError> {
        if self.options.excel {
            self.out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut self.out);
        let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
        let raw = self.options.raw_cells;
        header.extend(self.spool.names().iter().map(|n| {
            if raw {
                n.clone()
            } else {
                neutralize(n).into_owned()
            }
        }));
        out.write_record(&header)?;
        let mut rows = self.spool.read()?;
        while let Some(cells) = rows.next_row()? {
            out.write_record(&cells)?;
        }
        out.flush()?;
        drop(out);
        self.out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use iki_model::Document;

    fn doc(header: &str, row: &str) -> Document {
        let src = format!(
            "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n\
             SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA{header}\n\
             Data\tJumlah data\tx\tLaporan{row}\n"
        );
        iki_parse::parse(src.as_bytes()).unwrap().document
    }

    fn export(docs: &[Document], options: CsvOptions) -> Vec<u8> {
        let mut out = Vec::new();
        let mut csv = CsvWriter::new(&mut out, options).unwrap();
        for d in docs {
            csv.write(&Source {
                file: "x.md",
                document: d,
            })
            .unwrap();
        }
        csv.finish().unwrap();
        out
    }

    fn table(bytes: &[u8]) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn extra_columns_in_first_seen_order_with_empty_cells() {
        let docs = [
            doc("", ""),
            doc("\tTARGET\tSATUAN", "\t=1+1\t%"),
            doc("\tKET\tTARGET", "\t@x\t95"),
        ];
        let t = table(&export(&docs, CsvOptions::default()));
        assert_eq!(t.len(), 4);
        assert_eq!(t[0][14..], ["TARGET", "SATUAN", "KET"]);
        assert!(t.iter().all(|r| r.len() == 17));
        assert_eq!(t[1][14..], ["", "", ""]);
        assert_eq!(t[2][14..], ["'=1+1", "%", ""]);
        assert_eq!(t[3][14..], ["95", "", "'@x"]);
        let raw = table(&export(
            &docs,
            CsvOptions {
                raw_cells: true,
                ..CsvOptions::default()
            },
        ));
        assert_eq!(raw[2][14], "=1+1");
        assert_eq!(raw[3][16], "@x");
    }

    #[test]
    fn without_extras_the_header_is_the_fixed_one_and_bom_comes_first() {
        let plain = export(&[doc("", "")], CsvOptions::default());
        assert!(plain.starts_with(format!("{}\r\n", HEADER.join(",")).as_bytes()));
        let excel = export(
            &[doc("", "")],
            CsvOptions {
                excel: true,
                ..CsvOptions::default()
            },
        );
        assert_eq!(&excel[..3], b"\xEF\xBB\xBF");
        assert_eq!(&excel[3..], plain.as_slice());
        // Nothing at all: a header alone.
        assert_eq!(
            export(&[], CsvOptions::default()),
            format!("{}\r\n", HEADER.join(",")).into_bytes()
        );
    }

    #[test]
    fn cells_with_newlines_and_quotes_survive_the_spool() {
        let mut d = doc("\tTARGET", "\t1");
        let i = &mut d.groups[0].positions[0].indicators[0];
        i.sasaran = "a, \"b\"\r\nc".into();
        i.extra.0[0].1 = "x\ny, \"z\"".into();
        let t = table(&export(&[d], CsvOptions::default()));
        assert_eq!(t[1][7], "a, \"b\"\r\nc");
        assert_eq!(t[1][14], "x\ny, \"z\"");
    }
}
