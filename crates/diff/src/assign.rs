//! The best overall assignment between two lists, by similarity: the
//! Hungarian algorithm (pathfinding's Kuhn-Munkres), not first-come greedy.
//!
//! Scoring every pair is quadratic, and the Hungarian algorithm cubic: past
//! [`DENSE_LIMIT`] pairs (a diff where 10,000 positions were all renamed,
//! one position of 5,000 rows) the lists are matched by *blocking*
//! instead: items with the same exact text pair first, then each item is
//! scored only against the few items of the other side that share its
//! rarest words ([`CANDIDATES`] at most), and the candidate pairs are taken
//! greedily, best first. Time and memory grow with the items, not their
//! product.

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use rustc_hash::FxHashMap;

/// Above this many unmatched items on the smaller side, the cubic
/// Hungarian algorithm would take too long; pairs are then taken greedily,
/// best first.
pub const OPTIMAL_LIMIT: usize = 400;

/// Above this many pairs, items are matched by blocking (see the module
/// documentation), not by scoring every pair.
pub const DENSE_LIMIT: usize = 250_000;

/// How many candidates of the other side an item is scored against when
/// matching by blocking.
pub const CANDIDATES: usize = 32;

/// How many of an item's rarest words find its candidates.
const KEYS: usize = 8;

/// How many items of one key are looked at (a word that is rare for some
/// items may still be common).
const POSTINGS: usize = 256;

/// What blocking needs of each item: its words (as ids from one
/// [`Vocabulary`]) and its exact text.
#[derive(Debug, Default)]
pub struct Items {
    /// Word ids of each item.
    pub words: Vec<Vec<u32>>,
    /// The exact text of each item (equal texts pair first).
    pub exact: Vec<String>,
}

/// Word ids shared by both sides of a match.
#[derive(Debug, Default)]
pub struct Vocabulary(FxHashMap<String, u32>);

impl Vocabulary {
    /// The sorted, distinct ids of `words`.
    pub fn ids<'a>(&mut self, words: impl IntoIterator<Item = &'a String>) -> Vec<u32> {
        let mut ids: Vec<u32> = words
            .into_iter()
            .map(|w| {
                let next = self.0.len() as u32;
                *self.0.entry(w.clone()).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Pairs `(i, j)` of `rows` x `cols` items maximizing the total of
/// `score(i, j)`, keeping only pairs scoring at least `threshold`. `items`
/// builds the blocking data, and is called only when the lists are too
/// long to score every pair.
pub fn best_pairs(
    rows: usize,
    cols: usize,
    threshold: f64,
    items: impl FnOnce() -> (Items, Items),
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    if rows == 0 || cols == 0 {
        return Vec::new();
    }
    if rows.saturating_mul(cols) > DENSE_LIMIT {
        let (old, new) = items();
        return blocked(&old, &new, threshold, score);
    }
    let scores: Vec<Vec<f64>> = (0..rows)
        .map(|i| (0..cols).map(|j| score(i, j)).collect())
        .collect();
    let mut pairs = if rows.min(cols) > OPTIMAL_LIMIT {
        greedy(&scores, threshold)
    } else {
        optimal(&scores)
    };
    pairs.retain(|&(i, j)| scores[i][j] >= threshold);
    pairs.sort_unstable();
    pairs
}

/// Matching by blocking: exact texts first, then candidates that share
/// rare words, scored and taken greedily.
fn blocked(
    old: &Items,
    new: &Items,
    threshold: f64,
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    let (rows, cols) = (old.words.len(), new.words.len());
    let mut used_i = vec![false; rows];
    let mut used_j = vec![false; cols];
    let mut out = Vec::new();
    // Equal texts, in order on both sides.
    let mut by_text: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (j, t) in new.exact.iter().enumerate().rev() {
        by_text.entry(t.as_str()).or_default().push(j);
    }
    for (i, t) in old.exact.iter().enumerate() {
        if let Some(j) = by_text.get_mut(t.as_str()).and_then(Vec::pop) {
            used_i[i] = true;
            used_j[j] = true;
            out.push((i, j));
        }
    }
    // Document frequency of each word over the items left.
    let mut df: FxHashMap<u32, u32> = FxHashMap::default();
    let left_old = (0..rows).filter(|&i| !used_i[i]);
    let left_new = (0..cols).filter(|&j| !used_j[j]);
    for w in left_old
        .clone()
        .flat_map(|i| &old.words[i])
        .chain(left_new.clone().flat_map(|j| &new.words[j]))
    {
        *df.entry(*w).or_default() += 1;
    }
    let keys = |words: &[u32]| -> Vec<u32> {
        let mut k: Vec<(u32, u32)> = words
            .iter()
            .map(|w| (df.get(w).copied().unwrap_or(0), *w))
            .collect();
        k.sort_unstable();
        // A word most items share tells nothing: it is a key only when it
        // is the item's rarest.
        k.into_iter()
            .take(KEYS)
            .enumerate()
            .filter(|&(n, (df, _))| n == 0 || df as usize <= POSTINGS)
            .map(|(_, (_, w))| w)
            .collect()
    };
    let mut postings: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for j in left_new {
        for w in keys(&new.words[j]) {
            postings.entry(w).or_default().push(j);
        }
    }
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    let mut hits: FxHashMap<usize, u32> = FxHashMap::default();
    for i in left_old {
        hits.clear();
        for w in keys(&old.words[i]) {
            for &j in postings
                .get(&w)
                .map_or(&[][..], |p| &p[..p.len().min(POSTINGS)])
            {
                *hits.entry(j).or_default() += 1;
            }
        }
        let mut candidates: Vec<(u32, usize)> = hits.iter().map(|(&j, &n)| (n, j)).collect();
        candidates.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, j) in candidates.iter().take(CANDIDATES) {
            let s = score(i, j);
            if s >= threshold {
                scored.push((s, i, j));
            }
        }
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, j) in scored {
        if !used_i[i] && !used_j[j] {
            used_i[i] = true;
            used_j[j] = true;
            out.push((i, j));
        }
    }
    out.sort_unstable();
    out
}

fn optimal(scores: &[Vec<f64>]) -> Vec<(usize, usize)> {
    let rows = scores.len();
    let cols = scores[0].len();
    // Kuhn-Munkres needs rows <= columns and integer weights.
    let transpose = rows > cols;
    let (r, c) = if transpose {
        (cols, rows)
    } else {
        (rows, cols)
    };
    let weight = |i: usize, j: usize| {
        let s = if transpose {
            scores[j][i]
        } else {
            scores[i][j]
        };
        (s * 1_000_000.0).round() as i64
    };
    let matrix = Matrix::from_fn(r, c, |(i, j)| weight(i, j));
    let (_, assignment) = kuhn_munkres(&matrix);
    assignment
        .into_iter()
        .enumerate()
        .map(|(i, j)| if transpose { (j, i) } else { (i, j) })
        .collect()
}

fn greedy(scores: &[Vec<f64>], threshold: f64) -> Vec<(usize, usize)> {
    let mut all: Vec<(f64, usize, usize)> = scores
        .iter()
        .enumerate()
        .flat_map(|(i, row)| row.iter().enumerate().map(move |(j, s)| (*s, i, j)))
        .filter(|(s, _, _)| *s >= threshold)
        .collect();
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_i = vec![false; scores.len()];
    let mut used_j = vec![false; scores.first().map_or(0, Vec::len)];
    let mut out = Vec::new();
    for (_, i, j) in all {
        if !used_i[i] && !used_j[j] {
            used_i[i] = true;
            used_j[j] = true;
            out.push((i, j));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optimal_beats_greedy() {
        // Greedy would take (0,0)=0.9 and leave (1,1)=0.1; the best total is
        // (0,1)+(1,0) = 0.8+0.8.
        let s = [[0.9, 0.8], [0.8, 0.1]];
        assert_eq!(
            best_pairs(2, 2, 0.0, Default::default, |i, j| s[i][j]),
            vec![(0, 1), (1, 0)]
        );
        assert_eq!(
            greedy(&[vec![0.9, 0.8], vec![0.8, 0.1]], 0.0),
            vec![(0, 0), (1, 1)]
        );
    }

    #[test]
    fn threshold_and_shapes() {
        let s = [[0.9, 0.2, 0.1]];
        assert_eq!(
            best_pairs(1, 3, 0.5, Default::default, |i, j| s[i][j]),
            vec![(0, 0)]
        );
        let t = [[0.2], [0.7], [0.4]];
        assert_eq!(
            best_pairs(3, 1, 0.5, Default::default, |i, j| t[i][j]),
            vec![(1, 0)]
        );
        assert!(best_pairs(0, 3, 0.5, Default::default, |_, _| 1.0).is_empty());
    }

    /// Long lists are matched by blocking: equal texts pair in order, a
    /// changed item finds its counterpart by its rare words, and only a
    /// bounded number of pairs is ever scored.
    #[test]
    fn blocking_pairs_equal_texts_and_rare_words_with_few_scores() {
        let n = 2_000;
        let text = |k: usize, changed: bool| {
            let tail = if changed { "diubah" } else { "tetap" };
            format!("jumlah laporan kegiatan kode{k} {tail}")
        };
        let side = |changed_from: usize, voc: &mut Vocabulary| {
            let texts: Vec<String> = (0..n).map(|k| text(k, k >= changed_from)).collect();
            let words = texts
                .iter()
                .map(|t| {
                    let w: Vec<String> = t.split(' ').map(String::from).collect();
                    voc.ids(&w)
                })
                .collect();
            (texts, words)
        };
        let mut voc = Vocabulary::default();
        let (old_texts, old_words) = side(n, &mut voc);
        let (new_texts, new_words) = side(n - 100, &mut voc);
        let calls = std::cell::Cell::new(0usize);
        let pairs = best_pairs(
            n,
            n,
            0.5,
            || {
                (
                    Items {
                        words: old_words,
                        exact: old_texts.clone(),
                    },
                    Items {
                        words: new_words,
                        exact: new_texts.clone(),
                    },
                )
            },
            |i, j| {
                calls.set(calls.get() + 1);
                let (a, b) = (&old_texts[i], &new_texts[j]);
                let same = a
                    .split(' ')
                    .filter(|w| b.split(' ').any(|x| x == *w))
                    .count();
                same as f64 / 6.0
            },
        );
        assert_eq!(pairs, (0..n).map(|k| (k, k)).collect::<Vec<_>>());
        assert!(calls.get() <= 100 * CANDIDATES, "{} scores", calls.get());
    }
}
