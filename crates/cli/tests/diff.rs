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
    assert_eq!(top, ["changes", "format_version", "new", "old", "summary"]);
    assert_eq!(v["format_version"], 2);
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
    // Each side names the positions the changes refer to, as written.
    let names = v["old"]["position_names"].as_array().unwrap();
    let mut ids: Vec<&serde_json::Value> = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| &c["position_old"])
        .collect();
    ids.dedup();
    assert_eq!(names.len(), ids.len());
    let name = names[0].as_object().unwrap();
    let keys: Vec<&str> = name.keys().map(String::as_str).collect();
    assert_eq!(keys, ["group", "group_title", "id", "number", "title"]);
    assert_eq!(name["id"], c["position_old"]);
    assert_eq!(v["new"]["position_names"], v["old"]["position_names"]);
}

#[test]
fn an_added_or_removed_indicator_is_the_whole_row_in_json() {
    let new = fixture("diff/bkpsdm-sumenep-2025.md");
    let (_, v) = json_diff(&seed(), &new, &[]);
    let added = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "indicator_added")
        .unwrap();
    assert_eq!(added["before"], serde_json::Value::Null);
    assert_eq!(
        added["after"],
        serde_json::json!({
            "sasaran": "Meningkatnya Kualitas Penilaian Kompetensi ASN",
            "indikator": "Persentase ASN yang telah dilakukan Penilaian Kompetensi",
            "formulasi": "$\\frac{\\text{Jumlah ASN yang telah dilakukan Penilaian Kompetensi}}{\\text{Jumlah Seluruh ASN}} \\times 100\\%$",
            "sumber_data": "Laporan Kinerja",
            "extra": {}
        })
    );
    // The JSON is the same whatever --lang says.
    let (_, en) = json_diff(&seed(), &new, &["--lang", "en"]);
    assert_eq!(en, v);
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
    assert!(
        text.contains("- **Indikator berubah**: TARGET (baris lama 43, baris baru 43)"),
        "{text}"
    );
    assert!(!text.contains("extra."));
    let out = iki()
        .args(["diff", "-q", "--format", "markdown", "--lang", "en"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("- **Indicator changed**: TARGET (old line 43, new line 43)"));
}

#[test]
fn every_format_from_the_command_line() {
    let new = fixture("diff/bkpsdm-sumenep-2025.md");
    for (format, lang, needle) in [
        (
            "terminal",
            "id",
            "30 perubahan \u{2014} Jabatan ditambahkan: 1;",
        ),
        ("terminal", "en", "30 change(s) \u{2014} Position added: 1;"),
        ("markdown", "id", "## Ringkasan"),
        ("markdown", "en", "## Summary"),
        ("html", "id", "<html lang=\"id\">"),
        ("html", "en", "<html lang=\"en\">"),
        ("json", "id", "\"summary\""),
    ] {
        let out = iki()
            .args(["diff", "-q", "--format", format, "--lang", lang])
            .arg(seed())
            .arg(&new)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(needle), "{format} {lang}");
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
    // Indonesian is the default; other languages are refused.
    let default = iki().arg("diff").arg(seed()).arg(&new).output().unwrap();
    assert!(String::from_utf8(default.stdout)
        .unwrap()
        .contains("30 perubahan"));
    iki()
        .args(["diff", "--lang", "fr"])
        .arg(seed())
        .arg(&new)
        .assert()
        .code(2);
}

/// Headless Chromium, where installed (`IKI_REQUIRE_CHROMIUM` makes its
/// absence a failure).
fn chromium() -> Option<&'static Path> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .map(Path::new)
        .find(|p| p.exists());
    if found.is_none() {
        assert!(
            std::env::var_os("IKI_REQUIRE_CHROMIUM").is_none(),
            "chromium is required here"
        );
        eprintln!("skipped: chromium is not installed");
    }
    found
}

/// Opens `page` in headless Chromium with `extra` arguments (`--dump-dom`,
/// `--screenshot=...`); a fresh profile each time, no network.
fn open_in(chromium: &Path, page: &Path, extra: &[String]) -> std::process::Output {
    let profile = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(chromium)
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
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The page as Chromium's DOM serializes it.
fn dom_of(chromium: &Path, page: &Path) -> String {
    String::from_utf8(open_in(chromium, page, &["--dump-dom".to_string()]).stdout).unwrap()
}

/// A screenshot of the page's first `height` pixels, checked to be a PNG of
/// a rendered page; kept at `shot` for a person to look at.
fn screenshot(chromium: &Path, page: &Path, shot: &Path, height: u32) {
    open_in(
        chromium,
        page,
        &[
            format!("--screenshot={}", shot.display()),
            format!("--window-size=1280,{height}"),
            "--hide-scrollbars".to_string(),
        ],
    );
    let png = std::fs::read(shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "a rendered page, not a blank one"
    );
}

/// Hostile document text in the HTML report, as a real browser shows it.
#[test]
fn html_report_in_headless_chromium() {
    let Some(chromium) = chromium() else {
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

    let dom = dom_of(chromium, &page);
    // The script was shown as text, not run: the title is the report's.
    assert!(
        dom.contains("<title>Perbandingan IKI: old.json \u{2192} new.json</title>"),
        "{dom}"
    );
    assert!(!dom.contains("pwned</title>"));
    assert!(!dom.contains("<script>"), "no script element in the DOM");
    assert!(dom.contains(
        "&lt;script&gt;document.title='pwned'&lt;/script&gt; Nilai &lt; 60 &amp; \"baik\""
    ));
    assert!(dom.contains(
        "<tr class=\"indicator_changed\"><td class=\"kind\">Indikator berubah</td><td>1</td></tr>"
    ));
    assert!(dom.contains("<ins>"), "changed words are marked");
    screenshot(chromium, &page, &dir.path().join("report.png"), 900);
}

/// The report of a next-year fixture as Chromium shows it: Indonesian
/// labels, positions named as the document names them, changed words in
/// `<del>` on the old side and `<ins>` on the new, whole rows added; the
/// screenshot is kept in the test's target folder
/// (`target/tmp/diff-report-id.png`) for a person to look at.
#[test]
fn html_report_of_a_next_year_fixture_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let new = fixture("diff/bkpsdm-sumenep-2025.md");
    let mut pages = Vec::new();
    for lang in ["id", "en"] {
        let page = dir.path().join(format!("perubahan-{lang}.html"));
        iki()
            .args(["diff", "-q", "--format", "html", "--lang", lang, "-o"])
            .arg(&page)
            .arg(seed())
            .arg(&new)
            .assert()
            .code(1);
        pages.push(page);
    }
    let dom = dom_of(chromium, &pages[0]);
    for label in [
        "<html lang=\"id\">",
        "<h1>Perbandingan IKI: bkpsdm-sumenep-2024.md \u{2192} bkpsdm-sumenep-2025.md</h1>",
        "<h2 class=\"summary\">Ringkasan</h2>",
        "<h2 class=\"by-position\">Perubahan per jabatan</h2>",
        "<th>Perubahan</th><th>Bagian</th><th>Lama</th><th>Baru</th>",
        "<td class=\"kind\">Jabatan berganti nama</td>",
        "<td class=\"kind\">Indikator ditambahkan</td>",
        "<td class=\"kind\">Hanya tahun berubah</td>",
    ] {
        assert!(dom.contains(label), "{label}");
    }
    for name in [
        "<h3 class=\"position\">2. KEPALA BIDANG PENILAIAN KINERJA APARATUR, PEMBINAAN DAN PENGHARGAAN \u{2014} PEJABAT ADMINISTRATOR</h3>",
        "<p class=\"formerly\">sebelumnya: 2. KEPALA BIDANG PENILAIAN KINERJA APARATUR DAN PENGHARGAAN \u{2014} PEJABAT ADMINISTRATOR</p>",
        "<h3 class=\"position\">22. ANALIS SDM APARATUR \u{2014} JABATAN FUNGSIONAL TERTENTU</h3>",
        "<h3 class=\"position\">1. KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN SUMENEP \u{2014} Jabatan Pimpinan Tinggi</h3>",
    ] {
        assert!(dom.contains(name), "{name}");
    }
    // Changed words: removed ones in <del> on the old side, added ones in
    // <ins> on the new side.
    for words in [
        "<td class=\"before\"><del>Komisi Aparatur Sipil</del> Negara (<del>KASN</del>)</td>",
        "<td class=\"after\"><ins>Badan Kepegawaian</ins> Negara (<ins>BKN</ins>)</td>",
        "<td class=\"after\">KEPALA BIDANG PENILAIAN KINERJA APARATUR<ins>, PEMBINAAN</ins> DAN PENGHARGAAN</td>",
        "<td class=\"before\"><del>Tersedianya</del> Gaji dan Tunjangan ASN</td>",
        "<dt>Sasaran</dt><dd><ins>Meningkatnya Kualitas Penilaian Kompetensi ASN</ins></dd>",
        "<dt>Sumber data</dt><dd><del>Laporan Kinerja</del></dd>",
    ] {
        assert!(dom.contains(words), "{words}");
    }
    let en = dom_of(chromium, &pages[1]);
    assert!(en.contains("<h2 class=\"summary\">Summary</h2>"));
    assert!(en.contains("<td class=\"kind\">Position renamed</td>"));

    let keep = Path::new(env!("CARGO_TARGET_TMPDIR"));
    screenshot(chromium, &pages[0], &keep.join("diff-report-id.png"), 2400);
}
