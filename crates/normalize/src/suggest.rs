//! Typo detection beyond the glossary. Suggestions never change the
//! document: they are evidence for a person, who turns the good ones into
//! glossary entries.
//!
//! Two sources, both ranked by how often words occur in the documents:
//! - nearest neighbours (as OpenRefine's clustering finds variants): a word
//!   that is rare (at most [`RARE`] uses) and one edit, one transposition or
//!   one doubled letter away from a word used at least [`FREQUENT`] times and
//!   twice as often;
//! - a Hunspell dictionary (Debian's `hunspell-id`), where one is installed:
//!   words it does not know, minus a domain allow-list.

use crate::glossary::Glossary;
use crate::text::words;
use iki_model::Document;
use reason::Reason;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// A word used at most this often is a candidate typo.
pub const RARE: u32 = 2;
/// A word used at least this often is a candidate correction.
pub const FREQUENT: u32 = 3;

/// Words correct in this domain that dictionaries lack.
const ALLOW: &str = include_str!("../data/allow.txt");

/// Where Debian's hunspell-id puts the Indonesian dictionary.
pub const SYSTEM_DICTIONARY: &str = "/usr/share/hunspell/id_ID";

mod reason {
    use serde::Serialize;

    /// Why a word is suspected.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
    #[serde(rename_all = "snake_case")]
    pub enum Reason {
        /// One letter inserted, deleted or replaced.
        EditDistance,
        /// Two neighbouring letters swapped.
        Transposition,
        /// A letter doubled or undoubled.
        DoubledLetter,
        /// Not in the dictionary.
        NotInDictionary,
    }
}

impl Reason {
    /// A stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::EditDistance => "edit_distance",
            Reason::Transposition => "transposition",
            Reason::DoubledLetter => "doubled_letter",
            Reason::NotInDictionary => "not_in_dictionary",
        }
    }
}

pub use reason::Reason as SuggestionReason;

/// A suspected misspelling with its evidence.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    /// The word as written (its most common form).
    pub word: String,
    /// How often it occurs in all the documents given.
    pub count: u32,
    /// Which of the documents given (0-based) these lines are in; a word
    /// found in several documents gets one suggestion for each.
    pub document: usize,
    /// Lines where it occurs in that document.
    pub lines: Vec<u32>,
    /// The likely correction, if one was found.
    pub candidate: Option<String>,
    /// How often the correction occurs.
    pub candidate_count: u32,
    /// Why.
    pub reason: Reason,
}

/// The hasher of the Hunspell word tables: SipHash with fixed keys, so that
/// the dictionary's suggestions (found by walking those tables) are the
/// same on every run. spellbook's default hasher is seeded per process.
type FixedHasher = std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>;

/// A Hunspell dictionary with the domain allow-list.
pub struct Dictionary {
    dict: spellbook::Dictionary<FixedHasher>,
    allow: HashSet<String>,
}

impl Dictionary {
    /// Loads `<base>.aff` and `<base>.dic`.
    pub fn load(base: &Path) -> Result<Dictionary, String> {
        let read = |ext: &str| {
            let path = base.with_extension(ext);
            std::fs::read(&path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let dict = spellbook::Dictionary::new_with_hasher(
            &read("aff")?,
            &read("dic")?,
            FixedHasher::default(),
        )
        .map_err(|e| format!("{}: {e}", base.display()))?;
        let allow = ALLOW
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect();
        Ok(Dictionary { dict, allow })
    }

    /// The system's Indonesian dictionary, if installed.
    pub fn system() -> Option<Dictionary> {
        let base = Path::new(SYSTEM_DICTIONARY);
        if base.with_extension("dic").exists() {
            Dictionary::load(base).ok()
        } else {
            None
        }
    }

    /// Whether the word is correct: in the dictionary or the allow-list. A
    /// hyphenated compound is correct when each part of three letters or
    /// more is ("se-Kabupaten", "tugas-tugas").
    pub fn knows(&self, word: &str) -> bool {
        let one = |w: &str| {
            self.allow.contains(&w.to_lowercase())
                || self.dict.check(w)
                || self.dict.check(&w.to_lowercase())
        };
        one(word)
            || (word.contains('-') && word.split('-').filter(|p| p.chars().count() >= 3).all(one))
    }

    fn candidates(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.dict.suggest(word, &mut out);
        out
    }
}

#[derive(Default)]
struct Stat {
    count: u32,
    /// Document index -> lines.
    places: BTreeMap<usize, Vec<u32>>,
    forms: BTreeMap<String, u32>,
}

impl Stat {
    fn form(&self) -> String {
        self.forms
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(f, _)| f.clone())
            .unwrap_or_default()
    }
}

fn inventory(docs: &[&Document]) -> BTreeMap<String, Stat> {
    let mut stats: BTreeMap<String, Stat> = BTreeMap::new();
    let mut add = |doc: usize, text: &str, line: u32| {
        for w in hyphenated_words(text) {
            if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
                continue;
            }
            let s = stats.entry(w.to_lowercase()).or_default();
            s.count += 1;
            let lines = s.places.entry(doc).or_default();
            if lines.last() != Some(&line) {
                lines.push(line);
            }
            *s.forms.entry(w.to_string()).or_default() += 1;
        }
    };
    for (d, doc) in docs.iter().enumerate() {
        for g in &doc.groups {
            for p in &g.positions {
                add(d, &p.title, p.heading.first);
                for i in p.tugas.iter().chain(&p.fungsi) {
                    add(d, &i.text, i.span.first);
                }
                for i in &p.indicators {
                    for cell in [&i.sasaran, &i.indikator, &i.formulasi, &i.sumber_data] {
                        // LaTeX commands are not words.
                        if !cell.contains('\\') {
                            add(d, cell, i.span.first);
                        }
                    }
                }
            }
        }
    }
    stats
}

/// Words, keeping hyphenated compounds ("perundang-undangan",
/// "masing-masing") whole, as a dictionary knows them.
fn hyphenated_words(text: &str) -> Vec<&str> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let (start, mut end) = ws[i];
        while i + 1 < ws.len() && &text[end..ws[i + 1].0] == "-" {
            i += 1;
            end = ws[i].1;
        }
        out.push(&text[start..end]);
        i += 1;
    }
    out
}

/// How `rare` relates to `common`, if they are one slip apart.
fn relation(rare: &str, common: &str) -> Option<Reason> {
    let a: Vec<char> = rare.chars().collect();
    let b: Vec<char> = common.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return None;
    }
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diff.as_slice() {
            [_] => Some(Reason::EditDistance),
            [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i] => {
                Some(Reason::Transposition)
            }
            _ => None,
        };
    }
    let (long, short) = if a.len() > b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    let cut = (0..long.len()).find(|&i| i >= short.len() || long[i] != short[i])?;
    if long[cut + 1..] != short[cut..] {
        return None;
    }
    let doubled = (cut > 0 && long[cut - 1] == long[cut]) || long.get(cut + 1) == Some(&long[cut]);
    Some(if doubled {
        Reason::DoubledLetter
    } else {
        Reason::EditDistance
    })
}

/// Suspected misspellings across `docs` (normally already normalized): word
/// counts are taken over all of them, so a word rare in one document but
/// common in the others is not suspected. Sorted by document, then word.
pub fn suggest(
    docs: &[&Document],
    glossary: &Glossary,
    dict: Option<&Dictionary>,
) -> Vec<Suggestion> {
    let stats = inventory(docs);
    let frequent: Vec<(&String, &Stat)> =
        stats.iter().filter(|(_, s)| s.count >= FREQUENT).collect();
    let mut out = Vec::new();
    for (word, stat) in &stats {
        let form = stat.form();
        let acronym = form
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if word.chars().count() < 5 || acronym || glossary.is_wrong_form(word) {
            continue;
        }
        let mut hit: Option<(Option<String>, u32, Reason)> = None;
        if stat.count <= RARE && dict.is_none_or(|d| !d.knows(&form)) {
            hit = frequent
                .iter()
                .filter(|(_, s)| s.count >= 2 * stat.count)
                .filter_map(|(w, s)| relation(word, w).map(|r| (r, *w, *s)))
                .max_by(|x, y| x.2.count.cmp(&y.2.count).then(y.1.cmp(x.1)))
                .map(|(reason, _, s)| (Some(s.form()), s.count, reason));
        }
        if hit.is_none() {
            if let Some(d) = dict.filter(|d| !d.knows(&form)) {
                let best = d
                    .candidates(&form)
                    .into_iter()
                    .map(|c| {
                        let n = stats.get(&c.to_lowercase()).map_or(0, |s| s.count);
                        (n, c)
                    })
                    .enumerate()
                    .max_by(|(ia, (na, _)), (ib, (nb, _))| na.cmp(nb).then(ib.cmp(ia)))
                    .map(|(_, c)| c);
                hit = Some((
                    best.as_ref().map(|b| b.1.clone()),
                    best.map_or(0, |b| b.0),
                    Reason::NotInDictionary,
                ));
            }
        }
        if let Some((candidate, candidate_count, reason)) = hit {
            for (document, lines) in &stat.places {
                out.push(Suggestion {
                    word: form.clone(),
                    count: stat.count,
                    document: *document,
                    lines: lines.clone(),
                    candidate: candidate.clone(),
                    candidate_count,
                    reason,
                });
            }
        }
    }
    out.sort_by_key(|s| s.document);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relations() {
        assert_eq!(relation("julah", "jumlah"), Some(Reason::EditDistance));
        assert_eq!(relation("laproan", "laporan"), Some(Reason::Transposition));
        assert_eq!(relation("llaporan", "laporan"), Some(Reason::DoubledLetter));
        assert_eq!(relation("jjazah", "ijazah"), Some(Reason::EditDistance));
        assert_eq!(relation("laporan", "laporan"), None);
        assert_eq!(relation("kerja", "kinerja"), None);
    }
}
