//! Precision of `iki check`'s suggestions, measured on every seed and
//! fixture document: each suggestion kept must be one a person agrees with
//! when reading the line. The expected misspellings, found by reading the
//! lines, are in `fixtures/check/expected-misspellings.tsv` (file, line,
//! word, correction, why). The test asserts that every suggestion is
//! listed there and prints the recall (how many listed ones were found).
//! It uses the built-in word list only, so it does not depend on an
//! installed dictionary.
//!
//! `IKI_SHOW_UNKNOWN=1` also prints the words the word list does not know,
//! for a person extending the expected list or the allow-list.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use iki_normalize::{suggest, Dictionary, Glossary, SuggestOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every seed and fixture document, sorted.
fn documents() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for dir in ["seeds", "fixtures/parse", "fixtures/agencies"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for f in files {
            let name = format!("{dir}/{}", f.file_name().unwrap().to_string_lossy());
            out.push((name, f));
        }
    }
    out
}

/// (file, line, word, correction), words in lower case.
type Key = (String, u32, String, String);

fn expected() -> BTreeSet<Key> {
    let text =
        std::fs::read_to_string(root().join("fixtures/check/expected-misspellings.tsv")).unwrap();
    let mut out = BTreeSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            f.len(),
            5,
            "expected-misspellings.tsv:{}: five columns",
            n + 1
        );
        assert!(
            !f[4].trim().is_empty(),
            "expected-misspellings.tsv:{}: say why a reader agrees",
            n + 1
        );
        out.insert((
            f[0].to_string(),
            f[1].parse().unwrap(),
            f[2].to_lowercase(),
            f[3].to_lowercase(),
        ));
    }
    out
}

#[test]
fn every_suggestion_is_a_real_misspelling() {
    let glossary = Glossary::builtin().unwrap();
    let dict = Dictionary::builtin();
    let expected = expected();
    let show_unknown = std::env::var_os("IKI_SHOW_UNKNOWN").is_some();
    let mut kept: BTreeSet<Key> = BTreeSet::new();
    let mut wrong = Vec::new();
    for (name, path) in documents() {
        let bytes = std::fs::read(&path).unwrap();
        let Ok(parsed) = iki_parse::parse(&bytes) else {
            continue;
        };
        let doc = iki_normalize::normalize_owned(parsed.document, &glossary).document;
        // As `iki check FILE` does: each document alone, with the word
        // list's own candidates.
        for s in suggest(&[&doc], &glossary, &dict, SuggestOptions::default()) {
            for &line in &s.lines {
                let key = (
                    name.clone(),
                    line,
                    s.word.to_lowercase(),
                    s.candidate.clone().unwrap_or_default().to_lowercase(),
                );
                if !expected.contains(&key) {
                    wrong.push(format!(
                        "{name}:{line}: {:?} -> {:?} ({})",
                        s.word,
                        s.candidate,
                        s.reason.as_str()
                    ));
                }
                kept.insert(key);
            }
        }
        if show_unknown {
            let mut unknown = BTreeSet::new();
            for row in iki_model::rows(&doc) {
                for cell in [row.sasaran, row.indikator, row.formulasi, row.sumber_data] {
                    for w in cell.split(|c: char| !c.is_alphabetic() && c != '-') {
                        if w.chars().count() >= 5 && !dict.knows(w) {
                            unknown.insert(format!("{w}@{}", row.source_lines.first));
                        }
                    }
                }
            }
            eprintln!("{name}: unknown: {unknown:?}");
        }
    }
    let found = expected.intersection(&kept).count();
    eprintln!(
        "precision: {} of {} kept suggestions are listed misspellings; recall: {found} of {} listed misspellings found",
        kept.len() - wrong.len(),
        kept.len(),
        expected.len()
    );
    for e in expected.difference(&kept) {
        eprintln!("  not found: {}:{}: {} -> {}", e.0, e.1, e.2, e.3);
    }
    assert!(
        wrong.is_empty(),
        "suggestions that are not listed misspellings (read the line; if it is one, add it to fixtures/check/expected-misspellings.tsv with why):\n{}",
        wrong.join("\n")
    );
}
