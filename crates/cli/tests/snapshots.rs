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
//!   against the seed, in each format (terminal without colour, markdown,
//!   HTML, JSON).
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
    out.push_str("\n## suggestions (no dictionary)\n");
    for s in iki_normalize::suggest(&[&n.document], &glossary, None) {
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

/// The seed and a next-year fixture, both normalized, diffed.
fn diff_report(new: &Path) -> iki_diff::Report {
    let glossary = iki_normalize::Glossary::builtin().unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    let load = |p: &Path| {
        let doc = iki_parse::parse(&std::fs::read(p).unwrap())
            .unwrap()
            .document;
        iki_normalize::normalize(&doc, &glossary).document
    };
    let (old, new_doc) = (load(&seed), load(new));
    let changes = iki_diff::diff(&old, &new_doc, &iki_diff::Options::default());
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().to_string();
    iki_diff::Report::new(
        iki_diff::Side::of(&name(&seed), &old),
        iki_diff::Side::of(&name(new), &new_doc),
        changes,
    )
}

#[test]
fn diff_formats() {
    let dir = common::root().join("fixtures/diff");
    let mut news: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("README.md"))
        .collect();
    news.sort();
    assert!(!news.is_empty());
    for new in news {
        let report = diff_report(&new);
        let views = [
            ("terminal", iki_diff::report::terminal(&report, false)),
            ("markdown", iki_diff::report::markdown(&report)),
            ("html", iki_diff::report::html(&report)),
            ("json", {
                let mut buf = Vec::new();
                iki_emit::write_canonical(&mut buf, &report).unwrap();
                String::from_utf8(buf).unwrap()
            }),
        ];
        for (format, text) in views {
            let mut s = insta::Settings::clone_current();
            s.set_snapshot_path(common::root().join("snapshots/diff"));
            s.set_prepend_module_to_snapshot(false);
            s.set_omit_expression(true);
            s.set_input_file(&new);
            s.set_snapshot_suffix(new.file_name().unwrap().to_string_lossy().to_string());
            s.bind(|| insta::assert_snapshot!(format!("diff-{format}"), text));
        }
    }
}
