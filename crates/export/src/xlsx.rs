//! An XLSX workbook an HR analyst would be glad to receive: a summary sheet
//! with counts per group, then one sheet per group with a bold, frozen
//! header row, an autofilter, wrapped text and sensible column widths.
//!
//! A group sheet has the fixed columns, then one column per extra column
//! name (SATUAN, TARGET, PENANGGUNG JAWAB, ...) that occurs in that sheet's
//! rows, in first-seen order (documents in input order, then table column
//! order); a row without that column has an empty cell.
//!
//! Memory stays bounded whatever the corpus: each group's rows are spooled
//! to a temporary file as documents come (the header's extra names are
//! known only at the end), and [`XlsxWriter::finish`] streams them into
//! rust_xlsxwriter's constant-memory worksheets. A sheet holds at most
//! 1,048,576 rows: a group with more continues on sheets named
//! "Administrator (2)", "Administrator (3)", ..., each with the header.

use crate::spool::Spool;
use crate::{neutralize, ExportError, Source};
use iki_model::{GroupKind, Measure};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::collections::BTreeMap;
use std::io::Seek;
use std::path::Path;

/// Rows of a worksheet, the header included (Excel's limit).
pub const SHEET_ROWS: u32 = 1_048_576;

/// Width in characters of an extra column (wrapped).
const EXTRA_WIDTH: f64 = 16.0;

/// Fixed columns of a group sheet: header, width in characters, wrapped.
const COLUMNS: [(&str, f64, bool); 13] = [
    ("Tahun", 7.0, false),
    ("Instansi", 12.0, false),
    ("Unit", 16.0, true),
    ("No.", 6.0, false),
    ("Jabatan", 30.0, true),
    ("Id jabatan", 28.0, false),
    ("Sasaran", 45.0, true),
    ("Indikator Kinerja", 45.0, true),
    ("Penjelasan / Formulasi Penghitungan", 45.0, true),
    ("Sumber Data", 22.0, true),
    ("Ukuran", 11.0, false),
    ("Baris sumber", 11.0, false),
    ("Tempat di dokumen asli", 22.0, true),
];

fn sheet_name(kind: GroupKind) -> &'static str {
    match kind {
        GroupKind::PimpinanTinggi => "Pimpinan Tinggi",
        GroupKind::Administrator => "Administrator",
        GroupKind::Pengawas => "Pengawas",
        GroupKind::FungsionalTertentu => "Fungsional Tertentu",
        GroupKind::FungsionalUmum => "Fungsional Umum",
    }
}

fn measure(m: Measure) -> &'static str {
    match m {
        Measure::Count => "jumlah",
        Measure::Percentage => "persentase",
        Measure::Index => "indeks",
        Measure::Other => "lainnya",
    }
}

/// Collects documents, then builds the workbook.
pub struct XlsxWriter {
    raw: bool,
    /// Each group sheet's rows (the 13 fixed cells, then the extra cells
    /// by name), spooled.
    sheets: BTreeMap<GroupKind, Spool>,
    /// (year, agency, group) -> (positions, indicators)
    summary: BTreeMap<(String, String, GroupKind), (usize, usize)>,
    /// Data rows per worksheet before a group continues on the next one.
    rows_per_sheet: u32,
}

impl XlsxWriter {
    /// A workbook; `raw_cells` keeps formula-like cells as written.
    pub fn new(raw_cells: bool) -> XlsxWriter {
        XlsxWriter {
            raw: raw_cells,
            sheets: BTreeMap::new(),
            summary: BTreeMap::new(),
            rows_per_sheet: SHEET_ROWS - 1,
        }
    }

    /// The same with fewer data rows per sheet than Excel allows (tests of
    /// the continuation sheets use it).
    pub fn with_rows_per_sheet(raw_cells: bool, rows: u32) -> XlsxWriter {
        XlsxWriter {
            rows_per_sheet: rows.clamp(1, SHEET_ROWS - 1),
            ..XlsxWriter::new(raw_cells)
        }
    }

    /// Adds a document's rows.
    pub fn write(&mut self, source: &Source) -> Result<(), ExportError> {
        let d = source.document;
        // A cell holds at most 32,767 characters: a document with a longer
        // one is left out whole (and reported), before any of it is added.
        const CELL: usize = 32_767;
        let long = iki_model::rows(d).find_map(|r| {
            let texts = [r.sasaran, r.indikator, r.formulasi, r.sumber_data];
            texts
                .into_iter()
                .chain(r.extra.iter().map(|(_, v)| v))
                .any(|t| t.chars().count() > CELL)
                .then_some(r.source_lines.first)
        });
        if let Some(line) = long {
            return Err(ExportError::Document(format!(
                "{}:{line}: a cell longer than XLSX's limit of {CELL} characters; export this document as CSV or SQLite",
                source.file
            )));
        }
        let year = d.year.map(|y| y.to_string()).unwrap_or_default();
        let agency = d.agency.clone().unwrap_or_default();
        let raw = self.raw;
        let cell = |s: &str| {
            if raw {
                s.to_string()
            } else {
                neutralize(s).into_owned()
            }
        };
        for g in &d.groups {
            let counts = self
                .summary
                .entry((year.clone(), agency.clone(), g.kind))
                .or_default();
            counts.0 += g.positions.len();
            let sheet = match self.sheets.entry(g.kind) {
                std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(Spool::new(COLUMNS.len())?)
                }
            };
            for p in &g.positions {
                counts.1 += p.indicators.len();
                for i in &p.indicators {
                    let extra: Vec<(&str, String)> = i
                        .extra
                        .iter()
                        .map(|(name, value)| (name, cell(value)))
                        .collect();
                    let cells = [
                        year.clone(),
                        cell(&agency),
                        cell(p.unit.as_deref().unwrap_or("")),
                        cell(&p.number),
                        cell(&p.title),
                        p.id.clone(),
                        cell(&i.sasaran),
                        cell(&i.indikator),
                        cell(&i.formulasi),
                        cell(&i.sumber_data),
                        measure(i.measure).to_string(),
                        i.span.to_string(),
                        d.origin
                            .as_ref()
                            .and_then(|o| o.describe(i.span))
                            .unwrap_or_default(),
                    ];
                    sheet.push(
                        cells.iter().map(String::as_str),
                        extra.iter().map(|(n, v)| (*n, v.as_str())),
                    )?;
                }
            }
        }
        Ok(())
    }

    /// Builds the workbook into the file at `path` (a temporary file the
    /// caller renames into place).
    pub fn finish(self, path: &Path) -> Result<(), ExportError> {
        self.build()?.save(path)?;
        Ok(())
    }

    /// Builds the workbook into `out` (a `Cursor<Vec<u8>>` for a workbook
    /// in memory).
    pub fn finish_to<W>(self, out: W) -> Result<(), ExportError>
    where
        W: std::io::Write + Seek + Send,
    {
        self.build()?.save_to_writer(out)?;
        Ok(())
    }

    fn build(self) -> Result<Workbook, ExportError> {
        let mut book = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_background_color("#DDEBF7")
            .set_text_wrap();
        let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let top = Format::new().set_align(FormatAlign::Top);

        let summary = book.add_worksheet();
        summary.set_name("Ringkasan")?;
        let titles = [
            "Tahun",
            "Instansi",
            "Kelompok jabatan",
            "Jabatan",
            "Indikator",
        ];
        start_sheet(summary, &titles, &header)?;
        for (c, w) in [8.0, 14.0, 24.0, 10.0, 10.0].into_iter().enumerate() {
            summary.set_column_width(c as u16, w)?;
        }
        for (r, ((year, agency, kind), (positions, indicators))) in self.summary.iter().enumerate()
        {
            let row = r as u32 + 1;
            write_year(summary, row, 0, year, &top)?;
            summary.write_string_with_format(row, 1, agency, &top)?;
            summary.write_string_with_format(row, 2, sheet_name(*kind), &top)?;
            summary.write_number_with_format(row, 3, *positions as f64, &top)?;
            summary.write_number_with_format(row, 4, *indicators as f64, &top)?;
        }
        summary.autofilter(0, 0, self.summary.len() as u32, titles.len() as u16 - 1)?;

        for (kind, data) in self.sheets {
            let names: Vec<String> = data
                .names()
                .iter()
                .map(|n| {
                    if self.raw {
                        n.clone()
                    } else {
                        neutralize(n).into_owned()
                    }
                })
                .collect();
            let titles: Vec<&str> = COLUMNS
                .iter()
                .map(|c| c.0)
                .chain(names.iter().map(String::as_str))
                .collect();
            let per_sheet = u64::from(self.rows_per_sheet);
            let total = data.rows();
            let sheets = total.div_ceil(per_sheet).max(1);
            let mut rows = data.read()?;
            for part in 0..sheets {
                let sheet = book.add_worksheet_with_constant_memory()?;
                if part == 0 {
                    sheet.set_name(sheet_name(kind))?;
                } else {
                    sheet.set_name(format!("{} ({})", sheet_name(kind), part + 1))?;
                }
                start_sheet(sheet, &titles, &header)?;
                for (c, (_, width, _)) in COLUMNS.iter().enumerate() {
                    sheet.set_column_width(c as u16, *width)?;
                }
                for c in COLUMNS.len()..titles.len() {
                    sheet.set_column_width(c as u16, EXTRA_WIDTH)?;
                }
                let in_this = (total - part * per_sheet).min(per_sheet) as u32;
                for r in 1..=in_this {
                    let Some(cells) = rows.next_row()? else { break };
                    for (c, value) in cells.iter().enumerate() {
                        let value = String::from_utf8_lossy(value);
                        if c == 0 {
                            write_year(sheet, r, 0, &value, &top)?;
                        } else if c < COLUMNS.len() {
                            let format = if COLUMNS[c].2 { &wrap } else { &top };
                            sheet.write_string_with_format(r, c as u16, value, format)?;
                        } else if !value.is_empty() {
                            sheet.write_string_with_format(r, c as u16, value, &wrap)?;
                        }
                    }
                }
                sheet.autofilter(0, 0, in_this, titles.len() as u16 - 1)?;
            }
        }
        Ok(book)
    }
}

fn start_sheet(sheet: &mut Worksheet, titles: &[&str], header: &Format) -> Result<(), ExportError> {
    for (c, t) in titles.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *t, header)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

fn write_year(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    year: &str,
    format: &Format,
) -> Result<(), ExportError> {
    match year.parse::<f64>() {
        Ok(y) => sheet.write_number_with_format(row, col, y, format)?,
        Err(_) => sheet.write_string_with_format(row, col, year, format)?,
    };
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use calamine::{Reader, Xlsx};

    /// A group with more rows than a sheet holds continues on sheets named
    /// "(2)", "(3)", each with the header; every row is kept once.
    #[test]
    fn a_group_too_long_for_one_sheet_continues_on_the_next() {
        let seed = include_str!("../../../seeds/bkpsdm-sumenep-2024.md");
        let doc = iki_parse::parse(seed.as_bytes()).unwrap().document;
        let source = Source {
            file: "seed.md",
            document: &doc,
        };
        let mut x = XlsxWriter::with_rows_per_sheet(false, 50);
        x.write(&source).unwrap();
        let mut buf = std::io::Cursor::new(Vec::new());
        x.finish_to(&mut buf).unwrap();
        buf.set_position(0);
        let mut book: Xlsx<_> = Xlsx::new(buf).unwrap();
        let names = book.sheet_names().to_vec();
        for g in &doc.groups {
            let rows: usize = g.positions.iter().map(|p| p.indicators.len()).sum();
            let base = sheet_name(g.kind);
            let parts: Vec<&String> = names
                .iter()
                .filter(|n| *n == base || n.starts_with(&format!("{base} (")))
                .collect();
            assert_eq!(parts.len(), rows.div_ceil(50).max(1), "{base}: {names:?}");
            let mut seen = 0;
            for name in parts {
                let range = book.worksheet_range(name).unwrap();
                assert_eq!(range.get((0, 7)).unwrap().to_string(), "Indikator Kinerja");
                seen += range.height() - 1;
            }
            assert_eq!(seen, rows, "{base}");
        }
    }
}
