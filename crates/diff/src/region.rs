//! A region at once: the documents of two folders (one per year) paired
//! by agency and region, and the report over every pair. Pure: the caller
//! reads the documents and diffs each pair (in parallel); this module
//! decides which documents pair and gathers the results.
//!
//! Pairing, in two rounds:
//!
//! 1. by agency and region as read from each document's title (case and
//!    whitespace ignored; a document with an agency but no region pairs
//!    by its agency alone);
//! 2. what is left (no agency read, an agency spelled differently in the
//!    other year, or an agency and region shared by two documents of one
//!    side) by file name: the path inside the folder without its
//!    extension and without years (`bkpsdm-2024.md` and `bkpsdm-2025.md`
//!    pair).
//!
//! Two documents of one side with the same file name key, or with the same
//! agency and region that their file names do not tell apart (each paired
//! by file name with a document of the other side), are [`Ambiguous`]: the
//! comparison cannot say which is meant.

use crate::{Kind, Report, Side};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// Version of the region report's JSON layout.
pub const FORMAT_VERSION: u32 = 1;

/// One document of a side, as pairing sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Its path inside the side's folder, `/`-separated (shown in reports).
    pub file: String,
    /// Agency read from the title.
    pub agency: Option<String>,
    /// Region read from the title.
    pub region: Option<String>,
}

/// What a pair was found by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairedBy {
    /// The same agency and region.
    Agency,
    /// The same file name, years left out.
    FileName,
}

/// Which side of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The older folder.
    Old,
    /// The newer folder.
    New,
}

/// The outcome of pairing: indexes into the two entry lists, in report
/// order (by agency and region, or by file name key where there is no
/// agency).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pairing {
    /// (old index, new index, how).
    pub pairs: Vec<(usize, usize, PairedBy)>,
    /// Documents of the old side with no partner.
    pub only_old: Vec<usize>,
    /// Documents of the new side with no partner.
    pub only_new: Vec<usize>,
}

/// Two or more documents of one side that pairing cannot tell apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguous {
    /// The side they are on.
    pub side: Which,
    /// What they share: `agency, region`, or the file name key.
    pub key: String,
    /// Which of the two it is.
    pub by: PairedBy,
    /// Their files, sorted.
    pub files: Vec<String>,
}

impl fmt::Display for Ambiguous {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let side = match self.side {
            Which::Old => "old",
            Which::New => "new",
        };
        let files = self.files.join(", ");
        match self.by {
            PairedBy::Agency => write!(
                f,
                "{files} in the {side} folder are all {} and their file names do not pair \
                 them with the other folder's: cannot tell which to compare (keep one, or \
                 give each the same file name in both years)",
                self.key
            ),
            PairedBy::FileName => write!(
                f,
                "{files} in the {side} folder have the same file name (years left out: \
                 \"{}\"): cannot tell which to compare (keep one)",
                self.key
            ),
        }
    }
}

impl std::error::Error for Ambiguous {}

/// Lower case, whitespace runs as one space, trimmed.
fn fold(s: &str) -> String {
    s.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The agency key of an entry: `agency\u{1f}region`, folded; `None` without
/// an agency.
fn agency_key(e: &Entry) -> Option<String> {
    let agency = fold(e.agency.as_deref()?);
    if agency.is_empty() {
        return None;
    }
    let region = e.region.as_deref().map(fold).unwrap_or_default();
    Some(format!("{agency}\u{1f}{region}"))
}

/// The agency key as people read it: `agency, region`.
fn agency_label(e: &Entry) -> String {
    match (&e.agency, &e.region) {
        (Some(a), Some(r)) => format!("{a}, {r}"),
        (Some(a), None) => a.clone(),
        _ => e.file.clone(),
    }
}

/// A year: four digits from 1900 to 2099.
fn is_year(digits: &str) -> bool {
    digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"))
}

/// The file name key: the path without its extension, lower case, with
/// every year (a run of exactly four digits, 1900-2099) left out and runs
/// of `-`, `_`, `.` and spaces as one `-`, trimmed at each `/`.
pub fn file_key(file: &str) -> String {
    let (dir, name) = match file.rfind('/') {
        Some(at) => (&file[..at], &file[at + 1..]),
        None => ("", file),
    };
    let stem = match name.rfind('.') {
        Some(at) if at > 0 => &name[..at],
        _ => name,
    };
    let path = if dir.is_empty() {
        stem.to_string()
    } else {
        format!("{dir}/{stem}")
    };
    path.split('/')
        .map(component_key)
        .filter(|c| !c.is_empty())
        .collect::<Vec<_>>()
        .join("/")
}

fn component_key(part: &str) -> String {
    // Years out: a maximal run of ASCII digits that is a year.
    let mut without = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let run = rest
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(rest.len());
            if !is_year(&rest[..run]) {
                without.push_str(&rest[..run]);
            }
            rest = &rest[run..];
        } else {
            without.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    let mut out = String::with_capacity(without.len());
    for c in without.to_lowercase().chars() {
        if matches!(c, '-' | '_' | '.') || c.is_whitespace() {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Indexes of `entries` by key, each list in entry order.
fn by_key(
    entries: &[Entry],
    take: impl Fn(usize) -> bool,
    key: impl Fn(&Entry) -> Option<String>,
) -> BTreeMap<String, Vec<usize>> {
    let mut map: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if !take(i) {
            continue;
        }
        if let Some(k) = key(e) {
            map.entry(k).or_default().push(i);
        }
    }
    map
}

fn ambiguous(
    side: Which,
    key: String,
    by: PairedBy,
    entries: &[Entry],
    idx: &[usize],
) -> Ambiguous {
    let mut files: Vec<String> = idx.iter().map(|&i| entries[i].file.clone()).collect();
    files.sort();
    Ambiguous {
        side,
        key,
        by,
        files,
    }
}

/// The order key of an entry in the report: its agency key, else its file
/// name key; then its file.
fn order_key(e: &Entry) -> (String, String) {
    (
        agency_key(e).unwrap_or_else(|| file_key(&e.file)),
        e.file.clone(),
    )
}

/// Pairs the documents of two folders (see the module's comment).
pub fn pair(old: &[Entry], new: &[Entry]) -> Result<Pairing, Ambiguous> {
    let mut old_done = vec![false; old.len()];
    let mut new_done = vec![false; new.len()];
    let mut pairs = Vec::new();
    // Documents whose agency and region another of their side shares:
    // they must pair by file name.
    let mut shared: Vec<(Which, String, Vec<usize>)> = Vec::new();

    // Round 1: agency and region.
    let a = by_key(old, |_| true, agency_key);
    let b = by_key(new, |_| true, agency_key);
    for (key, olds) in &a {
        let news = b.get(key).map(Vec::as_slice).unwrap_or(&[]);
        if let ([o], [n]) = (olds.as_slice(), news) {
            pairs.push((*o, *n, PairedBy::Agency));
            old_done[*o] = true;
            new_done[*n] = true;
        }
    }
    for (which, map, entries) in [(Which::Old, &a, old), (Which::New, &b, new)] {
        for idx in map.values().filter(|v| v.len() > 1) {
            shared.push((which, agency_label(&entries[idx[0]]), idx.clone()));
        }
    }

    // Round 2: file name, for what is left.
    let a = by_key(old, |i| !old_done[i], |e| Some(file_key(&e.file)));
    let b = by_key(new, |i| !new_done[i], |e| Some(file_key(&e.file)));
    for (which, map, entries) in [(Which::Old, &a, old), (Which::New, &b, new)] {
        if let Some((key, idx)) = map.iter().find(|(_, v)| v.len() > 1) {
            return Err(ambiguous(
                which,
                key.clone(),
                PairedBy::FileName,
                entries,
                idx,
            ));
        }
    }
    for (key, olds) in &a {
        if let (Some(&o), Some(&n)) = (olds.first(), b.get(key).and_then(|v| v.first())) {
            pairs.push((o, n, PairedBy::FileName));
            old_done[o] = true;
            new_done[n] = true;
        }
    }
    for (which, key, idx) in shared {
        let done = match which {
            Which::Old => &old_done,
            Which::New => &new_done,
        };
        if idx.iter().any(|&i| !done[i]) {
            let entries = match which {
                Which::Old => old,
                Which::New => new,
            };
            return Err(ambiguous(which, key, PairedBy::Agency, entries, &idx));
        }
    }

    pairs.sort_by_key(|&(o, n, _)| {
        let (key, file) = order_key(&new[n]);
        (key, file, old[o].file.clone())
    });
    let lone = |entries: &[Entry], done: &[bool]| {
        let mut v: Vec<usize> = (0..entries.len()).filter(|&i| !done[i]).collect();
        v.sort_by_cached_key(|&i| order_key(&entries[i]));
        v
    };
    Ok(Pairing {
        pairs,
        only_old: lone(old, &old_done),
        only_new: lone(new, &new_done),
    })
}

/// The changes of one pair, counted the way the region summary shows
/// them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// `position_added`.
    pub positions_added: usize,
    /// `position_removed`.
    pub positions_removed: usize,
    /// `position_renamed`.
    pub positions_renamed: usize,
    /// `indicator_added`.
    pub indicators_added: usize,
    /// `indicator_removed`.
    pub indicators_removed: usize,
    /// `indicator_changed` (one per changed field).
    pub indicators_changed: usize,
    /// Every change, of any kind.
    pub changes: usize,
}

impl Counts {
    /// The counts of a report.
    pub fn of(report: &Report) -> Counts {
        let n = |k: Kind| report.summary.get(&k).copied().unwrap_or(0);
        Counts {
            positions_added: n(Kind::PositionAdded),
            positions_removed: n(Kind::PositionRemoved),
            positions_renamed: n(Kind::PositionRenamed),
            indicators_added: n(Kind::IndicatorAdded),
            indicators_removed: n(Kind::IndicatorRemoved),
            indicators_changed: n(Kind::IndicatorChanged),
            changes: report.changes.len(),
        }
    }

    /// The sum of two counts (a region's total).
    pub fn plus(self, o: Counts) -> Counts {
        Counts {
            positions_added: self.positions_added + o.positions_added,
            positions_removed: self.positions_removed + o.positions_removed,
            positions_renamed: self.positions_renamed + o.positions_renamed,
            indicators_added: self.indicators_added + o.indicators_added,
            indicators_removed: self.indicators_removed + o.indicators_removed,
            indicators_changed: self.indicators_changed + o.indicators_changed,
            changes: self.changes + o.changes,
        }
    }

    /// The six summary columns, in order, with their message keys.
    pub fn columns(&self) -> [(&'static str, usize); 6] {
        [
            ("kind.position_added", self.positions_added),
            ("kind.position_removed", self.positions_removed),
            ("kind.position_renamed", self.positions_renamed),
            ("kind.indicator_added", self.indicators_added),
            ("kind.indicator_removed", self.indicators_removed),
            ("kind.indicator_changed", self.indicators_changed),
        ]
    }
}

/// One pair of documents and their comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairReport {
    /// The old document's path inside its folder.
    pub old_file: String,
    /// The new document's path inside its folder.
    pub new_file: String,
    /// Agency (the new document's, else the old one's).
    pub agency: Option<String>,
    /// Region (likewise).
    pub region: Option<String>,
    /// What the pair was found by.
    pub paired_by: PairedBy,
    /// The comparison, as `iki diff OLD NEW --format json` gives it.
    pub report: Report,
}

impl PairReport {
    /// Builds a pair's entry from its report (agency and region from its
    /// sides).
    pub fn new(paired_by: PairedBy, report: Report) -> PairReport {
        let (o, n) = (&report.old, &report.new);
        PairReport {
            old_file: o.file.clone(),
            new_file: n.file.clone(),
            agency: n.agency.clone().or_else(|| o.agency.clone()),
            region: n.region.clone().or_else(|| o.region.clone()),
            paired_by,
            report,
        }
    }

    /// What the pair is called: its agency, else its new file.
    pub fn label(&self) -> &str {
        self.agency.as_deref().unwrap_or(&self.new_file)
    }

    /// Its counts.
    pub fn counts(&self) -> Counts {
        Counts::of(&self.report)
    }
}

/// What a document only one side has is called: its agency, else its
/// file.
pub fn side_label(side: &Side) -> &str {
    side.agency.as_deref().unwrap_or(&side.file)
}

/// The whole result, as `iki diff OLD_DIR NEW_DIR --format json` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionReport {
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The old folder's name.
    pub old: String,
    /// The new folder's name.
    pub new: String,
    /// The pairs, in report order.
    pub pairs: Vec<PairReport>,
    /// Documents only the old folder has.
    pub only_old: Vec<Side>,
    /// Documents only the new folder has.
    pub only_new: Vec<Side>,
}

impl RegionReport {
    /// Builds the report; the lists are kept in the order given (that of
    /// [`pair`]).
    pub fn new(
        old: String,
        new: String,
        pairs: Vec<PairReport>,
        only_old: Vec<Side>,
        only_new: Vec<Side>,
    ) -> RegionReport {
        RegionReport {
            format_version: FORMAT_VERSION,
            old,
            new,
            pairs,
            only_old,
            only_new,
        }
    }

    /// Whether anything differs: a change in a pair, or a document only
    /// one side has.
    pub fn has_changes(&self) -> bool {
        !self.only_old.is_empty()
            || !self.only_new.is_empty()
            || self.pairs.iter().any(|p| !p.report.changes.is_empty())
    }

    /// The counts over every pair.
    pub fn total(&self) -> Counts {
        self.pairs
            .iter()
            .fold(Counts::default(), |t, p| t.plus(p.counts()))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn e(file: &str, agency: Option<&str>, region: Option<&str>) -> Entry {
        Entry {
            file: file.into(),
            agency: agency.map(Into::into),
            region: region.map(Into::into),
        }
    }

    #[test]
    fn file_keys_leave_out_years_extension_and_case() {
        assert_eq!(file_key("bkpsdm-2024.md"), "bkpsdm");
        assert_eq!(file_key("BKPSDM_2025.docx"), "bkpsdm");
        assert_eq!(
            file_key("IKI 2024 Dinkes (final).pdf"),
            "iki-dinkes-(final)"
        );
        assert_eq!(file_key("kecamatan-12.md"), "kecamatan-12");
        assert_eq!(file_key("2024/dinkes/iki-2024.md"), "dinkes/iki");
        assert_eq!(file_key("20245.md"), "20245");
        assert_eq!(file_key(".md"), "md");
        assert_eq!(file_key("2024.md"), "");
    }

    #[test]
    fn pairs_by_agency_and_region_then_by_file_name() {
        let old = [
            e(
                "satpol.md",
                Some("SATUAN POLISI PAMONG PRAJA"),
                Some("Kab. X"),
            ),
            e("dinkes-2024.md", Some("DINAS  KESEHATAN"), Some("Kab. X")),
            e("bkpsdm-2024.md", None, None),
            e("lama.md", Some("BADAN A"), Some("Kab. X")),
        ];
        let new = [
            e("bkpsdm-2025.md", None, None),
            e("kesehatan.md", Some("Dinas Kesehatan"), Some("kab. x")),
            e(
                "satpol-pp.md",
                Some("SATUAN POLISI PAMONG PRAJA"),
                Some("Kab. X"),
            ),
            e("baru.md", Some("BADAN B"), Some("Kab. X")),
        ];
        let p = pair(&old, &new).unwrap();
        assert_eq!(
            p.pairs,
            [
                (2, 0, PairedBy::FileName),
                (1, 1, PairedBy::Agency),
                (0, 2, PairedBy::Agency)
            ]
        );
        assert_eq!(p.only_old, [3]);
        assert_eq!(p.only_new, [3]);
    }

    #[test]
    fn an_agency_spelled_differently_still_pairs_by_file_name() {
        let old = [e("kominfo-2024.md", Some("DINAS KOMINFO"), None)];
        let new = [e(
            "kominfo-2025.md",
            Some("DINAS KOMUNIKASI DAN INFORMATIKA"),
            None,
        )];
        let p = pair(&old, &new).unwrap();
        assert_eq!(p.pairs, [(0, 0, PairedBy::FileName)]);
    }

    #[test]
    fn two_documents_with_one_agency_pair_by_file_name_or_are_ambiguous() {
        let old = [
            e("kec-a-2024.md", Some("KECAMATAN"), Some("Kab. X")),
            e("kec-b-2024.md", Some("KECAMATAN"), Some("Kab. X")),
        ];
        let new = [
            e("kec-b-2025.md", Some("KECAMATAN"), Some("Kab. X")),
            e("kec-a-2025.md", Some("KECAMATAN"), Some("Kab. X")),
        ];
        let p = pair(&old, &new).unwrap();
        assert_eq!(
            p.pairs,
            [(0, 1, PairedBy::FileName), (1, 0, PairedBy::FileName)]
        );
        let err = pair(&old, &new[..1]).unwrap_err();
        assert_eq!(err.side, Which::Old);
        assert_eq!(err.files, ["kec-a-2024.md", "kec-b-2024.md"]);
        assert_eq!(err.key, "KECAMATAN, Kab. X");
        assert!(err.to_string().contains("kec-a-2024.md, kec-b-2024.md"));
    }

    #[test]
    fn the_same_file_name_key_twice_on_one_side_is_ambiguous() {
        let new = [e("dinkes-2025.md", None, None), e("dinkes.pdf", None, None)];
        let err = pair(&[], &new).unwrap_err();
        assert_eq!(err.side, Which::New);
        assert_eq!(err.files, ["dinkes-2025.md", "dinkes.pdf"]);
        assert_eq!(err.key, "dinkes");
    }

    #[test]
    fn counts_and_changes() {
        let text = "# DINAS KESEHATAN KABUPATEN X TAHUN 2024\n\n### 1. JABATAN ANALIS\n\n\
                    - Tugas : Menganalisis.\n\n\
                    SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
                    Tersedianya data\tJumlah data\tJumlah data\tLaporan Kinerja\n";
        let doc = iki_parse::parse(text.as_bytes()).unwrap().document;
        let side = |file: &str| Side::of(file, &doc);
        let report = Report::new(side("a.md"), side("b.md"), Vec::new());
        let pair = PairReport::new(PairedBy::Agency, report);
        assert_eq!(pair.label(), "DINAS KESEHATAN");
        assert_eq!(pair.region.as_deref(), Some("Kabupaten X"));
        assert_eq!(pair.counts(), Counts::default());
        let r = RegionReport::new("a".into(), "b".into(), vec![pair], vec![], vec![]);
        assert!(!r.has_changes());
        assert_eq!(r.total(), Counts::default());
        let r = RegionReport::new("a".into(), "b".into(), vec![], vec![], vec![side("c")]);
        assert!(r.has_changes());
        assert_eq!(side_label(&r.only_new[0]), "DINAS KESEHATAN");
    }
}
