//! A document written back as markdown in one canonical layout: one heading
//! style, one table layout (tab-separated, with a NO. column), no debris.
//! `iki` reads this layout back to the same positions, duties and rows.

use iki_model::{Document, Item};
use std::fmt::Write;

/// The table header every rendered table uses.
pub const HEADER: &str =
    "NO.\tSASARAN\tINDIKATOR KINERJA\tPENJELASAN/FORMULASI PENGHITUNGAN\tSUMBER DATA";

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
            let _ = writeln!(o, "\n### {}. JABATAN {}", p.number, p.title);
            items(&mut o, "Tugas", &p.tugas);
            items(&mut o, "Fungsi", &p.fungsi);
            if !p.indicators.is_empty() {
                let _ = writeln!(o, "\n{HEADER}");
            }
            for (n, i) in p.indicators.iter().enumerate() {
                let number = i.number.clone().unwrap_or_else(|| (n + 1).to_string());
                let sasaran = if i.sasaran_filled { "" } else { &i.sasaran };
                let _ = writeln!(
                    o,
                    "{number}.\t{sasaran}\t{}\t{}\t{}",
                    i.indikator, i.formulasi, i.sumber_data
                );
            }
        }
        for u in units {
            let _ = writeln!(o, "\n### {}. {}", u.number, u.title);
        }
    }
    o
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
