//! Reading documents that may be sources or canonical JSON, one or many
//! (folders expand to the documents inside them).

use crate::io::{display_name, read_input, CliError};
use iki_model::{Document, Severity};
use iki_normalize::Glossary;
use std::path::{Path, PathBuf};

/// File endings taken from a folder.
const DOCUMENT_ENDINGS: [&str; 10] = [
    "md", "markdown", "txt", "json", "docx", "xlsx", "xlsm", "xls", "ods", "pdf",
];

/// Reads a document that is either canonical JSON (if it looks like JSON)
/// or a source document; then normalizes it unless `glossary` is `None`.
/// A source that lost content (a table that could not be read) is an
/// error.
pub fn load_any(
    path: &Path,
    glossary: Option<&Glossary>,
    quiet: bool,
) -> Result<Document, CliError> {
    load_any_partial(path, glossary, quiet, false)
}

/// [`load_any`], accepting a source that lost content when `accept_partial`
/// (its errors are printed all the same).
pub fn load_any_partial(
    path: &Path,
    glossary: Option<&Glossary>,
    quiet: bool,
    accept_partial: bool,
) -> Result<Document, CliError> {
    let bytes = read_input(path)?;
    let name = display_name(path);
    let doc = if let Some(doc) = json_document(&bytes, &name) {
        doc?
    } else {
        let parsed =
            iki_originals::parse(&bytes, &iki_originals::Options::default()).map_err(|source| {
                CliError::Parse {
                    path: name.clone(),
                    line: source.line().map_or(String::new(), |l| format!(":{l}")),
                    source,
                }
            })?;
        let least = if quiet {
            Severity::Error
        } else {
            Severity::Warning
        };
        for d in parsed.diagnostics.iter().filter(|d| d.severity >= least) {
            crate::io::say(&crate::io::diagnostic_line(&name, d));
        }
        let lost = iki_parse::lost_content(&parsed.diagnostics).count();
        if lost > 0 && !accept_partial {
            return Err(CliError::Partial {
                path: name,
                count: lost,
            });
        }
        parsed.document
    };
    Ok(match glossary {
        Some(g) => iki_normalize::normalize_owned(doc, g).document,
        None => doc,
    })
}

/// The canonical JSON document in `bytes`, validated, if they look like
/// JSON (their first character other than a BOM and whitespace is `{`);
/// `None` for any other input.
pub fn json_document(bytes: &[u8], name: &str) -> Option<Result<Document, CliError>> {
    iki_emit::read_canonical(bytes).map(|doc| {
        doc.map_err(|e| CliError::Json {
            path: name.to_string(),
            line: e.line,
            message: e.message,
        })
    })
}

/// Expands folders (recursively, sorted) into the documents inside them;
/// files and `-` are kept as given.
pub fn expand(inputs: &[PathBuf], endings: &[&str]) -> Result<Vec<PathBuf>, CliError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, endings, &mut found)?;
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// Documents of any kind iki reads.
pub fn document_endings() -> &'static [&'static str] {
    &DOCUMENT_ENDINGS
}

/// The documents under `dir`, through walkdir: symlinked folders are not
/// followed (a link to `.` would walk for ever), a symlink to a file is
/// taken, and an entry that is not a regular file (a FIFO, a device, a
/// socket: reading it could wait or run for ever) is skipped with a
/// message.
fn walk(dir: &Path, endings: &[&str], out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    for entry in walkdir::WalkDir::new(dir).follow_links(false) {
        let entry = entry.map_err(|e| CliError::Read {
            path: e.path().unwrap_or(dir).display().to_string(),
            source: e.into(),
        })?;
        let path = entry.path();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| endings.contains(&e.to_lowercase().as_str()));
        if entry.file_type().is_dir() || !wanted {
            continue;
        }
        // A symlink counts by what it points to.
        let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
        if regular {
            out.push(path.to_path_buf());
        } else {
            crate::io::note(&crate::io::tr(
                "batch.not_regular",
                &[&iki_model::terminal_safe(&crate::io::display_name(path))],
            ));
        }
    }
    Ok(())
}
