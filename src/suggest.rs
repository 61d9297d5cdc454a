//! `kgx dict suggest`: dictionary lines a corpus asks for, most frequent first.
//!
//! The corpus is extracted with discovery on ([`crate::discover`]), and three kinds of
//! suggestion come out of it, each with its counts and the first sentence that shows it:
//!
//! - **New entities**: provisional people and organizations found in at least
//!   [`SuggestOptions::min_documents`] documents, as dictionary lines ready to append to your
//!   own dictionary (`--dict`), with the acronym of its initials written in brackets after the
//!   name at least twice ("Secondary Heads Association (SHA)" gives the alias `SHA`).
//! - **New aliases of known entities**: a discovered person whose name is a known person's with
//!   a middle name ("Elizabeth Ann Warren" for Elizabeth Warren) or with the given name spelled
//!   differently ("Ilkham Aliyev" for Ilham Aliyev, in a document that names him), and an
//!   acronym in brackets right after a known entity's name that no dictionary has, made of the
//!   name's initials ("Financial Services Authority (FSA)"; not "MCB" for Britain in "Muslim
//!   Council of Britain (MCB)"). These are written as the entity's whole line with the alias
//!   added, to replace the line in the file it comes from (named in the comment).
//!
//! Nothing here decides for the user: a suggestion is a line to read before it is pasted.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use crate::dictionary::parse::{format_line, is_valid_id};
use crate::dictionary::{Alias, Dictionary, Entity, EntityIndex, EntityKind};
use crate::document::AnalyzedDocument;
use crate::error::{location, Error, Result};
use crate::extract::Extractor;
use crate::input::Source;
use crate::matcher::spelled_alike;
use crate::text::{fold, CaseMode};

/// Longest example sentence shown, in characters.
const EXAMPLE_CHARS: usize = 160;

/// What `kgx dict suggest` keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuggestOptions {
    /// Fewest documents a new entity must appear in.
    pub min_documents: u64,
    /// Most suggestions of each kind printed (0: all).
    pub limit: usize,
}

impl Default for SuggestOptions {
    fn default() -> SuggestOptions {
        SuggestOptions {
            min_documents: 2,
            limit: 0,
        }
    }
}

/// One suggested dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The line, as it would stand in a dictionary file.
    pub line: String,
    /// Mentions that support it.
    pub mentions: u64,
    /// Documents that support it.
    pub documents: u64,
    /// The first sentence that shows it.
    pub example: String,
    /// For a new alias: the alias, and where the entity's line is (`file:line`).
    pub alias_of: Option<(String, String)>,
}

/// Everything suggested for one corpus.
#[derive(Debug, Default)]
pub struct Suggestions {
    /// Documents read.
    pub documents: u64,
    /// Inputs that could not be read.
    pub failures: Vec<Error>,
    /// New entities, most documents first.
    pub entities: Vec<Suggestion>,
    /// New aliases of dictionary entities, most documents first.
    pub aliases: Vec<Suggestion>,
}

/// Evidence gathered for one suggestion.
#[derive(Debug, Default)]
struct Tally {
    mentions: u64,
    documents: u64,
    last_document: Option<u64>,
    example: String,
}

impl Tally {
    fn count(&mut self, document: u64, example: impl FnOnce() -> String) {
        self.mentions += 1;
        if self.last_document != Some(document) {
            self.last_document = Some(document);
            self.documents += 1;
        }
        if self.example.is_empty() {
            self.example = example();
        }
    }
}

/// Runs `extractor` (which must have discovery on) over `sources` and gathers suggestions.
///
/// # Errors
/// As [`Extractor::run`]; unreadable inputs are listed in [`Suggestions::failures`].
pub fn suggest(
    extractor: &Extractor,
    sources: &[Source],
    options: SuggestOptions,
) -> Result<Suggestions> {
    let dictionary = extractor.dictionary();
    let matcher = extractor.matcher();
    let first_provisional = dictionary.len() as u32;
    // Provisional entities by id: (kind, name, tally, acronyms).
    let mut new_entities: BTreeMap<String, (EntityKind, String, Tally, BTreeMap<String, u64>)> =
        BTreeMap::new();
    // (dictionary entity, alias) → tally.
    let mut new_aliases: BTreeMap<(EntityIndex, String), Tally> = BTreeMap::new();
    // Provisional ids that are variants of dictionary entities, not new ones.
    let mut variants: HashSet<String> = HashSet::new();
    let mut document_number = 0u64;
    let extraction = extractor.run(sources, |document, catalog| {
        document_number += 1;
        let sentence_of = |start: usize| example(document, start);
        let named: Vec<EntityIndex> = document
            .mentions
            .iter()
            .filter_map(|m| m.mention.entity())
            .filter(|e| e.0 < first_provisional)
            .collect();
        for m in &document.mentions {
            let Some(index) = m.mention.entity() else {
                continue;
            };
            let entity = catalog.entity(index);
            let surface = document.slice(m.mention.start, m.mention.end);
            let acronym = acronym_after(&document.document.text, m.mention.end)
                .filter(|a| initials(surface) == *a && matcher.pattern_of(a).is_none());
            if index.0 < first_provisional {
                if let Some(acronym) = acronym {
                    let known = entity.aliases.iter().any(|a| a.text == acronym);
                    if !known {
                        new_aliases
                            .entry((index, acronym.to_string()))
                            .or_default()
                            .count(document_number, || sentence_of(m.mention.start));
                    }
                }
                continue;
            }
            if let Some(known) = known_variant(dictionary, entity, &named) {
                variants.insert(entity.id.clone());
                new_aliases
                    .entry((known, entity.name.clone()))
                    .or_default()
                    .count(document_number, || sentence_of(m.mention.start));
                continue;
            }
            let slot = new_entities.entry(entity.id.clone()).or_insert_with(|| {
                (
                    entity.kind,
                    entity.name.clone(),
                    Tally::default(),
                    BTreeMap::new(),
                )
            });
            slot.2
                .count(document_number, || sentence_of(m.mention.start));
            if let Some(acronym) = acronym {
                *slot.3.entry(acronym.to_string()).or_default() += 1;
            }
        }
        Ok(())
    })?;

    let mut suggestions = Suggestions {
        documents: extraction.graph.metadata().documents,
        failures: extraction.failures,
        ..Suggestions::default()
    };
    let mut taken_ids: HashSet<String> = HashSet::new();
    for (provisional_id, (kind, name, tally, acronyms)) in new_entities {
        if tally.documents < options.min_documents || variants.contains(&provisional_id) {
            continue;
        }
        let id = new_id(dictionary, &provisional_id, &mut taken_ids);
        let mut aliases = vec![alias(&name)];
        // An acronym seen once may be a slip; twice is the organization's habit.
        aliases.extend(
            acronyms
                .iter()
                .filter(|&(_, &n)| n >= 2)
                .map(|(a, _)| alias(a)),
        );
        suggestions.entities.push(Suggestion {
            line: format_line(&id, kind, &aliases, &BTreeMap::new()),
            mentions: tally.mentions,
            documents: tally.documents,
            example: tally.example,
            alias_of: None,
        });
    }
    for ((index, new_alias), tally) in new_aliases {
        let entity = dictionary.entity(index);
        // The entity's own line: its aliases in other languages are on alias lines of
        // other files, which stay as they are.
        let mut aliases: Vec<Alias> = (entity.aliases.iter())
            .filter(|a| a.language.is_none())
            .cloned()
            .collect();
        aliases.push(alias(&new_alias));
        suggestions.aliases.push(Suggestion {
            line: format_line(&entity.id, entity.kind, &aliases, &entity.attributes),
            mentions: tally.mentions,
            documents: tally.documents,
            example: tally.example,
            alias_of: Some((
                new_alias,
                location(&entity.origin.path, entity.origin.line).to_string(),
            )),
        });
    }
    for list in [&mut suggestions.entities, &mut suggestions.aliases] {
        // Stable after the ordered maps: ties stay in id order.
        list.sort_by_key(|s| std::cmp::Reverse((s.documents, s.mentions)));
        if options.limit > 0 {
            list.truncate(options.limit);
        }
    }
    Ok(suggestions)
}

/// Writes the suggestions as a dictionary file: comments say why, lines say what.
///
/// # Errors
/// Whatever the writer returns.
pub fn write(suggestions: &Suggestions, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# kgx dict suggest: {} documents, {} new entities, {} new aliases (most frequent first).",
        suggestions.documents,
        suggestions.entities.len(),
        suggestions.aliases.len()
    )?;
    writeln!(
        out,
        "# Read each line before you keep it: these are suggestions, not facts."
    )?;
    writeln!(
        out,
        "\n# New entities: append the lines you keep to your dictionary (--dict FILE)."
    )?;
    for s in &suggestions.entities {
        writeln!(out, "# {}: {}", counts(s), s.example)?;
        writeln!(out, "{}", s.line)?;
    }
    writeln!(
        out,
        "\n# New aliases of known entities: the entity's line with the alias added, to replace\n\
         # that line in the file named."
    )?;
    for s in &suggestions.aliases {
        if let Some((alias, place)) = &s.alias_of {
            writeln!(out, "# {alias:?} ({place}), {}: {}", counts(s), s.example)?;
        }
        writeln!(out, "{}", s.line)?;
    }
    Ok(())
}

fn counts(s: &Suggestion) -> String {
    let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} in {}",
        plural(s.mentions, "mention"),
        plural(s.documents, "document")
    )
}

/// A plain alias (no flags).
fn alias(text: &str) -> Alias {
    Alias {
        text: text.to_string(),
        case_sensitive: false,
        needs_anchor: false,
        blocks: false,
        language: None,
    }
}

/// The sentence holding `start`, on one line, shortened.
fn example(document: &AnalyzedDocument, start: usize) -> String {
    let span = document
        .segments
        .sentence_at(start)
        .map(|i| document.segments.sentences[i].span);
    let text = span.map_or("", |s| document.slice(s.start, s.end));
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > EXAMPLE_CHARS {
        let cut: String = one_line.chars().take(EXAMPLE_CHARS).collect();
        format!("{cut}…")
    } else {
        one_line
    }
}

/// The initials of the capitalised words of `name`: "Muslim Council of Britain" → `MCB`.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|word| word.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An acronym in brackets right after a name: "Financial Services Authority (FSA)".
fn acronym_after(text: &str, end: usize) -> Option<&str> {
    let rest = text.get(end..)?.strip_prefix(" (")?;
    let close = rest.find(')')?;
    let acronym = &rest[..close];
    let letters = acronym.chars().filter(char::is_ascii_uppercase).count();
    let shaped = (2..=8).contains(&acronym.len())
        && letters >= 2
        && acronym
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '&');
    shaped.then_some(acronym)
}

/// The dictionary person among `named` (entities the document names) of whom the provisional
/// person `found` is a variant: the same surname and given name with a middle name between, or
/// a given name spelled alike.
fn known_variant(
    dictionary: &Dictionary,
    found: &Entity,
    named: &[EntityIndex],
) -> Option<EntityIndex> {
    if found.kind != EntityKind::Person {
        return None;
    }
    let folded = fold(&found.name, CaseMode::Insensitive);
    let words: Vec<&str> = folded.split(' ').collect();
    let (first, last) = (*words.first()?, *words.last()?);
    named.iter().copied().find(|&index| {
        let known = dictionary.entity(index);
        if known.kind != EntityKind::Person {
            return false;
        }
        let known_name = fold(&known.name, CaseMode::Insensitive);
        let known_words: Vec<&str> = known_name.split(' ').collect();
        let (Some(&known_first), Some(&known_last)) = (known_words.first(), known_words.last())
        else {
            return false;
        };
        known_words.len() >= 2
            && known_last == last
            && known_name != folded
            && ((known_first == first && words.len() == known_words.len() + 1)
                || (words.len() == known_words.len() && spelled_alike(known_first, first)))
    })
}

/// A dictionary id for a provisional entity: its slug, made unique among the dictionary's ids.
fn new_id(dictionary: &Dictionary, provisional_id: &str, taken: &mut HashSet<String>) -> String {
    let slug = provisional_id
        .strip_prefix(crate::document::provisional::ID_PREFIX)
        .unwrap_or(provisional_id);
    let base = if is_valid_id(slug) {
        slug.to_string()
    } else {
        "entity".to_string()
    };
    let mut id = base.clone();
    let mut n = 1;
    while dictionary.index_of(&id).is_some() || taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    #[test]
    fn acronyms_are_the_initials_of_the_name_right_before_them() {
        let cases = [
            (
                "the Financial Services Authority (FSA) said",
                32,
                Some("FSA"),
            ),
            ("General Motors (GM) is recalling", 14, Some("GM")),
            ("the Muslim Council of Britain (MCB).", 29, Some("MCB")),
            ("General Motors (gm) is", 14, None),
            ("General Motors (G) is", 14, None),
            ("General Motors [GM] is", 14, None),
        ];
        for (text, end, expected) in cases {
            assert_eq!(acronym_after(text, end), expected, "{text}");
        }
        assert_eq!(initials("Financial Services Authority"), "FSA");
        assert_eq!(initials("Muslim Council of Britain"), "MCB");
        assert_ne!(
            initials("Britain"),
            "MCB",
            "an acronym is the initials of the mention itself"
        );
    }

    #[test]
    fn variants_are_middle_names_and_given_names_spelled_alike() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "t.tsv",
            "warren\tperson\tElizabeth Warren\n\
             ilham\tperson\tIlham Aliyev\n\
             heydar\tperson\tHeydar Aliyev\n\
             acme\torganization\tAcme Warren\n",
        );
        let dictionary = builder.build().unwrap();
        let named: Vec<EntityIndex> = dictionary.iter().map(|(i, _)| i).collect();
        let found = |name: &str| Entity {
            id: "provisional:x".into(),
            kind: EntityKind::Person,
            name: name.into(),
            aliases: Vec::new(),
            attributes: BTreeMap::new(),
            origin: dictionary.entity(named[0]).origin.clone(),
        };
        let variant_of = |name: &str| {
            known_variant(&dictionary, &found(name), &named)
                .map(|i| dictionary.entity(i).id.clone())
        };
        assert_eq!(
            variant_of("Elizabeth Ann Warren").as_deref(),
            Some("warren")
        );
        assert_eq!(variant_of("Ilkham Aliyev").as_deref(), Some("ilham"));
        assert_eq!(
            variant_of("Mark Warren"),
            None,
            "another given name is another person"
        );
        assert_eq!(
            variant_of("Elizabeth Ann Marie Warren"),
            None,
            "one middle name at most"
        );
        assert_eq!(
            variant_of("Elizabeth Warren"),
            None,
            "the same name is no variant"
        );
    }
}
