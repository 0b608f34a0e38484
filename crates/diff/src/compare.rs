//! Matching positions and rows, and listing what changed between them.

use crate::assign::{best_pairs, Items, Vocabulary};
use crate::score::{self, PositionWords};
use crate::{order, years, Change, IndicatorRow, Kind, Options, Value, EXTRA_PREFIX};
use crate::{INDICATOR_THRESHOLD, OTHER_GROUP_PENALTY, POSITION_THRESHOLD};
use iki_model::{Document, Extras, Formula, GroupKind, Indicator, Item, Position, Span};
use std::collections::HashMap;

/// A position with the group it sits in.
#[derive(Clone, Copy)]
struct Pos<'a> {
    group: GroupKind,
    p: &'a Position,
}

fn positions(doc: &Document) -> Vec<Pos<'_>> {
    doc.groups
        .iter()
        .flat_map(|g| g.positions.iter().map(move |p| Pos { group: g.kind, p }))
        .collect()
}

/// Compares two documents (normalize both first).
pub fn diff(old: &Document, new: &Document, options: &Options) -> Vec<Change> {
    let olds = positions(old);
    let news = positions(new);
    let pairs = match_positions(&olds, &news);

    let mut old_matched = vec![false; olds.len()];
    let mut of_new: Vec<Option<usize>> = vec![None; news.len()];
    for &(o, n) in &pairs {
        old_matched[o] = true;
        of_new[n] = Some(o);
    }
    let mut changes = Vec::new();
    for (n, np) in news.iter().enumerate() {
        match of_new[n] {
            Some(o) => compare_positions(olds[o], *np, &mut changes),
            None => changes.push(Change {
                kind: Kind::PositionAdded,
                group: np.group,
                position_old: None,
                position_new: Some(np.p.id.clone()),
                field: None,
                before: None,
                after: Some(Value::Text(label(np.p))),
                old_lines: None,
                new_lines: Some(np.p.heading),
            }),
        }
    }
    for (o, op) in olds.iter().enumerate().filter(|(o, _)| !old_matched[*o]) {
        let _ = o;
        changes.push(Change {
            kind: Kind::PositionRemoved,
            group: op.group,
            position_old: Some(op.p.id.clone()),
            position_new: None,
            field: None,
            before: Some(Value::Text(label(op.p))),
            after: None,
            old_lines: Some(op.p.heading),
            new_lines: None,
        });
    }
    if options.ignore_years {
        changes.retain(|c| c.kind != Kind::YearUpdated);
    }
    changes
}

fn label(p: &Position) -> String {
    format!("{}. {}", p.number, p.title)
}

/// Same id first; the rest by similarity, best overall assignment.
fn match_positions(olds: &[Pos], news: &[Pos]) -> Vec<(usize, usize)> {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    for (n, np) in news.iter().enumerate() {
        by_id.insert(np.p.id.as_str(), n);
    }
    let mut pairs = Vec::new();
    let mut new_taken = vec![false; news.len()];
    let mut rest_old = Vec::new();
    for (o, op) in olds.iter().enumerate() {
        match by_id.get(op.p.id.as_str()) {
            Some(&n) if !new_taken[n] => {
                new_taken[n] = true;
                pairs.push((o, n));
            }
            _ => rest_old.push(o),
        }
    }
    let rest_new: Vec<usize> = (0..news.len()).filter(|n| !new_taken[*n]).collect();
    let old_words: Vec<PositionWords> = rest_old
        .iter()
        .map(|&o| PositionWords::of(olds[o].p))
        .collect();
    let new_words: Vec<PositionWords> = rest_new
        .iter()
        .map(|&n| PositionWords::of(news[n].p))
        .collect();
    let similar = best_pairs(
        rest_old.len(),
        rest_new.len(),
        POSITION_THRESHOLD,
        || {
            let mut voc = Vocabulary::default();
            let mut items = |words: &[PositionWords], side: &[Pos], at: &[usize]| Items {
                words: words.iter().map(|w| voc.ids(w.keys())).collect(),
                exact: at.iter().map(|&k| side[k].p.title.clone()).collect(),
            };
            (
                items(&old_words, olds, &rest_old),
                items(&new_words, news, &rest_new),
            )
        },
        |i, j| {
            let penalty = if olds[rest_old[i]].group == news[rest_new[j]].group {
                0.0
            } else {
                OTHER_GROUP_PENALTY
            };
            score::position(&old_words[i], &new_words[j]) - penalty
        },
    );
    pairs.extend(similar.into_iter().map(|(i, j)| (rest_old[i], rest_new[j])));
    pairs.sort_unstable();
    pairs
}

/// A change of `kind` to a text, or `year_updated` if only years differ.
#[allow(clippy::too_many_arguments)]
fn text_change(
    kind: Kind,
    old: Pos,
    new: Pos,
    field: &str,
    before: Option<String>,
    after: Option<String>,
    old_lines: Option<Span>,
    new_lines: Option<Span>,
) -> Change {
    let only_years = match (&before, &after) {
        (Some(b), Some(a)) => years::only_years(b, a),
        _ => false,
    };
    Change {
        kind: if only_years { Kind::YearUpdated } else { kind },
        group: new.group,
        position_old: Some(old.p.id.clone()),
        position_new: Some(new.p.id.clone()),
        field: Some(field.to_string()),
        before: before.map(Value::Text),
        after: after.map(Value::Text),
        old_lines,
        new_lines,
    }
}

fn items_span(items: &[Item]) -> Option<Span> {
    Some(items.first()?.span.join(items.last()?.span))
}

fn joined(items: &[Item]) -> String {
    items
        .iter()
        .map(|i| i.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn compare_positions(old: Pos, new: Pos, out: &mut Vec<Change>) {
    let (o, n) = (old.p, new.p);
    let heading = (Some(o.heading), Some(n.heading));
    if o.title != n.title {
        out.push(text_change(
            Kind::PositionRenamed,
            old,
            new,
            "title",
            Some(o.title.clone()),
            Some(n.title.clone()),
            heading.0,
            heading.1,
        ));
    }
    if o.number != n.number {
        out.push(text_change(
            Kind::PositionRenumbered,
            old,
            new,
            "number",
            Some(o.number.clone()),
            Some(n.number.clone()),
            heading.0,
            heading.1,
        ));
    }
    if old.group != new.group {
        out.push(text_change(
            Kind::PositionMoved,
            old,
            new,
            "group",
            Some(old.group.to_string()),
            Some(new.group.to_string()),
            heading.0,
            heading.1,
        ));
    }
    if o.unit != n.unit {
        out.push(text_change(
            Kind::PositionMoved,
            old,
            new,
            "unit",
            o.unit.clone(),
            n.unit.clone(),
            heading.0,
            heading.1,
        ));
    }
    for (kind, field, a, b) in [
        (Kind::TugasChanged, "tugas", &o.tugas, &n.tugas),
        (Kind::FungsiChanged, "fungsi", &o.fungsi, &n.fungsi),
    ] {
        let (ja, jb) = (joined(a), joined(b));
        if ja != jb {
            out.push(text_change(
                kind,
                old,
                new,
                field,
                Some(ja),
                Some(jb),
                items_span(a),
                items_span(b),
            ));
        }
    }
    compare_indicators(old, new, out);
}

fn formula_text(f: Option<&Formula>) -> Option<String> {
    match f {
        Some(Formula::Ratio {
            numerator,
            denominator,
            multiplier,
            unit,
        }) => {
            let mut s = format!("{numerator} / {denominator}");
            if let Some(m) = multiplier {
                s.push_str(&format!(" x {m}"));
            }
            if let Some(u) = unit {
                s.push_str(&format!(" {u}"));
            }
            Some(s)
        }
        None => None,
    }
}

fn measure_text(i: &Indicator) -> String {
    serde_json::to_value(i.measure)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The extra columns of two matched rows as fields `extra.<NAME>`: every
/// column name in either row, the old row's order first, then the names only
/// the new row has, each with the old and the new cell (`""` where a row
/// lacks the column).
fn extra_fields<'a>(
    a: &'a Extras,
    b: &'a Extras,
) -> impl Iterator<Item = (String, Option<String>, Option<String>)> + 'a {
    let mut names: Vec<&str> = Vec::new();
    for (name, _) in a.iter().chain(b.iter()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.into_iter().map(|name| {
        let cell = |e: &Extras| Some(e.get(name).unwrap_or_default().to_string());
        (format!("{EXTRA_PREFIX}{name}"), cell(a), cell(b))
    })
}

fn compare_indicators(old: Pos, new: Pos, out: &mut Vec<Change>) {
    let (oi, ni) = (&old.p.indicators, &new.p.indicators);
    let pairs = best_pairs(
        oi.len(),
        ni.len(),
        INDICATOR_THRESHOLD,
        || {
            let mut voc = Vocabulary::default();
            let mut items = |rows: &[Indicator]| Items {
                words: rows
                    .iter()
                    .map(|r| {
                        let words = [&r.sasaran, &r.indikator, &r.formulasi]
                            .into_iter()
                            .flat_map(|t| score::word_set(t))
                            .collect::<Vec<_>>();
                        voc.ids(&words)
                    })
                    .collect(),
                exact: rows
                    .iter()
                    .map(|r| {
                        [&r.sasaran, &r.indikator, &r.formulasi, &r.sumber_data]
                            .map(String::as_str)
                            .join("\u{1f}")
                    })
                    .collect(),
            };
            (items(oi), items(ni))
        },
        |i, j| score::indicator(&oi[i], &ni[j]),
    );
    let mut of_new: Vec<Option<usize>> = vec![None; ni.len()];
    let mut matched_old = vec![false; oi.len()];
    for &(i, j) in &pairs {
        of_new[j] = Some(i);
        matched_old[i] = true;
    }
    // `pairs` is sorted by old index: the new indexes in old order.
    let new_order: Vec<usize> = pairs.iter().map(|&(_, j)| j).collect();
    let moved: Vec<usize> = order::moved(&new_order)
        .into_iter()
        .map(|k| new_order[k])
        .collect();

    for (j, b) in ni.iter().enumerate() {
        let Some(i) = of_new[j] else {
            out.push(Change {
                kind: Kind::IndicatorAdded,
                group: new.group,
                position_old: Some(old.p.id.clone()),
                position_new: Some(new.p.id.clone()),
                field: None,
                before: None,
                after: Some(Value::Row(Box::new(IndicatorRow::of(b)))),
                old_lines: None,
                new_lines: Some(b.span),
            });
            continue;
        };
        let a = &oi[i];
        let lines = (Some(a.span), Some(b.span));
        let fields: [(&str, Option<String>, Option<String>); 6] = [
            ("sasaran", Some(a.sasaran.clone()), Some(b.sasaran.clone())),
            (
                "indikator",
                Some(a.indikator.clone()),
                Some(b.indikator.clone()),
            ),
            (
                "formulasi",
                Some(a.formulasi.clone()),
                Some(b.formulasi.clone()),
            ),
            (
                "sumber_data",
                Some(a.sumber_data.clone()),
                Some(b.sumber_data.clone()),
            ),
            ("measure", Some(measure_text(a)), Some(measure_text(b))),
            (
                "formula",
                formula_text(a.formula.as_deref()),
                formula_text(b.formula.as_deref()),
            ),
        ];
        let fields = fields
            .into_iter()
            .map(|(f, before, after)| (f.to_string(), before, after))
            .chain(extra_fields(&a.extra, &b.extra));
        for (field, before, after) in fields {
            if before != after {
                out.push(text_change(
                    Kind::IndicatorChanged,
                    old,
                    new,
                    &field,
                    before,
                    after,
                    lines.0,
                    lines.1,
                ));
            }
        }
        if moved.contains(&j) {
            out.push(text_change(
                Kind::IndicatorReordered,
                old,
                new,
                "order",
                Some((i + 1).to_string()),
                Some((j + 1).to_string()),
                lines.0,
                lines.1,
            ));
        }
    }
    for (i, a) in oi.iter().enumerate().filter(|(i, _)| !matched_old[*i]) {
        let _ = i;
        out.push(Change {
            kind: Kind::IndicatorRemoved,
            group: new.group,
            position_old: Some(old.p.id.clone()),
            position_new: Some(new.p.id.clone()),
            field: None,
            before: Some(Value::Row(Box::new(IndicatorRow::of(a)))),
            after: None,
            old_lines: Some(a.span),
            new_lines: None,
        });
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Document {
        iki_parse::parse(src.as_bytes()).unwrap().document
    }

    const HEADER: &str = "SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA";

    fn position(number: &str, title: &str, rows: &[&str]) -> String {
        format!(
            "### {number}. JABATAN {title}\n\n- Tugas : Melaksanakan tugas {title}.\n\n{HEADER}\n{}\n\n",
            rows.join("\n")
        )
    }

    /// A position with one row under a header of `columns`
    /// (tab-separated), the cells of the row given by column name.
    fn with_columns(columns: &[&str], cells: &[(&str, &str)]) -> Document {
        let cell = |name: &str| {
            cells
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, v)| *v)
        };
        let row: Vec<&str> = columns.iter().map(|c| cell(c)).collect();
        doc(&format!(
            "### 1. JABATAN ANALIS\n\n- Tugas : Menganalisis.\n\n{}\n{}\n",
            columns.join("\t"),
            row.join("\t")
        ))
    }

    const ROW: [(&str, &str); 4] = [
        ("SASARAN", "Tersedianya data kepegawaian"),
        ("INDIKATOR KINERJA", "Persentase data kepegawaian mutakhir"),
        ("FORMULASI", "Data mutakhir dibagi seluruh data x 100%"),
        ("SUMBER DATA", "Laporan Kinerja"),
    ];

    fn row<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
        ROW.iter().chain(extra).copied().collect()
    }

    /// `(field, before, after)` of every change, with its kind.
    fn fields(changes: &[Change]) -> Vec<(Kind, &str, &str, &str)> {
        changes
            .iter()
            .map(|c| {
                (
                    c.kind,
                    c.field.as_deref().unwrap_or("-"),
                    c.before_text().unwrap_or("-"),
                    c.after_text().unwrap_or("-"),
                )
            })
            .collect()
    }

    const SIX: [&str; 6] = [
        "SASARAN",
        "INDIKATOR KINERJA",
        "SATUAN",
        "TARGET",
        "FORMULASI",
        "SUMBER DATA",
    ];

    #[test]
    fn a_changed_target_is_an_extra_field() {
        let old = with_columns(&SIX, &row(&[("SATUAN", "%"), ("TARGET", "90")]));
        let new = with_columns(&SIX, &row(&[("SATUAN", "%"), ("TARGET", "≥ 95")]));
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [(Kind::IndicatorChanged, "extra.TARGET", "90", "≥ 95")]
        );
        // Both cells change: in the old row's column order.
        let new = with_columns(&SIX, &row(&[("SATUAN", "persen"), ("TARGET", "95")]));
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [
                (Kind::IndicatorChanged, "extra.SATUAN", "%", "persen"),
                (Kind::IndicatorChanged, "extra.TARGET", "90", "95")
            ]
        );
    }

    #[test]
    fn a_column_added_in_the_new_year_comes_after_the_old_columns() {
        let four = ["SASARAN", "INDIKATOR KINERJA", "FORMULASI", "SUMBER DATA"];
        let old = with_columns(&four, &row(&[]));
        let new = with_columns(&SIX, &row(&[("SATUAN", "%"), ("TARGET", "95")]));
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [
                (Kind::IndicatorChanged, "extra.SATUAN", "", "%"),
                (Kind::IndicatorChanged, "extra.TARGET", "", "95")
            ]
        );
        // Old columns in the old order, then the new row's own: BOBOT is
        // the new table's first extra column but comes after SATUAN.
        let old = with_columns(
            &[
                "SASARAN",
                "INDIKATOR KINERJA",
                "SATUAN",
                "FORMULASI",
                "SUMBER DATA",
            ],
            &row(&[("SATUAN", "%")]),
        );
        let new = with_columns(
            &[
                "BOBOT",
                "SASARAN",
                "INDIKATOR KINERJA",
                "SATUAN",
                "TARGET",
                "FORMULASI",
                "SUMBER DATA",
            ],
            &row(&[("BOBOT", "10"), ("SATUAN", "persen"), ("TARGET", "95")]),
        );
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [
                (Kind::IndicatorChanged, "extra.SATUAN", "%", "persen"),
                (Kind::IndicatorChanged, "extra.BOBOT", "", "10"),
                (Kind::IndicatorChanged, "extra.TARGET", "", "95")
            ]
        );
    }

    #[test]
    fn a_column_removed_in_the_new_year() {
        let five = [
            "SASARAN",
            "INDIKATOR KINERJA",
            "SATUAN",
            "FORMULASI",
            "SUMBER DATA",
        ];
        let old = with_columns(&SIX, &row(&[("SATUAN", "%"), ("TARGET", "95")]));
        let new = with_columns(&five, &row(&[("SATUAN", "%")]));
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [(Kind::IndicatorChanged, "extra.TARGET", "95", "")]
        );
    }

    #[test]
    fn an_extra_cell_that_differs_only_in_its_year_is_year_updated() {
        let cols = [
            "SASARAN",
            "INDIKATOR KINERJA",
            "TARGET",
            "FORMULASI",
            "SUMBER DATA",
            "KETERANGAN",
        ];
        let old = with_columns(
            &cols,
            &row(&[
                ("TARGET", "95"),
                ("KETERANGAN", "Renstra 2021-2026, RKT 2024"),
            ]),
        );
        let new = with_columns(
            &cols,
            &row(&[
                ("TARGET", "95"),
                ("KETERANGAN", "Renstra 2021-2026, RKT 2025"),
            ]),
        );
        assert_eq!(
            fields(&diff(&old, &new, &Options::default())),
            [(
                Kind::YearUpdated,
                "extra.KETERANGAN",
                "Renstra 2021-2026, RKT 2024",
                "Renstra 2021-2026, RKT 2025"
            )]
        );
        assert!(diff(&old, &new, &Options { ignore_years: true }).is_empty());
        // A year that appears where there was nothing is not only a year.
        let empty = with_columns(&cols, &row(&[("TARGET", "95")]));
        let year = with_columns(&cols, &row(&[("TARGET", "95"), ("KETERANGAN", "2025")]));
        assert_eq!(
            kinds(&diff(&empty, &year, &Options { ignore_years: true })),
            [Kind::IndicatorChanged]
        );
    }

    #[test]
    fn identical_extras_give_no_change_whatever_their_column_order() {
        let cells = row(&[("SATUAN", "%"), ("TARGET", "≥ 95")]);
        let old = with_columns(&SIX, &cells);
        assert!(diff(&old, &old, &Options::default()).is_empty());
        let swapped = with_columns(
            &[
                "SASARAN",
                "INDIKATOR KINERJA",
                "TARGET",
                "SATUAN",
                "FORMULASI",
                "SUMBER DATA",
            ],
            &cells,
        );
        let extra = |d: &Document| d.groups[0].positions[0].indicators[0].extra.clone();
        assert_eq!(extra(&old).0.len(), 2);
        assert_ne!(extra(&old), extra(&swapped));
        assert!(diff(&old, &swapped, &Options::default()).is_empty());
    }

    fn kinds(changes: &[Change]) -> Vec<Kind> {
        changes.iter().map(|c| c.kind).collect()
    }

    #[test]
    fn renamed_and_renumbered_positions_are_matched_not_added_and_removed() {
        let rows = [
            "Tersedianya data kepegawaian\tJumlah data kepegawaian\tJumlah data\tLaporan Kinerja",
        ];
        let old = doc(&(position("1", "ANALIS KEPEGAWAIAN", &rows)
            + &position("2", "PENGELOLA DATA", &rows[..])));
        let new = doc(&(position("1", "PENGELOLA DATA", &rows)
            + &position("2", "ANALIS KEPEGAWAIAN AHLI", &rows)));
        let changes = diff(&old, &new, &Options::default());
        // PENGELOLA DATA keeps its id (renumbered 2 -> 1); ANALIS is renamed
        // and renumbered (1 -> 2) and matched by similarity.
        assert_eq!(
            kinds(&changes),
            [
                Kind::PositionRenumbered,
                Kind::PositionRenamed,
                Kind::PositionRenumbered,
                Kind::TugasChanged
            ]
        );
        assert_eq!(changes[1].before_text(), Some("ANALIS KEPEGAWAIAN"));
        assert_eq!(changes[1].after_text(), Some("ANALIS KEPEGAWAIAN AHLI"));
    }

    #[test]
    fn unrelated_positions_fall_below_the_threshold() {
        let old = doc(&position(
            "1",
            "BENDAHARA",
            &["Terkelolanya kas\tJumlah laporan kas\tJumlah kas\tLaporan Keuangan"],
        ));
        let new = doc(&position(
            "1",
            "PRANATA KOMPUTER",
            &["Terkelolanya jaringan\tJumlah aplikasi\tJumlah aplikasi\tLaporan Kinerja"],
        ));
        let changes = diff(&old, &new, &Options::default());
        assert_eq!(
            kinds(&changes),
            [Kind::PositionAdded, Kind::PositionRemoved]
        );
    }

    #[test]
    fn indicators_added_removed_changed_and_reordered() {
        let a = "Tersedianya data A\tJumlah data A\tJumlah data A\tLaporan Kinerja";
        let b = "Tersedianya data B\tJumlah dokumen B\tJumlah dokumen B\tLaporan Kinerja";
        let c = "Terkelolanya arsip C\tJumlah arsip C\tJumlah arsip C\tLaporan Kinerja";
        let c2 = "Terkelolanya arsip C\tJumlah arsip C\tJumlah arsip C\tLaporan Arsip";
        let d = "Terlaksananya rapat D\tJumlah rapat D\tJumlah rapat D\tLaporan Kinerja";
        let old = doc(&position("1", "ANALIS", &[a, b, c]));
        let new = doc(&position("1", "ANALIS", &[b, a, c2, d]));
        let changes = diff(&old, &new, &Options::default());
        assert_eq!(
            kinds(&changes),
            [
                Kind::IndicatorReordered,
                Kind::IndicatorChanged,
                Kind::IndicatorAdded
            ]
        );
        assert_eq!(changes[0].before_text(), Some("1"));
        assert_eq!(changes[0].after_text(), Some("2"));
        assert_eq!(changes[1].field.as_deref(), Some("sumber_data"));
        let removed = doc(&position("1", "ANALIS", &[a, c]));
        assert_eq!(
            kinds(&diff(&old, &removed, &Options::default())),
            [Kind::IndicatorRemoved]
        );
    }

    #[test]
    fn years_only_is_year_updated_and_can_be_ignored() {
        let old = doc(&position(
            "1",
            "ANALIS",
            &["Tersusunnya usul TA 2025\tJumlah usul Tahun 2024\tJumlah usul\tLaporan Kinerja"],
        ));
        let new = doc(&position(
            "1",
            "ANALIS",
            &["Tersusunnya usul TA 2026\tJumlah usul Tahun 2025\tJumlah usul\tLaporan Kinerja"],
        ));
        let changes = diff(&old, &new, &Options::default());
        assert_eq!(kinds(&changes), [Kind::YearUpdated, Kind::YearUpdated]);
        assert!(diff(&old, &new, &Options { ignore_years: true }).is_empty());
    }

    #[test]
    fn a_count_that_became_a_percentage() {
        let old = doc(&position(
            "1",
            "ANALIS",
            &["Meningkatnya disiplin\tJumlah ASN disiplin\tJumlah ASN disiplin\tLaporan Kinerja"],
        ));
        let new = doc(&position("1", "ANALIS", &["Meningkatnya disiplin\tPersentase ASN disiplin\t$\\frac{\\text{ASN disiplin}}{\\text{Jumlah ASN}} \\times 100\\%$\tLaporan Kinerja"]));
        let changes = diff(&old, &new, &Options::default());
        let fields: Vec<&str> = changes.iter().filter_map(|c| c.field.as_deref()).collect();
        assert_eq!(fields, ["indikator", "formulasi", "measure", "formula"]);
        assert_eq!(changes[2].before_text(), Some("count"));
        assert_eq!(changes[2].after_text(), Some("percentage"));
        assert_eq!(changes[3].before, None);
        assert_eq!(
            changes[3].after_text(),
            Some("ASN disiplin / Jumlah ASN x 100 %")
        );
    }
}
