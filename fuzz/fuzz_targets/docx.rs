//! The Word reader: any bytes as a .docx (the zip container), and the
//! same bytes as `word/document.xml` of a zip (stored, so the XML reader
//! is reached past the container's checks). A source text or an error,
//! never a panic; a source text parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;

/// A zip (stored, no compression) holding `xml` as word/document.xml.
fn docx_of(xml: &[u8]) -> Option<Vec<u8>> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    w.start_file("word/document.xml", stored).ok()?;
    w.write_all(xml).ok()?;
    Some(w.finish().ok()?.into_inner())
}

fn read(bytes: &[u8]) {
    if let Ok(source) = iki_originals::fuzzing::docx(bytes) {
        let _ = iki_parse::parse_text(&source.text);
    }
}

fuzz_target!(|data: &[u8]| {
    read(data);
    if !data.starts_with(b"PK") {
        if let Some(zip) = docx_of(data) {
            read(&zip);
        }
    }
});
