//! A document written as its authors' originals: a Word file with real
//! tables, an Excel matrix with merged cells, and an HTML page to print.
//!
//! These are how an agency makes an IKI before anyone converts it: the
//! Word file has the position titles as headings, Tugas as a paragraph,
//! Fungsi as a list with Word's own lettering (the letters are not in the
//! text), and one table per position whose SASARAN cells are merged down
//! (`w:vMerge`) over consecutive rows of equal SASARAN; the Excel file is
//! one agency-wide matrix with the JABATAN cell merged down over each
//! position's rows and a group banner row merged across; the HTML page is
//! what a person prints from a browser (A4, table borders, `rowspan`).
//!
//! The generators take a normalized [`Document`] and write its positions,
//! duties and rows (not its extra columns). They are deterministic: the
//! zip entries carry a fixed timestamp (1980-01-01) and the workbook a
//! fixed creation date, so the same document always gives the same bytes.
//! `crates/cli/tests/seed_originals.rs` reads them back through
//! `iki-originals`; `examples/seed_originals.rs` writes them to files for
//! `fixtures/originals/seed/make.sh`, which prints them to PDF.

use iki_model::{Document, Group, Indicator, Item, Position, Unit};
use std::fmt::Write as _;
use std::io::Write as _;

/// The header of every position table in the Word file and the HTML page.
pub const COLUMNS: [&str; 4] = [
    "SASARAN",
    "INDIKATOR KINERJA",
    "PENJELASAN / FORMULASI PENGHITUNGAN",
    "SUMBER DATA",
];

/// The header of the Excel matrix.
pub const MATRIX_COLUMNS: [&str; 6] = [
    "NO",
    "JABATAN",
    "SASARAN",
    "INDIKATOR KINERJA",
    "FORMULASI",
    "SUMBER DATA",
];

/// The line that opens every group banner.
const INTRO: &str = "INDIKATOR KINERJA INDIVIDU (IKI)";

/// What goes wrong writing an original (only the zip or workbook writer
/// can fail, on memory or an internal limit).
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn error(what: &str, e: impl std::fmt::Display) -> Error {
    Error(format!("{what}: {e}"))
}

/// One step of a document as an author lays it out, in order.
enum Block<'a> {
    /// The banner of a group: its lines.
    Banner(Vec<&'a str>),
    /// A unit heading ("1. SEKRETARIAT").
    Unit(&'a Unit),
    /// A position.
    Position(&'a Position),
}

/// The document's groups, units and positions in reading order. A unit
/// comes before the first position whose heading follows it (as
/// `iki render` writes them).
fn blocks(doc: &Document) -> Vec<(&Group, Block<'_>)> {
    let mut out = Vec::new();
    for g in &doc.groups {
        let mut banner = vec![INTRO, group_title(g)];
        if let Some(name) = doc.agency_name.as_deref() {
            banner.push(name);
        }
        out.push((g, Block::Banner(banner)));
        let mut units = g.units.iter().peekable();
        for p in &g.positions {
            while let Some(u) = units.next_if(|u| u.span.first < p.heading.first) {
                out.push((g, Block::Unit(u)));
            }
            out.push((g, Block::Position(p)));
        }
        for u in units {
            out.push((g, Block::Unit(u)));
        }
    }
    out
}

fn group_title(g: &Group) -> &str {
    g.title.as_deref().unwrap_or(g.kind.banner())
}

/// A position's title line as its author writes it: "3. KEPALA BIDANG ...".
fn position_heading(p: &Position) -> String {
    if p.number.is_empty() {
        format!("JABATAN : {}", p.title)
    } else {
        format!("{}. {}", p.number.trim_end_matches('.'), p.title)
    }
}

fn unit_heading(u: &Unit) -> String {
    format!("{}. {}", u.number.trim_end_matches('.'), u.title)
}

/// The runs of consecutive indicators with equal SASARAN: (first index,
/// count).
fn sasaran_runs(indicators: &[Indicator]) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, ind) in indicators.iter().enumerate() {
        match runs.last_mut() {
            Some((first, count))
                if indicators
                    .get(*first)
                    .is_some_and(|f| f.sasaran == ind.sasaran) =>
            {
                *count += 1
            }
            _ => runs.push((i, 1)),
        }
    }
    runs
}

/// `text` escaped for XML and HTML text and attribute values; characters
/// XML 1.0 does not allow are dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------- Word

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Table column widths in twentieths of a point (A4 portrait, 2 cm
/// margins: 9638 twips of text width).
const DOCX_WIDTHS: [u32; 4] = [2000, 2600, 3238, 1800];

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>"#;

fn core_xml(doc: &Document) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>iki-bench</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2024-01-02T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-02T08:00:00Z</dcterms:modified></cp:coreProperties>"#,
        escape(doc.title.as_deref().unwrap_or(INTRO))
    )
}

/// Styles: Normal (Arial 10 pt), Title, Heading 1-3 (bold, with outline
/// levels), List Paragraph, Table Grid.
fn styles_xml() -> String {
    let heading = |n: u8, size: u8| {
        format!(
            r#"<w:style w:type="paragraph" w:styleId="Heading{n}"><w:name w:val="heading {n}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="{}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#,
            n - 1
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="Arial" w:cs="Arial"/><w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="id-ID"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="80" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="center"/><w:spacing w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>{}{}{}<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style><w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders></w:tblPr></w:style></w:styles>"#,
        heading(1, 28),
        heading(2, 24),
        heading(3, 22),
    )
}

/// Numbering: abstract list 0 is lettered (`a.`, Fungsi), 1 is decimal
/// (`1.`, several Tugas). Each list in the body gets its own `w:num`
/// restarting at 1: `lists` gives each num's abstract list.
fn numbering_xml(lists: &[u8]) -> String {
    let abstract_num = |id: u8, format: &str, text: &str| {
        format!(
            r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{format}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>"#
        )
    };
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="{W_NS}">{}{}"#,
        abstract_num(0, "lowerLetter", "%1."),
        abstract_num(1, "decimal", "%1."),
    );
    for (i, a) in lists.iter().enumerate() {
        let _ = write!(
            xml,
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="{a}"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            i + 1
        );
    }
    xml.push_str("</w:numbering>");
    xml
}

/// A run of `text`, a line break (`w:br`) for each `\n`.
fn runs(text: &str, bold: bool) -> String {
    let rpr = if bold {
        "<w:rPr><w:b/><w:bCs/></w:rPr>"
    } else {
        ""
    };
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            let _ = write!(out, "<w:r>{rpr}<w:br/></w:r>");
        }
        let _ = write!(
            out,
            r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
            escape(line)
        );
    }
    out
}

/// A paragraph with properties `ppr` (inside `w:pPr`) and one run.
fn paragraph(ppr: &str, text: &str, bold: bool) -> String {
    let ppr = if ppr.is_empty() {
        String::new()
    } else {
        format!("<w:pPr>{ppr}</w:pPr>")
    };
    format!("<w:p>{ppr}{}</w:p>", runs(text, bold))
}

/// A list item of list `num`.
fn list_item(num: usize, text: &str) -> String {
    paragraph(
        &format!(
            r#"<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr><w:jc w:val="both"/>"#
        ),
        text,
        false,
    )
}

/// A duty list: "Label : text" for one item, "Label :" and a numbered
/// list (a new `w:num` of abstract list `abstract_id`) for several.
fn duties(body: &mut String, lists: &mut Vec<u8>, label: &str, items: &[Item], abstract_id: u8) {
    match items {
        [] => {}
        [one] => body.push_str(&paragraph(
            r#"<w:jc w:val="both"/>"#,
            &format!("{label} : {}", one.text),
            false,
        )),
        _ => {
            body.push_str(&paragraph("", &format!("{label} :"), false));
            lists.push(abstract_id);
            let num = lists.len();
            for item in items {
                body.push_str(&list_item(num, &item.text));
            }
        }
    }
}

/// A table cell of `width` twips with properties `extra` (a `w:vMerge`).
fn docx_cell(width: u32, extra: &str, text: &str, bold: bool) -> String {
    let paras: String = if text.is_empty() {
        "<w:p/>".into()
    } else {
        paragraph("", text, bold)
    };
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{extra}</w:tcPr>{paras}</w:tc>"#)
}

/// A position's table: a header row repeated on every page (`w:tblHeader`)
/// and its rows, SASARAN merged down over consecutive equal rows.
fn docx_table(p: &Position) -> String {
    let mut xml = String::from(
        r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="9638" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#,
    );
    for w in DOCX_WIDTHS {
        let _ = write!(xml, r#"<w:gridCol w:w="{w}"/>"#);
    }
    xml.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (w, h) in DOCX_WIDTHS.iter().zip(COLUMNS) {
        xml.push_str(&docx_cell(
            *w,
            r#"<w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/><w:vAlign w:val="center"/>"#,
            h,
            true,
        ));
    }
    xml.push_str("</w:tr>");
    for (first, count) in sasaran_runs(&p.indicators) {
        let run = p.indicators.get(first..first + count).unwrap_or(&[]);
        for (k, i) in run.iter().enumerate() {
            let (merge, sasaran) = match (count, k) {
                (1, _) => ("", i.sasaran.as_str()),
                (_, 0) => (r#"<w:vMerge w:val="restart"/>"#, i.sasaran.as_str()),
                _ => ("<w:vMerge/>", ""),
            };
            xml.push_str("<w:tr>");
            xml.push_str(&docx_cell(DOCX_WIDTHS[0], merge, sasaran, false));
            xml.push_str(&docx_cell(DOCX_WIDTHS[1], "", &i.indikator, false));
            xml.push_str(&docx_cell(DOCX_WIDTHS[2], "", &i.formulasi, false));
            xml.push_str(&docx_cell(DOCX_WIDTHS[3], "", &i.sumber_data, false));
            xml.push_str("</w:tr>");
        }
    }
    xml.push_str("</w:tbl>");
    xml
}

/// `word/document.xml` and the lists its body uses (see [`numbering_xml`]).
fn document_xml(doc: &Document) -> (String, Vec<u8>) {
    let mut body = String::new();
    let mut lists = Vec::new();
    if let Some(title) = doc.title.as_deref() {
        body.push_str(&paragraph(r#"<w:pStyle w:val="Title"/>"#, title, false));
    }
    for (_, block) in blocks(doc) {
        match block {
            Block::Banner(lines) => {
                // A banner starts a new page, as agencies lay them out.
                let mut first = true;
                for line in lines {
                    let ppr = if first && !body.is_empty() {
                        r#"<w:pageBreakBefore/><w:jc w:val="center"/>"#
                    } else {
                        r#"<w:jc w:val="center"/>"#
                    };
                    first = false;
                    body.push_str(&paragraph(ppr, line, true));
                }
            }
            Block::Unit(u) => {
                body.push_str(&paragraph(
                    r#"<w:pStyle w:val="Heading3"/>"#,
                    &unit_heading(u),
                    false,
                ));
            }
            Block::Position(p) => {
                body.push_str(&paragraph(
                    r#"<w:pStyle w:val="Heading3"/>"#,
                    &position_heading(p),
                    false,
                ));
                duties(&mut body, &mut lists, "Tugas", &p.tugas, 1);
                duties(&mut body, &mut lists, "Fungsi", &p.fungsi, 0);
                if !p.indicators.is_empty() {
                    body.push_str(&docx_table(p));
                    // Word needs a paragraph between two tables.
                    body.push_str("<w:p/>");
                }
            }
        }
    }
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="709" w:footer="709" w:gutter="0"/><w:cols w:space="708"/></w:sectPr></w:body></w:document>"#
    );
    (xml, lists)
}

/// A zip of `parts` (name, content), deflated, every entry dated
/// 1980-01-01 00:00.
fn zip_of(parts: &[(&str, &str)]) -> Result<Vec<u8>, Error> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, content) in parts {
        w.start_file(*name, options)
            .map_err(|e| error("writing the zip", e))?;
        w.write_all(content.as_bytes())
            .map_err(|e| error("writing the zip", e))?;
    }
    let cursor = w.finish().map_err(|e| error("writing the zip", e))?;
    Ok(cursor.into_inner())
}

/// `doc` as a Word (.docx) file: the title, for each group a banner
/// (three bold centered paragraphs on a new page), units and position
/// titles as Heading 3 paragraphs ("1.1 KEPALA SUB BAGIAN ..."), Tugas as
/// "Tugas : ..." (a numbered list when there are several), Fungsi as
/// "Fungsi :" and a list numbered by Word (`a.`, `b.`, ... from
/// `word/numbering.xml`), then the position's table.
pub fn docx(doc: &Document) -> Result<Vec<u8>, Error> {
    let (document, lists) = document_xml(doc);
    let styles = styles_xml();
    let numbering = numbering_xml(&lists);
    let core = core_xml(doc);
    zip_of(&[
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", &core),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/document.xml", &document),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &numbering),
    ])
}

// ---------------------------------------------------------------- Excel

/// `doc` as an Excel (.xlsx) workbook of one sheet, "IKI", in matrix
/// layout: title rows merged across the table, an empty row, the header
/// (NO | JABATAN | SASARAN | INDIKATOR KINERJA | FORMULASI | SUMBER DATA),
/// then for each group a banner row merged across the table and its
/// positions' rows, NO numbering the rows of a position, JABATAN merged
/// down over the position's rows and SASARAN over consecutive equal rows.
/// Units have no place in the matrix and are not written.
pub fn xlsx(doc: &Document) -> Result<Vec<u8>, Error> {
    use rust_xlsxwriter::{
        DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook,
    };
    let x = |e: rust_xlsxwriter::XlsxError| error("writing the workbook", e);
    let last_col = (MATRIX_COLUMNS.len() - 1) as u16;
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2024, 1, 2).map_err(x)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(doc.title.as_deref().unwrap_or(INTRO))
            .set_author("iki-bench")
            .set_creation_datetime(&created),
    );
    let title = Format::new()
        .set_bold()
        .set_font_size(12)
        .set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("D9D9D9");
    let banner = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Left);
    let cell = Format::new()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top);
    let sheet = workbook.add_worksheet();
    sheet.set_name("IKI").map_err(x)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    for (c, width) in [5.0, 28.0, 30.0, 34.0, 45.0, 24.0].into_iter().enumerate() {
        sheet.set_column_width(c as u16, width).map_err(x)?;
    }
    let mut r: u32 = 0;
    let titles: Vec<&str> = [
        Some(INTRO),
        doc.agency_name.as_deref(),
        doc.title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    for t in titles {
        sheet.merge_range(r, 0, r, last_col, t, &title).map_err(x)?;
        r += 1;
    }
    r += 1;
    for (c, h) in MATRIX_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(r, c as u16, *h, &header)
            .map_err(x)?;
    }
    sheet.set_repeat_rows(r, r).map_err(x)?;
    r += 1;
    for g in &doc.groups {
        sheet
            .merge_range(r, 0, r, last_col, group_title(g), &banner)
            .map_err(x)?;
        r += 1;
        for p in &g.positions {
            let n = p.indicators.len() as u32;
            if n == 0 {
                continue;
            }
            if n > 1 {
                sheet
                    .merge_range(r, 1, r + n - 1, 1, &p.title, &cell)
                    .map_err(x)?;
            } else {
                sheet
                    .write_string_with_format(r, 1, &p.title, &cell)
                    .map_err(x)?;
            }
            for (first, count) in sasaran_runs(&p.indicators) {
                let at = r + first as u32;
                let text = p.indicators.get(first).map_or("", |i| i.sasaran.as_str());
                if count > 1 {
                    sheet
                        .merge_range(at, 2, at + count as u32 - 1, 2, text, &cell)
                        .map_err(x)?;
                } else {
                    sheet
                        .write_string_with_format(at, 2, text, &cell)
                        .map_err(x)?;
                }
            }
            for (k, i) in p.indicators.iter().enumerate() {
                let at = r + k as u32;
                sheet
                    .write_number_with_format(at, 0, (k + 1) as f64, &cell)
                    .map_err(x)?;
                for (c, text) in [(3, &i.indikator), (4, &i.formulasi), (5, &i.sumber_data)] {
                    sheet
                        .write_string_with_format(at, c, text, &cell)
                        .map_err(x)?;
                }
            }
            r += n;
        }
    }
    workbook.save_to_buffer().map_err(x)
}

// ---------------------------------------------------------------- HTML

const CSS: &str = "@page { size: A4; margin: 18mm 15mm; }
body { font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 10pt; line-height: 1.25; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 12pt; }
.banner { text-align: center; font-weight: bold; margin: 0 0 10pt; page-break-before: always; }
h1 + .banner { page-break-before: auto; }
h3 { font-size: 11pt; margin: 14pt 0 6pt; page-break-after: avoid; }
p { margin: 0 0 4pt; text-align: justify; }
ol { margin: 0 0 6pt; padding-left: 24pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 6pt 0 10pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 3pt 7pt; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #d9d9d9; text-align: center; vertical-align: middle; }
col.sasaran { width: 21%; } col.indikator { width: 26%; } col.formulasi { width: 34%; } col.sumber { width: 19%; }";

/// A duty list: "Label : text" for one item, "Label :" and an ordered
/// list (`type` "1" or "a") for several.
fn html_duties(o: &mut String, label: &str, items: &[Item], list_type: &str) {
    match items {
        [] => {}
        [one] => {
            let _ = writeln!(o, "<p>{label} : {}</p>", escape(&one.text));
        }
        _ => {
            let _ = writeln!(o, "<p>{label} :</p>\n<ol type=\"{list_type}\">");
            for i in items {
                let _ = writeln!(o, "<li>{}</li>", escape(&i.text));
            }
            o.push_str("</ol>\n");
        }
    }
}

fn html_table(o: &mut String, p: &Position) {
    o.push_str("<table>\n<colgroup><col class=\"sasaran\"><col class=\"indikator\"><col class=\"formulasi\"><col class=\"sumber\"></colgroup>\n<thead><tr>");
    for h in COLUMNS {
        let _ = write!(o, "<th>{}</th>", escape(h));
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for (first, count) in sasaran_runs(&p.indicators) {
        let run = p.indicators.get(first..first + count).unwrap_or(&[]);
        for (k, i) in run.iter().enumerate() {
            o.push_str("<tr>");
            match (count, k) {
                (1, _) => {
                    let _ = write!(o, "<td>{}</td>", escape(&i.sasaran));
                }
                (_, 0) => {
                    let _ = write!(o, "<td rowspan=\"{count}\">{}</td>", escape(&i.sasaran));
                }
                _ => {}
            }
            for text in [&i.indikator, &i.formulasi, &i.sumber_data] {
                let _ = write!(o, "<td>{}</td>", escape(text));
            }
            o.push_str("</tr>\n");
        }
    }
    o.push_str("</tbody>\n</table>\n");
}

/// `doc` as an HTML page a person would print from a browser: A4 with
/// margins, the title as `h1`, each group's banner as a bold centered
/// paragraph starting a new page, units and positions as `h3`, Tugas and
/// Fungsi as paragraphs and ordered lists (`a.`, `b.`, ... drawn by the
/// browser), and a bordered table per position whose header repeats on
/// every page and whose SASARAN cells span consecutive equal rows
/// (`rowspan`). Text is written as it is (a LaTeX formula stays LaTeX
/// source: a page made by hand has no MathJax).
pub fn html(doc: &Document) -> String {
    let title = doc.title.as_deref().unwrap_or(INTRO);
    let mut o = format!(
        "<!DOCTYPE html>\n<html lang=\"id\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>\n{CSS}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n",
        escape(title),
        escape(title)
    );
    for (_, block) in blocks(doc) {
        match block {
            Block::Banner(lines) => {
                let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                let _ = writeln!(o, "<p class=\"banner\">{}</p>", lines.join("<br>\n"));
            }
            Block::Unit(u) => {
                let _ = writeln!(o, "<h3>{}</h3>", escape(&unit_heading(u)));
            }
            Block::Position(p) => {
                let _ = writeln!(o, "<h3>{}</h3>", escape(&position_heading(p)));
                html_duties(&mut o, "Tugas", &p.tugas, "1");
                html_duties(&mut o, "Fungsi", &p.fungsi, "a");
                if !p.indicators.is_empty() {
                    html_table(&mut o, p);
                }
            }
        }
    }
    o.push_str("</body>\n</html>\n");
    o
}

/// A PDF of `pages` pages, each writing its lines (x, y in points,
/// text) in Courier: the smallest real PDF pdftotext reads (no pages: a
/// file with `/Count 0`; a page without lines: a page with no text).
pub fn text_pdf(pages: &[&[(u32, u32, &str)]]) -> Vec<u8> {
    let mut objects: Vec<String> = Vec::new();
    let n = pages.len();
    // 1 catalog, 2 pages, 3 font, then page i at 4 + 2i, its content at 5 + 2i.
    objects.push("<< /Type /Catalog /Pages 2 0 R >>".into());
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    objects.push(format!(
        "<< /Type /Pages /Kids [{}] /Count {n} >>",
        kids.join(" ")
    ));
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>".into());
    for (i, lines) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] \
             /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        let mut stream = String::new();
        for (x, y, text) in lines.iter() {
            stream.push_str(&format!("BT /F1 10 Tf {x} {y} Td ({text}) Tj ET\n"));
        }
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        out.push_str(&format!("{o:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use iki_model::{GroupKind, Span};

    fn doc() -> Document {
        let ind = |s: &str, i: &str| Indicator {
            number: None,
            sasaran: s.into(),
            indikator: i.into(),
            formulasi: "A & B < C".into(),
            sumber_data: "Laporan".into(),
            extra: Default::default(),
            measure: iki_model::Measure::from_indikator(i),
            formula: None,
            target: None,
            sasaran_filled: false,
            span: Span::line(1),
            continuation_lines: Vec::new(),
        };
        let position = Position {
            id: "x".into(),
            number: "1".into(),
            title: "KEPALA \"BADAN\"".into(),
            unit: None,
            span: Span::line(1),
            heading: Span::line(1),
            tugas: vec![Item {
                text: "Memimpin".into(),
                span: Span::line(1),
            }],
            fungsi: Vec::new(),
            indicators: vec![
                ind("S", "Jumlah A"),
                ind("S", "Jumlah B"),
                ind("T", "Jumlah C"),
            ],
        };
        Document {
            title: Some("IKI 2024".into()),
            groups: vec![Group {
                kind: GroupKind::PimpinanTinggi,
                title: None,
                span: Span::line(1),
                banner: None,
                units: Vec::new(),
                positions: vec![position],
            }],
            ..Document::default()
        }
    }

    #[test]
    fn originals_are_deterministic_and_escaped() {
        let d = doc();
        let a = docx(&d).unwrap();
        assert_eq!(a, docx(&d).unwrap());
        assert_eq!(xlsx(&d).unwrap(), xlsx(&d).unwrap());
        let h = html(&d);
        assert!(h.contains("<td rowspan=\"2\">S</td>"));
        assert!(h.contains("A &amp; B &lt; C"));
        assert!(h.contains("KEPALA &quot;BADAN&quot;"));
        assert_eq!(
            sasaran_runs(&d.groups[0].positions[0].indicators),
            [(0, 2), (2, 1)]
        );
    }
}
