//! `iki diff OLD_DIR NEW_DIR` through the real binary: a region's
//! agencies over two years (`fixtures/region/`, whose README states the
//! expected counts), pairing by agency and by file name, trouble, the
//! formats, and snapshots of the markdown and terminal reports under
//! `snapshots/region/`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn iki() -> Command {
    Command::cargo_bin("iki").unwrap()
}

fn region(year: &str) -> PathBuf {
    common::root().join("fixtures/region").join(year)
}

/// Runs `iki diff -q ARGS OLD NEW`: exit status, stdout, stderr.
fn run(old: &Path, new: &Path, args: &[&str]) -> (i32, String, String) {
    let out = iki()
        .args(["diff", "-q", "--color", "never"])
        .args(args)
        .arg(old)
        .arg(new)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_of(old: &Path, new: &Path) -> (i32, Value) {
    let (code, out, err) = run(old, new, &["--format", "json"]);
    let v = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}{err}"));
    (code, v)
}

/// A pair's counts in the README's order: positions added, removed,
/// renamed; indicators added, removed, changed; every change.
fn counts(pair: &Value) -> [u64; 7] {
    let s = &pair["report"]["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    [
        n("position_added"),
        n("position_removed"),
        n("position_renamed"),
        n("indicator_added"),
        n("indicator_removed"),
        n("indicator_changed"),
        pair["report"]["changes"].as_array().unwrap().len() as u64,
    ]
}

#[test]
fn a_region_over_two_years_pairs_by_agency_and_counts_as_the_readme_says() {
    let (code, v) = json_of(&region("2024"), &region("2025"));
    assert_eq!(code, 1, "changes: exit 1");
    assert_eq!(v["format_version"], json!(1));
    assert_eq!(
        (v["old"].as_str(), v["new"].as_str()),
        (Some("2024"), Some("2025"))
    );
    let (_, text, _) = run(&region("2024"), &region("2025"), &["--format", "json"]);
    assert!(
        text.starts_with("{\n  \"format_version\": 1,\n  \"old\": \"2024\",\n  \"new\": \"2025\",\n  \"pairs\": [\n    {\n      \"old_file\": "),
        "{text}"
    );
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "format_version",
            "new",
            "old",
            "only_new",
            "only_old",
            "pairs"
        ]
    );

    // The table of fixtures/region/README.md.
    let expected: [(&str, &str, &str, [u64; 7]); 3] = [
        (
            "DINAS KESEHATAN",
            "dinkes-2024.md",
            "dinkes-2025.md",
            [1, 0, 0, 1, 0, 1, 3],
        ),
        (
            "DINAS PENDIDIKAN",
            "dindik-2024.md",
            "dindik-2025.md",
            [0, 0, 1, 0, 1, 0, 2],
        ),
        (
            "SATUAN POLISI PAMONG PRAJA",
            "satpolpp-2024.md",
            "satpol-pp-bojonegoro-2025.md",
            [0, 0, 0, 0, 0, 0, 0],
        ),
    ];
    let pairs = v["pairs"].as_array().unwrap();
    assert_eq!(pairs.len(), expected.len(), "{v:#}");
    for (pair, (agency, old, new, n)) in pairs.iter().zip(expected) {
        let keys: Vec<&str> = pair
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "agency",
                "new_file",
                "old_file",
                "paired_by",
                "region",
                "report"
            ]
        );
        assert_eq!(pair["agency"], json!(agency));
        assert_eq!(pair["region"], json!("Kabupaten Bojonegoro"));
        assert_eq!(pair["paired_by"], json!("agency"), "{agency}");
        assert_eq!(
            (pair["old_file"].as_str(), pair["new_file"].as_str()),
            (Some(old), Some(new))
        );
        // The report is the one-pair report, file names inside the folder.
        assert_eq!(pair["report"]["old"]["file"], json!(old));
        assert_eq!(pair["report"]["new"]["year"], json!(2025));
        assert_eq!(counts(pair), n, "{agency}");
    }

    let lone = |list: &Value| -> Vec<(String, String)> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["agency"].as_str().unwrap().to_string(),
                    s["file"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(
        lone(&v["only_old"]),
        [(
            "BADAN KESATUAN BANGSA DAN POLITIK".into(),
            "kesbangpol-2024.md".into()
        )]
    );
    assert_eq!(
        lone(&v["only_new"]),
        [(
            "BADAN PERENCANAAN PEMBANGUNAN DAERAH".into(),
            "bappeda-2025.md".into()
        )]
    );
    assert_eq!(v["only_new"][0]["year"], json!(2025));
    assert_eq!(v["only_new"][0]["positions"], json!(3));
}

#[test]
fn a_folder_against_itself_has_no_changes() {
    let (code, v) = json_of(&region("2025"), &region("2025"));
    assert_eq!(code, 0);
    assert_eq!(v["pairs"].as_array().unwrap().len(), 4);
    for pair in v["pairs"].as_array().unwrap() {
        assert_eq!(pair["report"]["changes"], json!([]));
    }
    assert_eq!((&v["only_old"], &v["only_new"]), (&json!([]), &json!([])));
    let (code, out, _) = run(&region("2024"), &region("2024"), &[]);
    assert_eq!(code, 0, "{out}");
}

/// Copies the fixture folder `year` into `dir`.
fn copy(year: &str, dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    for e in std::fs::read_dir(region(year)).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.join(p.file_name().unwrap())).unwrap();
    }
}

#[test]
fn two_documents_of_one_agency_in_one_year_are_trouble_naming_both() {
    let tmp = tempfile::tempdir().unwrap();
    let new = tmp.path().join("2025");
    copy("2025", &new);
    std::fs::copy(
        new.join("dinkes-2025.md"),
        new.join("dinkes-2025-revisi.md"),
    )
    .unwrap();
    let (code, out, err) = run(&region("2024"), &new, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("dinkes-2025-revisi.md, dinkes-2025.md in the new folder"),
        "{err}"
    );
    assert!(
        err.contains("DINAS KESEHATAN, Kabupaten Bojonegoro"),
        "{err}"
    );

    // Told apart by file name (each pairs with its namesake), the same
    // two are fine.
    let old = tmp.path().join("2024");
    copy("2024", &old);
    std::fs::copy(
        old.join("dinkes-2024.md"),
        old.join("dinkes-2024-revisi.md"),
    )
    .unwrap();
    let (code, v) = json_of(&old, &new);
    assert_eq!(code, 1);
    let by: Vec<(&str, &str)> = v["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["new_file"].as_str().unwrap(),
                p["paired_by"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(
        by.contains(&("dinkes-2025-revisi.md", "file_name")),
        "{by:?}"
    );
    assert!(by.contains(&("dinkes-2025.md", "file_name")), "{by:?}");
}

#[test]
fn documents_without_agency_pair_by_file_name_without_years() {
    let tmp = tempfile::tempdir().unwrap();
    let (old, new) = (tmp.path().join("lama"), tmp.path().join("baru"));
    std::fs::create_dir_all(&old).unwrap();
    std::fs::create_dir_all(&new).unwrap();
    // No title: no agency, no region.
    let untitled = |from: &Path, to: &Path| {
        let text = std::fs::read_to_string(from).unwrap();
        let text = text.replace("DINAS KESEHATAN KABUPATEN BOJONEGORO TAHUN", "TAHUN");
        std::fs::write(to, text).unwrap();
    };
    untitled(
        &region("2024").join("dinkes-2024.md"),
        &old.join("iki-bkpsdm-2024.md"),
    );
    untitled(
        &region("2025").join("dinkes-2025.md"),
        &new.join("IKI_BKPSDM_2025.md"),
    );
    let (code, v) = json_of(&old, &new);
    assert_eq!(code, 1);
    assert_eq!(v["pairs"][0]["agency"], Value::Null);
    assert_eq!(v["pairs"][0]["paired_by"], json!("file_name"));
    assert_eq!(counts(&v["pairs"][0]), [1, 0, 0, 1, 0, 1, 3]);
    assert_eq!(
        (v["old"].as_str(), v["new"].as_str()),
        (Some("lama"), Some("baru"))
    );
}

#[test]
fn a_folder_against_a_file_or_an_empty_folder_is_trouble() {
    let file = region("2025").join("dinkes-2025.md");
    let (code, _, err) = run(&region("2024"), &file, &[]);
    assert_eq!(code, 2);
    assert!(err.contains("compare a folder with a folder"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    let (code, _, err) = run(tmp.path(), &region("2025"), &[]);
    assert_eq!(code, 2);
    assert!(err.contains("no document in"), "{err}");
}

#[test]
fn html_is_one_page_with_an_index_and_a_section_per_agency_escaped() {
    let (code, h, _) = run(&region("2024"), &region("2025"), &["--format", "html"]);
    assert_eq!(code, 1);
    assert_eq!(h.matches("<html").count(), 1);
    assert!(h.contains("<nav id=\"index\">"), "{h}");
    for id in [
        "agency-dinas-kesehatan-kabupaten-bojonegoro",
        "agency-dinas-pendidikan-kabupaten-bojonegoro",
        "agency-satuan-polisi-pamong-praja-kabupaten-bojonegoro",
    ] {
        assert!(h.contains(&format!("<a href=\"#{id}\">")), "{id}");
        assert!(
            h.contains(&format!("<section class=\"agency\" id=\"{id}\">")),
            "{id}"
        );
    }
    assert!(h.contains("id=\"only-new\""));
    assert!(h.contains("BADAN PERENCANAAN PEMBANGUNAN DAERAH, Kabupaten Bojonegoro"));
    // The new TARGET of DINAS KESEHATAN is "< 80": text, never markup.
    assert!(h.contains("&lt; 80"), "{h}");
    assert!(!h.contains("< 80"), "{h}");
    // Ids stay unique on the page.
    let mut ids: Vec<&str> = h
        .split(" id=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "a repeated id");
}

#[test]
fn output_file_is_written_and_is_never_a_document_of_the_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("wilayah.md");
    let (code, stdout, _) = run(
        &region("2024"),
        &region("2025"),
        &["--format", "markdown", "-o", out.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.starts_with("# Perbandingan IKI per wilayah: 2024 → 2025\n"),
        "{text}"
    );
    let inside = region("2025").join("dinkes-2025.md");
    let (code, _, err) = run(
        &region("2024"),
        &region("2025"),
        &["-o", inside.to_str().unwrap()],
    );
    assert_eq!(code, 2);
    assert!(
        err.contains("refusing to write the output over the input"),
        "{err}"
    );
}

/// The report in `format`, snapshotted as `snapshots/region/region-FORMAT.snap`.
fn snapshot(format: &str) {
    let (code, text, err) = run(&region("2024"), &region("2025"), &["--format", format]);
    assert_eq!(code, 1, "{err}");
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path(common::root().join("snapshots/region"));
    s.set_prepend_module_to_snapshot(false);
    s.set_omit_expression(true);
    s.bind(|| insta::assert_snapshot!(format!("region-{format}"), text));
}

#[test]
fn markdown_report() {
    snapshot("markdown");
}

#[test]
fn terminal_report() {
    snapshot("terminal");
}
