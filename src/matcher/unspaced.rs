//! Names in scripts written without spaces: found inside runs of letters, with Aho-Corasick.
//!
//! Chinese, Japanese, Thai, Lao, Khmer and Myanmar put no space between words: "普京总统访问土耳其"
//! (President Putin visits Turkey) is one run of letters, so the token trie, which compares
//! whole words, cannot see 普京 or 土耳其 in it. An alias made only of such letters
//! ([`is_unspaced`], with the middle dots that join the parts of a foreign name: 唐纳德·特朗普)
//! is kept out of the trie and put in an [`AhoCorasick`] automaton instead, leftmost-longest,
//! over the aliases' folded forms. A search folds each run of such letters of the text
//! character by character, remembering where each folded byte came from, runs the automaton
//! over it and reports every match as a byte span of the original text. The matcher then checks
//! the match and settles overlaps with the word matches like any other candidate.
//!
//! One boundary rule holds inside runs: a name written in katakana only (タイ, トランプ) is not
//! found glued to more katakana, which makes a longer word (ネクタイ "necktie", トランプカード);
//! katakana spells foreign words whole, and the kanji or kana around a name are other words.
//!
//! The tokenizer says whether a text holds a word of those scripts at all ([`tokenize`]'s
//! answer), so English news pays nothing here, and the automaton is built the first time a
//! text needs it.
//!
//! [`tokenize`]: crate::text::tokens::tokenize

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_normalization::char::is_combining_mark;

use crate::text::fold::{fold_char, is_unspaced};
use crate::text::CaseMode;

/// The aliases in scripts without spaces, and the automaton that finds them.
#[derive(Debug, Clone, Default)]
pub(crate) struct UnspacedAliases {
    /// Each alias folded, with the matcher's pattern for it, in automaton pattern order.
    aliases: Vec<(Box<str>, u32)>,
    /// Built on first use, by the first text with letters of such scripts: English news never
    /// pays for it. `None` inside when there are no such aliases.
    automaton: OnceLock<Option<AhoCorasick>>,
}

impl PartialEq for UnspacedAliases {
    fn eq(&self, other: &UnspacedAliases) -> bool {
        // The automaton is made from the aliases.
        self.aliases == other.aliases
    }
}

impl Eq for UnspacedAliases {}

/// Characters that join the parts of a name inside a run, after folding: the middle dots of
/// transcribed foreign names (唐纳德·特朗普, ドナルド・トランプ), and the plus of 欧佩克+ (OPEC+).
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{00B7}' | '\u{30FB}' | '\u{2027}' | '+')
}

/// Whether `c`, folded, is katakana, its prolonged sound mark or a voicing mark.
fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' | '\u{3099}' | '\u{309A}')
}

/// Whether `c`, folded, continues a run: a letter of those scripts, a joiner, or a mark that
/// folding keeps (a Thai vowel sign, a kana voicing mark).
fn continues_run(c: char) -> bool {
    is_unspaced(c) || is_joiner(c) || is_combining_mark(c)
}

/// Whether an alias, folded, belongs in the automaton rather than the trie: it is made only of
/// letters of scripts without spaces and joiners, with at least one such letter.
pub(crate) fn is_unspaced_alias(folded: &str) -> bool {
    folded.chars().any(is_unspaced) && folded.chars().all(continues_run)
}

impl UnspacedAliases {
    /// The automaton for `aliases` (folded form, pattern), in the order given.
    pub(crate) fn new(aliases: Vec<(Box<str>, u32)>) -> UnspacedAliases {
        UnspacedAliases {
            aliases,
            automaton: OnceLock::new(),
        }
    }

    /// The automaton, built the first time it is needed.
    fn automaton(&self) -> Option<&AhoCorasick> {
        self.automaton
            .get_or_init(|| {
                (!self.aliases.is_empty())
                    .then(|| {
                        AhoCorasickBuilder::new()
                            .match_kind(MatchKind::LeftmostLongest)
                            .build(self.aliases.iter().map(|(folded, _)| folded.as_bytes()))
                            .ok()
                    })
                    .flatten()
            })
            .as_ref()
    }

    /// The aliases, folded, with their patterns (for the compiled file).
    pub(crate) fn aliases(&self) -> &[(Box<str>, u32)] {
        &self.aliases
    }

    /// Calls `each(start, end, pattern)` for every alias found in a run of letters of scripts
    /// without spaces in `text`, leftmost-longest within each run, in text order. Worth calling
    /// only for a text that holds such letters.
    pub(crate) fn find(&self, text: &str, mut each: impl FnMut(usize, usize, u32)) {
        if self.aliases.is_empty() {
            return;
        }
        let Some(first) = text.bytes().position(|b| b >= 0xE0) else {
            return;
        };
        let Some(automaton) = self.automaton() else {
            return;
        };
        // The folded run, and for each of its bytes the span of the character it came from
        // (16 bytes a byte: a run is at most a document part, 4 MiB in `kgx extract`).
        let mut folded = String::new();
        let mut origin: Vec<(usize, usize)> = Vec::new();
        let mut one = String::new();
        let mut search = |folded: &mut String, origin: &mut Vec<(usize, usize)>| {
            for found in automaton.find_iter(folded.as_str()) {
                let name = &folded[found.range()];
                let before = folded[..found.start()]
                    .chars()
                    .rev()
                    .find(|&c| !is_combining_mark(c));
                let after = folded[found.end()..].chars().next();
                // A mark right after the match belongs to its last letter: トルゴ is not トルコ.
                if after.is_some_and(is_combining_mark)
                    || (name.chars().all(is_katakana)
                        && (before.is_some_and(is_katakana) || after.is_some_and(is_katakana)))
                {
                    continue;
                }
                let start = origin[found.start()].0;
                let end = origin[found.end() - 1].1;
                each(start, end, self.aliases[found.pattern().as_usize()].1);
            }
            folded.clear();
            origin.clear();
        };
        // Runs start on a character boundary: the lead byte found is one.
        for (offset, c) in text[first..].char_indices() {
            let offset = first + offset;
            one.clear();
            fold_char(c, CaseMode::Insensitive, &mut one);
            let in_run = !one.is_empty() && one.chars().all(continues_run);
            if in_run {
                folded.push_str(&one);
                origin.resize(folded.len(), (offset, offset + c.len_utf8()));
            } else if one.is_empty() && !folded.is_empty() {
                // An invisible character (a zero-width joiner) inside a run.
                if let Some(last) = origin.last_mut() {
                    last.1 = offset + c.len_utf8();
                }
            } else if !folded.is_empty() {
                search(&mut folded, &mut origin);
            }
        }
        if !folded.is_empty() {
            search(&mut folded, &mut origin);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold;

    fn found(aliases: &[&str], text: &str) -> Vec<(String, u32)> {
        let unspaced = UnspacedAliases::new(
            aliases
                .iter()
                .enumerate()
                .map(|(i, a)| (fold(a, CaseMode::Insensitive).into_boxed_str(), i as u32))
                .collect(),
        );
        let mut out = Vec::new();
        unspaced.find(text, |start, end, pattern| {
            out.push((text[start..end].to_string(), pattern))
        });
        out
    }

    #[test]
    fn names_are_found_inside_runs_with_their_original_spans() {
        /// Aliases, a text, and the `(surface, pattern)` matches expected.
        type Case = (
            &'static [&'static str],
            &'static str,
            &'static [(&'static str, u32)],
        );
        let cases: &[Case] = &[
            (
                &["普京", "土耳其"],
                "普京总统访问土耳其。",
                &[("普京", 0), ("土耳其", 1)],
            ),
            // Leftmost-longest: 俄罗斯联邦 over 俄罗斯.
            (
                &["俄罗斯", "俄罗斯联邦"],
                "俄罗斯联邦外交部",
                &[("俄罗斯联邦", 1)],
            ),
            (
                &["唐纳德·特朗普"],
                "美国总统唐纳德·特朗普表示",
                &[("唐纳德·特朗普", 0)],
            ),
            // Half-width katakana in the text, full-width in the dictionary.
            (&["プーチン"], "ﾌﾟｰﾁﾝ大統領", &[("ﾌﾟｰﾁﾝ", 0)]),
            (
                &["プーチン"],
                "プーチン大統領とエルドアン大統領",
                &[("プーチン", 0)],
            ),
            // A voicing mark is part of the letter: ブーチン is not プーチン.
            (&["プーチン"], "ブーチン", &[]),
            (&["ปูติน"], "ประธานาธิบดีปูตินเดินทางถึงตุรกี", &[("ปูติน", 0)]),
            // Katakana glued to more katakana is a longer word: ネクタイ is no タイ (Thailand).
            (&["タイ"], "ネクタイを締めたタイ首相", &[("タイ", 0)]),
            (
                &["トランプ"],
                "トランプカードとトランプ氏",
                &[("トランプ", 0)],
            ),
            // Runs end at other scripts, spaces and punctuation.
            (&["北约"], "NATO（北约）峰会", &[("北约", 0)]),
            (&["普京"], "Putin and Erdogan", &[]),
            (&["普京"], "", &[]),
        ];
        for (aliases, text, expected) in cases {
            let expected: Vec<(String, u32)> =
                expected.iter().map(|(s, p)| (s.to_string(), *p)).collect();
            assert_eq!(found(aliases, text), expected, "{text}");
        }
    }

    #[test]
    fn only_aliases_made_of_such_letters_go_to_the_automaton() {
        for (alias, expected) in [
            ("普京", true),
            ("唐纳德·特朗普", true),
            ("プーチン", true),
            ("ปูติน", true),
            ("Putin", false),
            ("G20峰会", false),
            ("Путин", false),
            ("بوتين", false),
        ] {
            assert_eq!(
                is_unspaced_alias(&fold(alias, CaseMode::Insensitive)),
                expected,
                "{alias}"
            );
        }
    }
}
