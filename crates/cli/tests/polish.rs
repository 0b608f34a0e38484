//! Issue #14's polish of the command line: canonical JSON read by every
//! command, help that describes its own command, error messages that say
//! what is wrong, `-q` that silences every non-error line, and the batch's
//! warnings shown. Each test makes its files in a temporary folder.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// `iki` with its reports in English (`--lang en` through IKI_LANG): these
/// tests read the English messages (`cli.rs` and `lang.rs` test the
/// Indonesian default).
fn iki() -> Command {
    let mut c = Command::cargo_bin("iki").unwrap();
    c.env("IKI_LANG", "en");
    c
}

fn seed() -> PathBuf {
    common::root().join("seeds/bkpsdm-sumenep-2024.md")
}

fn stdout(args: &[&str], input: &Path) -> (Option<i32>, String, String) {
    let out = iki().args(args).arg(input).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The seed as canonical JSON, in `dir`.
fn seed_json(dir: &Path) -> PathBuf {
    let json = dir.join("iki-2024.json");
    iki()
        .args(["convert", "-q"])
        .arg(seed())
        .arg("-o")
        .arg(&json)
        .assert()
        .success();
    json
}

#[test]
fn rows_render_outline_and_check_read_canonical_json() {
    let dir = tempfile::tempdir().unwrap();
    let json = seed_json(dir.path());
    for command in ["rows", "render", "outline"] {
        let (code, from_json, _) = stdout(&[command, "-q"], &json);
        assert_eq!(code, Some(0), "{command}");
        let (_, from_source, _) = stdout(&[command, "-q"], &seed());
        if command == "outline" {
            // The outline of a source also lists its skipped lines, which
            // the JSON keeps too: the positions part is the same.
            assert!(from_json.contains("ANALIS SDM APARATUR"), "{command}");
        } else {
            assert_eq!(from_json, from_source, "{command}");
        }
    }
    // check: the same findings, each naming its source line, no excerpt.
    let (code, text, _) = stdout(&["check"], &json);
    assert_eq!(code, Some(0));
    assert!(
        text.contains("iki-2024.json: source line 707: help[possible-typo]: \"Karir\""),
        "{text}"
    );
    assert!(text.contains("warning[duplicate-number]"), "{text}");
    let (code, text, _) = stdout(&["check", "--format", "json"], &json);
    assert_eq!(code, Some(0));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["summary"]["fixed"], 0,
        "canonical JSON is already normalized"
    );
    // render --source has nothing to show for JSON, and says why.
    let (code, _, err) = stdout(&["render", "--source", "-q"], &json);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("canonical JSON: it has no source text"),
        "{err}"
    );
}

#[test]
fn each_subcommand_help_describes_that_subcommand() {
    for command in ["rows", "render", "outline", "check"] {
        let (code, help, _) = stdout(&[command, "--help"], Path::new(""));
        assert_eq!(code, Some(0));
        assert!(
            !help.contains("folder"),
            "{command} reads no folder, yet its help speaks of folders:\n{help}"
        );
        assert!(!help.contains("iki convert iki-folder/"), "{command}");
        assert!(
            help.contains(&format!("iki {command} ")),
            "{command}: its own examples"
        );
    }
    let (_, help, _) = stdout(&["convert", "--help"], Path::new(""));
    assert!(help.contains("A folder: every document"));
    // Every exit status README lists is in the top-level help.
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let at = readme.find("Exit status: `0`").unwrap();
    let statuses = &readme[at..at + readme[at..].find("\n\n").unwrap()];
    let (_, top, _) = stdout(&["--help"], Path::new(""));
    for code in ["0", "1", "2", "65", "69", "74", "130"] {
        assert!(
            statuses.contains(&format!("`{code}`")),
            "README lists {code}"
        );
        assert!(
            top.lines()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "--help lists {code}"
        );
    }
    assert!(statuses.contains("glossary file is") && top.contains("glossary file is malformed"));
}

#[test]
fn a_missing_output_folder_is_named_not_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("missing/iki.json");
    let (code, _, err) = stdout(&["convert", "-q", "-o", target.to_str().unwrap()], &seed());
    assert_eq!(code, Some(74));
    assert!(err.contains("missing does not exist"), "{err}");
    assert!(!err.contains("/.iki-"), "no temporary file name: {err}");
    let db = dir.path().join("missing/iki.sqlite");
    let (code, _, err) = stdout(
        &[
            "export",
            "--format",
            "sqlite",
            "-q",
            "-o",
            db.to_str().unwrap(),
        ],
        &seed(),
    );
    assert_eq!(code, Some(74));
    assert!(err.contains("missing does not exist"), "{err}");
}

#[test]
fn an_output_that_is_a_folder_is_called_one() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["convert", "-q", "-o", d],
        vec!["rows", "-q", "-o", d],
        vec!["export", "--format", "sqlite", "-q", "-o", d],
    ] {
        let (code, _, err) = stdout(&args, &seed());
        assert_eq!(code, Some(74), "{args:?}");
        assert!(
            err.contains("it is a folder, not a file"),
            "{args:?}: {err}"
        );
    }
}

#[test]
fn binary_inputs_say_what_they_look_like_and_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str, &str); 4] = [
        (
            "scan.md",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "a PNG image",
            "OCR",
        ),
        (
            "photo.md",
            b"\xFF\xD8\xFF\xE0\0\x10JFIF\0",
            "a JPEG image",
            "OCR",
        ),
        (
            "iki.md",
            b"\x7FELF\x02\x01\x01\0\0\0\0\0",
            "a program",
            "IKI document itself",
        ),
        (
            "iki.md.gz",
            b"\x1F\x8B\x08\0\0\0\0\0\0\x03",
            "a gzip archive",
            "unpack it",
        ),
    ];
    for (name, bytes, what, todo) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, _, err) = stdout(&["convert"], &path);
        assert_eq!(code, Some(65), "{name}");
        assert!(err.contains(what) && err.contains(todo), "{name}: {err}");
    }
    // Binary of no known kind: as before.
    let path = dir.path().join("odd.md");
    std::fs::write(&path, b"# IKI\n\0\0\0\0").unwrap();
    let (_, _, err) = stdout(&["convert"], &path);
    assert!(err.contains("not a text document"), "{err}");
}

#[test]
fn quiet_silences_every_non_error_line_and_a_batch_shows_its_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    std::fs::copy(seed(), input.join("seed.md")).unwrap();
    std::fs::copy(
        common::root().join("fixtures/parse/units.md"),
        input.join("units.md"),
    )
    .unwrap();
    // Without -q: each warning with its file and line, then the summary.
    let out = iki()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("seed.md:857: warning[duplicate-number]"),
        "a batch shows its warnings: {err}"
    );
    assert!(err.contains("converted 2 of 2 document(s)"), "{err}");
    // With -q: nothing at all.
    for args in [
        vec![
            "convert".to_string(),
            "-q".into(),
            input.display().to_string(),
            "-o".into(),
            dir.path().join("out2").display().to_string(),
        ],
        vec![
            "export".into(),
            "--format".into(),
            "csv".into(),
            "-q".into(),
            input.display().to_string(),
            "-o".into(),
            dir.path().join("x.csv").display().to_string(),
        ],
        vec!["rows".into(), "-q".into(), seed().display().to_string()],
    ] {
        let out = iki().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_eq!(String::from_utf8(out.stderr).unwrap(), "", "{args:?}");
    }
    // Errors are still shown with -q.
    std::fs::write(input.join("bad.md"), b"# nothing here\n").unwrap();
    let out = iki()
        .args(["convert", "-q"])
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("out3"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("failed: ") && err.contains("bad.md"), "{err}");
    assert!(!err.contains("warning["), "{err}");
}
