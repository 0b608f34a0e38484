//! Document metadata read from the title and banners: agency, region, year.

use crate::vocab;

/// Words that end a region name.
const REGION_STOP: &[&str] = &["TAHUN", "TA", "PERIODE"];

fn norm(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_uppercase()
}

/// The year named in `text`, preferring one after "TAHUN".
pub fn year(text: &str) -> Option<u16> {
    let words: Vec<String> = text.split_whitespace().map(norm).collect();
    let is_year = |w: &String| {
        w.len() == 4
            && (w.starts_with("19") || w.starts_with("20"))
            && w.chars().all(|c| c.is_ascii_digit())
    };
    words
        .windows(2)
        .find(|w| (w[0] == "TAHUN" || w[0] == "TA") && is_year(&w[1]))
        .map(|w| w[1].clone())
        .or_else(|| words.iter().find(|w| is_year(w)).cloned())
        .and_then(|w| w.parse().ok())
}

/// The index range of the region words ("KAB. SUMENEP") in `tokens`.
fn region_range(tokens: &[&str]) -> Option<(usize, usize, &'static str)> {
    let start = tokens
        .iter()
        .position(|t| vocab::region_prefix(&norm(t)).is_some())?;
    let prefix = vocab::region_prefix(&norm(tokens[start]))?;
    let mut end = start + 1;
    while end < tokens.len() {
        let w = norm(tokens[end]);
        if w.is_empty()
            || REGION_STOP.contains(&w.as_str())
            || w.chars().all(|c| c.is_ascii_digit())
        {
            break;
        }
        end += 1;
    }
    (end > start + 1).then_some((start, end, prefix))
}

fn title_case(word: &str) -> String {
    let lower = word.to_lowercase();
    let mut chars = lower.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The region named in `text`, e.g. "KAB. SUMENEP" -> "Kabupaten Sumenep".
pub fn region(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (start, end, prefix) = region_range(&tokens)?;
    let mut out = prefix.to_string();
    for t in &tokens[start + 1..end] {
        out.push(' ');
        out.push_str(&title_case(t.trim_matches(|c: char| !c.is_alphanumeric())));
    }
    Some(out)
}

/// The agency's short name in a title: what is left once the IKI phrase,
/// the region and the year are taken out.
pub fn agency(title: &str) -> Option<String> {
    let tokens: Vec<&str> = title.split_whitespace().collect();
    let mut keep = vec![true; tokens.len()];
    let words: Vec<String> = tokens.iter().map(|t| norm(t)).collect();
    let intro = ["INDIKATOR", "KINERJA", "INDIVIDU"];
    if let Some(i) = words.windows(3).position(|w| w == intro) {
        keep[i..i + 3].iter_mut().for_each(|k| *k = false);
    }
    if let Some((s, e, _)) = region_range(&tokens) {
        keep[s..e].iter_mut().for_each(|k| *k = false);
    }
    for (i, w) in words.iter().enumerate() {
        let is_number = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
        if w.is_empty() || w == "IKI" || REGION_STOP.contains(&w.as_str()) || is_number {
            keep[i] = false;
        }
    }
    let rest: Vec<&str> = tokens
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(t, _)| *t)
        .collect();
    (!rest.is_empty()).then(|| rest.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_title() {
        let t = "Indikator Kinerja Individu BKPSDM KAB. SUMENEP TAHUN 2024";
        assert_eq!(year(t), Some(2024));
        assert_eq!(region(t).as_deref(), Some("Kabupaten Sumenep"));
        assert_eq!(agency(t).as_deref(), Some("BKPSDM"));
        let t = "IKI Dinas Kesehatan Kota Batu Tahun 2025";
        assert_eq!(year(t), Some(2025));
        assert_eq!(region(t).as_deref(), Some("Kota Batu"));
        assert_eq!(agency(t).as_deref(), Some("Dinas Kesehatan"));
        assert_eq!(
            region("BADAN KEPEGAWAIAN DAN PENGEMBANGAN SUMBER DAYA MANUSIA KABUPATEN SUMENEP")
                .as_deref(),
            Some("Kabupaten Sumenep")
        );
        assert_eq!(year("no year here 123"), None);
        assert_eq!(region("Kota"), None);
    }
}
