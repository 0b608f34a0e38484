//! The subcommands: read, parse, emit. No document logic lives here.

use crate::args::{Cli, Command, CommonArgs};
use crate::io::{display_name, read_input, CliError, Output};
use iki_emit::Layout;
use iki_model::{Diagnostic, Severity};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Convert(a) => {
            let layout = if a.compact {
                Layout::Compact
            } else {
                Layout::Pretty
            };
            let doc = load(&a.common)?;
            Output::new(a.common.output.as_deref(), &a.common.input)?
                .write_with(|w| iki_emit::write_json(w, &doc, layout))
        }
        Command::Rows(a) => {
            let doc = load(&a)?;
            Output::new(a.output.as_deref(), &a.input)?
                .write_with(|w| iki_emit::write_rows(w, &doc))
        }
        Command::Outline(a) => {
            let doc = load(&a)?;
            let text = iki_emit::outline(&doc);
            Output::new(a.output.as_deref(), &a.input)?
                .write_with(|w| w.write_all(text.as_bytes()).map_err(Into::into))
        }
    }
}

/// Reads and parses one input, reporting its warnings on standard error.
fn load(a: &CommonArgs) -> Result<iki_model::Document, CliError> {
    let bytes = read_input(&a.input)?;
    let name = display_name(&a.input);
    let parsed = iki_parse::parse(&bytes).map_err(|source| CliError::Parse {
        path: name.clone(),
        line: source.line().map_or(String::new(), |l| format!(":{l}")),
        source,
    })?;
    if !a.quiet {
        report(&name, &parsed.diagnostics);
    }
    Ok(parsed.document)
}

fn report(name: &str, diagnostics: &[Diagnostic]) {
    for d in diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let level = match d.severity {
            Severity::Error => "error",
            _ => "warning",
        };
        eprintln!(
            "{}:{}: {level}[{}]: {}",
            name, d.span.first, d.code, d.message
        );
    }
}
