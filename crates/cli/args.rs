//! Command-line arguments.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Exit status:
  0   success (warnings allowed)
  2   bad command line
  65  the input is not a readable IKI document (binary, or no positions found)
  74  a file could not be read or written

Examples:
  iki convert seeds/bkpsdm-sumenep-2024.md -o iki-2024.json
  iki rows seeds/bkpsdm-sumenep-2024.md > rows.ndjson
  cat iki.md | iki convert - --compact";

/// Turn Indonesian IKI documents (Indikator Kinerja Individu) into structured data.
///
/// Reads the PDF-converted markdown an agency publishes each year (positions,
/// their Tugas and Fungsi, and the table of SASARAN, INDIKATOR KINERJA,
/// FORMULASI and SUMBER DATA) and writes it as canonical JSON or flat rows.
#[derive(Debug, Parser)]
#[command(name = "iki", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
    Rows(CommonArgs),
    /// Print a readable outline of what was read: groups, positions, duties,
    /// rows with their source lines, and every skipped line with its reason.
    #[command(after_help = AFTER_HELP)]
    Outline(CommonArgs),
}

/// Input, output and verbosity, shared by every subcommand.
#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The document to read (markdown; UTF-8, UTF-16 or Windows-1252), or `-` for standard input.
    pub input: PathBuf,
    /// Write here instead of standard output. The file is replaced atomically.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Do not print warnings about the input.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `iki convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Input and output.
    #[command(flatten)]
    pub common: CommonArgs,
    /// Write the JSON on one line.
    #[arg(long)]
    pub compact: bool,
}
