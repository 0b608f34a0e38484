//! The seed written as its authors' originals (Word, Excel, PDF) must give
//! the seed's rows.
//!
//! The Word file and the Excel matrix are built here, in memory, from the
//! normalized seed (`iki_bench::originals`): real tables with SASARAN
//! merged down (`w:vMerge`), a matrix with JABATAN and SASARAN merged down
//! (`merge_range`). Read back and normalized, they must give every row of
//! the markdown seed with the same texts, in order.
//!
//! The PDFs are `fixtures/originals/seed/*.pdf`, printed from that Word file
//! by LibreOffice and from the HTML page by Chromium
//! (`fixtures/originals/seed/make.sh`). Read through `pdftotext -layout`,
//! each must give at least 98% of the seed's rows with exact texts and no
//! invented row.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_model::Document;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A row's texts: position title, SASARAN, INDIKATOR, FORMULASI, SUMBER DATA.
type Texts = (String, String, String, String, String);

fn glossary() -> &'static iki_normalize::Glossary {
    static G: OnceLock<iki_normalize::Glossary> = OnceLock::new();
    G.get_or_init(|| iki_normalize::Glossary::builtin().unwrap())
}

/// The normalized seed, read from its markdown.
fn seed() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let bytes = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
        let parsed = iki_parse::parse(&bytes).unwrap();
        iki_normalize::normalize_owned(parsed.document, glossary()).document
    })
}

fn texts(doc: &Document) -> Vec<Texts> {
    iki_model::rows(doc)
        .map(|r| {
            (
                r.position_title.to_string(),
                r.sasaran.to_string(),
                r.indikator.to_string(),
                r.formulasi.to_string(),
                r.sumber_data.to_string(),
            )
        })
        .collect()
}

/// An original read as `iki` reads it: parsed, no content lost, normalized.
fn read_original(bytes: &[u8], what: &str) -> Document {
    let parsed = iki_originals::parse(bytes, &iki_originals::Options::default())
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let lost: Vec<String> = iki_parse::lost_content(&parsed.diagnostics)
        .map(|d| format!("{}: {} (line {})", d.code, d.message, d.span.first))
        .collect();
    assert!(lost.is_empty(), "{what}: content lost: {lost:#?}");
    iki_normalize::normalize_owned(parsed.document, glossary()).document
}

/// Asserts that `doc` has exactly the seed's rows, in order, each with a
/// place in the original.
fn assert_seed_rows(doc: &Document, what: &str) {
    let want = texts(seed());
    assert_eq!(want.len(), 276, "the seed has 276 rows");
    let got = texts(doc);
    let first_difference = want.iter().zip(&got).position(|(w, g)| w != g);
    if let Some(i) = first_difference {
        panic!(
            "{what}: row {} differs\n  seed: {:?}\n  read: {:?}",
            i + 1,
            want[i],
            got[i]
        );
    }
    assert_eq!(got.len(), want.len(), "{what}: number of rows");
    let unplaced: Vec<usize> = iki_model::rows(doc)
        .enumerate()
        .filter(|(_, r)| r.source_place.is_none())
        .map(|(i, _)| i + 1)
        .collect();
    assert!(
        unplaced.is_empty(),
        "{what}: rows without a place: {unplaced:?}"
    );
}

#[test]
fn word_original_gives_the_seed_rows() {
    let bytes = iki_bench::originals::docx(seed()).unwrap();
    let doc = read_original(&bytes, "the seed as Word");
    assert_seed_rows(&doc, "the seed as Word");
    assert_eq!(doc.origin.as_ref().unwrap().format.as_str(), "docx");
    // Positions, duties and units come through too.
    let outline = |d: &Document| -> Vec<(String, String, String, usize, usize)> {
        d.groups
            .iter()
            .flat_map(|g| {
                g.positions.iter().map(move |p| {
                    (
                        g.kind.to_string(),
                        p.number.clone(),
                        p.title.clone(),
                        p.tugas.len(),
                        p.fungsi.len(),
                    )
                })
            })
            .collect()
    };
    assert_eq!(outline(&doc), outline(seed()));
    let rows: Vec<_> = iki_model::rows(&doc).collect();
    // The first row is in the first table's second row (after the header).
    assert_eq!(
        rows[0].source_place.as_deref(),
        Some("tabel 1, baris 2"),
        "{:?}",
        rows[0]
    );
}

#[test]
fn excel_original_gives_the_seed_rows() {
    let bytes = iki_bench::originals::xlsx(seed()).unwrap();
    let doc = read_original(&bytes, "the seed as Excel");
    assert_seed_rows(&doc, "the seed as Excel");
    let kinds = |d: &Document| -> Vec<(String, usize)> {
        d.groups
            .iter()
            .map(|g| (g.kind.to_string(), g.positions.len()))
            .collect()
    };
    assert_eq!(kinds(&doc), kinds(seed()));
    let first = iki_model::rows(&doc).next().unwrap();
    assert!(
        first
            .source_place
            .as_deref()
            .unwrap()
            .starts_with("'IKI'!A"),
        "{first:?}"
    );
}

#[test]
fn originals_are_deterministic() {
    assert_eq!(
        iki_bench::originals::docx(seed()).unwrap(),
        iki_bench::originals::docx(seed()).unwrap()
    );
    assert_eq!(
        iki_bench::originals::xlsx(seed()).unwrap(),
        iki_bench::originals::xlsx(seed()).unwrap()
    );
}

#[test]
fn the_command_reads_the_word_original() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bkpsdm-sumenep-2024.docx");
    std::fs::write(&path, iki_bench::originals::docx(seed()).unwrap()).unwrap();
    let out = assert_cmd::Command::cargo_bin("iki")
        .unwrap()
        .arg("rows")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 276);
    let first = &lines[0];
    assert_eq!(first["indikator"], "Indeks Penilaian Sistem Merit");
    assert_eq!(first["source_place"], "tabel 1, baris 2");
}

/// A text compared loosely: lower case, no whitespace.
fn loose(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How a PDF's rows compare with the seed's.
#[derive(Debug)]
struct Measure {
    read: usize,
    /// Rows equal to a seed row in all five texts (each seed row matched
    /// once).
    exact: usize,
    /// Rows not exact whose INDIKATOR (compared loosely) is some seed
    /// row's: a seed row read with a text wrong.
    near: Vec<Texts>,
    /// Rows not exact whose INDIKATOR is no seed row's: rows that are not
    /// in the seed (two rows read as one, a title read as a row, ...).
    invented: Vec<Texts>,
}

fn measure(doc: &Document) -> Measure {
    let want = texts(seed());
    let mut left: HashMap<&Texts, usize> = HashMap::new();
    for t in &want {
        *left.entry(t).or_default() += 1;
    }
    let indicators: std::collections::HashSet<String> = want.iter().map(|t| loose(&t.2)).collect();
    let got = texts(doc);
    let mut exact = 0;
    let mut near = Vec::new();
    let mut invented = Vec::new();
    for t in &got {
        match left.get_mut(t) {
            Some(n) if *n > 0 => {
                *n -= 1;
                exact += 1;
            }
            _ if indicators.contains(&loose(&t.2)) => near.push(t.clone()),
            _ => invented.push(t.clone()),
        }
    }
    Measure {
        read: got.len(),
        exact,
        near,
        invented,
    }
}

/// The PDF of the seed printed by `tool` must give ≥ 98% of the seed's
/// rows exactly and no invented row.
fn check_pdf(tool: &str) {
    if !common::pdftotext_available() {
        return;
    }
    let path = common::root().join(format!(
        "fixtures/originals/seed/bkpsdm-sumenep-2024-{tool}.pdf"
    ));
    let bytes = std::fs::read(&path).unwrap();
    let parsed = iki_originals::parse(&bytes, &iki_originals::Options::default()).unwrap();
    let lost: Vec<String> = iki_parse::lost_content(&parsed.diagnostics)
        .map(|d| format!("{}: {}", d.code, d.message))
        .collect();
    let doc = iki_normalize::normalize_owned(parsed.document, glossary()).document;
    let m = measure(&doc);
    let total = texts(seed()).len();
    let percent = 100.0 * m.exact as f64 / total as f64;
    eprintln!(
        "{tool}: {} of {total} seed rows exact ({percent:.1}%), {} rows read, {} read with a text wrong, {} invented, {} content-loss errors",
        m.exact,
        m.read,
        m.near.len(),
        m.invented.len(),
        lost.len()
    );
    for t in &m.near {
        eprintln!("  wrong text: {t:?}");
    }
    for t in &m.invented {
        eprintln!("  invented:   {t:?}");
    }
    assert!(
        m.exact * 100 >= total * 98,
        "{tool}: {} of {total} rows exact ({percent:.1}%), below 98%",
        m.exact
    );
    assert!(
        m.invented.is_empty(),
        "{tool}: invented rows: {:#?}",
        m.invented
    );
}

#[test]
fn libreoffice_pdf_gives_the_seed_rows() {
    check_pdf("libreoffice");
}

#[test]
fn chromium_pdf_gives_the_seed_rows() {
    check_pdf("chromium");
}
