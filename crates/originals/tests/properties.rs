//! Properties of the readers on generated input: reading never panics,
//! every line of the source text has a place, and the same bytes always
//! give the same text, places and document.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use iki_originals::{parse, text_of, Options};
use proptest::prelude::*;

/// Layout text as pdftotext writes it: a header naming the columns, rows
/// whose cells wrap over lines at random widths, page breaks, page
/// numbers, titles and labels between tables.
fn layout_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "Jumlah",
        "laporan",
        "Persentase",
        "kinerja",
        "data",
        "x",
        "100%",
        "/",
        "Meningkatnya",
        "pelayanan",
        "Dinas",
        "SAKIP",
        "dokumen",
        "PENGHITUNG-",
        "AN",
        "1.",
        "2.",
        "-",
        "(1)",
    ]);
    let cell = prop::collection::vec(word, 0..6).prop_map(|w| w.join(" "));
    let row = prop::collection::vec(cell, 4..=5);
    let block = (
        prop::collection::vec(row, 0..6),
        any::<bool>(),
        0u8..4,
        prop::collection::vec(0usize..3, 5),
    );
    prop::collection::vec(block, 1..4).prop_map(|blocks| {
        let mut text = String::from("INDIKATOR KINERJA INDIVIDU DINAS CONTOH TAHUN 2025\n\n");
        for (n, (rows, page_break, gap, pads)) in blocks.into_iter().enumerate() {
            text.push_str(&format!("{}. KEPALA BIDANG {}\n\nTugas : Memimpin bidang.\n\n", n + 1, n + 1));
            text.push_str(
                "  NO   SASARAN              INDIKATOR KINERJA    FORMULASI            SUMBER DATA\n",
            );
            for (k, row) in rows.iter().enumerate() {
                let mut line = format!("  {:<4}", k + 1);
                for (c, cell) in row.iter().enumerate() {
                    let width = 21 + pads.get(c).copied().unwrap_or(0);
                    line.push_str(&format!("{cell:<width$}"));
                }
                text.push_str(line.trim_end());
                text.push('\n');
                for _ in 0..gap {
                    text.push('\n');
                }
            }
            if page_break {
                text.push_str("\n                                   Halaman 1\n\x0c");
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn layout_text_reads_deterministically_with_a_place_per_line(text in layout_text()) {
        let options = Options::default();
        let first = text_of(text.as_bytes(), &options);
        let again = text_of(text.as_bytes(), &options);
        match (first, again) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(&a.text, &b.text);
                prop_assert_eq!(&a.origin, &b.origin);
                let origin = a.origin.as_ref();
                prop_assert!(origin.is_some(), "not read as layout text: {}", text);
                prop_assert_eq!(origin.map_or(0, |o| o.places.len()), a.text.lines().count());
                let x = parse(text.as_bytes(), &options).map(|p| p.document);
                let y = parse(text.as_bytes(), &options).map(|p| p.document);
                prop_assert_eq!(x.ok(), y.ok());
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            (a, b) => prop_assert!(false, "one read failed: {:?} / {:?}", a.err(), b.err()),
        }
    }

    /// Arbitrary bytes behind an Office or PDF magic number give an error
    /// or a document, never a panic.
    #[test]
    fn arbitrary_bytes_never_panic(
        magic in prop::sample::select(vec![&b"PK\x03\x04"[..], b"%PDF-1.4\n", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", b""]),
        body in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend(body);
        let options = Options {
            // No PDF reaches a real program here.
            pdftotext: "/nonexistent/pdftotext".into(),
            ..Options::default()
        };
        let _ = parse(&bytes, &options);
    }
}
