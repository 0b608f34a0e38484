//! Word-level differences between two texts, for highlighting. The diff
//! itself is `similar`'s; this module only cuts the texts into tokens (a
//! word is a run of letters and digits, so "(KASN)" is three tokens, which
//! `similar`'s whitespace split would keep as one) and joins change runs.

use similar::{Algorithm, DiffTag};

/// A piece of a word-level diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// In both texts.
    Same(String),
    /// Only in the old text.
    Removed(String),
    /// Only in the new text.
    Added(String),
}

/// Words and the spaces/punctuation between them, as tokens.
fn tokens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut word = None;
    for (i, c) in s.char_indices() {
        let w = c.is_alphanumeric();
        if word != Some(w) {
            if i > start {
                out.push(&s[start..i]);
            }
            start = i;
            word = Some(w);
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// Above this many tokens on both sides together, a text is shown as one
/// removal and one addition (the diff's cost grows with the product of
/// length and distance; no IKI cell comes near).
const MAX_TOKENS: usize = 20_000;

/// The word-level difference of `before` and `after`: `similar`'s patience
/// diff over word and separator tokens, removals before additions.
pub fn diff(before: &str, after: &str) -> Vec<Piece> {
    let (a, b) = (tokens(before), tokens(after));
    if a.len() + b.len() > MAX_TOKENS {
        return vec![
            Piece::Removed(before.to_string()),
            Piece::Added(after.to_string()),
        ];
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut push = |p: Piece| match (out.last_mut(), p) {
        (Some(Piece::Same(a)), Piece::Same(b))
        | (Some(Piece::Removed(a)), Piece::Removed(b))
        | (Some(Piece::Added(a)), Piece::Added(b)) => a.push_str(&b),
        (_, p) => out.push(p),
    };
    for op in similar::capture_diff_slices(Algorithm::Patience, &a, &b) {
        let (tag, old, new) = op.as_tag_tuple();
        let (old, new) = (a[old].concat(), b[new].concat());
        match tag {
            DiffTag::Equal => push(Piece::Same(old)),
            DiffTag::Delete => push(Piece::Removed(old)),
            DiffTag::Insert => push(Piece::Added(new)),
            DiffTag::Replace => {
                push(Piece::Removed(old));
                push(Piece::Added(new));
            }
        }
    }
    tidy(out)
}

/// Joins change runs separated only by spaces ("[-Komisi-] [-Sipil-]" reads
/// as "[-Komisi Sipil-]"), removals before additions.
fn tidy(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let mut pending_space: Option<String> = None;
    let flush = |out: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            out.push(Piece::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            out.push(Piece::Added(std::mem::take(added)));
        }
    };
    for p in pieces {
        match p {
            Piece::Same(t)
                if t.trim().is_empty()
                    && (!removed.is_empty() || !added.is_empty())
                    && pending_space.is_none() =>
            {
                pending_space = Some(t);
            }
            Piece::Same(t) => {
                flush(&mut out, &mut removed, &mut added);
                if let Some(sp) = pending_space.take() {
                    out.push(Piece::Same(sp));
                }
                out.push(Piece::Same(t));
            }
            change => {
                if let Some(sp) = pending_space.take() {
                    if !removed.is_empty() {
                        removed.push_str(&sp);
                    }
                    if !added.is_empty() {
                        added.push_str(&sp);
                    }
                }
                match change {
                    Piece::Removed(t) => removed.push_str(&t),
                    Piece::Added(t) => added.push_str(&t),
                    Piece::Same(_) => {}
                }
            }
        }
    }
    flush(&mut out, &mut removed, &mut added);
    if let Some(sp) = pending_space {
        out.push(Piece::Same(sp));
    }
    // Neighbouring Same pieces come from the flushes above: join them.
    let mut joined: Vec<Piece> = Vec::new();
    for p in out {
        match (joined.last_mut(), p) {
            (Some(Piece::Same(a)), Piece::Same(b)) => a.push_str(&b),
            (_, p) => joined.push(p),
        }
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff() {
        let d = diff("Jumlah Surat Tegoran", "Jumlah Surat Teguran resmi");
        assert_eq!(
            d,
            vec![
                Piece::Same("Jumlah Surat ".into()),
                Piece::Removed("Tegoran".into()),
                Piece::Added("Teguran resmi".into()),
            ]
        );
        assert_eq!(
            diff(
                "Komisi Aparatur Sipil Negara (KASN)",
                "Badan Kepegawaian Negara (BKN)"
            ),
            vec![
                Piece::Removed("Komisi Aparatur Sipil".into()),
                Piece::Added("Badan Kepegawaian".into()),
                Piece::Same(" Negara (".into()),
                Piece::Removed("KASN".into()),
                Piece::Added("BKN".into()),
                Piece::Same(")".into()),
            ]
        );
    }
}
