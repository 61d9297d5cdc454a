//! `graph.json`: node-link JSON, as NetworkX and D3 read it.
//!
//! ```text
//! {"directed": false, "multigraph": false,
//!  "graph": {"generator", "format_version", "window", "min_weight", "evidence_per_edge",
//!            "documents", "windows", "dictionaries"},
//!  "nodes": [{"id", "label", "type", "mentions", "windows", "documents": [...],
//!             "community", <dictionary attributes>}],
//!  "edges": [{"source", "target", "weight", "score" (with --weight other than count), "documents",
//!             "evidence": [{"document", "start", "end", "text"}]}]}
//! ```
//!
//! NetworkX reads it with `networkx.node_link_graph(data, edges="edges")`. Dictionary
//! attributes (`wikidata`, `iso2` …) are flattened into the node object so they become node
//! attributes in NetworkX. The same module reads the file back, for the inspection commands;
//! a malformed or foreign file is an error with its line, never a panic.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Read, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::weights::Measure;
use super::{Edge, Evidence, Graph, Metadata, Node, Seen, FORMAT_VERSION};
use crate::dictionary::EntityKind;
use crate::error::{Error, Result};

/// Key of the edge list in node-link JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgesKey {
    /// `"edges"`: NetworkX ≥ 3.4 with `edges="edges"`.
    #[default]
    Edges,
    /// `"links"`: older NetworkX and D3 examples.
    Links,
}

#[derive(Serialize)]
struct GraphFileOut<'a> {
    directed: bool,
    multigraph: bool,
    graph: MetadataOut<'a>,
    nodes: Vec<NodeOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    edges: Option<Vec<EdgeOut<'a>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    links: Option<Vec<EdgeOut<'a>>>,
}

#[derive(Deserialize)]
struct GraphFileIn {
    graph: Metadata,
    nodes: Vec<NodeIn>,
    #[serde(alias = "links")]
    edges: Vec<EdgeIn>,
}

#[derive(Serialize)]
struct MetadataOut<'a> {
    #[serde(flatten)]
    metadata: &'a Metadata,
    /// The association measure behind `edges[].score`, when not plain counts.
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<String>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: EntityKind,
    mentions: u64,
    windows: u64,
    documents: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    #[serde(flatten)]
    attributes: &'a BTreeMap<String, String>,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    source: &'a str,
    target: &'a str,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    documents: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    evidence: &'a [Evidence],
}

#[derive(Deserialize)]
struct NodeIn {
    id: String,
    label: String,
    #[serde(rename = "type")]
    kind: EntityKind,
    mentions: u64,
    #[serde(default)]
    windows: u64,
    documents: Vec<String>,
    #[serde(default)]
    community: Option<usize>,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    #[serde(flatten)]
    attributes: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct EdgeIn {
    source: String,
    target: String,
    weight: u64,
    documents: u64,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    evidence: Vec<Evidence>,
}

/// Writes `graph` as pretty-printed node-link JSON followed by a newline.
///
/// # Errors
/// Whatever the writer returns.
pub fn write(graph: &Graph, out: impl Write) -> io::Result<()> {
    write_with(graph, Measure::Count, EdgesKey::Edges, out)
}

/// Like [`write()`], with options: with a measure other than `count`, each edge also gets a
/// `score` by that measure (and `graph.measure` names it; `weight` always stays the window
/// count), and the edge list can be named `links` for older NetworkX and D3 code.
///
/// # Errors
/// Whatever the writer returns.
pub fn write_with(
    graph: &Graph,
    measure: Measure,
    edges_key: EdgesKey,
    mut out: impl Write,
) -> io::Result<()> {
    let scored = measure != Measure::Count;
    let edges: Vec<EdgeOut> = graph
        .edges()
        .map(|(s, t, e)| EdgeOut {
            source: &s.id,
            target: &t.id,
            weight: e.weight,
            score: scored.then(|| measure.score(graph, s, t, e)),
            documents: e.documents,
            first_seen: e.seen.as_ref().map(|s| s.first.as_str()),
            last_seen: e.seen.as_ref().map(|s| s.last.as_str()),
            evidence: &e.evidence,
        })
        .collect();
    let (edges, links) = match edges_key {
        EdgesKey::Edges => (Some(edges), None),
        EdgesKey::Links => (None, Some(edges)),
    };
    let file = GraphFileOut {
        directed: false,
        multigraph: false,
        graph: MetadataOut {
            metadata: graph.metadata(),
            measure: scored.then(|| measure.to_string()),
        },
        nodes: graph
            .nodes()
            .map(|n| NodeOut {
                id: &n.id,
                label: &n.label,
                kind: n.kind,
                mentions: n.mentions,
                windows: n.windows,
                documents: &n.documents,
                community: n.community,
                first_seen: n.seen.as_ref().map(|s| s.first.as_str()),
                last_seen: n.seen.as_ref().map(|s| s.last.as_str()),
                attributes: &n.attributes,
            })
            .collect(),
        edges,
        links,
    };
    serde_json::to_writer_pretty(&mut out, &file)?;
    out.write_all(b"\n")
}

/// Reads a graph written by [`write()`]; `path` names it in errors.
///
/// # Errors
/// [`Error::GraphFile`] with the line of the problem when the JSON is malformed, misses a
/// field or comes from a newer kgx; [`Error::InconsistentGraph`] when it describes an
/// inconsistent graph.
pub fn read(path: &Path, input: impl Read) -> Result<Graph> {
    let error = |line: usize, message: String| Error::GraphFile {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut input = io::BufReader::new(input);
    // A byte order mark, as some Windows editors save JSON, is no part of the graph.
    if input
        .fill_buf()
        .map_err(|e| Error::io(path, e))?
        .starts_with(b"\xEF\xBB\xBF")
    {
        input.consume(3);
    }
    let file: GraphFileIn = serde_json::from_reader(input).map_err(|e| {
        if e.is_io() {
            return Error::io(path, io::Error::other(e.to_string()));
        }
        let message = e.to_string();
        // serde_json appends " at line L column C"; the line is reported separately.
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(m, _)| m)
            .to_string();
        error(e.line(), format!("not a kgx graph: {message}"))
    })?;
    if file.graph.format_version > FORMAT_VERSION {
        return Err(error(
            0,
            format!(
                "written by a newer kgx (graph format {}, this kgx reads up to {FORMAT_VERSION})",
                file.graph.format_version
            ),
        ));
    }
    let nodes = file
        .nodes
        .into_iter()
        .map(|n| Node {
            id: n.id,
            label: n.label,
            kind: n.kind,
            mentions: n.mentions,
            windows: n.windows,
            documents: n.documents,
            attributes: n.attributes,
            community: n.community,
            seen: seen(n.first_seen, n.last_seen),
        })
        .collect();
    let edges = file
        .edges
        .into_iter()
        .map(|e| {
            (
                e.source,
                e.target,
                Edge {
                    weight: e.weight,
                    documents: e.documents,
                    evidence: e.evidence,
                    seen: seen(e.first_seen, e.last_seen),
                },
            )
        })
        .collect();
    Graph::from_parts(file.graph, nodes, edges).map_err(|source| Error::InconsistentGraph {
        path: path.to_path_buf(),
        source,
    })
}

fn seen(first: Option<String>, last: Option<String>) -> Option<Seen> {
    Some(Seen {
        first: first?,
        last: last?,
    })
}

/// Reads a graph file from disk.
///
/// # Errors
/// As [`read`], plus [`Error::Io`] when the file cannot be opened.
pub fn read_file(path: &Path) -> Result<Graph> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    read(path, file)
}
