//! The language of human-facing reports, and their words: one catalogue,
//! `data/messages.tsv` (key, Indonesian, English), that a translator can
//! review alone. Machine formats (JSON keys, kind codes) never go through
//! it.

use std::collections::HashMap;
use std::sync::OnceLock;

const MESSAGES_TSV: &str = include_str!("../data/messages.tsv");

/// A report language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Bahasa Indonesia (the default: the readers are Indonesian HR and
    /// planning staff).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The language of a `--lang` value (`id`, `en`), if known.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.to_ascii_lowercase().as_str() {
            "id" | "ind" | "indonesia" => Some(Lang::Id),
            "en" | "eng" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The BCP 47 code (`id`, `en`), e.g. for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }
}

fn catalogue() -> &'static HashMap<&'static str, [&'static str; 2]> {
    static MAP: OnceLock<HashMap<&'static str, [&'static str; 2]>> = OnceLock::new();
    MAP.get_or_init(|| {
        MESSAGES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut f = l.split('\t');
                Some((f.next()?, [f.next()?, f.next()?]))
            })
            .collect()
    })
}

/// The message `key` in `lang`; the key itself when the catalogue lacks it
/// (a test checks that every key the code uses is there).
pub fn text(lang: Lang, key: &str) -> &str {
    match catalogue().get(key) {
        Some([id, en]) => match lang {
            Lang::Id => id,
            Lang::En => en,
        },
        None => key,
    }
}

/// `text`, with each `{}` replaced by the next of `args`.
pub fn format(lang: Lang, key: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut rest = text(lang, key);
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether the catalogue has `key` in both languages.
pub fn has(key: &str) -> bool {
    catalogue().contains_key(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_has_a_key_and_both_languages_and_keys_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for (n, line) in MESSAGES_TSV.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "messages.tsv:{}: {line}", n + 1);
            assert!(
                fields.iter().all(|f| !f.trim().is_empty()),
                "messages.tsv:{}",
                n + 1
            );
            assert!(
                seen.insert(fields[0]),
                "messages.tsv:{}: {} twice",
                n + 1,
                fields[0]
            );
            let holes = |s: &str| s.matches("{}").count();
            assert_eq!(holes(fields[1]), holes(fields[2]), "messages.tsv:{}", n + 1);
        }
    }

    #[test]
    fn lookup_and_format() {
        assert_eq!(
            text(Lang::Id, "kind.position_renamed"),
            "Jabatan berganti nama"
        );
        assert_eq!(text(Lang::En, "kind.position_renamed"), "Position renamed");
        assert_eq!(text(Lang::En, "no.such.key"), "no.such.key");
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::default(), Lang::Id);
    }
}
