//! Typo detection beyond the glossary. Suggestions never change the
//! document: they are evidence for a person, who turns the good ones into
//! glossary entries.
//!
//! A word the Indonesian word list knows is never a typo. The list is
//! built in: Debian's `hunspell-id` dictionary (LGPL-3, see
//! `data/hunspell-id/README.md`), embedded and read with spellbook, plus
//! the domain allow-list `data/allow.txt` and the productive affixes a
//! dictionary lacks (`-nya`, `ter-`, `ke-...-an`, ...). Only words it does
//! not know are suspected, and only with evidence of a slip:
//! - a rare word (at most [`RARE`] uses) one edit, one transposition or one
//!   doubled letter from a known word the documents use at least
//!   [`FREQUENT`] times and twice as often (as OpenRefine's clustering
//!   finds variants);
//! - a rare word one slip from a known word that the documents also use,
//!   or one transposition or doubled letter from exactly one known word.
//!
//! Two known words one slip apart ("saksi" for "sanksi") are at most a
//! note to check the meaning, and only for a letter left out or added
//! inside the word, when the rare one's line shares a telling word with a
//! line of the common one.

use crate::glossary::Glossary;
use crate::text::words;
use iki_model::Document;
use reason::Reason;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// A word used at most this often is a candidate typo.
pub const RARE: u32 = 2;
/// A word used at least this often is a candidate correction.
pub const FREQUENT: u32 = 3;
/// The most frequent words of the documents, which tell nothing about a
/// line's topic, are not context evidence.
const COMMON_WORDS: usize = 50;

/// Words correct in this domain that dictionaries lack.
const ALLOW: &str = include_str!("../data/allow.txt");

/// The built-in Indonesian dictionary (Debian's hunspell-id, LGPL-3).
const BUILTIN_AFF: &str = include_str!("../data/hunspell-id/id_ID.aff");
const BUILTIN_DIC: &str = include_str!("../data/hunspell-id/id_ID.dic");

/// Where Debian's hunspell-id puts the same dictionary.
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
        /// Both are words one slip apart, and the lines share a topic:
        /// check the meaning (never glossary advice).
        RealWord,
    }
}

impl Reason {
    /// A stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::EditDistance => "edit_distance",
            Reason::Transposition => "transposition",
            Reason::DoubledLetter => "doubled_letter",
            Reason::RealWord => "real_word",
        }
    }

    /// How strongly the kind of slip alone points to a typo: a swap or a
    /// doubled letter is a typing slip; one letter changed may be another
    /// word.
    fn strength(self) -> u8 {
        match self {
            Reason::Transposition | Reason::DoubledLetter => 2,
            Reason::EditDistance => 1,
            Reason::RealWord => 0,
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
    /// How often the correction occurs (0: it comes from the dictionary).
    pub candidate_count: u32,
    /// Why.
    pub reason: Reason,
}

/// The hasher of the Hunspell word tables: SipHash with fixed keys, so that
/// lookups behave the same on every run. spellbook's default hasher is
/// seeded per process.
type FixedHasher = std::hash::BuildHasherDefault<std::collections::hash_map::DefaultHasher>;

type Hunspell = spellbook::Dictionary<FixedHasher>;

fn parse_hunspell(aff: &str, dic: &str) -> Result<Hunspell, String> {
    Hunspell::new_with_hasher(aff, dic, FixedHasher::default()).map_err(|e| e.to_string())
}

/// The built-in dictionary, parsed once per process.
fn builtin_hunspell() -> Option<&'static Hunspell> {
    static DICT: OnceLock<Option<Hunspell>> = OnceLock::new();
    DICT.get_or_init(|| parse_hunspell(BUILTIN_AFF, BUILTIN_DIC).ok())
        .as_ref()
}

fn allow_list() -> &'static HashSet<String> {
    static ALLOWED: OnceLock<HashSet<String>> = OnceLock::new();
    ALLOWED.get_or_init(|| {
        ALLOW
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_lowercase)
            .collect()
    })
}

/// Clitics and possessives written onto a word.
const CLITICS: [&str; 6] = ["nya", "lah", "kah", "pun", "ku", "mu"];
/// Prefixes and confixes (prefix, suffix) a dictionary's affix rules may
/// lack; a stem must be known once they are taken off.
const AFFIXES: [(&str, &str); 14] = [
    ("di", ""),
    ("ter", ""),
    ("se", ""),
    ("ber", ""),
    ("ke", "an"),
    ("per", "an"),
    ("ber", "an"),
    ("se", "nya"),
    ("di", "kan"),
    ("di", "i"),
    ("ter", "kan"),
    ("ter", "i"),
    ("", "kan"),
    ("", "i"),
];
/// The shortest stem an affix may be taken from.
const MIN_STEM: usize = 4;

/// The Indonesian word list: the built-in dictionary, any dictionary
/// added with [`Dictionary::load`], and the domain allow-list.
pub struct Dictionary {
    extra: Vec<Hunspell>,
}

impl Dictionary {
    /// The built-in word list.
    pub fn builtin() -> Dictionary {
        Dictionary { extra: Vec::new() }
    }

    /// The built-in word list plus the Hunspell dictionary `<base>.aff` and
    /// `<base>.dic` (a word either knows is correct).
    pub fn load(base: &Path) -> Result<Dictionary, String> {
        let read = |ext: &str| {
            let path = base.with_extension(ext);
            std::fs::read(&path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("{}: {e}", path.display()))
        };
        let dict = parse_hunspell(&read("aff")?, &read("dic")?)
            .map_err(|e| format!("{}: {e}", base.display()))?;
        Ok(Dictionary { extra: vec![dict] })
    }

    /// Whether the built-in dictionary could be read (a test checks it).
    pub fn has_builtin() -> bool {
        builtin_hunspell().is_some()
    }

    /// Whether `w` (lower case) is a listed word, without affix analysis.
    fn listed(&self, w: &str) -> bool {
        allow_list().contains(w)
            || builtin_hunspell().is_some_and(|d| d.check(w))
            || self.extra.iter().any(|d| d.check(w))
    }

    /// Whether `w` (lower case) is listed, or is a listed stem with
    /// productive affixes.
    fn derived(&self, w: &str) -> bool {
        if self.listed(w) {
            return true;
        }
        let stem_known = |s: &str| {
            s.chars().count() >= MIN_STEM
                && (self.listed(s)
                    || AFFIXES.iter().any(|(pre, suf)| {
                        s.strip_prefix(pre)
                            .and_then(|r| r.strip_suffix(suf))
                            .is_some_and(|r| r.chars().count() >= MIN_STEM && self.listed(r))
                    }))
        };
        stem_known(w)
            || CLITICS
                .iter()
                .any(|c| w.strip_suffix(c).is_some_and(stem_known))
    }

    /// Whether the word is correct: listed (any case), listed with
    /// productive affixes ("Menurunnya", "Kependudukan"), or a hyphenated
    /// compound each of whose parts of three letters or more is
    /// ("se-Kabupaten", "tugas-tugas").
    pub fn knows(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        if self.extra.iter().any(|d| d.check(word))
            || builtin_hunspell().is_some_and(|d| d.check(word))
            || self.derived(&lower)
        {
            return true;
        }
        lower.contains('-')
            && lower
                .split('-')
                .filter(|p| p.chars().count() >= 3)
                .all(|p| self.derived(p))
    }

    /// Known words one slip from `word` (lower case): each with how it
    /// relates, in alphabetical order.
    fn one_slip_words(&self, word: &str) -> Vec<(String, Reason)> {
        const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz";
        let chars: Vec<char> = word.chars().collect();
        let mut variants: BTreeSet<String> = BTreeSet::new();
        for i in 0..=chars.len() {
            for c in LETTERS.chars() {
                let mut v = chars.clone();
                v.insert(i, c);
                variants.insert(v.into_iter().collect());
                if i < chars.len() {
                    let mut v = chars.clone();
                    v[i] = c;
                    variants.insert(v.into_iter().collect());
                }
            }
            if i < chars.len() {
                let mut v = chars.clone();
                v.remove(i);
                variants.insert(v.into_iter().collect());
            }
            if i + 1 < chars.len() {
                let mut v = chars.clone();
                v.swap(i, i + 1);
                variants.insert(v.into_iter().collect());
            }
        }
        variants
            .into_iter()
            .filter(|v| v.chars().count() >= 4 && v != word)
            .filter_map(|v| relation(word, &v).map(|r| (v, r)))
            .filter(|(v, _)| self.derived(v))
            .collect()
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

/// The words of the documents: per word its count, places and forms; per
/// line (document, line) the words on it, for context evidence.
#[derive(Default)]
struct Inventory {
    stats: BTreeMap<String, Stat>,
    lines: BTreeMap<(usize, u32), BTreeSet<String>>,
}

fn inventory(docs: &[&Document]) -> Inventory {
    let mut inv = Inventory::default();
    let mut add = |doc: usize, text: &str, line: u32| {
        for w in hyphenated_words(text) {
            if !w.chars().all(|c| c.is_alphabetic() || c == '-') {
                continue;
            }
            let lower = w.to_lowercase();
            let s = inv.stats.entry(lower.clone()).or_default();
            s.count += 1;
            let lines = s.places.entry(doc).or_default();
            if lines.last() != Some(&line) {
                lines.push(line);
            }
            *s.forms.entry(w.to_string()).or_default() += 1;
            inv.lines.entry((doc, line)).or_default().insert(lower);
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
    inv
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
    slip(rare, common).map(|(r, _)| r)
}

/// [`relation`], with where the slip is (the index of the first letter
/// that differs).
fn slip(rare: &str, common: &str) -> Option<(Reason, usize)> {
    let a: Vec<char> = rare.chars().collect();
    let b: Vec<char> = common.chars().collect();
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return None;
    }
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        return match diff.as_slice() {
            [i] => Some((Reason::EditDistance, *i)),
            [i, j] if *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i] => {
                Some((Reason::Transposition, *i))
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
    Some((
        if doubled {
            Reason::DoubledLetter
        } else {
            Reason::EditDistance
        },
        cut,
    ))
}

/// Whether two known words look like one written with a slip: a letter
/// left out or added (or swapped, or doubled) inside the word, not at the
/// first or last letter, where words of one stem differ by an affix
/// ("menerima"/"penerima", "antara"/"antar"). One letter replaced by
/// another is most often another word ("kepada"/"kepala",
/// "pengkajian"/"penggajian").
fn inside(rare: &str, common: &str) -> bool {
    let Some((reason, at)) = slip(rare, common) else {
        return false;
    };
    let (a, b) = (rare.chars().count(), common.chars().count());
    if reason == Reason::EditDistance && a == b {
        return false;
    }
    at > 0 && at + 1 < a.min(b)
}

/// `right` in the case of `written` (all upper, Capitalized, or as is).
fn in_case_of(written: &str, right: &str) -> String {
    let letters: Vec<char> = written.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        return right.to_uppercase();
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = right.chars();
        return match chars.next() {
            Some(f) => f.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    right.to_string()
}

/// How [`suggest`] looks for corrections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SuggestOptions {
    /// Also take corrections from the word list, not only from the
    /// documents' frequent words.
    pub dictionary_candidates: bool,
}

impl Default for SuggestOptions {
    fn default() -> Self {
        SuggestOptions {
            dictionary_candidates: true,
        }
    }
}

/// Suspected misspellings across `docs` (normally already normalized): word
/// counts are taken over all of them, so a word rare in one document but
/// common in the others is not suspected. A word `dict` knows is never a
/// typo (at most a [`Reason::RealWord`] note). Sorted by document, then
/// word.
pub fn suggest(
    docs: &[&Document],
    glossary: &Glossary,
    dict: &Dictionary,
    options: SuggestOptions,
) -> Vec<Suggestion> {
    let inv = inventory(docs);
    let stats = &inv.stats;
    let frequent: Vec<(&String, &Stat)> =
        stats.iter().filter(|(_, s)| s.count >= FREQUENT).collect();
    // The words that say nothing about a line's topic.
    let mut by_count: Vec<(&String, u32)> = stats.iter().map(|(w, s)| (w, s.count)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let common: HashSet<&str> = by_count
        .iter()
        .take(COMMON_WORDS)
        .map(|(w, _)| w.as_str())
        .collect();
    let mut known_cache: BTreeMap<String, bool> = BTreeMap::new();
    let mut knows = |w: &str, form: &str| -> bool {
        if let Some(k) = known_cache.get(w) {
            return *k;
        }
        let k = dict.knows(form);
        known_cache.insert(w.to_string(), k);
        k
    };
    let mut out = Vec::new();
    for (word, stat) in stats {
        let form = stat.form();
        let acronym = form
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if word.chars().count() < 5 || acronym || glossary.is_wrong_form(word) || stat.count > RARE
        {
            continue;
        }
        let known = knows(word, &form);
        // The documents' frequent known words one slip away, best first:
        // the kind of slip, then how often the word is used.
        let mut near: Vec<(Reason, &String, &Stat)> = frequent
            .iter()
            .filter(|(_, s)| s.count >= 2 * stat.count)
            .filter_map(|(w, s)| relation(word, w).map(|r| (r, *w, *s)))
            .collect();
        near.retain(|(_, w, s)| knows(w, &s.form()));
        near.sort_by(|x, y| {
            y.0.strength()
                .cmp(&x.0.strength())
                .then(y.2.count.cmp(&x.2.count))
                .then(x.1.cmp(y.1))
        });
        let hit: Option<(String, u32, Reason)> = if known {
            // Two words: a note only when the slip is inside the words and
            // the rare word's line shares a telling word with a line of the
            // common one.
            near.iter()
                .find(|(_, w, s)| inside(word, w) && shares_topic(&inv, stat, s, &common, word, w))
                .map(|(_, _, s)| (s.form(), s.count, Reason::RealWord))
        } else if let Some((reason, _, s)) = near.first() {
            Some((s.form(), s.count, *reason))
        } else if options.dictionary_candidates {
            dictionary_candidate(dict, stats, word, &form)
        } else {
            None
        };
        if let Some((candidate, candidate_count, reason)) = hit {
            for (document, lines) in &stat.places {
                out.push(Suggestion {
                    word: form.clone(),
                    count: stat.count,
                    document: *document,
                    lines: lines.clone(),
                    candidate: Some(candidate.clone()),
                    candidate_count,
                    reason,
                });
            }
        }
    }
    out.sort_by_key(|s| s.document);
    out
}

/// The word list's correction of an unknown word, when the evidence is
/// enough: the correction is used in the documents, or it is the only
/// known word one swap or one doubled letter away.
fn dictionary_candidate(
    dict: &Dictionary,
    stats: &BTreeMap<String, Stat>,
    word: &str,
    form: &str,
) -> Option<(String, u32, Reason)> {
    let found = dict.one_slip_words(word);
    let used = |w: &str| stats.get(w).map_or(0, |s| s.count);
    // Used in the documents: the most used, then the strongest slip.
    if let Some((w, r)) = found.iter().filter(|(w, _)| used(w) > 0).max_by(|a, b| {
        used(&a.0)
            .cmp(&used(&b.0))
            .then(a.1.strength().cmp(&b.1.strength()))
            .then(b.0.cmp(&a.0))
    }) {
        let s = stats.get(w.as_str())?;
        return Some((s.form(), s.count, *r));
    }
    match found.as_slice() {
        [(w, r)] if r.strength() >= 2 => Some((in_case_of(form, w), 0, *r)),
        _ => None,
    }
}

/// Whether a line of `rare` shares a word outside `common` (other than
/// the two words themselves) with a line of `frequent`.
fn shares_topic(
    inv: &Inventory,
    rare: &Stat,
    frequent: &Stat,
    common: &HashSet<&str>,
    rare_word: &str,
    frequent_word: &str,
) -> bool {
    let telling = |key: &(usize, u32)| -> BTreeSet<&str> {
        inv.lines
            .get(key)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(|w| {
                w.chars().count() >= 5
                    && !common.contains(w)
                    && *w != rare_word
                    && *w != frequent_word
            })
            .collect()
    };
    let mine: BTreeSet<&str> = rare
        .places
        .iter()
        .flat_map(|(d, ls)| ls.iter().map(move |l| (*d, *l)))
        .flat_map(|k| telling(&k))
        .collect();
    frequent
        .places
        .iter()
        .flat_map(|(d, ls)| ls.iter().map(move |l| (*d, *l)))
        .any(|k| telling(&k).iter().any(|w| mine.contains(w)))
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
        assert!(!inside("menerima", "penerima"));
        assert!(!inside("antara", "antar"));
        assert!(!inside("kepada", "kepala"));
        assert!(!inside("pengkajian", "penggajian"));
        assert!(inside("saksi", "sanksi"));
    }

    #[test]
    fn the_built_in_word_list_knows_words_and_their_affixes() {
        assert!(Dictionary::has_builtin());
        let d = Dictionary::builtin();
        for w in [
            "menerima",
            "penerima",
            "antara",
            "antar",
            "pengkajian",
            "penggajian",
            "Menurunnya",
            "Kependudukan",
            "Terakreditasi",
            "tugas-tugas",
            "Sumenep",
        ] {
            assert!(d.knows(w), "{w}");
        }
        for w in ["laporn", "Karir", "pesaratan", "terselsaikannya"] {
            assert!(!d.knows(w), "{w}");
        }
    }

    #[test]
    fn one_slip_words_of_the_list() {
        let d = Dictionary::builtin();
        let found = d.one_slip_words("laporn");
        assert!(found.iter().any(|(w, _)| w == "laporan"), "{found:?}");
    }
}
