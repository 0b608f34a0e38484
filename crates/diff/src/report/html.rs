//! One self-contained HTML page (inline style, no external resources): the
//! two documents, a summary table, and the changes by position side by
//! side with changed words marked. Built with maud's `html!`, which escapes
//! every inserted value by construction; document text goes through
//! [`Doc`], which also writes control characters as character references.

use super::{blocks, file_name, heading, kind_label, pair_title, row_cells, shown, shown_field};
use super::{span, t, Lang, Shown};
use crate::words::{diff, Piece};
use crate::{Change, Report};
use maud::{html, Escaper, Markup, PreEscaped, Render, DOCTYPE};
use std::fmt::Write;

/// The page's style sheet, for a page that embeds [`html_section`]s.
pub const HTML_STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2rem;color:#222}\
table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}\
th{background:#f3f3f3}section{margin-top:2rem}h2{font-size:1.2rem}h3{font-size:1rem}\
p.formerly{color:#555;margin:.2rem 0}\
del{background:#fdd;text-decoration:line-through}ins{background:#dfd;text-decoration:none}\
.kind{white-space:nowrap}.lines{color:#777;white-space:nowrap}\
td.before,td.after{width:40%;white-space:pre-wrap}dl.row{margin:0}dl.row dt{font-weight:600;font-size:.85rem;color:#555}\
dl.row dd{margin:0 0 .3rem 0}table.changes th:last-child{white-space:nowrap}td,th,h3,h4{unicode-bidi:isolate}";

/// A line break between elements, so that the page reads (and diffs) line
/// by line.
const NL: PreEscaped<&str> = PreEscaped("\n");

/// Document text, escaped: maud's escaper, and every control character but
/// the line break as a numeric character reference (shown, never acted on).
pub(crate) struct Doc<'a>(pub &'a str);

impl Render for Doc<'_> {
    fn render_to(&self, buffer: &mut String) {
        let mut rest = self.0;
        while let Some(at) = rest.find(|c: char| c.is_control() && c != '\n') {
            let _ = Escaper::new(buffer).write_str(&rest[..at]);
            let c = rest[at..].chars().next().unwrap_or('\u{fffd}');
            let _ = write!(buffer, "&#x{:X};", c as u32);
            rest = &rest[at + c.len_utf8()..];
        }
        let _ = Escaper::new(buffer).write_str(rest);
    }
}

/// Renders the report as one HTML page in `lang`.
pub fn html(report: &Report, lang: Lang) -> String {
    let title = format!("{}: {}", t(lang, "diff.title"), pair_title(report));
    html! {
        (DOCTYPE) (NL)
        html lang=(lang.code()) {
            (NL)
            head {
                (NL) meta charset="utf-8"; (NL)
                title { (Doc(&title)) } (NL)
                style { (PreEscaped(HTML_STYLE)) } (NL)
            }
            (NL)
            body {
                (NL) h1 { (Doc(&title)) } (NL)
                (PreEscaped(html_section(report, lang, 2)))
            }
            (NL)
        }
        (NL)
    }
    .into_string()
}

/// A heading of `level` (2-5; 6 beyond).
fn h(level: usize, class: &str, content: Markup) -> Markup {
    match level {
        0..=2 => html! { h2 class=(class) { (content) } },
        3 => html! { h3 class=(class) { (content) } },
        4 => html! { h4 class=(class) { (content) } },
        5 => html! { h5 class=(class) { (content) } },
        _ => html! { h6 class=(class) { (content) } },
    }
}

/// One pair's detailed section as an HTML fragment, to embed in a larger
/// page (with [`HTML_STYLE`]): the documents table, the summary and the
/// changes by position, with its headings at `level` (positions one level
/// below). Classes, not ids, so that many sections fit on one page.
pub fn html_section(report: &Report, lang: Lang, level: usize) -> String {
    let (x, y) = (&report.old, &report.new);
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
    let year = |v: Option<u16>| v.map_or("-".into(), |y| y.to_string());
    let rows: [(&str, String, String); 5] = [
        ("diff.file", file_name(x).into(), file_name(y).into()),
        ("diff.doc_title", opt(&x.title), opt(&y.title)),
        ("diff.year", year(x.year), year(y.year)),
        (
            "diff.positions",
            x.positions.to_string(),
            y.positions.to_string(),
        ),
        (
            "diff.indicators",
            x.indicators.to_string(),
            y.indicators.to_string(),
        ),
    ];
    html! {
        section class="pair" {
            (NL)
            table class="documents" {
                (NL)
                tr { th {} th { (t(lang, "diff.old")) } th { (t(lang, "diff.new")) } } (NL)
                @for (key, a, b) in &rows {
                    tr { th { (t(lang, key)) } td { (Doc(a)) } td { (Doc(b)) } } (NL)
                }
            }
            (NL)
            (h(level, "summary", html! { (t(lang, "diff.summary")) })) (NL)
            table class="summary" {
                (NL)
                tr { th { (t(lang, "diff.change")) } th { (t(lang, "diff.count")) } } (NL)
                @for (kind, n) in &report.summary {
                    tr class=(kind.as_str()) { td class="kind" { (kind_label(lang, *kind)) } td { (n) } } (NL)
                }
            }
            (NL)
            @if report.changes.is_empty() {
                p class="no-changes" { (t(lang, "diff.no_changes")) } (NL)
            } @else {
                (h(level, "by-position", html! { (t(lang, "diff.by_position")) })) (NL)
                @for block in blocks(&report.changes) {
                    (position(report, block, lang, level + 1)) (NL)
                }
            }
        }
        (NL)
    }
    .into_string()
}

fn position(report: &Report, block: &[Change], lang: Lang, level: usize) -> Markup {
    let (name, formerly) = heading(report, &block[0], lang);
    html! {
        section class="position" {
            (NL)
            (h(level, "position", html! { (Doc(&name)) })) (NL)
            @if let Some(f) = &formerly {
                p class="formerly" { (Doc(f)) } (NL)
            }
            table class="changes" {
                (NL)
                tr {
                    th { (t(lang, "diff.change")) }
                    th { (t(lang, "diff.field")) }
                    th { (t(lang, "diff.old")) }
                    th { (t(lang, "diff.new")) }
                    th { (t(lang, "diff.lines")) }
                }
                (NL)
                @for c in block {
                    (row(c, lang)) (NL)
                }
            }
            (NL)
        }
    }
}

fn row(c: &Change, lang: Lang) -> Markup {
    let (before, after) = match shown(lang, c) {
        Shown::Row(r, added) => {
            let cells = html! {
                dl class="row" {
                    @for (label, cell) in row_cells(lang, r) {
                        dt { (Doc(&label)) }
                        dd {
                            @if added { ins { (Doc(cell)) } } @else { del { (Doc(cell)) } }
                        }
                    }
                }
            };
            if added {
                (html! {}, cells)
            } else {
                (cells, html! {})
            }
        }
        Shown::Text(Some(b), Some(a)) => {
            let pieces = diff(&b, &a);
            (
                html! {
                    @for p in &pieces {
                        @match p {
                            Piece::Same(t) => (Doc(t)),
                            Piece::Removed(t) => del { (Doc(t)) },
                            Piece::Added(_) => {},
                        }
                    }
                },
                html! {
                    @for p in &pieces {
                        @match p {
                            Piece::Same(t) => (Doc(t)),
                            Piece::Added(t) => ins { (Doc(t)) },
                            Piece::Removed(_) => {},
                        }
                    }
                },
            )
        }
        Shown::Text(Some(b), None) => (html! { del { (Doc(&b)) } }, html! {}),
        Shown::Text(None, Some(a)) => (html! {}, html! { ins { (Doc(&a)) } }),
        Shown::Text(None, None) => (html! {}, html! {}),
    };
    let field = shown_field(lang, c).unwrap_or_default();
    html! {
        tr class={ "change " (c.kind.as_str()) } {
            td class="kind" { (kind_label(lang, c.kind)) }
            td class="field" { (Doc(&field)) }
            td class="before" { (before) }
            td class="after" { (after) }
            td class="lines" { (span(c.old_lines)) " / " (span(c.new_lines)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(s: &str) -> String {
        html! { (Doc(s)) }.into_string()
    }

    #[test]
    fn escapes_everything() {
        assert_eq!(
            render("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert('x')&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(render("a\u{7}b\u{1b}[31m\nc"), "a&#x7;b&#x1B;[31m\nc");
    }
}
