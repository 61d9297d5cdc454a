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
//! - **Shared aliases** ("Berdymukhamedov", for the father and the son) are decided in this
//!   order:
//!   1. if exactly one of the candidates is named unambiguously elsewhere in the same document,
//!      the mention is that one;
//!   2. if several are, the one whose home country is named right before the mention
//!      ("Kyrgyz President Akayev", see [`CandidateTarget::home_named_before`]), else the one
//!      named **last before** the mention: in a story about George W. Bush that names his
//!      father once, "Bush" after the father's name is the father, and after the son's next
//!      full name the son again; a mention before any of them stays ambiguous;
//!   3. if none is, the one whose home country is named right before the mention; else the
//!      one that belongs to a country the document names (its `country` attribute: "Grace
//!      Otieno" of Kenya in a story that names Kenya, not her namesake of Ghana);
//!   4. else **prominence** decides if it is plain: the candidate whose
//!      [prominence](crate::dictionary::Entity::prominence) is at least [`PROMINENCE_MARGIN`]
//!      times every other candidate's (a curated newsmaker over a namesake from a bulk list of
//!      legislators; a twelve-term senator over a one-term deputy).
//!
//!   Failing all, the mention stays ambiguous, is reported with its candidates, and links
//!   nothing: kgx does not guess between equals.

use std::collections::{BTreeMap, BTreeSet};

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
    // Where each entity was last named unambiguously, as the mentions go by in text order.
    let mut last_named: BTreeMap<EntityIndex, usize> = BTreeMap::new();
    selected
        .into_iter()
        .map(|c| {
            let resolution = match c.targets.as_slice() {
                [only] => {
                    last_named.insert(only.entity, c.start);
                    Resolution::Entity(only.entity)
                }
                several => shared(several, &unambiguous, &last_named),
            };
            Mention {
                start: c.start,
                end: c.end,
                resolution,
            }
        })
        .collect()
}

/// What a shared name (`several` candidates) names, given the entities named unambiguously in
/// the document and where each was last named before the mention.
fn shared(
    several: &[CandidateTarget],
    unambiguous: &BTreeSet<EntityIndex>,
    last_named: &BTreeMap<EntityIndex, usize>,
) -> Resolution {
    let only = |picked: Vec<EntityIndex>| match picked.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let named: Vec<&CandidateTarget> = (several.iter())
        .filter(|t| unambiguous.contains(&t.entity))
        .collect();
    let home_before = |among: &[&CandidateTarget]| {
        only(
            (among.iter())
                .filter(|t| t.home_named_before)
                .map(|t| t.entity)
                .collect(),
        )
    };
    let picked = match named.as_slice() {
        [one] => Some(one.entity),
        // Several named in the document: the country right before the mention, else the one
        // named last before it.
        [_, _, ..] => home_before(&named).or_else(|| {
            let last = (named.iter())
                .filter_map(|t| Some((*last_named.get(&t.entity)?, t.entity)))
                .max();
            last.map(|(_, entity)| entity)
        }),
        [] => {
            let all: Vec<&CandidateTarget> = several.iter().collect();
            home_before(&all)
                .or_else(|| {
                    only(
                        (several.iter())
                            .filter(|t| t.home.is_some_and(|home| unambiguous.contains(&home)))
                            .map(|t| t.entity)
                            .collect(),
                    )
                })
                .or_else(|| most_prominent(several))
        }
    };
    match picked {
        Some(entity) => Resolution::Entity(entity),
        None => Resolution::Ambiguous(several.iter().map(|t| t.entity).collect()),
    }
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
kyrgyzstan\tcountry\tKyrgyzstan\tKyrgyz
kazakhstan\tcountry\tKazakhstan\tKazakh
akayev-kyrgyz\tperson\tAskar Akayev\tAkayev\tcountry=kyrgyzstan
akayev-kazakh\tperson\tNurlan Akayev\tAkayev\tcountry=kazakhstan
ilham\tperson\tIlham Aliyev\tAliyev
heydar\tperson\tHeydar Aliyev\tAliyev
russell-bulk\tperson\tDavid Russell\t\tprominence=3
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
    fn shared_alias_goes_to_the_one_named_last_before_it() {
        #[rustfmt::skip]
        let cases: &[(&str, &str)] = &[
            // Both named: the one named nearest before the mention.
            ("Serdar Berdymukhamedov, son of Gurbanguly Berdymukhamedov. Berdymukhamedov said.", "gurbanguly"),
            ("Gurbanguly Berdymukhamedov, father of Serdar Berdymukhamedov. Berdymukhamedov said.", "serdar"),
            // Both named, but only after it: no telling.
            ("Berdymukhamedov said. Serdar Berdymukhamedov and Gurbanguly Berdymukhamedov.", "ambiguous:gurbanguly,serdar"),
            // Neither named.
            ("Berdymukhamedov said.", "ambiguous:gurbanguly,serdar"),
        ];
        for (text, expected) in cases {
            let berdymukhamedov = resolved(text)
                .into_iter()
                .find(|(surface, _)| surface == "Berdymukhamedov");
            assert_eq!(berdymukhamedov.unwrap().1, *expected, "{text}");
        }
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

    #[test]
    fn a_country_right_before_a_shared_name_breaks_a_tie() {
        #[rustfmt::skip]
        let cases: &[(&str, &[(&str, &str)])] = &[
            // Both countries named: the one right before the name decides.
            ("Kyrgyz President Akayev met the Kazakh envoy.", &[("Kyrgyz", "kyrgyzstan"), ("Akayev", "akayev-kyrgyz"), ("Kazakh", "kazakhstan")]),
            ("Kyrgyz officials met Kazakh opposition leader Akayev.", &[("Kyrgyz", "kyrgyzstan"), ("Kazakh", "kazakhstan"), ("Akayev", "akayev-kazakh")]),
            // Named in full elsewhere still comes first.
            ("Nurlan Akayev spoke. Kyrgyz President Akayev did not.", &[("Nurlan Akayev", "akayev-kazakh"), ("Kyrgyz", "kyrgyzstan"), ("Akayev", "akayev-kazakh")]),
        ];
        for (text, expected) in cases {
            assert_eq!(resolved(text), pairs(expected), "{text}");
        }
    }

    #[test]
    fn a_spelling_of_a_given_name_names_one_namesake_for_the_whole_document() {
        assert_eq!(
            resolved("Azerbaijani President Ilkham Aliyev arrived. Aliyev said."),
            pairs(&[("Ilkham Aliyev", "ilham"), ("Aliyev", "ilham")])
        );
    }

    #[test]
    fn a_bulk_persons_name_with_a_middle_initial_needs_the_plain_name_too() {
        #[rustfmt::skip]
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("The film-maker David O Russell said.", &[]),
            ("David Russell MSP spoke. David O. Russell agreed.", &[("David Russell", "russell-bulk"), ("David O. Russell", "russell-bulk")]),
        ];
        for (text, expected) in cases {
            assert_eq!(resolved(text), pairs(expected), "{text}");
        }
    }
}
