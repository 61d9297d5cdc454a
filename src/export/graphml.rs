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

use std::collections::BTreeMap;
use std::fmt::Display;
use std::io::{self, Write};

use super::xml::{double, escape, json, Extents, IntWidth};
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

/// The keys one graph declares, and the number of each.
struct Schema<'g> {
    keys: Keys,
    graph: GraphKeys,
    node: NodeKeys<'g>,
    edge: EdgeKeys,
}

/// The numbers of the graph's own keys.
struct GraphKeys {
    generator: usize,
    format_version: usize,
    window: usize,
    min_weight: usize,
    evidence_per_edge: usize,
    documents: usize,
    windows: usize,
    dictionaries: usize,
    measure: Option<usize>,
}

/// The numbers of the node keys; dictionary attributes by name.
struct NodeKeys<'g> {
    label: usize,
    kind: usize,
    mentions: usize,
    windows: usize,
    documents: usize,
    community: usize,
    attributes: BTreeMap<&'g str, usize>,
}

/// The numbers of the edge keys; `score` only with a measure other than `count`.
struct EdgeKeys {
    weight: usize,
    score: Option<usize>,
    documents: usize,
    evidence: usize,
}

impl<'g> Schema<'g> {
    /// Declares every key `graph` needs, integers as wide as their largest value.
    fn of(graph: &'g Graph, scored: bool) -> io::Result<Schema<'g>> {
        let extents = Extents::of(FORMAT, graph)?;
        let metadata = graph.metadata();
        let mut keys = Keys::default();
        let graph_keys = GraphKeys {
            generator: keys.add("graph", "generator", "string"),
            format_version: keys.add_int(
                "graph",
                "format_version",
                metadata.format_version.into(),
            )?,
            window: keys.add("graph", "window", "string"),
            min_weight: keys.add_int("graph", "min_weight", metadata.min_weight)?,
            evidence_per_edge: keys.add_int(
                "graph",
                "evidence_per_edge",
                metadata.evidence_per_edge as u64,
            )?,
            documents: keys.add_int("graph", "documents", metadata.documents)?,
            windows: keys.add_int("graph", "windows", metadata.windows)?,
            dictionaries: keys.add("graph", "dictionaries", "string"),
            measure: scored.then(|| keys.add("graph", "measure", "string")),
        };
        let node = NodeKeys {
            label: keys.add("node", "label", "string"),
            kind: keys.add("node", "type", "string"),
            mentions: keys.add_int("node", "mentions", extents.mentions)?,
            windows: keys.add_int("node", "windows", extents.windows)?,
            documents: keys.add("node", "documents", "string"),
            community: keys.add_int("node", "community", extents.community)?,
            attributes: extents
                .attribute_names
                .iter()
                .map(|&name| (name, keys.add("node", name, "string")))
                .collect(),
        };
        let edge = EdgeKeys {
            weight: keys.add_int("edge", "weight", extents.weight)?,
            score: scored.then(|| keys.add("edge", "score", "double")),
            documents: keys.add_int("edge", "documents", extents.edge_documents)?,
            evidence: keys.add("edge", "evidence", "string"),
        };
        Ok(Schema {
            keys,
            graph: graph_keys,
            node,
            edge,
        })
    }
}

/// Writes `graph` as GraphML followed by a newline; with a measure other than `count`, edges
/// also carry a `score` by it.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` for a node id or attribute name with a character
/// XML cannot hold, or a count beyond 64 signed bits.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let measure = options.measure;
    let schema = Schema::of(graph, measure != Measure::Count)?;
    out.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
          <graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" \
          xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns \
          http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
    for (id, key) in schema.keys.0.iter().enumerate() {
        writeln!(
            out,
            "  <key id=\"d{id}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>",
            key.domain,
            escape(&key.name),
            key.ty
        )?;
    }
    writeln!(out, "  <graph id=\"kgx\" edgedefault=\"undirected\">")?;
    write_graph_data(graph, &schema.graph, measure, out)?;
    write_nodes(graph, &schema.node, out)?;
    write_edges(graph, &schema.edge, measure, out)?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")
}

/// The graph's own `<data>`: its metadata.
fn write_graph_data(
    graph: &Graph,
    keys: &GraphKeys,
    measure: Measure,
    out: &mut dyn Write,
) -> io::Result<()> {
    let metadata = graph.metadata();
    let indent = "    ";
    data(out, indent, keys.generator, escape(&metadata.generator))?;
    data(out, indent, keys.format_version, metadata.format_version)?;
    data(out, indent, keys.window, escape(&metadata.window))?;
    data(out, indent, keys.min_weight, metadata.min_weight)?;
    data(
        out,
        indent,
        keys.evidence_per_edge,
        metadata.evidence_per_edge,
    )?;
    data(out, indent, keys.documents, metadata.documents)?;
    data(out, indent, keys.windows, metadata.windows)?;
    let dictionaries = json(&metadata.dictionaries)?;
    data(out, indent, keys.dictionaries, escape(&dictionaries))?;
    if let Some(key) = keys.measure {
        data(out, indent, key, measure)?;
    }
    Ok(())
}

/// Every `<node>`, with its counts and dictionary attributes.
fn write_nodes(graph: &Graph, keys: &NodeKeys<'_>, out: &mut dyn Write) -> io::Result<()> {
    let indent = "      ";
    for node in graph.nodes() {
        writeln!(out, "    <node id=\"{}\">", escape(&node.id))?;
        data(out, indent, keys.label, escape(&node.label))?;
        data(out, indent, keys.kind, node.kind.as_str())?;
        data(out, indent, keys.mentions, node.mentions)?;
        data(out, indent, keys.windows, node.windows)?;
        data(out, indent, keys.documents, escape(&json(&node.documents)?))?;
        if let Some(community) = node.community {
            data(out, indent, keys.community, community)?;
        }
        for (name, value) in &node.attributes {
            if let Some(&key) = keys.attributes.get(name.as_str()) {
                data(out, indent, key, escape(value))?;
            }
        }
        writeln!(out, "    </node>")?;
    }
    Ok(())
}

/// Every `<edge>`, with its weight, score, documents and evidence.
fn write_edges(
    graph: &Graph,
    keys: &EdgeKeys,
    measure: Measure,
    out: &mut dyn Write,
) -> io::Result<()> {
    let indent = "      ";
    for (source, target, edge) in graph.edges() {
        writeln!(
            out,
            "    <edge source=\"{}\" target=\"{}\">",
            escape(&source.id),
            escape(&target.id)
        )?;
        data(out, indent, keys.weight, edge.weight)?;
        if let Some(key) = keys.score {
            if let Some(score) = double(measure.score(graph, source, target, edge)) {
                data(out, indent, key, score)?;
            }
        }
        data(out, indent, keys.documents, edge.documents)?;
        data(out, indent, keys.evidence, escape(&json(&edge.evidence)?))?;
        writeln!(out, "    </edge>")?;
    }
    Ok(())
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
