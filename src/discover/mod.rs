//! Discovery: people and organizations that no dictionary knows, found from cues in the text.
//!
//! No dictionary is complete, and news is full of people who are not famous. With `kgx extract
//! --discover`, kgx also reports **provisional** entities: names found from cues, never from a
//! dictionary. They are kept apart from dictionary entities everywhere: their ids start with
//! `provisional:` (which no dictionary id can: see [`crate::document::provisional`]), they carry the attribute
//! `provisional=true` in every export, and a name that overlaps a dictionary match, or that a
//! dictionary lists, is never discovered: a dictionary entity never loses a mention to one.
//!
//! # Cues
//!
//! The cues are data, in a file users can edit (`dictionaries/discover/cues.tsv`, built in;
//! `--cues FILE` replaces it; format in [`cues`]): regular expressions with a `name` group,
//! for example
//!
//! - a title or a role before a name: "Ms Jane Doe", "chief executive Bob Diamond", "Labour MP
//!   Bob Marshall";
//! - speech after or before it: "Jensen Huang said", "says Jensen Huang";
//! - a known given name (dictionaries/discover/given-names.txt: US Census first names and the
//!   given names of the people in kgx's dictionaries) and a surname: "Jensen Huang";
//! - an organization's head word or legal form: "Nvidia Corp", "Gazprom Neft Holdings Ltd",
//!   "Bank of Georgia", "Scottish Football Association".
//!
//! # Checks
//!
//! A cue proposes a name; it is taken only if
//!
//! - it overlaps no dictionary match (resolved or ambiguous), and no dictionary alias is
//!   spelled like it (the dictionary knows the name and had its reasons not to match it);
//! - it is not glued to more capitalised words: "Sony Ericsson Mobile" is not a person called
//!   Ericsson Mobile, and in "Ask Jeeves Inc" the whole name is the organization (a title or a
//!   role right before a person's name is fine: "Labour MP Bob Marshall");
//! - no word is a function word, a day or a month ("The", "Monday", "May"), and a person's
//!   name has two to four words, none in capitals, not ending in a word that makes a place or
//!   a company ("Downing Street", "Lehman Brothers");
//! - a given name that is also a common English word ("Mark", "Will", "Grant") proves little
//!   on its own: with only that evidence ([`cues::Evidence::Weak`]) the name is not taken at
//!   the start of a sentence ("Will Labour win") or when its surname is a common word too
//!   ("Young Boys").
//!
//! # Within a document, and across documents
//!
//! Once a person is found by their full name, their surname alone names them in the same
//! document ("Jensen Huang … Mr Huang said … Huang's company"), when it is written with a
//! capital, is not glued to other capitalised words and does not open a sentence as a common
//! word; a surname that two people found in the document share goes to the one named last
//! before it. Across documents, provisional entities are merged by their name folded as kgx
//! folds aliases (case, accents, spacing): see [`crate::document::provisional`].

pub mod cues;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use regex::Captures;

use crate::dictionary::check::EnglishWords;
use crate::dictionary::EntityKind;
use crate::error::{Error, Result};
use crate::matcher::Matcher;
use crate::text::neighbours::{word_after, word_before};
use crate::text::{fold, CaseMode, Segments};

use cues::{Cue, Evidence};

/// The given names compiled into kgx (see the file's header for its sources).
const GIVEN_NAMES: &str = include_str!("../../dictionaries/discover/given-names.txt");

/// Words that are never part of a name: function words, days and months ("The Bank", "On
/// Monday", "May Day").
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "april", "are", "as", "at",
    "august", "be", "because", "before", "but", "by", "december", "did", "do", "during", "each",
    "every", "february", "for", "friday", "from", "had", "has", "have", "he", "her", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "january", "july", "june", "march", "may",
    "monday", "more", "most", "my", "new", "no", "not", "november", "now", "october", "of", "on",
    "or", "our", "over", "saturday", "september", "she", "since", "so", "some", "sunday", "than",
    "that", "the", "their", "then", "there", "these", "they", "this", "those", "thursday", "to",
    "today", "tuesday", "under", "until", "up", "was", "we", "wednesday", "were", "what", "when",
    "where", "which", "while", "who", "why", "will", "with", "would", "yesterday", "you", "your",
    // Articles of other languages, which open titles ("Un Long Dimanche de Fiançailles").
    "das", "die", "les", "un", "une",
];

/// Words inside an organization's name that are not names themselves ("Bank of England",
/// "Marks & Spencer Group").
const CONNECTORS: &[&str] = &["of", "the", "and", "&", "for"];

/// Last words that make a person-like pair of words a place or a business: "Downing Street",
/// "Lehman Brothers", "Jackson Hole".
#[rustfmt::skip]
const NOT_PERSON_ENDINGS: &[&str] = &[
    "Airport", "Avenue", "Bay", "Beach", "Bridge", "Brothers", "Centre", "Center", "Church",
    "City", "Coast", "County", "Court", "Cup", "Festival", "Hall", "Hole", "House", "Island",
    "Islands", "Lake", "Lane", "League", "Mountain", "Museum", "Palace", "Park", "Prize", "River",
    "Road", "Square", "Stadium", "Station", "Street", "Theatre", "Tower", "Trophy", "Valley",
    "Way",
    // Events: "Winter Olympics", "Australian Open".
    "Awards", "Championship", "Championships", "Games", "Grand", "Marathon", "Olympics", "Open",
    "Olympic", "Series", "Show", "Tour",
    // Organizations' head words and legal forms ("said Deutsche Bank").
    "Agency", "Airlines", "Arena", "Associates", "Association", "Bank", "Books", "Capital", "Co",
    "College", "Communications", "Corp", "Corporation", "Council", "Daily", "Electronics",
    "Energy", "Entertainment", "FC", "Films", "Foundation", "Gardens", "Gazette", "Group",
    "Herald", "Holdings", "Hotel", "Inc", "Incorporated", "Industries", "Institute", "Insurance",
    "Investments", "Journal", "Limited", "Ltd", "Magazine", "Media", "Motors", "Networks", "News",
    "Partners", "Party", "Pavilion", "Plc", "Post", "Productions", "Publishing", "Radio",
    "Records", "Review", "Securities", "Software", "Solicitors", "Studios", "Systems",
    "Technologies", "Television", "Times", "Trust", "Union", "University",
];

/// Words that may stand right before a person's name although capitalised: titles and roles
/// ("Mr Huang", "Labour MP Bob Marshall", "President Jane Doe").
#[rustfmt::skip]
const TITLES_BEFORE: &[&str] = &[
    "AM", "Archbishop", "Bishop", "Captain", "Chancellor", "Chief", "Coach", "Dame", "Dr",
    "Executive", "Father", "General", "Governor", "Judge", "Lady", "Lord", "MEP", "MP", "MSP",
    "Manager", "Minister", "Miss", "Mr", "Mrs", "Ms", "President", "Prof", "Professor", "Rev",
    "Secretary", "Senator", "Sir", "Sister",
];

/// Particles of surnames: a name cannot end with one ("Nick Van" is the start of Nick Van den
/// Brul, whose "den" the cues do not take).
const PARTICLES: &[&str] = &[
    "Al", "Bin", "Da", "De", "Del", "Della", "Di", "Du", "El", "La", "Le", "Van", "Von",
];

/// Titles that, with a surname alone, are how a person is named: "Lord Scarman".
const PEERS: [&str; 3] = ["Lord ", "Lady ", "Baroness "];

/// A name found in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveredName {
    /// Person or organization.
    pub kind: EntityKind,
    /// The name as first written in the document ("Jensen Huang").
    pub name: String,
    /// The name folded as aliases are ("jensen huang"): what merges it across documents.
    pub key: String,
}

/// A mention of a [`DiscoveredName`] in the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DiscoveredMention {
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`Discovery::names`].
    pub name: usize,
}

/// What discovery found in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// The names, in order of first mention.
    pub names: Vec<DiscoveredName>,
    /// Their mentions, in text order, never overlapping each other or a dictionary match.
    pub mentions: Vec<DiscoveredMention>,
}

/// Cues and name lists, compiled: finds provisional names in any number of documents, from any
/// number of threads.
#[derive(Debug, Clone)]
pub struct Discoverer {
    cues: Vec<Cue>,
    given_names: HashSet<Box<str>>,
    english: EnglishWords,
    word: regex::Regex,
}

/// A name a cue proposed and the checks accepted.
#[derive(Debug, Clone, Copy)]
struct Proposal {
    start: usize,
    end: usize,
    kind: EntityKind,
    evidence: Evidence,
}

impl Discoverer {
    /// The built-in cues and given names.
    ///
    /// # Errors
    /// None in practice: the test suite compiles the built-in cues.
    pub fn builtin() -> Result<Discoverer> {
        Discoverer::with_cues(cues::parse(cues::BUILTIN_NAME, cues::BUILTIN)?)
    }

    /// The cues of the file at `path`, with the built-in given names.
    ///
    /// # Errors
    /// When the file cannot be read or a line is malformed (`path:line: what is wrong`).
    pub fn from_cue_file(path: &Path) -> Result<Discoverer> {
        Discoverer::with_cues(cues::read(path)?)
    }

    /// `cues`, with the built-in given names.
    ///
    /// # Errors
    /// None in practice: the one fixed pattern of its own is tested.
    pub fn with_cues(cues: Vec<Cue>) -> Result<Discoverer> {
        let given_names = GIVEN_NAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(Box::from)
            .collect();
        // Words for the surname scan: a capitalised word, as in the cues.
        let word = regex::Regex::new(&format!(r"\b{}", cues::WORD)).map_err(|source| {
            Error::BuiltinPattern {
                name: "discovery word",
                source,
            }
        })?;
        Ok(Discoverer {
            cues,
            given_names,
            english: EnglishWords::builtin(),
            word,
        })
    }

    /// Finds the provisional names of `text`, whose dictionary matches are `known` (byte
    /// spans, sorted by start) and whose sentences are `segments`. `matcher` tells which names
    /// a dictionary lists.
    pub fn discover(
        &self,
        text: &str,
        segments: &Segments,
        known: &[(usize, usize)],
        matcher: &Matcher,
    ) -> Discovery {
        let context = Context {
            text,
            segments,
            known,
            matcher,
        };
        let mut proposals = Vec::new();
        for cue in &self.cues {
            let mut at = 0;
            while at < text.len() {
                let Some(captures) = cue.regex.captures_at(text, at) else {
                    break;
                };
                let whole = captures.get(0).map_or(at..at, |m| m.range());
                match self.check(&context, cue, &captures) {
                    Some(proposal) => {
                        proposals.push(proposal);
                        at = whole.end.max(whole.start + 1);
                    }
                    // The next word may start a name: "Chief Executive Bob Diamond".
                    None => at = next_word(text, whole.start),
                }
                while !text.is_char_boundary(at) {
                    at += 1;
                }
            }
        }
        // Leftmost-longest, and strong evidence first at equal spans.
        // An organization's cue wins a tie: "Illuminations Television Limited" after a role
        // word is a company.
        let rank = |kind: EntityKind| u8::from(kind == EntityKind::Person);
        proposals.sort_by(|a, b| {
            (a.start, b.end, b.evidence, rank(a.kind)).cmp(&(
                b.start,
                a.end,
                a.evidence,
                rank(b.kind),
            ))
        });
        let mut discovery = Discovery::default();
        let mut index: HashMap<(EntityKind, String), usize> = HashMap::new();
        let mut covered_until = 0;
        for proposal in proposals {
            if proposal.start < covered_until {
                continue;
            }
            covered_until = proposal.end;
            let surface = &text[proposal.start..proposal.end];
            let key = fold(surface, CaseMode::Insensitive);
            let name = *index
                .entry((proposal.kind, key.clone()))
                .or_insert_with(|| {
                    discovery.names.push(DiscoveredName {
                        kind: proposal.kind,
                        name: surface.split_whitespace().collect::<Vec<_>>().join(" "),
                        key,
                    });
                    discovery.names.len() - 1
                });
            discovery.mentions.push(DiscoveredMention {
                start: proposal.start,
                end: proposal.end,
                name,
            });
        }
        self.add_surnames(&context, &mut discovery);
        discovery
    }

    /// Checks the name a cue matched; the accepted name's span and kind.
    fn check(&self, context: &Context<'_>, cue: &Cue, captures: &Captures<'_>) -> Option<Proposal> {
        let text = context.text;
        let whole = captures.get(0)?;
        let group = captures.name("name")?;
        let (mut start, mut end) = (group.start(), group.end());
        // The second half of a hyphenated or apostrophised word is not a word of its own:
        // "Jan-Michael Gambill" holds no "Michael Gambill".
        let mut before = text[..whole.start()].chars().rev();
        if matches!(before.next(), Some('-' | '\'' | '’'))
            && before.next().is_some_and(char::is_alphanumeric)
        {
            return None;
        }
        // A possessive ends a person's name ("David Mitchell's Booker-shortlisted novel"); inside
        // an organization's, it says the name was cut ("Transport & General Worker's Union").
        if let Some(cut) = text[start..end].find(['\'', '’']).map(|i| start + i) {
            if text[cut..end].chars().nth(1) == Some('s')
                && !text[cut..end]
                    .chars()
                    .nth(2)
                    .is_some_and(char::is_alphanumeric)
            {
                if cue.kind == EntityKind::Organization {
                    return None;
                }
                end = cut;
            }
        }
        if cue.kind == EntityKind::Organization {
            // A full stop after a legal form ends the sentence as often as it abbreviates.
            end = start + text[start..end].trim_end_matches('.').len();
            // "The Royal Bank …": the article is not part of the name.
            while let Some(rest) = strip_first_word_if(&text[start..end], |w| {
                STOP_WORDS.contains(&w.to_lowercase().as_str())
            }) {
                start = end - rest.len();
            }
        } else if let Some(rest) = strip_first_word_if(&text[start..end], |w| {
            TITLES_BEFORE.contains(&w.trim_end_matches('.'))
        }) {
            // "Sir Richard Eyre" is Richard Eyre. "Lord Scarman" is how a peer is named, but
            // "Mr Manuel" is only half a name: which Manuel, no other document can tell.
            if rest.contains(' ') {
                start = end - rest.len();
            } else if !PEERS.iter().any(|peer| text[start..end].starts_with(peer)) {
                return None;
            }
        }
        let name = &text[start..end];
        let words: Vec<&str> = name.split_whitespace().collect();
        if words.is_empty() || name.contains(['\n', '\r']) {
            return None;
        }
        let is_stop = |w: &str| STOP_WORDS.contains(&w.to_lowercase().as_str());
        let is_connector = |w: &str| CONNECTORS.contains(&w.to_lowercase().as_str());
        match cue.kind {
            EntityKind::Person => {
                let name_words = words.iter().filter(|w| !is_initial(w)).count();
                let in_capitals =
                    |w: &&str| w.chars().count() > 1 && !w.chars().any(char::is_lowercase);
                if !(2..=4).contains(&name_words)
                    || words.iter().any(|w| is_stop(w))
                    || words.iter().any(in_capitals)
                    || words
                        .last()
                        .is_some_and(|w| NOT_PERSON_ENDINGS.contains(w) || PARTICLES.contains(w))
                {
                    return None;
                }
            }
            _ => {
                let names = words.iter().filter(|w| !is_connector(w)).count();
                if names < 2
                    || words.len() > 7
                    || words.iter().any(|w| is_stop(w) && !is_connector(w))
                    || words.first().is_some_and(|w| is_connector(w))
                {
                    return None;
                }
            }
        }
        if cue.has_given {
            let given = captures.name("given")?.as_str();
            let folded = fold(given, CaseMode::Insensitive);
            if !self.given_names.contains(folded.as_str()) {
                return None;
            }
            let common = |word: &str| self.english.contains(&fold(word, CaseMode::Insensitive));
            if cue.evidence == Evidence::Weak
                && common(given)
                && (context.opens_sentence(start) || words.last().is_some_and(|w| common(w)))
            {
                return None;
            }
        }
        // Glued to more capitalised words: part of a longer name (checked only where the name
        // is the edge of what the cue matched; a cue's own words before it are its context).
        if group.start() == whole.start()
            && start == group.start()
            && word_before(text, start).is_some_and(|(_, word)| self.glues(word, cue.kind))
        {
            return None;
        }
        if group.end() == whole.end() && word_after(text, end).is_some_and(starts_upper) {
            return None;
        }
        if context.overlaps_known(start, end) || context.matcher.pattern_of(name).is_some() {
            return None;
        }
        Some(Proposal {
            start,
            end,
            kind: cue.kind,
            evidence: cue.evidence,
        })
    }

    /// Whether `word`, right before a name of `kind`, makes it part of a longer name: a
    /// capitalised word that is not a common word opening the sentence ("Then", "Shares"), nor
    /// a title or role before a person ("Mr", "MP").
    fn glues(&self, word: &str, kind: EntityKind) -> bool {
        starts_upper(word)
            && !(kind == EntityKind::Person && TITLES_BEFORE.contains(&word))
            && !self.english.contains(&word.to_lowercase())
    }

    /// Adds the mentions of found people by their surname alone ("Huang said").
    fn add_surnames(&self, context: &Context<'_>, discovery: &mut Discovery) {
        let text = context.text;
        let mut people_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, name) in discovery.names.iter().enumerate() {
            if name.kind != EntityKind::Person {
                continue;
            }
            if let Some(surname) = name.name.split(' ').next_back() {
                let usable = surname.chars().count() > 2
                    && !STOP_WORDS.contains(&surname.to_lowercase().as_str());
                if usable {
                    people_by_surname.entry(surname).or_default().push(i);
                }
            }
        }
        if people_by_surname.is_empty() {
            return;
        }
        let full: Vec<DiscoveredMention> = discovery.mentions.clone();
        let taken = |start: usize, end: usize| {
            context.overlaps_known(start, end)
                || full.iter().any(|m| m.start < end && start < m.end)
        };
        let mut added = Vec::new();
        for found in self.word.find_iter(text) {
            let (start, end) = (
                found.start(),
                trim_possessive(text, found.start(), found.end()),
            );
            let word = &text[start..end];
            let Some(people) = people_by_surname.get(word) else {
                continue;
            };
            let common = self.english.contains(&fold(word, CaseMode::Insensitive));
            let glued_before =
                word_before(text, start).is_some_and(|(_, w)| self.glues(w, EntityKind::Person));
            let glued_after = word_after(text, end).is_some_and(starts_upper);
            if taken(start, end)
                || glued_before
                || glued_after
                || (common && context.opens_sentence(start))
            {
                continue;
            }
            // The person of that surname named last before it, else the first named after.
            let nearest = full
                .iter()
                .filter(|m| people.contains(&m.name) && m.start < start)
                .map(|m| m.name)
                .next_back()
                .or_else(|| {
                    full.iter()
                        .find(|m| people.contains(&m.name))
                        .map(|m| m.name)
                });
            if let Some(name) = nearest {
                added.push(DiscoveredMention { start, end, name });
            }
        }
        discovery.mentions.extend(added);
        discovery.mentions.sort_by_key(|m| m.start);
    }
}

/// The document a discovery runs on.
struct Context<'a> {
    text: &'a str,
    segments: &'a Segments,
    known: &'a [(usize, usize)],
    matcher: &'a Matcher,
}

impl Context<'_> {
    /// Whether `start..end` overlaps a dictionary match.
    fn overlaps_known(&self, start: usize, end: usize) -> bool {
        let first_ending_after = self.known.partition_point(|&(_, e)| e <= start);
        // Known spans do not overlap each other, so ends ascend with starts.
        self.known
            .get(first_ending_after)
            .is_some_and(|&(s, _)| s < end)
    }

    /// Whether only quotes, brackets or dashes stand between the start of its sentence and
    /// `offset`.
    fn opens_sentence(&self, offset: usize) -> bool {
        let Some(sentence) = self.segments.sentence_at(offset) else {
            return true;
        };
        let before = &self.text[self.segments.sentences[sentence].span.start..offset];
        before.chars().all(|c| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '“' | '‘' | '(' | '[' | '-' | '–' | '—')
        })
    }
}

/// Whether `word` is an initial ("W", "W.").
fn is_initial(word: &str) -> bool {
    let letters = word.trim_end_matches('.');
    letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// `end`, moved before a possessive "'s" or "’s" that ends `text[start..end]`.
fn trim_possessive(text: &str, start: usize, end: usize) -> usize {
    let name = &text[start..end];
    name.strip_suffix("'s")
        .or_else(|| name.strip_suffix("’s"))
        .map_or(end, |rest| start + rest.len())
}

/// What is left of `name` after its first word, if `drop` says that word goes.
fn strip_first_word_if(name: &str, drop: impl Fn(&str) -> bool) -> Option<&str> {
    let (first, rest) = name.split_once(' ')?;
    drop(first).then_some(rest)
}

/// The start of the word after the one at `at` (or the end of the text).
fn next_word(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let word_end = rest
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| i);
    let next = rest[word_end..]
        .char_indices()
        .find(|&(_, c)| c.is_alphanumeric())
        .map_or(rest.len(), |(i, _)| word_end + i);
    at + next.max(1)
}

#[cfg(test)]
mod tests;
