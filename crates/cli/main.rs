//! The `iki` command: reads IKI documents and wires the stages together.
//! It alone does I/O; every stage below it is a pure library.

mod args;
mod commands;
mod io;

use clap::Parser;
use std::process::ExitCode;

/// Exit statuses, as documented in `--help` and README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// `iki check` found errors in the document.
    pub const FINDINGS: u8 = 1;
    /// Bad command line (clap's own status).
    pub const USAGE: u8 = 2;
    /// The input is not a readable IKI document (sysexits EX_DATAERR).
    pub const DATA: u8 = 65;
    /// A file could not be read or written (sysexits EX_IOERR).
    pub const IO: u8 = 74;
}

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("iki: error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}
