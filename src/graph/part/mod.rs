//! Partial graphs: what one run over some of the documents knows, in a form that merges
//! exactly with the other runs' into the graph a single run over all of them builds.
//!
//! A [`Part`] holds counts, not lists of every document: per entity its mentions, windows,
//! first/last day and the first [`MAX_NODE_DOCUMENTS`] documents that name it; per pair its
//! weight, documents, first/last day and the first `evidence_per_edge` evidence entries; and the
//! run's document and window totals. Every document carries its **sequence number**, its
//! position among all the documents of the inputs in input order (shards read every input and
//! count the documents they skip, see [`crate::shard`]), and every evidence entry its window's
//! number in the document. "The first K" is then a question of order keys, not of which run
//! saw a document:
//!
//! - counts and totals add up (a document is in one part only);
//! - first/last days are the earliest and latest;
//! - documents of an entity and evidence of a pair are the union of the parts' lists, sorted by
//!   (sequence, window), cut to the cap.
//!
//! So merging is associative and commutative: any tree of merges gives the same part, and
//! [`Part::into_graph`] the same graph. A single run builds its graph through a part too
//! ([`crate::graph::GraphBuilder::finish_part`]), so the two paths are one by construction.
//! Pruning, association scores and communities come after, from the merged counts.
//!
//! Parts merge only when they were made with the same settings and dictionaries
//! ([`PartSettings`]): [`Part::merge`] names the first difference. Two parts that list the same
//! document (a part merged twice, overlapping shards) are refused: their totals would count it
//! twice.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::builder::MAX_NODE_DOCUMENTS;
use super::{Edge, Evidence, Graph, Metadata, Node, Seen, FORMAT_VERSION};
use crate::dictionary::EntityKind;
pub use crate::error::{MergeError, PartError};

/// Version of the part format; parts of another version are refused.
pub const PART_VERSION: u32 = 1;

/// What must be equal for two parts to merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartSettings {
    /// `kgx <version>` of the writer.
    pub generator: String,
    /// The co-occurrence window, as given to `--window`.
    pub window: String,
    /// Most evidence entries kept per link.
    pub evidence_per_edge: usize,
    /// The dictionaries' names, as in `graph.json`.
    pub dictionaries: Vec<String>,
    /// A hash of every entity of the dictionaries (id, type, name, aliases, attributes), so that
    /// two runs with different dictionary files of the same names are told apart.
    pub dictionary_fingerprint: String,
}

/// A document that names an entity: its sequence number and id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartDocument {
    /// Position among all the input documents, in input order.
    pub sequence: u64,
    /// The document id.
    pub id: String,
}

/// An entity as a part knows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartNode {
    /// Entity id.
    pub id: String,
    /// Canonical name.
    pub label: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Dictionary attributes.
    pub attributes: BTreeMap<String, String>,
    /// Counted mentions.
    pub mentions: u64,
    /// Windows that hold it.
    pub windows: u64,
    /// The first documents that name it, by sequence, at most [`MAX_NODE_DOCUMENTS`].
    pub documents: Vec<PartDocument>,
    /// First and last day, when the documents are dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
}

/// An evidence entry with its order key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEvidence {
    /// Sequence number of its document.
    pub sequence: u64,
    /// Number of its window in the document.
    pub window: u64,
    /// The evidence.
    #[serde(flatten)]
    pub evidence: Evidence,
}

/// A pair of entities as a part knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartEdge {
    /// The smaller entity id.
    pub source: String,
    /// The larger entity id.
    pub target: String,
    /// Windows that hold both.
    pub weight: u64,
    /// Documents that hold both.
    pub documents: u64,
    /// The first evidence entries, by (sequence, window).
    pub evidence: Vec<PartEvidence>,
    /// First and last day, when the documents are dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seen: Option<Seen>,
}

/// A partial graph: see the module documentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    /// Always `kgx-part`: tells a part from a graph.json.
    pub kind: String,
    /// [`PART_VERSION`].
    pub part_version: u32,
    /// The settings every merged part shares.
    pub settings: PartSettings,
    /// The shares of the inputs it covers: `I/N` for each shard merged in, `all` for a run
    /// over every document. Two parts covering one share, or a share and `all`, or shares of
    /// different N, would count documents twice and are refused.
    pub shares: Vec<String>,
    /// Documents analysed.
    pub documents: u64,
    /// Windows holding at least one entity.
    pub windows: u64,
    /// Entities, by id.
    pub nodes: Vec<PartNode>,
    /// Pairs, by (source, target).
    pub edges: Vec<PartEdge>,
}

/// The `kind` of every part.
pub const PART_KIND: &str = "kgx-part";

impl Part {
    /// An empty part with `settings`: the neutral element of [`Part::merge`].
    pub fn empty(settings: PartSettings) -> Part {
        Part {
            kind: PART_KIND.to_string(),
            part_version: PART_VERSION,
            settings,
            shares: Vec::new(),
            documents: 0,
            windows: 0,
            nodes: Vec::new(),
            edges: Vec::new(),
        }
    }

    /// Checks what a part read from a file must hold: its kind and version, nodes and edges in
    /// order, no list beyond its cap or out of order, links between known entities.
    ///
    /// # Errors
    /// The first problem found.
    pub fn validate(&self) -> Result<(), PartError> {
        if self.kind != PART_KIND {
            return Err(PartError::NotAPart {
                kind: self.kind.clone(),
            });
        }
        if self.part_version != PART_VERSION {
            return Err(PartError::OtherVersion {
                version: self.part_version,
                supported: PART_VERSION,
            });
        }
        for pair in self.nodes.windows(2) {
            if pair[0].id >= pair[1].id {
                return Err(PartError::NodesOutOfOrder {
                    id: pair[1].id.clone(),
                });
            }
        }
        for node in &self.nodes {
            if node.documents.len() > MAX_NODE_DOCUMENTS
                || node
                    .documents
                    .windows(2)
                    .any(|d| d[0].sequence >= d[1].sequence)
            {
                return Err(PartError::NodeDocuments {
                    id: node.id.clone(),
                });
            }
            if node.documents.iter().any(|d| d.sequence >= u64::MAX / 2) {
                return Err(PartError::NodeSequence {
                    id: node.id.clone(),
                });
            }
        }
        let known = |id: &str| {
            self.nodes
                .binary_search_by(|n| n.id.as_str().cmp(id))
                .is_ok()
        };
        for pair in self.edges.windows(2) {
            if (&pair[0].source, &pair[0].target) >= (&pair[1].source, &pair[1].target) {
                return Err(PartError::EdgesOutOfOrder {
                    first: pair[1].source.clone(),
                    second: pair[1].target.clone(),
                });
            }
        }
        for edge in &self.edges {
            if edge.source >= edge.target || !known(&edge.source) || !known(&edge.target) {
                return Err(PartError::EdgeEnds {
                    first: edge.source.clone(),
                    second: edge.target.clone(),
                });
            }
            if edge.evidence.len() > self.settings.evidence_per_edge
                || edge
                    .evidence
                    .windows(2)
                    .any(|e| (e[0].sequence, e[0].window) >= (e[1].sequence, e[1].window))
                || edge.weight == 0
                || edge.documents == 0
                || edge.documents > edge.weight
            {
                return Err(PartError::EdgeCounts {
                    first: edge.source.clone(),
                    second: edge.target.clone(),
                });
            }
        }
        Ok(())
    }

    /// The part of both runs' documents.
    ///
    /// # Errors
    /// When the settings differ ([`MergeError`] names the first difference), or when both
    /// parts list one document (it would be counted twice).
    pub fn merge(self, other: Part) -> Result<Part, MergeError> {
        if let Some(difference) = settings_difference(&self.settings, &other.settings) {
            return Err(difference);
        }
        let shares = merged_shares(&self.shares, &other.shares)?;
        let cap = self.settings.evidence_per_edge;
        let mut nodes = Vec::with_capacity(self.nodes.len().max(other.nodes.len()));
        for pair in merge_sorted(self.nodes, other.nodes, |n| n.id.clone()) {
            nodes.push(match pair {
                (Some(mut a), Some(b)) => {
                    if (&a.label, a.kind, &a.attributes) != (&b.label, b.kind, &b.attributes) {
                        return Err(MergeError::EntityDiffers { id: a.id });
                    }
                    a.mentions = sum(a.mentions, b.mentions)?;
                    a.windows = sum(a.windows, b.windows)?;
                    a.seen = widen(a.seen, b.seen);
                    a.documents = first_by(a.documents, b.documents, MAX_NODE_DOCUMENTS, |d| {
                        (d.sequence, 0)
                    })
                    .map_err(|sequence| MergeError::DocumentTwice { sequence })?;
                    a
                }
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => unreachable!("a merged item comes from one side at least"),
            });
        }
        let mut edges = Vec::with_capacity(self.edges.len().max(other.edges.len()));
        for pair in merge_sorted(self.edges, other.edges, |e| {
            (e.source.clone(), e.target.clone())
        }) {
            edges.push(match pair {
                (Some(mut a), Some(b)) => {
                    a.weight = sum(a.weight, b.weight)?;
                    a.documents = sum(a.documents, b.documents)?;
                    a.seen = widen(a.seen, b.seen);
                    a.evidence = first_by(a.evidence, b.evidence, cap, |e| (e.sequence, e.window))
                        .map_err(|sequence| MergeError::DocumentTwice { sequence })?;
                    a
                }
                (Some(a), None) | (None, Some(a)) => a,
                (None, None) => unreachable!("a merged item comes from one side at least"),
            });
        }
        Ok(Part {
            kind: self.kind,
            part_version: self.part_version,
            settings: self.settings,
            shares,
            documents: sum(self.documents, other.documents)?,
            windows: sum(self.windows, other.windows)?,
            nodes,
            edges,
        })
    }

    /// The graph of this part's documents, without the links seen in fewer than `min_weight`
    /// windows.
    pub fn into_graph(self, min_weight: u64) -> Graph {
        let metadata = Metadata {
            generator: self.settings.generator,
            format_version: FORMAT_VERSION,
            window: self.settings.window,
            min_weight,
            evidence_per_edge: self.settings.evidence_per_edge,
            documents: self.documents,
            windows: self.windows,
            dictionaries: self.settings.dictionaries,
        };
        let nodes = self
            .nodes
            .into_iter()
            .map(|n| Node {
                id: n.id,
                label: n.label,
                kind: n.kind,
                mentions: n.mentions,
                windows: n.windows,
                documents: n.documents.into_iter().map(|d| d.id).collect(),
                attributes: n.attributes,
                community: None,
                seen: n.seen,
            })
            .collect();
        let edges = self
            .edges
            .into_iter()
            .filter(|e| e.weight >= min_weight)
            .map(|e| {
                (
                    e.source,
                    e.target,
                    Edge {
                        weight: e.weight,
                        documents: e.documents,
                        evidence: e.evidence.into_iter().map(|x| x.evidence).collect(),
                        seen: e.seen,
                    },
                )
            })
            .collect();
        match Graph::from_parts(metadata, nodes, edges) {
            Ok(graph) => graph,
            // A validated or built part has unique node ids and links between known nodes.
            Err(problem) => unreachable!("a part made an inconsistent graph: {problem}"),
        }
    }
}

/// The first setting that differs between two parts.
fn settings_difference(a: &PartSettings, b: &PartSettings) -> Option<MergeError> {
    if a.generator != b.generator {
        return Some(MergeError::DifferentVersions {
            first: a.generator.clone(),
            second: b.generator.clone(),
        });
    }
    if a.window != b.window {
        return Some(MergeError::DifferentWindows {
            first: a.window.clone(),
            second: b.window.clone(),
        });
    }
    if a.evidence_per_edge != b.evidence_per_edge {
        return Some(MergeError::DifferentEvidence {
            first: a.evidence_per_edge,
            second: b.evidence_per_edge,
        });
    }
    if a.dictionaries != b.dictionaries || a.dictionary_fingerprint != b.dictionary_fingerprint {
        let describe = |settings: &PartSettings| {
            format!(
                "{} ({})",
                settings.dictionaries.join(", "),
                settings.dictionary_fingerprint
            )
        };
        return Some(MergeError::DifferentDictionaries {
            first: describe(a),
            second: describe(b),
        });
    }
    None
}

/// `a + b`, or an error: counts that overflow come from a hand-edited part, and a wrapped total
/// would be silently wrong.
fn sum(a: u64, b: u64) -> Result<u64, MergeError> {
    a.checked_add(b).ok_or(MergeError::CountOverflow)
}

/// The shares of two parts together, sorted, or why they overlap.
fn merged_shares(a: &[String], b: &[String]) -> Result<Vec<String>, MergeError> {
    let of = |share: &str| share.split_once('/').map(|(_, n)| n.to_string());
    let mut shares: Vec<String> = a.iter().chain(b).cloned().collect();
    shares.sort_unstable_by(|x, y| {
        let number = |s: &str| s.split('/').next().and_then(|n| n.parse::<u64>().ok());
        (number(x), x).cmp(&(number(y), y))
    });
    for pair in shares.windows(2) {
        if pair[0] == pair[1] {
            return Err(MergeError::ShareTwice {
                share: pair[0].clone(),
            });
        }
    }
    if shares.len() > 1 && shares.iter().any(|s| s == "all") {
        return Err(MergeError::WholeAndShare);
    }
    let counts: Vec<Option<String>> = shares.iter().map(|s| of(s)).collect();
    if counts.windows(2).any(|c| c[0] != c[1]) {
        return Err(MergeError::DifferentShardings { shares });
    }
    Ok(shares)
}

/// The days of `a` widened by those of `b`.
fn widen(mut a: Option<Seen>, b: Option<Seen>) -> Option<Seen> {
    if let Some(b) = b {
        Seen::extend(&mut a, &b.first);
        Seen::extend(&mut a, &b.last);
    }
    a
}

/// Two lists sorted by `key`, merged into pairs of equal keys (`(Some, Some)`) or single items.
fn merge_sorted<T, K: Ord>(
    a: Vec<T>,
    b: Vec<T>,
    key: impl Fn(&T) -> K,
) -> impl Iterator<Item = (Option<T>, Option<T>)> {
    let mut a = a.into_iter().peekable();
    let mut b = b.into_iter().peekable();
    std::iter::from_fn(move || {
        let order = match (a.peek(), b.peek()) {
            (None, None) => return None,
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (Some(x), Some(y)) => key(x).cmp(&key(y)),
        };
        Some(match order {
            std::cmp::Ordering::Less => (a.next(), None),
            std::cmp::Ordering::Greater => (None, b.next()),
            std::cmp::Ordering::Equal => (a.next(), b.next()),
        })
    })
}

/// The first `cap` items of two lists sorted by `key`, or the sequence number (first half of
/// the key) that both hold.
fn first_by<T>(
    a: Vec<T>,
    b: Vec<T>,
    cap: usize,
    key: impl Fn(&T) -> (u64, u64),
) -> Result<Vec<T>, u64> {
    let sequences = |list: &[T]| -> Vec<u64> {
        let mut s: Vec<u64> = list.iter().map(|x| key(x).0).collect();
        s.dedup();
        s
    };
    let (sa, sb) = (sequences(&a), sequences(&b));
    if let Some(shared) = sa.iter().find(|s| sb.binary_search(s).is_ok()) {
        return Err(*shared);
    }
    Ok(merge_sorted(a, b, &key)
        .flat_map(|(x, y)| x.into_iter().chain(y))
        .take(cap)
        .collect())
}

/// Reads and validates a part written by `kgx extract --part` (or `kgx merge --part`).
///
/// # Errors
/// [`crate::Error::GraphFile`] naming the file (and the line of a JSON error) when it cannot
/// be parsed, [`crate::Error::BadPart`] when it is not a consistent part, [`crate::Error::Io`]
/// when it cannot be read.
pub fn read_file(path: &std::path::Path) -> crate::Result<Part> {
    let error = |line: usize, message: String| crate::Error::GraphFile {
        path: path.to_path_buf(),
        line,
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| crate::Error::io(path, e))?;
    let mut input = std::io::BufReader::new(file);
    // A graph.json given for a part gets a message that says what to give instead.
    let head = std::io::BufRead::fill_buf(&mut input).map_err(|e| crate::Error::io(path, e))?;
    if head.starts_with(b"{\n  \"directed\"") {
        return Err(error(
            0,
            "a graph.json, not a part: write parts with `kgx extract --part` (graph.part.json)"
                .to_string(),
        ));
    }
    let part: Part = serde_json::from_reader(input).map_err(|e| {
        if e.is_io() {
            error(0, format!("cannot be read: {e}"))
        } else if e.is_eof() {
            error(e.line(), "ends early: the part is truncated".to_string())
        } else {
            error(e.line(), format!("not a kgx part: {e}"))
        }
    })?;
    part.validate().map_err(|source| crate::Error::BadPart {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(part)
}

#[cfg(test)]
mod tests;
