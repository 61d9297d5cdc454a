//! `graph.cyjs`: Cytoscape.js elements JSON, which Cytoscape desktop also imports
//! (File → Import → Network from File).
//!
//! ```text
//! {"format_version": "1.0", "generated_by": "kgx <version>",
//!  "data": {"name": "kgx", <graph metadata as in graph.json>, "measure" (with --weight)},
//!  "elements": {
//!    "nodes": [{"data": {"id", "label", "name", "type", "mentions", "windows", "documents": [...],
//!                        "community", <dictionary attributes>}}],
//!    "edges": [{"data": {"id": "<source>--<target>", "source", "target", "weight",
//!                        "score" (with --weight), "documents", "evidence": [...]}}]}}
//! ```
//!
//! Cytoscape.js takes `elements` as it is (`cytoscape({elements: file.elements})`, or the whole
//! file through `cy.json(file)`); Cytoscape desktop reads `data` as network attributes and
//! each element's `data` as its table row. Everything about an element lives in its `data`,
//! the only place both read. The fields mean what they mean in `graph.json`; `name` repeats
//! the label because Cytoscape desktop's default style labels nodes by `name`. Dictionary
//! attributes are flattened into the node data like in `graph.json`; one that would take the
//! place of a field above is left out (kgx's dictionaries reserve those keys, so only a
//! hand-made graph file can have one). Cytoscape has one id space for nodes and edges, so an
//! edge id `<source>--<target>` that is already taken (ids may contain `--`) gets a `#2`,
//! `#3` … suffix: ids stay unique and the same graph always gets the same ids. No positions
//! are written: pick a layout (cose, fcose) in the viewer. JSON escaping is serde_json's, so
//! any name round-trips.

use std::collections::{BTreeMap, HashSet};
use std::io::{self, Write};

use serde::Serialize;

use super::ExportOptions;
use crate::dictionary::EntityKind;
use crate::graph::weights::Measure;
use crate::graph::{Evidence, Graph, Metadata};

/// Node data fields written by kgx; a dictionary attribute with one of these keys is left out.
const NODE_FIELDS: &[&str] = &[
    "id",
    "label",
    "name",
    "type",
    "mentions",
    "windows",
    "documents",
    "community",
];

#[derive(Serialize)]
struct File<'a> {
    format_version: &'static str,
    generated_by: &'a str,
    data: GraphData<'a>,
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct GraphData<'a> {
    name: &'static str,
    #[serde(flatten)]
    metadata: &'a Metadata,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<String>,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    label: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: EntityKind,
    mentions: u64,
    windows: u64,
    documents: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<usize>,
    #[serde(flatten)]
    attributes: BTreeMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    documents: u64,
    evidence: &'a [Evidence],
}

/// The id of the edge `source`–`target`: `<source>--<target>`, or with a `#n` suffix when
/// that is already in `used` (which it joins).
fn edge_id(source: &str, target: &str, used: &mut HashSet<String>) -> String {
    let base = format!("{source}--{target}");
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}#{n}");
    }
    used.insert(id.clone());
    id
}

/// Writes `graph` as pretty-printed Cytoscape JSON followed by a newline; with a measure other
/// than `count`, edges also carry a `score` by it.
///
/// # Errors
/// Whatever the writer returns.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let measure = options.measure;
    let scored = measure != Measure::Count;
    let nodes = graph
        .nodes()
        .map(|n| Element {
            data: NodeData {
                id: &n.id,
                label: &n.label,
                name: &n.label,
                kind: n.kind,
                mentions: n.mentions,
                windows: n.windows,
                documents: &n.documents,
                community: n.community,
                attributes: n
                    .attributes
                    .iter()
                    .filter(|(k, _)| !NODE_FIELDS.contains(&k.as_str()))
                    .map(|(k, v)| (k.as_str(), v.as_str()))
                    .collect(),
            },
        })
        .collect();
    let mut used: HashSet<String> = graph.nodes().map(|n| n.id.clone()).collect();
    let edges = graph
        .edges()
        .map(|(s, t, e)| Element {
            data: EdgeData {
                id: edge_id(&s.id, &t.id, &mut used),
                source: &s.id,
                target: &t.id,
                weight: e.weight,
                score: scored.then(|| measure.score(graph, s, t, e)),
                documents: e.documents,
                evidence: &e.evidence,
            },
        })
        .collect();
    let file = File {
        format_version: "1.0",
        generated_by: &graph.metadata().generator,
        data: GraphData {
            name: "kgx",
            metadata: graph.metadata(),
            measure: scored.then(|| measure.to_string()),
        },
        elements: Elements { nodes, edges },
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Graph, Node};

    #[test]
    fn edge_ids_are_unique_even_when_ids_contain_the_separator() {
        // (node ids already taken, edges, expected ids)
        type Case<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)], &'a [&'a str]);
        let cases: &[Case] = &[
            (&[], &[("a", "b"), ("b", "c")], &["a--b", "b--c"]),
            // "a--b" + "c" and "a" + "b--c" give the same text.
            (
                &[],
                &[("a--b", "c"), ("a", "b--c")],
                &["a--b--c", "a--b--c#2"],
            ),
            // A node may already have the id.
            (&["a--b"], &[("a", "b")], &["a--b#2"]),
        ];
        for &(nodes, edges, expected) in cases {
            let mut used: HashSet<String> = nodes.iter().map(|s| s.to_string()).collect();
            let ids: Vec<String> = edges
                .iter()
                .map(|&(s, t)| edge_id(s, t, &mut used))
                .collect();
            assert_eq!(ids, expected, "{edges:?}");
        }
    }

    #[test]
    fn elements_carry_everything_in_their_data() {
        let graph = crate::export::tests::sample();
        let mut out = Vec::new();
        write(&graph, &ExportOptions::default(), &mut out).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(value["data"]["name"], "kgx");
        assert_eq!(value["data"]["documents"], 2);
        assert_eq!(value["generated_by"], "kgx test");
        let nodes = value["elements"]["nodes"].as_array().unwrap();
        let ids: Vec<&str> = nodes
            .iter()
            .map(|n| n["data"]["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["corp", "land", "obrien"]);
        let obrien = &nodes[2]["data"];
        assert_eq!(obrien["label"], "Say \"Hi\" O'Brien");
        assert_eq!(obrien["name"], obrien["label"]);
        assert_eq!(obrien["type"], "person");
        assert_eq!(obrien["role"], "Chief, \"Boss\"");
        assert_eq!(obrien["documents"], serde_json::json!(["a.txt", "b.txt"]));
        assert_eq!(nodes[0]["data"]["label"], "Bell\u{7}Ring\nCorp");
        let edges = value["elements"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 2);
        let edge = &edges[1]["data"];
        assert_eq!(edge["id"], "land--obrien");
        assert_eq!(
            (&edge["source"], &edge["target"]),
            (&"land".into(), &"obrien".into())
        );
        assert_eq!(edge["weight"], 3);
        assert!(edge.get("score").is_none());
        assert_eq!(edge["evidence"][0]["text"], "They met.");
        assert!(out.ends_with(b"}\n"));
    }

    #[test]
    fn a_measure_adds_scores_and_attributes_never_replace_fields() {
        let sample = crate::export::tests::sample();
        let mut nodes: Vec<Node> = sample.nodes().cloned().collect();
        nodes[0]
            .attributes
            .insert("name".to_string(), "Impostor".to_string());
        let edges = sample
            .edges()
            .map(|(s, t, e)| (s.id.clone(), t.id.clone(), e.clone()))
            .collect();
        let graph = Graph::from_parts(sample.metadata().clone(), nodes, edges).unwrap();
        let options = ExportOptions {
            measure: Measure::Jaccard,
            ..Default::default()
        };
        let mut out = Vec::new();
        write(&graph, &options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(!text.contains("Impostor"));
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["data"]["measure"], "jaccard");
        for edge in value["elements"]["edges"].as_array().unwrap() {
            assert!(edge["data"]["score"].as_f64().is_some());
        }
    }
}
