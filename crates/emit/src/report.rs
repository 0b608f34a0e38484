//! Diagnostics shown like a compiler's: `file:line`, the source line, and
//! the part concerned underlined, through codespan-reporting.
//!
//! codespan-reporting writes its severity words ("error", "warning") in
//! English only, so the header line of each diagnostic
//! (`peringatan[empty-cell]: sel SUMBER DATA kosong`) is written here, in
//! the report's language and codespan's colours, and codespan draws only
//! the source excerpt below it.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config, Styles};
use iki_model::lang::{self, Lang};
pub use iki_model::terminal_safe;
use iki_model::{Diagnostic, Severity};
use std::ops::Range;

/// A diagnostic plus, optionally, the text it is about, to underline that
/// text rather than the whole line.
pub struct Finding<'a> {
    /// The diagnostic.
    pub diagnostic: &'a Diagnostic,
    /// Text to look for in the diagnostic's lines.
    pub focus: Option<&'a str>,
}

/// Byte ranges of each line of `source` (without line ends).
fn line_ranges(source: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in source.match_indices('\n') {
        out.push(start..i);
        start = i + 1;
    }
    if start < source.len() {
        out.push(start..source.len());
    }
    out
}

fn range_of(source: &str, lines: &[Range<usize>], f: &Finding) -> Range<usize> {
    let span = f.diagnostic.span;
    let first = lines.get(span.first.saturating_sub(1) as usize);
    let last = lines.get(span.last.saturating_sub(1) as usize).or(first);
    let (Some(first), Some(last)) = (first, last) else {
        return source.len()..source.len();
    };
    let whole = first.start..last.end;
    if let Some(focus) = f.focus.filter(|t| !t.is_empty()) {
        if let Some(at) = source[whole.clone()].find(focus) {
            return whole.start + at..whole.start + at + focus.len();
        }
    }
    // The whole first line, without its indentation.
    let text = &source[first.clone()];
    let indent = text.len() - text.trim_start().len();
    let end = first.start + text.trim_end().len();
    (first.start + indent).min(end)..end
}

fn level(s: Severity) -> Level {
    match s {
        Severity::Help => Level::Help,
        Severity::Note => Level::Note,
        Severity::Warning => Level::Warning,
        Severity::Error => Level::Error,
    }
}

/// The word for a severity in `lang` (`peringatan`, `warning`).
pub fn severity_word(lang: Lang, s: Severity) -> &'static str {
    lang::text(
        lang,
        match s {
            Severity::Help => "check.severity.help",
            Severity::Note => "check.severity.note",
            Severity::Warning => "check.severity.warning",
            Severity::Error => "check.severity.error",
        },
    )
}

/// A diagnostic's header in `lang` without colour:
/// `peringatan[code]: message` (the message through [`terminal_safe`]).
pub fn header(lang: Lang, d: &Diagnostic) -> String {
    format!(
        "{}[{}]: {}",
        severity_word(lang, d.severity),
        d.code,
        terminal_safe(&d.message_in(lang))
    )
}

/// Writes the header line of `d` in `lang`, coloured as codespan colours
/// its own.
fn write_header<W: WriteColor>(
    out: &mut W,
    lang: Lang,
    d: &Diagnostic,
) -> Result<(), std::io::Error> {
    let styles = Styles::default();
    out.set_color(styles.header(level(d.severity)))?;
    write!(out, "{}[{}]", severity_word(lang, d.severity), d.code)?;
    out.set_color(styles.header_message())?;
    write!(out, ": {}", terminal_safe(&d.message_in(lang)))?;
    out.reset()?;
    writeln!(out)
}

/// Writes every finding, in order, to `out` (colour if `out` supports it),
/// in English. Source text is shown through [`terminal_safe`].
pub fn render<W: WriteColor>(
    out: &mut W,
    name: &str,
    source: &str,
    findings: &[Finding],
) -> Result<(), std::io::Error> {
    render_in(out, Lang::En, name, source, findings)
}

/// [`render`] in `lang`: each header is written here, then codespan's
/// excerpt without its own (English) header line.
pub fn render_in<W: WriteColor>(
    out: &mut W,
    lang: Lang,
    name: &str,
    source: &str,
    findings: &[Finding],
) -> Result<(), std::io::Error> {
    let safe = terminal_safe(source);
    let source = safe.as_str();
    // A file name is shown through the same filter as the text.
    let name = terminal_safe(name);
    let file = SimpleFile::new(name.as_str(), source);
    let lines = line_ranges(source);
    let config = Config::default();
    for f in findings {
        let d = f.diagnostic;
        let range = range_of(source, &lines, f);
        write_header(out, lang, d)?;
        // No code and no message: codespan's header is then one line,
        // which is dropped.
        let report = Report::new(level(d.severity));
        let mut excerpt = if out.supports_color() {
            Buffer::ansi()
        } else {
            Buffer::no_color()
        };
        match window(source, &lines, range.clone()) {
            // A long line is shown as a window around the finding, not
            // whole once per finding (a 200 KB line with 200 findings was
            // 40 MB of report).
            Some((view, at)) => {
                let file = SimpleFile::new(name.as_str(), view);
                let report = report.with_labels(vec![Label::primary((), at)]);
                term::emit_to_write_style(&mut excerpt, &config, &file, &report)
                    .map_err(std::io::Error::other)?;
            }
            None => {
                let report = report.with_labels(vec![Label::primary((), range)]);
                term::emit_to_write_style(&mut excerpt, &config, &file, &report)
                    .map_err(std::io::Error::other)?;
            }
        }
        let bytes = excerpt.as_slice();
        let body = bytes
            .iter()
            .position(|&b| b == b'\n')
            .map_or(bytes, |at| &bytes[at + 1..]);
        out.write_all(body)?;
    }
    Ok(())
}

/// Longest source line shown whole; a longer one is cut to a window of
/// `CONTEXT` bytes on either side of the finding.
const LONG_LINE: usize = 1000;
const CONTEXT: usize = 160;

/// For a finding on a line longer than [`LONG_LINE`]: a source that has
/// the same line number (empty lines before it) and only a window of that
/// line around the finding, marked with `…`, and the finding's range in
/// it. `None` for an ordinary line.
fn window(
    source: &str,
    lines: &[Range<usize>],
    range: Range<usize>,
) -> Option<(String, Range<usize>)> {
    let index = lines
        .iter()
        .position(|l| l.start <= range.start && range.start <= l.end)?;
    let line = lines[index].clone();
    if line.len() <= LONG_LINE {
        return None;
    }
    let floor = |mut at: usize| {
        while !source.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let end_of_focus = range.end.min(line.end).min(range.start + LONG_LINE);
    let from = floor(range.start.saturating_sub(CONTEXT).max(line.start));
    let to = floor((end_of_focus + CONTEXT).min(line.end));
    let mut view = "\n".repeat(index);
    let mut at = view.len() + (range.start - from);
    if from > line.start {
        view.push('\u{2026}');
        at += '\u{2026}'.len_utf8();
    }
    view.push_str(&source[from..to]);
    if to < line.end {
        view.push('\u{2026}');
    }
    let focus_len = floor(end_of_focus).saturating_sub(range.start);
    Some((view, at..at + focus_len))
}

/// The same, as plain text (English).
pub fn render_plain(name: &str, source: &str, findings: &[Finding]) -> String {
    render_plain_in(Lang::En, name, source, findings)
}

/// [`render_plain`] in `lang`.
pub fn render_plain_in(lang: Lang, name: &str, source: &str, findings: &[Finding]) -> String {
    let mut buf = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    let _ = render_in(&mut buf, lang, name, source, findings);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use iki_model::Span;

    #[test]
    fn a_long_line_is_shown_as_a_window() {
        let long = format!(
            "{} Julah {}",
            "kata ".repeat(40_000),
            "akhir ".repeat(40_000)
        );
        let src = format!("one\n{long}\nthree\n");
        let d = Diagnostic::help(
            "possible-typo",
            "\"Julah\" may be \"Jumlah\"",
            Span::line(2),
        );
        let findings: Vec<Finding> = (0..50)
            .map(|_| Finding {
                diagnostic: &d,
                focus: Some("Julah"),
            })
            .collect();
        let text = render_plain("doc.md", &src, &findings);
        // Fifty findings on a 440 KB line: a few KB of report, each still
        // naming line 2 and underlining the word.
        assert!(text.len() < 50 * 2 * (2 * CONTEXT + 200), "{}", text.len());
        assert_eq!(text.matches("doc.md:2:").count(), 50);
        assert_eq!(
            text.matches('\u{2026}').count(),
            2 * 50,
            "cut on both sides"
        );
        assert!(text.contains("kata  Julah akhir"));
        assert!(text.contains("^^^^^"));
    }

    #[test]
    fn underlines_the_focus_on_its_line() {
        let src = "one\n  Jumlah Julah ASN\nthree\n";
        let d = Diagnostic::help(
            "possible-typo",
            "\"Julah\" may be \"Jumlah\"",
            Span::line(2),
        );
        let text = render_plain(
            "doc.md",
            src,
            &[Finding {
                diagnostic: &d,
                focus: Some("Julah "),
            }],
        );
        assert!(
            text.contains("help[possible-typo]: \"Julah\" may be \"Jumlah\""),
            "{text}"
        );
        assert!(text.contains("doc.md:2:10"), "{text}");
        assert!(text.contains("^^^^^^"), "{text}");
        let whole = render_plain(
            "doc.md",
            src,
            &[Finding {
                diagnostic: &d,
                focus: None,
            }],
        );
        assert!(whole.contains("doc.md:2:3"), "{whole}");
    }

    #[test]
    fn the_header_is_in_the_chosen_language_and_the_excerpt_follows_once() {
        let src = "one\n| a | b |\nthree\n";
        let d = Diagnostic::warning_args("cell-count", &["3", "4"], Span::line(2));
        let f = [Finding {
            diagnostic: &d,
            focus: None,
        }];
        let en = render_plain_in(Lang::En, "doc.md", src, &f);
        assert!(
            en.starts_with("warning[cell-count]: the row has 3 cells but the header has 4\n"),
            "{en}"
        );
        let id = render_plain_in(Lang::Id, "doc.md", src, &f);
        assert!(
            id.starts_with("peringatan[cell-count]: baris ini berisi 3 sel"),
            "{id}"
        );
        for text in [&en, &id] {
            assert_eq!(text.matches("doc.md:2:1").count(), 1, "{text}");
            assert!(!text.contains("warning: "), "{text}");
            assert!(text.contains("| a | b |"), "{text}");
        }
        // With colour, the header is coloured and codespan's own is gone.
        let mut buf = Buffer::ansi();
        render_in(&mut buf, Lang::Id, "doc.md", src, &f).unwrap();
        let coloured = String::from_utf8_lossy(buf.as_slice()).into_owned();
        assert!(coloured.contains("peringatan[cell-count]"), "{coloured}");
        assert!(!coloured.contains("warning"), "{coloured}");
        assert!(coloured.contains('\u{1b}'), "{coloured}");
    }
}
