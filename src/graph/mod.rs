//! The entity graph: canonical entities as nodes, co-occurrence links as weighted edges.
//!
//! [`Graph`] wraps a petgraph undirected graph without exposing it: exporters and queries use
//! the methods here, which always iterate in a stable order (nodes by id, edges by their
//! endpoint ids), so the same input gives the same bytes out.

pub mod builder;
pub mod centrality;
pub mod community;
pub mod ego;
pub mod evidence;
pub mod json;
pub mod layout;
pub mod lookup;
pub mod part;
pub mod path;
pub mod prune;
pub mod stats;
pub mod view;
pub mod weights;
pub mod window;

use std::collections::{BTreeMap, HashMap, HashSet};

use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

use crate::dictionary::EntityKind;

pub use crate::error::GraphError;
pub use builder::{GraphBuilder, GraphConfig};
pub use window::Window;

/// Version of the `graph.json` layout; bumped when a field changes meaning.
pub const FORMAT_VERSION: u32 = 1;

/// A canonical entity found in the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Dictionary id.
    pub id: String,
    /// Canonical name.
    pub label: String,
    /// Person, country or organization.
    pub kind: EntityKind,
    /// Counted mentions (repeated sentences and ambiguous mentions excluded).
    pub mentions: u64,
    /// Number of co-occurrence windows it appears in (for association measures).
    pub windows: u64,
    /// Documents it is mentioned in, in input order.
    pub documents: Vec<String>,
    /// Dictionary attributes (`wikidata`, `iso2` …).
    pub attributes: BTreeMap<String, String>,
    /// Community number from [`community::louvain`], when computed (0 is the largest).
    pub community: Option<usize>,
    /// First and last day it was mentioned, when documents carry dates.
    pub seen: Option<Seen>,
}

impl Node {
    /// Whether the node is a provisional entity, found by `--discover` rather than in a
    /// dictionary (its `provisional` attribute is `true`).
    pub fn is_provisional(&self) -> bool {
        self.attributes
            .get(crate::document::provisional::ATTRIBUTE)
            .is_some_and(|value| value == "true")
    }

    /// Its type as the inspection commands print it: `person`, or `provisional person` for
    /// an entity found by `--discover`.
    pub fn kind_label(&self) -> String {
        if self.is_provisional() {
            format!("provisional {}", self.kind.as_str())
        } else {
            self.kind.as_str().to_string()
        }
    }
}

/// The first and last day (`YYYY-MM-DD`) a node or an edge was seen in a dated document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    /// The earliest day.
    pub first: String,
    /// The latest day.
    pub last: String,
}

impl Seen {
    /// Widens `seen` to include `day`.
    pub fn extend(seen: &mut Option<Seen>, day: &str) {
        match seen {
            Some(range) => {
                if day < range.first.as_str() {
                    range.first = day.to_string();
                }
                if day > range.last.as_str() {
                    range.last = day.to_string();
                }
            }
            None => {
                *seen = Some(Seen {
                    first: day.to_string(),
                    last: day.to_string(),
                })
            }
        }
    }
}

/// A sentence (or a run of sentences) that shows two entities together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The document it comes from.
    pub document: String,
    /// Byte offset of the start in the original document.
    pub start: usize,
    /// Byte offset one past the end.
    pub end: usize,
    /// The text, exactly as in the document, unless `clipped`.
    pub text: String,
    /// Whether the text was clipped around the two mentions
    /// ([`EVIDENCE_WHOLE`](builder::EVIDENCE_WHOLE)): it is then the document's text from
    /// `start` to `end` with `…` at either end where text was left out, and ` … ` in place of
    /// the text between the two mentions when they are far apart.
    #[serde(default, skip_serializing_if = "is_false")]
    pub clipped: bool,
}

fn is_false(value: &bool) -> bool {
    !*value
}

/// A co-occurrence link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Number of windows in which both entities appear.
    pub weight: u64,
    /// Number of documents with at least one such window.
    pub documents: u64,
    /// The first windows that show the link, up to the configured number.
    pub evidence: Vec<Evidence>,
    /// First and last day the link was seen, when documents carry dates.
    pub seen: Option<Seen>,
}

/// How the graph was made (the `graph` object of `graph.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// `kgx <version>`.
    pub generator: String,
    /// [`FORMAT_VERSION`] of the writer.
    pub format_version: u32,
    /// The co-occurrence window, as given to `--window`.
    pub window: String,
    /// Edges below this weight were dropped.
    pub min_weight: u64,
    /// Most evidence entries kept per edge.
    pub evidence_per_edge: usize,
    /// Number of documents read.
    pub documents: u64,
    /// Number of co-occurrence windows holding at least one entity.
    #[serde(default)]
    pub windows: u64,
    /// Dictionaries used.
    pub dictionaries: Vec<String>,
}

/// The entity graph.
#[derive(Debug, Clone)]
pub struct Graph {
    inner: UnGraph<Node, Edge>,
    by_id: HashMap<String, NodeIndex>,
    metadata: Metadata,
}

impl Graph {
    /// Builds a graph from nodes and `(source id, target id, edge)` triples, in any order.
    ///
    /// # Errors
    /// [`GraphError`] when an edge names an unknown node, links a node to itself, or repeats a
    /// pair, or when two nodes share an id.
    pub fn from_parts(
        metadata: Metadata,
        mut nodes: Vec<Node>,
        edges: Vec<(String, String, Edge)>,
    ) -> Result<Graph, GraphError> {
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut inner = UnGraph::with_capacity(nodes.len(), edges.len());
        let mut by_id = HashMap::with_capacity(nodes.len());
        for node in nodes {
            let id = node.id.clone();
            let index = inner.add_node(node);
            if by_id.insert(id.clone(), index).is_some() {
                return Err(GraphError::DuplicateNode { id });
            }
        }
        let mut keyed = Vec::with_capacity(edges.len());
        for (source, target, edge) in edges {
            let lookup = |id: &str| {
                by_id
                    .get(id)
                    .copied()
                    .ok_or_else(|| GraphError::UnknownNode { id: id.to_string() })
            };
            let (s, t) = (lookup(&source)?, lookup(&target)?);
            if s == t {
                return Err(GraphError::SelfLoop { id: source });
            }
            let (source, target, s, t) = if source <= target {
                (source, target, s, t)
            } else {
                (target, source, t, s)
            };
            keyed.push(((source, target), s, t, edge));
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0));
        for pair in keyed.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(GraphError::DuplicateEdge {
                    first: pair[0].0 .0.clone(),
                    second: pair[0].0 .1.clone(),
                });
            }
        }
        for (_, s, t, edge) in keyed {
            inner.add_edge(s, t, edge);
        }
        Ok(Graph {
            inner,
            by_id,
            metadata,
        })
    }

    /// How the graph was made.
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// Number of nodes.
    pub fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    /// Nodes, sorted by id.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.inner.node_weights()
    }

    /// Edges as `(source, target, edge)`, source id < target id, sorted by those ids.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.inner
            .edge_references()
            .map(|e| (&self.inner[e.source()], &self.inner[e.target()], e.weight()))
    }

    /// The node with identifier `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.by_id.get(id).map(|&i| &self.inner[i])
    }

    /// The neighbours of `id` with the linking edge, strongest first (ties by id).
    pub fn neighbors(&self, id: &str) -> Vec<(&Node, &Edge)> {
        let Some(&index) = self.by_id.get(id) else {
            return Vec::new();
        };
        let mut out: Vec<(&Node, &Edge)> = self
            .inner
            .edges(index)
            .map(|e| {
                let other = if e.source() == index {
                    e.target()
                } else {
                    e.source()
                };
                (&self.inner[other], e.weight())
            })
            .collect();
        out.sort_by(|a, b| {
            b.1.weight
                .cmp(&a.1.weight)
                .then_with(|| a.0.id.cmp(&b.0.id))
        });
        out
    }

    /// A copy with only the nodes and edges that pass the filters (an edge also needs both of
    /// its nodes).
    pub fn filtered(
        &self,
        keep_node: impl Fn(&Node) -> bool,
        keep_edge: impl Fn(&Node, &Node, &Edge) -> bool,
    ) -> Graph {
        let nodes: Vec<Node> = self.nodes().filter(|n| keep_node(n)).cloned().collect();
        let kept: HashSet<&str> = nodes.iter().map(|n| n.id.as_str()).collect();
        let edges = self
            .edges()
            .filter(|(s, t, e)| {
                kept.contains(s.id.as_str()) && kept.contains(t.id.as_str()) && keep_edge(s, t, e)
            })
            .map(|(s, t, e)| (s.id.clone(), t.id.clone(), e.clone()))
            .collect();
        match Graph::from_parts(self.metadata.clone(), nodes, edges) {
            Ok(graph) => graph,
            // A subset of a valid graph is valid.
            Err(message) => unreachable!("filtering broke the graph: {message}"),
        }
    }

    /// Connected components as lists of node ids (each sorted), largest first, ties broken by
    /// the smallest id.
    pub fn components(&self) -> Vec<Vec<&str>> {
        let mut seen = vec![false; self.inner.node_count()];
        let mut components = Vec::new();
        for start in self.inner.node_indices() {
            if seen[start.index()] {
                continue;
            }
            seen[start.index()] = true;
            let mut stack = vec![start];
            let mut members = Vec::new();
            while let Some(index) = stack.pop() {
                members.push(self.inner[index].id.as_str());
                for next in self.inner.neighbors(index) {
                    if !seen[next.index()] {
                        seen[next.index()] = true;
                        stack.push(next);
                    }
                }
            }
            members.sort_unstable();
            components.push(members);
        }
        components.sort_by(|a: &Vec<&str>, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(b[0])));
        components
    }

    /// Stores each node's community number (see [`Node::community`]).
    pub fn set_communities(&mut self, communities: &community::Communities) {
        for node in self.inner.node_weights_mut() {
            node.community = communities.community(&node.id);
        }
    }

    /// Number of links of `id`.
    pub fn degree(&self, id: &str) -> usize {
        self.by_id
            .get(id)
            .map_or(0, |&i| self.inner.edges(i).count())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn metadata() -> Metadata {
        Metadata {
            generator: "kgx test".into(),
            format_version: FORMAT_VERSION,
            window: "sentence".into(),
            min_weight: 1,
            evidence_per_edge: 3,
            documents: 1,
            windows: 1,
            dictionaries: vec![],
        }
    }

    fn node(id: &str) -> Node {
        Node {
            id: id.into(),
            label: id.to_uppercase(),
            kind: EntityKind::Person,
            mentions: 1,
            windows: 1,
            documents: vec!["d".into()],
            attributes: BTreeMap::new(),
            community: None,
            seen: None,
        }
    }

    fn edge(weight: u64) -> Edge {
        Edge {
            weight,
            documents: 1,
            evidence: vec![],
            seen: None,
        }
    }

    /// A graph of `nodes` and weighted `edges`, for the algorithm tests.
    pub(crate) fn weighted(nodes: &[&str], edges: &[(&str, &str, u64)]) -> Graph {
        Graph::from_parts(
            metadata(),
            nodes.iter().map(|id| node(id)).collect(),
            edges
                .iter()
                .map(|&(s, t, w)| (s.to_string(), t.to_string(), edge(w)))
                .collect(),
        )
        .unwrap()
    }

    /// A graph of the nodes named by `edges` plus `extra` nodes, with `(source, target,
    /// weight, documents)` edges.
    pub(crate) fn with_documents(edges: &[(&str, &str, u64, u64)], extra: &[&str]) -> Graph {
        let mut ids: Vec<&str> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
        ids.extend_from_slice(extra);
        ids.sort_unstable();
        ids.dedup();
        let edges = edges
            .iter()
            .map(|&(s, t, w, d)| {
                let edge = Edge {
                    documents: d,
                    ..edge(w)
                };
                (s.to_string(), t.to_string(), edge)
            })
            .collect();
        Graph::from_parts(metadata(), ids.iter().map(|id| node(id)).collect(), edges).unwrap()
    }

    #[test]
    fn iteration_order_is_by_id_whatever_the_input_order() {
        let graph = Graph::from_parts(
            metadata(),
            vec![node("c"), node("a"), node("b")],
            vec![
                ("c".into(), "a".into(), edge(1)),
                ("b".into(), "a".into(), edge(5)),
            ],
        )
        .unwrap();
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        let edges: Vec<(&str, &str)> = graph
            .edges()
            .map(|(s, t, _)| (s.id.as_str(), t.id.as_str()))
            .collect();
        assert_eq!(edges, [("a", "b"), ("a", "c")]);
        let neighbors: Vec<&str> = graph
            .neighbors("a")
            .iter()
            .map(|(n, _)| n.id.as_str())
            .collect();
        assert_eq!(neighbors, ["b", "c"]);
        assert_eq!(graph.degree("a"), 2);
    }

    #[test]
    fn malformed_parts_are_rejected() {
        let cases = [
            (vec![node("a"), node("a")], vec![], "node `a` appears twice"),
            (
                vec![node("a")],
                vec![("a", "z")],
                "edge names unknown node `z`",
            ),
            (
                vec![node("a")],
                vec![("a", "a")],
                "edge links `a` to itself",
            ),
            (
                vec![node("a"), node("b")],
                vec![("a", "b"), ("b", "a")],
                "edge `a` – `b` appears twice",
            ),
        ];
        for (nodes, edges, expected) in cases {
            let edges = edges
                .into_iter()
                .map(|(s, t)| (s.to_string(), t.to_string(), edge(1)))
                .collect();
            assert_eq!(
                Graph::from_parts(metadata(), nodes, edges)
                    .unwrap_err()
                    .to_string(),
                expected
            );
        }
    }

    #[test]
    fn graph_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Graph>();
    }
}
