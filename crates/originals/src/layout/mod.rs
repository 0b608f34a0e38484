//! Layout text (what `pdftotext -layout` writes): tables found from their
//! header words and the whitespace gaps that run down the table.
//!
//! Pages split at form feeds; a line's place is its page and its line on
//! that page, both from 1.
//!
//! - Page furniture is kept out of the text's content: running headers and
//!   footers (a line that, digits aside, stands at the same place among
//!   the first or last three lines of most pages) and page numbers ("3",
//!   "- 3 -", "Halaman 3 dari 9" as a page's first or last line); see
//!   [`lines::mark_furniture`]. So is a table header repeated on a later
//!   page. Each such line is written as an HTML comment
//!   ([`SourceText::furniture`]: the document's skipped lines, reason
//!   `page_furniture`) and listed with its place and reason
//!   ([`Read::dropped`]).
//! - Tables: see [`table`]. Each becomes an HTML table, one `<tr>` per
//!   row, the row's place its lines on its first page; a row a page break
//!   split is one row, and its part on the later page is listed in
//!   [`Read::continued`].
//! - Every other line is a line of the source text as pdftotext wrote it
//!   (runs of spaces as one): paragraphs are not joined, and a numbered
//!   title ("1. KEPALA DINAS SOSIAL") stays a plain line.

mod lines;
mod table;

use crate::source::SourceText;
use crate::{ReadError, Source};
use iki_model::{OriginalFormat, Place};
use std::cell::OnceCell;
use std::collections::HashSet;

/// The text being read, and the words in it (for hyphens at line ends).
pub struct Ctx<'a> {
    text: &'a str,
    words: OnceCell<HashSet<String>>,
    inner: OnceCell<HashSet<String>>,
}

impl<'a> Ctx<'a> {
    fn new(text: &'a str) -> Ctx<'a> {
        Ctx {
            text,
            words: OnceCell::new(),
            inner: OnceCell::new(),
        }
    }

    /// Whether `word` occurs, any case, inside a run of text: in a
    /// whitespace-separated token with a word one space before it and one
    /// space after it on its line. A piece of a word broken at a cell's
    /// edge ("Pertanggungjawa" + "ban") stands at the end or the start of
    /// its cell's line only.
    pub fn knows_inside(&self, word: &str) -> bool {
        self.inner
            .get_or_init(|| {
                let mut set = HashSet::new();
                for line in self.text.lines() {
                    let tokens: Vec<(usize, &str)> = line
                        .split(' ')
                        .scan(0usize, |at, t| {
                            let start = *at;
                            *at += t.len() + 1;
                            Some((start, t))
                        })
                        .collect();
                    for k in 1..tokens.len().saturating_sub(1) {
                        let (Some(prev), Some(this), Some(next)) =
                            (tokens.get(k - 1), tokens.get(k), tokens.get(k + 1))
                        else {
                            continue;
                        };
                        if prev.1.is_empty() || this.1.is_empty() || next.1.is_empty() {
                            continue;
                        }
                        for w in this.1.split(|c: char| !c.is_alphanumeric()) {
                            if w.chars().count() > 2 {
                                set.insert(w.to_lowercase());
                            }
                        }
                    }
                }
                set
            })
            .contains(&word.to_lowercase())
    }

    /// Whether `word` occurs in the text as a word of its own (letters and
    /// digits between other characters), any case.
    pub fn knows(&self, word: &str) -> bool {
        self.words
            .get_or_init(|| {
                self.text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.chars().count() > 2)
                    .map(str::to_lowercase)
                    .collect()
            })
            .contains(&word.to_lowercase())
    }
}

/// A line left out of the source text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Dropped {
    /// Where it is.
    pub place: Place,
    /// Its text (runs of spaces as one).
    pub text: String,
    /// Why: "running page header", "running page footer", "page number",
    /// "repeated table header".
    pub reason: &'static str,
}

/// Layout text read: the source text and what was kept out of its content.
#[derive(Debug)]
#[cfg_attr(not(test), allow(dead_code))]
pub struct Read {
    /// The source text.
    pub source: Source,
    /// Lines left out of the source text (running headers and footers,
    /// page numbers, repeated table headers), with their places and why.
    pub dropped: Vec<Dropped>,
    /// Rows a page break split: the row's place (on its first page) and
    /// the place of a part of it on a later page.
    pub continued: Vec<(Place, Place)>,
}

/// Whether decoded text is layout text rather than converter markdown: no
/// tab-separated row, no pipe table, no `<table>`, no grid table border,
/// and a line that names two core columns apart by runs of spaces.
pub fn looks_like_layout(text: &str) -> bool {
    let mut header = false;
    for raw in text.split('\n') {
        let line = raw.trim_matches(['\x0c', '\r']);
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if t.contains('\t') || t.starts_with('|') || t.starts_with("+-") || t.starts_with("+=") {
            return false;
        }
        if t.contains('|')
            && t.contains('-')
            && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        {
            return false;
        }
        if t.contains('<') && t.to_ascii_lowercase().contains("<table") {
            return false;
        }
        if !header && t.contains("  ") {
            let words = lines::lines_of(line);
            header = words.first().is_some_and(table::is_header_line);
        }
    }
    header
}

/// The source text of layout text.
pub fn read(text: &str, format: OriginalFormat) -> Result<Source, ReadError> {
    Ok(read_all(text, format).source)
}

/// The source text of layout text, and what was left out of it.
pub fn read_all(text: &str, format: OriginalFormat) -> Read {
    let mut lines = lines::lines_of(text);
    let is_header: Vec<bool> = lines.iter().map(table::is_header_line).collect();
    // A table header (its own lines and capital lines next to it) is
    // never page furniture: repeated on every page, it is the table's.
    let mut near_header = is_header.clone();
    for (i, _) in is_header.iter().enumerate().filter(|(_, h)| **h) {
        let page = lines.get(i).map(|l| l.page);
        for j in i.saturating_sub(2)..(i + 5).min(lines.len()) {
            if let (Some(l), Some(n)) = (lines.get(j), near_header.get_mut(j)) {
                if Some(l.page) == page && table::may_be_header_part(l) {
                    *n = true;
                }
            }
        }
    }
    lines::mark_furniture(&mut lines, &near_header);
    let ctx = Ctx::new(text);
    let mut out = SourceText::new();
    let mut dropped: Vec<Dropped> = Vec::new();
    let drop = |l: &lines::Line<'_>, reason: &'static str| Dropped {
        place: Place::Page {
            page: l.page,
            first: l.no,
            last: l.no,
        },
        text: l.text(),
        reason,
    };
    let mut continued = Vec::new();
    let place = |l: &lines::Line<'_>| Place::Page {
        page: l.page,
        first: l.no,
        last: l.no,
    };
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        if let Some(reason) = line.dropped {
            dropped.push(drop(line, reason));
            // Kept in the text as a comment: in the document's skipped
            // lines (page_furniture), never silently gone.
            out.furniture(&line.text(), place(line));
        }
        if !line.is_content() {
            i += 1;
            continue;
        }
        if let Some(header) = table::header_at(&lines, i, &is_header) {
            let t = table::read(&lines, header, &is_header, &ctx);
            out.table(&t.rows);
            // What the table left out (repeated headers, furniture between
            // its pages) follows it, each line with its own place.
            let mut left_out: Vec<(usize, &'static str)> = t.dropped;
            for (j, l) in lines.iter().enumerate().take(t.next).skip(i + 1) {
                if let Some(reason) = l.dropped {
                    left_out.push((j, reason));
                }
            }
            left_out.sort_unstable();
            left_out.dedup_by_key(|(j, _)| *j);
            for (j, reason) in left_out {
                if let Some(l) = lines.get(j) {
                    dropped.push(drop(l, reason));
                    out.furniture(&l.text(), place(l));
                }
            }
            continued.extend(t.continued);
            i = t.next.max(i + 1);
            continue;
        }
        // A position title wrapped over lines: joined, the place its
        // lines.
        let wrapped = title_continuation(&lines, i, &is_header);
        if wrapped > i {
            let text: Vec<String> = lines[i..=wrapped]
                .iter()
                .filter(|l| l.is_content())
                .map(lines::Line::text)
                .collect();
            let last = &lines[wrapped];
            let joined = Place::Page {
                page: line.page,
                first: line.no,
                last: last.no,
            };
            out.line(&text.join(" "), joined);
            i = wrapped + 1;
            continue;
        }
        out.line(line.raw, place(line));
        i += 1;
    }
    dropped.sort();
    dropped.dedup();
    Read {
        source: out.finish(format),
        dropped,
        continued,
    }
}

/// The last line of a position title that pdftotext wrapped: line `i` is
/// a numbered line in capitals ("2. KEPALA SEKSI PEMBERDAYAAN SOSIAL
/// PERORANGAN,"), the lines right after it on its page are capitals without
/// a number, and what follows them opens the position's body (a Tugas or
/// Fungsi label, or a table header). `i` when the title is one line.
fn title_continuation(lines: &[lines::Line<'_>], i: usize, is_header: &[bool]) -> usize {
    let capital = |t: &str| {
        !t.chars().any(char::is_lowercase) && t.chars().filter(|c| c.is_alphabetic()).count() >= 3
    };
    let Some(first) = lines.get(i).map(lines::Line::text) else {
        return i;
    };
    let numbered = first.split_once(['.', ')']).is_some_and(|(n, _)| {
        !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit())
    });
    if !numbered || !capital(&first) || iki_parse::words::is_banner(&first) {
        return i;
    }
    let page = lines[i].page;
    let mut last = i;
    for (j, l) in lines.iter().enumerate().skip(i + 1) {
        if l.page != page || l.dropped.is_some() {
            return i;
        }
        if !l.is_content() {
            continue;
        }
        let t = l.text();
        let lower = t.to_lowercase();
        let opens_body = is_header.get(j).copied().unwrap_or(false)
            || ["tugas", "fungsi", "uraian tugas"]
                .iter()
                .any(|w| lower.starts_with(w));
        if opens_body {
            return last;
        }
        let starts_number = t
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if !capital(&t) || starts_number || iki_parse::words::is_banner(&t) || j > i + 3 {
            return i;
        }
        last = j;
    }
    i
}

#[cfg(test)]
mod tests;
