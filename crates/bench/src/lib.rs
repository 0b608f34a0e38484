//! Synthetic IKI documents for benchmarks and tests: realistic variations
//! of a seed document, generated deterministically from a number.
//!
//! Each document is built from the seed's own pieces: its positions are
//! shuffled within their groups and renumbered, a share of headings is
//! restyled (`###` / `####` / bold line), some table rows are split across
//! a "page break" the way converters split them, and a few known typos are
//! injected. The same `(seed text, number)` always gives the same bytes.
//! Large corpora are generated, never checked in.
//!
//! ```
//! let seed = "### 1. JABATAN A\n\n- Tugas : x.\n\nSASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\nS\tJumlah X\tF\tD\n";
//! let a = iki_bench::document(seed, 7);
//! assert_eq!(a, iki_bench::document(seed, 7));
//! assert!(a.contains("JABATAN A"));
//! ```
#![deny(missing_docs)]

/// A small, fast, well-known generator (SplitMix64): deterministic on every
/// platform, no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
}

/// A part of the seed: text before the first position, a group banner, or
/// one position block (heading to the line before the next heading).
enum Part {
    Other(Vec<String>),
    Position { rest: String, body: Vec<String> },
}

fn position_heading(line: &str) -> Option<(String, String)> {
    let text = line.trim_start_matches('#').trim().trim_matches('*').trim();
    let (number, rest) = text.split_once(' ')?;
    let number = number.trim_end_matches('.');
    let simple = !number.is_empty() && number.chars().all(|c| c.is_ascii_digit());
    (simple && rest.starts_with("JABATAN")).then(|| (number.to_string(), rest.to_string()))
}

fn split(seed: &str) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut other = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in seed.lines() {
        let banner = line.starts_with("**INDIKATOR") || line.starts_with("## INDIKATOR");
        if let Some((number, rest)) = position_heading(line) {
            if let Some((r, b)) = current.take() {
                parts.push(Part::Position { rest: r, body: b });
            }
            if !other.is_empty() {
                parts.push(Part::Other(std::mem::take(&mut other)));
            }
            let _ = number;
            current = Some((rest, Vec::new()));
        } else if banner && current.is_some() {
            if let Some((r, b)) = current.take() {
                parts.push(Part::Position { rest: r, body: b });
            }
            other.push(line.to_string());
        } else if let Some((_, body)) = &mut current {
            body.push(line.to_string());
        } else {
            other.push(line.to_string());
        }
    }
    if let Some((r, b)) = current {
        parts.push(Part::Position { rest: r, body: b });
    }
    if !other.is_empty() {
        parts.push(Part::Other(other));
    }
    parts
}

/// Misspellings injected into generated documents (all in the glossary).
const TYPOS: [(&str, &str); 4] = [
    ("Persentase", "Presentase"),
    ("Jumlah", "Julah"),
    ("Laporan", "Laproan"),
    ("Terlaksananya", "Telaksananya"),
];

fn vary_row(line: &str, rng: &mut Rng, out: &mut Vec<String>) {
    let cells: Vec<&str> = line.split('\t').collect();
    let is_row = cells.len() >= 4 && !cells.iter().any(|c| c.contains("SASARAN"));
    if !is_row {
        out.push(line.to_string());
        return;
    }
    let mut line = line.to_string();
    if rng.chance(5) {
        let (right, wrong) = TYPOS[rng.below(TYPOS.len())];
        line = line.replacen(right, wrong, 1);
    }
    // Split at a page break: the first cell's last word moves to a line of
    // its own, as converters do.
    let first = line.split('\t').next().unwrap_or("");
    let last_cell_filled = !line.rsplit('\t').next().unwrap_or("").is_empty();
    if rng.chance(4) && last_cell_filled {
        if let Some((head, tail)) = first.rsplit_once(' ') {
            if !tail.is_empty()
                && !head.is_empty()
                && tail.chars().next().is_some_and(char::is_lowercase)
            {
                let rest = &line[first.len()..];
                out.push(format!("{head}{rest}"));
                out.push(String::new());
                out.push(format!("{tail}{}", "\t".repeat(cells.len() - 1)));
                return;
            }
        }
    }
    out.push(line);
}

pub mod dialects;
pub mod originals;

/// One synthetic document made from `seed`, numbered `number`.
pub fn document(seed: &str, number: u64) -> String {
    let mut rng = Rng::new(number);
    let mut parts = split(seed);
    // Shuffle runs of positions between other parts (groups), then renumber.
    let mut start = 0;
    while start < parts.len() {
        let end = (start..parts.len())
            .find(|&i| matches!(parts[i], Part::Other(_)))
            .unwrap_or(parts.len());
        for i in (start + 1..end).rev() {
            let j = start + rng.below(i - start + 1);
            parts.swap(i, j);
        }
        start = end + 1;
    }
    let mut out = Vec::new();
    let mut counter = 0usize;
    for part in &parts {
        match part {
            Part::Other(lines) => {
                counter = 0;
                out.extend(lines.iter().cloned());
            }
            Part::Position { rest, body } => {
                counter += 1;
                let heading = match rng.below(4) {
                    0 => format!("### {counter}. {rest}"),
                    1 => format!("#### {counter}. {rest}"),
                    2 => format!("**{counter}. {rest}**"),
                    _ => format!("## {counter}. {rest}"),
                };
                out.push(heading);
                for line in body {
                    vary_row(line, &mut rng, &mut out);
                }
            }
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    distinct_identity(&text, number)
}

/// The document with its own identity: the region in its title (the
/// first line naming `TAHUN`) gets the document's number (`KAB. SUMENEP`
/// becomes `KAB. SUMENEP-17`), so that a corpus exports as that many
/// documents, as a region's real IKIs would.
fn distinct_identity(text: &str, number: u64) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        if !done && line.contains("TAHUN") {
            if let Some(at) = line.find(" TAHUN") {
                out.push_str(&line[..at]);
                out.push_str(&format!("-{number}"));
                out.push_str(&line[at..]);
                done = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// `count` documents, numbered from `first`.
pub fn corpus(seed: &str, first: u64, count: u64) -> impl Iterator<Item = String> + '_ {
    (first..first + count).map(move |n| document(seed, n))
}

/// One long document: `count` generated documents one after another (68
/// positions each, so 147 of them make about 10,000 positions).
pub fn joined(seed: &str, first: u64, count: u64) -> String {
    corpus(seed, first, count).collect()
}

/// A document of `positions` positions of one short row each: the shape
/// that costs the most memory per byte of source.
pub fn many_positions(positions: u32) -> String {
    let mut text = String::from("**JABATAN FUNGSIONAL UMUM**\n\n");
    for n in 1..=positions {
        text.push_str(&format!(
            "### {n}. JABATAN PENGADMINISTRASI {n}\n\n- Tugas : Mencatat surat {n}.\n\n\
             SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
             Tercatatnya surat {n}\tJumlah surat {n}\tJumlah surat\tLaporan Kinerja\n\n"
        ));
    }
    text
}

/// A document of `positions` one-row positions whose titles all change
/// between the two years when `renamed` ("PENGELOLA DATA BIDANG K7" becomes
/// "PENGELOLA DATA BARU BIDANG K7"): the diff must pair every position by
/// similarity, none by id.
pub fn renamed_positions(positions: u32, renamed: bool) -> String {
    let year = if renamed { 2025 } else { 2024 };
    let baru = if renamed { "BARU " } else { "" };
    let mut text = format!(
        "# Indikator Kinerja Individu DINAS UJI KAB. CONTOH TAHUN {year}\n\n**JABATAN FUNGSIONAL UMUM**\n\n"
    );
    for k in 1..=positions {
        text.push_str(&format!(
            "### {k}. PENGELOLA DATA {baru}BIDANG K{k}\n\n- Tugas : Mengelola data k{k}.\n\n\
             SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n\
             Meningkatnya data k{k}\tJumlah laporan k{k} sektor s{}\tJumlah laporan k{k}\tArsip k{k}\n\n",
            k % 97
        ));
    }
    text
}

/// One position of `rows` indicator rows; with `changed`, every third
/// row's INDIKATOR gains a word.
pub fn one_long_position(rows: u32, changed: bool) -> String {
    let year = if changed { 2025 } else { 2024 };
    let mut text = format!(
        "# Indikator Kinerja Individu DINAS UJI KAB. CONTOH TAHUN {year}\n\n**JABATAN FUNGSIONAL UMUM**\n\n\
         ### 1. PENGELOLA DATA\n\n- Tugas : Mengelola data.\n\n\
         SASARAN\tINDIKATOR KINERJA\tFORMULASI\tSUMBER DATA\n"
    );
    for k in 0..rows {
        let tail = if changed && k % 3 == 0 {
            " diperbarui"
        } else {
            ""
        };
        text.push_str(&format!(
            "Meningkatnya data r{k}\tJumlah laporan r{k}{tail}\tJumlah laporan r{k}\tArsip r{k}\n"
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_varied() {
        let seed = include_str!("../../../seeds/bkpsdm-sumenep-2024.md");
        let a = document(seed, 1);
        assert_eq!(a, document(seed, 1));
        assert_ne!(a, document(seed, 2));
        assert!(a.len() > seed.len() / 2);
        assert!(a.contains("JABATAN SEKRETARIS"));
    }

    #[test]
    fn rng_is_stable() {
        let mut r = Rng::new(42);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64() % 1000).collect();
        let mut again = Rng::new(42);
        assert_eq!(
            first,
            (0..3).map(|_| again.next_u64() % 1000).collect::<Vec<_>>()
        );
    }
}
