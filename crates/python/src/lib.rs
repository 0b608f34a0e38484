//! The native module `iki._iki` behind the Python package `iki`.
//!
//! Each function does what one `iki` command does, through the same library
//! calls as `crates/cli` (commands.rs, load.rs, diff.rs, export.rs), and
//! returns the bytes the command would print (canonical JSON, rows, markdown)
//! as a `str`; the Python layer (`python/iki/__init__.py`) turns JSON into
//! Python values with the `json` module, so dicts keep the command's key
//! order and values. The work on documents (reading, parsing, normalizing,
//! serializing) runs with the GIL released (`Python::detach`), so Python
//! threads convert documents in parallel.
//!
//! Errors are built in Rust as [`Failure`] (no Python object is touched
//! while the GIL is released) and raised as the exception classes of
//! `iki._errors`, with the diagnostics as attributes.

use iki_diff::{Options as DiffOptions, Report, Side};
use iki_model::{Diagnostic, Document, Severity};
use iki_normalize::{Dictionary, Glossary, SuggestOptions, Suggestion};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The largest input read, as the command's default `--max-input-mb`.
const MAX_INPUT: u64 = 512 << 20;

/// File endings taken from a folder (`crates/cli/load.rs`).
const DOCUMENT_ENDINGS: [&str; 10] = [
    "md", "markdown", "txt", "json", "docx", "xlsx", "xlsm", "xls", "ods", "pdf",
];

/// The name bytes given in memory go by, where the command says `<stdin>`.
const BYTES_NAME: &str = "<bytes>";

// ---------------------------------------------------------------- errors

/// Which exception class of `iki._errors` a failure is raised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `UnreadableInputError`: the input cannot be read as a document (I/O,
    /// binary, damaged, unsupported, encrypted, too large, a scan, a
    /// missing pdftotext).
    Unreadable,
    /// `InvalidDocumentError`: read, but not a usable IKI document (no
    /// positions, canonical JSON that does not validate, content lost).
    Invalid,
    /// `IkiError`: anything else (a malformed glossary, a bad argument).
    Other,
}

/// One diagnostic as the exceptions carry it.
#[derive(Clone, Debug)]
struct Diag {
    code: String,
    severity: &'static str,
    line: Option<u32>,
    message: String,
}

impl Diag {
    fn of(d: &Diagnostic) -> Diag {
        Diag {
            code: d.code.clone(),
            severity: severity_name(d.severity),
            line: Some(d.span.first),
            message: d.message.clone(),
        }
    }

    fn error(code: &str, line: Option<u32>, message: String) -> Diag {
        Diag {
            code: code.to_string(),
            severity: "error",
            line,
            message,
        }
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Help => "help",
    }
}

/// A failure, built without the GIL and raised with it.
#[derive(Debug)]
struct Failure {
    kind: Kind,
    /// The whole message (what the command prints after `iki: `).
    message: String,
    /// The input's name, where there is one.
    path: Option<String>,
    diagnostics: Vec<Diag>,
}

impl Failure {
    fn new(kind: Kind, message: String, path: Option<&str>, diagnostics: Vec<Diag>) -> Failure {
        Failure {
            kind,
            message,
            path: path.map(str::to_string),
            diagnostics,
        }
    }

    fn other(message: String) -> Failure {
        Failure::new(Kind::Other, message, None, Vec::new())
    }

    /// Raised as the matching class of `iki._errors`.
    fn into_pyerr(self, py: Python<'_>) -> PyErr {
        match self.to_exception(py) {
            Ok(e) => e,
            Err(e) => e,
        }
    }

    fn to_exception(&self, py: Python<'_>) -> PyResult<PyErr> {
        let errors = py.import("iki._errors")?;
        let class = errors.getattr(match self.kind {
            Kind::Unreadable => "UnreadableInputError",
            Kind::Invalid => "InvalidDocumentError",
            Kind::Other => "IkiError",
        })?;
        let diagnostics = PyList::empty(py);
        for d in &self.diagnostics {
            let item = PyDict::new(py);
            item.set_item("code", &d.code)?;
            item.set_item("severity", d.severity)?;
            item.set_item("line", d.line)?;
            item.set_item("message", &d.message)?;
            diagnostics.append(item)?;
        }
        let kwargs = PyDict::new(py);
        kwargs.set_item("path", self.path.as_deref())?;
        kwargs.set_item("diagnostics", diagnostics)?;
        let value = class.call((&self.message,), Some(&kwargs))?;
        Ok(PyErr::from_value(value))
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// The diagnostic code of a reader error (`UnreadableInputError.code`).
fn read_error_code(e: &iki_originals::ReadError) -> &'static str {
    use iki_originals::ReadError as R;
    match e {
        R::Unsupported { .. } => "unsupported",
        R::Damaged { .. } => "damaged",
        R::NotInstalled { .. } => "not-installed",
        R::Program { .. } => "program-failed",
        R::PasswordProtected { .. } => "password-protected",
        R::TooLarge { .. } => "too-large",
        R::NoTextLayer => "no-text-layer",
        R::Parse(iki_parse::ParseError::NotText { .. }) => "not-text",
        R::Parse(iki_parse::ParseError::NoPositions { .. }) => "no-positions",
    }
}

/// `CliError::Parse`: "NAME[:LINE]: WHY".
fn parse_failure(name: &str, e: iki_originals::ReadError) -> Failure {
    let kind = match e {
        iki_originals::ReadError::Parse(iki_parse::ParseError::NoPositions { .. }) => Kind::Invalid,
        _ => Kind::Unreadable,
    };
    let line = e.line();
    let at = line.map_or(String::new(), |l| format!(":{l}"));
    Failure::new(
        kind,
        format!("{name}{at}: {e}"),
        Some(name),
        vec![Diag::error(read_error_code(&e), line, e.to_string())],
    )
}

fn read_failure(name: &str, e: std::io::Error) -> Failure {
    Failure::new(
        Kind::Unreadable,
        format!("{name}: cannot read: {e}"),
        Some(name),
        vec![Diag::error("unreadable", None, e.to_string())],
    )
}

// ---------------------------------------------------------------- inputs

/// A document given as a file or as bytes.
enum Input {
    Path(PathBuf),
    Bytes(Vec<u8>),
}

impl Input {
    /// A path (`str` or `os.PathLike`) or `bytes`/`bytearray`.
    fn of(source: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(b) = source.cast::<PyBytes>() {
            return Ok(Input::Bytes(b.as_bytes().to_vec()));
        }
        if let Ok(b) = source.extract::<Vec<u8>>() {
            // bytearray and other buffers of bytes.
            if !source.is_instance_of::<pyo3::types::PyString>() {
                return Ok(Input::Bytes(b));
            }
        }
        source.extract::<PathBuf>().map(Input::Path).map_err(|_| {
            pyo3::exceptions::PyTypeError::new_err(format!(
                "expected a path (str or os.PathLike) or bytes, not {}",
                source
                    .get_type()
                    .name()
                    .map_or("this type".to_string(), |n| n.to_string())
            ))
        })
    }

    /// The name the command would show (`display_name`).
    fn name(&self) -> String {
        match self {
            Input::Path(p) => p.display().to_string(),
            Input::Bytes(_) => BYTES_NAME.to_string(),
        }
    }

    /// The bytes, read from the file if need be (refusing more than the
    /// command's default limit, as `read_input`).
    fn bytes(self) -> Result<Vec<u8>> {
        match self {
            Input::Bytes(b) => Ok(b),
            Input::Path(p) => read_file(&p),
        }
    }
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes).map(|_| ()))
        .map_err(|e| read_failure(&name, e))?;
    if bytes.len() as u64 > MAX_INPUT {
        return Err(read_failure(
            &name,
            std::io::Error::other(format!(
                "larger than {} MB (--max-input-mb); is it a device or a file that never ends?",
                MAX_INPUT >> 20
            )),
        ));
    }
    Ok(bytes)
}

/// Glossary files: `None`, a path, or a list of paths.
fn glossary_paths(glossary: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    match glossary {
        None => Ok(Vec::new()),
        Some(g) if g.is_none() => Ok(Vec::new()),
        Some(g) => match g.extract::<PathBuf>() {
            Ok(p) => Ok(vec![p]),
            Err(_) => g.extract::<Vec<PathBuf>>(),
        },
    }
}

/// The built-in glossary, built once per process.
fn builtin_glossary() -> Result<&'static Glossary> {
    static BUILTIN: OnceLock<std::result::Result<Glossary, String>> = OnceLock::new();
    BUILTIN
        .get_or_init(|| Glossary::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| Failure::other(e.clone()))
}

/// The glossary the command builds from `--glossary` files
/// (`commands::glossary`).
enum Gloss {
    Builtin(&'static Glossary),
    Own(Box<Glossary>),
}

impl Gloss {
    fn get(&self) -> &Glossary {
        match self {
            Gloss::Builtin(g) => g,
            Gloss::Own(g) => g,
        }
    }
}

fn glossary(files: &[PathBuf]) -> Result<Gloss> {
    if files.is_empty() {
        return Ok(Gloss::Builtin(builtin_glossary()?));
    }
    let mut g = Glossary::builtin().map_err(|e| Failure::other(e.to_string()))?;
    for f in files {
        let name = f.display().to_string();
        let bytes = read_file(f)?;
        let glossary_error = |e: iki_normalize::GlossaryError| {
            Failure::new(
                Kind::Other,
                e.to_string(),
                Some(&name),
                vec![Diag::error("glossary", Some(e.line), e.message.clone())],
            )
        };
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
            glossary_error(iki_normalize::GlossaryError {
                source_name: name.clone(),
                line,
                message: "the glossary is not UTF-8 (save it as UTF-8)".into(),
            })
        })?;
        g.extend_from_tsv(text, &name).map_err(glossary_error)?;
    }
    Ok(Gloss::Own(Box::new(g)))
}

// ---------------------------------------------------------------- loading

/// A document read through the pipeline (`commands::Loaded`).
struct Loaded {
    name: String,
    document: Document,
    changes: Vec<iki_model::Change>,
    diagnostics: Vec<Diagnostic>,
}

/// Reads, decodes, parses and (unless `raw`) normalizes one input, as
/// `commands::read` (canonical JSON is read as it is).
fn read(input: Input, raw: bool, glossary: &Glossary) -> Result<Loaded> {
    let name = input.name();
    let bytes = input.bytes()?;
    if let Some(doc) = iki_emit::read_canonical(&bytes) {
        let doc = doc.map_err(|e| {
            Failure::new(
                Kind::Invalid,
                format!("{name}:{}: not an iki JSON document: {}", e.line, e.message),
                Some(&name),
                vec![Diag::error("invalid-json", Some(e.line), e.message.clone())],
            )
        })?;
        let (document, changes, diagnostics) = if raw {
            (doc, Vec::new(), Vec::new())
        } else {
            let n = iki_normalize::normalize_owned(doc, glossary);
            (n.document, n.changes, n.diagnostics)
        };
        return Ok(Loaded {
            name,
            document,
            changes,
            diagnostics,
        });
    }
    let parsed = iki_originals::parse(&bytes, &iki_originals::Options::default())
        .map_err(|e| parse_failure(&name, e))?;
    drop(bytes);
    let mut diagnostics = parsed.diagnostics;
    let (document, changes) = if raw {
        (parsed.document, Vec::new())
    } else {
        let normalized = iki_normalize::normalize_owned(parsed.document, glossary);
        diagnostics.extend(normalized.diagnostics);
        (normalized.document, normalized.changes)
    };
    diagnostics.sort_by_key(|d| d.span);
    Ok(Loaded {
        name,
        document,
        changes,
        diagnostics,
    })
}

/// [`read`], refusing a document that lost content unless
/// `accept_partial` (`commands::load`, `load::load_any_partial`).
fn load(input: Input, raw: bool, glossary: &Glossary, accept_partial: bool) -> Result<Loaded> {
    let loaded = read(input, raw, glossary)?;
    let lost: Vec<Diag> = iki_parse::lost_content(&loaded.diagnostics)
        .map(Diag::of)
        .collect();
    if !lost.is_empty() && !accept_partial {
        let first = &lost[0];
        return Err(Failure::new(
            Kind::Invalid,
            format!(
                "{}: {} part(s) of the document could not be read (first, line {}: {}); pass accept_partial=True to keep what was read",
                loaded.name,
                lost.len(),
                first.line.unwrap_or(0),
                first.message
            ),
            Some(&loaded.name),
            lost,
        ));
    }
    Ok(loaded)
}

fn emit_failure(e: impl std::fmt::Display) -> Failure {
    Failure::other(format!("could not serialize: {e}"))
}

/// Canonical JSON of any value (`iki_emit::write_canonical`).
fn canonical<T: Serialize>(value: &T) -> Result<String> {
    let mut out = Vec::new();
    iki_emit::write_canonical(&mut out, value).map_err(emit_failure)?;
    String::from_utf8(out).map_err(emit_failure)
}

/// Runs `work` with the GIL released; raises its failure.
fn detached<T: Send>(py: Python<'_>, work: impl Send + FnOnce() -> Result<T>) -> PyResult<T> {
    py.detach(work).map_err(|f| f.into_pyerr(py))
}

// ---------------------------------------------------------------- functions

/// `iki convert SOURCE [--raw] [--glossary G]...`: the canonical JSON text.
#[pyfunction]
#[pyo3(signature = (source, raw = false, glossary = None, accept_partial = false))]
fn convert(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    raw: bool,
    glossary: Option<&Bound<'_, PyAny>>,
    accept_partial: bool,
) -> PyResult<String> {
    let input = Input::of(source)?;
    let files = glossary_paths(glossary)?;
    detached(py, move || {
        let g = self::glossary(&files)?;
        let loaded = load(input, raw, g.get(), accept_partial)?;
        iki_emit::to_json_string(&loaded.document, iki_emit::Layout::Pretty).map_err(emit_failure)
    })
}

/// `iki rows SOURCE`: the rows as one JSON array (each element one NDJSON
/// line of the command).
#[pyfunction]
#[pyo3(signature = (source, raw = false, glossary = None, accept_partial = false))]
fn rows(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    raw: bool,
    glossary: Option<&Bound<'_, PyAny>>,
    accept_partial: bool,
) -> PyResult<String> {
    let input = Input::of(source)?;
    let files = glossary_paths(glossary)?;
    detached(py, move || {
        let g = self::glossary(&files)?;
        let loaded = load(input, raw, g.get(), accept_partial)?;
        let mut out = Vec::new();
        iki_emit::write_rows(&mut out, &loaded.document).map_err(emit_failure)?;
        let text = String::from_utf8(out).map_err(emit_failure)?;
        Ok(json_array(text.lines()))
    })
}

/// `[a,b,...]` of JSON texts.
fn json_array<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let mut s = String::from("[");
    for (i, item) in items.enumerate() {
        if i > 0 {
            s.push(',');
        }
        s.push_str(item);
    }
    s.push(']');
    s
}

/// `iki render SOURCE`: the canonical markdown.
#[pyfunction]
#[pyo3(signature = (source, raw = false, glossary = None, accept_partial = false))]
fn render(
    py: Python<'_>,
    source: &Bound<'_, PyAny>,
    raw: bool,
    glossary: Option<&Bound<'_, PyAny>>,
    accept_partial: bool,
) -> PyResult<String> {
    let input = Input::of(source)?;
    let files = glossary_paths(glossary)?;
    detached(py, move || {
        let g = self::glossary(&files)?;
        let loaded = load(input, raw, g.get(), accept_partial)?;
        Ok(iki_emit::markdown(&loaded.document))
    })
}

/// `iki check --format json SOURCE...`: a JSON array of one report per
/// document (the command prints the lone report itself for one input).
#[pyfunction]
#[pyo3(signature = (sources, glossary = None, dictionary = None, no_dictionary = false))]
fn check(
    py: Python<'_>,
    sources: &Bound<'_, PyList>,
    glossary: Option<&Bound<'_, PyAny>>,
    dictionary: Option<PathBuf>,
    no_dictionary: bool,
) -> PyResult<String> {
    let inputs = sources
        .iter()
        .map(|s| Input::of(&s))
        .collect::<PyResult<Vec<_>>>()?;
    let files = glossary_paths(glossary)?;
    detached(py, move || {
        let g = self::glossary(&files)?;
        let g = g.get();
        let loaded: Vec<Loaded> = inputs
            .into_iter()
            .map(|i| read(i, false, g))
            .collect::<Result<_>>()?;
        let dictionary = match &dictionary {
            Some(path) => Dictionary::load(path)
                .map_err(|e| Failure::other(format!("cannot load dictionary {e}")))?,
            None => Dictionary::builtin(),
        };
        let docs: Vec<&Document> = loaded.iter().map(|l| &l.document).collect();
        let options = SuggestOptions {
            dictionary_candidates: !no_dictionary,
        };
        let suggestions = iki_normalize::suggest(&docs, g, &dictionary, options);
        let reports: Vec<_> = loaded
            .iter()
            .enumerate()
            .map(|(index, l)| {
                let mine: Vec<&Suggestion> =
                    suggestions.iter().filter(|s| s.document == index).collect();
                iki_emit::check::CheckReport::new(&l.name, &l.diagnostics, &l.changes, mine)
            })
            .collect();
        canonical(&reports)
    })
}

/// `iki diff --format json OLD NEW`: two documents, or two folders (a
/// region report).
#[pyfunction]
#[pyo3(signature = (old, new, ignore_years = false, glossary = None))]
fn diff(
    py: Python<'_>,
    old: &Bound<'_, PyAny>,
    new: &Bound<'_, PyAny>,
    ignore_years: bool,
    glossary: Option<&Bound<'_, PyAny>>,
) -> PyResult<String> {
    let old = Input::of(old)?;
    let new = Input::of(new)?;
    let files = glossary_paths(glossary)?;
    let options = DiffOptions { ignore_years };
    let is_dir = |i: &Input| matches!(i, Input::Path(p) if p.is_dir());
    if is_dir(&old) || is_dir(&new) {
        return match (old, new) {
            (Input::Path(o), Input::Path(n)) if o.is_dir() && n.is_dir() => {
                detached(py, move || region::diff(&o, &n, &files, &options))
            }
            (o, n) => {
                let (dir, other) = if is_dir(&o) { (o, n) } else { (n, o) };
                Err(Failure::other(format!(
                    "{} is a folder but {} is not: compare a folder with a folder, or a document with a document",
                    dir.name(),
                    other.name()
                ))
                .into_pyerr(py))
            }
        };
    }
    detached(py, move || {
        let g = self::glossary(&files)?;
        let (old_name, new_name) = (old.name(), new.name());
        let old = load(old, false, g.get(), false)?.document;
        let new = load(new, false, g.get(), false)?.document;
        let changes = iki_diff::diff(&old, &new, &options);
        let report = Report::new(
            Side::of(&old_name, &old),
            Side::of(&new_name, &new),
            changes,
        );
        canonical(&report)
    })
}

/// The documents under folders (recursively, sorted) and the files given,
/// as `iki export` and `iki diff` expand them.
#[pyfunction]
fn expand(py: Python<'_>, paths: Vec<PathBuf>) -> PyResult<Vec<String>> {
    detached(py, move || {
        Ok(expand_paths(&paths)?
            .iter()
            .map(|p| p.display().to_string())
            .collect())
    })
}

fn expand_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(input).follow_links(false) {
                let entry = entry.map_err(|e| {
                    read_failure(&e.path().unwrap_or(input).display().to_string(), e.into())
                })?;
                let path = entry.path();
                let wanted = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| DOCUMENT_ENDINGS.contains(&e.to_lowercase().as_str()));
                if entry.file_type().is_dir() || !wanted {
                    continue;
                }
                // A symlink counts by what it points to; a FIFO, device or
                // socket is skipped (reading it could wait for ever).
                if std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                    found.push(path.to_path_buf());
                }
            }
            found.sort();
            out.extend(found);
        } else {
            out.push(input.clone());
        }
    }
    Ok(out)
}

/// One row of `iki export --format ndjson`, with the file it came from.
#[derive(Serialize)]
struct TableRow<'a> {
    year: Option<u16>,
    agency: Option<&'a str>,
    file: &'a str,
    #[serde(flatten)]
    row: iki_model::Row<'a>,
}

/// The rows of many documents, read in parallel (rayon), in input order,
/// each with the document's year and agency and its file, as one JSON
/// array; and the documents that failed (`[(file, exception)]`), which are
/// left out when `skip_errors`, else the first failure (in input order) is
/// raised.
#[pyfunction]
#[pyo3(signature = (sources, raw = false, glossary = None, accept_partial = false, skip_errors = false))]
fn table(
    py: Python<'_>,
    sources: &Bound<'_, PyList>,
    raw: bool,
    glossary: Option<&Bound<'_, PyAny>>,
    accept_partial: bool,
    skip_errors: bool,
) -> PyResult<(String, Vec<(String, PyErr)>)> {
    let inputs = sources
        .iter()
        .map(|s| Input::of(&s))
        .collect::<PyResult<Vec<_>>>()?;
    let files = glossary_paths(glossary)?;
    let (text, failed) = detached(py, move || {
        let g = self::glossary(&files)?;
        let g = g.get();
        let per_doc: Vec<Result<String>> = inputs
            .into_par_iter()
            .map(|input| {
                let loaded = load(input, raw, g, accept_partial)?;
                let d = &loaded.document;
                let mut parts = Vec::new();
                for row in iki_model::rows(d) {
                    let line = TableRow {
                        year: d.year,
                        agency: d.agency.as_deref(),
                        file: &loaded.name,
                        row,
                    };
                    parts.push(serde_json::to_string(&line).map_err(emit_failure)?);
                }
                Ok(parts.join(","))
            })
            .collect();
        let mut failed = Vec::new();
        let mut chunks = Vec::new();
        for r in per_doc {
            match r {
                Ok(s) if s.is_empty() => {}
                Ok(s) => chunks.push(s),
                Err(f) if skip_errors => failed.push(f),
                Err(f) => return Err(f),
            }
        }
        Ok((json_array(chunks.iter().map(String::as_str)), failed))
    })?;
    let failed = failed
        .into_iter()
        .map(|f| (f.path.clone().unwrap_or_default(), f.into_pyerr(py)))
        .collect();
    Ok((text, failed))
}

/// `iki diff OLD_DIR NEW_DIR` (`crates/cli/diff.rs`'s `region`).
mod region {
    use super::*;
    use iki_diff::region::{pair, Entry, PairReport, RegionReport};

    /// The documents of a side's folder, with their names inside it.
    fn documents(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
        let files = expand_paths(&[dir.to_path_buf()])?;
        if files.is_empty() {
            return Err(Failure::new(
                Kind::Other,
                format!(
                    "no document could be read: no document in {}",
                    dir.display()
                ),
                Some(&dir.display().to_string()),
                Vec::new(),
            ));
        }
        Ok(files
            .into_iter()
            .map(|f| {
                let inside = f.strip_prefix(dir).unwrap_or(&f);
                let name = inside
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                (name, f)
            })
            .collect())
    }

    /// A folder's name for the report's title: its last component.
    fn folder_name(dir: &Path) -> String {
        let name = |d: &Path| d.file_name().map(|n| n.to_string_lossy().into_owned());
        name(dir)
            .or_else(|| std::fs::canonicalize(dir).ok().as_deref().and_then(name))
            .unwrap_or_else(|| dir.display().to_string())
    }

    pub(crate) fn diff(
        old_dir: &Path,
        new_dir: &Path,
        files: &[PathBuf],
        options: &DiffOptions,
    ) -> Result<String> {
        let old_files = documents(old_dir)?;
        let new_files = documents(new_dir)?;
        let g = glossary(files)?;
        let g = g.get();
        let all: Vec<&PathBuf> = old_files.iter().chain(&new_files).map(|(_, p)| p).collect();
        let mut read: Vec<Option<Document>> = Vec::with_capacity(all.len());
        for doc in all
            .par_iter()
            .map(|p| load(Input::Path(p.to_path_buf()), false, g, false).map(|l| l.document))
            .collect::<Vec<_>>()
        {
            read.push(Some(doc?));
        }
        let mut new_docs = read.split_off(old_files.len());
        let mut old_docs = read;
        let entry = |(file, _): &(String, PathBuf), doc: &Option<Document>| Entry {
            file: file.clone(),
            agency: doc.as_ref().and_then(|d| d.agency.clone()),
            region: doc.as_ref().and_then(|d| d.region.clone()),
        };
        let old_entries: Vec<Entry> = old_files
            .iter()
            .zip(&old_docs)
            .map(|(f, d)| entry(f, d))
            .collect();
        let new_entries: Vec<Entry> = new_files
            .iter()
            .zip(&new_docs)
            .map(|(f, d)| entry(f, d))
            .collect();
        let pairing =
            pair(&old_entries, &new_entries).map_err(|e| Failure::other(e.to_string()))?;
        let lone = |files: &[(String, PathBuf)], docs: &[Option<Document>], idx: &[usize]| {
            idx.iter()
                .filter_map(|&i| Some(Side::of(&files[i].0, docs[i].as_ref()?)))
                .collect::<Vec<_>>()
        };
        let only_old = lone(&old_files, &old_docs, &pairing.only_old);
        let only_new = lone(&new_files, &new_docs, &pairing.only_new);
        let jobs: Vec<_> = pairing
            .pairs
            .iter()
            .filter_map(|&(o, n, by)| {
                Some((
                    &old_files[o].0,
                    old_docs[o].take()?,
                    &new_files[n].0,
                    new_docs[n].take()?,
                    by,
                ))
            })
            .collect();
        let pairs: Vec<PairReport> = jobs
            .into_par_iter()
            .map(|(old_name, old, new_name, new, by)| {
                let changes = iki_diff::diff(&old, &new, options);
                let report =
                    Report::new(Side::of(old_name, &old), Side::of(new_name, &new), changes);
                PairReport::new(by, report)
            })
            .collect();
        let report = RegionReport::new(
            folder_name(old_dir),
            folder_name(new_dir),
            pairs,
            only_old,
            only_new,
        );
        canonical(&report)
    }
}

/// The native part of the `iki` package.
#[pymodule]
fn _iki(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("SCHEMA_VERSION", iki_model::SCHEMA_VERSION)?;
    m.add_function(wrap_pyfunction!(convert, m)?)?;
    m.add_function(wrap_pyfunction!(rows, m)?)?;
    m.add_function(wrap_pyfunction!(render, m)?)?;
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(expand, m)?)?;
    m.add_function(wrap_pyfunction!(table, m)?)?;
    Ok(())
}
