//! `iki diff`: reads both sides (source or canonical JSON), normalizes them
//! and hands them to the diff stage; writes the report in the chosen format.

use crate::args::{ColorWhen, DiffArgs, DiffFormat};
use crate::commands::glossary;
use crate::exit;
use crate::io::{display_name, read_input, CliError, Output};
use iki_diff::{Options, Report, Side};
use iki_model::{Document, Severity};
use iki_normalize::Glossary;
use std::io::IsTerminal;
use std::path::Path;

/// Reads one side: canonical JSON if it looks like JSON, else a source
/// document; then normalizes it.
fn side(path: &Path, glossary: &Glossary, quiet: bool) -> Result<Document, CliError> {
    let bytes = read_input(path)?;
    let name = display_name(path);
    let text_start = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    let doc = if text_start == Some(&b'{') {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        serde_json::from_slice::<Document>(body).map_err(|e| CliError::Json {
            path: name.clone(),
            line: e.line() as u32,
            message: e.to_string(),
        })?
    } else {
        let parsed = iki_parse::parse(&bytes).map_err(|source| CliError::Parse {
            path: name.clone(),
            line: source.line().map_or(String::new(), |l| format!(":{l}")),
            source,
        })?;
        if !quiet {
            for d in parsed
                .diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning)
            {
                eprintln!(
                    "{name}:{}: warning[{}]: {}",
                    d.span.first, d.code, d.message
                );
            }
        }
        parsed.document
    };
    Ok(iki_normalize::normalize(&doc, glossary).document)
}

/// Runs `iki diff`; the exit status is diff(1)'s.
pub fn run(a: &DiffArgs) -> Result<u8, CliError> {
    let out = Output::new(a.output.as_deref(), &a.old)?;
    Output::new(a.output.as_deref(), &a.new)?;
    let g = glossary(&a.glossary)?;
    let old = side(&a.old, &g, a.quiet)?;
    let new = side(&a.new, &g, a.quiet)?;
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
