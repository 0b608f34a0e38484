//! `iki diff` through the real binary: exit codes, inputs, formats, the
//! hand-written expectations for the next-year fixtures, and the HTML
//! report as headless Chromium shows it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn iki() -> Command {
    Command::cargo_bin("iki").unwrap()
}

fn seed() -> PathBuf {
    common::root().join("seeds/bkpsdm-sumenep-2024.md")
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("fixtures").join(name)
}

fn json_diff(old: &Path, new: &Path, extra: &[&str]) -> (i32, serde_json::Value) {
    let out = iki()
        .args(["diff", "-q", "--format", "json"])
        .args(extra)
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    let v = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (code, v)
}

#[test]
fn a_document_against_itself_or_a_restyled_or_crlf_copy_has_no_changes() {
    let (code, v) = json_diff(&seed(), &seed(), &[]);
    assert_eq!(code, 0);
    assert_eq!(v["changes"], serde_json::json!([]));
    let plain = fixture("parse/variant-plain.md");
    for other in ["parse/variant-restyled.md", "parse/variant-crlf-bom.md"] {
        let (code, v) = json_diff(&plain, &fixture(other), &[]);
        assert_eq!(
            (code, v["changes"].clone()),
            (0, serde_json::json!([])),
            "{other}"
        );
    }
    // The seed as CRLF + BOM, written here.
    let dir = tempfile::tempdir().unwrap();
    let crlf = dir.path().join("crlf.md");
    let text = std::fs::read_to_string(seed()).unwrap();
    std::fs::write(&crlf, format!("\u{feff}{}", text.replace('\n', "\r\n"))).unwrap();
    assert_eq!(json_diff(&seed(), &crlf, &[]).0, 0);
}

#[test]
fn canonical_json_is_accepted_on_either_side() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("iki-2024.json");
    iki()
        .arg("convert")
        .arg(seed())
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    assert_eq!(json_diff(&json, &seed(), &[]).0, 0);
    // A raw (unnormalized) JSON is normalized before comparing.
    let raw = dir.path().join("raw.json");
    iki()
        .args(["convert", "--raw"])
        .arg(seed())
        .arg("-o")
        .arg(&raw)
        .assert()
        .success();
    assert_eq!(json_diff(&raw, &json, &[]).0, 0);
}

#[test]
fn exit_status_follows_diff() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.md");
    let text = std::fs::read_to_string(seed()).unwrap();
    std::fs::write(&new, text.replace("TA 2025", "TA 2026")).unwrap();
    let (code, v) = json_diff(&seed(), &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(v["summary"]["year_updated"], 1);
    assert_eq!(v["changes"][0]["kind"], "year_updated");
    assert_eq!(v["changes"][0]["field"], "sasaran");
    // --ignore-years hides it: no changes left.
    assert_eq!(json_diff(&seed(), &new, &["--ignore-years"]).0, 0);
    // Trouble is 2, whatever the cause.
    iki()
        .args(["diff", "/nonexistent.md"])
        .arg(seed())
        .assert()
        .code(2);
    let bin = dir.path().join("bin.md");
    std::fs::write(&bin, b"\x00\x01").unwrap();
    iki().arg("diff").arg(&bin).arg(seed()).assert().code(2);
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"schema_version\": 1}").unwrap();
    let out = iki().arg("diff").arg(&bad).arg(seed()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("bad.json:1: not an iki JSON document"));
    iki()
        .args(["diff", "--format", "pdf"])
        .arg(seed())
        .arg(seed())
        .assert()
        .code(2);
}

#[test]
fn json_report_has_the_published_keys() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.md");
    let text = std::fs::read_to_string(seed()).unwrap();
    std::fs::write(&new, text.replace("Laporan Kinerja\n", "Laporan Tahunan\n")).unwrap();
    let (_, v) = json_diff(&seed(), &new, &[]);
    let top: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(top, ["changes", "new", "old", "summary"]);
    let c = v["changes"][0].as_object().unwrap();
    let mut keys: Vec<&str> = c.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "after",
            "before",
            "field",
            "group",
            "kind",
            "new_lines",
            "old_lines",
            "position_new",
            "position_old"
        ]
    );
    assert_eq!(v["old"]["positions"], 68);
    assert_eq!(v["old"]["year"], 2024);
}

/// Expected change lists written by hand for the next-year fixtures.
fn check_expected(name: &str) {
    let new = fixture(&format!("diff/{name}.md"));
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture(&format!("diff/{name}.expected.json"))).unwrap(),
    )
    .unwrap();
    let (code, v) = json_diff(&seed(), &new, &[]);
    assert_eq!(code, 1);
    let got = v["changes"].as_array().unwrap();
    let want = expected.as_array().unwrap();
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert_eq!(g, w, "{name}: change {i} differs");
    }
    assert_eq!(got.len(), want.len(), "{name}: number of changes");
}

#[test]
fn next_year_fixture_2025_matches_the_hand_written_changes() {
    check_expected("bkpsdm-sumenep-2025");
}

#[test]
fn next_year_fixture_2025b_matches_the_hand_written_changes() {
    check_expected("bkpsdm-sumenep-2025b");
}

/// A next-year fixture whose old side is not the seed: changes of the extra
/// columns (SATUAN, TARGET) of a Dinas Kesehatan IKI in pipe tables, against
/// the hand-written list (`fixtures/diff/dinkes/README.md`).
#[test]
fn dinkes_pipe_2025_reports_its_extra_columns_as_written_by_hand() {
    let old = fixture("agencies/dinkes-pipe.md");
    let new = fixture("diff/dinkes/dinkes-pipe-2025.md");
    let expected: serde_json::Value = serde_json::from_slice(
        &std::fs::read(fixture("diff/dinkes/dinkes-pipe-2025.expected.json")).unwrap(),
    )
    .unwrap();
    let (code, v) = json_diff(&old, &new, &[]);
    assert_eq!(code, 1);
    assert_eq!(v["changes"], expected);
    // The markdown report shows an extra field by its column name.
    let out = iki()
        .args(["diff", "-q", "--format", "markdown"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("- **indicator\\_changed** `TARGET` (old line 43, new line 43)"));
    assert!(!text.contains("extra."));
}

#[test]
fn every_format_from_the_command_line() {
    let new = fixture("diff/bkpsdm-sumenep-2025.md");
    for (format, needle) in [
        ("terminal", "change(s):"),
        ("markdown", "## Summary"),
        ("html", "<table id=\"summary\">"),
        ("json", "\"summary\""),
    ] {
        let out = iki()
            .args(["diff", "-q", "--format", format])
            .arg(seed())
            .arg(&new)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(needle), "{format}");
        assert!(!text.contains("\x1b["), "{format}: no colour when piped");
    }
    let coloured = iki()
        .args(["diff", "-q", "--color", "always"])
        .arg(seed())
        .arg(&new)
        .output()
        .unwrap();
    assert!(String::from_utf8(coloured.stdout)
        .unwrap()
        .contains("\x1b[32m"));
}

/// The HTML report as a real browser shows it.
#[test]
fn html_report_in_headless_chromium() {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists());
    let Some(chromium) = chromium else {
        assert!(
            std::env::var_os("IKI_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here"
        );
        eprintln!("skipped: chromium is not installed");
        return;
    };
    // Hostile text can only reach the report through JSON input (the parser
    // strips tags from markdown cells): build two documents that differ in
    // a cell holding markup, quotes and an ampersand.
    let dir = tempfile::tempdir().unwrap();
    let base = iki()
        .args(["convert", "-q"])
        .arg(seed())
        .output()
        .unwrap()
        .stdout;
    let mut doc: serde_json::Value = serde_json::from_slice(&base).unwrap();
    let old = dir.path().join("old.json");
    std::fs::write(&old, serde_json::to_vec(&doc).unwrap()).unwrap();
    let hostile = "<script>document.title='pwned'</script> Nilai < 60 & \"baik\"";
    doc["groups"][1]["positions"][0]["indicators"][0]["sumber_data"] = hostile.into();
    let new = dir.path().join("new.json");
    std::fs::write(&new, serde_json::to_vec(&doc).unwrap()).unwrap();
    let page = dir.path().join("report.html");
    iki()
        .args(["diff", "--format", "html", "-o"])
        .arg(&page)
        .arg(&old)
        .arg(&new)
        .assert()
        .code(1);

    let profile = tempfile::tempdir().unwrap();
    let run = |extra: &[String]| {
        std::process::Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
            ])
            .args([
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(extra)
            .arg(format!("file://{}", page.display()))
            .output()
            .unwrap()
    };
    let dom = run(&["--dump-dom".to_string()]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    // The script was shown as text, not run: the title is the report's.
    assert!(dom.contains("<title>IKI comparison:"), "{dom}");
    assert!(!dom.contains("pwned</title>"));
    assert!(!dom.contains("<script>"), "no script element in the DOM");
    assert!(dom.contains(
        "&lt;script&gt;document.title='pwned'&lt;/script&gt; Nilai &lt; 60 &amp; \"baik\""
    ));
    assert!(dom.contains("<td class=\"kind\">indicator_changed</td><td>1</td>"));
    assert!(dom.contains("<ins>"), "changed words are marked");
    let shot = dir.path().join("report.png");
    let out = run(&[
        format!("--screenshot={}", shot.display()),
        "--window-size=1200,900".to_string(),
    ]);
    assert!(out.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a rendered page, not a blank one"
    );
}
