//! Building the graph from analysed documents, one document at a time.
//!
//! The builder keeps only counts and a capped amount of evidence, so memory grows with the
//! number of distinct entities and pairs, not with the corpus. Documents must be added in a
//! fixed order (input order): evidence is "the first K windows", so the order decides which
//! ones are kept, and a fixed order makes the output independent of the thread count.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::window::{units, Unit, Window};
use super::{Edge, Evidence, Graph, Metadata, Node, Seen, FORMAT_VERSION};
use crate::dictionary::{Dictionary, EntityIndex};
use crate::discover::provisional::Catalog;
use crate::document::AnalyzedDocument;

/// What the builder does with the windows it sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphConfig {
    /// The co-occurrence window.
    pub window: Window,
    /// Edges with a lower weight are dropped when the graph is finished.
    pub min_weight: u64,
    /// Most evidence entries kept per edge.
    pub evidence_per_edge: usize,
}

impl Default for GraphConfig {
    fn default() -> GraphConfig {
        GraphConfig {
            window: Window::Sentence,
            min_weight: 1,
            evidence_per_edge: 3,
        }
    }
}

#[derive(Debug, Default)]
struct NodeCounts {
    mentions: u64,
    windows: u64,
    documents: Vec<u32>,
    seen: Option<Seen>,
}

#[derive(Debug)]
struct EdgeCounts {
    weight: u64,
    documents: u64,
    last_document: u32,
    evidence: Vec<Evidence>,
    seen: Option<Seen>,
}

/// Accumulates analysed documents into a [`Graph`].
#[derive(Debug)]
pub struct GraphBuilder<'d> {
    dictionary: &'d Dictionary,
    config: GraphConfig,
    documents: Vec<String>,
    windows: u64,
    // foldhash: the keys are small integers, hashed for every mention and pair; the order of
    // the maps never reaches the output (the graph sorts its nodes and edges).
    nodes: HashMap<EntityIndex, NodeCounts, FixedState>,
    edges: HashMap<(EntityIndex, EntityIndex), EdgeCounts, FixedState>,
}

impl<'d> GraphBuilder<'d> {
    /// A builder for documents analysed with a matcher built from `dictionary`.
    pub fn new(dictionary: &'d Dictionary, config: GraphConfig) -> GraphBuilder<'d> {
        GraphBuilder {
            dictionary,
            config,
            documents: Vec::new(),
            windows: 0,
            nodes: HashMap::default(),
            edges: HashMap::default(),
        }
    }

    /// Adds one document's mentions and co-occurrences.
    pub fn add(&mut self, document: &AnalyzedDocument) {
        let doc_index = self.documents.len() as u32;
        self.documents.push(document.document.id.clone());
        for mention in document.counted_mentions() {
            let Some(entity) = mention.mention.entity() else {
                continue;
            };
            let counts = self.nodes.entry(entity).or_default();
            counts.mentions += 1;
            if let Some(day) = &document.document.date {
                Seen::extend(&mut counts.seen, day);
            }
            if counts.documents.last() != Some(&doc_index) {
                counts.documents.push(doc_index);
            }
        }
        for unit in units(document, self.config.window) {
            // A token window belongs to the mention that opened it; the others belong to
            // every entity in them.
            self.windows += 1;
            match unit.anchor {
                Some(anchor) => self.nodes.entry(anchor).or_default().windows += 1,
                None => {
                    for &entity in &unit.entities {
                        self.nodes.entry(entity).or_default().windows += 1;
                    }
                }
            }
            for (a, b) in unit.pairs() {
                let edge = self.edges.entry((a, b)).or_insert(EdgeCounts {
                    weight: 0,
                    documents: 0,
                    last_document: u32::MAX,
                    evidence: Vec::new(),
                    seen: None,
                });
                if let Some(day) = &document.document.date {
                    Seen::extend(&mut edge.seen, day);
                }
                edge.weight += 1;
                if edge.last_document != doc_index {
                    edge.last_document = doc_index;
                    edge.documents += 1;
                }
                if edge.evidence.len() < self.config.evidence_per_edge {
                    edge.evidence.push(evidence(document, &unit, a, b));
                }
            }
        }
    }

    /// Number of documents added so far.
    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// Finishes the graph, dropping edges under the minimum weight.
    pub fn finish(self) -> Graph {
        let dictionary = self.dictionary;
        self.finish_with(Catalog::from(dictionary))
    }

    /// Like [`GraphBuilder::finish`], for documents that also name the provisional entities
    /// of `catalog` (`--discover`).
    pub fn finish_with(self, catalog: Catalog<'_>) -> Graph {
        let dictionary = self.dictionary;
        let documents = &self.documents;
        let nodes: Vec<Node> = self
            .nodes
            .into_iter()
            .map(|(index, counts)| {
                let entity = catalog.entity(index);
                Node {
                    id: entity.id.clone(),
                    label: entity.name.clone(),
                    kind: entity.kind,
                    mentions: counts.mentions,
                    windows: counts.windows,
                    documents: counts
                        .documents
                        .iter()
                        .map(|&d| documents[d as usize].clone())
                        .collect(),
                    attributes: entity.attributes.clone(),
                    community: None,
                    seen: counts.seen,
                }
            })
            .collect();
        let edges: Vec<(String, String, Edge)> = self
            .edges
            .into_iter()
            .filter(|(_, counts)| counts.weight >= self.config.min_weight)
            .map(|((a, b), counts)| {
                (
                    catalog.entity(a).id.clone(),
                    catalog.entity(b).id.clone(),
                    Edge {
                        weight: counts.weight,
                        documents: counts.documents,
                        evidence: counts.evidence,
                        seen: counts.seen,
                    },
                )
            })
            .collect();
        let metadata = Metadata {
            generator: format!("kgx {}", env!("CARGO_PKG_VERSION")),
            format_version: FORMAT_VERSION,
            window: self.config.window.to_string(),
            min_weight: self.config.min_weight,
            evidence_per_edge: self.config.evidence_per_edge,
            documents: self.documents.len() as u64,
            windows: self.windows,
            dictionaries: dictionary.sources().to_vec(),
        };
        // Every node and edge comes from one catalog, so ids are unique and known.
        match Graph::from_parts(metadata.clone(), nodes, edges) {
            Ok(graph) => graph,
            Err(message) => unreachable!("builder produced an inconsistent graph: {message}"),
        }
    }
}

/// The evidence for `a`–`b` in `unit`: the closest pair of their mentions, as the span from the
/// first one's sentence to the last one's (one sentence for sentence windows).
fn evidence(document: &AnalyzedDocument, unit: &Unit, a: EntityIndex, b: EntityIndex) -> Evidence {
    let sentences_of = |entity: EntityIndex| {
        unit.mentions
            .iter()
            .map(|&i| &document.mentions[i])
            .filter(move |m| m.mention.entity() == Some(entity))
            .map(|m| m.sentence)
    };
    let (first, last) = sentences_of(a)
        .flat_map(|sa| sentences_of(b).map(move |sb| (sa.min(sb), sa.max(sb))))
        .min_by_key(|&(lo, hi)| (hi - lo, lo))
        .unwrap_or((0, 0));
    let start = document.segments.sentences[first].span.start;
    let end = document.segments.sentences[last].span.end;
    Evidence {
        document: document.document.id.clone(),
        start,
        end,
        text: document.slice(start, end).to_string(),
    }
}

#[cfg(test)]
mod properties {
    use std::collections::BTreeSet;

    use proptest::prelude::*;

    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::document::Document;
    use crate::matcher::Matcher;

    const NAMES: [&str; 5] = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"];

    /// Documents as lists of sentences, each a list of name indices (or filler words). Fillers
    /// are capitalised like the start of a news sentence.
    fn corpus() -> impl Strategy<Value = Vec<Vec<Vec<Option<usize>>>>> {
        let word = proptest::option::weighted(0.6, 0..NAMES.len());
        let sentence = proptest::collection::vec(word, 1..6);
        let document = proptest::collection::vec(sentence, 1..6);
        proptest::collection::vec(document, 1..4)
    }

    fn render(sentence: &[Option<usize>], salt: usize) -> String {
        let words: Vec<String> = sentence
            .iter()
            .enumerate()
            .map(|(i, w)| w.map_or(format!("Word{salt}x{i}"), |n| NAMES[n].to_string()))
            .collect();
        // A salted closing word keeps every sentence distinct, so none counts as repeated.
        format!("{} Tail{salt}.", words.join(" "))
    }

    proptest! {
        #[test]
        fn weight_is_the_number_of_sentences_shared_and_degrees_sum_to_twice_the_edges(
            corpus in corpus()
        ) {
            let mut builder = DictionaryBuilder::new();
            for name in NAMES {
                builder.add_str("t.tsv", &format!("{}\tperson\t{name}\n", name.to_lowercase()));
            }
            let dictionary = builder.build().unwrap();
            let matcher = Matcher::new(&dictionary).unwrap();
            let mut graph_builder = GraphBuilder::new(&dictionary, GraphConfig::default());
            let mut expected: std::collections::BTreeMap<(String, String), u64> = Default::default();
            for (d, sentences) in corpus.iter().enumerate() {
                let text: Vec<String> = sentences.iter().enumerate().map(|(s, words)| render(words, d * 100 + s)).collect();
                for words in sentences {
                    let present: BTreeSet<String> = words.iter().flatten().map(|&n| NAMES[n].to_lowercase()).collect();
                    let present: Vec<&String> = present.iter().collect();
                    for (i, a) in present.iter().enumerate() {
                        for b in &present[i + 1..] {
                            *expected.entry(((*a).clone(), (*b).clone())).or_default() += 1;
                        }
                    }
                }
                let document = Document::new(format!("d{d}"), text.join(" "));
                graph_builder.add(&AnalyzedDocument::new(document, &matcher));
            }
            let graph = graph_builder.finish();
            let actual: std::collections::BTreeMap<(String, String), u64> = graph
                .edges()
                .map(|(s, t, e)| ((s.id.clone(), t.id.clone()), e.weight))
                .collect();
            prop_assert_eq!(&actual, &expected);
            let degree_sum: usize = graph.nodes().map(|n| graph.degree(&n.id)).sum();
            prop_assert_eq!(degree_sum, 2 * graph.edge_count());
        }
    }
}
