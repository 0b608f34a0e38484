//! Properties of the whole pipeline: format variants of the same content
//! give the same model, conversion is deterministic, and the parser never
//! panics and never loses a line, whatever text it is given.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use proptest::prelude::*;

fn parse_file(name: &str) -> iki_model::Document {
    let bytes = std::fs::read(common::root().join("fixtures/parse").join(name)).unwrap();
    iki_parse::parse(&bytes).unwrap().document
}

#[test]
fn crlf_with_bom_equals_plain() {
    let bytes = std::fs::read(common::root().join("fixtures/parse/variant-crlf-bom.md")).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "the fixture must keep its BOM"
    );
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "the fixture must keep CRLF"
    );
    assert_eq!(
        parse_file("variant-crlf-bom.md"),
        parse_file("variant-plain.md")
    );
}

#[test]
fn restyled_headings_equal_plain() {
    assert_eq!(
        parse_file("variant-restyled.md"),
        parse_file("variant-plain.md")
    );
}

#[test]
fn seed_variants_equal_the_seed() {
    // The seed itself re-encoded: CRLF + BOM, UTF-16, and Windows-1252 for a
    // document without characters outside that code page.
    let seed = std::fs::read(common::root().join("seeds/bkpsdm-sumenep-2024.md")).unwrap();
    let text = String::from_utf8(seed.clone()).unwrap();
    let base = iki_parse::parse(&seed).unwrap().document;

    let mut crlf = b"\xEF\xBB\xBF".to_vec();
    crlf.extend_from_slice(text.replace('\n', "\r\n").as_bytes());
    assert_eq!(iki_parse::parse(&crlf).unwrap().document, base);

    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    assert_eq!(iki_parse::parse(&utf16).unwrap().document, base);
}

#[test]
fn windows_1252_reads_like_utf8_with_a_warning() {
    let utf8 = "### 1. JABATAN KEPALA\n\n- Tugas : Memimpin caf\u{e9}.\n\nSASARAN\tINDIKATOR\tFORMULASI\tSUMBER DATA\nS\tJumlah X\tF\tD\n";
    let (cp1252, _, bad) = encoding_rs::WINDOWS_1252.encode(utf8);
    assert!(!bad);
    let a = iki_parse::parse(utf8.as_bytes()).unwrap();
    let b = iki_parse::parse(&cp1252).unwrap();
    assert_eq!(a.document, b.document);
    assert!(a
        .diagnostics
        .iter()
        .all(|d| d.code != "decoded-windows-1252"));
    let warn = b
        .diagnostics
        .iter()
        .find(|d| d.code == "decoded-windows-1252")
        .unwrap();
    assert_eq!(
        warn.span.first, 3,
        "names the first line with a non-UTF-8 byte"
    );
}

#[test]
fn conversion_is_deterministic() {
    for path in common::documents() {
        let bytes = std::fs::read(&path).unwrap();
        let one = iki_emit::to_json_string(
            &iki_parse::parse(&bytes).unwrap().document,
            iki_emit::Layout::Pretty,
        )
        .unwrap();
        let two = iki_emit::to_json_string(
            &iki_parse::parse(&bytes).unwrap().document,
            iki_emit::Layout::Pretty,
        )
        .unwrap();
        assert_eq!(one, two, "{}", path.display());
    }
}

#[test]
fn canonical_json_reads_back_to_the_same_model() {
    for path in common::documents() {
        let doc = iki_parse::parse(&std::fs::read(&path).unwrap())
            .unwrap()
            .document;
        let json = iki_emit::to_json_string(&doc, iki_emit::Layout::Pretty).unwrap();
        let back: iki_model::Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, doc, "{}", path.display());
    }
}

/// Lines in the style of real documents, to be shuffled into random texts.
fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("### 1. JABATAN KEPALA BADAN".to_string()),
        Just("**1.1 KEPALA SUB BAGIAN UMUM**".to_string()),
        Just("**1. SEKRETARIAT**".to_string()),
        Just("**INDIKATOR KINERJA INDIVIDU (IKI)**  ".to_string()),
        Just("**JABATAN PENGAWAS**".to_string()),
        Just("## Indikator Kinerja Individu BKD KOTA X TAHUN 2025".to_string()),
        Just("- Tugas : Memimpin badan.".to_string()),
        Just("- Fungsi** : a. satu;  ".to_string()),
        Just(" b. dua;".to_string()),
        Just("- Tugas :**".to_string()),
        Just("  - c. tiga".to_string()),
        Just("NO.\tSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA".to_string()),
        Just(
            "<b>SASARAN</b>\t<b>INDIKATOR KINERJA</b>\t<b>FORMULASI</b>\t<b>SUMBER DATA</b>"
                .to_string()
        ),
        Just("---\t---\t--\t---".to_string()),
        Just(
            "Sasaran\tJumlah X\t$\\frac{\\text{A}}{\\text{B}} \\times 100\\%$\tLaporan".to_string()
        ),
        Just("\tPersentase Y\tY\tLaporan".to_string()),
        Just("1.\tS\tJumlah Z\tZ\tLaporan".to_string()),
        Just("Prajabatan\t\t\t".to_string()),
        Just("\t\tPPPK\t".to_string()),
        Just("Presentase  Julah Julah ( x )..\tJumlah se- Kabupaten\tA\tDOKumentasi".to_string()),
        Just("- Fungsi : a. tugas yang di berikan..".to_string()),
        Just("<!-- comment -->".to_string()),
        "[ -~\u{a0}\u{25a1}\t*#<>$\\\\]{0,40}",
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(line(), 0..40).prop_map(|lines| lines.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text gives a document or an error, never a panic; a document
    /// accounts for every non-blank line and is the same on every run.
    #[test]
    fn total_and_accounted(text in document(), crlf in any::<bool>()) {
        let text = if crlf { text.replace('\n', "\r\n") } else { text };
        let bytes = text.as_bytes();
        match iki_parse::parse(bytes) {
            Ok(parsed) => {
                common::check_invariants(std::path::Path::new("<generated>"), bytes, &parsed.document);
                prop_assert_eq!(iki_parse::parse(bytes).unwrap(), parsed);
            }
            Err(e) => {
                let no_positions = matches!(e, iki_parse::ParseError::NoPositions { .. });
                prop_assert!(no_positions, "unexpected error: {}", e);
            }
        }
    }

    /// Normalizing is idempotent and keeps every line accounted for.
    #[test]
    fn normalizer_idempotent_and_accounted(text in document()) {
        if let Ok(parsed) = iki_parse::parse(text.as_bytes()) {
            let g = iki_normalize::Glossary::builtin().unwrap();
            let once = iki_normalize::normalize(&parsed.document, &g);
            common::check_invariants(std::path::Path::new("<generated, normalized>"), text.as_bytes(), &once.document);
            let twice = iki_normalize::normalize(&once.document, &g);
            prop_assert!(twice.changes.is_empty(), "second pass changed {:?}", twice.changes);
        }
    }

    /// Arbitrary bytes never panic.
    #[test]
    fn bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = iki_parse::parse(&bytes);
    }
}

/// Found by the property test: a removed duplicate row whose span holds an
/// unrelated skipped line must not list that line twice.
#[test]
fn regression_duplicate_row_spanning_a_skipped_line() {
    let text = "### 1. JABATAN KEPALA BADAN\nPrajabatan\t\t\t\n\tPersentase Y\tY\tLaporan\n\tPersentase Y\tY\tLaporan\n b. dua;\nPrajabatan\t\t\t";
    let parsed = iki_parse::parse(text.as_bytes()).unwrap();
    let g = iki_normalize::Glossary::builtin().unwrap();
    let n = iki_normalize::normalize(&parsed.document, &g);
    common::check_invariants(
        std::path::Path::new("regression"),
        text.as_bytes(),
        &n.document,
    );
}

/// Found by the property test: spacing fixes that overlap ("0 -a -0") must
/// all be made in one pass, or normalizing is not idempotent.
#[test]
fn regression_overlapping_punctuation_fixes() {
    let text = "### 1. JABATAN KEPALA BADAN\n- Tugas : Memimpin badan.\n0\u{25a1}-a\t-0";
    let parsed = iki_parse::parse(text.as_bytes()).unwrap();
    let g = iki_normalize::Glossary::builtin().unwrap();
    let once = iki_normalize::normalize(&parsed.document, &g);
    assert!(iki_normalize::normalize(&once.document, &g)
        .changes
        .is_empty());
}
