//! Source spans: the first and last 1-based line of an element.

use serde::{Deserialize, Serialize};

/// The 1-based, inclusive line range an element was read from.
///
/// Serialized as a two-element array `[first, last]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(from = "[u32; 2]", into = "[u32; 2]")]
pub struct Span {
    /// First line, 1-based.
    pub first: u32,
    /// Last line, 1-based, `>= first`.
    pub last: u32,
}

impl Span {
    /// A span from `first` to `last` (swapped if given in reverse).
    pub fn new(first: u32, last: u32) -> Span {
        if first <= last {
            Span { first, last }
        } else {
            Span {
                first: last,
                last: first,
            }
        }
    }

    /// A span of a single line.
    pub fn line(line: u32) -> Span {
        Span {
            first: line,
            last: line,
        }
    }

    /// Number of lines covered.
    pub fn len(&self) -> u32 {
        self.last - self.first + 1
    }

    /// A span is never empty; provided for API symmetry with `len`.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether `line` lies inside the span.
    pub fn contains(&self, line: u32) -> bool {
        self.first <= line && line <= self.last
    }

    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span {
            first: self.first.min(other.first),
            last: self.last.max(other.last),
        }
    }
}

impl schemars::JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "First and last source line, 1-based, inclusive.",
            "type": "array",
            "items": {"type": "integer", "minimum": 1},
            "minItems": 2,
            "maxItems": 2
        })
    }
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        Span::new(a[0], a[1])
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.first, s.last]
    }
}

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_pair_and_orders_ends() {
        let s = Span::new(9, 4);
        assert_eq!((s.first, s.last), (4, 9));
        assert_eq!(serde_json::to_string(&s).unwrap(), "[4,9]");
        let back: Span = serde_json::from_str("[4,9]").unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn join_and_contains() {
        let s = Span::line(5).join(Span::line(8));
        assert_eq!(s, Span::new(5, 8));
        assert!(s.contains(5) && s.contains(8) && !s.contains(9));
        assert_eq!(s.len(), 4);
        assert_eq!(s.to_string(), "5-8");
        assert_eq!(Span::line(3).to_string(), "3");
    }
}
