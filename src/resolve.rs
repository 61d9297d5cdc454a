//! Resolution: deciding, from the whole document, what each match names.
//!
//! Two dictionary features need the document as context:
//!
//! - **Anchored aliases** (`^May` for Theresa May) are accepted only when the same entity is
//!   also named in the document through an alias that needs no anchor ("Theresa May"). A
//!   rejected anchored candidate is removed *before* overlaps are settled, so it cannot hide
//!   another match.
//! - **Blocking phrases** (`!New Mexico` for Mexico) take part in overlap resolution, so the
//!   alias inside them is not matched, and are then removed: they name nothing.
//! - **Shared aliases** ("Berdymukhamedov", for the father and the son): if exactly one of the
//!   candidates is named unambiguously elsewhere in the same document, the mention is that one;
//!   otherwise, if exactly one candidate belongs to a country the document names (its `country`
//!   attribute: "Grace Otieno" of Kenya in a story that names Kenya, not her namesake of Ghana),
//!   that one; otherwise, when the document names none of them, **prominence** decides if it is plain: the
//!   candidate whose [prominence](crate::dictionary::Entity::prominence) is at least
//!   [`PROMINENCE_MARGIN`] times every other candidate's (a curated newsmaker over a namesake from
//!   a bulk list of legislators; a twelve-term senator over a one-term deputy). Failing both,
//!   the mention stays ambiguous, is reported with its candidates, and links nothing: kgx
//!   does not guess between equals.

use std::collections::BTreeSet;

use crate::dictionary::EntityIndex;
use crate::matcher::{
    leftmost_longest_indices, select_leftmost_longest, Candidate, CandidateTarget,
};

/// How many times more prominent than every other candidate an entity must be to take a shared
/// name that the document does not otherwise explain.
pub const PROMINENCE_MARGIN: u64 = 4;

/// What a mention names once the document is taken into account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one entity.
    Entity(EntityIndex),
    /// Several entities share the alias and the document does not tell them apart.
    Ambiguous(Vec<EntityIndex>),
}

/// A resolved match: its span in the original text and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The entity, or the candidates when ambiguous.
    pub resolution: Resolution,
}

impl Mention {
    /// The entity, when the mention is not ambiguous.
    pub fn entity(&self) -> Option<EntityIndex> {
        match self.resolution {
            Resolution::Entity(entity) => Some(entity),
            Resolution::Ambiguous(_) => None,
        }
    }
}

/// Resolves the candidates of one whole document (as returned by
/// [`Matcher::candidates`](crate::matcher::Matcher::candidates)) into mentions in text order.
pub fn resolve(candidates: Vec<Candidate>) -> Vec<Mention> {
    // Entities named somewhere without needing an anchor.
    let anchored: BTreeSet<EntityIndex> = leftmost_longest_indices(&candidates)
        .into_iter()
        .flat_map(|i| candidates[i].targets.iter())
        .filter(|t| !t.needs_anchor && !t.blocks)
        .map(|t| t.entity)
        .collect();
    let candidates: Vec<Candidate> = candidates
        .into_iter()
        .filter_map(|mut c| {
            c.targets
                .retain(|t| !t.needs_anchor || anchored.contains(&t.entity));
            (!c.targets.is_empty()).then_some(c)
        })
        .collect();
    // Blocking phrases ("New Mexico") have hidden what they contain; now they go too.
    let selected: Vec<Candidate> = select_leftmost_longest(candidates)
        .into_iter()
        .filter_map(|mut c| {
            c.targets.retain(|t| !t.blocks);
            (!c.targets.is_empty()).then_some(c)
        })
        .collect();

    let unambiguous: BTreeSet<EntityIndex> = selected
        .iter()
        .filter(|c| c.targets.len() == 1)
        .map(|c| c.targets[0].entity)
        .collect();
    selected
        .into_iter()
        .map(|c| {
            let resolution = match c.targets.as_slice() {
                [only] => Resolution::Entity(only.entity),
                several => {
                    let named: Vec<EntityIndex> = several
                        .iter()
                        .map(|t| t.entity)
                        .filter(|e| unambiguous.contains(e))
                        .collect();
                    let from_named_country: Vec<EntityIndex> = several
                        .iter()
                        .filter(|t| t.home.is_some_and(|home| unambiguous.contains(&home)))
                        .map(|t| t.entity)
                        .collect();
                    match (named.as_slice(), from_named_country.as_slice()) {
                        ([one], _) | ([], [one]) => Resolution::Entity(*one),
                        ([], _) => match most_prominent(several) {
                            Some(clear) => Resolution::Entity(clear),
                            None => {
                                Resolution::Ambiguous(several.iter().map(|t| t.entity).collect())
                            }
                        },
                        _ => Resolution::Ambiguous(several.iter().map(|t| t.entity).collect()),
                    }
                }
            };
            Mention {
                start: c.start,
                end: c.end,
                resolution,
            }
        })
        .collect()
}

/// The candidate at least [`PROMINENCE_MARGIN`] times as prominent as each of the others.
fn most_prominent(candidates: &[CandidateTarget]) -> Option<EntityIndex> {
    let top = candidates.iter().max_by_key(|t| t.prominence)?;
    candidates
        .iter()
        .filter(|t| t.entity != top.entity)
        .all(|t| u64::from(top.prominence) >= PROMINENCE_MARGIN * u64::from(t.prominence))
        .then_some(top.entity)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::{Dictionary, DictionaryBuilder};
    use crate::matcher::Matcher;

    const DICTIONARY: &str = "\
gurbanguly\tperson\tGurbanguly Berdymukhamedov\tBerdymukhamedov
serdar\tperson\tSerdar Berdymukhamedov\tBerdymukhamedov
theresa-may\tperson\tTheresa May\t^May
may-day\torganization\tMay Day Committee
mexico\tcountry\tMexico\t!New Mexico
smith-senator\tperson\tJohn Smith\t\tprominence=12
smith-deputy\tperson\tJohn Smith\tJohn Quincy Smith\tprominence=3
doe-a\tperson\tJane Doe\t\tprominence=3
doe-b\tperson\tJane Doe\t\tprominence=2
mensah-curated\tperson\tKofi Mensah
kenya\tcountry\tKenya
ghana\tcountry\tGhana
otieno-kenya\tperson\tGrace Otieno\t\tcountry=kenya;prominence=2
otieno-ghana\tperson\tGrace Otieno\t\tcountry=ghana;prominence=3
mensah-bulk\tperson\tKofi Mensah\t\tprominence=1000000
";

    fn resolved(text: &str) -> Vec<(String, String)> {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", DICTIONARY);
        let dictionary: Dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        resolve(matcher.candidates(text))
            .into_iter()
            .map(|m| {
                let what = match &m.resolution {
                    Resolution::Entity(e) => dictionary.entity(*e).id.clone(),
                    Resolution::Ambiguous(es) => format!(
                        "ambiguous:{}",
                        es.iter()
                            .map(|e| dictionary.entity(*e).id.as_str())
                            .collect::<Vec<_>>()
                            .join(",")
                    ),
                };
                (text[m.start..m.end].to_string(), what)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn shared_alias_resolves_to_the_only_candidate_named_in_full() {
        let text = "Serdar Berdymukhamedov met guests. Berdymukhamedov said.";
        assert_eq!(
            resolved(text),
            pairs(&[
                ("Serdar Berdymukhamedov", "serdar"),
                ("Berdymukhamedov", "serdar")
            ])
        );
    }

    #[test]
    fn shared_alias_stays_ambiguous_when_both_or_neither_are_named() {
        let both =
            "Serdar Berdymukhamedov, son of Gurbanguly Berdymukhamedov. Berdymukhamedov said.";
        assert_eq!(
            resolved(both).last().unwrap().1,
            "ambiguous:gurbanguly,serdar"
        );
        assert_eq!(
            resolved("Berdymukhamedov said."),
            pairs(&[("Berdymukhamedov", "ambiguous:gurbanguly,serdar")])
        );
    }

    #[test]
    fn anchored_alias_needs_the_full_name_in_the_document() {
        assert_eq!(resolved("They may visit in May."), pairs(&[]));
        assert_eq!(
            resolved("Theresa May spoke. May said no."),
            pairs(&[("Theresa May", "theresa-may"), ("May", "theresa-may")])
        );
    }

    #[test]
    fn blocking_phrase_hides_the_alias_inside_it_and_names_nothing() {
        assert_eq!(
            resolved("Santa Fe, New Mexico, is not in Mexico."),
            pairs(&[("Mexico", "mexico")])
        );
        assert_eq!(resolved("New Mexico only."), pairs(&[]));
    }

    #[test]
    fn rejected_anchored_candidate_hides_nothing() {
        // "May Day Committee" starts where the anchored "May" would; without an anchor the
        // longer organization name is still found, and with one it still wins as the longest.
        assert_eq!(
            resolved("The May Day Committee met."),
            pairs(&[("May Day Committee", "may-day")])
        );
    }

    #[test]
    fn a_shared_full_name_goes_to_the_far_more_prominent_namesake() {
        // 12 terms against 3: four times as prominent.
        assert_eq!(
            resolved("John Smith spoke."),
            pairs(&[("John Smith", "smith-senator")])
        );
        // 3 against 2 is no plain answer.
        assert_eq!(
            resolved("Jane Doe spoke."),
            pairs(&[("Jane Doe", "ambiguous:doe-a,doe-b")])
        );
        // A curated entry outranks any bulk one.
        assert_eq!(
            resolved("Kofi Mensah spoke."),
            pairs(&[("Kofi Mensah", "mensah-curated")])
        );
    }

    #[test]
    fn the_document_overrules_prominence() {
        assert_eq!(
            resolved("John Quincy Smith spoke. Later John Smith said no."),
            pairs(&[
                ("John Quincy Smith", "smith-deputy"),
                ("John Smith", "smith-deputy")
            ])
        );
    }

    #[test]
    fn a_named_country_tells_namesakes_apart() {
        assert_eq!(
            resolved("In Kenya, Grace Otieno spoke."),
            pairs(&[("Kenya", "kenya"), ("Grace Otieno", "otieno-kenya")])
        );
        assert_eq!(
            resolved("Grace Otieno spoke in Accra, Ghana."),
            pairs(&[("Grace Otieno", "otieno-ghana"), ("Ghana", "ghana")])
        );
        // Both countries named: no evidence either way, and 3 against 2 is no plain answer.
        assert_eq!(
            resolved("Grace Otieno flew from Kenya to Ghana."),
            pairs(&[
                ("Grace Otieno", "ambiguous:otieno-kenya,otieno-ghana"),
                ("Kenya", "kenya"),
                ("Ghana", "ghana")
            ])
        );
    }
}
