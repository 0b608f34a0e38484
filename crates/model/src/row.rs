//! Flat rows: one object per indicator, the contract other systems rely on.

use crate::{Document, Extras, GroupKind, Measure, Span};
use schemars::JsonSchema;
use serde::Serialize;

/// One indicator row with its position's identity, as `iki rows` prints it.
///
/// The key names and their order are a published contract: keep them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Row<'a> {
    /// Group kind.
    pub group: GroupKind,
    /// Unit title, or null.
    pub unit: Option<&'a str>,
    /// Position id.
    pub position_id: &'a str,
    /// Position number as written.
    pub position_number: &'a str,
    /// Position title.
    pub position_title: &'a str,
    /// SASARAN.
    pub sasaran: &'a str,
    /// INDIKATOR KINERJA.
    pub indikator: &'a str,
    /// PENJELASAN / FORMULASI PENGHITUNGAN.
    pub formulasi: &'a str,
    /// SUMBER DATA.
    pub sumber_data: &'a str,
    /// Measure.
    pub measure: Measure,
    /// `[first, last]` source lines of the row.
    pub source_lines: Span,
    /// The row's place in the original it was read from ("halaman 3,
    /// baris 12-14", "tabel 2, baris 5", "'IKI 2025'!A7:F9"); null for a
    /// document read from markdown, whose `source_lines` are the place.
    pub source_place: Option<String>,
    /// The cells of the table's other columns (SATUAN, TARGET, ...), by
    /// name in column order; `{}` when the table has none.
    pub extra: &'a Extras,
}

/// The flat rows of a document, in document order, borrowing its text.
pub fn rows(doc: &Document) -> impl Iterator<Item = Row<'_>> {
    let origin = doc.origin.as_ref();
    doc.groups.iter().flat_map(move |g| {
        g.positions.iter().flat_map(move |p| {
            p.indicators.iter().map(move |i| Row {
                group: g.kind,
                unit: p.unit.as_deref(),
                position_id: &p.id,
                position_number: &p.number,
                position_title: &p.title,
                sasaran: &i.sasaran,
                indikator: &i.indikator,
                formulasi: &i.formulasi,
                sumber_data: &i.sumber_data,
                measure: i.measure,
                source_lines: i.span,
                source_place: origin.and_then(|o| o.describe(i.span)),
                extra: &i.extra,
            })
        })
    })
}
