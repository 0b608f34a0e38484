//! Snapshot tests over every document in `fixtures/parse/` and `seeds/`,
//! one snapshot per stage, stored under the top-level `snapshots/` folder:
//!
//! - `snapshots/parse/`: the parsed model as a readable outline, then the
//!   diagnostics;
//! - `snapshots/normalize/`: the normalizer's audit log, its diagnostics
//!   and the typo suggestions made without a dictionary (so that the
//!   snapshot does not depend on what is installed);
//! - `snapshots/emit/`: the canonical JSON of the parsed (raw) model, then
//!   the NDJSON rows;
//! - `snapshots/diff/`: every next-year document in `fixtures/diff/` diffed
//!   against the seed (and the Dinas Kesehatan pair in `fixtures/diff/dinkes/`),
//!   in each format (terminal without colour, markdown, HTML in Indonesian
//!   and English; JSON).
//!
//! Invariants (line accounting, span order, unique ids) are asserted before
//! a snapshot is taken. Review new snapshots with `cargo insta review`
//! (or `INSTA_UPDATE=always cargo test` and `git diff snapshots/`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fmt::Write;
use std::path::Path;

fn parse(path: &Path) -> iki_parse::Parsed {
    let bytes = std::fs::read(path).unwrap();
    let parsed = iki_parse::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    common::check_invariants(path, &bytes, &parsed.document);
    parsed
}

fn diagnostics(out: &mut String, list: &[iki_model::Diagnostic]) {
    out.push_str("\n## diagnostics\n");
    for d in list {
        let span = d.span.to_string();
        let _ = writeln!(out, "{span:>5} {:?} {}: {}", d.severity, d.code, d.message);
    }
}

fn parse_view(path: &Path) -> String {
    let parsed = parse(path);
    let mut out = iki_emit::outline(&parsed.document);
    diagnostics(&mut out, &parsed.diagnostics);
    out
}

fn normalize_view(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let doc = parse(path).document;
    let glossary = iki_normalize::Glossary::builtin().unwrap();
    let n = iki_normalize::normalize(&doc, &glossary);
    common::check_invariants(path, &bytes, &n.document);
    let mut out = String::from("## changes\n");
    for c in &n.changes {
        let _ = writeln!(
            out,
            "{:>5} {} {} {}\n      - {}\n      + {}",
            c.line,
            c.rule,
            c.position.as_deref().unwrap_or("-"),
            c.field,
            c.before,
            c.after
        );
    }
    out.push_str("\n## counts\n");
    for (rule, count) in n.document.normalized.iter().flatten() {
        let _ = writeln!(out, "{rule}: {count}");
    }
    diagnostics(&mut out, &n.diagnostics);
    out.push_str("\n## suggestions\n");
    for s in iki_normalize::suggest(
        &[&n.document],
        &glossary,
        &iki_normalize::Dictionary::builtin(),
        iki_normalize::SuggestOptions::default(),
    ) {
        let _ = writeln!(
            out,
            "{} ({}x, lines {:?}) -> {:?} ({}x) {}",
            s.word,
            s.count,
            s.lines,
            s.candidate,
            s.candidate_count,
            s.reason.as_str()
        );
    }
    out
}

fn emit_view(path: &Path) -> String {
    let doc = parse(path).document;
    let mut out = iki_emit::to_json_string(&doc, iki_emit::Layout::Pretty).unwrap();
    out.push_str("\n## rows\n");
    let mut rows = Vec::new();
    iki_emit::write_rows(&mut rows, &doc).unwrap();
    out.push_str(&String::from_utf8(rows).unwrap());
    out
}

/// Snapshots `view` of every document for one stage, named
/// `<stage>@<file name>.snap`; reports every mismatch, not only the first.
fn check_stage(stage: &'static str, view: fn(&Path) -> String) {
    let mut failed = Vec::new();
    for path in common::documents() {
        let mut s = insta::Settings::clone_current();
        s.set_snapshot_path(common::root().join("snapshots").join(stage));
        s.set_prepend_module_to_snapshot(false);
        s.set_omit_expression(true);
        s.set_input_file(&path);
        s.set_snapshot_suffix(path.file_name().unwrap().to_string_lossy().to_string());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            s.bind(|| insta::assert_snapshot!(stage, view(&path)));
        }));
        if result.is_err() {
            failed.push(path.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{stage} snapshots differ for: {failed:#?}"
    );
}

#[test]
fn parse_stage() {
    check_stage("parse", parse_view);
}

#[test]
fn normalize_stage() {
    check_stage("normalize", normalize_view);
}

#[test]
fn emit_stage() {
    check_stage("emit", emit_view);
}

/// Two documents, both normalized, diffed.
fn diff_report(old: &Path, new: &Path) -> iki_diff::Report {
    let glossary = iki_normalize::Glossary::builtin().unwrap();
    let load = |p: &Path| {
        let doc = iki_parse::parse(&std::fs::read(p).unwrap())
            .unwrap()
            .document;
        iki_normalize::normalize(&doc, &glossary).document
    };
    let (old_doc, new_doc) = (load(old), load(new));
    let changes = iki_diff::diff(&old_doc, &new_doc, &iki_diff::Options::default());
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
    iki_diff::Report::new(
        iki_diff::Side::of(&name(old), &old_doc),
        iki_diff::Side::of(&name(new), &new_doc),
        changes,
    )
}

/// Every next-year document in `fixtures/diff/` against the seed, and the
/// Dinas Kesehatan pair of `fixtures/diff/dinkes/` (extra columns), in every
/// format: the human-facing ones in Indonesian and English
/// (`diff-<format>-<lang>@<new file>.snap`), JSON once (it has no language).
#[test]
fn diff_formats() {
    use iki_diff::report::{html, markdown, terminal, Lang};
    let root = common::root();
    let dir = root.join("fixtures/diff");
    let mut news: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    news.sort();
    assert!(!news.is_empty());
    let seed = root.join("seeds/bkpsdm-sumenep-2024.md");
    let mut pairs: Vec<_> = news.into_iter().map(|n| (seed.clone(), n)).collect();
    pairs.push((
        root.join("fixtures/agencies/dinkes-pipe.md"),
        dir.join("dinkes/dinkes-pipe-2025.md"),
    ));
    for (old, new) in pairs {
        let report = diff_report(&old, &new);
        let mut views = Vec::new();
        for (code, lang) in [("id", Lang::Id), ("en", Lang::En)] {
            views.push((format!("terminal-{code}"), terminal(&report, lang, false)));
            views.push((format!("markdown-{code}"), markdown(&report, lang)));
            views.push((format!("html-{code}"), html(&report, lang)));
        }
        let mut buf = Vec::new();
        iki_emit::write_canonical(&mut buf, &report).unwrap();
        views.push(("json".to_string(), String::from_utf8(buf).unwrap()));
        for (format, text) in views {
            let mut s = insta::Settings::clone_current();
            s.set_snapshot_path(root.join("snapshots/diff"));
            s.set_prepend_module_to_snapshot(false);
            s.set_omit_expression(true);
            s.set_input_file(&new);
            s.set_snapshot_suffix(new.file_name().unwrap().to_string_lossy().to_string());
            s.bind(|| insta::assert_snapshot!(format!("diff-{format}"), text));
        }
    }
}
