//! Association measures: how strongly two entities are linked, from the same window counts.
//!
//! With `N` the number of windows that hold at least one entity, `n(a)` the windows holding `a`
//! and `n(a,b)` the windows holding both (the edge weight):
//!
//! | measure | definition | range |
//! |---|---|---|
//! | `count` | `n(a,b)` | 1 … |
//! | `pmi` | `log2(n(a,b)·N / (n(a)·n(b)))` | −∞ … log2 N |
//! | `npmi` | `pmi / −log2(n(a,b)/N)` (1 when `n(a,b) = N`) | −1 … 1 |
//! | `jaccard` | `n(a,b) / (n(a) + n(b) − n(a,b))` | 0 … 1 |
//! | `dice` | `2·n(a,b) / (n(a) + n(b))` | 0 … 1 |
//!
//! `count` favours frequent entities (everything links strongly to the country a corpus is
//! about); the others favour pairs that occur together more than their frequencies predict.
//! For token windows, `n(a)` counts the windows opened by `a`'s mentions.

use std::fmt;
use std::str::FromStr;

use super::{Edge, Graph, Node};

/// An association measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    /// Windows shared.
    #[default]
    Count,
    /// Pointwise mutual information (bits).
    Pmi,
    /// Normalised PMI.
    Npmi,
    /// Jaccard index of the window sets.
    Jaccard,
    /// Dice coefficient of the window sets.
    Dice,
}

impl Measure {
    /// Every measure, in documentation order.
    pub const ALL: [Measure; 5] = [
        Measure::Count,
        Measure::Pmi,
        Measure::Npmi,
        Measure::Jaccard,
        Measure::Dice,
    ];

    /// The score of the edge `edge` between `a` and `b` in `graph`. Counts that cannot come from
    /// one extraction (a pair in more windows than an entity) give `NaN` rather than a panic.
    pub fn score(self, graph: &Graph, a: &Node, b: &Node, edge: &Edge) -> f64 {
        let both = edge.weight as f64;
        let (na, nb) = (a.windows as f64, b.windows as f64);
        let total = graph.metadata().windows as f64;
        match self {
            Measure::Count => both,
            Measure::Pmi => (both * total / (na * nb)).log2(),
            Measure::Npmi => {
                if both >= total {
                    1.0
                } else {
                    (both * total / (na * nb)).log2() / -(both / total).log2()
                }
            }
            Measure::Jaccard => both / (na + nb - both),
            Measure::Dice => 2.0 * both / (na + nb),
        }
    }
}

impl FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Measure, String> {
        Measure::ALL
            .into_iter()
            .find(|m| m.to_string() == s)
            .ok_or_else(|| {
                format!("invalid measure `{s}`: expected count, pmi, npmi, jaccard or dice")
            })
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Measure::Count => "count",
            Measure::Pmi => "pmi",
            Measure::Npmi => "npmi",
            Measure::Jaccard => "jaccard",
            Measure::Dice => "dice",
        })
    }
}

/// Formats a score for tables: integers for counts, three decimals otherwise.
pub fn format_score(measure: Measure, score: f64) -> String {
    match measure {
        Measure::Count => format!("{score:.0}"),
        _ => format!("{score:.3}"),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::dictionary::EntityKind;
    use crate::graph::{Metadata, FORMAT_VERSION};

    fn node(id: &str, windows: u64) -> Node {
        Node {
            id: id.into(),
            label: id.into(),
            kind: EntityKind::Person,
            mentions: windows,
            windows,
            documents: vec![],
            attributes: BTreeMap::new(),
            community: None,
            seen: None,
        }
    }

    #[test]
    fn measures_on_known_counts() {
        // N = 100 windows; a in 10, b in 20, both in 5.
        let metadata = Metadata {
            generator: String::new(),
            format_version: FORMAT_VERSION,
            window: "sentence".into(),
            min_weight: 1,
            evidence_per_edge: 0,
            documents: 1,
            windows: 100,
            dictionaries: vec![],
        };
        let edge = Edge {
            weight: 5,
            documents: 1,
            evidence: vec![],
            seen: None,
        };
        let graph = Graph::from_parts(
            metadata,
            vec![node("a", 10), node("b", 20)],
            vec![("a".into(), "b".into(), edge)],
        )
        .unwrap();
        let (a, b, e) = graph.edges().next().unwrap();
        let cases = [
            (Measure::Count, 5.0),
            (Measure::Pmi, (5.0f64 * 100.0 / 200.0).log2()),
            (Measure::Npmi, (2.5f64).log2() / -(0.05f64).log2()),
            (Measure::Jaccard, 5.0 / 25.0),
            (Measure::Dice, 10.0 / 30.0),
        ];
        for (measure, expected) in cases {
            let got = measure.score(&graph, a, b, e);
            assert!(
                (got - expected).abs() < 1e-12,
                "{measure}: {got} vs {expected}"
            );
        }
    }

    #[test]
    fn parsing_round_trips() {
        for m in Measure::ALL {
            assert_eq!(m.to_string().parse::<Measure>(), Ok(m));
        }
        assert!("tfidf".parse::<Measure>().is_err());
    }
}
