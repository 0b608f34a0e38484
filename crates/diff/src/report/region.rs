//! The report over a region (a folder against a folder): a summary table
//! with a row per agency, the agencies only one year has, then each
//! pair's detailed report. Terminal, markdown, and one self-contained HTML
//! page with an index; the JSON is the [`RegionReport`] itself. Every word
//! comes from the message catalogue (`region.*` and `kind.*` keys); every
//! piece of document text (agency, region, file names, the pairs' reports)
//! is made safe for its format.

use super::html::Doc;
use super::HTML_STYLE;
use crate::region::{side_label, Counts, PairReport, PairedBy, RegionReport};
use crate::{Report, Side};
use iki_model::lang::{format as fill, text, Lang};
use iki_model::terminal_safe;
use maud::{html, PreEscaped, DOCTYPE};
use std::fmt::Write;

// ---------------------------------------------------------------------------
// One pair's detailed report, from the per-pair renderers.

fn pair_terminal(report: &Report, lang: Lang, color: bool) -> String {
    super::terminal(report, lang, color)
}

/// One pair's markdown section, its headings under the pair's `##`.
fn pair_markdown(report: &Report, lang: Lang) -> String {
    super::markdown_section(report, lang, 3)
}

/// One pair's HTML section, its headings under the pair's `<h2>`.
fn pair_html(report: &Report, lang: Lang) -> String {
    super::html_section(report, lang, 3)
}

// ---------------------------------------------------------------------------
// Shared pieces.

/// The report's title: "Perbandingan IKI per wilayah: 2024 → 2025".
fn title(r: &RegionReport, lang: Lang) -> String {
    format!("{}: {} → {}", text(lang, "region.title"), r.old, r.new)
}

/// "AGENCY, Region" (or the agency, or the file).
fn pair_heading(p: &PairReport) -> String {
    match &p.region {
        Some(region) => format!("{}, {region}", p.label()),
        None => p.label().to_string(),
    }
}

fn side_heading(s: &Side) -> String {
    match (&s.agency, &s.region) {
        (Some(_), Some(region)) => format!("{}, {region}", side_label(s)),
        _ => side_label(s).to_string(),
    }
}

/// "2 jabatan, 3 indikator".
fn size(s: &Side, lang: Lang) -> String {
    fill(
        lang,
        "region.size",
        &[&s.positions.to_string(), &s.indicators.to_string()],
    )
}

/// The two lists of documents only one side has: heading and entries.
fn lonely(r: &RegionReport, lang: Lang) -> [(&'static str, String, &[Side]); 2] {
    [
        (
            "only-old",
            fill(lang, "region.only_old", &[&r.old]),
            &r.only_old,
        ),
        (
            "only-new",
            fill(lang, "region.only_new", &[&r.new]),
            &r.only_new,
        ),
    ]
}

fn count_cells(c: &Counts) -> [usize; 7] {
    let k = c.columns();
    [k[0].1, k[1].1, k[2].1, k[3].1, k[4].1, k[5].1, c.changes]
}

// ---------------------------------------------------------------------------
// Terminal.

const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Short column headings for the terminal's summary table.
const SHORT: [&str; 7] = [
    "region.short.position_added",
    "region.short.position_removed",
    "region.short.position_renamed",
    "region.short.indicator_added",
    "region.short.indicator_removed",
    "region.short.indicator_changed",
    "region.short.changes",
];

fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    format!("{s}{}", " ".repeat(width.saturating_sub(n)))
}

/// Renders the region report for a terminal: the summary table, the
/// documents only one year has, then each pair's terminal report. Document
/// text never reaches the terminal raw (control characters as `?`).
pub fn terminal(r: &RegionReport, lang: Lang, color: bool) -> String {
    let bold = |s: &str| {
        if color {
            format!("{BOLD}{s}{RESET}")
        } else {
            s.to_string()
        }
    };
    let mut o = String::new();
    let _ = writeln!(o, "{}\n", bold(&terminal_safe(&title(r, lang))));

    // Summary table.
    let mut rows: Vec<[String; 2]> = r
        .pairs
        .iter()
        .map(|p| {
            [
                terminal_safe(p.label()),
                terminal_safe(p.region.as_deref().unwrap_or("-")),
            ]
        })
        .collect();
    rows.push([text(lang, "region.total").to_string(), String::new()]);
    let head = [text(lang, "region.agency"), text(lang, "region.region")];
    let w0 = rows
        .iter()
        .map(|r| r[0].chars().count())
        .chain([head[0].chars().count()])
        .max()
        .unwrap_or(0);
    let w1 = rows
        .iter()
        .map(|r| r[1].chars().count())
        .chain([head[1].chars().count()])
        .max()
        .unwrap_or(0);
    let short: Vec<&str> = SHORT.iter().map(|k| text(lang, k)).collect();
    let mut line = format!("{}  {}", pad(head[0], w0), pad(head[1], w1));
    for h in &short {
        let _ = write!(line, "  {h}");
    }
    let _ = writeln!(o, "{}", bold(line.trim_end()));
    let mut counts: Vec<Counts> = r.pairs.iter().map(PairReport::counts).collect();
    counts.push(r.total());
    for (names, c) in rows.iter().zip(&counts) {
        let mut line = format!("{}  {}", pad(&names[0], w0), pad(&names[1], w1));
        for (h, n) in short.iter().zip(count_cells(c)) {
            let _ = write!(line, "  {n:>w$}", w = h.chars().count());
        }
        let _ = writeln!(o, "{}", line.trim_end());
    }

    // Documents only one year has.
    for (_, heading, sides) in lonely(r, lang) {
        if sides.is_empty() {
            let _ = writeln!(o, "\n{heading}: {}", text(lang, "region.none"));
            continue;
        }
        let _ = writeln!(o, "\n{heading}:");
        for s in sides {
            let _ = writeln!(
                o,
                "  {}: {} ({})",
                terminal_safe(&side_heading(s)),
                terminal_safe(&s.file),
                size(s, lang)
            );
        }
    }

    // Each pair in detail.
    for p in &r.pairs {
        let heading = format!(
            "━━ {}: {} → {}{} ━━",
            pair_heading(p),
            p.old_file,
            p.new_file,
            by_file_name(p, lang)
        );
        let _ = writeln!(o, "\n{}\n", bold(&terminal_safe(&heading)));
        o.push_str(&pair_terminal(&p.report, lang, color));
    }
    o
}

/// " (dipasangkan menurut nama berkas)" for a pair found by file name.
fn by_file_name(p: &PairReport, lang: Lang) -> String {
    match p.paired_by {
        PairedBy::Agency => String::new(),
        PairedBy::FileName => format!(" ({})", text(lang, "region.paired_by_file_name")),
    }
}

// ---------------------------------------------------------------------------
// Markdown.

/// Escapes text so that markdown shows it as written (one line).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '~' | '|' | '<' | '>' | '[' | ']' | '#' | '$' | '&'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
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

/// Renders the region report as markdown: the summary table, the
/// documents only one year has, then a section per pair with its detailed
/// report.
pub fn markdown(r: &RegionReport, lang: Lang) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&title(r, lang)));
    let _ = writeln!(o, "## {}\n", text(lang, "region.summary"));
    let mut head = format!(
        "| {} | {} |",
        text(lang, "region.agency"),
        text(lang, "region.region")
    );
    for (key, _) in Counts::default().columns() {
        let _ = write!(head, " {} |", text(lang, key));
    }
    let _ = write!(head, " {} |", text(lang, "region.changes"));
    let _ = writeln!(o, "{head}\n| --- | --- |{}", " ---: |".repeat(7));
    for p in &r.pairs {
        let _ = write!(
            o,
            "| {} | {} |",
            md(p.label()),
            md(p.region.as_deref().unwrap_or("-"))
        );
        for n in count_cells(&p.counts()) {
            let _ = write!(o, " {n} |");
        }
        o.push('\n');
    }
    let _ = write!(o, "| **{}** | |", text(lang, "region.total"));
    for n in count_cells(&r.total()) {
        let _ = write!(o, " **{n}** |");
    }
    o.push('\n');

    for (_, heading, sides) in lonely(r, lang) {
        let _ = writeln!(o, "\n## {}\n", md(&heading));
        if sides.is_empty() {
            let _ = writeln!(o, "{}", text(lang, "region.none"));
        }
        for s in sides {
            let _ = writeln!(
                o,
                "- {}: `{}` ({})",
                md(&side_heading(s)),
                code(&s.file),
                size(s, lang)
            );
        }
    }

    for p in &r.pairs {
        let _ = writeln!(o, "\n## {}\n", md(&pair_heading(p)));
        let _ = writeln!(
            o,
            "`{}` → `{}`{}\n",
            code(&p.old_file),
            code(&p.new_file),
            by_file_name(p, lang)
        );
        o.push_str(&pair_markdown(&p.report, lang));
    }
    o
}

// ---------------------------------------------------------------------------
// HTML.

/// A line break between elements, so that the page reads (and diffs) line
/// by line.
const NL: PreEscaped<&str> = PreEscaped("\n");

/// An element id from a pair's agency and region: ASCII letters and
/// digits, `-` between words, `agency-` in front, a number after a
/// repeat.
fn anchor(p: &PairReport, taken: &mut Vec<String>) -> String {
    let mut slug = String::from("agency-");
    for c in pair_heading(p).chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    let mut id = slug.clone();
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{slug}-{n}");
        n += 1;
    }
    taken.push(id.clone());
    id
}

const STYLE: &str = "nav#index{margin-bottom:2rem}\
section.agency{border-top:2px solid #888;margin-top:3rem;padding-top:.5rem}\
section.agency>h2{font-size:1.4rem}td.n,th.n{text-align:right}\
tfoot th,tfoot td{font-weight:bold;background:#f3f3f3}.files{font-family:monospace}\
.top{font-size:.9rem}";

/// Renders the region report as one self-contained HTML page: an index
/// (the summary table, each agency a link to its section), the documents
/// only one year has, then a section per pair with its detailed report.
/// Every piece of document text is escaped (maud, and control characters
/// as character references).
pub fn html(r: &RegionReport, lang: Lang) -> String {
    let title = title(r, lang);
    let mut taken = Vec::new();
    let ids: Vec<String> = r.pairs.iter().map(|p| anchor(p, &mut taken)).collect();
    let column_keys = Counts::default().columns().map(|(key, _)| key);
    html! {
        (DOCTYPE) (NL)
        html lang=(lang.code()) {
            (NL)
            head {
                (NL) meta charset="utf-8"; (NL)
                title { (Doc(&title)) } (NL)
                style { (PreEscaped(HTML_STYLE)) (PreEscaped(STYLE)) } (NL)
            }
            (NL)
            body {
                (NL) h1 { (Doc(&title)) } (NL)
                nav id="index" {
                    (NL) h2 { (text(lang, "region.summary")) } (NL)
                    table id="region-summary" {
                        (NL)
                        thead { tr {
                            th { (text(lang, "region.agency")) }
                            th { (text(lang, "region.region")) }
                            @for key in column_keys { th class="n" { (text(lang, key)) } }
                            th class="n" { (text(lang, "region.changes")) }
                        } } (NL)
                        tbody {
                            (NL)
                            @for (p, id) in r.pairs.iter().zip(&ids) {
                                tr {
                                    td { a href={ "#" (id) } { (Doc(p.label())) } }
                                    td { (Doc(p.region.as_deref().unwrap_or("-"))) }
                                    @for n in count_cells(&p.counts()) { td class="n" { (n) } }
                                }
                                (NL)
                            }
                        }
                        (NL)
                        tfoot { tr {
                            th { (text(lang, "region.total")) }
                            td {}
                            @for n in count_cells(&r.total()) { td class="n" { (n) } }
                        } } (NL)
                    }
                    (NL)
                }
                (NL)
                @for (id, heading, sides) in lonely(r, lang) {
                    section id=(id) {
                        (NL) h2 { (Doc(&heading)) } (NL)
                        @if sides.is_empty() {
                            p { (text(lang, "region.none")) } (NL)
                        } @else {
                            ul {
                                (NL)
                                @for s in sides {
                                    li {
                                        (Doc(&side_heading(s))) ": "
                                        span class="files" { (Doc(&s.file)) }
                                        " (" (size(s, lang)) ")"
                                    }
                                    (NL)
                                }
                            }
                            (NL)
                        }
                    }
                    (NL)
                }
                @for (p, id) in r.pairs.iter().zip(&ids) {
                    section class="agency" id=(id) {
                        (NL) h2 { (Doc(&pair_heading(p))) } (NL)
                        p class="files" {
                            (Doc(&p.old_file)) " → " (Doc(&p.new_file)) (by_file_name(p, lang))
                        }
                        (NL)
                        (PreEscaped(pair_html(&p.report, lang)))
                        p class="top" { a href="#index" { "↑ " (text(lang, "region.back_to_index")) } } (NL)
                    }
                    (NL)
                }
            }
            (NL)
        }
        (NL)
    }
    .into_string()
}

/// The catalogue keys this module uses.
#[cfg(test)]
const KEYS: [&str; 19] = [
    "region.title",
    "region.summary",
    "region.agency",
    "region.region",
    "region.changes",
    "region.total",
    "region.only_old",
    "region.only_new",
    "region.none",
    "region.size",
    "region.paired_by_file_name",
    "region.back_to_index",
    "region.short.position_added",
    "region.short.position_removed",
    "region.short.position_renamed",
    "region.short.indicator_added",
    "region.short.indicator_removed",
    "region.short.indicator_changed",
    "region.short.changes",
];

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::region::PairedBy;

    fn doc(agency: &str, indicator: &str) -> iki_model::Document {
        let text = format!(
            "# {agency} KABUPATEN X TAHUN 2024\n\n### 1. JABATAN ANALIS\n\n\
             - Tugas : Menganalisis.\n\n\
             SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
             Tersedianya data\t{indicator}\tJumlah data\tLaporan Kinerja\n"
        );
        let mut doc = iki_parse::parse(text.as_bytes()).unwrap().document;
        // Document text as hostile as it comes.
        doc.agency = Some(agency.to_string());
        doc
    }

    fn region() -> RegionReport {
        let a = doc("DINAS <B>", "Jumlah data");
        let b = doc("DINAS <B>", "Jumlah data <i>valid</i> & \u{1b}[31m");
        let changes = crate::diff(&a, &b, &crate::Options::default());
        let report = Report::new(
            Side::of("b-2024.md", &a),
            Side::of("b-2025.md", &b),
            changes,
        );
        let lone = Side::of("c\u{7}-2025.md", &doc("BADAN C", "Jumlah data"));
        RegionReport::new(
            "2024".into(),
            "2025".into(),
            vec![PairReport::new(PairedBy::Agency, report)],
            Vec::new(),
            vec![lone],
        )
    }

    #[test]
    fn every_key_is_in_the_catalogue() {
        for key in KEYS.iter().chain(SHORT.iter()) {
            assert!(iki_model::lang::has(key), "{key}");
        }
        for (key, _) in Counts::default().columns() {
            assert!(iki_model::lang::has(key), "{key}");
        }
    }

    #[test]
    fn terminal_has_the_table_the_lonely_and_the_pairs() {
        let t = terminal(&region(), Lang::En, false);
        assert!(
            t.starts_with("IKI comparison by region: 2024 → 2025\n"),
            "{t}"
        );
        assert!(t.contains("Only in the old year (2024): None."), "{t}");
        assert!(
            t.contains("  BADAN C, Kabupaten X: c?-2025.md (1 positions, 1 indicators)"),
            "{t}"
        );
        assert!(
            t.contains("━━ DINAS <B>, Kabupaten X: b-2024.md → b-2025.md ━━"),
            "{t}"
        );
        assert!(!t.contains('\u{1b}') && !t.contains('\u{7}'), "{t}");
        let id = terminal(&region(), Lang::Id, true);
        assert!(id.contains("Hanya di tahun baru (2025)"), "{id}");
    }

    #[test]
    fn markdown_escapes_and_demotes_the_pair_headings() {
        let m = markdown(&region(), Lang::En);
        assert!(
            m.starts_with("# IKI comparison by region: 2024 → 2025\n"),
            "{m}"
        );
        assert!(m.contains("\n## DINAS \\<B\\>, Kabupaten X\n"), "{m}");
        assert!(
            m.contains("| DINAS \\<B\\> | Kabupaten X | 0 | 0 | 0 | 0 | 0 | 1 | 1 |"),
            "{m}"
        );
        assert_eq!(m.matches("\n# ").count(), 0, "{m}");
        assert!(!m.contains("<i>"), "{m}");
    }

    #[test]
    fn html_has_an_index_a_section_per_pair_and_escapes_text() {
        let h = html(&region(), Lang::Id);
        assert!(h.contains("<html lang=\"id\">"), "{h}");
        assert!(
            h.contains("<a href=\"#agency-dinas-b-kabupaten-x\">DINAS &lt;B&gt;</a>"),
            "{h}"
        );
        assert!(
            h.contains("<section class=\"agency\" id=\"agency-dinas-b-kabupaten-x\">"),
            "{h}"
        );
        assert!(
            !h.contains("<B>") && !h.contains("<i>") && !h.contains('\u{1b}'),
            "{h}"
        );
        assert!(h.contains("c&#x7;-2025.md"), "{h}");
        assert!(h.contains("<section class=\"pair\">"), "{h}");
        assert_eq!(h.matches("<body>").count(), 1);
    }
}
