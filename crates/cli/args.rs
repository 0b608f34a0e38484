//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status:
  0   success (warnings allowed)
  1   `iki check` found errors in the document
  2   bad command line
  65  the input is not a readable IKI document (binary, a damaged or
      unsupported original, a scan without text, or no positions found), a
      table of it could not be read (see --accept-partial), or an export
      left a document out
  69  a PDF was given and pdftotext is not installed (apt-get install
      poppler-utils, or set IKI_PDFTOTEXT)
  74  a file could not be read or written (or is larger than --max-input-mb)
  130 interrupted (SIGINT, SIGTERM, SIGHUP); temporary files were removed

Examples:
  iki convert seeds/bkpsdm-sumenep-2024.md -o iki-2024.json --changes changes.json
  iki rows seeds/bkpsdm-sumenep-2024.md > rows.ndjson
  iki check seeds/bkpsdm-sumenep-2024.md
  iki render seeds/bkpsdm-sumenep-2024.md -o clean.md
  iki convert IKI-DINSOS-2025.docx -o dinsos-2025.json   (also .xlsx, .xls, .ods, .pdf)
  iki render --source IKI-BPBD-2024.xlsx    (the text that source_lines count)
  iki convert iki-folder/ -o json-folder/
  iki export --format sqlite iki-2024.md iki-2025.md -o iki.sqlite
  cat iki.md | iki convert - --compact";

const DIFF_AFTER_HELP: &str = "\
Exit status (as diff(1)):
  0   no changes
  1   changes
  2   trouble: bad command line, unreadable file, not an IKI document

Examples:
  iki diff iki-2024.md iki-2025.md
  iki diff iki-2024.json iki-2025.md --format json -o changes-2025.json
  iki diff iki-2024.md iki-2025.md --format html -o perubahan.html";

/// Turn Indonesian IKI documents (Indikator Kinerja Individu) into structured data.
///
/// Reads the IKI an agency publishes each year (positions, their Tugas and
/// Fungsi, and the table of SASARAN, INDIKATOR KINERJA, FORMULASI and SUMBER
/// DATA) from the markdown a converter made or from the Word, Excel or PDF
/// original (told by content), fixes known misspellings, spacing and
/// duplicate rows (recording every change), and writes canonical JSON or
/// flat rows, each element with its place in the source.
#[derive(Debug, Parser)]
#[command(name = "iki", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Refuse an input larger than this many megabytes (MiB): a device or
    /// a file that never ends (/dev/zero, a log being appended to) would
    /// otherwise be read until memory runs out. The largest IKI documents
    /// are a few megabytes.
    #[arg(long, global = true, value_name = "MB", default_value_t = crate::io::DEFAULT_MAX_INPUT_MB)]
    pub max_input_mb: u64,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a document to canonical JSON (the whole model).
    ///
    /// The JSON has a fixed key order, 2-space indent and a trailing newline;
    /// the same input always gives the same bytes. Warnings about the input
    /// go to standard error.
    #[command(after_help = AFTER_HELP)]
    Convert(ConvertArgs),
    /// Print one JSON object per indicator row (NDJSON), in document order.
    ///
    /// Keys: group, unit, position_id, position_number, position_title,
    /// sasaran, indikator, formulasi, sumber_data, measure, source_lines.
    #[command(after_help = AFTER_HELP)]
    Rows(DocArgs),
    /// Show everything that was fixed, suggested or looks wrong, like
    /// compiler diagnostics with the source line underlined.
    ///
    /// Exits 1 if the document has errors (a row without an indicator, a row
    /// with more cells than its header); warnings alone exit 0. Possible typos
    /// the glossary does not know are shown as help, with their evidence;
    /// where Debian's hunspell-id dictionary is installed, words it does not
    /// know are shown too. Suggestions never change the output of convert.
    #[command(after_help = AFTER_HELP)]
    Check(CheckArgs),
    /// Write the normalized document back as clean markdown in one canonical
    /// layout (one heading style, one table layout, no debris).
    ///
    /// With --source, print instead the source text the parser read: for
    /// markdown the decoded input, for a Word, Excel or PDF original the
    /// markdown made from it, whose lines are the ones every span and
    /// `source_lines` count (the JSON's `origin.places` gives the place in
    /// the original of each).
    #[command(after_help = AFTER_HELP)]
    Render(RenderArgs),
    /// Compare two years' IKI: positions added, removed, renamed,
    /// renumbered or moved; duties, indicators, formulas and data sources
    /// changed.
    ///
    /// Each side is a source document or canonical JSON from `iki convert`.
    /// Both are normalized first, so a typo fixed between the years is not
    /// a change. Exit status as diff(1): 0 no changes, 1 changes, 2 trouble.
    #[command(after_help = DIFF_AFTER_HELP)]
    Diff(DiffArgs),
    /// Export one or many documents (sources, canonical JSON, or folders of
    /// them) for other systems: CSV, NDJSON, SQLite or XLSX.
    ///
    /// CSV and NDJSON: one row per indicator, with the document's year and
    /// agency. SQLite: tables documents, groups, positions, indicators;
    /// exporting a document again replaces its rows. XLSX: a summary sheet
    /// and one sheet per group. Cells starting with = + - @ are neutralized
    /// against formula injection in CSV and XLSX unless --raw-cells.
    #[command(after_help = AFTER_HELP)]
    Export(ExportArgs),
    /// Print the JSON Schema of the canonical JSON (`document`) or of one
    /// flat row (`row`), derived from the model types.
    Schema(SchemaArgs),
    /// Print a readable outline of what was read: groups, positions, duties,
    /// rows with their source lines, and every skipped line with its reason.
    #[command(after_help = AFTER_HELP)]
    Outline(DocArgs),
}

/// Input, output and verbosity, shared by every subcommand.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The document to read (markdown; UTF-8, UTF-16 or Windows-1252), or `-` for standard input.
    /// `iki convert` also takes a folder: every document in it is converted, in parallel.
    pub input: PathBuf,
    /// Write here instead of standard output. The file is replaced atomically.
    /// For a folder input, the folder to write one JSON file per document into.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not print warnings about the input.
    #[arg(short, long)]
    pub quiet: bool,
}

/// How the document is normalized.
#[derive(Debug, Args)]
pub struct NormalizeArgs {
    /// Skip the normalizer: output the text exactly as parsed.
    #[arg(long)]
    pub raw: bool,
    /// Extra glossary of misspellings (TSV: wrong, right, note); its entries
    /// win over the built-in ones. May be given several times.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Write the result even when a table, a row or a header could not be
    /// read (the errors are still printed). Without it such a document is
    /// an error (exit 65) and nothing is written.
    #[arg(long)]
    pub accept_partial: bool,
}

/// Arguments of commands that read one document.
#[derive(Debug, Args)]
pub struct DocArgs {
    /// Input and output.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Normalization.
    #[command(flatten)]
    pub normalize: NormalizeArgs,
}

/// Arguments of `iki render`.
#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Input, output, normalization.
    #[command(flatten)]
    pub doc: DocArgs,
    /// Print the source text the parser read (the lines spans count), not
    /// the rendered document.
    #[arg(long)]
    pub source: bool,
}

/// Arguments of `iki convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input, output, normalization.
    #[command(flatten)]
    pub doc: DocArgs,
    /// Write the JSON on one line.
    #[arg(long)]
    pub compact: bool,
    /// Also write the normalizer's audit log (every change: rule, where,
    /// before, after, source line) to FILE as JSON.
    #[arg(long, value_name = "FILE")]
    pub changes: Option<PathBuf>,
}

/// Output format of `iki check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Compiler-style diagnostics (colour on a terminal).
    Human,
    /// One JSON object per document (an array for several) with the
    /// diagnostics, changes and suggestions.
    Json,
}

/// Arguments of `iki check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The documents to check (`-` for standard input). Given several (for
    /// example one agency's IKI of several years), word counts for typo
    /// suggestions are taken over all of them.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: CheckFormat,
    /// Extra glossary of misspellings (TSV: wrong, right, note).
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Hunspell dictionary to check words against, as the path without
    /// extension (`.aff` and `.dic` are added). Default: the system's
    /// Indonesian dictionary, /usr/share/hunspell/id_ID, if installed.
    #[arg(long, value_name = "PATH", conflicts_with = "no_dictionary")]
    pub dictionary: Option<PathBuf>,
    /// Do not check words against a dictionary.
    #[arg(long)]
    pub no_dictionary: bool,
}

/// Output format of `iki diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Grouped by position, changed words highlighted.
    Terminal,
    /// `{"old", "new", "summary", "changes"}` for other systems.
    Json,
    /// A report to paste into a memo.
    Markdown,
    /// One self-contained HTML page with a summary and side-by-side changes.
    Html,
}

/// When to colour terminal output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Arguments of `iki diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The older document (markdown or canonical JSON; `-` for standard input).
    pub old: PathBuf,
    /// The newer document.
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "terminal")]
    pub format: DiffFormat,
    /// Write here instead of standard output. The file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out changes that are only a year (2024 -> 2025, "TA 2025" -> "TA 2026").
    #[arg(long)]
    pub ignore_years: bool,
    /// Extra glossary of misspellings (TSV: wrong, right, note).
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Colour in the terminal view.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorWhen,
    /// Do not print warnings about the inputs.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Comma-separated values (RFC 4180), one row per indicator.
    Csv,
    /// One JSON object per indicator row.
    Ndjson,
    /// An SQLite database (created, or updated in place).
    Sqlite,
    /// An Excel workbook.
    Xlsx,
}

/// Arguments of `iki export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Documents, canonical JSON files or folders of them (`-` for standard input).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write (required for sqlite and xlsx; standard output otherwise).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// CSV: start with a UTF-8 byte-order mark so that Excel reads UTF-8.
    #[arg(long)]
    pub excel: bool,
    /// CSV and XLSX: write cells exactly, even those a spreadsheet would run
    /// as formulas.
    #[arg(long)]
    pub raw_cells: bool,
    /// Normalization.
    #[command(flatten)]
    pub normalize: NormalizeArgs,
    /// Do not print warnings about the inputs.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Which schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// The canonical JSON of `iki convert`.
    Document,
    /// One object of `iki rows`.
    Row,
}

/// Arguments of `iki schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print.
    #[arg(value_enum, default_value = "document")]
    pub kind: SchemaKind,
}
