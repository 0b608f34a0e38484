//! The layout-text reader (what `pdftotext -layout` writes): any text
//! gives a source text or an error, never a panic; a source text parses.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(source) = iki_originals::fuzzing::layout(&text) {
        let _ = iki_parse::parse_text(&source.text);
    }
});
