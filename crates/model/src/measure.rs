//! The measure of an indicator, inferred from its wording.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// What kind of quantity an indicator measures.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A count: "Jumlah ...".
    Count,
    /// A percentage: "Persentase ..." (also misspelt "Presentase").
    Percentage,
    /// An index or score: "Indeks ...", "Nilai ...".
    Index,
    /// Anything else.
    Other,
}

/// The word list in `data/measures.tsv`, compiled in.
const MEASURES_TSV: &str = include_str!("../data/measures.tsv");

fn table() -> &'static [(String, Measure)] {
    static TABLE: OnceLock<Vec<(String, Measure)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        MEASURES_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (word, measure) = l.split_once('\t')?;
                let measure = match measure.trim() {
                    "count" => Measure::Count,
                    "percentage" => Measure::Percentage,
                    "index" => Measure::Index,
                    _ => return None,
                };
                Some((word.trim().to_lowercase(), measure))
            })
            .collect()
    })
}

impl Measure {
    /// Infers the measure from the first word of an INDIKATOR KINERJA cell.
    pub fn from_indikator(indikator: &str) -> Measure {
        let first = indikator
            .split(|c: char| !c.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        table()
            .iter()
            .find(|(word, _)| *word == first)
            .map_or(Measure::Other, |(_, m)| *m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_first_word() {
        assert_eq!(Measure::from_indikator("Jumlah Dokumen"), Measure::Count);
        assert_eq!(
            Measure::from_indikator("Presentase ASN"),
            Measure::Percentage
        );
        assert_eq!(
            Measure::from_indikator("PERSENTASE ASN"),
            Measure::Percentage
        );
        assert_eq!(Measure::from_indikator("Nilai Indeks"), Measure::Index);
        assert_eq!(Measure::from_indikator("Indeks Merit"), Measure::Index);
        assert_eq!(Measure::from_indikator("Tingkat kepatuhan"), Measure::Other);
        assert_eq!(Measure::from_indikator(""), Measure::Other);
        // The word must be whole: "Jumlahnya" is not "Jumlah".
        assert_eq!(Measure::from_indikator("Jumlahnya"), Measure::Other);
    }

    #[test]
    fn data_file_is_well_formed() {
        let data_lines = MEASURES_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .count();
        assert_eq!(
            table().len(),
            data_lines,
            "a line of measures.tsv did not parse"
        );
    }
}
