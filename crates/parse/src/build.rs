//! Tokens to a [`Document`]: a small state machine over the classified
//! lines, which knows what is open (group, unit, position, duty list, table)
//! and where each line belongs.

use crate::classify::{Duty, Kind, Token};
use crate::meta;
use crate::vocab::{self, Banner, Role};
use iki_model::ids::Ids;
use iki_model::{
    Diagnostic, Document, Formula, Group, GroupKind, Indicator, Item, Measure, Position,
    SkipReason, Skipped, Span, Unit,
};

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
    for (token, next) in tokens.into_iter().zip(&next_numbers) {
        b.token(token, next.as_deref());
    }
    b.finish()
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
    columns: Option<Vec<Option<Role>>>,
    /// Banner lines seen since the last position, not yet tied to a group.
    intro: Option<Span>,
    /// We are inside a banner block (no position since it began).
    in_banner: bool,
    seen_position: bool,
}

impl Builder {
    fn skip(&mut self, t: &Token, reason: SkipReason) {
        self.doc.skipped.push(Skipped {
            line: t.line,
            reason,
            text: t.skip_text(),
        });
    }

    fn unrecognized(&mut self, t: &Token, what: &str) {
        self.skip(t, SkipReason::Unrecognized);
        self.diags.push(Diagnostic::warning(
            "line-not-understood",
            format!("{what}; the line was skipped"),
            Span::line(t.line),
        ));
    }

    fn token(&mut self, t: Token, next_number: Option<&str>) {
        match t.kind {
            Kind::TableRow(cells) if self.pos.is_some() => {
                self.duty = None;
                self.row(t.line, cells);
            }
            _ => self.dispatch(&t, next_number),
        }
        // Whatever the line was, if a position is still open it is part of it.
        if let Some(p) = &mut self.pos {
            p.span = p.span.join(Span::line(t.line));
        }
    }

    fn dispatch(&mut self, t: &Token, next_number: Option<&str>) {
        match &t.kind {
            Kind::Heading {
                text,
                number: Some(number),
                rest,
            } => {
                let nested = next_number.is_some_and(|n| n.starts_with(&format!("{number}.")));
                let _ = text;
                if nested {
                    self.unit_heading(t, number, rest);
                } else {
                    self.position_heading(t, number, rest);
                }
            }
            Kind::Heading {
                text, number: None, ..
            } => self.plain_heading(t, text),
            Kind::DutyLabel { duty, rest } => {
                if self.pos.is_none() {
                    return self.unrecognized(t, "a Tugas/Fungsi label outside any position");
                }
                self.duty = Some(*duty);
                self.columns = None;
                if rest.is_empty() {
                    self.skip(t, SkipReason::DutyLabel);
                } else {
                    self.duty_text(t, rest, true);
                }
            }
            Kind::Text { text, item_start } => {
                if self.pos.is_some() && self.duty.is_some() {
                    self.duty_text(t, text, *item_start);
                } else if !self.seen_position {
                    self.skip(t, SkipReason::Preamble);
                } else {
                    self.unrecognized(t, "text outside any Tugas/Fungsi list or table");
                }
            }
            Kind::TableHeader(roles) => {
                if self.pos.is_none() {
                    return self.unrecognized(t, "a table header outside any position");
                }
                self.duty = None;
                self.skip(t, SkipReason::TableHeader);
                self.columns = Some(roles.clone());
            }
            // Rows inside a position are taken by `token`.
            Kind::TableRow(_) => self.unrecognized(t, "a table row outside any position"),
            Kind::Separator => self.skip(t, SkipReason::Separator),
            Kind::EmptyRow => self.skip(t, SkipReason::EmptyRow),
            Kind::Markup => self.skip(t, SkipReason::Markup),
        }
    }

    fn plain_heading(&mut self, t: &Token, text: &str) {
        let words = vocab::words(text);
        let banner = vocab::banner(&words);
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
            None => self.unrecognized(t, "a heading that names no position, unit or group"),
        }
    }

    fn ensure_group(&mut self, line: u32) -> GroupKind {
        if let Some(g) = &self.group {
            return g.kind;
        }
        let kind = GroupKind::PimpinanTinggi;
        let banner = self.intro.take();
        self.diags.push(Diagnostic::note(
            "implicit-group",
            "positions before the first group banner are read as pimpinan_tinggi",
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
        self.pos = Some(Position {
            id: self.ids.next(kind, &title),
            number: number.to_string(),
            title,
            unit,
            span: Span::line(t.line),
            heading: Span::line(t.line),
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

    fn row(&mut self, line: u32, cells: Vec<String>) {
        let roles: Vec<Option<Role>> = match &self.columns {
            Some(c) => c.clone(),
            None => {
                let numbered = cells.len() >= 5
                    && cells[0]
                        .trim_end_matches('.')
                        .chars()
                        .all(|c| c.is_ascii_digit())
                    && !cells[0].is_empty();
                let assumed: Vec<Option<Role>> = if numbered {
                    FIVE.iter().copied().map(Some).collect()
                } else {
                    FOUR.iter().copied().map(Some).collect()
                };
                self.diags.push(Diagnostic::warning(
                    "table-without-header",
                    format!(
                        "a table row before any header row; {} columns assumed",
                        assumed.len()
                    ),
                    Span::line(line),
                ));
                self.columns = Some(assumed.clone());
                assumed
            }
        };
        if cells.len() != roles.len() {
            // More cells than columns: the extra text is kept in the last
            // column, but the row is no longer trustworthy.
            let make = if cells.len() > roles.len() {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            self.diags.push(make(
                "cell-count",
                format!(
                    "the row has {} cells but the header has {}",
                    cells.len(),
                    roles.len()
                ),
                Span::line(line),
            ));
        }
        let n_cells = cells.len();
        let mut row = RowCells::default();
        for (i, cell) in cells.into_iter().enumerate() {
            let role = match roles.get(i) {
                Some(r) => *r,
                None => roles.last().copied().flatten(),
            };
            row.put(role, cell);
        }
        let Some(pos) = &mut self.pos else { return };
        let last_role = roles
            .iter()
            .rev()
            .find_map(|r| *r)
            .unwrap_or(Role::SumberData);
        // A page break splits a row into a top line and a line holding only
        // the rest of the cells that overflowed. The rest never carries the
        // last column (SUMBER DATA is short and fits on the first page), nor
        // the start of an indicator ("Jumlah ...", "Persentase ..."): an
        // INDIKATOR cell that opens with a measure word starts a new row,
        // even if its SUMBER DATA cell is empty.
        let starts_indicator = Measure::from_indikator(&row.indikator) != Measure::Other;
        let continuation = n_cells >= roles.len()
            && row.get(last_role).is_empty()
            && row.number.is_empty()
            && !starts_indicator
            && !pos.indicators.is_empty();
        if continuation {
            if let Some(prev) = pos.indicators.last_mut() {
                let from = prev.span.first;
                append(&mut prev.sasaran, &row.sasaran);
                append(&mut prev.indikator, &row.indikator);
                append(&mut prev.formulasi, &row.formulasi);
                append(&mut prev.sumber_data, &row.sumber_data);
                prev.span = prev.span.join(Span::line(line));
                prev.continuation_lines.push(line);
                self.diags.push(Diagnostic::note(
                    "row-merged",
                    format!("this line continues the row that starts on line {from} (a page break); merged into it"),
                    Span::line(line),
                ));
            }
            return;
        }
        let mut sasaran_filled = false;
        if row.sasaran.is_empty() {
            if let Some(prev) = pos.indicators.last() {
                row.sasaran = prev.sasaran.clone();
                sasaran_filled = true;
            }
        }
        pos.indicators.push(Indicator {
            number: (!row.number.is_empty()).then(|| row.number.trim_end_matches('.').to_string()),
            sasaran: row.sasaran,
            indikator: row.indikator,
            formulasi: row.formulasi,
            sumber_data: row.sumber_data,
            measure: Measure::Other,
            formula: None,
            sasaran_filled,
            span: Span::line(line),
            continuation_lines: Vec::new(),
        });
    }

    fn close_position(&mut self) {
        self.duty = None;
        self.columns = None;
        let Some(mut p) = self.pos.take() else { return };
        if p.indicators.is_empty() {
            self.diags.push(Diagnostic::warning(
                "no-indicators",
                format!("position {} {} has no indicator rows", p.number, p.title),
                p.heading,
            ));
        }
        for i in &mut p.indicators {
            i.measure = Measure::from_indikator(&i.indikator);
            i.formula = Formula::read(&i.formulasi).map(Box::new);
            for (name, value) in [
                ("SASARAN", &i.sasaran),
                ("INDIKATOR KINERJA", &i.indikator),
                ("FORMULASI", &i.formulasi),
                ("SUMBER DATA", &i.sumber_data),
            ] {
                if value.is_empty() {
                    // A row without an indicator is broken; other empty
                    // cells are gaps worth a look.
                    let make = if name == "INDIKATOR KINERJA" {
                        Diagnostic::error
                    } else {
                        Diagnostic::warning
                    };
                    self.diags.push(make(
                        "empty-cell",
                        format!("the {name} cell is empty"),
                        i.span,
                    ));
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
    sasaran: String,
    indikator: String,
    formulasi: String,
    sumber_data: String,
}

impl RowCells {
    fn put(&mut self, role: Option<Role>, cell: String) {
        let field = match role {
            Some(Role::Number) => &mut self.number,
            Some(Role::Sasaran) => &mut self.sasaran,
            Some(Role::Indikator) => &mut self.indikator,
            Some(Role::Formulasi) => &mut self.formulasi,
            Some(Role::SumberData) | None => &mut self.sumber_data,
        };
        if field.is_empty() {
            *field = cell;
        } else {
            append(field, &cell);
        }
    }

    fn get(&self, role: Role) -> &str {
        match role {
            Role::Number => &self.number,
            Role::Sasaran => &self.sasaran,
            Role::Indikator => &self.indikator,
            Role::Formulasi => &self.formulasi,
            Role::SumberData => &self.sumber_data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
