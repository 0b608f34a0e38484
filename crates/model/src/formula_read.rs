//! A typed reading of the formulasi cell: ratios written in LaTeX
//! (`$\frac{\text{A}}{\text{B}} \times 100\%$`) or in words
//! ("A dibagi B x 100%", "(A / B) x 100%").

use crate::Formula;
use regex::Regex;
use std::sync::OnceLock;

impl Formula {
    /// Reads a ratio out of a formulasi cell, if it has one.
    pub fn read(formulasi: &str) -> Option<Formula> {
        read_formula(formulasi)
    }
}

fn read_formula(formulasi: &str) -> Option<Formula> {
    if let Some(at) = formulasi.find("\\frac") {
        return read_latex(&formulasi[at + "\\frac".len()..]);
    }
    read_words(formulasi)
}

/// Reads `{num}{den} rest` after `\frac`.
fn read_latex(after: &str) -> Option<Formula> {
    let (num, rest) = braced(after)?;
    let (den, rest) = braced(rest)?;
    let (multiplier, unit) = read_multiplier(&latex_text(rest));
    Some(Formula::Ratio {
        numerator: latex_text(num),
        denominator: latex_text(den),
        multiplier,
        unit,
    })
}

/// The contents of the first `{...}` group (balanced) and what follows it.
fn braced(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let body = s.strip_prefix('{')?;
    let mut depth = 1usize;
    for (i, c) in body.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&body[..i], &body[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// LaTeX to plain text: `\text{..}` unwrapped, `\times` to `x`, `\%` to `%`,
/// other commands, braces and `$` dropped.
fn latex_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let mut name = String::new();
                while let Some(&n) = chars.peek() {
                    if n.is_ascii_alphabetic() {
                        name.push(n);
                        chars.next();
                    } else {
                        break;
                    }
                }
                match name.as_str() {
                    "" => {
                        if let Some(n) = chars.next() {
                            out.push(n);
                        }
                    }
                    "times" | "cdot" => out.push_str(" x "),
                    _ => out.push(' '),
                }
            }
            '{' | '}' | '$' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[allow(clippy::unwrap_used)] // literal patterns, exercised by the tests
fn multiplier_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\s*\)?\s*(?:x|×|\*|dikali(?:kan)?(?:\s+dengan)?)\s*(\d+)\s*(%|persen)?")
            .unwrap()
    })
}

fn read_multiplier(rest: &str) -> (Option<u32>, Option<String>) {
    match multiplier_re().captures(rest) {
        Some(c) => (
            c[1].parse().ok(),
            c.get(2).map(|m| {
                if m.as_str() == "%" {
                    "%".to_string()
                } else {
                    m.as_str().to_lowercase()
                }
            }),
        ),
        None => (None, None),
    }
}

#[allow(clippy::unwrap_used)]
fn words_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(?i)^\(?\s*(.+?)\s+(?:dibagi(?:\s+dengan)?|/|:)\s+(.+?)\s*\)?\s*((?:x|×|\*|dikali(?:kan)?(?:\s+dengan)?)\s*\d+\s*(?:%|persen)?)\s*\.?$").unwrap()
    })
}

/// "A dibagi B x 100%": only with an explicit multiplier, so that ordinary
/// text containing a slash ("Listrik/Penerangan") is not read as a ratio.
fn read_words(s: &str) -> Option<Formula> {
    // The pattern needs a multiplier (a digit) and a divider between
    // spaces; most cells have neither, and need not pay for the regex (nor
    // for compiling it at start-up).
    if !s.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    // "dibagi" in any case: no letter outside ASCII lowers into it.
    let dibagi = s
        .as_bytes()
        .windows(6)
        .any(|w| w.eq_ignore_ascii_case(b"dibagi"));
    if !(s.contains(" / ") || s.contains(" : ") || dibagi) {
        return None;
    }
    let c = words_re().captures(s.trim())?;
    let (multiplier, unit) = read_multiplier(&c[3]);
    Some(Formula::Ratio {
        numerator: c[1].trim().to_string(),
        denominator: c[2].trim().to_string(),
        multiplier,
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(n: &str, d: &str, m: Option<u32>, u: Option<&str>) -> Option<Formula> {
        Some(Formula::Ratio {
            numerator: n.into(),
            denominator: d.into(),
            multiplier: m,
            unit: u.map(Into::into),
        })
    }

    #[test]
    fn latex_fraction() {
        assert_eq!(
            read_formula(
                r"$\frac{\text{Jumlah ASN yang Penilaian Kinerjanya Baik}}{\text{Jumlah ASN}} \times 100\%$"
            ),
            ratio(
                "Jumlah ASN yang Penilaian Kinerjanya Baik",
                "Jumlah ASN",
                Some(100),
                Some("%")
            )
        );
        assert_eq!(read_formula(r"$\frac{A}{B}$"), ratio("A", "B", None, None));
        assert_eq!(read_formula(r"$\frac{A"), None);
    }

    #[test]
    fn words() {
        assert_eq!(
            read_formula("Jumlah ASN disiplin dibagi Jumlah ASN x 100%"),
            ratio("Jumlah ASN disiplin", "Jumlah ASN", Some(100), Some("%"))
        );
        assert_eq!(
            read_formula("(Realisasi / Target) x 100 %"),
            ratio("Realisasi", "Target", Some(100), Some("%"))
        );
        assert_eq!(
            read_formula("Jumlah Paket Komponen Instalasi Listrik/Penerangan"),
            None
        );
        assert_eq!(read_formula("Jumlah Laporan Kinerja"), None);
    }
}
