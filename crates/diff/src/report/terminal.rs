//! The terminal view: a summary, then the changes grouped by position, with
//! changed words highlighted (colour on a terminal; `[-old-]` / `{+new+}`
//! when piped).

use super::{blocks, counts, file_name, heading, kind_label, row_cells, shown, shown_field};
use super::{span, t, tf, Lang, Shown};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use iki_model::terminal_safe;
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders the report for a terminal, in `lang`. Document text never
/// reaches the terminal raw: control characters are shown as `?`.
pub fn terminal(report: &Report, lang: Lang, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut o = String::new();
    for (key, side) in [
        ("diff.side_old", &report.old),
        ("diff.side_new", &report.new),
    ] {
        let untitled = t(lang, "diff.untitled");
        let line = tf(
            lang,
            key,
            &[
                &terminal_safe(file_name(side)),
                &terminal_safe(side.title.as_deref().unwrap_or(&untitled)),
                &side.positions.to_string(),
                &side.indicators.to_string(),
            ],
        );
        let _ = writeln!(o, "{line}");
    }
    let counts: Vec<String> = counts(report)
        .map(|(k, n)| format!("{}: {n}", kind_label(lang, k)))
        .collect();
    let _ = writeln!(
        o,
        "{}{}{}",
        tf(lang, "diff.total", &[&report.changes.len().to_string()]),
        if counts.is_empty() { "" } else { " \u{2014} " },
        counts.join("; ")
    );
    for block in blocks(&report.changes) {
        let (name, formerly) = heading(report, &block[0], lang);
        let _ = writeln!(o, "\n{}", paint(BOLD, &terminal_safe(&name)));
        if let Some(f) = formerly {
            let _ = writeln!(o, "{}", paint(DIM, &terminal_safe(&f)));
        }
        for c in block {
            change(&mut o, c, lang, color, &paint);
        }
    }
    o
}

fn change(
    o: &mut String,
    c: &Change,
    lang: Lang,
    color: bool,
    paint: &dyn Fn(&str, &str) -> String,
) {
    let field = shown_field(lang, c).map_or(String::new(), |f| format!(": {}", terminal_safe(&f)));
    let lines = tf(
        lang,
        "diff.lines_ref",
        &[&span(c.old_lines), &span(c.new_lines)],
    );
    let _ = writeln!(
        o,
        "  {}{}  {}",
        kind_label(lang, c.kind),
        field,
        paint(DIM, &format!("[{lines}]"))
    );
    let whole = |o: &mut String, sign: &str, code: &str, text: &str| {
        let _ = writeln!(
            o,
            "    {sign} {}",
            paint(code, &terminal_safe(text)).replace('\n', "\n      ")
        );
    };
    match shown(lang, c) {
        Shown::Row(row, added) => {
            let (sign, code) = if added { ("+", GREEN) } else { ("-", RED) };
            for (label, cell) in row_cells(lang, row) {
                let _ = writeln!(
                    o,
                    "    {sign} {}: {}",
                    terminal_safe(&label),
                    paint(code, &terminal_safe(cell)).replace('\n', "\n      ")
                );
            }
        }
        Shown::Text(Some(b), Some(a)) => {
            let pieces = diff(&terminal_safe(&b), &terminal_safe(&a));
            let mut minus = String::from("    - ");
            let mut plus = String::from("    + ");
            for p in &pieces {
                match p {
                    Piece::Same(t) => {
                        minus.push_str(t);
                        plus.push_str(t);
                    }
                    Piece::Removed(t) => minus.push_str(&if color {
                        paint(RED, t)
                    } else {
                        format!("[-{t}-]")
                    }),
                    Piece::Added(t) => plus.push_str(&if color {
                        paint(GREEN, t)
                    } else {
                        format!("{{+{t}+}}")
                    }),
                }
            }
            let _ = writeln!(o, "{}", minus.replace('\n', "\n      "));
            let _ = writeln!(o, "{}", plus.replace('\n', "\n      "));
        }
        Shown::Text(Some(b), None) => whole(o, "-", RED, &b),
        Shown::Text(None, Some(a)) => whole(o, "+", GREEN, &a),
        Shown::Text(None, None) => {}
    }
}
