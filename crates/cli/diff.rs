//! `iki diff`: reads both sides (source or canonical JSON), normalizes them
//! and hands them to the diff stage; writes the report in the chosen format.

use crate::args::{ColorWhen, DiffArgs, DiffFormat};
use crate::commands::glossary;
use crate::exit;
use crate::io::{display_name, CliError, Output};
use crate::load::load_any;
use iki_diff::{Options, Report, Side};
use std::io::IsTerminal;

/// Runs `iki diff`; the exit status is diff(1)'s.
pub fn run(a: &DiffArgs) -> Result<u8, CliError> {
    let out = Output::new(a.output.as_deref(), &a.old)?;
    Output::new(a.output.as_deref(), &a.new)?;
    let g = glossary(&a.glossary)?;
    let old = load_any(&a.old, Some(&g), a.quiet)?;
    let new = load_any(&a.new, Some(&g), a.quiet)?;
    let options = Options {
        ignore_years: a.ignore_years,
    };
    let changes = iki_diff::diff(&old, &new, &options);
    let report = Report::new(
        Side::of(&display_name(&a.old), &old),
        Side::of(&display_name(&a.new), &new),
        changes,
    );
    let color = match a.color {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            a.output.is_none()
                && std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let text = match a.format {
        DiffFormat::Json => None,
        DiffFormat::Terminal => Some(iki_diff::report::terminal(&report, color)),
        // Markdown read on a terminal goes through the terminal filter
        // (a file gets the document's text as it is).
        DiffFormat::Markdown if a.output.is_none() && std::io::stdout().is_terminal() => Some(
            iki_model::terminal_safe(&iki_diff::report::markdown(&report)),
        ),
        DiffFormat::Markdown => Some(iki_diff::report::markdown(&report)),
        DiffFormat::Html => Some(iki_diff::report::html(&report)),
    };
    out.write_with(|w| match &text {
        Some(t) => w.write_all(t.as_bytes()).map_err(Into::into),
        None => iki_emit::write_canonical(w, &report),
    })?;
    Ok(if report.changes.is_empty() {
        exit::OK
    } else {
        exit::FINDINGS
    })
}
