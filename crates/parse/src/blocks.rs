//! The markdown layer: pulldown-cmark's events, folded onto source lines.
//!
//! For every line we record which block it sits in (heading, code, HTML,
//! rule, or ordinary text), whether it starts a list item, and the inline
//! text that pulldown-cmark found on it, with how much of it was bold. Table
//! lines are not markdown at all; `classify` reads them from `raw`.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The markdown block a line belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BlockKind {
    /// A paragraph or tight list item text.
    #[default]
    Text,
    /// An ATX or setext heading of the given level.
    Heading(u8),
    /// An indented or fenced code block.
    Code,
    /// An HTML block (comments included).
    Html,
    /// A thematic break (`---`).
    Rule,
}

/// What we know about one source line.
#[derive(Clone, Debug, Default)]
pub struct Line<'a> {
    /// 1-based line number.
    pub number: u32,
    /// The line as written, without its line ending.
    pub raw: &'a str,
    /// Its markdown block.
    pub kind: BlockKind,
    /// The line is the first line of a list item.
    pub item_start: bool,
    /// Inline text on the line, markers removed.
    pub text: String,
    /// Alphanumeric characters inside `**strong**` on this line.
    pub strong: u32,
    /// Alphanumeric characters outside strong emphasis on this line.
    pub plain: u32,
    /// The line holds two tabs or more (counted once, when it is read).
    pub tabbed: bool,
}

impl Line<'_> {
    /// Blank lines carry nothing.
    pub fn is_blank(&self) -> bool {
        self.raw.trim().is_empty()
    }

    /// A tab-separated table line outside a heading: `classify` reads it
    /// from `raw`, not from its markdown text.
    pub fn is_table_row(&self) -> bool {
        self.tabbed && !matches!(self.kind, BlockKind::Heading(_))
    }

    /// All the text on the line is bold.
    pub fn is_bold(&self) -> bool {
        self.strong > 0 && self.plain == 0
    }
}

/// A GitHub pipe table as pulldown-cmark found it: 0-based line indexes of
/// its rows (the first is the one GFM calls its head) and of the whole
/// block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PipeBlock {
    /// First and last line index of the table.
    pub lines: (usize, usize),
    /// Line index of each row, and whether GFM reads it as the head.
    pub rows: Vec<(usize, bool)>,
}

/// Reads `text` into one [`Line`] per source line.
#[cfg(test)]
pub fn read(text: &str) -> Vec<Line<'_>> {
    read_with_tables(text, text.contains('|')).0
}

/// Reads `text` into one [`Line`] per source line, and the pipe tables
/// pulldown-cmark found.
/// GFM tables are looked for only when `gfm` (the text has a `|`).
pub fn read_with_tables(text: &str, gfm: bool) -> (Vec<Line<'_>>, Vec<PipeBlock>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut starts = vec![0usize];
    starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
    let mut lines: Vec<Line> = text
        .split('\n')
        .enumerate()
        .map(|(i, raw)| Line {
            number: i as u32 + 1,
            raw: raw.strip_suffix('\r').unwrap_or(raw),
            tabbed: memchr::memchr_iter(b'\t', raw.as_bytes()).nth(1).is_some(),
            ..Line::default()
        })
        .collect();
    if text.ends_with('\n') {
        lines.pop();
    }
    let n_lines = lines.len();
    // Events come nearly in source order: the line of an offset is looked
    // for from the last one found, and by binary search only when it lies
    // before it.
    let cursor = std::cell::Cell::new(0usize);
    let line_of = |offset: usize| {
        let mut l = cursor.get();
        if starts.get(l).is_none_or(|&s| s > offset) {
            l = starts.partition_point(|&s| s <= offset).saturating_sub(1);
        }
        while starts.get(l + 1).is_some_and(|&s| s <= offset) {
            l += 1;
        }
        cursor.set(l);
        l
    };
    let span_of = |r: &Range<usize>| {
        let first = line_of(r.start);
        let last = line_of(r.end.saturating_sub(1).max(r.start));
        first..=last.min(n_lines.saturating_sub(1))
    };

    let mut strong = 0usize;
    let mut verbatim = 0usize;
    let mut pipes: Vec<PipeBlock> = Vec::new();
    let mut in_head = false;
    // Without a `|` in the text no pipe table can start, and the seed's
    // dialect pays nothing for tables.
    let options = if gfm {
        Options::ENABLE_TABLES
    } else {
        Options::empty()
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Start(Tag::Table(_)) => {
                let span = span_of(&range);
                pipes.push(PipeBlock {
                    lines: (*span.start(), *span.end()),
                    rows: Vec::new(),
                });
            }
            Event::Start(Tag::TableHead) | Event::Start(Tag::TableRow) => {
                in_head = matches!(event, Event::Start(Tag::TableHead));
                let l = line_of(range.start);
                if let Some(p) = pipes.last_mut() {
                    p.rows.push((l, in_head));
                }
            }
            Event::Start(Tag::Heading { level, .. }) => {
                for l in span_of(&range) {
                    if let Some(line) = lines.get_mut(l) {
                        line.kind = BlockKind::Heading(level as u8);
                    }
                }
            }
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                verbatim += 1;
                let kind = if matches!(event, Event::Start(Tag::CodeBlock(_))) {
                    BlockKind::Code
                } else {
                    BlockKind::Html
                };
                for l in span_of(&range) {
                    if let Some(line) = lines.get_mut(l) {
                        line.kind = kind;
                    }
                }
            }
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::HtmlBlock) => {
                verbatim = verbatim.saturating_sub(1);
            }
            Event::Start(Tag::Item) => {
                if let Some(line) = lines.get_mut(line_of(range.start)) {
                    line.item_start = true;
                    // Keep an ordered list's number ("6. JABATAN ..."): for
                    // these documents it is a position number, not markup.
                    let marker = text.get(range.start..).unwrap_or("");
                    let digits = marker.bytes().take_while(u8::is_ascii_digit).count();
                    if digits > 0 {
                        line.text.push_str(&marker[..digits]);
                        line.text.push_str(". ");
                    }
                }
            }
            Event::Rule => {
                if let Some(line) = lines.get_mut(line_of(range.start)) {
                    line.kind = BlockKind::Rule;
                }
            }
            Event::Start(Tag::Strong) => strong += 1,
            Event::End(TagEnd::Strong) => strong = strong.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if verbatim == 0 => {
                if let Some(line) = lines.get_mut(line_of(range.start)) {
                    // A table line is read from `raw`: keeping pulldown's
                    // text of it too would copy most of the document.
                    if line.is_table_row() {
                        continue;
                    }
                    let alnum = t.chars().filter(|c| c.is_alphanumeric()).count() as u32;
                    if strong > 0 {
                        line.strong += alnum;
                    } else {
                        line.plain += alnum;
                    }
                    line.text.push_str(&t);
                }
            }
            // Markup inside text is kept: `cells::clean` drops the
            // formatting tags converters leave, any other markup is content.
            Event::InlineHtml(t) if verbatim == 0 => {
                if let Some(line) = lines.get_mut(line_of(range.start)) {
                    line.text.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {}
            _ => {}
        }
    }
    let _ = in_head;
    for line in &mut lines {
        if matches!(line.kind, BlockKind::Code) {
            line.text = line.raw.trim().to_string();
        }
    }
    (lines, pipes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_headings_bold_items_and_rules() {
        let src = "### 1. JABATAN A\n\n**1.1 KEPALA**\n\n- Tugas** : x\n  - b. y\n\n---\t---\n\n**A  \nB**\n";
        let lines = read(src);
        assert_eq!(lines.len(), 11);
        assert_eq!(lines[0].kind, BlockKind::Heading(3));
        assert_eq!(lines[0].text, "1. JABATAN A");
        assert!(lines[2].is_bold());
        assert_eq!(lines[2].text, "1.1 KEPALA");
        assert!(lines[4].item_start && lines[5].item_start);
        assert_eq!(lines[4].text, "Tugas** : x");
        assert_eq!(lines[5].text, "b. y");
        assert_eq!(lines[7].kind, BlockKind::Rule);
        assert!(lines[9].is_bold() && lines[10].is_bold());
        assert_eq!(lines[10].text, "B");
        let lines = read("6. JABATAN ANALIS\n\n- 2) b\n");
        assert_eq!(lines[0].text, "6. JABATAN ANALIS");
        assert_eq!(lines[2].text, "2. b");
    }

    #[test]
    fn crlf_lines_match_lf_lines() {
        let a = read("# T\n\n- a\n");
        let b = read("# T\r\n\r\n- a\r\n");
        let view = |ls: &[Line]| {
            ls.iter()
                .map(|l| (l.raw.to_string(), l.kind, l.item_start, l.text.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(view(&a), view(&b));
    }
}
