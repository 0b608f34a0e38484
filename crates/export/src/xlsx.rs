//! An XLSX workbook an HR analyst would be glad to receive: a summary sheet
//! with counts per group, then one sheet per group with a bold, frozen
//! header row, an autofilter, wrapped text and sensible column widths.
//!
//! A group sheet has the fixed columns, then one column per extra column
//! name (SATUAN, TARGET, PENANGGUNG JAWAB, ...) that occurs in that sheet's
//! rows, in first-seen order (documents in input order, then table column
//! order); a row without that column has an empty cell. The writer already
//! keeps every sheet's rows until [`XlsxWriter::finish`] (the workbook is
//! built in memory either way), so it also keeps each sheet's names there
//! and writes the header, complete, when it builds the sheet.

use crate::{neutralize, ExportError, Source};
use iki_model::{GroupKind, Measure};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet};
use std::collections::{BTreeMap, HashMap};

/// Width in characters of an extra column (wrapped).
const EXTRA_WIDTH: f64 = 16.0;

/// Fixed columns of a group sheet: header, width in characters, wrapped.
const COLUMNS: [(&str, f64, bool); 12] = [
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

/// One row of a group sheet.
struct Row {
    /// The fixed columns' cells.
    cells: [String; 12],
    /// The extra cells: index into the sheet's names, cell.
    extra: Vec<(usize, String)>,
}

/// The rows of one group sheet and the extra column names they use.
#[derive(Default)]
struct Sheet {
    rows: Vec<Row>,
    /// Extra column names in first-seen order, as written in the model.
    names: Vec<String>,
    index: HashMap<String, usize>,
}

impl Sheet {
    /// The column index of extra column `name`, added if new.
    fn name(&mut self, name: &str) -> usize {
        if let Some(&i) = self.index.get(name) {
            return i;
        }
        let i = self.names.len();
        self.names.push(name.to_string());
        self.index.insert(name.to_string(), i);
        i
    }
}

/// Collects documents, then builds the workbook.
#[derive(Default)]
pub struct XlsxWriter {
    raw: bool,
    sheets: BTreeMap<GroupKind, Sheet>,
    /// (year, agency, group) -> (positions, indicators)
    summary: BTreeMap<(String, String, GroupKind), (usize, usize)>,
}

impl XlsxWriter {
    /// A workbook; `raw_cells` keeps formula-like cells as written.
    pub fn new(raw_cells: bool) -> XlsxWriter {
        XlsxWriter {
            raw: raw_cells,
            ..XlsxWriter::default()
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
            let sheet = self.sheets.entry(g.kind).or_default();
            for p in &g.positions {
                counts.1 += p.indicators.len();
                for i in &p.indicators {
                    let extra = i
                        .extra
                        .iter()
                        .map(|(name, value)| (sheet.name(name), cell(value)))
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
                    ];
                    sheet.rows.push(Row { cells, extra });
                }
            }
        }
        Ok(())
    }

    /// Builds the workbook and returns its bytes.
    pub fn finish(self) -> Result<Vec<u8>, ExportError> {
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

        for (kind, data) in &self.sheets {
            let sheet = book.add_worksheet();
            sheet.set_name(sheet_name(*kind))?;
            let names: Vec<String> = data
                .names
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
            start_sheet(sheet, &titles, &header)?;
            for (c, (_, width, _)) in COLUMNS.iter().enumerate() {
                sheet.set_column_width(c as u16, *width)?;
            }
            for c in COLUMNS.len()..titles.len() {
                sheet.set_column_width(c as u16, EXTRA_WIDTH)?;
            }
            for (r, row) in data.rows.iter().enumerate() {
                let r = r as u32 + 1;
                for (c, value) in row.cells.iter().enumerate() {
                    if c == 0 {
                        write_year(sheet, r, 0, value, &top)?;
                    } else {
                        let format = if COLUMNS[c].2 { &wrap } else { &top };
                        sheet.write_string_with_format(r, c as u16, value, format)?;
                    }
                }
                for (i, value) in &row.extra {
                    let c = (COLUMNS.len() + i) as u16;
                    sheet.write_string_with_format(r, c, value, &wrap)?;
                }
            }
            sheet.autofilter(0, 0, data.rows.len() as u32, titles.len() as u16 - 1)?;
        }
        Ok(book.save_to_buffer()?)
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
