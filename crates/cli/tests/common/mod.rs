//! Helpers shared by the integration tests: reading fixtures and checking
//! the model's invariants before anything is snapshotted.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use iki_model::Document;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every `*.md` file under `fixtures/parse`, `fixtures/agencies` and `seeds`, sorted.
pub fn documents() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in ["fixtures/parse", "fixtures/agencies", "seeds"] {
        for entry in std::fs::read_dir(root().join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The 1-based numbers of the non-blank lines of a document's bytes, as the
/// parser sees them after decoding.
pub fn non_blank_lines(bytes: &[u8]) -> Vec<u32> {
    let decoded = iki_parse::decode::decode(bytes).unwrap();
    decoded
        .text
        .split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, _)| i as u32 + 1)
        .collect()
}

/// Number of lines in the decoded text.
pub fn line_count(bytes: &[u8]) -> u32 {
    let text = iki_parse::decode::decode(bytes).unwrap().text;
    let n = text.split('\n').count() as u32;
    if text.ends_with('\n') {
        n - 1
    } else {
        n
    }
}

/// Asserts the invariants every parsed document keeps: 100% line accounting,
/// spans inside the file and in document order, unique position ids.
pub fn check_invariants(path: &Path, bytes: &[u8], doc: &Document) {
    let name = path.display();
    let lost = doc.unaccounted_lines(non_blank_lines(bytes));
    assert!(lost.is_empty(), "{name}: lines not accounted for: {lost:?}");

    let n = line_count(bytes);
    let mut ids = BTreeSet::new();
    let mut last_heading = 0;
    for g in &doc.groups {
        assert!(
            g.span.first >= 1 && g.span.last <= n,
            "{name}: group span {}",
            g.span
        );
        for p in &g.positions {
            assert!(ids.insert(p.id.clone()), "{name}: duplicate id {}", p.id);
            // Non-decreasing: positions of a one-line HTML matrix table
            // share their line.
            assert!(
                p.heading.first >= last_heading,
                "{name}: positions out of order at {}",
                p.heading
            );
            last_heading = p.heading.first;
            assert!(
                g.span.first <= p.span.first && p.span.last <= g.span.last,
                "{name}: position {} [{}] outside its group [{}]",
                p.id,
                p.span,
                g.span
            );
            for s in p
                .tugas
                .iter()
                .chain(&p.fungsi)
                .map(|i| i.span)
                .chain(p.indicators.iter().map(|i| i.span))
            {
                assert!(
                    p.span.first <= s.first && s.last <= p.span.last,
                    "{name}: element [{s}] outside position {} [{}]",
                    p.id,
                    p.span
                );
            }
        }
    }
    let skipped: Vec<u32> = doc.skipped.iter().map(|s| s.line).collect();
    assert!(
        skipped.windows(2).all(|w| w[0] < w[1]),
        "{name}: skipped lines not sorted and unique"
    );
    assert!(
        skipped.iter().all(|&l| l >= 1 && l <= n),
        "{name}: skipped line out of range"
    );
}

/// A document's positions as the `*.expected.json` files of
/// `fixtures/agencies/` and `fixtures/originals/` write them.
pub fn positions_json(doc: &Document) -> serde_json::Value {
    doc.groups
        .iter()
        .flat_map(|g| {
            g.positions.iter().map(move |p| {
                serde_json::json!({
                    "group": g.kind.as_str(),
                    "number": p.number,
                    "title": p.title,
                    "tugas": p.tugas.len(),
                    "fungsi": p.fungsi.len(),
                    "rows": p.indicators.len(),
                })
            })
        })
        .collect()
}

/// Compares two arrays of objects element by element, naming each key of
/// each element that differs from the expectation.
pub fn compare(
    name: &str,
    what: &str,
    expected: &serde_json::Value,
    got: &serde_json::Value,
    failures: &mut Vec<String>,
) {
    let (e, g) = (expected.as_array().unwrap(), got.as_array().unwrap());
    if e.len() != g.len() {
        failures.push(format!(
            "{name}: {} {what} expected, {} read",
            e.len(),
            g.len()
        ));
    }
    for (i, (a, b)) in e.iter().zip(g).enumerate() {
        for (k, v) in a.as_object().unwrap() {
            if b.get(k) != Some(v) {
                failures.push(format!(
                    "{name}: {what}[{i}].{k}: expected {v}, got {}",
                    b.get(k).unwrap_or(&serde_json::Value::Null)
                ));
            }
        }
    }
}

/// Whether pdftotext can run here; without it the PDF cases are skipped
/// (with a note) unless `IKI_REQUIRE_PDFTOTEXT=1`, as CI sets.
pub fn pdftotext_available() -> bool {
    let found = std::process::Command::new(iki_originals::Options::default().pdftotext)
        .arg("-v")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("IKI_REQUIRE_PDFTOTEXT").is_none_or(|v| v != "1"),
            "pdftotext is not installed and IKI_REQUIRE_PDFTOTEXT=1"
        );
        eprintln!("note: pdftotext is not installed; the PDF cases are skipped");
    }
    found
}
