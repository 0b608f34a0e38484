//! The normalizer: fixes what a careful proofreader would fix in a parsed
//! IKI document, and records every change.
//!
//! Rules, in order ([`iki_model::Rule::ALL`]): Unicode NFC; whitespace;
//! glossary of known misspellings (whole-word, case-preserving); wrong case
//! inside a word, where the document spells the word properly elsewhere;
//! doubled words; spacing around punctuation; trailing dots; then duplicate
//! rows within a position are removed. Near-duplicate rows and numbering
//! anomalies are reported, never changed; [`suggest()`] finds likely typos the
//! glossary does not know yet, without changing anything.
//!
//! Every rule is idempotent, and so is [`normalize`] as a whole.
//!
//! ```
//! use iki_normalize::{normalize, Glossary};
//!
//! let src = "### 1. JABATAN ANALIS\n\n- Tugas : Menyusun laporan..\n\n\
//!            SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
//!            Terselesaikannya laporan\tPresentase laporan  tepat waktu\tX\tBdan Kepegawaian\n";
//! let raw = iki_parse::parse(src.as_bytes()).unwrap().document;
//! let fixed = normalize(&raw, &Glossary::builtin().unwrap());
//! let row = &fixed.document.groups[0].positions[0].indicators[0];
//! assert_eq!(row.indikator, "Persentase laporan tepat waktu");
//! assert_eq!(row.sumber_data, "Badan Kepegawaian");
//! assert_eq!(fixed.document.groups[0].positions[0].tugas[0].text, "Menyusun laporan.");
//! assert_eq!(fixed.changes.len(), 3);
//! ```
#![deny(missing_docs)]

pub mod glossary;
mod numbering;
mod rows;
pub mod suggest;
pub mod text;
mod walk;

pub use glossary::{Glossary, GlossaryError};
pub use rows::NEAR_DUPLICATE_EDITS;
pub use suggest::{suggest, Dictionary, SuggestOptions, Suggestion, SuggestionReason};

use iki_model::ids::Ids;
use iki_model::{Change, Diagnostic, Document, Formula, Measure, Rule, SkipReason, Target};
use std::collections::BTreeMap;
use walk::{fix, Context, Field};

/// A normalized document, its audit log and what was noticed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The document, with `normalized` counting the changes per rule.
    pub document: Document,
    /// Every change, in document order.
    pub changes: Vec<Change>,
    /// Near-duplicate rows and numbering anomalies.
    pub diagnostics: Vec<Diagnostic>,
}

/// Normalizes a document (parsed, or read back from canonical JSON),
/// leaving it as it is: [`normalize_owned`] on a copy.
pub fn normalize(doc: &Document, glossary: &Glossary) -> Normalized {
    normalize_owned(doc.clone(), glossary)
}

/// Normalizes a document in place: no copy of it is made, so a long
/// document is held once, not twice.
pub fn normalize_owned(doc: Document, glossary: &Glossary) -> Normalized {
    // The evidence for inner-case fixes is the document as it came: its
    // texts are joined before any of them changes.
    let ctx = Context::new(glossary, &doc);
    let mut d = doc;
    let mut changes = Vec::new();
    let mut diagnostics = Vec::new();

    let line_of = |reason: SkipReason| {
        d.skipped
            .iter()
            .find(|s| s.reason == reason)
            .map_or(1, |s| s.line)
    };
    let (title_line, banner_line) = (line_of(SkipReason::Title), line_of(SkipReason::GroupBanner));
    if let Some(t) = &mut d.title {
        let line = title_line;
        let field = Field::Named("document.title");
        update(t, fix(&ctx, t, None, field, line, &mut changes));
    }
    if let Some(t) = &mut d.agency_name {
        let line = banner_line;
        let field = Field::Named("document.agency_name");
        update(t, fix(&ctx, t, None, field, line, &mut changes));
    }

    // Titles first: ids are derived from them.
    let mut title_changes = Vec::new();
    for g in &mut d.groups {
        if let (Some(t), Some(b)) = (&mut g.title, g.banner) {
            let field = Field::Named("group.title");
            update(t, fix(&ctx, t, None, field, b.first, &mut changes));
        }
        for u in &mut g.units {
            let field = Field::Named("unit.title");
            let fixed = fix(&ctx, &u.title, None, field, u.span.first, &mut changes);
            update(&mut u.title, fixed);
        }
        for p in &mut g.positions {
            let start = title_changes.len();
            let (field, line) = (Field::Named("title"), p.heading.first);
            let fixed = fix(&ctx, &p.title, None, field, line, &mut title_changes);
            update(&mut p.title, fixed);
            for c in &mut title_changes[start..] {
                c.position = Some(p.id.clone());
            }
        }
    }
    reassign_ids(&mut d, &mut title_changes);
    changes.append(&mut title_changes);

    let mut removed = Vec::new();
    for g in &mut d.groups {
        for p in &mut g.positions {
            // The unit's own changes were recorded with the unit titles.
            let (id, line) = (&p.id, p.heading.first);
            if let Some(u) = &mut p.unit {
                let fixed = fix(
                    &ctx,
                    u,
                    Some(id),
                    Field::Named("unit"),
                    line,
                    &mut Vec::new(),
                );
                update(u, fixed);
            }
            let tugas = Field::Tugas as fn(usize) -> Field<'static>;
            for (items, field) in [(&mut p.tugas, tugas), (&mut p.fungsi, Field::Fungsi)] {
                for (k, item) in items.iter_mut().enumerate() {
                    let line = item.span.first;
                    let fixed = fix(&ctx, &item.text, Some(id), field(k), line, &mut changes);
                    update(&mut item.text, fixed);
                }
            }
            for (k, i) in p.indicators.iter_mut().enumerate() {
                let line = i.span.first;
                for (name, cell) in [
                    ("sasaran", &mut i.sasaran),
                    ("indikator", &mut i.indikator),
                    ("formulasi", &mut i.formulasi),
                    ("sumber_data", &mut i.sumber_data),
                ] {
                    let fixed = fix(
                        &ctx,
                        cell,
                        Some(id),
                        Field::Cell(k, name),
                        line,
                        &mut changes,
                    );
                    update(cell, fixed);
                }
                for (name, value) in i.extra.0.iter_mut() {
                    let field = Field::Extra(k, name);
                    let fixed = fix(&ctx, value, Some(id), field, line, &mut changes);
                    update(value, fixed);
                }
                // Read again from the fixed cells (and from cells of a JSON
                // document, whose reading is not trusted).
                i.measure = Measure::from_indikator(&i.indikator);
                i.formula = Formula::read(&i.formulasi).map(Box::new);
                i.target = Target::of(&i.extra).map(Box::new);
            }
            rows::dedupe(p, &mut changes, &mut removed, &mut diagnostics);
        }
        numbering::check(g, &mut diagnostics);
    }
    d.skipped.append(&mut removed);
    d.skipped.sort_by_key(|s| s.line);

    let mut counts: BTreeMap<Rule, u32> = Rule::ALL.iter().map(|r| (*r, 0)).collect();
    for c in &changes {
        *counts.entry(c.rule).or_default() += 1;
    }
    d.normalized = Some(counts);
    // Document order (stable: within a line, in rule order).
    changes.sort_by_key(|c| c.line);
    diagnostics.sort_by_key(|x| x.span);
    Normalized {
        document: d,
        changes,
        diagnostics,
    }
}

/// Puts a fixed text in place of the old one, if a rule changed it.
fn update(text: &mut String, fixed: Option<String>) {
    if let Some(fixed) = fixed {
        *text = fixed;
    }
}

/// Ids follow the (fixed) titles, so that a typo fixed next year does not
/// change a position's id. The title changes are re-pointed at the new ids.
fn reassign_ids(d: &mut Document, title_changes: &mut [Change]) {
    let mut ids = Ids::default();
    let mut renamed = BTreeMap::new();
    for g in &mut d.groups {
        for p in &mut g.positions {
            let id = ids.next(g.kind, &p.title);
            if id != p.id {
                renamed.insert(std::mem::replace(&mut p.id, id.clone()), id);
            }
        }
    }
    for c in title_changes {
        if let Some(new) = c.position.as_ref().and_then(|old| renamed.get(old)) {
            c.position = Some(new.clone());
        }
    }
}
