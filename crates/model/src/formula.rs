//! A typed reading of the PENJELASAN / FORMULASI PENGHITUNGAN cell.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How an indicator is computed, where the formulasi has a recognisable form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Formula {
    /// `numerator / denominator × multiplier unit`, e.g. a percentage.
    Ratio {
        /// What is counted above the line.
        numerator: String,
        /// What is counted below the line.
        denominator: String,
        /// The factor, e.g. 100; `None` if not written.
        multiplier: Option<u32>,
        /// The unit, e.g. "%"; `None` if not written.
        unit: Option<String>,
    },
}
