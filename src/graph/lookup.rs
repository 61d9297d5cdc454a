//! Finding a node from a name a person typed.
//!
//! A query matches a node when, folded (case and accents ignored, see
//! [`crate::text::fold`](mod@crate::text::fold)), it equals the node's id, its label, or any dictionary alias of its
//! entity. Several matching nodes make the query ambiguous; none gives the closest names by
//! Jaro–Winkler similarity, so "Erdogn" suggests "Recep Tayyip Erdoğan".

use std::collections::BTreeSet;

use super::{Graph, Node};
use crate::dictionary::Dictionary;
use crate::text::{fold, CaseMode};

/// Result of looking a name up.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'g> {
    /// Exactly one node.
    Found(&'g Node),
    /// Several nodes answer to the name, sorted by id.
    Ambiguous(Vec<&'g Node>),
    /// None does; the closest labels, best first (at most five).
    NotFound(Vec<String>),
}

/// Looks `query` up among the nodes of `graph`, using `dictionary` for aliases.
pub fn lookup<'g>(graph: &'g Graph, dictionary: &Dictionary, query: &str) -> Lookup<'g> {
    let wanted = fold(query, CaseMode::Insensitive);
    let names_of = |node: &Node| -> Vec<String> {
        let mut names = vec![
            fold(&node.id, CaseMode::Insensitive),
            fold(&node.label, CaseMode::Insensitive),
        ];
        if let Some(entity) = dictionary.get(&node.id) {
            names.extend(
                entity
                    .aliases
                    .iter()
                    .map(|a| fold(&a.text, CaseMode::Insensitive)),
            );
        }
        names
    };
    let found: Vec<&Node> = graph
        .nodes()
        .filter(|node| names_of(node).contains(&wanted))
        .collect();
    match found.len() {
        1 => Lookup::Found(found[0]),
        0 => {
            let mut scored: Vec<(u32, &str)> = graph
                .nodes()
                .map(|node| {
                    let best = names_of(node)
                        .iter()
                        .map(|name| strsim::jaro_winkler(&wanted, name))
                        .fold(0.0, f64::max);
                    ((best * 1000.0) as u32, node.label.as_str())
                })
                .filter(|&(score, _)| score >= 750)
                .collect();
            scored.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(b.1)));
            let mut seen = BTreeSet::new();
            Lookup::NotFound(
                scored
                    .into_iter()
                    .filter(|(_, label)| seen.insert(*label))
                    .take(5)
                    .map(|(_, label)| label.to_string())
                    .collect(),
            )
        }
        _ => Lookup::Ambiguous(found),
    }
}
