//! JavaScript clients, run in node from `tests/node/`: Cytoscape.js loads the `cytoscape` export
//! with every edge attached, and Mermaid's own parser reads the `mermaid` export as the same
//! graph as `graph.json`. Each check also feeds its client a broken file, so it can fail.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use tempfile::TempDir;

use crate::common::{export_to, nasty_graph, read_json, repo, Extracted};
use crate::tool::node_dir;

/// Runs `tests/node/SCRIPT` with node on `args`; returns the exit status's success, stdout and
/// stderr.
fn node_script(script: &str, args: &[&Path]) -> (bool, String, String) {
    let output = Command::new("node")
        .arg(node_dir().join(script))
        .args(args)
        .output()
        .expect("node runs");
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What Cytoscape.js should hold for `graph.json`: nodes (id, label, type) and edges
/// (source, target, weight), in the file's order.
fn cytoscape_expected(graph: &Value) -> Value {
    let nodes: Vec<Value> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| serde_json::json!([n["id"], n["label"], n["type"]]))
        .collect();
    let edges: Vec<Value> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| serde_json::json!([e["source"], e["target"], e["weight"]]))
        .collect();
    serde_json::json!({"nodes": nodes, "edges": edges, "dangling": 0})
}

/// The seed graph and the nasty-names graph exported in `format` as `name`: the directories
/// (kept alive by the caller) and the files. The nasty graph's directory also holds its
/// graph.json.
fn seeds_and_nasty(format: &str, name: &str) -> (TempDir, PathBuf, Extracted, PathBuf) {
    let seeds = tempfile::tempdir().unwrap();
    let seeds_file = seeds.path().join(name);
    export_to(&repo().join("output/graph.json"), format, &seeds_file, &[]);
    let nasty = nasty_graph();
    let nasty_file = nasty.path().join(name);
    export_to(&nasty.path().join("graph.json"), format, &nasty_file, &[]);
    (seeds, seeds_file, nasty, nasty_file)
}

/// Cytoscape.js loads the seeds and the nasty-names graph with the same nodes, labels, edges
/// and weights as graph.json, and refuses a file with a dangling edge (so the check can fail).
pub fn cytoscape_js_loads_the_export_with_every_edge_attached() {
    let (_seeds, seeds_file, nasty, nasty_file) = seeds_and_nasty("cytoscape", "graph.cyjs");

    let mut loaded = Value::Null;
    for (graph, file) in [
        (repo().join("output/graph.json"), &seeds_file),
        (nasty.path().join("graph.json"), &nasty_file),
    ] {
        let (ok, stdout, stderr) = node_script("cytoscape.cjs", &[file.as_path()]);
        assert!(ok, "Cytoscape.js failed on {}: {stderr}", file.display());
        assert_eq!(stderr, "", "Cytoscape.js printed warnings");
        loaded = serde_json::from_str(&stdout).unwrap();
        assert_eq!(
            loaded,
            cytoscape_expected(&read_json(&graph)),
            "{}",
            file.display()
        );
    }
    // The last one read is the nasty graph.
    let labels: Vec<&str> = loaded["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[1].as_str().unwrap())
        .collect();
    for name in [
        "Say \"Hi\" O'Brien",
        "Back\\slash & <Co> Ltd",
        "Rocket 🚀 Corp",
        "ישראל",
        "Bell\u{7}Ring Ltd",
    ] {
        assert!(labels.contains(&name), "{name} lost: {labels:?}");
    }

    let mut broken: Value = read_json(&nasty_file);
    broken["elements"]["edges"][0]["data"]["source"] = "nobody".into();
    let broken_file = nasty.path().join("broken.cyjs");
    std::fs::write(&broken_file, broken.to_string()).unwrap();
    let (ok, _, stderr) = node_script("cytoscape.cjs", &[broken_file.as_path()]);
    assert!(!ok, "Cytoscape.js accepted a dangling edge");
    assert!(stderr.contains("nonexistent source `nobody`"), "{stderr}");
}

/// A label as the diagram shows it: line breaks and tabs as spaces, other control characters
/// dropped, and the id when nothing printable is left.
fn shown(label: &str, id: &str) -> String {
    let text: String = label
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    if text.trim().is_empty() {
        id.to_string()
    } else {
        text
    }
}

/// What Mermaid should read for `graph.json`: node n<i> per node in order with its label
/// and type as class, links between those ids labelled with the weight, and their stroke
/// widths (the DOT pen width: 1 + 1.5·log2 weight).
fn mermaid_expected(graph: &Value) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let nodes = graph["nodes"].as_array().unwrap();
    let index = |id: &Value| nodes.iter().position(|n| &n["id"] == id).unwrap();
    let expected_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!([
                format!("n{i}"),
                shown(n["label"].as_str().unwrap(), n["id"].as_str().unwrap()),
                [n["type"]]
            ])
        })
        .collect();
    let links = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            serde_json::json!([
                format!("n{}", index(&e["source"])),
                format!("n{}", index(&e["target"])),
                e["weight"].to_string()
            ])
        })
        .collect();
    let widths = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let weight = e["weight"].as_u64().unwrap() as f64;
            format!("stroke-width:{:.2}px", 1.0 + 1.5 * weight.log2()).into()
        })
        .collect();
    (expected_nodes, links, widths)
}

/// Mermaid parses the seeds, nasty-names and Mermaid-syntax-names diagrams into the graph.json
/// nodes, labels, types and links, and rejects a label with a raw quote (so the check can fail).
pub fn mermaid_parses_the_diagram_into_the_same_graph() {
    let (_seeds, seeds_file, nasty, nasty_file) = seeds_and_nasty("mermaid", "graph.mmd");
    // Labels that are text to a reader but syntax to Mermaid: an entity code, its style
    // pre-pass, a comment, a Markdown string, markup, a keyword, a line break, and nothing
    // printable at all.
    let mut tricky = read_json(&nasty.path().join("graph.json"));
    let mut blank = tricky["nodes"][0].clone();
    blank["id"] = "zz-blank".into();
    blank["label"] = "\u{7}".into();
    tricky["nodes"].as_array_mut().unwrap().push(blank);
    for (node, label) in tricky["nodes"].as_array_mut().unwrap().iter_mut().zip([
        "Channel #9; News",
        "lifestyle:#1; x",
        "50%% Off",
        "`Markdown`",
        "A <b>bold</b> &amp; move",
        "end",
        "two\nlines",
    ]) {
        node["label"] = label.into();
    }
    let tricky_graph = nasty.path().join("tricky.json");
    std::fs::write(&tricky_graph, tricky.to_string()).unwrap();
    let tricky_file = nasty.path().join("tricky.mmd");
    export_to(&tricky_graph, "mermaid", &tricky_file, &[]);

    let mut parsed = Value::Null;
    for (graph, file) in [
        (tricky_graph, &tricky_file),
        (repo().join("output/graph.json"), &seeds_file),
        (nasty.path().join("graph.json"), &nasty_file),
    ] {
        let (ok, stdout, stderr) = node_script("mermaid.mjs", &[file.as_path()]);
        assert!(ok, "Mermaid failed on {}: {stderr}", file.display());
        parsed = serde_json::from_str(&stdout).unwrap();
        assert_eq!(parsed["type"], "flowchart-v2");
        let (nodes, links, widths) = mermaid_expected(&read_json(&graph));
        assert_eq!(parsed["nodes"].as_array().unwrap(), &nodes);
        assert_eq!(parsed["links"].as_array().unwrap(), &links);
        assert_eq!(parsed["widths"].as_array().unwrap(), &widths);
    }
    // The last one parsed is the nasty graph.
    let labels: Vec<&str> = parsed["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[1].as_str().unwrap())
        .collect();
    for name in [
        "Say \"Hi\" O'Brien",
        "Back\\slash & <Co> Ltd",
        "100% Pure {Curly} #Hash Co",
        "Rocket 🚀 Corp",
        "ישראל",
        "BellRing Ltd",
    ] {
        assert!(labels.contains(&name), "{name} lost: {labels:?}");
    }

    let broken = nasty.path().join("broken.mmd");
    std::fs::write(&broken, "graph LR\n  n0[\"Say \"Hi\" O'Brien\"]\n").unwrap();
    let (ok, _, stderr) = node_script("mermaid.mjs", &[broken.as_path()]);
    assert!(!ok, "Mermaid accepted a raw quote in a label");
    assert!(stderr.contains("Parse error"), "{stderr}");
}
