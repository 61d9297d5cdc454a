//! `kgx export --format cytoscape`: the golden seeds export, checked field by field against
//! graph.json, and Cytoscape.js itself (headless, in node) loading it with every edge attached.

use serde_json::Value;

use crate::common::{
    assert_golden, export_to, kgx, nasty_graph, node_script, npm_packages, read_json, repo,
};

/// The Cytoscape.js release the check runs.
const CYTOSCAPE: &str = "cytoscape@3.34.4";

/// Loads a .cyjs file into headless Cytoscape.js and prints what it holds. Cytoscape.js throws
/// on an edge whose source or target is missing and on a repeated id; the dangling count is a
/// second look.
const CHECK: &str = r#"
const fs = require('node:fs');
const cytoscape = require('cytoscape');
const file = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const cy = cytoscape({ headless: true, elements: file.elements });
const missing = (id) => cy.getElementById(id).empty();
console.log(JSON.stringify({
  nodes: cy.nodes().map((n) => [n.id(), n.data('label'), n.data('type')]),
  edges: cy.edges().map((e) => [e.source().id(), e.target().id(), e.data('weight')]),
  dangling: cy.edges().filter((e) => missing(e.data('source')) || missing(e.data('target'))).length,
}));
"#;

/// What Cytoscape.js should hold for `graph.json`: nodes (id, label, type) and edges
/// (source, target, weight), in the file's order.
fn expected(graph: &Value) -> Value {
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

#[test]
fn seeds_export_matches_the_golden_file_and_graph_json_field_by_field() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("graph.cyjs");
    export_to(&repo().join("output/graph.json"), "cytoscape", &file, &[]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_golden("export_seeds.cyjs", &text);
    // Same bytes on stdout.
    let run = kgx(&repo(), &["export", "--format", "cytoscape"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text);

    let graph = read_json(&repo().join("output/graph.json"));
    let cyjs: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(cyjs["format_version"], "1.0");
    assert_eq!(cyjs["generated_by"], graph["graph"]["generator"]);
    let mut data = cyjs["data"].as_object().unwrap().clone();
    assert_eq!(data.remove("name"), Some("kgx".into()));
    assert_eq!(&Value::Object(data), &graph["graph"]);

    let nodes = cyjs["elements"]["nodes"].as_array().unwrap();
    let graph_nodes = graph["nodes"].as_array().unwrap();
    assert_eq!(nodes.len(), graph_nodes.len());
    for (node, graph_node) in nodes.iter().zip(graph_nodes) {
        let mut data = node["data"].as_object().unwrap().clone();
        assert_eq!(data.remove("name").as_ref(), Some(&graph_node["label"]));
        assert_eq!(
            &Value::Object(data),
            graph_node,
            "node data is graph.json's node"
        );
    }
    let edges = cyjs["elements"]["edges"].as_array().unwrap();
    let graph_edges = graph["edges"].as_array().unwrap();
    assert_eq!(edges.len(), graph_edges.len());
    for (edge, graph_edge) in edges.iter().zip(graph_edges) {
        let mut data = edge["data"].as_object().unwrap().clone();
        let id = data.remove("id").unwrap();
        assert_eq!(
            id.as_str().unwrap(),
            format!(
                "{}--{}",
                graph_edge["source"].as_str().unwrap(),
                graph_edge["target"].as_str().unwrap()
            )
        );
        assert_eq!(
            &Value::Object(data),
            graph_edge,
            "edge data is graph.json's edge"
        );
    }
}

#[test]
fn a_measure_adds_scores_to_the_edge_data() {
    let run = kgx(
        &repo(),
        &["export", "--format", "cytoscape", "--weight", "npmi"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let cyjs: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(cyjs["data"]["measure"], "npmi");
    for edge in cyjs["elements"]["edges"].as_array().unwrap() {
        let score = edge["data"]["score"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&score), "{edge}");
    }
}

/// Cytoscape.js loads the seeds and the nasty-names graph with the same nodes, labels, edges
/// and weights as graph.json, and refuses a file with a dangling edge (so the check can fail).
/// Needs node and npm (skipped without them, except in CI).
#[test]
fn cytoscape_js_loads_the_export_with_every_edge_attached() {
    let Some(dir) = npm_packages("cytoscape", &[CYTOSCAPE]) else {
        return;
    };
    let seeds = tempfile::tempdir().unwrap();
    let seeds_file = seeds.path().join("graph.cyjs");
    export_to(
        &repo().join("output/graph.json"),
        "cytoscape",
        &seeds_file,
        &[],
    );
    let nasty = nasty_graph();
    let nasty_file = nasty.path().join("graph.cyjs");
    export_to(
        &nasty.path().join("graph.json"),
        "cytoscape",
        &nasty_file,
        &[],
    );

    let mut loaded = Value::Null;
    for (graph, file) in [
        (repo().join("output/graph.json"), &seeds_file),
        (nasty.path().join("graph.json"), &nasty_file),
    ] {
        let (ok, stdout, stderr) = node_script(&dir, "check-cyjs.cjs", CHECK, &[file.as_path()]);
        assert!(ok, "Cytoscape.js failed on {}: {stderr}", file.display());
        assert_eq!(stderr, "", "Cytoscape.js printed warnings");
        loaded = serde_json::from_str(&stdout).unwrap();
        assert_eq!(loaded, expected(&read_json(&graph)), "{}", file.display());
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
    let (ok, _, stderr) = node_script(&dir, "check-cyjs.cjs", CHECK, &[broken_file.as_path()]);
    assert!(!ok, "Cytoscape.js accepted a dangling edge");
    assert!(stderr.contains("nonexistent source `nobody`"), "{stderr}");
}
