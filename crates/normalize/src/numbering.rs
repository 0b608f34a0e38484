//! Numbering anomalies within a group: numbers used twice, skipped, or out
//! of order. Reported, never changed: positions keep the number as written.

use iki_model::{Diagnostic, Group, Span};
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
            diagnostics.push(Diagnostic::warning(
                "duplicate-number",
                format!(
                    "number {number} is used again in this group (first on line {})",
                    first.first
                ),
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
            let missing = if n == previous + 2 {
                shown(previous + 1)
            } else {
                format!("{} to {}", shown(previous + 1), shown(n - 1))
            };
            diagnostics.push(Diagnostic::warning(
                "skipped-number",
                format!(
                    "number {number} follows {}; {missing} is missing",
                    if previous == 0 {
                        "the start".to_string()
                    } else {
                        shown(previous)
                    }
                ),
                span,
            ));
        } else if n <= previous {
            diagnostics.push(Diagnostic::warning(
                "number-out-of-order",
                format!("number {number} comes after {}", shown(previous)),
                span,
            ));
        }
    }
}
