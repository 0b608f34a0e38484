//! JSON Schemas of the canonical JSON and of the flat row, derived from the
//! model types so that they cannot drift from what iki writes.

use crate::{Document, Row};

/// The schema of `iki convert`'s canonical JSON.
pub fn document() -> schemars::Schema {
    schemars::schema_for!(Document)
}

/// The schema of one `iki rows` object.
pub fn row() -> schemars::Schema {
    schemars::schema_for!(Row<'static>)
}
