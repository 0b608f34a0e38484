//! The best overall assignment between two lists, by similarity: the
//! Hungarian algorithm (pathfinding's Kuhn-Munkres), not first-come greedy.

use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;

/// Above this many unmatched items on the smaller side, the cubic
/// Hungarian algorithm would take too long; pairs are then taken greedily,
/// best first.
pub const OPTIMAL_LIMIT: usize = 400;

/// Pairs `(i, j)` of `rows` x `cols` items maximizing the total of
/// `score(i, j)`, keeping only pairs scoring at least `threshold`.
pub fn best_pairs(
    rows: usize,
    cols: usize,
    threshold: f64,
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    if rows == 0 || cols == 0 {
        return Vec::new();
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
        assert_eq!(best_pairs(2, 2, 0.0, |i, j| s[i][j]), vec![(0, 1), (1, 0)]);
        assert_eq!(
            greedy(&[vec![0.9, 0.8], vec![0.8, 0.1]], 0.0),
            vec![(0, 0), (1, 1)]
        );
    }

    #[test]
    fn threshold_and_shapes() {
        let s = [[0.9, 0.2, 0.1]];
        assert_eq!(best_pairs(1, 3, 0.5, |i, j| s[i][j]), vec![(0, 0)]);
        let t = [[0.2], [0.7], [0.4]];
        assert_eq!(best_pairs(3, 1, 0.5, |i, j| t[i][j]), vec![(1, 0)]);
        assert!(best_pairs(0, 3, 0.5, |_, _| 1.0).is_empty());
    }
}
