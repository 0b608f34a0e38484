//! Table dialects: the seed's tables, rewritten from tab-separated lines into
//! GitHub pipe tables, HTML tables and pandoc grid tables, read to the same
//! rows.
//!
//! `to_dialect` rewrites only the seed's table lines (a line with two or more
//! tabs that is not a `#` heading) and returns, with the new text, a line map:
//! for every line of the seed, the first and last lines of the new text that
//! hold what it held. The parser's reading of each generated text is then
//! compared with its reading of the seed, spans translated through the map.
//!
//! Set `IKI_KEEP_DIALECTS` to keep the generated texts (and their line maps)
//! in `<temp dir>/iki-dialects/` for debugging; nothing is written otherwise.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_model::{Document, Item, Position, Span, TableDialect};
use std::fmt::Write as _;
use std::ops::Range;
use std::sync::OnceLock;

const SEED: &str = "seeds/bkpsdm-sumenep-2024.md";
const SEED_POSITIONS: usize = 68;
const SEED_ROWS: usize = 279;
/// The column width grid cells are wrapped at (a longer word widens its
/// column instead of being cut).
const GRID_WRAP: usize = 30;

// ---------------------------------------------------------------------------
// The generator
// ---------------------------------------------------------------------------

/// A way of writing tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dialect {
    /// The seed's own tab-separated lines: the generator's identity.
    Tab,
    /// GitHub pipe tables.
    Pipe,
    /// HTML tables: MinerU's one-line form for every third table, one row a
    /// line for the others.
    Html,
    /// pandoc grid tables.
    Grid,
}

impl Dialect {
    const ALL: [Dialect; 4] = [Dialect::Tab, Dialect::Pipe, Dialect::Html, Dialect::Grid];

    fn name(self) -> &'static str {
        match self {
            Dialect::Tab => "tab",
            Dialect::Pipe => "pipe",
            Dialect::Html => "html",
            Dialect::Grid => "grid",
        }
    }

    fn model(self) -> TableDialect {
        match self {
            Dialect::Tab => TableDialect::Tab,
            Dialect::Pipe => TableDialect::Pipe,
            Dialect::Html => TableDialect::Html,
            Dialect::Grid => TableDialect::Grid,
        }
    }
}

/// For every source line (index = line number - 1), the `(first, last)`
/// lines of the generated text that hold it.
type LineMap = Vec<(u32, u32)>;

/// The source's lines, without the line feeds (a CR stays on its line).
fn source_lines(src: &str) -> Vec<&str> {
    src.split('\n').collect()
}

fn is_table_line(line: &str) -> bool {
    line.matches('\t').count() >= 2 && !line.trim_start().starts_with('#')
}

/// Maximal runs of consecutive table lines (any other line, blank or not,
/// ends a run), as 0-based line index ranges.
fn table_runs(lines: &[&str]) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if is_table_line(lines[i]) {
            let start = i;
            while i < lines.len() && is_table_line(lines[i]) {
                i += 1;
            }
            runs.push(start..i);
        } else {
            i += 1;
        }
    }
    runs
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A header line: one of its cells is SASARAN.
    Header,
    /// Converter debris: every cell is dashes (or empty).
    Debris,
    Data,
}

/// One table line of the source.
#[derive(Clone, Debug)]
struct Row<'a> {
    /// 0-based source line index.
    src: usize,
    cells: Vec<&'a str>,
    kind: Kind,
    /// Index of the SASARAN column, from the nearest header line at or
    /// above this line.
    sasaran: usize,
}

impl Row<'_> {
    fn sasaran_cell(&self) -> Option<&str> {
        self.cells.get(self.sasaran).map(|c| c.trim())
    }
}

/// A cell's text without HTML tags.
fn strip_tags(cell: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The column of a header line's SASARAN cell; `None` for other lines.
fn sasaran_column(cells: &[&str]) -> Option<usize> {
    cells
        .iter()
        .position(|c| strip_tags(c).trim().eq_ignore_ascii_case("SASARAN"))
}

fn is_debris(cells: &[&str]) -> bool {
    cells.iter().any(|c| !c.trim().is_empty())
        && cells.iter().all(|c| c.trim().chars().all(|ch| ch == '-'))
}

/// The table lines of every run, read into rows.
fn read_runs<'a>(lines: &[&'a str], runs: &[Range<usize>]) -> Vec<Vec<Row<'a>>> {
    let mut sasaran: Option<usize> = None;
    runs.iter()
        .map(|run| {
            run.clone()
                .map(|i| {
                    let line = lines[i].strip_suffix('\r').unwrap_or(lines[i]);
                    let cells: Vec<&str> = line.split('\t').collect();
                    let kind = if let Some(col) = sasaran_column(&cells) {
                        sasaran = Some(col);
                        Kind::Header
                    } else if is_debris(&cells) {
                        Kind::Debris
                    } else {
                        Kind::Data
                    };
                    let sasaran = sasaran.unwrap_or_else(|| {
                        panic!(
                            "source line {}: a table line before any header line, \
                             no SASARAN column known",
                            i + 1
                        )
                    });
                    Row {
                        src: i,
                        cells,
                        kind,
                        sasaran,
                    }
                })
                .collect()
        })
        .collect()
}

/// Whether run `r` is written as a one-line (MinerU) HTML table.
fn html_one_line(r: usize) -> bool {
    r % 3 == 2
}

/// Whether run `r` is written as a padded (Docling) pipe table.
fn pipe_padded(r: usize) -> bool {
    r % 2 == 0
}

/// Where to cut one long table in two, as a page break would: `(run, k)`,
/// rows `..k` in the first table and `k..` in the second. The longest run
/// that starts with a header, cut as near its middle as a row allows that
/// is a complete data row (every cell filled, so it reads as a new row, not
/// as the rest of the row above) after another data row.
fn choose_cut(rows: &[Vec<Row>], d: Dialect) -> Option<(usize, usize)> {
    let mut candidates: Vec<usize> = (0..rows.len())
        .filter(|&r| rows[r].len() >= 4 && rows[r][0].kind == Kind::Header)
        .filter(|&r| !(d == Dialect::Html && html_one_line(r)))
        .collect();
    candidates.sort_by_key(|&r| (std::cmp::Reverse(rows[r].len()), r));
    for r in candidates {
        let n = rows[r].len();
        let mut ks: Vec<usize> = (2..n).collect();
        ks.sort_by_key(|&k| (k.abs_diff(n / 2), k));
        for k in ks {
            let (above, at) = (&rows[r][k - 1], &rows[r][k]);
            if above.kind == Kind::Data
                && at.kind == Kind::Data
                && at.cells.iter().all(|c| !c.trim().is_empty())
            {
                return Some((r, k));
            }
        }
    }
    // A document with no long table (a generated one) is not cut; the
    // seed's generator tests count the tables, so a missing cut there fails.
    None
}

/// The generated text under construction.
struct Out {
    lines: Vec<String>,
    map: LineMap,
}

impl Out {
    /// Appends a line; returns its 1-based number.
    fn push(&mut self, line: impl Into<String>) -> u32 {
        self.lines.push(line.into());
        self.lines.len() as u32
    }

    fn set(&mut self, src: usize, first: u32, last: u32) {
        self.map[src] = (first, last);
    }
}

/// Rewrites the table lines of `src` into dialect `d`; returns the new text
/// and the line map (see [`LineMap`]). Non-table lines are copied as they
/// are. `Dialect::Tab` is the identity.
fn to_dialect(src: &str, d: Dialect) -> (String, LineMap) {
    let lines = source_lines(src);
    let runs = table_runs(&lines);
    let rows = read_runs(&lines, &runs);
    let cut = if d == Dialect::Tab {
        None
    } else {
        choose_cut(&rows, d)
    };
    let mut out = Out {
        lines: Vec::with_capacity(lines.len() * 2),
        map: vec![(0, 0); lines.len()],
    };
    let mut runs_left = runs.iter().enumerate().peekable();
    let mut i = 0;
    while i < lines.len() {
        let Some((r, run)) = runs_left.next_if(|(_, run)| run.start == i) else {
            let l = out.push(lines[i]);
            out.set(i, l, l);
            i += 1;
            continue;
        };
        let parts: Vec<&[Row]> = match cut {
            Some((c, k)) if c == r => vec![&rows[r][..k], &rows[r][k..]],
            _ => vec![&rows[r][..]],
        };
        for (p, part) in parts.into_iter().enumerate() {
            if p > 0 {
                out.push(""); // the page break
            }
            match d {
                Dialect::Tab => {
                    for row in part {
                        let l = out.push(lines[row.src]);
                        out.set(row.src, l, l);
                    }
                }
                Dialect::Pipe => pipe_table(&mut out, part, pipe_padded(r)),
                Dialect::Html => html_table(&mut out, part, html_one_line(r)),
                Dialect::Grid => grid_table(&mut out, part),
            }
        }
        i = run.end;
    }
    if let Some(i) = out.map.iter().position(|&(f, _)| f == 0) {
        panic!("generator bug: source line {} was not mapped", i + 1);
    }
    (out.lines.join("\n"), out.map)
}

/// One GFM table: the first row where the header goes (even a data row: the
/// rest of a table after a page break), an alignment row, the other rows.
fn pipe_table(out: &mut Out, rows: &[Row], padded: bool) {
    let width = rows[0].cells.len();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            assert!(
                r.cells.len() <= width,
                "source line {}: {} cells, more than the {} of its table's first \
                 row; a GFM reader would drop the rest",
                r.src + 1,
                r.cells.len(),
                width
            );
            let mut v: Vec<String> = r.cells.iter().map(|c| c.replace('|', "\\|")).collect();
            v.resize(width, String::new());
            v
        })
        .collect();
    let widths: Vec<usize> = (0..width)
        .map(|j| {
            cells
                .iter()
                .map(|r| r[j].chars().count())
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let line = |r: &[String]| {
        let mut s = String::from("|");
        for (c, w) in r.iter().zip(&widths) {
            s.push(' ');
            s.push_str(c);
            if padded {
                s.extend(std::iter::repeat_n(' ', w - c.chars().count()));
            }
            s.push_str(" |");
        }
        s
    };
    let align = if padded {
        let mut s = String::from("|");
        for w in &widths {
            s.push_str(&"-".repeat(w + 2));
            s.push('|');
        }
        s
    } else {
        format!("|{}", "---|".repeat(width))
    };
    for (i, (row, cells)) in rows.iter().zip(&cells).enumerate() {
        let l = out.push(line(cells));
        out.set(row.src, l, l);
        if i == 0 {
            out.push(align.clone());
        }
    }
}

/// A cell's text as HTML: kept as written (tags such as `<i>` and `<b>` are
/// HTML already); only a `<` that opens no tag is escaped.
fn html_text(cell: &str) -> String {
    let mut out = String::new();
    let mut chars = cell.chars().peekable();
    while let Some(c) = chars.next() {
        let opens_tag = chars
            .peek()
            .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!');
        if c == '<' && !opens_tag {
            out.push_str("&lt;");
        } else {
            out.push(c);
        }
    }
    out
}

/// The `<tr>` of every row. An empty SASARAN cell under a filled one (in
/// this table, data rows only) is folded into a `rowspan` of the filled one.
fn html_rows(rows: &[Row]) -> Vec<String> {
    let n = rows.len();
    let mut span = vec![1; n];
    let mut covered = vec![false; n];
    let mut i = 0;
    while i < n {
        let mut j = i + 1;
        if rows[i].kind == Kind::Data && rows[i].sasaran_cell().is_some_and(|c| !c.is_empty()) {
            while j < n
                && rows[j].kind == Kind::Data
                && rows[j].sasaran_cell().is_some_and(str::is_empty)
            {
                covered[j] = true;
                j += 1;
            }
            span[i] = j - i;
        }
        i = j;
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let tag = if r.kind == Kind::Header { "th" } else { "td" };
            let mut s = String::from("<tr>");
            for (j, c) in r.cells.iter().enumerate() {
                if j == r.sasaran && covered[i] {
                    continue;
                }
                let attr = if j == r.sasaran && span[i] > 1 {
                    format!(" rowspan=\"{}\"", span[i])
                } else {
                    String::new()
                };
                write!(s, "<{tag}{attr}>{}</{tag}>", html_text(c)).unwrap();
            }
            s.push_str("</tr>");
            s
        })
        .collect()
}

fn html_table(out: &mut Out, rows: &[Row], one_line: bool) {
    let trs = html_rows(rows);
    if one_line {
        let l = out.push(format!(
            "<html><body><table>{}</table></body></html>",
            trs.concat()
        ));
        for r in rows {
            out.set(r.src, l, l);
        }
        return;
    }
    out.push("<table>");
    let head = rows[0].kind == Kind::Header;
    let mut body = 0;
    if head {
        out.push("<thead>");
        let l = out.push(trs[0].clone());
        out.set(rows[0].src, l, l);
        out.push("</thead>");
        out.push("<tbody>");
        body = 1;
    }
    for (r, tr) in rows.iter().zip(&trs).skip(body) {
        let l = out.push(tr.clone());
        out.set(r.src, l, l);
    }
    if head {
        out.push("</tbody>");
    }
    out.push("</table>");
}

/// Greedy wrap at spaces; every word must fit `width`.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for w in text.split(' ').filter(|w| !w.is_empty()) {
        let n = w.chars().count();
        assert!(n <= width, "word {w:?} wider than its column ({width})");
        if cur.is_empty() {
            cur.push_str(w);
        } else if cur.chars().count() + 1 + n <= width {
            cur.push(' ');
            cur.push_str(w);
        } else {
            out.push(std::mem::take(&mut cur));
            cur.push_str(w);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// One grid table: borders around every row, `=` under a header row that
/// starts the table, cells wrapped at [`GRID_WRAP`] columns (widened to the
/// longest word).
fn grid_table(out: &mut Out, rows: &[Row]) {
    let ncol = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    fn cell<'r>(r: &Row<'r>, j: usize) -> &'r str {
        r.cells.get(j).map_or("", |c| c.trim())
    }
    let widths: Vec<usize> = (0..ncol)
        .map(|j| {
            let word = rows
                .iter()
                .flat_map(|r| cell(r, j).split(' '))
                .map(|w| w.chars().count())
                .max()
                .unwrap_or(0);
            let text = rows
                .iter()
                .map(|r| cell(r, j).chars().count())
                .max()
                .unwrap_or(0);
            word.max(text.min(GRID_WRAP)).max(3)
        })
        .collect();
    let border = |c: char| {
        let mut s = String::from("+");
        for w in &widths {
            s.extend(std::iter::repeat_n(c, w + 2));
            s.push('+');
        }
        s
    };
    out.push(border('-'));
    for (i, r) in rows.iter().enumerate() {
        let wrapped: Vec<Vec<String>> = (0..ncol).map(|j| wrap(cell(r, j), widths[j])).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let (mut first, mut last) = (0, 0);
        for k in 0..height {
            let mut s = String::from("|");
            for (parts, w) in wrapped.iter().zip(&widths) {
                let t = parts.get(k).map_or("", String::as_str);
                s.push(' ');
                s.push_str(t);
                s.extend(std::iter::repeat_n(' ', w - t.chars().count()));
                s.push_str(" |");
            }
            last = out.push(s);
            if k == 0 {
                first = last;
            }
        }
        out.set(r.src, first, last);
        let rule = if i == 0 && r.kind == Kind::Header {
            '='
        } else {
            '-'
        };
        out.push(border(rule));
    }
}

// ---------------------------------------------------------------------------
// The seed and the comparison
// ---------------------------------------------------------------------------

fn seed() -> &'static (String, Document) {
    static SEED_DOC: OnceLock<(String, Document)> = OnceLock::new();
    SEED_DOC.get_or_init(|| {
        let bytes = std::fs::read(common::root().join(SEED)).expect("read the seed");
        let text = String::from_utf8(bytes).expect("the seed is UTF-8");
        let doc = iki_parse::parse(text.as_bytes())
            .expect("parse the seed")
            .document;
        let positions = doc.groups.iter().map(|g| g.positions.len()).sum::<usize>();
        let rows = doc
            .groups
            .iter()
            .flat_map(|g| &g.positions)
            .map(|p| p.indicators.len())
            .sum::<usize>();
        assert_eq!(
            (positions, rows),
            (SEED_POSITIONS, SEED_ROWS),
            "the seed itself no longer reads to {SEED_POSITIONS} positions and {SEED_ROWS} rows"
        );
        (text, doc)
    })
}

/// Writes the generated text and its line map to `<temp>/iki-dialects/`
/// when `IKI_KEEP_DIALECTS` is set.
fn keep(d: Dialect, text: &str, map: &LineMap) {
    if std::env::var_os("IKI_KEEP_DIALECTS").is_none() {
        return;
    }
    let dir = std::env::temp_dir().join("iki-dialects");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("bkpsdm-sumenep-2024.{}.md", d.name()));
    std::fs::write(&path, text).unwrap();
    let mut tsv = String::from("source\tfirst\tlast\n");
    for (i, (f, l)) in map.iter().enumerate() {
        writeln!(tsv, "{}\t{f}\t{l}", i + 1).unwrap();
    }
    std::fs::write(
        dir.join(format!("bkpsdm-sumenep-2024.{}.map.tsv", d.name())),
        tsv,
    )
    .unwrap();
    eprintln!("kept {}", path.display());
}

/// One difference between the seed's reading and a generated text's.
struct Mismatch {
    at: String,
    field: String,
    expected: String,
    got: String,
}

#[derive(Default)]
struct Diff(Vec<Mismatch>);

impl Diff {
    fn check<T: PartialEq + std::fmt::Debug>(
        &mut self,
        at: &str,
        field: &str,
        expected: T,
        got: T,
    ) {
        if expected != got {
            self.0.push(Mismatch {
                at: at.to_string(),
                field: field.to_string(),
                expected: format!("{expected:?}"),
                got: format!("{got:?}"),
            });
        }
    }
}

fn show(s: Span) -> String {
    format!("[{}, {}]", s.first, s.last)
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// The seed's span `s` in the generated text.
fn map_span(map: &LineMap, s: Span) -> Span {
    Span::new(map[s.first as usize - 1].0, map[s.last as usize - 1].1)
}

fn compare_items(diff: &mut Diff, at: &str, what: &str, map: &LineMap, exp: &[Item], got: &[Item]) {
    diff.check(at, &format!("{what} count"), exp.len(), got.len());
    for (k, (e, g)) in exp.iter().zip(got).enumerate() {
        diff.check(at, &format!("{what}[{k}].text"), &e.text, &g.text);
        diff.check(
            at,
            &format!("{what}[{k}].span"),
            show(map_span(map, e.span)),
            show(g.span),
        );
    }
}

/// Everything the generated document `got` must share with the seed's
/// reading `exp`, spans translated through `map`.
fn compare(exp: &Document, got: &Document, map: &LineMap, src: &[&str]) -> Vec<Mismatch> {
    let mut diff = Diff::default();
    let at = "document";
    diff.check(at, "title", &exp.title, &got.title);
    diff.check(at, "agency", &exp.agency, &got.agency);
    diff.check(at, "agency_name", &exp.agency_name, &got.agency_name);
    diff.check(at, "region", &exp.region, &got.region);
    diff.check(at, "year", exp.year, got.year);
    let count = |d: &Document| -> (usize, usize) {
        let ps = d.groups.iter().flat_map(|g| &g.positions);
        (ps.clone().count(), ps.map(|p| p.indicators.len()).sum())
    };
    let ((ep, er), (gp, gr)) = (count(exp), count(got));
    diff.check(at, "number of positions", ep, gp);
    diff.check(at, "number of indicator rows", er, gr);

    diff.check(at, "number of groups", exp.groups.len(), got.groups.len());
    for (k, (e, g)) in exp.groups.iter().zip(&got.groups).enumerate() {
        let at = format!("group {k} ({})", e.kind);
        diff.check(&at, "kind", e.kind, g.kind);
        diff.check(&at, "title", &e.title, &g.title);
        diff.check(&at, "positions", e.positions.len(), g.positions.len());
        let units = |u: &[iki_model::Unit], m: Option<&LineMap>| -> Vec<String> {
            u.iter()
                .map(|u| {
                    let s = m.map_or(u.span, |m| map_span(m, u.span));
                    format!("{} {} {}", u.number, u.title, show(s))
                })
                .collect()
        };
        diff.check(
            &at,
            "units",
            units(&e.units, Some(map)),
            units(&g.units, None),
        );
    }

    fn flat(d: &Document) -> Vec<(iki_model::GroupKind, &Position)> {
        d.groups
            .iter()
            .flat_map(|g| g.positions.iter().map(move |p| (g.kind, p)))
            .collect()
    }
    for (n, ((ek, e), (gk, g))) in flat(exp).into_iter().zip(flat(got)).enumerate() {
        let at = format!("position #{n} {} (no. {})", e.id, e.number);
        diff.check(&at, "group kind", ek, gk);
        diff.check(&at, "id", &e.id, &g.id);
        diff.check(&at, "number", &e.number, &g.number);
        diff.check(&at, "title", &e.title, &g.title);
        diff.check(&at, "unit", &e.unit, &g.unit);
        diff.check(
            &at,
            "heading",
            show(map_span(map, e.heading)),
            show(g.heading),
        );
        compare_items(&mut diff, &at, "tugas", map, &e.tugas, &g.tugas);
        compare_items(&mut diff, &at, "fungsi", map, &e.fungsi, &g.fungsi);
        diff.check(
            &at,
            "number of rows",
            e.indicators.len(),
            g.indicators.len(),
        );
        for (k, (ei, gi)) in e.indicators.iter().zip(&g.indicators).enumerate() {
            let span = map_span(map, ei.span);
            let at = format!(
                "position {} (no. {}), row {k} (seed lines {}, here {})",
                e.id,
                e.number,
                show(ei.span),
                show(span)
            );
            diff.check(&at, "number", &ei.number, &gi.number);
            diff.check(&at, "sasaran", &ei.sasaran, &gi.sasaran);
            diff.check(&at, "indikator", &ei.indikator, &gi.indikator);
            diff.check(&at, "formulasi", &ei.formulasi, &gi.formulasi);
            diff.check(&at, "sumber_data", &ei.sumber_data, &gi.sumber_data);
            diff.check(&at, "sasaran_filled", ei.sasaran_filled, gi.sasaran_filled);
            diff.check(&at, "span", show(span), show(gi.span));
            diff.check(&at, "extra", &ei.extra, &gi.extra);
            diff.check(&at, "measure", ei.measure, gi.measure);
            diff.check(&at, "formula", &ei.formula, &gi.formula);
            diff.check(&at, "target", &ei.target, &gi.target);
            // Continuation lines: the seed's lines are single lines, a
            // generated row may take several (a wrapped grid row), so only
            // require each seed continuation line to be represented and
            // nothing else to be claimed as one.
            let ranges: Vec<Span> = ei
                .continuation_lines
                .iter()
                .map(|&l| map_span(map, Span::line(l)))
                .collect();
            let represented = ranges
                .iter()
                .all(|r| gi.continuation_lines.iter().any(|&l| r.contains(l)));
            let nothing_else = gi
                .continuation_lines
                .iter()
                .all(|&l| ranges.iter().any(|r| r.contains(l)));
            if !(represented && nothing_else) {
                diff.check(
                    &at,
                    "continuation_lines (within)",
                    format!("{:?}", ranges.iter().map(|s| show(*s)).collect::<Vec<_>>()),
                    format!("{:?}", gi.continuation_lines),
                );
            }
        }
    }

    // Skipped lines outside the tables are unchanged lines: same reason,
    // same text, at their new line numbers.
    for s in &exp.skipped {
        if is_table_line(src[s.line as usize - 1]) {
            continue;
        }
        let line = map[s.line as usize - 1].0;
        let at = format!("skipped seed line {} (here {line})", s.line);
        let found = got.skipped.iter().find(|g| g.line == line);
        diff.check(
            &at,
            "reason and text",
            Some((s.reason, s.text.as_str())),
            found.map(|g| (g.reason, g.text.as_str())),
        );
    }
    diff.0
}

fn report(d: Dialect, mismatches: &[Mismatch]) -> String {
    let first = &mismatches[0];
    let mut s = format!(
        "{}: {} mismatch(es) between the seed's reading and the {} text's.\n\
         first: {}\n  field:    {}\n  expected: {}\n  got:      {}\n",
        d.name(),
        mismatches.len(),
        d.name(),
        first.at,
        first.field,
        first.expected,
        first.got
    );
    if mismatches.len() > 1 {
        s.push_str("next:\n");
        for m in mismatches.iter().skip(1).take(12) {
            writeln!(
                s,
                "  - {}: {}: expected {}, got {}",
                m.at,
                m.field,
                short(&m.expected, 90),
                short(&m.got, 90)
            )
            .unwrap();
        }
    }
    s.push_str("(set IKI_KEEP_DIALECTS=1 to keep the generated text in <temp>/iki-dialects/)");
    s
}

/// Generates the seed in dialect `d`, parses it raw and checks it against
/// the seed's reading: same document, positions and rows, spans through the
/// line map, every line accounted for, and (except for the identity) the
/// one dialect reported.
fn check_dialect(d: Dialect) {
    let (src, exp) = seed();
    let (text, map) = to_dialect(src, d);
    keep(d, &text, &map);
    let got = match iki_parse::parse(text.as_bytes()) {
        Ok(parsed) => {
            // No table may be lost: `iki convert` would refuse the document.
            let lost: Vec<String> = iki_parse::lost_content(&parsed.diagnostics)
                .map(|d| format!("{} {}: {}", d.span, d.code, d.message))
                .collect();
            assert!(lost.is_empty(), "{}: {}", d.name(), lost.join("\n"));
            parsed.document
        }
        Err(e) => panic!("{}: the generated text does not parse: {e}", d.name()),
    };
    let mismatches = compare(exp, &got, &map, &source_lines(src));
    assert!(mismatches.is_empty(), "{}", report(d, &mismatches));

    let out: Vec<&str> = text.split('\n').collect();
    let lost = got.unaccounted_lines(common::non_blank_lines(text.as_bytes()));
    assert!(
        lost.is_empty(),
        "{}: {} non-blank line(s) of the generated text not accounted for:\n{}",
        d.name(),
        lost.len(),
        lost.iter()
            .take(15)
            .map(|&l| format!("  {l}: {}", short(out[l as usize - 1], 100)))
            .collect::<Vec<_>>()
            .join("\n")
    );
    common::check_invariants(
        std::path::Path::new(&format!("<seed as {} tables>", d.name())),
        text.as_bytes(),
        &got,
    );
    if d != Dialect::Tab {
        assert_eq!(
            got.dialects,
            vec![d.model()],
            "{}: the dialects the document reports",
            d.name()
        );
    }
}

/// The seed read in every dialect gives the seed's rows.
mod each_dialect_gives_the_seeds_rows {
    use super::*;

    /// The identity: passes with the tab-only parser too, and proves the
    /// comparison and the line map machinery.
    #[test]
    fn tab_identity() {
        check_dialect(Dialect::Tab);
    }

    #[test]
    fn pipe() {
        check_dialect(Dialect::Pipe);
    }

    #[test]
    fn html() {
        check_dialect(Dialect::Html);
    }

    #[test]
    fn grid() {
        check_dialect(Dialect::Grid);
    }
}

/// The seed, written in tab-separated lines only, reports that one dialect.
#[test]
fn seed_reports_the_tab_dialect() {
    assert_eq!(seed().1.dialects, vec![TableDialect::Tab]);
}

// ---------------------------------------------------------------------------
// The generator's own soundness
// ---------------------------------------------------------------------------

mod generator {
    use super::*;

    struct Generated<'a> {
        src: Vec<&'a str>,
        runs: Vec<Range<usize>>,
        rows: Vec<Vec<Row<'a>>>,
        text: String,
        map: LineMap,
    }

    impl Generated<'_> {
        fn out(&self) -> Vec<&str> {
            self.text.split('\n').collect()
        }

        /// The source cells of table line `i`, CR removed.
        fn cells(&self, i: usize) -> Vec<&str> {
            let line = self.src[i];
            line.strip_suffix('\r')
                .unwrap_or(line)
                .split('\t')
                .collect()
        }

        /// Blocks of consecutive generated lines that `starts` accepts, as
        /// 0-based ranges.
        fn blocks(&self, starts: impl Fn(&str) -> bool) -> Vec<Range<usize>> {
            let out = self.out();
            let mut blocks = Vec::new();
            let mut i = 0;
            while i < out.len() {
                if starts(out[i]) {
                    let b = i;
                    while i < out.len() && starts(out[i]) {
                        i += 1;
                    }
                    blocks.push(b..i);
                } else {
                    i += 1;
                }
            }
            blocks
        }
    }

    fn generate(d: Dialect) -> Generated<'static> {
        let src = source_lines(&seed().0);
        let runs = table_runs(&src);
        let rows = read_runs(&src, &runs);
        let (text, map) = to_dialect(&seed().0, d);
        Generated {
            src,
            runs,
            rows,
            text,
            map,
        }
    }

    /// Whitespace collapsed, for comparing cells read back from wrapped or
    /// padded text.
    fn collapse(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn tab_is_the_identity() {
        let g = generate(Dialect::Tab);
        assert!(g.text == seed().0, "the tab dialect changed the text");
        let identity: LineMap = (1..=g.src.len() as u32).map(|l| (l, l)).collect();
        assert_eq!(g.map, identity);
    }

    #[test]
    fn the_seed_has_what_the_generator_relies_on() {
        let g = generate(Dialect::Tab);
        assert!(g.runs.len() > 10, "only {} table runs", g.runs.len());
        assert_eq!(
            g.rows[0][0].kind,
            Kind::Header,
            "the first run starts with a header"
        );
        assert!(
            g.rows.iter().any(|r| r[0].kind == Kind::Data),
            "no run continues a table after a blank line"
        );
        assert!(g.rows.iter().flatten().any(|r| r.kind == Kind::Debris));
        // GFM gives a table the width of its first row: no later row of a
        // run may have more cells (the pipe generator asserts it too).
        for run in &g.rows {
            for r in run {
                assert!(
                    r.cells.len() <= run[0].cells.len(),
                    "source line {}: more cells than its run's first line",
                    r.src + 1
                );
            }
        }
        // Rows the HTML generator folds into a rowspan are whole rows.
        for r in g.rows.iter().flatten() {
            assert!(r.sasaran < r.cells.len(), "source line {}", r.src + 1);
        }
    }

    /// Every dialect: each source line maps inside the text, in order, and
    /// lines outside the tables are copied unchanged to their mapped line.
    #[test]
    fn maps_are_increasing_and_keep_other_lines() {
        for d in Dialect::ALL {
            let g = generate(d);
            let out = g.out();
            let name = d.name();
            assert_eq!(
                g.map.len(),
                g.src.len(),
                "{name}: one map entry a source line"
            );
            for (i, &(f, l)) in g.map.iter().enumerate() {
                assert!(
                    1 <= f && f <= l && l as usize <= out.len(),
                    "{name}: source line {} maps to [{f}, {l}] of {} lines",
                    i + 1,
                    out.len()
                );
                if !is_table_line(g.src[i]) {
                    assert_eq!(f, l, "{name}: source line {}", i + 1);
                    assert_eq!(
                        out[f as usize - 1],
                        g.src[i],
                        "{name}: source line {} at {f}",
                        i + 1
                    );
                }
            }
            for (i, w) in g.map.windows(2).enumerate() {
                // Only the rows of one MinerU one-line table share a line.
                let shared = d == Dialect::Html && w[0] == w[1];
                assert!(
                    w[0].1 < w[1].0 || (shared && w[0].1 == w[1].0),
                    "{name}: source lines {} and {} map to {:?} and {:?}",
                    i + 1,
                    i + 2,
                    w[0],
                    w[1]
                );
            }
        }
    }

    fn is_alignment(line: &str) -> bool {
        line.len() > 1
            && line.starts_with('|')
            && line.ends_with('|')
            && line[1..line.len() - 1]
                .split('|')
                .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-'))
    }

    /// The cells of a pipe row: split at unescaped `|`, trimmed, `\|` read
    /// back as `|`.
    fn pipe_cells(line: &str) -> Vec<String> {
        let inner = line
            .strip_prefix('|')
            .and_then(|l| l.strip_suffix('|'))
            .unwrap_or_else(|| panic!("not a pipe row: {line:?}"));
        let mut cells = vec![String::new()];
        let mut chars = inner.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if chars.peek() == Some(&'|') => {
                    chars.next();
                    cells.last_mut().unwrap().push('|');
                }
                '|' => cells.push(String::new()),
                _ => cells.last_mut().unwrap().push(c),
            }
        }
        cells.iter().map(|c| c.trim().to_string()).collect()
    }

    #[test]
    fn pipe_tables_are_well_formed() {
        let g = generate(Dialect::Pipe);
        let out = g.out();
        let tables = g.blocks(|l| l.starts_with('|'));
        assert_eq!(
            tables.len(),
            g.runs.len() + 1,
            "one table a run, and one cut in two"
        );
        let aligns = out.iter().filter(|l| l.starts_with("|---")).count();
        assert_eq!(aligns, tables.len(), "as many alignment rows as tables");
        let mut padded = false;
        for t in &tables {
            assert!(
                t.len() >= 2,
                "table at line {} has no alignment row",
                t.start + 1
            );
            let align = out[t.start + 1];
            assert!(is_alignment(align), "line {}: {align:?}", t.start + 2);
            padded |= align.contains("----");
            let width = pipe_cells(align).len();
            for l in t.clone().filter(|&l| l != t.start + 1) {
                assert!(
                    !is_alignment(out[l]),
                    "line {}: a second alignment row",
                    l + 1
                );
                assert_eq!(pipe_cells(out[l]).len(), width, "line {}: cells", l + 1);
            }
        }
        assert!(padded, "no table is padded like Docling's");
        let cut_starts = tables
            .iter()
            .filter(|t| {
                let src = g.map.iter().position(|&(f, _)| f as usize == t.start + 1);
                src.is_some_and(|i| g.runs.iter().all(|r| r.start != i))
            })
            .count();
        assert_eq!(
            cut_starts, 1,
            "one table starts inside a run (the page break cut)"
        );
        for i in g.runs.iter().flat_map(|r| r.clone()) {
            let (f, l) = g.map[i];
            assert_eq!(f, l);
            let mut read = pipe_cells(out[f as usize - 1]);
            let cells = g.cells(i);
            assert!(
                read[cells.len()..].iter().all(String::is_empty),
                "line {f}: padding"
            );
            read.truncate(cells.len());
            let cells: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
            assert_eq!(read, cells, "source line {} at line {f}", i + 1);
        }
    }

    #[test]
    fn html_tables_are_well_formed() {
        let g = generate(Dialect::Html);
        let out = g.out();
        assert_eq!(g.text.matches("<table>").count(), g.runs.len() + 1);
        assert_eq!(g.text.matches("</table>").count(), g.runs.len() + 1);
        let one_line = out
            .iter()
            .filter(|l| l.starts_with("<html><body><table>"))
            .count();
        assert_eq!(
            one_line,
            (0..g.runs.len()).filter(|&r| html_one_line(r)).count()
        );
        assert!(one_line > 0 && one_line < g.runs.len());
        // Multi-line tables: markup lines and one row a line.
        let mut inside = false;
        for (k, l) in out.iter().enumerate() {
            match *l {
                "<table>" => inside = true,
                "</table>" => inside = false,
                "<thead>" | "</thead>" | "<tbody>" | "</tbody>" => assert!(inside),
                _ if inside => assert!(
                    l.starts_with("<tr>") && l.ends_with("</tr>") && l.matches("<tr>").count() == 1,
                    "line {}: {l:?}",
                    k + 1
                ),
                _ => {}
            }
        }
        assert!(!inside);
        for i in g.runs.iter().flat_map(|r| r.clone()) {
            let (f, l) = g.map[i];
            assert_eq!(f, l);
            let line = out[f as usize - 1];
            for c in g.cells(i).iter().filter(|c| !c.is_empty()) {
                let cell = format!(">{}</t", html_text(c));
                assert!(
                    line.contains(&cell),
                    "source line {} at {f}: no cell {cell:?}",
                    i + 1
                );
            }
        }
        // Rowspans cover exactly the rows whose empty SASARAN the seed's
        // reading fills from the row above.
        let covered: usize = g
            .text
            .match_indices("rowspan=\"")
            .map(|(at, m)| {
                let rest = &g.text[at + m.len()..];
                rest[..rest.find('"').unwrap()].parse::<usize>().unwrap() - 1
            })
            .sum();
        let filled = seed()
            .1
            .groups
            .iter()
            .flat_map(|g| &g.positions)
            .flat_map(|p| &p.indicators)
            .filter(|i| i.sasaran_filled)
            .count();
        assert!(covered > 0, "no rowspan written");
        assert_eq!(
            covered, filled,
            "rowspan-covered cells vs the seed's filled SASARAN cells"
        );
    }

    #[test]
    fn grid_tables_are_well_formed() {
        let g = generate(Dialect::Grid);
        let out = g.out();
        let tables = g.blocks(|l| l.starts_with('+') || l.starts_with('|'));
        assert_eq!(
            tables.len(),
            g.runs.len() + 1,
            "one table a run, and one cut in two"
        );
        let mut boundaries = vec![Vec::new(); out.len()];
        let mut rules = 0;
        for t in &tables {
            let top: Vec<char> = out[t.start].chars().collect();
            let plus: Vec<usize> = (0..top.len()).filter(|&k| top[k] == '+').collect();
            assert!(out[t.start].starts_with('+') && out[t.end - 1].starts_with('+'));
            for l in t.clone() {
                let chars: Vec<char> = out[l].chars().collect();
                assert_eq!(chars.len(), top.len(), "line {}: width", l + 1);
                let sep = if chars[0] == '+' { '+' } else { '|' };
                for (k, &c) in chars.iter().enumerate() {
                    if plus.contains(&k) {
                        assert_eq!(c, sep, "line {} column {k}", l + 1);
                    } else if sep == '+' {
                        assert!(c == '-' || c == '=', "line {} column {k}: {c:?}", l + 1);
                    }
                }
                if out[l].starts_with("+=") {
                    rules += 1;
                }
                boundaries[l] = plus.clone();
            }
        }
        let headed = g.rows.iter().filter(|r| r[0].kind == Kind::Header).count();
        assert_eq!(
            rules, headed,
            "one = rule a table that starts with a header"
        );
        let mut wrapped = false;
        for i in g.runs.iter().flat_map(|r| r.clone()) {
            let (f, l) = g.map[i];
            let (f, l) = (f as usize - 1, l as usize - 1);
            wrapped |= l > f;
            assert!(out[f - 1].starts_with('+') && out[l + 1].starts_with('+'));
            let b = &boundaries[f];
            let read: Vec<String> = b
                .windows(2)
                .map(|w| {
                    let parts: Vec<String> = (f..=l)
                        .map(|k| {
                            out[k]
                                .chars()
                                .skip(w[0] + 1)
                                .take(w[1] - w[0] - 1)
                                .collect()
                        })
                        .collect();
                    collapse(&parts.join(" "))
                })
                .collect();
            let mut cells: Vec<String> = g.cells(i).iter().map(|c| collapse(c)).collect();
            cells.resize(read.len(), String::new());
            assert_eq!(
                read,
                cells,
                "source line {} at lines {}-{}",
                i + 1,
                f + 1,
                l + 1
            );
        }
        assert!(wrapped, "no cell wraps over several lines");
    }
}

/// The comparison is not vacuous: a changed cell and a wrong line map are
/// both reported, with the field named.
mod comparison {
    use super::*;

    fn mismatches(text: &str, map: &LineMap) -> Vec<Mismatch> {
        let (src, exp) = seed();
        let got = iki_parse::parse(text.as_bytes()).unwrap().document;
        compare(exp, &got, map, &source_lines(src))
    }

    /// The 1-based line of the seed's first indicator row with a SASARAN of
    /// its own.
    fn first_row() -> (u32, String) {
        let i = seed()
            .1
            .groups
            .iter()
            .flat_map(|g| &g.positions)
            .flat_map(|p| &p.indicators)
            .find(|i| !i.sasaran_filled && i.span.first == i.span.last)
            .unwrap();
        (i.span.first, i.sasaran.clone())
    }

    #[test]
    fn notices_a_changed_cell() {
        let (src, _) = seed();
        let (line, sasaran) = first_row();
        let (_, map) = to_dialect(src, Dialect::Tab);
        let mut lines = source_lines(src);
        let changed = lines[line as usize - 1].replacen(&sasaran, "Sasaran lain", 1);
        lines[line as usize - 1] = &changed;
        let found = mismatches(&lines.join("\n"), &map);
        assert!(
            found.iter().any(|m| m.field == "sasaran"),
            "{:?}",
            found.iter().map(|m| &m.field).collect::<Vec<_>>()
        );
        assert!(report(Dialect::Tab, &found).contains("Sasaran lain"));
    }

    #[test]
    fn notices_a_wrong_line_map() {
        let (src, _) = seed();
        let (line, _) = first_row();
        let (text, mut map) = to_dialect(src, Dialect::Tab);
        map[line as usize - 1].1 += 1;
        let found = mismatches(&text, &map);
        assert_eq!(found.len(), 1, "{}", report(Dialect::Tab, &found));
        assert_eq!(found[0].field, "span");
    }
}

/// Random documents in the seed's tab dialect, rewritten in every other
/// dialect, read to the same model with mapped spans, and every line of
/// every version accounted for.
mod random_documents {
    use super::*;
    use proptest::prelude::*;

    const WORDS: [&str; 12] = [
        "Meningkatnya",
        "kualitas",
        "layanan",
        "kepegawaian",
        "laporan",
        "dokumen",
        "aparatur",
        "kinerja",
        "perencanaan",
        "evaluasi",
        "daerah",
        "ASN",
    ];

    fn text(min: usize, max: usize) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(&WORDS[..]), min..=max).prop_map(|w| w.join(" "))
    }

    /// One indicator row: SASARAN may be empty (the row above's), SUMBER
    /// DATA never is (an empty one would make the row the rest of the row
    /// above in the tab dialect, which a rowspan cannot say).
    fn row() -> impl Strategy<Value = (String, String, String, String, String)> {
        (
            prop_oneof![Just(String::new()), text(2, 5)],
            prop_oneof![text(1, 5).prop_map(|t| format!("Jumlah {t}")), text(2, 6)],
            text(1, 8),
            text(1, 3),
            prop_oneof![
                Just("%".to_string()),
                Just("95".to_string()),
                Just("≥ 90".to_string())
            ],
        )
    }

    fn position(n: usize) -> impl Strategy<Value = String> {
        (
            text(1, 4),
            prop::collection::vec(row(), 1..5),
            any::<bool>(),
        )
            .prop_map(move |(title, rows, extra)| {
                let mut out = format!(
                    "### {n}. JABATAN {}\n\n- Tugas : {title}.\n\n",
                    title.to_uppercase()
                );
                out.push_str(if extra {
                    "SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\tTARGET\n"
                } else {
                    "SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n"
                });
                for (i, (s, ind, f, src, target)) in rows.into_iter().enumerate() {
                    let s = if i == 0 && s.is_empty() {
                        "Meningkatnya kinerja".to_string()
                    } else {
                        s
                    };
                    out.push_str(&format!("{s}\t{ind}\t{f}\t{src}"));
                    if extra {
                        out.push_str(&format!("\t{target}"));
                    }
                    out.push('\n');
                }
                out.push('\n');
                out
            })
    }

    fn document() -> impl Strategy<Value = String> {
        (1usize..5)
            .prop_flat_map(|n| (0..n).map(|i| position(i + 1)).collect::<Vec<_>>())
            .prop_map(|ps| {
                format!(
                    "# Indikator Kinerja Individu DINAS X KAB. Y TAHUN 2025\n\n{}",
                    ps.concat()
                )
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn every_dialect_gives_the_same_model(src in document()) {
            let exp = iki_parse::parse(src.as_bytes()).unwrap().document;
            common::check_invariants(std::path::Path::new("<random tab>"), src.as_bytes(), &exp);
            for d in [Dialect::Pipe, Dialect::Html, Dialect::Grid] {
                let (text, map) = to_dialect(&src, d);
                let parsed = iki_parse::parse(text.as_bytes()).unwrap();
                prop_assert_eq!(iki_parse::lost_content(&parsed.diagnostics).count(), 0);
                let got = parsed.document;
                let mismatches = compare(&exp, &got, &map, &source_lines(&src));
                prop_assert!(mismatches.is_empty(), "{}\n{}", report(d, &mismatches), text);
                common::check_invariants(std::path::Path::new("<random>"), text.as_bytes(), &got);
                prop_assert_eq!(&got.dialects, &vec![d.model()]);
            }
        }
    }
}
