use super::*;
use iki_model::Indicator;

/// Pages joined the way pdftotext writes them: each page ends with a form
/// feed. The raw strings below start with a line end, which is cut.
fn pages(pages: &[&str]) -> String {
    let mut out = String::new();
    for p in pages {
        out.push_str(p.strip_prefix('\n').unwrap_or(p));
        out.push('\x0c');
    }
    out
}

fn page(page: u32, first: u32, last: u32) -> Place {
    Place::Page { page, first, last }
}

/// The lines of the source text with their places.
fn with_places(source: &Source) -> Vec<(String, Place)> {
    source
        .text
        .lines()
        .map(str::to_string)
        .zip(source.origin.places.iter().cloned())
        .collect()
}

fn indicators(text: &str) -> Vec<Indicator> {
    let parsed =
        crate::parse(text.as_bytes(), &crate::Options::default()).unwrap_or_else(|e| panic!("{e}"));
    assert!(parsed.document.origin.is_some(), "not read as layout text");
    parsed
        .document
        .groups
        .iter()
        .flat_map(|g| &g.positions)
        .flat_map(|p| p.indicators.clone())
        .collect()
}

/// Sasaran, indikator, formulasi, sumber data and extras of a row.
fn fields(i: &Indicator) -> (String, String, String, String, Vec<(String, String)>) {
    (
        i.sasaran.clone(),
        i.indikator.clone(),
        i.formulasi.clone(),
        i.sumber_data.clone(),
        i.extra.0.clone(),
    )
}

/// Two pages: a running header of two lines, "Halaman N dari 2" at the
/// foot, a six-column table with NO whose header pdftotext wrote over
/// five lines (cells centred vertically, SATUAN and TARGET one space
/// apart), cells wrapped each on its own, and row 2 split by the page
/// break (no header repeated). Then a position whose table has no NO: a
/// SASARAN merged over two indicator rows, and a line where two columns
/// run one space apart.
const TWO_PAGES: [&str; 2] = [
    r"
                       PEMERINTAH KABUPATEN CONTOH
                              DINAS SOSIAL

  1. JABATAN KEPALA DINAS SOSIAL

  Tugas : Memimpin pelaksanaan urusan pemerintahan bidang sosial.

                                              PENJELASAN/
                           INDIKATOR                                         SUMBER
   NO       SASARAN                            FORMULASI      SATUAN TARGET
                            KINERJA                                           DATA
                                              PENGHITUNGAN
   1.    Meningkatnya    Persentase PMKS   Jumlah PMKS yang   Persen   80    Laporan
         kualitas        yang tertangani   ditangani dibagi                  Bidang
         pelayanan                         jumlah PMKS x                     Rehsos
         sosial                            100%
   2.    Meningkatnya    Indeks            Nilai IKM hasil    Indeks   82    Laporan
         kepuasan        Kepuasan          survei kepuasan

                               Halaman 1 dari 2
",
    r"
                       PEMERINTAH KABUPATEN CONTOH
                              DINAS SOSIAL
         masyarakat      Masyarakat         masyarakat                         SKM
   3.    Terwujudnya     Jumlah dokumen     Jumlah dokumen     Dokumen   4     Laporan
         tertib          yang disusun       yang disusun                       Sekretariat
         administrasi

  2. JABATAN SEKRETARIS

  Tugas : Melaksanakan koordinasi.

            SASARAN            INDIKATOR KINERJA           FORMULASI           SUMBER DATA
   Meningkatnya               Nilai SAKIP           Nilai hasil evaluasi   LHE SAKIP
   akuntabilitas kinerja                            SAKIP oleh Inspektorat
   perangkat daerah
                              Persentase dokumen    Jumlah dokumen tepat   Laporan
                              perencanaan yang tepat waktu dibagi jumlah   Subbagian
                              waktu                 dokumen x 100%         Perencanaan

                               Halaman 2 dari 2
",
];

#[test]
fn two_pages_source_text() {
    let text = pages(&TWO_PAGES);
    assert!(looks_like_layout(&text));
    let read = read_all(&text, OriginalFormat::Pdf);
    let all = with_places(&read.source);
    // Page furniture is in the text as comments, each with its place.
    let furniture: Vec<(String, Place)> = all
        .iter()
        .filter(|(t, _)| t.starts_with("<!--"))
        .cloned()
        .collect();
    assert_eq!(
        furniture,
        [
            ("<!-- PEMERINTAH KABUPATEN CONTOH -->", page(1, 1, 1)),
            ("<!-- DINAS SOSIAL -->", page(1, 2, 2)),
            ("<!-- Halaman 1 dari 2 -->", page(1, 20, 20)),
            ("<!-- PEMERINTAH KABUPATEN CONTOH -->", page(2, 1, 1)),
            ("<!-- DINAS SOSIAL -->", page(2, 2, 2)),
            ("<!-- Halaman 2 dari 2 -->", page(2, 20, 20)),
        ]
        .map(|(t, p)| (t.to_string(), p))
    );
    let mut got: Vec<(String, Place)> = Vec::new();
    for (t, p) in all {
        let blank_after_blank = t.is_empty() && got.last().is_none_or(|(l, _)| l.is_empty());
        if t.starts_with("<!--") {
            if got.last().is_some_and(|(l, _)| l.is_empty()) {
                got.pop();
            }
        } else if !blank_after_blank {
            got.push((t, p));
        }
    }
    let want: Vec<(String, Place)> = [
        ("1. JABATAN KEPALA DINAS SOSIAL", page(1, 4, 4)),
        ("", page(1, 6, 6)),
        (
            "Tugas : Memimpin pelaksanaan urusan pemerintahan bidang sosial.",
            page(1, 6, 6),
        ),
        ("", page(1, 8, 12)),
        ("<table>", page(1, 8, 12)),
        (
            "<tr><th>NO</th><th>SASARAN</th><th>INDIKATOR KINERJA</th>\
             <th>PENJELASAN/FORMULASI PENGHITUNGAN</th><th>SATUAN</th><th>TARGET</th>\
             <th>SUMBER DATA</th></tr>",
            page(1, 8, 12),
        ),
        (
            "<tr><td>1.</td><td>Meningkatnya kualitas pelayanan sosial</td>\
             <td>Persentase PMKS yang tertangani</td>\
             <td>Jumlah PMKS yang ditangani dibagi jumlah PMKS x 100%</td>\
             <td>Persen</td><td>80</td><td>Laporan Bidang Rehsos</td></tr>",
            page(1, 13, 16),
        ),
        (
            "<tr><td>2.</td><td>Meningkatnya kepuasan masyarakat</td>\
             <td>Indeks Kepuasan Masyarakat</td>\
             <td>Nilai IKM hasil survei kepuasan masyarakat</td>\
             <td>Indeks</td><td>82</td><td>Laporan SKM</td></tr>",
            page(1, 17, 18),
        ),
        (
            "<tr><td>3.</td><td>Terwujudnya tertib administrasi</td>\
             <td>Jumlah dokumen yang disusun</td><td>Jumlah dokumen yang disusun</td>\
             <td>Dokumen</td><td>4</td><td>Laporan Sekretariat</td></tr>",
            page(2, 4, 6),
        ),
        ("</table>", page(2, 4, 6)),
        ("", page(2, 8, 8)),
        ("2. JABATAN SEKRETARIS", page(2, 8, 8)),
        ("", page(2, 10, 10)),
        ("Tugas : Melaksanakan koordinasi.", page(2, 10, 10)),
        ("", page(2, 12, 12)),
        ("<table>", page(2, 12, 12)),
        (
            "<tr><th>SASARAN</th><th>INDIKATOR KINERJA</th><th>FORMULASI</th>\
             <th>SUMBER DATA</th></tr>",
            page(2, 12, 12),
        ),
        (
            "<tr><td>Meningkatnya akuntabilitas kinerja perangkat daerah</td>\
             <td>Nilai SAKIP</td><td>Nilai hasil evaluasi SAKIP oleh Inspektorat</td>\
             <td>LHE SAKIP</td></tr>",
            page(2, 13, 15),
        ),
        (
            "<tr><td></td><td>Persentase dokumen perencanaan yang tepat waktu</td>\
             <td>Jumlah dokumen tepat waktu dibagi jumlah dokumen x 100%</td>\
             <td>Laporan Subbagian Perencanaan</td></tr>",
            page(2, 16, 18),
        ),
        ("</table>", page(2, 16, 18)),
    ]
    .into_iter()
    .map(|(t, p)| (t.to_string(), p))
    .collect();
    assert_eq!(got, want);
    let dropped: Vec<(Place, &str, &str)> = read
        .dropped
        .iter()
        .map(|d| (d.place.clone(), d.text.as_str(), d.reason))
        .collect();
    assert_eq!(
        dropped,
        [
            (
                page(1, 1, 1),
                "PEMERINTAH KABUPATEN CONTOH",
                lines::RUNNING_HEADER
            ),
            (page(1, 2, 2), "DINAS SOSIAL", lines::RUNNING_HEADER),
            (page(1, 20, 20), "Halaman 1 dari 2", lines::RUNNING_FOOTER),
            (
                page(2, 1, 1),
                "PEMERINTAH KABUPATEN CONTOH",
                lines::RUNNING_HEADER
            ),
            (page(2, 2, 2), "DINAS SOSIAL", lines::RUNNING_HEADER),
            (page(2, 20, 20), "Halaman 2 dari 2", lines::RUNNING_FOOTER),
        ]
    );
    // Row 2 went on at the top of page 2.
    assert_eq!(read.continued, [(page(1, 17, 18), page(2, 3, 3))]);
}

#[test]
fn two_pages_parse_into_rows() {
    let rows = indicators(&pages(&TWO_PAGES));
    let got: Vec<_> = rows.iter().map(fields).collect();
    let extra = |satuan: &str, target: &str| {
        vec![
            ("SATUAN".to_string(), satuan.to_string()),
            ("TARGET".to_string(), target.to_string()),
        ]
    };
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        [
            (
                s("Meningkatnya kualitas pelayanan sosial"),
                s("Persentase PMKS yang tertangani"),
                s("Jumlah PMKS yang ditangani dibagi jumlah PMKS x 100%"),
                s("Laporan Bidang Rehsos"),
                extra("Persen", "80"),
            ),
            (
                s("Meningkatnya kepuasan masyarakat"),
                s("Indeks Kepuasan Masyarakat"),
                s("Nilai IKM hasil survei kepuasan masyarakat"),
                s("Laporan SKM"),
                extra("Indeks", "82"),
            ),
            (
                s("Terwujudnya tertib administrasi"),
                s("Jumlah dokumen yang disusun"),
                s("Jumlah dokumen yang disusun"),
                s("Laporan Sekretariat"),
                extra("Dokumen", "4"),
            ),
            (
                s("Meningkatnya akuntabilitas kinerja perangkat daerah"),
                s("Nilai SAKIP"),
                s("Nilai hasil evaluasi SAKIP oleh Inspektorat"),
                s("LHE SAKIP"),
                vec![],
            ),
            (
                s("Meningkatnya akuntabilitas kinerja perangkat daerah"),
                s("Persentase dokumen perencanaan yang tepat waktu"),
                s("Jumlah dokumen tepat waktu dibagi jumlah dokumen x 100%"),
                s("Laporan Subbagian Perencanaan"),
                vec![],
            ),
        ]
    );
    assert!(rows[4].sasaran_filled);
}

/// A table over two pages: its header (a word hyphenated in it) repeated
/// on page 2 under a page number, row 2 split by the page break, a
/// signature after the table; then a NO centred beside a SASARAN merged
/// over two indicator rows.
const REPEATED: [&str; 3] = [
    r"
  Nama Jabatan : KEPALA BIDANG REHABILITASI SOSIAL
  Tugas : Memimpin bidang dan penghitungan data.

   NO   SASARAN             INDIKATOR KINERJA     FORMULASI PENGHITUNG-   SUMBER DATA
                                                  AN
   1.   Meningkatnya        Persentase anak       Jumlah anak terlantar   Laporan
        rehabilitasi        terlantar yang        yang direhabilitasi     Bidang
        sosial-             direhabilitasi        dibagi jumlah anak
        ekonomi
   2.   Meningkatnya        Persentase lansia     Jumlah lansia yang
        pelayanan           yang dilayani         dilayani dibagi
",
    r"
                                        2
   NO   SASARAN             INDIKATOR KINERJA     FORMULASI PENGHITUNG-   SUMBER DATA
                                                  AN
        lanjut usia                               jumlah lansia           Laporan
                                                                          Seksi
   3.   Meningkatnya        Jumlah keluarga       Jumlah KPM yang         Laporan PKH
        perlindungan        penerima manfaat      menerima bantuan
        sosial

                                                        Kepala Bidang,


                                                        NAMA PEJABAT
",
    r"
  3. JABATAN KEPALA SEKSI

 NO          SASARAN                    INDIKATOR            FORMULASI           SUMBER DATA
                                        KINERJA
      Meningkatnya                 Nilai SAKIP          Nilai hasil evaluasi     LHE SAKIP
      akuntabilitas kinerja                             SAKIP oleh Inspektorat
  1   perangkat daerah yang
      baik                         Persentase dokumen   Jumlah dokumen tepat     Laporan
                                   perencanaan yang     waktu dibagi jumlah      Subbagian
                                   tepat waktu          dokumen x 100%           Perencanaan
  2   Meningkatnya kualitas        Indeks kepuasan      Nilai IKM                Laporan SKM
",
];

#[test]
fn repeated_header_split_row_and_signature() {
    let read = read_all(&pages(&REPEATED), OriginalFormat::Pdf);
    // Furniture comments (checked elsewhere) set aside.
    let text = &read
        .source
        .text
        .split("\n\n")
        .filter(|l| !l.starts_with("<!--"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let table_1 = "<table>\n\
        <tr><th>NO</th><th>SASARAN</th><th>INDIKATOR KINERJA</th>\
        <th>FORMULASI PENGHITUNGAN</th><th>SUMBER DATA</th></tr>\n\
        <tr><td>1.</td><td>Meningkatnya rehabilitasi sosial-ekonomi</td>\
        <td>Persentase anak terlantar yang direhabilitasi</td>\
        <td>Jumlah anak terlantar yang direhabilitasi dibagi jumlah anak</td>\
        <td>Laporan Bidang</td></tr>\n\
        <tr><td>2.</td><td>Meningkatnya pelayanan lanjut usia</td>\
        <td>Persentase lansia yang dilayani</td>\
        <td>Jumlah lansia yang dilayani dibagi jumlah lansia</td>\
        <td>Laporan Seksi</td></tr>\n\
        <tr><td>3.</td><td>Meningkatnya perlindungan sosial</td>\
        <td>Jumlah keluarga penerima manfaat</td><td>Jumlah KPM yang menerima bantuan</td>\
        <td>Laporan PKH</td></tr>\n\
        </table>\n\nKepala Bidang,\n\nNAMA PEJABAT\n\n3. JABATAN KEPALA SEKSI\n\n";
    assert!(text.contains(table_1), "{text}");
    let table_2 = "<tr><td>1</td>\
        <td>Meningkatnya akuntabilitas kinerja perangkat daerah yang baik</td>\
        <td>Nilai SAKIP</td><td>Nilai hasil evaluasi SAKIP oleh Inspektorat</td>\
        <td>LHE SAKIP</td></tr>\n\
        <tr><td></td><td></td><td>Persentase dokumen perencanaan yang tepat waktu</td>\
        <td>Jumlah dokumen tepat waktu dibagi jumlah dokumen x 100%</td>\
        <td>Laporan Subbagian Perencanaan</td></tr>\n\
        <tr><td>2</td><td>Meningkatnya kualitas</td><td>Indeks kepuasan</td>\
        <td>Nilai IKM</td><td>Laporan SKM</td></tr>\n</table>\n";
    assert!(text.ends_with(table_2), "{text}");
    let places = with_places(&read.source);
    let place_of = |prefix: &str| {
        places
            .iter()
            .find(|(t, _)| t.starts_with(prefix))
            .map(|(_, p)| p.clone())
    };
    assert_eq!(place_of("<tr><td>2.</td>"), Some(page(1, 10, 11)));
    assert_eq!(place_of("<tr><td>3.</td>"), Some(page(2, 6, 8)));
    assert_eq!(place_of("Kepala Bidang"), Some(page(2, 10, 10)));
    // "baik" (line 8) ends the merged SASARAN of row 1, beside the first
    // line of row 2: the text is row 1's, the line row 2's.
    assert_eq!(place_of("<tr><td>1</td>"), Some(page(3, 5, 7)));
    assert_eq!(place_of("<tr><td></td>"), Some(page(3, 8, 10)));
    let dropped: Vec<(Place, &str)> = read
        .dropped
        .iter()
        .map(|d| (d.place.clone(), d.reason))
        .collect();
    assert_eq!(
        dropped,
        [
            (page(2, 1, 1), lines::PAGE_NUMBER),
            (page(2, 2, 2), table::REPEATED_HEADER),
            (page(2, 3, 3), table::REPEATED_HEADER),
        ]
    );
    assert_eq!(read.continued, [(page(1, 10, 11), page(2, 4, 5))]);

    let rows = indicators(&pages(&REPEATED));
    let got: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|i| {
            (
                i.sasaran.as_str(),
                i.indikator.as_str(),
                i.sumber_data.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "Meningkatnya rehabilitasi sosial-ekonomi",
                "Persentase anak terlantar yang direhabilitasi",
                "Laporan Bidang"
            ),
            (
                "Meningkatnya pelayanan lanjut usia",
                "Persentase lansia yang dilayani",
                "Laporan Seksi"
            ),
            (
                "Meningkatnya perlindungan sosial",
                "Jumlah keluarga penerima manfaat",
                "Laporan PKH"
            ),
            (
                "Meningkatnya akuntabilitas kinerja perangkat daerah yang baik",
                "Nilai SAKIP",
                "LHE SAKIP"
            ),
            (
                "Meningkatnya akuntabilitas kinerja perangkat daerah yang baik",
                "Persentase dokumen perencanaan yang tepat waktu",
                "Laporan Subbagian Perencanaan"
            ),
            ("Meningkatnya kualitas", "Indeks kepuasan", "Laporan SKM"),
        ]
    );
    assert_eq!(
        rows[1].formulasi,
        "Jumlah lansia yang dilayani dibagi jumlah lansia"
    );
}

#[test]
fn hyphens_at_a_wrap() {
    let ctx = Ctx::new("cara penghitungan; anak-anak");
    let join = |parts: &[&str]| {
        let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
        table::join_parts(&parts, &ctx)
    };
    // The whole word occurs elsewhere: the hyphen was the wrap's.
    assert_eq!(join(&["PENGHITUNG-", "AN"]), "PENGHITUNGAN");
    // It does not: the hyphen is the word's.
    assert_eq!(join(&["sosial-", "ekonomi"]), "sosial-ekonomi");
    assert_eq!(join(&["anak-", "anak"]), "anak-anak");
    // A dash between words, a slash, plain wraps.
    assert_eq!(join(&["bantuan -", "sosial"]), "bantuan - sosial");
    assert_eq!(join(&["PENJELASAN/", "FORMULASI"]), "PENJELASAN/FORMULASI");
    assert_eq!(join(&["Jumlah", "", "laporan"]), "Jumlah laporan");
}

#[test]
fn what_is_layout_text() {
    let layout = "  NO   SASARAN        INDIKATOR KINERJA    SUMBER DATA\n  1.   Meningkatnya   Nilai                Laporan\n";
    assert!(looks_like_layout(layout));
    assert!(looks_like_layout(&pages(&TWO_PAGES)));
    // Converter markdown and other text.
    for not in [
        "SASARAN\tINDIKATOR KINERJA\tSUMBER DATA\nx\ty\tz\n",
        "| SASARAN | INDIKATOR KINERJA |\n|---|---|\n| a | b |\n",
        "SASARAN | INDIKATOR KINERJA\n--- | ---\na | b\n",
        "<table><tr><th>SASARAN</th><th>INDIKATOR</th></tr></table>\n  SASARAN   INDIKATOR\n",
        "+---------+-----------+\n| SASARAN | INDIKATOR |\n  SASARAN   INDIKATOR\n",
        "### 1. KEPALA DINAS\n\nTugas : memimpin.\n",
        "SASARAN INDIKATOR KINERJA SUMBER DATA written one space apart\n",
    ] {
        assert!(!looks_like_layout(not), "{not}");
    }
}

#[test]
fn no_table_leaves_lines() {
    let read = read_all(
        "  1. KEPALA DINAS\n\n  Tugas : Memimpin   dinas.\n",
        OriginalFormat::LayoutText,
    );
    assert_eq!(
        read.source.text,
        "1. KEPALA DINAS\n\nTugas : Memimpin dinas.\n"
    );
    assert_eq!(read.source.origin.places.len(), 3);
    assert!(read.dropped.is_empty());
    let empty = read_all("", OriginalFormat::LayoutText);
    assert_eq!(empty.source.text, "");
}

#[test]
fn reading_is_deterministic_and_linear() {
    // 2 MB: the two-page document over and over.
    let one = pages(&TWO_PAGES);
    let text = one.repeat(2_000_000 / one.len() + 1);
    let started = std::time::Instant::now();
    let a = read_all(&text, OriginalFormat::LayoutText);
    let took = started.elapsed();
    let b = read_all(&text, OriginalFormat::LayoutText);
    assert_eq!(a.source, b.source);
    assert_eq!(a.source.origin.places.len(), a.source.text.lines().count());
    assert_eq!(
        a.source.text.matches("<table>").count(),
        2 * (text.len() / one.len())
    );
    // Well under a second in release; debug builds are slower.
    let limit = if cfg!(debug_assertions) { 15 } else { 1 };
    assert!(took.as_secs() < limit, "{took:?}");
    eprintln!("2 MB of layout text read in {took:?}");
}

#[test]
fn a_pdf_end_to_end() {
    let Some(options) = crate::pdf::tests::pdftotext() else {
        return;
    };
    // Courier 10 pt: 6 points a character, so x = 40 + 6 * column.
    let x = |col: u32| 40 + 6 * col;
    let bytes = crate::pdf::tests::pdf(&[
        &[
            (x(0), 800, "1. JABATAN KEPALA DINAS SOSIAL"),
            (x(0), 780, "Tugas : Memimpin dinas."),
            (x(0), 750, "SASARAN"),
            (x(22), 750, "INDIKATOR KINERJA"),
            (x(44), 750, "FORMULASI"),
            (x(64), 750, "SUMBER DATA"),
            (x(0), 738, "Meningkatnya"),
            (x(22), 738, "Persentase PMKS"),
            (x(44), 738, "Jumlah PMKS"),
            (x(64), 738, "Laporan"),
            (x(0), 726, "pelayanan sosial"),
            (x(22), 726, "tertangani"),
            (x(44), 726, "ditangani"),
            (x(64), 726, "Bidang"),
        ],
        &[(x(30), 800, "Halaman 2")],
    ]);
    let parsed = crate::parse(&bytes, &options).unwrap_or_else(|e| panic!("{e}"));
    let origin = parsed.document.origin.clone();
    assert_eq!(origin.map(|o| o.format), Some(OriginalFormat::Pdf));
    let rows: Vec<_> = parsed
        .document
        .groups
        .iter()
        .flat_map(|g| &g.positions)
        .flat_map(|p| p.indicators.iter().map(fields))
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        rows,
        [(
            s("Meningkatnya pelayanan sosial"),
            s("Persentase PMKS tertangani"),
            s("Jumlah PMKS ditangani"),
            s("Laporan Bidang"),
            vec![]
        )]
    );
}

fn fixture(name: &str) -> Option<Vec<u8>> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/originals")
        .join(name);
    let bytes = std::fs::read(&path).ok();
    if bytes.is_none() {
        eprintln!("note: {} is missing; skipping", path.display());
    }
    bytes
}

/// The rows of a parsed original: sasaran, indikator, sumber data, place.
fn rows_with_places(
    bytes: &[u8],
    options: &crate::Options,
) -> Vec<(String, String, String, String)> {
    let parsed = crate::parse(bytes, options).unwrap_or_else(|e| panic!("{e}"));
    let origin = parsed
        .document
        .origin
        .clone()
        .unwrap_or_else(|| panic!("no origin"));
    parsed
        .document
        .groups
        .iter()
        .flat_map(|g| &g.positions)
        .flat_map(|p| &p.indicators)
        .map(|i| {
            (
                i.sasaran.clone(),
                i.indikator.clone(),
                i.sumber_data.clone(),
                origin.describe(i.span).unwrap_or_default(),
            )
        })
        .collect()
}

/// The places of the rows of fixtures/originals/dinsos-pdftotext.txt (as
/// its expected file gives them).
const DINSOS_PLACES: [&str; 17] = [
    "halaman 1, baris 29-45",
    "halaman 1, baris 46-50",
    "halaman 1, baris 51-59",
    "halaman 1, baris 60-63",
    "halaman 2, baris 28-31",
    "halaman 2, baris 32-34",
    "halaman 2, baris 35-38",
    "halaman 2, baris 54-60",
    "halaman 2, baris 61-62",
    "halaman 3, baris 7-11",
    "halaman 3, baris 28-33",
    "halaman 3, baris 34-38",
    "halaman 3, baris 55-59",
    "halaman 3, baris 60-62",
    "halaman 4, baris 17-20",
    "halaman 4, baris 21-26",
    "halaman 4, baris 27-31",
];

#[test]
fn dinsos_layout_text_fixture() {
    let Some(bytes) = fixture("dinsos-pdftotext.txt") else {
        return;
    };
    let rows = rows_with_places(&bytes, &crate::Options::default());
    let places: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(places, DINSOS_PLACES);
    // A SASARAN merged over two rows runs into the second row's lines.
    let merged = "Meningkatnya Kualitas Pengelolaan Keuangan dan Aset";
    assert_eq!((rows[5].0.as_str(), rows[6].0.as_str()), (merged, merged));
    let psks = "Meningkatnya Peran Potensi dan Sumber Kesejahteraan Sosial (PSKS)";
    assert_eq!((rows[14].0.as_str(), rows[15].0.as_str()), (psks, psks));
    // Split by a page break under a repeated header.
    assert_eq!(
        rows[3].2,
        "Aplikasi SIKS-NG dan Laporan Penyaluran Bantuan Pangan"
    );
    assert_eq!(rows[8].2, "Aplikasi SIKS-NG");
    let text = String::from_utf8_lossy(&bytes);
    let read = read_all(&text, OriginalFormat::LayoutText);
    let count = |reason: &str| read.dropped.iter().filter(|d| d.reason == reason).count();
    assert_eq!(count(lines::RUNNING_HEADER), 4);
    assert_eq!(count(lines::RUNNING_FOOTER), 4);
    assert_eq!(count(table::REPEATED_HEADER), 4);
    assert_eq!(
        read.continued,
        [
            (page(1, 60, 63), page(2, 5, 10)),
            (page(2, 61, 62), page(3, 5, 6))
        ]
    );
}

#[test]
fn dinsos_pdf_fixture() {
    let Some(options) = crate::pdf::tests::pdftotext() else {
        return;
    };
    let Some(bytes) = fixture("dinsos-word.pdf") else {
        return;
    };
    let rows = rows_with_places(&bytes, &options);
    let places: Vec<&str> = rows.iter().map(|r| r.3.as_str()).collect();
    assert_eq!(places, DINSOS_PLACES);
}

#[test]
fn a_scan_is_refused() {
    let Some(options) = crate::pdf::tests::pdftotext() else {
        return;
    };
    let Some(bytes) = fixture("scan-no-text.pdf") else {
        return;
    };
    assert!(matches!(
        crate::parse(&bytes, &options),
        Err(ReadError::NoTextLayer)
    ));
}

/// A table as LibreOffice prints a Word table set at the top of its cells
/// (pdftotext of the seed's Word original): the FORMULASI header over three
/// lines ("PENJELASAN / FORMULASI" above, "PENGHITUNGAN" below), no NO
/// column, rows that follow each other without a blank line, a row told
/// apart only by a column whose text starts again (FORMULASI under the end
/// of the row above), a SASARAN that ended the row above alone, a word
/// broken at a cell's edge, LaTeX printed as text, a wrapped cell line
/// "Jabatan Fungsional" that is not a banner, "Tugas bagi" that is not a
/// label, and the next position's title in capitals across two columns.
const TOP_ALIGNED: &str = r"
1. KEPALA BIDANG MUTASI
Tugas : Memimpin bidang. Pertanggungjawaban keuangan.
                                            PENJELASAN / FORMULASI
SASARAN             INDIKATOR KINERJA                                       SUMBER DATA
                                            PENGHITUNGAN
Meningkatnya        Persentase ASN yang     $\frac{\text{Jumlah ASN}}{\      Laporan
Kinerja ASN         dinilai                 text{Jumlah}} \times 100\%      Pertanggungjawa
                                            $                               ban
                    Jumlah Laporan          Jumlah Laporan Tugas            Laporan Kinerja
                    Tugas bagi Pimpinan     bagi Pimpinan
Terselesaikannya    Jumlah Dokumen          Jumlah Dokumen                  Laporan Kinerja
Jabatan Fungsional
sesuai Anjab
Memproses           Jumlah Usulan           Jumlah Usulan                   Laporan Kinerja
usulan

2. KEPALA BIDANG PENGEMBANGAN KOMPETENSI
Tugas : Membina.
";

#[test]
fn a_table_set_at_the_top_of_its_cells() {
    let rows = indicators(&pages(&[TOP_ALIGNED]));
    let got: Vec<_> = rows
        .iter()
        .map(|i| {
            let (s, ind, f, d, _) = fields(i);
            (s, ind, f, d)
        })
        .collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        got,
        [
            (
                s("Meningkatnya Kinerja ASN"),
                s("Persentase ASN yang dinilai"),
                s(r"$\frac{\text{Jumlah ASN}}{\text{Jumlah}} \times 100\%$"),
                s("Laporan Pertanggungjawaban"),
            ),
            (
                s("Meningkatnya Kinerja ASN"),
                s("Jumlah Laporan Tugas bagi Pimpinan"),
                s("Jumlah Laporan Tugas bagi Pimpinan"),
                s("Laporan Kinerja"),
            ),
            (
                s("Terselesaikannya Jabatan Fungsional sesuai Anjab"),
                s("Jumlah Dokumen"),
                s("Jumlah Dokumen"),
                s("Laporan Kinerja"),
            ),
            (
                s("Memproses usulan"),
                s("Jumlah Usulan"),
                s("Jumlah Usulan"),
                s("Laporan Kinerja"),
            ),
        ]
    );
}
