//! Applies the text rules to every text field of a document, in rule
//! order, recording each change with where it happened.

use crate::glossary::Glossary;
use crate::text;
use iki_model::{Change, Document, Rule};

/// What the text rules need besides the text.
pub struct Context<'a> {
    /// Known misspellings.
    pub glossary: &'a Glossary,
    /// Every text of the document as it came, joined by line breaks: the
    /// evidence of the words it spells in ordinary case.
    original: String,
    /// Answers already found: does the document spell this (lower-case)
    /// word in ordinary case somewhere? Asked only for words like
    /// "DOKumentasi".
    known: std::cell::RefCell<std::collections::HashMap<String, bool>>,
}

impl<'a> Context<'a> {
    /// The context for normalizing `doc`, taken before any text changes.
    pub fn new(glossary: &'a Glossary, doc: &Document) -> Context<'a> {
        Context {
            glossary,
            original: texts(doc).join("\n"),
            known: std::cell::RefCell::default(),
        }
    }

    fn spelled_ordinarily(&self, lower: &str) -> bool {
        if let Some(&answer) = self.known.borrow().get(lower) {
            return answer;
        }
        let answer = if lower.is_ascii() && !lower.is_empty() {
            // Found by a fast case-blind search, then checked where it
            // occurs (whole word, ordinary case).
            text::caseless_find(&self.original, lower)
                .any(|at| text::ordinary_word_at(&self.original, at, at + lower.len()))
        } else {
            // Line breaks are not letters: no word runs across two texts.
            text::has_ordinary_word(&self.original, lower)
        };
        self.known.borrow_mut().insert(lower.to_string(), answer);
        answer
    }
}

/// The name of a text field in the audit log, made only when a rule
/// changes the field (most fields are never named).
#[derive(Clone, Copy)]
pub enum Field<'a> {
    /// A field with a fixed name ("title", "unit.title", ...).
    Named(&'static str),
    /// The k-th Tugas item.
    Tugas(usize),
    /// The k-th Fungsi item.
    Fungsi(usize),
    /// A cell of the k-th indicator row ("sasaran", ...).
    Cell(usize, &'static str),
    /// An extra column of the k-th indicator row, by name ("TARGET").
    Extra(usize, &'a str),
}

impl Field<'_> {
    fn name(self) -> String {
        match self {
            Field::Named(n) => n.to_string(),
            Field::Tugas(k) => format!("tugas[{k}]"),
            Field::Fungsi(k) => format!("fungsi[{k}]"),
            Field::Cell(k, n) => format!("indicators[{k}].{n}"),
            Field::Extra(k, n) => format!("indicators[{k}].extra.{n}"),
        }
    }
}

/// Runs every text rule over `value`, pushing a [`Change`] per rule that
/// changed it. Returns the final text, or `None` when no rule changed it
/// (no copy is made then).
pub fn fix(
    ctx: &Context,
    value: &str,
    position: Option<&str>,
    field: Field<'_>,
    line: u32,
    changes: &mut Vec<Change>,
) -> Option<String> {
    // Most texts need no rule at all, and one scan of their bytes says so.
    if text::untouched_ascii(value, |a, b| ctx.glossary.matches_at(value, a, b)) {
        return None;
    }
    let mut current: Option<String> = None;
    for rule in Rule::ALL {
        let now = current.as_deref().unwrap_or(value);
        // Each rule first asks, cheaply, whether it could change anything.
        let next = match rule {
            Rule::UnicodeNfc if now.is_ascii() => continue,
            Rule::UnicodeNfc => text::nfc(now),
            Rule::Whitespace if text::whitespace_is_clean(now) => continue,
            Rule::Whitespace => text::whitespace(now),
            Rule::Glossary if !now.contains('$') => match ctx.glossary.replace(now) {
                Some(fixed) => fixed,
                None => continue,
            },
            Rule::Glossary => text::prose(now, |p| ctx.glossary.apply(p)),
            Rule::InnerCase if text::has_inner_capitals(now) => {
                text::inner_case(now, |w| ctx.spelled_ordinarily(w))
            }
            Rule::InnerCase => continue,
            Rule::DoubledWord if !text::may_have_doubled_word(now) => continue,
            Rule::DoubledWord => text::doubled_words(now),
            Rule::PunctuationSpacing if !text::needs_punctuation(now) => continue,
            Rule::PunctuationSpacing => text::punctuation(now),
            Rule::TrailingDots if !now.ends_with("..") => continue,
            Rule::TrailingDots => text::trailing_dots(now),
            Rule::DuplicateRow => continue,
        };
        if next != now {
            changes.push(Change {
                rule,
                position: position.map(str::to_string),
                field: field.name(),
                before: now.to_string(),
                after: next.clone(),
                line,
            });
            current = Some(next);
        }
    }
    current
}

/// Every text of the document, for word statistics.
pub fn texts(doc: &Document) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    out.extend(doc.title.as_deref());
    out.extend(doc.agency_name.as_deref());
    for g in &doc.groups {
        out.extend(g.title.as_deref());
        out.extend(g.units.iter().map(|u| u.title.as_str()));
        for p in &g.positions {
            out.push(&p.title);
            out.extend(p.tugas.iter().chain(&p.fungsi).map(|i| i.text.as_str()));
            for i in &p.indicators {
                out.extend([
                    i.sasaran.as_str(),
                    i.indikator.as_str(),
                    i.formulasi.as_str(),
                    i.sumber_data.as_str(),
                ]);
                out.extend(i.extra.iter().map(|(_, v)| v));
            }
        }
    }
    out
}
