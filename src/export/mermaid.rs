//! `graph.mmd`: a Mermaid flowchart, to paste into Markdown (GitHub, GitLab, Obsidian and many
//! documentation sites draw a fenced ```` ```mermaid ```` block).
//!
//! ```text
//! graph LR
//!   %% kgx 0.1.0: 3 entities, 2 links; edge labels are co-occurrence counts
//!   classDef person fill:#fdb462,stroke:#555555,color:#000000
//!   …
//!   n0(["Vladimir Putin"]):::person
//!   n1["Russia"]:::country
//!   n2{{"Kremlin"}}:::organization
//!   n0 ---|12| n1
//!   n0 ---|3| n2
//!   linkStyle 1 stroke-width:3.38px
//!   linkStyle 0 stroke-width:6.38px
//! ```
//!
//! Node ids are generated (`n0`, `n1` … in node order) because Mermaid ids cannot hold most
//! characters of dictionary ids, and words like `end` or `graph` break the parser. Shapes and
//! fill colours are those of `graph.dot`: people are stadiums, countries boxes, organizations
//! hexagons, each with a `classDef` per type; provisional entities (`--discover`) also get the
//! class `provisional`, a dashed outline. Every link is an undirected line (`---`) labelled
//! with its weight; its width grows with the logarithm of the weight like the DOT pen width,
//! through one `linkStyle` line per distinct weight (links are numbered in writing order).
//!
//! Labels are always quoted, and the characters Mermaid would read as syntax are written as
//! its entity codes: `"` as `#quot;`, `<` `>` `&` as `#lt;` `#gt;` `#amp;`, and `#`, `%`,
//! `` ` `` and `:` as decimal codes (`#35;` …): a literal `#` would start an entity, `%%`
//! a comment, a backtick a Markdown string, and `:` followed by `#` after the word `style`
//! trips Mermaid's style pre-pass. Line breaks and tabs become spaces and other control
//! characters are dropped. Everything else (right-to-left text, emoji) is written as is.
//! Mermaid rejects an empty label, so a label with nothing printable left shows the node's id.
//!
//! A diagram of hundreds of nodes is unreadable and slow to lay out, so a graph of more than
//! [`MAX_NODES`] nodes or [`MAX_LINKS`] links is refused with a hint to prune it first.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

use crate::dictionary::EntityKind;
use crate::graph::Graph;

/// Most nodes drawn.
pub const MAX_NODES: usize = 100;

/// Most links drawn.
pub const MAX_LINKS: usize = 300;

/// The Mermaid text of a label, without the surrounding quotes (see the module doc).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' | '%' | '`' | ':' => {
                out.push('#');
                out.push_str(&u32::from(c).to_string());
                out.push(';');
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The escaped label of a node; Mermaid rejects an empty `""`, so a label with nothing
/// printable left shows the id instead (or a space, if that is empty too).
fn node_text(label: &str, id: &str) -> String {
    let text = escape(label);
    if !text.trim().is_empty() {
        return text;
    }
    let id = escape(id);
    if id.is_empty() {
        " ".to_string()
    } else {
        id
    }
}

/// The type's class name and its `classDef` style (the DOT colours).
fn class(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("person", "fill:#fdb462,stroke:#555555,color:#000000"),
        EntityKind::Country => ("country", "fill:#80b1d3,stroke:#555555,color:#000000"),
        EntityKind::Organization => ("organization", "fill:#b3de69,stroke:#555555,color:#000000"),
    }
}

/// The node shape's opening and closing brackets.
fn shape(kind: EntityKind) -> (&'static str, &'static str) {
    match kind {
        EntityKind::Person => ("([", "])"),
        EntityKind::Country => ("[", "]"),
        EntityKind::Organization => ("{{", "}}"),
    }
}

/// Stroke width in pixels for a link weight: 1 for a single co-occurrence, growing
/// logarithmically (the DOT pen width).
fn stroke_width(weight: u64) -> String {
    format!("{:.2}px", 1.0 + 1.5 * (weight.max(1) as f64).log2())
}

/// Writes `graph` as a Mermaid flowchart.
///
/// # Errors
/// `InvalidInput` when the graph has more than [`MAX_NODES`] nodes or [`MAX_LINKS`] links;
/// otherwise whatever the writer returns.
pub fn write(graph: &Graph, out: &mut dyn Write) -> io::Result<()> {
    let (nodes, links) = (graph.node_count(), graph.edge_count());
    if nodes > MAX_NODES || links > MAX_LINKS {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "mermaid diagrams are for small graphs: this one has {nodes} nodes and {links} \
                 links (limit {MAX_NODES}/{MAX_LINKS}); prune it first with --top-k-per-node, \
                 --min-weight or kgx ego"
            ),
        ));
    }
    writeln!(out, "graph LR")?;
    writeln!(
        out,
        "  %% {}: {nodes} entities, {links} links; edge labels are co-occurrence counts",
        escape(&graph.metadata().generator)
    )?;
    for kind in [
        EntityKind::Person,
        EntityKind::Country,
        EntityKind::Organization,
    ] {
        let (name, style) = class(kind);
        writeln!(out, "  classDef {name} {style}")?;
    }
    let mut ids = HashMap::with_capacity(nodes);
    let mut provisional = Vec::new();
    for (index, node) in graph.nodes().enumerate() {
        ids.insert(node.id.as_str(), index);
        let (open, close) = shape(node.kind);
        let (class_name, _) = class(node.kind);
        writeln!(
            out,
            "  n{index}{open}\"{}\"{close}:::{class_name}",
            node_text(&node.label, &node.id)
        )?;
        if node.is_provisional() {
            provisional.push(format!("n{index}"));
        }
    }
    if !provisional.is_empty() {
        // Found by --discover: a dashed outline, on top of the type's class.
        writeln!(out, "  classDef provisional stroke-dasharray:5 5")?;
        writeln!(out, "  class {} provisional", provisional.join(","))?;
    }
    // Link numbers by weight, for the linkStyle lines.
    let mut by_weight: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    let mut number = 0;
    for (source, target, edge) in graph.edges() {
        let (Some(s), Some(t)) = (ids.get(source.id.as_str()), ids.get(target.id.as_str())) else {
            // Every edge joins two nodes of the graph.
            continue;
        };
        writeln!(out, "  n{s} ---|{}| n{t}", edge.weight)?;
        by_weight.entry(edge.weight).or_default().push(number);
        number += 1;
    }
    for (weight, numbers) in by_weight {
        let numbers: Vec<String> = numbers.iter().map(usize::to_string).collect();
        writeln!(
            out,
            "  linkStyle {} stroke-width:{}",
            numbers.join(","),
            stroke_width(weight)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Edge, Graph, Node};

    #[test]
    fn escaping_leaves_nothing_mermaid_would_read_as_syntax() {
        let cases = [
            ("Vladimir Putin", "Vladimir Putin"),
            (r#"Say "Hi" O'Brien"#, "Say #quot;Hi#quot; O'Brien"),
            (r"Back\slash & <Co> Ltd", r"Back\slash #amp; #lt;Co#gt; Ltd"),
            ("100% Pure {Curly} #Hash", "100#37; Pure {Curly} #35;Hash"),
            ("`md` lifestyle:#1", "#96;md#96; lifestyle#58;#35;1"),
            ("two\nlines\ttab", "two lines tab"),
            ("Bell\u{7}Ring", "BellRing"),
            ("Rocket 🚀 ישראל", "Rocket 🚀 ישראל"),
            ("[x] (y) {z} |w| ;", "[x] (y) {z} |w| ;"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_label_with_nothing_printable_shows_the_id() {
        assert_eq!(node_text("Putin", "putin"), "Putin");
        assert_eq!(node_text("\u{7}", "bell"), "bell");
        assert_eq!(node_text("\n", "a:b"), "a#58;b");
        assert_eq!(node_text("", ""), " ");
    }

    #[test]
    fn stroke_width_grows_with_weight() {
        assert_eq!(stroke_width(1), "1.00px");
        assert_eq!(stroke_width(2), "2.50px");
        assert_eq!(stroke_width(8), "5.50px");
    }

    #[test]
    fn small_graph_is_a_flowchart() {
        let graph = crate::export::tests::sample();
        let mut out = Vec::new();
        write(&graph, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "graph LR\n\
             \x20 %% kgx test: 3 entities, 2 links; edge labels are co-occurrence counts\n\
             \x20 classDef person fill:#fdb462,stroke:#555555,color:#000000\n\
             \x20 classDef country fill:#80b1d3,stroke:#555555,color:#000000\n\
             \x20 classDef organization fill:#b3de69,stroke:#555555,color:#000000\n\
             \x20 n0{{\"BellRing Corp\"}}:::organization\n\
             \x20 n1[\"Land #lt;#amp;#gt; #35;1\"]:::country\n\
             \x20 n2([\"Say #quot;Hi#quot; O'Brien\"]):::person\n\
             \x20 n0 ---|1| n1\n\
             \x20 n1 ---|3| n2\n\
             \x20 linkStyle 0 stroke-width:1.00px\n\
             \x20 linkStyle 1 stroke-width:3.38px\n"
        );
    }

    #[test]
    fn large_graphs_are_refused_with_a_hint() {
        let sample = crate::export::tests::sample();
        let template = sample.nodes().next().unwrap().clone();
        let nodes: Vec<Node> = (0..=MAX_NODES)
            .map(|i| Node {
                id: format!("n{i:03}"),
                ..template.clone()
            })
            .collect();
        let edge = Edge {
            weight: 1,
            documents: 1,
            evidence: vec![],
            seen: None,
        };
        let graph = Graph::from_parts(
            sample.metadata().clone(),
            nodes,
            vec![("n000".into(), "n001".into(), edge)],
        )
        .unwrap();
        let mut out = Vec::new();
        let error = write(&graph, &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            error.to_string(),
            "mermaid diagrams are for small graphs: this one has 101 nodes and 1 links \
             (limit 100/300); prune it first with --top-k-per-node, --min-weight or kgx ego"
        );
        assert!(out.is_empty());
    }
}
