//! `iki convert FOLDER -o OUTDIR`: every document in a folder converted in
//! parallel (rayon), each to the same bytes a single conversion gives, with
//! a progress bar on a terminal and a summary at the end. A document that
//! fails is reported and leaves no file behind; the others go on.

use crate::args::ConvertArgs;
use crate::commands::glossary;
use crate::exit;
use crate::io::{display_name, read_input, tr, CliError, Output};
use iki_emit::Layout;
use iki_model::{Diagnostic, Severity};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// Source documents taken from the folder.
const SOURCE_ENDINGS: [&str; 9] = [
    "md", "markdown", "txt", "docx", "xlsx", "xlsm", "xls", "ods", "pdf",
];

/// How one document went.
enum Outcome {
    /// Written; with its warnings (and, with --accept-partial, errors),
    /// as lines to print.
    Converted {
        warnings: Vec<String>,
        errors: Vec<String>,
    },
    Failed(String),
}

/// Converts one source to canonical JSON bytes with the same stages and
/// writer as the single-file path, so that the bytes are identical (a test
/// checks it).
pub fn convert_bytes(
    bytes: &[u8],
    glossary: Option<&iki_normalize::Glossary>,
    layout: Layout,
) -> Result<(Vec<u8>, Vec<Diagnostic>), iki_originals::ReadError> {
    let parsed = iki_originals::parse(bytes, &iki_originals::Options::default())?;
    let mut diagnostics = parsed.diagnostics;
    let doc = match glossary {
        Some(g) => {
            let n = iki_normalize::normalize_owned(parsed.document, g);
            diagnostics.extend(n.diagnostics);
            n.document
        }
        None => parsed.document,
    };
    let mut out = Vec::new();
    // Writing to memory cannot fail.
    let _ = iki_emit::write_json(&mut out, &doc, layout);
    Ok((out, diagnostics))
}

fn sources(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    crate::load::expand(&[dir.to_path_buf()], &SOURCE_ENDINGS)
}

/// Runs the batch conversion.
pub fn run(a: &ConvertArgs) -> Result<u8, CliError> {
    let input = &a.doc.common.input;
    let Some(out_dir) = a.doc.common.output.clone() else {
        return Err(CliError::Usage(format!(
            "{} is a folder: give the folder to write into with -o OUTDIR",
            input.display()
        )));
    };
    if a.changes.is_some() {
        return Err(CliError::Usage(
            "--changes works with a single document, not a folder".into(),
        ));
    }
    std::fs::create_dir_all(&out_dir).map_err(|source| CliError::Write {
        path: out_dir.display().to_string(),
        source,
    })?;
    let layout = if a.compact {
        Layout::Compact
    } else {
        Layout::Pretty
    };
    let g = if a.doc.normalize.raw {
        None
    } else {
        Some(glossary(&a.doc.normalize.glossary)?)
    };
    let files = sources(input)?;
    let targets = targets(&files, input, &out_dir);
    let bar = crate::export::progress(files.len(), a.doc.common.quiet);
    let outcomes: Vec<(PathBuf, Outcome)> = files
        .par_iter()
        .zip(&targets)
        .map(|(file, target)| {
            let outcome = convert_one(
                file,
                target,
                g.as_ref(),
                layout,
                a.doc.normalize.accept_partial,
            );
            bar.inc(1);
            (file.clone(), outcome)
        })
        .collect();
    bar.finish_and_clear();

    let failed: Vec<(&PathBuf, &String)> = outcomes
        .iter()
        .filter_map(|(f, o)| match o {
            Outcome::Failed(why) => Some((f, why)),
            Outcome::Converted { .. } => None,
        })
        .collect();
    let converted = outcomes.len() - failed.len();
    // Each document's warnings, in file order, after the progress bar.
    for (_, o) in &outcomes {
        if let Outcome::Converted { warnings, errors } = o {
            for line in errors {
                crate::io::say(line);
            }
            for line in warnings {
                crate::io::note(line);
            }
        }
    }
    let with_warnings = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Converted { warnings, .. } if !warnings.is_empty()))
        .count();
    // The summary is an error report only when a document failed.
    let say = if failed.is_empty() {
        crate::io::note
    } else {
        crate::io::say
    };
    say(&tr(
        "batch.converted",
        &[
            &converted.to_string(),
            &outcomes.len().to_string(),
            &out_dir.display().to_string(),
            &with_warnings.to_string(),
            &failed.len().to_string(),
        ],
    ));
    for (file, why) in &failed {
        crate::io::say(&tr(
            "batch.failed",
            &[&format!("{}: {why}", file.display())],
        ));
    }
    Ok(if failed.is_empty() {
        exit::OK
    } else {
        exit::DATA
    })
}

/// The JSON file of each source: `a.md` gives `a.json`, except where two
/// sources would give the same name (`a.md` and `a.txt`, `x.MD` and
/// `x.md`): then each of them keeps its whole file name (`a.md.json`,
/// `a.txt.json`), and a note says so. No document replaces another.
fn targets(files: &[PathBuf], root: &Path, out_dir: &Path) -> Vec<PathBuf> {
    let plain = |file: &PathBuf| {
        let relative = file.strip_prefix(root).unwrap_or(file);
        out_dir.join(relative).with_extension("json")
    };
    let mut count: std::collections::BTreeMap<PathBuf, usize> = Default::default();
    for f in files {
        *count.entry(plain(f)).or_default() += 1;
    }
    files
        .iter()
        .map(|f| {
            let target = plain(f);
            if count.get(&target).copied().unwrap_or(0) < 2 {
                return target;
            }
            let mut name = f.file_name().unwrap_or_default().to_os_string();
            name.push(".json");
            let kept = target.with_file_name(name);
            crate::io::note(&tr(
                "batch.same_target",
                &[
                    &iki_model::terminal_safe(&f.display().to_string()),
                    &iki_model::terminal_safe(&target.display().to_string()),
                    &iki_model::terminal_safe(&kept.display().to_string()),
                ],
            ));
            kept
        })
        .collect()
}

fn convert_one(
    file: &Path,
    target: &Path,
    glossary: Option<&iki_normalize::Glossary>,
    layout: Layout,
    accept_partial: bool,
) -> Outcome {
    let bytes = match read_input(file) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let (json, diagnostics) = match convert_bytes(&bytes, glossary, layout) {
        Ok(r) => r,
        Err(e) => {
            return Outcome::Failed(match e.line() {
                Some(l) => tr("batch.line", &[&l.to_string(), &e.to_string()]),
                None => e.to_string(),
            });
        }
    };
    let lang = crate::io::lang();
    let lost: Vec<String> = iki_parse::lost_content(&diagnostics)
        .map(|d| {
            tr(
                "batch.line",
                &[&d.span.first.to_string(), &d.message_in(lang)],
            )
        })
        .collect();
    if !lost.is_empty() && !accept_partial {
        return Outcome::Failed(tr(
            "batch.partial",
            &[&lost.len().to_string(), &lost.join("; ")],
        ));
    }

    if let Some(parent) = target.parent() {
        if let Err(e) = std::fs::create_dir_all(parent) {
            return Outcome::Failed(format!("{}: {e}", parent.display()));
        }
    }
    match Output::new(Some(target), file)
        .and_then(|o| o.write_with(|w| w.write_all(&json).map_err(Into::into)))
    {
        Ok(()) => {
            let name = display_name(file);
            let lines = |severity: Severity| {
                diagnostics
                    .iter()
                    .filter(|d| d.severity == severity)
                    .map(|d| crate::io::diagnostic_line(&name, d))
                    .collect()
            };
            Outcome::Converted {
                warnings: lines(Severity::Warning),
                errors: lines(Severity::Error),
            }
        }
        Err(e) => Outcome::Failed(format!("{}: {e}", display_name(target))),
    }
}
