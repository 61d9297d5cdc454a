//! Co-occurrence windows: which mentions count as appearing together.
//!
//! - `sentence` (default), `paragraph`, `document`: every entity mentioned in the same
//!   sentence (paragraph, document) co-occurs with every other; a pair counts once per window.
//! - `tokens:N`: two mentions co-occur when the later one starts at most N words after the
//!   earlier one. Each mention opens a window that looks back N words; in it, the mention's
//!   entity is paired once with each other entity found there. So the weight of a pair is the
//!   number of mentions of either entity that have the other within N words before them.
//!
//! Mentions that are ambiguous or in a repeated sentence never enter a window.
//!
//! **A window holds at most [`MAX_WINDOW_ENTITIES`] entities.** Every pair of entities in a
//! window is counted, so a window of n entities costs n²/2 pair updates and up to as many new
//! links: a long document (`--window document`) or a machine-made "sentence" listing thousands
//! of names would make time and the graph grow with the square of the window. A sentence,
//! paragraph or document window that reaches the cap is cut where its next entity would exceed
//! it, and the rest opens a new window; a `tokens:N` window keeps the mentions closest to the
//! mention that opened it. [`Units::cut`] counts the cuts, which the caller reports. 100 entities
//! (4,950 pairs) is three times what any article of the BBC corpus names in a whole document
//! (32 at most, 15 for 99% of them).

use std::fmt;
use std::str::FromStr;

use crate::dictionary::EntityIndex;
use crate::document::AnalyzedDocument;

/// The kind of window in which mentions co-occur.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Window {
    /// The same sentence.
    #[default]
    Sentence,
    /// The same paragraph.
    Paragraph,
    /// The same document.
    Document,
    /// At most N words apart.
    Tokens(u32),
}

impl FromStr for Window {
    type Err = String;

    fn from_str(s: &str) -> Result<Window, String> {
        match s {
            "sentence" => Ok(Window::Sentence),
            "paragraph" => Ok(Window::Paragraph),
            "document" => Ok(Window::Document),
            _ => match s.strip_prefix("tokens:").map(str::parse::<u32>) {
                Some(Ok(n)) if n >= 1 => Ok(Window::Tokens(n)),
                _ => Err(format!(
                    "invalid window `{s}`: expected sentence, paragraph, document or tokens:N with N ≥ 1"
                )),
            },
        }
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Window::Sentence => f.write_str("sentence"),
            Window::Paragraph => f.write_str("paragraph"),
            Window::Document => f.write_str("document"),
            Window::Tokens(n) => write!(f, "tokens:{n}"),
        }
    }
}

/// Most distinct entities in one window (see the module doc); a `tokens:N` window holds at
/// most this many mentions.
pub const MAX_WINDOW_ENTITIES: usize = 100;

/// The entities that share one window, and the mentions that put them there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Distinct entities, sorted.
    pub entities: Vec<EntityIndex>,
    /// For token windows, the entity of the mention that opened the window: only pairs that
    /// include it count here (the others were counted in earlier windows).
    pub anchor: Option<EntityIndex>,
    /// Indices into [`AnalyzedDocument::mentions`] of the mentions in the window.
    pub mentions: Vec<usize>,
}

impl Unit {
    /// The pairs this window counts, each once, smaller index first.
    pub fn pairs(&self) -> Vec<(EntityIndex, EntityIndex)> {
        let mut pairs = Vec::new();
        for (i, &a) in self.entities.iter().enumerate() {
            for &b in &self.entities[i + 1..] {
                if self.anchor.is_none_or(|anchor| anchor == a || anchor == b) {
                    pairs.push((a, b));
                }
            }
        }
        pairs
    }
}

/// The windows of one document, and how many were cut at [`MAX_WINDOW_ENTITIES`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Units {
    /// The windows, in text order.
    pub units: Vec<Unit>,
    /// Windows cut because they held more than [`MAX_WINDOW_ENTITIES`] entities (mentions for
    /// `tokens:N`).
    pub cut: usize,
}

/// The co-occurrence windows of one document that hold at least one entity (the ones with a
/// single entity count for association measures, see [`crate::graph::weights`]).
///
/// # Complexity
/// O(m log m) for m mentions; the pairs of a window are at most `MAX_WINDOW_ENTITIES²/2`.
pub fn units(document: &AnalyzedDocument, window: Window) -> Units {
    units_capped(document, window, MAX_WINDOW_ENTITIES)
}

/// [`units`] with a cap of `max` entities per window (at least 2).
fn units_capped(document: &AnalyzedDocument, window: Window, max: usize) -> Units {
    let max = max.max(2);
    let counted: Vec<(usize, EntityIndex)> = document
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.repeated)
        .filter_map(|(i, m)| m.mention.entity().map(|e| (i, e)))
        .collect();
    let mut units = Units::default();
    match window {
        Window::Sentence | Window::Paragraph | Window::Document => {
            let key = |i: usize| match window {
                Window::Sentence => document.mentions[i].sentence,
                Window::Paragraph => {
                    document.segments.sentences[document.mentions[i].sentence].paragraph
                }
                _ => 0,
            };
            for group in counted.chunk_by(|a, b| key(a.0) == key(b.0)) {
                let mut rest = group;
                while !rest.is_empty() {
                    let taken = prefix_with_entities(rest, max);
                    push_unit(&mut units.units, &rest[..taken], None);
                    rest = &rest[taken..];
                    if !rest.is_empty() {
                        units.cut += 1;
                    }
                }
            }
        }
        Window::Tokens(n) => {
            let word_starts = word_starts(&document.document.text);
            let token_of =
                |i: usize| word_starts.partition_point(|&w| w < document.mentions[i].mention.start);
            let tokens: Vec<usize> = counted.iter().map(|&(i, _)| token_of(i)).collect();
            let mut first = 0;
            for (k, &(_, entity)) in counted.iter().enumerate() {
                while tokens[k] - tokens[first] > n as usize {
                    first += 1;
                }
                if k + 1 - first > max {
                    first = k + 1 - max;
                    units.cut += 1;
                }
                push_unit(&mut units.units, &counted[first..=k], Some(entity));
            }
        }
    }
    units
}

/// The length of the longest prefix of `group` that names at most `max` distinct entities.
fn prefix_with_entities(group: &[(usize, EntityIndex)], max: usize) -> usize {
    let mut seen = std::collections::HashSet::new();
    for (k, &(_, entity)) in group.iter().enumerate() {
        if seen.insert(entity) && seen.len() > max {
            return k;
        }
    }
    group.len()
}

fn push_unit(units: &mut Vec<Unit>, group: &[(usize, EntityIndex)], anchor: Option<EntityIndex>) {
    let mut entities: Vec<EntityIndex> = group.iter().map(|&(_, e)| e).collect();
    entities.sort_unstable();
    entities.dedup();
    if !entities.is_empty() {
        units.push(Unit {
            entities,
            anchor,
            mentions: group.iter().map(|&(i, _)| i).collect(),
        });
    }
}

/// Byte offsets where a word (a run of letters and digits) starts.
fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let is_word = c.is_alphanumeric();
        if is_word && !in_word {
            starts.push(i);
        }
        in_word = is_word;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::document::Document;
    use crate::matcher::Matcher;

    fn analyzed(text: &str) -> AnalyzedDocument {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "t.tsv",
            "a\tperson\tAlpha\nb\tperson\tBravo\nc\tperson\tCharlie\n",
        );
        let matcher = Matcher::new(&builder.build().unwrap()).unwrap();
        AnalyzedDocument::new(Document::new("d", text), &matcher)
    }

    fn counted_pairs(text: &str, window: Window) -> Vec<(u32, u32)> {
        units(&analyzed(text), window)
            .units
            .iter()
            .flat_map(Unit::pairs)
            .map(|(a, b)| (a.0, b.0))
            .collect()
    }

    #[test]
    fn window_parsing_round_trips() {
        for s in ["sentence", "paragraph", "document", "tokens:5"] {
            assert_eq!(s.parse::<Window>().unwrap().to_string(), s);
        }
        for bad in ["tokens:0", "tokens:", "tokens:x", "line", ""] {
            assert!(bad.parse::<Window>().is_err(), "{bad}");
        }
    }

    #[test]
    fn pairs_per_window_kind() {
        let text = "Alpha met Bravo. Alpha and Alpha.\nCharlie came.\n\nBravo left.";
        assert_eq!(counted_pairs(text, Window::Sentence), [(0, 1)]);
        assert_eq!(counted_pairs(text, Window::Paragraph), [(0, 1)]);
        assert_eq!(
            counted_pairs(text, Window::Document),
            [(0, 1), (0, 2), (1, 2)]
        );
    }

    #[test]
    fn token_windows_count_each_later_mention_once() {
        // Word indices: Alpha 0, Bravo 1, x 2, Alpha 3, y..: Charlie 10.
        let text = "Alpha Bravo x Alpha y y y y y y Charlie";
        assert_eq!(counted_pairs(text, Window::Tokens(2)), [(0, 1), (0, 1)]);
        assert_eq!(counted_pairs(text, Window::Tokens(1)), [(0, 1)]);
        assert_eq!(
            counted_pairs(text, Window::Tokens(10)),
            [(0, 1), (0, 1), (0, 2), (1, 2)]
        );
    }

    #[test]
    fn crowded_windows_are_cut_at_the_cap() {
        // (window, text, cap, pairs counted, windows cut)
        type Case = (Window, &'static str, usize, &'static [(u32, u32)], usize);
        let cases: [Case; 5] = [
            (
                Window::Sentence,
                "Alpha Bravo Charlie Alpha.",
                3,
                &[(0, 1), (0, 2), (1, 2)],
                0,
            ),
            (
                Window::Sentence,
                "Alpha Bravo Charlie Alpha.",
                2,
                &[(0, 1), (0, 2)],
                1,
            ),
            (
                Window::Document,
                "Alpha Bravo.\n\nCharlie.\n\nBravo.",
                2,
                &[(0, 1), (1, 2)],
                1,
            ),
            (
                Window::Tokens(10),
                "Alpha Bravo Charlie Alpha",
                2,
                &[(0, 1), (1, 2), (0, 2)],
                2,
            ),
            (
                Window::Tokens(10),
                "Alpha Bravo Charlie Alpha",
                4,
                &[(0, 1), (0, 2), (1, 2), (0, 1), (0, 2)],
                0,
            ),
        ];
        for (window, text, cap, pairs, cut) in cases {
            let units = units_capped(&analyzed(text), window, cap);
            let actual: Vec<(u32, u32)> = units
                .units
                .iter()
                .flat_map(Unit::pairs)
                .map(|(a, b)| (a.0, b.0))
                .collect();
            assert_eq!(actual, pairs, "{window} {text:?} cap {cap}");
            assert_eq!(units.cut, cut, "{window} {text:?} cap {cap}");
        }
    }
}
