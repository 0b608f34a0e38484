//! One token per non-blank line: what the line is, before we know where it
//! belongs.

use crate::blocks::{BlockKind, Line};
use crate::cells;
use crate::vocab::Role;
use regex::Regex;
use std::sync::OnceLock;

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

#[allow(clippy::unwrap_used)] // literal patterns, exercised by the tests
fn number_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"^(\d{1,6}(?:\.\d{1,3})*)\.?\s+(\S.*)$").unwrap())
}

#[allow(clippy::unwrap_used)]
fn label_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^(?:uraian\s+)?(tugas(?:\s+pokok)?|fungsi)\s*(?::\s*(.*)|$)").unwrap()
    })
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
    let plain = cells::clean(&text.replace('*', " "));
    if plain.is_empty() || !plain.chars().any(char::is_alphanumeric) {
        return if cells::is_separator(std::slice::from_ref(&plain)) {
            Kind::Separator
        } else {
            Kind::Markup
        };
    }
    // Cheap tests before each regex: a label starts with T, F or U; a
    // number with a digit.
    let starts = plain.chars().next().map(|c| c.to_ascii_lowercase());
    let label = if matches!(starts, Some('t' | 'f' | 'u')) {
        label_re().captures(&plain)
    } else {
        None
    };
    if let Some(c) = label {
        let duty = if c[1].to_lowercase().starts_with("tugas") {
            Duty::Tugas
        } else {
            Duty::Fungsi
        };
        let rest = c.get(2).map_or("", |m| m.as_str()).trim().to_string();
        return Kind::DutyLabel { duty, rest };
    }
    let headingish = is_heading || line.is_bold();
    let numbered = if starts.is_some_and(|c| c.is_ascii_digit()) {
        number_re().captures(&plain)
    } else {
        None
    };
    if let Some(c) = numbered {
        let rest = c[2].trim().to_string();
        let says_jabatan = rest
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("JABATAN"));
        if headingish || says_jabatan {
            return Kind::Heading {
                text: plain.clone(),
                number: Some(c[1].to_string()),
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
