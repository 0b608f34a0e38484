//! Domain vocabulary read from `data/*.tsv`: group banners, table header
//! words, region prefixes. Edit the data files, not this code, to teach the
//! parser a new spelling.

use iki_model::GroupKind;
use std::sync::OnceLock;

const GROUPS_TSV: &str = include_str!("../data/groups.tsv");
const COLUMNS_TSV: &str = include_str!("../data/columns.tsv");
const REGIONS_TSV: &str = include_str!("../data/regions.tsv");

/// The column a table cell belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// NO.
    Number,
    /// JABATAN: the position, in an agency-wide matrix table.
    Jabatan,
    /// SASARAN.
    Sasaran,
    /// INDIKATOR KINERJA.
    Indikator,
    /// PENJELASAN / FORMULASI PENGHITUNGAN.
    Formulasi,
    /// SUMBER DATA.
    SumberData,
    /// Any other column: kept per row under its header text.
    Extra,
}

impl Role {
    /// The roles that make a row a header when two of them are named.
    pub fn is_core(self) -> bool {
        matches!(
            self,
            Role::Jabatan | Role::Sasaran | Role::Indikator | Role::Formulasi | Role::SumberData
        )
    }
}

/// What a banner phrase says about the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Banner {
    /// The line names a kind.
    Kind(GroupKind),
    /// The line opens a banner but names no kind.
    Intro,
}

/// The other word lists of `groups.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Word {
    Filler,
    Trailer,
    Agency,
}

fn records(tsv: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.trim(), b.trim()))
}

/// Upper-case words of `text` (letters and digits only).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect()
}

type Phrases<T> = Vec<(T, Vec<String>)>;

fn group_words() -> &'static (Phrases<Banner>, Phrases<Word>) {
    static T: OnceLock<(Phrases<Banner>, Phrases<Word>)> = OnceLock::new();
    T.get_or_init(|| {
        let mut banners = Vec::new();
        let mut others = Vec::new();
        for (kind, phrase) in records(GROUPS_TSV) {
            let w = words(phrase);
            match kind {
                "-" => banners.push((Banner::Intro, w)),
                "filler" => others.push((Word::Filler, w)),
                "trailer" => others.push((Word::Trailer, w)),
                "agency" => others.push((Word::Agency, w)),
                k => {
                    if let Some(kind) = GroupKind::from_name(k) {
                        banners.push((Banner::Kind(kind), w));
                    }
                }
            }
        }
        (banners, others)
    })
}

/// The longest phrase of `table` at the start of `w`, with its length.
fn phrase_at<T: Copy>(table: &[(T, Vec<String>)], w: &[String]) -> Option<(T, usize)> {
    table
        .iter()
        .filter(|(_, p)| !p.is_empty() && w.starts_with(p))
        .max_by_key(|(_, p)| p.len())
        .map(|(t, p)| (*t, p.len()))
}

/// Whether `w` is a single letter or a Roman numeral: a banner's
/// enumerator ("A.", "III.").
fn is_enumerator(w: &str) -> bool {
    (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
        || (!w.is_empty() && w.len() <= 5 && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X')))
        || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
}

/// [`banner`] of a line's text. Most headings are position titles: a
/// title whose first word after an enumerator and filler words cannot
/// start a kind's phrase is answered without copying its words.
pub fn banner_of(text: &str) -> Option<Banner> {
    let (banners, others) = group_words();
    let mut borrowed = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .peekable();
    if borrowed.peek().is_some_and(|w| is_enumerator(w)) {
        borrowed.next();
    }
    let starts_phrase = |w: &str, table: &[(Banner, Vec<String>)]| {
        table
            .iter()
            .any(|(_, p)| p.first().is_some_and(|f| f.eq_ignore_ascii_case(w)))
    };
    let is_filler_word = |w: &str| {
        others
            .iter()
            .any(|(k, p)| *k == Word::Filler && p.iter().any(|f| f.eq_ignore_ascii_case(w)))
    };
    let opens = borrowed
        .find(|w| !is_filler_word(w))
        .is_none_or(|w| starts_phrase(w, banners));
    if !opens {
        return None;
    }
    banner(&words(text))
}

/// The banner a heading line is, by its form (see `groups.tsv`): an
/// optional enumerator, filler words, a kind's phrase, then only trailer or
/// banner words, or an agency name. A line of only intro words ("INDIKATOR
/// KINERJA INDIVIDU (IKI)") is [`Banner::Intro`].
pub fn banner(line_words: &[String]) -> Option<Banner> {
    let (banners, others) = group_words();
    let mut w = line_words;
    if w.len() > 1 && is_enumerator(&w[0]) {
        w = &w[1..];
    }
    // A line of intro words only (and filler words: "(IKI)").
    if let Some((Banner::Intro, n)) = phrase_at(banners, w) {
        let mut rest = &w[n..];
        while let Some((Word::Filler, k)) = phrase_at(others, rest) {
            rest = &rest[k..];
        }
        if rest.is_empty() {
            return Some(Banner::Intro);
        }
    }
    let mut kind = None;
    while !w.is_empty() {
        if let Some((Banner::Kind(k), n)) = phrase_at(banners, w) {
            kind.get_or_insert(k);
            w = &w[n..];
            continue;
        }
        match phrase_at(others, w) {
            Some((Word::Filler, n)) => w = &w[n..],
            Some((Word::Trailer, n)) if kind.is_some() => w = &w[n..],
            Some((Word::Agency, _)) if kind.is_some() => break,
            _ => return None,
        }
    }
    kind.map(Banner::Kind)
}

fn columns() -> &'static [(Role, Vec<String>)] {
    static T: OnceLock<Vec<(Role, Vec<String>)>> = OnceLock::new();
    T.get_or_init(|| {
        records(COLUMNS_TSV)
            .filter_map(|(role, phrase)| {
                let role = match role {
                    "number" => Role::Number,
                    "jabatan" => Role::Jabatan,
                    "sasaran" => Role::Sasaran,
                    "indikator" => Role::Indikator,
                    "formulasi" => Role::Formulasi,
                    "sumber_data" => Role::SumberData,
                    "extra" => Role::Extra,
                    _ => return None,
                };
                Some((role, words(phrase)))
            })
            .collect()
    })
}

/// The column role a header cell names, if any: the role whose phrase
/// occurs first in the cell (at its first or second word), the longer
/// phrase at the same place.
pub fn column_role(cell: &str) -> Option<Role> {
    // Every first cell of every tab row is asked, so this avoids copies:
    // the words are borrowed, one at a time, and only phrases that start
    // with the word at hand are compared.
    let mut words = borrowed_words(cell);
    let first = words.next()?;
    let second = words.next();
    let columns = columns();
    let index = column_index();
    let at = |word: &str, after: &mut dyn Iterator<Item = &str>| -> Option<Role> {
        // The word in upper case on the stack (ASCII, as vocabulary words
        // are); a longer or non-ASCII word is copied.
        let mut buf = [0u8; 24];
        let upper_owned;
        let upper: &[u8] = if word.is_ascii() && word.len() <= buf.len() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_uppercase();
            b
        } else {
            upper_owned = word.to_uppercase();
            upper_owned.as_bytes()
        };
        let from = index.partition_point(|(k, _)| k.as_bytes() < upper);
        let candidates = &index[from..];
        if candidates
            .first()
            .is_none_or(|(k, _)| k.as_bytes() != upper)
        {
            return None;
        }
        // The words after `word`, as many as the longest phrase needs.
        let mut rest: [&str; 4] = [""; 4];
        let mut n = 0;
        for w in after.take(rest.len()) {
            rest[n] = w;
            n += 1;
        }
        candidates
            .iter()
            .take_while(|(k, _)| k.as_bytes() == upper)
            .map(|(_, i)| &columns[*i])
            .filter(|(_, p)| {
                p.len() <= n + 1 && p[1..].iter().zip(&rest[..n]).all(|(u, x)| same(x, u))
            })
            .max_by_key(|(_, p)| p.len())
            .map(|(r, _)| *r)
    };
    let mut after_first = second.into_iter().chain(words.clone());
    at(first, &mut after_first).or_else(|| {
        let second = second?;
        at(second, &mut words)
    })
}

/// The words of `text` (runs of letters and digits), borrowed. ASCII text,
/// the common case, is split on bytes.
fn borrowed_words(text: &str) -> impl Iterator<Item = &str> + Clone {
    let ascii = text.is_ascii();
    text.split(move |c: char| {
        if ascii {
            !c.is_ascii_alphanumeric()
        } else {
            !c.is_alphanumeric()
        }
    })
    .filter(|x| !x.is_empty())
}

/// Whether a written word is the upper-case vocabulary word.
fn same(written: &str, upper: &str) -> bool {
    if written.is_ascii() {
        written.eq_ignore_ascii_case(upper)
    } else {
        written.to_uppercase() == upper
    }
}

/// The column phrases by their first word, sorted: `(first word, index in
/// columns())`.
fn column_index() -> &'static [(String, usize)] {
    static T: OnceLock<Vec<(String, usize)>> = OnceLock::new();
    T.get_or_init(|| {
        let mut v: Vec<(String, usize)> = columns()
            .iter()
            .enumerate()
            .filter_map(|(i, (_, p))| p.first().map(|w| (w.clone(), i)))
            .collect();
        v.sort();
        v
    })
}

fn regions() -> &'static [(Vec<String>, &'static str)] {
    static T: OnceLock<Vec<(Vec<String>, &'static str)>> = OnceLock::new();
    T.get_or_init(|| {
        records(REGIONS_TSV)
            .map(|(written, full)| (words(written), full))
            .collect()
    })
}

/// The full form of a region prefix word ("KAB" -> "Kabupaten").
pub fn region_prefix(word: &str) -> Option<&'static str> {
    let w = word.to_uppercase();
    regions()
        .iter()
        .find(|(written, _)| written.len() == 1 && written[0] == w)
        .map(|(_, full)| *full)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(tsv: &str) -> usize {
        tsv.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count()
    }

    #[test]
    fn data_files_parse_completely() {
        let (b, o) = group_words();
        assert_eq!(b.len() + o.len(), count(GROUPS_TSV));
        assert_eq!(columns().len(), count(COLUMNS_TSV));
        assert_eq!(regions().len(), count(REGIONS_TSV));
    }

    #[test]
    fn banners_and_columns() {
        let b = |s: &str| banner(&words(s));
        assert_eq!(
            b("PEJABAT ADMINISTRATOR"),
            Some(Banner::Kind(GroupKind::Administrator))
        );
        assert_eq!(
            b("JABATAN FUNGSIONAL UMUM"),
            Some(Banner::Kind(GroupKind::FungsionalUmum))
        );
        assert_eq!(
            b("Jabatan Fungsional Tertentu"),
            Some(Banner::Kind(GroupKind::FungsionalTertentu))
        );
        assert_eq!(b("INDIKATOR KINERJA INDIVIDU (IKI)"), Some(Banner::Intro));
        assert_eq!(b("BADAN KEPEGAWAIAN"), None);
        let admin = Some(Banner::Kind(GroupKind::Administrator));
        assert_eq!(b("B. JABATAN ADMINISTRATOR"), admin);
        assert_eq!(
            b("III. JABATAN PELAKSANA"),
            Some(Banner::Kind(GroupKind::FungsionalUmum))
        );
        assert_eq!(
            b("A. JABATAN PIMPINAN TINGGI PRATAMA"),
            Some(Banner::Kind(GroupKind::PimpinanTinggi))
        );
        assert_eq!(b("PEJABAT ADMINISTRATOR PADA DINAS KESEHATAN"), admin);
        assert_eq!(
            b("INDIKATOR KINERJA INDIVIDU (IKI) PEJABAT ADMINISTRATOR"),
            admin
        );
        // Position titles that hold a banner word are not banners.
        assert_eq!(b("PENGAWAS SEKOLAH"), None);
        assert_eq!(b("ADMINISTRATOR DATABASE KEPENDUDUKAN"), None);
        assert_eq!(
            b("JABATAN PENGAWAS PENYELENGGARAAN URUSAN PEMERINTAHAN DAERAH"),
            None
        );
        assert_eq!(b("KEPALA BADAN"), None);
        assert_eq!(
            column_role("INDIKATOR KINERJA UTAMA"),
            Some(Role::Indikator)
        );
        assert_eq!(column_role("SASARAN KINERJA"), Some(Role::Sasaran));
        assert_eq!(column_role("KINERJA UTAMA"), Some(Role::Sasaran));
        assert_eq!(column_role("DEFINISI OPERASIONAL"), Some(Role::Formulasi));
        assert_eq!(column_role("TARGET 2024"), Some(Role::Extra));
        assert_eq!(column_role("NAMA JABATAN"), Some(Role::Jabatan));
        assert_eq!(column_role("Jumlah laporan sasaran"), None);
        assert_eq!(column_role("<b>SASARAN</b>"), Some(Role::Sasaran));
        assert_eq!(
            column_role("PENJELASAN / FORMULASI PENGHITUNGAN"),
            Some(Role::Formulasi)
        );
        assert_eq!(column_role("NO."), Some(Role::Number));
        assert_eq!(column_role("NOTA"), None);
        assert_eq!(region_prefix("Kab"), Some("Kabupaten"));
    }
}
