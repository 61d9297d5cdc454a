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
//! A person's name of several words is also not matched where a capitalized word is glued to it
//! with a hyphen: "Mark Lewis-Francis" is a longer name, not Mark Lewis. (Single words still
//! match there: "the Blair-Brown feud", "Russia-Ukraine".)
//!
//! A **month used as a date** names nobody: "in May", "since June", "5 May", "May 2005" are not
//! Theresa May or anyone called June. Nor does a **score**: in "beat France 24-18" the name of
//! several words that ends in a number (France 24) gives way to the shorter one (France). And a
//! name of several **common words written all in lowercase** ("the foundations of law and
//! justice") is those words, not the name (Law and Justice).
//!
//! A **middle initial or middle name** between the first and the last word of a person's name
//! is skipped: "Jerome H. Powell", "Lindsey O. Graham" and "Elizabeth Ann Warren" are Jerome
//! Powell, Lindsey Graham and Elizabeth Warren. One initial (a capital letter, a dot after it
//! or not) or one middle name, right after the first name; a middle name is a capitalized word
//! that is someone's given name in the dictionaries ("Ann", not "Rodham"), and only between the
//! two words of a two-word name ("John Paul Jones" stays who he is). A bulk entry's namesakes
//! are too often someone else ("David O Russell" is no legislator David Russell), so for a bulk
//! person such a match needs an anchor, like a `^` alias: the name written without the middle
//! part elsewhere in the document. Not for a name that must be written as it is (`=`).
//!
//! A **parenthesised acronym** inside a name is skipped: "the United Nations (UN) General
//! Assembly" is the General Assembly, one mention from "United" to "Assembly". The acronym is
//! two to six capitals glued to its parentheses and begins with the name's first letter; not
//! inside a person's name. (It is not also reported as a mention of its own: mentions do not
//! overlap.)
//!
//! A **word written in capitals** (two letters or more) is no person's name written in mixed
//! case: "CITU" (an Indian trade union) is not Florin Cîțu. An alias in capitals (`ABBA`) still
//! matches as written, and countries and organizations match in any case as before.
//!
//! A **one-word name inside a longer proper name** is not matched: followed by a capitalized
//! head word ("US Airways", "Scottish Cup", "Irish Times", "Heineken Cup", "Khomeini
//! International Airport"), the name is part of another one. A legal suffix or a firm's word
//! ("India Ltd", "Eaton Vance Management", "Lehman Brothers") does the same for a country or a
//! person, while an organization keeps its own ("Altria Group", "Disney Corporation").
//!
//! A person's **surname alone** ("Blair") is not that person right after a different
//! capitalized given name: "Cherie Blair", "Sir Ian Blair" and "Mark Blair" are not Tony Blair.
//! Given names are the first words of the people's full names in the dictionary, titles left
//! out ("President Blair", "Gen Musharraf", "The Bush administration" keep their surname), and
//! any capitalized word that no alias holds and no list of common English words has ("Dhiru
//! Bhai Ambani" is not Mukesh Ambani); a common word describes or opens a sentence ("Dogged
//! Federer", "But Wenger") and keeps the surname. The
//! person's own given or middle names, and names spelled alike (one or two letters apart: "Yassir
//! Arafat", "Binyamin Netanyahu"), keep it too, and the mention **takes that name in**: "Yassir
//! Arafat", "Asif Zardari". Among namesakes who share the surname, a capitalized word spelled
//! like one's given name picks that one: "Azerbaijani President Ilkham Aliyev" is Ilham Aliyev,
//! not his father Heydar. Spelled alike (`spelled_alike`) means the same first letter and, for
//! names of five letters one letter apart, of six or more two; shorter names must be the same
//! or a prefix of four letters or more ("Steve", "Steven"). Titles are no given names.
//!
//! A shared name right after its **home country** ("Kyrgyz President Akayev", "Kenyan opposition
//! leader Odinga": a country's name or demonym, then up to three role words) marks the
//! candidates of that country ([`CandidateTarget::home_named_before`]), for
//! [`crate::resolve`] to break a tie with.
//!
//! **Overlaps** are settled leftmost-longest *among the matches that pass both checks*: the
//! earliest start wins, and at the same start the longest match. "Russian Defense Ministry" is
//! the ministry, not the country. This is not the same as a plain leftmost-longest scan whose
//! results are filtered afterwards: such a scan can pick a candidate that then fails its check
//! and hides a valid match starting inside it. With the aliases `The Sun` and `Sunday Times`,
//! the text "The Sunday Times" contains the candidate "The Sun" (which fails: "Sun" is followed
//! by "day"); kgx drops it *before* choosing, and finds "Sunday Times". So the scan reports
//! every overlapping match, the checks run on each, and only then are overlaps settled.
//!
//! **Other languages.** An alias given on an alias line in a language with inflection rules
//! ([`crate::dictionary::inflection`]) also matches its forms, as exact words: `Путин` (`+ru`)
//! matches "Путина" and "Путину", `بوتين` (`+ar`) matches "وبوتين", never "Путиловский". An
//! alias given in a language written in Latin script (`+es`, `+tr`) counts only in a document
//! written in that language ([`crate::text::language`]): Spanish "Granada" (Grenada) is not
//! found in English news. An alias made only of letters of a script written without spaces
//! (Chinese, Japanese, Thai …) is found inside runs of such letters, not as a whole word: 普京
//! in "普京总统访问土耳其" (`src/matcher/unspaced.rs`); a name in katakana is not found glued to more
//! katakana (タイ is not in ネクタイ).
//!
//! An alias that several entities share yields one candidate with several targets; which one it
//! is, if any, is decided from the document in [`crate::resolve`], as are `^` aliases that need an
//! anchor. Blocking aliases (`!New Mexico` for Mexico) are ordinary candidates here, so they win
//! overlaps like any other; [`crate::resolve`] then drops them.
//!
//! Every span is a byte range of the *original* text, and `&text[start..end]` is the surface
//! form as written, whatever folding did.
//!
//! # How
//!
//! Text and aliases are cut into the same folded tokens ([`crate::text::tokens`]): words
//! (letters and digits) and single other characters. Every alias token is numbered in a
//! vocabulary (one flat hash table) and every alias is a path in a token trie. The scan
//! looks each text token up once; a token no alias has (most of them) costs one hash probe, and
//! one that starts or continues an alias moves a partial match along the trie. Because a word
//! token is a maximal run of letters and digits, a match found this way starts and ends on word
//! boundaries by construction: the whole-word check costs nothing. Unlike a byte automaton,
//! the scan never reports "us" inside "campus" just to have a boundary check reject it, and
//! the build is linear in the dictionary's size, so a million aliases build in about a second.

pub mod alias_hits;
pub mod builtin_cache;
pub mod compiled;
pub mod load;
mod trie;
mod unspaced;
mod vocabulary;

use crate::dictionary::check::EnglishWords;
use crate::dictionary::{
    inflection, Alias, Dictionary, Entity, EntityIndex, EntityKind, CURATED_PROMINENCE,
};
use crate::error::Result;
use crate::text::language::{is_latin_script, written_in, Language};
use crate::text::tokens::{tokenize, Token};
use crate::text::{fold, neighbours, CaseMode};
use std::cell::OnceCell;

use trie::{TokenTrie, TrieBuilder};
use unspaced::{is_unspaced_alias, UnspacedAliases};
use vocabulary::{BitFilter, Probe, Vocabulary};

/// A compiled dictionary, ready to search any number of texts from any number of threads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    vocabulary: Vocabulary,
    trie: TokenTrie,
    /// The first tokens of aliases: a text token outside a partial match is looked up only if
    /// it may be one (most words, "said", "to", ",", are in some alias but start none).
    starters: BitFilter,
    /// The first tokens that start only case-sensitive aliases written with a capital first
    /// ("=Will Smith", "=In Chun Shon"): such a token written in lowercase in the text ("will",
    /// "in") starts nothing and is turned away as cheaply as a token that starts no alias.
    cased_starters: BitFilter,
    /// One bit per vocabulary token: the given names, the first words of people's full names
    /// ("Cherie", "Jack"), titles left out. A surname written right after one belongs to
    /// someone else: "Cherie Blair" is not Tony Blair.
    given_names: Vec<u64>,
    /// Pattern `p` stands for `targets[first_target[p]..first_target[p + 1]]`.
    first_target: Vec<u32>,
    targets: Vec<Target>,
    /// The aliases in scripts written without spaces (普京, プーチン), found inside runs of
    /// letters rather than as whole words.
    unspaced: UnspacedAliases,
}

/// A match in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Partial {
    /// The trie node reached.
    node: u32,
    /// The byte where the match starts.
    start: usize,
    /// Alias words matched so far.
    words: u16,
    /// What the match has skipped inside the name, if anything.
    skip: Skip,
}

/// Where a match in progress stands with the one thing it may skip inside a name: a middle
/// initial or a middle name right after the first word ("Jerome H. Powell", "Elizabeth Ann
/// Warren"), or a parenthesised acronym after a word ("United Nations (UN) General Assembly").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Nothing skipped.
    None,
    /// A capital letter skipped ("Jerome H"): a dot may follow.
    Initial,
    /// A capital letter and its dot skipped ("Jerome H.").
    InitialDot,
    /// A capitalized given name skipped ("Elizabeth Ann").
    MiddleName,
    /// An opening parenthesis skipped ("United Nations (").
    Open,
    /// Its acronym skipped ("United Nations (UN").
    Acronym,
    /// The closing parenthesis skipped ("United Nations (UN)").
    Closed,
    /// Something was skipped and the name went on.
    Used(Skipped),
}

/// What a match skipped inside the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skipped {
    /// A middle initial ("Jerome H. Powell").
    Initial,
    /// A middle name ("Elizabeth Ann Warren").
    MiddleName,
    /// A parenthesised acronym ("United Nations (UN) General Assembly").
    Acronym,
}

impl Skip {
    /// Whether the next token may continue the name in the trie: not inside a parenthesis.
    fn may_continue(self) -> bool {
        !matches!(self, Skip::Open | Skip::Acronym)
    }

    /// The state once the name goes on past what was skipped.
    fn went_on(self) -> Skip {
        match self {
            Skip::None => Skip::None,
            Skip::Initial | Skip::InitialDot => Skip::Used(Skipped::Initial),
            Skip::MiddleName => Skip::Used(Skipped::MiddleName),
            Skip::Open | Skip::Acronym | Skip::Closed => Skip::Used(Skipped::Acronym),
            used @ Skip::Used(_) => used,
        }
    }
}

impl Partial {
    /// Skips `token` (of `text`) if the name may have it inside: a lone capital letter after
    /// the first word or the dot after it; a capitalized given name after the first word
    /// (`given_name`: the caller has checked that the token is one and does not continue the
    /// name); or "(", an acronym of two to six capitals that begins with the name's first
    /// letter, and ")". Returns whether it did.
    fn skip(&mut self, text: &str, token: &Token<'_>, given_name: bool) -> bool {
        let folded = token.folded();
        let surface = &text.as_bytes()[token.start..token.end];
        let next = match self.skip {
            Skip::None
                if self.words == 1
                    && token.space_before
                    && surface.len() == 1
                    && surface[0].is_ascii_uppercase() =>
            {
                Skip::Initial
            }
            Skip::None
                if given_name
                    && self.words == 1
                    && token.space_before
                    && surface.len() > 1
                    && surface[0].is_ascii_uppercase() =>
            {
                Skip::MiddleName
            }
            Skip::None if token.space_before && folded == b"(" => Skip::Open,
            Skip::Initial if !token.space_before && folded == b"." => Skip::InitialDot,
            Skip::Open
                if !token.space_before
                    && (2..=6).contains(&surface.len())
                    && surface.iter().all(u8::is_ascii_uppercase)
                    && surface[0] == text.as_bytes()[self.start] =>
            {
                Skip::Acronym
            }
            Skip::Acronym if !token.space_before && folded == b")" => Skip::Closed,
            _ => return false,
        };
        self.skip = next;
        true
    }
}

/// One entity a pattern can stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    entity: EntityIndex,
    /// For case-sensitive aliases, the alias folded with case preserved.
    exact_case: Option<Box<str>>,
    needs_anchor: bool,
    blocks: bool,
    /// The entity's [`Entity::prominence`](crate::dictionary::Entity::prominence).
    prominence: u32,
    /// The country entity named by the entity's `country` attribute.
    home: Option<EntityIndex>,
    /// A person's name of several words, which a capitalized word glued on with a hyphen
    /// continues: "Mark Lewis-Francis" is not Mark Lewis.
    hyphen_continues: bool,
    /// Whether the entity is an organization (a legal suffix after its name is its own).
    organization: bool,
    /// Whether the entity is a person: a word in capitals is not their alias in mixed case
    /// ("CITU", an Indian trade union, is not Florin Cîțu), and no acronym goes inside their
    /// name.
    person: bool,
    /// An alias of several words that are all common English words ("Law and Justice"),
    /// matched in any case: written all in lowercase, it is those words ("the foundations of
    /// law and justice"), not the name.
    common_words: bool,
    /// For a person's one-word alias other than their whole name (a surname: "Blair"), the
    /// person's full name, folded: a given name right before the surname must be one of its
    /// words or a spelling of one ("Yassir Arafat"), else the surname is someone else's
    /// ("Cherie Blair").
    own_names: Option<Box<str>>,
    /// For an alias given in a language written in Latin script (`+es`, `+tr`), that language:
    /// the alias counts only in documents written in it ("Granada" is Grenada in Spanish, a
    /// city in English news).
    only_in: Option<Language>,
}

/// Capitalized words that, right after a one-word name, make a longer proper name of which the
/// name is only a part: "US Airways", "Scottish Cup", "Irish Times", "Khomeini International".
const HEAD_WORDS: &[&str] = &[
    "Academy",
    "Airlines",
    "Airport",
    "Airways",
    "Avenue",
    "Award",
    "Awards",
    "Bridge",
    "Centre",
    "Center",
    "Championship",
    "Championships",
    "Club",
    "College",
    "Cup",
    "Festival",
    "Gazette",
    "Herald",
    "Hospital",
    "Hotel",
    "International",
    "Journal",
    "Museum",
    "News",
    "Open",
    "Park",
    "Post",
    "Prize",
    "Road",
    "School",
    "Square",
    "Stadium",
    "Street",
    "Theatre",
    "Times",
    "Tribune",
];

/// Legal suffixes: after a country's or person's name they make a company's ("India Ltd"),
/// after an organization's name they are its own ("Altria Group", "Disney Corporation").
const LEGAL_SUFFIXES: &[&str] = &[
    "Advisers",
    "Advisors",
    "Associates",
    "Brothers",
    "Capital",
    "Co",
    "Company",
    "Corp",
    "Corporation",
    "Group",
    "Holdings",
    "Inc",
    "Investments",
    "Limited",
    "Ltd",
    "Management",
    "Partners",
    "Plc",
    "PLC",
    "Securities",
    "Ventures",
];

/// A capitalized word right before a match, read when the match is a person's surname.
#[derive(Debug, Clone, PartialEq, Eq)]
struct WordBefore {
    /// Its first byte.
    start: usize,
    /// The word, folded.
    folded: String,
    /// Whether it is a given name (see [`Matcher::given_names`]).
    given_name: bool,
    /// Whether it is a name no alias holds and no common English word either ("Dhirubhai"
    /// Ambani, "Eaton" Vance): most likely the given name of someone the dictionary lacks.
    unknown_name: bool,
}

/// What the word after a one-word match makes of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Continuation {
    /// Nothing: the name stands alone.
    None,
    /// A longer proper name ([`HEAD_WORDS`]).
    LongerName,
    /// A company's name ([`LEGAL_SUFFIXES`]).
    LegalSuffix,
}

/// Month names that are also names ("May", "June", "April").
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Lowercase words that, right before a month's name, make it a date: "in May", "since June".
const DATE_WORDS: &[&str] = &[
    "after", "before", "by", "during", "early", "from", "in", "last", "late", "mid", "next", "of",
    "on", "since", "this", "through", "till", "until",
];

/// Words that begin people's names in the dictionaries but are titles or function words, not
/// given names: "President Blair", "Gen Musharraf" and "The Bush administration" keep their
/// surname. (Single letters, initials, never count as given names either.)
const TITLES: &[&str] = &[
    "adm",
    "ambassador",
    "archbishop",
    "ayatollah",
    "baron",
    "baroness",
    "bishop",
    "brother",
    "capt",
    "captain",
    "cardinal",
    "chairman",
    "chancellor",
    "chief",
    "cllr",
    "col",
    "colonel",
    "commander",
    "count",
    "countess",
    "crown",
    "dame",
    "deputy",
    "det",
    "don",
    "dr",
    "duchess",
    "duke",
    "earl",
    "emir",
    "emperor",
    "father",
    "field",
    "former",
    "gen",
    "general",
    "gov",
    "governor",
    "herr",
    "frau",
    "grand",
    "haji",
    "hereditary",
    "his",
    "her",
    "hon",
    "imam",
    "insp",
    "judge",
    "justice",
    "king",
    "lady",
    "lord",
    "lt",
    "madame",
    "maj",
    "marshal",
    "mayor",
    "minister",
    "mister",
    "mme",
    "mlle",
    "monsieur",
    "miss",
    "mr",
    "mrs",
    "ms",
    "mullah",
    "patriarch",
    "pope",
    "premier",
    "president",
    "prime",
    "prince",
    "princess",
    "prof",
    "queen",
    "rabbi",
    "rep",
    "rev",
    "reverend",
    "saint",
    "secretary",
    "sen",
    "senator",
    "sgt",
    "senor",
    "senora",
    "sheikh",
    "shri",
    "signor",
    "signora",
    "sir",
    "sister",
    "speaker",
    "sri",
    "st",
    "sultan",
    "supt",
    "the",
];

/// A place in the text where an alias matched and passed the boundary and case checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Byte offset of the first byte of the surface form in the original text.
    pub start: usize,
    /// Byte offset one past the surface form.
    pub end: usize,
    /// The entities this surface form can name, sorted by index, each at most once.
    pub targets: Vec<CandidateTarget>,
    /// The pattern (distinct folded alias) that matched (see [`Matcher::pattern_of`]).
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
    /// How notable the entity is ([`Entity::prominence`](crate::dictionary::Entity::prominence)),
    /// for telling namesakes apart.
    pub prominence: u32,
    /// The country the entity belongs to (its `country` attribute, when that names a country
    /// of the dictionary), for telling namesakes apart by the countries a document names.
    pub home: Option<EntityIndex>,
    /// Whether that country is named right before the mention, with at most a few role words
    /// between ("Kyrgyz President Akayev", "Kenyan opposition leader Raila Odinga").
    pub home_named_before: bool,
}

impl Matcher {
    /// Compiles every alias of `dictionary`.
    ///
    /// The build is linear in the dictionary's size: each alias is cut into tokens, its tokens
    /// are interned and its path is added to the trie; a million aliases take about a second.
    ///
    /// # Errors
    /// None today; the signature leaves room for limits on huge dictionaries.
    pub fn new(dictionary: &Dictionary) -> Result<Matcher> {
        let mut vocabulary = Vocabulary::default();
        let mut trie = TrieBuilder::default();
        let mut pattern_count = 0;
        // (pattern, target), in dictionary order; grouped by pattern below.
        let mut pattern_targets: Vec<(u32, Target)> = Vec::new();
        let mut tokens = Vec::new();
        // Per first token: whether every alias it starts is case-sensitive with a capital first
        // letter, so that the token in lowercase starts none of them.
        let mut cased_only_starters: Vec<bool> = Vec::new();
        let mut given_names: Vec<u32> = Vec::new();
        let mut unspaced_patterns: std::collections::BTreeMap<Box<str>, u32> = Default::default();
        let english = EnglishWords::builtin();
        for (index, entity) in dictionary.iter() {
            if entity.kind == EntityKind::Person {
                given_names.extend(given_name(&mut vocabulary, &entity.name));
            }
            let prominence = entity.prominence();
            let home = home_country(dictionary, entity);
            for alias in entity
                .aliases
                .iter()
                .flat_map(|a| with_forms(a, entity.kind))
            {
                let folded = fold(&alias.text, CaseMode::Insensitive);
                tokens.clear();
                let unspaced = is_unspaced_alias(&folded);
                if unspaced {
                    tokenize(&alias.text, |_| tokens.push((0, false)));
                } else {
                    tokenize(&alias.text, |token| {
                        tokens.push((vocabulary.intern(token.folded()), token.space_before))
                    });
                }
                let Some(&(first, _)) = tokens.first() else {
                    continue;
                };
                // Patterns are numbered in order of first appearance: deterministic, since
                // dictionaries load in a fixed order.
                let mut next_pattern = || {
                    pattern_count += 1;
                    pattern_count - 1
                };
                let pattern = if unspaced {
                    *unspaced_patterns
                        .entry(folded.into_boxed_str())
                        .or_insert_with(&mut next_pattern)
                } else {
                    if cased_only_starters.len() <= first as usize {
                        cased_only_starters.resize(first as usize + 1, true);
                    }
                    let capital_first = alias.text.chars().next().is_some_and(char::is_uppercase);
                    cased_only_starters[first as usize] &= alias.case_sensitive && capital_first;
                    let node = trie.insert(&tokens);
                    match trie.pattern(node) {
                        Some(pattern) => pattern,
                        None => {
                            let pattern = next_pattern();
                            trie.set_pattern(node, pattern);
                            pattern
                        }
                    }
                };
                pattern_targets.push((
                    pattern,
                    Target {
                        entity: index,
                        exact_case: alias
                            .case_sensitive
                            .then(|| fold(&alias.text, CaseMode::Preserve).into_boxed_str()),
                        needs_anchor: alias.needs_anchor,
                        blocks: alias.blocks,
                        prominence,
                        home,
                        hyphen_continues: entity.kind == EntityKind::Person
                            && tokens.iter().skip(1).any(|&(_, space_before)| space_before),
                        organization: entity.kind == EntityKind::Organization,
                        person: entity.kind == EntityKind::Person,
                        common_words: !alias.case_sensitive
                            && tokens.len() > 1
                            && common_words_only(&alias.text, &english),
                        own_names: (entity.kind == EntityKind::Person && tokens.len() == 1)
                            .then(|| fold(&entity.name, CaseMode::Insensitive))
                            .filter(|name| *name != fold(&alias.text, CaseMode::Insensitive))
                            .map(String::into_boxed_str),
                        only_in: alias.language.filter(|&l| is_latin_script(l)),
                    },
                ));
            }
        }
        // Stable: a pattern's targets stay in dictionary order.
        pattern_targets.sort_by_key(|(pattern, _)| *pattern);
        let pattern_count = pattern_count as usize;
        let mut first_target = Vec::with_capacity(pattern_count + 1);
        let mut targets = Vec::with_capacity(pattern_targets.len());
        for (pattern, target) in pattern_targets {
            while first_target.len() <= pattern as usize {
                first_target.push(targets.len() as u32);
            }
            targets.push(target);
        }
        first_target.resize(pattern_count + 1, targets.len() as u32);
        let trie = trie.build(vocabulary.len());
        let mut given_name_bits = vec![0u64; vocabulary.len().div_ceil(64)];
        for id in given_names {
            given_name_bits[id as usize / 64] |= 1 << (id % 64);
        }
        let mut starters = vocabulary.empty_filter();
        let mut cased_starters = vocabulary.empty_filter();
        for id in 0..vocabulary.len() as u32 {
            if trie.root_child(id).is_some() {
                let probe = Probe::new(vocabulary.token(id));
                if cased_only_starters[id as usize] {
                    cased_starters.add(&probe);
                } else {
                    starters.add(&probe);
                }
            }
        }
        let mut unspaced: Vec<(Box<str>, u32)> = unspaced_patterns.into_iter().collect();
        unspaced.sort_by_key(|&(_, pattern)| pattern);
        Ok(Matcher {
            vocabulary,
            trie,
            starters,
            cased_starters,
            given_names: given_name_bits,
            first_target,
            targets,
            unspaced: UnspacedAliases::new(unspaced),
        })
    }

    /// Whether every table index points where it may, given a dictionary of `entities`
    /// entities (for loading a compiled file).
    fn is_consistent(&self, entities: usize) -> bool {
        let patterns = self.pattern_count();
        let ascending = |v: &[u32]| v.windows(2).all(|w| w[0] <= w[1]);
        self.vocabulary.is_consistent()
            && self.trie.is_consistent(self.vocabulary.len(), patterns)
            && self.starters.is_consistent()
            && self.starters.words.len() == self.vocabulary.filter.words.len()
            && self.given_names.len() == self.vocabulary.len().div_ceil(64)
            && self.cased_starters.is_consistent()
            && self.cased_starters.words.len() == self.vocabulary.filter.words.len()
            && self.first_target.len() == patterns + 1
            && self.first_target.first() == Some(&0)
            && ascending(&self.first_target)
            && self
                .first_target
                .last()
                .is_some_and(|&t| t as usize == self.targets.len())
            && self.targets.iter().all(|t| {
                (t.entity.0 as usize) < entities
                    && t.home.is_none_or(|country| (country.0 as usize) < entities)
            })
            && (self.unspaced.aliases().iter()).all(|&(_, p)| (p as usize) < patterns)
    }

    /// Number of distinct folded aliases.
    pub fn pattern_count(&self) -> usize {
        self.first_target.len().saturating_sub(1)
    }

    /// Every match in `text` that passes the boundary and case checks, overlaps included,
    /// sorted by start, then longest first.
    pub fn candidates(&self, text: &str) -> Vec<Candidate> {
        let mut active: Vec<Partial> = Vec::new();
        let mut next: Vec<Partial> = Vec::new();
        let mut out = Vec::new();
        let languages = OnceCell::new();
        let unspaced = tokenize(text, |token: Token<'_>| {
            // The common cases, inlined into the tokenizer: a token that starts no alias and
            // continues no match in progress.
            let probe = Probe::of_token(&token);
            if active.is_empty() {
                if !self.starters.may_have(&probe)
                    && (text.as_bytes()[token.start].is_ascii_lowercase()
                        || !self.cased_starters.may_have(&probe))
                {
                    return;
                }
            } else if !self.vocabulary.filter.may_have(&probe) {
                // No alias has this token (so no given name either): every match in progress
                // ends here, but for a middle initial or a parenthesised acronym inside it.
                active.retain_mut(|partial| partial.skip(text, &token, false));
                return;
            }
            self.advance(
                text,
                &languages,
                &token,
                &probe,
                &mut active,
                &mut next,
                &mut out,
            );
        });
        if unspaced {
            self.unspaced.find(text, |start, end, pattern| {
                out.extend(self.candidate(text, &languages, start, end, pattern, None));
            });
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        // A surname that took in its given name ("Tony Blair" from "Blair") may repeat a full
        // name found as such: one candidate is enough.
        out.dedup_by(|later, kept| {
            let same = later.start == kept.start
                && later.end == kept.end
                && (later.targets.iter().map(|t| t.entity))
                    .eq(kept.targets.iter().map(|t| t.entity));
            if same {
                for (kept, later) in kept.targets.iter_mut().zip(&later.targets) {
                    kept.needs_anchor &= later.needs_anchor;
                    kept.blocks &= later.blocks;
                }
            }
            same
        });
        mark_homes_named_before(text, &mut out);
        out
    }

    /// Moves the partial matches in `active` along `token` and starts a new one if an alias
    /// starts with it, reporting the aliases that end there. `probe` has passed the starters
    /// filter (no match in progress) or the vocabulary's (see [`Matcher::candidates`]).
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn advance(
        &self,
        text: &str,
        languages: &OnceCell<Vec<Language>>,
        token: &Token<'_>,
        probe: &Probe<'_>,
        active: &mut Vec<Partial>,
        next: &mut Vec<Partial>,
        out: &mut Vec<Candidate>,
    ) {
        next.clear();
        let id = self.vocabulary.find_past_filter(probe);
        let another_initial = token.end == token.start + 1 && token.is_word;
        for partial in active.iter() {
            // After a skipped initial comes the rest of the name, not a second initial ("George
            // H. W. Bush" is not George W. Bush).
            let after_initial = matches!(partial.skip, Skip::Initial | Skip::InitialDot);
            let child = id
                .filter(|_| partial.skip.may_continue() && !(after_initial && another_initial))
                .and_then(|id| {
                    let space_before = token.space_before || partial.skip == Skip::InitialDot;
                    self.trie.child(partial.node, trie::key(id, space_before))
                });
            if let Some(child) = child {
                let step = Partial {
                    node: child,
                    words: partial.words.saturating_add(1),
                    skip: partial.skip.went_on(),
                    ..*partial
                };
                self.reach(text, languages, step, token.end, out, next);
            }
            // A given name that continues the name is read as its next word, not skipped.
            let given_name = child.is_none()
                && partial.skip == Skip::None
                && partial.words == 1
                && id.is_some_and(|id| self.is_given_name(id));
            let mut skipping = *partial;
            if skipping.skip(text, token, given_name) {
                next.push(skipping);
            }
        }
        if let Some(child) = id.and_then(|id| self.trie.root_child(id)) {
            let first = Partial {
                node: child,
                start: token.start,
                words: 1,
                skip: Skip::None,
            };
            self.reach(text, languages, first, token.end, out, next);
        }
        std::mem::swap(active, next);
    }

    /// Whether vocabulary token `id` is a given name (see [`Matcher::given_names`]).
    fn is_given_name(&self, id: u32) -> bool {
        self.given_names[id as usize / 64] & 1 << (id % 64) != 0
    }

    /// A match in progress reached `node` with the token ending at `end`: report the alias
    /// ending there, if any, and keep going if longer aliases continue.
    fn reach(
        &self,
        text: &str,
        languages: &OnceCell<Vec<Language>>,
        partial: Partial,
        end: usize,
        out: &mut Vec<Candidate>,
        next: &mut Vec<Partial>,
    ) {
        if let Some(pattern) = self.trie.pattern(partial.node) {
            let skipped = match partial.skip {
                Skip::Used(skipped) => Some(skipped),
                _ => None,
            };
            // A middle name goes between a first and a last name, and nowhere else.
            let fits = skipped != Some(Skipped::MiddleName) || partial.words == 2;
            if let Some(candidate) = fits
                .then(|| self.candidate(text, languages, partial.start, end, pattern, skipped))
                .flatten()
            {
                out.push(candidate);
            }
        }
        if self.trie.has_children(partial.node) {
            next.push(partial);
        }
    }

    /// The capitalized word right before `start` (one space between), if it is no title.
    fn word_before(&self, text: &str, start: usize) -> Option<WordBefore> {
        let (word_start, word) = neighbours::word_before(text, start)?;
        if word.len() < 2 || !word.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        let folded = fold(word, CaseMode::Insensitive);
        if TITLES.contains(&folded.as_str()) {
            return None;
        }
        let known = self.vocabulary.find(&Probe::new(folded.as_bytes()));
        let given_name = known.is_some_and(|id| self.is_given_name(id));
        // A word in capitals ("BBC") or with digits is no given name; a common word ("Rapper",
        // "Dogged", "But") describes or opens, it does not name.
        // Only in Latin script, where the list of common English words tells a word that
        // opens a sentence from a name ("Позицию Трампа" is "Trump's position").
        let unknown_name = known.is_none()
            && word.chars().all(|c| c.is_alphabetic() && is_latin(c))
            && word.chars().skip(1).any(char::is_lowercase)
            && !english_words().contains(&folded);
        Some(WordBefore {
            start: word_start,
            folded,
            given_name,
            unknown_name,
        })
    }

    /// The candidate for pattern `pattern` at `start..end`, if some target passes its checks.
    /// `skipped` is what the match skipped inside the name.
    fn candidate(
        &self,
        text: &str,
        languages: &OnceCell<Vec<Language>>,
        start: usize,
        end: usize,
        pattern: u32,
        skipped: Option<Skipped>,
    ) -> Option<Candidate> {
        let surface = &text[start..end];
        let continued_by_hyphen = {
            let mut after = text[end..].chars();
            after.next() == Some('-') && after.next().is_some_and(char::is_uppercase)
        };
        let mut word_before: Option<Option<WordBefore>> = None;
        let continuation = if surface.contains(char::is_whitespace) {
            Continuation::None
        } else {
            continuation(&text[end..])
        };
        if continuation == Continuation::LongerName
            || is_a_date(text, start, end)
            || is_a_score(surface, &text[end..])
        {
            return None;
        }
        let all_lowercase = !surface.chars().any(char::is_uppercase);
        // Two capitals and no small letter: scripts without case (Arabic, Hebrew, Chinese)
        // have neither, and are not "in capitals".
        let all_capitals = !surface.chars().any(char::is_lowercase)
            && surface
                .chars()
                .filter(|c| c.is_uppercase())
                .nth(1)
                .is_some();
        let mut surface_preserved: Option<String> = None;
        let mut targets: Vec<CandidateTarget> = Vec::new();
        // The persons whose given name the word before the surname spells ("Ilkham Aliyev").
        let mut spelled_before: Vec<EntityIndex> = Vec::new();
        let range = self.first_target[pattern as usize] as usize
            ..self.first_target[pattern as usize + 1] as usize;
        for target in &self.targets[range] {
            if continued_by_hyphen && target.hyphen_continues {
                continue;
            }
            let mut needs_anchor = target.needs_anchor;
            match skipped {
                None => {}
                // A middle initial or name fits only between the words of a person's name
                // that need not be written as it is. A bulk namesake is too often someone
                // else ("David O Russell" is no legislator): theirs needs an anchor, the
                // name written without it elsewhere in the document.
                Some(Skipped::Initial | Skipped::MiddleName) => {
                    if !target.hyphen_continues || target.exact_case.is_some() {
                        continue;
                    }
                    needs_anchor |= target.prominence != CURATED_PROMINENCE;
                }
                // An acronym goes inside the name of an organization or a country.
                Some(Skipped::Acronym) if target.person || target.exact_case.is_some() => continue,
                Some(Skipped::Acronym) => {}
            }
            if continuation == Continuation::LegalSuffix && !target.organization {
                continue;
            }
            if let Some(language) = target.only_in {
                if !languages
                    .get_or_init(|| written_in(text))
                    .contains(&language)
                {
                    continue;
                }
            }
            if target.common_words && all_lowercase {
                continue;
            }
            if all_capitals && target.person && target.exact_case.is_none() {
                continue;
            }
            let mut spelled = false;
            if let Some(own_names) = &target.own_names {
                if let Some(word) = word_before
                    .get_or_insert_with(|| self.word_before(text, start))
                    .as_ref()
                {
                    spelled = own_names
                        .split(' ')
                        .any(|own| spelled_alike(own, &word.folded));
                    // An unknown capitalized word is a given name only in English text: in
                    // another language it is as likely a word of that language ("Fransız
                    // Mbappe").
                    let unknown_name = word.unknown_name && {
                        let written = languages.get_or_init(|| written_in(text));
                        written.is_empty() || written.contains(&Language::ENGLISH)
                    };
                    if !spelled && (word.given_name || unknown_name) {
                        continue;
                    }
                }
            }
            if let Some(exact) = &target.exact_case {
                let same = if is_plain_ascii(surface) {
                    surface == &**exact
                } else {
                    let preserved =
                        surface_preserved.get_or_insert_with(|| fold(surface, CaseMode::Preserve));
                    preserved.as_str() == &**exact
                };
                if !same {
                    continue;
                }
            }
            if spelled {
                spelled_before.push(target.entity);
            }
            match targets.iter_mut().find(|t| t.entity == target.entity) {
                Some(existing) => {
                    existing.needs_anchor &= needs_anchor;
                    existing.blocks &= target.blocks;
                }
                None => targets.push(CandidateTarget {
                    entity: target.entity,
                    needs_anchor,
                    blocks: target.blocks,
                    prominence: target.prominence,
                    home: target.home,
                    home_named_before: false,
                }),
            }
        }
        if targets.is_empty() {
            return None;
        }
        // A given name spelled like one person's tells the namesakes apart, and is part of the
        // mention: "Ilkham Aliyev" is Ilham Aliyev, not his father Heydar. (Not where a hyphen
        // glues on more name: "Mark Lewis-Francis" is no Mark Lewis.)
        let mut start = start;
        if let Some(word) = word_before.flatten().filter(|_| !continued_by_hyphen) {
            targets.retain(|t| spelled_before.is_empty() || spelled_before.contains(&t.entity));
            if !targets.is_empty() && !spelled_before.is_empty() {
                start = word.start;
            }
        }
        if targets.is_empty() {
            return None;
        }
        targets.sort_by_key(|t| t.entity);
        Some(Candidate {
            start,
            end,
            targets,
            pattern,
        })
    }

    /// The pattern an alias compiles to (what [`Candidate::pattern`] reports when it
    /// matches), if some alias of the dictionary has its folded form.
    pub fn pattern_of(&self, alias: &str) -> Option<u32> {
        let folded = fold(alias, CaseMode::Insensitive);
        if is_unspaced_alias(&folded) {
            return (self.unspaced.aliases().iter())
                .find(|(unspaced, _)| **unspaced == *folded)
                .map(|&(_, pattern)| pattern);
        }
        let mut node: Option<u32> = None;
        let mut first = true;
        let mut missing = false;
        tokenize(alias, |token| {
            let id = self.vocabulary.get(token.folded());
            node = match (id, first) {
                (Some(id), true) => self.trie.root_child(id),
                (Some(id), false) => {
                    node.and_then(|n| self.trie.child(n, trie::key(id, token.space_before)))
                }
                (None, _) => None,
            };
            missing |= node.is_none();
            first = false;
        });
        if missing {
            return None;
        }
        node.and_then(|n| self.trie.pattern(n))
    }

    /// The non-overlapping matches in `text`, leftmost-longest, without document context:
    /// shared aliases keep all their targets and anchors are not checked.
    pub fn find(&self, text: &str) -> Vec<Candidate> {
        select_leftmost_longest(self.candidates(text))
    }
}

/// `alias` and, when it is written in a language with inflection rules, its inflected forms
/// ("Путина", "Путину" for `Путин` in Russian) with the same flags.
fn with_forms(alias: &Alias, kind: EntityKind) -> Vec<std::borrow::Cow<'_, Alias>> {
    let mut all = vec![std::borrow::Cow::Borrowed(alias)];
    if let Some(language) = alias.language {
        all.extend(
            inflection::forms(&alias.text, language, kind)
                .into_iter()
                .map(|text| {
                    std::borrow::Cow::Owned(Alias {
                        text,
                        ..alias.clone()
                    })
                }),
        );
    }
    all
}

/// Whether `c` is a letter of the Latin script (ASCII or with diacritics).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
}

/// The common English words, loaded on first use: only a capitalised word that no alias
/// holds, right before a surname, needs them.
fn english_words() -> &'static EnglishWords {
    static WORDS: std::sync::OnceLock<EnglishWords> = std::sync::OnceLock::new();
    WORDS.get_or_init(EnglishWords::builtin)
}

/// Whether a name of several words that ends in a number is the start of a score: "beat France
/// 24-18" is France, not France 24.
fn is_a_score(surface: &str, rest: &str) -> bool {
    let mut rest = rest.chars();
    surface.contains(' ')
        && surface.ends_with(|c: char| c.is_ascii_digit())
        && matches!(rest.next(), Some('-' | '\u{2013}'))
        && rest.next().is_some_and(|c| c.is_ascii_digit())
}

/// Marks, in the candidates of shared names, the targets whose home country is named right
/// before the mention with at most [`MAX_ROLE_WORDS`] role words between: in "Kyrgyz President
/// Akayev" the candidate whose `country` is Kyrgyzstan. `candidates` are sorted by start.
fn mark_homes_named_before(text: &str, candidates: &mut [Candidate]) {
    for i in 0..candidates.len() {
        let candidate = &candidates[i];
        if candidate.targets.len() < 2 || candidate.targets.iter().all(|t| t.home.is_none()) {
            continue;
        }
        let ends = country_ends_before(text, candidate.start);
        let Some(&earliest) = ends.last() else {
            continue;
        };
        // A country's name right before starts at most a few words before its end.
        let country = (candidates[..i].iter().rev())
            .take_while(|c| c.start + 64 >= earliest)
            .filter(|c| ends.contains(&c.end))
            .find_map(|c| match c.targets.as_slice() {
                [only] => Some(only.entity),
                _ => None,
            });
        if let Some(country) = country {
            for target in &mut candidates[i].targets {
                target.home_named_before = target.home == Some(country);
            }
        }
    }
}

/// The most role words ("President", "Foreign Minister", "opposition leader") between a
/// country's name and a mention for the country to count as named right before it.
const MAX_ROLE_WORDS: usize = 3;

/// Words of a role between a country's name and a person's ("Kyrgyz President Akayev",
/// "Kenyan opposition leader Odinga"), besides [`TITLES`]; compared in lowercase.
const ROLE_WORDS: &[&str] = &[
    "acting",
    "actor",
    "actress",
    "author",
    "businessman",
    "champion",
    "coach",
    "defence",
    "defender",
    "defense",
    "director",
    "economy",
    "envoy",
    "finance",
    "foreign",
    "goalkeeper",
    "head",
    "interior",
    "leader",
    "midfielder",
    "mp",
    "official",
    "opposition",
    "player",
    "runner",
    "singer",
    "spokesman",
    "spokeswoman",
    "star",
    "striker",
    "tycoon",
    "vice",
    "writer",
];

/// Where a country's name may end for it to be named right before `start`: a space before
/// `start`, and before each of up to [`MAX_ROLE_WORDS`] role words before it. The last is the
/// earliest.
fn country_ends_before(text: &str, start: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut at = start;
    while let Some(before) = text[..at].strip_suffix(' ') {
        ends.push(before.len());
        if ends.len() > MAX_ROLE_WORDS {
            break;
        }
        let word_start = (before.char_indices().rev())
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = before[word_start..].to_ascii_lowercase();
        if !ROLE_WORDS.contains(&word.as_str()) && !TITLES.contains(&word.as_str()) {
            break;
        }
        at = word_start;
    }
    ends
}

/// Whether every word of `alias` is a common English word.
fn common_words_only(alias: &str, english: &EnglishWords) -> bool {
    let mut all = true;
    tokenize(alias, |token| {
        if token.is_word {
            all &= std::str::from_utf8(token.folded()).is_ok_and(|w| english.contains(w));
        }
    });
    all
}

/// Whether `text[start..end]` is a month's name used as a date: after a date word ("in May",
/// "until June") or a number ("5 May"), or before a number ("May 2005", "April 1").
fn is_a_date(text: &str, start: usize, end: usize) -> bool {
    if !MONTHS.contains(&&text[start..end]) {
        return false;
    }
    let before = text[..start].trim_end_matches(' ');
    let previous_word = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let after = text[end..].trim_start_matches(' ');
    DATE_WORDS.contains(&previous_word)
        || previous_word
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
        || after.chars().next().is_some_and(|c| c.is_ascii_digit())
}

/// What `rest` (the text after a match) makes of it: one space, then a head word or a legal
/// suffix, or neither.
fn continuation(rest: &str) -> Continuation {
    let word = neighbours::word_after(rest, 0).unwrap_or("");
    if HEAD_WORDS.contains(&word) {
        Continuation::LongerName
    } else if LEGAL_SUFFIXES.contains(&word) {
        Continuation::LegalSuffix
    } else {
        Continuation::None
    }
}

/// Whether two folded given names are the same name spelled differently: the same, one the
/// start of the other ("steve", "steven"), or, with the same first letter, one letter apart
/// (five letters) or two (six or more: "yassir", "yasser"; "binyamin", "benjamin"). Shorter
/// names must match: "Lee" is not "Leo".
pub(crate) fn spelled_alike(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.first() != b.first() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if short.len() >= 4 && long.starts_with(short) {
        return true;
    }
    let allowed = match long.len() {
        0..=4 => 0,
        5 => 1,
        _ => 2,
    };
    long.len() - short.len() <= allowed && edit_distance(short, long) <= allowed
}

/// The Levenshtein distance between two short words.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, &ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// The vocabulary id of the given name that starts a person's full `name`, if it has one
/// (a first word, followed by more words, that is not a title).
fn given_name(vocabulary: &mut Vocabulary, name: &str) -> Option<u32> {
    let mut words = Vec::new();
    tokenize(name, |token| {
        if words.len() < 2 {
            words.push((token.folded().to_vec(), token.is_word));
        }
    });
    match words.as_slice() {
        [(first, true), (_, true)] if first.len() > 1 => {
            let title = std::str::from_utf8(first).is_ok_and(|w| TITLES.contains(&w));
            (!title).then(|| vocabulary.intern(first))
        }
        _ => None,
    }
}

/// The country entity that `entity`'s `country` attribute names, if the dictionary has it.
fn home_country(dictionary: &Dictionary, entity: &Entity) -> Option<EntityIndex> {
    let index = dictionary.index_of(entity.attributes.get("country")?)?;
    (dictionary.entity(index).kind == EntityKind::Country).then_some(index)
}

/// Whether folding `surface` with case preserved would leave it as it is: ASCII with no
/// whitespace other than single spaces.
fn is_plain_ascii(surface: &str) -> bool {
    surface.is_ascii()
        && !surface
            .as_bytes()
            .windows(2)
            .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !surface
            .bytes()
            .any(|b| b.is_ascii_whitespace() && b != b' ')
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

    /// The matcher of a dictionary written as text.
    fn matcher_of(tsv: &str) -> Matcher {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", tsv);
        Matcher::new(&builder.build().unwrap()).unwrap()
    }

    /// The surface forms of `matches` in `text`.
    fn surfaces(text: &str, matches: &[Candidate]) -> Vec<String> {
        (matches.iter())
            .map(|c| text[c.start..c.end].to_string())
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
    #[test]
    fn a_lowercase_word_never_starts_a_case_sensitive_name() {
        let matcher = matcher_of(
            "power\tperson\t=Will Power\nsmith\torganization\tWill Smithson Foundation\n\
             chun\tperson\t=In Chun Shon\niphone\torganization\t=iPhone Maker Group\n",
        );
        let found = |text: &str| surfaces(text, &matcher.candidates(text));
        assert_eq!(
            found("Will Power won; the will power of In Chun Shon."),
            ["Will Power", "In Chun Shon"]
        );
        assert!(found("will power, in chun shon").is_empty());
        // "will" also starts a name that matches in any case.
        assert_eq!(
            found("the will smithson foundation"),
            ["will smithson foundation"]
        );
        // A case-sensitive name written with a lowercase first letter still matches as written.
        assert_eq!(found("an iPhone Maker Group deal"), ["iPhone Maker Group"]);
        // After a match in progress, a lowercase starter is still read (and rejected by case).
        assert_eq!(
            found("Will Smithson Foundation in Chun Shon"),
            ["Will Smithson Foundation"]
        );
    }

    #[test]
    fn a_hyphen_and_a_capital_continue_a_persons_full_name() {
        let matcher = matcher_of("lewis\tperson\tMark Lewis\tLewis\nus\tcountry\tUnited States\n");
        let found = |text: &str| surfaces(text, &matcher.candidates(text));
        assert_eq!(found("Mark Lewis-Francis ran."), ["Lewis"]);
        assert_eq!(
            found("Mark Lewis-led team; Mark Lewis - Francis"),
            ["Mark Lewis", "Mark Lewis"]
        );
        // Not a person: a country's name stays whole before a hyphen.
        assert_eq!(found("the United States-Mexico border"), ["United States"]);
    }

    #[test]
    fn a_different_given_name_before_a_surname_makes_it_someone_elses() {
        let matcher = matcher_of(
            "tony-blair\tperson\tTony Blair\tBlair\n\
             arafat\tperson\tYasser Arafat\tArafat\n\
             zardari\tperson\tAsif Ali Zardari\tZardari\n\
             barroso\tperson\tJosé Manuel Barroso\tBarroso\n\
             musharraf\tperson\tPervez Musharraf\tMusharraf\n\
             bush\tperson\tGeorge W. Bush\tBush\n\
             ian\tperson\tIan Paisley\n\
             cherie\tperson\tCherie Booth\n",
        );
        let named = |text: &str| -> Vec<String> {
            (matcher.candidates(text).iter())
                .filter(|c| c.targets.iter().any(|t| t.entity.0 < 6))
                .map(|c| text[c.start..c.end].to_string())
                .collect()
        };
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            // Someone else's given name: the surname is theirs.
            ("QC, a member of Cherie Blair's Matrix Chambers", &[]),
            ("Police Commissioner Sir Ian Blair has backed", &[]),
            // A name that no alias holds and no dictionary of English has is someone's
            // given name too ("Dhirubhai Ambani" is not his son Mukesh).
            ("founded by Dhirubhai Blair in 1966", &[]),
            // Words that describe or open, and foreign titles, are no given names.
            ("Dogged Blair held on; But Blair said; Herr Blair, Monsieur Blair", &["Blair", "Blair", "Blair", "Blair"]),
            ("BBC Blair interview", &["Blair"]),
            // The person's own given name, a middle name, or a spelling of one: the mention
            // takes it in.
            ("The release of Asif Zardari, former", &["Asif Zardari"]),
            ("President Jos&#233; Manuel Barroso", &["Manuel Barroso"]),
            ("talks between Yassir Arafat and Mr Peres", &["Yassir Arafat"]),
            // Titles, function words and lowercase words are no given names.
            ("Gen Musharraf held talks", &["Musharraf"]),
            ("The Bush administration", &["Bush"]),
            ("as ian blair said", &["blair"]),
            // The full name is found as ever (its surname, taking in the given name, is the
            // same candidate).
            ("Tony Blair met Ian Paisley.", &["Tony Blair"]),
        ];
        for (text, expected) in cases {
            assert_eq!(named(text), *expected, "{text}");
        }
    }

    #[test]
    fn given_names_spelled_alike() {
        for (a, b) in [
            ("steve", "steven"),
            ("yassir", "yasser"),
            ("binyamin", "benjamin"),
            ("mohammed", "mohammad"),
        ] {
            assert!(spelled_alike(a, b) && spelled_alike(b, a), "{a} {b}");
        }
        for (a, b) in [
            ("cherie", "tony"),
            ("mark", "mike"),
            ("jacques", "jean"),
            ("ian", "tony"),
            ("lee", "leo"),
        ] {
            assert!(!spelled_alike(a, b), "{a} {b}");
        }
    }

    #[test]
    fn a_one_word_name_inside_a_longer_proper_name_is_not_matched() {
        let matcher = matcher_of(
            "us\tcountry\tUnited States\tUS\nscotland\tcountry\tScotland\tScottish\n\
             india\tcountry\tIndia\nheineken\torganization\tHeineken\n\
             altria\torganization\tAltria\nvance\tperson\tJD Vance\tVance\n",
        );
        let found = |text: &str| surfaces(text, &matcher.candidates(text));
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("US Airways has asked for more time", &[]),
            ("a Scottish Cup quarter-final", &[]),
            ("the Heineken Cup game was", &[]),
            ("Holcim India Ltd, a cement maker", &[]),
            ("fund manager Eaton Vance Management said", &[]),
            // An organization's own legal name.
            ("Altria Group said", &["Altria"]),
            // Lowercase words, and words that are no heads, leave the name alone.
            ("US airways were busy; the US economy; Scottish football", &["US", "US", "Scottish"]),
            ("Heineken said", &["Heineken"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_middle_initial_or_name_between_a_persons_first_and_last_name() {
        let matcher = matcher_of(
            "powell\tperson\tJerome Powell\n\
             graham\tperson\tLindsey Graham\n\
             warren\tperson\tElizabeth Warren\n\
             ann\tperson\tAnn Widdecombe\n\
             paul\tperson\tPaul McCartney\n\
             bush\tperson\tGeorge W. Bush\tGeorge Bush\n\
             john-paul\tperson\tJohn Paul Jones\n\
             john-jones\tperson\tJohn Jones\n\
             russell\tperson\tDavid Russell\t\tprominence=3\n\
             will\tperson\t=Will Smith\n\
             us\tcountry\tUnited States\tUnited States of America\n",
        );
        // Surface forms, with "^" for a match that needs an anchor.
        let found = |text: &str| -> Vec<String> {
            (matcher.find(text).iter())
                .map(|c| {
                    let anchor = if c.targets.iter().all(|t| t.needs_anchor) {
                        "^"
                    } else {
                        ""
                    };
                    format!("{anchor}{}", &text[c.start..c.end])
                })
                .collect()
        };
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("Fed chair Jerome H. Powell said", &["Jerome H. Powell"]),
            ("Senator Lindsey O Graham said", &["Lindsey O Graham"]),
            ("Senator Elizabeth Ann Warren said", &["Elizabeth Ann Warren"]),
            // A listed form with the initial is found as it is.
            ("George W. Bush and George H. W. Bush", &["George W. Bush"]),
            // A bulk namesake's needs the name without it elsewhere in the document.
            ("film-maker David O Russell", &["^David O Russell"]),
            ("David Paul Russell", &["^David Paul Russell"]),
            // Not a name written as it must be, nor another kind.
            ("Will J. Smith", &[]),
            ("the United X. States", &[]),
            // One initial at most, right after the first name, written as a capital.
            ("Jerome H. K. Powell, Jerome h Powell", &[]),
            // A middle name is a known given name, written with a capital, one at most, and
            // between the first and last word only.
            ("Elizabeth Rodham Warren; Elizabeth ann Warren", &[]),
            ("Elizabeth Ann Paul Warren", &[]),
            ("George Paul W. Bush", &[]),
            // A word that continues a name is read as such, not skipped.
            ("John Paul Jones played", &["John Paul Jones"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_parenthesised_acronym_inside_a_name() {
        let matcher = matcher_of(
            "unga\tcountry\tUnited Nations General Assembly\tUN General Assembly\n\
             un\torganization\tUnited Nations\tUN\n\
             eu\torganization\tEU\n\
             graham\tperson\tLindsey Graham\n",
        );
        let found = |text: &str| surfaces(text, &matcher.find(text));
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("the United Nations (UN) General Assembly voted", &["United Nations (UN) General Assembly"]),
            // An acronym of the name's first letter, in capitals, glued to its parentheses.
            ("the United Nations (EU) General Assembly", &["United Nations", "EU"]),
            ("the United Nations (Un) General Assembly", &["United Nations"]),
            ("the United Nations ( UN ) General Assembly", &["United Nations", "UN"]),
            // Not inside a person's name.
            ("Lindsey (LG) Graham", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_given_name_spelled_like_ones_tells_namesakes_apart() {
        let matcher = matcher_of(
            "ilham\tperson\tIlham Aliyev\tAliyev\n\
             heydar\tperson\tHeydar Aliyev\tAliyev\n\
             khodorkovsky\tperson\tMikhail Khodorkovsky\tKhodorkovsky\n\
             mehriban\tperson\tMehriban Aliyeva\n",
        );
        // Surface forms and the ids of their targets.
        let found = |text: &str| -> Vec<(String, usize)> {
            (matcher.find(text).iter())
                .map(|c| (text[c.start..c.end].to_string(), c.targets.len()))
                .collect()
        };
        #[rustfmt::skip]
        let cases: &[(&str, &[(&str, usize)])] = &[
            ("Azerbaijani President Ilkham Aliyev met", &[("Ilkham Aliyev", 1)]),
            ("its former owner Mihkail Khodorkovsky, who", &[("Mihkail Khodorkovsky", 1)]),
            // Titles and common words spelled like neither leave both; a name that no
            // alias holds is someone else's given name, and takes the surname from both.
            ("President Aliyev said; Then Aliyev", &[("Aliyev", 2), ("Aliyev", 2)]),
            ("Baku Aliyev", &[]),
            // Someone else's given name: neither ("Mehriban" is not "Mikhail").
            ("Mehriban Aliyev", &[]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, usize)> =
                expected.iter().map(|(s, n)| (s.to_string(), *n)).collect();
            assert_eq!(found(text), expected, "{text}");
        }
        let ilkham = matcher.find("Ilkham Aliyev");
        assert_eq!(ilkham[0].targets[0].entity, EntityIndex(0));
    }

    #[test]
    fn a_word_in_capitals_is_no_persons_name_in_mixed_case() {
        let matcher = matcher_of(
            "citu\tperson\tFlorin Cîțu\tCîțu\nabba\tperson\tAgnetha Faltskog\t=ABBA\n\
             us\tcountry\tUnited States\tUS\nnato\torganization\tNato\n\
             netanyahu\tperson\tبنيامين نتنياهو\n",
        );
        let found = |text: &str| surfaces(text, &matcher.find(text));
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("the Centre of Indian Trade Unions (CITU), said", &[]),
            ("FLORIN CITU RESIGNS", &[]),
            ("Citu said; Florin Cîțu said", &["Citu", "Florin Cîțu"]),
            // An alias in capitals, and countries and organizations, as ever.
            ("ABBA, the US and NATO", &["ABBA", "US", "NATO"]),
            // A script without letter case is not written in capitals.
            ("زار بنيامين نتنياهو", &["بنيامين نتنياهو"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_home_country_named_right_before_a_shared_name_is_marked() {
        let matcher = matcher_of(
            "kyrgyzstan\tcountry\tKyrgyzstan\tKyrgyz\nkazakhstan\tcountry\tKazakhstan\tKazakh\n\
             askar\tperson\tAskar Akayev\tAkayev\tcountry=kyrgyzstan\n\
             other\tperson\tNurlan Akayev\tAkayev\tcountry=kazakhstan\n",
        );
        // For each mention of Akayev, the targets marked.
        let marked = |text: &str| -> Vec<Vec<u32>> {
            (matcher.find(text).iter())
                .filter(|c| c.targets.len() == 2)
                .map(|c| {
                    (c.targets.iter())
                        .filter(|t| t.home_named_before)
                        .map(|t| t.entity.0)
                        .collect()
                })
                .collect()
        };
        #[rustfmt::skip]
        let cases: &[(&str, &[&[u32]])] = &[
            ("Kyrgyz President Akayev fled", &[&[2]]),
            ("the Kazakh opposition leader Akayev", &[&[3]]),
            ("Kyrgyz Akayev", &[&[2]]),
            // Too far, or not only role words between, or a comma.
            ("Kyrgyz former acting deputy Prime Minister Akayev", &[&[]]),
            ("Kyrgyz people like Akayev", &[&[]]),
            ("the Kyrgyz president, Akayev", &[&[]]),
        ];
        for (text, expected) in cases {
            assert_eq!(marked(text), *expected, "{text}");
        }
    }

    #[test]
    fn a_month_used_as_a_date_names_nobody() {
        let matcher = matcher_of("may\tperson\tTheresa May\t^=May\njune\tperson\t=June\n");
        let found = |text: &str| surfaces(text, &matcher.candidates(text));
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("likely to take place in May.", &[]),
            ("on 5 May 2005, and since June", &[]),
            ("Theresa May said. Mrs May and June agreed", &["Theresa May", "May", "June"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    #[test]
    fn scores_and_common_words_in_lowercase_name_nothing() {
        let matcher = matcher_of(
            "france\tcountry\tFrance\nfrance-24\torganization\tFrance 24\n\
             pis\torganization\tLaw and Justice\n",
        );
        let found = |text: &str| surfaces(text, &matcher.find(text));
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            ("down to beat France 24-18 in the Six Nations", &["France"]),
            ("told France 24 on Monday", &["France 24"]),
            ("the foundations of law and justice", &[]),
            ("Law and Justice won; LAW AND JUSTICE WINS", &["Law and Justice", "LAW AND JUSTICE"]),
        ];
        for (text, expected) in cases {
            assert_eq!(found(text), *expected, "{text}");
        }
    }

    /// Names in other languages and scripts: alias lines, inflected forms, runs without spaces.
    pub(super) const WORLD: &str = "\
putin\tperson\tVladimir Putin\tPutin
putin\t+ru\tВладимир Путин|Путин
putin\t+uk\tПутін
putin\t+zh\t普京
putin\t+ja\tプーチン
putin\t+ko\t푸틴
putin\t+ar\tبوتين|فلاديمير بوتين
putin\t+fa\tپوتین
putin\t+hi\tपुतिन
putin\t+th\tปูติน
erdogan\tperson\tRecep Tayyip Erdoğan\tErdoğan
erdogan\t+ru\tЭрдоган
erdogan\t+zh\t埃尔多安
erdogan\t+ar\tأردوغان
turkey\tcountry\t=Turkey\tTürkiye
turkey\t+ru\t=Турция
turkey\t+zh\t土耳其|!土耳其溪
turkey\t+ja\tトルコ
turkey\t+ar\tتركيا
turkey\t+es\t=Turquía
turkey\t+de\t=Türkei
china\tcountry\tChina
china\t+zh\t中国
china\t+ar\tالصين
white-house\torganization\tWhite House
white-house\t+he\tהבית הלבן
un\torganization\tUnited Nations\tUN
un\t+ru\tООН|Организация Объединённых Наций
nato\torganization\tNATO
nato\t+zh\t北约
";

    #[test]
    fn news_in_every_script() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("world.tsv", WORLD);
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("Russian cases", "Переговоры Путина и Эрдогана прошли в Турции, Путину подарили ковёр.",
                &[("Путина", "putin"), ("Эрдогана", "erdogan"), ("Турции", "turkey"), ("Путину", "putin")]),
            ("a longer Russian word is not the name", "Путиловский завод и турция с маленькой буквы", &[]),
            ("head noun of a Russian name", "Генсек ООН выступил в Организации Объединённых Наций.",
                &[("ООН", "un"), ("Организации Объединённых Наций", "un")]),
            ("Ukrainian", "Зустріч Путіна та Путіном", &[("Путіна", "putin"), ("Путіном", "putin")]),
            ("Chinese without spaces", "普京总统访问土耳其，会见埃尔多安。",
                &[("普京", "putin"), ("土耳其", "turkey"), ("埃尔多安", "erdogan")]),
            ("a blocking phrase in Chinese", "“土耳其溪”管道", &[]),
            ("Latin letters glued to Chinese", "北约NATO峰会", &[("北约", "nato"), ("NATO", "nato")]),
            ("Japanese", "プーチン大統領がトルコを訪問した。", &[("プーチン", "putin"), ("トルコ", "turkey")]),
            ("Korean particles", "푸틴은 푸틴과 만났다", &[("푸틴은", "putin"), ("푸틴과", "putin")]),
            ("Arabic prefixes", "التقى وبوتين بأردوغان في تركيا وللصين موقف",
                &[("وبوتين", "putin"), ("بأردوغان", "erdogan"), ("تركيا", "turkey"), ("وللصين", "china")]),
            ("Persian typed with Arabic letters", "پوتين گفت", &[("پوتين", "putin")]),
            ("Hebrew prefixes", "הודעה בבית הלבן", &[("בבית הלבן", "white-house")]),
            ("Devanagari vowel signs", "पुतिन ने कहा, पतन नहीं", &[("पुतिन", "putin")]),
            ("Thai without spaces", "ประธานาธิบดีปูตินเดินทางถึงตุรกี", &[("ปูติน", "putin")]),
            ("Turkish apostrophe", "Erdoğan'ın Türkiye'si", &[("Erdoğan", "erdogan"), ("Türkiye", "turkey")]),
            ("Spanish in a Spanish text", "El presidente de Turquía dijo que los acuerdos con Rusia son para la paz.",
                &[("Turquía", "turkey")]),
            ("a Spanish name in an English text", "The word Turquía was on the sign, and the flag was from the market.", &[]),
            ("German", "Die Türkei und die Regierung sind sich einig, sagte der Minister auf der Konferenz.",
                &[("Türkei", "turkey")]),
        ];
        for (name, text, expected) in cases {
            let found: Vec<(&str, &str)> = matcher
                .find(text)
                .iter()
                // A blocking phrase wins its overlap here; the resolver then drops it.
                .filter(|c| !c.targets.iter().all(|t| t.blocks))
                .map(|c| {
                    (
                        &text[c.start..c.end],
                        dictionary.entity(c.targets[0].entity).id.as_str(),
                    )
                })
                .collect();
            assert_eq!(found, *expected, "{name}: {text}");
        }
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

    /// Text pieces in every script: names and their forms, glued prefixes and particles, runs
    /// without spaces, marks, half-width kana, mixed scripts.
    fn world_piece() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(vec![
                "Путина",
                "Путин",
                "ПУТИН",
                "Турции",
                "普京",
                "普京总统",
                "土耳其",
                "土耳其溪",
                "プーチン",
                "ﾌﾟｰﾁﾝ",
                "ネクタイ",
                "푸틴은",
                "وبوتين",
                "بوتين",
                "للصين",
                "پوتین",
                "पुतिन",
                "ปูติน",
                "Turquía",
                "el",
                "que",
                "los",
                "the",
                "\u{3099}",
                "\u{0301}",
                "\u{200D}",
                "·",
                "・",
                " ",
                "\n",
                "。",
                "，",
                "'",
                "-",
                "x",
                "NATO",
                "北约",
            ])
            .prop_map(str::to_string),
            "[a-zа-яё普京土耳其ا-ي ]{0,5}",
        ]
    }

    proptest! {
        #[test]
        fn spans_slice_the_original_in_every_script(
            pieces in proptest::collection::vec(world_piece(), 0..24)
        ) {
            let text: String = pieces.concat();
            let mut builder = DictionaryBuilder::new();
            builder.add_str("world.tsv", super::tests::WORLD);
            let dictionary = builder.build().unwrap();
            let matcher = Matcher::new(&dictionary).unwrap();
            let mut previous_end = 0;
            for candidate in matcher.find(&text) {
                prop_assert!(candidate.start < candidate.end);
                prop_assert!(candidate.start >= previous_end, "overlapping matches");
                previous_end = candidate.end;
                let surface = text.get(candidate.start..candidate.end);
                prop_assert!(surface.is_some(), "not on character boundaries");
                // The surface folds to one of the entity's aliases or their forms.
                let folded = fold(surface.unwrap_or_default(), CaseMode::Insensitive);
                let entity = dictionary.entity(candidate.targets[0].entity);
                let forms: Vec<String> = (entity.aliases.iter())
                    .flat_map(|a| with_forms(a, entity.kind))
                    .map(|a| fold(&a.text, CaseMode::Insensitive))
                    .collect();
                prop_assert!(forms.contains(&folded), "{} is no form of {}", folded, entity.id);
            }
        }

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
