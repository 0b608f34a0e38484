//! A document written back as markdown in one canonical layout: one heading
//! style, GitHub pipe tables (so that every markdown viewer shows them)
//! with a NO. column and every extra column, no debris. `iki` reads this
//! layout back to the same positions, duties and rows.

use iki_model::{Document, Item, Position};
use std::fmt::Write;

/// The columns every rendered table starts with.
pub const COLUMNS: [&str; 5] = [
    "NO.",
    "SASARAN",
    "INDIKATOR KINERJA",
    "PENJELASAN/FORMULASI PENGHITUNGAN",
    "SUMBER DATA",
];

/// Renders `doc` as canonical markdown.
pub fn markdown(doc: &Document) -> String {
    let mut o = String::new();
    let title = doc.title.as_deref().unwrap_or("Indikator Kinerja Individu");
    let _ = writeln!(o, "# {title}");
    for g in &doc.groups {
        // The banner as documents write it: intro, kind, agency.
        let _ = writeln!(o, "\n## INDIKATOR KINERJA INDIVIDU (IKI)");
        let _ = writeln!(o, "## {}", g.title.as_deref().unwrap_or(g.kind.banner()));
        if let Some(name) = &doc.agency_name {
            let _ = writeln!(o, "## {name}");
        }
        let mut units = g.units.iter().peekable();
        for p in &g.positions {
            while let Some(u) = units.next_if(|u| u.span.first < p.heading.first) {
                let _ = writeln!(o, "\n### {}. {}", u.number, u.title);
            }
            if p.number.is_empty() {
                // An unnumbered position keeps its label form.
                let _ = writeln!(o, "\n### JABATAN : {}", p.title);
            } else {
                let _ = writeln!(o, "\n### {}. JABATAN {}", p.number, p.title);
            }
            items(&mut o, "Tugas", &p.tugas);
            items(&mut o, "Fungsi", &p.fungsi);
            table(&mut o, p);
        }
        for u in units {
            let _ = writeln!(o, "\n### {}. {}", u.number, u.title);
        }
    }
    o
}

/// The position's rows as one pipe table: the model's columns, then every
/// extra column any of its rows has, in first-seen order.
fn table(o: &mut String, p: &Position) {
    if p.indicators.is_empty() {
        return;
    }
    let mut extra: Vec<&str> = Vec::new();
    for i in &p.indicators {
        for (name, _) in i.extra.iter() {
            if !extra.contains(&name) {
                extra.push(name);
            }
        }
    }
    let header: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect();
    o.push('\n');
    row(o, header.iter().map(|h| cell(h)));
    row(o, header.iter().map(|_| "---".to_string()));
    for (n, i) in p.indicators.iter().enumerate() {
        let number = i.number.clone().unwrap_or_else(|| (n + 1).to_string());
        let sasaran = if i.sasaran_filled { "" } else { &i.sasaran };
        let fixed = [
            format!("{number}."),
            cell(sasaran),
            cell(&i.indikator),
            cell(&i.formulasi),
            cell(&i.sumber_data),
        ];
        let extras = extra
            .iter()
            .map(|name| cell(i.extra.get(name).unwrap_or("")));
        row(o, fixed.into_iter().chain(extras));
    }
}

fn row(o: &mut String, cells: impl Iterator<Item = String>) {
    o.push('|');
    for c in cells {
        o.push(' ');
        o.push_str(&c);
        o.push_str(" |");
    }
    o.push('\n');
}

/// A cell's text for a pipe table: `|` escaped.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
}

fn items(o: &mut String, label: &str, items: &[Item]) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(o, "\n**{label}:**\n");
    for i in items {
        let _ = writeln!(o, "- {}", i.text);
    }
}
