//! Line accounting: which source lines the model claims.

use crate::Document;
use std::collections::BTreeSet;

impl Document {
    /// Every line some leaf element claims: position headings, units, duty
    /// items, indicator rows (with their merged continuation lines) and
    /// skipped lines. Group and position spans are not leaves and do not
    /// count, so a line dropped inside a position shows up as unclaimed.
    pub fn claimed_lines(&self) -> BTreeSet<u32> {
        let mut claimed = BTreeSet::new();
        let mut add = |first: u32, last: u32| claimed.extend(first..=last);
        for g in &self.groups {
            for u in &g.units {
                add(u.span.first, u.span.last);
            }
            for p in &g.positions {
                add(p.heading.first, p.heading.last);
                for i in p.tugas.iter().chain(&p.fungsi) {
                    add(i.span.first, i.span.last);
                }
                for i in &p.indicators {
                    add(i.span.first, i.span.last);
                }
            }
        }
        for s in &self.skipped {
            add(s.line, s.line);
        }
        claimed
    }

    /// The lines of `non_blank` that no element claims: empty when nothing
    /// was lost.
    pub fn unaccounted_lines(&self, non_blank: impl IntoIterator<Item = u32>) -> Vec<u32> {
        let claimed = self.claimed_lines();
        non_blank
            .into_iter()
            .filter(|l| !claimed.contains(l))
            .collect()
    }
}
