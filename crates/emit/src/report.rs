//! Diagnostics shown like a compiler's: `file:line`, the source line, and
//! the part concerned underlined, through codespan-reporting.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as Level};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor::WriteColor, Config};
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

/// Writes every finding, in order, to `out` (colour if `out` supports it).
/// Source text is shown through [`terminal_safe`].
pub fn render<W: WriteColor>(
    out: &mut W,
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
        let report = Report::new(level(d.severity))
            .with_code(d.code.clone())
            .with_message(terminal_safe(&d.message))
            .with_labels(vec![Label::primary((), range_of(source, &lines, f))]);
        term::emit_to_write_style(out, &config, &file, &report).map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// The same, as plain text.
pub fn render_plain(name: &str, source: &str, findings: &[Finding]) -> String {
    let mut buf = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    let _ = render(&mut buf, name, source, findings);
    String::from_utf8_lossy(&buf.into_inner()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use iki_model::Span;

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
}
