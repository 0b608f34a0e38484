//! One token per non-blank line: what the line is, before we know where it
//! belongs.

use crate::blocks::{BlockKind, Line};
use crate::cells::{self, Column};
use crate::tables::{Dialect, RawTable};
use crate::vocab::{self, Banner};
use iki_model::{Diagnostic, Span};

/// Which duty list a label opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Duty {
    /// Tugas.
    Tugas,
    /// Fungsi.
    Fungsi,
}

/// What a line is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A heading or an all-bold line. `number` is set when it starts with
    /// one ("3.", "1.1").
    Heading {
        /// The heading text, markers removed.
        text: String,
        /// Leading number, without its trailing dot.
        number: Option<String>,
        /// The text after the number (after the label, for a label).
        rest: String,
        /// The line is a position label, `JABATAN : ...` or `Nama Jabatan
        /// : ...`: a position whatever its form.
        label: bool,
    },
    /// "Tugas :" or "Fungsi :" with whatever follows on the line.
    DutyLabel {
        /// Which list.
        duty: Duty,
        /// Text after the colon.
        rest: String,
    },
    /// Ordinary text: a paragraph line or list item.
    Text {
        /// The text.
        text: String,
        /// The line starts a list item.
        item_start: bool,
    },
    /// A table header row with its columns.
    TableHeader(std::rc::Rc<[Column]>),
    /// A table row's cleaned cells.
    TableRow(TableRow),
    /// A separator row or thematic break.
    Separator,
    /// A table row with only empty cells.
    EmptyRow,
    /// Markup with no text (HTML comments, stray emphasis markers).
    Markup,
}

/// The cells of a table row, from any dialect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableRow {
    /// Cleaned cells, one per column.
    pub cells: Vec<String>,
    /// Which cells a `rowspan` or `colspan` covers (empty: none).
    pub spanned: Vec<bool>,
    /// The dialect marks the row as a header; its words said otherwise.
    pub head: bool,
}

/// A classified line, or a table row spread over several lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// 1-based line number (the first, for a row over several lines).
    pub line: u32,
    /// The last line (equal to `line` for a one-line token).
    pub last: u32,
    /// The line as written, trimmed.
    pub raw: &'a str,
    /// The other lines of a multi-line token, as written, trimmed.
    pub tail: Vec<&'a str>,
    /// What it is.
    pub kind: Kind,
}

impl Token<'_> {
    /// The token's lines.
    pub fn span(&self) -> Span {
        Span::new(self.line, self.last)
    }
}

/// What `classify` found: the tokens, the table dialects it read, and
/// what it has to say about the tables.
pub struct Classified<'a> {
    /// Tokens in source order.
    pub tokens: Vec<Token<'a>>,
    /// Dialects of the tables that gave a header or a row, in
    /// [`Dialect`] order.
    pub dialects: Vec<Dialect>,
    /// Errors about table blocks that gave no row.
    pub diagnostics: Vec<Diagnostic>,
}

/// `word` at the start of `s`, any ASCII case: what follows it.
fn strip_word<'s>(s: &'s str, word: &str) -> Option<&'s str> {
    let head = s.get(..word.len())?;
    head.eq_ignore_ascii_case(word).then(|| &s[word.len()..])
}

/// A duty label: `[uraian] tugas [pokok]` or `fungsi` (any case), then
/// nothing or a colon and the rest of the line. Returns the duty and the
/// text after the colon.
fn duty_label(s: &str) -> Option<(Duty, &str)> {
    let mut s = s;
    if let Some(after) = strip_word(s, "uraian") {
        if after.starts_with(char::is_whitespace) {
            s = after.trim_start();
        }
    }
    let (duty, mut after) = if let Some(after) = strip_word(s, "tugas") {
        (Duty::Tugas, after)
    } else {
        (Duty::Fungsi, strip_word(s, "fungsi")?)
    };
    if duty == Duty::Tugas && after.starts_with(char::is_whitespace) {
        if let Some(more) = strip_word(after.trim_start(), "pokok") {
            after = more;
        }
    }
    let after = after.trim_start();
    if after.is_empty() {
        return Some((duty, ""));
    }
    after
        .strip_prefix(':')
        .map(|rest| (duty, rest.trim_start()))
}

/// A leading section number: up to six digits, then groups of a dot and
/// up to three digits ("3", "1.1", "2.10.4"), an optional dot, spaces and
/// some text. Returns the number and the text.
pub fn leading_number(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let digits = |from: usize| b[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let first = digits(0);
    if !(1..=6).contains(&first) {
        return None;
    }
    let mut end = first;
    while b.get(end) == Some(&b'.') && b.get(end + 1).is_some_and(u8::is_ascii_digit) {
        let more = digits(end + 1);
        if more > 3 {
            return None;
        }
        end += 1 + more;
    }
    let after = s[end..].strip_prefix('.').unwrap_or(&s[end..]);
    let rest = after.trim_start();
    (rest.len() < after.len() && !rest.is_empty()).then(|| (&s[..end], rest))
}

/// A leading letter enumerator, `A.`, `b)`, then spaces and some text:
/// the letter and the text.
pub fn leading_letter(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if !(b.first()?.is_ascii_alphabetic() && matches!(b.get(1), Some(b'.' | b')'))) {
        return None;
    }
    let rest = s[2..].trim_start();
    (rest.len() < s.len() - 2 && !rest.is_empty()).then(|| (&s[..1], rest))
}

/// A position label: `[nama] jabatan :` (any case) and the title after it.
fn position_label(s: &str) -> Option<&str> {
    let mut t = s;
    if let Some(after) = strip_word(t, "nama") {
        if after.starts_with(char::is_whitespace) {
            t = after.trim_start();
        }
    }
    let after = strip_word(t, "jabatan")?.trim_start();
    let title = after.strip_prefix(':')?.trim();
    (!title.is_empty()).then_some(title)
}

/// Classifies every non-blank line of the tab and markdown layers, and
/// takes the rows of `tables` (each table with its dialect) in place of
/// their lines.
pub fn classify<'a>(lines: &[Line<'a>], mut tables: Vec<(Dialect, RawTable)>) -> Classified<'a> {
    tables.sort_by_key(|(_, t)| t.first);
    // Blocks never overlap: a later block that starts inside an earlier
    // one is left to the line layer.
    let mut kept: Vec<(Dialect, RawTable)> = Vec::with_capacity(tables.len());
    for t in tables {
        if kept.last().is_none_or(|(_, k)| t.1.first > k.last) {
            kept.push(t);
        }
    }
    let mut out = Classified {
        tokens: Vec::with_capacity(lines.len()),
        dialects: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut seen = [false; 4];
    let index = |d: Dialect| d as usize;
    let raw_of = |n: u32| {
        lines
            .get(n.saturating_sub(1) as usize)
            .map_or("", |l| l.raw.trim())
    };
    let mut blocks = kept.into_iter().peekable();
    let mut i = 0;
    while i < lines.len() {
        let l = &lines[i];
        if let Some((dialect, table)) = blocks.next_if(|(_, t)| t.first <= l.number) {
            let last = table.last;
            let mut rows_read = 0;
            let mut block: Vec<Token<'a>> = Vec::new();
            for row in table.rows {
                let cells: Vec<String> = row.cells.iter().map(|c| cells::clean(&c.text)).collect();
                let spanned: Vec<bool> = if row.cells.iter().any(|c| c.spanned) {
                    row.cells.iter().map(|c| c.spanned).collect()
                } else {
                    Vec::new()
                };
                let kind = table_kind(TableRow {
                    cells,
                    spanned,
                    head: row.head,
                });
                if matches!(kind, Kind::TableRow(_) | Kind::TableHeader(_)) {
                    rows_read += 1;
                }
                block.push(Token {
                    line: row.first,
                    last: row.last.max(row.first),
                    raw: raw_of(row.first),
                    tail: (row.first + 1..=row.last).map(raw_of).collect(),
                    kind,
                });
            }
            for (n, separator) in table.other {
                block.push(Token {
                    line: n,
                    last: n,
                    raw: raw_of(n),
                    tail: Vec::new(),
                    kind: if separator {
                        Kind::Separator
                    } else {
                        Kind::Markup
                    },
                });
            }
            // A reader that missed a line of its block leaves it to the
            // line layer: nothing is dropped.
            let claimed: std::collections::BTreeSet<u32> =
                block.iter().flat_map(|t| t.line..=t.last).collect();
            while i < lines.len() && lines[i].number <= last {
                let l = &lines[i];
                if !l.is_blank() && !claimed.contains(&l.number) {
                    block.push(line_token(l));
                }
                i += 1;
            }
            block.sort_by_key(|t| t.line);
            if rows_read > 0 {
                seen[index(dialect)] = true;
            } else {
                out.diagnostics.push(Diagnostic::error_args(
                    "table-unread",
                    &[dialect.as_str()],
                    Span::new(table.first, last),
                ));
            }
            out.tokens.append(&mut block);
            continue;
        }
        if !l.is_blank() {
            let t = line_token(l);
            if matches!(t.kind, Kind::TableRow(_) | Kind::TableHeader(_)) {
                seen[index(Dialect::Tab)] = true;
            }
            out.tokens.push(t);
        }
        i += 1;
    }
    out.dialects = [Dialect::Tab, Dialect::Pipe, Dialect::Html, Dialect::Grid]
        .into_iter()
        .filter(|d| seen[index(*d)])
        .collect();
    out
}

fn line_token<'a>(l: &Line<'a>) -> Token<'a> {
    Token {
        line: l.number,
        last: l.number,
        raw: l.raw.trim(),
        tail: Vec::new(),
        kind: kind_of(l),
    }
}

impl Token<'_> {
    /// The line's text without markup, which a skipped line keeps: markdown
    /// markers and formatting tags removed, table cells joined by tabs; a
    /// line that is only markup keeps its raw form. Made only for the few
    /// lines that are skipped.
    pub fn skip_text(&self) -> String {
        match &self.kind {
            Kind::Heading { text, .. } | Kind::Text { text, .. } => text.clone(),
            Kind::DutyLabel { .. } => {
                let plain = cells::clean(&self.raw.replace('*', " "));
                plain.trim_start_matches(['-', '+', ' ']).to_string()
            }
            Kind::TableRow(r) => r.cells.join("\t"),
            Kind::TableHeader(c) => c
                .iter()
                .map(|c| c.text.as_str())
                .collect::<Vec<_>>()
                .join("\t"),
            Kind::EmptyRow if self.raw.contains('\t') => cells::split(self.raw).join("\t"),
            Kind::EmptyRow => String::new(),
            Kind::Separator | Kind::Markup => self.raw.to_string(),
        }
    }
}

fn kind_of(line: &Line) -> Kind {
    let is_heading = matches!(line.kind, BlockKind::Heading(_));
    if line.is_table_row() {
        return table_kind(TableRow {
            cells: cells::split(line.raw),
            spanned: Vec::new(),
            head: false,
        });
    }
    match line.kind {
        BlockKind::Rule => return Kind::Separator,
        BlockKind::Html => return Kind::Markup,
        _ => {}
    }
    let text = cells::clean(&line.text);
    let plain = if text.contains('*') {
        cells::clean(&text.replace('*', " "))
    } else {
        cells::clean(&text)
    };
    if plain.is_empty() || !plain.chars().any(char::is_alphanumeric) {
        return if cells::is_separator(std::slice::from_ref(&plain)) {
            Kind::Separator
        } else {
            Kind::Markup
        };
    }
    // Cheap tests before each matcher: a label starts with T, F or U; a
    // number with a digit.
    let starts = plain.chars().next().map(|c| c.to_ascii_lowercase());
    let label = if matches!(starts, Some('t' | 'f' | 'u')) {
        duty_label(&plain)
    } else {
        None
    };
    if let Some((duty, rest)) = label {
        let rest = rest.trim().to_string();
        return Kind::DutyLabel { duty, rest };
    }
    let headingish = is_heading || line.is_bold();
    let numbered = if starts.is_some_and(|c| c.is_ascii_digit()) {
        leading_number(&plain)
    } else {
        None
    };
    // A position label, numbered, lettered or not, in any style.
    let enumerated = numbered.or_else(|| leading_letter(&plain));
    let labelled = position_label(enumerated.map_or(plain.as_str(), |(_, rest)| rest));
    if let Some(title) = labelled {
        return Kind::Heading {
            text: plain.clone(),
            number: enumerated.map(|(n, _)| n.to_string()),
            rest: title.to_string(),
            label: true,
        };
    }
    // A banner by its form, numbered ("1. JABATAN ADMINISTRATOR") or in a
    // plain all-capital line ("III. JABATAN PELAKSANA"). An unnumbered
    // heading or bold line is a heading anyway: the builder asks it.
    let may_be_banner = if numbered.is_some() {
        headingish
    } else {
        !headingish && !plain.chars().any(char::is_lowercase)
    };
    if may_be_banner && matches!(vocab::banner_of(&plain), Some(Banner::Kind(_))) {
        return Kind::Heading {
            text: plain.clone(),
            number: None,
            rest: plain,
            label: false,
        };
    }
    if let Some((number, rest)) = numbered {
        let rest = rest.trim().to_string();
        let says_jabatan = rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("JABATAN"));
        if headingish || says_jabatan {
            return Kind::Heading {
                text: plain.clone(),
                number: Some(number.to_string()),
                rest,
                label: false,
            };
        }
    }
    if headingish {
        return Kind::Heading {
            text: plain.clone(),
            number: None,
            rest: plain,
            label: false,
        };
    }
    Kind::Text {
        text: plain,
        item_start: line.item_start,
    }
}

fn table_kind(row: TableRow) -> Kind {
    if row.cells.iter().all(String::is_empty) {
        Kind::EmptyRow
    } else if cells::is_separator(&row.cells) {
        Kind::Separator
    } else if let Some(columns) = cells::header_columns(&row.cells, row.head) {
        if !row.spanned.iter().any(|s| *s) {
            return Kind::TableHeader(columns);
        }
        // A header cell spread over several columns (`colspan`): the
        // columns it covers continue it.
        let mut columns = columns.to_vec();
        for i in 1..columns.len() {
            if row.spanned.get(i).copied().unwrap_or(false) && columns[i].text.is_empty() {
                columns[i].role = columns[i - 1].role;
                columns[i].name = columns[i - 1].name.clone();
                columns[i].spanned = true;
            }
        }
        Kind::TableHeader(columns.into())
    } else {
        Kind::TableRow(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    fn kinds(src: &str) -> Vec<Kind> {
        classify(&blocks::read(src), Vec::new())
            .tokens
            .into_iter()
            .map(|t| t.kind)
            .collect()
    }

    #[test]
    fn duty_labels_in_every_layout() {
        for src in [
            "- Tugas : Membantu Bupati.",
            "**Tugas** : Membantu Bupati.",
            "**TUGAS :** Membantu Bupati.",
            "- Tugas** : Membantu Bupati.",
        ] {
            assert_eq!(
                kinds(src),
                vec![Kind::DutyLabel {
                    duty: Duty::Tugas,
                    rest: "Membantu Bupati.".into()
                }],
                "{src}"
            );
        }
        for src in ["- Tugas :**", "**Fungsi** :", "- Tugas** :"] {
            assert!(
                matches!(&kinds(src)[0], Kind::DutyLabel { rest, .. } if rest.is_empty()),
                "{src}"
            );
        }
        // Position labels, bold or not, numbered or not.
        for src in [
            "**JABATAN : SEKRETARIS**",
            "Nama Jabatan : SEKRETARIS",
            "**2. Nama Jabatan: SEKRETARIS**",
        ] {
            assert!(
                matches!(&kinds(src)[0], Kind::Heading { rest, label: true, .. } if rest == "SEKRETARIS"),
                "{src}"
            );
        }
        // Banners by form; titles with a banner word are not banners.
        assert!(matches!(
            &kinds("**B. JABATAN ADMINISTRATOR**")[0],
            Kind::Heading { number: None, .. }
        ));
        assert!(matches!(
            &kinds("III. JABATAN PELAKSANA")[0],
            Kind::Heading { number: None, .. }
        ));
        assert!(matches!(
            &kinds("## 6. JABATAN PENGAWAS SEKOLAH")[0],
            Kind::Heading {
                number: Some(_),
                ..
            }
        ));
        // A sentence that merely starts with the word is text.
        assert!(matches!(
            &kinds("- Fungsi pengawasan berjalan")[0],
            Kind::Text { .. }
        ));
    }

    #[test]
    fn label_and_number_matchers() {
        assert_eq!(duty_label("Tugas"), Some((Duty::Tugas, "")));
        assert_eq!(
            duty_label("URAIAN TUGAS POKOK : x"),
            Some((Duty::Tugas, "x"))
        );
        assert_eq!(duty_label("uraian  fungsi:y"), Some((Duty::Fungsi, "y")));
        assert_eq!(duty_label("Tugas pokok"), Some((Duty::Tugas, "")));
        assert_eq!(duty_label("Tugasnya: x"), None);
        assert_eq!(duty_label("Tugas pokoknya: x"), None);
        assert_eq!(duty_label("Uraian singkat"), None);
        assert_eq!(duty_label("Fungsi pengawasan"), None);
        assert_eq!(leading_number("1. JABATAN X"), Some(("1", "JABATAN X")));
        assert_eq!(leading_number("1.1 KEPALA"), Some(("1.1", "KEPALA")));
        assert_eq!(leading_number("2.10.4. A b"), Some(("2.10.4", "A b")));
        assert_eq!(leading_number("123456 A"), Some(("123456", "A")));
        assert_eq!(leading_number("1234567 A"), None);
        assert_eq!(leading_number("1.2345 A"), None);
        assert_eq!(leading_number("12.5% naik"), None);
        assert_eq!(leading_number("1.A"), None);
        assert_eq!(leading_number("1."), None);
        assert_eq!(leading_number("2024"), None);
        assert_eq!(
            leading_letter("A. KEPALA SEKSI"),
            Some(("A", "KEPALA SEKSI"))
        );
        assert_eq!(leading_letter("b) Jabatan : X"), Some(("b", "Jabatan : X")));
        assert_eq!(leading_letter("A.B"), None);
        assert_eq!(leading_letter("AB. X"), None);
        assert_eq!(leading_letter("a."), None);
    }

    #[test]
    fn headings_numbered_and_not() {
        let k = kinds("#### 8. JABATAN PENYUSUN LAPORAN KEUANGAN-\n\n**1.1 KEPALA SUB BAGIAN**\n\n**JABATAN PENGAWAS**\n\n1. plain list item\n");
        assert!(
            matches!(&k[0], Kind::Heading { number: Some(n), rest, .. } if n == "8" && rest == "JABATAN PENYUSUN LAPORAN KEUANGAN-")
        );
        assert!(matches!(&k[1], Kind::Heading { number: Some(n), .. } if n == "1.1"));
        assert!(matches!(&k[2], Kind::Heading { number: None, .. }));
        assert!(matches!(
            &k[3],
            Kind::Text {
                item_start: true,
                ..
            }
        ));
    }

    #[test]
    fn table_lines() {
        let k = kinds("SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\nA\tB\tC\tD\n---\t---\t--\t---\n\n\t\tPPPK\t\n\n\u{25A1}\t\t\t\n");
        assert!(matches!(k[0], Kind::TableHeader(_)));
        let row = |cells: [&str; 4]| {
            Kind::TableRow(TableRow {
                cells: cells.iter().map(|c| c.to_string()).collect(),
                ..TableRow::default()
            })
        };
        assert_eq!(k[1], row(["A", "B", "C", "D"]));
        assert_eq!(k[2], Kind::Separator);
        assert_eq!(k[3], row(["", "", "PPPK", ""]));
        assert_eq!(k[4], Kind::EmptyRow);
    }
}
