//! Applies the text rules to every text field of a document, in rule
//! order, recording each change with where it happened.

use crate::glossary::Glossary;
use crate::text;
use iki_model::{Change, Document, Rule};

/// What the text rules need besides the text.
pub struct Context<'a> {
    /// Known misspellings.
    pub glossary: &'a Glossary,
    /// The document, for the words it spells in ordinary case.
    pub doc: &'a Document,
    /// Answers already found: does the document spell this (lower-case)
    /// word in ordinary case somewhere? Asked only for words like
    /// "DOKumentasi", so each question scans the document once.
    pub known: std::cell::RefCell<std::collections::HashMap<String, bool>>,
}

impl Context<'_> {
    fn spelled_ordinarily(&self, lower: &str) -> bool {
        if let Some(&answer) = self.known.borrow().get(lower) {
            return answer;
        }
        let answer = texts(self.doc)
            .iter()
            .any(|t| text::has_ordinary_word(t, lower));
        self.known.borrow_mut().insert(lower.to_string(), answer);
        answer
    }
}

/// Runs every text rule over `value`, pushing a [`Change`] per rule that
/// changed it, and returns the final text.
pub fn fix(
    ctx: &Context,
    value: &str,
    position: Option<&str>,
    field: &str,
    line: u32,
    changes: &mut Vec<Change>,
) -> String {
    let mut current = value.to_string();
    for rule in Rule::ALL {
        // Each rule first asks, cheaply, whether it could change anything:
        // most texts need no rule at all.
        let next = match rule {
            Rule::UnicodeNfc if current.is_ascii() => continue,
            Rule::UnicodeNfc => text::nfc(&current),
            Rule::Whitespace if text::whitespace_is_clean(&current) => continue,
            Rule::Whitespace => text::whitespace(&current),
            Rule::Glossary if !current.contains('$') => match ctx.glossary.replace(&current) {
                Some(fixed) => fixed,
                None => continue,
            },
            Rule::Glossary => text::prose(&current, |p| ctx.glossary.apply(p)),
            Rule::InnerCase if text::has_inner_capitals(&current) => {
                text::inner_case(&current, |w| ctx.spelled_ordinarily(w))
            }
            Rule::InnerCase => continue,
            Rule::DoubledWord if !text::may_have_doubled_word(&current) => continue,
            Rule::DoubledWord => text::doubled_words(&current),
            Rule::PunctuationSpacing if !text::needs_punctuation(&current) => continue,
            Rule::PunctuationSpacing => text::punctuation(&current),
            Rule::TrailingDots if !current.ends_with("..") => continue,
            Rule::TrailingDots => text::trailing_dots(&current),
            Rule::DuplicateRow => continue,
        };
        if next != current {
            changes.push(Change {
                rule,
                position: position.map(str::to_string),
                field: field.to_string(),
                before: std::mem::replace(&mut current, next.clone()),
                after: next,
                line,
            });
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
            }
        }
    }
    out
}
