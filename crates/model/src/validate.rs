//! Checks a document read from JSON (which anyone may have written) before
//! it is trusted: a version iki knows, spans that are spans.

use crate::{Document, Span, SCHEMA_VERSION};

/// The JSON layouts this version reads: "1" (no extras) and the current.
pub const READABLE_VERSIONS: [&str; 2] = ["1", SCHEMA_VERSION];

/// The largest line number a span may name (a document of four billion
/// lines is not a document).
const MAX_LINE: u32 = 100_000_000;

impl Document {
    /// Why this document cannot be trusted as iki's canonical JSON, if it
    /// cannot: an unknown `schema_version`, or a span that is not `[first,
    /// last]` with `1 <= first <= last <= 100,000,000`.
    pub fn validate(&self) -> Result<(), String> {
        if !READABLE_VERSIONS.contains(&self.schema_version.as_str()) {
            return Err(format!(
                "schema_version {:?} is not one this iki reads ({})",
                self.schema_version,
                READABLE_VERSIONS.join(", ")
            ));
        }
        let span = |what: &str, s: Span| {
            if s.first == 0 || s.first > s.last || s.last > MAX_LINE {
                Err(format!("{what} has the span [{}, {}]", s.first, s.last))
            } else {
                Ok(())
            }
        };
        for g in &self.groups {
            span("a group", g.span)?;
            for u in &g.units {
                span("a unit", u.span)?;
            }
            for p in &g.positions {
                span(&format!("position {}", p.id), p.span)?;
                span(&format!("position {}", p.id), p.heading)?;
                for i in p.tugas.iter().chain(&p.fungsi) {
                    span(&format!("an item of {}", p.id), i.span)?;
                }
                for i in &p.indicators {
                    span(&format!("a row of {}", p.id), i.span)?;
                }
            }
        }
        for s in &self.skipped {
            span("a skipped line", Span::line(s.line))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_spans_are_checked() {
        let mut d = Document::default();
        assert!(d.validate().is_ok());
        d.schema_version = "999".into();
        assert!(d.validate().is_err());
        d.schema_version = "1".into();
        assert!(d.validate().is_ok());
        d.skipped.push(crate::Skipped {
            line: 0,
            reason: crate::SkipReason::Markup,
            text: String::new(),
        });
        assert!(d.validate().is_err());
    }
}
