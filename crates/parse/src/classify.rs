//! One token per non-blank line: what the line is, before we know where it
//! belongs.

use crate::blocks::{BlockKind, Line};
use crate::cells;
use crate::vocab::Role;

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
        /// The text after the number.
        rest: String,
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
    /// A table header row with the role of each cell.
    TableHeader(Vec<Option<Role>>),
    /// A table row's cleaned cells.
    TableRow(Vec<String>),
    /// A separator row or thematic break.
    Separator,
    /// A table row with only empty cells.
    EmptyRow,
    /// Markup with no text (HTML comments, stray emphasis markers).
    Markup,
}

/// A classified line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// 1-based line number.
    pub line: u32,
    /// The line as written, trimmed.
    pub raw: &'a str,
    /// What it is.
    pub kind: Kind,
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
fn leading_number(s: &str) -> Option<(&str, &str)> {
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

/// Classifies every non-blank line.
pub fn classify<'a>(lines: &[Line<'a>]) -> Vec<Token<'a>> {
    lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| Token {
            line: l.number,
            raw: l.raw.trim(),
            kind: kind_of(l),
        })
        .collect()
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
            Kind::TableRow(_) | Kind::TableHeader(_) | Kind::EmptyRow => {
                cells::split(self.raw).join("\t")
            }
            Kind::Separator | Kind::Markup => self.raw.to_string(),
        }
    }
}

fn kind_of(line: &Line) -> Kind {
    let is_heading = matches!(line.kind, BlockKind::Heading(_));
    if line.is_table_row() {
        return table_kind(line.raw);
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
            };
        }
    }
    if headingish {
        return Kind::Heading {
            text: plain.clone(),
            number: None,
            rest: plain,
        };
    }
    Kind::Text {
        text: plain,
        item_start: line.item_start,
    }
}

fn table_kind(raw: &str) -> Kind {
    let cells = cells::split(raw);
    if cells.iter().all(String::is_empty) {
        Kind::EmptyRow
    } else if cells::is_separator(&cells) {
        Kind::Separator
    } else if let Some(roles) = cells::header_roles(&cells) {
        Kind::TableHeader(roles)
    } else {
        Kind::TableRow(cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::blocks;

    fn kinds(src: &str) -> Vec<Kind> {
        classify(&blocks::read(src))
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
        assert_eq!(
            k[1],
            Kind::TableRow(vec!["A".into(), "B".into(), "C".into(), "D".into()])
        );
        assert_eq!(k[2], Kind::Separator);
        assert_eq!(
            k[3],
            Kind::TableRow(vec!["".into(), "".into(), "PPPK".into(), "".into()])
        );
        assert_eq!(k[4], Kind::EmptyRow);
    }
}
