//! Table cells of every dialect: tab splitting, cell cleaning, and
//! recognizing header, numbering and separator rows.

use crate::vocab::{self, Role};
use std::rc::Rc;

/// Characters that PDF converters leave behind and that carry no text.
const DEBRIS: &[char] = &[
    '\u{25A1}', // □ white square (unrenderable glyph)
    '\u{25A0}', // ■ black square
    '\u{F0B7}', // private-use bullet from Word's Symbol font
    '\u{200B}', // zero-width space
    '\u{FEFF}', // stray byte-order mark
];

/// The formatting tags PDF-to-markdown converters leave in cells. Only
/// these are debris; any other markup (`<script>`, `<a href>`) is text the
/// document holds, kept as written and escaped by each output.
const FORMATTING_TAGS: &[&str] = &[
    "b", "i", "u", "s", "em", "strong", "br", "span", "sup", "sub", "p", "div", "font", "strike",
    "del", "ins", "small", "big", "mark",
];

/// The length of a formatting tag (`<b>`, `</span>`, `<br/>`, `<span
/// class="x">`, any case) or an HTML comment on one line at the start of
/// `s`, which starts with `<`.
fn tag_len(s: &str) -> Option<usize> {
    if let Some(body) = s.strip_prefix("<!--") {
        let end = body.find("-->")?;
        return (!body[..end].contains('\n')).then_some(4 + end + 3);
    }
    let b = s.as_bytes();
    let start = 1 + usize::from(b.get(1) == Some(&b'/'));
    let name_len = b[start..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let name = &s[start..start + name_len];
    if !FORMATTING_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    let after = &s[start + name_len..];
    if after.starts_with(char::is_whitespace) {
        // Attributes: up to the next `>`, with no `<` before it.
        let end = after.find(['<', '>'])?;
        return (after.as_bytes()[end] == b'>').then_some(start + name_len + end + 1);
    }
    let close = usize::from(after.starts_with('/'));
    (after.as_bytes().get(close) == Some(&b'>')).then_some(start + name_len + close + 1)
}

/// `text` with every formatting tag and HTML comment replaced by a space.
fn strip_tags(text: &str) -> std::borrow::Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = text[from..].find('<').map(|i| from + i) {
        match tag_len(&text[at..]) {
            Some(len) => {
                out.push_str(&text[copied..at]);
                out.push(' ');
                copied = at + len;
                from = copied;
            }
            None => from = at + 1,
        }
    }
    if copied == 0 {
        return text.into();
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// Whether `c` separates words in a cell: any Unicode space or a debris
/// character.
fn is_gap(c: char) -> bool {
    c.is_whitespace() || DEBRIS.contains(&c)
}

/// Removes formatting tags and debris characters, decodes the common entities and
/// collapses whitespace. Spelling is left as written.
pub fn clean(text: &str) -> String {
    // One scan in the common case: the collapse notices `<` and `&`, and
    // only then are tags stripped (and the text collapsed again) or
    // entities decoded.
    let (mut out, seen) = collapse(text);
    if seen & LT != 0 {
        out = collapse(&strip_tags(text)).0;
    }
    if seen & AMP != 0 && out.contains('&') {
        out = out
            .replace("&nbsp;", " ")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
    }
    out
}

/// Byte classes for [`collapse`]: 0 for a byte of a word.
const GAP: u8 = 1;
const LT: u8 = 2;
const AMP: u8 = 4;
const WIDE: u8 = 8;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        t[c] = match c as u8 {
            b'\t'..=b'\r' | b' ' => GAP,
            b'<' => LT,
            b'&' => AMP,
            0x80..=0xFF => WIDE,
            _ => 0,
        };
        c += 1;
    }
    t
};

/// The words of `s` (split at [`is_gap`]) joined by single spaces, in one
/// scan that copies whole words; and which of `<` and `&` it saw.
fn collapse(s: &str) -> (String, u8) {
    let b = s.as_bytes();
    if is_collapsed(b) {
        // Already single-spaced printable ASCII: one copy.
        return (s.to_string(), 0);
    }
    let mut seen = 0u8;
    // The length of the gap character at `i`, or 0 if it is not one.
    let gap_at = |i: usize| -> usize {
        match CLASS[usize::from(b[i])] {
            GAP => 1,
            WIDE => match s[i..].chars().next() {
                Some(c) if is_gap(c) => c.len_utf8(),
                _ => 0,
            },
            _ => 0,
        }
    };
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let gap = gap_at(i);
        if gap > 0 {
            i += gap;
            continue;
        }
        let start = i;
        while i < b.len() {
            let class = CLASS[usize::from(b[i])];
            if class == 0 {
                i += 1;
            } else if class & (LT | AMP) != 0 {
                seen |= class;
                i += 1;
            } else if gap_at(i) > 0 {
                break;
            } else {
                i += s[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&s[start..i]);
    }
    (out, seen)
}

/// Whether `collapse` would give `b` back unchanged and see nothing: ASCII
/// with no `<` or `&`, and gaps only as single spaces between words.
fn is_collapsed(b: &[u8]) -> bool {
    let mut prev_gap = true;
    for &c in b {
        match CLASS[usize::from(c)] {
            0 => prev_gap = false,
            GAP if c == b' ' && !prev_gap => prev_gap = true,
            _ => return false,
        }
    }
    !prev_gap || b.is_empty()
}

/// Splits a raw table line on tabs and cleans each cell.
pub fn split(raw: &str) -> Vec<String> {
    raw.split('\t').map(clean).collect()
}

/// A separator row: every cell is empty or only dashes, colons, equals signs.
pub fn is_separator(cells: &[String]) -> bool {
    cells.iter().any(|c| !c.is_empty())
        && cells.iter().all(|c| {
            c.chars()
                .all(|ch| matches!(ch, '-' | ':' | '=' | '_' | '|' | ' ' | '+'))
        })
}

/// One column of a table header: its role and its name as the header
/// writes it (upper case, a trailing `:` or `.` dropped), which names an
/// extra column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// The role; `None` for an empty header cell.
    pub role: Option<Role>,
    /// The column's name.
    pub name: String,
    /// The header cell as written (cleaned), which a skipped line keeps.
    pub text: String,
    /// The header cell is covered by a `colspan` from the left: the column
    /// continues the one before it (a sub-header row may name it).
    pub spanned: bool,
}

/// If the row is a table header, its columns. Every filled cell must name
/// a column (`columns.tsv`) and one of them SASARAN, INDIKATOR or JABATAN;
/// a row the dialect marks as a header (`head`) may also have cells that
/// name nothing, kept as extra columns, when two cells name core columns.
pub fn header_columns(cells: &[String], head: bool) -> Option<Rc<[Column]>> {
    // A document repeats its header on every table: the last few headers
    // are remembered (per thread; the answer depends on the cells alone,
    // so the cache cannot change a result).
    type Seen = Vec<(Vec<String>, bool, Rc<[Column]>)>;
    thread_local! {
        static SEEN: std::cell::RefCell<Seen> = const { std::cell::RefCell::new(Vec::new()) };
    }
    const KEEP: usize = 16;
    let hit = SEEN.with(|s| {
        s.borrow()
            .iter()
            .find(|(c, h, _)| *h == head && c.as_slice() == cells)
            .map(|(_, _, columns)| Rc::clone(columns))
    });
    if hit.is_some() {
        return hit;
    }
    let found: Rc<[Column]> = read_header(cells, head)?.into();
    SEEN.with(|s| {
        let mut s = s.borrow_mut();
        if s.len() == KEEP {
            s.remove(0);
        }
        s.push((cells.to_vec(), head, Rc::clone(&found)));
    });
    Some(found)
}

/// [`header_columns`] without the memory of earlier headers.
fn read_header(cells: &[String], head: bool) -> Option<Vec<Column>> {
    // No header cell starts with a digit: a row whose first cell is a
    // number ("1.") is data, told without a look-up.
    let first = cells.iter().find(|c| !c.is_empty())?;
    if first.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let filled = cells.iter().filter(|c| !c.is_empty()).count();
    if filled < 2 {
        return None;
    }
    // Roles first, without copies: most rows are not headers and fail at
    // their first cell.
    let mut roles: Vec<Option<Role>> = Vec::with_capacity(cells.len());
    let mut unknown = 0;
    let mut core = 0;
    for c in cells {
        let role = if c.is_empty() {
            None
        } else if c.len() > 240 || c.chars().count() > 60 {
            // A header cell is short.
            return None;
        } else {
            match vocab::column_role(c) {
                Some(r) => {
                    core += usize::from(r.is_core());
                    Some(r)
                }
                None if head && c.split_whitespace().count() <= 5 => {
                    unknown += 1;
                    Some(Role::Extra)
                }
                // Stop at the first cell that names nothing: the first
                // cell of an ordinary row, as a rule.
                None => return None,
            }
        };
        roles.push(role);
    }
    let has_key = roles.iter().any(|r| {
        matches!(
            r,
            Some(Role::Sasaran) | Some(Role::Indikator) | Some(Role::Jabatan)
        )
    });
    if !(has_key && (unknown == 0 || core >= 2) && filled >= 3.min(cells.len())) {
        return None;
    }
    Some(
        roles
            .into_iter()
            .zip(cells)
            .map(|(role, c)| Column {
                role,
                name: column_name(c),
                text: c.clone(),
                spanned: false,
            })
            .collect(),
    )
}

/// The name of a header cell: upper case, a trailing `:` or `.` dropped.
pub fn column_name(cell: &str) -> String {
    cell.trim_end_matches([':', '.', ' ']).to_uppercase()
}

/// A numbering row under a header, `(1) (2) (3)` or `1 2 3`: every filled
/// cell is the next number, from 1, and there are at least three.
pub fn is_numbering(cells: &[String]) -> bool {
    let mut n = 0u32;
    for c in cells.iter().filter(|c| !c.is_empty()) {
        let digits = c.trim_start_matches('(').trim_end_matches([')', '.']);
        match digits.parse::<u32>() {
            Ok(v) if v == n + 1 && digits.len() <= 2 => n = v,
            _ => return false,
        }
    }
    n >= 3
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn cleans_tags_debris_and_space() {
        assert_eq!(
            clean("Tanggapan ( <i>LHP BPK RI</i> )"),
            "Tanggapan ( LHP BPK RI )"
        );
        assert_eq!(clean("  Fungsional \u{25A1} "), "Fungsional");
        assert_eq!(clean("a\u{a0}\u{a0}b&amp;c"), "a b&c");
        assert_eq!(clean("x < 5 dan y > 3"), "x < 5 dan y > 3");
        assert_eq!(clean("<b>SASARAN</b>"), "SASARAN");
        assert_eq!(clean("<I>a</I><br/>b<span class=\"x\">c</span>"), "a b c");
        // Other markup is content, not debris.
        assert_eq!(
            clean("<script>alert(1)</script>"),
            "<script>alert(1)</script>"
        );
        assert_eq!(clean("<bold>x</bold>"), "<bold>x</bold>");
        assert_eq!(clean("a<!-- note -->b <b >c</b\t>"), "a b c");
        assert_eq!(clean("<b class=\"x\" <i>y"), "<b class=\"x\" y");
        assert_eq!(clean("<!-- open\t<br"), "<!-- open <br");
        assert_eq!(clean("\u{b}a\u{3000}b\u{2003}"), "a b");
        for already in ["", "a", "Jumlah data (orang)", "x y z"] {
            assert!(is_collapsed(already.as_bytes()), "{already:?}");
            assert_eq!(clean(already), already);
        }
        for not in [" a", "a ", "a  b", "a\tb", "a&b", "a<b", "caf\u{e9}"] {
            assert!(!is_collapsed(not.as_bytes()), "{not:?}");
        }
    }

    #[test]
    fn separators_and_headers() {
        assert!(is_separator(&split("---\t---\t--\t---")));
        assert!(is_separator(&split("------------\t--\t--\t--")));
        assert!(!is_separator(&split("\t\t\t")));
        assert!(!is_separator(&split("-\tJumlah\t\t")));
        let h: Vec<Option<Role>> = header_columns(
            &split(
                "NO.\tSASARAN\tINDIKATOR KINERJA\tPENJELASAN/FORMULASI PENGHITUNGAN\tSUMBER DATA",
            ),
            false,
        )
        .unwrap()
        .iter()
        .map(|c| c.role)
        .collect();
        assert_eq!(
            h,
            vec![
                Some(Role::Number),
                Some(Role::Sasaran),
                Some(Role::Indikator),
                Some(Role::Formulasi),
                Some(Role::SumberData)
            ]
        );
        assert!(header_columns(
            &split("Meningkatnya Sasaran\tJumlah\tJumlah\tLaporan Kinerja"),
            false
        )
        .is_none());
        // A header with extra columns, known and (in a marked header) not.
        let h = header_columns(
            &split("SASARAN KINERJA\tINDIKATOR KINERJA INDIVIDU\tSatuan:\tTARGET\tSUMBER DATA"),
            false,
        )
        .unwrap();
        assert_eq!(h[2].role, Some(Role::Extra));
        assert_eq!(h[2].name, "SATUAN");
        let cells = split("SASARAN\tINDIKATOR\tUKURAN KEBERHASILAN");
        assert!(header_columns(&cells, false).is_none());
        assert_eq!(
            header_columns(&cells, true).unwrap()[2].role,
            Some(Role::Extra)
        );
        assert!(is_numbering(&split("(1)\t(2)\t(3)\t(4)")));
        assert!(is_numbering(&split("1\t2\t3")));
        assert!(!is_numbering(&split("1.\tJumlah\t3")));
        assert!(!is_numbering(&split("(1)\t(2)")));
    }
}
