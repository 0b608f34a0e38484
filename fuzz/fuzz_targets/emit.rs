//! Every writer on whatever the parser makes of the input: canonical JSON
//! (which must read back to the same document), rows, markdown, outline,
//! diagnostics, CSV, NDJSON, XLSX.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(parsed) = iki_parse::parse(data) else { return };
    let doc = &parsed.document;
    let json = iki_emit::to_json_string(doc, iki_emit::Layout::Pretty).expect("JSON");
    let back: iki_model::Document = serde_json::from_str(&json).expect("reads back");
    assert_eq!(&back, doc);
    let mut sink = Vec::new();
    iki_emit::write_rows(&mut sink, doc).expect("rows");
    let _ = iki_emit::markdown(doc);
    let _ = iki_emit::outline(doc);
    let text = iki_parse::decode::decode(data).map(|d| d.text).unwrap_or_default();
    let findings: Vec<iki_emit::report::Finding> = parsed
        .diagnostics
        .iter()
        .map(|d| iki_emit::report::Finding { diagnostic: d, focus: Some("a") })
        .collect();
    let _ = iki_emit::report::render_plain("fuzz.md", &text, &findings);
    let source = iki_export::Source { file: "fuzz.md", document: doc };
    let mut csv = iki_export::CsvWriter::new(Vec::new(), iki_export::CsvOptions::default()).expect("csv");
    csv.write(&source).expect("csv row");
    let mut nd = iki_export::NdjsonWriter::new(Vec::new());
    nd.write(&source).expect("ndjson");
    let mut x = iki_export::XlsxWriter::new(false);
    x.write(&source).expect("xlsx rows");
    let _ = x.finish_to(std::io::Cursor::new(Vec::new()));
});
