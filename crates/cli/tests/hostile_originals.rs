//! Damaged and hostile originals: clear errors, bounded time and memory,
//! never a panic.
//!
//! Each hostile file is made at test time in a temporary folder (the two
//! encrypted PDFs are fixtures in `fixtures/originals/hostile/`), read with
//! `iki convert FILE -o OUT` under a time limit, and must give its exit
//! status and a message naming the file and the cause, with no output
//! written and no panic. Set `IKI_KEEP_HOSTILE=1` to keep the folder (its
//! path is printed) and measure the files by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use assert_cmd::Command;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A hang guard: every case here ends in seconds.
const TIME_LIMIT: Duration = Duration::from_secs(120);

/// A temporary folder for the hostile files (kept with IKI_KEEP_HOSTILE=1).
struct Dir(Option<tempfile::TempDir>);

impl Dir {
    fn new() -> Dir {
        Dir(Some(tempfile::tempdir().unwrap()))
    }

    fn path(&self) -> &Path {
        self.0.as_ref().unwrap().path()
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        if std::env::var_os("IKI_KEEP_HOSTILE").is_some_and(|v| v == "1") {
            if let Some(dir) = self.0.take() {
                eprintln!("kept {}", dir.keep().display());
            }
        }
    }
}

/// What `iki convert INPUT -o OUT` did.
struct Run {
    code: i32,
    stderr: String,
    written: bool,
}

fn convert(input: &Path) -> Run {
    let out = input.with_extension("out.json");
    let started = Instant::now();
    let run = Command::cargo_bin("iki")
        .unwrap()
        .args(["convert", "-q", "--lang", "en"])
        .arg(input)
        .arg("-o")
        .arg(&out)
        .timeout(TIME_LIMIT)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    let name = input.file_name().unwrap().to_string_lossy();
    eprintln!(
        "{name}: exit {:?} in {:.1} s: {}",
        run.status.code(),
        started.elapsed().as_secs_f64(),
        stderr.trim()
    );
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    // A run killed by the time limit has no exit code.
    let code = run
        .status
        .code()
        .unwrap_or_else(|| panic!("{name}: no exit status (killed after {TIME_LIMIT:?}?)"));
    Run {
        code,
        stderr,
        written: out.exists(),
    }
}

/// `input` is refused with exit status `code`, a one-line message naming
/// it and holding every one of `says`, and nothing written.
fn refused(input: &Path, code: i32, says: &[&str]) -> String {
    let run = convert(input);
    let name = input.file_name().unwrap().to_string_lossy().into_owned();
    assert_eq!(run.code, code, "{name}: {}", run.stderr);
    assert!(!run.written, "{name}: an output was written");
    let message = run.stderr.trim();
    assert!(message.contains(&name), "{name}: not named: {message}");
    assert_eq!(message.lines().count(), 1, "{name}: {message}");
    for s in says {
        assert!(message.contains(s), "{name}: no {s:?} in: {message}");
    }
    message.to_string()
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("fixtures/originals").join(name)
}

/// A PDF of `pages` pages writing one line each in Courier (none: a
/// file with `/Count 0`).
fn pdf(pages: &[&str]) -> Vec<u8> {
    let lines: Vec<[(u32, u32, &str); 1]> = pages.iter().map(|t| [(40, 800, *t)]).collect();
    let pages: Vec<&[(u32, u32, &str)]> = lines.iter().map(|l| &l[..]).collect();
    iki_bench::originals::text_pdf(&pages)
}

#[test]
fn damaged_pdfs_say_so() {
    if !common::pdftotext_available() {
        return;
    }
    let dir = Dir::new();
    let whole = std::fs::read(fixture("dinsos-word.pdf")).unwrap();
    let cut = dir.write("cut-short.pdf", &whole[..3000]);
    refused(&cut, 65, &["damaged PDF file", "pdftotext cannot open it"]);
    let garbage = dir.write(
        "garbage.pdf",
        b"%PDF-1.7\n\x00\xff\xfe garbage \x01\x02 not objects\n%%EOF\n",
    );
    refused(&garbage, 65, &["damaged PDF file", "print it to a new PDF"]);
    let empty = dir.write("no-pages.pdf", &pdf(&[]));
    refused(&empty, 65, &["damaged PDF file: it has no pages"]);
}

#[test]
fn a_pdf_with_a_user_password_says_how_to_remove_it() {
    if !common::pdftotext_available() {
        return;
    }
    refused(
        &fixture("hostile/user-password.pdf"),
        65,
        &[
            "the PDF is password-protected",
            "qpdf --decrypt --password=",
        ],
    );
}

/// A PDF with only an owner password (restrictions on printing or
/// copying) opens without one: pdftotext reads it.
#[test]
fn a_pdf_with_only_an_owner_password_is_read() {
    if !common::pdftotext_available() {
        return;
    }
    let run = convert(&fixture("hostile/owner-password.pdf"));
    assert!(!run.stderr.contains("password-protected"), "{}", run.stderr);
    // A heading and a table header are no IKI document, but they were
    // read: the errors are about its table.
    assert_eq!(run.code, 65, "{}", run.stderr);
    assert!(
        run.stderr.contains("KEPALA DINAS has a table header"),
        "{}",
        run.stderr
    );
    assert!(!run.written);

    // The whole Dinas Sosial PDF, owner-encrypted when qpdf is here.
    let dir = Dir::new();
    let out = dir.path().join("dinsos-owner.pdf");
    let made = std::process::Command::new("qpdf")
        .args(["--encrypt", "", "owner", "256", "--"])
        .arg(fixture("dinsos-word.pdf"))
        .arg(&out)
        .output();
    if !made.is_ok_and(|m| m.status.success()) {
        eprintln!("note: qpdf is not installed; skipping the owner-encrypted Dinas Sosial PDF");
        return;
    }
    let run = convert(&out);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.written);
}

#[test]
fn a_scanned_pdf_says_to_run_ocr() {
    if !common::pdftotext_available() {
        return;
    }
    refused(
        &fixture("scan-no-text.pdf"),
        65,
        &["no text layer", "ocrmypdf"],
    );
}

/// A zip of `(name, bytes)` parts, deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82";

#[test]
fn a_docx_that_holds_no_word_xml_says_so() {
    let dir = Dir::new();
    let png = dir.write("picture.docx", &zip_of(&[("word/document.xml", PNG)]));
    refused(
        &png,
        65,
        &["damaged Word file", "word/document.xml", "not UTF-8 text"],
    );
    let text = dir.write(
        "text.docx",
        &zip_of(&[(
            "word/document.xml",
            b"Laporan kinerja: this is a text file, <not XML",
        )]),
    );
    refused(&text, 65, &["damaged Word file", "word/document.xml"]);
    let html = dir.write(
        "html.docx",
        &zip_of(&[("word/document.xml", b"<html><body><p>IKI</p></body></html>")]),
    );
    refused(&html, 65, &["html.docx"]);
    let odt = dir.write(
        "writer.docx",
        &zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ]),
    );
    refused(&odt, 65, &["neither a Word (.docx) nor a spreadsheet"]);
}

/// A raw deflate stream of `prefix`, `chunks` times `chunk`, and
/// `suffix`, made without compressing the whole: each piece is compressed
/// on its own up to a full flush (byte-aligned, no back references into
/// the piece before), so the chunk's compressed bytes repeat. Returns the
/// stream, the inflated size and its CRC-32.
fn deflate_repeated(
    prefix: &[u8],
    chunk: &[u8],
    chunks: u64,
    suffix: &[u8],
) -> (Vec<u8>, u64, u32) {
    use flate2::{Compress, Compression, FlushCompress};
    let piece = |bytes: &[u8], flush: FlushCompress| -> Vec<u8> {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(bytes.len() / 100 + 1024);
        loop {
            let read = c.total_in() as usize;
            c.compress_vec(&bytes[read..], &mut out, flush).unwrap();
            if c.total_in() as usize == bytes.len() && out.len() < out.capacity() {
                break;
            }
            out.reserve(out.capacity());
        }
        out
    };
    let head = piece(prefix, FlushCompress::Full);
    let body = piece(chunk, FlushCompress::Full);
    let tail = piece(suffix, FlushCompress::Finish);
    let mut stream = head;
    for _ in 0..chunks {
        stream.extend_from_slice(&body);
    }
    stream.extend_from_slice(&tail);

    // The CRC of the repeats by doubling (crc32fast combines hashes).
    let mut crc = crc32fast::Hasher::new();
    crc.update(prefix);
    let mut power = crc32fast::Hasher::new();
    power.update(chunk);
    let mut n = chunks;
    while n > 0 {
        if n & 1 == 1 {
            crc.combine(&power);
        }
        let twice = power.clone();
        power.combine(&twice);
        n >>= 1;
    }
    let mut end = crc32fast::Hasher::new();
    end.update(suffix);
    crc.combine(&end);
    let size = prefix.len() as u64 + chunks * chunk.len() as u64 + suffix.len() as u64;
    (stream, size, crc.finalize())
}

/// A zip written by hand, so a part can be deflated ahead (a bomb) and
/// declare any size: `(name, method, data, crc, declared size)`, method 0
/// stored or 8 deflated. Sizes must fit 32 bits (no zip64).
fn raw_zip(parts: &[(&str, u16, &[u8], u32, u64)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, crc, size) in parts {
        let offset = u32::try_from(out.len()).unwrap();
        let size = u32::try_from(*size).unwrap();
        let compressed = u32::try_from(data.len()).unwrap();
        let fields = |out: &mut Vec<u8>| {
            out.extend(20u16.to_le_bytes()); // version needed
            out.extend(0u16.to_le_bytes()); // flags
            out.extend(method.to_le_bytes());
            out.extend(0u16.to_le_bytes()); // time
            out.extend(0x21u16.to_le_bytes()); // date: 1980-01-01
            out.extend(crc.to_le_bytes());
            out.extend(compressed.to_le_bytes());
            out.extend(size.to_le_bytes());
            out.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            out.extend(0u16.to_le_bytes()); // extra field length
        };
        out.extend(b"PK\x03\x04");
        fields(&mut out);
        out.extend(name.as_bytes());
        out.extend_from_slice(data);
        central.extend(b"PK\x01\x02");
        central.extend(20u16.to_le_bytes()); // version made by
        fields(&mut central);
        central.extend(0u16.to_le_bytes()); // comment length
        central.extend(0u16.to_le_bytes()); // disk
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = u32::try_from(out.len()).unwrap();
    let count = u16::try_from(parts.len()).unwrap();
    let central_len = u32::try_from(central.len()).unwrap();
    out.extend(central);
    out.extend(b"PK\x05\x06");
    out.extend([0u8; 4]); // disks
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(central_len.to_le_bytes());
    out.extend(at.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// A stored part of a [`raw_zip`].
fn stored<'a>(name: &'a str, data: &'static [u8]) -> (&'a str, u16, &'static [u8], u32, u64) {
    (name, 0, data, crc32fast::hash(data), data.len() as u64)
}

const MIB: u64 = 1024 * 1024;

/// About 4 GiB (4094 MiB and a few bytes, under the 32-bit zip size) of
/// `<w:p/>`-free spaces inside a Word body, deflated to about 4 MB.
fn word_bomb() -> (Vec<u8>, u64, u32) {
    deflate_repeated(
        b"<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>IKI</w:t></w:r></w:p>",
        &[b' '; MIB as usize],
        4094,
        b"</w:body></w:document>",
    )
}

#[test]
fn a_zip_bomb_docx_is_refused_before_it_inflates() {
    let dir = Dir::new();
    let (bomb, size, crc) = word_bomb();
    assert!(size > 4000 * MIB && bomb.len() < 8 * MIB as usize);
    let honest = dir.write(
        "bomb.docx",
        &raw_zip(&[("word/document.xml", 8, &bomb, crc, size)]),
    );
    let started = Instant::now();
    refused(
        &honest,
        65,
        &[
            "Word file too large to read",
            "word/document.xml inflates to 4095 MiB",
            "more than the 256 MiB iki reads of one part",
        ],
    );
    assert!(started.elapsed() < Duration::from_secs(30));

    // The same part declaring 1000 bytes: the zip reader stops there.
    let lying = dir.write(
        "lying-bomb.docx",
        &raw_zip(&[("word/document.xml", 8, &bomb, crc, 1000)]),
    );
    refused(
        &lying,
        65,
        &[
            "damaged Word file",
            "word/document.xml cannot be decompressed",
        ],
    );
}

/// Under the part limit, but 600,000 tiny paragraphs (20 MiB of XML in
/// 60 KB): more lines than iki reads, refused as soon as it passes them.
#[test]
fn a_docx_of_a_million_lines_is_refused() {
    let dir = Dir::new();
    let mut xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".to_vec();
    xml.extend(b"<w:p><w:r><w:t>x</w:t></w:r></w:p>".repeat(600_000));
    xml.extend(b"</w:body></w:document>");
    let path = dir.write("lines.docx", &zip_of(&[("word/document.xml", &xml)]));
    refused(
        &path,
        65,
        &[
            "Word file too large to read",
            "word/document.xml holds more than the 1000000 lines iki reads of one file",
        ],
    );
}

/// The parts of a one-sheet workbook, but the sheet.
const WORKBOOK: [(&str, &[u8]); 4] = [
    (
        "[Content_Types].xml",
        br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    ),
    (
        "_rels/.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    ),
    (
        "xl/workbook.xml",
        br#"<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="IKI" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    ),
    (
        "xl/_rels/workbook.xml.rels",
        br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    ),
];

#[test]
fn a_zip_bomb_xlsx_is_refused_before_it_inflates() {
    let dir = Dir::new();
    let (bomb, size, crc) = deflate_repeated(
        br#"<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>SASARAN</t></is></c></row>"#,
        &br#"<row r="2" s="1" customFormat="1"/>"#.repeat(30_000),
        4000,
        b"</sheetData></worksheet>",
    );
    assert!(size > 4000 * MIB);
    let mut parts: Vec<(&str, u16, &[u8], u32, u64)> =
        WORKBOOK.iter().map(|(n, d)| stored(n, d)).collect();
    parts.push(("xl/worksheets/sheet1.xml", 8, &bomb, crc, size));
    let path = dir.write("bomb.xlsx", &raw_zip(&parts));
    refused(
        &path,
        65,
        &[
            "Excel file too large to read",
            "xl/worksheets/sheet1.xml inflates to",
            "more than the 256 MiB iki reads of one part",
        ],
    );

    // Many sheet parts each under the part limit, together past the total.
    let (part, size, crc) =
        deflate_repeated(b"<worksheet>", &[b' '; MIB as usize], 200, b"</worksheet>");
    let names: Vec<String> = (1..=3)
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts: Vec<(&str, u16, &[u8], u32, u64)> =
        WORKBOOK.iter().map(|(n, d)| stored(n, d)).collect();
    for name in &names {
        parts.push((name.as_str(), 8, &part, crc, size));
    }
    let path = dir.write("bombs.xlsx", &raw_zip(&parts));
    refused(
        &path,
        65,
        &[
            "Excel file too large to read",
            "more than the 512 MiB iki reads of one file together",
        ],
    );
}

/// Two values at opposite corners of a sheet: calamine would make a grid
/// of 17 billion cells.
#[test]
fn an_xlsx_whose_used_range_is_the_whole_sheet_is_refused() {
    let dir = Dir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("IKI").unwrap();
    ws.write(0, 0, "SASARAN").unwrap();
    ws.write(0, 1, "INDIKATOR KINERJA").unwrap();
    ws.write(1_048_575, 16_383, "x").unwrap();
    let path = dir.write("corners.xlsx", &wb.save_to_buffer().unwrap());
    refused(
        &path,
        65,
        &[
            "Excel file too large to read",
            "sheet 'IKI': its cells with values span A1:XFD1048576 (1048576 rows by 16384 columns)",
            "more than the 2000000 cells iki reads of one sheet",
        ],
    );
}

/// The same in an OpenDocument sheet: a few hundred bytes of content.xml
/// repeating a value over 6000 rows of 16384 columns.
#[test]
fn an_ods_whose_repeats_fill_the_sheet_is_refused() {
    let dir = Dir::new();
    let content = br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="IKI"><table:table-row><table:table-cell office:value-type="string"><text:p>SASARAN</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>INDIKATOR KINERJA</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="6000"><table:table-cell office:value-type="string" table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#;
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("mimetype", stored).unwrap();
    w.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content).unwrap();
    w.start_file(
        "META-INF/manifest.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    w.write_all(manifest).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let path = dir.write("repeats.ods", &bytes);
    refused(
        &path,
        65,
        &[
            "OpenDocument spreadsheet file too large to read",
            "sheet 'IKI': its cells with values span A1:XFD6001",
            "more than the 2000000 cells iki reads of one sheet",
        ],
    );
}

/// An IKI table, then 1,000,000 formatted rows with nothing in them (a
/// border set down whole columns): read in bounded time, the rows of the
/// table and nothing else.
#[test]
fn an_xlsx_with_a_million_empty_formatted_rows_reads_its_table() {
    let dir = Dir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    // Its row files go to the test's folder, not the system's.
    wb.set_tempdir(dir.path()).unwrap();
    let ws = wb.add_worksheet_with_constant_memory().unwrap();
    ws.set_name("IKI").unwrap();
    let header = [
        "NO",
        "SASARAN",
        "INDIKATOR KINERJA",
        "FORMULASI",
        "SUMBER DATA",
    ];
    ws.write(0, 0, "1. JABATAN KEPALA DINAS").unwrap();
    for (c, h) in header.iter().enumerate() {
        ws.write(2, c as u16, *h).unwrap();
    }
    let row = [
        "1",
        "Meningkatnya layanan",
        "Indeks kepuasan",
        "Survei",
        "Laporan",
    ];
    for (c, v) in row.iter().enumerate() {
        ws.write(3, c as u16, *v).unwrap();
    }
    let border = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    for r in 4..1_000_004u32 {
        ws.set_row_format(r, &border).unwrap();
        if r % 4 == 0 {
            // Some rows with blank formatted cells, as a border drawn
            // over a range writes them.
            for c in 0..5 {
                ws.write_blank(r, c, &border).unwrap();
            }
        }
    }
    let path = dir.write("formatted-rows.xlsx", &wb.save_to_buffer().unwrap());
    let started = Instant::now();
    let run = convert(&path);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.written);
    assert!(started.elapsed() < Duration::from_secs(90));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path.with_extension("out.json")).unwrap()).unwrap();
    let text = json.to_string();
    assert!(text.contains("Indeks kepuasan"), "{text}");
}

/// An encrypted .docx or .xlsx is an OLE2 file holding an
/// `EncryptedPackage` stream, not a Word 97-2003 file.
#[test]
fn an_encrypted_office_file_says_it_has_a_password() {
    let dir = Dir::new();
    let mut ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    ole.extend([0u8; 600]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    ole.extend([0u8; 64]);
    let path = dir.write("locked.xlsx", &ole);
    refused(
        &path,
        65,
        &["is password-protected", "save a copy without one"],
    );
}
