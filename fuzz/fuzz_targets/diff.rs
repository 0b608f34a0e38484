//! An input diffed against a mutated copy of itself (lines dropped, swapped
//! or edited, chosen by the input's first byte), and against itself (which
//! must give no change). Every report format is rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn mutate(text: &str, how: u8) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    if lines.is_empty() {
        return String::new();
    }
    let n = lines.len();
    let i = how as usize % n;
    match how % 4 {
        0 => {
            lines.remove(i);
        }
        1 => lines.swap(i, (i * 7 + 3) % n),
        2 => lines[i].push_str(" 2025 baru"),
        _ => lines.insert(i, lines[(i + 1) % n].clone()),
    }
    lines.join("\n")
}

fuzz_target!(|data: &[u8]| {
    let Some((&how, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let Ok(old) = iki_parse::parse_text(text) else { return };
    let Ok(new) = iki_parse::parse_text(&mutate(text, how)) else { return };
    let options = iki_diff::Options::default();
    assert!(iki_diff::diff(&old.document, &old.document, &options).is_empty());
    let changes = iki_diff::diff(&old.document, &new.document, &options);
    let report = iki_diff::Report::new(
        iki_diff::Side::of("old", &old.document),
        iki_diff::Side::of("new", &new.document),
        changes,
    );
    let _ = iki_diff::report::terminal(&report, true);
    let _ = iki_diff::report::markdown(&report);
    let _ = iki_diff::report::html(&report);
});
