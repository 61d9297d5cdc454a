//! `graph.graphml`: the graph in GraphML, as NetworkX (`networkx.read_graphml`), Gephi, yEd,
//! Cytoscape and igraph read it.
//!
//! ```text
//! <graphml>
//!   <key for="graph" …/>   generator, format_version, window, min_weight, evidence_per_edge,
//!                          documents, windows, dictionaries, measure (with --weight ≠ count)
//!   <key for="node" …/>    label, type, mentions, windows, documents, community,
//!                          then every dictionary attribute found on any node, sorted
//!   <key for="edge" …/>    weight, score (with --weight ≠ count), documents, evidence
//!   <graph id="kgx" edgedefault="undirected">
//!     <data …/>            the graph's metadata
//!     <node id="…"><data …/>…</node>   sorted by id
//!     <edge source="…" target="…"><data …/>…</edge>   source < target, sorted
//! ```
//!
//! Every attribute is declared once with a type, so readers get numbers back as numbers: key
//! ids are `d0`, `d1` … in the order above and `attr.name` carries the name, which lets a node
//! and an edge both have a `documents` attribute (a list on nodes, a count on edges). Counts
//! are `attr.type="int"`; a count too large for 32 bits (only a damaged graph file has one)
//! makes its key `long`, one that does not fit 64 signed bits is refused. Scores are `double`,
//! written as the shortest decimal that reads back to the same number; a score that is not a
//! finite number (only inconsistent counts give one) is left out, as `graph.json` writes
//! `null`. Dictionary attributes are strings.
//!
//! GraphML has no list type, so the lists, node `documents` and edge `evidence` (and the graph's
//! `dictionaries`), are written as JSON strings in exactly the layout of `graph.json`
//! (`json.loads` gives the same value back). A node without a community, or without one of the
//! dictionary attributes, simply has no `<data>` for it.
//!
//! All text goes through `export/xml.rs`'s `escape` (why it is hand-written rather than
//! `quick-xml`'s writer is in that module): markup characters are escaped, tabs and line breaks
//! kept as character references, and characters XML 1.0 forbids (a BEL in a name) dropped so
//! the file is always well-formed. A node id or attribute name holding such a character is
//! refused instead, since dropping it could merge two nodes. The GraphML schema wants ids and
//! attribute names to be XML name tokens (no spaces); dictionary ids and attribute keys always
//! are, and readers (NetworkX included) accept any other text a hand-edited graph file holds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Display;
use std::io::{self, Write};

use super::xml::{check_name, double, escape, json, IntWidth};
use super::ExportOptions;
use crate::graph::weights::Measure;
use crate::graph::Graph;

const FORMAT: &str = "GraphML";

/// One `<key>`: its position is its id (`d<position>`).
struct Key {
    domain: &'static str,
    name: String,
    ty: &'static str,
}

#[derive(Default)]
struct Keys(Vec<Key>);

impl Keys {
    /// Declares a key and returns its number.
    fn add(&mut self, domain: &'static str, name: &str, ty: &'static str) -> usize {
        self.0.push(Key {
            domain,
            name: name.to_string(),
            ty,
        });
        self.0.len() - 1
    }

    /// Declares an integer key whose largest value is `max`.
    fn add_int(&mut self, domain: &'static str, name: &str, max: u64) -> io::Result<usize> {
        let ty = match IntWidth::for_max(FORMAT, name, max)? {
            IntWidth::Int => "int",
            IntWidth::Long => "long",
        };
        Ok(self.add(domain, name, ty))
    }
}

/// Writes `<data key="d{key}">{value}</data>` at `indent`; `value` must already be escaped.
fn data(out: &mut dyn Write, indent: &str, key: usize, value: impl Display) -> io::Result<()> {
    writeln!(out, "{indent}<data key=\"d{key}\">{value}</data>")
}

/// Writes `graph` as GraphML followed by a newline; with a measure other than `count`, edges
/// also carry a `score` by it.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` for a node id or attribute name with a character
/// XML cannot hold, or a count beyond 64 signed bits.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let measure = options.measure;
    let scored = measure != Measure::Count;

    // What to declare: attribute names and the largest value of each integer attribute.
    let mut attribute_names = BTreeSet::new();
    let (mut mentions, mut windows, mut community) = (0, 0, 0);
    for node in graph.nodes() {
        check_name(FORMAT, "node id", &node.id)?;
        for name in node.attributes.keys() {
            if attribute_names.insert(name.as_str()) {
                check_name(FORMAT, "attribute name", name)?;
            }
        }
        mentions = mentions.max(node.mentions);
        windows = windows.max(node.windows);
        community = community.max(node.community.map_or(0, |c| c as u64));
    }
    let (mut weight, mut edge_documents) = (0, 0);
    for (_, _, edge) in graph.edges() {
        weight = weight.max(edge.weight);
        edge_documents = edge_documents.max(edge.documents);
    }

    let metadata = graph.metadata();
    let mut keys = Keys::default();
    let g_generator = keys.add("graph", "generator", "string");
    let g_format = keys.add_int("graph", "format_version", metadata.format_version.into())?;
    let g_window = keys.add("graph", "window", "string");
    let g_min_weight = keys.add_int("graph", "min_weight", metadata.min_weight)?;
    let g_evidence = keys.add_int(
        "graph",
        "evidence_per_edge",
        metadata.evidence_per_edge as u64,
    )?;
    let g_documents = keys.add_int("graph", "documents", metadata.documents)?;
    let g_windows = keys.add_int("graph", "windows", metadata.windows)?;
    let g_dictionaries = keys.add("graph", "dictionaries", "string");
    let g_measure = scored.then(|| keys.add("graph", "measure", "string"));
    let n_label = keys.add("node", "label", "string");
    let n_type = keys.add("node", "type", "string");
    let n_mentions = keys.add_int("node", "mentions", mentions)?;
    let n_windows = keys.add_int("node", "windows", windows)?;
    let n_documents = keys.add("node", "documents", "string");
    let n_community = keys.add_int("node", "community", community)?;
    let n_attributes: BTreeMap<&str, usize> = attribute_names
        .iter()
        .map(|&name| (name, keys.add("node", name, "string")))
        .collect();
    let e_weight = keys.add_int("edge", "weight", weight)?;
    let e_score = scored.then(|| keys.add("edge", "score", "double"));
    let e_documents = keys.add_int("edge", "documents", edge_documents)?;
    let e_evidence = keys.add("edge", "evidence", "string");

    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
          http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, key) in keys.0.iter().enumerate() {
        writeln!(
            out,
            "  <key id=\"d{id}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>",
            key.domain,
            escape(&key.name),
            key.ty
        )?;
    }
    writeln!(out, "  <graph id=\"kgx\" edgedefault=\"undirected\">")?;
    let indent = "    ";
    data(out, indent, g_generator, escape(&metadata.generator))?;
    data(out, indent, g_format, metadata.format_version)?;
    data(out, indent, g_window, escape(&metadata.window))?;
    data(out, indent, g_min_weight, metadata.min_weight)?;
    data(out, indent, g_evidence, metadata.evidence_per_edge)?;
    data(out, indent, g_documents, metadata.documents)?;
    data(out, indent, g_windows, metadata.windows)?;
    data(
        out,
        indent,
        g_dictionaries,
        escape(&json(&metadata.dictionaries)?),
    )?;
    if let Some(key) = g_measure {
        data(out, indent, key, measure)?;
    }

    let indent = "      ";
    for node in graph.nodes() {
        writeln!(out, "    <node id=\"{}\">", escape(&node.id))?;
        data(out, indent, n_label, escape(&node.label))?;
        data(out, indent, n_type, node.kind.as_str())?;
        data(out, indent, n_mentions, node.mentions)?;
        data(out, indent, n_windows, node.windows)?;
        data(out, indent, n_documents, escape(&json(&node.documents)?))?;
        if let Some(community) = node.community {
            data(out, indent, n_community, community)?;
        }
        for (name, value) in &node.attributes {
            if let Some(&key) = n_attributes.get(name.as_str()) {
                data(out, indent, key, escape(value))?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    for (source, target, edge) in graph.edges() {
        writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            escape(&source.id),
            escape(&target.id)
        )?;
        data(out, indent, e_weight, edge.weight)?;
        if let Some(key) = e_score {
            if let Some(score) = double(measure.score(graph, source, target, edge)) {
                data(out, indent, key, score)?;
            }
        }
        data(out, indent, e_documents, edge.documents)?;
        data(out, indent, e_evidence, escape(&json(&edge.evidence)?))?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

#[cfg(test)]
mod tests {
    use super::super::tests::written;
    use super::super::xml::tests::{sample, sample_with};
    use super::super::Format;
    use super::*;

    fn graphml(graph: &Graph, measure: Measure) -> io::Result<String> {
        written(Format::Graphml, graph, measure)
    }

    #[test]
    fn small_graph_is_written_in_full() {
        let text = graphml(&sample(), Measure::Count).unwrap();
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d0" for="graph" attr.name="generator" attr.type="string"/>
  <key id="d1" for="graph" attr.name="format_version" attr.type="int"/>
  <key id="d2" for="graph" attr.name="window" attr.type="string"/>
  <key id="d3" for="graph" attr.name="min_weight" attr.type="int"/>
  <key id="d4" for="graph" attr.name="evidence_per_edge" attr.type="int"/>
  <key id="d5" for="graph" attr.name="documents" attr.type="int"/>
  <key id="d6" for="graph" attr.name="windows" attr.type="int"/>
  <key id="d7" for="graph" attr.name="dictionaries" attr.type="string"/>
  <key id="d8" for="node" attr.name="label" attr.type="string"/>
  <key id="d9" for="node" attr.name="type" attr.type="string"/>
  <key id="d10" for="node" attr.name="mentions" attr.type="int"/>
  <key id="d11" for="node" attr.name="windows" attr.type="int"/>
  <key id="d12" for="node" attr.name="documents" attr.type="string"/>
  <key id="d13" for="node" attr.name="community" attr.type="int"/>
  <key id="d14" for="node" attr.name="iso2" attr.type="string"/>
  <key id="d15" for="node" attr.name="wikidata" attr.type="string"/>
  <key id="d16" for="edge" attr.name="weight" attr.type="int"/>
  <key id="d17" for="edge" attr.name="documents" attr.type="int"/>
  <key id="d18" for="edge" attr.name="evidence" attr.type="string"/>
  <graph id="kgx" edgedefault="undirected">
    <data key="d0">kgx test</data>
    <data key="d1">1</data>
    <data key="d2">sentence</data>
    <data key="d3">1</data>
    <data key="d4">3</data>
    <data key="d5">2</data>
    <data key="d6">4</data>
    <data key="d7">[&quot;a &amp; b.tsv&quot;]</data>
    <node id="a&amp;b">
      <data key="d8">Say &quot;Hi&quot; &lt;O&apos;Brien&gt;</data>
      <data key="d9">person</data>
      <data key="d10">3</data>
      <data key="d11">2</data>
      <data key="d12">[&quot;d1.txt&quot;,&quot;d2.txt&quot;]</data>
      <data key="d13">0</data>
      <data key="d15">Q1</data>
    </node>
    <node id="ru">
      <data key="d8">BellRing 🚀 ישראל</data>
      <data key="d9">country</data>
      <data key="d10">1</data>
      <data key="d11">1</data>
      <data key="d12">[&quot;d1.txt&quot;]</data>
      <data key="d14">RU</data>
      <data key="d15">Q159</data>
    </node>
    <edge source="a&amp;b" target="ru">
      <data key="d16">1</data>
      <data key="d17">1</data>
      <data key="d18">[{&quot;document&quot;:&quot;d1.txt&quot;,&quot;start&quot;:0,&quot;end&quot;:9,&quot;text&quot;:&quot;A\u0007 &lt;b&gt;\n&quot;}]</data>
    </edge>
  </graph>
</graphml>
"#;
        assert_eq!(text, expected);
    }

    #[test]
    fn a_measure_adds_a_double_score() {
        let text = graphml(&sample(), Measure::Jaccard).unwrap();
        assert!(
            text.contains(r#"<key id="d8" for="graph" attr.name="measure" attr.type="string"/>"#)
        );
        assert!(text.contains(r#"<data key="d8">jaccard</data>"#));
        assert!(text.contains(r#"<key id="d18" for="edge" attr.name="score" attr.type="double"/>"#));
        // n(a,b) = 1, n(a) = 2, n(b) = 1: 1 / (2 + 1 - 1).
        assert!(text.contains(r#"<data key="d18">0.5</data>"#), "{text}");
    }

    #[test]
    fn unrepresentable_graphs_are_refused() {
        let error = graphml(
            &sample_with(|nodes, edges| {
                nodes[1].id = "r\u{7}u".into();
                edges[0].1 = "r\u{7}u".into();
            }),
            Measure::Count,
        )
        .unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("node id"), "{error}");
        let error = graphml(
            &sample_with(|nodes, _| {
                nodes[1].attributes.insert("bell\u{7}".into(), "x".into());
            }),
            Measure::Count,
        )
        .unwrap_err();
        assert!(error.to_string().contains("attribute name"), "{error}");
        let error = graphml(
            &sample_with(|nodes, _| nodes[0].mentions = u64::MAX),
            Measure::Count,
        )
        .unwrap_err();
        assert!(error.to_string().contains("`mentions`"), "{error}");
        let text = graphml(
            &sample_with(|_, edges| edges[0].2.weight = 1 << 40),
            Measure::Count,
        )
        .unwrap();
        assert!(text.contains(r#"attr.name="weight" attr.type="long""#));
    }
}
