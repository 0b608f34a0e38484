//! Parse then normalize: no panic, and normalizing is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn glossary() -> &'static iki_normalize::Glossary {
    static G: OnceLock<iki_normalize::Glossary> = OnceLock::new();
    G.get_or_init(|| iki_normalize::Glossary::builtin().expect("the built-in glossary loads"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = iki_parse::parse(data) {
        let once = iki_normalize::normalize(&parsed.document, glossary());
        let twice = iki_normalize::normalize(&once.document, glossary());
        assert!(twice.changes.is_empty(), "not idempotent: {:?}", twice.changes);
        let _ = iki_normalize::suggest(&[&once.document], glossary(), None);
    }
});
