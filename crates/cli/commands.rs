//! The subcommands: read, parse, normalize, emit. No document logic lives
//! here, only the wiring of the stages and where their output goes.

use crate::args::{CheckArgs, CheckFormat, Cli, Command, CommonArgs, DocArgs, NormalizeArgs};
use crate::exit;
use crate::io::{display_name, read_input, tr, CliError, Output};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use iki_emit::report::Finding;
use iki_emit::Layout;
use iki_model::lang::Lang;
use iki_model::{Change, Diagnostic, Document, Severity, Span};
use iki_normalize::{Dictionary, Glossary, SuggestOptions, Suggestion, SuggestionReason};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Runs the parsed command line; returns the exit status.
pub fn run(cli: Cli) -> Result<u8, CliError> {
    crate::io::set_quiet(match &cli.command {
        Command::Convert(a) => a.doc.common.quiet,
        Command::Rows(a) | Command::Outline(a) => a.common.quiet,
        Command::Render(a) => a.doc.common.quiet,
        Command::Diff(a) => a.quiet,
        Command::Export(a) => a.quiet,
        Command::Check(_) | Command::Schema(_) | Command::Serve(_) => false,
    });
    match cli.command {
        Command::Convert(a) if a.doc.common.input.is_dir() => return crate::batch::run(&a),
        Command::Convert(a) => {
            let layout = if a.compact {
                Layout::Compact
            } else {
                Layout::Pretty
            };
            let out = Output::new(a.doc.common.output.as_deref(), &a.doc.common.input)?;
            let changes_out = match &a.changes {
                Some(p) => {
                    if a.doc
                        .common
                        .output
                        .as_deref()
                        .is_some_and(|o| crate::io::same_path(o, p))
                    {
                        return Err(CliError::Usage(format!(
                            "--changes {} is the same file as -o: the change list would replace the document",
                            p.display()
                        )));
                    }
                    Some(Output::new(Some(p), &a.doc.common.input)?)
                }
                None => None,
            };
            let loaded = load(&a.doc.common, &a.doc.normalize)?;
            // Both files are written before either is put in place: a
            // failure of one leaves neither.
            let changes = match changes_out {
                Some(c) => Some(c.stage(|w| iki_emit::write_changes(w, &loaded.changes))?),
                None => None,
            };
            let json = out.stage(|w| iki_emit::write_json(w, &loaded.document, layout))?;
            json.commit()?;
            if let Some(c) = changes {
                c.commit()?;
            }
        }
        Command::Rows(a) => {
            let (out, loaded) = open(&a)?;
            out.write_with(|w| iki_emit::write_rows(w, &loaded.document))?;
        }
        Command::Render(a) => {
            let out = Output::new(a.doc.common.output.as_deref(), &a.doc.common.input)?;
            let loaded = load_keeping(&a.doc.common, &a.doc.normalize, a.source)?;
            let text = if a.source {
                if loaded.json {
                    return Err(CliError::Usage(format!(
                        "{} is iki's canonical JSON: it has no source text (drop --source to render the document)",
                        loaded.name
                    )));
                }
                loaded.source
            } else {
                iki_emit::markdown(&loaded.document)
            };
            out.write_with(|w| w.write_all(text.as_bytes()).map_err(Into::into))?;
        }
        Command::Outline(a) => {
            let (out, loaded) = open(&a)?;
            let mut text = iki_emit::outline_in(&loaded.document, crate::io::lang());
            // On a terminal, document text goes through the terminal filter.
            if matches!(out, Output::Stdout) && std::io::stdout().is_terminal() {
                text = iki_model::terminal_safe(&text);
            }
            out.write_with(|w| w.write_all(text.as_bytes()).map_err(Into::into))?;
        }
        Command::Check(a) => return check(&a),
        Command::Diff(a) => return crate::diff::run(&a),
        Command::Export(a) => return crate::export::run(&a),
        Command::Schema(a) => return crate::export::schema(&a),
        Command::Serve(a) => return crate::serve::run(&a),
    }
    Ok(exit::OK)
}

/// The output (checked before any work is done) and the loaded document.
fn open(a: &DocArgs) -> Result<(Output, Loaded), CliError> {
    let out = Output::new(a.common.output.as_deref(), &a.common.input)?;
    Ok((out, load(&a.common, &a.normalize)?))
}

/// A document read through the pipeline.
struct Loaded {
    name: String,
    /// The decoded text, kept only for `iki check`'s excerpts (empty
    /// otherwise: a long document is not held twice while it is
    /// normalized and written).
    source: String,
    /// Read from canonical JSON (there is no source text).
    json: bool,
    document: Document,
    changes: Vec<Change>,
    diagnostics: Vec<Diagnostic>,
}

pub fn glossary(files: &[PathBuf]) -> Result<Glossary, CliError> {
    let mut g = Glossary::builtin()?;
    for f in files {
        let bytes = read_input(f)?;
        // A glossary is UTF-8: a lossy read would add wrong entries silently.
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1;
            iki_normalize::GlossaryError {
                source_name: display_name(f),
                line,
                message: "the glossary is not UTF-8 (save it as UTF-8)".into(),
            }
        })?;
        g.extend_from_tsv(text, &display_name(f))?;
    }
    Ok(g)
}

/// Reads, decodes, parses and (unless `--raw`) normalizes one input.
fn read(
    input: &Path,
    raw: bool,
    glossary: &Glossary,
    keep_source: bool,
) -> Result<Loaded, CliError> {
    let bytes = read_input(input)?;
    let name = display_name(input);
    // iki's own canonical JSON is read as it is (then normalized, which
    // changes nothing in JSON that iki wrote); it has no source text.
    if let Some(doc) = crate::load::json_document(&bytes, &name) {
        let (document, changes, diagnostics) = if raw {
            (doc?, Vec::new(), Vec::new())
        } else {
            let n = iki_normalize::normalize_owned(doc?, glossary);
            (n.document, n.changes, n.diagnostics)
        };
        return Ok(Loaded {
            name,
            source: String::new(),
            json: true,
            document,
            changes,
            diagnostics,
        });
    }
    let parse_err = |source: iki_originals::ReadError| CliError::Parse {
        path: name.clone(),
        line: source.line().map_or(String::new(), |l| format!(":{l}")),
        source,
    };
    let mut text =
        iki_originals::text_of(&bytes, &iki_originals::Options::default()).map_err(parse_err)?;
    drop(bytes);
    let source = if keep_source {
        text.text.clone()
    } else {
        String::new()
    };
    let parsed = iki_originals::parse_text(std::mem::take(&mut text)).map_err(parse_err)?;
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
        source,
        json: false,
        document,
        changes,
        diagnostics,
    })
}

/// [`read`], then reports warnings (unless quiet) and errors on standard
/// error; a document that lost content is an error unless
/// `--accept-partial`.
fn load(a: &CommonArgs, n: &NormalizeArgs) -> Result<Loaded, CliError> {
    load_keeping(a, n, false)
}

/// [`load`], keeping the source text when `keep_source`.
fn load_keeping(a: &CommonArgs, n: &NormalizeArgs, keep_source: bool) -> Result<Loaded, CliError> {
    let loaded = read(&a.input, n.raw, &glossary(&n.glossary)?, keep_source)?;
    {
        let least = if a.quiet {
            Severity::Error
        } else {
            Severity::Warning
        };
        for d in loaded.diagnostics.iter().filter(|d| d.severity >= least) {
            crate::io::say(&crate::io::diagnostic_line(&loaded.name, d));
        }
    }
    let lost = iki_parse::lost_content(&loaded.diagnostics).count();
    if lost > 0 && !n.accept_partial {
        return Err(CliError::Partial {
            path: loaded.name,
            count: lost,
        });
    }
    Ok(loaded)
}

/// The differing middle of two texts, widened to whole words; a change of
/// spaces or punctuation only ("se- Kabupaten" -> "se-Kabupaten",
/// "Kepegawaian Kepegawaian" -> "Kepegawaian") is shown with the words on
/// either side.
fn excerpt(before: &str, after: &str) -> (String, String) {
    let b: Vec<char> = before.chars().collect();
    let a: Vec<char> = after.chars().collect();
    let word = |c: &char| c.is_alphanumeric();
    let mut start = b.iter().zip(&a).take_while(|(x, y)| x == y).count();
    let mut tail = b[start..]
        .iter()
        .rev()
        .zip(a[start..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let pure = a[start..a.len() - tail].iter().all(|c| !word(c))
        || b[start..b.len() - tail].iter().all(|c| !word(c));
    if pure {
        // Step out over the punctuation, then over one word, on each side.
        while start > 0 && !word(&b[start - 1]) {
            start -= 1;
        }
        while tail > 0 && !word(&b[b.len() - tail]) {
            tail -= 1;
        }
    }
    // Widen cuts that fall inside a word (or, after stepping out, just
    // before one) to the word's edges.
    while start > 0 && word(&b[start - 1]) {
        start -= 1;
    }
    while tail > 0 && word(&b[b.len() - tail]) {
        tail -= 1;
    }
    let cut = |v: &[char]| v[start..v.len() - tail].iter().collect::<String>();
    (cut(&b), cut(&a))
}

fn check(a: &CheckArgs) -> Result<u8, CliError> {
    // One glossary for every input and for the suggestions.
    let glossary = glossary(&a.glossary)?;
    let loaded: Vec<Loaded> = a
        .inputs
        .iter()
        .map(|p| read(p, false, &glossary, true))
        .collect::<Result<_, _>>()?;
    // The built-in word list always guards the suggestions: a word it
    // knows is never a typo. --no-dictionary only stops it proposing
    // corrections of its own.
    let dictionary = match &a.dictionary {
        Some(path) => Dictionary::load(path).map_err(CliError::Dictionary)?,
        None => Dictionary::builtin(),
    };
    let docs: Vec<&Document> = loaded.iter().map(|l| &l.document).collect();
    let options = SuggestOptions {
        dictionary_candidates: !a.no_dictionary,
    };
    let suggestions = iki_normalize::suggest(&docs, &glossary, &dictionary, options);

    let lang = crate::io::lang();
    let mut reports = Vec::new();
    let mut any_errors = false;
    let stdout = std::io::stdout();
    let choice = if stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    let mut out = StandardStream::stdout(choice);
    let write_err = |source| CliError::Write {
        path: "<stdout>".into(),
        source,
    };
    for (index, l) in loaded.iter().enumerate() {
        let mine: Vec<&Suggestion> = suggestions.iter().filter(|s| s.document == index).collect();
        let all = findings(l, &mine, lang);
        let errors = all
            .iter()
            .filter(|(d, _)| d.severity == Severity::Error)
            .count();
        let warnings = all
            .iter()
            .filter(|(d, _)| d.severity == Severity::Warning)
            .count();
        any_errors |= errors > 0;
        match a.format {
            // What `iki check --format json` prints (shared with `iki serve`).
            CheckFormat::Json => reports.push(iki_emit::check::CheckReport::new(
                &l.name,
                &l.diagnostics,
                &l.changes,
                mine,
            )),
            CheckFormat::Human => {
                let list: Vec<Finding> = all
                    .iter()
                    .map(|(d, focus)| Finding {
                        diagnostic: d,
                        focus: focus.as_deref(),
                    })
                    .collect();
                if l.json {
                    // Canonical JSON has no source text to show: each
                    // finding names the line of the document it came from.
                    for (d, _) in &all {
                        writeln!(
                            out,
                            "{}: {}: {}",
                            iki_model::terminal_safe(&l.name),
                            tr("check.source_line", &[&d.span.first.to_string()]),
                            iki_emit::report::header(lang, d)
                        )
                        .map_err(write_err)?;
                    }
                } else {
                    iki_emit::report::render_in(&mut out, lang, &l.name, &l.source, &list)
                        .map_err(write_err)?;
                }
                writeln!(
                    out,
                    "{}",
                    tr(
                        "check.summary",
                        &[
                            &iki_model::terminal_safe(&l.name),
                            &errors.to_string(),
                            &warnings.to_string(),
                            &l.changes.len().to_string(),
                            &mine.len().to_string(),
                        ]
                    )
                )
                .map_err(write_err)?;
            }
        }
    }
    if a.format == CheckFormat::Json {
        if reports.len() == 1 {
            Output::Stdout.write_with(|w| iki_emit::write_canonical(w, &reports[0]))?;
        } else {
            Output::Stdout.write_with(|w| iki_emit::write_canonical(w, &reports))?;
        }
    }
    Ok(if any_errors { exit::FINDINGS } else { exit::OK })
}

/// Everything about one document as diagnostics, in source order: its
/// parse and normalize diagnostics, the fixes as notes, the suggestions as
/// help; each with the text to underline, where there is one. The notes and
/// help are written in `lang` (they are shown, never serialized).
fn findings(
    l: &Loaded,
    suggestions: &[&Suggestion],
    lang: Lang,
) -> Vec<(Diagnostic, Option<String>)> {
    let say = |key: &str, args: &[&str]| iki_model::lang::format(lang, key, args);
    let mut all: Vec<(Diagnostic, Option<String>)> =
        l.diagnostics.iter().map(|d| (d.clone(), None)).collect();
    // Positions are named "N. TITLE", as the document shows them, not by id.
    let positions: HashMap<&str, (&str, &str)> = l
        .document
        .groups
        .iter()
        .flat_map(|g| &g.positions)
        .map(|p| (p.id.as_str(), (p.number.as_str(), p.title.as_str())))
        .collect();
    for c in &l.changes {
        let (before, after) = excerpt(&c.before, &c.after);
        let field = field_words(lang, &c.field);
        let what = match c.position.as_deref() {
            Some(id) => match positions.get(id) {
                Some((number, title)) => say(
                    "check.where",
                    &[number.trim_end_matches('.'), title, &field],
                ),
                None => format!("{id}, {field}"),
            },
            None => field,
        };
        let message = if c.after.is_empty() {
            say("check.removed", &[&what])
        } else {
            say(
                "check.fixed",
                &[&format!("{before:?}"), &format!("{after:?}"), &what],
            )
        };
        all.push((
            Diagnostic::note(&format!("fixed-{}", c.rule), message, Span::line(c.line)),
            Some(before),
        ));
    }
    for s in suggestions {
        let line = s.lines.first().copied().unwrap_or(1);
        let also = if s.lines.len() > 1 {
            let lines: Vec<String> = s.lines.iter().map(u32::to_string).collect();
            say("check.also_lines", &[&lines.join(", ")])
        } else {
            String::new()
        };
        let c = s.candidate.as_deref().unwrap_or_default();
        let evidence = if s.candidate_count == 0 {
            say("check.in_dictionary", &[])
        } else {
            format!("{}x", s.candidate_count)
        };
        let (word, count, candidate) = (
            format!("{:?}", s.word),
            s.count.to_string(),
            format!("{c:?}"),
        );
        let reason = match s.reason {
            SuggestionReason::EditDistance => Some("check.reason.edit_distance"),
            SuggestionReason::Transposition => Some("check.reason.transposition"),
            SuggestionReason::DoubledLetter => Some("check.reason.doubled_letter"),
            SuggestionReason::RealWord => None,
        };
        let (code, message) = match reason {
            None => (
                "check-meaning",
                say(
                    "check.meaning",
                    &[&word, &count, &also, &candidate, &evidence],
                ),
            ),
            Some(reason) => (
                "possible-typo",
                say(
                    "check.typo",
                    &[
                        &word,
                        &count,
                        &also,
                        &candidate,
                        &evidence,
                        &say(reason, &[]),
                        &s.word.to_lowercase(),
                        &c.to_lowercase(),
                    ],
                ),
            ),
        };
        all.push((
            Diagnostic::help(code, message, Span::line(line)),
            Some(s.word.clone()),
        ));
    }
    all.sort_by_key(|(d, _)| d.span);
    all
}

/// A change's field (`tugas[2]`, `indicators[0].sasaran`) in words:
/// "Tugas item 3", "Sasaran of row 1".
fn field_words(lang: Lang, field: &str) -> String {
    let say = |key: &str, args: &[&str]| iki_model::lang::format(lang, key, args);
    let index = |s: &str| -> Option<(usize, String)> {
        let (k, rest) = s.split_once(']')?;
        Some((k.parse::<usize>().ok()? + 1, rest.to_string()))
    };
    if let Some((k, _)) = field.strip_prefix("tugas[").and_then(index) {
        return say("check.field.tugas", &[&k.to_string()]);
    }
    if let Some((k, _)) = field.strip_prefix("fungsi[").and_then(index) {
        return say("check.field.fungsi", &[&k.to_string()]);
    }
    if let Some((k, rest)) = field.strip_prefix("indicators[").and_then(index) {
        let row = k.to_string();
        return match rest.strip_prefix('.') {
            None => say("check.field.row", &[&row]),
            Some(extra) if extra.starts_with("extra.") => {
                say("check.field.extra", &[&extra["extra.".len()..], &row])
            }
            Some(cell) => {
                let key = format!("field.{cell}");
                let name = if iki_model::lang::has(&key) {
                    say(&key, &[])
                } else {
                    cell.to_string()
                };
                say("check.field.cell", &[&name, &row])
            }
        };
    }
    let key = match field {
        "document.title" => "check.field.document_title",
        "document.agency_name" => "check.field.agency_name",
        "group.title" => "check.field.group_title",
        "unit.title" => "check.field.unit_title",
        "title" => "field.title",
        "unit" => "field.unit",
        other => return other.to_string(),
    };
    say(key, &[])
}
