//! Applies the text rules to every text field of a document, in rule
//! order, recording each change with where it happened.

use crate::glossary::Glossary;
use crate::text;
use iki_model::{Change, Document, Rule};
use std::collections::HashSet;

/// What the text rules need besides the text.
pub struct Context<'a> {
    /// Known misspellings.
    pub glossary: &'a Glossary,
    /// Words the document spells in ordinary case (for `inner_case`).
    pub known: HashSet<String>,
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
        let next = match rule {
            Rule::UnicodeNfc => text::nfc(&current),
            Rule::Whitespace => text::whitespace(&current),
            Rule::Glossary => text::prose(&current, |p| ctx.glossary.apply(p)),
            Rule::InnerCase => text::inner_case(&current, &ctx.known),
            Rule::DoubledWord => text::doubled_words(&current),
            Rule::PunctuationSpacing => text::punctuation(&current),
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
