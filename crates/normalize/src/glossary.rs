//! The glossary of known misspellings: a TSV file (wrong, right, note),
//! applied whole-word and case-preserving. The built-in glossary is
//! `data/glossary.tsv`; a user's file is layered on top and wins.

use crate::text::{words, WordSpans};
use rustc_hash::FxHashMap;
use thiserror::Error;

/// The built-in glossary.
pub const BUILTIN: &str = include_str!("../data/glossary.tsv");

/// A malformed glossary line.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[error("{source_name}:{line}: {message}")]
pub struct GlossaryError {
    /// File name (or "built-in glossary").
    pub source_name: String,
    /// 1-based line.
    pub line: u32,
    /// What is wrong.
    pub message: String,
}

/// One entry: the words of the wrong form and the right form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The misspelling, as lowercase words.
    pub wrong: Vec<String>,
    /// The correction, as written in the file.
    pub right: String,
    /// Why, where it was seen.
    pub note: String,
}

/// A set of entries keyed by their first word.
#[derive(Clone, Debug, Default)]
pub struct Glossary {
    by_first: FxHashMap<String, Vec<Entry>>,
    /// Two filters over the ASCII first words, any case: an ASCII word
    /// whose bit is clear in either cannot start an entry, so almost every
    /// word is passed over without lower-casing or a map lookup. (A word
    /// with other letters is always looked up.) The first, 4,096 bits over
    /// (length, first letter, last letter), costs no scan of the word; the
    /// second, 65,536 bits over a hash of the whole word, is asked only
    /// when the first lets a word through.
    shape: Vec<u64>,
    filter: Vec<u64>,
}

const FILTER_BITS: usize = 1 << 16;
const SHAPE_BITS: usize = 1 << 12;

/// The shape bit of an ASCII word: its length and its first and last
/// letters, any case.
fn shape_bit(word: &[u8]) -> usize {
    let first = word.first().map_or(0, |c| c.to_ascii_lowercase() as usize);
    let last = word.last().map_or(0, |c| c.to_ascii_lowercase() as usize);
    (word.len() * 131 + first * 31 + last) % SHAPE_BITS
}

fn bit_is_set(bits: &[u64], bit: usize) -> bool {
    bits.get(bit / 64)
        .is_some_and(|w| w & (1 << (bit % 64)) != 0)
}

/// The filter bit of an ASCII word, any case (rustc-hash's FxHasher over
/// its lower-case bytes, with no copy); `None` for other words. The filter
/// is built and asked in one process, so the bit is never stored.
fn filter_bit(word: &str) -> Option<usize> {
    use std::hash::Hasher;
    if !word.is_ascii() {
        return None;
    }
    let mut h = rustc_hash::FxHasher::default();
    for c in word.bytes() {
        h.write_u8(c.to_ascii_lowercase());
    }
    let h = h.finish();
    Some((h ^ (h >> 32)) as usize % FILTER_BITS)
}

impl Glossary {
    /// The built-in glossary.
    pub fn builtin() -> Result<Glossary, GlossaryError> {
        let mut g = Glossary::default();
        g.extend_from_tsv(BUILTIN, "built-in glossary")?;
        Ok(g)
    }

    /// Adds the entries of a TSV text; an entry for the same wrong form
    /// replaces the earlier one, so later files win.
    pub fn extend_from_tsv(&mut self, tsv: &str, source_name: &str) -> Result<(), GlossaryError> {
        // First words whose entries changed: put in order once, at the end
        // (ordering them at every line was quadratic in the entries that
        // share a first word).
        let mut touched: Vec<String> = Vec::new();
        for (i, line) in tsv.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: &str| GlossaryError {
                source_name: source_name.to_string(),
                line: i as u32 + 1,
                message: message.to_string(),
            };
            let mut cols = line.split('\t');
            let wrong = cols.next().unwrap_or("").trim();
            let right = cols
                .next()
                .map(str::trim)
                .ok_or_else(|| err("expected wrong<TAB>right<TAB>note"))?;
            let note = cols.next().unwrap_or("").trim().to_string();
            let wrong_words: Vec<String> = words(wrong)
                .iter()
                .map(|&(a, b)| wrong[a..b].to_lowercase())
                .collect();
            if wrong_words.is_empty() || right.is_empty() {
                return Err(err("both the wrong and the right form must have a word"));
            }
            if wrong_words.join(" ") == right.to_lowercase() {
                return Err(err("the right form is the same as the wrong one"));
            }
            if self.filter.is_empty() {
                self.filter = vec![0; FILTER_BITS / 64];
                self.shape = vec![0; SHAPE_BITS / 64];
            }
            // A first word with other letters than ASCII can only be
            // written with such letters, and those words skip the filters.
            if let Some(bit) = filter_bit(&wrong_words[0]) {
                self.filter[bit / 64] |= 1 << (bit % 64);
                let shape = shape_bit(wrong_words[0].as_bytes());
                self.shape[shape / 64] |= 1 << (shape % 64);
            }
            touched.push(wrong_words[0].clone());
            let entries = self.by_first.entry(wrong_words[0].clone()).or_default();
            entries.push(Entry {
                wrong: wrong_words,
                right: right.to_string(),
                note,
            });
        }
        touched.sort();
        touched.dedup();
        for first in touched {
            if let Some(entries) = self.by_first.get_mut(&first) {
                // The last entry for a wrong form wins (later lines and
                // files), in the place of its last occurrence.
                let mut seen: std::collections::HashSet<Vec<String>> = Default::default();
                let mut kept: Vec<Entry> = Vec::with_capacity(entries.len());
                for e in entries.drain(..).rev() {
                    if seen.insert(e.wrong.clone()) {
                        kept.push(e);
                    }
                }
                kept.reverse();
                // Longest match first; equal lengths in file order.
                kept.sort_by_key(|e| std::cmp::Reverse(e.wrong.len()));
                *entries = kept;
            }
        }
        Ok(())
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.by_first.values().map(Vec::len).sum()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `word` (any case) is the first word of some entry.
    pub fn is_wrong_form(&self, word: &str) -> bool {
        self.by_first.contains_key(&word.to_lowercase())
    }

    /// Replaces every misspelling in `s`, keeping the case of what was
    /// written (all upper, Capitalized, or as in the glossary).
    pub fn apply(&self, s: &str) -> String {
        self.replace(s).unwrap_or_else(|| s.to_string())
    }

    /// Whether `word` could be the first word of an entry: false for
    /// almost every word that is not, without lower-casing it.
    #[inline]
    pub fn may_start_entry(&self, word: &str) -> bool {
        // An empty glossary has no filters (and nothing starts an entry).
        if self.shape.is_empty() {
            return false;
        }
        let b = word.as_bytes();
        // The shape needs no scan of the word; a word with other letters
        // than ASCII may only pass it.
        if !bit_is_set(&self.shape, shape_bit(b)) && word.is_ascii() {
            return false;
        }
        match filter_bit(word) {
            Some(bit) => bit_is_set(&self.filter, bit),
            None => true,
        }
    }

    /// Whether an entry is spelled in `s` from the word `s[start..end]` on
    /// (as [`replace`](Glossary::replace) would find it there).
    pub fn matches_at(&self, s: &str, start: usize, end: usize) -> bool {
        self.entry_at(s, (start, end)).is_some()
    }

    /// The entry spelled in `s` from the word `first` on, and where its
    /// match ends: the one lookup behind [`replace`](Glossary::replace)
    /// and [`matches_at`](Glossary::matches_at).
    fn entry_at(&self, s: &str, first: (usize, usize)) -> Option<(&Entry, usize)> {
        let word = &s[first.0..first.1];
        if !self.may_start_entry(word) {
            return None;
        }
        // The lower case of a short ASCII word is made on the stack.
        let mut buf = [0u8; 32];
        let lower: std::borrow::Cow<str> = match buf.get_mut(..word.len()) {
            Some(b) if word.is_ascii() => {
                b.copy_from_slice(word.as_bytes());
                b.make_ascii_lowercase();
                std::str::from_utf8(b).unwrap_or_default().into()
            }
            _ => word
                .chars()
                .flat_map(char::to_lowercase)
                .collect::<String>()
                .into(),
        };
        self.by_first
            .get(lower.as_ref())?
            .iter()
            .find_map(|e| matches(s, first, e).map(|end| (e, end)))
    }

    /// Like [`apply`](Glossary::apply), but `None` when nothing changes (no
    /// copy is made then).
    pub fn replace(&self, s: &str) -> Option<String> {
        if self.by_first.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut copied = 0;
        let mut spans = WordSpans::new(s, 0);
        while let Some((a, b)) = spans.next() {
            if let Some((e, end)) = self.entry_at(s, (a, b)) {
                if out.capacity() == 0 {
                    out.reserve(s.len() + 8);
                }
                out.push_str(&s[copied..a]);
                out.push_str(&match_case(&s[a..end], &e.right));
                copied = end;
                spans = WordSpans::new(s, end);
            }
        }
        if copied == 0 {
            return None;
        }
        out.push_str(&s[copied..]);
        Some(out)
    }
}

/// Where the match of `entry` ends, when `s` spells it from the word
/// `first` on: its first word is already known to match; the others must
/// follow, each after nothing but spaces.
fn matches(s: &str, first: (usize, usize), entry: &Entry) -> Option<usize> {
    let mut end = first.1;
    let mut rest = WordSpans::new(s, end);
    for w in &entry.wrong[1..] {
        let (x, y) = rest.next()?;
        if !(s[end..x].chars().all(|c| c == ' ') && eq_lowercase(&s[x..y], w)) {
            return None;
        }
        end = y;
    }
    Some(end)
}

/// Whether `word` lower-cased is `lower`, without allocating.
fn eq_lowercase(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// `right` in the case of `written`.
fn match_case(written: &str, right: &str) -> String {
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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn g(tsv: &str) -> Glossary {
        let mut g = Glossary::default();
        g.extend_from_tsv(tsv, "test").unwrap();
        g
    }

    #[test]
    fn whole_word_case_preserving() {
        let g = g("presentase\tpersentase\tnote\ndi berikan\tdiberikan\t\n");
        assert_eq!(g.apply("Presentase ASN"), "Persentase ASN");
        assert_eq!(g.apply("PRESENTASE ASN"), "PERSENTASE ASN");
        assert_eq!(g.apply("nilai presentase."), "nilai persentase.");
        assert_eq!(g.apply("Presentasenya"), "Presentasenya");
        assert_eq!(g.apply("yang di berikan oleh"), "yang diberikan oleh");
        assert_eq!(g.apply("yang di\tberikan"), "yang di\tberikan");
    }

    #[test]
    fn later_entries_win_and_errors_name_the_line() {
        let mut gl = g("tegoran\tteguran\t\n");
        gl.extend_from_tsv("tegoran\ttegur-an\tmine\n", "user.tsv")
            .unwrap();
        assert_eq!(gl.apply("Surat Tegoran"), "Surat Tegur-an");
        assert_eq!(gl.len(), 1);
        let e = Glossary::default()
            .extend_from_tsv("# c\nonlyone\n", "user.tsv")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "user.tsv:2: expected wrong<TAB>right<TAB>note"
        );
    }

    #[test]
    fn builtin_glossary_loads() {
        let g = Glossary::builtin().unwrap();
        assert!(!g.is_empty());
    }
}
