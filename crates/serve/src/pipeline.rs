//! The stages wired exactly as the command line wires them (the same
//! library calls in the same order), so that a request gives the bytes the
//! command gives: `iki convert`, `iki rows`, `iki check --format json`,
//! `iki export --format csv|xlsx`, `iki diff --format json|html|markdown`,
//! `iki schema`. These run on the blocking pool.

use crate::problem::Problem;
use axum::http::StatusCode;
use iki_export::{CsvOptions, CsvWriter, ExportError, Source, XlsxWriter};
use iki_model::{Change, Diagnostic, Document, Severity};
use iki_normalize::{Dictionary, Glossary, SuggestOptions};

/// A document read through the pipeline.
pub struct Loaded {
    /// The document, normalized unless raw.
    pub document: Document,
    /// The normalizer's changes.
    pub changes: Vec<Change>,
    /// Parse and normalize diagnostics, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

/// How a document is read.
#[derive(Clone, Copy, Debug, Default)]
pub struct ReadOptions {
    /// Skip the normalizer (`--raw`).
    pub raw: bool,
    /// Keep a document a table of which could not be read
    /// (`--accept-partial`).
    pub accept_partial: bool,
}

/// Reads one input as `iki convert`, `rows`, `check` and `export` do:
/// canonical JSON as it is, anything else through `iki_originals`, then
/// normalized unless raw. A document that lost content is a 422 with its
/// diagnostics unless `accept_partial`.
pub fn read(
    bytes: &[u8],
    name: &str,
    options: ReadOptions,
    glossary: &Glossary,
    originals: &iki_originals::Options,
) -> Result<Loaded, Problem> {
    if let Some(doc) = iki_emit::read_canonical(bytes) {
        let doc = doc.map_err(|e| Problem::bad_json(name, &e))?;
        return Ok(if options.raw {
            Loaded {
                document: doc,
                changes: Vec::new(),
                diagnostics: Vec::new(),
            }
        } else {
            let n = iki_normalize::normalize_owned(doc, glossary);
            Loaded {
                document: n.document,
                changes: n.changes,
                diagnostics: n.diagnostics,
            }
        });
    }
    let unreadable = |e: iki_originals::ReadError| Problem::unreadable(name, &e);
    let text = iki_originals::text_of(bytes, originals).map_err(unreadable)?;
    let parsed = iki_originals::parse_text(text).map_err(unreadable)?;
    let mut diagnostics = parsed.diagnostics;
    let (document, changes) = if options.raw {
        (parsed.document, Vec::new())
    } else {
        let n = iki_normalize::normalize_owned(parsed.document, glossary);
        diagnostics.extend(n.diagnostics);
        (n.document, n.changes)
    };
    diagnostics.sort_by_key(|d| d.span);
    let lost = iki_parse::lost_content(&diagnostics).count();
    if lost > 0 && !options.accept_partial {
        return Err(Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "content-lost",
            "Part of the document could not be read",
            format!(
                "{name}: {lost} part(s) of the document could not be read (see the diagnostics); \
                 nothing was converted. Add accept_partial=true to the query to get what was read"
            ),
        )
        // What `iki convert` prints on standard error: errors and warnings.
        .with_diagnostics(
            name,
            diagnostics
                .iter()
                .filter(|d| d.severity >= Severity::Warning),
        ));
    }
    Ok(Loaded {
        document,
        changes,
        diagnostics,
    })
}

fn internal(what: &str, e: impl std::fmt::Display) -> Problem {
    Problem::status(
        StatusCode::INTERNAL_SERVER_ERROR,
        format!("{what}: {}", crate::problem::scrub(&e.to_string())),
    )
}

/// `iki convert`: canonical JSON, pretty or compact.
pub fn json(doc: &Document, compact: bool) -> Result<Vec<u8>, Problem> {
    let layout = if compact {
        iki_emit::Layout::Compact
    } else {
        iki_emit::Layout::Pretty
    };
    let mut out = Vec::new();
    iki_emit::write_json(&mut out, doc, layout).map_err(|e| internal("writing JSON", e))?;
    Ok(out)
}

/// `iki rows`: NDJSON, one object per indicator row.
pub fn rows(doc: &Document) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    iki_emit::write_rows(&mut out, doc).map_err(|e| internal("writing rows", e))?;
    Ok(out)
}

fn export_problem(name: &str, e: ExportError) -> Problem {
    if e.is_document_error() {
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "not-exportable",
            "The document cannot be exported in this format",
            format!("{name}: {}", crate::problem::scrub(&e.to_string())),
        )
    } else {
        internal("exporting", e)
    }
}

/// `iki export --format csv` of one document.
pub fn csv(doc: &Document, name: &str, options: CsvOptions) -> Result<Vec<u8>, Problem> {
    let mut out = Vec::new();
    let mut w = CsvWriter::new(&mut out, options).map_err(|e| export_problem(name, e))?;
    w.write(&Source {
        file: name,
        document: doc,
    })
    .map_err(|e| export_problem(name, e))?;
    w.finish().map_err(|e| export_problem(name, e))?;
    Ok(out)
}

/// `iki export --format xlsx` of one document, built in memory.
pub fn xlsx(doc: &Document, name: &str, raw_cells: bool) -> Result<Vec<u8>, Problem> {
    let mut book = XlsxWriter::new(raw_cells);
    book.write(&Source {
        file: name,
        document: doc,
    })
    .map_err(|e| export_problem(name, e))?;
    let mut out = std::io::Cursor::new(Vec::new());
    book.finish_to(&mut out)
        .map_err(|e| export_problem(name, e))?;
    Ok(out.into_inner())
}

/// `iki check --format json` of one document: the diagnostics, the
/// changes and the typo suggestions (the built-in word list, as the
/// command without `--dictionary`).
pub fn check(loaded: &Loaded, name: &str, glossary: &Glossary) -> Result<Vec<u8>, Problem> {
    let dictionary = Dictionary::builtin();
    let suggestions = iki_normalize::suggest(
        &[&loaded.document],
        glossary,
        &dictionary,
        SuggestOptions {
            dictionary_candidates: true,
        },
    );
    let mine = suggestions.iter().filter(|s| s.document == 0).collect();
    let report =
        iki_emit::check::CheckReport::new(name, &loaded.diagnostics, &loaded.changes, mine);
    let mut out = Vec::new();
    iki_emit::write_canonical(&mut out, &report).map_err(|e| internal("writing JSON", e))?;
    Ok(out)
}

/// The format of a diff report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiffFormat {
    /// `iki diff --format json`.
    Json,
    /// `iki diff --format html`.
    Html,
    /// `iki diff --format markdown` (written to a file: the text as it is).
    Markdown,
}

/// `iki diff` of two normalized documents.
pub fn diff(
    old: (&str, &Document),
    new: (&str, &Document),
    ignore_years: bool,
    lang: iki_diff::report::Lang,
    format: DiffFormat,
) -> Result<Vec<u8>, Problem> {
    let changes = iki_diff::diff(old.1, new.1, &iki_diff::Options { ignore_years });
    let report = iki_diff::Report::new(
        iki_diff::Side::of(old.0, old.1),
        iki_diff::Side::of(new.0, new.1),
        changes,
    );
    Ok(match format {
        DiffFormat::Json => {
            let mut out = Vec::new();
            iki_emit::write_canonical(&mut out, &report)
                .map_err(|e| internal("writing JSON", e))?;
            out
        }
        DiffFormat::Html => iki_diff::report::html(&report, lang).into_bytes(),
        DiffFormat::Markdown => iki_diff::report::markdown(&report, lang).into_bytes(),
    })
}

/// `iki schema document|row`.
pub fn schema(row: bool) -> Result<Vec<u8>, Problem> {
    let schema = if row {
        iki_model::schema::row()
    } else {
        iki_model::schema::document()
    };
    let mut out = Vec::new();
    iki_emit::write_canonical(&mut out, &schema).map_err(|e| internal("writing JSON", e))?;
    Ok(out)
}
