//! Similarity of texts, positions and indicators, from 0 (nothing in
//! common) to 1 (the same words).

use iki_model::{Indicator, Position};
use std::collections::BTreeSet;

/// The lowercase words of a text.
pub fn word_set(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Jaccard index of two word sets; two empty sets are the same (1).
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 1.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Word similarity of two texts.
pub fn text(a: &str, b: &str) -> f64 {
    jaccard(&word_set(a), &word_set(b))
}

/// What a position is made of, for matching.
pub struct PositionWords {
    title: BTreeSet<String>,
    duties: BTreeSet<String>,
    indicators: BTreeSet<String>,
}

impl PositionWords {
    /// Collects the words of a position.
    pub fn of(p: &Position) -> PositionWords {
        let duties = p
            .tugas
            .iter()
            .chain(&p.fungsi)
            .flat_map(|i| word_set(&i.text))
            .collect();
        let indicators = p
            .indicators
            .iter()
            .flat_map(|i| {
                word_set(&i.sasaran)
                    .into_iter()
                    .chain(word_set(&i.indikator))
            })
            .collect();
        PositionWords {
            title: word_set(&p.title),
            duties,
            indicators,
        }
    }
}

impl PositionWords {
    /// The words that find a position's candidates when long lists are
    /// matched by blocking: its title's and its indicators' (duties share
    /// too many words to tell positions apart).
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.title.iter().chain(&self.indicators)
    }
}

/// Weights of title, duties and indicators in a position's similarity.
const POSITION_WEIGHTS: [f64; 3] = [0.5, 0.2, 0.3];

/// Similarity of two positions: their titles, duties and indicator words,
/// weighted; a part empty on both sides is left out of the weighting.
pub fn position(a: &PositionWords, b: &PositionWords) -> f64 {
    let parts = [
        (&a.title, &b.title),
        (&a.duties, &b.duties),
        (&a.indicators, &b.indicators),
    ];
    let mut total = 0.0;
    let mut weight = 0.0;
    for ((x, y), w) in parts.iter().zip(POSITION_WEIGHTS) {
        if x.is_empty() && y.is_empty() {
            continue;
        }
        total += w * jaccard(x, y);
        weight += w;
    }
    if weight == 0.0 {
        0.0
    } else {
        total / weight
    }
}

/// Weights of SASARAN, INDIKATOR, FORMULASI and SUMBER DATA in a row's
/// similarity.
const INDICATOR_WEIGHTS: [f64; 4] = [0.2, 0.4, 0.3, 0.1];

/// Similarity of two indicator rows, cell by cell.
pub fn indicator(a: &Indicator, b: &Indicator) -> f64 {
    let pairs = [
        (&a.sasaran, &b.sasaran),
        (&a.indikator, &b.indikator),
        (&a.formulasi, &b.formulasi),
        (&a.sumber_data, &b.sumber_data),
    ];
    pairs
        .iter()
        .zip(INDICATOR_WEIGHTS)
        .map(|((x, y), w)| w * text(x, y))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts() {
        assert_eq!(text("Jumlah Laporan", "jumlah laporan"), 1.0);
        assert_eq!(text("", ""), 1.0);
        assert_eq!(text("a b", "c d"), 0.0);
        assert!((text("a b c", "a b d") - 0.5).abs() < 1e-9);
    }
}
