//! The seed's tab tables rewritten as pipe, HTML and grid tables, for the
//! throughput of each table reader (`cargo bench`, group `dialects`).
//! The faithful generator with a line map, which proves that every
//! dialect gives the same rows, is the test `crates/cli/tests/dialects.rs`;
//! this one only has to produce realistic input of each kind.

/// A table dialect to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// GitHub pipe tables.
    Pipe,
    /// HTML tables, one `<tr>` per line.
    Html,
    /// pandoc grid tables, cells wrapped at 30 characters.
    Grid,
}

fn is_table_line(line: &str) -> bool {
    line.matches('\t').count() >= 2 && !line.trim_start().starts_with('#')
}

/// `seed` with every run of tab lines written as one table of `d`.
pub fn rewrite(seed: &str, d: Dialect) -> String {
    let lines: Vec<&str> = seed.split('\n').collect();
    let mut out = String::with_capacity(seed.len() * 2);
    let mut i = 0;
    while i < lines.len() {
        if !is_table_line(lines[i]) {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && is_table_line(lines[i]) {
            i += 1;
        }
        let rows: Vec<Vec<&str>> = lines[start..i]
            .iter()
            .map(|l| l.split('\t').map(str::trim).collect())
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        match d {
            Dialect::Pipe => pipe(&mut out, &rows, width),
            Dialect::Html => html(&mut out, &rows),
            Dialect::Grid => grid(&mut out, &rows, width),
        }
    }
    out
}

fn pipe(out: &mut String, rows: &[Vec<&str>], width: usize) {
    for (k, row) in rows.iter().enumerate() {
        out.push('|');
        for c in 0..width {
            out.push(' ');
            out.push_str(&row.get(c).copied().unwrap_or("").replace('|', "\\|"));
            out.push_str(" |");
        }
        out.push('\n');
        if k == 0 {
            out.push_str(&"|---".repeat(width));
            out.push_str("|\n");
        }
    }
}

fn html(out: &mut String, rows: &[Vec<&str>]) {
    out.push_str("<table>\n");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            out.push_str("<td>");
            out.push_str(c);
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// Words of `text` wrapped at `width` characters (a longer word alone).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(l) if l.chars().count() + 1 + word.chars().count() <= width => {
                l.push(' ');
                l.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn grid(out: &mut String, rows: &[Vec<&str>], width: usize) {
    let cells: Vec<Vec<Vec<String>>> = rows
        .iter()
        .map(|r| {
            (0..width)
                .map(|c| wrap(r.get(c).copied().unwrap_or(""), 30))
                .collect()
        })
        .collect();
    let widths: Vec<usize> = (0..width)
        .map(|c| {
            cells
                .iter()
                .flat_map(|r| r[c].iter().map(|l| l.chars().count()))
                .max()
                .unwrap_or(0)
                .max(3)
        })
        .collect();
    let border = |fill: char| {
        let mut b = String::from("+");
        for w in &widths {
            b.extend(std::iter::repeat_n(fill, w + 2));
            b.push('+');
        }
        b.push('\n');
        b
    };
    out.push_str(&border('-'));
    for row in &cells {
        let height = row.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for k in 0..height {
            out.push('|');
            for (c, w) in widths.iter().enumerate() {
                let text = row[c].get(k).map_or("", String::as_str);
                out.push(' ');
                out.push_str(text);
                out.extend(std::iter::repeat_n(' ', w - text.chars().count() + 1));
                out.push('|');
            }
            out.push('\n');
        }
        out.push_str(&border('-'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dialect_reads_the_seeds_rows() {
        let seed = include_str!("../../../seeds/bkpsdm-sumenep-2024.md");
        for d in [Dialect::Pipe, Dialect::Html, Dialect::Grid] {
            let text = rewrite(seed, d);
            assert!(text.len() > seed.len(), "{d:?}");
            assert!(!text.contains("\t\t"), "{d:?}: a tab line was left");
        }
    }
}
