//! The report language (#14): every diagnostic's message comes from the
//! message catalogue (`crates/model/data/messages.tsv`), whose English
//! reproduces the message JSON carries exactly, and every key the code
//! uses is in the catalogue in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_model::lang::{self, Lang};
use iki_model::Diagnostic;
use std::collections::BTreeSet;
use std::path::Path;

/// Parse and normalize diagnostics of a document's bytes (source or
/// original), as the command line gets them.
fn diagnostics(bytes: &[u8]) -> Vec<Diagnostic> {
    let Ok(parsed) = iki_originals::parse(bytes, &iki_originals::Options::default()) else {
        return Vec::new();
    };
    let glossary = iki_normalize::Glossary::builtin().unwrap();
    let mut all = parsed.diagnostics;
    all.extend(iki_normalize::normalize_owned(parsed.document, &glossary).diagnostics);
    all
}

/// Inputs that make the diagnostics the fixtures do not: bad encodings,
/// layout text with a bad byte, numbering gaps.
fn crafted() -> Vec<(String, Vec<u8>)> {
    let root = common::root();
    let seed = std::fs::read(root.join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    let layout = std::fs::read(root.join("fixtures/originals/dinsos-pdftotext.txt")).unwrap();
    let mut out = Vec::new();
    // A Windows-1252 byte in (ASCII) markdown, and in layout text.
    let mut latin = GAPS.as_bytes().to_vec();
    latin.extend_from_slice(b"\nCaf\xe9\n");
    out.push(("latin".to_string(), latin));
    let mut latin_layout = layout.clone();
    latin_layout.extend_from_slice(b"\nCaf\xe9\n");
    out.push(("latin layout".to_string(), latin_layout));
    // UTF-8 with stray bytes on many lines (more than 20 of them).
    let mut stray = "é ".repeat(200).into_bytes();
    stray.extend_from_slice(&seed);
    for _ in 0..25 {
        stray.extend_from_slice(b"\nbad \xff byte\n");
    }
    out.push(("stray".to_string(), stray.clone()));
    let mut stray_layout = "é ".repeat(200).into_bytes();
    stray_layout.push(b'\n');
    stray_layout.extend_from_slice(&layout);
    stray_layout.extend_from_slice(b"\nbad \xff byte\n");
    out.push(("stray layout".to_string(), stray_layout));
    // UTF-16 with a lone surrogate.
    let text = String::from_utf8_lossy(&seed).into_owned();
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16().chain([0xD800, 0x000A]) {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    out.push(("utf16".to_string(), utf16));
    out.push(("gaps".to_string(), GAPS.as_bytes().to_vec()));
    // Positions without any row; a matrix whose first row names no position.
    out.push(("no rows".to_string(), NO_ROWS.as_bytes().to_vec()));
    out.push(("matrix".to_string(), MATRIX.as_bytes().to_vec()));
    out
}

/// Numbering gaps (after the start, after a number; one and a range), a
/// number out of order, a duty label outside any position, a position
/// without rows and one whose table has none.
const GAPS: &str = "\
# INDIKATOR KINERJA INDIVIDU (IKI) BADAN X TAHUN 2024

**TUGAS** : sebelum jabatan mana pun

## JABATAN ADMINISTRATOR

### 3. KEPALA BIDANG A

| SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|
| S | Jumlah X | F | D |

### 7. KEPALA BIDANG B

| SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|
| S | Jumlah Y | F | D |

### 9. KEPALA BIDANG C

| SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|
| S | Jumlah Z | F | D |

### 8. KEPALA BIDANG D

**TUGAS** : Memimpin bidang

### 10. KEPALA BIDANG E

| SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|

## JABATAN PENGAWAS

### 1.2 KEPALA SEKSI F

| SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|
| S | Jumlah W | F | D |
";

const NO_ROWS: &str = "\
# INDIKATOR KINERJA INDIVIDU (IKI) BADAN X TAHUN 2024

## JABATAN ADMINISTRATOR

### 1. KEPALA BIDANG A

**TUGAS** : Memimpin bidang

### 2. KEPALA BIDANG B

**TUGAS** : Memimpin bidang
";

const MATRIX: &str = "\
# INDIKATOR KINERJA INDIVIDU (IKI) BADAN X TAHUN 2024

| NO | JABATAN | SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA |
|---|---|---|---|---|---|
| 1 |  | S | Jumlah X | F | D |
| 2 | INSPEKTUR | S | Jumlah Y | F | D |
";

/// Every diagnostic the fixtures, the seeds, the originals and the crafted
/// inputs give, with where it came from.
fn all_diagnostics() -> Vec<(String, Diagnostic)> {
    let root = common::root();
    let mut inputs: Vec<(String, Vec<u8>)> = common::documents()
        .into_iter()
        .map(|p| (p.display().to_string(), std::fs::read(&p).unwrap()))
        .collect();
    for dir in [
        "fixtures/originals",
        "fixtures/diff",
        "fixtures/diff/dinkes",
    ] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let keep = path.extension().is_some_and(|e| {
                ["docx", "xlsx", "xls", "ods", "txt", "md", "pdf"].contains(&e.to_str().unwrap())
            });
            if keep && path.is_file() {
                inputs.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    inputs.extend(crafted());
    inputs
        .into_iter()
        .flat_map(|(name, bytes)| {
            diagnostics(&bytes)
                .into_iter()
                .map(move |d| (name.clone(), d))
        })
        .collect()
}

#[test]
fn every_diagnostic_message_is_the_english_of_its_catalogue_entry() {
    let all = all_diagnostics();
    let mut keys = BTreeSet::new();
    let mut codes = BTreeSet::new();
    for (name, d) in &all {
        assert!(
            !d.parts.is_empty(),
            "{name}: {} is not made from the catalogue: {}",
            d.code,
            d.message
        );
        for p in &d.parts {
            assert!(
                lang::has(&p.key),
                "{name}: {} is not in messages.tsv",
                p.key
            );
            assert!(p.key.starts_with("diag."), "{}", p.key);
            keys.insert(p.key.clone());
        }
        // The English of the catalogue is the message, exactly.
        assert_eq!(d.message_in(Lang::En), d.message, "{name}: {}", d.code);
        let id = d.message_in(Lang::Id);
        assert_ne!(id, d.message, "{name}: {} has no Indonesian", d.code);
        assert!(!id.contains("{}"), "{name}: {id}");
        codes.insert(d.code.clone());
    }
    // Every diag.* entry of the catalogue is made by some input, so none
    // is left untested (or stale).
    let catalogue: BTreeSet<String> = include_str!("../../model/data/messages.tsv")
        .lines()
        .filter_map(|l| l.split('\t').next())
        .filter(|k| k.starts_with("diag."))
        .map(str::to_string)
        .collect();
    let unseen: Vec<&String> = catalogue.difference(&keys).collect();
    assert!(unseen.is_empty(), "never produced: {unseen:?}");
    assert!(codes.len() >= 20, "{codes:?}");
}

/// The catalogue keys written as literals in `source`.
fn literal_keys(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for prefix in ["\"diag.", "\"check.", "\"outline.", "\"batch.", "\"field."] {
        for (at, _) in source.match_indices(prefix) {
            let key = &source[at + 1..];
            let key = &key[..key.find('"').unwrap_or(key.len())];
            let word = |c: char| c.is_ascii_lowercase() || "_.-".contains(c);
            // A prefix that code completes (`format!("diag.{code}")`) is
            // checked through the diagnostics themselves.
            if key.ends_with('.') || !key.chars().all(word) {
                continue;
            }
            out.push(key.to_string());
        }
    }
    out
}

#[test]
fn every_key_the_code_uses_is_in_the_catalogue_in_both_languages() {
    let root = common::root();
    let files = [
        "crates/emit/src/report.rs",
        "crates/emit/src/outline.rs",
        "crates/cli/commands.rs",
        "crates/cli/batch.rs",
        "crates/cli/export.rs",
        "crates/cli/load.rs",
        "crates/cli/io.rs",
        "crates/parse/src/build.rs",
        "crates/parse/src/classify.rs",
        "crates/parse/src/decode.rs",
        "crates/normalize/src/numbering.rs",
        "crates/normalize/src/rows.rs",
        "crates/originals/src/lib.rs",
    ];
    let mut used = BTreeSet::new();
    for f in files {
        let source = std::fs::read_to_string(root.join(f)).unwrap();
        for key in literal_keys(&source) {
            assert!(lang::has(&key), "{f}: {key} is not in messages.tsv");
            assert_ne!(lang::text(Lang::Id, &key), "", "{key}");
            assert_ne!(lang::text(Lang::En, &key), "", "{key}");
            used.insert(key);
        }
    }
    // Every check.*, outline.* and batch.* entry is used by some code.
    let catalogue = include_str!("../../model/data/messages.tsv");
    for key in catalogue.lines().filter_map(|l| l.split('\t').next()) {
        let ours = ["check.", "outline.", "batch."]
            .iter()
            .any(|p| key.starts_with(p));
        assert!(!ours || used.contains(key), "{key} is not used");
    }
}

/// The check and outline reports of a few documents, in both languages,
/// through the command: `snapshots/check/check-<lang>@<file>.snap` and
/// `snapshots/outline/outline-<lang>@<file>.snap`.
#[test]
fn check_and_outline_reports_in_both_languages() {
    let root = common::root();
    let documents = [
        "seeds/bkpsdm-sumenep-2024.md",
        "fixtures/parse/unrecognized-lines.md",
        "fixtures/parse/tables-unreadable.md",
        "fixtures/parse/units.md",
        "fixtures/agencies/dinkes-pipe.md",
    ];
    let mut failed = Vec::new();
    for doc in documents {
        let path = Path::new(doc);
        for stage in ["check", "outline"] {
            for code in ["id", "en"] {
                let out = std::process::Command::new(env!("CARGO_BIN_EXE_iki"))
                    .current_dir(&root)
                    .env_remove("IKI_LANG")
                    .env("NO_COLOR", "1")
                    .args([stage, "--lang", code])
                    .arg(if stage == "check" {
                        "--no-dictionary"
                    } else {
                        "--accept-partial"
                    })
                    .arg(doc)
                    .output()
                    .unwrap();
                let text = format!(
                    "{}\n## stderr\n{}",
                    String::from_utf8(out.stdout).unwrap(),
                    String::from_utf8(out.stderr).unwrap()
                );
                let mut s = insta::Settings::clone_current();
                s.set_snapshot_path(root.join("snapshots").join(stage));
                s.set_prepend_module_to_snapshot(false);
                s.set_omit_expression(true);
                s.set_input_file(root.join(path));
                s.set_snapshot_suffix(path.file_name().unwrap().to_string_lossy().to_string());
                let name = format!("{stage}-{code}");
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    s.bind(|| insta::assert_snapshot!(name, text));
                }));
                if result.is_err() {
                    failed.push(format!("{stage} --lang {code} {doc}"));
                }
            }
        }
    }
    assert!(failed.is_empty(), "snapshots differ: {failed:#?}");
}
