//! The terminal view: a summary, then the changes grouped by position, with
//! changed words highlighted (colour on a terminal; `[-old-]` / `{+new+}`
//! when piped).

use super::{blocks, field_label, lines, position_label};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use iki_model::terminal_safe;
use std::fmt::Write;

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// Renders the report for a terminal. Document text never reaches the
/// terminal raw: control characters are shown as `?`.
pub fn terminal(report: &Report, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("{code}{text}{RESET}")
        } else {
            text.to_string()
        }
    };
    let mut o = String::new();
    for (name, side) in [("old", &report.old), ("new", &report.new)] {
        let _ = writeln!(
            o,
            "{name}: {} ({}, {} positions, {} indicators)",
            terminal_safe(&side.file),
            terminal_safe(side.title.as_deref().unwrap_or("untitled")),
            side.positions,
            side.indicators
        );
    }
    let counts: Vec<String> = report
        .summary
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{n} {}", k.as_str()))
        .collect();
    let _ = writeln!(
        o,
        "{} change(s){}{}",
        report.changes.len(),
        if counts.is_empty() { "" } else { ": " },
        counts.join(", ")
    );
    for block in blocks(&report.changes) {
        let first = &block[0];
        let _ = writeln!(
            o,
            "\n{}",
            paint(BOLD, &format!("{} {}", first.group, position_label(first)))
        );
        for c in block {
            change(&mut o, c, color, &paint);
        }
    }
    o
}

fn change(o: &mut String, c: &Change, color: bool, paint: &dyn Fn(&str, &str) -> String) {
    let field = c.field.as_deref().map_or(String::new(), |f| {
        format!(" {}", terminal_safe(field_label(f)))
    });
    let _ = writeln!(
        o,
        "  {}{}  {}",
        c.kind.as_str(),
        field,
        paint(DIM, &format!("[{}]", lines(c)))
    );
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => {
            let pieces = diff(&terminal_safe(b), &terminal_safe(a));
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
        (Some(b), None) => {
            let _ = writeln!(o, "    - {}", paint(RED, &terminal_safe(b)));
        }
        (None, Some(a)) => {
            let _ = writeln!(o, "    + {}", paint(GREEN, &terminal_safe(a)));
        }
        (None, None) => {}
    }
}
