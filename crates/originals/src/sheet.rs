//! Excel (.xlsx, .xls) and OpenDocument (.ods) sheets, through calamine.
//!
//! Every worksheet is read in workbook order. On a sheet, the first row
//! with two cells naming IKI columns (SASARAN, INDIKATOR KINERJA, ...) is
//! the table header; the rows above it are title lines, the rows from it
//! down are the table:
//!
//! - empty rows (spacers) are dropped, and merged cells running over them
//!   shrink to the rows kept;
//! - merged regions are `rowspan`/`colspan`, clipped to the table (a merge
//!   reaching up into the title rows keeps its text there);
//! - a row that is one merged cell across the whole header (a group
//!   banner inside the table) ends the table and is written as a bold
//!   line; the rows after it are a table without a header row, which the
//!   parser reads with the header before it;
//! - rows after an empty row at the end of the sheet that hold one cell
//!   each (a place and date, a signature block) are lines after the table.
//!
//! A sheet without a header row is written as lines, one per non-empty
//! row. Every line's place is its cell range: a table row from the table's
//! first to last column ("A7:H7"), a title row its non-empty cells.
//!
//! Cells read as a person sees them: text as typed; numbers at Excel's 15
//! significant digits, shortest form (`140.5`, `35`, never `35.0`); a
//! number formatted as a percentage (`0%`, `0.00%`) multiplied by 100 with
//! the format's decimals and a `%` (`0.95` -> `95%`); dates as
//! `YYYY-MM-DD`; booleans `TRUE`/`FALSE`; errors as their code
//! (`#DIV/0!`). No locale is applied: the decimal mark is a point.
//!
//! What calamine 0.38 gives by format:
//! - .xlsx: merged regions (`merge_cells_by_sheet_name`) and number formats
//!   (`worksheet_style`);
//! - .xls: merged regions (`merge_cells_by_sheet_name`), but no number
//!   formats (`worksheet_style` is empty for BIFF files): a percentage
//!   reads as the plain number (`0.45`);
//! - .ods: neither. iki reads `content.xml` itself for the merged regions
//!   (`table:number-columns-spanned`/`number-rows-spanned`) and for
//!   percentage cells (`office:value-type="percentage"`, their decimals
//!   taken from the displayed text).

use crate::source::{Cell, SourceText, TableRow};
use crate::{ReadError, Source};
use calamine::{Data, Dimensions, Reader, SheetType, Sheets, StyleRange};
use iki_model::{OriginalFormat, Place};
use iki_parse::words;
use std::collections::HashMap;
use std::io::Cursor;

/// The source text of a workbook.
pub fn read(bytes: &[u8], format: OriginalFormat) -> Result<Source, ReadError> {
    let label = match format {
        OriginalFormat::Ods => "OpenDocument spreadsheet",
        _ => "Excel",
    };
    let damaged = |e: &dyn std::fmt::Display| ReadError::Damaged {
        format: label,
        message: e.to_string(),
    };
    let mut ods = ods::Extras::default();
    let cursor = Cursor::new(bytes);
    let mut workbook: Sheets<Cursor<&[u8]>> = match format {
        OriginalFormat::Xls => {
            Sheets::Xls(calamine::Xls::new(cursor).map_err(|e| opened(e, label))?)
        }
        OriginalFormat::Ods => {
            ods = ods::Extras::read(bytes, label)?;
            Sheets::Ods(calamine::Ods::new(cursor).map_err(|e| opened(e, label))?)
        }
        _ => Sheets::Xlsx(calamine::Xlsx::new(cursor).map_err(|e| opened(e, label))?),
    };
    let sheets: Vec<(String, SheetType)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.typ))
        .collect();
    let mut out = SourceText::new();
    for (name, typ) in sheets {
        // Chart and macro sheets hold no cells.
        if typ != SheetType::WorkSheet {
            continue;
        }
        let range = match &mut workbook {
            Sheets::Xlsx(x) => xlsx_range(x, &name, label)?,
            _ => workbook
                .worksheet_range(&name)
                .map_err(|e| damaged(&format!("sheet '{name}': {e}")))?,
        };
        let merges = match &mut workbook {
            Sheets::Xlsx(x) => x
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| damaged(&format!("sheet '{name}': {e}")))?,
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            Sheets::Ods(_) => ods.merges.remove(&name).unwrap_or_default(),
            // Not made by `read` (an .xlsb is not sniffed as Excel).
            Sheets::Xlsb(_) => Vec::new(),
        };
        check_size(label, &name, &range, &merges)?;
        let styles = workbook
            .worksheet_style(&name)
            .unwrap_or_else(|_| StyleRange::empty());
        let shown = ods.texts.remove(&name).unwrap_or_default();
        let grid = Grid::new(&range, &styles, &shown, merges);
        write_sheet(&mut out, &name, &grid);
        if out.lines() > crate::limits::MAX_SOURCE_LINES {
            return Err(crate::limits::too_many_lines(
                label,
                &format!("the workbook (up to sheet '{name}')"),
            ));
        }
    }
    Ok(out.finish(format))
}

/// An .xlsx sheet's cells with values, as calamine's `worksheet_range`
/// reads them, but refused as soon as their box passes
/// [`MAX_SHEET_CELLS`](crate::limits::MAX_SHEET_CELLS): calamine would
/// allocate the whole box.
fn xlsx_range(
    x: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    label: &'static str,
) -> Result<calamine::Range<Data>, ReadError> {
    let damaged = |e: calamine::XlsxError| ReadError::Damaged {
        format: label,
        message: format!("sheet '{name}': {e}"),
    };
    let mut reader = match x.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok(calamine::Range::default()),
        Err(e) => return Err(damaged(e)),
    };
    let mut cells = Vec::new();
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0, 0);
    while let Some(cell) = reader.next_cell().map_err(damaged)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        (top, left) = (top.min(r), left.min(c));
        (bottom, right) = (bottom.max(r), right.max(c));
        if area(top, left, bottom, right) > crate::limits::MAX_SHEET_CELLS {
            return Err(crate::limits::sheet_too_large(
                label,
                name,
                &format!(
                    "its cells with values span {}",
                    span(top, left, bottom, right)
                ),
            ));
        }
        cells.push(calamine::Cell::new(
            (r, c),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(calamine::Range::from_sparse(cells))
}

/// The number of cells from `top`, `left` to `bottom`, `right`.
fn area(top: u32, left: u32, bottom: u32, right: u32) -> u64 {
    let rows = u64::from(bottom).saturating_sub(u64::from(top)) + 1;
    let cols = u64::from(right).saturating_sub(u64::from(left)) + 1;
    rows.saturating_mul(cols)
}

/// A box of cells as people name it: "A1:XFD1048576 (1048576 rows by
/// 16384 columns)".
fn span(top: u32, left: u32, bottom: u32, right: u32) -> String {
    format!(
        "{}{}:{}{} ({} rows by {} columns)",
        column_name(left),
        u64::from(top) + 1,
        column_name(right),
        u64::from(bottom) + 1,
        u64::from(bottom).saturating_sub(u64::from(top)) + 1,
        u64::from(right).saturating_sub(u64::from(left)) + 1,
    )
}

/// Refuses a sheet whose box of cells, or the rows its merged regions
/// cover within it, pass [`MAX_SHEET_CELLS`](crate::limits::MAX_SHEET_CELLS)
/// (the grid is dense, and lists for each row the merges covering it).
fn check_size(
    label: &'static str,
    sheet: &str,
    range: &calamine::Range<Data>,
    merges: &[Dimensions],
) -> Result<(), ReadError> {
    let (Some((top, left)), Some((bottom, right))) = (range.start(), range.end()) else {
        return Ok(());
    };
    if area(top, left, bottom, right) > crate::limits::MAX_SHEET_CELLS {
        return Err(crate::limits::sheet_too_large(
            label,
            sheet,
            &format!(
                "its cells with values span {}",
                span(top, left, bottom, right)
            ),
        ));
    }
    let mut covered: u64 = 0;
    for d in merges {
        let (from, to) = (d.start.0.max(top), d.end.0.min(bottom));
        if from <= to {
            covered = covered.saturating_add(u64::from(to - from) + 1);
        }
        if covered > crate::limits::MAX_SHEET_CELLS {
            return Err(crate::limits::sheet_too_large(
                label,
                sheet,
                &format!(
                    "its {} merged regions, counted once per row they span, come to {covered}",
                    merges.len()
                ),
            ));
        }
    }
    Ok(())
}

/// The error for a workbook calamine cannot open.
fn opened(e: impl std::fmt::Display, label: &'static str) -> ReadError {
    let message = e.to_string();
    if message.contains("password") {
        return ReadError::Unsupported {
            what: "a password-protected workbook".into(),
            hint: "workbooks without a password: save a copy without one".into(),
        };
    }
    ReadError::Damaged {
        format: label,
        message,
    }
}

/// A merged region, in absolute 0-based rows and columns (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Merge {
    top: u32,
    left: u32,
    bottom: u32,
    right: u32,
}

/// A sheet's cells as text, and its merged regions.
struct Grid {
    /// Absolute row and column of `cells[0]`.
    top: u32,
    left: u32,
    height: u32,
    width: u32,
    /// Row-major text of the bounding box of the cells with values.
    cells: Vec<String>,
    merges: Vec<Merge>,
    /// For each row of the box, the merges covering it.
    by_row: Vec<Vec<usize>>,
}

impl Grid {
    fn new(
        range: &calamine::Range<Data>,
        styles: &StyleRange,
        shown: &HashMap<(u32, u32), String>,
        merges: Vec<Dimensions>,
    ) -> Grid {
        let (Some((top, left)), Some((bottom, right))) = (range.start(), range.end()) else {
            return Grid {
                top: 0,
                left: 0,
                height: 0,
                width: 0,
                cells: Vec::new(),
                merges: Vec::new(),
                by_row: Vec::new(),
            };
        };
        let (height, width) = (bottom - top + 1, right - left + 1);
        let mut cells = Vec::with_capacity(range.get_size().0 * range.get_size().1);
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let at = (top + r as u32, left + c as u32);
                let text = match shown.get(&at) {
                    Some(text) => text.clone(),
                    None => {
                        let format = styles
                            .get(at)
                            .and_then(|s| s.number_format.as_ref())
                            .map(|f| f.format_code.as_str());
                        cell_text(value, format)
                    }
                };
                cells.push(text);
            }
        }
        let merges: Vec<Merge> = merges
            .into_iter()
            .filter(|d| d.start.0 <= d.end.0 && d.start.1 <= d.end.1 && d.start != d.end)
            .map(|d| Merge {
                top: d.start.0,
                left: d.start.1,
                bottom: d.end.0,
                right: d.end.1,
            })
            .collect();
        let mut by_row = vec![Vec::new(); height as usize];
        for (i, m) in merges.iter().enumerate() {
            let from = m.top.max(top);
            let to = m.bottom.min(bottom);
            for r in from..=to {
                if let Some(list) = by_row.get_mut((r - top) as usize) {
                    list.push(i);
                }
            }
        }
        Grid {
            top,
            left,
            height,
            width,
            cells,
            merges,
            by_row,
        }
    }

    /// The rows of the box.
    fn rows(&self) -> std::ops::Range<u32> {
        self.top..self.top + self.height
    }

    /// The text of a cell ("" outside the box).
    fn text(&self, r: u32, c: u32) -> &str {
        if r < self.top
            || c < self.left
            || r >= self.top + self.height
            || c >= self.left + self.width
        {
            return "";
        }
        let i = (r - self.top) as usize * self.width as usize + (c - self.left) as usize;
        self.cells.get(i).map_or("", |s| s.trim())
    }

    /// The non-empty cells of row `r` within columns `from..=to`.
    fn filled(&self, r: u32, from: u32, to: u32) -> impl Iterator<Item = (u32, &str)> + '_ {
        let from = from.max(self.left);
        let to = to.min((self.left + self.width).saturating_sub(1));
        (from..=to)
            .map(move |c| (c, self.text(r, c)))
            .filter(|(_, t)| !t.is_empty())
    }

    /// The non-empty cells of row `r`.
    fn filled_all(&self, r: u32) -> impl Iterator<Item = (u32, &str)> + '_ {
        self.filled(r, 0, u32::MAX)
    }

    /// The merged region covering a cell.
    fn merge_at(&self, r: u32, c: u32) -> Option<&Merge> {
        let list = self.by_row.get(r.checked_sub(self.top)? as usize)?;
        list.iter()
            .filter_map(|&i| self.merges.get(i))
            .find(|m| m.left <= c && c <= m.right)
    }
}

/// Writes one sheet: title lines, the table (cut at banner rows), lines
/// after it.
fn write_sheet(out: &mut SourceText, sheet: &str, g: &Grid) {
    let rows: Vec<u32> = g
        .rows()
        .filter(|&r| g.filled_all(r).next().is_some())
        .collect();
    let header = rows.iter().position(|&r| {
        g.filled_all(r)
            .filter(|(_, t)| words::names_core_column(t))
            .count()
            >= 2
    });
    let Some(h) = header else {
        for &r in &rows {
            title_line(out, sheet, g, r);
        }
        return;
    };
    let (titles, region) = rows.split_at(h);
    for &r in titles {
        title_line(out, sheet, g, r);
    }
    let header_row = region[0];
    // Lines after the table: after an empty row, rows of one cell each.
    let mut end = region.len();
    while end > 1 && g.filled_all(region[end - 1]).count() <= 1 {
        end -= 1;
    }
    while end < region.len() && region[end] == region[end - 1] + 1 {
        end += 1;
    }
    let (table, after) = region.split_at(end);
    // The table's columns: its filled cells, and the header's merges.
    let mut first = u32::MAX;
    let mut last = 0;
    for &r in table {
        for (c, _) in g.filled_all(r) {
            first = first.min(c);
            last = last.max(c);
        }
    }
    let header_cols: Vec<u32> = g.filled_all(header_row).map(|(c, _)| c).collect();
    let (head_first, mut head_last) = (
        header_cols.first().copied().unwrap_or(first),
        header_cols.last().copied().unwrap_or(last),
    );
    for &c in &header_cols {
        if let Some(m) = g.merge_at(header_row, c) {
            last = last.max(m.right);
            head_last = head_last.max(m.right);
        }
    }
    let mut segment: Vec<u32> = Vec::new();
    let mut covered_to = None;
    for &r in table {
        if covered_to.is_some_and(|to| r <= to) {
            continue;
        }
        if let Some(banner) = banner_of(g, r, head_first, head_last) {
            write_segment(out, sheet, g, &segment, header_row, (first, last));
            segment.clear();
            let place = cells_place(sheet, r, banner.left, r, banner.right);
            out.bold(g.text(r, banner.left), place);
            covered_to = Some(banner.bottom);
            continue;
        }
        segment.push(r);
    }
    write_segment(out, sheet, g, &segment, header_row, (first, last));
    for &r in after {
        title_line(out, sheet, g, r);
    }
}

/// The merge a banner row inside the table is: the row's only filled
/// cell, merged across every column of the header.
fn banner_of(g: &Grid, r: u32, head_first: u32, head_last: u32) -> Option<Merge> {
    let mut filled = g.filled_all(r);
    let (c, _) = filled.next()?;
    if filled.next().is_some() {
        return None;
    }
    let m = *g.merge_at(r, c)?;
    (m.top == r && m.left == c && m.left <= head_first && m.right >= head_last).then_some(m)
}

/// A row outside the table as a line: its filled cells side by side, in
/// bold when they are a group banner.
fn title_line(out: &mut SourceText, sheet: &str, g: &Grid, r: u32) {
    let filled: Vec<(u32, &str)> = g.filled_all(r).collect();
    let (Some(&(from, _)), Some(&(to, _))) = (filled.first(), filled.last()) else {
        return;
    };
    // A merged last cell reaches further right (a title merged A1:H1).
    let to = g
        .merge_at(r, to)
        .filter(|m| m.top == r && m.left == to)
        .map_or(to, |m| m.right);
    let text: Vec<&str> = filled.iter().map(|(_, t)| *t).collect();
    let text = text.join(" ");
    let place = cells_place(sheet, r, from, r, to);
    if words::is_banner(&text) {
        out.bold(&text, place);
    } else {
        out.line(&text, place);
    }
}

/// Writes rows `rows` (sorted) of the table whose header is on row
/// `header_row`, over columns `cols`, as one table; merged regions are
/// clipped to those rows and columns.
fn write_segment(
    out: &mut SourceText,
    sheet: &str,
    g: &Grid,
    rows: &[u32],
    header_row: u32,
    cols: (u32, u32),
) {
    let (first, last) = cols;
    // The rows of `rows` within `from..=to`.
    let within = |from: u32, to: u32| {
        let a = rows.partition_point(|&r| r < from);
        let b = rows.partition_point(|&r| r <= to);
        &rows[a..b.max(a)]
    };
    let mut table = Vec::with_capacity(rows.len());
    for &r in rows {
        let mut cells = Vec::new();
        let mut c = first;
        while c <= last {
            let Some(m) = g.merge_at(r, c) else {
                cells.push(Cell::new(g.text(r, c)));
                c += 1;
                continue;
            };
            let right = m.right.min(last);
            let covered = within(m.top, m.bottom);
            let start = m.left.max(first);
            if covered.first() == Some(&r) && c == start {
                // A merge reaching up above the table keeps its text in
                // the title line it started on.
                let text = if m.top >= header_row {
                    g.text(m.top, m.left)
                } else {
                    ""
                };
                cells.push(Cell {
                    text: text.to_string(),
                    rowspan: u32::try_from(covered.len()).unwrap_or(1).max(1),
                    colspan: right - start + 1,
                });
            }
            c = right + 1;
        }
        table.push(TableRow {
            cells,
            header: r == header_row,
            place: cells_place(sheet, r, first, r, last),
        });
    }
    out.table(&table);
}

/// The place of the cells from (`r1`, `c1`) to (`r2`, `c2`), "B3" for
/// one cell.
fn cells_place(sheet: &str, r1: u32, c1: u32, r2: u32, c2: u32) -> Place {
    let start = format!("{}{}", column_name(c1), u64::from(r1) + 1);
    let range = if (r1, c1) == (r2, c2) {
        start
    } else {
        format!("{start}:{}{}", column_name(c2), u64::from(r2) + 1)
    };
    Place::Cells {
        sheet: sheet.to_string(),
        range,
    }
}

/// A column's letters: 0 is A, 25 is Z, 26 is AA.
fn column_name(c: u32) -> String {
    let mut n = u64::from(c) + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A cell's value as a person sees it (see the module documentation).
fn cell_text(value: &Data, format: Option<&str>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(s) => s.replace("\r\n", "\n").replace('\r', "\n"),
        Data::Int(i) => match format.and_then(percent_decimals) {
            Some(d) => percent(*i as f64, d),
            None => i.to_string(),
        },
        Data::Float(f) => match format.and_then(percent_decimals) {
            Some(d) => percent(*f, d),
            None => number(*f),
        },
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        Data::Error(e) => e.to_string(),
        Data::DateTime(d) => date_time(d),
        Data::DateTimeIso(s) => s
            .strip_suffix("T00:00:00")
            .unwrap_or(s)
            .replacen('T', " ", 1),
        Data::DurationIso(s) => s.clone(),
    }
}

/// A number at Excel's 15 significant digits, in its shortest form.
fn number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let text = format!("{rounded}");
    if text == "-0" {
        "0".into()
    } else {
        text
    }
}

/// `f` as a percentage with `decimals` decimals, halves rounded away from
/// zero as Excel does.
pub(crate) fn percent(f: f64, decimals: usize) -> String {
    let decimals = decimals.min(15);
    let hundred: f64 = format!("{:.14e}", f * 100.0).parse().unwrap_or(f * 100.0);
    let scale = 10f64.powi(decimals as i32);
    let rounded = (hundred * scale).round() / scale;
    let text = format!("{rounded:.decimals$}");
    if text
        .trim_start_matches('-')
        .chars()
        .all(|c| c == '0' || c == '.')
    {
        format!("{}%", text.trim_start_matches('-'))
    } else {
        format!("{text}%")
    }
}

/// The decimals of a percentage number format ("0.00%" has 2), `None`
/// when the format is not a percentage. Only the first section (positive
/// numbers) is looked at; quoted text, `[...]` and escaped characters are
/// not format characters.
fn percent_decimals(code: &str) -> Option<usize> {
    let mut plain = String::new();
    let mut chars = code.chars();
    let mut quoted = false;
    let mut bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '[' => bracket = true,
            ']' => bracket = false,
            _ if bracket => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            ';' => break,
            _ => plain.push(c),
        }
    }
    let at = plain.find('%')?;
    let head = &plain[..at];
    let decimals = head.find('.').map_or(0, |dot| {
        head[dot + 1..]
            .chars()
            .filter(|c| matches!(c, '0' | '#' | '?'))
            .count()
    });
    Some(decimals)
}

/// An Excel date or time: "2024-01-31", "2024-01-31 08:30", "08:30"; a
/// duration as hours, minutes and seconds.
fn date_time(d: &calamine::ExcelDateTime) -> String {
    let value = d.as_f64();
    if d.is_duration() {
        let seconds = (value * 86_400.0).round() as i64;
        let (h, m, s) = (
            seconds / 3600,
            seconds.rem_euclid(3600) / 60,
            seconds.rem_euclid(60),
        );
        return format!("{h}:{m:02}:{s:02}");
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    let time = match (h, mi, s) {
        (0, 0, 0) => None,
        (h, mi, 0) => Some(format!("{h:02}:{mi:02}")),
        (h, mi, s) => Some(format!("{h:02}:{mi:02}:{s:02}")),
    };
    match time {
        Some(time) if value < 1.0 => time,
        Some(time) => format!("{y:04}-{mo:02}-{day:02} {time}"),
        None => format!("{y:04}-{mo:02}-{day:02}"),
    }
}

/// What an OpenDocument spreadsheet's `content.xml` says that calamine
/// does not give: merged regions, and the decimals of percentages.
mod ods {
    use crate::docx::{attr, open_zip, xml_error, zip_part};
    use crate::limits::MAX_SHEET_CELLS;
    use crate::ReadError;
    use calamine::Dimensions;
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::Reader;
    use std::collections::HashMap;

    /// The largest decompressed `content.xml` read.
    const MAX_CONTENT: u64 = 256 * 1024 * 1024;

    /// Repeated rows or cells past this many are not expanded (a row of
    /// the sheet's last million empty rows).
    const MAX_REPEAT: u32 = 1000;

    /// Per sheet name: its merged regions, and the text of its percentage
    /// cells (absolute row and column).
    #[derive(Debug, Default)]
    pub struct Extras {
        pub merges: HashMap<String, Vec<Dimensions>>,
        pub texts: HashMap<String, HashMap<(u32, u32), String>>,
    }

    /// A percentage cell being read: its value, where it repeats, and its
    /// displayed text so far.
    struct Percent {
        value: f64,
        at: Vec<(u32, u32)>,
        shown: String,
    }

    /// Whether a cell has a value calamine reads (any of the attributes
    /// it reads one from); a cell with only a style is empty.
    fn has_value(e: &BytesStart<'_>) -> bool {
        e.attributes().with_checks(false).flatten().any(|a| {
            matches!(
                a.key.local_name().as_ref(),
                "value"
                    | "string-value"
                    | "date-value"
                    | "time-value"
                    | "boolean-value"
                    | "value-type"
                    | "formula"
            )
        })
    }

    fn number(e: &BytesStart<'_>, name: &str) -> u32 {
        attr(e, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1)
            .max(1)
    }

    impl Extras {
        pub fn read(bytes: &[u8], label: &'static str) -> Result<Extras, ReadError> {
            const PART: &str = "content.xml";
            let mut archive = open_zip(bytes, label)?;
            let Some(xml) = zip_part(&mut archive, PART, label, MAX_CONTENT)? else {
                return Ok(Extras::default());
            };
            let mut reader = Reader::from_str(&xml);
            let mut extras = Extras::default();
            let mut sheet: Option<String> = None;
            let (mut row, mut col, mut row_repeat) = (0u32, 0u32, 1u32);
            let mut pending: Option<Percent> = None;
            // Per sheet, the box of its cells with values (calamine reads
            // it as a dense grid) and the cells merges and percentages
            // repeat over: both bounded by MAX_SHEET_CELLS.
            let mut used: Option<(u32, u32, u32, u32)> = None;
            let mut expanded: u64 = 0;
            let too_large = |sheet: Option<&str>, what: String| {
                crate::limits::sheet_too_large(label, sheet.unwrap_or_default(), &what)
            };
            loop {
                let event = reader
                    .read_event()
                    .map_err(|e| xml_error(label, PART, reader.error_position(), e))?;
                let (e, empty) = match &event {
                    Event::Start(e) => (e, false),
                    Event::Empty(e) => (e, true),
                    Event::End(e) => {
                        match e.local_name().as_ref() {
                            "table" => sheet = None,
                            "table-row" => row = row.saturating_add(row_repeat),
                            "table-cell" => finish(&mut extras, sheet.as_deref(), pending.take()),
                            _ => {}
                        }
                        continue;
                    }
                    Event::Text(t) => {
                        if let Some(p) = pending.as_mut() {
                            p.shown.push_str(&t.xml10_content());
                        }
                        continue;
                    }
                    Event::Eof => break,
                    _ => continue,
                };
                match e.local_name().as_ref() {
                    "table" if sheet.is_some() && !empty => {
                        // A table inside a cell is not a sheet.
                        reader
                            .read_to_end(e.name())
                            .map_err(|e| xml_error(label, PART, reader.error_position(), e))?;
                    }
                    "table" => {
                        sheet = (!empty).then(|| attr(e, "name").unwrap_or_default());
                        row = 0;
                        used = None;
                        expanded = 0;
                    }
                    "table-row" if sheet.is_some() => {
                        row_repeat = number(e, "number-rows-repeated");
                        col = 0;
                        if empty {
                            row = row.saturating_add(row_repeat);
                        }
                    }
                    name @ ("table-cell" | "covered-table-cell") if sheet.is_some() => {
                        let repeat = number(e, "number-columns-repeated");
                        let rows = row_repeat.min(MAX_REPEAT);
                        let cols = repeat.min(MAX_REPEAT);
                        if name == "table-cell" && has_value(e) {
                            let last_row = row.saturating_add(row_repeat - 1);
                            let last_col = col.saturating_add(repeat - 1);
                            let (top, bottom, right) = match used {
                                Some((t, _, b, r)) => (t, b.max(last_row), r.max(last_col)),
                                None => (row, last_row, last_col),
                            };
                            used = Some((top, 0, bottom, right));
                            // From column A: calamine keeps the empty
                            // cells before a value in its row.
                            if super::area(top, 0, bottom, right) > MAX_SHEET_CELLS {
                                return Err(too_large(
                                    sheet.as_deref(),
                                    format!(
                                        "its cells with values span {}",
                                        super::span(top, 0, bottom, right)
                                    ),
                                ));
                            }
                        }
                        if name == "table-cell" {
                            let across = number(e, "number-columns-spanned");
                            let down = number(e, "number-rows-spanned");
                            let percentage = attr(e, "value-type").as_deref() == Some("percentage");
                            if across > 1 || down > 1 || percentage {
                                expanded += u64::from(rows) * u64::from(cols);
                                if expanded > MAX_SHEET_CELLS {
                                    return Err(too_large(
                                        sheet.as_deref(),
                                        "its merged and percentage cells repeat over too many cells"
                                            .into(),
                                    ));
                                }
                            }
                            if across > 1 || down > 1 {
                                let list = extras
                                    .merges
                                    .entry(sheet.clone().unwrap_or_default())
                                    .or_default();
                                for i in 0..rows {
                                    for j in 0..cols {
                                        let (r, c) = (row.saturating_add(i), col.saturating_add(j));
                                        list.push(Dimensions {
                                            start: (r, c),
                                            end: (
                                                r.saturating_add(down - 1),
                                                c.saturating_add(across - 1),
                                            ),
                                        });
                                    }
                                }
                            }
                            if percentage {
                                if let Some(value) = attr(e, "value").and_then(|v| v.parse().ok()) {
                                    let at = (0..rows)
                                        .flat_map(|i| {
                                            (0..cols).map(move |j| {
                                                (row.saturating_add(i), col.saturating_add(j))
                                            })
                                        })
                                        .collect();
                                    let p = Percent {
                                        value,
                                        at,
                                        shown: String::new(),
                                    };
                                    if empty {
                                        finish(&mut extras, sheet.as_deref(), Some(p));
                                    } else {
                                        pending = Some(p);
                                    }
                                }
                            }
                        }
                        col = col.saturating_add(repeat);
                    }
                    _ => {}
                }
            }
            Ok(extras)
        }
    }

    /// Records a percentage cell: its value times 100 with the decimals
    /// its displayed text shows ("45,00 %" has 2).
    fn finish(extras: &mut Extras, sheet: Option<&str>, p: Option<Percent>) {
        let (Some(sheet), Some(p)) = (sheet, p) else {
            return;
        };
        let shown = p.shown.trim();
        let digits = shown.trim_end_matches(|c: char| c == '%' || c.is_whitespace());
        let decimals = digits.rfind(['.', ',']).map_or(0, |at| {
            digits[at + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count()
        });
        let text = super::percent(p.value, decimals);
        let texts = extras.texts.entry(sheet.to_string()).or_default();
        for at in p.at {
            texts.insert(at, text.clone());
        }
    }
}

#[cfg(test)]
mod tests;
