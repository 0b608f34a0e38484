//! Renderers for a diff [`Report`](crate::Report): a terminal view, a
//! markdown memo and a self-contained HTML page. (JSON is the report
//! itself, serialized.)

mod html;
mod markdown;
mod terminal;

pub use html::html;
pub use markdown::markdown;
pub use terminal::terminal;

use crate::Change;
use iki_model::Span;

/// Changes grouped by the pair of positions they concern, in report order.
pub(crate) fn blocks(changes: &[Change]) -> Vec<&[Change]> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=changes.len() {
        let boundary = i == changes.len()
            || (
                changes[i].position_old.as_deref(),
                changes[i].position_new.as_deref(),
            ) != (
                changes[start].position_old.as_deref(),
                changes[start].position_new.as_deref(),
            );
        if boundary {
            if start < i {
                out.push(&changes[start..i]);
            }
            start = i;
        }
    }
    out
}

/// The position a block is about, as a heading.
pub(crate) fn position_label(c: &Change) -> String {
    match (&c.position_old, &c.position_new) {
        (Some(o), Some(n)) if o != n => format!("{o} -> {n}"),
        (_, Some(n)) => n.clone(),
        (Some(o), None) => o.clone(),
        (None, None) => "-".into(),
    }
}

/// "old 12-14 -> new 15" style line reference.
pub(crate) fn lines(c: &Change) -> String {
    let side = |s: &Option<Span>| s.map_or("-".to_string(), |s| s.to_string());
    format!("old {} / new {}", side(&c.old_lines), side(&c.new_lines))
}
