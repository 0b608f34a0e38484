//! A markdown report to paste into a memo: the two documents, a summary
//! table, then the changes by position with ~~removed~~ and **added** words.

use super::{blocks, field_label, position_label};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use std::fmt::Write;

/// Escapes text so that markdown shows it as written.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '|' | '<' | '>' | '[' | ']' | '#' | '$'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push_str("<br>");
        } else {
            out.push(c);
        }
    }
    out
}

/// Text for a code span: no backtick to end it early, no line break.
fn code(s: &str) -> String {
    s.replace('`', "'").replace(['\n', '\r'], " ")
}

/// `text` between `mark`s, with its outer spaces outside them (markdown
/// emphasis may not start or end with a space).
fn marked(text: &str, mark: &str) -> String {
    let core = text.trim();
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{mark}{}{mark}{trail}", esc(core))
}

fn highlighted(before: &str, after: &str) -> (String, String) {
    let (mut b, mut a) = (String::new(), String::new());
    for p in diff(before, after) {
        match p {
            Piece::Same(t) => {
                b.push_str(&esc(&t));
                a.push_str(&esc(&t));
            }
            Piece::Removed(t) if t.trim().is_empty() => b.push_str(&t),
            Piece::Added(t) if t.trim().is_empty() => a.push_str(&t),
            Piece::Removed(t) => b.push_str(&marked(&t, "~~")),
            Piece::Added(t) => a.push_str(&marked(&t, "**")),
        }
    }
    (b, a)
}

/// Renders the report as markdown.
pub fn markdown(report: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# IKI comparison\n");
    let _ = writeln!(o, "| | Old | New |\n| --- | --- | --- |");
    let (x, y) = (&report.old, &report.new);
    let opt = |v: &Option<String>| v.as_deref().map_or("-".to_string(), esc);
    let _ = writeln!(o, "| File | {} | {} |", esc(&x.file), esc(&y.file));
    let _ = writeln!(o, "| Title | {} | {} |", opt(&x.title), opt(&y.title));
    let year = |v: Option<u16>| v.map_or("-".into(), |y| y.to_string());
    let _ = writeln!(o, "| Year | {} | {} |", year(x.year), year(y.year));
    let _ = writeln!(o, "| Positions | {} | {} |", x.positions, y.positions);
    let _ = writeln!(o, "| Indicators | {} | {} |", x.indicators, y.indicators);
    let _ = writeln!(o, "\n## Summary\n\n| Change | Count |\n| --- | ---: |");
    for (kind, n) in &report.summary {
        let _ = writeln!(o, "| {} | {n} |", esc(kind.as_str()));
    }
    if report.changes.is_empty() {
        let _ = writeln!(o, "\nNo changes.");
        return o;
    }
    let _ = writeln!(o, "\n## Changes by position");
    for block in blocks(&report.changes) {
        let _ = writeln!(
            o,
            "\n### {} `{}`\n",
            esc(block[0].group.as_str()),
            code(&position_label(&block[0]))
        );
        for c in block {
            item(&mut o, c);
        }
    }
    o
}

fn item(o: &mut String, c: &Change) {
    let field = c
        .field
        .as_deref()
        .map_or(String::new(), |f| format!(" `{}`", code(field_label(f))));
    let side = |s: Option<iki_model::Span>| s.map_or("-".into(), |s| s.to_string());
    let _ = write!(
        o,
        "- **{}**{field} (old line {}, new line {})",
        esc(c.kind.as_str()),
        side(c.old_lines),
        side(c.new_lines)
    );
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => {
            let (hb, ha) = highlighted(b, a);
            let _ = writeln!(o, "\n  - before: {hb}\n  - after: {ha}");
        }
        (Some(b), None) => {
            let _ = writeln!(o, ": ~~{}~~", esc(b));
        }
        (None, Some(a)) => {
            let _ = writeln!(o, ": **{}**", esc(a));
        }
        (None, None) => {
            let _ = writeln!(o);
        }
    }
}
