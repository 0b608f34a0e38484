//! Tokens to a [`Document`]: a small state machine over the classified
//! lines, which knows what is open (group, unit, position, duty list, table)
//! and where each line belongs.

use crate::cells::{self, Column};
use crate::classify::{Duty, Kind, TableRow, Token};
use crate::meta;
use crate::vocab::{self, Banner, Role};
use iki_model::ids::Ids;
use iki_model::{
    Diagnostic, Document, Extras, Formula, Group, GroupKind, Indicator, Item, Measure, Position,
    Severity, SkipReason, Skipped, Span, Target, Unit,
};
use std::rc::Rc;

/// Columns assumed for a table that has no header row.
const FOUR: [Role; 4] = [
    Role::Sasaran,
    Role::Indikator,
    Role::Formulasi,
    Role::SumberData,
];
const FIVE: [Role; 5] = [
    Role::Number,
    Role::Sasaran,
    Role::Indikator,
    Role::Formulasi,
    Role::SumberData,
];

/// Builds the document from the tokens of one source.
/// The tokens are consumed: a row's cells move into the document.
pub fn build(tokens: Vec<Token>) -> (Document, Vec<Diagnostic>) {
    let mut b = Builder::default();
    let next_numbers = next_heading_numbers(&tokens);
    let bodies = next_bodies(&tokens);
    for ((token, next), body) in tokens.into_iter().zip(&next_numbers).zip(bodies) {
        b.token(token, next.as_deref(), body);
    }
    b.finish()
}

/// For each token, whether the next token that is not markup or a
/// separator opens a position's body: a Tugas/Fungsi label, or a table
/// (a header without a JABATAN column, or a row). An unnumbered heading
/// followed by a body is a position.
fn next_bodies(tokens: &[Token]) -> Vec<bool> {
    let mut out = vec![false; tokens.len()];
    let mut next = false;
    for (i, t) in tokens.iter().enumerate().rev() {
        out[i] = next;
        next = match &t.kind {
            Kind::Markup | Kind::Separator | Kind::EmptyRow => next,
            Kind::DutyLabel { .. } | Kind::TableRow(_) => true,
            Kind::TableHeader(cols) => !cols.iter().any(|c| c.role == Some(Role::Jabatan)),
            _ => false,
        };
    }
    out
}

/// A plain text line right above a Tugas label or a table that names a
/// position, as layout text and Word paragraphs without a heading style
/// write it: "2. SEKRETARIS", "B. KEPALA SEKSI", or an unnumbered
/// all-capital "SEKRETARIS". Inside an open Tugas/Fungsi list only an
/// all-capital line counts (the list's last item, "h. pelaksanaan tugas
/// lain", is followed by the table too). Returns the number and title.
fn text_title(text: &str, in_duty: bool) -> Option<(&str, &str)> {
    let capital = |s: &str| {
        !s.chars().any(char::is_lowercase) && s.chars().filter(|c| c.is_alphabetic()).count() >= 3
    };
    if let Some((number, title)) = crate::classify::leading_number(text) {
        return (capital(title) || !in_duty).then_some((number, title));
    }
    if let Some((letter, title)) = crate::classify::leading_letter(text) {
        return capital(title).then_some((letter, title));
    }
    (!in_duty && capital(text) && !text.ends_with([':', '.', ';'])).then_some(("", text))
}

/// Whether a plain text line before any position is the document's title
/// (it names a year: "INDIKATOR KINERJA INDIVIDU ... TAHUN 2025").
fn is_title_text(text: &str) -> bool {
    meta::year(text).is_some() && !text.chars().any(char::is_lowercase)
}

/// For each token, the number of the next numbered heading after it.
fn next_heading_numbers(tokens: &[Token]) -> Vec<Option<String>> {
    let mut out = vec![None; tokens.len()];
    let mut next: Option<String> = None;
    for (i, t) in tokens.iter().enumerate().rev() {
        out[i] = next.clone();
        if let Kind::Heading {
            number: Some(n), ..
        } = &t.kind
        {
            next = Some(n.clone());
        }
    }
    out
}

/// The length of a list marker at the start of an item's text: a letter
/// or one or two digits followed by `.` or `)`, or a bullet (`•`, `-`,
/// `–`), then at least one space.
fn marker_len(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let label = if b.first().is_some_and(u8::is_ascii_alphabetic) {
        1
    } else {
        digits
    };
    let end = if (1..=2).contains(&label) && matches!(b.get(label), Some(b'.' | b')')) {
        label + 1
    } else {
        let bullet = text
            .chars()
            .next()
            .filter(|c| matches!(c, '•' | '-' | '–'))?;
        bullet.len_utf8()
    };
    let rest = &text[end..];
    let spaces = rest.len() - rest.trim_start().len();
    (spaces > 0).then_some(end + spaces)
}

/// Which of the four model columns a row's table has: a missing column is
/// not an empty cell.
#[derive(Clone, Copy, Default)]
struct Present {
    sasaran: bool,
    formulasi: bool,
    sumber_data: bool,
}

impl Present {
    fn of(columns: &[Column]) -> Present {
        let has = |r: Role| columns.iter().any(|c| c.role == Some(r));
        Present {
            sasaran: has(Role::Sasaran),
            formulasi: has(Role::Formulasi),
            sumber_data: has(Role::SumberData),
        }
    }
}

#[derive(Default)]
struct Builder {
    doc: Document,
    diags: Vec<Diagnostic>,
    ids: Ids,
    group: Option<Group>,
    /// The open unit: number and title.
    unit: Option<(String, String)>,
    pos: Option<Position>,
    duty: Option<Duty>,
    /// The columns of the table being read, or of the last one (shared:
    /// every row of the table asks for them).
    columns: Option<Rc<[Column]>>,
    /// `columns` belong to an earlier position's table: a headerless table
    /// of the same width reuses them.
    stale: bool,
    /// Rows read since the last header (a numbering row follows a header).
    rows_since_header: u32,
    /// A header was read in the open position.
    header_in_position: Option<Span>,
    /// For each row of the open position, the columns its table has.
    present: Vec<Present>,
    /// Banner lines seen since the last position, not yet tied to a group.
    intro: Option<Span>,
    /// We are inside a banner block (no position since it began).
    in_banner: bool,
    seen_position: bool,
}

impl Builder {
    /// Skips every line of the token: the first with the token's text,
    /// the others (a multi-line row) as written.
    fn skip(&mut self, t: &Token, reason: SkipReason) {
        self.doc.skipped.push(Skipped {
            line: t.line,
            reason,
            text: t.skip_text(),
        });
        for (n, raw) in (t.line + 1..).zip(&t.tail) {
            if !raw.is_empty() {
                self.doc.skipped.push(Skipped {
                    line: n,
                    reason,
                    text: raw.to_string(),
                });
            }
        }
    }

    /// A line that was not understood; `what` names its message
    /// (`diag.line-not-understood.<what>` of the catalogue).
    fn unrecognized(&mut self, t: &Token, what: &str) {
        self.skip(t, SkipReason::Unrecognized);
        self.diags.push(Diagnostic::keyed(
            Severity::Warning,
            "line-not-understood",
            &format!("diag.line-not-understood.{what}"),
            &[],
            t.span(),
        ));
    }

    /// A table line that no position can take: its content is lost, which
    /// is an error, not a warning.
    /// (`what` names its message: `diag.table-row-lost.<what>`.)
    fn lost_row(&mut self, t: &Token, what: &str) {
        self.skip(t, SkipReason::Unrecognized);
        self.diags.push(Diagnostic::keyed(
            Severity::Error,
            "table-row-lost",
            &format!("diag.table-row-lost.{what}"),
            &[],
            t.span(),
        ));
    }

    fn token(&mut self, t: Token, next_number: Option<&str>, body_follows: bool) {
        let span = t.span();
        match t.kind {
            Kind::TableRow(row) => {
                self.duty = None;
                let t = Token {
                    kind: Kind::Markup,
                    ..t
                };
                self.row(&t, row);
            }
            _ => self.dispatch(&t, next_number, body_follows),
        }
        // Whatever the line was, if a position is still open it is part of it.
        if let Some(p) = &mut self.pos {
            p.span = p.span.join(span);
        }
    }

    fn dispatch(&mut self, t: &Token, next_number: Option<&str>, body_follows: bool) {
        match &t.kind {
            Kind::Heading {
                number,
                rest,
                label: true,
                ..
            } => self.position_heading(t, number.as_deref().unwrap_or(""), rest),
            Kind::Heading {
                number: Some(number),
                rest,
                ..
            } => {
                let nested = next_number.is_some_and(|n| n.starts_with(&format!("{number}.")));
                if nested {
                    self.unit_heading(t, number, rest);
                } else {
                    self.position_heading(t, number, rest);
                }
            }
            Kind::Heading {
                text, number: None, ..
            } => self.plain_heading(t, text, body_follows),
            Kind::DutyLabel { duty, rest } => {
                if self.pos.is_none() {
                    return self.unrecognized(t, "duty-label");
                }
                self.duty = Some(*duty);
                self.stale = true;
                if rest.is_empty() {
                    self.skip(t, SkipReason::DutyLabel);
                } else {
                    self.duty_text(t, rest, true);
                }
            }
            Kind::Text { text, item_start } => {
                let in_duty = self.pos.is_some() && self.duty.is_some();
                if body_follows {
                    if let Some((number, title)) = text_title(text, in_duty) {
                        return self.position_heading(t, number, title);
                    }
                }
                if !self.seen_position && self.doc.title.is_none() && is_title_text(text) {
                    return self.plain_heading(t, text, false);
                }
                if in_duty {
                    self.duty_text(t, text, *item_start);
                } else if !self.seen_position {
                    self.skip(t, SkipReason::Preamble);
                } else {
                    self.unrecognized(t, "outside");
                }
            }
            Kind::TableHeader(columns) => {
                let matrix = columns.iter().any(|c| c.role == Some(Role::Jabatan));
                // The second row of a two-level header (rowspan cells
                // repeat the first row's text; the others name the
                // sub-columns of a colspan): merged into the first.
                let second = match &self.columns {
                    Some(prev)
                        if self.rows_since_header == 0
                            && !self.stale
                            && prev.len() == columns.len()
                            && prev.iter().any(|c| c.spanned) =>
                    {
                        let sub: Vec<String> = columns
                            .iter()
                            .zip(prev.iter())
                            .map(|(new, old)| {
                                if new.text == old.text {
                                    String::new()
                                } else {
                                    new.text.clone()
                                }
                            })
                            .collect();
                        Some(subheader_columns(prev, &sub))
                    }
                    _ => None,
                };
                self.columns = Some(second.map(Rc::from).unwrap_or_else(|| named(columns)));
                self.stale = false;
                self.rows_since_header = 0;
                if self.pos.is_none() && !matrix {
                    return self.lost_row(t, "header-outside");
                }
                self.duty = None;
                self.skip(t, SkipReason::TableHeader);
                if !matrix {
                    self.header_in_position.get_or_insert(t.span());
                }
            }
            // Rows are taken by `token`.
            Kind::TableRow(_) => {}
            Kind::Separator => self.skip(t, SkipReason::Separator),
            Kind::EmptyRow => self.skip(t, SkipReason::EmptyRow),
            Kind::Markup => self.skip(t, SkipReason::Markup),
        }
    }

    fn plain_heading(&mut self, t: &Token, text: &str, body_follows: bool) {
        let banner = vocab::banner_of(text);
        let is_title = !self.seen_position
            && self.doc.title.is_none()
            && !matches!(banner, Some(Banner::Kind(_)))
            && meta::year(text).is_some();
        if is_title {
            self.doc.title = Some(text.to_string());
            self.doc.year = meta::year(text);
            self.doc.agency = meta::agency(text);
            self.doc.region = meta::region(text);
            return self.skip(t, SkipReason::Title);
        }
        match banner {
            Some(Banner::Kind(kind)) => {
                self.close_position();
                self.close_group();
                let banner = self
                    .intro
                    .take()
                    .map_or(Span::line(t.line), |s| s.join(Span::line(t.line)));
                self.group = Some(Group {
                    kind,
                    title: Some(text.to_string()),
                    span: banner,
                    banner: Some(banner),
                    units: Vec::new(),
                    positions: Vec::new(),
                });
                self.unit = None;
                self.in_banner = true;
                self.skip(t, SkipReason::GroupBanner);
            }
            Some(Banner::Intro) => {
                self.close_position();
                self.intro = Some(
                    self.intro
                        .map_or(Span::line(t.line), |s| s.join(Span::line(t.line))),
                );
                self.in_banner = true;
                self.skip(t, SkipReason::GroupBanner);
            }
            // An unnumbered heading right above a Tugas label or a table:
            // a position without a number.
            None if body_follows && !(self.pos.is_some() && self.duty.is_some()) => {
                // "A. KEPALA SEKSI ...": the letter is the position's number.
                let (number, title) = crate::classify::leading_letter(text).unwrap_or(("", text));
                self.position_heading(t, number, title)
            }
            None if self.in_banner => {
                // The agency's full name under the kind line.
                if self.doc.agency_name.is_none() {
                    self.doc.agency_name = Some(text.to_string());
                }
                match (&mut self.group, &mut self.intro) {
                    (_, Some(intro)) => *intro = intro.join(Span::line(t.line)),
                    (Some(g), None) if g.positions.is_empty() && g.units.is_empty() => {
                        g.banner = g.banner.map(|b| b.join(Span::line(t.line)));
                        g.span = g.span.join(Span::line(t.line));
                    }
                    _ => {}
                }
                self.skip(t, SkipReason::GroupBanner);
            }
            None if !self.seen_position => self.skip(t, SkipReason::Preamble),
            None if self.pos.is_some() && self.duty.is_some() => self.duty_text(t, text, true),
            None => self.unrecognized(t, "heading"),
        }
    }

    fn ensure_group(&mut self, line: u32) -> GroupKind {
        if let Some(g) = &self.group {
            return g.kind;
        }
        let kind = GroupKind::PimpinanTinggi;
        let banner = self.intro.take();
        self.diags.push(Diagnostic::note_args(
            "implicit-group",
            &[],
            Span::line(line),
        ));
        self.group = Some(Group {
            kind,
            title: None,
            span: banner.map_or(Span::line(line), |b| b.join(Span::line(line))),
            banner,
            units: Vec::new(),
            positions: Vec::new(),
        });
        kind
    }

    fn unit_heading(&mut self, t: &Token, number: &str, rest: &str) {
        self.close_position();
        self.ensure_group(t.line);
        let title = heading_title(rest);
        if let Some(g) = &mut self.group {
            g.units.push(Unit {
                number: number.to_string(),
                title: title.clone(),
                span: Span::line(t.line),
            });
        }
        self.unit = Some((number.to_string(), title));
        self.in_banner = false;
    }

    fn position_heading(&mut self, t: &Token, number: &str, rest: &str) {
        self.close_position();
        let kind = self.ensure_group(t.line);
        let title = heading_title(rest);
        let unit = match &self.unit {
            Some((n, title)) if number.starts_with(&format!("{n}.")) => Some(title.clone()),
            _ => {
                self.unit = None;
                None
            }
        };
        self.open_position(t, kind, number, title, unit);
    }

    /// Opens a position headed by `t`'s lines.
    fn open_position(
        &mut self,
        t: &Token,
        kind: GroupKind,
        number: &str,
        title: String,
        unit: Option<String>,
    ) {
        self.pos = Some(Position {
            id: self.ids.next(kind, &title),
            number: number.to_string(),
            title,
            unit,
            span: t.span(),
            heading: t.span(),
            tugas: Vec::new(),
            fungsi: Vec::new(),
            indicators: Vec::new(),
        });
        self.seen_position = true;
        self.in_banner = false;
        self.intro = None;
    }

    fn duty_text(&mut self, t: &Token, text: &str, item_start: bool) {
        let (Some(pos), Some(duty)) = (&mut self.pos, self.duty) else {
            return;
        };
        let items = match duty {
            Duty::Tugas => &mut pos.tugas,
            Duty::Fungsi => &mut pos.fungsi,
        };
        let inline = inline_items(text);
        if inline.len() > 1 {
            for body in inline {
                items.push(Item {
                    text: body.to_string(),
                    span: Span::line(t.line),
                });
            }
            return;
        }
        let marker = marker_len(text);
        let body = marker.map_or(text, |m| &text[m..]).trim();
        match items.last_mut() {
            Some(last) if !item_start && marker.is_none() => {
                last.text.push(' ');
                last.text.push_str(body);
                last.span = last.span.join(Span::line(t.line));
            }
            _ => items.push(Item {
                text: body.to_string(),
                span: Span::line(t.line),
            }),
        }
    }

    /// The columns for a row: the table's header, an earlier table's
    /// header of the same width, or the four or five columns a headerless
    /// table usually has.
    fn columns_for(&mut self, t: &Token, cells: &[String], head: bool) -> Rc<[Column]> {
        // A row the dialect calls a header and that looks like one (short
        // cells in capitals) but names no column cannot be read as data.
        let header_like = head
            && cells.iter().filter(|c| !c.is_empty()).count() >= 2
            && cells
                .iter()
                .all(|c| c.split_whitespace().count() <= 5 && !c.chars().any(char::is_lowercase));
        if header_like {
            self.diags
                .push(Diagnostic::error_args("header-unknown", &[], t.span()));
        }
        if let Some(c) = &self.columns {
            if !self.stale {
                return Rc::clone(c);
            }
            if c.len() == cells.len() {
                self.diags
                    .push(Diagnostic::note_args("header-reused", &[], t.span()));
                self.stale = false;
                return Rc::clone(c);
            }
        }
        let numbered = cells.len() >= 5
            && cells[0]
                .trim_end_matches('.')
                .chars()
                .all(|c| c.is_ascii_digit())
            && !cells[0].is_empty();
        let assumed: &[Role] = if numbered { &FIVE } else { &FOUR };
        self.diags.push(Diagnostic::warning_args(
            "table-without-header",
            &[&assumed.len().to_string()],
            t.span(),
        ));
        let columns: Vec<Column> = assumed
            .iter()
            .map(|r| Column {
                role: Some(*r),
                name: String::new(),
                text: String::new(),
                spanned: false,
            })
            .collect();
        let columns: Rc<[Column]> = columns.into();
        self.columns = Some(Rc::clone(&columns));
        self.stale = false;
        columns
    }

    fn row(&mut self, t: &Token, row: TableRow) {
        // The cells as text, kept only while no position is open (the row
        // may be lost; its skipped line then holds its cells, not a whole
        // one-line HTML table).
        let lost_text = self.pos.is_none().then(|| row.cells.join("\t"));
        let columns = self.columns_for(t, &row.cells, row.head);
        self.rows_since_header += 1;
        if self.rows_since_header == 1 && cells::is_numbering(&row.cells) {
            // "(1) (2) (3)" under the header: part of the header.
            return self.skip(t, SkipReason::TableHeader);
        }
        let spread = columns.iter().any(|c| c.spanned);
        if self.rows_since_header == 1 && (row.head || spread) && is_subheader(&row.cells) {
            // The second row of a two-level header: TARGET over 2024 and
            // 2025 names the columns TARGET 2024 and TARGET 2025.
            self.columns = Some(subheader_columns(&columns, &row.cells).into());
            return self.skip(t, SkipReason::TableHeader);
        }
        let n_cells = row.cells.len();
        if n_cells != columns.len() {
            // More cells than columns: the extra text is kept in the last
            // column, but the row is no longer trustworthy.
            let make = if n_cells > columns.len() {
                Diagnostic::error_args
            } else {
                Diagnostic::warning_args
            };
            self.diags.push(make(
                "cell-count",
                &[&n_cells.to_string(), &columns.len().to_string()],
                t.span(),
            ));
        }
        let last_empty = row.cells.last().is_none_or(String::is_empty);
        let any_spanned = !row.spanned.is_empty();
        let mut cells = RowCells::default();
        for (i, cell) in row.cells.into_iter().enumerate() {
            let column = columns.get(i).or(columns.last());
            let role = column.and_then(|c| c.role);
            let spanned = row.spanned.get(i).copied().unwrap_or(false);
            match role {
                Some(Role::Extra) => {
                    let name = column.map_or("", |c| c.name.as_str());
                    cells.put_extra(name, cell);
                }
                Some(Role::Jabatan) => {
                    cells.jabatan_spanned = spanned;
                    cells.put(role, cell);
                }
                Some(Role::Sasaran) => {
                    cells.sasaran_spanned |= spanned;
                    cells.put(role, cell);
                }
                _ => cells.put(role, cell),
            }
        }
        let matrix = columns.iter().any(|c| c.role == Some(Role::Jabatan));
        if matrix && !cells.jabatan.is_empty() && !cells.jabatan_spanned {
            self.matrix_position(t, &cells.jabatan);
        }
        if self.pos.is_none() {
            let what = if matrix { "matrix-row" } else { "row-outside" };
            self.lost_row(t, what);
            if let (Some(text), Some(s)) = (lost_text, self.doc.skipped.last_mut()) {
                s.text = text;
            }
            return;
        }
        let present = Present::of(&columns);
        let Some(pos) = &mut self.pos else { return };
        // A page break splits a row into a top line and a line holding only
        // the rest of the cells that overflowed. The rest never carries the
        // last column (SUMBER DATA is short and fits on the first page), nor
        // the start of an indicator ("Jumlah ...", "Persentase ..."): an
        // INDIKATOR cell that opens with a measure word starts a new row,
        // even if its SUMBER DATA cell is empty. A cell a span covers
        // belongs to a row of its own.
        let starts_indicator = Measure::from_indikator(&cells.indikator) != Measure::Other;
        let new_position = matrix && pos.indicators.is_empty();
        let continuation = n_cells >= columns.len()
            && last_empty
            && cells.number.is_empty()
            && !starts_indicator
            && !any_spanned
            && !new_position
            && !pos.indicators.is_empty();
        if continuation {
            if let Some(prev) = pos.indicators.last_mut() {
                let from = prev.span.first;
                append(&mut prev.sasaran, &cells.sasaran);
                append(&mut prev.indikator, &cells.indikator);
                append(&mut prev.formulasi, &cells.formulasi);
                append(&mut prev.sumber_data, &cells.sumber_data);
                for (name, value) in cells.extra {
                    match prev.extra.0.iter_mut().find(|(n, _)| *n == name) {
                        Some((_, v)) => append(v, &value),
                        None => prev.extra.0.push((name, value)),
                    }
                }
                prev.span = prev.span.join(t.span());
                prev.continuation_lines.extend(t.line..=t.last);
                self.diags.push(Diagnostic::note_args(
                    "row-merged",
                    &[&from.to_string()],
                    t.span(),
                ));
            }
            return;
        }
        let mut sasaran_filled = cells.sasaran_spanned && !cells.sasaran.is_empty();
        if cells.sasaran.is_empty() {
            if let Some(prev) = pos.indicators.last() {
                cells.sasaran = prev.sasaran.clone();
                sasaran_filled = true;
            }
        }
        pos.indicators.push(Indicator {
            number: (!cells.number.is_empty())
                .then(|| cells.number.trim_end_matches('.').to_string()),
            sasaran: cells.sasaran,
            indikator: cells.indikator,
            formulasi: cells.formulasi,
            sumber_data: cells.sumber_data,
            extra: Extras(cells.extra),
            measure: Measure::Other,
            formula: None,
            target: None,
            sasaran_filled,
            span: t.span(),
            continuation_lines: Vec::new(),
        });
        self.present.push(present);
    }

    /// A JABATAN cell of a matrix table opens a position of the open group.
    fn matrix_position(&mut self, t: &Token, cell: &str) {
        self.close_position();
        // The matrix's columns go on to the next position.
        self.stale = false;
        let kind = self.ensure_group(t.line);
        let title = heading_title(cell);
        self.open_position(t, kind, "", title, None);
    }

    fn close_position(&mut self) {
        self.duty = None;
        self.stale = true;
        let header = self.header_in_position.take();
        let present = std::mem::take(&mut self.present);
        let Some(mut p) = self.pos.take() else { return };
        if let (Some(h), true) = (header, p.indicators.is_empty()) {
            self.diags.push(Diagnostic::error_args(
                "table-without-rows",
                &[&p.number, &p.title],
                h,
            ));
        } else if p.indicators.is_empty() {
            self.diags.push(Diagnostic::warning_args(
                "no-indicators",
                &[&p.number, &p.title],
                p.heading,
            ));
        }
        for (i, has) in p.indicators.iter_mut().zip(present) {
            i.measure = Measure::from_indikator(&i.indikator);
            i.formula = Formula::read(&i.formulasi).map(Box::new);
            i.target = Target::of(&i.extra).map(Box::new);
            for (name, value, column) in [
                ("SASARAN", &i.sasaran, has.sasaran),
                ("INDIKATOR KINERJA", &i.indikator, true),
                ("FORMULASI", &i.formulasi, has.formulasi),
                ("SUMBER DATA", &i.sumber_data, has.sumber_data),
            ] {
                if value.is_empty() && column {
                    // A row without an indicator is broken; other empty
                    // cells are gaps worth a look.
                    let make = if name == "INDIKATOR KINERJA" {
                        Diagnostic::error_args
                    } else {
                        Diagnostic::warning_args
                    };
                    self.diags.push(make("empty-cell", &[name], i.span));
                }
            }
        }
        // A position has a handful of rows and items: the room vectors
        // keep for growth (four rows at least) would otherwise be most of
        // the memory of a long document.
        p.indicators.shrink_to_fit();
        p.tugas.shrink_to_fit();
        p.fungsi.shrink_to_fit();
        if let Some(g) = &mut self.group {
            g.span = g.span.join(p.span);
            g.positions.push(p);
        }
    }

    fn close_group(&mut self) {
        if let Some(mut g) = self.group.take() {
            if let Some(u) = g.units.last() {
                g.span = g.span.join(u.span);
            }
            self.doc.groups.push(g);
        }
    }

    fn finish(mut self) -> (Document, Vec<Diagnostic>) {
        self.close_position();
        self.close_group();
        let positions = self
            .doc
            .groups
            .iter()
            .map(|g| g.positions.len())
            .sum::<usize>();
        let rows = self
            .doc
            .groups
            .iter()
            .flat_map(|g| &g.positions)
            .map(|p| p.indicators.len())
            .sum::<usize>();
        if positions > 0 && rows == 0 {
            let first = self
                .doc
                .groups
                .iter()
                .flat_map(|g| &g.positions)
                .map(|p| p.heading)
                .next()
                .unwrap_or(Span::line(1));
            self.diags.push(Diagnostic::error_args(
                "no-rows",
                &[&positions.to_string()],
                first,
            ));
        }
        if self.doc.region.is_none() {
            self.doc.region = self.doc.agency_name.as_deref().and_then(meta::region);
        }
        self.doc.skipped.sort_by_key(|s| s.line);
        (self.doc, self.diags)
    }
}

/// Title without the word JABATAN and without trailing dashes or colons.
fn heading_title(rest: &str) -> String {
    let mut t = rest.trim();
    if let Some((first, after)) = t.split_once(char::is_whitespace) {
        if first.eq_ignore_ascii_case("JABATAN") && !after.trim().is_empty() {
            t = after.trim();
        }
    }
    t.trim_end_matches(|c: char| c == '-' || c == ':' || c == '–' || c.is_whitespace())
        .to_string()
}

fn append(field: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !field.is_empty() {
        field.push(' ');
    }
    field.push_str(more);
}

/// A row's cells sorted into columns.
#[derive(Default)]
struct RowCells {
    number: String,
    jabatan: String,
    jabatan_spanned: bool,
    sasaran: String,
    sasaran_spanned: bool,
    indikator: String,
    formulasi: String,
    sumber_data: String,
    extra: Vec<(String, String)>,
}

impl RowCells {
    fn put(&mut self, role: Option<Role>, cell: String) {
        let field = match role {
            Some(Role::Number) => &mut self.number,
            Some(Role::Jabatan) => &mut self.jabatan,
            Some(Role::Sasaran) => &mut self.sasaran,
            Some(Role::Indikator) => &mut self.indikator,
            Some(Role::Formulasi) => &mut self.formulasi,
            Some(Role::SumberData) | Some(Role::Extra) | None => &mut self.sumber_data,
        };
        if field.is_empty() {
            *field = cell;
        } else {
            append(field, &cell);
        }
    }

    fn put_extra(&mut self, name: &str, cell: String) {
        match self.extra.iter_mut().find(|(n, _)| n == name) {
            Some((_, v)) => append(v, &cell),
            None => self.extra.push((name.to_string(), cell)),
        }
    }
}

/// A row under a header that names sub-columns: every filled cell short.
fn is_subheader(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells
            .iter()
            .all(|c| c.chars().count() <= 30 && c.split_whitespace().count() <= 4)
}

/// The columns of a two-level header: each extra column that the second
/// row names is called by its group's name and its own ("TARGET 2024").
fn subheader_columns(columns: &[Column], sub: &[String]) -> Vec<Column> {
    let mut out: Vec<Column> = columns.to_vec();
    for (i, cell) in sub.iter().enumerate().take(out.len()) {
        if cell.is_empty() || !matches!(out[i].role, Some(Role::Extra) | None) {
            continue;
        }
        let mut first = i;
        while first > 0 && columns[first].spanned {
            first -= 1;
        }
        let base = cells::column_name(&columns[first].text);
        out[i].role = Some(Role::Extra);
        out[i].name = if base.is_empty() {
            cell.to_uppercase()
        } else {
            format!("{base} {}", cell.to_uppercase())
        };
        out[i].spanned = false;
    }
    name_columns(out)
}

/// `columns` with every extra column named ([`name_columns`]); shared as
/// they are when there is none (the common header).
fn named(columns: &Rc<[Column]>) -> Rc<[Column]> {
    if columns
        .iter()
        .any(|c| matches!(c.role, None | Some(Role::Extra)))
    {
        name_columns(columns.to_vec()).into()
    } else {
        Rc::clone(columns)
    }
}

/// Gives every extra column a name of its own: an empty name becomes
/// `KOLOM n`, a repeated one gets ` 2`, ` 3`. A column whose header cell
/// is empty is an extra column too: its cells are kept, never added to
/// another column.
fn name_columns(mut columns: Vec<Column>) -> Vec<Column> {
    let mut seen: Vec<String> = Vec::new();
    for (i, c) in columns.iter_mut().enumerate() {
        if c.role.is_none() {
            c.role = Some(Role::Extra);
        }
        if c.role != Some(Role::Extra) {
            continue;
        }
        if c.name.is_empty() {
            c.name = format!("KOLOM {}", i + 1);
        }
        let base = c.name.clone();
        let mut n = 1;
        while seen.contains(&c.name) {
            n += 1;
            c.name = format!("{base} {n}");
        }
        seen.push(c.name.clone());
    }
    columns
}

/// The items of a duty written inline on one line, `a. x; b. y; c. z`:
/// split at each next letter (`b.`, `c.`, ...) that follows a space or
/// `;`. One item (no split) when the text does not start with `a.`/`a)`
/// or has no `b.`.
fn inline_items(text: &str) -> Vec<&str> {
    let b = text.as_bytes();
    let is_marker = |at: usize, letter: u8| {
        b.get(at) == Some(&letter)
            && matches!(b.get(at + 1), Some(b'.' | b')'))
            && b.get(at + 2).is_some_and(u8::is_ascii_whitespace)
    };
    if !(is_marker(0, b'a') || is_marker(0, b'A')) {
        return vec![text];
    }
    let upper = b[0] == b'A';
    let mut cuts = vec![0usize];
    let mut letter = if upper { b'B' } else { b'b' };
    let mut i = 3;
    while i < b.len() {
        let after_gap = b[i - 1] == b' ' || b[i - 1] == b';' || b[i - 1] == b'\t';
        if after_gap && is_marker(i, letter) {
            cuts.push(i);
            letter += 1;
            i += 3;
        } else {
            i += 1;
        }
    }
    if cuts.len() < 2 {
        return vec![text];
    }
    cuts.push(b.len());
    cuts.windows(2)
        .map(|w| text[w[0] + 3..w[1]].trim())
        .filter(|s| !s.is_empty())
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    /// Plain text as layout text and unstyled Word paragraphs write it: the
    /// title line, positions as numbered or all-capital lines right above
    /// their Tugas label or table, and the last Fungsi item (numbered, in
    /// lower case) right above a table staying an item.
    #[test]
    fn plain_text_lines_above_a_body_are_positions() {
        let src = "INDIKATOR KINERJA INDIVIDU DINAS SOSIAL KABUPATEN CONTOH TAHUN 2025\n\n\
                   1. KEPALA DINAS\n\nTugas : Memimpin dinas.\n\nFungsi :\n\n\
                   a. perumusan kebijakan;\n\nb. pelaksanaan kebijakan.\n\n\
                   SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
                   Meningkatnya layanan\tJumlah layanan\tJumlah\tLaporan\n\n\
                   2. Sekretaris Dinas\n\n\
                   SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
                   Tertib\tNilai SAKIP\tNilai\tLHE\n\n\
                   KEPALA SUB BAGIAN UMUM\n\nTugas : Mengurus umum.\n";
        let parsed = crate::parse(src.as_bytes()).unwrap();
        let d = &parsed.document;
        assert_eq!(d.year, Some(2025));
        let positions: Vec<(&str, &str, usize, usize)> = d.groups[0]
            .positions
            .iter()
            .map(|p| {
                (
                    p.number.as_str(),
                    p.title.as_str(),
                    p.fungsi.len(),
                    p.indicators.len(),
                )
            })
            .collect();
        assert_eq!(
            positions,
            [
                ("1", "KEPALA DINAS", 2, 1),
                ("2", "Sekretaris Dinas", 0, 1),
                ("", "KEPALA SUB BAGIAN UMUM", 0, 0)
            ]
        );
        assert!(parsed
            .diagnostics
            .iter()
            .all(|d| d.code != "line-not-understood"));
    }

    #[test]
    fn list_markers() {
        assert_eq!(marker_len("a. teks"), Some(3));
        assert_eq!(marker_len("12) teks"), Some(4));
        assert_eq!(marker_len("• teks"), Some(4));
        assert_eq!(marker_len("–  teks"), Some(5));
        assert_eq!(marker_len("123. teks"), None);
        assert_eq!(marker_len("ab. teks"), None);
        assert_eq!(marker_len("a.teks"), None);
        assert_eq!(marker_len("-teks"), None);
        assert_eq!(marker_len("teks"), None);
    }

    #[test]
    fn inline_lettered_items() {
        assert_eq!(
            inline_items("a. menyusun rencana; b. melaksanakan pelayanan; c. melaporkan."),
            vec![
                "menyusun rencana;",
                "melaksanakan pelayanan;",
                "melaporkan."
            ]
        );
        assert_eq!(inline_items("a. satu hal saja"), vec!["a. satu hal saja"]);
        assert_eq!(inline_items("menyusun a. b. c."), vec!["menyusun a. b. c."]);
        // Letters out of order are text.
        assert_eq!(inline_items("a. x c. y"), vec!["a. x c. y"]);
    }

    #[test]
    fn titles_lose_jabatan_and_trailing_debris() {
        assert_eq!(
            heading_title("JABATAN PENYUSUN LAPORAN KEUANGAN-"),
            "PENYUSUN LAPORAN KEUANGAN"
        );
        assert_eq!(
            heading_title("KEPALA SUB BAGIAN KEUANGAN"),
            "KEPALA SUB BAGIAN KEUANGAN"
        );
        assert_eq!(heading_title("JABATAN"), "JABATAN");
    }
}
