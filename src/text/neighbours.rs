//! The words right next to a span: what the matcher's and discovery's context rules read
//! ("Cherie" before "Blair", "Airways" after "US").
//!
//! A neighbour is a maximal run of letters and digits separated from the span by exactly one
//! space: across a line break, two spaces or punctuation, a word is not read as part of the same
//! name, so these return nothing there.

/// The word right before byte `start` of `text` (one space between), with its first byte.
pub fn word_before(text: &str, start: usize) -> Option<(usize, &str)> {
    let before = text[..start].strip_suffix(' ')?;
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)?;
    Some((word_start, &before[word_start..]))
}

/// The word right after byte `end` of `text` (one space between).
pub fn word_after(text: &str, end: usize) -> Option<&str> {
    let after = text[end..].strip_prefix(' ')?;
    let word_end = after
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(after.len());
    (word_end > 0).then(|| &after[..word_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_word_one_space_away_is_a_neighbour() {
        let text = "said Cherie Blair of US Airways.\nNext";
        let blair = text.find("Blair").unwrap();
        assert_eq!(word_before(text, blair), Some((5, "Cherie")));
        assert_eq!(word_after(text, blair + 5), Some("of"));
        let us = text.find("US").unwrap();
        assert_eq!(word_after(text, us + 2), Some("Airways"));
        assert_eq!(
            word_after(text, text.find('.').unwrap()),
            None,
            "punctuation"
        );
        assert_eq!(
            word_before(text, text.find("Next").unwrap()),
            None,
            "line break"
        );
        assert_eq!(word_before("Zoë Ball", "Zoë ".len()), Some((0, "Zoë")));
    }
}
