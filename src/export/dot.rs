//! `graph.dot`: the graph in the Graphviz DOT language, built with `graphviz-rust`.
//!
//! Nodes are drawn by type (people orange ellipses, countries blue boxes, organizations green
//! hexagons) and labelled with their canonical name; provisional entities (`--discover`) are
//! dashed and carry `provisional="true"`; edges get a pen width that grows with the
//! logarithm of their weight and carry the weight for layouts. graphviz-rust only prints the ids
//! it is given, so every id and string goes through [`quote`], the one place that escapes.

use std::io::{self, Write};

use graphviz_rust::dot_structures::{
    Attribute, Edge as DotEdge, EdgeTy, GraphAttributes, Id, Node as DotNode, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::dictionary::EntityKind;
use crate::export::counted;
use crate::graph::Graph;

/// A DOT quoted string for any text: quotes and backslashes escaped, line breaks as `\n`,
/// other control characters dropped. Non-ASCII text stays as is (DOT files are UTF-8).
pub fn quote(text: &str) -> Id {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    Id::Escaped(out)
}

fn attribute(key: &str, value: &str) -> Attribute {
    Attribute(Id::Plain(key.to_string()), quote(value))
}

/// Shape and fill colour of a node type.
pub(crate) fn style(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("ellipse", "#fdb462"),
        EntityKind::Country => ("box", "#80b1d3"),
        EntityKind::Organization => ("hexagon", "#b3de69"),
    }
}

/// Pen width for an edge weight: 1 for a single co-occurrence, growing logarithmically.
fn pen_width(weight: u64) -> String {
    format!("{:.2}", 1.0 + 1.5 * (weight.max(1) as f64).log2())
}

/// Writes `graph` as DOT, followed by a newline.
///
/// # Errors
/// Whatever the writer returns.
pub fn write(graph: &Graph, out: impl Write) -> io::Result<()> {
    write_graph(graph, DATA_LAYOUT, false, out)
}

/// Layout of `graph.dot`: no overlaps, curved links around the nodes, positions left to the
/// engine.
const DATA_LAYOUT: DiagramLayout<'static> = DiagramLayout {
    attributes: &[("overlap", "false"), ("splines", "true")],
    positions: &[],
};

/// How a rendered diagram is laid out: graph attributes in place of `graph.dot`'s `overlap`
/// and `splines` (see [`crate::render`]), and node positions in points, in `graph.nodes()`
/// order, when the nodes are placed before Graphviz runs (empty otherwise).
#[derive(Debug, Clone, Copy)]
pub struct DiagramLayout<'a> {
    /// Graph attributes.
    pub attributes: &'a [(&'a str, &'a str)],
    /// Pinned node positions, or none.
    pub positions: &'a [(f64, f64)],
}

/// Writes `graph` as DOT for a rendered diagram: the same graph laid out as `layout` says,
/// plus a legend of the entity types as the graph's label (which data exports must not
/// contain).
///
/// # Errors
/// Whatever the writer returns.
pub fn write_diagram(graph: &Graph, layout: DiagramLayout<'_>, out: impl Write) -> io::Result<()> {
    write_graph(graph, layout, true, out)
}

/// Writes the graph one statement at a time, as graphviz-rust prints a whole graph (two spaces
/// of indent, one statement a line): building the whole AST and its printed text first took
/// about a kilobyte per link, 200 MB for a graph of 200,000 links.
fn write_graph(
    graph: &Graph,
    layout: DiagramLayout<'_>,
    legend: bool,
    out: impl Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let mut context = PrinterContext::default();
    let mut emit = |out: &mut io::BufWriter<_>, statement: Stmt| -> io::Result<()> {
        out.write_all(b"  ")?;
        out.write_all(statement.print(&mut context).as_bytes())?;
        out.write_all(b"\n")
    };
    let id = quote("kgx").print(&mut PrinterContext::default());
    writeln!(out, "graph {id} {{")?;
    let header = vec![
        Stmt::GAttribute(GraphAttributes::Graph(
            std::iter::once(attribute("charset", "UTF-8"))
                .chain(
                    layout
                        .attributes
                        .iter()
                        .map(|(key, value)| attribute(key, value)),
                )
                .chain([
                    attribute("outputorder", "edgesfirst"),
                    attribute("fontname", "Helvetica"),
                ])
                .collect(),
        )),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attribute("style", "filled"),
            attribute("fontname", "Helvetica"),
            attribute("color", "#555555"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![attribute("color", "#00000066")])),
    ];
    for statement in header {
        emit(&mut out, statement)?;
    }
    for (index, node) in graph.nodes().enumerate() {
        let (shape, fill) = style(node.kind);
        // `!` pins the node where kgx placed it.
        let position = layout
            .positions
            .get(index)
            .map(|(x, y)| attribute("pos", &format!("{x:.1},{y:.1}!")));
        let tooltip = format!(
            "{} ({}): {} in {}",
            node.label,
            node.kind_label(),
            counted(node.mentions, "mention", "mentions"),
            counted(node.documents.len() as u64, "document", "documents")
        );
        emit(
            &mut out,
            Stmt::Node(DotNode::new(
                NodeId(quote(&node.id), None),
                vec![
                    attribute("label", &node.label),
                    attribute("type", node.kind.as_str()),
                    attribute("shape", shape),
                    attribute("fillcolor", fill),
                    attribute("mentions", &node.mentions.to_string()),
                    attribute("tooltip", &tooltip),
                ]
                .into_iter()
                // Found by --discover: drawn dashed, so a reader tells it from a dictionary entity.
                .chain(
                    node.is_provisional()
                        .then(|| attribute("style", "filled,dashed")),
                )
                .chain(
                    node.is_provisional()
                        .then(|| attribute("provisional", "true")),
                )
                .chain(position)
                .collect(),
            )),
        )?;
    }
    for (source, target, edge) in graph.edges() {
        let tooltip = format!(
            "{} – {}: {} in {}",
            source.label,
            target.label,
            counted(edge.weight, "co-occurrence", "co-occurrences"),
            counted(edge.documents, "document", "documents")
        );
        emit(
            &mut out,
            Stmt::Edge(DotEdge {
                ty: EdgeTy::Pair(
                    Vertex::N(NodeId(quote(&source.id), None)),
                    Vertex::N(NodeId(quote(&target.id), None)),
                ),
                attributes: vec![
                    attribute("weight", &edge.weight.to_string()),
                    attribute("penwidth", &pen_width(edge.weight)),
                    attribute("documents", &edge.documents.to_string()),
                    attribute("tooltip", &tooltip),
                ],
            }),
        )?;
    }
    if legend {
        // A graph label, not a cluster: force-directed engines (neato, sfdp) ignore clusters.
        let cells: String = EntityKind::ALL
            .iter()
            .map(|&kind| {
                let (_, fill) = style(kind);
                format!(r#"<td bgcolor="{fill}">{}</td>"#, kind.as_str())
            })
            .collect();
        let table = format!(
            r#"<<table border="0" cellborder="1" cellspacing="4" cellpadding="4"><tr>{cells}</tr></table>>"#
        );
        emit(
            &mut out,
            Stmt::GAttribute(GraphAttributes::Graph(vec![
                Attribute(Id::Plain("label".to_string()), Id::Html(table)),
                attribute("labelloc", "b"),
            ])),
        )?;
    }
    out.write_all(b"}\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_escapes_what_dot_would_misread() {
        let cases = [
            ("Putin", r#""Putin""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            (r"back\slash", r#""back\\slash""#),
            ("two\nlines", r#""two\nlines""#),
            ("bell\u{7}tab\t", r#""belltab""#),
            ("Erdoğan 🇹🇷 עברית", "\"Erdoğan 🇹🇷 עברית\""),
        ];
        for (input, expected) in cases {
            assert_eq!(quote(input), Id::Escaped(expected.to_string()), "{input:?}");
        }
    }

    #[test]
    fn pen_width_grows_with_weight() {
        assert_eq!(pen_width(1), "1.00");
        assert_eq!(pen_width(2), "2.50");
        assert_eq!(pen_width(8), "5.50");
    }
}
