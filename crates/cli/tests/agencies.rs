//! Documents of other agencies, one per table dialect and layout, in
//! `fixtures/agencies/`. Each was written, with its `*.expected.json`, by
//! someone who had not read the parser: the expected positions and rows
//! (every cell, every extra column, every source span) are a reading of
//! the document by hand, not program output. The parser must give exactly
//! those rows.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use serde_json::{json, Value};

#[test]
fn every_agency_document_gives_its_hand_written_rows() {
    let dir = common::root().join("fixtures/agencies");
    let mut checked = 0;
    let mut failures = Vec::new();
    for path in common::documents() {
        if !path.starts_with(&dir) {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let parsed = iki_parse::parse(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        let doc = &parsed.document;
        common::check_invariants(&path, &bytes, doc);
        // No error may be left: every table was read.
        for d in &parsed.diagnostics {
            if d.severity == iki_model::Severity::Error {
                failures.push(format!("{name}: {} {}: {}", d.span, d.code, d.message));
            }
        }

        let positions = common::positions_json(doc);
        common::compare(
            &name,
            "positions",
            &expected["positions"],
            &positions,
            &mut failures,
        );

        let rows: Vec<Value> = iki_model::rows(doc)
            .map(|r| {
                json!({
                    "position_title": r.position_title,
                    "sasaran": r.sasaran,
                    "indikator": r.indikator,
                    "formulasi": r.formulasi,
                    "sumber_data": r.sumber_data,
                    "extra": r.extra,
                    "source_lines": [r.source_lines.first, r.source_lines.last],
                })
            })
            .collect();
        common::compare(
            &name,
            "rows",
            &expected["rows"],
            &Value::from(rows),
            &mut failures,
        );
        checked += 1;
    }
    assert!(checked >= 5, "only {checked} agency documents found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `iki render` writes every agency document as pipe tables with its extra
/// columns; reading that back gives the same rows (all keys but the source
/// lines) and the same positions.
#[test]
fn rendered_agency_documents_read_back_the_same() {
    let dir = common::root().join("fixtures/agencies");
    let glossary = iki_normalize::Glossary::builtin().unwrap();
    let mut checked = 0;
    for path in common::documents() {
        if !path.starts_with(&dir) {
            continue;
        }
        let name = path.display().to_string();
        let parsed = iki_parse::parse(&std::fs::read(&path).unwrap()).unwrap();
        let doc = iki_normalize::normalize(&parsed.document, &glossary).document;
        let md = iki_emit::markdown(&doc);
        let again = iki_parse::parse(md.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            iki_parse::lost_content(&again.diagnostics).count(),
            0,
            "{name}: the rendered document lost content"
        );
        assert_eq!(again.document.dialects, vec![iki_model::TableDialect::Pipe]);
        let back = iki_normalize::normalize(&again.document, &glossary).document;
        let view = |d: &iki_model::Document| -> Vec<Value> {
            iki_model::rows(d)
                .map(|r| {
                    let mut v = serde_json::to_value(&r).unwrap();
                    v.as_object_mut().unwrap().remove("source_lines");
                    v
                })
                .collect()
        };
        assert_eq!(view(&doc), view(&back), "{name}");
        // Rendering is a fixed point.
        assert_eq!(iki_emit::markdown(&back), md, "{name}");
        checked += 1;
    }
    assert!(checked >= 5);
}
