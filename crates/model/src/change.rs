//! The normalizer's audit log: every change it makes, with where.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A normalization rule.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Unicode NFC composition.
    UnicodeNfc,
    /// Whitespace: no-break and odd spaces, runs of spaces, ends trimmed.
    Whitespace,
    /// A known misspelling from the glossary, replaced whole-word.
    Glossary,
    /// Wrong case inside a word ("DOKumentasi"), fixed where the document
    /// itself spells the word properly elsewhere.
    InnerCase,
    /// A word immediately repeated ("Kepegawaian Kepegawaian").
    DoubledWord,
    /// Spacing around punctuation, brackets, hyphens and slashes.
    PunctuationSpacing,
    /// Two or more dots at the end of a text.
    TrailingDots,
    /// A row equal to an earlier row of the same position, removed.
    DuplicateRow,
}

impl Rule {
    /// All rules, in the order they are applied.
    pub const ALL: [Rule; 8] = [
        Rule::UnicodeNfc,
        Rule::Whitespace,
        Rule::Glossary,
        Rule::InnerCase,
        Rule::DoubledWord,
        Rule::PunctuationSpacing,
        Rule::TrailingDots,
        Rule::DuplicateRow,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::UnicodeNfc => "unicode_nfc",
            Rule::Whitespace => "whitespace",
            Rule::Glossary => "glossary",
            Rule::InnerCase => "inner_case",
            Rule::DoubledWord => "doubled_word",
            Rule::PunctuationSpacing => "punctuation_spacing",
            Rule::TrailingDots => "trailing_dots",
            Rule::DuplicateRow => "duplicate_row",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One change the normalizer made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Change {
    /// The rule that made it.
    pub rule: Rule,
    /// The position concerned (its id after normalization), if any.
    pub position: Option<String>,
    /// The field: `title`, `tugas[1]`, `fungsi[2]`, `indicators[3].sasaran`,
    /// `indicators[3]` (a whole row), `document.title`, `group.title`,
    /// `unit.title` (indexes 0-based).
    pub field: String,
    /// The text before the change.
    pub before: String,
    /// The text after the change.
    pub after: String,
    /// The first source line of the element changed.
    pub line: u32,
}
