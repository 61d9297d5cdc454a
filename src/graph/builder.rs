//! Building the graph from analysed documents, one document at a time.
//!
//! The builder keeps only counts and a capped amount of evidence, so memory grows with the
//! number of distinct entities and pairs, not with the corpus. Documents must be added in a
//! fixed order (input order): evidence is "the first K windows", so the order decides which
//! ones are kept, and a fixed order makes the output independent of the thread count.
//!
//! **What is kept per document.** Nothing, past the document itself: a node lists at most
//! [`MAX_NODE_DOCUMENTS`] documents (the first ones, in input order), and the builder keeps the
//! id of a document only while some node still lists it. Without the cap, a corpus of 58 million
//! one-line records held every id and every node's full list, 70–145 bytes per document.
//!
//! **Evidence is clipped.** An evidence span longer than [`EVIDENCE_WHOLE`] bytes (a long
//! sentence, or the run of sentences of a paragraph or document window) keeps only
//! [`EVIDENCE_CONTEXT`] bytes either side of the two mentions, cut at whitespace when there is
//! some, with `…` where text was left out: `start`/`end` are then the first and last byte kept.
//! Without it, every link of a `--window document` run stored a copy of its whole document, and
//! graph.json grew with links × document length (5 GB for 20 MB of BBC text).
//!
//! **Evidence is found in linear time.** The mentions of a window are grouped by entity once;
//! the closest pair of mentions of two entities is then a merge of two sorted lists, not a
//! comparison of every mention with every other (which took seconds for one name repeated
//! 40,000 times).

use std::collections::HashMap;

use foldhash::fast::FixedState;

use super::part::{Part, PartDocument, PartEdge, PartEvidence, PartNode, PartSettings};
use super::window::{units, Unit, Units, Window};
use super::{Evidence, Graph, Seen};
use crate::dictionary::{Dictionary, EntityIndex};
use crate::document::provisional::Catalog;
use crate::document::AnalyzedDocument;
use crate::document::DocumentMention;

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

/// Most documents listed per node (`nodes[].documents`): the first ones, in input order.
pub const MAX_NODE_DOCUMENTS: usize = 1_000;

/// The longest evidence span, in bytes, kept whole; a longer one is clipped.
pub const EVIDENCE_WHOLE: usize = 400;

/// Bytes kept before and after each mention of a clipped evidence.
pub const EVIDENCE_CONTEXT: usize = 60;

#[derive(Debug, Default)]
struct NodeCounts {
    mentions: u64,
    windows: u64,
    documents: Vec<u64>,
    seen: Option<Seen>,
}

#[derive(Debug)]
struct EdgeCounts {
    weight: u64,
    documents: u64,
    last_document: u64,
    /// With the (document sequence, window number) of each, the order merges keep.
    evidence: Vec<(u64, u64, Evidence)>,
    seen: Option<Seen>,
}

/// Accumulates analysed documents into a [`Graph`].
#[derive(Debug)]
pub struct GraphBuilder<'d> {
    dictionary: &'d Dictionary,
    config: GraphConfig,
    /// Documents added (the parts of a split document count once).
    documents: u64,
    /// The sequence number of the document being added (see [`super::part`]).
    sequence: u64,
    /// Windows of that document so far (its parts' windows are numbered on).
    document_windows: u64,
    /// The ids of the documents that some node lists, by document number, in input order.
    document_ids: Vec<(u64, String)>,
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
            documents: 0,
            sequence: 0,
            document_windows: 0,
            document_ids: Vec::new(),
            windows: 0,
            nodes: HashMap::default(),
            edges: HashMap::default(),
        }
    }

    /// Adds one document's mentions and co-occurrences. Returns the number of windows that were
    /// cut because they held more than [`MAX_WINDOW_ENTITIES`](super::window::MAX_WINDOW_ENTITIES)
    /// entities, for the caller to report.
    ///
    /// A document whose [`offset`](crate::document::Document::offset) is not 0 is a later part
    /// of the document added before it (a split document) and counts as the same document.
    pub fn add(&mut self, document: &AnalyzedDocument) -> usize {
        let sequence = if document.document.offset > 0 && self.documents > 0 {
            self.sequence
        } else {
            self.documents
        };
        self.add_numbered(document, sequence)
    }

    /// Like [`GraphBuilder::add`], for a document whose position among all the input
    /// documents is `sequence` (a shard skips the others' documents but numbers them, so that
    /// its [`Part`] merges with theirs in input order). Sequences must grow from one document
    /// to the next; the later parts of a split document repeat their document's.
    pub fn add_numbered(&mut self, document: &AnalyzedDocument, sequence: u64) -> usize {
        let units = units(document, self.config.window);
        self.add_windows(document, sequence, units)
    }

    /// Like [`GraphBuilder::add_numbered`], with the document's windows already cut
    /// ([`units`] of this builder's window, e.g. on a worker thread while this builder takes
    /// another document).
    pub fn add_windows(
        &mut self,
        document: &AnalyzedDocument,
        sequence: u64,
        units: Units,
    ) -> usize {
        let continues = document.document.offset > 0 && self.documents > 0;
        if !continues {
            self.documents += 1;
            self.document_windows = 0;
        }
        self.sequence = sequence;
        let doc_index = sequence;
        for mention in document.counted_mentions() {
            let Some(entity) = mention.mention.entity() else {
                continue;
            };
            let counts = self.nodes.entry(entity).or_default();
            counts.mentions += 1;
            if let Some(day) = &document.document.date {
                Seen::extend(&mut counts.seen, day);
            }
            if counts.documents.last() != Some(&doc_index)
                && counts.documents.len() < MAX_NODE_DOCUMENTS
            {
                counts.documents.push(doc_index);
                if self
                    .document_ids
                    .last()
                    .is_none_or(|(i, _)| *i != doc_index)
                {
                    self.document_ids
                        .push((doc_index, document.document.id.clone()));
                }
            }
        }
        for unit in &units.units {
            // A token window belongs to the mention that opened it; the others belong to
            // every entity in them.
            self.windows += 1;
            let window_number = self.document_windows;
            self.document_windows += 1;
            match unit.anchor {
                Some(anchor) => self.nodes.entry(anchor).or_default().windows += 1,
                None => {
                    for &entity in &unit.entities {
                        self.nodes.entry(entity).or_default().windows += 1;
                    }
                }
            }
            // Grouped only when some pair of this window still needs evidence.
            let mut grouped: Option<Vec<Vec<&DocumentMention>>> = None;
            for (a, b) in unit.pairs() {
                let edge = self.edges.entry((a, b)).or_insert(EdgeCounts {
                    weight: 0,
                    documents: 0,
                    last_document: u64::MAX,
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
                    let grouped = grouped.get_or_insert_with(|| group_by_entity(document, unit));
                    let of = |entity| {
                        let k = unit.entities.binary_search(&entity).unwrap_or(0);
                        grouped.get(k).map_or(&[][..], Vec::as_slice)
                    };
                    edge.evidence.push((
                        doc_index,
                        window_number,
                        evidence(document, of(a), of(b)),
                    ));
                }
            }
        }
        units.cut
    }

    /// Number of documents added so far (the parts of a split document count once).
    pub fn document_count(&self) -> usize {
        self.documents as usize
    }

    /// Finishes the graph, dropping edges under the minimum weight.
    pub fn finish(self) -> Graph {
        let dictionary = self.dictionary;
        self.finish_with(Catalog::from(dictionary))
    }

    /// Like [`GraphBuilder::finish`], for documents that also name the provisional entities
    /// of `catalog` (`--discover`).
    pub fn finish_with(self, catalog: Catalog<'_>) -> Graph {
        let min_weight = self.config.min_weight;
        self.finish_part(catalog).into_graph(min_weight)
    }

    /// The [`Part`] of the documents added: every count, before the minimum weight is applied.
    /// Its dictionary fingerprint is left empty: [`crate::dictionary::Dictionary::fingerprint`]
    /// costs a pass over every entity, paid only when a part is written.
    pub fn finish_part(self, catalog: Catalog<'_>) -> Part {
        let dictionary = self.dictionary;
        let ids = &self.document_ids;
        let id_of = |d: u64| match ids.binary_search_by_key(&d, |(i, _)| *i) {
            Ok(k) => ids[k].1.clone(),
            Err(_) => unreachable!("a node lists document {d}, whose id was not kept"),
        };
        let mut nodes: Vec<PartNode> = self
            .nodes
            .into_iter()
            .map(|(index, counts)| {
                let entity = catalog.entity(index);
                PartNode {
                    id: entity.id.clone(),
                    label: entity.name.clone(),
                    kind: entity.kind,
                    attributes: entity.attributes.clone(),
                    mentions: counts.mentions,
                    windows: counts.windows,
                    documents: counts
                        .documents
                        .iter()
                        .map(|&d| PartDocument {
                            sequence: d,
                            id: id_of(d),
                        })
                        .collect(),
                    seen: counts.seen,
                }
            })
            .collect();
        nodes.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut edges: Vec<PartEdge> = self
            .edges
            .into_iter()
            .map(|((a, b), counts)| {
                let (a, b) = (&catalog.entity(a).id, &catalog.entity(b).id);
                let (source, target) = if a < b { (a, b) } else { (b, a) };
                PartEdge {
                    source: source.clone(),
                    target: target.clone(),
                    weight: counts.weight,
                    documents: counts.documents,
                    evidence: counts
                        .evidence
                        .into_iter()
                        .map(|(sequence, window, evidence)| PartEvidence {
                            sequence,
                            window,
                            evidence,
                        })
                        .collect(),
                    seen: counts.seen,
                }
            })
            .collect();
        edges.sort_unstable_by(|x, y| (&x.source, &x.target).cmp(&(&y.source, &y.target)));
        let mut part = Part::empty(PartSettings {
            generator: format!("kgx {}", env!("CARGO_PKG_VERSION")),
            window: self.config.window.to_string(),
            evidence_per_edge: self.config.evidence_per_edge,
            dictionaries: dictionary.sources().to_vec(),
            dictionary_fingerprint: String::new(),
        });
        part.documents = self.documents;
        part.windows = self.windows;
        part.nodes = nodes;
        part.edges = edges;
        part
    }
}

/// The counted mentions of `unit`, one list per entity of `unit.entities`, in text order.
fn group_by_entity<'a>(
    document: &'a AnalyzedDocument,
    unit: &Unit,
) -> Vec<Vec<&'a DocumentMention>> {
    let mut grouped = vec![Vec::new(); unit.entities.len()];
    for &i in &unit.mentions {
        let mention = &document.mentions[i];
        if let Some(k) = mention
            .mention
            .entity()
            .and_then(|e| unit.entities.binary_search(&e).ok())
        {
            grouped[k].push(mention);
        }
    }
    grouped
}

/// The evidence for two entities whose mentions in one window are `a` and `b` (each in text
/// order, neither empty): the closest pair of their mentions, as the span from the first one's
/// sentence to the last one's (one sentence for sentence windows), clipped around the two
/// mentions when it is longer than [`EVIDENCE_WHOLE`] (see the module doc).
///
/// # Complexity
/// O(|a| + |b|): two merges of sorted lists.
fn evidence(
    document: &AnalyzedDocument,
    a: &[&DocumentMention],
    b: &[&DocumentMention],
) -> Evidence {
    // The closest sentences, the earliest of equally close ones: a merge of the two lists
    // visits every pair of values at the smallest distance.
    let (mut i, mut j) = (0, 0);
    let mut best: Option<(usize, usize)> = None;
    while i < a.len() && j < b.len() {
        let (sa, sb) = (a[i].sentence, b[j].sentence);
        let pair = (sa.min(sb), sa.max(sb));
        if best.is_none_or(|(lo, hi)| (pair.1 - pair.0, pair.0) < (hi - lo, lo)) {
            best = Some(pair);
        }
        if sa < sb {
            i += 1;
        } else {
            j += 1;
        }
    }
    let (first, last) = best.unwrap_or((0, 0));
    let sentences = &document.segments.sentences;
    let (Some(first_sentence), Some(last_sentence)) = (sentences.get(first), sentences.get(last))
    else {
        return whole(document, 0, 0);
    };
    let (start, end) = (first_sentence.span.start, last_sentence.span.end);
    if end - start <= EVIDENCE_WHOLE {
        return whole(document, start, end);
    }
    // The closest mentions (in bytes) of the two inside those sentences.
    let inside = |list: &[&'_ DocumentMention]| {
        let from = list.partition_point(|m| m.sentence < first);
        let to = list.partition_point(|m| m.sentence <= last);
        (from, to)
    };
    let ((a_from, a_to), (b_from, b_to)) = (inside(a), inside(b));
    let (mut i, mut j) = (a_from, b_from);
    let mut closest: Option<(usize, usize, usize)> = None;
    while i < a_to && j < b_to {
        let (ma, mb) = (&a[i].mention, &b[j].mention);
        let gap = ma.start.abs_diff(mb.start);
        if closest.is_none_or(|(g, _, _)| gap < g) {
            closest = Some((gap, i, j));
        }
        if ma.start < mb.start {
            i += 1;
        } else {
            j += 1;
        }
    }
    let Some((_, i, j)) = closest else {
        return whole(document, start, end);
    };
    let (ma, mb) = (&a[i].mention, &b[j].mention);
    let (one, two) = if ma.start <= mb.start {
        (ma, mb)
    } else {
        (mb, ma)
    };
    clip(
        document,
        start,
        end,
        (one.start, one.end),
        (two.start, two.end),
    )
}

/// The evidence `start..end` of `document`, whole.
fn whole(document: &AnalyzedDocument, start: usize, end: usize) -> Evidence {
    let offset = document.document.offset;
    Evidence {
        document: document.document.id.clone(),
        start: offset + start,
        end: offset + end,
        text: document.slice(start, end).to_string(),
        clipped: false,
    }
}

/// The evidence `start..end` cut down to [`EVIDENCE_CONTEXT`] bytes around the mentions `one`
/// and `two` (in text order), with `…` where text was left out.
fn clip(
    document: &AnalyzedDocument,
    start: usize,
    end: usize,
    one: (usize, usize),
    two: (usize, usize),
) -> Evidence {
    let text = document.document.text.as_str();
    let around = |(from, to): (usize, usize)| {
        let mut left = from.saturating_sub(EVIDENCE_CONTEXT).max(start);
        while !text.is_char_boundary(left) {
            left += 1;
        }
        // Start after a space inside the context, so no word is shown cut.
        if left > start {
            if let Some(space) = text[left..from].find(char::is_whitespace) {
                let rest = &text[left + space..from];
                left = from - rest.trim_start().len();
            }
        }
        let mut right = (to + EVIDENCE_CONTEXT).min(end);
        while !text.is_char_boundary(right) {
            right -= 1;
        }
        if right < end {
            if let Some(space) = text[to..right].rfind(char::is_whitespace) {
                right = to + space;
            }
        }
        (left, right)
    };
    let (first, second) = (around(one), around(two));
    let mut out = String::new();
    if first.0 > start {
        out.push('…');
    }
    let last_end = if first.1 >= second.0 {
        out.push_str(&text[first.0..first.1.max(second.1)]);
        first.1.max(second.1)
    } else {
        out.push_str(&text[first.0..first.1]);
        out.push_str(" … ");
        out.push_str(&text[second.0..second.1]);
        second.1
    };
    if last_end < end {
        out.push('…');
    }
    let offset = document.document.offset;
    Evidence {
        document: document.document.id.clone(),
        start: offset + first.0,
        end: offset + last_end,
        text: out,
        clipped: true,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::document::Document;
    use crate::matcher::Matcher;

    fn dictionary() -> Dictionary {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", "a\tperson\tAlpha\nb\tperson\tBravo\n");
        builder.build().unwrap()
    }

    fn graph(window: Window, documents: Vec<Document>) -> Graph {
        let dictionary = dictionary();
        let matcher = Matcher::new(&dictionary).unwrap();
        let config = GraphConfig {
            window,
            ..GraphConfig::default()
        };
        let mut builder = GraphBuilder::new(&dictionary, config);
        for document in documents {
            builder.add(&AnalyzedDocument::new(document, &matcher));
        }
        builder.finish()
    }

    fn first_evidence(graph: &Graph) -> Evidence {
        let (_, _, edge) = graph.edges().next().expect("one link");
        edge.evidence[0].clone()
    }

    #[test]
    fn evidence_is_clipped_around_the_two_mentions() {
        let filler = "word ".repeat(200);
        // (case, window, text, clipped, with a gap between the two mentions)
        let cases: [(&str, Window, String, bool, bool); 5] = [
            (
                "short",
                Window::Sentence,
                "Alpha met Bravo.".into(),
                false,
                false,
            ),
            (
                "long, close",
                Window::Sentence,
                format!("{filler}Alpha met Bravo {filler}."),
                true,
                false,
            ),
            (
                "long, far",
                Window::Sentence,
                format!("Alpha {filler}Bravo."),
                true,
                true,
            ),
            (
                "far sentences",
                Window::Document,
                format!("Alpha left. {filler}.\n\nBravo came."),
                true,
                true,
            ),
            (
                "one name, then the other many times",
                Window::Sentence,
                format!("Alpha {}", "Bravo ".repeat(40_000)),
                true,
                false,
            ),
        ];
        for (case, window, text, clipped, gap) in cases {
            let evidence = first_evidence(&graph(window, vec![Document::new("d", text.as_str())]));
            assert_eq!(evidence.clipped, clipped, "{case}: {evidence:?}");
            let original = &text[evidence.start..evidence.end];
            if !clipped {
                assert_eq!(evidence.text, original, "{case}");
                continue;
            }
            assert!(
                evidence.text.len() <= 2 * (2 * EVIDENCE_CONTEXT + 5) + 10,
                "{case}: {evidence:?}"
            );
            assert!(
                evidence.text.contains("Alpha") && evidence.text.contains("Bravo"),
                "{case}"
            );
            assert_eq!(evidence.text.contains(" … "), gap, "{case}: {evidence:?}");
            // Without its markers, the text is the original bytes from `start` to `end`, where
            // nothing was left out in between.
            let inner = evidence.text.trim_start_matches('…').trim_end_matches('…');
            match inner.split_once(" … ") {
                None => assert_eq!(inner, original, "{case}"),
                Some((first, second)) => {
                    assert!(
                        original.starts_with(first) && original.ends_with(second),
                        "{case}"
                    );
                }
            }
            assert_eq!(evidence.text.starts_with('…'), evidence.start > 0, "{case}");
        }
    }

    #[test]
    fn nodes_list_at_most_the_first_documents_but_count_all() {
        let n = MAX_NODE_DOCUMENTS + 5;
        let documents = (0..n)
            .map(|i| Document::new(format!("d{i}"), "Alpha met Bravo."))
            .collect();
        let graph = graph(Window::Sentence, documents);
        assert_eq!(graph.metadata().documents, n as u64);
        let node = graph.nodes().next().unwrap();
        assert_eq!(node.documents.len(), MAX_NODE_DOCUMENTS);
        assert_eq!(node.documents[0], "d0");
        assert_eq!(
            node.documents[MAX_NODE_DOCUMENTS - 1],
            format!("d{}", MAX_NODE_DOCUMENTS - 1)
        );
        let (_, _, edge) = graph.edges().next().unwrap();
        assert_eq!((edge.weight, edge.documents), (n as u64, n as u64));
    }

    #[test]
    fn the_parts_of_a_split_document_are_one_document_with_file_offsets() {
        let mut second = Document::new("big.txt", "Bravo met Alpha.");
        second.offset = 1000;
        let graph = graph(
            Window::Sentence,
            vec![Document::new("big.txt", "Alpha spoke."), second],
        );
        assert_eq!(graph.metadata().documents, 1);
        assert_eq!(graph.nodes().next().unwrap().documents, ["big.txt"]);
        let evidence = first_evidence(&graph);
        assert_eq!((evidence.start, evidence.end), (1000, 1016));
    }
}
