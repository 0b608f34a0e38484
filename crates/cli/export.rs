//! `iki export`: documents (one at a time, in chunks read in parallel) to
//! CSV, NDJSON, SQLite or XLSX, and `iki schema`.

use crate::args::{ExportArgs, ExportFormat, SchemaArgs, SchemaKind};
use crate::commands::glossary;
use crate::exit;
use crate::io::{display_name, tr, CliError, Output};
use crate::load::{document_endings, expand, load_any_partial};
use iki_export::{
    CsvOptions, CsvWriter, ExportError, NdjsonWriter, Source, SqliteWriter, XlsxWriter,
};
use iki_model::Document;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Documents read at once: enough to keep the cores busy, few enough that a
/// batch of thousands is never in memory together.
const CHUNK: usize = 32;

/// Prints a schema.
pub fn schema(a: &SchemaArgs) -> Result<u8, CliError> {
    let schema = match a.kind {
        SchemaKind::Document => iki_model::schema::document(),
        SchemaKind::Row => iki_model::schema::row(),
    };
    Output::Stdout.write_with(|w| iki_emit::write_canonical(w, &schema))?;
    Ok(exit::OK)
}

fn export_err(path: &Path) -> impl Fn(ExportError) -> CliError + '_ {
    move |e| CliError::Write {
        path: path.display().to_string(),
        // The kind is kept: a closed pipe is told from a failure by it.
        source: std::io::Error::new(
            e.io_kind().unwrap_or(std::io::ErrorKind::Other),
            e.to_string(),
        ),
    }
}

/// A writer for one of the formats.
enum Sink<W: Write> {
    Csv(Box<CsvWriter<W>>),
    Ndjson(NdjsonWriter<W>),
    Sqlite(SqliteWriter),
    Xlsx(XlsxWriter),
}

impl<W: Write> Sink<W> {
    fn write(&mut self, s: &Source) -> Result<(), ExportError> {
        match self {
            Sink::Csv(w) => w.write(s),
            Sink::Ndjson(w) => w.write(s),
            Sink::Sqlite(w) => w.write(s),
            Sink::Xlsx(w) => w.write(s),
        }
    }
}

/// What happened to the inputs.
#[derive(Default)]
struct Tally {
    exported: usize,
    failed: Vec<(String, String)>,
    /// Inputs that were the very same document as an earlier input of the
    /// run (exported once): the later file and the earlier one.
    repeated: Vec<(String, String)>,
}

/// Reads every input (folders expanded) and feeds the documents, in input
/// order, to `sink`. A document that cannot be read is reported and left
/// out; the others go on. Only a failure to write stops the export.
fn feed<W: Write>(
    a: &ExportArgs,
    files: &[PathBuf],
    sink: &mut Sink<W>,
    target: &Path,
) -> Result<Tally, CliError> {
    let g = if a.normalize.raw {
        None
    } else {
        Some(glossary(&a.normalize.glossary)?)
    };
    let bar = progress(files.len(), a.quiet);
    let mut tally = Tally::default();
    // A document's identity (Source::key) may occur once in a run: the
    // first file with it is exported; a later one with the same content is
    // the same document given twice (exported once, said so), a later one
    // with other content is a conflict (refused, both files named).
    let mut seen: HashMap<String, (String, u64)> = HashMap::new();
    for chunk in files.chunks(CHUNK) {
        let docs: Vec<Result<Document, CliError>> = chunk
            .par_iter()
            .map(|f| load_any_partial(f, g.as_ref(), a.quiet, a.normalize.accept_partial))
            .collect();
        for (file, doc) in chunk.iter().zip(docs) {
            bar.inc(1);
            let name = display_name(file);
            match doc {
                Ok(doc) => {
                    let source = Source {
                        file: &name,
                        document: &doc,
                    };
                    let key = source.key();
                    let content = fingerprint(&doc);
                    match seen.get(&key) {
                        Some((first, c)) if *c == content => {
                            tally.repeated.push((name.clone(), first.clone()));
                            continue;
                        }
                        Some((first, _)) => {
                            let shown = key.replace('|', ", ");
                            tally.failed.push((
                                name.clone(),
                                tr("batch.identity_conflict", &[&name, &shown, first]),
                            ));
                            continue;
                        }
                        None => {
                            seen.insert(key, (name.clone(), content));
                        }
                    }
                    match sink.write(&source) {
                        Ok(()) => tally.exported += 1,
                        Err(e) if e.is_document_error() => {
                            seen.remove(&source.key());
                            tally.failed.push((name.clone(), format!("{name}: {e}")));
                        }
                        Err(e) => return Err(export_err(target)(e)),
                    }
                }
                Err(e) => tally.failed.push((name, e.to_string())),
            }
        }
    }
    bar.finish_and_clear();
    if tally.exported == 0 {
        let why = tally
            .failed
            .first()
            .map_or("no input".to_string(), |f| f.1.clone());
        return Err(CliError::NothingRead(why));
    }
    Ok(tally)
}

/// A progress bar on a terminal for more than one document; hidden otherwise.
pub fn progress(len: usize, quiet: bool) -> ProgressBar {
    if len < 2 || quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(&tr("batch.progress", &[])) {
        bar.set_style(style);
    }
    bar
}

/// A fingerprint of a document's content, to tell a document given twice
/// from two documents with one identity.
fn fingerprint(doc: &Document) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    match serde_json::to_vec(doc) {
        Ok(bytes) => bytes.hash(&mut h),
        Err(_) => doc.title.hash(&mut h),
    }
    h.finish()
}

/// Prints the summary of a multi-document run; the exit status.
fn summary(tally: &Tally, target: &Path) -> u8 {
    for (later, first) in &tally.repeated {
        crate::io::note(&tr("batch.same_document", &[later, first]));
    }
    let inputs = tally.exported + tally.failed.len() + tally.repeated.len();
    if inputs > 1 || !tally.failed.is_empty() {
        let repeated = if tally.repeated.is_empty() {
            String::new()
        } else {
            tr("batch.repeated", &[&tally.repeated.len().to_string()])
        };
        // A summary is an error report only when something failed.
        let say = if tally.failed.is_empty() {
            crate::io::note
        } else {
            crate::io::say
        };
        say(&tr(
            "batch.exported",
            &[
                &tally.exported.to_string(),
                &inputs.to_string(),
                &target.display().to_string(),
                &repeated,
                &tally.failed.len().to_string(),
            ],
        ));
        for (_, why) in &tally.failed {
            crate::io::say(&tr("batch.failed", &[why]));
        }
    }
    if tally.failed.is_empty() {
        exit::OK
    } else {
        exit::DATA
    }
}

/// Runs `iki export`.
pub fn run(a: &ExportArgs) -> Result<u8, CliError> {
    let files = expand(&a.inputs, document_endings())?;
    for f in &files {
        Output::new(a.output.as_deref(), f)?;
    }
    let stdout_name = PathBuf::from("<stdout>");
    match a.format {
        ExportFormat::Csv | ExportFormat::Ndjson => {
            let out = Output::new(a.output.as_deref(), Path::new("-"))?;
            let target = a.output.clone().unwrap_or(stdout_name);
            // Everything is written inside `write_with`, so a failure part
            // way leaves no file behind.
            let mut failure = None;
            let mut tally = Tally::default();
            out.write_with(|w| {
                let result = (|| -> Result<(), CliError> {
                    let mut sink = match a.format {
                        ExportFormat::Csv => Sink::Csv(Box::new(
                            CsvWriter::new(
                                &mut *w,
                                CsvOptions {
                                    excel: a.excel,
                                    raw_cells: a.raw_cells,
                                },
                            )
                            .map_err(export_err(&target))?,
                        )),
                        _ => Sink::Ndjson(NdjsonWriter::new(&mut *w)),
                    };
                    tally = feed(a, &files, &mut sink, &target)?;
                    match sink {
                        Sink::Csv(c) => c.finish(),
                        Sink::Ndjson(n) => n.finish(),
                        _ => Ok(()),
                    }
                    .map_err(export_err(&target))
                })();
                result.map_err(|e| {
                    let msg = e.to_string();
                    failure = Some(e);
                    iki_emit::EmitError::Io(std::io::Error::other(msg))
                })
            })
            .map_err(|e| failure.take().unwrap_or(e))?;
            Ok(summary(&tally, &target))
        }
        ExportFormat::Sqlite => {
            let path = required(a)?;
            crate::io::check_output_path(&path)?;
            // Written through SQLite itself, in one transaction (see
            // SqliteWriter::open): its locks and journal protect other
            // writers and readers, and a failure rolls back. A database
            // this run created and could not fill is removed.
            let existed = path.exists();
            let result = (|| -> Result<Tally, CliError> {
                let mut sink: Sink<std::io::Sink> =
                    Sink::Sqlite(SqliteWriter::open(&path).map_err(export_err(&path))?);
                let tally = feed(a, &files, &mut sink, &path)?;
                if let Sink::Sqlite(db) = sink {
                    for key in db.replaced() {
                        crate::io::note(&tr(
                            "batch.replaced",
                            &[&key.replace('|', ", "), &path.display().to_string()],
                        ));
                    }
                    db.finish().map_err(export_err(&path))?;
                }
                Ok(tally)
            })();
            match result {
                Ok(tally) => Ok(summary(&tally, &path)),
                Err(e) => {
                    if !existed {
                        let _ = std::fs::remove_file(&path);
                    }
                    Err(e)
                }
            }
        }
        ExportFormat::Xlsx => {
            let path = required(a)?;
            let mut sink: Sink<std::io::Sink> = Sink::Xlsx(XlsxWriter::new(a.raw_cells));
            let tally = feed(a, &files, &mut sink, &path)?;
            let Sink::Xlsx(book) = sink else {
                return Ok(exit::OK);
            };
            // Streamed from the spools into a temporary file beside the
            // target, renamed into place when complete.
            crate::io::stage_file(&path, |tmp| book.finish(tmp).map_err(export_err(&path)))?
                .commit()?;
            Ok(summary(&tally, &path))
        }
    }
}

fn required(a: &ExportArgs) -> Result<PathBuf, CliError> {
    a.output.clone().ok_or_else(|| {
        CliError::Usage(format!(
            "--format {} writes a file: give it with -o FILE",
            match a.format {
                ExportFormat::Sqlite => "sqlite",
                _ => "xlsx",
            }
        ))
    })
}
