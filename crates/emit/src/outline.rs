//! A plain-text outline of a document: one line per element with its source
//! lines, tabs in cells shown as `→`. Made for reading and for snapshots.
//! Its labels are in the report language (`iki outline --lang`); the
//! document's own words and codes (group kinds, ids) are shown as they are.

use iki_model::lang::{self, Lang};
use iki_model::{Document, Item, Measure, SkipReason};
use std::fmt::Write;

/// Renders the outline in English (the snapshots' layout).
pub fn outline(doc: &Document) -> String {
    outline_in(doc, Lang::En)
}

/// Renders the outline with its labels in `lang`.
pub fn outline_in(doc: &Document, lang: Lang) -> String {
    let mut o = String::new();
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(
        o,
        "{}",
        lang::format(lang, "outline.title", &[&opt(&doc.title)])
    );
    let _ = writeln!(
        o,
        "{}",
        lang::format(
            lang,
            "outline.meta",
            &[
                &opt(&doc.agency),
                &opt(&doc.agency_name),
                &opt(&doc.region),
                &doc.year.map_or("-".into(), |y| y.to_string()),
            ]
        )
    );
    if !doc.dialects.is_empty() {
        let names: Vec<&str> = doc.dialects.iter().map(|d| d.as_str()).collect();
        let _ = writeln!(
            o,
            "{}",
            lang::format(lang, "outline.tables", &[&names.join(", ")])
        );
    }
    for g in &doc.groups {
        let _ = writeln!(
            o,
            "\n{}",
            lang::format(
                lang,
                "outline.group",
                &[
                    g.kind.as_str(),
                    &g.span.to_string(),
                    &opt(&g.title),
                    &g.banner.map_or("-".into(), |b| b.to_string()),
                ]
            )
        );
        for u in &g.units {
            let _ = writeln!(o, "unit {} {} [{}]", u.number, u.title, u.span);
        }
        for p in &g.positions {
            let _ = writeln!(
                o,
                "\n### {} {} [{}] id={}{}",
                p.number,
                p.title,
                p.span,
                p.id,
                p.unit
                    .as_ref()
                    .map_or(String::new(), |u| format!(" unit={u}"))
            );
            items(&mut o, "tugas", &p.tugas);
            items(&mut o, "fungsi", &p.fungsi);
            for (n, i) in p.indicators.iter().enumerate() {
                let _ = writeln!(
                    o,
                    "  {} {} [{}]{}{} {}{}",
                    lang::text(lang, "outline.row"),
                    n + 1,
                    i.span,
                    i.number
                        .as_ref()
                        .map_or(String::new(), |n| format!(" no={n}")),
                    if i.sasaran_filled {
                        lang::text(lang, "outline.sasaran_filled")
                    } else {
                        ""
                    },
                    measure(lang, i.measure),
                    match i.formula.as_deref() {
                        Some(iki_model::Formula::Ratio {
                            numerator,
                            denominator,
                            multiplier,
                            unit,
                        }) => lang::format(
                            lang,
                            "outline.ratio",
                            &[
                                numerator,
                                denominator,
                                &multiplier.map_or("-".into(), |m| m.to_string()),
                                unit.as_deref().unwrap_or_default(),
                            ]
                        ),
                        None => String::new(),
                    }
                );
                let _ = writeln!(o, "    sasaran:   {}", i.sasaran);
                let _ = writeln!(o, "    indikator: {}", i.indikator);
                let _ = writeln!(o, "    formulasi: {}", i.formulasi);
                let _ = writeln!(o, "    sumber:    {}", i.sumber_data);
                for (name, value) in i.extra.iter() {
                    let _ = writeln!(o, "    + {name}: {value}");
                }
                if let Some(t) = &i.target {
                    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".into());
                    let _ = writeln!(
                        o,
                        "    target:    {} {} {} {}",
                        show(&t.comparator),
                        show(&t.value),
                        show(&t.unit),
                        show(&t.predicate)
                    );
                }
            }
        }
    }
    let _ = writeln!(o, "\n{}", lang::text(lang, "outline.skipped"));
    for s in &doc.skipped {
        let reason = skip_reason(lang, s.reason);
        let _ = writeln!(
            o,
            "{:>5} {:<13} {}",
            s.line,
            reason,
            s.text.replace('\t', "→")
        );
    }
    o
}

fn items(o: &mut String, name: &str, items: &[Item]) {
    for (n, i) in items.iter().enumerate() {
        let _ = writeln!(o, "  {name} {} [{}] {}", n + 1, i.span, i.text);
    }
}

fn measure(lang: Lang, m: Measure) -> &'static str {
    lang::text(
        lang,
        match m {
            Measure::Count => "outline.measure.count",
            Measure::Percentage => "outline.measure.percentage",
            Measure::Index => "outline.measure.index",
            Measure::Other => "outline.measure.other",
        },
    )
}

fn skip_reason(lang: Lang, r: SkipReason) -> &'static str {
    lang::text(
        lang,
        match r {
            SkipReason::Title => "outline.skip.title",
            SkipReason::Preamble => "outline.skip.preamble",
            SkipReason::GroupBanner => "outline.skip.group_banner",
            SkipReason::TableHeader => "outline.skip.table_header",
            SkipReason::Separator => "outline.skip.separator",
            SkipReason::DutyLabel => "outline.skip.duty_label",
            SkipReason::EmptyRow => "outline.skip.empty_row",
            SkipReason::Markup => "outline.skip.markup",
            SkipReason::Unrecognized => "outline.skip.unrecognized",
            SkipReason::DuplicateRow => "outline.skip.duplicate_row",
            SkipReason::PageFurniture => "outline.skip.page_furniture",
        },
    )
}
