//! `kgx export --format csv -o DIR` and `kgx extract --format csv`: a directory of three
//! tables (golden files of the seeds), never a stream, and Python's `csv` module plus NetworkX
//! reading them back into the graph of graph.json, nasty names intact.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::{
    assert_golden, export_to, extract_seeds, in_ci, kgx, nasty_graph, read_json, repo,
};

const FILES: [&str; 3] = ["nodes.csv", "edges.csv", "edgelist.csv"];

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn seeds_tables_match_the_golden_files() {
    let out = tempfile::tempdir().unwrap();
    // The directory is created, with its parents.
    let dir = out.path().join("exports/graph-csv");
    export_to(&repo().join("output/graph.json"), "csv", &dir, &[]);
    assert_eq!(listing(&dir), ["edgelist.csv", "edges.csv", "nodes.csv"]);
    for file in FILES {
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert_golden(&format!("export_seeds.{file}"), &text);
    }
    // Writing again into the existing directory replaces the files.
    export_to(&repo().join("output/graph.json"), "csv", &dir, &[]);
    assert_eq!(listing(&dir), ["edgelist.csv", "edges.csv", "nodes.csv"]);
}

#[test]
fn csv_is_a_directory_never_a_stream() {
    let run = kgx(&repo(), &["export", "--format", "csv"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "kgx: csv writes a directory of files; use -o DIR\n"
    );
}

#[test]
fn extract_writes_the_same_tables_into_graph_csv() {
    let (out, run) = extract_seeds(&["--format", "json,csv"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = out.path().join("graph-csv");
    assert!(
        run.stderr.contains(&format!(
            "wrote {}, {}, {}\n",
            out.path().join("graph.json").display(),
            dir.display(),
            out.path().join("mentions.jsonl").display()
        )),
        "{}",
        run.stderr
    );
    assert_eq!(listing(&dir), ["edgelist.csv", "edges.csv", "nodes.csv"]);
    let exported = tempfile::tempdir().unwrap();
    export_to(
        &repo().join("output/graph.json"),
        "csv",
        exported.path(),
        &[],
    );
    for file in FILES {
        assert_eq!(
            std::fs::read(dir.join(file)).unwrap(),
            std::fs::read(exported.path().join(file)).unwrap(),
            "{file}"
        );
    }
}

/// Reads the three tables with Python's `csv` module, builds a NetworkX graph from the edge
/// list, and compares every row with graph.json as NetworkX reads it; prints what it read.
const CHECK: &str = r#"
import csv, json, sys
import networkx as nx

directory, graph_path = sys.argv[1], sys.argv[2]
with open(graph_path, encoding="utf-8") as f:
    g = nx.node_link_graph(json.load(f), edges="edges")

def rows(name):
    with open(f"{directory}/{name}", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)

own = {"label", "type", "mentions", "windows", "documents", "community"}
keys = sorted({k for _, a in g.nodes(data=True) for k in a} - own)
header, nodes = rows("nodes.csv")
assert header == ["id:ID", "label", ":LABEL", "mentions:int", "windows:int", "community:int",
                  "documents:int"] + keys, header
assert sorted(r["id:ID"] for r in nodes) == sorted(g.nodes), "node ids differ"
for r in nodes:
    a = g.nodes[r["id:ID"]]
    assert r["label"] == a["label"], (r["label"], a["label"])
    assert r[":LABEL"] == a["type"].capitalize(), r
    assert int(r["mentions:int"]) == a["mentions"], r
    assert int(r["windows:int"]) == a["windows"], r
    assert r["community:int"] == ("" if a.get("community") is None else str(a["community"])), r
    assert int(r["documents:int"]) == len(a["documents"]), r
    for k in keys:
        assert r[k] == a.get(k, ""), (k, r)

def pair(u, v):
    return tuple(sorted((u, v)))

header, edges = rows("edges.csv")
assert header == [":START_ID", ":END_ID", ":TYPE", "weight:int", "documents:int"], header
assert len(edges) == g.number_of_edges()
want = {pair(u, v): ("CO_OCCURS_WITH", d["weight"], d["documents"]) for u, v, d in g.edges(data=True)}
got = {pair(r[":START_ID"], r[":END_ID"]): (r[":TYPE"], int(r["weight:int"]), int(r["documents:int"]))
       for r in edges}
assert got == want, "edges.csv differs from graph.json"

header, edgelist = rows("edgelist.csv")
assert header == ["source", "target", "weight"], header
h = nx.Graph()
h.add_nodes_from(r["id:ID"] for r in nodes)
h.add_edges_from((r["source"], r["target"], {"weight": int(r["weight"])}) for r in edgelist)
assert len(edgelist) == h.number_of_edges()
assert set(h.nodes) == set(g.nodes)
assert {pair(u, v): w for u, v, w in h.edges(data="weight")} == \
       {pair(u, v): w for u, v, w in g.edges(data="weight")}, "edgelist.csv differs from graph.json"
print(json.dumps({"nodes": h.number_of_nodes(), "edges": h.number_of_edges(),
                  "weight": sum(w for _, _, w in h.edges(data="weight")), "labels": [r["label"] for r in nodes]}))
"#;

/// Python's csv module and NetworkX read the seeds and the nasty-names tables back into the
/// graph of graph.json. Uses the Python named by `KGX_PYTHON` (set by .ci/run).
#[test]
fn python_csv_and_networkx_read_the_tables_back() {
    let Some(python) = std::env::var_os("KGX_PYTHON") else {
        assert!(
            !in_ci(),
            "KGX_PYTHON is not set in CI; .ci/run must provide NetworkX"
        );
        crate::common::skipped("KGX_PYTHON (a Python with networkx) is not set");
        return;
    };
    let nasty = nasty_graph();
    for graph in [
        repo().join("output/graph.json"),
        nasty.path().join("graph.json"),
    ] {
        let out = tempfile::tempdir().unwrap();
        export_to(&graph, "csv", out.path(), &[]);
        let output = Command::new(&python)
            .args(["-c", CHECK])
            .arg(out.path())
            .arg(&graph)
            .output()
            .expect("python runs");
        assert!(
            output.status.success(),
            "{}: {}",
            graph.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let read: Value = serde_json::from_slice(&output.stdout).unwrap();
        let json = read_json(&graph);
        let edges = json["edges"].as_array().unwrap();
        let labels: Vec<&Value> = json["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| &n["label"])
            .collect();
        assert_eq!(read["nodes"], labels.len());
        assert_eq!(read["edges"], edges.len());
        assert_eq!(
            read["weight"].as_u64(),
            Some(edges.iter().map(|e| e["weight"].as_u64().unwrap()).sum())
        );
        assert_eq!(
            read["labels"]
                .as_array()
                .unwrap()
                .iter()
                .collect::<Vec<_>>(),
            labels
        );
    }
}
