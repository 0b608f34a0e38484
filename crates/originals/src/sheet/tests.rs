#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::Options;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

/// A matrix sheet as an agency types it: merged title rows, the header,
/// banner rows merged across, JABATAN and SASARAN merged down (one over a
/// spacer row), numbers, a percentage, a date, a line break in a cell, a
/// signature block; then a sheet of notes without a table.
fn matrix_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let plain = Format::new();
    let ws = wb.add_worksheet();
    ws.set_name("IKI 2024").unwrap();
    ws.merge_range(0, 0, 0, 7, "INDIKATOR KINERJA INDIVIDU (IKI)", &plain)
        .unwrap();
    ws.merge_range(
        1,
        0,
        1,
        7,
        "BADAN PENANGGULANGAN BENCANA DAERAH TAHUN 2024",
        &plain,
    )
    .unwrap();
    let header = [
        "NO",
        "JABATAN",
        "SASARAN",
        "INDIKATOR KINERJA",
        "FORMULASI",
        "SUMBER DATA",
        "SATUAN",
        "TARGET",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write(3, c as u16, *h).unwrap();
    }
    ws.merge_range(4, 0, 4, 7, "A. JABATAN PIMPINAN TINGGI PRATAMA", &plain)
        .unwrap();
    ws.write(5, 0, 1).unwrap();
    ws.merge_range(5, 1, 6, 1, "KEPALA PELAKSANA", &plain)
        .unwrap();
    ws.merge_range(5, 2, 6, 2, "Meningkatnya ketangguhan daerah", &plain)
        .unwrap();
    ws.write(5, 3, "Indeks Risiko Bencana").unwrap();
    ws.write(5, 4, "Hasil perhitungan\nInaRISK").unwrap();
    ws.write(5, 5, "BNPB").unwrap();
    ws.write(5, 6, "Indeks").unwrap();
    ws.write(5, 7, 140.5).unwrap();
    ws.write(6, 0, 2.0).unwrap();
    ws.write(6, 3, "Persentase desa tangguh").unwrap();
    ws.write(6, 4, "Desa tangguh / desa rawan x 100%").unwrap();
    ws.write(6, 5, "Laporan Bidang").unwrap();
    ws.write(6, 6, "%").unwrap();
    ws.write_number_with_format(6, 7, 0.95, &Format::new().set_num_format("0%"))
        .unwrap();
    // Row 8 is an empty spacer.
    ws.merge_range(8, 0, 8, 7, "B. JABATAN ADMINISTRATOR", &plain)
        .unwrap();
    ws.write(9, 0, 3).unwrap();
    // Merged down over the empty row 11.
    ws.merge_range(9, 1, 11, 1, "SEKRETARIS", &plain).unwrap();
    ws.merge_range(9, 2, 11, 2, "Meningkatnya tata kelola", &plain)
        .unwrap();
    ws.write(9, 3, "Nilai SAKIP").unwrap();
    ws.write(9, 4, "Nilai evaluasi").unwrap();
    ws.write(9, 5, "LHE").unwrap();
    ws.write(9, 6, "Nilai").unwrap();
    ws.write(9, 7, 72.25).unwrap();
    ws.write(11, 0, 4).unwrap();
    ws.write(11, 3, "Tanggal laporan").unwrap();
    ws.write(11, 4, "Tanggal").unwrap();
    ws.write(11, 5, "Sekretariat").unwrap();
    ws.write(11, 6, "Tanggal").unwrap();
    let date = ExcelDateTime::from_ymd(2024, 12, 31).unwrap();
    ws.write_datetime_with_format(11, 7, &date, &Format::new().set_num_format("dd/mm/yyyy"))
        .unwrap();
    ws.write(13, 5, "Garut, 2 Januari 2024").unwrap();
    ws.write(14, 5, "KEPALA PELAKSANA").unwrap();
    let notes = wb.add_worksheet();
    notes.set_name("Catatan").unwrap();
    notes.write(0, 0, "Catatan:").unwrap();
    notes.write(1, 1, "Diisi").unwrap();
    notes.write(1, 2, true).unwrap();
    notes
        .write_formula(2, 0, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    wb.save_to_buffer().unwrap()
}

#[test]
fn matrix_sheet_to_source_text() {
    let source = read(&matrix_workbook(), OriginalFormat::Xlsx).unwrap();
    assert_eq!(
        source.text,
        "**INDIKATOR KINERJA INDIVIDU (IKI)**\n\
         \n\
         BADAN PENANGGULANGAN BENCANA DAERAH TAHUN 2024\n\
         \n\
         <table>\n\
         <tr><th>NO</th><th>JABATAN</th><th>SASARAN</th><th>INDIKATOR KINERJA</th><th>FORMULASI</th><th>SUMBER DATA</th><th>SATUAN</th><th>TARGET</th></tr>\n\
         </table>\n\
         \n\
         **A. JABATAN PIMPINAN TINGGI PRATAMA**\n\
         \n\
         <table>\n\
         <tr><td>1</td><td rowspan=\"2\">KEPALA PELAKSANA</td><td rowspan=\"2\">Meningkatnya ketangguhan daerah</td><td>Indeks Risiko Bencana</td><td>Hasil perhitungan<br>InaRISK</td><td>BNPB</td><td>Indeks</td><td>140.5</td></tr>\n\
         <tr><td>2</td><td>Persentase desa tangguh</td><td>Desa tangguh / desa rawan x 100%</td><td>Laporan Bidang</td><td>%</td><td>95%</td></tr>\n\
         </table>\n\
         \n\
         **B. JABATAN ADMINISTRATOR**\n\
         \n\
         <table>\n\
         <tr><td>3</td><td rowspan=\"2\">SEKRETARIS</td><td rowspan=\"2\">Meningkatnya tata kelola</td><td>Nilai SAKIP</td><td>Nilai evaluasi</td><td>LHE</td><td>Nilai</td><td>72.25</td></tr>\n\
         <tr><td>4</td><td>Tanggal laporan</td><td>Tanggal</td><td>Sekretariat</td><td>Tanggal</td><td>2024-12-31</td></tr>\n\
         </table>\n\
         \n\
         Garut, 2 Januari 2024\n\
         \n\
         KEPALA PELAKSANA\n\
         \n\
         Catatan:\n\
         \n\
         Diisi TRUE\n\
         \n\
         #DIV/0!\n"
    );
    assert_eq!(source.origin.places.len(), source.text.lines().count());
    let cells = |sheet: &str, range: &str| Place::Cells {
        sheet: sheet.into(),
        range: range.into(),
    };
    let places = &source.origin.places;
    assert_eq!(places[0], cells("IKI 2024", "A1:H1"));
    assert_eq!(places[5], cells("IKI 2024", "A4:H4"));
    assert_eq!(places[8], cells("IKI 2024", "A5:H5"));
    assert_eq!(places[12], cells("IKI 2024", "A7:H7"));
    assert_eq!(places[15], cells("IKI 2024", "A9:H9"));
    assert_eq!(places[19], cells("IKI 2024", "A12:H12"));
    assert_eq!(places[22], cells("IKI 2024", "F14"));
    assert_eq!(places[26], cells("Catatan", "A1"));
    assert_eq!(places[28], cells("Catatan", "B2:C2"));
}

#[test]
fn matrix_sheet_parses_into_positions() {
    let parsed = crate::parse(&matrix_workbook(), &Options::default()).unwrap();
    let doc = &parsed.document;
    assert_eq!(
        doc.origin.as_ref().map(|o| o.format),
        Some(OriginalFormat::Xlsx)
    );
    let groups: Vec<_> = doc
        .groups
        .iter()
        .filter(|g| !g.positions.is_empty())
        .collect();
    assert_eq!(groups.len(), 2, "{:#?}", parsed.diagnostics);
    assert_eq!(groups[0].kind, iki_model::GroupKind::PimpinanTinggi);
    assert_eq!(groups[1].kind, iki_model::GroupKind::Administrator);
    let kepala = &groups[0].positions[0];
    assert_eq!(kepala.title, "KEPALA PELAKSANA");
    assert_eq!(kepala.indicators.len(), 2);
    let row = &kepala.indicators[1];
    assert_eq!(row.sasaran, "Meningkatnya ketangguhan daerah");
    assert_eq!(row.indikator, "Persentase desa tangguh");
    assert_eq!(row.formulasi, "Desa tangguh / desa rawan x 100%");
    assert_eq!(row.sumber_data, "Laporan Bidang");
    let extra: Vec<(&str, &str)> = row
        .extra
        .0
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(extra, [("SATUAN", "%"), ("TARGET", "95%")]);
    assert_eq!(kepala.indicators[0].formulasi, "Hasil perhitungan InaRISK");
    let sekretaris = &groups[1].positions[0];
    assert_eq!(sekretaris.title, "SEKRETARIS");
    assert_eq!(sekretaris.indicators.len(), 2);
    assert_eq!(sekretaris.indicators[1].sasaran, "Meningkatnya tata kelola");
    assert_eq!(
        sekretaris.indicators[1].extra.get("TARGET"),
        Some("2024-12-31")
    );
    let origin = doc.origin.as_ref().unwrap();
    assert_eq!(
        origin.describe(sekretaris.indicators[1].span).as_deref(),
        Some("'IKI 2024'!A12:H12")
    );
}

#[test]
fn values_as_a_person_sees_them() {
    assert_eq!(cell_text(&Data::Float(140.0), None), "140");
    assert_eq!(cell_text(&Data::Float(0.1 + 0.2), None), "0.3");
    assert_eq!(cell_text(&Data::Float(-0.0), None), "0");
    assert_eq!(cell_text(&Data::Float(1e-7), None), "0.0000001");
    assert_eq!(cell_text(&Data::Float(0.95), Some("0%")), "95%");
    assert_eq!(cell_text(&Data::Float(0.45), Some("0.00%")), "45.00%");
    assert_eq!(cell_text(&Data::Float(0.285), Some("0%")), "29%");
    assert_eq!(cell_text(&Data::Int(1), Some("0.0%")), "100.0%");
    assert_eq!(cell_text(&Data::Float(0.5), Some("\"%\"0.00")), "0.5");
    assert_eq!(
        cell_text(&Data::Float(0.5), Some("[Red]0.0%;-0.0%")),
        "50.0%"
    );
    assert_eq!(cell_text(&Data::Float(12.5), Some("#,##0.00")), "12.5");
    assert_eq!(cell_text(&Data::Bool(false), None), "FALSE");
    assert_eq!(
        cell_text(&Data::Error(calamine::CellErrorType::NA), None),
        "#N/A"
    );
    assert_eq!(cell_text(&Data::String("a\r\nb".into()), None), "a\nb");
    assert_eq!(
        cell_text(&Data::DateTimeIso("2024-01-31T00:00:00".into()), None),
        "2024-01-31"
    );
    let dt = |v, t| Data::DateTime(calamine::ExcelDateTime::new(v, t, false));
    use calamine::ExcelDateTimeType::{DateTime, TimeDelta};
    assert_eq!(cell_text(&dt(45322.0, DateTime), None), "2024-01-31");
    assert_eq!(cell_text(&dt(45322.5, DateTime), None), "2024-01-31 12:00");
    assert_eq!(cell_text(&dt(0.25, DateTime), None), "06:00");
    assert_eq!(cell_text(&dt(1.5, TimeDelta), None), "36:00:00");
    assert_eq!(column_name(0), "A");
    assert_eq!(column_name(25), "Z");
    assert_eq!(column_name(26), "AA");
    assert_eq!(column_name(16383), "XFD");
}

#[test]
fn a_sheet_without_a_header_is_lines() {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write(0, 0, "JABATAN PENGAWAS").unwrap();
    ws.write(2, 1, "teks").unwrap();
    ws.write(2, 3, 7).unwrap();
    let source = read(&wb.save_to_buffer().unwrap(), OriginalFormat::Xlsx).unwrap();
    assert_eq!(source.text, "**JABATAN PENGAWAS**\n\nteks 7\n");
    assert_eq!(
        source.origin.places[2],
        Place::Cells {
            sheet: "Sheet1".into(),
            range: "B3:D3".into()
        }
    );
}

#[test]
fn merges_are_clipped_to_the_table() {
    let mut wb = Workbook::new();
    let plain = Format::new();
    let ws = wb.add_worksheet();
    // A title merged down into the header row, beside the header: its
    // column holds nothing of the table.
    ws.merge_range(0, 0, 1, 0, "JUDUL", &plain).unwrap();
    ws.write(1, 1, "SASARAN").unwrap();
    ws.write(1, 2, "INDIKATOR KINERJA").unwrap();
    // A merge across the header and past the table's last column.
    ws.merge_range(1, 3, 1, 4, "SUMBER DATA", &plain).unwrap();
    ws.write(2, 1, "S").unwrap();
    ws.write(2, 2, "I").unwrap();
    ws.write(2, 3, "D").unwrap();
    let source = read(&wb.save_to_buffer().unwrap(), OriginalFormat::Xlsx).unwrap();
    assert_eq!(
        source.text,
        "JUDUL\n\n<table>\n\
         <tr><th>SASARAN</th><th>INDIKATOR KINERJA</th><th colspan=\"2\">SUMBER DATA</th></tr>\n\
         <tr><td>S</td><td>I</td><td>D</td><td></td></tr>\n\
         </table>\n"
    );
}

#[test]
fn damaged_workbooks_are_refused() {
    match read(b"PK\x03\x04 not a zip", OriginalFormat::Xlsx) {
        Err(ReadError::Damaged { format, .. }) => assert_eq!(format, "Excel"),
        other => panic!("{other:?}"),
    }
    match read(b"PK\x03\x04 not a zip", OriginalFormat::Ods) {
        Err(ReadError::Damaged { format, .. }) => assert_eq!(format, "OpenDocument spreadsheet"),
        other => panic!("{other:?}"),
    }
    match read(
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 short",
        OriginalFormat::Xls,
    ) {
        Err(ReadError::Damaged { .. }) => {}
        other => panic!("{other:?}"),
    }
}

/// An OpenDocument spreadsheet of one sheet whose `content.xml` is `rows`.
fn ods_of(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="IKI ODS"><table:table-column table:number-columns-repeated="4"/>{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("META-INF/manifest.xml", stored).unwrap();
    w.write_all(br#"<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>"#)
        .unwrap();
    w.start_file("content.xml", stored).unwrap();
    w.write_all(content.as_bytes()).unwrap();
    w.finish().unwrap().into_inner()
}

#[test]
fn opendocument_spans_and_percentages_are_read() {
    let s = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let rows = [
        r#"<table:table-row><table:table-cell office:value-type="string" table:number-columns-spanned="4"><text:p>JUDUL IKI</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="3"/></table:table-row>"#
            .to_string(),
        format!(
            "<table:table-row>{}{}{}{}</table:table-row>",
            s("SASARAN"),
            s("INDIKATOR KINERJA"),
            s("SUMBER DATA"),
            s("TARGET")
        ),
        format!(
            r#"<table:table-row><table:table-cell office:value-type="string" table:number-rows-spanned="2"><text:p>Sasaran</text:p></table:table-cell>{}{}<table:table-cell office:value-type="percentage" office:value="0.455"><text:p>45,5 %</text:p></table:table-cell></table:table-row>"#,
            s("Indikator 1"),
            s("Data 1")
        ),
        format!(
            r#"<table:table-row><table:covered-table-cell/>{}{}<table:table-cell office:value-type="float" office:value="3"><text:p>3</text:p></table:table-cell></table:table-row>"#,
            s("Indikator 2"),
            s("Data 2")
        ),
        r#"<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="4"/></table:table-row>"#.to_string(),
    ]
    .concat();
    let bytes = ods_of(&rows);
    assert_eq!(crate::sniff::sniff(&bytes), crate::Kind::Ods);
    let source = read(&bytes, OriginalFormat::Ods).unwrap();
    assert_eq!(
        source.text,
        "JUDUL IKI\n\n<table>\n\
         <tr><th>SASARAN</th><th>INDIKATOR KINERJA</th><th>SUMBER DATA</th><th>TARGET</th></tr>\n\
         <tr><td rowspan=\"2\">Sasaran</td><td>Indikator 1</td><td>Data 1</td><td>45.5%</td></tr>\n\
         <tr><td>Indikator 2</td><td>Data 2</td><td>3</td></tr>\n\
         </table>\n"
    );
    assert_eq!(
        source.origin.places[0],
        Place::Cells {
            sheet: "IKI ODS".into(),
            range: "A1:D1".into()
        }
    );
    assert_eq!(
        source.origin.places[5],
        Place::Cells {
            sheet: "IKI ODS".into(),
            range: "A4:D4".into()
        }
    );
}

#[test]
fn damaged_workbook_bytes_never_panic() {
    let bytes = matrix_workbook();
    for cut in (0..bytes.len()).step_by(211) {
        let _ = read(&bytes[..cut], OriginalFormat::Xlsx);
    }
    for at in (0..bytes.len()).step_by(29) {
        let mut b = bytes.clone();
        b[at] ^= 0x5A;
        let _ = read(&b, OriginalFormat::Xlsx);
    }
}
