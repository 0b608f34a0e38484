//! Tables of layout text: the header, the columns, the rows.
//!
//! - **Header.** A header line cuts, at runs of two or more spaces (and
//!   before a word that names a column on its own, as "SATUAN TARGET"
//!   written one space apart), into at least two cells that name core
//!   columns. Up to two capital lines right above it that name a column
//!   ("PENJELASAN/" over a vertically centred header) and up to four
//!   capital lines right below it ("PENGHITUNGAN", "KINERJA", "DATA") are
//!   the header too. Its pieces overlapping across those lines are one
//!   column each: the columns' *anchors*.
//! - **Columns.** Each page's part of a table (a *segment*) has its own
//!   column boundaries, as pdftotext places a table a few characters
//!   apart from page to page: between two anchors, the widest run of
//!   character columns blank on every line of the segment, or, when text
//!   runs across, the column with the fewest characters. A segment with
//!   no header of its own takes as anchors where the text of each column
//!   lay on the page before (2 characters of slack). Every word goes to
//!   the column its first character is in.
//! - **Rows.** See [`Rows`].
//! - **End.** A table ends at a Tugas/Fungsi label, a `Jabatan :` label,
//!   a group banner, another table header, a line running across three
//!   columns (a paragraph), one run of capitals across two columns (a
//!   title or banner set over the page), a numbered capital title ("2.
//!   SEKRETARIS") left of the indicator column, or a blank line followed
//!   by a line that starts no row (text after the table: a signature
//!   block). Inside the body of a table whose header is in capitals, a
//!   line in mixed case is never a header, and a label without a colon
//!   ("Tugas") or a banner in mixed case ends the table only after a blank
//!   line (else it is a wrapped line of a cell). At a page
//!   end it goes on to the next page when that page's first line is its
//!   header again (dropped as a repeated header) or is no end line.

use super::lines::{fragments_of, Line, Word};
use super::Ctx;
use crate::source::{Cell, TableRow};
use iki_model::Place;
use iki_parse::words::{is_banner, names_column, names_core_column};
use std::ops::Range;

/// Why a repeated table header is left out.
pub const REPEATED_HEADER: &str = "repeated table header";

/// What a column is, as far as finding rows needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// NO.
    Number,
    /// SASARAN (or another name of it).
    Sasaran,
    /// INDIKATOR KINERJA (IKI, IKU).
    Indikator,
    /// Any other.
    Other,
}

/// Words that name a column on their own but, after another column name,
/// qualify it ("TARGET TAHUN 2025"): no cut before them.
const QUALIFIERS: [&str; 9] = [
    "TAHUN", "TW", "TRIWULAN", "PERIODE", "KEGIATAN", "PROGRAM", "BIDANG", "KERJA", "UNIT",
];

/// A piece of a header line: a fragment, or part of one cut before a word
/// naming a column.
#[derive(Clone, Debug)]
struct Piece {
    start: usize,
    end: usize,
    text: String,
}

fn pieces(line: &Line<'_>) -> Vec<Piece> {
    let mut out = Vec::new();
    for f in fragments_of(&line.words) {
        let words = line.words.get(f.first..f.last).unwrap_or(&[]);
        let mut from = 0;
        for j in 1..words.len() {
            let Some(w) = words.get(j) else { continue };
            // A cut only before a plain word ("TARGET", "NO."), not
            // "(IKI)" closing a title.
            let plain = w
                .text
                .trim_end_matches('.')
                .chars()
                .all(char::is_alphabetic);
            // "PENJELASAN / FORMULASI": a slash joins two names of one
            // column.
            let after_slash = j
                .checked_sub(1)
                .and_then(|k| words.get(k))
                .is_some_and(|p| p.text.ends_with('/'));
            let cut = plain
                && !after_slash
                && names_column(w.text)
                && !QUALIFIERS.iter().any(|q| w.text.eq_ignore_ascii_case(q))
                && names_column(&super::lines::join_words(words.get(from..j).unwrap_or(&[])));
            if cut {
                out.push(piece(words.get(from..j).unwrap_or(&[])));
                from = j;
            }
        }
        out.push(piece(words.get(from..).unwrap_or(&[])));
    }
    out.retain(|p| !p.text.is_empty());
    out
}

fn piece(words: &[Word<'_>]) -> Piece {
    Piece {
        start: words.first().map_or(0, |w| w.start),
        end: words.last().map_or(0, |w| w.end),
        text: super::lines::join_words(words),
    }
}

/// Whether a line is a table header line: two cells naming core columns.
pub fn is_header_line(line: &Line<'_>) -> bool {
    if line.words.len() < 2 {
        return false;
    }
    pieces(line)
        .iter()
        .filter(|p| names_core_column(&p.text))
        .take(2)
        .count()
        == 2
}

fn has_lower(s: &str) -> bool {
    s.chars().any(char::is_lowercase)
}

fn has_letter(s: &str) -> bool {
    s.chars().any(char::is_alphabetic)
}

/// Whether a line may be part of a table header next to a header line
/// (never page furniture then).
pub fn may_be_header_part(line: &Line<'_>) -> bool {
    is_above_line(line) || is_below_line(line, true)
}

/// A capital line right above a header line that names a column.
fn is_above_line(line: &Line<'_>) -> bool {
    if !line.is_content() || has_lower(line.raw) {
        return false;
    }
    if line
        .words
        .first()
        .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let frags = line.fragments();
    frags
        .iter()
        .all(|f| f.last - f.first <= 3 && has_letter(&line.text_of(f.first, f.last)))
        && pieces(line).iter().any(|p| names_column(&p.text))
}

/// A line right below a header line that goes on with it: capitals (or,
/// under a header in mixed case, capitalised words, two a cell at most),
/// a letter in every piece, four words a piece at most.
fn is_below_line(line: &Line<'_>, capitals: bool) -> bool {
    if !line.is_content() {
        return false;
    }
    if line
        .words
        .first()
        .is_some_and(|w| w.text.starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    let frags = line.fragments();
    let most = if capitals { 4 } else { 2 };
    if !frags
        .iter()
        .all(|f| f.last - f.first <= most && has_letter(&line.text_of(f.first, f.last)))
    {
        return false;
    }
    if capitals {
        !has_lower(line.raw)
    } else {
        line.words
            .iter()
            .all(|w| !w.text.starts_with(char::is_lowercase))
    }
}

/// A table header: its lines and columns.
#[derive(Clone, Debug)]
pub struct Header {
    /// Its lines (indices into the lines).
    pub lines: Range<usize>,
    /// Each column's extent in the header: first and one past the last
    /// character column.
    pub anchors: Vec<(usize, usize)>,
    /// Each column's role.
    pub roles: Vec<Role>,
}

/// The header starting at line `i`, if one does: `i` is a header line, or
/// one or two capital lines above one.
pub fn header_at(lines: &[Line<'_>], i: usize, is_header: &[bool]) -> Option<Header> {
    let page = lines.get(i)?.page;
    let same = |j: usize| {
        lines
            .get(j)
            .is_some_and(|l| l.page == page && l.is_content())
    };
    let mut core = None;
    for j in i..i + 3 {
        if !same(j) {
            break;
        }
        if is_header.get(j).copied().unwrap_or(false) {
            core = Some(j);
            break;
        }
        if !lines.get(j).is_some_and(is_above_line) {
            break;
        }
    }
    let core = core?;
    let capitals = !lines.get(core).is_some_and(|l| has_lower(l.raw));
    let mut end = core + 1;
    while end < core + 5 && same(end) && lines.get(end).is_some_and(|l| is_below_line(l, capitals))
    {
        end += 1;
    }
    // The pieces of all its lines, joined where they overlap.
    let mut all: Vec<(usize, Piece)> = Vec::new();
    for j in i..end {
        if let Some(line) = lines.get(j) {
            all.extend(pieces(line).into_iter().map(|p| (j, p)));
        }
    }
    all.sort_by_key(|(j, p)| (p.start, *j));
    // (start, end, pieces with their lines)
    type Cluster = (usize, usize, Vec<(usize, Piece)>);
    let mut clusters: Vec<Cluster> = Vec::new();
    for (j, p) in all {
        match clusters.last_mut() {
            Some((_, e, members)) if p.start < *e => {
                *e = (*e).max(p.end);
                members.push((j, p));
            }
            _ => clusters.push((p.start, p.end, vec![(j, p)])),
        }
    }
    let mut roles = Vec::new();
    let mut anchors = Vec::new();
    for (s, e, mut members) in clusters {
        members.sort_by_key(|(j, p)| (*j, p.start));
        let parts: Vec<String> = members.into_iter().map(|(_, p)| p.text).collect();
        roles.push(role_of(&join_header(&parts)));
        anchors.push((s, e));
    }
    if anchors.len() < 2 {
        return None;
    }
    Some(Header {
        lines: i..end,
        anchors,
        roles,
    })
}

/// Inside the body of a table whose header is in capitals, a line with
/// lower case is never a header ("Jumlah Jabatan untuk  Jabatan untuk
/// Pelaksanaan" names JABATAN twice but is two cells of a row).
fn case_fits(line: &Line<'_>, capitals: bool) -> bool {
    !capitals || !has_lower(line.raw)
}

/// Whether line `j` is a header line that may stand in a table's body.
fn header_line_in_body(lines: &[Line<'_>], j: usize, is_header: &[bool], capitals: bool) -> bool {
    is_header.get(j).copied().unwrap_or(false)
        && lines.get(j).is_some_and(|l| case_fits(l, capitals))
}

/// [`header_at`] for a line in or after a table's body: every line of the
/// header fits the table header's case.
fn header_in_body(
    lines: &[Line<'_>],
    j: usize,
    is_header: &[bool],
    capitals: bool,
) -> Option<Header> {
    header_at(lines, j, is_header).filter(|h| {
        h.lines
            .clone()
            .all(|k| lines.get(k).is_some_and(|l| case_fits(l, capitals)))
    })
}

/// A header cell's wrapped parts on one line: no space after a `/`.
fn join_header(parts: &[String]) -> String {
    let mut out = String::new();
    for p in parts {
        if !out.is_empty() && !out.ends_with('/') {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// The role of a header cell: NO, SASARAN or INDIKATOR by its first or
/// second word.
fn role_of(cell: &str) -> Role {
    let words: Vec<String> = cell
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_uppercase)
        .collect();
    let first = words.first().map_or("", String::as_str);
    let is = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    if matches!(first, "NO" | "NOMOR") {
        Role::Number
    } else if is(&["INDIKATOR", "IKI", "IKU"]) {
        Role::Indikator
    } else if names_core_column(cell) && is(&["SASARAN", "KINERJA", "RENCANA"]) {
        Role::Sasaran
    } else {
        Role::Other
    }
}

/// A part of a table on one page: its lines and columns.
#[derive(Debug)]
struct Segment {
    /// Its header (the table's, or the table's repeated), if any.
    header: Option<Range<usize>>,
    /// Its body lines (indices), blank lines inside it included.
    body: Vec<usize>,
    /// Where its columns are expected.
    anchors: Vec<(usize, usize)>,
    /// How far a boundary may stray outside the anchors.
    slack: usize,
    /// Where columns 2.. start.
    bounds: Vec<usize>,
}

impl Segment {
    fn lines(&self) -> impl Iterator<Item = usize> + '_ {
        self.header
            .clone()
            .into_iter()
            .flatten()
            .chain(self.body.iter().copied())
    }
}

/// A table read from layout text.
#[derive(Debug, Default)]
pub struct Table {
    /// The header row, then the body rows.
    pub rows: Vec<TableRow>,
    /// The line after the table.
    pub next: usize,
    /// Lines left out: a repeated header.
    pub dropped: Vec<(usize, &'static str)>,
    /// For a row a page break split: its place and the place of its part
    /// on a later page.
    pub continued: Vec<(Place, Place)>,
}

/// The column indices of the roles rows are found by.
#[derive(Clone, Copy, Debug)]
struct Columns {
    count: usize,
    number: Option<usize>,
    sasaran: Option<usize>,
    indikator: Option<usize>,
}

impl Columns {
    fn of(roles: &[Role]) -> Columns {
        let find = |r: Role| roles.iter().position(|x| *x == r);
        let number = find(Role::Number);
        let mut sasaran = find(Role::Sasaran);
        let mut indikator = find(Role::Indikator);
        // Without the words, the first two columns after NO.
        let first = usize::from(number == Some(0));
        if sasaran.is_none() && indikator.is_none_or(|i| i > first) {
            sasaran = Some(first);
        }
        if indikator.is_none() {
            indikator = sasaran.map(|s| s + 1).filter(|&i| i < roles.len());
        }
        Columns {
            count: roles.len(),
            number,
            sasaran,
            indikator,
        }
    }
}

/// Reads the table whose header `header` found.
pub fn read(lines: &[Line<'_>], header: Header, is_header: &[bool], ctx: &Ctx<'_>) -> Table {
    let cols = Columns::of(&header.roles);
    let ind_start = cols
        .indikator
        .and_then(|i| header.anchors.get(i))
        .map_or(usize::MAX, |a| a.0);
    let mut dropped: Vec<(usize, &'static str)> = Vec::new();
    let page = lines.get(header.lines.start).map_or(1, |l| l.page);
    let header_len = header.lines.len();
    let capitals = header
        .lines
        .clone()
        .all(|j| lines.get(j).is_none_or(|l| !has_lower(l.raw)));
    let (body, mut next) = scan(
        lines,
        (header.lines.end, page),
        &header.anchors,
        ind_start,
        (is_header, capitals),
    );
    let mut segments = vec![Segment {
        header: Some(header.lines.clone()),
        body,
        anchors: header.anchors.clone(),
        slack: 0,
        bounds: Vec::new(),
    }];
    place_columns(lines, &mut segments, 0);
    // On to the next pages while the table goes on there.
    loop {
        let page = lines.get(next.saturating_sub(1)).map_or(0, |l| l.page);
        let at_page_end = lines.get(next).is_none_or(|l| l.page != page);
        if !at_page_end {
            break;
        }
        let Some(k) = (next..lines.len()).find(|&i| lines.get(i).is_some_and(Line::is_content))
        else {
            break;
        };
        let segment = if let Some(mut h) = header_in_body(lines, k, is_header, capitals) {
            if h.anchors.len() != cols.count {
                break;
            }
            // A repeated header has the lines of the first: a short line
            // in capitals under it ("PNS") is the rest of a cell.
            if h.lines.len() > header_len {
                h.lines.end = h.lines.start + header_len;
            }
            dropped.extend(h.lines.clone().filter_map(|j| {
                lines
                    .get(j)
                    .filter(|l| l.is_content())
                    .map(|_| (j, REPEATED_HEADER))
            }));
            let page = lines.get(k).map_or(1, |l| l.page);
            let (body, n) = scan(
                lines,
                (h.lines.end, page),
                &h.anchors,
                ind_start,
                (is_header, capitals),
            );
            next = n;
            Segment {
                header: Some(h.lines),
                body,
                anchors: h.anchors,
                slack: 0,
                bounds: Vec::new(),
            }
        } else {
            let Some(line) = lines.get(k) else { break };
            let anchors = segments
                .last()
                .map(|s| extents(lines, s, cols.count))
                .unwrap_or_default();
            if header_line_in_body(lines, k, is_header, capitals)
                || ends_table(line, &anchors, ind_start, true)
            {
                break;
            }
            let (body, n) = scan(
                lines,
                (k, line.page),
                &anchors,
                ind_start,
                (is_header, capitals),
            );
            if body.is_empty() {
                break;
            }
            next = n;
            Segment {
                header: None,
                body,
                anchors,
                slack: 2,
                bounds: Vec::new(),
            }
        };
        segments.push(segment);
        let last = segments.len() - 1;
        place_columns(lines, &mut segments, last);
    }
    // Rows; a blank line followed by a line that starts no row ends the
    // table there, and the columns of its last segment are found again
    // without the lines after it.
    let mut rows = Rows::new(cols);
    for _ in 0..4 {
        rows = Rows::new(cols);
        match rows.read(lines, &segments) {
            None => break,
            Some((s, t)) => {
                if let Some(blank) = segments.get(s).and_then(|seg| seg.body.get(t)) {
                    next = *blank;
                }
                segments.truncate(s + 1);
                if let Some(seg) = segments.get_mut(s) {
                    seg.body.truncate(t);
                }
                place_columns(lines, &mut segments, s);
            }
        }
    }
    let kept: Vec<usize> = segments
        .iter()
        .filter_map(|s| s.header.clone())
        .flatten()
        .collect();
    dropped.retain(|(j, _)| kept.contains(j));
    let mut table = Table {
        rows: Vec::new(),
        next,
        dropped,
        continued: Vec::new(),
    };
    if let Some(first) = segments.first() {
        table.rows.push(header_row(lines, first, cols.count, ctx));
    }
    for row in rows.rows {
        if row.cells.iter().all(Vec::is_empty) {
            continue;
        }
        let (place, later) = places(lines, &row.lines);
        for p in later {
            table.continued.push((place.clone(), p));
        }
        table.rows.push(TableRow {
            cells: row
                .cells
                .iter()
                .map(|parts| Cell::new(join_parts(parts, ctx)))
                .collect(),
            header: false,
            place,
        });
    }
    table
}

/// The body lines from `from` on this page up to the table's end or the
/// page's end (trailing blank lines left out), and the index it stopped
/// at.
fn scan(
    lines: &[Line<'_>],
    (from, page): (usize, u32),
    anchors: &[(usize, usize)],
    ind_start: usize,
    (is_header, capitals): (&[bool], bool),
) -> (Vec<usize>, usize) {
    let mut body = Vec::new();
    let mut j = from;
    while let Some(line) = lines.get(j) {
        if line.page != page {
            break;
        }
        if line.dropped.is_some() {
            j += 1;
            continue;
        }
        if !line.is_blank()
            && (header_line_in_body(lines, j, is_header, capitals)
                || ends_table(
                    line,
                    anchors,
                    ind_start,
                    j == from
                        || j.checked_sub(1)
                            .and_then(|k| lines.get(k))
                            .is_none_or(Line::is_blank),
                )
                || header_in_body(lines, j, is_header, capitals).is_some())
        {
            break;
        }
        body.push(j);
        j += 1;
    }
    while body
        .last()
        .is_some_and(|&b| lines.get(b).is_none_or(Line::is_blank))
    {
        body.pop();
    }
    (body, j)
}

/// Whether a line cannot be in a table: a label, a banner, a paragraph
/// running across three columns, a numbered capital title left of the
/// indicator column.
fn ends_table(
    line: &Line<'_>,
    anchors: &[(usize, usize)],
    ind_start: usize,
    after_blank: bool,
) -> bool {
    let Some(first) = line.words.first() else {
        return false;
    };
    let left = first.start < ind_start;
    let lower_first = first.text.trim_end_matches([':', '.']).to_lowercase();
    let has_colon = line.raw.contains(':');
    if left
        && matches!(
            lower_first.as_str(),
            "tugas" | "fungsi" | "uraian" | "rincian"
        )
        // Without a colon, only after a blank line: "Tugas bagi" may be
        // a wrapped line of a cell.
        && (has_colon || (line.words.len() <= 3 && after_blank))
    {
        return true;
    }
    let enumerated = is_enumerator(first.text);
    let rest: Vec<&Word<'_>> = line.words.iter().skip(usize::from(enumerated)).collect();
    let says = |w: Option<&&Word<'_>>, s: &str| {
        w.is_some_and(|w| w.text.trim_end_matches(':').eq_ignore_ascii_case(s))
    };
    if left
        && has_colon
        && (says(rest.first(), "jabatan")
            || (says(rest.first(), "nama") && says(rest.get(1), "jabatan")))
    {
        return true;
    }
    // A banner in capitals; one in mixed case ("Jabatan Fungsional") only
    // after a blank line, as it may be a wrapped line of a cell too.
    if left && is_banner(&line.text()) && (after_blank || !has_lower(line.raw)) {
        return true;
    }
    let fragments = line.fragments();
    for f in &fragments {
        let crossed = anchors
            .iter()
            .filter(|a| f.start < a.1 && a.0 < f.end)
            .count();
        if crossed >= 3 {
            return true;
        }
        // One run of capitals across two columns: a title or banner set
        // over the page ("3. KEPALA BIDANG MUTASI DAN PROMOSI", a centred
        // "PEJABAT ADMINISTRATOR"), not cells, which stand two spaces
        // apart.
        let text = line.text();
        if crossed >= 2 && fragments.len() == 1 && has_letter(&text) && !has_lower(&text) {
            return true;
        }
    }
    if enumerated && !rest.is_empty() {
        let text: String = rest.iter().map(|w| w.text).collect();
        if has_letter(&text) && !has_lower(&text) && line.words.iter().all(|w| w.start < ind_start)
        {
            return true;
        }
    }
    false
}

/// "2.", "B.", "IV.", "c)": a title's number.
fn is_enumerator(word: &str) -> bool {
    let Some(body) = word.strip_suffix(['.', ')']) else {
        return false;
    };
    !body.is_empty()
        && ((body.len() <= 2 && body.bytes().all(|b| b.is_ascii_digit()))
            // "1.2." of a position under a unit
            || (body.len() <= 5
                && body.starts_with(|c: char| c.is_ascii_digit())
                && body.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
            || (body.len() == 1 && body.bytes().all(|b| b.is_ascii_alphabetic()))
            || (body.len() <= 5 && body.bytes().all(|b| b"IVXLC".contains(&b))))
}

/// Where the text of each column of a segment lies (its anchors where a
/// column has none).
fn extents(lines: &[Line<'_>], seg: &Segment, count: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<Option<(usize, usize)>> = vec![None; count];
    for j in seg.lines() {
        let Some(line) = lines.get(j) else { continue };
        for w in &line.words {
            let c = seg.bounds.partition_point(|&b| b <= w.start);
            if let Some(slot) = out.get_mut(c) {
                *slot =
                    Some(slot.map_or((w.start, w.end), |(s, e)| (s.min(w.start), e.max(w.end))));
            }
        }
    }
    out.iter()
        .enumerate()
        .map(|(k, e)| e.or_else(|| seg.anchors.get(k).copied()).unwrap_or((0, 0)))
        .collect()
}

/// Finds the column boundaries of segment `s`.
fn place_columns(lines: &[Line<'_>], segments: &mut [Segment], s: usize) {
    let Some(seg) = segments.get_mut(s) else {
        return;
    };
    let mut width = 0;
    for j in seg.lines() {
        if let Some(w) = lines.get(j).and_then(|l| l.words.last()) {
            width = width.max(w.end);
        }
    }
    // How many lines have a character in each column.
    let mut occ = vec![0u32; width + 1];
    for j in seg.lines() {
        let Some(line) = lines.get(j) else { continue };
        for w in &line.words {
            for x in occ.get_mut(w.start..w.end).into_iter().flatten() {
                *x += 1;
            }
        }
    }
    let blank = |x: usize| occ.get(x).is_none_or(|&n| n == 0);
    let mut bounds: Vec<usize> = Vec::new();
    for pair in seg.anchors.windows(2) {
        let (Some(left), Some(right)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let prev = bounds.last().copied().unwrap_or(0);
        let lo = left.1.saturating_sub(seg.slack).max(prev);
        let hi = right.0 + seg.slack;
        // The widest blank run reaching into lo..=hi.
        let mid = (lo + hi) / 2;
        let mut best: Option<(usize, usize)> = None; // (start, end)
        let mut x = lo;
        while x <= hi {
            if !blank(x) {
                x += 1;
                continue;
            }
            let mut a = x;
            while a > prev && blank(a - 1) {
                a -= 1;
            }
            let mut b = x;
            while b < width && blank(b) {
                b += 1;
            }
            if b == width && blank(b) {
                b = b.max(hi + 1);
            }
            let better = match best {
                None => true,
                Some((ba, bb)) => {
                    let (w, bw) = (b - a, bb - ba);
                    w > bw || (w == bw && a.abs_diff(mid) < ba.abs_diff(mid))
                }
            };
            if better {
                best = Some((a, b));
            }
            x = b + 1;
        }
        let bound = match best {
            Some((_, b)) => b,
            None => {
                // Text runs across: the column with the fewest characters.
                let top = hi.saturating_sub(1);
                if lo > top {
                    hi
                } else {
                    let mut p = lo;
                    for x in lo..=top {
                        if occ.get(x).copied().unwrap_or(0) <= occ.get(p).copied().unwrap_or(0) {
                            p = x;
                        }
                    }
                    p + 1
                }
            }
        };
        bounds.push(bound.max(prev + 1));
    }
    seg.bounds = bounds;
}

/// A line's words by column, joined with single spaces.
fn cells_of(line: &Line<'_>, bounds: &[usize], count: usize) -> Vec<String> {
    let mut cells = vec![String::new(); count];
    for w in &line.words {
        let c = bounds
            .partition_point(|&b| b <= w.start)
            .min(count.saturating_sub(1));
        if let Some(cell) = cells.get_mut(c) {
            if !cell.is_empty() {
                cell.push(' ');
            }
            cell.push_str(w.text);
        }
    }
    cells
}

/// The header row of a table: its first segment's header lines by column.
fn header_row(lines: &[Line<'_>], seg: &Segment, count: usize, ctx: &Ctx<'_>) -> TableRow {
    let mut parts: Vec<Vec<String>> = vec![Vec::new(); count];
    let range = seg.header.clone().unwrap_or(0..0);
    for j in range.clone() {
        let Some(line) = lines.get(j) else { continue };
        for (c, text) in cells_of(line, &seg.bounds, count).into_iter().enumerate() {
            if let Some(p) = parts.get_mut(c) {
                if !text.is_empty() {
                    p.push(text);
                }
            }
        }
    }
    let first = lines.get(range.start);
    let last = lines.get(range.end.saturating_sub(1)).or(first);
    TableRow {
        cells: parts
            .iter()
            .map(|p| Cell::new(join_parts(p, ctx)))
            .collect(),
        header: true,
        place: Place::Page {
            page: first.map_or(1, |l| l.page),
            first: first.map_or(1, |l| l.no),
            last: last.map_or(1, |l| l.no),
        },
    }
}

/// A row's place (its lines on its first page) and the places of its
/// parts on later pages.
fn places(lines: &[Line<'_>], rows: &[usize]) -> (Place, Vec<Place>) {
    let mut pages: Vec<(u32, u32, u32)> = Vec::new();
    for &j in rows {
        let Some(line) = lines.get(j) else { continue };
        match pages.iter_mut().find(|(p, _, _)| *p == line.page) {
            Some((_, first, last)) => {
                *first = (*first).min(line.no);
                *last = (*last).max(line.no);
            }
            None => pages.push((line.page, line.no, line.no)),
        }
    }
    pages.sort_unstable();
    let mut places = pages
        .into_iter()
        .map(|(page, first, last)| Place::Page { page, first, last });
    let first = places.next().unwrap_or(Place::Page {
        page: 1,
        first: 1,
        last: 1,
    });
    (first, places.collect())
}

/// A cell's lines joined: one space between lines; none after a `/`
/// ending a word ("PENJELASAN/" + "FORMULASI") or where
/// [`joins_unspaced`] says (a word broken at the cell's edge, LaTeX); a
/// word hyphenated at the wrap ("PENGHITUNG-" + "AN") joined without the
/// hyphen when the whole word occurs unhyphenated elsewhere in the text,
/// else kept with its hyphen and no space ("sosial-" + "ekonomi" is
/// "sosial-ekonomi").
pub fn join_parts(parts: &[String], ctx: &Ctx<'_>) -> String {
    let mut out = String::new();
    for p in parts {
        let p = p.trim();
        if p.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push_str(p);
            continue;
        }
        let mut tail = out.chars().rev();
        if tail.next() == Some('/') && tail.next().is_some_and(char::is_alphanumeric) {
            out.push_str(p);
            continue;
        }
        if joins_unspaced(&out, p, ctx) {
            out.push_str(p);
            continue;
        }
        let before = out.strip_suffix('-');
        let head_word = before.map(|b| {
            let start = b
                .char_indices()
                .rev()
                .find(|(_, c)| !c.is_alphanumeric())
                .map_or(0, |(i, c)| i + c.len_utf8());
            b.get(start..).unwrap_or("")
        });
        match head_word {
            Some(head)
                if head.chars().last().is_some_and(char::is_alphabetic)
                    && p.starts_with(char::is_alphabetic) =>
            {
                let tail: String = p.chars().take_while(|c| c.is_alphanumeric()).collect();
                if ctx.knows(&format!("{head}{tail}")) {
                    out.pop();
                }
                out.push_str(p);
            }
            _ => {
                out.push(' ');
                out.push_str(p);
            }
        }
    }
    out
}

/// Whether line `p` of a cell goes on from the text before it, `out`,
/// without a space:
/// - a word longer than its column, broken where the column ends
///   ("Pertanggungjawa" + "ban"): the two pieces make a word that occurs
///   whole elsewhere in the text, the next piece starts in lower case and
///   one piece never stands inside a run of text as a word of its own
///   ([`Ctx::knows_inside`]);
/// - LaTeX source printed as text ("{\" + "text{", "}}" + "{\text",
///   "100\%" + "$" closing the formula): a line ending in a backslash, a
///   closing brace before an opening one, a `$` closing an open formula.
fn joins_unspaced(out: &str, p: &str, ctx: &Ctx<'_>) -> bool {
    if out.ends_with('\\')
        || (out.ends_with('}') && p.starts_with('{'))
        || (p.starts_with('$') && out.matches('$').count() % 2 == 1)
    {
        return true;
    }
    let head: String = {
        let rev: Vec<char> = out
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        rev.into_iter().rev().collect()
    };
    let tail: String = p.chars().take_while(|c| c.is_alphabetic()).collect();
    if head.is_empty() || tail.is_empty() || !tail.starts_with(char::is_lowercase) {
        return false;
    }
    ctx.knows(&format!("{head}{tail}")) && (!ctx.knows_inside(&head) || !ctx.knows_inside(&tail))
}

/// A body row being read.
#[derive(Debug)]
struct RowAcc {
    /// Each column's text, a part per line.
    cells: Vec<Vec<String>>,
    /// Its lines: from its first to the line before the next row's.
    lines: Vec<usize>,
}

/// The rows of a table's body.
///
/// A line starts a row when:
/// 1. it is the first body line, or follows a numbering row ("(1) (2)
///    (3)", a row of its own);
/// 2. in a table with NO, its NO cell is a number ("1", "1.", "1)"), its
///    INDIKATOR text, where the line above had some too, does not begin in
///    lower case, and its SASARAN text, where it goes on from the line
///    above, does not read as the rest of the SASARAN above (lower case;
///    or the SASARAN above opens with a word in -nya, "Meningkatnya", and
///    this text does not) unless the line has INDIKATOR text: then the
///    SASARAN was merged over both rows and its rest stays with the row
///    above (a NO centred in a tall row stands beside the middle of that
///    row's text: it is that row's number);
/// 3. the SASARAN or INDIKATOR column has text that the line above had
///    not in that column, and every other column with text (NO and
///    SASARAN aside) begins there too (a blank line above counts as empty
///    in every column). SASARAN (and NO) text going on from the line
///    above then still belongs to the row above: a SASARAN merged over
///    several indicator rows is written once, on the first, and the parser
///    fills it down.
///
/// 4. in a table set at the top of its cells (its first row has text in
///    every column but NO on its first line), a column other than NO and
///    SASARAN has text the line above had not, where the row has text in
///    it already (not at the top of a page); or, at the top of a page,
///    every column has text and the SASARAN opens as a new one. SASARAN
///    text that was alone on the line above ended the row above, so the
///    SASARAN beside the new row is the new row's own.
///
/// Any other line goes on with the row above, column by column; at a page
/// break too, so a row a page break split is one row. A blank line
/// followed by a line that starts no row ends the table.
///
/// Rows whose cells end on one line in every column and that no blank line
/// or NO number parts cannot be told apart in layout text: they are read
/// as one row.
struct Rows {
    cols: Columns,
    rows: Vec<RowAcc>,
}

/// Whether text opens with a word in -nya, as a SASARAN is written
/// ("Meningkatnya", "Terwujudnya", "Tersedianya").
fn opens_nya(text: &str) -> bool {
    text.split_whitespace()
        .next()
        .is_some_and(|w| w.chars().count() > 5 && w.to_lowercase().ends_with("nya"))
}

fn is_row_number(cell: &str) -> bool {
    let t = cell.trim();
    let t = t.strip_suffix(['.', ')']).unwrap_or(t);
    (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
}

fn is_numbering(line: &Line<'_>) -> bool {
    line.words.len() >= 3
        && line.words.iter().all(|w| {
            let t = w
                .text
                .strip_prefix('(')
                .and_then(|t| t.strip_suffix(')'))
                .unwrap_or(w.text);
            (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit())
        })
}

impl Rows {
    fn new(cols: Columns) -> Rows {
        Rows {
            cols,
            rows: Vec::new(),
        }
    }

    /// Whether SASARAN text going on from the line above is the rest of the
    /// SASARAN above (merged over this row too) rather than this row's
    /// own: the SASARAN above opens with a word in -nya ("Meningkatnya",
    /// "Terwujudnya", as sasaran are written) and this text does not.
    fn sasaran_goes_on(&self, owner: &[usize], c: Option<usize>, text: &str) -> bool {
        let Some(c) = c else { return false };
        let above = owner
            .get(c)
            .and_then(|&o| self.rows.get(o))
            .and_then(|r| r.cells.get(c))
            .and_then(|parts| parts.first());
        above.is_some_and(|a| opens_nya(a)) && !opens_nya(text)
    }

    /// Whether SASARAN text opens with a word in -nya as the SASARAN above
    /// does: a new SASARAN.
    fn opens_like_above(&self, owner: &[usize], c: Option<usize>, text: &str) -> bool {
        let Some(c) = c else { return false };
        let above = owner
            .get(c)
            .and_then(|&o| self.rows.get(o))
            .and_then(|r| r.cells.get(c))
            .and_then(|parts| parts.first());
        above.is_some_and(|a| opens_nya(a)) && opens_nya(text)
    }

    /// Reads the rows; `Some((segment, index))` when a blank line at that
    /// body index ends the table.
    fn read(&mut self, lines: &[Line<'_>], segments: &[Segment]) -> Option<(usize, usize)> {
        let n = self.cols.count;
        let mut prev: Option<Vec<String>> = None;
        let mut blank_at: Option<(usize, usize)> = None;
        let mut force = true;
        let mut top = false;
        let mut prev_page: Option<u32> = None;
        let mut owner = vec![0usize; n];
        for (s, seg) in segments.iter().enumerate() {
            for (t, &j) in seg.body.iter().enumerate() {
                let Some(line) = lines.get(j) else { continue };
                if line.is_blank() {
                    if blank_at.is_none() {
                        blank_at = Some((s, t));
                    }
                    prev = None;
                    continue;
                }
                if is_numbering(line) && (self.rows.is_empty() || blank_at.is_some() || force) {
                    let cells = cells_of(line, &seg.bounds, n);
                    self.rows.push(RowAcc {
                        cells: cells.into_iter().map(|c| vec![c]).collect(),
                        lines: vec![j],
                    });
                    force = true;
                    prev = None;
                    blank_at = None;
                    continue;
                }
                let cells = cells_of(line, &seg.bounds, n);
                let has =
                    |c: Option<usize>| c.and_then(|c| cells.get(c)).is_some_and(|t| !t.is_empty());
                let had = |c: Option<usize>| {
                    c.and_then(|c| prev.as_ref().and_then(|p| p.get(c)))
                        .is_some_and(|t| !t.is_empty())
                };
                let (no, sas, ind) = (self.cols.number, self.cols.sasaran, self.cols.indikator);
                // Text going on from the line above that reads as the rest
                // of the cell above, not as a new cell.
                let goes_on = |c: Option<usize>| {
                    let Some(text) = c.and_then(|c| cells.get(c)) else {
                        return false;
                    };
                    if !has(c) || !had(c) {
                        return false;
                    }
                    text.starts_with(char::is_lowercase)
                        || (c == sas && self.sasaran_goes_on(&owner, c, text))
                };
                let numbered = no
                    .and_then(|c| cells.get(c))
                    .is_some_and(|t| is_row_number(t))
                    && !goes_on(ind)
                    && (!goes_on(sas) || has(ind));
                let opens = (has(ind) && !had(ind)) || (has(sas) && !had(sas));
                let others_open = (0..n)
                    .filter(|&c| Some(c) != sas && Some(c) != no)
                    .all(|c| !has(Some(c)) || !had(Some(c)));
                let full = force || self.rows.is_empty() || (numbered && !goes_on(sas));
                // In a table whose cells are set at the top (its first row
                // has text in every column on its first line), a cell's
                // text is one block from its row's first line down: text in
                // a column the line above had none in, where the row has
                // text in that column already, opens the next row, however
                // far the other cells of the row above run down.
                // (Not at the top of a page: there a row split by the page
                // break goes on.)
                let same_page = prev_page == Some(line.page);
                let reopens = top
                    && (opens
                        || (0..n).any(|c| {
                            Some(c) != no
                                && Some(c) != sas
                                && has(Some(c))
                                && !had(Some(c))
                                && prev.is_some()
                                && same_page
                                && self
                                    .rows
                                    .last()
                                    .and_then(|r| r.cells.get(c))
                                    .is_some_and(|parts| !parts.is_empty())
                        }));
                // At the top of a page, a line with text in every column
                // whose SASARAN opens as a new one ("Terlaksananya ..."
                // after "Meningkatnya ...") starts a row: the row above
                // ended with the page.
                let fresh_page_row = top
                    && !same_page
                    && prev.is_some()
                    && (0..n).filter(|&c| Some(c) != no).all(|c| has(Some(c)))
                    && sas
                        .and_then(|c| cells.get(c))
                        .is_some_and(|t| self.opens_like_above(&owner, sas, t));
                let partial =
                    !full && ((opens && others_open) || numbered || reopens || fresh_page_row);
                // At a row opened beside SASARAN text going on from the
                // line above, that text stays with the row above unless it
                // reads as a new SASARAN ("Meningkatnya ..." after a
                // SASARAN so written).
                // In a table set at the top, SASARAN text alone on the line
                // above (every other cell of the row above had ended) ended
                // the row above: the SASARAN text beside the new row is its
                // own. (A SASARAN merged over rows runs on beside the
                // indicator lines of the rows it covers.)
                let sas_alone_above = top
                    && prev.is_some()
                    && (0..n)
                        .filter(|&c| Some(c) != sas && Some(c) != no)
                        .all(|c| !had(Some(c)));
                let sas_new = sas.and_then(|c| cells.get(c)).is_some_and(|t| {
                    !t.starts_with(char::is_lowercase)
                        && (sas_alone_above
                            || fresh_page_row
                            || (!self.sasaran_goes_on(&owner, sas, t)
                                && self.opens_like_above(&owner, sas, t)))
                });
                if !full && !partial {
                    if let Some(at) = blank_at {
                        return Some(at);
                    }
                }
                blank_at = None;
                if full || partial {
                    let row = self.rows.len();
                    for (c, o) in owner.iter_mut().enumerate() {
                        let keeps = !full
                            && (Some(c) == no || (Some(c) == sas && !sas_new))
                            && has(Some(c))
                            && had(Some(c));
                        if !keeps {
                            *o = row;
                        }
                    }
                    self.rows.push(RowAcc {
                        cells: vec![Vec::new(); n],
                        lines: Vec::new(),
                    });
                }
                if self.rows.len() == 1 && self.rows.first().is_some_and(|r| r.lines.is_empty()) {
                    top = (0..n).filter(|&c| Some(c) != no).all(|c| has(Some(c)));
                }
                force = false;
                let current = self.rows.len().saturating_sub(1);
                for (c, text) in cells.iter().enumerate() {
                    let Some(o) = owner.get_mut(c) else { continue };
                    if text.is_empty() {
                        *o = current;
                        continue;
                    }
                    if let Some(cell) = self.rows.get_mut(*o).and_then(|r| r.cells.get_mut(c)) {
                        cell.push(text.clone());
                    }
                }
                // The row's place: the lines from its start to the next
                // row's (not the rest of a merged SASARAN beside the next).
                if let Some(row) = self.rows.get_mut(current) {
                    row.lines.push(j);
                }
                prev = Some(cells);
                prev_page = Some(line.page);
            }
        }
        None
    }
}
