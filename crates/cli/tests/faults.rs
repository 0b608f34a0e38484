//! Bad input, damaged files and hostile text, through the real binary: a
//! clear message and exit status, or a correct partial result with
//! warnings; never a panic, never damaged output. Large inputs are made
//! here, not checked in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `iki` with its reports in English (`--lang en` through IKI_LANG): these
/// tests read the English messages (`cli.rs` and `lang.rs` test the
/// Indonesian default).
fn iki() -> Command {
    let mut c = Command::cargo_bin("iki").unwrap();
    c.env("IKI_LANG", "en");
    c
}

const SMALL: &str = "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis data.\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\nTersedianya data\tJumlah data\tJumlah data\tLaporan Kinerja\n";

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn rows_of(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().unwrap();
    let expected = rows_of(
        &iki()
            .args(["rows", "-"])
            .write_stdin(SMALL)
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(expected.len(), 1);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(SMALL.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in SMALL.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    for (name, bytes) in [("bom.md", bom), ("le.md", le), ("be.md", be)] {
        let p = write(dir.path(), name, &bytes);
        let out = iki().arg("rows").arg(&p).output().unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(rows_of(&out.stdout), expected, "{name}");
        assert!(out.stderr.is_empty(), "{name}: no warning");
    }
    // Invalid UTF-8: read as Windows-1252, with a warning naming the line.
    let latin = SMALL.replace("Menganalisis data.", "Menganalisis caf\u{e9}.");
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let p = write(dir.path(), "latin.md", &cp1252);
    let out = iki().arg("rows").arg(&p).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("latin.md:3: warning[decoded-windows-1252]"),
        "{err}"
    );
    let json = iki().arg("convert").arg(&p).output().unwrap().stdout;
    assert!(String::from_utf8(json)
        .unwrap()
        .contains("Menganalisis caf\u{e9}."));
    // NUL bytes or mostly binary: not a text document.
    for (name, bytes) in [
        ("nul.md", b"### 1. JABATAN X\n\0\0".to_vec()),
        ("noise.md", (1u8..=8).cycle().take(4000).collect()),
    ] {
        let p = write(dir.path(), name, &bytes);
        let out = iki().arg("convert").arg(&p).output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{name}");
        assert!(
            String::from_utf8(out.stderr)
                .unwrap()
                .contains("not a text document"),
            "{name}"
        );
    }
}

#[test]
fn empty_and_structureless_files_are_errors_not_empty_successes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.md", ""),
        ("blank.md", "\n\n   \n"),
        (
            "prose.md",
            "# Laporan\n\nBukan dokumen IKI.\n\n- satu\n- dua\n",
        ),
    ] {
        let p = write(dir.path(), name, text.as_bytes());
        let out_file = dir.path().join(format!("{name}.json"));
        let out = iki()
            .arg("convert")
            .arg(&p)
            .arg("-o")
            .arg(&out_file)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65), "{name}");
        assert!(
            String::from_utf8(out.stderr)
                .unwrap()
                .contains("no positions found"),
            "{name}"
        );
        assert!(!out_file.exists(), "{name}: no output on failure");
    }
}

#[test]
fn a_file_cut_in_the_middle_of_a_row_gives_a_partial_result_with_warnings() {
    let seed =
        std::fs::read_to_string(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    // Cut inside the third cell of line 655 (the rest of the file is lost).
    let row = "Menyusun Laporan Mutasi Pegawai Negeri Sipil Antar Daerah\tJumlah Laporan Mutasi Pegawai Negeri Sipil Antar Daerah\tJumlah Lap";
    let at = seed.find(row).unwrap() + row.len();
    let cut = &seed[..at];
    let out = iki()
        .args(["convert", "-"])
        .write_stdin(cut)
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("<stdin>:655: warning[cell-count]: the row has 3 cells but the header has 4"),
        "{err}"
    );
    assert!(
        err.contains("<stdin>:655: warning[empty-cell]: the SUMBER DATA cell is empty"),
        "{err}"
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let fu = doc["groups"][4]["positions"].as_array().unwrap();
    let last = fu.last().unwrap();
    assert_eq!(last["number"], "17");
    let rows = last["indicators"].as_array().unwrap();
    // Two rows before it survive whole; the cut row keeps what it had.
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1]["sasaran"],
        "Menyusun Laporan Mutasi Pegawai Negeri Sipil Antar Daerah"
    );
    assert_eq!(rows[1]["formulasi"], "Jumlah Lap");
    assert_eq!(rows[1]["sumber_data"], "");
}

#[test]
fn a_row_with_more_cells_than_its_header_is_an_error_in_check() {
    let text = SMALL.replace("Laporan Kinerja\n", "Laporan Kinerja\tcatatan lain\n");
    let out = iki()
        .args(["check", "--no-dictionary", "-"])
        .write_stdin(text.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("error[cell-count]: the row has 5 cells but the header has 4"));
    // convert still gives the row, the extra cell kept in SUMBER DATA.
    let rows = rows_of(
        &iki()
            .args(["rows", "-q", "-"])
            .write_stdin(text)
            .output()
            .unwrap()
            .stdout,
    );
    assert_eq!(rows[0]["sumber_data"], "Laporan Kinerja catatan lain");
}

/// Runs `iki convert` under a memory cap (bash's `ulimit -v`, in KiB) and
/// a time cap (a hang guard, not a speed target: see BENCHMARKS).
fn convert_bounded(input: &Path, output: &Path, memory_kib: u64) -> std::process::Output {
    let bin = assert_cmd::cargo::cargo_bin("iki");
    Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -v {memory_kib} && exec \"$0\" convert -q \"$1\" -o \"$2\"",
        ))
        .arg(bin)
        .arg(input)
        .arg(output)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap()
}

#[test]
fn a_20_mb_line_is_read_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let long_cell: String = "Jumlah laporan kegiatan ".repeat(20 * 1024 * 1024 / 24);
    let text = format!("{SMALL}Tersedianya data panjang\t{long_cell}\tJumlah\tLaporan Kinerja\n");
    assert!(text.len() > 20 * 1024 * 1024);
    let input = write(dir.path(), "long.md", text.as_bytes());
    let output = dir.path().join("long.json");
    // The bound stated in ARCHITECTURE.md: 1 GiB of address space for a
    // 20 MB document.
    let out = convert_bounded(&input, &output, 1024 * 1024);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&output).unwrap()).unwrap();
    let rows = doc["groups"][0]["positions"][0]["indicators"]
        .as_array()
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(
        rows[1]["indikator"].as_str().unwrap().len(),
        long_cell.trim_end().len()
    );
}

#[test]
fn a_hundred_thousand_positions_are_read_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("**JABATAN FUNGSIONAL UMUM**\n\n");
    for n in 1..=100_000 {
        text.push_str(&format!(
            "### {n}. JABATAN PENGADMINISTRASI {n}\n\n- Tugas : Mencatat surat {n}.\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\nTercatatnya surat {n}\tJumlah surat {n}\tJumlah surat\tLaporan Kinerja\n\n"
        ));
    }
    let input = write(dir.path(), "big.md", text.as_bytes());
    let output = dir.path().join("big.json");
    // The bound stated in ARCHITECTURE.md: 2 GiB of address space for this
    // 17 MB document.
    let out = convert_bounded(&input, &output, 2 * 1024 * 1024);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&output).unwrap()).unwrap();
    let positions = doc["groups"][0]["positions"].as_array().unwrap();
    assert_eq!(positions.len(), 100_000);
    assert_eq!(
        positions[99_999]["id"],
        "fungsional_umum/pengadministrasi-100000"
    );
}

#[test]
fn outputs_are_never_half_written_nor_written_over_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "iki.md", SMALL.as_bytes());
    // The input given again as output, also through another path.
    let other_path = dir.path().join(".").join("iki.md");
    for target in [&input, &other_path] {
        let out = iki()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8(out.stderr)
            .unwrap()
            .contains("refusing to write the output over the input"));
    }
    assert_eq!(std::fs::read_to_string(&input).unwrap(), SMALL);
    // An existing output is replaced whole or not at all: a failing
    // conversion leaves the old file as it was.
    let target = write(dir.path(), "out.json", b"old contents");
    let bad = write(dir.path(), "bad.md", b"no positions");
    iki()
        .arg("convert")
        .arg(&bad)
        .arg("-o")
        .arg(&target)
        .assert()
        .code(65);
    assert_eq!(std::fs::read(&target).unwrap(), b"old contents");
    iki()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&target)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&target)
        .unwrap()
        .starts_with("{\n  \"schema_version\""));
    // No temporary file is left behind either way.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".iki-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // A folder that cannot be written: I/O error, nothing created.
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let mut perms = std::fs::metadata(&ro).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&ro, perms).unwrap();
    let is_root = std::fs::write(ro.join("probe"), b"").is_ok();
    if !is_root {
        iki()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(ro.join("x.json"))
            .assert()
            .code(74);
    }
}

/// Text no output may let through unescaped.
const HOSTILE: &str = "<script>alert('x')</script> \"kutip\" & 'apos' \u{7}bel \u{1b}[31mmerah \u{202e}balik\u{202c}; DROP TABLE documents; --";

fn hostile_doc(dir: &Path) -> PathBuf {
    let text = format!(
        "### 1. JABATAN ANALIS\n\n- Tugas : {HOSTILE}\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n{HOSTILE}\tJumlah data\t=1+1\t{HOSTILE}\n"
    );
    write(dir, "hostile.md", text.as_bytes())
}

#[test]
fn hostile_text_is_escaped_in_every_output() {
    let dir = tempfile::tempdir().unwrap();
    let doc = hostile_doc(dir.path());
    // JSON: valid, and the text reads back exactly.
    let json = iki()
        .args(["convert", "-q", "--raw"])
        .arg(&doc)
        .output()
        .unwrap()
        .stdout;
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let row = &v["groups"][0]["positions"][0]["indicators"][0];
    assert_eq!(row["sasaran"], HOSTILE);
    assert_eq!(v["groups"][0]["positions"][0]["tugas"][0]["text"], HOSTILE);
    let raw_json = String::from_utf8(json).unwrap();
    assert!(
        raw_json.contains("\\u0007") && raw_json.contains("\\u001b"),
        "controls escaped"
    );
    // CSV: the csv crate reads the same text back.
    let csv_out = iki()
        .args(["export", "-q", "--raw", "--format", "csv"])
        .arg(&doc)
        .output()
        .unwrap()
        .stdout;
    let mut r = csv::Reader::from_reader(csv_out.as_slice());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(&rec[7], HOSTILE);
    assert_eq!(&rec[9], "'=1+1", "formula neutralized");
    // SQLite: bound parameters store it exactly, and the table is still there.
    let db = dir.path().join("h.sqlite");
    iki()
        .args(["export", "-q", "--raw", "--format", "sqlite", "-o"])
        .arg(&db)
        .arg(&doc)
        .assert()
        .success();
    let c = rusqlite::Connection::open(&db).unwrap();
    let s: String = c
        .query_row("SELECT sasaran FROM indicators", [], |r| r.get(0))
        .unwrap();
    assert_eq!(s, HOSTILE);
    let docs: i64 = c
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(docs, 1);
    // HTML: no markup from the document, controls as entities.
    let mut old_doc = v.clone();
    old_doc["groups"][0]["positions"][0]["indicators"][0]["sasaran"] = "Tersedianya data".into();
    let old = write(
        dir.path(),
        "old.json",
        &serde_json::to_vec(&old_doc).unwrap(),
    );
    let new = write(dir.path(), "new.json", &serde_json::to_vec(&v).unwrap());
    let html = iki()
        .args(["diff", "--format", "html"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap()
        .stdout;
    let html = String::from_utf8(html).unwrap();
    assert!(!html.contains("<script>"));
    assert!(
        // maud escapes & < > " (its attributes are always double-quoted,
        // so a ' cannot end one).
        html.contains("&lt;script&gt;alert('x')&lt;/script&gt; &quot;kutip&quot; &amp;")
    );
    assert!(html.contains("&#x7;bel &#x1B;[31mmerah"));
    // Terminal: no escape sequence from the document reaches the terminal.
    let term = iki()
        .args(["diff", "--color", "always"])
        .arg(&old)
        .arg(&new)
        .output()
        .unwrap()
        .stdout;
    let term = String::from_utf8(term).unwrap();
    assert!(
        !term.contains("\u{1b}[31mmerah"),
        "document escape codes are neutralized"
    );
    assert!(!term.contains('\u{202e}'));
    let check = iki()
        .args(["check", "--no-dictionary"])
        .arg(&doc)
        .output()
        .unwrap()
        .stdout;
    assert!(!String::from_utf8(check).unwrap().contains('\u{1b}'));
}

#[test]
fn exit_statuses_are_documented_in_help() {
    let help = String::from_utf8(iki().arg("--help").output().unwrap().stdout).unwrap();
    for line in [
        "0   success",
        "1   `iki check` found errors",
        "2   bad command line",
        "65  the input is not a readable IKI document",
        "74  a file could not be read or written",
    ] {
        assert!(help.contains(line), "{line}");
    }
    let diff_help =
        String::from_utf8(iki().args(["diff", "--help"]).output().unwrap().stdout).unwrap();
    assert!(diff_help.contains("0   no changes") && diff_help.contains("2   trouble"));
}

/// A document with tables that cannot be read: `convert`, `rows` and
/// `export` name every lost table with file:line, exit 65 and write
/// nothing; `--accept-partial` writes what was read and still prints the
/// errors; `iki check` reports them and exits 1.
#[test]
fn lost_tables_are_errors_and_write_nothing() {
    let doc = common::root().join("fixtures/parse/tables-unreadable.md");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let run = iki()
        .args(["convert", "-q"])
        .arg(&doc)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65));
    assert!(!out.exists(), "a partial result was written");
    let err = String::from_utf8_lossy(&run.stderr);
    for needle in [
        "tables-unreadable.md:6: error[table-row-lost]",
        "tables-unreadable.md:14: error[table-unread]",
        "tables-unreadable.md:16: error[header-unknown]",
        "--accept-partial",
    ] {
        assert!(err.contains(needle), "{needle} not in {err}");
    }
    let rows = iki().args(["rows", "-q"]).arg(&doc).output().unwrap();
    assert_eq!(rows.status.code(), Some(65));
    assert!(rows.stdout.is_empty());
    let csv = dir.path().join("x.csv");
    let export = iki()
        .args(["export", "-q", "--format", "csv"])
        .arg(&doc)
        .arg("-o")
        .arg(&csv)
        .output()
        .unwrap();
    assert_ne!(export.status.code(), Some(0));
    assert!(!csv.exists());

    let partial = iki()
        .args(["convert", "-q", "--accept-partial"])
        .arg(&doc)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(partial.status.code(), Some(0));
    assert!(out.exists());
    assert!(String::from_utf8_lossy(&partial.stderr).contains("error[table-unread]"));

    let check = iki()
        .args(["check", "--no-dictionary", "--format", "json"])
        .arg(&doc)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let text = String::from_utf8_lossy(&check.stdout);
    assert!(text.contains("table-unread") && text.contains("header-unknown"));
}

/// `iki convert --changes` writes two files: when the changes file cannot
/// be written, the JSON is not left behind either (a script that sees exit
/// 74 may assume nothing was written), and no temporary file stays.
#[test]
fn a_failed_changes_file_leaves_no_json_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let missing = dir.path().join("no-such-folder").join("changes.json");
    let run = iki()
        .args(["convert", "-q"])
        .arg(common::root().join("seeds/bkpsdm-sumenep-2024.md"))
        .arg("-o")
        .arg(&out)
        .arg("--changes")
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(74));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert!(!out.exists());
}

/// A closed pipe is told by the I/O error's kind, not by the words of the
/// message: a missing file called "Broken pipe.md" is an error (exit 74),
/// and a reader that stops early (`iki rows ... | head`) ends quietly
/// with 0, for `rows` and for `export`.
#[test]
fn broken_pipe_is_an_error_kind_not_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("Broken pipe.md");
    let run = iki().arg("convert").arg(&missing).output().unwrap();
    assert_eq!(run.status.code(), Some(74), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("cannot read"));

    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    for args in [
        vec!["rows", "-q"],
        vec!["export", "-q", "--format", "ndjson"],
        vec!["export", "-q", "--format", "csv"],
    ] {
        // Enough output to fill the pipe: the seed three times.
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_iki"));
        cmd.args(&args).arg(&seed);
        if args[0] == "export" {
            cmd.arg(&seed).arg(&seed);
        }
        let mut child = cmd
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 16];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `-o` to something that is not a regular file: a FIFO is written to (its
/// reader gets the JSON, the FIFO stays a FIFO), a character device made
/// here with mknod stays a device, and a symlink is written through (the
/// link stays, its target gets the JSON). All made in a temporary folder:
/// never a system path.
#[cfg(unix)]
#[test]
fn outputs_that_are_not_regular_files_are_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    let expected = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .output()
        .unwrap()
        .stdout;

    // A FIFO with a reader.
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    let run = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .arg("-o")
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    // Checked before the reader is joined: a FIFO replaced by a file would
    // leave the reader waiting for ever.
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the FIFO was replaced by a file"
    );
    assert_eq!(reader.join().unwrap(), expected);

    // A character device (the null device's numbers), made here.
    let device = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let run = iki()
            .args(["convert", "-q"])
            .arg(&seed)
            .arg("-o")
            .arg(&device)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0), "{run:?}");
        assert!(std::fs::symlink_metadata(&device)
            .unwrap()
            .file_type()
            .is_char_device());
    }

    // A symlink to a file elsewhere.
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let run = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .arg("-o")
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read(&real).unwrap(), expected);

    // A workbook (written by rust_xlsxwriter to a path) through a symlink
    // too: the link stays, its target becomes the workbook.
    let real = dir.path().join("real.xlsx");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.xlsx");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let run = iki()
        .args(["export", "-q", "--format", "xlsx"])
        .arg(&seed)
        .arg("-o")
        .arg(&link)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&real).unwrap().starts_with(b"PK\x03\x04"));
}

/// Folders with symlink loops and special files: symlinked folders are not
/// followed (`ln -s . L/x` used to walk for ever, `ln -s . L/self`
/// converted one file many times), a FIFO named like a document is skipped
/// with a message instead of hanging the batch, and the real document is
/// converted once.
#[cfg(unix)]
#[test]
fn folders_with_symlink_loops_and_fifos_finish() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("L");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        common::root().join("seeds/bkpsdm-sumenep-2024.md"),
        folder.join("a.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink(".", folder.join("x")).unwrap();
    std::os::unix::fs::symlink(".", folder.join("y")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(folder.join("pipe.md"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = dir.path().join("out");
    let run = iki()
        .args(["convert"])
        .arg(&folder)
        .arg("-o")
        .arg(&out)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(written, vec![std::ffi::OsString::from("a.json")]);
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("pipe.md") && err.contains("not a regular file"),
        "{err}"
    );
    assert!(err.contains("converted 1 of 1"), "{err}");

    let export = iki()
        .args(["export", "-q", "--format", "ndjson"])
        .arg(&folder)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(export.status.code(), Some(0), "{export:?}");
    let rows = String::from_utf8_lossy(&export.stdout).lines().count();
    assert_eq!(rows, 276, "each row once: the seed's 276 normalized rows");
}

/// Inputs are capped (`--max-input-mb`, default 512): a device that never
/// ends (a zero device made here with mknod) or a file over the limit is
/// refused with exit 74 and a message naming the flag, instead of being
/// read until memory runs out.
#[cfg(unix)]
#[test]
fn endless_and_oversized_inputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.md");
    let seed = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    std::fs::write(&big, seed.repeat(14)).unwrap(); // about 1.2 MB
    let run = iki()
        .args(["convert", "-q", "--max-input-mb", "1"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(74), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("--max-input-mb"));
    // Under the limit it is read.
    let run = iki()
        .args(["convert", "-q", "--max-input-mb", "2"])
        .arg(&big)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));

    let zero = dir.path().join("zero");
    let made = std::process::Command::new("mknod")
        .arg(&zero)
        .args(["c", "1", "5"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let run = iki()
            .args(["rows", "-q", "--max-input-mb", "1"])
            .arg(&zero)
            .timeout(Duration::from_secs(60))
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(74), "{run:?}");
    }
}

/// Batch convert never lets two documents write one file: `a.md` and
/// `a.txt`, `x.md` and `x.MD` would all be `a.json`/`x.json`, and one used
/// to replace the other (which one was a race) while the summary claimed
/// both. Each now keeps its whole name (`a.md.json`, `a.txt.json`).
#[test]
fn batch_outputs_never_collide() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    for name in ["a.md", "a.txt", "x.md", "x.MD", "solo.md"] {
        std::fs::copy(&seed, folder.join(name)).unwrap();
    }
    let out = dir.path().join("out");
    let run = iki()
        .args(["convert"])
        .arg(&folder)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "a.md.json",
            "a.txt.json",
            "solo.json",
            "x.MD.json",
            "x.md.json"
        ]
    );
    assert!(String::from_utf8_lossy(&run.stderr).contains("converted 5 of 5"));
}

/// A new output file's mode follows the umask (it was always 0644), and a
/// replaced file keeps its read/write bits but never setuid or setgid.
#[cfg(unix)]
#[test]
fn output_modes_follow_the_umask_and_drop_setuid() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    let private = dir.path().join("private.json");
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 077; exec \"$0\" convert -q \"$1\" -o \"$2\"")
        .arg(env!("CARGO_BIN_EXE_iki"))
        .arg(&seed)
        .arg(&private)
        .status()
        .unwrap();
    assert!(run.success());
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    assert_eq!(mode(&private), 0o600);

    let setuid = dir.path().join("setuid.json");
    std::fs::write(&setuid, "x").unwrap();
    std::fs::set_permissions(&setuid, std::fs::Permissions::from_mode(0o4755)).unwrap();
    let run = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .arg("-o")
        .arg(&setuid)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(mode(&setuid), 0o755);
}

/// `--changes` that names the `-o` file is refused (it would replace the
/// document with the change list), and JSON input is checked before it is
/// trusted: an unknown schema_version or a span past any document is an
/// error naming the file, not a document.
#[test]
fn changes_over_output_and_untrustworthy_json_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    let out = dir.path().join("same.json");
    let run = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .arg("-o")
        .arg(&out)
        .arg("--changes")
        .arg(dir.path().join(".").join("same.json"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(!out.exists());

    let good = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .output()
        .unwrap()
        .stdout;
    let mut doc: serde_json::Value = serde_json::from_slice(&good).unwrap();
    doc["schema_version"] = "999".into();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let run = iki()
        .args(["diff", "-q"])
        .arg(&bad)
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("schema_version"));

    let mut doc: serde_json::Value = serde_json::from_slice(&good).unwrap();
    doc["groups"][0]["span"] = serde_json::json!([4_000_000_000u64, 4_000_000_000u64]);
    std::fs::write(&bad, doc.to_string()).unwrap();
    let run = iki()
        .args(["export", "-q", "--format", "csv"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("span"));
}

/// Terminal escapes in a file name or in document text never reach the
/// terminal through a warning, an error, a batch summary or `iki check`:
/// every message goes through the one terminal filter.
#[cfg(unix)]
#[test]
fn escapes_in_names_and_text_never_reach_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    // A position without rows makes a warning that quotes its title.
    let doc =
        "### 1. JABATAN KEPALA \u{1b}]0;pwned\u{7}BADAN \u{1b}[31mMERAH\n\n- Tugas : Memimpin.\n\n\
               ### 2. JABATAN SEKRETARIS\n\n- Tugas : Membantu.\n\n\
               SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\nA\tJumlah B\tC\tD\n";
    let evil = folder.join("evil\u{1b}[2J.md");
    std::fs::write(&evil, doc).unwrap();
    std::fs::write(folder.join("broken\u{1b}[5m.md"), [0u8, 1, 2, 3]).unwrap();
    let esc = |bytes: &[u8]| bytes.contains(&0x1b) || bytes.contains(&0x07);
    let runs = [
        iki().args(["convert"]).arg(&evil).output().unwrap(),
        iki().args(["rows"]).arg(&evil).output().unwrap(),
        iki()
            .args(["convert"])
            .arg(&folder)
            .arg("-o")
            .arg(dir.path().join("out"))
            .output()
            .unwrap(),
        iki()
            .args(["check", "--no-dictionary"])
            .arg(&evil)
            .output()
            .unwrap(),
        iki()
            .args(["convert"])
            .arg(folder.join("broken\u{1b}[5m.md"))
            .output()
            .unwrap(),
    ];
    for (k, run) in runs.iter().enumerate() {
        // `iki check` writes its report on standard output.
        let said = if k == 3 { &run.stdout } else { &run.stderr };
        assert!(!said.is_empty(), "run {k} said nothing");
        assert!(!esc(said), "run {k}: {:?}", String::from_utf8_lossy(said));
        assert!(
            !esc(&run.stderr),
            "run {k}: {:?}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

/// One bad byte in a UTF-8 file no longer turns the whole file into
/// Windows-1252 mojibake: the file is read as UTF-8, the bad byte alone is
/// replaced, and the warning names its line.
#[test]
fn one_bad_byte_keeps_the_rest_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    // "Bupati — “Sekretariat” ½" in the first Tugas, and a stray byte
    // later on line 3.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let text = text.replacen(
        "Membantu Bupati",
        "Membantu Bupati \u{2014} \u{201c}Sekretariat\u{201d} \u{bd}",
        1,
    );
    bytes = text.into_bytes();
    let third = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0
        + 1;
    bytes.insert(third, 0xFF);
    let file = dir.path().join("stray.md");
    std::fs::write(&file, &bytes).unwrap();
    let run = iki()
        .args(["convert", "--raw"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let json = String::from_utf8(run.stdout).unwrap();
    assert!(
        json.contains("Bupati \u{2014} \u{201c}Sekretariat\u{201d} \u{bd}"),
        "mojibake"
    );
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("stray.md:3: warning[invalid-utf8]"), "{err}");
}

/// A glossary that is not UTF-8 is an error naming its line (exit 65), not
/// read lossily into wrong entries.
#[test]
fn a_glossary_that_is_not_utf8_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("mine.tsv");
    std::fs::write(&g, b"obyek\tobjek\tKBBI\ncaf\xe9\tkafe\tx\n").unwrap();
    let run = iki()
        .args(["convert", "-q", "--glossary"])
        .arg(&g)
        .arg(common::root().join("seeds/bkpsdm-sumenep-2024.md"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65), "{run:?}");
    assert!(String::from_utf8_lossy(&run.stderr).contains("mine.tsv:2: the glossary is not UTF-8"));
}

/// One run never lets two inputs with one identity (agency, region, year)
/// replace each other: the same document given twice is exported once and
/// said so; another document with the same identity is refused, both files
/// named, exit 65, and the count is true. Exporting again later replaces
/// the document and says so.
#[test]
fn one_identity_per_export_run() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let seed =
        std::fs::read_to_string(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    std::fs::write(folder.join("a.md"), &seed).unwrap();
    std::fs::write(folder.join("b.md"), &seed).unwrap();
    std::fs::write(
        folder.join("c.md"),
        seed.replace("Indeks Penilaian Sistem Merit", "Indeks Sistem Merit"),
    )
    .unwrap();
    let db = dir.path().join("iki.sqlite");
    let run = iki()
        .args(["export", "--format", "sqlite"])
        .arg(&folder)
        .arg("-o")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65), "{run:?}");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("b.md is the same document as"), "{err}");
    assert!(err.contains("c.md: the same document identity"), "{err}");
    assert!(err.contains("a.md"), "{err}");
    assert!(err.contains("exported 1 of 3 document(s)"), "{err}");
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);

    let again = iki()
        .args(["export", "--format", "sqlite"])
        .arg(folder.join("a.md"))
        .arg("-o")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("replaced the document BKPSDM"));
    // A note, so -q silences it.
    let quiet = iki()
        .args(["export", "-q", "--format", "sqlite"])
        .arg(folder.join("a.md"))
        .arg("-o")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(quiet.status.code(), Some(0), "{quiet:?}");
    assert!(quiet.stderr.is_empty(), "{quiet:?}");
}

/// SQLite export writes through SQLite (locks, WAL, one transaction), not
/// by copying and renaming the file: five exports at once into one
/// database keep all five years, and a database in WAL mode with another
/// connection's committed, not yet checkpointed work keeps that work and
/// stays sound.
#[test]
fn sqlite_exports_respect_other_writers() {
    let dir = tempfile::tempdir().unwrap();
    let seed =
        std::fs::read_to_string(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    let mut files = Vec::new();
    for year in 2020..2025 {
        let f = dir.path().join(format!("iki-{year}.md"));
        std::fs::write(&f, seed.replace("TAHUN 2024", &format!("TAHUN {year}"))).unwrap();
        files.push(f);
    }
    let db = dir.path().join("iki.sqlite");
    // Another writer with work in the WAL, still connected.
    let other = rusqlite::Connection::open(&db).unwrap();
    other
        .execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('kept');",
        )
        .unwrap();
    let children: Vec<_> = files
        .iter()
        .map(|f| {
            std::process::Command::new(env!("CARGO_BIN_EXE_iki"))
                .args(["export", "-q", "--format", "sqlite"])
                .arg(f)
                .arg("-o")
                .arg(&db)
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let years: Vec<i64> = {
        let mut st = other
            .prepare("SELECT year FROM documents ORDER BY year")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(years, vec![2020, 2021, 2022, 2023, 2024]);
    let note: String = other
        .query_row("SELECT x FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(note, "kept");
    let check: String = other
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

/// A document one format cannot hold is left out and reported, and the
/// export goes on (README: "a document that cannot be read is left out"):
/// a JSON document whose two positions share an id (SQLite's constraint),
/// and a document with a cell over XLSX's 32,767 characters.
#[test]
fn a_document_a_format_cannot_hold_is_left_out_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let seed = common::root().join("seeds/bkpsdm-sumenep-2024.md");
    let good = iki()
        .args(["convert", "-q"])
        .arg(&seed)
        .output()
        .unwrap()
        .stdout;
    let mut doc: serde_json::Value = serde_json::from_slice(&good).unwrap();
    let first = doc["groups"][1]["positions"][0]["id"].clone();
    doc["groups"][1]["positions"][1]["id"] = first;
    doc["title"] = "Indikator Kinerja Individu DINAS X KAB. Y TAHUN 2031".into();
    doc["agency"] = "DINAS X".into();
    doc["year"] = 2031.into();
    let dup = dir.path().join("dup.json");
    std::fs::write(&dup, doc.to_string()).unwrap();
    let db = dir.path().join("iki.sqlite");
    // --raw: the normalizer would derive the ids again from the titles.
    let run = iki()
        .args(["export", "-q", "--raw", "--format", "sqlite"])
        .arg(&seed)
        .arg(&dup)
        .arg("-o")
        .arg(&db)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65), "{run:?}");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("exported 1 of 2") && err.contains("dup.json"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1, "the seed is in, nothing of dup.json");

    let long = dir.path().join("long.md");
    let text = std::fs::read_to_string(&seed)
        .unwrap()
        .replacen(
            "Indeks Penilaian Sistem Merit",
            // Words that differ (the normalizer folds a repeated word).
            &(0..6_000)
                .map(|i| format!("kata{i}"))
                .collect::<Vec<_>>()
                .join(" "),
            1,
        )
        .replace("TAHUN 2024", "TAHUN 2032");
    std::fs::write(&long, text).unwrap();
    let xlsx = dir.path().join("iki.xlsx");
    let run = iki()
        .args(["export", "-q", "--format", "xlsx"])
        .arg(&seed)
        .arg(&long)
        .arg("-o")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(65), "{run:?}");
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("32767 characters") && err.contains("long.md"),
        "{err}"
    );
    assert!(xlsx.exists(), "the other document is exported");
}

/// An interrupt (SIGTERM here, as SIGINT from Ctrl-C) removes the
/// temporary files being written and exits 130: no `.iki-*.tmp` is left
/// beside the outputs of a batch cut short.
#[cfg(unix)]
#[test]
fn an_interrupt_leaves_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    let seed = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    for k in 0..600 {
        std::fs::write(folder.join(format!("d{k:04}.md")), &seed).unwrap();
    }
    let out = dir.path().join("out");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_iki"))
        .args(["convert", "-q"])
        .arg(&folder)
        .arg("-o")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the batch is under way, then interrupt it.
    let started = std::time::Instant::now();
    while started.elapsed() < Duration::from_secs(30)
        && std::fs::read_dir(&out).map_or(0, |d| d.count()) < 5
    {
        std::thread::sleep(Duration::from_millis(5));
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait_with_output().unwrap().status;
    let written = std::fs::read_dir(&out).unwrap().count();
    if written < 600 {
        assert_eq!(status.code(), Some(130), "{status:?}");
    }
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "left behind: {stray:?}");
}

/// Glossary entries that share a first word load in linear time (each
/// line used to re-sort all of them): 80,000 such entries load and a small
/// document converts well inside the hang guard (the quadratic load ran
/// past it); a later entry for the same wrong form still wins.
#[test]
fn a_glossary_of_many_entries_with_one_first_word_loads() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("big.tsv");
    let mut tsv = String::new();
    for i in 0..80_000 {
        tsv.push_str(&format!("laporan x{i}\tlaporan y{i}\tuji\n"));
    }
    tsv.push_str("Laporan Kinerja\tLaporan Kinerja Tahunan\tuji\n");
    tsv.push_str("Laporan Kinerja\tLaporan Capaian Kinerja\tyang terakhir menang\n");
    std::fs::write(&g, tsv).unwrap();
    // A small document: the time is the glossary's loading.
    let doc = dir.path().join("small.md");
    std::fs::write(
        &doc,
        "### 1. JABATAN KEPALA\n\n- Tugas : Memimpin.\n\nSASARAN\tINDIKATOR KINERJA\tSUMBER DATA\nA\tJumlah B\tLaporan Kinerja\n",
    )
    .unwrap();
    let run = iki()
        .args(["rows", "-q", "--glossary"])
        .arg(&g)
        .arg(&doc)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    let out = String::from_utf8_lossy(&run.stdout);
    assert!(out.contains("Laporan Capaian Kinerja"), "{out}");
    assert!(!out.contains("Laporan Kinerja Tahunan"));
}

/// Near-duplicate detection is bounded per row: one position of 30,000
/// rows that all start alike (the shape that made it quadratic) converts
/// well inside the hang guard.
#[test]
fn near_duplicate_search_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "### 1. JABATAN KEPALA\n\n- Tugas : Memimpin.\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n",
    );
    for i in 0..30_000 {
        text.push_str(&format!(
            "Meningkatnya layanan\tJumlah laporan kegiatan nomor {i}\tJumlah laporan\tLaporan Kinerja\n"
        ));
    }
    let file = dir.path().join("long.md");
    std::fs::write(&file, text).unwrap();
    let run = iki()
        .args(["rows", "-q"])
        .arg(&file)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{run:?}");
    assert_eq!(String::from_utf8_lossy(&run.stdout).lines().count(), 30_000);
}

/// Finding 8: a diff where every one of 10,000 positions was renamed took
/// 131 s and 4.35 GB (a score for every pair), and one position of 5,000
/// rows each side 55 s. Long lists are now matched by blocking; the diff
/// still pairs every renamed position and every changed row (the time is
/// in `cargo bench`'s diff_at_scale).
#[test]
fn long_lists_diff_by_blocking_and_still_pair_everything() {
    let dir = tempfile::tempdir().unwrap();
    let kinds = |old: String, new: String| -> std::collections::BTreeMap<String, usize> {
        let o = write(dir.path(), "old.md", old.as_bytes());
        let n = write(dir.path(), "new.md", new.as_bytes());
        let out = iki()
            .args(["diff", "-q", "--format", "json"])
            .arg(&o)
            .arg(&n)
            .timeout(Duration::from_secs(120))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "changes found");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut counts = std::collections::BTreeMap::new();
        for c in v["changes"].as_array().unwrap() {
            *counts
                .entry(c["kind"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        counts
    };
    // 3,000 x 3,000 pairs: past the dense limit.
    let renamed = kinds(
        iki_bench::renamed_positions(3_000, false),
        iki_bench::renamed_positions(3_000, true),
    );
    assert_eq!(
        renamed,
        [("position_renamed".to_string(), 3_000)]
            .into_iter()
            .collect()
    );
    let rows = kinds(
        iki_bench::one_long_position(2_000, false),
        iki_bench::one_long_position(2_000, true),
    );
    assert_eq!(
        rows,
        [("indicator_changed".to_string(), 667)]
            .into_iter()
            .collect()
    );
}
