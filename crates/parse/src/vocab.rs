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
    /// SASARAN.
    Sasaran,
    /// INDIKATOR KINERJA.
    Indikator,
    /// PENJELASAN / FORMULASI PENGHITUNGAN.
    Formulasi,
    /// SUMBER DATA.
    SumberData,
}

/// What a banner phrase says about the group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Banner {
    /// The line names a kind.
    Kind(GroupKind),
    /// The line opens a banner but names no kind.
    Intro,
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

/// Whether `needle` (a sequence of words) occurs in `hay` as whole words.
pub fn contains_words(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

fn banners() -> &'static [(Banner, Vec<String>)] {
    static T: OnceLock<Vec<(Banner, Vec<String>)>> = OnceLock::new();
    T.get_or_init(|| {
        records(GROUPS_TSV)
            .filter_map(|(kind, phrase)| {
                let banner = if kind == "-" {
                    Banner::Intro
                } else {
                    Banner::Kind(GroupKind::from_name(kind)?)
                };
                Some((banner, words(phrase)))
            })
            .collect()
    })
}

/// The banner phrase an unnumbered heading line contains, if any. A line
/// that names a kind wins over an intro phrase anywhere in the file.
pub fn banner(line_words: &[String]) -> Option<Banner> {
    let matching = || {
        banners()
            .iter()
            .filter(|(_, phrase)| contains_words(line_words, phrase))
    };
    matching()
        .find(|(b, _)| matches!(b, Banner::Kind(_)))
        .or_else(|| matching().next())
        .map(|(b, _)| *b)
}

fn columns() -> &'static [(Role, String)] {
    static T: OnceLock<Vec<(Role, String)>> = OnceLock::new();
    T.get_or_init(|| {
        records(COLUMNS_TSV)
            .filter_map(|(role, word)| {
                let role = match role {
                    "number" => Role::Number,
                    "sasaran" => Role::Sasaran,
                    "indikator" => Role::Indikator,
                    "formulasi" => Role::Formulasi,
                    "sumber_data" => Role::SumberData,
                    _ => return None,
                };
                Some((role, word.to_uppercase()))
            })
            .collect()
    })
}

/// The column role a header cell names, if any.
pub fn column_role(cell: &str) -> Option<Role> {
    let columns = columns();
    // Each word of the cell once, against every header word; the first
    // column (in file order) that one of them names wins. ASCII words are
    // compared without upper-case copies (the vocabulary is upper case).
    let mut first: Option<usize> = None;
    for w in cell.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        let upper = (!w.is_ascii()).then(|| w.to_uppercase());
        let hit = columns.iter().position(|(_, word)| match &upper {
            Some(u) => u == word,
            None => w.len() == word.len() && w.eq_ignore_ascii_case(word),
        });
        first = match (first, hit) {
            (Some(f), Some(h)) => Some(f.min(h)),
            (f, h) => f.or(h),
        };
    }
    first.map(|i| columns[i].0)
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
        assert_eq!(banners().len(), count(GROUPS_TSV));
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
