//! `word/styles.xml` and `word/numbering.xml`: which styles are headings
//! or bold or numbered, and the label of a numbered paragraph.

use super::{attr, on_off, xml_error, FORMAT};
use crate::ReadError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// How many `basedOn` links are followed (a guard against cycles).
const MAX_CHAIN: usize = 16;

/// Word's list levels (`w:ilvl` 0 to 8).
const LEVELS: usize = 9;

/// One style of `word/styles.xml`, as far as iki needs it.
#[derive(Clone, Debug, Default)]
struct Style {
    /// The style's name, lowercased ("heading 1").
    name: String,
    /// The style it is based on.
    based_on: Option<String>,
    /// `w:outlineLvl` (0 is a level-1 heading, 9 is body text).
    outline: Option<u8>,
    /// `w:b` of its run properties.
    bold: Option<bool>,
    /// `w:numPr` of its paragraph properties.
    num_id: Option<String>,
    /// `w:ilvl` of its paragraph properties.
    ilvl: Option<u8>,
}

/// The styles of a document.
#[derive(Clone, Debug, Default)]
pub struct Styles {
    by_id: HashMap<String, Style>,
    /// The default paragraph style (`w:default="1"`, type paragraph).
    default_paragraph: Option<String>,
    /// Bold in the document defaults (`w:rPrDefault`).
    default_bold: bool,
}

/// Which element of styles.xml the reader is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum In {
    Other,
    Ppr,
    Rpr,
}

impl Styles {
    /// Reads `word/styles.xml`.
    pub fn read(xml: &str) -> Result<Styles, ReadError> {
        const PART: &str = "word/styles.xml";
        let mut reader = Reader::from_str(xml);
        let mut styles = Styles::default();
        // The style being read, and whether it is the paragraph default.
        let mut current: Option<(String, Style, bool)> = None;
        let mut in_defaults = false;
        let mut within = In::Other;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(FORMAT, PART, reader.error_position(), e))?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "style" => {
                            if let Some((id, style, default)) = current.take() {
                                if default && styles.default_paragraph.is_none() {
                                    styles.default_paragraph = Some(id.clone());
                                }
                                styles.by_id.insert(id, style);
                            }
                        }
                        "docDefaults" => in_defaults = false,
                        "pPr" | "rPr" => within = In::Other,
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let name = e.local_name();
            match name.as_ref() {
                "style" => {
                    let paragraph = attr(e, "type").is_none_or(|t| t == "paragraph");
                    let default =
                        paragraph && attr(e, "default").is_some_and(|d| d == "1" || d == "true");
                    let id = attr(e, "styleId").unwrap_or_default();
                    if !empty {
                        current = Some((id, Style::default(), default));
                    }
                }
                "docDefaults" if !empty => in_defaults = true,
                // Old property sets of tracked changes are not the style's.
                "pPrChange" | "rPrChange" if !empty => {
                    reader
                        .read_to_end(e.name())
                        .map_err(|e| xml_error(FORMAT, PART, reader.error_position(), e))?;
                }
                "pPr" if !empty => within = In::Ppr,
                "rPr" if !empty => within = In::Rpr,
                "b" if within == In::Rpr => {
                    if let Some((_, style, _)) = current.as_mut() {
                        style.bold = Some(on_off(e));
                    } else if in_defaults {
                        styles.default_bold = on_off(e);
                    }
                }
                _ => {
                    if let Some((_, style, _)) = current.as_mut() {
                        read_style_element(style, e, within);
                    }
                }
            }
        }
        Ok(styles)
    }

    /// The styles from `id` up its `basedOn` chain.
    fn chain<'s>(&'s self, id: Option<&'s str>) -> impl Iterator<Item = &'s Style> + 's {
        let mut next = id;
        std::iter::from_fn(move || {
            let style = self.by_id.get(next?)?;
            next = style.based_on.as_deref();
            Some(style)
        })
        .take(MAX_CHAIN)
    }

    /// The paragraph style of a paragraph with `w:pStyle` `id`.
    pub fn paragraph_style<'s>(&'s self, id: Option<&'s str>) -> Option<&'s str> {
        id.or(self.default_paragraph.as_deref())
    }

    /// The heading level (1-based) of paragraph style `id`: a style named
    /// "heading N", or with an outline level, or based on one.
    pub fn heading_level(&self, id: Option<&str>) -> Option<u8> {
        self.chain(id).find_map(|s| {
            let named = s
                .name
                .strip_prefix("heading ")
                .and_then(|n| n.trim().parse::<u8>().ok())
                .filter(|n| (1..=9).contains(n));
            named.or_else(|| s.outline.filter(|l| *l < 9).map(|l| l + 1))
        })
    }

    /// Whether text in character style `run_style` in a paragraph of style
    /// `paragraph_style` is bold when the run does not say.
    pub fn bold(&self, run_style: Option<&str>, paragraph_style: Option<&str>) -> bool {
        self.chain(run_style)
            .find_map(|s| s.bold)
            .or_else(|| self.chain(paragraph_style).find_map(|s| s.bold))
            .unwrap_or(self.default_bold)
    }

    /// The numbering of paragraph style `id` (`w:numPr` in the style):
    /// the list and the level, when the style says.
    pub fn numbering<'s>(&'s self, id: Option<&'s str>) -> (Option<&'s str>, Option<u8>) {
        let num = self.chain(id).find_map(|s| s.num_id.as_deref());
        let ilvl = self.chain(id).find_map(|s| s.ilvl);
        (num, ilvl)
    }
}

/// An element inside a `w:style`.
fn read_style_element(style: &mut Style, e: &BytesStart<'_>, within: In) {
    match (e.local_name().as_ref(), within) {
        ("name", _) => style.name = attr(e, "val").unwrap_or_default().to_lowercase(),
        ("basedOn", _) => style.based_on = attr(e, "val"),
        ("outlineLvl", In::Ppr) => style.outline = attr(e, "val").and_then(|v| v.parse().ok()),
        ("numId", In::Ppr) => style.num_id = attr(e, "val"),
        ("ilvl", In::Ppr) => style.ilvl = attr(e, "val").and_then(|v| v.parse().ok()),
        _ => {}
    }
}

/// One level of a list definition (`w:lvl`).
#[derive(Clone, Debug)]
struct Level {
    /// `w:start` (0 when absent, as the standard says).
    start: i64,
    /// `w:numFmt`: decimal, lowerLetter, bullet, ...
    format: String,
    /// `w:lvlText`: "%1.", "%1.%2.", a bullet character.
    text: String,
    /// `w:isLgl`: every level's number in decimal.
    legal: bool,
    /// `w:pStyle`: the paragraph style that takes this level.
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 0,
            format: "decimal".into(),
            text: String::new(),
            legal: false,
            style: None,
        }
    }
}

/// A list instance (`w:num`): its definition and level overrides.
#[derive(Clone, Debug, Default)]
struct Num {
    abstract_id: String,
    /// `w:lvlOverride`: a start value, a whole level, or both.
    overrides: HashMap<u8, (Option<i64>, Option<Level>)>,
}

/// The list definitions of a document.
///
/// Not followed: `w:numStyleLink`/`w:styleLink` (a list defined through a
/// numbering style); such a list gets no label.
#[derive(Clone, Debug, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Option<Level>>>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    /// Reads `word/numbering.xml`.
    pub fn read(xml: &str) -> Result<Numbering, ReadError> {
        const PART: &str = "word/numbering.xml";
        let mut reader = Reader::from_str(xml);
        let mut numbering = Numbering::default();
        let mut abstract_num: Option<(String, Vec<Option<Level>>)> = None;
        let mut num: Option<(String, Num)> = None;
        let mut over: Option<(u8, Option<i64>, Option<Level>)> = None;
        let mut level: Option<(u8, Level)> = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| xml_error(FORMAT, PART, reader.error_position(), e))?;
            let (e, empty) = match &event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    match e.local_name().as_ref() {
                        "abstractNum" => {
                            if let Some((id, levels)) = abstract_num.take() {
                                numbering.abstracts.insert(id, levels);
                            }
                        }
                        "lvl" => {
                            if let Some((ilvl, lvl)) = level.take() {
                                if let Some((_, _, slot)) = over.as_mut() {
                                    *slot = Some(lvl);
                                } else if let Some((_, levels)) = abstract_num.as_mut() {
                                    if let Some(slot) = levels.get_mut(usize::from(ilvl)) {
                                        *slot = Some(lvl);
                                    }
                                }
                            }
                        }
                        "lvlOverride" => {
                            if let (Some((ilvl, start, lvl)), Some((_, n))) =
                                (over.take(), num.as_mut())
                            {
                                n.overrides.insert(ilvl, (start, lvl));
                            }
                        }
                        "num" => {
                            if let Some((id, n)) = num.take() {
                                numbering.nums.insert(id, n);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                Event::Eof => break,
                _ => continue,
            };
            let ilvl = || {
                attr(e, "ilvl")
                    .and_then(|v| v.parse::<u8>().ok())
                    .filter(|l| usize::from(*l) < LEVELS)
            };
            match e.local_name().as_ref() {
                "abstractNum" if !empty => {
                    let id = attr(e, "abstractNumId").unwrap_or_default();
                    abstract_num = Some((id, vec![None; LEVELS]));
                }
                "num" if !empty => {
                    let id = attr(e, "numId").unwrap_or_default();
                    num = Some((id, Num::default()));
                }
                "abstractNumId" => {
                    if let Some((_, n)) = num.as_mut() {
                        n.abstract_id = attr(e, "val").unwrap_or_default();
                    }
                }
                "lvlOverride" if !empty => {
                    if let Some(l) = ilvl() {
                        over = Some((l, None, None));
                    }
                }
                "startOverride" => {
                    if let Some((_, start, _)) = over.as_mut() {
                        *start = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                "lvl" if !empty => {
                    if let Some(l) = ilvl() {
                        level = Some((l, Level::default()));
                    }
                }
                // A picture bullet's drawing, a level's run and paragraph
                // properties: nothing iki needs.
                "numPicBullet" | "rPr" | "pPr" if !empty => {
                    reader
                        .read_to_end(e.name())
                        .map_err(|e| xml_error(FORMAT, PART, reader.error_position(), e))?;
                }
                other => {
                    if let Some((_, lvl)) = level.as_mut() {
                        match other {
                            "start" => {
                                lvl.start = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0)
                            }
                            "numFmt" => lvl.format = attr(e, "val").unwrap_or_default(),
                            "lvlText" => lvl.text = attr(e, "val").unwrap_or_default(),
                            "isLgl" => lvl.legal = on_off(e),
                            "pStyle" => lvl.style = attr(e, "val"),
                            _ => {}
                        }
                    }
                }
            }
        }
        Ok(numbering)
    }

    /// The level definition `ilvl` of list `num_id`.
    fn level(&self, num_id: &str, ilvl: u8) -> Option<&Level> {
        let num = self.nums.get(num_id)?;
        if let Some((_, Some(lvl))) = num.overrides.get(&ilvl) {
            return Some(lvl);
        }
        self.abstracts
            .get(&num.abstract_id)?
            .get(usize::from(ilvl))?
            .as_ref()
    }

    /// The start value of level `ilvl` of list `num_id`.
    fn start(&self, num_id: &str, ilvl: u8) -> i64 {
        let over = self
            .nums
            .get(num_id)
            .and_then(|n| n.overrides.get(&ilvl))
            .and_then(|(start, _)| *start);
        over.or_else(|| self.level(num_id, ilvl).map(|l| l.start))
            .unwrap_or(0)
    }

    /// The level of list `num_id` that paragraph style `style` takes
    /// (`w:pStyle` inside a `w:lvl`).
    pub fn level_of_style(&self, num_id: &str, style: &str) -> Option<u8> {
        (0..LEVELS as u8).find(|&l| {
            self.level(num_id, l)
                .is_some_and(|lvl| lvl.style.as_deref() == Some(style))
        })
    }
}

/// The list counters of a document, counted in document order as Word
/// does: per list definition (`w:abstractNum`) and level, so that list
/// instances (`w:num`) of one definition continue each other, except that
/// an instance with a start override (`w:startOverride`, Word's "restart
/// numbering") restarts its level where it is first used. A level
/// restarts after a higher one.
#[derive(Debug, Default)]
pub struct Counters {
    values: HashMap<String, [Option<i64>; LEVELS]>,
    /// The list instances and levels whose start override was applied.
    restarted: std::collections::HashSet<(String, u8)>,
}

impl Counters {
    /// Counts a paragraph of list `num_id` at level `ilvl` and returns its
    /// label ("a.", "1.2.", "-" for a bullet), `None` when the list is
    /// unknown or its label is empty.
    pub fn label(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<String> {
        let ilvl = ilvl.min(LEVELS as u8 - 1);
        let level = numbering.level(num_id, ilvl)?;
        let num = numbering.nums.get(num_id)?;
        let restart = num
            .overrides
            .get(&ilvl)
            .is_some_and(|(start, _)| start.is_some())
            && self.restarted.insert((num_id.to_string(), ilvl));
        let values = self
            .values
            .entry(num.abstract_id.clone())
            .or_insert([None; LEVELS]);
        let i = usize::from(ilvl);
        values[i] = Some(match values[i] {
            Some(v) if !restart => v.saturating_add(1),
            _ => numbering.start(num_id, ilvl),
        });
        for deeper in values.iter_mut().skip(i + 1) {
            *deeper = None;
        }
        if level.format == "bullet" {
            return Some("-".into());
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars.peek().and_then(|d| d.to_digit(10));
            match digit {
                Some(n) if c == '%' && (1..=LEVELS as u32).contains(&n) => {
                    chars.next();
                    let at = (n - 1) as u8;
                    let value =
                        values[usize::from(at)].unwrap_or_else(|| numbering.start(num_id, at));
                    let format = if level.legal {
                        "decimal"
                    } else {
                        numbering
                            .level(num_id, at)
                            .map_or("decimal", |l| l.format.as_str())
                    };
                    label.push_str(&format_number(value, format));
                }
                _ => label.push(c),
            }
        }
        let label = label.trim().to_string();
        (!label.is_empty()).then_some(label)
    }
}

/// A list number in a `w:numFmt`.
fn format_number(n: i64, format: &str) -> String {
    match format {
        "none" => String::new(),
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" if (0..10).contains(&n) => format!("0{n}"),
        _ => n.to_string(),
    }
}

/// Word's letter numbers: A..Z, then AA..ZZ, AAA...
fn letters(n: i64) -> String {
    if n < 1 {
        return n.to_string();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    let times = ((n - 1) / 26 + 1).min(100) as usize;
    std::iter::repeat_n(letter, times).collect()
}

/// Roman numerals (1 to 3999; decimal outside).
fn roman(n: i64) -> String {
    if !(1..4000).contains(&n) {
        return n.to_string();
    }
    const TABLE: [(i64, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}
