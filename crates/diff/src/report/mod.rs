//! Renderers for a diff [`Report`](crate::Report): a terminal view, a
//! markdown memo and a self-contained HTML page, in the readers' language
//! ([`Lang`]: Indonesian by default, English on request). Every word they
//! show comes from the one message catalogue (`iki_model::lang`); kind
//! codes and ids stay in the JSON. (JSON is the report itself, serialized.)
//!
//! Each renderer shows one pair of documents. A report over many pairs
//! (a folder against a folder) embeds one pair's detailed section with
//! [`markdown_section`] or [`html_section`] (styled by [`HTML_STYLE`]).

mod html;
mod markdown;
pub mod region;
mod terminal;

pub use html::{html, html_section, HTML_STYLE};
pub use markdown::{markdown, markdown_section};
pub use terminal::terminal;

use crate::{Change, IndicatorRow, Kind, PositionName, Report, Side, EXTRA_PREFIX};
pub use iki_model::lang::Lang;
use iki_model::lang::{format as fill, text};
use iki_model::Span;

/// The catalogue's message `key` in `lang`, owned.
pub(crate) fn t(lang: Lang, key: &str) -> String {
    text(lang, key).to_string()
}

/// The catalogue's message `key` in `lang`, its `{}` filled from `args`.
pub(crate) fn tf(lang: Lang, key: &str, args: &[&str]) -> String {
    fill(lang, key, args)
}

/// A change kind as a phrase ("Jabatan berganti nama").
pub(crate) fn kind_label(lang: Lang, kind: Kind) -> String {
    t(lang, &format!("kind.{}", kind.as_str()))
}

/// The file name of a side, without its folders (for titles).
pub(crate) fn file_name(side: &Side) -> &str {
    std::path::Path::new(&side.file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&side.file)
}

/// "a.md → b.md": the two file names, for titles.
pub(crate) fn pair_title(report: &Report) -> String {
    format!(
        "{} \u{2192} {}",
        file_name(&report.old),
        file_name(&report.new)
    )
}

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

/// A position as its document names it: "3. KEPALA BIDANG MUTASI DAN
/// PROMOSI — PEJABAT ADMINISTRATOR" (the group's banner as written, or the
/// group kind's name where the document has no banner).
pub(crate) fn position_name(lang: Lang, n: &PositionName) -> String {
    let group = match &n.group_title {
        Some(g) if !g.trim().is_empty() => g.clone(),
        _ => t(lang, &format!("group.{}", n.group.as_str())),
    };
    if n.number.is_empty() {
        format!("{} \u{2014} {group}", n.title)
    } else {
        format!("{}. {} \u{2014} {group}", n.number, n.title)
    }
}

/// The heading of a block: the position as the new document names it (the
/// old one for a removed position), and its old name where that differs.
/// A side that lacks the name (a report built by hand) shows the id.
pub(crate) fn heading(report: &Report, c: &Change, lang: Lang) -> (String, Option<String>) {
    let name = |side: &Side, id: &Option<String>| {
        id.as_deref().map(|id| {
            side.position_name(id)
                .map_or_else(|| id.to_string(), |n| position_name(lang, n))
        })
    };
    let old = name(&report.old, &c.position_old);
    let new = name(&report.new, &c.position_new);
    match (old, new) {
        (Some(o), Some(n)) if o != n => (n, Some(tf(lang, "diff.formerly", &[&o]))),
        (_, Some(n)) => (n, None),
        (Some(o), None) => (o, None),
        (None, None) => ("-".into(), None),
    }
}

/// How the reports show a field: a change of an extra column by the
/// column's name (`extra.TARGET` as `TARGET`; upper case, so it cannot be
/// taken for a model field), a model field by its name in the catalogue.
/// The column name is document text: each format still escapes it.
pub(crate) fn field_label(lang: Lang, field: &str) -> String {
    match field.strip_prefix(EXTRA_PREFIX) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => {
            let key = format!("field.{field}");
            if iki_model::lang::has(&key) {
                t(lang, &key)
            } else {
                field.to_string()
            }
        }
    }
}

/// The field a change shows beside its kind: only where the kind does not
/// already say it (an indicator's cell, a move, a year).
pub(crate) fn shown_field(lang: Lang, c: &Change) -> Option<String> {
    match c.kind {
        Kind::IndicatorChanged | Kind::PositionMoved | Kind::YearUpdated => {
            c.field.as_deref().map(|f| field_label(lang, f))
        }
        _ => None,
    }
}

/// A changed value as the reports show it: a group kind or a measure by its
/// name in the catalogue, any other text as it is.
pub(crate) fn shown_text(lang: Lang, c: &Change, value: &str) -> String {
    let key = match c.field.as_deref() {
        Some("group") => format!("group.{value}"),
        Some("measure") => format!("measure.{value}"),
        _ => return value.to_string(),
    };
    if iki_model::lang::has(&key) {
        t(lang, &key)
    } else {
        value.to_string()
    }
}

/// What a change shows on each side.
pub(crate) enum Shown<'a> {
    /// Texts: both sides word-diffed where both are there.
    Text(Option<String>, Option<String>),
    /// A whole row added (`true`) or removed.
    Row(&'a IndicatorRow, bool),
}

/// The two sides of a change, as shown.
pub(crate) fn shown(lang: Lang, c: &Change) -> Shown<'_> {
    use crate::Value;
    match (&c.before, &c.after) {
        (_, Some(Value::Row(r))) => Shown::Row(r, true),
        (Some(Value::Row(r)), _) => Shown::Row(r, false),
        (b, a) => {
            let text = |v: &Option<Value>| {
                v.as_ref()
                    .and_then(Value::text)
                    .map(|s| shown_text(lang, c, s))
            };
            Shown::Text(text(b), text(a))
        }
    }
}

/// The cells of a whole row with their labels: SASARAN, INDIKATOR,
/// FORMULASI, SUMBER DATA by their names in the catalogue, then every extra
/// column by its name as written.
pub(crate) fn row_cells(lang: Lang, row: &IndicatorRow) -> Vec<(String, &str)> {
    let mut out = vec![
        (t(lang, "field.sasaran"), row.sasaran.as_str()),
        (t(lang, "field.indikator"), row.indikator.as_str()),
        (t(lang, "field.formulasi"), row.formulasi.as_str()),
        (t(lang, "field.sumber_data"), row.sumber_data.as_str()),
    ];
    out.extend(row.extra.iter().map(|(k, v)| (k.to_string(), v)));
    out
}

/// A span, or "-" where there is none.
pub(crate) fn span(s: Option<Span>) -> String {
    s.map_or("-".to_string(), |s| s.to_string())
}

/// The kinds with at least one change, with their counts, in report order.
pub(crate) fn counts(report: &Report) -> impl Iterator<Item = (Kind, usize)> + '_ {
    report
        .summary
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| (*k, *n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Kind, Report, Side, Value};
    use iki_model::GroupKind;

    fn side() -> Side {
        Side {
            file: "dir/a.md".into(),
            title: None,
            agency: None,
            region: None,
            year: None,
            positions: 1,
            indicators: 1,
            position_names: vec![PositionName {
                id: "pengawas/x".into(),
                number: "3".into(),
                title: "KEPALA SUB BAGIAN X".into(),
                group: GroupKind::Pengawas,
                group_title: None,
            }],
        }
    }

    fn report(field: &str) -> Report {
        let change = Change {
            kind: Kind::IndicatorChanged,
            group: GroupKind::Pengawas,
            position_old: Some("pengawas/x".into()),
            position_new: Some("pengawas/x".into()),
            field: Some(field.into()),
            before: Some(Value::Text("90".into())),
            after: Some(Value::Text("95".into())),
            old_lines: Some(Span::new(3, 3)),
            new_lines: Some(Span::new(3, 3)),
        };
        Report::new(side(), side(), vec![change])
    }

    #[test]
    fn an_extra_field_is_shown_by_its_column_name() {
        assert_eq!(field_label(Lang::Id, "extra.TARGET"), "TARGET");
        assert_eq!(
            field_label(Lang::Id, "extra.PENANGGUNG JAWAB"),
            "PENANGGUNG JAWAB"
        );
        assert_eq!(field_label(Lang::Id, "sumber_data"), "Sumber data");
        assert_eq!(field_label(Lang::En, "sumber_data"), "Data source");
        assert_eq!(field_label(Lang::Id, "extra."), "extra.");
        let r = report("extra.TARGET");
        let term = terminal(&r, Lang::Id, false);
        assert!(
            term.contains("  Indikator berubah: TARGET  [lama 3 / baru 3]"),
            "{term}"
        );
        let md = markdown(&r, Lang::Id);
        assert!(
            md.contains("- **Indikator berubah**: TARGET (baris lama 3, baris baru 3)"),
            "{md}"
        );
        let page = html(&r, Lang::En);
        assert!(
            page.contains(
                "<td class=\"kind\">Indicator changed</td><td class=\"field\">TARGET</td>"
            ),
            "{page}"
        );
    }

    #[test]
    fn positions_are_named_as_the_document_names_them_and_files_without_folders() {
        let r = report("sasaran");
        let term = terminal(&r, Lang::Id, false);
        assert!(
            term.contains("\n3. KEPALA SUB BAGIAN X \u{2014} Jabatan Pengawas\n"),
            "{term}"
        );
        assert!(term.starts_with("lama: a.md (tanpa judul, 1 jabatan, 1 indikator)\n"));
        let en = terminal(&r, Lang::En, false);
        assert!(en.contains("\n3. KEPALA SUB BAGIAN X \u{2014} Supervisor positions\n"));
        let page = html(&r, Lang::Id);
        assert!(page.contains("<html lang=\"id\">"));
        assert!(page.contains("<title>Perbandingan IKI: a.md \u{2192} a.md</title>"));
        assert!(html(&r, Lang::En).contains("<html lang=\"en\">"));
        let md = markdown(&r, Lang::En);
        assert!(
            md.starts_with("# IKI comparison: a.md \u{2192} a.md\n"),
            "{md}"
        );
    }

    #[test]
    fn an_added_or_removed_row_is_shown_whole_in_every_format() {
        let mut extra = iki_model::Extras::default();
        extra.0.push(("TARGET".into(), "\u{2265} 95".into()));
        let row = IndicatorRow {
            sasaran: "Meningkatnya layanan".into(),
            indikator: "Persentase layanan".into(),
            formulasi: "A / B x 100%".into(),
            sumber_data: "Laporan <Kinerja>".into(),
            extra,
        };
        let mut r = report("sasaran");
        let c = &mut r.changes[0];
        (c.kind, c.field, c.before) = (Kind::IndicatorAdded, None, None);
        c.after = Some(Value::Row(Box::new(row)));
        let term = terminal(&r, Lang::Id, false);
        for line in [
            "  Indikator ditambahkan  [lama 3 / baru 3]\n",
            "    + Sasaran: Meningkatnya layanan\n",
            "    + Indikator kinerja: Persentase layanan\n",
            "    + Penjelasan / formulasi penghitungan: A / B x 100%\n",
            "    + Sumber data: Laporan <Kinerja>\n",
            "    + TARGET: \u{2265} 95\n",
        ] {
            assert!(term.contains(line), "{term}");
        }
        let page = html(&r, Lang::En);
        assert!(page.contains(
            "<td class=\"before\"></td><td class=\"after\"><dl class=\"row\"><dt>Sasaran</dt><dd><ins>Meningkatnya layanan</ins></dd>"
        ), "{page}");
        assert!(page.contains("<dt>Data source</dt><dd><ins>Laporan &lt;Kinerja&gt;</ins></dd><dt>TARGET</dt><dd><ins>\u{2265} 95</ins></dd></dl>"), "{page}");
        let md = markdown(&r, Lang::Id);
        assert!(md.contains("  - TARGET: <ins>\u{2265} 95</ins>\n"), "{md}");
        assert!(
            md.contains("  - Sumber data: <ins>Laporan \\<Kinerja\\></ins>\n"),
            "{md}"
        );
    }

    #[test]
    fn a_moved_position_is_headed_by_its_new_name_with_its_old_one_below() {
        let mut r = report("group");
        let c = &mut r.changes[0];
        c.kind = Kind::PositionMoved;
        (c.before, c.after) = (
            Some(Value::Text("pengawas".into())),
            Some(Value::Text("administrator".into())),
        );
        c.position_new = Some("administrator/x".into());
        r.new.position_names = vec![PositionName {
            id: "administrator/x".into(),
            number: "4".into(),
            title: "KEPALA BIDANG X".into(),
            group: GroupKind::Administrator,
            group_title: Some("PEJABAT ADMINISTRATOR".into()),
        }];
        let term = terminal(&r, Lang::Id, false);
        assert!(
            term.contains(
                "\n4. KEPALA BIDANG X \u{2014} PEJABAT ADMINISTRATOR\n\
             sebelumnya: 3. KEPALA SUB BAGIAN X \u{2014} Jabatan Pengawas\n\
             \x20 Jabatan dipindahkan: Kelompok jabatan  [lama 3 / baru 3]\n\
             \x20   - Jabatan [-Pengawas-]\n\
             \x20   + Jabatan {+Administrator+}\n"
            ),
            "{term}"
        );
    }

    #[test]
    fn every_message_the_reports_use_is_in_the_catalogue() {
        use iki_model::lang::has;
        for k in Kind::ALL {
            assert!(has(&format!("kind.{}", k.as_str())), "{k:?}");
        }
        for g in GroupKind::ALL {
            assert!(has(&format!("group.{}", g.as_str())), "{g:?}");
        }
        for m in ["count", "percentage", "index", "other"] {
            assert!(has(&format!("measure.{m}")), "{m}");
        }
        let fields = [
            "title",
            "number",
            "group",
            "unit",
            "tugas",
            "fungsi",
            "sasaran",
            "indikator",
            "formulasi",
            "sumber_data",
            "measure",
            "formula",
            "order",
        ];
        for f in fields {
            assert!(has(&format!("field.{f}")), "{f}");
        }
        // Every "diff.*" literal in the renderers.
        let sources = [
            include_str!("mod.rs"),
            include_str!("terminal.rs"),
            include_str!("markdown.rs"),
            include_str!("html.rs"),
        ];
        let mut seen = 0;
        for src in sources {
            for (at, _) in src.match_indices("\"diff.") {
                let key = &src[at + 1..];
                let key = &key[..key.find('"').unwrap_or(key.len())];
                let word = |c: char| c.is_ascii_lowercase() || c == '_' || c == '.';
                if key.ends_with('.') || !key.chars().all(word) {
                    continue;
                }
                assert!(has(key), "{key} is not in messages.tsv");
                seen += 1;
            }
        }
        assert!(seen > 20);
    }

    #[test]
    fn a_column_name_is_document_text_and_escaped() {
        let r = report("extra.<b>NILAI`\u{1b}[31m</b>");
        let t = terminal(&r, Lang::Id, false);
        assert!(t.contains(": <b>NILAI`?[31m</b>  ["), "{t}");
        let m = markdown(&r, Lang::Id);
        assert!(m.contains(": \\<b\\>NILAI\\`\u{1b}\\[31m\\</b\\> ("), "{m}");
        let h = html(&r, Lang::Id);
        assert!(
            h.contains("<td class=\"field\">&lt;b&gt;NILAI`&#x1B;[31m&lt;/b&gt;</td>"),
            "{h}"
        );
    }
}
