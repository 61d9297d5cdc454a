//! `graph.gexf`: the graph in GEXF 1.3, Gephi's own format, ready to lay out and colour.
//!
//! ```text
//! <gexf version="1.3">
//!   <meta>    creator (kgx and its version) and a one-line description of the extraction
//!   <graph defaultedgetype="undirected" mode="static">
//!     <attributes class="node">   type, mentions, windows, documents, community,
//!                                 then every dictionary attribute found on any node, sorted
//!     <attributes class="edge">   score (with --weight ≠ count), documents, evidence
//!     <nodes>  <node id label> attvalues, viz:color, viz:size   sorted by id
//!     <edges>  <edge id source target weight> attvalues        source < target, sorted
//! ```
//!
//! Gephi draws what it reads: each node has the fill colour of its type in `graph.dot`
//! (`dot::style`: people orange, countries blue, organizations green) as `viz:color`,
//! and a `viz:size` of `10 + 4·log2(mentions)`, so the most mentioned entities stand out
//! without dwarfing the rest. The edge `weight` is the window count (Gephi's layouts and
//! filters use it); with `--weight M` other than `count`, the score by M is the edge attribute
//! `score`. Node positions are left to Gephi's layouts.
//!
//! When the documents carry dates (`kgx extract --jsonl --date-field …`), the graph is
//! `mode="dynamic"` with `timeformat="date"`, and every node and edge has `start` and `end`
//! attributes, the first and last day it was seen, so Gephi's timeline works; otherwise it is
//! `mode="static"`. The file carries no `lastmodifieddate`, which keeps the output the same
//! bytes for the same input.
//!
//! Attributes are declared with types, ids `0`, `1` … counted across both classes: counts are
//! `integer` (or `long` for a count beyond 32 bits, which only a damaged graph file has; beyond
//! 64 signed bits it is refused), scores `double` (written as the shortest decimal that reads
//! back to the same number, left out when not finite), the rest `string`. GEXF 1.3's list
//! types have no escaping for a separator inside an item, so the lists, node `documents` and
//! edge `evidence`, are JSON strings in exactly the layout of `graph.json`, as in GraphML. Edge
//! ids are their positions (`0`, `1` …) in the sorted edge list.
//!
//! All text goes through `escape` in `export/xml.rs`, the helper shared with GraphML: markup
//! characters escaped, tabs and line breaks kept as character references, characters XML 1.0
//! forbids (a BEL in a name) dropped so the file is always well-formed; a node id or attribute
//! name holding such a character is refused instead.
//!
//! NetworkX's `read_gexf` learnt GEXF 1.3 in August 2025 (networkx/networkx#8196, which only
//! adds 1.3's namespaces to the reader's version table); older releases, such as the 3.4.2 that
//! CI pins, need that one entry added, as the integration test does.

use std::collections::BTreeMap;
use std::io::{self, Write};

use super::dot::style;
use super::xml::{double, escape, json, Extents, IntWidth};
use super::ExportOptions;
use crate::dictionary::EntityKind;
use crate::graph::weights::Measure;
use crate::graph::{Graph, Seen};

const FORMAT: &str = "GEXF";

/// Declared attributes of one class: `(title, type)`; ids continue from the previous class.
struct Attributes {
    class: &'static str,
    first_id: usize,
    list: Vec<(String, &'static str)>,
}

impl Attributes {
    fn new(class: &'static str, first_id: usize) -> Attributes {
        Attributes {
            class,
            first_id,
            list: Vec::new(),
        }
    }

    /// Declares an attribute and returns its id.
    fn add(&mut self, title: &str, ty: &'static str) -> usize {
        self.list.push((title.to_string(), ty));
        self.first_id + self.list.len() - 1
    }

    /// Declares an integer attribute whose largest value is `max`.
    fn add_int(&mut self, title: &str, max: u64) -> io::Result<usize> {
        let ty = match IntWidth::for_max(FORMAT, title, max)? {
            IntWidth::Int => "integer",
            IntWidth::Long => "long",
        };
        Ok(self.add(title, ty))
    }

    fn next_id(&self) -> usize {
        self.first_id + self.list.len()
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "    <attributes class=\"{}\">", self.class)?;
        for (i, (title, ty)) in self.list.iter().enumerate() {
            writeln!(
                out,
                "      <attribute id=\"{}\" title=\"{}\" type=\"{ty}\"/>",
                self.first_id + i,
                escape(title)
            )?;
        }
        writeln!(out, "    </attributes>")
    }
}

/// Collects `<attvalue>` lines and writes them inside `<attvalues>` (omitted when empty).
struct AttValues(Vec<String>);

impl AttValues {
    /// Adds a value; `value` must already be escaped.
    fn add(&mut self, id: usize, value: impl std::fmt::Display) {
        self.0.push(format!(
            "        <attvalue for=\"{id}\" value=\"{value}\"/>\n"
        ));
    }

    fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        writeln!(out, "        <attvalues>")?;
        for line in &self.0 {
            write!(out, "  {line}")?;
        }
        writeln!(out, "        </attvalues>")
    }
}

/// The DOT fill colour of `kind` as red, green and blue.
fn rgb(kind: EntityKind) -> [u8; 3] {
    let hex = style(kind).1.trim_start_matches('#');
    let channel = |i: usize| {
        hex.get(2 * i..2 * i + 2)
            .and_then(|h| u8::from_str_radix(h, 16).ok())
            // Unreachable with the colours in dot.rs, which a test parses.
            .unwrap_or(0x99)
    };
    [channel(0), channel(1), channel(2)]
}

/// `viz:size` for a mention count: 10 for one mention, 4 more for each doubling.
fn size(mentions: u64) -> String {
    format!("{:.2}", 10.0 + 4.0 * (mentions.max(1) as f64).log2())
}

/// ` start="…" end="…"` for a dated node or edge (days are `YYYY-MM-DD`, nothing to escape).
fn spell(seen: Option<&Seen>) -> String {
    seen.map_or(String::new(), |s| {
        format!(" start=\"{}\" end=\"{}\"", s.first, s.last)
    })
}

/// The attributes one graph declares, and the id of each.
struct Schema<'g> {
    node_attributes: Attributes,
    edge_attributes: Attributes,
    node: NodeIds<'g>,
    edge: EdgeIds,
}

/// The ids of the node attributes; dictionary attributes by name.
struct NodeIds<'g> {
    kind: usize,
    mentions: usize,
    windows: usize,
    documents: usize,
    community: usize,
    attributes: BTreeMap<&'g str, usize>,
}

/// The ids of the edge attributes; `score` only with a measure other than `count`.
struct EdgeIds {
    score: Option<usize>,
    documents: usize,
    evidence: usize,
}

impl<'g> Schema<'g> {
    /// Declares every attribute `graph` needs, integers as wide as their largest value.
    fn of(graph: &'g Graph, scored: bool) -> io::Result<Schema<'g>> {
        let extents = Extents::of(FORMAT, graph)?;
        let mut node_attributes = Attributes::new("node", 0);
        let node = NodeIds {
            kind: node_attributes.add("type", "string"),
            mentions: node_attributes.add_int("mentions", extents.mentions)?,
            windows: node_attributes.add_int("windows", extents.windows)?,
            documents: node_attributes.add("documents", "string"),
            community: node_attributes.add_int("community", extents.community)?,
            attributes: extents
                .attribute_names
                .iter()
                .map(|&name| (name, node_attributes.add(name, "string")))
                .collect(),
        };
        let mut edge_attributes = Attributes::new("edge", node_attributes.next_id());
        let edge = EdgeIds {
            score: scored.then(|| edge_attributes.add("score", "double")),
            documents: edge_attributes.add_int("documents", extents.edge_documents)?,
            evidence: edge_attributes.add("evidence", "string"),
        };
        Ok(Schema {
            node_attributes,
            edge_attributes,
            node,
            edge,
        })
    }
}

/// Writes `graph` as GEXF 1.3 followed by a newline; with a measure other than `count`, edges
/// also carry a `score` by it.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` for a node id or attribute name with a character
/// XML cannot hold, or a count beyond 64 signed bits.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let measure = options.measure;
    let schema = Schema::of(graph, measure != Measure::Count)?;
    write_header(graph, measure, out)?;
    schema.node_attributes.write(out)?;
    schema.edge_attributes.write(out)?;
    write_nodes(graph, &schema.node, out)?;
    write_edges(graph, &schema.edge, measure, out)?;
    writeln!(out, "  </graph>")?;
    writeln!(out, "</gexf>")
}

/// From the XML declaration to the opening `<graph>`: who wrote it, a description of the
/// graph, and whether it is dynamic. Dated documents make a dynamic graph: each node and edge
/// lives from the first to the last day it was seen, which drives Gephi's timeline.
fn write_header(graph: &Graph, measure: Measure, out: &mut dyn Write) -> io::Result<()> {
    let dynamic = graph.nodes().any(|n| n.seen.is_some());
    let metadata = graph.metadata();
    let mut description = format!(
        "Co-occurrence graph of {} documents (window: {}, minimum weight: {}",
        metadata.documents, metadata.window, metadata.min_weight
    );
    if measure != Measure::Count {
        description.push_str(&format!(", score: {measure}"));
    }
    description.push_str(&format!(
        "); dictionaries: {}",
        metadata.dictionaries.join(", ")
    ));
    write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" \
         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n\
         \x20 <meta>\n\
         \x20   <creator>{}</creator>\n\
         \x20   <description>{}</description>\n\
         \x20 </meta>\n\
         \x20 <graph defaultedgetype=\"undirected\" {}>\n",
        escape(&metadata.generator),
        escape(&description),
        if dynamic {
            "mode=\"dynamic\" timeformat=\"date\" timerepresentation=\"interval\""
        } else {
            "mode=\"static\""
        }
    )
}

/// Every `<node>`, with its attribute values, colour and size.
fn write_nodes(graph: &Graph, ids: &NodeIds<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "    <nodes count=\"{}\">", graph.node_count())?;
    for node in graph.nodes() {
        writeln!(
            out,
            "      <node id=\"{}\" label=\"{}\"{}>",
            escape(&node.id),
            escape(&node.label),
            spell(node.seen.as_ref())
        )?;
        let mut values = AttValues(Vec::new());
        values.add(ids.kind, node.kind.as_str());
        values.add(ids.mentions, node.mentions);
        values.add(ids.windows, node.windows);
        values.add(ids.documents, escape(&json(&node.documents)?));
        if let Some(community) = node.community {
            values.add(ids.community, community);
        }
        for (name, value) in &node.attributes {
            if let Some(&id) = ids.attributes.get(name.as_str()) {
                values.add(id, escape(value));
            }
        }
        values.write(out)?;
        let [r, g, b] = rgb(node.kind);
        writeln!(out, "        <viz:color r=\"{r}\" g=\"{g}\" b=\"{b}\"/>")?;
        writeln!(out, "        <viz:size value=\"{}\"/>", size(node.mentions))?;
        writeln!(out, "      </node>")?;
    }
    writeln!(out, "    </nodes>")
}

/// Every `<edge>`, with its weight and attribute values.
fn write_edges(
    graph: &Graph,
    ids: &EdgeIds,
    measure: Measure,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "    <edges count=\"{}\">", graph.edge_count())?;
    for (id, (source, target, edge)) in graph.edges().enumerate() {
        writeln!(
            out,
            "      <edge id=\"{id}\" source=\"{}\" target=\"{}\" weight=\"{}\"{}>",
            escape(&source.id),
            escape(&target.id),
            edge.weight,
            spell(edge.seen.as_ref())
        )?;
        let mut values = AttValues(Vec::new());
        if let Some(key) = ids.score {
            if let Some(score) = double(measure.score(graph, source, target, edge)) {
                values.add(key, score);
            }
        }
        values.add(ids.documents, edge.documents);
        values.add(ids.evidence, escape(&json(&edge.evidence)?));
        values.write(out)?;
        writeln!(out, "      </edge>")?;
    }
    writeln!(out, "    </edges>")
}

#[cfg(test)]
mod tests {
    use super::super::tests::written;
    use super::super::xml::tests::{sample, sample_with};
    use super::super::Format;
    use super::*;

    fn gexf(graph: &Graph, measure: Measure) -> io::Result<String> {
        written(Format::Gexf, graph, measure)
    }

    #[test]
    fn small_graph_is_written_in_full() {
        let text = gexf(&sample(), Measure::Count).unwrap();
        let expected = r#"<?xml version="1.0" encoding="UTF-8"?>
<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
  <meta>
    <creator>kgx test</creator>
    <description>Co-occurrence graph of 2 documents (window: sentence, minimum weight: 1); dictionaries: a &amp; b.tsv</description>
  </meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node">
      <attribute id="0" title="type" type="string"/>
      <attribute id="1" title="mentions" type="integer"/>
      <attribute id="2" title="windows" type="integer"/>
      <attribute id="3" title="documents" type="string"/>
      <attribute id="4" title="community" type="integer"/>
      <attribute id="5" title="iso2" type="string"/>
      <attribute id="6" title="wikidata" type="string"/>
    </attributes>
    <attributes class="edge">
      <attribute id="7" title="documents" type="integer"/>
      <attribute id="8" title="evidence" type="string"/>
    </attributes>
    <nodes count="2">
      <node id="a&amp;b" label="Say &quot;Hi&quot; &lt;O&apos;Brien&gt;">
        <attvalues>
          <attvalue for="0" value="person"/>
          <attvalue for="1" value="3"/>
          <attvalue for="2" value="2"/>
          <attvalue for="3" value="[&quot;d1.txt&quot;,&quot;d2.txt&quot;]"/>
          <attvalue for="4" value="0"/>
          <attvalue for="6" value="Q1"/>
        </attvalues>
        <viz:color r="253" g="180" b="98"/>
        <viz:size value="16.34"/>
      </node>
      <node id="ru" label="BellRing 🚀 ישראל">
        <attvalues>
          <attvalue for="0" value="country"/>
          <attvalue for="1" value="1"/>
          <attvalue for="2" value="1"/>
          <attvalue for="3" value="[&quot;d1.txt&quot;]"/>
          <attvalue for="5" value="RU"/>
          <attvalue for="6" value="Q159"/>
        </attvalues>
        <viz:color r="128" g="177" b="211"/>
        <viz:size value="10.00"/>
      </node>
    </nodes>
    <edges count="1">
      <edge id="0" source="a&amp;b" target="ru" weight="1">
        <attvalues>
          <attvalue for="7" value="1"/>
          <attvalue for="8" value="[{&quot;document&quot;:&quot;d1.txt&quot;,&quot;start&quot;:0,&quot;end&quot;:9,&quot;text&quot;:&quot;A\u0007 &lt;b&gt;\n&quot;}]"/>
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
"#;
        assert_eq!(text, expected);
    }

    #[test]
    fn a_measure_adds_a_double_score_and_names_it() {
        let text = gexf(&sample(), Measure::Jaccard).unwrap();
        assert!(
            text.contains("minimum weight: 1, score: jaccard)"),
            "{text}"
        );
        assert!(text.contains(r#"<attribute id="7" title="score" type="double"/>"#));
        assert!(
            text.contains(r#"<attvalue for="7" value="0.5"/>"#),
            "{text}"
        );
        assert!(text.contains(r#"<attribute id="8" title="documents" type="integer"/>"#));
    }

    #[test]
    fn colours_are_the_dot_colours_and_size_grows_with_mentions() {
        for kind in EntityKind::ALL {
            let [r, g, b] = rgb(kind);
            assert_eq!(format!("#{r:02x}{g:02x}{b:02x}"), style(kind).1, "{kind:?}");
        }
        assert_eq!(size(0), "10.00");
        assert_eq!(size(1), "10.00");
        assert_eq!(size(2), "14.00");
        assert_eq!(size(1024), "50.00");
    }

    #[test]
    fn unrepresentable_graphs_are_refused() {
        let bell_id = sample_with(|nodes, edges| {
            nodes[1].id = "r\u{7}u".into();
            edges[0].1 = "r\u{7}u".into();
        });
        let error = gexf(&bell_id, Measure::Count).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error
            .to_string()
            .starts_with("GEXF cannot hold the node id"));
        let huge = sample_with(|_, edges| edges[0].2.documents = u64::MAX);
        let error = gexf(&huge, Measure::Count).unwrap_err();
        assert!(error.to_string().contains("`documents`"), "{error}");
        let long = sample_with(|nodes, _| nodes[0].community = Some(1 << 40));
        let text = gexf(&long, Measure::Count).unwrap();
        assert!(text.contains(r#"title="community" type="long""#));
    }
}
