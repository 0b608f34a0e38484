//! The document tree: document, groups, positions, duties and indicators.

use crate::{Extras, Formula, Measure, Origin, Rule, Span, Target};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the canonical JSON layout. Bump it when a key is renamed,
/// removed or changes meaning; adding an optional key does not bump it.
/// Version 2 added `dialects`, and `extra` and `target` on every indicator
/// (and `extra` on every flat row).
pub const SCHEMA_VERSION: &str = "2";

/// One IKI document: an agency's individual performance indicators for a year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Document {
    /// Version of the JSON layout, [`SCHEMA_VERSION`].
    pub schema_version: String,
    /// The document's title as written, e.g.
    /// "Indikator Kinerja Individu BKPSDM KAB. SUMENEP TAHUN 2024".
    pub title: Option<String>,
    /// Short name of the agency, e.g. "BKPSDM".
    pub agency: Option<String>,
    /// Full name of the agency as the group banners give it.
    pub agency_name: Option<String>,
    /// The region, e.g. "Kabupaten Sumenep".
    pub region: Option<String>,
    /// The year the indicators are for.
    pub year: Option<u16>,
    /// The table dialects the source wrote its tables in, in this order:
    /// tab, pipe, html, grid.
    #[serde(default)]
    pub dialects: Vec<TableDialect>,
    /// Where the document came from when it was read from an original
    /// (Word, Excel, PDF, layout text): the place of every line of the
    /// source text the spans count. Absent for markdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// Groups of positions, in document order.
    pub groups: Vec<Group>,
    /// Non-blank source lines that belong to no element, each with a reason.
    pub skipped: Vec<Skipped>,
    /// How many changes each normalization rule made; `None` for a document
    /// that was not normalized (`iki convert --raw`).
    pub normalized: Option<BTreeMap<Rule, u32>>,
}

impl Default for Document {
    /// An empty document of the current schema version.
    fn default() -> Self {
        Document {
            schema_version: SCHEMA_VERSION.to_string(),
            title: None,
            agency: None,
            agency_name: None,
            region: None,
            year: None,
            dialects: Vec::new(),
            origin: None,
            groups: Vec::new(),
            skipped: Vec::new(),
            normalized: None,
        }
    }
}

/// The kind of a group of positions (jenis jabatan).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Jabatan Pimpinan Tinggi: the head of the agency.
    PimpinanTinggi,
    /// Jabatan Administrator.
    Administrator,
    /// Jabatan Pengawas.
    Pengawas,
    /// Jabatan Fungsional Tertentu.
    FungsionalTertentu,
    /// Jabatan Fungsional Umum (pelaksana).
    FungsionalUmum,
}

impl GroupKind {
    /// All kinds, in the order documents list them.
    pub const ALL: [GroupKind; 5] = [
        GroupKind::PimpinanTinggi,
        GroupKind::Administrator,
        GroupKind::Pengawas,
        GroupKind::FungsionalTertentu,
        GroupKind::FungsionalUmum,
    ];

    /// The snake_case name used in JSON and ids.
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::PimpinanTinggi => "pimpinan_tinggi",
            GroupKind::Administrator => "administrator",
            GroupKind::Pengawas => "pengawas",
            GroupKind::FungsionalTertentu => "fungsional_tertentu",
            GroupKind::FungsionalUmum => "fungsional_umum",
        }
    }

    /// The banner that names this kind in a document, e.g. "JABATAN PENGAWAS".
    pub fn banner(self) -> &'static str {
        match self {
            GroupKind::PimpinanTinggi => "JABATAN PIMPINAN TINGGI",
            GroupKind::Administrator => "JABATAN ADMINISTRATOR",
            GroupKind::Pengawas => "JABATAN PENGAWAS",
            GroupKind::FungsionalTertentu => "JABATAN FUNGSIONAL TERTENTU",
            GroupKind::FungsionalUmum => "JABATAN FUNGSIONAL UMUM",
        }
    }

    /// Parses the snake_case name.
    pub fn from_name(name: &str) -> Option<GroupKind> {
        GroupKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl std::fmt::Display for GroupKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a source wrote a table.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum TableDialect {
    /// Tab-separated lines (PDF converters' plain text).
    Tab,
    /// GitHub pipe tables (Docling, marker, pandoc).
    Pipe,
    /// HTML tables (MinerU, pandoc for complex cells).
    Html,
    /// pandoc grid tables (`+---+`, `+===+`).
    Grid,
}

impl TableDialect {
    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            TableDialect::Tab => "tab",
            TableDialect::Pipe => "pipe",
            TableDialect::Html => "html",
            TableDialect::Grid => "grid",
        }
    }
}

/// A group of positions of one kind, usually introduced by a banner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// The kind of positions in the group.
    pub kind: GroupKind,
    /// The banner line naming the kind, as written ("JABATAN PENGAWAS");
    /// `None` where the document gives the group no banner.
    pub title: Option<String>,
    /// From the banner (or first position) to the group's last line.
    pub span: Span,
    /// The banner's lines, if any.
    pub banner: Option<Span>,
    /// Organisational units named inside the group ("1. SEKRETARIAT").
    pub units: Vec<Unit>,
    /// Positions in document order.
    pub positions: Vec<Position>,
}

/// An organisational unit heading that positions are listed under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Unit {
    /// Number as written, e.g. "1".
    pub number: String,
    /// Title as written, e.g. "SEKRETARIAT".
    pub title: String,
    /// The heading line.
    pub span: Span,
}

/// A position (jabatan) with its duties and indicator table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Position {
    /// Stable id: a slug of group kind and title, unique in the document and
    /// independent of the number, e.g. `administrator/sekretaris`; a title
    /// that occurs again in the same group gets `--2`, `--3`, ...
    pub id: String,
    /// Number as written, e.g. "3" or "1.1".
    pub number: String,
    /// Title without number and the word JABATAN.
    pub title: String,
    /// Title of the unit the position is listed under, if any.
    pub unit: Option<String>,
    /// From the heading to the position's last line.
    pub span: Span,
    /// The heading line(s).
    pub heading: Span,
    /// Tugas (duties), in order; a one-sentence Tugas is a list of one.
    pub tugas: Vec<Item>,
    /// Fungsi (functions), in order.
    pub fungsi: Vec<Item>,
    /// Indicator rows, in order.
    pub indicators: Vec<Indicator>,
}

/// One item of a Tugas or Fungsi list, without its letter ("a.").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Item {
    /// The item's text.
    pub text: String,
    /// Source lines of the item.
    pub span: Span,
}

/// One row of a position's indicator table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Indicator {
    /// The NO. cell as written, where the table has one.
    pub number: Option<String>,
    /// SASARAN: the target.
    pub sasaran: String,
    /// INDIKATOR KINERJA: the indicator.
    pub indikator: String,
    /// PENJELASAN / FORMULASI PENGHITUNGAN: how it is computed, as written.
    pub formulasi: String,
    /// SUMBER DATA: the data source.
    pub sumber_data: String,
    /// The cells of every other column (SATUAN, TARGET, ...), by name, in
    /// column order: no column is ever dropped.
    #[serde(default)]
    pub extra: Extras,
    /// What kind of quantity the indicator measures.
    pub measure: Measure,
    // Boxed: most rows have none, and a row stays small (memory of long
    // documents).
    /// A typed reading of `formulasi`, where it has a recognisable form.
    pub formula: Option<Box<Formula>>,
    /// A typed reading of the TARGET column (with SATUAN), where the row has
    /// one and it reads as a number or a grade.
    #[serde(default)]
    pub target: Option<Box<Target>>,
    /// True where the SASARAN cell was empty and was filled from the row above.
    pub sasaran_filled: bool,
    /// Source lines of the row, including any continuation lines merged into it.
    pub span: Span,
    /// Lines after the first that held the rest of the row (split at a page
    /// break) and were merged into it.
    pub continuation_lines: Vec<u32>,
}

/// A non-blank source line that belongs to no element.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Skipped {
    /// 1-based line number.
    pub line: u32,
    /// Why it was skipped.
    pub reason: SkipReason,
    /// The line's text with markdown markers and tags removed (table cells
    /// joined by tabs); a line that is only markup, as written.
    pub text: String,
}

/// Why a line is not part of any element.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// The document's title line; its content is in the document's fields.
    Title,
    /// Another heading before the first group or position.
    Preamble,
    /// A group banner line; its content is in the group's title.
    GroupBanner,
    /// A table header row (first or repeated).
    TableHeader,
    /// A separator row or horizontal rule.
    Separator,
    /// A "Tugas :" / "Fungsi :" label line without item text.
    DutyLabel,
    /// A table row whose cells are all empty.
    EmptyRow,
    /// An HTML comment or block of markup with no text.
    Markup,
    /// A line the parser did not understand (reported as a diagnostic).
    Unrecognized,
    /// An indicator row removed by the normalizer as a duplicate of an
    /// earlier row of the same position (see the audit log).
    DuplicateRow,
    /// A running page header or footer, a page number, or a table header
    /// repeated on a new page, of a PDF or of layout text.
    PageFurniture,
}
