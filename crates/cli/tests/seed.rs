//! Seed test: the parser's reading of `seeds/bkpsdm-sumenep-2024.md`.
//!
//! Every expected value here was read from the source by hand, not taken
//! from the parser's output. Comments give the source line(s) each value was
//! copied from. The file has 943 lines; the last one has no trailing newline.
//!
//! Reading rules applied to the expected strings: cells are split on TAB,
//! HTML tags and the debris character U+25A1 are removed, whitespace is
//! collapsed and trimmed, spelling and LaTeX are kept as written. An empty
//! SASARAN cell takes the SASARAN of the row above. A table line whose last
//! cell (SUMBER DATA) is empty continues the row above (a page break) unless
//! its INDIKATOR cell opens a new indicator ("Jumlah ...", as line 236 does):
//! its non-empty cells are appended with a single space.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use iki_model::GroupKind::{
    self, Administrator, FungsionalTertentu, FungsionalUmum, Pengawas, PimpinanTinggi,
};
use iki_model::{Document, Item, Position};
use std::sync::OnceLock;

fn doc() -> &'static Document {
    static DOC: OnceLock<Document> = OnceLock::new();
    DOC.get_or_init(|| {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/seeds/bkpsdm-sumenep-2024.md"
        ))
        .expect("read the seed");
        iki_parse::parse(&bytes).expect("parse the seed").document
    })
}

/// A position by group kind, number and title: (kind, number, title).
type At = (GroupKind, &'static str, &'static str);

/// The one position at `at`, or a description of why there is not one.
fn find_pos(at: At) -> Result<&'static Position, String> {
    let (kind, number, title) = at;
    let found: Vec<&Position> = doc()
        .groups
        .iter()
        .filter(|g| g.kind == kind)
        .flat_map(|g| g.positions.iter())
        .filter(|p| p.number == number && p.title == title)
        .collect();
    match found.as_slice() {
        [p] => Ok(p),
        _ => Err(format!(
            "{kind} {number} {title:?}: expected one position, found {}",
            found.len()
        )),
    }
}

fn pos(at: At) -> &'static Position {
    find_pos(at).unwrap_or_else(|e| panic!("{e}"))
}

/// One expected indicator row.
struct Case {
    /// The position the row belongs to.
    at: At,
    /// 0-based index of the row within the position's indicators.
    index: usize,
    number: Option<&'static str>,
    sasaran: &'static str,
    indikator: &'static str,
    formulasi: &'static str,
    sumber_data: &'static str,
    filled: bool,
    /// (first, last) source lines.
    span: (u32, u32),
}

/// Checks every case and reports all mismatches at once.
fn check_cases(cases: &[Case]) {
    let mut failures = Vec::new();
    for c in cases {
        let (kind, number, title) = c.at;
        let p = match find_pos(c.at) {
            Ok(p) => p,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let here = format!(
            "{kind} {number} {title} row {} (line {})",
            c.index, c.span.0
        );
        let Some(ind) = p.indicators.get(c.index) else {
            failures.push(format!(
                "{here}: position has only {} rows",
                p.indicators.len()
            ));
            continue;
        };
        let mut field = |name: &str, got: &dyn std::fmt::Debug, want: &dyn std::fmt::Debug| {
            let (got, want) = (format!("{got:?}"), format!("{want:?}"));
            if got != want {
                failures.push(format!(
                    "{here}: {name}\n   expected {want}\n        got {got}"
                ));
            }
        };
        field("number", &ind.number.as_deref(), &c.number);
        field("sasaran", &ind.sasaran, &c.sasaran);
        field("indikator", &ind.indikator, &c.indikator);
        field("formulasi", &ind.formulasi, &c.formulasi);
        field("sumber_data", &ind.sumber_data, &c.sumber_data);
        field("sasaran_filled", &ind.sasaran_filled, &c.filled);
        field("span", &(ind.span.first, ind.span.last), &c.span);
    }
    assert!(
        failures.is_empty(),
        "{} mismatch(es):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Checks an item list: its length and some items by index, (index, text, line).
fn check_items(what: &str, items: &[Item], count: usize, some: &[(usize, &str, u32)]) {
    assert_eq!(items.len(), count, "{what}: item count");
    for &(i, text, line) in some {
        assert_eq!(items[i].text, text, "{what}: item {i} text");
        assert_eq!(
            (items[i].span.first, items[i].span.last),
            (line, line),
            "{what}: item {i} span"
        );
    }
}

// ---------------------------------------------------------------------------
// Positions used by several tests.

// line 11
const KEPALA_BADAN: At = (
    PimpinanTinggi,
    "1",
    "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN SUMENEP",
);
// line 35
const SEKRETARIS: At = (Administrator, "1", "SEKRETARIS");
// line 55
const KABID_PKAP: At = (
    Administrator,
    "2",
    "KEPALA BIDANG PENILAIAN KINERJA APARATUR DAN PENGHARGAAN",
);
// line 106
const KABID_PKA: At = (
    Administrator,
    "5",
    "KEPALA BIDANG PENGEMBANGAN KOMPETENSI APARATUR",
);
// line 132
const KASUBAG_PROGRAM: At = (Pengawas, "1.1", "KEPALA SUB BAGIAN PROGRAM DAN PERENCANAAN");
// line 146
const KASUBAG_KEUANGAN: At = (Pengawas, "1.2", "KEPALA SUB BAGIAN KEUANGAN");
// line 165
const FT_MUDA_1: At = (
    FungsionalTertentu,
    "1",
    "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 1",
);
// line 181
const FT_MUDA_3: At = (
    FungsionalTertentu,
    "3",
    "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 3",
);
// line 229
const FT_MUDA_9: At = (
    FungsionalTertentu,
    "9",
    "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 9",
);
// line 249
const FT_MUDA_11: At = (
    FungsionalTertentu,
    "11",
    "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 11",
);
// line 282
const FT_PERTAMA_1: At = (
    FungsionalTertentu,
    "13",
    "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 1",
);
// line 391
const FT_PRAKOM_4: At = (FungsionalTertentu, "22", "PRANATA KOMPUTER AHLI PERTAMA 4");
// line 409
const FU_ANALIS_PEP: At = (
    FungsionalUmum,
    "1",
    "ANALIS PERENCANAAN, EVALUASI DAN PELAPORAN",
);
// line 440
const FU_PENGADM_KEP: At = (FungsionalUmum, "3", "PENGADMINISTRASI KEPEGAWAIAN");
// line 460
const FU_RENCANA_ANGGARAN: At = (FungsionalUmum, "5", "PENYUSUN RENCANA ANGGARAN");
// line 495
const FU_BENDAHARA_2: At = (FungsionalUmum, "7", "BENDAHARA 2");
// line 510: "PENYUSUN LAPORAN KEUANGAN-", trailing "-" dropped
const FU_LAPORAN_KEUANGAN: At = (FungsionalUmum, "8", "PENYUSUN LAPORAN KEUANGAN");
// line 645: Roman "I", as written
const FU_MUTASI_I: At = (FungsionalUmum, "17", "PENYUSUN RENCANA MUTASI I");
// line 661
const FU_MUTASI_2: At = (FungsionalUmum, "18", "PENYUSUN RENCANA MUTASI 2");
// line 677
const FU_PENGADM_MP_1: At = (
    FungsionalUmum,
    "19",
    "PENGADMINISTRASI KEPEGAWAIAN BIDANG MUTASI DAN PROMOSI 1",
);
// line 735
const FU_PENGELOLA_23: At = (FungsionalUmum, "23", "PENGELOLA KEPEGAWAIAN");
// line 747
const FU_PELATIHAN_1: At = (FungsionalUmum, "24", "PENGADMINISTRASI PELATIHAN 1");
// line 845
const FU_31_A: At = (FungsionalUmum, "31", "PENGADMINISTRASI KEPEGAWAIAN 2");
// line 857: the document numbers this one 31 as well
const FU_31_B: At = (FungsionalUmum, "31", "PENGADMINISTRASI KEPEGAWAIAN 3");
// line 933
const FU_ANALIS_SDM: At = (FungsionalUmum, "37", "ANALIS SDM APARATUR");

// ---------------------------------------------------------------------------
// Every position in document order. The trailing comment on each entry lists
// the source lines of its indicator rows ((+n): continuation line merged in).

/// (number, title, indicator rows, heading line)
type Entry = (&'static str, &'static str, usize, u32);

#[rustfmt::skip]
const PIMPINAN_TINGGI: &[Entry] = &[
    ("1", "KEPALA BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN SUMENEP", 4, 11), // 24, 25, 26, 28
];

#[rustfmt::skip]
const ADMINISTRATOR: &[Entry] = &[
    ("1", "SEKRETARIS", 7, 35),                                               // 46-49, 51-53
    ("2", "KEPALA BIDANG PENILAIAN KINERJA APARATUR DAN PENGHARGAAN", 1, 55), // 69
    ("3", "KEPALA BIDANG MUTASI DAN PROMOSI", 1, 71),                         // 85
    ("4", "KEPALA BIDANG PENGADAAN, PEMBERHENTIAN DAN INFORMASI", 2, 87),     // 103-104
    ("5", "KEPALA BIDANG PENGEMBANGAN KOMPETENSI APARATUR", 2, 106),          // 121-122
];

#[rustfmt::skip]
const PENGAWAS: &[Entry] = &[
    ("1.1", "KEPALA SUB BAGIAN PROGRAM DAN PERENCANAAN", 3, 132), // 142-144
    ("1.2", "KEPALA SUB BAGIAN KEUANGAN", 2, 146),                // 158-159
];

#[rustfmt::skip]
const FUNGSIONAL_TERTENTU: &[Entry] = &[
    ("1", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 1", 3, 165),     // 170-172
    ("2", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 2", 1, 174),     // 179
    ("3", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 3", 2, 181),     // 186-187
    ("4", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 4", 2, 189),     // 194-195
    ("5", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 5", 2, 197),     // 202-203
    ("6", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 6", 1, 205),     // 210
    ("7", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 7", 1, 212),     // 217
    ("8", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 8", 2, 219),     // 224, 226
    ("9", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 9", 3, 229),     // 234, 235, 236+238
    ("10", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 10", 2, 241),   // 246-247
    ("11", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI MUDA 11", 15, 249),  // 254-255, 259-268, 270-272
    ("12", "PRANATA KOMPUTER AHLI MUDA", 2, 274),                         // 279-280
    ("13", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 1", 3, 282), // 287-289
    ("14", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 2", 5, 291), // 296-297, 299-301
    ("15", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 3", 6, 303), // 308-310, 312-314
    ("16", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 4", 5, 316), // 321-324, 326
    ("17", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 5", 4, 329), // 334-337
    ("18", "ANALIS SUMBER DAYA MANUSIA APARATUR AHLI PERTAMA 6", 4, 339), // 344-347
    ("19", "PRANATA KOMPUTER AHLI PERTAMA 1", 4, 349),                    // 354-355, 357-358
    ("20", "PRANATA KOMPUTER AHLI PERTAMA 2", 10, 360),                   // 365-369, 373-377
    ("21", "PRANATA KOMPUTER AHLI PERTAMA 3", 5, 379),                    // 384-385, 387-389
    ("22", "PRANATA KOMPUTER AHLI PERTAMA 4", 6, 391),                    // 396-400, 402
];

#[rustfmt::skip]
const FUNGSIONAL_UMUM: &[Entry] = &[
    ("1", "ANALIS PERENCANAAN, EVALUASI DAN PELAPORAN", 7, 409),                // 417-423
    ("2", "ANALIS TATA USAHA", 6, 425),                                         // 433-438
    ("3", "PENGADMINISTRASI KEPEGAWAIAN", 2, 440),                              // 447-448
    ("4", "PENGADMINISTRASI UMUM", 2, 450),                                     // 457-458
    ("5", "PENYUSUN RENCANA ANGGARAN", 6, 460),                                 // 471-476
    ("6", "BENDAHARA 1", 8, 478),                                               // 486-493
    ("7", "BENDAHARA 2", 4, 495),                                               // 505-508
    ("8", "PENYUSUN LAPORAN KEUANGAN", 6, 510),                                 // 518-522, 526
    ("9", "PENGADMINISTRASI KEUANGAN", 6, 528),                                 // 536-540, 542
    ("10", "ANALIS KINERJA", 5, 545),                                           // 553-557
    ("11", "PENGADMINISTRASI KEPEGAWAIAN BIDANG PKAP 1", 8, 559),               // 566-567, 569-574
    ("12", "PENGADMINISTRASI KEPEGAWAIAN BIDANG PKAP 2", 5, 576),               // 583-587
    ("13", "PENGADMINISTRASI KEPEGAWAIAN BIDANG PKAP 3", 5, 589),               // 596-600
    ("14", "PENGADMINISTRASI KEPEGAWAIAN BIDANG PKAP 4", 5, 602),               // 612-616
    ("15", "PENGOLAH DISIPLIN PEGAWAI", 4, 618),                                // 626-629
    ("16", "PENGELOLA KEPEGAWAIAN", 5, 631),                                    // 639-643
    ("17", "PENYUSUN RENCANA MUTASI I", 6, 645),                                // 653, 655-659
    ("18", "PENYUSUN RENCANA MUTASI 2", 5, 661),                                // 669-672(+674), 675
    ("19", "PENGADMINISTRASI KEPEGAWAIAN BIDANG MUTASI DAN PROMOSI 1", 7, 677), // 685-691(+695)
    ("20", "PENGADMINISTRASI KEPEGAWAIAN BIDANG MUTASI DAN PROMOSI 2", 2, 698), // 707-708
    ("21", "PENGADMINISTRASI KEPEGAWAIAN BIDANG MUTASI DAN PROMOSI 3", 3, 710), // 718, 720-721
    ("22", "PENYUSUN RENCANA PROMOSI", 3, 723),                                 // 731-733
    ("23", "PENGELOLA KEPEGAWAIAN", 2, 735),                                    // 742(+744), 745
    ("24", "PENGADMINISTRASI PELATIHAN 1", 4, 747),                             // 755-758(+760)
    ("25", "PENGADMINISTRASI PELATIHAN 2", 2, 763),                             // 771-772
    ("26", "PENYUSUN PROGRAM PENYELENGGARAAN DIKLAT 1", 5, 774),                // 785-789
    ("27", "PENYUSUN PROGRAM PENYELENGGARAAN DIKLAT 2", 5, 791),                // 799-803
    ("28", "ANALIS PENGEMBANGAN SDM APARATUR", 5, 805),                         // 813-817
    ("29", "ANALIS PERENCANAAN SDM APARATUR", 3, 819),                          // 828-830
    ("30", "PENGADMINISTRASI KEPEGAWAIAN 1", 3, 832),                           // 841-843
    ("31", "PENGADMINISTRASI KEPEGAWAIAN 2", 3, 845),                           // 853-855
    ("31", "PENGADMINISTRASI KEPEGAWAIAN 3", 5, 857),                           // 864-868
    ("32", "PENGADMINISTRASI KEPEGAWAIAN 4", 5, 870),                           // 879-883
    ("33", "PENGELOLA SISTEM INFORMASI KEPEGAWAIAN 1", 3, 885),                 // 892-894
    ("34", "PENGELOLA SISTEM INFORMASI KEPEGAWAIAN 2", 3, 896),                 // 903-905
    ("35", "PERANCANG SISTEM INFORMASI KEPEGAWAIAN", 5, 907),                   // 915-919
    ("36", "PENGADMINISTRASI PELATIHAN BIDANG PPI", 3, 921),                    // 929-931
    ("37", "ANALIS SDM APARATUR", 3, 933),                                      // 941-943
];

const ALL_GROUPS: [(GroupKind, &[Entry]); 5] = [
    (PimpinanTinggi, PIMPINAN_TINGGI),
    (Administrator, ADMINISTRATOR),
    (Pengawas, PENGAWAS),
    (FungsionalTertentu, FUNGSIONAL_TERTENTU),
    (FungsionalUmum, FUNGSIONAL_UMUM),
];

// ---------------------------------------------------------------------------
// Document and groups.

#[test]
fn year() {
    // line 7: "... TAHUN 2024"
    assert_eq!(doc().year, Some(2024));
}

#[test]
fn document_title_and_agency() {
    // line 7
    assert_eq!(
        doc().title.as_deref(),
        Some("Indikator Kinerja Individu BKPSDM KAB. SUMENEP TAHUN 2024")
    );
    assert_eq!(doc().agency.as_deref(), Some("BKPSDM"));
}

#[test]
fn group_kinds_in_order() {
    let kinds: Vec<GroupKind> = doc().groups.iter().map(|g| g.kind).collect();
    assert_eq!(
        kinds,
        [
            PimpinanTinggi,     // first position, line 11, before any banner
            Administrator,      // banner lines 31-33
            Pengawas,           // banner lines 126-128
            FungsionalTertentu, // banner lines 161-163
            FungsionalUmum,     // banner lines 405-407
        ]
    );
}

#[test]
fn group_titles() {
    let titles: Vec<Option<&str>> = doc().groups.iter().map(|g| g.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            None,
            Some("PEJABAT ADMINISTRATOR"),       // line 32
            Some("JABATAN PENGAWAS"),            // line 127
            Some("JABATAN FUNGSIONAL TERTENTU"), // line 162
            Some("JABATAN FUNGSIONAL UMUM"),     // line 406
        ]
    );
}

#[test]
fn positions_per_group() {
    let counts: Vec<usize> = doc().groups.iter().map(|g| g.positions.len()).collect();
    assert_eq!(counts, [1, 5, 2, 22, 38]);
}

#[test]
fn rows_per_group() {
    let counts: Vec<usize> = doc()
        .groups
        .iter()
        .map(|g| g.positions.iter().map(|p| p.indicators.len()).sum())
        .collect();
    assert_eq!(counts, [4, 13, 5, 88, 169]);
}

#[test]
fn position_numbers_and_titles() {
    for (group, (kind, want)) in doc().groups.iter().zip(ALL_GROUPS) {
        assert_eq!(group.kind, kind);
        let got: Vec<(&str, &str)> = group
            .positions
            .iter()
            .map(|p| (p.number.as_str(), p.title.as_str()))
            .collect();
        let want: Vec<(&str, &str)> = want.iter().map(|&(n, t, _, _)| (n, t)).collect();
        assert_eq!(got, want, "{kind}: position numbers and titles");
    }
}

#[test]
fn rows_per_position() {
    for (group, (kind, want)) in doc().groups.iter().zip(ALL_GROUPS) {
        let got: Vec<(&str, &str, usize)> = group
            .positions
            .iter()
            .map(|p| (p.number.as_str(), p.title.as_str(), p.indicators.len()))
            .collect();
        let want: Vec<(&str, &str, usize)> = want.iter().map(|&(n, t, r, _)| (n, t, r)).collect();
        assert_eq!(got, want, "{kind}: indicator rows per position");
    }
}

#[test]
fn position_headings() {
    for (group, (kind, want)) in doc().groups.iter().zip(ALL_GROUPS) {
        let got: Vec<(&str, u32, u32)> = group
            .positions
            .iter()
            .map(|p| (p.number.as_str(), p.heading.first, p.heading.last))
            .collect();
        let want: Vec<(&str, u32, u32)> = want.iter().map(|&(n, _, _, l)| (n, l, l)).collect();
        assert_eq!(got, want, "{kind}: heading lines");
    }
}

#[test]
fn units() {
    // "**1. SEKRETARIAT**" (line 130) is a unit; only the two pengawas
    // positions are listed under it.
    let pengawas = &doc().groups[2];
    assert_eq!(pengawas.kind, Pengawas);
    let units: Vec<(&str, &str, u32, u32)> = pengawas
        .units
        .iter()
        .map(|u| {
            (
                u.number.as_str(),
                u.title.as_str(),
                u.span.first,
                u.span.last,
            )
        })
        .collect();
    assert_eq!(units, [("1", "SEKRETARIAT", 130, 130)]);
    assert_eq!(pos(KASUBAG_PROGRAM).unit.as_deref(), Some("SEKRETARIAT"));
    assert_eq!(pos(KASUBAG_KEUANGAN).unit.as_deref(), Some("SEKRETARIAT"));
    for g in &doc().groups {
        if g.kind != Pengawas {
            assert!(g.units.is_empty(), "{}: no units", g.kind);
            for p in &g.positions {
                assert_eq!(p.unit, None, "{} {} {}: no unit", g.kind, p.number, p.title);
            }
        }
    }
}

#[test]
fn both_positions_numbered_31() {
    let a = pos(FU_31_A);
    let b = pos(FU_31_B);
    assert_eq!((a.heading.first, a.heading.last), (845, 845));
    assert_eq!((b.heading.first, b.heading.last), (857, 857));
    assert_ne!(a.id, b.id);
    assert_eq!(a.indicators.len(), 3); // 853-855
    assert_eq!(b.indicators.len(), 5); // 864-868
}

// ---------------------------------------------------------------------------
// Tugas and Fungsi.

#[test]
fn duties_kepala_badan() {
    // "- Tugas : ..." one sentence on the label line; "- Fungsi : a. ..."
    // with b.-h. on unbulleted lines.
    let p = pos(KEPALA_BADAN);
    check_items(
        "tugas",
        &p.tugas,
        1,
        &[(
            0,
            // line 13
            "Membantu Bupati melaksanakan urusan pemerintahan yang menjadi kewenangan pemerintah kabupaten pada unsur penunjang urusan pemerintahan di bidang kepegawaian dan pengembangan sumber daya manusia serta tugas pembantuan.",
            13,
        )],
    );
    check_items(
        "fungsi",
        &p.fungsi,
        8,
        &[
            (
                0,
                // line 14
                "penyusunan dan pengoordinasian program kerja pelaksanaan tugas kepegawaian dan pengembangan sumber daya manusia;",
                14,
            ),
            // line 21
            (7, "pelaksanaan tugas lain yang diberikan oleh Bupati.", 21),
        ],
    );
}

#[test]
fn duties_kabid_penilaian_kinerja() {
    // "**Tugas** : ..." one sentence; "**Fungsi** :" label then "- a." items.
    let p = pos(KABID_PKAP);
    check_items(
        "tugas",
        &p.tugas,
        1,
        &[(
            0,
            // line 57
            "Perumusan kebijakan dan pelaksanaan penilaian kinerja, pembinaan dan penghargaan aparatur.",
            57,
        )],
    );
    check_items(
        "fungsi",
        &p.fungsi,
        6,
        &[
            // line 61
            (0, "perumusan kebijakan penilaian kinerja, pembinaan dan penghargaan;", 61),
            (
                5,
                // line 66, double full stop as written
                "pelaksanaan tugas lain yang diberikan oleh Kepala Badan sesuai dengan tugas pokok dan fungsinya..",
                66,
            ),
        ],
    );
}

#[test]
fn duties_kasubag_program() {
    // "- Tugas** :" label then lettered items a.-e.; no Fungsi.
    let p = pos(KASUBAG_PROGRAM);
    check_items(
        "tugas",
        &p.tugas,
        5,
        &[
            // line 135
            (0, "menyiapkan bahan penyusunan rencana, program, kegiatan dan anggaran;", 135),
            (
                4,
                // line 139
                "melaksanakan tugas lain yang diberikan oleh Sekretaris sesuai dengan tugas pokok dan fungsinya.",
                139,
            ),
        ],
    );
    assert!(p.fungsi.is_empty());
}

#[test]
fn duties_fungsional_tertentu() {
    // "**TUGAS** : ..." one sentence; no Fungsi.
    let p = pos(FT_MUDA_1);
    check_items(
        "tugas",
        &p.tugas,
        1,
        &[(
            0,
            // line 167
            "Melakukan pengelolaan sistem SDM Aparatur melalui kegiatan perumusan, analisis, evaluasi, pengembangan, asistensi, konsultasi dan penyusunan saran kebijakan dalam konteks kebutuhan serta kepentingan terbaik organisasi sesuai dengan peraturan perundang-undangan dan praktik SDM profesional mutakhir.",
            167,
        )],
    );
    assert!(p.fungsi.is_empty());
}

#[test]
fn duties_unlettered_items() {
    // "- Tugas :**" label then two items without letters.
    let p = pos(FU_PENGADM_KEP);
    check_items(
        "tugas",
        &p.tugas,
        2,
        &[
            // line 443
            (
                0,
                "Melakukan kegiatan pencatatan dan pendokumentasian di bidang kepegawaian.",
                443,
            ),
            // line 444
            (
                1,
                "Melaksanakan tugas lain yang diberikan oleh Pimpinan.",
                444,
            ),
        ],
    );
    assert!(p.fungsi.is_empty());
}

#[test]
fn duties_list_broken_by_blank_line() {
    // Items a.-c. (463-465), a blank line, then d.-e. (467-468): one list.
    let p = pos(FU_RENCANA_ANGGARAN);
    check_items(
        "tugas",
        &p.tugas,
        5,
        &[
            (
                0,
                // line 463
                "Menyusun Dokumen Rencana Kerja Anggaran (RKA) dan Dokumen Pelaksanaan Anggaran (DPA) Perangkat Daerah;",
                463,
            ),
            // line 467
            (3, "Menyusun Dokumen Pertanggungjawaban Keuangan;", 467),
            // line 468
            (4, "Melaksanakan tugas lain yang diberikan oleh Pimpinan.", 468),
        ],
    );
    assert!(p.fungsi.is_empty());
}

// ---------------------------------------------------------------------------
// Indicator rows.

/// Every row split at a page break in the seed.
const SPLIT_ROWS: &[Case] = &[
    // Line 236 is a row of its own (a new SASARAN) whose SUMBER DATA cell is
    // empty in the source; line 238 ("Prajabatan", after the blank line 237)
    // continues it. No SUMBER DATA anywhere, so it stays empty.
    Case {
        at: FT_MUDA_9,
        index: 2,
        number: None,
        // 236 + 238
        sasaran: "Terlaksananya Pembinaan, Pengoordinasian, Fasilitas, Pemantauan, Evaluasi, dan Pelaporan Pelaksanaan Sertifikasi, Pengelolaan Kelembagaan dan Tenaga Pengembang Kompetensi, Pengelolaan Sumber Belajar, dan Kerja Sama, serta Pengembangan Kompetensi Pimpinan Daerah, Jabatan Pimpinan Tinggi, Kepemimpinan dan Prajabatan",
        // 236
        indikator: "Jumlah Dokumen Hasil Pembinaan, Koordinasi, Fasilitas, Pemantauan, Evaluasi, dan Pelaporan Pelaksanaan Sertifikasi, Pengelolaan Kelembagaan dan Tenaga Pengembang Kompetensi, Pengelolaan Sumber Belajar, dan Kerja Sama",
        // 236
        formulasi: "Jumlah Dokumen Hasil Pembinaan, Koordinasi, Fasilitas, Pemantauan, Evaluasi, dan Pelaporan Pelaksanaan Sertifikasi, Pengelolaan Kelembagaan dan Tenaga Pengembang Kompetensi, Pengelolaan Sumber Belajar, dan Kerja Sama",
        sumber_data: "",
        filled: false,
        span: (236, 238),
    },
    Case {
        at: FU_MUTASI_2,
        index: 3,
        number: None,
        // 672 + 674
        sasaran: "Tersedianya Data administrasi Pengangkatan Pertama, Kenaikan Jabatan dan Pemberian tunjangan fungsional pegawai negeri sipil",
        // 672 + 674
        indikator: "Jumlah berkas Pengangkatan Pertama, Kenaikan Jabatan dan Pemberian tunjangan fungsional pegawai negeri sipil",
        // 672 + 674
        formulasi: "Jumlah berkas Pengangkatan Pertama, Kenaikan Jabatan dan Pemberian tunjangan fungsional pegawai negeri sipil",
        // 672
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (672, 674),
    },
    Case {
        at: FU_PENGADM_MP_1,
        index: 6,
        number: None,
        // 691 + 695 (blank lines 692-694 between)
        sasaran: "Menyusun Laporan Pertanggungjawaban Anggaran Kegiatan Pengelolaan Kenaikan Pangkat",
        // 691 + 695
        indikator: "Jumlah Laporan Pertanggungjawaban Anggaran Kegiatan Pengelolaan Kenaikan Pangkat",
        // 691 + 695
        formulasi: "Jumlah Laporan Pertanggungjawaban Anggaran Kegiatan Pengelolaan Kenaikan Pangkat",
        // 691
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (691, 695),
    },
    Case {
        at: FU_PENGELOLA_23,
        index: 0,
        number: None,
        // 742 + 744
        sasaran: "Terselesaikannya Data administrasi kenaikan pangkat dan penggajian pegawai negeri sipil struktural",
        // 742 + 744
        indikator: "Jumlah Dokumen kenaikan pangkat dan penggajian pegawai negeri sipil struktural",
        // 742 + 744
        formulasi: "Jumlah Dokumen kenaikan pangkat dan penggajian pegawai negeri sipil struktural",
        // 742
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (742, 744),
    },
    // Line 760 has only a FORMULASI cell ("PPPK"); its empty SASARAN is a
    // continuation, not a fill-down.
    Case {
        at: FU_PELATIHAN_1,
        index: 3,
        number: None,
        // 758
        sasaran: "Terlaksananya Monitoring Diklat Kepemimpinan Nasional TK II, Administrator, Pegawai LATSAR, Uji Kompetensi dan Orientasi PPPK",
        // 758
        indikator: "Jumlah Laporan Monitoring Diklat Kepemimpinan Nasional TK II, Administrator, Pegawai LATSAR, Uji Kompetensi dan Orientasi PPPK",
        // 758 + 760
        formulasi: "Jumlah Laporan Monitoring Diklat Kepemimpinan Nasional TK II, Administrator, Pegawai LATSAR, Uji Kompetensi dan Orientasi PPPK",
        // 758
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (758, 760),
    },
];

/// Every row whose SASARAN cell is empty in the seed.
const FILLED_ROWS: &[Case] = &[
    Case {
        at: KEPALA_BADAN,
        index: 1,
        number: None,
        // from line 24
        sasaran: "Meningkatnya Kualitas Manajemen ASN",
        // line 25
        indikator: "Indeks Implementasi NSPK (Norma, Standar, Prosedur dan Kriteria) Manajemen ASN",
        formulasi: "Penilaian Implementasi NSPK Manajemen ASN berdasarkan rumus pengolahan hasil yang terdapat pada sistem aplikasi indeks Implementasi NSPK Manajemen ASN",
        sumber_data: "Bdan Kepegawaian Negara (BKN)",
        filled: true,
        span: (25, 25),
    },
    Case {
        at: FT_PERTAMA_1,
        index: 1,
        number: None,
        // from line 287
        sasaran: "Terlaksananya Penilaian dan Evaluasi Kinerja Aparatur",
        // line 288
        indikator: "Nilai Indeks Profesionalitas ASN",
        formulasi: "Nilai Indeks Profesionalitas ASN",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (288, 288),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 1,
        number: None,
        // from line 417
        sasaran: "Tersusunnya Dokumen LKPJ, LPPD, Perjanjian Kinerja dan Pakta Integritas",
        // line 418
        indikator: "Jumlah Laporan Penyelenggaraan Pemerintah Daerah (LPPD)",
        formulasi: "Jumlah Laporan Penyelenggaraan Pemerintah Daerah (LPPD)",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (418, 418),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 2,
        number: None,
        // from line 417
        sasaran: "Tersusunnya Dokumen LKPJ, LPPD, Perjanjian Kinerja dan Pakta Integritas",
        // line 419
        indikator: "Jumlah Dokumen Perjanjian Kinerja Tahun 2024 beserta perubahannya",
        formulasi: "Jumlah Dokumen Perjanjian Kinerja Tahun 2024 beserta perubahannya",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (419, 419),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 3,
        number: None,
        // from line 417
        sasaran: "Tersusunnya Dokumen LKPJ, LPPD, Perjanjian Kinerja dan Pakta Integritas",
        // line 420
        indikator: "Jumlah Dokumen Pakta Integritas Tahun 2024",
        formulasi: "Jumlah Dokumen Pakta Integritas Tahun 2024",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (420, 420),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 5,
        number: None,
        // from line 421
        sasaran: "Terselesaikannya Laporan Bulanan, Triwulanan dan Semester",
        // line 422
        indikator: "Jumlah Laporan Triwulan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        formulasi: "Jumlah Laporan Triwulan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (422, 422),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 6,
        number: None,
        // from line 421
        sasaran: "Terselesaikannya Laporan Bulanan, Triwulanan dan Semester",
        // line 423
        indikator: "Jumlah Laporan Semester Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        formulasi: "Jumlah Laporan Semester Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        sumber_data: "Laporan Kinerja",
        filled: true,
        span: (423, 423),
    },
];

/// Ordinary rows spread over all groups, including the edge cases: LaTeX,
/// 5-column tables, HTML tags, the U+25A1 debris, rows after blank lines,
/// rows that end a group, and the last line of the file.
const SAMPLE_ROWS: &[Case] = &[
    // --- pimpinan_tinggi (4-column table, lines 23-28)
    Case {
        at: KEPALA_BADAN,
        index: 0,
        number: None,
        // line 24
        sasaran: "Meningkatnya Kualitas Manajemen ASN",
        indikator: "Indeks Penilaian Sistem Merit",
        formulasi: "Berdasarkan perhitungan dalam Sistem Informasi Penilaian Mandiri Penerapan Sistem Merit (SIPINTER). Penilaian penerapan sistem merit dilakukan berdasarkan penerapan aspek-aspek dengan bobot diberikan alokasi nilai. Tahap berikutnya adalah melakukan penjumlahan semua aspek terdiri dari sejumlah sub-aspek dimana masing-masing aspek dan sub-aspek mempunyai bobot yang besarnya ditentukan berdasarkan peranannya. Nilai Total merupakan penjumlahan dari nilai akhir setiap Aspek.",
        sumber_data: "Komisi Aparatur Sipil Negara (KASN)",
        filled: false,
        span: (24, 24),
    },
    Case {
        at: KEPALA_BADAN,
        index: 2,
        number: None,
        // line 26
        sasaran: "Meningkatnya Pengembangan Kompetensi ASN",
        indikator: "Nilai Dimensi Kompetensi ASN (IP ASN)",
        formulasi: "Nilai Dimensi Kompetensi ASN didapatkan dari total hasil perkalian dari bobot dimensi/indikator Kompetensi dikalikan skor/nilai dimensi/indikator Kompetensi.",
        sumber_data: "Bdan Kepegawaian Negara (BKN)",
        filled: false,
        span: (26, 26),
    },
    Case {
        at: KEPALA_BADAN,
        index: 3,
        number: None,
        // line 28 (after blank line 27)
        sasaran: "Meningkatnya Capaian Kinerja Perangkat Daerah",
        indikator: "Presentase Capaian Kinerja Perangkat Daerah",
        formulasi: r"$\frac{\text{Jumlah Realisasi Kinerja Perangkat Daerah Tahun Berjalan}}{\text{Target Kinerja Perangkat Daerah Tahun Berjalan}} \times 100\%$",
        sumber_data: "Laporan Keterangan Pertanggungjawaban Instansi Pemerintah (LKPJ) BKPSDM Kabupaten Sumenep.",
        filled: false,
        span: (28, 28),
    },
    // --- administrator (5-column tables with NO.)
    Case {
        at: SEKRETARIS,
        index: 0,
        number: Some("1"),
        // line 46
        sasaran: "Meningkatnya Kualitas Perencanaan, Penganggaran, dan Evaluasi Kinerja Perangkat Daerah",
        indikator: "Jumlah Penyusunan Dokumen Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
        formulasi: "Jumlah Penyusunan Dokumen Perencanaan, Penganggaran dan Evaluasi Kinerja Perangkat Daerah",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (46, 46),
    },
    Case {
        at: SEKRETARIS,
        index: 4,
        number: Some("5"),
        // line 51 (after blank line 50)
        sasaran: "Meningkatnya Kualitas Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        indikator: "Jumlah Laporan Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        formulasi: "Jumlah Laporan Penyediaan Jasa Penunjang Urusan Pemerintahan Daerah",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (51, 51),
    },
    Case {
        at: SEKRETARIS,
        index: 6,
        number: Some("7"),
        // line 53
        sasaran: "Terlaksananya Administrasi Kepegawaian Perangkat Daerah",
        indikator: "Jumlah Laporan Administrasi Kepegawaian Perangkat Daerah",
        formulasi: "Jumlah Laporan Administrasi Kepegawaian Perangkat Daerah",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (53, 53),
    },
    Case {
        at: KABID_PKAP,
        index: 0,
        number: Some("1"),
        // line 69 (header "No." on line 68)
        sasaran: "Meningkatnya Kinerja ASN",
        indikator: "Persentase ASN Yang Penilaian Kinerjanya Baik",
        formulasi: r"$\frac{\text{Jumlah ASN yang Penilaian Kinerjanya Baik}}{\text{Jumlah ASN}} \times 100\%$",
        sumber_data: "Rekapitulasi Laporan Penilaian dan Evaluasi Kinerja Aparatur Perangkat Daerah",
        filled: false,
        span: (69, 69),
    },
    Case {
        at: KABID_PKA,
        index: 1,
        number: Some("2"),
        // line 122
        sasaran: "Meningkatnya Akurasi Data Pengembangan Kompetensi ASN",
        indikator: "Persentase Data Pengembangan Kompetensi ASN yang Akurat",
        formulasi: "Persentase Data Pengembangan Kompetensi ASN yang Akurat",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (122, 122),
    },
    // --- pengawas (1.1 has a 5-column table, 1.2 a 4-column one)
    Case {
        at: KASUBAG_PROGRAM,
        index: 0,
        number: Some("1"),
        // line 142
        sasaran: "Tersedianya Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        indikator: "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        formulasi: "Jumlah Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD dan Laporan Hasil Koordinasi Penyusunan Laporan Capaian Kinerja dan Ikhtisar Realisasi Kinerja SKPD",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (142, 142),
    },
    Case {
        at: KASUBAG_PROGRAM,
        index: 2,
        number: Some("3"),
        // line 144
        sasaran: "Tersedianya Dokumen RKA-SKPD dan RKA-SKPD Perubahan",
        indikator: "Jumlah Dokumen RKA-SKPD dan RKA-SKPD Perubahan",
        formulasi: "Jumlah Dokumen RKA-SKPD dan RKA-SKPD Perubahan",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (144, 144),
    },
    Case {
        at: KASUBAG_KEUANGAN,
        index: 0,
        number: None,
        // line 158
        sasaran: "Tersedianya Gaji dan Tunjangan ASN",
        indikator: "Jumlah orang yang menerima Gaji dan Tunjangan ASN",
        formulasi: "Jumlah orang yang menerima Gaji dan Tunjangan ASN",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (158, 158),
    },
    // --- fungsional_tertentu
    Case {
        at: FT_MUDA_1,
        index: 0,
        number: None,
        // line 170 (after the <b> header on line 169); "Telaksananya" as written
        sasaran: "Telaksananya Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk Pelaksanaan Pengadaan ASN",
        indikator: "Jumlah Dokumen Hasil Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk Pelaksanaan Pengadaan ASN",
        formulasi: "Jumlah Dokumen Hasil Penyusunan Rencana Kebutuhan, Jenis dan Jumlah Jabatan untuk Pelaksanaan Pengadaan ASN",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (170, 170),
    },
    Case {
        at: FT_MUDA_3,
        index: 0,
        number: None,
        // line 186; "Presentase" and "Julah" as written
        sasaran: "Meningkatnya Disiplin ASN",
        indikator: "Presentase ASN yang disiplin",
        formulasi: "Julah ASN yang Tidak dijatuhi Hukuman Disiplin",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (186, 186),
    },
    Case {
        at: FT_MUDA_9,
        index: 1,
        number: None,
        // line 235: the row above the one with the empty SUMBER DATA cell
        sasaran: "Tersusunnya Kebijakan Teknis dan Rencana Pengembangan Kompetensi Teknis Umum, Inti, dan Pilihan bagi Jabatan Administrasi Penyelenggara Urusan Pemerintahan Konkuren, Perangkat Daerah Penunjang, dan Urusan Pemerintahan Umum",
        indikator: "Jumlah Kebijakan Teknis dan Rencana Pengembangan Kompetensi Teknis Umum, Inti, dan Pilihan bagi Jabatan Administrasi Penyelenggara Urusan Pemerintahan Konkuren, Perangkat Daerah Penunjang, dan Urusan Pemerintahan Umum yang Disusun",
        formulasi: "Jumlah Kebijakan Teknis dan Rencana Pengembangan Kompetensi Teknis Umum, Inti, dan Pilihan bagi Jabatan Administrasi Penyelenggara Urusan Pemerintahan Konkuren, Perangkat Daerah Penunjang, dan Urusan Pemerintahan Umum yang Disusun",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (235, 235),
    },
    Case {
        at: FT_MUDA_11,
        index: 2,
        number: None,
        // line 259 (after blank lines 256-258)
        sasaran: "Tersedianya Bahan Logistik Kantor",
        indikator: "Jumlah Paket Bahan Logistik Kantor yang Disediakan",
        formulasi: "Jumlah Paket Bahan Logistik Kantor yang Disediakan",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (259, 259),
    },
    Case {
        at: FT_PERTAMA_1,
        index: 2,
        number: None,
        // line 289: the row after a filled-down row keeps its own SASARAN
        sasaran: "Terlaksananya Penyelesaian Pelanggaran Disiplin ASN",
        indikator: "Tingkat kepatuhan pelaporan LHKPN bidang eksekutif Pemkab Sumenep",
        formulasi: "Tingkat kepatuhan pelaporan LHKPN bidang eksekutif Pemkab Sumenep",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (289, 289),
    },
    Case {
        at: FT_PRAKOM_4,
        index: 5,
        number: None,
        // line 402: last row of the group (separator 403, banner 405)
        sasaran: "Terselesaikannya Tugas Kedinasan lain yang diperintahkan oleh Pimpinan baik tertulis maupun lisan",
        indikator: "Jumlah Pelaksanaan Kegiatan Kedinasan lainnya.",
        formulasi: "Jumlah Pelaksanaan Kegiatan Kedinasan lainnya.",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (402, 402),
    },
    // --- fungsional_umum
    Case {
        at: FU_ANALIS_PEP,
        index: 0,
        number: None,
        // line 417
        sasaran: "Tersusunnya Dokumen LKPJ, LPPD, Perjanjian Kinerja dan Pakta Integritas",
        indikator: "Jumlah Laporan Keterangan Pertanggung Jawaban (LKPJ)",
        formulasi: "Jumlah Laporan Keterangan Pertanggung Jawaban (LKPJ)",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (417, 417),
    },
    Case {
        at: FU_ANALIS_PEP,
        index: 4,
        number: None,
        // line 421
        sasaran: "Terselesaikannya Laporan Bulanan, Triwulanan dan Semester",
        indikator: "Jumlah Laporan Bulanan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        formulasi: "Jumlah Laporan Bulanan Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Tahun 2024",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (421, 421),
    },
    Case {
        at: FU_RENCANA_ANGGARAN,
        index: 3,
        number: None,
        // line 474: "( <i>LHP Inspektorat</i> )", tags removed
        sasaran: "Terselesaikannya Tanggapan atas Laporan Hasil Pemeriksaan yang telah ditindaklanjuti sesuai peraturan yang berlaku ( LHP Inspektorat )",
        indikator: "Jumlah Laporan Tanggapan LHP",
        formulasi: "Jumlah Laporan Tanggapan LHP",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (474, 474),
    },
    Case {
        at: FU_BENDAHARA_2,
        index: 0,
        number: None,
        // line 505 (separator on 503 under the header on 502)
        sasaran: "Terselesaikannya Laporan Pendapatan Pengelolaan Keuangan",
        indikator: "Jumlah Laporan Pendapatan",
        formulasi: "Jumlah Laporan Pendapatan",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (505, 505),
    },
    Case {
        at: FU_LAPORAN_KEUANGAN,
        index: 0,
        number: None,
        // line 518: "( <i>...</i> )", tags removed
        sasaran: "Tersusunnya Laporan Keuangan Akhir Tahun ( Laporan Realisasi Anggaran, Laporan Neraca, Laporan Operasional, Laporan Perubahan Ekuitas dan Catatan Atas Laporan Keuangan SKPD )",
        indikator: "Jumlah Dokumen Laporan Keuangan Akhir Tahun",
        formulasi: "Jumlah Dokumen Laporan Keuangan Akhir Tahun",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (518, 518),
    },
    Case {
        at: FU_LAPORAN_KEUANGAN,
        index: 5,
        number: None,
        // line 526 (after blank lines 523-525): "<i>(Sebagai Pembantu PPK)</i>"
        sasaran: "Terselesaikannya verifikasi kelengkapan berkas pertanggungjawaban belanja pegawai, belanja Barang jasa dan belanja modal serta membuat dokumen pengajuan SPP-SPM Belanja ganti uang (GU) / Langsung (LS) sesuai peraturan yang berlaku (Sebagai Pembantu PPK)",
        indikator: "Jumlah Dokumen Pengajuan SPP-SPM",
        formulasi: "Jumlah Dokumen Pengajuan SPP-SPM",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (526, 526),
    },
    Case {
        at: FU_MUTASI_I,
        index: 3,
        number: None,
        // line 657: INDIKATOR and FORMULASI end in " \u{25a1}", removed
        sasaran: "Menyiapkan melaksanakan pelantikan Pegawai Negeri Sipil dalam Jabatan Struktural dan Fungsional",
        indikator: "Jumlah Pelaksanaan Pelantikan pelantikan Pegawai Negeri Sipil dalam Jabatan Struktural dan Fungsional",
        formulasi: "Jumlah Pelaksanaan Pelantikan pelantikan Pegawai Negeri Sipil dalam Jabatan Struktural dan Fungsional",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (657, 657),
    },
    Case {
        at: FU_MUTASI_2,
        index: 4,
        number: None,
        // line 675: the row right after a continuation
        sasaran: "Tersedianya Data administrasi Penyesuaian dalam jabatan fungsional dan Pemberhentian sementara serta pengangkatan kembali dalam jabatan fungsional pegawai negeri sipil",
        indikator: "Jumlah berkas Penyesuaian dalam jabatan fungsional dan Pemberhentian sementara serta pengangkatan kembali dalam jabatan fungsional pegawai negeri sipil",
        formulasi: "Jumlah berkas Penyesuaian dalam jabatan fungsional dan Pemberhentian sementara serta pengangkatan kembali dalam jabatan fungsional pegawai negeri sipil",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (675, 675),
    },
    Case {
        at: FU_PENGELOLA_23,
        index: 1,
        number: None,
        // line 745: the row right after a continuation
        sasaran: "Terselesaikannya Data administrasi kenaikan pangkat dan penggajian pegawai negeri sipil fungsional",
        indikator: "Jumlah Dokumen kenaikan pangkat dan penggajian pegawai negeri sipil fungsional",
        formulasi: "Jumlah Dokumen kenaikan pangkat dan penggajian pegawai negeri sipil fungsional",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (745, 745),
    },
    Case {
        at: FU_31_A,
        index: 0,
        number: None,
        // line 853
        sasaran: "Terlaksananya peremajaan data pada sistem informasi kepegawaian (SAPK, Simpeg, portal website dll)",
        indikator: "Jumlah Data Sistem Informasi Kepegawaian",
        formulasi: "Jumlah Data Sistem Informasi Kepegawaian",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (853, 853),
    },
    Case {
        at: FU_31_B,
        index: 4,
        number: None,
        // line 868
        sasaran: "Terpeliharanya Aset Gedung KORPRI",
        indikator: "Jumlah Gedung yang terpelihara",
        formulasi: "Jumlah Gedung yang terpelihara",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (868, 868),
    },
    Case {
        at: FU_ANALIS_SDM,
        index: 2,
        number: None,
        // line 943: the last line of the file, without a trailing newline;
        // "laproan" as written
        sasaran: "Terselesaikannya pengelolaan gedung korpri",
        indikator: "Jumlah laproan pengelolaan gedung korpri",
        formulasi: "Jumlah laproan pengelolaan gedung korpri",
        sumber_data: "Laporan Kinerja",
        filled: false,
        span: (943, 943),
    },
];

#[test]
fn split_rows() {
    check_cases(SPLIT_ROWS);
}

#[test]
fn filled_down_rows() {
    check_cases(FILLED_ROWS);
}

#[test]
fn sample_rows() {
    check_cases(SAMPLE_ROWS);
}

#[test]
fn filled_rows_are_exactly_the_listed_ones() {
    // Lines 25, 288, 418-420 and 422-423 are the only rows with an empty
    // SASARAN cell that are not continuations.
    let got: Vec<u32> = doc()
        .groups
        .iter()
        .flat_map(|g| g.positions.iter())
        .flat_map(|p| p.indicators.iter())
        .filter(|ind| ind.sasaran_filled)
        .map(|ind| ind.span.first)
        .collect();
    assert_eq!(got, [25, 288, 418, 419, 420, 422, 423]);
}

#[test]
fn multi_line_rows_are_exactly_the_split_ones() {
    let got: Vec<(u32, u32)> = iki_model::rows(doc())
        .map(|r| (r.source_lines.first, r.source_lines.last))
        .filter(|(first, last)| first != last)
        .collect();
    assert_eq!(
        got,
        [(236, 238), (672, 674), (691, 695), (742, 744), (758, 760)]
    );
}
