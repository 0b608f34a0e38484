//! The `iki` binary, driven as a user would: inputs, outputs, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;

fn iki() -> Command {
    let mut c = Command::cargo_bin("iki").unwrap();
    c.env_remove("IKI_LANG");
    c
}

fn seed() -> std::path::PathBuf {
    common::root().join("seeds/bkpsdm-sumenep-2024.md")
}

#[test]
fn convert_writes_canonical_json_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("iki-2024.json");
    iki()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.ends_with("}\n"));
    let doc: iki_model::Document = serde_json::from_str(&text).unwrap();
    let positions: usize = doc.groups.iter().map(|g| g.positions.len()).sum();
    assert_eq!(positions, 68);
    assert_eq!(doc.schema_version, iki_model::SCHEMA_VERSION);
    // No temporary file is left beside the output.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("iki-2024.json")]);
}

#[test]
fn convert_is_byte_identical_across_runs_and_matches_stdout() {
    let a = iki().arg("convert").arg(seed()).output().unwrap();
    let b = iki().arg("convert").arg(seed()).output().unwrap();
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("x.json");
    iki()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(std::fs::read(&out).unwrap(), a.stdout);
}

#[test]
fn convert_reads_stdin_and_compact_is_one_line() {
    let out = iki()
        .args(["convert", "-", "--compact"])
        .write_stdin(std::fs::read(seed()).unwrap())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches('\n').count(), 1);
    let compact: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pretty = iki().arg("convert").arg(seed()).output().unwrap().stdout;
    let pretty: serde_json::Value = serde_json::from_slice(&pretty).unwrap();
    assert_eq!(compact, pretty);
}

#[test]
fn rows_prints_one_object_per_indicator_with_the_contract_keys() {
    let out = iki().arg("rows").arg(seed()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // 4 + 13 + 5 + 88 + 169 = 279 rows, counted by hand in the seed (see
    // seed.rs), less the three exact repeats the normalizer removes (lines
    // 573, 574 and 690 repeat 566, 567 and 689).
    assert_eq!(rows.len(), 276);
    let raw = iki().args(["rows", "--raw"]).arg(seed()).output().unwrap();
    assert_eq!(String::from_utf8(raw.stdout).unwrap().lines().count(), 279);
    // Key order as printed (serde_json::Value would sort the keys).
    let first = text.lines().next().unwrap();
    let contract = [
        "group",
        "unit",
        "position_id",
        "position_number",
        "position_title",
        "sasaran",
        "indikator",
        "formulasi",
        "sumber_data",
        "measure",
        "source_lines",
        "source_place",
        "extra",
    ];
    let at: Vec<usize> = contract
        .iter()
        .map(|k| first.find(&format!("\"{k}\":")).unwrap())
        .collect();
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "keys out of order: {first}"
    );
    assert!(rows
        .iter()
        .all(|r| r.as_object().unwrap().len() == contract.len()));
    assert_eq!(rows[0]["group"], "pimpinan_tinggi");
    assert_eq!(rows[0]["source_lines"], serde_json::json!([24, 24]));
    let line_order: Vec<u64> = rows
        .iter()
        .map(|r| r["source_lines"][0].as_u64().unwrap())
        .collect();
    assert!(
        line_order.windows(2).all(|w| w[0] < w[1]),
        "rows in document order"
    );
}

#[test]
fn warnings_name_file_and_line_on_stderr() {
    let out = iki().arg("rows").arg(seed()).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bkpsdm-sumenep-2024.md:236: peringatan[empty-cell]: sel SUMBER DATA kosong"),
        "Indonesian by default: {err}"
    );
    // English with --lang en (after the subcommand too), or IKI_LANG=en.
    let en = iki()
        .args(["rows", "--lang", "en"])
        .arg(seed())
        .output()
        .unwrap();
    let env = iki()
        .env("IKI_LANG", "en")
        .arg("rows")
        .arg(seed())
        .output()
        .unwrap();
    for out in [en, env] {
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains(
                "bkpsdm-sumenep-2024.md:236: warning[empty-cell]: the SUMBER DATA cell is empty"
            ),
            "{err}"
        );
    }
    // --lang wins over IKI_LANG.
    let both = iki()
        .env("IKI_LANG", "en")
        .args(["--lang", "id", "rows"])
        .arg(seed())
        .output()
        .unwrap();
    assert!(String::from_utf8(both.stderr)
        .unwrap()
        .contains("peringatan[empty-cell]"));
    let quiet = iki().args(["rows", "-q"]).arg(seed()).output().unwrap();
    assert!(quiet.stderr.is_empty());
}

#[test]
fn exit_codes() {
    // Usage error.
    iki().args(["convert"]).assert().code(2);
    iki().args(["frobnicate"]).assert().code(2);
    // Missing file: I/O.
    iki()
        .args(["convert", "/nonexistent/iki.md"])
        .assert()
        .code(74);
    // Binary input and text without positions: bad data, with file and line.
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin.md");
    std::fs::write(&bin, b"abc\n\x00\x01\x02").unwrap();
    let out = iki().arg("convert").arg(&bin).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("bin.md:2: not a text document"), "{err}");
    let empty = dir.path().join("empty.md");
    std::fs::write(&empty, "# Judul\n\nTidak ada jabatan.\n").unwrap();
    let out = iki().arg("convert").arg(&empty).output().unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no positions found"));
}

#[test]
fn refuses_to_overwrite_the_input_and_leaves_no_partial_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("iki.md");
    std::fs::copy(seed(), &input).unwrap();
    iki()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&input)
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read(&input).unwrap(),
        std::fs::read(seed()).unwrap()
    );
    // A failed conversion leaves no output file behind.
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, "no positions here\n").unwrap();
    let out = dir.path().join("out.json");
    iki()
        .arg("convert")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(65);
    assert!(!out.exists());
    // An unwritable destination is an I/O error.
    iki()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("missing/dir/out.json"))
        .assert()
        .code(74);
}

#[test]
fn help_explains_commands_and_exit_codes() {
    let out = iki().arg("--help").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in ["convert", "rows", "outline", "Exit status", "65", "74"] {
        assert!(text.contains(needle), "--help lacks {needle}:\n{text}");
    }
}

#[test]
fn outline_shows_what_was_read() {
    let out = iki().arg("outline").arg(seed()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("### 1.1 KEPALA SUB BAGIAN PROGRAM DAN PERENCANAAN"));
    assert!(text.contains("## dilewati"), "{text}");
    assert!(text.contains("  baris 1 [24] Indeks\n"), "{text}");
    let out = iki()
        .args(["outline", "--lang", "en"])
        .arg(seed())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("## skipped"));
    assert!(text.contains("  row 1 [24] Index\n"), "{text}");
}

#[test]
fn raw_skips_the_normalizer_and_changes_file_records_every_fix() {
    let dir = tempfile::tempdir().unwrap();
    let changes = dir.path().join("changes.json");
    let out = dir.path().join("iki.json");
    iki()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&out)
        .arg("--changes")
        .arg(&changes)
        .assert()
        .success();
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let log: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(&changes).unwrap()).unwrap();
    let counted: u64 = doc["normalized"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, log.len());
    let first = &log[0];
    for key in ["rule", "position", "field", "before", "after", "line"] {
        assert!(first.get(key).is_some(), "change lacks {key}: {first}");
    }
    assert_eq!(first["rule"], "glossary");
    assert_eq!(first["before"], "Bdan Kepegawaian Negara (BKN)");
    assert_eq!(first["after"], "Badan Kepegawaian Negara (BKN)");
    assert_eq!(first["line"], 25);

    let raw = iki()
        .args(["convert", "--raw"])
        .arg(seed())
        .output()
        .unwrap();
    let raw: serde_json::Value = serde_json::from_slice(&raw.stdout).unwrap();
    assert!(raw["normalized"].is_null());
    assert!(serde_json::to_string(&raw).unwrap().contains("Presentase"));
    assert!(!serde_json::to_string(&doc).unwrap().contains("Presentase"));
}

#[test]
fn user_glossary_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("mine.tsv");
    std::fs::write(&g, "# mine\nobyek\tobjek\tKBBI\n").unwrap();
    let out = iki()
        .arg("rows")
        .arg(seed())
        .arg("--glossary")
        .arg(&g)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("obyek") && text.contains("objek"));
    // A malformed glossary is bad data, reported with file and line.
    std::fs::write(&g, "obyek\n").unwrap();
    let out = iki()
        .arg("rows")
        .arg(seed())
        .arg("--glossary")
        .arg(&g)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("mine.tsv:1:"));
}

#[test]
fn check_shows_fixes_warnings_and_suggestions_like_a_compiler() {
    let out = iki()
        .args(["check", "--no-dictionary", "--lang", "en"])
        .arg(seed())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "warnings alone exit 0");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("note[fixed-glossary]: fixed: \"Julah\" -> \"Jumlah\" in 3. ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 3, Explanation / formula of row 1"),
        "{text}"
    );
    assert!(
        text.contains("bkpsdm-sumenep-2024.md:186:"),
        "file:line:column"
    );
    assert!(text.contains("warning[duplicate-number]"));
    assert!(
        text.contains("help[check-meaning]: \"saksi\" (1x) and \"sanksi\" (3x) are both words, one letter apart: check the meaning"),
        "two words: no glossary advice: {text}"
    );
    assert!(text.contains("help[possible-typo]: \"Karir\""), "{text}");
    assert!(text.contains("^^^^^"), "the source is underlined");
    assert!(
        text.trim_end()
            .ends_with("0 error(s), 2 warning(s), 61 fix(es), 2 suggestion(s)"),
        "{text}"
    );

    // Indonesian by default: the severity words, the messages and the
    // summary; codes stay as they are.
    let out = iki()
        .args(["check", "--no-dictionary"])
        .arg(seed())
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("catatan[fixed-glossary]: diperbaiki: \"Julah\" -> \"Jumlah\" di 3. ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 3, Penjelasan / formulasi penghitungan baris 1"),
        "{text}"
    );
    assert!(text.contains("peringatan[duplicate-number]: nomor 31 dipakai lagi"));
    assert!(text.contains("saran[possible-typo]: \"Karir\""), "{text}");
    assert!(!text.contains("warning"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("0 galat, 2 peringatan, 61 perbaikan, 2 saran"),
        "{text}"
    );

    // Errors exit 1.
    let bad = common::root().join("fixtures/parse/unrecognized-lines.md");
    let out = iki()
        .args(["check", "--no-dictionary"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("galat[cell-count]: baris ini berisi"));
}

#[test]
fn check_json_for_machines() {
    let out = iki()
        .args(["check", "--no-dictionary", "--format", "json"])
        .arg(seed())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["summary"]["errors"], 0);
    assert_eq!(v["summary"]["fixed"], 61);
    let karir = v["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["word"] == "Karir")
        .unwrap();
    assert_eq!(karir["candidate"], "Karier");
    assert_eq!(karir["lines"], serde_json::json!([707]));
    assert_eq!(karir["reason"], "edit_distance");
}

#[test]
fn check_suggests_the_same_on_every_run() {
    // The word list's tables are hash tables: with a hasher seeded per
    // process, lookups could differ from one run to the next.
    let run = || {
        iki()
            .args(["check", "--format", "json"])
            .arg(seed())
            .output()
            .unwrap()
            .stdout
    };
    let first = run();
    for _ in 0..4 {
        assert!(run() == first, "iki check printed different suggestions");
    }
}

#[test]
fn check_never_calls_a_known_word_a_typo() {
    // The built-in word list (hunspell-id) is part of the program: the
    // result does not depend on what is installed.
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let out = iki()
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(seed())
            .output()
            .unwrap();
        assert!(out.status.success());
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let words = |v: &serde_json::Value| -> Vec<(String, String)> {
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["word"].as_str().unwrap().to_string(),
                    s["reason"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let v = run(&[]);
    let found = words(&v);
    let expected: Vec<(String, String)> = [("Karir", "edit_distance"), ("saksi", "real_word")]
        .iter()
        .map(|(w, r)| (w.to_string(), r.to_string()))
        .collect();
    assert_eq!(
        found, expected,
        "correct words (menerima, antara, pengkajian, ...) are never suggested"
    );
    // --no-dictionary only stops corrections from the word list.
    assert_eq!(words(&run(&["--no-dictionary"])), found);
    // A dictionary given is added to the built-in list: a word it knows
    // is no longer suspected.
    std::fs::write(dir.path().join("mine.aff"), "SET UTF-8\n").unwrap();
    std::fs::write(dir.path().join("mine.dic"), "1\nkarir\n").unwrap();
    let base = dir.path().join("mine");
    let mine = words(&run(&["--dictionary", base.to_str().unwrap()]));
    assert_eq!(mine, [("saksi".to_string(), "real_word".to_string())]);
    // The fixes are the same either way.
    assert_eq!(run(&["--no-dictionary"])["changes"], v["changes"]);
}

#[test]
fn render_writes_clean_markdown_that_reads_back_the_same() {
    let out = iki().args(["render", "-q"]).arg(seed()).output().unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains("<i>") && !md.contains('\u{25a1}') && !md.contains("Presentase"));
    assert!(md.contains("### 1.1. JABATAN KEPALA SUB BAGIAN PROGRAM DAN PERENCANAAN"));
    let original = iki().arg("rows").arg(seed()).output().unwrap().stdout;
    let again = iki()
        .args(["rows", "-"])
        .write_stdin(md.clone())
        .output()
        .unwrap();
    assert!(again.status.success());
    let strip = |bytes: &[u8]| -> Vec<serde_json::Value> {
        String::from_utf8(bytes.to_vec())
            .unwrap()
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("source_lines");
                v
            })
            .collect()
    };
    let (a, b) = (strip(&original), strip(&again.stdout));
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        for key in [
            "group",
            "unit",
            "position_number",
            "position_title",
            "sasaran",
            "indikator",
            "formulasi",
            "sumber_data",
            "measure",
        ] {
            assert_eq!(x[key], y[key], "{key}");
        }
    }
    // Rendering is itself a fixed point.
    let twice = iki()
        .args(["render", "-"])
        .write_stdin(md.clone())
        .output()
        .unwrap();
    assert!(
        String::from_utf8(twice.stdout).unwrap() == md,
        "rendering the rendered document changed it"
    );
}

#[test]
fn check_several_documents_pools_word_counts() {
    let fixture = common::root().join("fixtures/parse/normalize-text.md");
    let alone = iki()
        .args(["check", "--no-dictionary", "--format", "json"])
        .arg(&fixture)
        .output()
        .unwrap();
    let alone: serde_json::Value = serde_json::from_slice(&alone.stdout).unwrap();
    let both = iki()
        .args(["check", "--no-dictionary", "--format", "json"])
        .arg(seed())
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(both.status.success());
    let both: serde_json::Value = serde_json::from_slice(&both.stdout).unwrap();
    let reports = both.as_array().expect("one report per document");
    assert_eq!(reports.len(), 2);
    assert!(reports[1]["file"]
        .as_str()
        .unwrap()
        .ends_with("normalize-text.md"));
    let laporn = |v: &serde_json::Value| {
        v["suggestions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["word"] == "laporn")
            .cloned()
            .unwrap()
    };
    // Alone, "laporan" occurs 20 times; with the seed, hundreds.
    assert_eq!(laporn(&alone)["candidate_count"], 20);
    assert!(laporn(&reports[1])["candidate_count"].as_u64().unwrap() > 500);
    assert_eq!(laporn(&reports[1])["document"], 1);
}
