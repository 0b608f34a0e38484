//! The markdown memo rendered by a real CommonMark parser (pulldown-cmark),
//! as CommonMark and as GFM: no `**` or `~~` is left as text, and every
//! removed word is inside `<del>` and every added word inside `<ins>`,
//! whatever characters stand next to them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use iki_diff::report::{markdown, Lang};
use iki_diff::words::{diff, Piece};
use iki_diff::{Change, IndicatorRow, Kind, Report, Side, Value};
use iki_model::{Extras, GroupKind, Span};
use pulldown_cmark::{Event, Options, Parser, Tag};

/// The texts inside `<ins>` and inside `<del>`, in document order, from the
/// memo rendered with `options`; panics on any `**` or `~~` left as text.
fn marked_texts(memo: &str, options: Options) -> (Vec<String>, Vec<String>) {
    let (mut ins, mut del) = (Vec::new(), Vec::new());
    let mut open: Option<(&str, String)> = None;
    for event in Parser::new_ext(memo, options) {
        match event {
            Event::InlineHtml(tag) | Event::Html(tag) => match tag.as_ref() {
                "<ins>" | "<del>" => {
                    assert!(open.is_none(), "nested highlight in {memo}");
                    open = Some((
                        if tag.as_ref() == "<ins>" {
                            "ins"
                        } else {
                            "del"
                        },
                        String::new(),
                    ));
                }
                "</ins>" | "</del>" => {
                    let (name, text) = open.take().expect("a closing tag closes an open one");
                    assert_eq!(format!("</{name}>"), tag.as_ref());
                    if name == "ins" {
                        ins.push(text);
                    } else {
                        del.push(text);
                    }
                }
                "<br>" => {
                    if let Some((_, text)) = &mut open {
                        text.push('\n');
                    }
                }
                other => panic!("unexpected HTML {other:?}"),
            },
            Event::Text(t) | Event::Code(t) => {
                assert!(!t.contains("**"), "literal ** in {t:?}");
                assert!(!t.contains("~~"), "literal ~~ in {t:?}");
                if let Some((_, text)) = &mut open {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::Strikethrough) => panic!("strikethrough markup in the memo"),
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                panic!("document text became a link")
            }
            _ => {}
        }
    }
    assert!(open.is_none(), "unclosed highlight");
    (ins, del)
}

/// What the memo must highlight: per change, the removed then the added
/// word runs (without their outer spaces), the cells of a whole row.
fn expected(report: &Report) -> (Vec<String>, Vec<String>) {
    let (mut ins, mut del) = (Vec::new(), Vec::new());
    let push = |to: &mut Vec<String>, t: &str| {
        if !t.trim().is_empty() {
            to.push(t.trim().to_string());
        }
    };
    for c in &report.changes {
        match (&c.before, &c.after) {
            (_, Some(Value::Row(r))) | (Some(Value::Row(r)), _) => {
                let cells = [&r.sasaran, &r.indikator, &r.formulasi, &r.sumber_data]
                    .into_iter()
                    .map(String::as_str)
                    .chain(r.extra.iter().map(|(_, v)| v));
                let to = if c.after.is_some() {
                    &mut ins
                } else {
                    &mut del
                };
                for cell in cells {
                    push(to, cell);
                }
            }
            (Some(Value::Text(b)), Some(Value::Text(a))) => {
                for p in diff(b, a) {
                    match p {
                        Piece::Removed(t) => push(&mut del, &t),
                        Piece::Added(t) => push(&mut ins, &t),
                        Piece::Same(_) => {}
                    }
                }
            }
            (Some(Value::Text(b)), None) => push(&mut del, b),
            (None, Some(Value::Text(a))) => push(&mut ins, a),
            (None, None) => {}
        }
    }
    // The memo keeps ins and del in two lists; per change, the old side
    // comes first, which this order matches.
    (ins, del)
}

fn check(report: &Report) {
    let want = expected(report);
    for lang in [Lang::Id, Lang::En] {
        let memo = markdown(report, lang);
        for options in [
            Options::empty(),
            Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM,
        ] {
            assert_eq!(marked_texts(&memo, options), want, "{memo}");
        }
    }
}

fn side() -> Side {
    Side {
        file: "iki.md".into(),
        title: Some("IKI **2025**".into()),
        agency: None,
        region: None,
        year: Some(2025),
        positions: 1,
        indicators: 1,
        position_names: Vec::new(),
    }
}

fn text_change(kind: Kind, field: &str, before: &str, after: &str) -> Change {
    Change {
        kind,
        group: GroupKind::Administrator,
        position_old: Some("administrator/x".into()),
        position_new: Some("administrator/x".into()),
        field: Some(field.into()),
        before: Some(Value::Text(before.into())),
        after: Some(Value::Text(after.into())),
        old_lines: Some(Span::new(3, 3)),
        new_lines: Some(Span::new(3, 4)),
    }
}

#[test]
fn highlights_render_whatever_the_neighbouring_characters() {
    let pairs = [
        (
            "KEPALA BIDANG MUTASI DAN PROMOSI",
            "KEPALA BIDANG MUTASI, PROMOSI DAN KARIER",
        ),
        ("Nilai (A) * 2_x", "Nilai (B) ** 3_x"),
        ("a~b ~~c~~", "a~~d~~ ~e~"),
        ("<b>x</b> & y &amp;", "<i>x</i> & z &copy;"),
        ("Baris satu\nkedua", "Baris satu\nketiga."),
        ("[tautan](http://a.example)", "[link](http://b.example)"),
        ("`kode` \\ #1 | $x$", "`kode2` \\\\ #2 | $y$"),
        ("**tebal**", "*miring*"),
        ("A.B", "A,B"),
        ("100%", "\u{2265} 95%"),
    ];
    let mut changes: Vec<Change> = pairs
        .iter()
        .map(|(b, a)| text_change(Kind::IndicatorChanged, "sasaran", b, a))
        .collect();
    let mut extra = Extras::default();
    extra.0.push(("TARGET".into(), "\u{2265} 95 **%**".into()));
    extra.0.push(("SATUAN".into(), "".into()));
    let row = IndicatorRow {
        sasaran: "Meningkatnya **kualitas**".into(),
        indikator: "Persentase_ASN_".into(),
        formulasi: "$\\frac{A}{B} \\times 100\\%$".into(),
        sumber_data: "Laporan ~Kinerja~".into(),
        extra,
    };
    let mut added = text_change(Kind::IndicatorAdded, "x", "", "");
    added.field = None;
    added.before = None;
    added.after = Some(Value::Row(Box::new(row.clone())));
    let mut removed = added.clone();
    removed.kind = Kind::IndicatorRemoved;
    (removed.before, removed.after) = (added.after.clone(), None);
    let mut position = text_change(Kind::PositionAdded, "x", "", "");
    position.field = None;
    position.before = None;
    position.after = Some(Value::Text("3. KEPALA **BIDANG**".into()));
    changes.extend([added, removed, position]);
    check(&Report::new(side(), side(), changes));
}

#[test]
fn the_fixture_memos_render() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let read = |p: &str| {
        iki_parse::parse(&std::fs::read(root.join(p)).unwrap())
            .unwrap()
            .document
    };
    let seed = read("seeds/bkpsdm-sumenep-2024.md");
    for (old, new) in [
        (&seed, read("fixtures/diff/bkpsdm-sumenep-2025.md")),
        (&seed, read("fixtures/diff/bkpsdm-sumenep-2025b.md")),
        (
            &read("fixtures/agencies/dinkes-pipe.md"),
            read("fixtures/diff/dinkes/dinkes-pipe-2025.md"),
        ),
    ] {
        let mut changes = iki_diff::diff(old, &new, &iki_diff::Options::default());
        // A measure or a group is shown by its name in the catalogue, not
        // as the code the change holds: not what this test compares.
        changes.retain(|c| !matches!(c.field.as_deref(), Some("measure" | "group")));
        assert!(!changes.is_empty());
        let report = Report::new(Side::of("a.md", old), Side::of("b.md", &new), changes);
        check(&report);
    }
}
