//! A markdown report to paste into a memo: the two documents, a summary
//! table, then the changes by position with removed words in `<del>` and
//! added words in `<ins>`. Inline HTML renders the same in CommonMark and
//! GFM whatever the neighbouring characters, where `**` / `~~` emphasis
//! next to punctuation (`MUTASI**, PROMOSI**`) is left as literal text.

use super::{blocks, file_name, heading, kind_label, pair_title, row_cells, shown, shown_field};
use super::{span, t, tf, Lang, Shown};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use std::fmt::Write;

/// Escapes text so that markdown shows it as written: every ASCII
/// punctuation character that could start markup gets a backslash, a line
/// break becomes `<br>`.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '|' | '<' | '>' | '[' | ']' | '#' | '$' | '&'
        ) {
            out.push('\\');
        }
        match c {
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// `text` inside `<tag>`, with its outer spaces outside the element; a
/// text of spaces alone as it is.
fn marked(text: &str, tag: &str) -> String {
    let core = text.trim();
    if core.is_empty() {
        return esc(text);
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{}<{tag}>{}</{tag}>{}", esc(lead), esc(core), esc(trail))
}

fn highlighted(before: &str, after: &str) -> (String, String) {
    let (mut b, mut a) = (String::new(), String::new());
    for p in diff(before, after) {
        match p {
            Piece::Same(t) => {
                b.push_str(&esc(&t));
                a.push_str(&esc(&t));
            }
            Piece::Removed(t) => b.push_str(&marked(&t, "del")),
            Piece::Added(t) => a.push_str(&marked(&t, "ins")),
        }
    }
    (b, a)
}

/// Renders the report as a markdown memo in `lang`: a title naming the two
/// files, then [`markdown_section`] with its headings at level 2.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let mut o = format!(
        "# {}: {}\n\n",
        esc(&t(lang, "diff.title")),
        esc(&pair_title(report))
    );
    o.push_str(&markdown_section(report, lang, 2));
    o
}

/// One pair's detailed section, to embed in a larger memo: the documents
/// table, the summary and the changes by position, with its headings at
/// `level` (1-5; positions one level below).
pub fn markdown_section(report: &Report, lang: Lang, level: usize) -> String {
    let level = level.clamp(1, 5);
    let (h, h2) = ("#".repeat(level), "#".repeat(level + 1));
    let mut o = String::new();
    let (x, y) = (&report.old, &report.new);
    let _ = writeln!(
        o,
        "| | {} | {} |\n| --- | --- | --- |",
        esc(&t(lang, "diff.old")),
        esc(&t(lang, "diff.new"))
    );
    let row = |o: &mut String, key: &str, a: String, b: String| {
        let _ = writeln!(o, "| {} | {a} | {b} |", esc(&t(lang, key)));
    };
    let opt = |v: &Option<String>| v.as_deref().map_or("-".to_string(), esc);
    let year = |v: Option<u16>| v.map_or("-".into(), |y| y.to_string());
    row(&mut o, "diff.file", esc(file_name(x)), esc(file_name(y)));
    row(&mut o, "diff.doc_title", opt(&x.title), opt(&y.title));
    row(&mut o, "diff.year", year(x.year), year(y.year));
    row(
        &mut o,
        "diff.positions",
        x.positions.to_string(),
        y.positions.to_string(),
    );
    row(
        &mut o,
        "diff.indicators",
        x.indicators.to_string(),
        y.indicators.to_string(),
    );
    let _ = writeln!(
        o,
        "\n{h} {}\n\n| {} | {} |\n| --- | ---: |",
        esc(&t(lang, "diff.summary")),
        esc(&t(lang, "diff.change")),
        esc(&t(lang, "diff.count"))
    );
    for (kind, n) in &report.summary {
        let _ = writeln!(o, "| {} | {n} |", esc(&kind_label(lang, *kind)));
    }
    if report.changes.is_empty() {
        let _ = writeln!(o, "\n{}", esc(&t(lang, "diff.no_changes")));
        return o;
    }
    let _ = writeln!(o, "\n{h} {}", esc(&t(lang, "diff.by_position")));
    for block in blocks(&report.changes) {
        let (name, formerly) = heading(report, &block[0], lang);
        let _ = writeln!(o, "\n{h2} {}\n", esc(&name));
        if let Some(f) = formerly {
            let _ = writeln!(o, "{}\n", esc(&f));
        }
        for c in block {
            item(&mut o, c, lang);
        }
    }
    o
}

fn item(o: &mut String, c: &Change, lang: Lang) {
    let field = shown_field(lang, c).map_or(String::new(), |f| format!(": {}", esc(&f)));
    let lines = tf(
        lang,
        "diff.line_ref",
        &[&span(c.old_lines), &span(c.new_lines)],
    );
    let _ = write!(
        o,
        "- **{}**{field} ({lines})",
        esc(&kind_label(lang, c.kind))
    );
    match shown(lang, c) {
        Shown::Row(row, added) => {
            let tag = if added { "ins" } else { "del" };
            let _ = writeln!(o);
            for (label, cell) in row_cells(lang, row) {
                let _ = writeln!(o, "  - {}: {}", esc(&label), marked(cell, tag));
            }
        }
        Shown::Text(Some(b), Some(a)) => {
            let (hb, ha) = highlighted(&b, &a);
            let _ = writeln!(
                o,
                "\n  - {}: {hb}\n  - {}: {ha}",
                esc(&t(lang, "diff.before")),
                esc(&t(lang, "diff.after"))
            );
        }
        Shown::Text(Some(b), None) => {
            let _ = writeln!(o, ": {}", marked(&b, "del"));
        }
        Shown::Text(None, Some(a)) => {
            let _ = writeln!(o, ": {}", marked(&a, "ins"));
        }
        Shown::Text(None, None) => {
            let _ = writeln!(o);
        }
    }
}
