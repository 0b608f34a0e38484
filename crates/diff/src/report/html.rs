//! One self-contained HTML page (no external assets): the two documents, a
//! summary table, and the changes side by side with changed words marked.
//! Every piece of document text is escaped.

use super::{blocks, field_label, position_label};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {
                let _ = write!(out, "&#x{:X};", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}section{margin-top:2rem}h2{font-size:1.2rem}h3{font-size:1rem;font-family:monospace}\
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}\
.kind{font-family:monospace;white-space:nowrap}.lines{color:#777;white-space:nowrap}\
td.before,td.after{width:40%;white-space:pre-wrap}td,th,h3{unicode-bidi:isolate}";

fn sides(before: &str, after: &str) -> (String, String) {
    let (mut b, mut a) = (String::new(), String::new());
    for p in diff(before, after) {
        match p {
            Piece::Same(t) => {
                b.push_str(&escape(&t));
                a.push_str(&escape(&t));
            }
            Piece::Removed(t) => {
                let _ = write!(b, "<del>{}</del>", escape(&t));
            }
            Piece::Added(t) => {
                let _ = write!(a, "<ins>{}</ins>", escape(&t));
            }
        }
    }
    (b, a)
}

/// Renders the report as one HTML page.
pub fn html(report: &Report) -> String {
    let mut o = String::new();
    let (x, y) = (&report.old, &report.new);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<title>IKI comparison: {} / {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>IKI comparison</h1>\n",
        escape(&x.file),
        escape(&y.file)
    );
    let opt = |v: &Option<String>| v.as_deref().map_or("-".to_string(), escape);
    let year = |v: Option<u16>| v.map_or("-".into(), |y| y.to_string());
    let _ = write!(
        o,
        "<table id=\"documents\">\n<tr><th></th><th>Old</th><th>New</th></tr>\n\
         <tr><th>File</th><td>{}</td><td>{}</td></tr>\n<tr><th>Title</th><td>{}</td><td>{}</td></tr>\n\
         <tr><th>Year</th><td>{}</td><td>{}</td></tr>\n<tr><th>Positions</th><td>{}</td><td>{}</td></tr>\n\
         <tr><th>Indicators</th><td>{}</td><td>{}</td></tr>\n</table>\n",
        escape(&x.file),
        escape(&y.file),
        opt(&x.title),
        opt(&y.title),
        year(x.year),
        year(y.year),
        x.positions,
        y.positions,
        x.indicators,
        y.indicators
    );
    let _ = write!(
        o,
        "<h2>Summary</h2>\n<table id=\"summary\">\n<tr><th>Change</th><th>Count</th></tr>\n"
    );
    for (kind, n) in &report.summary {
        let _ = writeln!(
            o,
            "<tr><td class=\"kind\">{}</td><td>{n}</td></tr>",
            kind.as_str()
        );
    }
    let _ = writeln!(o, "</table>");
    if report.changes.is_empty() {
        let _ = writeln!(o, "<p id=\"no-changes\">No changes.</p>");
    }
    for block in blocks(&report.changes) {
        let _ = write!(
            o,
            "<section class=\"position\">\n<h3>{} {}</h3>\n<table>\n<tr><th>Change</th><th>Field</th><th>Old</th><th>New</th><th>Lines</th></tr>\n",
            block[0].group.as_str(),
            escape(&position_label(&block[0]))
        );
        for c in block {
            row(&mut o, c);
        }
        let _ = writeln!(o, "</table>\n</section>");
    }
    let _ = writeln!(o, "</body>\n</html>");
    o
}

fn row(o: &mut String, c: &Change) {
    let (b, a) = match (&c.before, &c.after) {
        (Some(b), Some(a)) => sides(b, a),
        (Some(b), None) => (format!("<del>{}</del>", escape(b)), String::new()),
        (None, Some(a)) => (String::new(), format!("<ins>{}</ins>", escape(a))),
        (None, None) => (String::new(), String::new()),
    };
    let side = |s: Option<iki_model::Span>| s.map_or("-".into(), |s| s.to_string());
    let _ = writeln!(
        o,
        "<tr class=\"change {kind}\"><td class=\"kind\">{kind}</td><td>{}</td><td class=\"before\">{b}</td><td class=\"after\">{a}</td><td class=\"lines\">{} / {}</td></tr>",
        escape(c.field.as_deref().map_or("", field_label)),
        side(c.old_lines),
        side(c.new_lines),
        kind = c.kind.as_str(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{7}b"), "a&#x7;b");
    }
}
