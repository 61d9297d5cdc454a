//! `kgx dict check`: finds what makes a dictionary match badly, before it is used.
//!
//! Errors are the lines the parser rejects (see [`super::parse`]). Warnings are legal entries
//! that are likely to produce false or ambiguous matches:
//!
//! - an alias that repeats another of the same entity once folded ("Erdogan" beside "Erdoğan"),
//!   in the same language (НАТО in Russian and in Ukrainian is right twice);
//! - an alias claimed by several entities (it resolves only from document context);
//! - an alias shorter than three characters, without digits, that matches in any case;
//! - an alias of one character of a script written without spaces (`中`), found inside every
//!   word that holds it;
//! - an alias with no letters;
//! - a one-word alias that is a common English word ("may", "rice", "turkey") and is neither
//!   case-sensitive (`=`) nor anchored (`^`);
//! - a blocking phrase (`!New Mexico`) that contains none of the entity's aliases;
//! - a case policy that looks wrong: an alias with lowercase letters and no capital letter (only
//!   in scripts whose press capitalizes names: Latin, Greek, Cyrillic, Armenian, and not in an
//!   alias line, whose language has its own rules), or a short all-caps
//!   acronym that is also an English word (`WHO`), which headlines in capitals will match.
//!
//! With a corpus, [`crate::matcher::alias_hits`] counts how often each alias is the match chosen
//! in real text, which shows aliases that never match (dead weight or a typo) and those that
//! match far more than expected.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use foldhash::fast::FixedState;

use super::{Alias, Dictionary, EntityIndex};
use crate::error::{location, Diagnostic};
use crate::text::fold::is_unspaced;
use crate::text::{fold, CaseMode};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The line is rejected; the dictionary cannot be used.
    Error,
    /// The entry is legal but likely to match badly.
    Warning,
}

/// One problem at one dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// The dictionary file.
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}: {severity}: {}",
            location(&self.path, self.line),
            self.message
        )
    }
}

impl From<Diagnostic> for Finding {
    fn from(d: Diagnostic) -> Finding {
        Finding {
            severity: Severity::Error,
            path: d.path,
            line: d.line,
            message: d.message,
        }
    }
}

/// Common English words (lowercase), from `dictionaries/english-words.txt`.
#[derive(Debug, Clone)]
pub struct EnglishWords(HashSet<&'static str, FixedState>);

impl EnglishWords {
    /// The list compiled into kgx (SCOWL's common words; see the file's header).
    pub fn builtin() -> EnglishWords {
        EnglishWords(
            include_str!("../../dictionaries/english-words.txt")
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .collect(),
        )
    }

    /// Whether `word` (lowercase) is a common English word.
    pub fn contains(&self, word: &str) -> bool {
        self.0.contains(word)
    }
}

/// Shortest alias, in characters, that may match in any letter case.
const MIN_CASE_INSENSITIVE_LENGTH: usize = 3;

/// The warnings for a valid dictionary, in entity order.
pub fn warnings(dictionary: &Dictionary, english: &EnglishWords) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut claims: HashMap<String, Vec<EntityIndex>> = HashMap::new();
    for (index, entity) in dictionary.iter() {
        let mut warn = |message: String| {
            findings.push(Finding {
                severity: Severity::Warning,
                path: entity.origin.path.to_path_buf(),
                line: entity.origin.line,
                message,
            })
        };
        let mut seen: HashMap<String, &Alias> = HashMap::new();
        for alias in &entity.aliases {
            let folded = fold(&alias.text, CaseMode::Insensitive);
            if alias.blocks {
                let blocks_something = entity.aliases.iter().any(|other| {
                    !other.blocks
                        && contains_words(&folded, &fold(&other.text, CaseMode::Insensitive))
                });
                if !blocks_something {
                    warn(format!(
                        "blocking phrase `{}` contains no alias of `{}`, so it blocks nothing",
                        alias.text, entity.id
                    ));
                }
                continue;
            }
            if let Some(first) = seen.get(&folded) {
                if first.language != alias.language {
                    // One spelling in two languages (НАТО in Russian and Ukrainian) is right in both.
                } else if first.text == alias.text {
                    warn(format!("alias `{}` is listed twice", alias.text));
                } else if !first.case_sensitive && !alias.case_sensitive {
                    warn(format!(
                        "alias `{}` is the same as `{}` once case and accents are folded; one is enough",
                        alias.text, first.text
                    ));
                }
                // Case-sensitive spellings of one folded form ("PBOC", "PBoC"), or one beside a
                // case-insensitive form ("NATO", "Nato"), are deliberate.
                continue;
            }
            seen.insert(folded.clone(), alias);
            let claimants = claims.entry(folded.clone()).or_default();
            if let Some(&other) = claimants.first() {
                let other = dictionary.entity(other);
                warn(format!(
                    "alias `{}` is also claimed by `{}` ({}); a shared alias resolves only from document context",
                    alias.text,
                    other.id,
                    location(&other.origin.path, other.origin.line)
                ));
            }
            claimants.push(index);

            if !alias.text.chars().any(char::is_alphabetic) {
                warn(format!("alias `{}` has no letters", alias.text));
                continue;
            }
            let short = folded.chars().count() < MIN_CASE_INSENSITIVE_LENGTH;
            // "G7" in any case is still G7; "Xi" in any case is also "xi".
            if !alias.case_sensitive
                && short
                && !folded.chars().any(|c| c.is_ascii_digit())
                && folded.chars().any(char::is_lowercase)
            {
                warn(format!(
                    "alias `{}` is shorter than {MIN_CASE_INSENSITIVE_LENGTH} characters and matches in any case; write it in capitals or flag it `=`",
                    alias.text
                ));
            }
            if folded.chars().count() < 2 && folded.chars().all(is_unspaced) {
                warn(format!(
                    "alias `{}` is one character of a script written without spaces; it is found inside every word that holds it",
                    alias.text
                ));
            }
            // In a language of its own, an alias follows that language's rules: Russian
            // adjectives ("российский") are written in lowercase.
            if alias.language.is_none()
                && alias.text.chars().any(is_cased_by_the_press)
                && !alias.text.chars().any(char::is_uppercase)
            {
                warn(format!(
                    "alias `{}` has no capital letter; write it as the press does",
                    alias.text
                ));
            }
            let one_word = !folded.contains([' ', '-', '.', '\'']);
            if one_word && english.contains(&folded) {
                if !alias.case_sensitive && !alias.needs_anchor {
                    let fix = if alias.text == entity.name {
                        "flag the name `=` (same case only)"
                    } else {
                        "flag it `=` (same case only) or `^` (needs another name of the entity in the document)"
                    };
                    warn(format!(
                        "alias `{}` is the common English word `{folded}`; {fix}",
                        alias.text
                    ));
                } else if alias.case_sensitive
                    && folded.chars().count() <= 3
                    && alias.text.chars().all(|c| !c.is_lowercase())
                {
                    warn(format!(
                        "acronym `{}` is also the word `{folded}`; text in capitals (headlines) will match it",
                        alias.text
                    ));
                }
            }
        }
    }
    findings
}

/// Whether `needle` occurs in `haystack` as whole words (both folded); in a script written
/// without spaces, anywhere ("土耳其" in "土耳其溪").
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.chars().any(is_unspaced) {
        return haystack.contains(needle);
    }
    haystack.match_indices(needle).any(|(i, m)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A lowercase letter of a script whose press capitalizes names (Latin, Greek, Cyrillic,
/// Armenian). Scripts without case (Han, Arabic, Devanagari …) have no capitals to write, and
/// Georgian, which has capitals in Unicode, does not use them for names.
fn is_cased_by_the_press(c: char) -> bool {
    c.is_lowercase()
        && matches!(c, 'a'..='z' | '\u{00DF}'..='\u{024F}' | '\u{0370}'..='\u{058F}' | '\u{1E00}'..='\u{1FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    fn warnings_for(text: &str) -> Vec<String> {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("d.tsv", text);
        let dictionary = builder.build().unwrap();
        warnings(&dictionary, &EnglishWords::builtin())
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn each_kind_of_warning() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("a\tperson\tRecep Erdoğan\tErdoğan|Erdogan", &["d.tsv:1: warning: alias `Erdogan` is the same as `Erdoğan` once case and accents are folded; one is enough"]),
            ("a\tperson\tZork Quux\tQuux|Quux", &["d.tsv:1: warning: alias `Quux` is listed twice"]),
            ("a\tperson\tGeorge Bush\tBush\nb\tperson\tGeorge W. Bush\tBush", &[
                "d.tsv:1: warning: alias `Bush` is the common English word `bush`; flag it `=` (same case only) or `^` (needs another name of the entity in the document)",
                "d.tsv:2: warning: alias `Bush` is also claimed by `a` (d.tsv:1); a shared alias resolves only from document context",
                "d.tsv:2: warning: alias `Bush` is the common English word `bush`; flag it `=` (same case only) or `^` (needs another name of the entity in the document)",
            ]),
            ("a\tperson\tXi Jinping\tXi", &["d.tsv:1: warning: alias `Xi` is shorter than 3 characters and matches in any case; write it in capitals or flag it `=`"]),
            ("a\torganization\tG7\t1999", &["d.tsv:1: warning: alias `1999` has no letters"]),
            ("a\torganization\tNorth Atlantic Treaty Organization\tnato", &["d.tsv:1: warning: alias `nato` has no capital letter; write it as the press does"]),
            ("a\tperson\tXi Jinping\t习近平|شي جين بينغ|ჰელმუტ კოლი", &[]),
            ("a\tcountry\tTurkey", &["d.tsv:1: warning: alias `Turkey` is the common English word `turkey`; flag the name `=` (same case only)"]),
            ("a\torganization\tWorld Health Organization\tWHO", &["d.tsv:1: warning: acronym `WHO` is also the word `who`; text in capitals (headlines) will match it"]),
            ("a\tperson\tTheresa May\t^=May", &[]),
            ("a\tcountry\tMexico\t!New Mexico|!Mexicano", &["d.tsv:1: warning: blocking phrase `Mexicano` contains no alias of `a`, so it blocks nothing"]),
            ("a\tcountry\t=Turkey\tTürkiye|Turkish", &[]),
            ("a\tperson\tVladimir Putin\tPutin", &[]),
            ("a\tcountry\tRussia\nb\tcountry\tPeople's Republic of China\na\t+ru\tНАТО|российский\na\t+uk\tНАТО\nb\t+zh\t中国|中", &[
                "d.tsv:2: warning: alias `中` is one character of a script written without spaces; it is found inside every word that holds it",
            ]),
        ];
        for (text, expected) in cases {
            assert_eq!(warnings_for(text), *expected, "{text:?}");
        }
    }

    #[test]
    fn english_word_list_is_loaded() {
        let words = EnglishWords::builtin();
        assert!(words.contains("may") && words.contains("turkey"));
        assert!(!words.contains("putin") && !words.contains("#"));
    }
}
