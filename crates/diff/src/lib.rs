//! Compare one year's IKI with another's: which positions were added,
//! removed, renamed, renumbered or moved, and which duties, indicators,
//! formulas and data sources changed. See `SPEC.md` beside this crate for
//! the exact meaning of every change.
//!
//! The two documents should both be normalized first, so that a typo fixed
//! between the years is not reported as a change.
//!
//! ```
//! let old = "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n\
//!            SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
//!            Tersedianya data\tJumlah data Tahun 2024\tJumlah data\tLaporan Kinerja\n";
//! let new = old.replace("2024", "2025").replace("Menganalisis.", "Menganalisis data.");
//! let a = iki_parse::parse(old.as_bytes()).unwrap().document;
//! let b = iki_parse::parse(new.as_bytes()).unwrap().document;
//! let changes = iki_diff::diff(&a, &b, &iki_diff::Options::default());
//! let kinds: Vec<_> = changes.iter().map(|c| c.kind).collect();
//! assert_eq!(kinds, [iki_diff::Kind::TugasChanged, iki_diff::Kind::YearUpdated]);
//! ```
#![deny(missing_docs)]

mod assign;
mod compare;
mod order;
pub mod region;
pub mod report;
mod score;
pub mod words;
mod years;

pub use compare::diff;
use iki_model::{Document, Extras, GroupKind, Indicator, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Two unmatched positions are paired only if their similarity (title,
/// duties and indicator words, weighted 0.5 / 0.2 / 0.3; Jaccard index of
/// word sets) is at least this.
pub const POSITION_THRESHOLD: f64 = 0.5;
/// Two indicator rows of matched positions are paired only if their
/// similarity (SASARAN, INDIKATOR, FORMULASI, SUMBER DATA weighted 0.2 /
/// 0.4 / 0.3 / 0.1) is at least this.
pub const INDICATOR_THRESHOLD: f64 = 0.5;
/// Taken off the similarity of two positions in different groups, so that
/// a position stays in its group when an equally good match is there.
pub const OTHER_GROUP_PENALTY: f64 = 0.05;

/// The field of a change to an extra column (SATUAN, TARGET, ...) is this
/// prefix and the column's name: `extra.TARGET`.
pub const EXTRA_PREFIX: &str = "extra.";

/// The version of the report's JSON format (`format_version`). Version 2
/// added `format_version` itself, each side's `position_names`, and whole
/// rows (objects) in `before` / `after` of `indicator_added` and
/// `indicator_removed`, where version 1 (which had no `format_version`)
/// held the INDIKATOR text.
pub const FORMAT_VERSION: u32 = 2;

/// What kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A position only in the new document.
    PositionAdded,
    /// A position only in the old document.
    PositionRemoved,
    /// A matched position whose title changed.
    PositionRenamed,
    /// A matched position whose number changed.
    PositionRenumbered,
    /// A matched position now in another group or unit.
    PositionMoved,
    /// Tugas items changed.
    TugasChanged,
    /// Fungsi items changed.
    FungsiChanged,
    /// An indicator row only in the new position.
    IndicatorAdded,
    /// An indicator row only in the old position.
    IndicatorRemoved,
    /// A field of a matched indicator row changed.
    IndicatorChanged,
    /// A matched indicator row moved within its position.
    IndicatorReordered,
    /// A text that differs only in its years.
    YearUpdated,
}

impl Kind {
    /// All kinds, in report order.
    pub const ALL: [Kind; 12] = [
        Kind::PositionAdded,
        Kind::PositionRemoved,
        Kind::PositionRenamed,
        Kind::PositionRenumbered,
        Kind::PositionMoved,
        Kind::TugasChanged,
        Kind::FungsiChanged,
        Kind::IndicatorAdded,
        Kind::IndicatorRemoved,
        Kind::IndicatorChanged,
        Kind::IndicatorReordered,
        Kind::YearUpdated,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PositionAdded => "position_added",
            Kind::PositionRemoved => "position_removed",
            Kind::PositionRenamed => "position_renamed",
            Kind::PositionRenumbered => "position_renumbered",
            Kind::PositionMoved => "position_moved",
            Kind::TugasChanged => "tugas_changed",
            Kind::FungsiChanged => "fungsi_changed",
            Kind::IndicatorAdded => "indicator_added",
            Kind::IndicatorRemoved => "indicator_removed",
            Kind::IndicatorChanged => "indicator_changed",
            Kind::IndicatorReordered => "indicator_reordered",
            Kind::YearUpdated => "year_updated",
        }
    }
}

/// One change. The key names are a published contract: keep them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// What changed.
    pub kind: Kind,
    /// Group kind of the new position (the old one's for a removal).
    pub group: GroupKind,
    /// Id of the old position, if any.
    pub position_old: Option<String>,
    /// Id of the new position, if any.
    pub position_new: Option<String>,
    /// The field that changed, where the kind has one.
    pub field: Option<String>,
    /// The old value: a text, or the whole row of `indicator_removed`.
    pub before: Option<Value>,
    /// The new value: a text, or the whole row of `indicator_added`.
    pub after: Option<Value>,
    /// Source lines on the old side.
    pub old_lines: Option<Span>,
    /// Source lines on the new side.
    pub new_lines: Option<Span>,
}

impl Change {
    /// The old value, if it is a text.
    pub fn before_text(&self) -> Option<&str> {
        self.before.as_ref().and_then(Value::text)
    }

    /// The new value, if it is a text.
    pub fn after_text(&self) -> Option<&str> {
        self.after.as_ref().and_then(Value::text)
    }
}

/// A value before or after a change: a text, or a whole indicator row
/// (added or removed). In JSON a string or an object.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A text (a title, a cell, Tugas items joined with `"\n"`, ...).
    Text(String),
    /// A whole indicator row.
    Row(Box<IndicatorRow>),
}

impl Value {
    /// The text, if this is one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(t) => Some(t),
            Value::Row(_) => None,
        }
    }
}

impl From<String> for Value {
    fn from(text: String) -> Value {
        Value::Text(text)
    }
}

/// A whole indicator row, as `indicator_added` / `indicator_removed` carry
/// it: the four cells and the extra columns by name, in column order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRow {
    /// SASARAN.
    pub sasaran: String,
    /// INDIKATOR KINERJA.
    pub indikator: String,
    /// PENJELASAN / FORMULASI PENGHITUNGAN.
    pub formulasi: String,
    /// SUMBER DATA.
    pub sumber_data: String,
    /// Every other column (SATUAN, TARGET, ...), by name; `{}` where none.
    #[serde(default)]
    pub extra: Extras,
}

impl IndicatorRow {
    /// The cells of `row`.
    pub fn of(row: &Indicator) -> IndicatorRow {
        IndicatorRow {
            sasaran: row.sasaran.clone(),
            indikator: row.indikator.clone(),
            formulasi: row.formulasi.clone(),
            sumber_data: row.sumber_data.clone(),
            extra: row.extra.clone(),
        }
    }
}

/// A position as its document names it, for the reports' headings
/// ("3. KEPALA BIDANG MUTASI DAN PROMOSI — PEJABAT ADMINISTRATOR").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionName {
    /// The position's id (as in `position_old` / `position_new`).
    pub id: String,
    /// Number as written ("3", "1.1"; may be empty).
    pub number: String,
    /// Title as written, without number and the word JABATAN.
    pub title: String,
    /// The group kind.
    pub group: GroupKind,
    /// The group's banner as written ("PEJABAT ADMINISTRATOR"), if any.
    pub group_title: Option<String>,
}

/// How to compare.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Leave out changes that are only a year.
    pub ignore_years: bool,
}

/// One side of a comparison, as the report describes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Side {
    /// File name as given.
    pub file: String,
    /// Document title.
    pub title: Option<String>,
    /// Agency.
    pub agency: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Year.
    pub year: Option<u16>,
    /// Number of positions.
    pub positions: usize,
    /// Number of indicator rows.
    pub indicators: usize,
    /// The positions the changes name, as this document names them (in
    /// document order; `Report::new` keeps only those the changes refer to).
    #[serde(default)]
    pub position_names: Vec<PositionName>,
}

impl Side {
    /// Describes `doc`, read from `file`.
    pub fn of(file: &str, doc: &Document) -> Side {
        let positions = doc.groups.iter().flat_map(|g| &g.positions);
        Side {
            file: file.to_string(),
            title: doc.title.clone(),
            agency: doc.agency.clone(),
            region: doc.region.clone(),
            year: doc.year,
            positions: positions.clone().count(),
            indicators: positions.map(|p| p.indicators.len()).sum(),
            position_names: doc
                .groups
                .iter()
                .flat_map(|g| {
                    g.positions.iter().map(move |p| PositionName {
                        id: p.id.clone(),
                        number: p.number.clone(),
                        title: p.title.clone(),
                        group: g.kind,
                        group_title: g.title.clone(),
                    })
                })
                .collect(),
        }
    }

    /// The name of the position `id`, if this side has it.
    pub fn position_name(&self, id: &str) -> Option<&PositionName> {
        self.position_names.iter().find(|n| n.id == id)
    }
}

/// The whole result, as `iki diff --format json` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The version of this JSON format: [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The old document.
    pub old: Side,
    /// The new document.
    pub new: Side,
    /// Changes per kind (every kind listed, zero included).
    pub summary: BTreeMap<Kind, usize>,
    /// The changes, in report order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Builds the report.
    /// Each side keeps the names of only the positions the changes refer
    /// to.
    pub fn new(mut old: Side, mut new: Side, changes: Vec<Change>) -> Report {
        let ids = |id: fn(&Change) -> Option<&str>| -> std::collections::HashSet<&str> {
            changes.iter().filter_map(id).collect()
        };
        let old_ids = ids(|c| c.position_old.as_deref());
        let new_ids = ids(|c| c.position_new.as_deref());
        old.position_names
            .retain(|n| old_ids.contains(n.id.as_str()));
        new.position_names
            .retain(|n| new_ids.contains(n.id.as_str()));
        let mut summary: BTreeMap<Kind, usize> = Kind::ALL.iter().map(|k| (*k, 0)).collect();
        for c in &changes {
            *summary.entry(c.kind).or_default() += 1;
        }
        Report {
            format_version: FORMAT_VERSION,
            old,
            new,
            summary,
            changes,
        }
    }
}
