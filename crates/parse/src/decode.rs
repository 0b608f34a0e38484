//! Bytes to text: byte-order marks, UTF-16, a Windows-1252 fallback for
//! invalid UTF-8, and line endings normalized to `\n`.

use crate::ParseError;
use iki_model::{Diagnostic, Severity, Span};

/// Decoded text and how it was decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line endings and no BOM.
    pub text: String,
    /// The encoding that was read: "utf-8", "utf-16le", "utf-16be" or "windows-1252".
    pub encoding: &'static str,
    /// Warnings about the decoding.
    pub diagnostics: Vec<Diagnostic>,
}

/// Decodes a document's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ParseError> {
    let mut diagnostics = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (utf8_or_1252(rest, &mut diagnostics)?, "utf-8")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (t, bad) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        utf16_warning(bad, &t, &mut diagnostics);
        (t.into_owned(), "utf-16le")
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (t, bad) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        utf16_warning(bad, &t, &mut diagnostics);
        (t.into_owned(), "utf-16be")
    } else {
        let text = utf8_or_1252(bytes, &mut diagnostics)?;
        let enc = if diagnostics.iter().any(|d| d.code == "decoded-windows-1252") {
            "windows-1252"
        } else {
            "utf-8"
        };
        (text, enc)
    };
    check_text(&text)?;
    Ok(Decoded {
        text: normalize_newlines(text),
        encoding,
        diagnostics,
    })
}

fn utf8_or_1252(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Result<String, ParseError> {
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err(ParseError::NotText {
            line: line_at(bytes, pos),
            why: "it contains NUL bytes",
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if mostly_utf8(bytes) => {
            // UTF-8 with a few bad bytes: only those are replaced (U+FFFD),
            // each line named; the rest keeps its characters.
            let mut lines: Vec<u32> = Vec::new();
            let mut at = 0usize;
            for chunk in bytes.utf8_chunks() {
                at += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    let line = line_at(bytes, at);
                    if lines.last() != Some(&line) {
                        lines.push(line);
                    }
                }
                at += chunk.invalid().len();
            }
            for &line in lines.iter().take(20) {
                diagnostics.push(Diagnostic::warning_args(
                    "invalid-utf8",
                    &[],
                    Span::line(line),
                ));
            }
            if lines.len() > 20 {
                diagnostics.push(Diagnostic::keyed(
                    Severity::Warning,
                    "invalid-utf8",
                    "diag.invalid-utf8.more",
                    &[&(lines.len() - 20).to_string()],
                    Span::line(lines[20]),
                ));
            }
            Ok(String::from_utf8_lossy(bytes).into_owned())
        }
        Err(e) => {
            let line = line_at(bytes, e.valid_up_to());
            let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            diagnostics.push(Diagnostic::warning_args(
                "decoded-windows-1252",
                &[&line.to_string()],
                Span::line(line),
            ));
            Ok(t.into_owned())
        }
    }
}

/// Whether invalid UTF-8 is still UTF-8 with a few bad bytes: more valid
/// multi-byte characters than bad sequences. A Windows-1252 file has
/// accented letters that are bad sequences and hardly ever a valid
/// multi-byte character.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut wide, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        wide += chunk.valid().chars().filter(|c| c.len_utf8() > 1).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    wide > bad
}

/// A warning for UTF-16 that had lone surrogates or an odd last byte.
fn utf16_warning(bad: bool, text: &str, diagnostics: &mut Vec<Diagnostic>) {
    if !bad {
        return;
    }
    let line = text
        .find('\u{fffd}')
        .map_or(1, |at| line_at(text.as_bytes(), at));
    diagnostics.push(Diagnostic::warning_args(
        "invalid-utf16",
        &[],
        Span::line(line),
    ));
}

/// Rejects text that is mostly control characters (a binary file).
fn check_text(text: &str) -> Result<(), ParseError> {
    if let Some(pos) = text.find('\0') {
        return Err(ParseError::NotText {
            line: line_at(text.as_bytes(), pos),
            why: "it contains NUL characters",
        });
    }
    let sample: Vec<char> = text.chars().take(8192).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if !sample.is_empty() && control * 10 > sample.len() {
        return Err(ParseError::NotText {
            line: 1,
            why: "more than a tenth of its characters are control characters",
        });
    }
    Ok(())
}

fn line_at(bytes: &[u8], pos: usize) -> u32 {
    let upto = &bytes[..pos.min(bytes.len())];
    upto.iter().filter(|&&b| b == b'\n').count() as u32 + 1
}

/// `\r\n` and lone `\r` become `\n`, so that line numbers match what an
/// editor shows.
fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn strips_bom_and_crlf() {
        let d = decode(b"\xEF\xBB\xBFa\r\nb\rc\n").unwrap();
        assert_eq!(d.text, "a\nb\nc\n");
        assert_eq!(d.encoding, "utf-8");
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Jabatan\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "Jabatan\n");
        assert_eq!(d.encoding, "utf-16le");
    }

    #[test]
    fn falls_back_to_windows_1252_and_names_the_line() {
        let d = decode(b"one\ntwo\nSasaran \xA0caf\xE9\n").unwrap();
        assert_eq!(d.text, "one\ntwo\nSasaran \u{a0}caf\u{e9}\n");
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].span, Span::line(3));
    }

    #[test]
    fn rejects_binary() {
        assert_eq!(
            decode(b"ok\n\x00\x01").unwrap_err(),
            ParseError::NotText {
                line: 2,
                why: "it contains NUL bytes"
            }
        );
        let noise: Vec<u8> = (0..200).map(|i| (i % 8) as u8 + 1).collect();
        assert!(matches!(decode(&noise), Err(ParseError::NotText { .. })));
    }

    #[test]
    fn a_stray_byte_in_utf8_is_replaced_alone() {
        let bytes = "# Bupati \u{2014} \u{201c}Sekretariat\u{201d} \u{bd}\nbaris dua \u{2014}\n"
            .as_bytes()
            .iter()
            .copied()
            .chain(*b"rusak \xFF di sini\n")
            .collect::<Vec<u8>>();
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "utf-8");
        assert!(d
            .text
            .starts_with("# Bupati \u{2014} \u{201c}Sekretariat\u{201d} \u{bd}"));
        assert!(d.text.contains("rusak \u{fffd} di sini"));
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].code, "invalid-utf8");
        assert_eq!(d.diagnostics[0].span, Span::line(3));
        // A file that is Windows-1252 throughout is still read as such.
        let d = decode(b"caf\xE9 na\xEFve \x93kutip\x94\n").unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(d.text, "caf\u{e9} na\u{ef}ve \u{201c}kutip\u{201d}\n");
    }

    #[test]
    fn broken_utf16_is_warned() {
        // "a", a lone high surrogate, "b", then an odd last byte.
        let bytes = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0, b'c'];
        let d = decode(&bytes).unwrap();
        assert!(d.text.contains('\u{fffd}'));
        assert_eq!(d.diagnostics[0].code, "invalid-utf16");
    }
}
