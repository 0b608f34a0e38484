//! Numbering anomalies within a group: numbers used twice, skipped, or out
//! of order. Reported, never changed: positions keep the number as written.

use iki_model::{Diagnostic, Group, Severity, Span};
use std::collections::BTreeMap;

/// Checks the numbers of a group's units and positions, level by level
/// ("1", "2", ... and "1.1", "1.2", ... under their parent).
pub fn check(g: &Group, diagnostics: &mut Vec<Diagnostic>) {
    let mut numbered: Vec<(&str, Span)> = g
        .units
        .iter()
        .map(|u| (u.number.as_str(), u.span))
        .chain(g.positions.iter().map(|p| (p.number.as_str(), p.heading)))
        .collect();
    numbered.sort_by_key(|(_, s)| *s);
    let mut first_use: BTreeMap<&str, Span> = BTreeMap::new();
    let mut last_in_level: BTreeMap<String, u64> = BTreeMap::new();
    for (number, span) in numbered {
        if let Some(first) = first_use.get(number) {
            diagnostics.push(Diagnostic::warning_args(
                "duplicate-number",
                &[number, &first.first.to_string()],
                span,
            ));
            continue;
        }
        first_use.insert(number, span);
        let (parent, last) = match number.rsplit_once('.') {
            Some((p, l)) => (p.to_string(), l),
            None => (String::new(), number),
        };
        let Ok(n) = last.parse::<u64>() else { continue };
        let previous = last_in_level.insert(parent.clone(), n).unwrap_or(0);
        let shown = |k: u64| {
            if parent.is_empty() {
                k.to_string()
            } else {
                format!("{parent}.{k}")
            }
        };
        if n > previous + 1 {
            // Four messages: after the start or a number, one number or a
            // range missing.
            let mut key = String::from("diag.skipped-number");
            let mut args: Vec<String> = vec![number.to_string()];
            if previous == 0 {
                key.push_str(".start");
            } else {
                args.push(shown(previous));
            }
            args.push(shown(previous + 1));
            if n > previous + 2 {
                key.push_str(if previous == 0 { "-range" } else { ".range" });
                args.push(shown(n - 1));
            }
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            diagnostics.push(Diagnostic::keyed(
                Severity::Warning,
                "skipped-number",
                &key,
                &args,
                span,
            ));
        } else if n <= previous {
            diagnostics.push(Diagnostic::warning_args(
                "number-out-of-order",
                &[number, &shown(previous)],
                span,
            ));
        }
    }
}
