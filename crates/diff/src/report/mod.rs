//! Renderers for a diff [`Report`](crate::Report): a terminal view, a
//! markdown memo and a self-contained HTML page. (JSON is the report
//! itself, serialized.)

mod html;
mod markdown;
mod terminal;

pub use html::html;
pub use markdown::markdown;
pub use terminal::terminal;

use crate::{Change, EXTRA_PREFIX};
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

/// How the reports show a field: a change of an extra column by the
/// column's name (`extra.TARGET` as `TARGET`; upper case, so it cannot be
/// taken for a model field), every other field as it is. The name is
/// document text: each format still escapes it.
pub(crate) fn field_label(field: &str) -> &str {
    match field.strip_prefix(EXTRA_PREFIX) {
        Some(name) if !name.is_empty() => name,
        _ => field,
    }
}

/// "old 12-14 -> new 15" style line reference.
pub(crate) fn lines(c: &Change) -> String {
    let side = |s: &Option<Span>| s.map_or("-".to_string(), |s| s.to_string());
    format!("old {} / new {}", side(&c.old_lines), side(&c.new_lines))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Report, Side};
    use iki_model::GroupKind;

    fn report(field: &str) -> Report {
        let side = Side {
            file: "a.md".into(),
            title: None,
            agency: None,
            region: None,
            year: None,
            positions: 1,
            indicators: 1,
        };
        let change = Change {
            kind: Kind::IndicatorChanged,
            group: GroupKind::Pengawas,
            position_old: Some("pengawas/x".into()),
            position_new: Some("pengawas/x".into()),
            field: Some(field.into()),
            before: Some("90".into()),
            after: Some("95".into()),
            old_lines: Some(Span::new(3, 3)),
            new_lines: Some(Span::new(3, 3)),
        };
        Report::new(side.clone(), side, vec![change])
    }

    #[test]
    fn an_extra_field_is_shown_by_its_column_name() {
        assert_eq!(field_label("extra.TARGET"), "TARGET");
        assert_eq!(field_label("extra.PENANGGUNG JAWAB"), "PENANGGUNG JAWAB");
        assert_eq!(field_label("sumber_data"), "sumber_data");
        assert_eq!(field_label("extra."), "extra.");
        let r = report("extra.TARGET");
        assert!(terminal(&r, false).contains("  indicator_changed TARGET  [old 3 / new 3]"));
        assert!(markdown(&r).contains("- **indicator\\_changed** `TARGET` (old line 3"));
        assert!(html(&r).contains("<td class=\"kind\">indicator_changed</td><td>TARGET</td>"));
    }

    #[test]
    fn a_column_name_is_document_text_and_escaped() {
        let r = report("extra.<b>NILAI`\u{1b}[31m</b>");
        let t = terminal(&r, false);
        assert!(t.contains(" <b>NILAI`?[31m</b>  ["), "{t}");
        let m = markdown(&r);
        assert!(m.contains(" `<b>NILAI'\u{1b}[31m</b>` "), "{m}");
        let h = html(&r);
        assert!(
            h.contains("<td>&lt;b&gt;NILAI`&#x1B;[31m&lt;/b&gt;</td>"),
            "{h}"
        );
    }
}
