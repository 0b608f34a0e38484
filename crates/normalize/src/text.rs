//! The text rules, each a pure function from a text to its fixed form.
//! They are applied in [`iki_model::Rule::ALL`] order by `walk`, and each is
//! idempotent: applying it to its own output changes nothing.

use regex::Regex;
use std::collections::HashSet;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Characters with no width that converters leave inside words.
const INVISIBLE: &[char] = &[
    '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{AD}',
];

/// Unicode NFC.
pub fn nfc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    s.nfc().collect()
}

/// Every kind of space (no-break, figure, ideographic, tabs, newlines) to a
/// single space; invisible characters removed; ends trimmed.
pub fn whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(char::is_whitespace)
        .map(|w| w.replace(INVISIBLE, ""))
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Applies `f` to the prose of `s`, leaving `$...$` math untouched.
pub fn prose(s: &str, f: impl Fn(&str) -> String) -> String {
    if !s.contains('$') {
        return f(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('$') {
        let Some(close) = rest[open + 1..].find('$').map(|c| open + 1 + c) else {
            break;
        };
        out.push_str(&f(&rest[..open]));
        out.push_str(&rest[open..=close]);
        rest = &rest[close + 1..];
    }
    out.push_str(&f(rest));
    out
}

#[allow(clippy::unwrap_used)] // literal patterns, exercised by the tests
fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| Regex::new(pattern).unwrap())
}

/// Spacing around punctuation: none before `, ; : . ! ? ) ]`, none after
/// `( [`, and none on one side only of a hyphen or slash joining two words
/// ("se- Kabupaten", "penerimaan/ pendapatan"). A spaced dash or slash on
/// both sides is a separator and stays; so does a suspended hyphen before a
/// conjunction ("pra- dan pascadiklat").
pub fn punctuation(s: &str) -> String {
    static BEFORE: OnceLock<Regex> = OnceLock::new();
    static AFTER: OnceLock<Regex> = OnceLock::new();
    static JOIN_RIGHT: OnceLock<Regex> = OnceLock::new();
    static JOIN_LEFT: OnceLock<Regex> = OnceLock::new();
    // Matches do not overlap ("0 -a -0" needs two rounds): repeat until
    // nothing changes. Every round removes a space, so this ends.
    let once = |p: &str| -> String {
        let p = re(&BEFORE, r"\s+([,;:.!?)\]])").replace_all(p, "$1");
        let p = re(&AFTER, r"([(\[])\s+").replace_all(&p, "$1");
        let p = re(&JOIN_RIGHT, r"(\w)([-/])\s+(\w+)").replace_all(&p, |c: &regex::Captures| {
            if matches!(c[3].to_lowercase().as_str(), "dan" | "atau" | "serta") {
                c[0].to_string()
            } else {
                format!("{}{}{}", &c[1], &c[2], &c[3])
            }
        });
        re(&JOIN_LEFT, r"(\w)\s+([-/])(\w)")
            .replace_all(&p, "$1$2$3")
            .into_owned()
    };
    prose(s, |p| {
        let mut current = p.to_string();
        loop {
            let next = once(&current);
            if next == current {
                return current;
            }
            current = next;
        }
    })
}

/// Two or more dots ending the text become one ("fungsinya.." -> "fungsinya.").
pub fn trailing_dots(s: &str) -> String {
    let trimmed = s.trim_end_matches('.');
    if s.len() - trimmed.len() >= 2 && !trimmed.is_empty() {
        format!("{trimmed}.")
    } else {
        s.to_string()
    }
}

/// Word spans of `s`: runs of letters and digits.
pub fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// A word immediately repeated (case-insensitive, only spaces between) is
/// removed: "Kepegawaian Kepegawaian" -> "Kepegawaian". Numbers and one-letter
/// words are left alone.
pub fn doubled_words(s: &str) -> String {
    prose(s, |p| {
        let ws = words(p);
        let mut out = String::with_capacity(p.len());
        let mut copied = 0;
        for pair in ws.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (wa, wb) = (&p[a.0..a.1], &p[b.0..b.1]);
            let between = &p[a.1..b.0];
            let repeat = wa.chars().count() >= 2
                && wa.chars().all(char::is_alphabetic)
                && wa.to_lowercase() == wb.to_lowercase()
                && !between.is_empty()
                && between.chars().all(|c| c == ' ')
                && a.1 >= copied;
            if repeat {
                out.push_str(&p[copied..a.1]);
                copied = b.1;
            }
        }
        out.push_str(&p[copied..]);
        out
    })
}

/// The lowercase forms of words a document spells in ordinary case
/// (all lower, Capitalized, or ALL UPPER): the evidence [`inner_case`] needs.
pub fn ordinary_words<'a>(texts: impl IntoIterator<Item = &'a str>) -> HashSet<String> {
    let mut known = HashSet::new();
    for t in texts {
        for (a, b) in words(t) {
            let w = &t[a..b];
            if is_ordinary_case(w) {
                known.insert(w.to_lowercase());
            }
        }
    }
    known
}

fn is_ordinary_case(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    rest.iter().all(|c| !c.is_uppercase())
        || (first.is_uppercase() && rest.iter().all(|c| !c.is_lowercase()))
}

/// Wrong case inside a word: two or more capitals then lower case
/// ("DOKumentasi", "STRuktural") becomes Capitalized, but only where the
/// document itself spells the word in ordinary case somewhere (`known`).
/// Acronyms with a suffix ("PNSnya") are not in `known`, so they stay.
pub fn inner_case(s: &str, known: &HashSet<String>) -> String {
    prose(s, |p| {
        let mut out = String::with_capacity(p.len());
        let mut copied = 0;
        for (a, b) in words(p) {
            let w = &p[a..b];
            let upper = w.chars().take_while(|c| c.is_uppercase()).count();
            let rest_lower = w.chars().skip(upper).all(|c| c.is_lowercase());
            let total = w.chars().count();
            if upper >= 2 && total - upper >= 2 && rest_lower && known.contains(&w.to_lowercase()) {
                out.push_str(&p[copied..a]);
                let mut chars = w.chars();
                if let Some(f) = chars.next() {
                    out.push(f);
                    out.extend(chars.flat_map(char::to_lowercase));
                }
                copied = b;
            }
        }
        out.push_str(&p[copied..]);
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_and_nfc() {
        assert_eq!(whitespace(" a\u{a0}\u{a0}b\u{200b}c\t d "), "a bc d");
        assert_eq!(nfc("Cafe\u{301}"), "Caf\u{e9}");
    }

    #[test]
    fn punctuation_spacing() {
        assert_eq!(punctuation("( LHP BPK RI )"), "(LHP BPK RI)");
        assert_eq!(punctuation("kegiatan , dan .."), "kegiatan, dan..");
        assert_eq!(
            punctuation("SKP PD se- Kabupaten Sumenep"),
            "SKP PD se-Kabupaten Sumenep"
        );
        assert_eq!(
            punctuation("penerimaan/ pendapatan"),
            "penerimaan/pendapatan"
        );
        assert_eq!(punctuation("gelar / peningkatan"), "gelar / peningkatan");
        assert_eq!(punctuation("(GU) / Langsung (LS)"), "(GU) / Langsung (LS)");
        assert_eq!(punctuation("Pra- dan Pasca"), "Pra- dan Pasca");
        assert_eq!(
            punctuation(r"$\frac{A}{B} \times 100\%$ ( x )"),
            r"$\frac{A}{B} \times 100\%$ (x)"
        );
        let once = punctuation("a ( b ,c ) d- e");
        assert_eq!(punctuation(&once), once);
        // Overlapping spots need more than one regex pass.
        assert_eq!(punctuation("0 -a -0"), "0-a-0");
    }

    #[test]
    fn dots_and_doubles() {
        assert_eq!(trailing_dots("fungsinya.."), "fungsinya.");
        assert_eq!(trailing_dots("kepegawaian..."), "kepegawaian.");
        assert_eq!(trailing_dots("selesai."), "selesai.");
        assert_eq!(trailing_dots(".."), "..");
        assert_eq!(
            doubled_words("Data Kepegawaian Kepegawaian"),
            "Data Kepegawaian"
        );
        assert_eq!(
            doubled_words("Pelantikan pelantikan Pegawai"),
            "Pelantikan Pegawai"
        );
        assert_eq!(
            doubled_words("a a 10 10 tugas-tugas"),
            "a a 10 10 tugas-tugas"
        );
        assert_eq!(doubled_words("dan dan dan"), "dan");
    }

    #[test]
    fn inner_case_needs_evidence() {
        let known = ordinary_words(["Dokumentasi kegiatan", "Jabatan Struktural"]);
        assert_eq!(
            inner_case("Terlaksananya DOKumentasi", &known),
            "Terlaksananya Dokumentasi"
        );
        assert_eq!(inner_case("STRuktural", &known), "Struktural");
        assert_eq!(inner_case("PNSnya", &known), "PNSnya");
        assert_eq!(inner_case("ASN PPPK", &known), "ASN PPPK");
    }
}
