//! Tab-delimited table lines: splitting, cell cleaning, and recognizing
//! header and separator rows.

use crate::vocab::{self, Role};
use regex::Regex;
use std::sync::OnceLock;

/// Characters that PDF converters leave behind and that carry no text.
const DEBRIS: &[char] = &[
    '\u{25A1}', // □ white square (unrenderable glyph)
    '\u{25A0}', // ■ black square
    '\u{F0B7}', // private-use bullet from Word's Symbol font
    '\u{200B}', // zero-width space
    '\u{FEFF}', // stray byte-order mark
];

/// The formatting tags PDF-to-markdown converters leave in cells. Only
/// these are debris; any other markup (`<script>`, `<a href>`) is text the
/// document holds, kept as written and escaped by each output.
const FORMATTING_TAGS: &[&str] = &[
    "b", "i", "u", "s", "em", "strong", "br", "span", "sup", "sub", "p", "div", "font", "strike",
    "del", "ins", "small", "big", "mark",
];

fn tag_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::unwrap_used)] // a literal pattern, checked by the tests
        Regex::new(&format!(
            r"(?i)</?(?:{})(?:\s[^<>]*)?/?>|<!--.*?-->",
            FORMATTING_TAGS.join("|")
        ))
        .unwrap()
    })
}

/// Removes formatting tags and debris characters, decodes the common entities and
/// collapses whitespace. Spelling is left as written.
pub fn clean(text: &str) -> String {
    let without_tags = if text.contains('<') {
        tag_re().replace_all(text, " ")
    } else {
        text.into()
    };
    let mut out = String::with_capacity(without_tags.len());
    for word in without_tags
        .split(|c: char| c.is_whitespace() || DEBRIS.contains(&c))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.contains('&') {
        out = out
            .replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    }
    out
}

/// Splits a raw table line on tabs and cleans each cell.
pub fn split(raw: &str) -> Vec<String> {
    raw.split('\t').map(clean).collect()
}

/// A separator row: every cell is empty or only dashes, colons, equals signs.
pub fn is_separator(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| {
            c.chars()
                .all(|ch| matches!(ch, '-' | ':' | '=' | '_' | '|' | ' ' | '+'))
        })
}

/// If the row is a table header, the role of each of its cells.
pub fn header_roles(cells: &[String]) -> Option<Vec<Option<Role>>> {
    let filled: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
    if filled.len() < 3 || filled.iter().any(|c| c.chars().count() > 60) {
        return None;
    }
    let roles: Vec<Option<Role>> = cells.iter().map(|c| vocab::column_role(c)).collect();
    let all_named = cells
        .iter()
        .zip(&roles)
        .all(|(c, r)| c.is_empty() || r.is_some());
    let has_core = roles
        .iter()
        .any(|r| matches!(r, Some(Role::Sasaran) | Some(Role::Indikator)));
    (all_named && has_core).then_some(roles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_tags_debris_and_space() {
        assert_eq!(
            clean("Tanggapan ( <i>LHP BPK RI</i> )"),
            "Tanggapan ( LHP BPK RI )"
        );
        assert_eq!(clean("  Fungsional \u{25A1} "), "Fungsional");
        assert_eq!(clean("a\u{a0}\u{a0}b&amp;c"), "a b&c");
        assert_eq!(clean("x < 5 dan y > 3"), "x < 5 dan y > 3");
        assert_eq!(clean("<b>SASARAN</b>"), "SASARAN");
        assert_eq!(clean("<I>a</I><br/>b<span class=\"x\">c</span>"), "a b c");
        // Other markup is content, not debris.
        assert_eq!(
            clean("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(clean("<bold>x</bold>"), "<bold>x</bold>");
    }

    #[test]
    fn separators_and_headers() {
        assert!(is_separator(&split("---\t---\t--\t---")));
        assert!(is_separator(&split("------------\t--\t--\t--")));
        assert!(!is_separator(&split("\t\t\t")));
        assert!(!is_separator(&split("-\tJumlah\t\t")));
        let h = header_roles(&split(
            "NO.\tSASARAN\tINDIKATOR KINERJA\tPENJELASAN/FORMULASI PENGHITUNGAN\tSUMBER DATA",
        ))
        .unwrap();
        assert_eq!(
            h,
            vec![
                Some(Role::Number),
                Some(Role::Sasaran),
                Some(Role::Indikator),
                Some(Role::Formulasi),
                Some(Role::SumberData)
            ]
        );
        assert!(header_roles(&split(
            "Meningkatnya Sasaran\tJumlah\tJumlah\tLaporan Kinerja"
        ))
        .is_none());
    }
}
