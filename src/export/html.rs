//! `graph.html`: one self-contained page that shows the graph interactively in a browser,
//! offline.
//!
//! The page is for a person, not a program: open it from disk (`file://`), find an entity by
//! name, filter by type and link weight, click an entity for its links (strongest first) and a
//! link for its evidence sentences and documents. It is drawn by Cytoscape.js 3.34.4
//! (`vendor/cytoscape/`, MIT licence, copied in with its notice) and the viewer script
//! `html/viewer.js`; both are compiled into kgx and written into every page, so the file needs
//! no network, no server and no other file. A Content-Security-Policy in the page forbids every
//! fetch, and the browser test checks that the page requests nothing but itself.
//!
//! Layout of the file: the page skeleton (`html/viewer.html`: styles and the static controls),
//! then the graph as JSON in `<script type="application/json" id="kgx-graph">` (`{"graph":
//! {generator, window, documents, measure}, "nodes": [...], "links": [...]}`, one node or link
//! per line), then the two scripts. The viewer reads the JSON with `JSON.parse`, never as code.
//!
//! Decisions:
//! - **Escaping.** Names, ids, attributes, document names and sentences appear only inside the
//!   JSON block, serialised by serde_json and then passed through [`ScriptSafe`], which writes
//!   `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`. Those characters can only occur inside
//!   JSON strings, where the escapes mean the same characters, so `JSON.parse` gives back the
//!   exact text, while the HTML parser can never see `</script>` or `<!--` in the block. The
//!   viewer puts text on the page only with `textContent` and Cytoscape's canvas labels, never
//!   as markup, so a name like `<Co>` shows as text. The two embedded scripts are constants,
//!   checked by a unit test to contain neither `</script` nor `<!--`.
//! - **Keys.** The JSON names things `key`, `name`, `kind`, `a`, `b` so nothing collides with
//!   Cytoscape's own data keys (`id`, `source`, `target`, `parent`); the viewer maps them. Edges
//!   refer to nodes by their index in `nodes`.
//! - **Determinism.** Nodes and edges are written in the graph's stable order, so the same graph
//!   gives the same bytes.
//! - **Layout.** kgx lays the graph out ([`crate::graph::layout`]: communities apart, no node
//!   over another) and writes each node's position and drawn diameter ([`node_diameter`]) into
//!   the data, so the page draws at once, with no layout to run in the browser (a force layout
//!   in JavaScript took seconds for a thousand entities and could not do five thousand).
//! - **Readable view.** A graph too large to read whole ([`crate::graph::view`]) opens on its
//!   readable view, laid out on its own (`nodes[].view` holds those positions, `links[].view`
//!   marks its links, `graph.view` says what it keeps); "Show all" draws everything. Entities
//!   without links are hidden until asked for. Labels keep one size on screen; the most linked
//!   entities get theirs first and a label that would touch another waits for hover or zoom.
//! - **Size.** A graph above [`MAX_NODES`] nodes or [`MAX_EDGES`] edges is refused: a browser
//!   cannot draw it usably, and `--top-k-per-node`, `--min-weight` or `--largest-component`
//!   make a readable one.
//! - **Scores.** With `--weight M`, links also carry their association score, shown in the
//!   link's panel.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};

use serde::Serialize;

use super::ExportOptions;
use crate::graph::layout::{layout_by, Grouping};
use crate::graph::weights::Measure;
use crate::graph::{view, Evidence, Graph};

/// Cytoscape.js, verbatim from its npm package (see `vendor/README.md`).
const CYTOSCAPE_JS: &str = include_str!("../../vendor/cytoscape/cytoscape.min.js");
/// The page up to the data: head, styles and the static controls.
const PAGE_START: &str = include_str!("html/viewer.html");
/// The viewer: reads the data, builds the Cytoscape graph, wires the controls.
const VIEWER_JS: &str = include_str!("html/viewer.js");

/// Most nodes a page is written for.
pub const MAX_NODES: usize = 5_000;
/// Most edges a page is written for.
pub const MAX_EDGES: usize = 25_000;

#[derive(Serialize)]
struct Header<'a> {
    generator: &'a str,
    window: &'a str,
    documents: u64,
    /// The association measure behind `links[].score`, when not plain counts.
    measure: Option<String>,
    /// What the page opens on when the graph is too large to read whole.
    view: Option<ViewHeader>,
}

/// The readable view the page opens on ([`crate::graph::view`]).
#[derive(Serialize)]
struct ViewHeader {
    summary: String,
    entities: usize,
    links: usize,
}

#[derive(Serialize)]
struct NodeData<'a> {
    key: &'a str,
    name: &'a str,
    kind: &'a str,
    mentions: u64,
    documents: &'a [String],
    community: Option<usize>,
    attributes: &'a BTreeMap<String, String>,
    /// Drawn diameter, in CSS pixels at zoom 1.
    size: f64,
    /// Position in the whole graph's layout.
    x: f64,
    y: f64,
    /// Position in the readable view's layout, for the nodes in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    view: Option<[f64; 2]>,
}

#[derive(Serialize)]
struct LinkData<'a> {
    a: usize,
    b: usize,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    documents: u64,
    evidence: &'a [Evidence],
    /// Whether the readable view shows this link.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    view: bool,
}

/// The drawn diameter of an entity with `mentions` mentions, in CSS pixels at zoom 1: it grows
/// with the logarithm, and stops at 80, so that a country named in every article does not
/// cover its neighbours.
pub fn node_diameter(mentions: u64) -> f64 {
    (14.0 + 8.0 * (mentions.max(1) as f64).log2()).min(80.0)
}

/// Layout positions of `graph`'s nodes (grouped as `grouping` says), in `graph.nodes()`
/// order, rounded to a tenth of a
/// pixel (the page shows no finer detail, and shorter numbers keep it small).
fn positions_of(graph: &Graph, grouping: Grouping) -> Vec<[f64; 2]> {
    let diameters: Vec<f64> = graph.nodes().map(|n| node_diameter(n.mentions)).collect();
    let round = |v: f64| (v * 10.0).round() / 10.0;
    layout_by(graph, &diameters, grouping)
        .into_iter()
        .map(|p| [round(p.x), round(p.y)])
        .collect()
}

/// A writer that escapes `<`, `>` and `&` as JSON `\u` escapes, for JSON inside a `<script>`.
///
/// Only correct for JSON text, where these characters occur inside strings alone. They are
/// ASCII, so escaping byte by byte never splits a UTF-8 sequence.
pub struct ScriptSafe<W: Write>(pub W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut start = 0;
        for (i, &byte) in buf.iter().enumerate() {
            let escape: &[u8] = match byte {
                b'<' => br"\u003c",
                b'>' => br"\u003e",
                b'&' => br"\u0026",
                _ => continue,
            };
            self.0.write_all(&buf[start..i])?;
            self.0.write_all(escape)?;
            start = i + 1;
        }
        self.0.write_all(&buf[start..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Writes `graph` as a self-contained HTML viewer.
///
/// # Errors
/// `InvalidInput` when the graph has more than [`MAX_NODES`] nodes or [`MAX_EDGES`] edges;
/// otherwise whatever the writer returns.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    if graph.node_count() > MAX_NODES || graph.edge_count() > MAX_EDGES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "the graph has {} nodes and {} edges, too many for the html viewer (at most \
                 {MAX_NODES} nodes and {MAX_EDGES} edges); prune it with --top-k-per-node, \
                 --min-weight or --largest-component",
                graph.node_count(),
                graph.edge_count()
            ),
        ));
    }
    let measure = options.measure;
    let scored = measure != Measure::Count;
    let index: HashMap<&str, usize> = graph
        .nodes()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let position = |id: &str| {
        index.get(id).copied().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("edge names unknown node `{id}`"),
            )
        })
    };
    let metadata = graph.metadata();
    let view = view::readable(graph);
    let header = Header {
        generator: &metadata.generator,
        window: &metadata.window,
        documents: metadata.documents,
        measure: scored.then(|| measure.to_string()),
        view: view.as_ref().map(|v| ViewHeader {
            summary: v.summary(),
            entities: v.graph.node_count(),
            links: v.graph.edge_count(),
        }),
    };
    // A graph small enough to read whole is laid out as one piece, like its readable view;
    // a large one by community.
    let grouping = if view.is_some() {
        Grouping::Communities
    } else {
        Grouping::Components
    };
    let positions = positions_of(graph, grouping);
    let view_positions: HashMap<&str, [f64; 2]> = match &view {
        Some(v) => v
            .graph
            .nodes()
            .zip(positions_of(&v.graph, Grouping::Components))
            .map(|(n, at)| (n.id.as_str(), at))
            .collect(),
        None => HashMap::new(),
    };
    let view_links: HashSet<(&str, &str)> = view
        .iter()
        .flat_map(|v| v.graph.edges())
        .map(|(s, t, _)| (s.id.as_str(), t.id.as_str()))
        .collect();

    out.write_all(PAGE_START.as_bytes())?;
    out.write_all(b"<script type=\"application/json\" id=\"kgx-graph\">")?;
    // One JSON value, one node or link per line (readable diffs of the golden file).
    let mut json = ScriptSafe(&mut *out);
    json.write_all(b"{\"graph\":")?;
    serde_json::to_writer(&mut json, &header)?;
    json.write_all(b",\n\"nodes\":[")?;
    for (i, n) in graph.nodes().enumerate() {
        json.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let [x, y] = positions[i];
        let node = NodeData {
            key: &n.id,
            name: &n.label,
            kind: n.kind.as_str(),
            mentions: n.mentions,
            documents: &n.documents,
            community: n.community,
            attributes: &n.attributes,
            size: node_diameter(n.mentions),
            x,
            y,
            view: view_positions.get(n.id.as_str()).copied(),
        };
        serde_json::to_writer(&mut json, &node)?;
    }
    json.write_all(b"],\n\"links\":[")?;
    for (i, (s, t, e)) in graph.edges().enumerate() {
        json.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let link = LinkData {
            a: position(&s.id)?,
            b: position(&t.id)?,
            weight: e.weight,
            score: scored.then(|| measure.score(graph, s, t, e)),
            documents: e.documents,
            evidence: &e.evidence,
            view: view_links.contains(&(s.id.as_str(), t.id.as_str())),
        };
        serde_json::to_writer(&mut json, &link)?;
    }
    json.write_all(b"]}")?;
    out.write_all(b"</script>\n<script>\n")?;
    out.write_all(CYTOSCAPE_JS.as_bytes())?;
    out.write_all(b"\n</script>\n<script>\n")?;
    out.write_all(VIEWER_JS.as_bytes())?;
    out.write_all(b"</script>\n</body>\n</html>\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::EntityKind;
    use crate::graph::{Edge, Metadata, Node, FORMAT_VERSION};

    fn script_safe(text: &str) -> String {
        let mut out = Vec::new();
        ScriptSafe(&mut out).write_all(text.as_bytes()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn script_safe_escapes_markup_characters_only() {
        let cases = [
            ("Putin", "Putin"),
            ("</script>", r"\u003c/script\u003e"),
            ("<!-- x -->", r"\u003c!-- x --\u003e"),
            (
                "Back\\slash & <Co> Ltd",
                r"Back\slash \u0026 \u003cCo\u003e Ltd",
            ),
            ("Rocket 🚀 ישראל", "Rocket 🚀 ישראל"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(script_safe(input), expected, "{input:?}");
        }
    }

    #[test]
    fn escaped_json_parses_back_to_the_same_text() {
        let names = [
            "</script><script>alert(1)</script>",
            "Say \"Hi\" O'Brien",
            "Back\\slash & <Co> Ltd",
            "Bell\u{7}Ring",
            "\u{2028}line separator",
        ];
        for name in names {
            let mut out = Vec::new();
            serde_json::to_writer(ScriptSafe(&mut out), &name).unwrap();
            let text = String::from_utf8(out).unwrap();
            assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
            assert_eq!(serde_json::from_str::<String>(&text).unwrap(), name);
        }
    }

    #[test]
    fn embedded_scripts_cannot_close_their_element() {
        for (name, script) in [("cytoscape", CYTOSCAPE_JS), ("viewer", VIEWER_JS)] {
            let lower = script.to_ascii_lowercase();
            assert!(!lower.contains("</script"), "{name} contains </script");
            assert!(!lower.contains("<!--"), "{name} contains <!--");
        }
        assert!(CYTOSCAPE_JS.contains(".version=\"3.34.4\""));
        assert!(
            CYTOSCAPE_JS.starts_with("/**\n * Copyright (c) 2016-2026, The Cytoscape Consortium.")
        );
    }

    fn node(id: &str, label: &str, kind: EntityKind) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            kind,
            mentions: 2,
            windows: 2,
            documents: vec!["a.txt".into()],
            attributes: BTreeMap::from([("wikidata".to_string(), "Q1".to_string())]),
            community: Some(0),
            seen: None,
        }
    }

    fn small_graph() -> Graph {
        let metadata = Metadata {
            generator: "kgx test".into(),
            format_version: FORMAT_VERSION,
            window: "sentence".into(),
            min_weight: 1,
            evidence_per_edge: 3,
            documents: 1,
            windows: 2,
            dictionaries: vec![],
        };
        let evidence = Evidence {
            document: "a.txt".into(),
            start: 0,
            end: 20,
            text: "<b>Acme</b> & Zed</script>".into(),
            clipped: false,
        };
        Graph::from_parts(
            metadata,
            vec![
                node("zed", "Zed", EntityKind::Person),
                node("acme", "<b>Acme</b>", EntityKind::Organization),
            ],
            vec![(
                "zed".into(),
                "acme".into(),
                Edge {
                    weight: 2,
                    documents: 1,
                    evidence: vec![evidence],
                    seen: None,
                },
            )],
        )
        .unwrap()
    }

    fn page(graph: &Graph, options: &ExportOptions) -> String {
        let mut out = Vec::new();
        write(graph, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// The JSON block of a page, parsed.
    fn data(page: &str) -> serde_json::Value {
        let open = "<script type=\"application/json\" id=\"kgx-graph\">";
        let start = page.find(open).unwrap() + open.len();
        let end = start + page[start..].find("</script>").unwrap();
        serde_json::from_str(&page[start..end]).unwrap()
    }

    #[test]
    fn page_holds_the_graph_as_inert_json_in_stable_order() {
        let graph = small_graph();
        let page = page(&graph, &ExportOptions::default());
        assert!(page.starts_with("<!DOCTYPE html>\n"));
        assert!(page.ends_with("</html>\n"));
        assert!(
            !page.contains("<b>"),
            "markup from the graph reached the page"
        );
        assert_eq!(page.matches("</script>").count(), 3);
        let data = data(&page);
        assert_eq!(data["nodes"][0]["key"], "acme");
        assert_eq!(data["nodes"][0]["name"], "<b>Acme</b>");
        assert_eq!(data["nodes"][0]["kind"], "organization");
        assert_eq!(data["nodes"][0]["attributes"]["wikidata"], "Q1");
        assert_eq!(data["nodes"][1]["key"], "zed");
        let link = &data["links"][0];
        assert_eq!(
            (&link["a"], &link["b"], &link["weight"]),
            (&0.into(), &1.into(), &2.into())
        );
        assert_eq!(link["evidence"][0]["text"], "<b>Acme</b> & Zed</script>");
        assert!(link.get("score").is_none() && data["graph"]["measure"].is_null());
        assert_eq!(data["graph"]["generator"], "kgx test");
        for key in ["id", "source", "target", "parent"] {
            assert!(
                data["nodes"][0].get(key).is_none() && link.get(key).is_none(),
                "{key}"
            );
        }
    }

    #[test]
    fn scores_come_with_a_measure() {
        let options = ExportOptions {
            measure: Measure::Npmi,
            ..ExportOptions::default()
        };
        let data = data(&page(&small_graph(), &options));
        assert_eq!(data["graph"]["measure"], "npmi");
        assert!(data["links"][0]["score"].is_number());
    }

    #[test]
    fn a_graph_too_large_to_draw_is_refused() {
        let nodes = (0..=MAX_NODES)
            .map(|i| node(&format!("n{i}"), "N", EntityKind::Country))
            .collect();
        let graph = Graph::from_parts(small_graph().metadata().clone(), nodes, vec![]).unwrap();
        let mut out = Vec::new();
        let error = write(&graph, &ExportOptions::default(), &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("--top-k-per-node"), "{error}");
        assert!(out.is_empty());
    }

    #[test]
    fn same_graph_same_bytes() {
        let graph = small_graph();
        let options = ExportOptions::default();
        assert_eq!(page(&graph, &options), page(&graph, &options));
    }
}
