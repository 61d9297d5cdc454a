//! NetworkX, the client most users read kgx graphs with: it reads `graph.json` (node-link), the
//! GraphML and GEXF exports (node by node and edge by edge, as the same graph as `graph.json`,
//! hostile names and provisional entities included) and the CSV tables, and its centralities
//! and modularity agree with ours on the seed graph.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use kgx::graph::centrality::{self, DEFAULT_DAMPING, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE};
use kgx::graph::community::{self, DEFAULT_RESOLUTION};
use serde_json::Value;

use crate::common::{export_to, extract_seeds, kgx, nasty_graph, read_json, repo};
use crate::tool::python;

/// NetworkX reads graph.json with `node_link_graph(data, edges="edges")` and finds the same
/// nodes, edges and weights.
pub fn reads_graph_json() {
    let python = python();
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    let path = out.path().join("graph.json");
    let script = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.node_link_graph(data, edges="edges")
print(g.number_of_nodes(), g.number_of_edges(), sum(w for _, _, w in g.edges(data="weight")))
print(g.nodes["vladimir-putin"]["label"], g.nodes["vladimir-putin"]["type"])
"#;
    let output = Command::new(python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let graph = read_json(&path);
    let weights: u64 = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["weight"].as_u64().unwrap())
        .sum();
    let expected = format!(
        "{} {} {}\nVladimir Putin person\n",
        graph["nodes"].as_array().unwrap().len(),
        graph["edges"].as_array().unwrap().len(),
        weights
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), expected);
}

/// Loads `graph.json` (argv[1]) and a partition (a JSON list of lists of ids, on stdin) and
/// prints NetworkX's numbers as one JSON object.
const SCRIPT: &str = r#"
import json, sys
import networkx as nx
data = json.load(open(sys.argv[1], encoding="utf-8"))
g = nx.node_link_graph(data, edges="edges")
ours = [set(c) for c in json.load(sys.stdin)]
theirs = nx.community.louvain_communities(g, weight="weight", seed=1)
print(json.dumps({
    "degree": nx.degree_centrality(g),
    "strength": dict(g.degree(weight="weight")),
    "pagerank": nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000),
    "betweenness": nx.betweenness_centrality(g, normalized=True, weight=None),
    "modularity_ours": nx.community.modularity(g, ours, weight="weight"),
    "modularity_theirs": nx.community.modularity(g, theirs, weight="weight"),
    "communities_theirs": len(theirs),
}))
"#;

/// Largest difference between our scores and NetworkX's, after checking they cover the same
/// nodes.
fn max_difference(name: &str, ours: &[(String, f64)], theirs: &Value) -> f64 {
    let theirs: BTreeMap<&str, f64> = theirs
        .as_object()
        .unwrap_or_else(|| panic!("{name}: not an object"))
        .iter()
        .map(|(id, v)| (id.as_str(), v.as_f64().unwrap()))
        .collect();
    let ids: Vec<&str> = ours.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, theirs.keys().copied().collect::<Vec<_>>(), "{name}");
    ours.iter()
        .map(|(id, score)| (score - theirs[id.as_str()]).abs())
        .fold(0.0, f64::max)
}

pub fn centralities_and_communities_agree() {
    let python = python();
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let path = out.path().join("graph.json");
    let graph = kgx::graph::json::read_file(&path).unwrap();
    assert!(
        graph.edge_count() > 10,
        "the seed graph is too small to tell"
    );

    let communities = community::louvain(&graph, DEFAULT_RESOLUTION);
    let partition = serde_json::to_string(&communities.members()).unwrap();
    let mut child = Command::new(python)
        .args(["-c", SCRIPT])
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(partition.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let nx: Value = serde_json::from_slice(&output.stdout).unwrap();

    let pagerank = centrality::pagerank(
        &graph,
        DEFAULT_DAMPING,
        DEFAULT_TOLERANCE,
        DEFAULT_MAX_ITERATIONS,
    )
    .unwrap();
    // NetworkX runs with our tolerance: at its default (1e-6, for an L1 change summed over
    // all nodes) it stops some 1e-5 short of the fixed point on the seed graph.
    let checks = [
        ("degree", centrality::degree(&graph), &nx["degree"], 1e-9),
        (
            "strength",
            centrality::strength(&graph),
            &nx["strength"],
            0.0,
        ),
        ("pagerank", pagerank, &nx["pagerank"], 1e-9),
        (
            "betweenness",
            centrality::betweenness(&graph),
            &nx["betweenness"],
            1e-9,
        ),
    ];
    for (name, ours, theirs, tolerance) in checks {
        let difference = max_difference(name, &ours, theirs);
        assert!(
            difference <= tolerance,
            "{name} differs from NetworkX by {difference:e}"
        );
    }

    let ours = community::modularity(&graph, &communities, DEFAULT_RESOLUTION);
    let ours_by_nx = nx["modularity_ours"].as_f64().unwrap();
    let theirs = nx["modularity_theirs"].as_f64().unwrap();
    eprintln!(
        "modularity: ours {ours} ({} communities), NetworkX on our partition {ours_by_nx}, \
         NetworkX Louvain (seed 1) {theirs} ({} communities)",
        communities.len(),
        nx["communities_theirs"]
    );
    assert!((ours - ours_by_nx).abs() <= 1e-9, "{ours} != {ours_by_nx}");
    assert!(
        ours >= theirs - 0.02,
        "our Louvain ({ours}) is worse than NetworkX's ({theirs})"
    );
    assert!(communities.len() > 1, "the seed graph splits");
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
/// graph of graph.json.
pub fn reads_the_csv_tables_back() {
    let python = python();
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

/// Reads a GraphML or GEXF file (`argv[1]` names which) with NetworkX and compares it, node by
/// node and edge by edge, with the `graph.json` it was exported from; prints the node and edge
/// counts, the total weight and the sorted labels (as ASCII JSON), or the differences on
/// stderr with exit code 1.
const NETWORKX_COMPARE: &str = r#"
import json, math, sys
import networkx as nx
from networkx.readwrite.gexf import GEXF

# NetworkX learnt GEXF 1.3 in networkx/networkx#8196, which adds exactly this entry to the
# reader's version table; older releases (CI pins 3.4.2) only lack the entry.
GEXF.versions.setdefault("1.3", {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
})

kind, path, reference = sys.argv[1:]
data = json.load(open(reference, encoding="utf-8"))
g = nx.read_graphml(path) if kind == "graphml" else nx.read_gexf(path)
problems = []

def check(what, got, expected):
    if got != expected:
        problems.append(f"{what}: got {got!r}, expected {expected!r}")

def xml_text(value):
    """The value as XML can hold it: kgx drops the characters XML 1.0 forbids."""
    if not isinstance(value, str):
        return value
    return "".join(c for c in value if c in "\t\n\r" or not (c < " " or c in "\ufffe\uffff"))

check("graph type", (g.is_directed(), g.is_multigraph()), (False, False))
check("node ids", sorted(g.nodes), sorted(n["id"] for n in data["nodes"]))
colours = {"person": (253, 180, 98), "country": (128, 177, 211), "organization": (179, 222, 105)}
sizes = []
for node in data["nodes"]:
    if node["id"] not in g:
        continue
    got = dict(g.nodes[node["id"]])
    got["documents"] = json.loads(got.get("documents", "null"))
    if kind == "gexf":
        viz = got.pop("viz", {})
        colour = viz.get("color", {})
        check(f"colour of {node['id']}", tuple(colour.get(c) for c in "rgb"), colours[node["type"]])
        sizes.append((node["mentions"], viz.get("size")))
    expected = {k: xml_text(v) for k, v in node.items() if k != "id"}
    check(f"node {node['id']}", got, expected)
sizes.sort()
check("viz:size grows with mentions", [s for _, s in sizes], sorted(s for _, s in sizes))
if sizes and sizes[0][0] < sizes[-1][0]:
    check("viz:size spread", sizes[0][1] < sizes[-1][1], True)

edges = {frozenset((e["source"], e["target"])): e for e in data["edges"]}
check("edges", sorted(tuple(sorted(p)) for p in g.edges), sorted(tuple(sorted(p)) for p in edges))
for u, v, got in g.edges(data=True):
    edge = edges.get(frozenset((u, v)))
    if edge is None:
        continue
    got = dict(got)
    if kind == "gexf":
        got.pop("id")
    got["evidence"] = json.loads(got.get("evidence", "null"))
    expected = {k: v for k, v in edge.items() if k not in ("source", "target")}
    if expected.get("score", 0) is None:
        del expected["score"]  # not a finite number: null in JSON, left out of XML
    check(f"edge {u} - {v}", got, expected)

if kind == "graphml":
    got = {k: v for k, v in g.graph.items() if k not in ("node_default", "edge_default")}
    got["dictionaries"] = json.loads(got.get("dictionaries", "null"))
    check("graph metadata", got, data["graph"])

if problems:
    sys.stderr.write("\n".join(problems[:20]) + "\n")
    sys.exit(1)
weight = sum(w for _, _, w in g.edges(data="weight"))
print(g.number_of_nodes(), g.number_of_edges(), int(weight))
print(json.dumps(sorted(label for _, label in g.nodes(data="label"))))
"#;

/// What NetworkX found in `file` (format `kind`), after comparing it with `reference`: the
/// counts line and the sorted labels.
fn networkx_compare(kind: &str, file: &Path, reference: &Path) -> (String, Vec<String>) {
    let output = Command::new(python())
        .args(["-c", NETWORKX_COMPARE, kind])
        .arg(file)
        .arg(reference)
        .output()
        .expect("python runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "NetworkX read {} differently from {}:\n{}{stdout}",
        file.display(),
        reference.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let (counts, labels) = stdout.split_once('\n').unwrap();
    let labels: Vec<String> = serde_json::from_str(labels.trim()).unwrap();
    (counts.to_string(), labels)
}

/// `"<nodes> <edges> <total weight>"` of a `graph.json`.
fn counts(graph_json: &Path) -> String {
    let graph = read_json(graph_json);
    let edges = graph["edges"].as_array().unwrap();
    let weight: u64 = edges.iter().map(|e| e["weight"].as_u64().unwrap()).sum();
    format!(
        "{} {} {weight}",
        graph["nodes"].as_array().unwrap().len(),
        edges.len()
    )
}

/// Exports `graph` as `kind` (graphml or gexf) into `dir` and has NetworkX compare the file
/// with it; returns NetworkX's labels after checking the counts.
fn read_back(kind: &str, graph: &Path, dir: &Path) -> Vec<String> {
    let file = dir.join(format!("export.{kind}"));
    export_to(graph, kind, &file, &[]);
    let (found, labels) = networkx_compare(kind, &file, graph);
    assert_eq!(found, counts(graph), "{kind}");
    labels
}

/// The committed graph exported, and a fresh extraction with scores written by
/// `extract --format` next to its graph.json, read back in `kind`.
fn reads_as_the_same_graph(kind: &str, measure: &str) {
    let dir = tempfile::tempdir().unwrap();
    let labels = read_back(kind, &repo().join("output/graph.json"), dir.path());
    assert!(labels.iter().any(|l| l == "Vladimir Putin"));

    let formats = format!("json,{kind}");
    let (out, run) = extract_seeds(&["--weight", measure, "--format", &formats, "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("graph.json");
    let (found, _) = networkx_compare(kind, &out.path().join(format!("graph.{kind}")), &graph);
    assert_eq!(found, counts(&graph));
}

pub fn reads_graphml_as_the_same_graph() {
    reads_as_the_same_graph("graphml", "npmi");
}

pub fn reads_gexf_as_the_same_graph() {
    reads_as_the_same_graph("gexf", "pmi");
}

/// Names with quotes, backslashes, markup, emoji and right-to-left text come back from GraphML
/// and GEXF as they were; the BEL that XML forbids is dropped.
pub fn reads_nasty_names_in_graphml_and_gexf() {
    let nasty = nasty_graph();
    let graph = nasty.path().join("graph.json");
    for kind in ["graphml", "gexf"] {
        let labels = read_back(kind, &graph, nasty.path());
        for name in [
            "Say \"Hi\" O'Brien",
            "Back\\slash & <Co> Ltd",
            "Rocket 🚀 Corp",
            "ישראל",
            "BellRing Ltd",
        ] {
            assert!(
                labels.iter().any(|l| l == name),
                "{kind}: {name} lost: {labels:?}"
            );
        }
    }
}

/// Entities that `--discover` found (provisional) read back from GraphML and GEXF with their
/// names, as the same graph as graph.json.
pub fn reads_provisional_entities_in_graphml_and_gexf() {
    let out = tempfile::tempdir().unwrap();
    let fixtures = repo().join("tests/fixtures/discover");
    let run = kgx(
        out.path(),
        &[
            "extract",
            fixtures.to_str().unwrap(),
            "--discover",
            "--format",
            "json,graphml,gexf",
            "-q",
            "-o",
            "output",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("output/graph.json");
    for kind in ["graphml", "gexf"] {
        let file = out.path().join(format!("output/graph.{kind}"));
        let (found, labels) = networkx_compare(kind, &file, &graph);
        assert_eq!(found, counts(&graph), "{kind}");
        assert!(
            labels.iter().any(|l| l == "Marta Kowalczyk"),
            "{kind}: {labels:?}"
        );
    }
}
