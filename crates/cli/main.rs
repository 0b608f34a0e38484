//! The `iki` command: reads IKI documents and wires the stages together.
//! It alone does I/O; every stage below it is a pure library.

mod args;
mod batch;
mod commands;
mod diff;
mod export;
mod io;
mod load;
mod serve;

use clap::Parser;
use std::process::ExitCode;

/// Exit statuses, as documented in `--help` and README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// `iki check` found errors in the document; `iki diff` found changes.
    pub const FINDINGS: u8 = 1;
    /// `iki diff` could not compare (diff(1)'s "trouble").
    pub const TROUBLE: u8 = 2;
    /// Bad command line (clap's own status).
    pub const USAGE: u8 = 2;
    /// The input is not a readable IKI document (sysexits EX_DATAERR).
    pub const DATA: u8 = 65;
    /// A program iki needs (pdftotext) is not installed (sysexits
    /// EX_UNAVAILABLE).
    pub const UNAVAILABLE: u8 = 69;
    /// A file could not be read or written (sysexits EX_IOERR).
    pub const IO: u8 = 74;
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    io::set_max_input(cli.max_input_mb.saturating_mul(1 << 20));
    io::set_lang(cli.lang.as_deref());
    // `iki serve` handles SIGINT and SIGTERM itself: it finishes the
    // requests in flight (and writes no temporary files).
    if !matches!(cli.command, args::Command::Serve(_)) {
        io::remove_temporary_files_on_interrupt();
    }
    let cli_is_diff = matches!(cli.command, args::Command::Diff(_));
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        // A reader that stopped early (`iki rows ... | head`) is not an
        // error worth a message: stop quietly, as Unix tools do.
        Err(e) if e.is_broken_pipe() => ExitCode::from(exit::OK),
        Err(e) => {
            io::say(&format!("iki: error: {e}"));
            // `iki diff` follows diff(1): any trouble is 2.
            if cli_is_diff {
                ExitCode::from(exit::TROUBLE)
            } else {
                ExitCode::from(e.exit_code())
            }
        }
    }
}
