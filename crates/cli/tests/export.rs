//! Exports read back by their real consumers (SQL, the csv crate, calamine),
//! the committed JSON Schemas, and batch conversion of a folder.
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

fn next_year() -> PathBuf {
    common::root().join("fixtures/diff/bkpsdm-sumenep-2025.md")
}

fn dinkes() -> PathBuf {
    common::root().join("fixtures/agencies/dinkes-pipe.md")
}

fn inspektorat() -> PathBuf {
    common::root().join("fixtures/agencies/inspektorat-matrix.md")
}

/// The rows of a fixture's hand-written `.expected.json`.
fn expected_rows(name: &str) -> Vec<serde_json::Value> {
    let path = common::root().join(format!("fixtures/agencies/{name}.expected.json"));
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    v["rows"].as_array().unwrap().clone()
}

/// The TARGET of dinkes' "Persentase Capaian Kinerja Dinas Kesehatan" (a
/// `≥ 90` row), as the hand-written expected file gives it.
const CAPAIAN: &str = "Persentase Capaian Kinerja Dinas Kesehatan";

fn expected_target(indikator: &str) -> String {
    let rows = expected_rows("dinkes-pipe");
    let row = rows.iter().find(|r| r["indikator"] == indikator).unwrap();
    row["extra"]["TARGET"].as_str().unwrap().to_string()
}

/// Rows of the normalized seed per group, as `iki rows` counts them
/// (279 read by hand in seed.rs, less 3 repeated rows): 4, 13, 5, 88, 166.
const SEED_ROWS: usize = 276;

#[test]
fn csv_reads_back_with_the_csv_crate() {
    let out = iki()
        .args(["export", "-q", "--format", "csv"])
        .arg(seed())
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        headers,
        [
            "year",
            "agency",
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
            "source_place"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), SEED_ROWS);
    // The split row of lines 236-238 (read by hand): merged, quoted commas intact.
    let split = records.iter().find(|r| &r[12] == "236-238").unwrap();
    assert_eq!(&split[0], "2024");
    assert_eq!(&split[1], "BKPSDM");
    assert!(split[7].ends_with("Kepemimpinan dan Prajabatan"));
    assert_eq!(&split[10], "");
    // The same rows as `iki rows`.
    let rows = iki()
        .args(["rows", "-q"])
        .arg(seed())
        .output()
        .unwrap()
        .stdout;
    let rows: Vec<serde_json::Value> = String::from_utf8(rows)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for (r, j) in records.iter().zip(&rows) {
        assert_eq!(&r[8], j["indikator"].as_str().unwrap());
        assert_eq!(&r[4], j["position_id"].as_str().unwrap());
    }
    // --excel starts with a BOM; the rest is the same.
    let excel = iki()
        .args(["export", "-q", "--format", "csv", "--excel"])
        .arg(seed())
        .output()
        .unwrap()
        .stdout;
    assert_eq!(&excel[..3], b"\xEF\xBB\xBF");
    assert_eq!(&excel[3..], out.stdout.as_slice());
}

#[test]
fn csv_has_one_column_per_extra_name_in_first_seen_order() {
    // The seed (no extra columns) first: its rows are spooled before any
    // name is known and still get the columns.
    let export = |excel: bool| {
        let out = iki()
            .args(["export", "-q", "--format", "csv"])
            .args(excel.then_some("--excel"))
            .arg(seed())
            .arg(dinkes())
            .arg(inspektorat())
            .output()
            .unwrap();
        assert!(out.status.success());
        out.stdout
    };
    let bytes = export(false);
    assert!(
        bytes == export(false),
        "the same inputs give the same bytes"
    );
    let excel = export(true);
    assert_eq!(&excel[..3], b"\xEF\xBB\xBF");
    assert!(&excel[3..] == bytes.as_slice());

    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers.len(), 17);
    assert_eq!(headers[12], "source_lines");
    assert_eq!(headers[13], "source_place");
    assert_eq!(headers[14..], ["SATUAN", "TARGET", "PENANGGUNG JAWAB"]);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let dinkes_rows = expected_rows("dinkes-pipe");
    let inspektorat_rows = expected_rows("inspektorat-matrix");
    assert_eq!(
        records.len(),
        SEED_ROWS + dinkes_rows.len() + inspektorat_rows.len()
    );
    assert!(records.iter().all(|r| r.len() == 17));

    // The seed's rows come first, with empty extra cells.
    let seed_rows: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[1] == "BKPSDM").collect();
    assert_eq!(seed_rows.len(), SEED_ROWS);
    assert!(seed_rows
        .iter()
        .all(|r| r.iter().skip(13).all(str::is_empty)));
    assert!(records[..SEED_ROWS].iter().all(|r| &r[1] == "BKPSDM"));

    // Every extra cell of the fixtures, as written by hand; the columns a
    // fixture does not have are empty.
    for (fixture, agency, rows) in [
        ("dinkes", "DINAS KESEHATAN", &dinkes_rows),
        ("inspektorat", "INSPEKTORAT DAERAH", &inspektorat_rows),
    ] {
        let got: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[1] == agency).collect();
        assert_eq!(got.len(), rows.len(), "{fixture}");
        for (r, want) in got.iter().zip(rows.iter()) {
            assert_eq!(&r[8], want["indikator"].as_str().unwrap(), "{fixture}");
            for name in ["SATUAN", "TARGET", "PENANGGUNG JAWAB"] {
                assert_eq!(
                    &r[col(name)],
                    want["extra"][name].as_str().unwrap_or(""),
                    "{fixture}: {name} of {}",
                    &r[8]
                );
            }
        }
    }
    let capaian = records.iter().find(|r| &r[8] == CAPAIAN).unwrap();
    assert_eq!(&capaian[col("TARGET")], expected_target(CAPAIAN));
    assert_eq!(&capaian[col("TARGET")], "\u{2265} 90");
}

#[test]
fn formula_injection_is_neutralized_unless_raw_cells() {
    let dir = tempfile::tempdir().unwrap();
    let doc = dir.path().join("hostile.md");
    std::fs::write(
        &doc,
        "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\tTARGET\n\
         =HYPERLINK(\"http://x\")\tJumlah data\t+1+1\t@SUM(A1)\t-1\n",
    )
    .unwrap();
    let safe = iki()
        .args(["export", "-q", "--format", "csv"])
        .arg(&doc)
        .output()
        .unwrap()
        .stdout;
    let mut r = csv::Reader::from_reader(safe.as_slice());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(&rec[7], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&rec[9], "'+1+1");
    assert_eq!(&rec[10], "'@SUM(A1)");
    assert_eq!(&rec[14], "'-1", "extra cells too");
    let raw = iki()
        .args(["export", "-q", "--format", "csv", "--raw-cells"])
        .arg(&doc)
        .output()
        .unwrap()
        .stdout;
    let mut r = csv::Reader::from_reader(raw.as_slice());
    let rec = r.records().next().unwrap().unwrap();
    assert_eq!(&rec[7], "=HYPERLINK(\"http://x\")");
    assert_eq!(&rec[14], "-1");
}

#[test]
fn ndjson_rows_carry_year_and_agency() {
    let out = iki()
        .args(["export", "-q", "--format", "ndjson"])
        .arg(seed())
        .arg(next_year())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.iter().filter(|r| r["year"] == 2024).count(), SEED_ROWS);
    assert_eq!(rows.iter().filter(|r| r["year"] == 2025).count(), 273);
    assert!(rows.iter().all(|r| r["agency"] == "BKPSDM"));
    assert!(text
        .lines()
        .next()
        .unwrap()
        .starts_with("{\"year\":2024,\"agency\":\"BKPSDM\",\"group\":"));
}

#[test]
fn ndjson_rows_carry_their_extra_columns_as_an_object() {
    let out = iki()
        .args(["export", "-q", "--format", "ndjson"])
        .arg(seed())
        .arg(dinkes())
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let dinkes_rows = expected_rows("dinkes-pipe");
    assert_eq!(lines.len(), SEED_ROWS + dinkes_rows.len());
    // The seed has no extra columns: `extra` is `{}`, the last key.
    assert!(lines[..SEED_ROWS]
        .iter()
        .all(|l| l.ends_with(",\"extra\":{}}")));
    for (line, want) in lines[SEED_ROWS..].iter().zip(&dinkes_rows) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["year"], 2024);
        assert_eq!(v["indikator"], want["indikator"]);
        assert_eq!(v["extra"], want["extra"]);
        // Keys in column order, `extra` last.
        let satuan = want["extra"]["SATUAN"].as_str().unwrap();
        let target = want["extra"]["TARGET"].as_str().unwrap();
        let tail = format!(
            ",\"extra\":{}}}",
            serde_json::json!({ "SATUAN": satuan, "TARGET": target })
        );
        assert!(line.ends_with(&tail), "{line}");
    }
}

#[test]
fn sqlite_holds_both_years_and_reloading_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("iki.sqlite");
    let export = |files: &[&Path]| {
        iki()
            .args(["export", "-q", "--format", "sqlite", "-o"])
            .arg(&db)
            .args(files)
            .assert()
            .success();
    };
    export(&[&seed(), &next_year()]);
    export(&[&seed()]); // again: replaces, does not duplicate
    let c = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 2);
    assert_eq!(count("SELECT COUNT(*) FROM positions p JOIN documents d ON d.id = p.document_id WHERE d.year = 2024"), 68);
    assert_eq!(count("SELECT COUNT(*) FROM indicators i JOIN documents d ON d.id = i.document_id WHERE d.year = 2024"), SEED_ROWS as i64);
    assert_eq!(count("SELECT COUNT(*) FROM groups WHERE document_id = (SELECT id FROM documents WHERE year = 2024)"), 5);
    // A join of positions and indicators: the rows of one position.
    let mut stmt = c
        .prepare(
            "SELECT i.indikator FROM indicators i JOIN positions p ON p.id = i.position_id
             JOIN documents d ON d.id = p.document_id
             WHERE d.year = 2024 AND p.position_key = 'fungsional_umum/analis-kinerja' ORDER BY i.ord",
        )
        .unwrap();
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(names[3], "Jumlah Surat Teguran");
    assert_eq!(names.len(), 5);
    // Across years: positions of 2024 with no position of the same id in 2025.
    let mut stmt = c
        .prepare(
            "SELECT p.position_key FROM positions p JOIN documents d ON d.id = p.document_id AND d.year = 2024
             WHERE p.position_key NOT IN (
                SELECT q.position_key FROM positions q JOIN documents e ON e.id = q.document_id AND e.year = 2025)
             ORDER BY p.position_key",
        )
        .unwrap();
    let gone: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // The 2025 fixture removes one position, renames one and moves one to
    // another group (fixtures/diff/README.md).
    assert_eq!(
        gone,
        [
            "administrator/kepala-bidang-penilaian-kinerja-aparatur-dan-penghargaan",
            "fungsional_tertentu/pranata-komputer-ahli-pertama-4",
            "fungsional_umum/analis-sdm-aparatur"
        ]
    );
    // Keys and indexes are there.
    let mut check = c.prepare("PRAGMA foreign_key_check").unwrap();
    assert!(
        check.query([]).unwrap().next().unwrap().is_none(),
        "every foreign key resolves"
    );
    let indexes = count(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'",
    );
    assert!(indexes >= 9);
    // Deleting a document deletes its rows (ON DELETE CASCADE).
    c.execute_batch("PRAGMA foreign_keys = ON; DELETE FROM documents WHERE year = 2025;")
        .unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM indicators"), SEED_ROWS as i64);
}

#[test]
fn sqlite_keeps_extra_columns_and_the_typed_target() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("iki.sqlite");
    let export = |files: &[&Path]| {
        iki()
            .args(["export", "-q", "--format", "sqlite", "-o"])
            .arg(&db)
            .args(files)
            .assert()
            .success();
    };
    export(&[&seed(), &dinkes(), &inspektorat()]);
    let c = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let dinkes_rows = expected_rows("dinkes-pipe").len() as i64;
    let inspektorat_rows = expected_rows("inspektorat-matrix").len() as i64;
    let per_name = |c: &rusqlite::Connection| -> Vec<(String, i64)> {
        c.prepare("SELECT name, COUNT(*) FROM indicator_extras GROUP BY name ORDER BY name")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let want = vec![
        ("PENANGGUNG JAWAB".to_string(), inspektorat_rows),
        ("SATUAN".to_string(), dinkes_rows),
        ("TARGET".to_string(), dinkes_rows),
    ];
    assert_eq!(per_name(&c), want);
    // The TARGET of a known row, by a join.
    let target: String = c
        .query_row(
            "SELECT e.value FROM indicator_extras e JOIN indicators i ON i.id = e.indicator_id
             JOIN documents d ON d.id = i.document_id
             WHERE d.agency = 'DINAS KESEHATAN' AND i.indikator = ?1 AND e.name = 'TARGET'",
            [CAPAIAN],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(target, expected_target(CAPAIAN));
    // Ordinals follow the table's columns: SATUAN, then TARGET.
    let names: Vec<String> = c
        .prepare(
            "SELECT e.name FROM indicator_extras e JOIN indicators i ON i.id = e.indicator_id
             WHERE i.indikator = ?1 ORDER BY e.ordinal",
        )
        .unwrap()
        .query_map([CAPAIAN], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(names, ["SATUAN", "TARGET"]);
    // The typed reading of `≥ 90` (with SATUAN `%` for its unit).
    let typed: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) = c
        .query_row(
            "SELECT target_comparator, target_value, target_unit, target_predicate
             FROM indicators WHERE indikator = ?1",
            [CAPAIAN],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        typed,
        (Some(">=".into()), Some("90".into()), Some("%".into()), None)
    );
    // The seed has neither extras nor targets.
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM indicator_extras e JOIN indicators i ON i.id = e.indicator_id
             JOIN documents d ON d.id = i.document_id WHERE d.agency = 'BKPSDM'"
        ),
        0
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM indicators i JOIN documents d ON d.id = i.document_id
             WHERE d.agency = 'BKPSDM' AND (target_comparator IS NOT NULL OR target_value IS NOT NULL
                 OR target_unit IS NOT NULL OR target_predicate IS NOT NULL)"
        ),
        0
    );
    drop(c);

    // Exporting dinkes again replaces its rows and their extras.
    export(&[&dinkes()]);
    let c = rusqlite::Connection::open(&db).unwrap();
    let count = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(per_name(&c), want, "no duplicate extras");
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 3);
    assert_eq!(
        count("SELECT COUNT(*) FROM indicators"),
        SEED_ROWS as i64 + dinkes_rows + inspektorat_rows
    );
    assert_eq!(
        count(
            "SELECT COUNT(*) FROM indicator_extras WHERE indicator_id NOT IN (SELECT id FROM indicators)"
        ),
        0,
        "the replaced rows' extras went with them"
    );
    let mut check = c.prepare("PRAGMA foreign_key_check").unwrap();
    assert!(check.query([]).unwrap().next().unwrap().is_none());
    assert_eq!(
        count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = 'indicator_extras_name'"),
        1
    );
}

#[test]
fn xlsx_group_sheets_have_their_extra_columns() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("iki.xlsx");
    iki()
        .args(["export", "-q", "--format", "xlsx", "-o"])
        .arg(&book)
        .arg(seed())
        .arg(dinkes())
        .arg(inspektorat())
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    let sheet = |wb: &mut Xlsx<_>, name: &str| -> Vec<Vec<String>> {
        wb.worksheet_range(name)
            .unwrap()
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    };
    // Administrator rows per fixture, from the hand-written expected files.
    let administrator = |name: &str| -> usize {
        let path = common::root().join(format!("fixtures/agencies/{name}.expected.json"));
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
        v["positions"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["group"] == "administrator")
            .map(|p| p["rows"].as_u64().unwrap() as usize)
            .sum()
    };
    let (dinkes_admin, inspektorat_admin) = (
        administrator("dinkes-pipe"),
        administrator("inspektorat-matrix"),
    );
    assert_eq!((dinkes_admin, inspektorat_admin), (8, 7));
    let admin = sheet(&mut wb, "Administrator");
    assert_eq!(admin.len(), 1 + 13 + dinkes_admin + inspektorat_admin);
    assert_eq!(admin[0].len(), 16);
    assert_eq!(admin[0][7], "Indikator Kinerja");
    assert_eq!(admin[0][11], "Baris sumber");
    assert_eq!(admin[0][12], "Tempat di dokumen asli");
    assert_eq!(admin[0][13..], ["SATUAN", "TARGET", "PENANGGUNG JAWAB"]);
    let capaian = admin.iter().find(|r| r[7] == CAPAIAN).unwrap();
    assert_eq!(
        capaian[12], "",
        "a markdown row has no place in an original"
    );
    assert_eq!(capaian[13..], ["%", &expected_target(CAPAIAN), ""]);
    let seed_rows: Vec<&Vec<String>> = admin.iter().filter(|r| r[1] == "BKPSDM").collect();
    assert_eq!(seed_rows.len(), 13);
    assert!(seed_rows
        .iter()
        .all(|r| r[12..].iter().all(String::is_empty)));
    let sekretaris = admin
        .iter()
        .find(|r| r[1] == "INSPEKTORAT DAERAH" && r[4] == "SEKRETARIS")
        .unwrap();
    assert_eq!(sekretaris[13..], ["", "", "Sekretaris"]);
    // A sheet has only the names its own rows use: inspektorat has no
    // pengawas, the seed no extras at all.
    let pengawas = sheet(&mut wb, "Pengawas");
    assert_eq!(pengawas[0][13..], ["SATUAN", "TARGET"]);
    let fu = sheet(&mut wb, "Fungsional Umum");
    assert_eq!(fu[0].len(), 13);
    // The summary is as before, with the two agencies' counts.
    let summary = sheet(&mut wb, "Ringkasan");
    assert_eq!(
        summary[0],
        [
            "Tahun",
            "Instansi",
            "Kelompok jabatan",
            "Jabatan",
            "Indikator"
        ]
    );
    assert!(summary.contains(&vec![
        "2024".to_string(),
        "DINAS KESEHATAN".to_string(),
        "Administrator".to_string(),
        "2".to_string(),
        "8".to_string()
    ]));
}

#[test]
fn xlsx_reads_back_with_calamine() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("iki.xlsx");
    iki()
        .args(["export", "-q", "--format", "xlsx", "-o"])
        .arg(&book)
        .arg(seed())
        .assert()
        .success();
    let mut wb: Xlsx<_> = open_workbook(&book).unwrap();
    assert_eq!(
        wb.sheet_names(),
        [
            "Ringkasan",
            "Pimpinan Tinggi",
            "Administrator",
            "Pengawas",
            "Fungsional Tertentu",
            "Fungsional Umum"
        ]
    );
    let summary = wb.worksheet_range("Ringkasan").unwrap();
    let cells: Vec<Vec<String>> = summary
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        cells[0],
        [
            "Tahun",
            "Instansi",
            "Kelompok jabatan",
            "Jabatan",
            "Indikator"
        ]
    );
    // Positions per group, read by hand: 1, 5, 2, 22, 38; rows 4, 13, 5, 88, 166.
    let counts: Vec<(String, String, String)> = cells[1..]
        .iter()
        .map(|r| (r[2].clone(), r[3].clone(), r[4].clone()))
        .collect();
    assert_eq!(
        counts,
        [
            ("Pimpinan Tinggi".into(), "1".into(), "4".into()),
            ("Administrator".into(), "5".into(), "13".into()),
            ("Pengawas".into(), "2".into(), "5".into()),
            ("Fungsional Tertentu".into(), "22".into(), "88".into()),
            ("Fungsional Umum".into(), "38".into(), "166".into()),
        ]
    );
    let fu = wb.worksheet_range("Fungsional Umum").unwrap();
    assert_eq!(fu.height(), 167, "header + 166 rows");
    let header: Vec<String> = fu
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header[7], "Indikator Kinerja");
    assert_eq!(header.len(), 13);
}

#[test]
fn committed_schemas_are_what_iki_schema_prints() {
    for kind in ["document", "row"] {
        let printed = iki().args(["schema", kind]).output().unwrap().stdout;
        let committed =
            std::fs::read(common::root().join(format!("crates/model/schema/{kind}.schema.json")))
                .unwrap();
        assert!(printed == committed, "crates/model/schema/{kind}.schema.json is stale: run `iki schema {kind} > crates/model/schema/{kind}.schema.json`");
    }
}

#[test]
fn outputs_validate_against_the_schemas() {
    let schema = |kind: &str| -> serde_json::Value {
        serde_json::from_slice(
            &std::fs::read(common::root().join(format!("crates/model/schema/{kind}.schema.json")))
                .unwrap(),
        )
        .unwrap()
    };
    let document = jsonschema::validator_for(&schema("document")).unwrap();
    let row = jsonschema::validator_for(&schema("row")).unwrap();
    for input in [seed(), next_year()] {
        for extra in [&[][..], &["--raw"][..]] {
            let json = iki()
                .args(["convert", "-q"])
                .args(extra)
                .arg(&input)
                .output()
                .unwrap()
                .stdout;
            let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
            let errors: Vec<String> = document.iter_errors(&v).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", input.display());
        }
        let rows = iki()
            .args(["rows", "-q"])
            .arg(&input)
            .output()
            .unwrap()
            .stdout;
        for line in String::from_utf8(rows).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            assert!(row.is_valid(&v), "{line}");
        }
    }
    // The schema is not vacuous: a wrong document fails.
    let bad = serde_json::json!({"schema_version": "1", "groups": [{"kind": "menteri"}]});
    assert!(!document.is_valid(&bad));
}

#[test]
fn batch_converts_a_folder_and_reports_the_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(input.join("2025")).unwrap();
    std::fs::copy(seed(), input.join("sumenep-2024.md")).unwrap();
    std::fs::copy(next_year(), input.join("2025/sumenep-2025.md")).unwrap();
    std::fs::copy(
        common::root().join("fixtures/diff/bkpsdm-sumenep-2025b.md"),
        input.join("2025/sumenep-2025b.md"),
    )
    .unwrap();
    // Damaged: a download cut short before the first position's table, and
    // a binary file with a .md name.
    let text = std::fs::read_to_string(seed()).unwrap();
    let cut = text.find("### 1.").unwrap();
    std::fs::write(input.join("cut.md"), &text[..cut]).unwrap();
    std::fs::write(input.join("binary.md"), [0u8, 159, 146, 150]).unwrap();
    let out_dir = dir.path().join("out");
    let out = iki()
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(65),
        "a failure is reported in the exit status"
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("converted 3 of 5 document(s)"), "{err}");
    assert!(err.contains("2 failed"));
    // The summary in Indonesian (the default, here over IKI_LANG).
    let id_dir = dir.path().join("out-id");
    let id = iki()
        .args(["--lang", "id", "convert"])
        .arg(&input)
        .arg("-o")
        .arg(&id_dir)
        .output()
        .unwrap();
    let id_err = String::from_utf8(id.stderr).unwrap();
    assert!(
        id_err.contains("iki: 3 dari 5 dokumen dikonversi ke") && id_err.contains("2 gagal"),
        "{id_err}"
    );
    assert!(id_err.contains("  gagal: "), "{id_err}");
    assert!(
        err.contains("binary.md: line 1: not a text document"),
        "{err}"
    );
    assert!(err.contains("cut.md: no positions found"), "{err}");
    // Each output has the bytes of a single conversion; failures leave none.
    for (src, json) in [
        (
            input.join("sumenep-2024.md"),
            out_dir.join("sumenep-2024.json"),
        ),
        (
            input.join("2025/sumenep-2025.md"),
            out_dir.join("2025/sumenep-2025.json"),
        ),
        (
            input.join("2025/sumenep-2025b.md"),
            out_dir.join("2025/sumenep-2025b.json"),
        ),
    ] {
        let single = iki()
            .args(["convert", "-q"])
            .arg(&src)
            .output()
            .unwrap()
            .stdout;
        assert!(
            std::fs::read(&json).unwrap() == single,
            "{}",
            json.display()
        );
    }
    assert!(!out_dir.join("binary.json").exists() && !out_dir.join("cut.json").exists());
    let mut names: Vec<String> = walk(&out_dir);
    names.sort();
    assert_eq!(
        names,
        [
            "2025/sumenep-2025.json",
            "2025/sumenep-2025b.json",
            "sumenep-2024.json"
        ]
    );
    // The same on one thread: identical bytes whatever the parallelism.
    let one = dir.path().join("one");
    iki()
        .env("RAYON_NUM_THREADS", "1")
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(&one)
        .output()
        .unwrap();
    for name in &names {
        assert!(
            std::fs::read(one.join(name)).unwrap() == std::fs::read(out_dir.join(name)).unwrap()
        );
    }
    // Export over the folder goes on past the damaged files too.
    let db = dir.path().join("all.sqlite");
    let out = iki()
        .args(["export", "-q", "--format", "sqlite", "-o"])
        .arg(&db)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let c = rusqlite::Connection::open(&db).unwrap();
    let docs: i64 = c
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .unwrap();
    // 2025 and 2025b share agency, region and year: the same key, so the
    // later one replaces the earlier.
    assert_eq!(docs, 2);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            let sub = p.file_name().unwrap().to_string_lossy().to_string();
            out.extend(walk(&p).into_iter().map(|n| format!("{sub}/{n}")));
        } else {
            out.push(p.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    out
}
