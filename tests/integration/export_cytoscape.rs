//! `kgx export --format cytoscape`: the golden seeds export, checked field by field against
//! graph.json, and scores. Cytoscape.js itself loads it in `tests/tools/node.rs`.

use serde_json::Value;

use crate::common::{assert_golden, export_to, kgx, read_json, repo, workspace};

#[test]
fn seeds_export_matches_the_golden_file_and_graph_json_field_by_field() {
    let work = workspace();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("graph.cyjs");
    export_to(&repo().join("output/graph.json"), "cytoscape", &file, &[]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_golden("export_seeds.cyjs", &text);
    // Same bytes on stdout.
    let run = kgx(work.path(), &["export", "--format", "cytoscape"]);
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
    let work = workspace();
    let run = kgx(
        work.path(),
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
