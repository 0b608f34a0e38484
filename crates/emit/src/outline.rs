//! A plain-text outline of a document: one line per element with its source
//! lines, tabs in cells shown as `→`. Made for reading and for snapshots.

use iki_model::{Document, Item};
use std::fmt::Write;

/// Renders the outline.
pub fn outline(doc: &Document) -> String {
    let mut o = String::new();
    let opt = |s: &Option<String>| s.clone().unwrap_or_else(|| "-".into());
    let _ = writeln!(o, "title: {}", opt(&doc.title));
    let _ = writeln!(
        o,
        "agency: {} | agency_name: {} | region: {} | year: {}",
        opt(&doc.agency),
        opt(&doc.agency_name),
        opt(&doc.region),
        doc.year.map_or("-".into(), |y| y.to_string())
    );
    if !doc.dialects.is_empty() {
        let names: Vec<&str> = doc.dialects.iter().map(|d| d.as_str()).collect();
        let _ = writeln!(o, "tables: {}", names.join(", "));
    }
    for g in &doc.groups {
        let _ = writeln!(
            o,
            "\n## group {} [{}] title: {} banner: {}",
            g.kind,
            g.span,
            opt(&g.title),
            g.banner.map_or("-".into(), |b| b.to_string())
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
                    "  row {} [{}]{}{} {:?}{}",
                    n + 1,
                    i.span,
                    i.number
                        .as_ref()
                        .map_or(String::new(), |n| format!(" no={n}")),
                    if i.sasaran_filled {
                        " (sasaran filled)"
                    } else {
                        ""
                    },
                    i.measure,
                    match i.formula.as_deref() {
                        Some(iki_model::Formula::Ratio {
                            numerator,
                            denominator,
                            multiplier,
                            unit,
                        }) => format!(
                            " ratio({numerator} / {denominator} x {}{})",
                            multiplier.map_or("-".into(), |m| m.to_string()),
                            unit.clone().unwrap_or_default()
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
    let _ = writeln!(o, "\n## skipped");
    for s in &doc.skipped {
        let reason = format!("{:?}", s.reason);
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
