//! The walk over `word/document.xml`: one pass of quick-xml events, a
//! few flags for where it is (paragraph and run properties, text), and a
//! stack of open tables (a table nested in a cell is read into that cell).

use super::parts::{Counters, Numbering, Styles};
use super::{attr, on_off, xml_error, FORMAT};
use crate::source::{Cell, SourceText, TableRow};
use crate::{ReadError, Source};
use iki_model::{OriginalFormat, Place};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

const PART: &str = "word/document.xml";

/// Tables nested deeper than this are skipped (a guard, not a limit any
/// document reaches).
const MAX_NESTING: usize = 64;

/// Elements whose content is never read: property sets of tracked changes
/// (the old properties), deleted text, field instructions, drawings and
/// text boxes, the other branches of alternate content, section and table
/// properties, content control properties.
const SKIPPED: &[&str] = &[
    "sdtPr",
    "sdtEndPr",
    "pPrChange",
    "rPrChange",
    "tblPrChange",
    "tblPrExChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "numberingChange",
    "del",
    "moveFrom",
    "instrText",
    "delText",
    "delInstrText",
    "txbxContent",
    "drawing",
    "pict",
    "object",
    "Fallback",
    "sectPr",
    "tblPr",
    "tblPrEx",
    "tblGrid",
    "background",
    "ffData",
    "fldData",
];

/// A run being read.
#[derive(Debug, Default)]
struct Run {
    text: String,
    /// `w:b` of the run, when it says.
    bold: Option<bool>,
    /// `w:rStyle`.
    style: Option<String>,
    /// `w:vanish`: hidden text.
    hidden: bool,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    runs: Vec<Run>,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    outline: Option<u8>,
}

/// A paragraph read: its text (a label first, `\n` for a line break), and
/// how it is set.
#[derive(Debug, Default)]
struct Para {
    text: String,
    heading: Option<u8>,
    bold: bool,
}

/// How a cell is merged down (`w:vMerge`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug)]
struct CellBuild {
    paras: Vec<Para>,
    span: u32,
    vmerge: VMerge,
    /// `w:hMerge` continue (the old way of merging across).
    hmerge_continue: bool,
}

impl Default for CellBuild {
    fn default() -> CellBuild {
        CellBuild {
            paras: Vec::new(),
            span: 1,
            vmerge: VMerge::None,
            hmerge_continue: false,
        }
    }
}

impl CellBuild {
    /// The cell's text: its non-empty paragraphs, one a line.
    fn text(&self) -> String {
        let lines: Vec<&str> = self
            .paras
            .iter()
            .map(|p| p.text.trim())
            .filter(|t| !t.is_empty())
            .collect();
        lines.join("\n")
    }
}

#[derive(Debug, Default)]
struct RowBuild {
    cells: Vec<CellBuild>,
    header: bool,
    grid_before: u32,
}

#[derive(Debug, Default)]
struct TableBuild {
    rows: Vec<RowBuild>,
    row: Option<RowBuild>,
    cell: Option<CellBuild>,
}

/// The walk's state.
struct Walker<'a> {
    styles: &'a Styles,
    numbering: &'a Numbering,
    counters: Counters,
    out: SourceText,
    /// Body paragraphs outside tables so far.
    paragraphs: u32,
    /// Top-level tables so far.
    tables_seen: u32,
    tables: Vec<TableBuild>,
    para: Option<Paragraph>,
    run: Option<Run>,
    in_ppr: bool,
    in_rpr: bool,
    in_text: bool,
    in_trpr: bool,
    in_tcpr: bool,
    /// For each open `mc:AlternateContent`, whether a branch was read.
    alternates: Vec<bool>,
}

/// Reads the body of `word/document.xml` into a source text.
pub fn walk(xml: &str, styles: &Styles, numbering: &Numbering) -> Result<Source, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut w = Walker {
        styles,
        numbering,
        counters: Counters::default(),
        out: SourceText::new(),
        paragraphs: 0,
        tables_seen: 0,
        tables: Vec::new(),
        para: None,
        run: None,
        in_ppr: false,
        in_rpr: false,
        in_text: false,
        in_trpr: false,
        in_tcpr: false,
        alternates: Vec::new(),
    };
    let error = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        xml_error(FORMAT, PART, reader.error_position(), e)
    };
    let mut depth = 0usize;
    loop {
        if w.out.lines() > crate::limits::MAX_SOURCE_LINES {
            return Err(crate::limits::too_many_lines(FORMAT, PART));
        }
        let event = reader.read_event().map_err(|e| error(&reader, &e))?;
        match event {
            Event::Start(e) => {
                if w.skips(&e) {
                    reader
                        .read_to_end(e.name())
                        .map_err(|e| error(&reader, &e))?;
                } else {
                    depth += 1;
                    w.open(&e);
                }
            }
            Event::Empty(e) => {
                // `skips` notes a branch of alternate content as read.
                let skipped = w.skips(&e);
                if !skipped {
                    w.open(&e);
                    w.close(e.local_name().as_ref());
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                w.close(e.local_name().as_ref());
            }
            Event::Text(t) if w.in_text => w.push_text(&t.xml10_content()),
            Event::CData(t) if w.in_text => w.push_text(&t.xml10_content()),
            Event::GeneralRef(r) if w.in_text => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    w.push_text(c.encode_utf8(&mut [0; 4]));
                } else if let Some(s) = quick_xml::escape::resolve_predefined_entity(&r) {
                    w.push_text(s);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if depth > 0 {
        return Err(xml_error(
            FORMAT,
            PART,
            reader.buffer_position(),
            "the XML ends inside an element (the file is cut short)",
        ));
    }
    Ok(w.out.finish(OriginalFormat::Docx))
}

impl Walker<'_> {
    /// Whether the content of `e` is not read at all.
    fn skips(&mut self, e: &BytesStart<'_>) -> bool {
        let name = e.local_name();
        let name = name.as_ref();
        if SKIPPED.contains(&name) {
            return true;
        }
        match name {
            // The paragraph mark's run properties are not a run's.
            "rPr" => self.in_ppr,
            // The first branch of alternate content is read, the others
            // are the same content for other readers.
            "Choice" => match self.alternates.last_mut() {
                Some(taken) if *taken => true,
                Some(taken) => {
                    *taken = true;
                    false
                }
                None => false,
            },
            "tbl" => self.tables.len() >= MAX_NESTING,
            _ => false,
        }
    }

    fn open(&mut self, e: &BytesStart<'_>) {
        let name = e.local_name();
        match name.as_ref() {
            "AlternateContent" => self.alternates.push(false),
            "p" => self.para = Some(Paragraph::default()),
            "pPr" if self.para.is_some() && self.run.is_none() => self.in_ppr = true,
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, "val");
                }
            }
            "numId" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            "ilvl" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "outlineLvl" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.outline = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "r" => self.run = Some(Run::default()),
            "rPr" if self.run.is_some() => self.in_rpr = true,
            "b" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.bold = Some(on_off(e));
                }
            }
            "rStyle" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.style = attr(e, "val");
                }
            }
            "vanish" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.hidden = on_off(e);
                }
            }
            "t" if !self.in_rpr && !self.in_ppr => self.in_text = self.para.is_some(),
            "tab" | "ptab" if self.run.is_some() && !self.in_rpr => self.push_text(" "),
            "br" | "cr" if self.run.is_some() && !self.in_rpr => self.push_text("\n"),
            "noBreakHyphen" if self.run.is_some() && !self.in_rpr => self.push_text("-"),
            // A fraction of an equation: numerator / denominator.
            "den" if self.para.is_some() => self.push_text(" / "),
            "tbl" => self.tables.push(TableBuild::default()),
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    t.row = Some(RowBuild::default());
                }
            }
            "trPr" => self.in_trpr = true,
            "tblHeader" if self.in_trpr => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.header = on_off(e);
                }
            }
            "gridBefore" if self.in_trpr => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.row.as_mut()) {
                    row.grid_before = number(e).min(1000);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell = Some(CellBuild::default());
                }
            }
            "tcPr" => self.in_tcpr = true,
            "gridSpan" if self.in_tcpr => {
                if let Some(c) = self.cell() {
                    c.span = number(e).clamp(1, 1000);
                }
            }
            "vMerge" if self.in_tcpr => {
                if let Some(c) = self.cell() {
                    c.vmerge = match attr(e, "val").as_deref() {
                        Some("restart") => VMerge::Restart,
                        _ => VMerge::Continue,
                    };
                }
            }
            "hMerge" if self.in_tcpr => {
                if let Some(c) = self.cell() {
                    c.hmerge_continue = attr(e, "val").as_deref() != Some("restart");
                }
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "AlternateContent" => {
                self.alternates.pop();
            }
            "t" => self.in_text = false,
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "trPr" => self.in_trpr = false,
            "tcPr" => self.in_tcpr = false,
            "r" => {
                self.in_rpr = false;
                self.in_text = false;
                if let (Some(run), Some(p)) = (self.run.take(), self.para.as_mut()) {
                    p.runs.push(run);
                }
            }
            "p" => {
                self.in_ppr = false;
                if let Some(p) = self.para.take() {
                    self.paragraph(p);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    if let (Some(cell), Some(row)) = (t.cell.take(), t.row.as_mut()) {
                        row.cells.push(cell);
                    }
                }
            }
            "tr" => {
                if let Some(t) = self.tables.last_mut() {
                    if let Some(cell) = t.cell.take() {
                        if let Some(row) = t.row.as_mut() {
                            row.cells.push(cell);
                        }
                    }
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                }
            }
            "tbl" => {
                if let Some(mut t) = self.tables.pop() {
                    if let Some(row) = t.row.take() {
                        t.rows.push(row);
                    }
                    self.table(t);
                }
            }
            _ => {}
        }
    }

    /// The open cell of the innermost table.
    fn cell(&mut self) -> Option<&mut CellBuild> {
        self.tables.last_mut()?.cell.as_mut()
    }

    /// Text of the open run (or of the paragraph, outside a run).
    fn push_text(&mut self, s: &str) {
        if let Some(run) = self.run.as_mut() {
            run.text.push_str(s);
        } else if let Some(p) = self.para.as_mut() {
            p.runs.push(Run {
                text: s.to_string(),
                ..Run::default()
            });
        }
    }

    /// A finished paragraph: into the open cell, or written to the body.
    fn paragraph(&mut self, p: Paragraph) {
        let para = self.resolve(p);
        if let Some(t) = self.tables.last_mut() {
            if let Some(cell) = t.cell.as_mut() {
                cell.paras.push(para);
            }
            return;
        }
        self.paragraphs += 1;
        let place = Place::Paragraph {
            paragraph: self.paragraphs,
        };
        write_para(&mut self.out, &para, place);
    }

    /// A paragraph's text, label, heading level and boldness.
    fn resolve(&mut self, p: Paragraph) -> Para {
        let style = self.styles.paragraph_style(p.style.as_deref());
        let heading = match p.outline {
            Some(l) if l < 9 => Some(l + 1),
            Some(_) => None,
            None => self.styles.heading_level(style),
        };
        let mut visible = 0;
        let mut bold = 0;
        let mut text = String::new();
        for run in p.runs.iter().filter(|r| !r.hidden) {
            text.push_str(&run.text);
            if run.text.chars().any(char::is_alphanumeric) {
                visible += 1;
                let b = run
                    .bold
                    .unwrap_or_else(|| self.styles.bold(run.style.as_deref(), style));
                bold += usize::from(b);
            }
        }
        let (style_num, style_ilvl) = self.styles.numbering(style);
        let num_id = p.num_id.as_deref().or(style_num).filter(|n| *n != "0");
        let label = num_id.and_then(|num_id| {
            let ilvl = p
                .ilvl
                .or(style_ilvl)
                .or_else(|| style.and_then(|s| self.numbering.level_of_style(num_id, s)))
                .unwrap_or(0);
            self.counters.label(self.numbering, num_id, ilvl)
        });
        // An empty numbered paragraph is counted but shows no label.
        if let Some(label) = label.filter(|_| !text.trim().is_empty()) {
            text = format!("{label} {}", text.trim_start());
        }
        Para {
            text,
            heading,
            bold: visible > 0 && bold == visible,
        }
    }

    /// A finished table: written out (a top-level table), or its text put
    /// into the open cell of the table around it.
    fn table(&mut self, t: TableBuild) {
        if let Some(outer) = self.tables.last_mut() {
            let words: Vec<String> = t
                .rows
                .iter()
                .flat_map(|r| &r.cells)
                .map(|c| c.text().replace('\n', " "))
                .filter(|s| !s.trim().is_empty())
                .collect();
            if let Some(cell) = outer.cell.as_mut() {
                cell.paras.push(Para {
                    text: words.join(" "),
                    ..Para::default()
                });
            }
            return;
        }
        self.tables_seen += 1;
        write_table(&mut self.out, self.tables_seen, t);
    }
}

/// A numeric attribute `val`, 0 when absent or not a number.
fn number(e: &BytesStart<'_>) -> u32 {
    attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0)
}

/// A paragraph as a heading, a bold line or a line.
fn write_para(out: &mut SourceText, para: &Para, place: Place) {
    if let Some(level) = para.heading {
        out.heading(level, &para.text, place);
    } else if para.bold {
        out.bold(&para.text, place);
    } else {
        out.line(&para.text, place);
    }
}

/// A cell placed on the table's grid.
struct Placed {
    col: u32,
    span: u32,
    rowspan: u32,
    text: String,
    vmerge: VMerge,
    /// Merged into a cell above (not written).
    covered: bool,
}

/// Writes top-level table number `number`: rows with merged cells, or,
/// for a narrow table without a header row (a layout table holding
/// "Tugas | : | ..."), its rows as lines.
fn write_table(out: &mut SourceText, number: u32, t: TableBuild) {
    let mut rows: Vec<(Vec<Placed>, &RowBuild)> = Vec::with_capacity(t.rows.len());
    // The cell a grid position of a row belongs to: (row, column) to the
    // row and index of the cell a merge down started in.
    let mut owners: HashMap<(usize, u32), (usize, usize)> = HashMap::new();
    let mut width = 0;
    for (r, row) in t.rows.iter().enumerate() {
        let mut placed: Vec<Placed> = Vec::with_capacity(row.cells.len());
        let mut col = row.grid_before;
        for cell in &row.cells {
            let text = cell.text();
            match placed.last_mut() {
                Some(prev) if cell.hmerge_continue => {
                    prev.span += cell.span;
                    append(&mut prev.text, &text);
                }
                _ => placed.push(Placed {
                    col,
                    span: cell.span,
                    rowspan: 1,
                    text,
                    vmerge: cell.vmerge,
                    covered: false,
                }),
            }
            col = col.saturating_add(cell.span);
        }
        width = width.max(col);
        for (i, cell) in placed.iter_mut().enumerate() {
            let key = (r, cell.col);
            // A cell merged down from the cell above it (of the same
            // width); a merge without a start above is a cell of its own.
            let owner = r
                .checked_sub(1)
                .filter(|_| cell.vmerge == VMerge::Continue)
                .and_then(|up| owners.get(&(up, cell.col)).copied())
                .filter(|&(or, oi)| {
                    rows.get(or)
                        .and_then(|(cells, _)| cells.get(oi))
                        .is_some_and(|o| o.span == cell.span)
                });
            match owner.and_then(|(or, oi)| Some((rows.get_mut(or)?.0.get_mut(oi)?, (or, oi)))) {
                Some((o, at)) => {
                    o.rowspan += 1;
                    append(&mut o.text, &std::mem::take(&mut cell.text));
                    cell.covered = true;
                    owners.insert(key, at);
                }
                None => {
                    owners.insert(key, (r, i));
                }
            }
        }
        rows.push((placed, row));
    }
    let place = |r: usize| Place::TableRow {
        table: number,
        row: u32::try_from(r + 1).unwrap_or(u32::MAX),
    };
    let has_header = rows.iter().any(|(cells, _)| {
        cells
            .iter()
            .filter(|c| !c.covered && iki_parse::words::names_core_column(&c.text))
            .count()
            >= 2
    });
    if !has_header && width < 4 {
        write_layout_rows(out, &t, place);
        return;
    }
    // A row that is one cell across the whole table (a group banner or a
    // position title set inside the table) ends the table: it is written
    // as a bold line, and the rows after it as a table of their own.
    let mut segment: Vec<TableRow> = Vec::new();
    for (r, (cells, row)) in rows.into_iter().enumerate() {
        let mut open = cells.iter().filter(|c| !c.covered);
        let banner = match (open.next(), open.next()) {
            (Some(only), None) => {
                row.grid_before == 0
                    && only.span >= width
                    && only.rowspan == 1
                    && !only.text.trim().is_empty()
            }
            _ => false,
        };
        if banner {
            out.table(&segment);
            segment.clear();
            let text = cells.iter().map(|c| c.text.as_str()).collect::<String>();
            out.bold(&text, place(r));
            continue;
        }
        let mut out_cells = Vec::with_capacity(cells.len() + 1);
        if row.grid_before > 0 {
            out_cells.push(Cell {
                text: String::new(),
                rowspan: 1,
                colspan: row.grid_before,
            });
        }
        out_cells.extend(cells.into_iter().filter(|c| !c.covered).map(|c| Cell {
            text: c.text,
            rowspan: c.rowspan,
            colspan: c.span,
        }));
        segment.push(TableRow {
            cells: out_cells,
            header: row.header,
            place: place(r),
        });
    }
    out.table(&segment);
}

/// `more` after `text`, on a line of its own.
fn append(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text.push_str(more);
}

/// The rows of a layout table as lines: a row's cells side by side on one
/// line ("Tugas" ":" "Memimpin ..." is "Tugas : Memimpin ..."), a cell's
/// further paragraphs on lines of their own.
fn write_layout_rows(out: &mut SourceText, t: &TableBuild, place: impl Fn(usize) -> Place) {
    for (r, row) in t.rows.iter().enumerate() {
        let mut line = Para::default();
        let mut parts = 0;
        let mut bold_parts = 0;
        let mut flush = |line: &mut Para, parts: &mut usize, bold_parts: &mut usize| {
            line.bold = *parts > 0 && *parts == *bold_parts;
            write_para(out, line, place(r));
            *line = Para::default();
            *parts = 0;
            *bold_parts = 0;
        };
        for cell in row.cells.iter().filter(|c| c.vmerge != VMerge::Continue) {
            let paras = cell.paras.iter().filter(|p| !p.text.trim().is_empty());
            for (i, para) in paras.enumerate() {
                if i > 0 {
                    flush(&mut line, &mut parts, &mut bold_parts);
                }
                if !line.text.is_empty() {
                    line.text.push(' ');
                }
                line.text.push_str(para.text.trim());
                line.heading = line.heading.or(para.heading);
                if para.text.chars().any(char::is_alphanumeric) {
                    parts += 1;
                    bold_parts += usize::from(para.bold);
                }
            }
        }
        flush(&mut line, &mut parts, &mut bold_parts);
    }
}
