//! Any bytes: parsing returns a document or an error, never panics, and a
//! document accounts for every non-blank line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = iki_parse::parse(data) {
        let text = iki_parse::decode::decode(data).map(|d| d.text).unwrap_or_default();
        let non_blank = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, _)| i as u32 + 1);
        let lost = parsed.document.unaccounted_lines(non_blank);
        assert!(lost.is_empty(), "lines not accounted for: {lost:?}");
    }
});
