//! Document text on its way to a terminal.

/// `text` with the characters a terminal would act on (escape sequences,
/// C1 codes, bidirectional overrides) replaced by `?` marks of the same
/// byte length, so that byte offsets into the text stay valid.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let dangerous = (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        if dangerous {
            out.extend(std::iter::repeat_n('?', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_escapes_are_neutralized_without_moving_offsets() {
        let hostile = "a\u{1b}[31mred\u{9b}x\u{202e}z\tb\n";
        let safe = terminal_safe(hostile);
        assert_eq!(safe.len(), hostile.len());
        assert_eq!(safe, "a?[31mred??x???z\tb\n");
    }
}
