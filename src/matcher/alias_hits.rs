//! How often each alias of a dictionary is the match the matcher chooses in a corpus
//! (`kgx dict check --corpus`): aliases that never match are dead weight or a typo, and those
//! that match far more than expected are worth a look.

use std::collections::{BTreeMap, HashSet};

use super::Matcher;
use crate::dictionary::{Dictionary, EntityIndex};

/// How often one alias was the chosen match in a corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasHits {
    /// The entity.
    pub entity: EntityIndex,
    /// The alias as written in the dictionary.
    pub alias: String,
    /// Number of matches.
    pub hits: u64,
}

/// Counts, over `texts`, how often each alias of each entity is the match the matcher chooses
/// (leftmost-longest, before document context). Every alias appears, with 0 when it never
/// matched; the order is the dictionary's.
pub fn corpus_hits<'t>(
    dictionary: &Dictionary,
    matcher: &Matcher,
    texts: impl IntoIterator<Item = &'t str>,
) -> Vec<AliasHits> {
    let mut by_pattern: BTreeMap<(u32, EntityIndex), u64> = BTreeMap::new();
    for text in texts {
        for candidate in matcher.find(text) {
            for target in &candidate.targets {
                *by_pattern
                    .entry((candidate.pattern, target.entity))
                    .or_default() += 1;
            }
        }
    }
    let mut out = Vec::new();
    for (index, entity) in dictionary.iter() {
        let mut counted = HashSet::new();
        for alias in &entity.aliases {
            // Two spellings of one folded form share their hits; count them once.
            let hits = match matcher.pattern_of(&alias.text) {
                Some(pattern) if counted.insert(pattern) => {
                    by_pattern.get(&(pattern, index)).copied().unwrap_or(0)
                }
                _ => 0,
            };
            out.push(AliasHits {
                entity: index,
                alias: alias.text.clone(),
                hits,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    #[test]
    fn corpus_hits_count_chosen_matches_per_alias() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "d.tsv",
            "putin\tperson\tVladimir Putin\tPutin|Vladimir Vladimirovich Putin\n",
        );
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let hits = corpus_hits(
            &dictionary,
            &matcher,
            ["Vladimir Putin met Putin's aides.", "putin said."],
        );
        let counts: Vec<(&str, u64)> = hits.iter().map(|h| (h.alias.as_str(), h.hits)).collect();
        assert_eq!(
            counts,
            [
                ("Vladimir Putin", 1),
                ("Putin", 2),
                ("Vladimir Vladimirovich Putin", 0)
            ]
        );
    }
}
