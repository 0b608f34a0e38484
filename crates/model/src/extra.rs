//! Columns the model has no field for (SATUAN, TARGET, BOBOT, PENANGGUNG
//! JAWAB, ...), kept per indicator by name, and the typed reading of a
//! TARGET cell.

use schemars::JsonSchema;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;

/// The extra cells of one indicator row: `(column name, cell text)` in the
/// order of the table's columns. Serialized as a JSON object whose keys
/// keep that order. Names are the header cells in upper case (markup
/// removed, whitespace collapsed, a trailing `:` or `.` dropped); a name
/// that occurs twice in one header gets ` 2`, ` 3`, ...
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Extras(pub Vec<(String, String)>);

impl Extras {
    /// The value of column `name`, if the row has it.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Whether the row has no extra column.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The `(name, value)` pairs in column order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl Serialize for Extras {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Extras {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Extras;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of column names to cell texts")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Extras, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(Extras(out))
            }
        }
        d.deserialize_map(V)
    }
}

impl JsonSchema for Extras {
    fn schema_name() -> Cow<'static, str> {
        "Extras".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Cells of columns the model has no field for, by column name, in column order.",
            "type": "object",
            "additionalProperties": { "type": "string" }
        })
    }
}

/// A typed reading of a TARGET cell (with the SATUAN cell for its unit),
/// beside the text as written: `≥ 95` is `{comparator: ">=", value: "95"}`,
/// `99,5` is `{value: "99.5"}`, `100 %` is `{value: "100", unit: "%"}`, a
/// predicate such as `BB` is `{predicate: "BB"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Target {
    /// `>=`, `<=`, `>`, `<` or `=` where the cell has one.
    pub comparator: Option<String>,
    /// The number as a decimal with a `.` (never a float, so that it reads
    /// back exactly); `None` for a predicate.
    pub value: Option<String>,
    /// The unit written after the number or in the SATUAN column.
    pub unit: Option<String>,
    /// A grade or word target (`BB`, `A`, `WTP`, `Baik`).
    pub predicate: Option<String>,
}

impl Target {
    /// The reading of a row's first column whose name starts with TARGET,
    /// with the first column whose name starts with SATUAN for its unit.
    pub fn of(extra: &Extras) -> Option<Target> {
        let starts = |prefix: &str| {
            extra
                .iter()
                .find(|(n, _)| n.starts_with(prefix))
                .map(|(_, v)| v)
        };
        Target::read(starts("TARGET")?, starts("SATUAN"))
    }

    /// Reads a TARGET cell; `satuan` is the row's SATUAN cell, if any.
    /// Returns `None` for an empty cell or one with more than a number,
    /// a unit and a comparator (a sentence is not a target value).
    pub fn read(target: &str, satuan: Option<&str>) -> Option<Target> {
        let t = target.trim();
        if t.is_empty() {
            return None;
        }
        let satuan = satuan.map(str::trim).filter(|s| !s.is_empty());
        let (comparator, rest) = comparator(t);
        let rest = rest.trim_start();
        let digits_end = rest
            .char_indices()
            .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
            .map_or(rest.len(), |(i, _)| i);
        let number = &rest[..digits_end];
        if number.is_empty() || !number.starts_with(|c: char| c.is_ascii_digit()) {
            // A grade: one short word of letters, no comparator.
            let grade = comparator.is_none()
                && t.chars().count() <= 12
                && !t.contains(char::is_whitespace)
                && t.chars().all(|c| c.is_alphabetic() || c == '+' || c == '-');
            return grade.then(|| Target {
                comparator: None,
                value: None,
                unit: satuan.map(str::to_string),
                predicate: Some(t.to_string()),
            });
        }
        let value = decimal(number)?;
        let unit = rest[digits_end..].trim();
        if unit.split_whitespace().count() > 2 {
            return None;
        }
        Some(Target {
            comparator: comparator.map(str::to_string),
            value: Some(value),
            unit: if unit.is_empty() {
                satuan.map(str::to_string)
            } else {
                Some(unit.to_string())
            },
            predicate: None,
        })
    }
}

/// A leading comparison sign and the text after it.
fn comparator(t: &str) -> (Option<&'static str>, &str) {
    for (written, op) in [
        ("≥", ">="),
        (">=", ">="),
        ("≤", "<="),
        ("<=", "<="),
        (">", ">"),
        ("<", "<"),
        ("=", "="),
    ] {
        if let Some(rest) = t.strip_prefix(written) {
            return (Some(op), rest);
        }
    }
    (None, t)
}

/// `99,5` or `99.5` as `99.5`; `1.000` (a thousands dot) as `1000`. `None`
/// for a number with more than one decimal separator of either kind where
/// that is ambiguous.
fn decimal(n: &str) -> Option<String> {
    let n = n.trim_end_matches(['.', ',']);
    let commas = n.matches(',').count();
    let dots = n.matches('.').count();
    match (commas, dots) {
        (0, 0) => Some(n.to_string()),
        (1, 0) => Some(n.replace(',', ".")),
        (0, 1) => {
            // Indonesian writes thousands with a dot: "1.000" is a thousand.
            let (_, frac) = n.split_once('.')?;
            Some(if frac.len() == 3 {
                n.replace('.', "")
            } else {
                n.to_string()
            })
        }
        (0, _) => Some(n.replace('.', "")),
        (1, _) if n.find(',') > n.rfind('.') => Some(n.replace('.', "").replace(',', ".")),
        _ => None,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    type View = (
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );

    fn r(t: &str) -> Option<View> {
        // Leak-free view for asserting.
        Target::read(t, Some("%")).map(|x| {
            let leak = |s: Option<String>| s.map(|s| &*Box::leak(s.into_boxed_str()));
            (
                leak(x.comparator),
                leak(x.value),
                leak(x.unit),
                leak(x.predicate),
            )
        })
    }

    #[test]
    fn reads_targets() {
        assert_eq!(r("88"), Some((None, Some("88"), Some("%"), None)));
        assert_eq!(r("99,5"), Some((None, Some("99.5"), Some("%"), None)));
        assert_eq!(r("≥ 95"), Some((Some(">="), Some("95"), Some("%"), None)));
        assert_eq!(r("100 %"), Some((None, Some("100"), Some("%"), None)));
        assert_eq!(
            r("12 Dokumen"),
            Some((None, Some("12"), Some("Dokumen"), None))
        );
        assert_eq!(r("1.000"), Some((None, Some("1000"), Some("%"), None)));
        assert_eq!(r("1.234,5"), Some((None, Some("1234.5"), Some("%"), None)));
        assert_eq!(r("BB"), Some((None, None, Some("%"), Some("BB"))));
        assert_eq!(r(""), None);
        assert_eq!(r("Sesuai dengan ketentuan yang berlaku"), None);
        assert_eq!(r("100 laporan per tahun anggaran"), None);
        assert_eq!(Target::read("5", None).and_then(|t| t.unit), None);
    }

    #[test]
    fn extras_keep_their_order_in_json() {
        let e = Extras(vec![
            ("TARGET".into(), "95".into()),
            ("SATUAN".into(), "%".into()),
        ]);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"TARGET":"95","SATUAN":"%"}"#);
        let back: Extras = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.get("SATUAN"), Some("%"));
    }
}
