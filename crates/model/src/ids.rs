//! Stable position ids: a slug of group kind and title, shared by the
//! parser (which assigns them) and the normalizer (which reassigns them
//! after fixing titles).

use crate::GroupKind;
use std::collections::HashMap;

/// `kind/slug-of-title`: lower case, letters and digits, words joined by `-`.
pub fn slug(kind: GroupKind, title: &str) -> String {
    let mut out = String::with_capacity(title.len() + 24);
    out.push_str(kind.as_str());
    out.push('/');
    let mut dash = false;
    let start = out.len();
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if dash && out.len() > start {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.len() == start {
        out.push_str("untitled");
    }
    out
}

/// Hands out unique ids: a slug already taken gets `--2`, then `--3`, ...
/// (a double dash never occurs in a slug, so "X 2" and a second "X" differ,
/// and `X--n` can only come from the n-th "X": counting the uses of each
/// slug is enough, however often a title repeats).
#[derive(Default)]
pub struct Ids {
    used: HashMap<String, u32>,
}

impl Ids {
    /// A unique id for `kind` and `title`.
    pub fn next(&mut self, kind: GroupKind, title: &str) -> String {
        let base = slug(kind, title);
        let uses = self.used.entry(base.clone()).or_insert(0);
        *uses += 1;
        match *uses {
            1 => base,
            n => format!("{base}--{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug(GroupKind::FungsionalUmum, "PENYUSUN LAPORAN KEUANGAN-"),
            "fungsional_umum/penyusun-laporan-keuangan"
        );
        assert_eq!(
            slug(
                GroupKind::Pengawas,
                "KEPALA SUB BAGIAN (PROGRAM) & Perencanaan"
            ),
            "pengawas/kepala-sub-bagian-program-perencanaan"
        );
        assert_eq!(
            slug(GroupKind::Administrator, "--"),
            "administrator/untitled"
        );
    }

    #[test]
    fn ids_are_unique_even_against_titles_that_look_numbered() {
        let mut ids = Ids::default();
        let k = GroupKind::FungsionalUmum;
        assert_eq!(ids.next(k, "Pengelola"), "fungsional_umum/pengelola");
        assert_eq!(ids.next(k, "Pengelola 2"), "fungsional_umum/pengelola-2");
        // The second "Pengelola" must not collide with "Pengelola 2".
        assert_eq!(ids.next(k, "Pengelola"), "fungsional_umum/pengelola--2");
        assert_eq!(ids.next(k, "Pengelola"), "fungsional_umum/pengelola--3");
        assert_eq!(ids.next(k, "PENGELOLA."), "fungsional_umum/pengelola--4");
        assert_eq!(ids.next(k, "Pengelola 2"), "fungsional_umum/pengelola-2--2");
    }
}
