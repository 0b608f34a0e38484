#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::Options;
use iki_model::{OriginalFormat, Place};
use std::io::Write;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math""#;

/// A .docx of `parts` (name, XML), deflated.
fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(xml.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A .docx whose body is `body`, with `styles` and `numbering` parts when
/// given, and a header and footer that must never be read.
fn docx(body: &str, styles: &str, numbering: &str) -> Vec<u8> {
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>{body}<w:sectPr><w:headerReference w:type="default" r:id="rId1"/></w:sectPr></w:body></w:document>"#
    );
    let styles = format!(r#"<?xml version="1.0"?><w:styles {NS}>{styles}</w:styles>"#);
    let numbering = format!(r#"<?xml version="1.0"?><w:numbering {NS}>{numbering}</w:numbering>"#);
    let header =
        format!(r#"<w:hdr {NS}><w:p><w:r><w:t>KOP SURAT JABATAN</w:t></w:r></w:p></w:hdr>"#);
    let footer = format!(r#"<w:ftr {NS}><w:p><w:r><w:t>Halaman 1</w:t></w:r></w:p></w:ftr>"#);
    let footnotes = format!(
        r#"<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>Catatan kaki</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip_of(&[
        ("[Content_Types].xml", "<Types/>"),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
        ("word/header1.xml", &header),
        ("word/footer1.xml", &footer),
        ("word/footnotes.xml", &footnotes),
    ])
}

/// A paragraph of plain runs.
fn p(text: &str) -> String {
    format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A paragraph with properties `ppr` and one run.
fn pp(ppr: &str, text: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
}

/// A cell with properties `tcpr` and paragraphs `paras`.
fn tc(tcpr: &str, paras: &[&str]) -> String {
    let body: String = if paras.is_empty() {
        "<w:p/>".into()
    } else {
        paras.iter().map(|t| p(t)).collect()
    };
    format!("<w:tc><w:tcPr>{tcpr}</w:tcPr>{body}</w:tc>")
}

fn tr(trpr: &str, cells: &[String]) -> String {
    format!("<w:tr><w:trPr>{trpr}</w:trPr>{}</w:tr>", cells.concat())
}

fn tbl(rows: &[String]) -> String {
    format!(
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"100\"/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

const STYLES: &str = r#"
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="24"/></w:rPr></w:rPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Judul2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="JudulJabatan"><w:name w:val="Judul Jabatan"/><w:basedOn w:val="Judul2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Banner"><w:name w:val="Banner"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:caps/></w:rPr><w:pPrChange><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:pPrChange></w:style>
<w:style w:type="character" w:styleId="Tebal"><w:name w:val="Tebal"/><w:rPr><w:b w:val="1"/></w:rPr></w:style>
"#;

const NUMBERING: &str = r#"
<w:abstractNum w:abstractNumId="10"><w:multiLevelType w:val="multilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="JudulJabatan"/><w:lvlText w:val="%1."/><w:rPr><w:b/></w:rPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="20">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1."/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs></w:pPr></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="4"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%4)"/></w:lvl>
  <w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%5."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="20"/></w:num>
"#;

/// Numbered paragraph of list `num` at level `ilvl`.
fn li(num: u32, ilvl: u32, text: &str) -> String {
    pp(
        &format!("<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr>"),
        text,
    )
}

/// An IKI document in Word with most of what Word writes: a bold title,
/// a banner in a bold style, positions in a numbered heading style, Tugas
/// with a field, deleted text and a footnote, a numbered Fungsi list,
/// tables with a repeated header row, merged cells down and across, a
/// nested table, a content control, a text box.
fn iki_docx() -> Vec<u8> {
    let header = tr(
        "<w:tblHeader/>",
        &[
            tc("", &["NO"]),
            tc("", &["SASARAN"]),
            tc("", &["INDIKATOR KINERJA"]),
            tc("", &["FORMULASI PENGHITUNGAN"]),
            tc("", &["SUMBER DATA"]),
        ],
    );
    let table1 = tbl(&[
        header.clone(),
        tr(
            "",
            &[
                tc("", &["1"]),
                tc(
                    "<w:vMerge w:val=\"restart\"/>",
                    &["Meningkatnya kinerja badan"],
                ),
                tc("", &["Nilai SAKIP"]),
                tc("", &["Nilai hasil evaluasi", "oleh Inspektorat"]),
                tc("", &["LHE SAKIP"]),
            ],
        ),
        tr(
            "",
            &[
                tc("", &["2"]),
                tc("<w:vMerge/>", &[]),
                tc("", &["Indeks Kepuasan Masyarakat"]),
                format!(
                    "<w:tc>{}{}</w:tc>",
                    p("Rata-rata nilai"),
                    tbl(&[tr("", &[tc("", &["Unsur"]), tc("", &["Bobot"])])])
                ),
                tc("", &["Laporan SKM"]),
            ],
        ),
    ]);
    let table2 = tbl(&[
        header,
        tr(
            "",
            &[
                tc("", &["1"]),
                tc("", &["Tertibnya administrasi"]),
                tc("<w:gridSpan w:val=\"2\"/>", &["Jumlah dokumen tertib"]),
                tc("", &["Laporan Kinerja"]),
            ],
        ),
    ]);
    let body = [
        "<w:p><w:pPr><w:jc w:val=\"center\"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/></w:rPr><w:t>INDIKATOR KINERJA INDIVIDU</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:br/><w:t>BADAN CONTOH TAHUN 2024</w:t></w:r></w:p>".to_string(),
        "<w:p/>".to_string(),
        pp("<w:pStyle w:val=\"Banner\"/>", "A. JABATAN PIMPINAN TINGGI PRATAMA"),
        pp("<w:pStyle w:val=\"JudulJabatan\"/>", "JABATAN KEPALA BADAN"),
        concat!(
            "<w:p><w:r><w:t>Tugas</w:t></w:r><w:r><w:tab/><w:t xml:space=\"preserve\">: Memimpin </w:t></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> MERGEFIELD nama </w:instrText></w:r>",
            "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>badan</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            "<w:del w:id=\"1\"><w:r><w:delText> lama</w:delText></w:r></w:del>",
            "<w:ins w:id=\"2\"><w:r><w:t xml:space=\"preserve\"> daerah</w:t></w:r></w:ins>",
            "<w:r><w:footnoteReference w:id=\"1\"/></w:r><w:r><w:t>.</w:t></w:r>",
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>tersembunyi</w:t></w:r></w:p>"
        )
        .to_string(),
        p("Fungsi :"),
        li(2, 0, "perumusan kebijakan;"),
        li(2, 1, "rincian pertama;"),
        li(2, 0, "pelaksanaan kebijakan &amp; evaluasi."),
        table1,
        "<w:p><w:r><w:t>Catatan</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>KOTAK TEKS</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>KOTAK TEKS</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>".to_string(),
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>B. JABATAN</w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Tebal\"/></w:rPr><w:t xml:space=\"preserve\"> ADMINISTRATOR</w:t></w:r><w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p>".to_string(),
        "<w:sdt><w:sdtPr><w:alias w:val=\"Jabatan\"/><w:placeholder><w:docPart w:val=\"X\"/></w:placeholder></w:sdtPr><w:sdtContent>".to_string(),
        pp("<w:pStyle w:val=\"JudulJabatan\"/>", "JABATAN SEKRETARIS"),
        "</w:sdtContent></w:sdt>".to_string(),
        p("Tugas : Mengoordinasikan sekretariat."),
        table2,
    ]
    .concat();
    docx(&body, STYLES, NUMBERING)
}

#[test]
fn word_document_to_source_text() {
    let source = read(&iki_docx()).unwrap();
    assert_eq!(
        source.text,
        "**INDIKATOR KINERJA INDIVIDU BADAN CONTOH TAHUN 2024**\n\
         \n\
         **A. JABATAN PIMPINAN TINGGI PRATAMA**\n\
         \n\
         ## 1. JABATAN KEPALA BADAN\n\
         \n\
         Tugas : Memimpin badan daerah.\n\
         \n\
         Fungsi :\n\
         \n\
         a. perumusan kebijakan;\n\
         \n\
         - rincian pertama;\n\
         \n\
         b. pelaksanaan kebijakan & evaluasi.\n\
         \n\
         <table>\n\
         <tr><th>NO</th><th>SASARAN</th><th>INDIKATOR KINERJA</th><th>FORMULASI PENGHITUNGAN</th><th>SUMBER DATA</th></tr>\n\
         <tr><td>1</td><td rowspan=\"2\">Meningkatnya kinerja badan</td><td>Nilai SAKIP</td><td>Nilai hasil evaluasi<br>oleh Inspektorat</td><td>LHE SAKIP</td></tr>\n\
         <tr><td>2</td><td>Indeks Kepuasan Masyarakat</td><td>Rata-rata nilai<br>Unsur Bobot</td><td>Laporan SKM</td></tr>\n\
         </table>\n\
         \n\
         Catatan\n\
         \n\
         **B. JABATAN ADMINISTRATOR**\n\
         \n\
         ## 2. JABATAN SEKRETARIS\n\
         \n\
         Tugas : Mengoordinasikan sekretariat.\n\
         \n\
         <table>\n\
         <tr><th>NO</th><th>SASARAN</th><th>INDIKATOR KINERJA</th><th>FORMULASI PENGHITUNGAN</th><th>SUMBER DATA</th></tr>\n\
         <tr><td>1</td><td>Tertibnya administrasi</td><td colspan=\"2\">Jumlah dokumen tertib</td><td>Laporan Kinerja</td></tr>\n\
         </table>\n"
    );
    assert_eq!(source.origin.format, OriginalFormat::Docx);
    assert_eq!(source.origin.places.len(), source.text.lines().count());
    let para = |paragraph| Place::Paragraph { paragraph };
    let row = |table, row| Place::TableRow { table, row };
    let places = &source.origin.places;
    // The empty paragraph 2 counts; the table's cells do not.
    assert_eq!(places[0], para(1));
    assert_eq!(places[2], para(3));
    assert_eq!(places[4], para(4));
    assert_eq!(places[14], para(9));
    // A blank line takes the place of the line after it.
    assert_eq!(places[15], row(1, 1));
    assert_eq!(places[16], row(1, 1));
    assert_eq!(places[17], row(1, 1));
    assert_eq!(places[19], row(1, 3));
    assert_eq!(places[20], row(1, 3));
    assert_eq!(places[22], para(10));
    assert_eq!(places[26], para(12));
    assert_eq!(places[32], row(2, 2));
}

#[test]
fn word_document_parses_into_positions() {
    let parsed = crate::parse(&iki_docx(), &Options::default()).unwrap();
    let doc = &parsed.document;
    assert_eq!(
        doc.origin.as_ref().map(|o| o.format),
        Some(OriginalFormat::Docx)
    );
    let positions: Vec<_> = doc.groups.iter().flat_map(|g| &g.positions).collect();
    assert_eq!(positions.len(), 2, "{:#?}", parsed.diagnostics);
    let kepala = positions[0];
    assert_eq!(kepala.title, "KEPALA BADAN");
    assert_eq!(kepala.number, "1");
    assert_eq!(kepala.tugas[0].text, "Memimpin badan daerah.");
    let fungsi: Vec<&str> = kepala.fungsi.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        fungsi,
        [
            "perumusan kebijakan;",
            "rincian pertama;",
            "pelaksanaan kebijakan & evaluasi."
        ]
    );
    assert_eq!(kepala.indicators.len(), 2);
    let first = &kepala.indicators[0];
    assert_eq!(first.sasaran, "Meningkatnya kinerja badan");
    assert_eq!(first.indikator, "Nilai SAKIP");
    assert_eq!(first.formulasi, "Nilai hasil evaluasi oleh Inspektorat");
    assert_eq!(first.sumber_data, "LHE SAKIP");
    let second = &kepala.indicators[1];
    assert_eq!(second.sasaran, "Meningkatnya kinerja badan");
    assert_eq!(second.indikator, "Indeks Kepuasan Masyarakat");
    assert_eq!(second.formulasi, "Rata-rata nilai Unsur Bobot");
    assert_eq!(second.sumber_data, "Laporan SKM");
    let sekretaris = positions[1];
    assert_eq!(sekretaris.title, "SEKRETARIS");
    assert_eq!(sekretaris.indicators.len(), 1);
    let row = &sekretaris.indicators[0];
    assert_eq!(row.sasaran, "Tertibnya administrasi");
    assert_eq!(row.indikator, "Jumlah dokumen tertib");
    assert_eq!(row.sumber_data, "Laporan Kinerja");
    let origin = doc.origin.as_ref().unwrap();
    assert_eq!(
        origin.describe(row.span).as_deref(),
        Some("tabel 2, baris 2")
    );
}

#[test]
fn groups_come_from_bold_banners() {
    let parsed = crate::parse(&iki_docx(), &Options::default()).unwrap();
    let kinds: Vec<_> = parsed
        .document
        .groups
        .iter()
        .filter(|g| !g.positions.is_empty())
        .map(|g| g.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            iki_model::GroupKind::PimpinanTinggi,
            iki_model::GroupKind::Administrator
        ]
    );
}

#[test]
fn list_labels_count_per_list_and_level() {
    let body = [
        li(1, 0, "satu"),
        li(1, 1, "satu satu"),
        li(1, 1, "satu dua"),
        li(1, 0, "dua"),
        li(1, 1, "dua satu"),
        li(2, 2, "roman"),
        li(2, 2, "roman"),
        li(2, 3, "huruf"),
        li(2, 4, "romawi"),
        li(2, 0, "a"),
        // Counted, but nothing is written.
        li(2, 0, ""),
        li(2, 0, "c"),
        // A list instance of the same definition restarts where it says
        // so, and continues where it does not, as in Word.
        li(3, 0, "a lagi"),
        li(3, 0, "b lagi"),
        li(4, 0, "c lanjut"),
        li(3, 0, "d lagi"),
        // numId 0 takes numbering away; an unknown list has no label.
        pp(
            "<w:pStyle w:val=\"JudulJabatan\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>",
            "tanpa nomor",
        ),
        li(9, 0, "tanpa daftar"),
    ]
    .concat();
    let source = read(&docx(&body, STYLES, NUMBERING)).unwrap();
    let lines: Vec<&str> = source.text.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(
        lines,
        [
            "1. satu",
            "1.1. satu satu",
            "1.2. satu dua",
            "2. dua",
            "2.1. dua satu",
            "(iv) roman",
            "(v) roman",
            "A) huruf",
            "I. romawi",
            "a. a",
            "c. c",
            "a. a lagi",
            "b. b lagi",
            "c. c lanjut",
            "d. d lagi",
            "## tanpa nomor",
            "tanpa daftar",
        ]
    );
}

#[test]
fn letters_and_romans() {
    assert_eq!(parts_format(27, "lowerLetter"), "aa");
    assert_eq!(parts_format(26, "upperLetter"), "Z");
    assert_eq!(parts_format(1994, "upperRoman"), "MCMXCIV");
    assert_eq!(parts_format(3, "decimalZero"), "03");
    assert_eq!(parts_format(7, "ordinal"), "7");
}

fn parts_format(n: i64, format: &str) -> String {
    let xml = format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="{n}"/><w:numFmt w:val="{format}"/><w:lvlText w:val="%1"/></w:lvl></w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
    );
    let numbering = parts::Numbering::read(&xml).unwrap();
    parts::Counters::default()
        .label(&numbering, "5", 0)
        .unwrap_or_default()
}

#[test]
fn headings_and_bold_from_styles_and_runs() {
    let body = [
        // An outline level on the paragraph itself.
        pp("<w:outlineLvl w:val=\"2\"/>", "Judul tiga"),
        // Bold through the paragraph style, but one run says not bold.
        "<w:p><w:pPr><w:pStyle w:val=\"Banner\"/></w:pPr><w:r><w:t>TEBAL</w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t xml:space=\"preserve\"> tipis</w:t></w:r></w:p>".to_string(),
        // Bold through the style; whitespace runs do not count.
        "<w:p><w:pPr><w:pStyle w:val=\"Banner\"/></w:pPr><w:r><w:t>JABATAN PENGAWAS</w:t></w:r><w:r><w:rPr><w:b w:val=\"false\"/></w:rPr><w:t xml:space=\"preserve\">  </w:t></w:r></w:p>".to_string(),
        // A heading style whose outline level is in the base style only;
        // the level above, not counted yet, shows its start value.
        pp("<w:pStyle w:val=\"JudulJabatan\"/><w:numPr><w:ilvl w:val=\"1\"/></w:numPr>", "Sub bagian"),
        // A style of an unknown id: a plain line.
        pp("<w:pStyle w:val=\"TidakAda\"/>", "biasa"),
    ]
    .concat();
    let source = read(&docx(&body, STYLES, NUMBERING)).unwrap();
    assert_eq!(
        source.text,
        "### Judul tiga\n\nTEBAL tipis\n\n**JABATAN PENGAWAS**\n\n## 1.1. Sub bagian\n\nbiasa\n"
    );
}

#[test]
fn merged_cells_across_and_down() {
    let body = tbl(&[
        tr(
            "",
            &[
                tc("", &["SASARAN"]),
                tc("", &["INDIKATOR KINERJA"]),
                tc("<w:gridSpan w:val=\"2\"/>", &["TARGET"]),
            ],
        ),
        // A row shifted right by one grid column.
        tr(
            "<w:gridBefore w:val=\"1\"/>",
            &[
                tc("<w:vMerge w:val=\"restart\"/>", &["Indeks"]),
                tc("<w:hMerge w:val=\"restart\"/>", &["90"]),
                tc("<w:hMerge/>", &["%"]),
            ],
        ),
        // Merged down with no start above: a cell of its own; a merge
        // continued from the row above.
        tr(
            "",
            &[
                tc("<w:vMerge/>", &["Sasaran"]),
                tc("<w:vMerge/>", &["lanjutan"]),
                tc("", &["80"]),
                tc("", &["%"]),
            ],
        ),
        // Cells in a content control.
        format!(
            "<w:sdt><w:sdtPr/><w:sdtContent>{}</w:sdtContent></w:sdt>",
            tr(
                "",
                &[
                    tc("", &["A"]),
                    tc("", &["B"]),
                    tc("", &["C"]),
                    tc("", &["D"])
                ]
            )
        ),
    ]);
    let source = read(&docx(&body, "", "")).unwrap();
    assert_eq!(
        source.text,
        "<table>\n\
         <tr><td>SASARAN</td><td>INDIKATOR KINERJA</td><td colspan=\"2\">TARGET</td></tr>\n\
         <tr><td></td><td rowspan=\"2\">Indeks<br>lanjutan</td><td colspan=\"2\">90<br>%</td></tr>\n\
         <tr><td>Sasaran</td><td>80</td><td>%</td></tr>\n\
         <tr><td>A</td><td>B</td><td>C</td><td>D</td></tr>\n\
         </table>\n"
    );
    assert_eq!(
        source.origin.places[4],
        Place::TableRow { table: 1, row: 4 }
    );
}

#[test]
fn layout_tables_are_lines() {
    // Tugas and Fungsi set in a borderless three-column table.
    let body = [
        pp("<w:pStyle w:val=\"Judul2\"/>", "1. JABATAN KEPALA DINAS"),
        tbl(&[
            tr(
                "",
                &[
                    tc("", &["Tugas"]),
                    tc("", &[":"]),
                    tc("", &["Memimpin dinas."]),
                ],
            ),
            tr(
                "",
                &[
                    tc("", &["Fungsi"]),
                    tc("", &[":"]),
                    tc(
                        "",
                        &["a. perumusan kebijakan;", "b. pelaksanaan kebijakan."],
                    ),
                ],
            ),
        ]),
        tbl(&[
            tr(
                "",
                &[
                    tc("", &["SASARAN"]),
                    tc("", &["INDIKATOR KINERJA"]),
                    tc("", &["SUMBER DATA"]),
                ],
            ),
            tr(
                "",
                &[
                    tc("", &["Sasaran"]),
                    tc("", &["Indikator"]),
                    tc("", &["Data"]),
                ],
            ),
        ]),
    ]
    .concat();
    let source = read(&docx(&body, STYLES, "")).unwrap();
    assert_eq!(
        source.text,
        "## 1. JABATAN KEPALA DINAS\n\n\
         Tugas : Memimpin dinas.\n\n\
         Fungsi : a. perumusan kebijakan;\n\n\
         b. pelaksanaan kebijakan.\n\n\
         <table>\n\
         <tr><td>SASARAN</td><td>INDIKATOR KINERJA</td><td>SUMBER DATA</td></tr>\n\
         <tr><td>Sasaran</td><td>Indikator</td><td>Data</td></tr>\n\
         </table>\n"
    );
    assert_eq!(
        source.origin.places[4],
        Place::TableRow { table: 1, row: 2 }
    );
    assert_eq!(
        source.origin.places[8],
        Place::TableRow { table: 2, row: 1 }
    );
    let parsed = crate::parse(&docx(&body, STYLES, ""), &Options::default()).unwrap();
    let position = &parsed.document.groups[0].positions[0];
    assert_eq!(position.tugas[0].text, "Memimpin dinas.");
    let fungsi: Vec<&str> = position.fungsi.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(fungsi, ["perumusan kebijakan;", "pelaksanaan kebijakan."]);
    assert_eq!(position.indicators[0].sumber_data, "Data");
}

#[test]
fn equations_are_read_as_text() {
    let body = "<w:p><w:r><w:t xml:space=\"preserve\">Rumus: </w:t></w:r><m:oMath><m:f><m:num><m:r><m:t>realisasi</m:t></m:r></m:num><m:den><m:r><m:t>target</m:t></m:r></m:den></m:f><m:r><m:t>×100%</m:t></m:r></m:oMath></w:p>";
    let source = read(&docx(body, "", "")).unwrap();
    assert_eq!(source.text, "Rumus: realisasi / target×100%\n");
}

#[test]
fn damaged_files_say_where() {
    let message = |r: Result<Source, ReadError>| match r {
        Err(ReadError::Damaged { format, message }) => format!("{format}: {message}"),
        other => panic!("{other:?}"),
    };
    let not_zip = message(read(b"PK\x03\x04 not a zip at all"));
    assert!(not_zip.starts_with("Word: the zip container"), "{not_zip}");
    let no_document = message(read(&zip_of(&[("word/styles.xml", "<w:styles/>")])));
    assert!(
        no_document.contains("no word/document.xml"),
        "{no_document}"
    );
    let bad_xml =
        format!("<w:document {NS}><w:body><w:p><w:r><w:t>x</w:r></w:p></w:body></w:document>");
    let bad = message(read(&zip_of(&[("word/document.xml", &bad_xml)])));
    assert!(bad.starts_with("Word: word/document.xml: "), "{bad}");
    assert!(bad.contains("at byte"), "{bad}");
    let cut = format!("<w:document {NS}><w:body><w:p><w:r><w:t>x</w:t></w:r>");
    let cut = message(read(&zip_of(&[("word/document.xml", &cut)])));
    assert!(cut.contains("cut short"), "{cut}");
    let bad_styles = message(read(&zip_of(&[
        ("word/document.xml", &format!("<w:document {NS}/>")),
        ("word/styles.xml", "<w:styles><w:style></w:styles>"),
    ])));
    assert!(bad_styles.contains("word/styles.xml"), "{bad_styles}");
    let latin1 = message(read(&zip_of_bytes(&[(
        "word/document.xml",
        b"<w:document>\xe9</w:document>",
    )])));
    assert!(latin1.contains("not UTF-8 text at byte 12"), "{latin1}");
}

fn zip_of_bytes(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn a_part_past_the_limit_is_not_read() {
    // A megabyte of zeros deflates to about a kilobyte.
    let mut document = format!("<w:document {NS}><w:body>").into_bytes();
    document.extend(std::iter::repeat_n(b' ', 1 << 20));
    document.extend(b"</w:body></w:document>");
    let bytes = zip_of_bytes(&[("word/document.xml", &document)]);
    assert!(bytes.len() < 64 * 1024);
    match read_with_limit(&bytes, 1 << 16) {
        Err(ReadError::Damaged { message, .. }) => {
            assert!(message.contains("more than 65536 bytes"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert!(read_with_limit(&bytes, 2 << 20).is_ok());
}

#[test]
fn utf16_parts_are_read() {
    let xml = format!(
        "<w:document {NS}><w:body>{}</w:body></w:document>",
        p("Teks")
    );
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(xml.encode_utf16().flat_map(u16::to_le_bytes));
    let source = read(&zip_of_bytes(&[("word/document.xml", &bytes)])).unwrap();
    assert_eq!(source.text, "Teks\n");
}

#[test]
fn the_truncated_word_fixture_is_damaged() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/originals/damaged.docx");
    if let Ok(bytes) = std::fs::read(path) {
        assert!(matches!(
            read(&bytes),
            Err(ReadError::Damaged { format: "Word", .. })
        ));
    }
}

#[test]
fn alternate_content_is_read_once() {
    let body = "<w:p><w:r><w:t xml:space=\"preserve\">Satu </w:t></w:r><mc:AlternateContent><mc:Choice Requires=\"w14\"><w:r><w:t>dua</w:t></w:r></mc:Choice><mc:Choice Requires=\"w15\"><w:r><w:t>DUA</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>dua</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>";
    let source = read(&docx(body, "", "")).unwrap();
    assert_eq!(source.text, "Satu dua\n");
}

#[test]
fn a_row_across_the_table_is_a_banner_line() {
    let row = |cells: [&str; 4]| tr("", &cells.map(|c| tc("", &[c])));
    let banner = |text: &str| tr("", &[tc("<w:gridSpan w:val=\"4\"/>", &[text])]);
    let body = tbl(&[
        row(["JABATAN", "SASARAN", "INDIKATOR KINERJA", "SUMBER DATA"]),
        banner("A. JABATAN PIMPINAN TINGGI PRATAMA"),
        row(["KEPALA DINAS", "Sasaran 1", "Indikator 1", "Data 1"]),
        banner("B. JABATAN ADMINISTRATOR"),
        row(["SEKRETARIS", "Sasaran 2", "Indikator 2", "Data 2"]),
    ]);
    let bytes = docx(&body, "", "");
    let source = read(&bytes).unwrap();
    assert_eq!(
        source.text,
        "<table>\n\
         <tr><td>JABATAN</td><td>SASARAN</td><td>INDIKATOR KINERJA</td><td>SUMBER DATA</td></tr>\n\
         </table>\n\n\
         **A. JABATAN PIMPINAN TINGGI PRATAMA**\n\n\
         <table>\n\
         <tr><td>KEPALA DINAS</td><td>Sasaran 1</td><td>Indikator 1</td><td>Data 1</td></tr>\n\
         </table>\n\n\
         **B. JABATAN ADMINISTRATOR**\n\n\
         <table>\n\
         <tr><td>SEKRETARIS</td><td>Sasaran 2</td><td>Indikator 2</td><td>Data 2</td></tr>\n\
         </table>\n"
    );
    assert_eq!(
        source.origin.places[4],
        Place::TableRow { table: 1, row: 2 }
    );
    assert_eq!(
        source.origin.places[13],
        Place::TableRow { table: 1, row: 5 }
    );
    let parsed = crate::parse(&bytes, &Options::default()).unwrap();
    let groups: Vec<_> = parsed
        .document
        .groups
        .iter()
        .filter(|g| !g.positions.is_empty())
        .collect();
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[1].kind, iki_model::GroupKind::Administrator);
    let sekretaris = &groups[1].positions[0];
    assert_eq!(sekretaris.title, "SEKRETARIS");
    assert_eq!(sekretaris.indicators[0].sasaran, "Sasaran 2");
    assert_eq!(sekretaris.indicators[0].sumber_data, "Data 2");
}

#[test]
fn damaged_bytes_never_panic() {
    // The document stored, so that flipped bytes land in the XML.
    let body = iki_docx();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&body)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let stored = zip_of_bytes(&[("word/document.xml", xml.as_bytes())]);
    for bytes in [&body, &stored] {
        for cut in (0..bytes.len()).step_by(97) {
            let _ = read(&bytes[..cut]);
        }
        for at in (0..bytes.len()).step_by(13) {
            let mut b = bytes.clone();
            b[at] ^= 0x5A;
            let _ = read(&b);
        }
    }
}
