//! Differences that are only a year ("Tahun 2024" -> "Tahun 2025").

/// `text` with every year (a four-digit number from 1900 to 2099 standing
/// alone) replaced by a placeholder.
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let window = chars.get(i..i + 4);
        let is_year = window.is_some_and(|w| {
            w.iter().all(char::is_ascii_digit) && (w[..2] == ['1', '9'] || w[..2] == ['2', '0'])
        });
        let before_ok = i == 0 || !chars[i - 1].is_alphanumeric();
        let after_ok = chars.get(i + 4).is_none_or(|c| !c.is_alphanumeric());
        if is_year && before_ok && after_ok {
            out.push_str("<year>");
            i += 4;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// Whether two different texts differ only in their years.
pub fn only_years(a: &str, b: &str) -> bool {
    a != b && mask(a) == mask(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_only() {
        assert!(only_years("Laporan Tahun 2024", "Laporan Tahun 2025"));
        assert!(only_years("TA 2025 dan 2024", "TA 2026 dan 2025"));
        assert!(!only_years("Laporan 2024", "Laporan 2024"));
        assert!(!only_years("Tahun 2024", "Tahun 2024 baru"));
        assert!(!only_years("Kode 12024", "Kode 12025"));
        assert!(!only_years("Jumlah 1500", "Jumlah 1600"));
    }
}
