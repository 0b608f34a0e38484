//! The typed model of an IKI document (Indikator Kinerja Individu).
//!
//! Every stage of `iki` speaks this model: the parser builds a [`Document`],
//! the normalizer rewrites it, the emitter serializes it. The model knows
//! nothing about markdown, JSON formatting or I/O.
//!
//! Invariants every producer of a [`Document`] keeps:
//! - every element carries the 1-based source [`Span`] it came from;
//! - every non-blank source line is inside some element's span or listed in
//!   [`Document::skipped`] with a [`SkipReason`];
//! - collections are `Vec`s in document order, so serialization is
//!   deterministic.
//!
//! ```
//! use iki_model::{Measure, Span};
//!
//! assert_eq!(Measure::from_indikator("Persentase ASN yang disiplin"), Measure::Percentage);
//! assert_eq!(Span::new(3, 5).len(), 3);
//! ```
#![deny(missing_docs)]

mod accounting;
mod change;
mod diagnostic;
mod document;
mod extra;
mod formula;
mod formula_read;
pub mod ids;
pub mod lang;
mod measure;
mod origin;
mod row;
pub mod schema;
mod span;
mod terminal;
mod validate;

pub use change::{Change, Rule};
pub use diagnostic::{Diagnostic, Severity};
pub use document::{
    Document, Group, GroupKind, Indicator, Item, Position, SkipReason, Skipped, TableDialect, Unit,
    SCHEMA_VERSION,
};
pub use extra::{Extras, Target};
pub use formula::Formula;
pub use measure::Measure;
pub use origin::{Origin, OriginalFormat, Place};
pub use row::{rows, Row};
pub use span::Span;
pub use terminal::terminal_safe;
pub use validate::READABLE_VERSIONS;
