//! Layout text as pages of lines of positioned words, and the page
//! furniture (running headers and footers, page numbers) taken out of it.

use std::collections::{HashMap, HashSet};

/// A run of non-space characters and the character columns it covers.
#[derive(Clone, Copy, Debug)]
pub struct Word<'a> {
    /// First character column (0-based; a tab advances to the next
    /// multiple of 8).
    pub start: usize,
    /// One past the last character column.
    pub end: usize,
    /// The text.
    pub text: &'a str,
}

/// A line of layout text.
#[derive(Debug)]
pub struct Line<'a> {
    /// Page, 1-based (pages split at form feeds).
    pub page: u32,
    /// Line on the page, 1-based.
    pub no: u32,
    /// The line as written, without its line end.
    pub raw: &'a str,
    /// Its words, left to right.
    pub words: Vec<Word<'a>>,
    /// Why the line is left out of the source text, if it is.
    pub dropped: Option<&'static str>,
}

/// Words of one line closer than two spaces: what a reader sees as one
/// piece of text.
#[derive(Clone, Copy, Debug)]
pub struct Fragment {
    /// First character column.
    pub start: usize,
    /// One past the last.
    pub end: usize,
    /// Index of its first word in the line.
    pub first: usize,
    /// One past the index of its last word.
    pub last: usize,
}

impl<'a> Line<'a> {
    /// Whether the line has no text.
    pub fn is_blank(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether the line is text the reader looks at: not blank, not
    /// dropped.
    pub fn is_content(&self) -> bool {
        !self.is_blank() && self.dropped.is_none()
    }

    /// The words cut at runs of two or more spaces.
    pub fn fragments(&self) -> Vec<Fragment> {
        fragments_of(&self.words)
    }

    /// Words `first..last` joined with single spaces.
    pub fn text_of(&self, first: usize, last: usize) -> String {
        join_words(self.words.get(first..last).unwrap_or(&[]))
    }

    /// The line's words joined with single spaces.
    pub fn text(&self) -> String {
        join_words(&self.words)
    }
}

/// Words joined with single spaces.
pub fn join_words(words: &[Word<'_>]) -> String {
    let mut out = String::new();
    for w in words {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w.text);
    }
    out
}

/// `words` cut at gaps of two or more columns.
pub fn fragments_of(words: &[Word<'_>]) -> Vec<Fragment> {
    let mut out: Vec<Fragment> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        match out.last_mut() {
            Some(f) if w.start <= f.end + 1 => {
                f.end = w.end;
                f.last = i + 1;
            }
            _ => out.push(Fragment {
                start: w.start,
                end: w.end,
                first: i,
                last: i + 1,
            }),
        }
    }
    out
}

/// The words of a line, with their character columns.
fn words_of(line: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut col = 0usize;
    let mut open: Option<(usize, usize)> = None; // (byte, column) of the word being read
    for (byte, c) in line.char_indices() {
        if c.is_whitespace() || c.is_control() {
            if let Some((b, s)) = open.take() {
                words.push(Word {
                    start: s,
                    end: col,
                    text: line.get(b..byte).unwrap_or(""),
                });
            }
            col = if c == '\t' {
                (col / 8 + 1) * 8
            } else {
                col + 1
            };
        } else {
            if open.is_none() {
                open = Some((byte, col));
            }
            col += 1;
        }
    }
    if let Some((b, s)) = open {
        words.push(Word {
            start: s,
            end: col,
            text: line.get(b..).unwrap_or(""),
        });
    }
    words
}

/// The lines of layout text, page by page. A last page that is empty
/// (after the final form feed pdftotext writes) is no page.
pub fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut pages: Vec<&str> = text.split('\x0c').collect();
    if pages.len() > 1 && pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    for (p, page_text) in pages.iter().enumerate() {
        let page = u32::try_from(p + 1).unwrap_or(u32::MAX);
        let body = page_text.strip_suffix('\n').unwrap_or(page_text);
        for (n, raw) in body.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            lines.push(Line {
                page,
                no: u32::try_from(n + 1).unwrap_or(u32::MAX),
                raw,
                words: words_of(raw),
                dropped: None,
            });
        }
    }
    lines
}

/// Why a line is page furniture.
pub const RUNNING_HEADER: &str = "running page header";
/// Why a line is page furniture.
pub const RUNNING_FOOTER: &str = "running page footer";
/// Why a line is page furniture.
pub const PAGE_NUMBER: &str = "page number";

/// How many non-blank lines at the top and at the bottom of a page may be
/// a running header or footer.
const EDGE: usize = 3;

/// Marks running headers and footers and page numbers as dropped.
///
/// A running header (footer) is a line that, digits replaced by `#` and
/// spaces collapsed, stands at the same place among the first (last)
/// three non-blank lines of more than half of the pages, and of two pages
/// at least. Lines of a table header (and the lines next to one) are never
/// furniture: a table header repeated on every page is the table's. Then
/// the first and the last remaining line of each page is a page number
/// when it is one by its form ([`is_page_number`]).
pub fn mark_furniture(lines: &mut [Line<'_>], near_header: &[bool]) {
    let pages = page_ranges(lines);
    let edges: Vec<(Vec<usize>, Vec<usize>)> = pages
        .iter()
        .map(|r| {
            let content: Vec<usize> = r
                .clone()
                .filter(|&i| lines.get(i).is_some_and(|l| !l.is_blank()))
                .collect();
            let top = content.iter().take(EDGE).copied().collect();
            let bottom = content.iter().rev().take(EDGE).copied().collect();
            (top, bottom)
        })
        .collect();
    let with_text = edges.iter().filter(|(t, _)| !t.is_empty()).count();
    if with_text >= 2 {
        for (bottom, reason) in [(false, RUNNING_HEADER), (true, RUNNING_FOOTER)] {
            let mut seen: HashMap<(usize, String), HashSet<usize>> = HashMap::new();
            for (p, (top, bot)) in edges.iter().enumerate() {
                let side = if bottom { bot } else { top };
                for (ord, &i) in side.iter().enumerate() {
                    if near_header.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    if let Some(line) = lines.get(i) {
                        seen.entry((ord, furniture_key(line)))
                            .or_default()
                            .insert(p);
                    }
                }
            }
            for (p, (top, bot)) in edges.iter().enumerate() {
                let _ = p;
                let side = if bottom { bot } else { top };
                for (ord, &i) in side.iter().enumerate() {
                    if near_header.get(i).copied().unwrap_or(false) {
                        continue;
                    }
                    let Some(line) = lines.get_mut(i) else {
                        continue;
                    };
                    let count = seen
                        .get(&(ord, furniture_key(line)))
                        .map_or(0, HashSet::len);
                    if count >= 2 && count * 2 > with_text && line.dropped.is_none() {
                        line.dropped = Some(reason);
                    }
                }
            }
        }
    }
    for r in &pages {
        let first = r
            .clone()
            .find(|&i| lines.get(i).is_some_and(Line::is_content));
        let last = r
            .clone()
            .rev()
            .find(|&i| lines.get(i).is_some_and(Line::is_content));
        for i in [first, last].into_iter().flatten() {
            if let Some(line) = lines.get_mut(i) {
                if is_page_number(&line.text()) {
                    line.dropped = Some(PAGE_NUMBER);
                }
            }
        }
    }
}

/// The index ranges of the pages in `lines`.
pub fn page_ranges(lines: &[Line<'_>]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        match out.last_mut() {
            Some(r) if lines.get(r.start).is_some_and(|l| l.page == line.page) => r.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

/// A line as compared across pages: digits as `#`, single spaces.
fn furniture_key(line: &Line<'_>) -> String {
    line.text()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// Whether a line is a page number by its form: "3", "- 3 -", "[3]",
/// "3/9", "Halaman 3", "Halaman 3 dari 9", "Hal. 3", "Page 3 of 9".
/// "3." is not one (a row's number).
pub fn is_page_number(text: &str) -> bool {
    let t = text.trim();
    if t.ends_with('.') && t.chars().rev().nth(1).is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    let tokens: Vec<&str> = t
        .split(|c: char| {
            c.is_whitespace()
                || matches!(c, '-' | '–' | '—' | '/' | '(' | ')' | '[' | ']' | '.' | ':')
        })
        .filter(|s| !s.is_empty())
        .collect();
    if tokens.is_empty() || tokens.len() > 4 {
        return false;
    }
    let mut numbers = 0;
    for token in &tokens {
        if token.len() <= 4 && token.bytes().all(|b| b.is_ascii_digit()) {
            numbers += 1;
        } else if !["halaman", "hal", "hlm", "page", "dari", "of"]
            .iter()
            .any(|w| token.eq_ignore_ascii_case(w))
        {
            return false;
        }
    }
    (1..=2).contains(&numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_have_their_columns() {
        let lines = lines_of("  NO   SASARAN\tX\n\x0cnext\n\x0c");
        assert_eq!(lines.len(), 2);
        let w: Vec<(usize, usize, &str)> = lines[0]
            .words
            .iter()
            .map(|w| (w.start, w.end, w.text))
            .collect();
        assert_eq!(w, [(2, 4, "NO"), (7, 14, "SASARAN"), (16, 17, "X")]);
        assert_eq!((lines[1].page, lines[1].no, lines[1].raw), (2, 1, "next"));
        let f = lines[0].fragments();
        assert_eq!(f.len(), 3);
        let one = lines_of("Nilai hasil evaluasi  X");
        let f = one[0].fragments();
        assert_eq!((f[0].start, f[0].end, f[0].first, f[0].last), (0, 20, 0, 3));
    }

    #[test]
    fn page_numbers_by_their_form() {
        for yes in [
            "3",
            "- 3 -",
            "[3]",
            "3/9",
            "Halaman 3",
            "Halaman 3 dari 9",
            "Hal. 3",
            "Page 3 of 9",
            "hlm. 12",
        ] {
            assert!(is_page_number(yes), "{yes}");
        }
        for no in [
            "3.",
            "100%",
            "Halaman",
            "Bab 3",
            "1 2 3",
            "12345",
            "Laporan 3",
        ] {
            assert!(!is_page_number(no), "{no}");
        }
    }
}
