//! Command-line arguments.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The exit statuses (as README lists them), shown by `iki --help` and
/// each subcommand's help.
macro_rules! exit_status {
    () => {
        "\
Exit status:
  0   success (warnings allowed)
  1   `iki check` found errors in the document
  2   bad command line
  65  the input is not a readable IKI document (binary, a damaged or
      unsupported original, a scan without text, or no positions found), a
      table of it could not be read (see --accept-partial), an export
      left a document out, or a glossary file is malformed
  69  a PDF was given and pdftotext is not installed (apt-get install
      poppler-utils, or set IKI_PDFTOTEXT)
  74  a file could not be read or written (or is larger than --max-input-mb)
  130 interrupted (SIGINT, SIGTERM, SIGHUP); temporary files were removed"
    };
}

const AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki convert seeds/bkpsdm-sumenep-2024.md -o iki-2024.json --changes changes.json
  iki rows seeds/bkpsdm-sumenep-2024.md > rows.ndjson
  iki check seeds/bkpsdm-sumenep-2024.md
  iki render seeds/bkpsdm-sumenep-2024.md -o clean.md
  iki convert IKI-DINSOS-2025.docx -o dinsos-2025.json   (also .xlsx, .xls, .ods, .pdf)
  iki render --source IKI-BPBD-2024.xlsx    (the text that source_lines count)
  iki convert iki-folder/ -o json-folder/
  iki export --format sqlite iki-2024.md iki-2025.md -o iki.sqlite
  cat iki.md | iki convert - --compact"
);

const CONVERT_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki convert seeds/bkpsdm-sumenep-2024.md -o iki-2024.json --changes changes.json
  iki convert IKI-DINSOS-2025.docx -o dinsos-2025.json   (also .xlsx, .xls, .ods, .pdf)
  iki convert iki-folder/ -o json-folder/
  cat iki.md | iki convert - --compact"
);

const ROWS_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki rows seeds/bkpsdm-sumenep-2024.md > rows.ndjson
  iki rows iki-2024.json -o rows.ndjson   (canonical JSON from iki convert)"
);

const CHECK_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki check seeds/bkpsdm-sumenep-2024.md
  iki check iki-2023.md iki-2024.md   (word counts taken over both)
  iki check --format json iki-2024.json"
);

const RENDER_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki render seeds/bkpsdm-sumenep-2024.md -o clean.md
  iki render iki-2024.json -o clean.md   (canonical JSON from iki convert)
  iki render --source IKI-BPBD-2024.xlsx    (the text that source_lines count)"
);

const OUTLINE_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki outline seeds/bkpsdm-sumenep-2024.md | less
  iki outline iki-2024.json   (canonical JSON from iki convert)"
);

const EXPORT_AFTER_HELP: &str = concat!(
    exit_status!(),
    "

Examples:
  iki export --format csv --excel iki-2024.md -o iki.csv
  iki export --format sqlite iki-2024.md iki-2025.json -o iki.sqlite
  iki export --format xlsx iki-folder/ -o iki.xlsx"
);

/// `iki convert`'s input, which may be a folder.
const CONVERT_INPUT_HELP: &str =
    "The document to read: markdown (UTF-8, UTF-16 or Windows-1252), a \
Word, Excel or PDF original, iki's canonical JSON, or `-` for standard input. \
A folder: every document in it is converted, in parallel";

/// `iki convert`'s output, a folder for a folder input.
const CONVERT_OUTPUT_HELP: &str = "Write here instead of standard output. The file is replaced \
atomically. For a folder input, the folder to write one JSON file per document into";

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
    /// Language of what people read: check's findings, outline, the diff
    /// reports (terminal, markdown, HTML), warnings and summaries. id
    /// (Indonesian, the default) or en (English); without it, the IKI_LANG
    /// environment variable. JSON and other machine formats are the same
    /// in both.
    #[arg(long, global = true, value_name = "LANG", value_parser = ["id", "en"])]
    pub lang: Option<String>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert a document to canonical JSON (the whole model).
    ///
    /// The JSON has a fixed key order, 2-space indent and a trailing newline;
    /// the same input always gives the same bytes. Warnings about the input
    /// go to standard error.
    #[command(
        after_help = CONVERT_AFTER_HELP,
        mut_arg("input", |a| a.help(CONVERT_INPUT_HELP)),
        mut_arg("output", |a| a.help(CONVERT_OUTPUT_HELP))
    )]
    Convert(ConvertArgs),
    /// Print one JSON object per indicator row (NDJSON), in document order.
    ///
    /// Keys: group, unit, position_id, position_number, position_title,
    /// sasaran, indikator, formulasi, sumber_data, measure, source_lines.
    #[command(after_help = ROWS_AFTER_HELP)]
    Rows(DocArgs),
    /// Show everything that was fixed, suggested or looks wrong, like
    /// compiler diagnostics with the source line underlined.
    ///
    /// Exits 1 if the document has errors (a row without an indicator, a row
    /// with more cells than its header); warnings alone exit 0. Possible typos
    /// the glossary does not know are shown as help, with their evidence: a
    /// rare word one slip from a word the documents use often, or from a
    /// word of the built-in Indonesian word list (hunspell-id). A word the
    /// list knows is never called a typo; two words one letter apart are at
    /// most a note to check the meaning. Suggestions never change the output
    /// of convert.
    #[command(after_help = CHECK_AFTER_HELP)]
    Check(CheckArgs),
    /// Write the normalized document back as clean markdown in one canonical
    /// layout (one heading style, one table layout, no debris).
    ///
    /// With --source, print instead the source text the parser read: for
    /// markdown the decoded input, for a Word, Excel or PDF original the
    /// markdown made from it, whose lines are the ones every span and
    /// `source_lines` count (the JSON's `origin.places` gives the place in
    /// the original of each).
    #[command(after_help = RENDER_AFTER_HELP)]
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
    #[command(after_help = EXPORT_AFTER_HELP)]
    Export(ExportArgs),
    /// Print the JSON Schema of the canonical JSON (`document`) or of one
    /// flat row (`row`), derived from the model types.
    Schema(SchemaArgs),
    /// Print a readable outline of what was read: groups, positions, duties,
    /// rows with their source lines, and every skipped line with its reason.
    #[command(after_help = OUTLINE_AFTER_HELP)]
    Outline(DocArgs),
    /// Serve iki over HTTP for other systems, and a web page: convert,
    /// check, diff, export and the schemas, byte for byte what the commands
    /// give (see GET /openapi.json).
    ///
    /// Listens on loopback (127.0.0.1:8080) unless --bind chooses another
    /// address, which the start-up line states. Bodies larger than
    /// --max-body-mb are answered 413, requests longer than --timeout-secs
    /// 408, conversions past --max-concurrent 503 with Retry-After. SIGINT
    /// or SIGTERM stops it after the requests in flight are answered.
    Serve(ServeArgs),
}

/// Input, output and verbosity, shared by every subcommand.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The document to read: markdown (UTF-8, UTF-16 or Windows-1252), a
    /// Word, Excel or PDF original, iki's canonical JSON, or `-` for
    /// standard input.
    pub input: PathBuf,
    /// Write here instead of standard output. The file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print nothing but errors (no warnings about the input, no summary).
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
    /// A Hunspell dictionary whose words are added to the built-in word
    /// list, as the path without extension (`.aff` and `.dic` are added),
    /// e.g. /usr/share/hunspell/id_ID.
    #[arg(long, value_name = "PATH", conflicts_with = "no_dictionary")]
    pub dictionary: Option<PathBuf>,
    /// Take corrections only from the documents' own frequent words, not
    /// from the word list (which still keeps known words from being called
    /// typos).
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
    /// The older document (markdown or canonical JSON; `-` for standard input),
    /// or a folder of them: then NEW is a folder too, and every document is
    /// compared with its partner (same agency and region, else same file
    /// name without years) in one report.
    pub old: PathBuf,
    /// The newer document, or folder.
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

/// Arguments of `iki serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on. Anything but a loopback address (such as
    /// 0.0.0.0:8080) makes the server reachable from other machines.
    #[arg(long, value_name = "ADDR", default_value = iki_serve::DEFAULT_BIND)]
    pub bind: std::net::SocketAddr,
    /// Refuse a request body larger than this many megabytes (MiB) with 413.
    #[arg(long, value_name = "MB", default_value_t = iki_serve::DEFAULT_MAX_BODY_MB,
          value_parser = clap::value_parser!(u64).range(1..=4096))]
    pub max_body_mb: u64,
    /// The time limit of one request, from its first byte to its answer
    /// (a client sending slowly is cut off by it): 408 past it.
    #[arg(long, value_name = "SECS", default_value_t = iki_serve::DEFAULT_TIMEOUT_SECS,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout_secs: u64,
    /// Conversions (convert, check, diff) running at once; one more is
    /// answered 503 with Retry-After.
    #[arg(long, value_name = "N", default_value_t = iki_serve::DEFAULT_MAX_CONCURRENT,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1024))]
    pub max_concurrent: usize,
}

/// Arguments of `iki schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which schema to print.
    #[arg(value_enum, default_value = "document")]
    pub kind: SchemaKind,
}
