//! The normalizer's properties: precise on the seed (it changes exactly the
//! misspellings a person found by reading it), idempotent, and blind to
//! format (CRLF, BOM, restyled headings, no-break and trailing spaces,
//! Windows-1252 all give byte-identical canonical JSON).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use iki_model::{Document, Rule};
use iki_normalize::{normalize, Glossary};
use std::collections::BTreeMap;

fn glossary() -> Glossary {
    Glossary::builtin().unwrap()
}

fn seed_bytes() -> Vec<u8> {
    std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap()
}

fn canonical(bytes: &[u8]) -> String {
    let doc = iki_parse::parse(bytes).unwrap().document;
    let n = normalize(&doc, &glossary());
    iki_emit::to_json_string(&n.document, iki_emit::Layout::Pretty).unwrap()
}

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The words removed from `before` and added in `after`, by longest common
/// subsequence: ("Presentase", "Persentase"), ("di berikan", "diberikan").
fn word_diff(before: &str, after: &str) -> Option<(String, String)> {
    let (a, b) = (words(before), words(after));
    let mut lcs = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut removed, mut added) = (Vec::new(), Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            added.push(b[j]);
            j += 1;
        } else {
            removed.push(a[i]);
            i += 1;
        }
    }
    (!removed.is_empty() || !added.is_empty()).then(|| (removed.join(" "), added.join(" ")))
}

/// Every misspelling in the seed, found by reading it (two readers, lines
/// confirmed with grep): (as written, fixed, source lines). Doubled words
/// lose one copy. Nothing else may change a word.
const VERIFIED: &[(&str, &str, &[u32])] = &[
    ("Presentase", "Persentase", &[28, 85, 186, 187, 210, 217]),
    ("Telaksananya", "Terlaksananya", &[170, 179, 194, 202]),
    ("Julah", "Jumlah", &[186]),
    ("Bdan", "Badan", &[25, 26]),
    ("Laproan", "Laporan", &[720]),
    ("laproan", "laporan", &[943]),
    ("Terselsaikannya", "Terselesaikannya", &[557]),
    ("Jjazah", "Ijazah", &[702, 714]),
    ("Tegoran", "Teguran", &[556]),
    ("tegoran", "teguran", &[571]),
    ("Llaporan", "Laporan", &[733]),
    ("Manusi", "Manusia", &[297]),
    ("mutas", "mutasi", &[77]),
    ("Pesaratan", "Persyaratan", &[627]),
    ("penjurangan", "penjenjangan", &[108, 115]),
    ("lKaris", "Karis", &[634]),
    ("di berikan", "diberikan", &[82, 100, 118]),
    ("dilingkungan", "di lingkungan", &[772]),
    ("Pertanggung Jawaban", "Pertanggungjawaban", &[417]),
    ("DOKumentasi", "Dokumentasi", &[345]),
    ("STRuktural", "Struktural", &[367]),
    ("Kepegawaian", "", &[280]),
    ("pelantikan", "", &[657]),
];

#[test]
fn seed_changes_exactly_the_verified_misspellings() {
    let doc = iki_parse::parse(&seed_bytes()).unwrap().document;
    let n = normalize(&doc, &glossary());
    let mut seen: BTreeMap<(String, String), Vec<u32>> = BTreeMap::new();
    for c in n.changes.iter().filter(|c| c.rule != Rule::DuplicateRow) {
        if let Some(pair) = word_diff(&c.before, &c.after) {
            seen.entry(pair).or_default().push(c.line);
        }
    }
    for (pair, lines) in &seen {
        let verified = VERIFIED
            .iter()
            .find(|(w, r, _)| (w.to_string(), r.to_string()) == *pair)
            .unwrap_or_else(|| {
                panic!(
                    "changed {pair:?} on lines {lines:?}, which no reader marked as a misspelling"
                )
            });
        for l in lines {
            assert!(
                verified.2.contains(l),
                "{pair:?} changed on line {l}, not a verified place"
            );
        }
    }
    for (w, r, lines) in VERIFIED {
        let got = seen.get(&(w.to_string(), r.to_string()));
        let got: Vec<u32> = got.cloned().unwrap_or_default();
        for l in *lines {
            assert!(got.contains(l), "{w:?} -> {r:?} on line {l} was not fixed");
        }
    }
}

#[test]
fn seed_duplicate_rows_are_removed_and_accounted() {
    let bytes = seed_bytes();
    let doc = iki_parse::parse(&bytes).unwrap().document;
    let n = normalize(&doc, &glossary());
    let removed: Vec<u32> = n
        .changes
        .iter()
        .filter(|c| c.rule == Rule::DuplicateRow)
        .map(|c| c.line)
        .collect();
    // Read in the source: 573 repeats 566, 574 repeats 567 once "se- " is
    // fixed, 690 repeats 689.
    assert_eq!(removed, vec![573, 574, 690]);
    common::check_invariants(
        std::path::Path::new("seed, normalized"),
        &bytes,
        &n.document,
    );
    let counts = n.document.normalized.as_ref().unwrap();
    assert_eq!(counts[&Rule::DuplicateRow], 3);
    assert_eq!(counts.values().sum::<u32>() as usize, n.changes.len());
}

#[test]
fn seed_numbering_anomaly_is_reported_not_changed() {
    let doc = iki_parse::parse(&seed_bytes()).unwrap().document;
    let n = normalize(&doc, &glossary());
    let numbering: Vec<_> = n
        .diagnostics
        .iter()
        .filter(|d| d.code.ends_with("-number") || d.code == "number-out-of-order")
        .collect();
    assert_eq!(numbering.len(), 1, "{numbering:?}");
    assert_eq!(numbering[0].code, "duplicate-number");
    assert_eq!(numbering[0].span.first, 857);
    let fu = &n.document.groups[4].positions;
    assert_eq!(fu.iter().filter(|p| p.number == "31").count(), 2);
}

fn idempotent(doc: &Document, name: &str) {
    let once = normalize(doc, &glossary());
    let twice = normalize(&once.document, &glossary());
    assert!(
        twice.changes.is_empty(),
        "{name}: second pass changed {:#?}",
        twice.changes
    );
    let mut a = once.document.clone();
    let mut b = twice.document.clone();
    a.normalized = None;
    b.normalized = None;
    assert_eq!(a, b, "{name}");
}

#[test]
fn normalizing_twice_changes_nothing() {
    for path in common::documents() {
        let doc = iki_parse::parse(&std::fs::read(&path).unwrap())
            .unwrap()
            .document;
        idempotent(&doc, &path.display().to_string());
    }
}

#[test]
fn format_variants_give_byte_identical_canonical_json() {
    let seed = seed_bytes();
    let text = String::from_utf8(seed.clone()).unwrap();
    let base = canonical(&seed);

    let mut crlf_bom = b"\xEF\xBB\xBF".to_vec();
    crlf_bom.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(canonical(&crlf_bom), base, "CRLF + BOM");

    // No-break spaces for some spaces, trailing spaces on every line.
    let spaced: String = text
        .lines()
        .map(|l| {
            format!(
                "{}  \n",
                l.replacen(" Kinerja", "\u{a0}Kinerja", 1)
                    .replace("Laporan ", "Laporan\u{a0}")
            )
        })
        .collect();
    assert_ne!(spaced.as_bytes(), seed.as_slice());
    assert_eq!(
        canonical(spaced.as_bytes()),
        base,
        "no-break and trailing spaces"
    );

    let fixture =
        |name: &str| std::fs::read(common::root().join("fixtures/parse").join(name)).unwrap();
    let plain = canonical(&fixture("variant-plain.md"));
    assert_eq!(
        canonical(&fixture("variant-restyled.md")),
        plain,
        "restyled headings"
    );
    assert_eq!(
        canonical(&fixture("variant-crlf-bom.md")),
        plain,
        "CRLF + BOM fixture"
    );

    // Saved as Windows-1252: the fixture with letters outside ASCII.
    let accented = String::from_utf8(fixture("variant-plain.md"))
        .unwrap()
        .replace(
            "Membantu Wali Kota",
            "Membantu Wali Kota (caf\u{e9}, \u{bd})",
        );
    let (cp1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&accented);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&cp1252).is_err(),
        "the file must not be valid UTF-8"
    );
    assert_eq!(
        canonical(&cp1252),
        canonical(accented.as_bytes()),
        "Windows-1252"
    );
}

#[test]
fn user_glossary_entries_win_and_extend() {
    let mut g = glossary();
    g.extend_from_tsv(
        "tegoran\tteguran resmi\tmine\nobyek\tobjek\tKBBI\n",
        "user.tsv",
    )
    .unwrap();
    let doc = iki_parse::parse(&seed_bytes()).unwrap().document;
    let n = normalize(&doc, &g);
    let text = iki_emit::to_json_string(&n.document, iki_emit::Layout::Compact).unwrap();
    assert!(text.contains("Surat Teguran resmi"));
    assert!(!text.contains("obyek"));
    assert!(text.contains("objek"));
}
