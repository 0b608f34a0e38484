//! Duplicate rows: an indicator row equal to an earlier row of the same
//! position is removed (and its lines become skipped lines); a row that is
//! only nearly the same is reported.

use iki_model::{Change, Diagnostic, Extras, Indicator, Position, Rule, SkipReason, Skipped, Span};
use rapidfuzz::distance::levenshtein;
use rustc_hash::FxHashMap;
use std::collections::hash_map::Entry;

/// Two different rows of a position whose cells, taken together, differ by
/// at most this many characters (more for long rows: one per 50 characters,
/// up to three times this) are reported as near-duplicates: the same
/// indicator written twice with a slip, not two indicators.
pub const NEAR_DUPLICATE_EDITS: usize = 3;

/// Earlier rows a row is compared with, of those sharing its start and of
/// those sharing its end: the nearest ones (a slip is written near the
/// row it repeats), which bounds the work at this many per row.
pub const CANDIDATES: usize = 64;

fn key(i: &Indicator) -> [&str; 4] {
    [&i.sasaran, &i.indikator, &i.formulasi, &i.sumber_data]
}

/// What makes two rows the same row: the four cells and every extra
/// column (two rows that differ only in TARGET are two rows). Hashed by
/// the four cells only (extras rarely tell rows apart), compared whole.
#[derive(PartialEq, Eq)]
struct Identity<'a>([&'a str; 4], &'a Extras);

impl std::hash::Hash for Identity<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.hash(h);
    }
}

fn identity(i: &Indicator) -> Identity<'_> {
    Identity(key(i), &i.extra)
}

/// A row's cells joined, extra cells after the four, for the audit log.
fn cells(i: &Indicator) -> String {
    let mut out = key(i).join(" | ");
    for (name, value) in i.extra.iter() {
        out.push_str(&format!(" | {name}: {value}"));
    }
    out
}

/// Removes exact duplicates from `p`, recording a change and skipped lines
/// for each; reports near-duplicates.
pub fn dedupe(
    p: &mut Position,
    changes: &mut Vec<Change>,
    skipped: &mut Vec<Skipped>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let rows = std::mem::take(&mut p.indicators);
    // For each row equal to an earlier one, the span of the first: found
    // with the cells borrowed, before any row moves.
    let first_of: Vec<Option<Span>> = {
        let mut seen: FxHashMap<Identity, Span> = FxHashMap::default();
        rows.iter()
            .map(|row| match seen.entry(identity(row)) {
                Entry::Occupied(e) => Some(*e.get()),
                Entry::Vacant(e) => {
                    e.insert(row.span);
                    None
                }
            })
            .collect()
    };
    let mut kept = Vec::with_capacity(rows.len());
    for ((index, row), first) in rows.into_iter().enumerate().zip(first_of) {
        if let Some(first) = first {
            changes.push(Change {
                rule: Rule::DuplicateRow,
                position: Some(p.id.clone()),
                field: format!("indicators[{index}]"),
                before: cells(&row),
                after: String::new(),
                line: row.span.first,
            });
            skipped.push(Skipped {
                line: row.span.first,
                reason: SkipReason::DuplicateRow,
                text: format!(
                    "same as the row on line {}: {}",
                    first.first,
                    key(&row).join("\t")
                ),
            });
            for &line in &row.continuation_lines {
                skipped.push(Skipped {
                    line,
                    reason: SkipReason::DuplicateRow,
                    text: format!("continuation of the removed row on line {}", row.span.first),
                });
            }
            continue;
        }
        kept.push(row);
    }
    p.indicators = kept;
    near_duplicates(p, diagnostics);
}

/// All cells of a row (extra cells after the four) joined by spaces, in
/// lower case, as characters.
fn flat(i: &Indicator) -> Vec<char> {
    let cells = || key(i).into_iter().chain(i.extra.iter().map(|(_, v)| v));
    let mut out = Vec::with_capacity(cells().map(|c| c.len() + 1).sum());
    for (k, cell) in cells().enumerate() {
        if k > 0 {
            out.push(' ');
        }
        if cell.contains('\u{3a3}') {
            // Capital sigma lowers by its place in the word: leave that to
            // the standard library.
            out.extend(cell.to_lowercase().chars());
        } else if cell.is_ascii() {
            out.extend(cell.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for c in cell.chars() {
                if c.is_ascii() {
                    out.push(c.to_ascii_lowercase());
                } else {
                    out.extend(c.to_lowercase());
                }
            }
        }
    }
    out
}

/// Character edits between two rows (all cells, lower case), if at most
/// `limit`; `None` when they differ by more.
#[cfg(test)]
fn edits_within(a: &Indicator, b: &Indicator, limit: usize) -> Option<usize> {
    edit_distance_within(&flat(a), &flat(b), limit)
}

/// Levenshtein distance of two character sequences, if at most `limit`
/// (rapidfuzz: shared ends set aside, then a bit-parallel computation that
/// stops once the distance must pass the limit).
fn edit_distance_within(x: &[char], y: &[char], limit: usize) -> Option<usize> {
    if x.len().abs_diff(y.len()) > limit {
        return None;
    }
    levenshtein::distance_with_args(
        x.iter().copied(),
        y.iter().copied(),
        &levenshtein::Args::default().score_cutoff(limit),
    )
}

/// How many character edits two rows may differ by and still be
/// near-duplicates: a slip or two of the pen, not a different indicator.
#[cfg(test)]
fn near_limit(a: &Indicator) -> usize {
    (flat(a).len() / 50).clamp(NEAR_DUPLICATE_EDITS, 3 * NEAR_DUPLICATE_EDITS)
}

/// Characters at each end of a row that near-duplicate candidates share.
const BLOCK: usize = 12;

/// Compares each row only with earlier rows that begin or end with the same
/// characters (a slip of the pen seldom touches both ends), so that a
/// position with thousands of rows is not compared pair by pair.
fn near_duplicates(p: &Position, diagnostics: &mut Vec<Diagnostic>) {
    let mut by_start: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut by_end: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let flats: Vec<Vec<char>> = p.indicators.iter().map(flat).collect();
    for (j, b) in p.indicators.iter().enumerate() {
        let text = &flats[j];
        let start: String = text.iter().take(BLOCK).collect();
        let end: String = text.iter().rev().take(BLOCK).collect();
        // The nearest earlier rows sharing the start or the end, at most
        // CANDIDATES of each: a position of 200,000 rows that all start
        // alike would otherwise compare every pair.
        let nearest = |list: Option<&Vec<usize>>| {
            list.into_iter()
                .flat_map(|l| l.iter().rev().take(CANDIDATES))
                .copied()
                .collect::<Vec<usize>>()
        };
        let mut candidates = nearest(by_start.get(&start));
        candidates.extend(nearest(by_end.get(&end)));
        candidates.sort_unstable();
        candidates.dedup();
        for i in candidates {
            let a = &p.indicators[i];
            let limit = (flats[i].len() / 50).clamp(NEAR_DUPLICATE_EDITS, 3 * NEAR_DUPLICATE_EDITS);
            if let Some(n) = edit_distance_within(&flats[i], text, limit) {
                diagnostics.push(Diagnostic::warning_args(
                    "near-duplicate-row",
                    &[&a.span.first.to_string(), &n.to_string()],
                    b.span,
                ));
                break;
            }
        }
        by_start.entry(start).or_default().push(j);
        by_end.entry(end).or_default().push(j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iki_model::Measure;

    fn row(s: &str, i: &str) -> Indicator {
        Indicator {
            number: None,
            sasaran: s.into(),
            indikator: i.into(),
            formulasi: i.into(),
            sumber_data: "Laporan Kinerja".into(),
            measure: Measure::Count,
            formula: None,
            target: None,
            extra: Default::default(),
            sasaran_filled: false,
            span: Span::line(1),
            continuation_lines: vec![],
        }
    }

    fn full_distance(x: &[char], y: &[char]) -> usize {
        let mut prev: Vec<usize> = (0..=y.len()).collect();
        for i in 1..=x.len() {
            let mut row = vec![i; y.len() + 1];
            for j in 1..=y.len() {
                let cost = usize::from(x[i - 1] != y[j - 1]);
                row[j] = (prev[j - 1] + cost).min(prev[j] + 1).min(row[j - 1] + 1);
            }
            prev = row;
        }
        prev[y.len()]
    }

    #[test]
    fn flat_is_the_lower_case_of_the_joined_cells() {
        for text in [
            "Jumlah ASN",
            "\u{130}zin \u{3a3}\u{3a3} O\u{3a3}",
            "\u{c9}t\u{c9}",
        ] {
            let r = row(text, "B");
            let want: Vec<char> = key(&r).join(" ").to_lowercase().chars().collect();
            assert_eq!(flat(&r), want, "{text}");
        }
    }

    #[test]
    fn banded_distance_agrees_with_the_full_table() {
        // Every pair of strings over {a, b} up to length 7, and every limit
        // up to 4: the band answers exactly when the distance is in reach.
        let mut all: Vec<Vec<char>> = vec![vec![]];
        for len in 1..=7u32 {
            for bits in 0..(1u32 << len) {
                all.push(
                    (0..len)
                        .map(|k| if bits >> k & 1 == 1 { 'b' } else { 'a' })
                        .collect(),
                );
            }
        }
        for x in all.iter().step_by(3) {
            for y in all.iter().step_by(5) {
                let d = full_distance(x, y);
                for limit in 0..=4 {
                    let want = (d <= limit).then_some(d);
                    assert_eq!(
                        edit_distance_within(x, y, limit),
                        want,
                        "{x:?} {y:?} {limit}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_that_differ_in_an_extra_column_are_two_rows() {
        let with = |target: &str| {
            let mut r = row("Meningkatnya layanan", "Persentase layanan");
            r.extra = Extras(vec![
                ("SATUAN".into(), "%".into()),
                ("TARGET".into(), target.into()),
            ]);
            r
        };
        let mut p = Position {
            id: "x/y".into(),
            number: "1".into(),
            title: "Y".into(),
            unit: None,
            span: Span::line(1),
            heading: Span::line(1),
            tugas: vec![],
            fungsi: vec![],
            indicators: vec![with("90"), with("95"), with("95")],
        };
        let (mut changes, mut skipped, mut diags) = (vec![], vec![], vec![]);
        dedupe(&mut p, &mut changes, &mut skipped, &mut diags);
        // The third row repeats the second; the first differs in TARGET.
        assert_eq!(p.indicators.len(), 2);
        assert_eq!(changes.len(), 1);
        assert!(
            changes[0].before.ends_with("TARGET: 95"),
            "{}",
            changes[0].before
        );
        // A one-character TARGET difference is a near-duplicate to look at,
        // not a silent merge.
        assert_eq!(edits_within(&with("90"), &with("95"), 3), Some(1));
    }

    #[test]
    fn near_duplicates_are_slips_not_other_indicators() {
        let a = row(
            "Tersedianya laporan",
            "Jumlah Laporan Triwulan Badan Kepegawaian",
        );
        let b = row(
            "Tersedianya laporan",
            "Jumlah Laporan Semester Badan Kepegawaian",
        );
        assert_eq!(edits_within(&a, &b, near_limit(&a)), None);
        let c = row(
            "Tersedianya laporan",
            "Jumlah Laporan Triwulan Badan Kepegawaan",
        );
        assert_eq!(edits_within(&a, &c, near_limit(&a)), Some(2));
        assert_eq!(edits_within(&a, &a, 3), Some(0));
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 3),
            Some(3)
        );
        assert_eq!(
            edit_distance_within(&chars("kitten"), &chars("sitting"), 2),
            None
        );
        assert_eq!(edit_distance_within(&chars(""), &chars("ab"), 2), Some(2));
        assert_eq!(
            edit_distance_within(&chars("abcdef"), &chars("abcdxf"), 1),
            Some(1)
        );
        // Long inputs, where the band moves far from the start: the same
        // answer as the full table.
        let long = |s: &str| s.repeat(20).chars().collect::<Vec<_>>();
        let (x, y) = (long("abcde"), long("abxde"));
        assert_eq!(edit_distance_within(&x, &y, 30), Some(20));
        assert_eq!(edit_distance_within(&x, &y, 19), None);
        let shifted: Vec<char> = std::iter::once('z').chain(x.iter().copied()).collect();
        assert_eq!(edit_distance_within(&x, &shifted, 2), Some(1));
        assert_eq!(edit_distance_within(&shifted, &x, 2), Some(1));
    }
}
