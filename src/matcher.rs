//! The matcher: finds dictionary aliases in text, with kgx's match semantics.
//!
//! # Semantics
//!
//! Text and aliases are compared in folded form (see [`crate::text::fold`](mod@crate::text::fold)): accents, letter
//! case, curly quotes and whitespace runs do not matter, so "Erdoğan" matches `Erdogan`,
//! "Türkiye" matches `Turkiye` and "Tayyip\nErdogan" matches `Tayyip Erdogan`.
//!
//! A match must pass two checks:
//!
//! 1. **Whole words.** Where the alias begins (ends) with a letter or digit, the character
//!    before (after) the match must not be a letter or digit, in any script. So `Oman` is not
//!    found in "Romania" and `Iran` not in "Iranian", while "PKK/YPG" yields both `PKK` and
//!    `YPG`, "pro-Russian" yields `Russian`, and "Putin’s" and "Putin's" yield `Putin`.
//! 2. **Case.** Aliases written in capitals only (`US`, `UK`, `UN`, `AP`, `ICC`), and aliases
//!    flagged `=` in the dictionary, match only with the same case (accents still folded):
//!    "us" is never the United States, and "Us" is not either.
//!
//! **Overlaps** are settled leftmost-longest *among the matches that pass both checks*: the
//! earliest start wins, and at the same start the longest match. "Russian Defense Ministry" is
//! the ministry, not the country. This is not the same as a plain leftmost-longest scan whose
//! results are filtered afterwards: such a scan can pick a candidate that then fails its check
//! and hides a valid match starting inside it. With the aliases `The Sun` and `Sunday Times`,
//! the text "The Sunday Times" contains the candidate "The Sun" (which fails: "Sun" is followed
//! by "day"); kgx drops it *before* choosing, and finds "Sunday Times". So the automaton reports
//! every overlapping match, the checks run on each, and only then are overlaps settled.
//!
//! An alias that several entities share yields one candidate with several targets; which one it
//! is, if any, is decided from the document in [`crate::resolve`], as are `^` aliases that need an
//! anchor. Blocking aliases (`!New Mexico` for Mexico) are ordinary candidates here, so they win
//! overlaps like any other; [`crate::resolve`] then drops them.
//!
//! Every span is a byte range of the *original* text, and `&text[start..end]` is the surface
//! form as written, whatever folding did.

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use crate::dictionary::{Dictionary, EntityIndex};
use crate::error::{Error, Result};
use crate::text::{fold, CaseMode, FoldedText};

/// Dictionaries with more distinct folded aliases than this use an NFA instead of a DFA.
const DFA_PATTERN_LIMIT: usize = 50_000;

/// A compiled dictionary, ready to search any number of texts from any number of threads.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: AhoCorasick,
    /// For each automaton pattern, its range in `targets`.
    pattern_targets: Vec<Range<u32>>,
    /// The folded form of each automaton pattern.
    patterns: Vec<String>,
    targets: Vec<Target>,
}

/// One entity an automaton pattern can stand for.
#[derive(Debug, Clone)]
struct Target {
    entity: EntityIndex,
    /// For case-sensitive aliases, the alias folded with case preserved.
    exact_case: Option<Box<str>>,
    needs_anchor: bool,
    blocks: bool,
}

/// A place in the text where an alias matched and passed the boundary and case checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset of the first byte of the surface form in the original text.
    pub start: usize,
    /// Byte offset one past the surface form.
    pub end: usize,
    /// The entities this surface form can name, sorted by index, each at most once.
    pub targets: Vec<CandidateTarget>,
    /// The automaton pattern that matched (see [`Matcher::pattern`]).
    pub pattern: u32,
}

/// One entity a [`Candidate`] can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateTarget {
    /// The entity.
    pub entity: EntityIndex,
    /// Whether it was matched only through aliases that need an anchor.
    pub needs_anchor: bool,
    /// Whether it was matched through a blocking alias (a phrase that is not the entity).
    pub blocks: bool,
}

impl Matcher {
    /// Compiles every alias of `dictionary`.
    ///
    /// # Errors
    /// If the automaton cannot be built (it would exceed its size limits).
    pub fn new(dictionary: &Dictionary) -> Result<Matcher> {
        // Group targets by folded alias: one automaton pattern per distinct folded form.
        let mut by_pattern: std::collections::BTreeMap<String, Vec<Target>> = Default::default();
        for (index, entity) in dictionary.iter() {
            for alias in &entity.aliases {
                let pattern = fold(&alias.text, CaseMode::Insensitive);
                if pattern.is_empty() {
                    continue;
                }
                by_pattern.entry(pattern).or_default().push(Target {
                    entity: index,
                    exact_case: alias
                        .case_sensitive
                        .then(|| fold(&alias.text, CaseMode::Preserve).into_boxed_str()),
                    needs_anchor: alias.needs_anchor,
                    blocks: alias.blocks,
                });
            }
        }
        let mut patterns = Vec::with_capacity(by_pattern.len());
        let mut pattern_targets = Vec::with_capacity(by_pattern.len());
        let mut targets = Vec::new();
        for (pattern, group) in by_pattern {
            let first = targets.len() as u32;
            targets.extend(group);
            pattern_targets.push(first..targets.len() as u32);
            patterns.push(pattern);
        }
        // A DFA scans several times faster than an NFA for overlapping search; it costs a few
        // megabytes for the built-in dictionaries, but grows too large for huge ones.
        let kind = if patterns.len() <= DFA_PATTERN_LIMIT {
            AhoCorasickKind::DFA
        } else {
            AhoCorasickKind::ContiguousNFA
        };
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .kind(Some(kind))
            .build(&patterns)
            .map_err(|e| Error::InvalidConfig(format!("cannot compile the dictionary: {e}")))?;
        Ok(Matcher {
            automaton,
            pattern_targets,
            patterns,
            targets,
        })
    }

    /// Every match in `text` that passes the boundary and case checks, overlaps included,
    /// sorted by start, then longest first.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let folded = FoldedText::new(text);
        let haystack = folded.as_str();
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(haystack) {
            if !is_whole_word(haystack, m.start(), m.end()) {
                continue;
            }
            let (start, end) = folded.original_span(m.start(), m.end());
            let surface = &text[start..end];
            let mut surface_preserved: Option<String> = None;
            let mut targets: Vec<CandidateTarget> = Vec::new();
            let range = &self.pattern_targets[m.pattern().as_usize()];
            for target in &self.targets[range.start as usize..range.end as usize] {
                if let Some(exact) = &target.exact_case {
                    let preserved =
                        surface_preserved.get_or_insert_with(|| fold(surface, CaseMode::Preserve));
                    if preserved.as_str() != &**exact {
                        continue;
                    }
                }
                match targets.iter_mut().find(|t| t.entity == target.entity) {
                    Some(existing) => {
                        existing.needs_anchor &= target.needs_anchor;
                        existing.blocks &= target.blocks;
                    }
                    None => targets.push(CandidateTarget {
                        entity: target.entity,
                        needs_anchor: target.needs_anchor,
                        blocks: target.blocks,
                    }),
                }
            }
            if targets.is_empty() {
                continue;
            }
            targets.sort_by_key(|t| t.entity);
            out.push(Candidate {
                start,
                end,
                targets,
                pattern: m.pattern().as_u32(),
            });
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        out
    }

    /// The folded alias behind automaton pattern `id` (from [`Candidate::pattern`]).
    pub fn pattern(&self, id: u32) -> &str {
        &self.patterns[id as usize]
    }

    /// The non-overlapping matches in `text`, leftmost-longest, without document context:
    /// shared aliases keep all their targets and anchors are not checked.
    pub fn find(&self, text: &str) -> Vec<Candidate> {
        select_leftmost_longest(self.candidates(text))
    }
}

/// Keeps, from candidates sorted by start then longest first, the leftmost-longest
/// non-overlapping ones.
pub fn select_leftmost_longest(candidates: Vec<Candidate>) -> Vec<Candidate> {
    let mut covered_until = 0;
    candidates
        .into_iter()
        .filter(|candidate| {
            let keep = candidate.start >= covered_until;
            if keep {
                covered_until = candidate.end;
            }
            keep
        })
        .collect()
}

/// Like [`select_leftmost_longest`], but borrows: the indices of the kept candidates.
pub fn leftmost_longest_indices(candidates: &[Candidate]) -> Vec<usize> {
    let mut covered_until = 0;
    let mut kept = Vec::new();
    for (i, candidate) in candidates.iter().enumerate() {
        if candidate.start >= covered_until {
            covered_until = candidate.end;
            kept.push(i);
        }
    }
    kept
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `haystack[start..end]` is not glued to a letter or digit on a side where the match
/// itself begins or ends with one.
fn is_whole_word(haystack: &str, start: usize, end: usize) -> bool {
    let matched = &haystack[start..end];
    let starts_with_word = matched.chars().next().is_some_and(is_word_char);
    let ends_with_word = matched.chars().next_back().is_some_and(is_word_char);
    let before_ok = !starts_with_word
        || !haystack[..start]
            .chars()
            .next_back()
            .is_some_and(is_word_char);
    let after_ok = !ends_with_word || !haystack[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    /// A small dictionary exercising every rule.
    const DICTIONARY: &str = "\
oman\tcountry\tOman
romania\tcountry\tRomania
iran\tcountry\tIran
russia\tcountry\tRussia\tRussian|Russians|Russian Federation
united-states\tcountry\tUnited States\tUS|U.S.|American|Americans
turkey\tcountry\t=Turkey\tTürkiye|Turkish
pkk\torganization\tPKK\tKurdistan Workers' Party
ypg\torganization\tYPG
russian-defense-ministry\torganization\tRussian Defense Ministry
the-sun\torganization\tThe Sun
sunday-times\torganization\tSunday Times
putin\tperson\tVladimir Putin\tPutin
erdogan\tperson\tRecep Tayyip Erdoğan\tErdogan|Tayyip Erdogan
ap\torganization\tAssociated Press\tAP
cote-divoire\tcountry\tIvory Coast\tCôte d'Ivoire
";

    fn matches(haystack: &str) -> Vec<(String, Vec<String>)> {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("test.tsv", DICTIONARY);
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        matcher
            .find(haystack)
            .into_iter()
            .map(|c| {
                let ids = c
                    .targets
                    .iter()
                    .map(|t| dictionary.entity(t.entity).id.clone())
                    .collect();
                (haystack[c.start..c.end].to_string(), ids)
            })
            .collect()
    }

    /// A test name, a haystack, and the expected `(surface, entity id)` matches.
    type Case = (
        &'static str,
        &'static str,
        &'static [(&'static str, &'static str)],
    );

    #[test]
    fn match_semantics() {
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("no substring inside a word", "Romania", &[("Romania", "romania")]),
            ("no prefix of a longer word", "Iranian officials", &[]),
            ("slash separates", "PKK/YPG", &[("PKK", "pkk"), ("YPG", "ypg")]),
            ("hyphen separates", "pro-Russian separatists", &[("Russian", "russia")]),
            ("curly possessive", "Putin’s visit", &[("Putin", "putin")]),
            ("straight possessive", "Putin's visit", &[("Putin", "putin")]),
            ("accent folded", "Erdoğan and Erdogan", &[("Erdoğan", "erdogan"), ("Erdogan", "erdogan")]),
            ("accent folded in the text", "Turkiye", &[("Turkiye", "turkey")]),
            ("case folded", "RUSSIA and russia", &[("RUSSIA", "russia"), ("russia", "russia")]),
            ("acronym only as written", "let us go, US said", &[("US", "united-states")]),
            ("dotted acronym", "the U.S. and Us", &[("U.S.", "united-states")]),
            ("forced case", "a turkey in Turkey", &[("Turkey", "turkey")]),
            ("acronym AP but not ap", "AP reported; ap", &[("AP", "ap")]),
            ("line break inside a name", "Tayyip\n  Erdogan", &[("Tayyip\n  Erdogan", "erdogan")]),
            ("longest at the same start", "the Russian Defense Ministry said", &[("Russian Defense Ministry", "russian-defense-ministry")]),
            ("failed candidate does not hide a match inside it", "The Sunday Times", &[("Sunday Times", "sunday-times")]),
            ("valid shorter match still found", "The Sun reported", &[("The Sun", "the-sun")]),
            ("apostrophe inside an alias", "Côte d’Ivoire", &[("Côte d’Ivoire", "cote-divoire")]),
            ("plural demonym", "Russians and Americans", &[("Russians", "russia"), ("Americans", "united-states")]),
            ("digits glue too", "Russia2", &[]),
            ("other scripts glue too", "Russiaи", &[]),
            ("long form wins", "the Russian Federation", &[("Russian Federation", "russia")]),
        ];
        for (name, haystack, expected) in cases {
            let expected: Vec<(String, Vec<String>)> = expected
                .iter()
                .map(|(s, id)| (s.to_string(), vec![id.to_string()]))
                .collect();
            assert_eq!(matches(haystack), expected, "{name}: {haystack:?}");
        }
    }

    #[test]
    fn shared_alias_keeps_every_target() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "t.tsv",
            "g\tperson\tGurbanguly Berdymukhamedov\tBerdymukhamedov\ns\tperson\tSerdar Berdymukhamedov\tBerdymukhamedov\n",
        );
        let dictionary = builder.build().unwrap();
        let found = Matcher::new(&dictionary)
            .unwrap()
            .find("Berdymukhamedov said");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].targets.len(), 2);
    }

    #[test]
    fn matcher_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Matcher>();
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::dictionary::DictionaryBuilder;

    const ALIASES: &[&str] = &[
        "Erdoğan",
        "Putin",
        "US",
        "Türkiye",
        "Russian Defense Ministry",
        "Russian",
        "Côte d'Ivoire",
    ];

    /// Text pieces that stress folding: aliases in odd spellings, accents, whitespace runs,
    /// multi-byte characters, decomposed marks, glued letters.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(vec![
                "Erdoğan",
                "ERDOGAN",
                "Erdog\u{306}an",
                "Putin",
                "putin’s",
                "US",
                "us",
                "Türkiye",
                "TURKİYE",
                "Russian\n Defense   Ministry",
                "pro-Russian",
                "Romania",
                "Côte d’Ivoire",
                "ﬁ",
                "ß",
                "İ",
                "\u{FEFF}",
                "\u{00AD}",
                " ",
                "\n\n",
                ". ",
                "—",
                "日本",
                "x",
            ])
            .prop_map(str::to_string),
            "[a-zA-Zğüİı’' .,\n-]{0,6}",
        ]
    }

    proptest! {
        #[test]
        fn spans_slice_the_original_to_a_form_that_folds_to_an_alias(
            pieces in proptest::collection::vec(piece(), 0..24)
        ) {
            let text: String = pieces.concat();
            let mut builder = DictionaryBuilder::new();
            for (i, alias) in ALIASES.iter().enumerate() {
                builder.add_str(format!("p{i}.tsv"), &format!("e{i}\torganization\t{alias}\n"));
            }
            let dictionary = builder.build().unwrap();
            let matcher = Matcher::new(&dictionary).unwrap();
            let found = matcher.find(&text);
            let mut previous_end = 0;
            for candidate in found {
                prop_assert!(candidate.start < candidate.end);
                prop_assert!(candidate.start >= previous_end, "overlapping matches");
                previous_end = candidate.end;
                // Slicing would panic off a char boundary.
                let surface = text.get(candidate.start..candidate.end);
                prop_assert!(surface.is_some());
                let folded = fold(surface.unwrap_or_default(), CaseMode::Insensitive);
                let entity = dictionary.entity(candidate.targets[0].entity);
                prop_assert_eq!(folded, fold(&entity.name, CaseMode::Insensitive));
            }
        }
    }
}
