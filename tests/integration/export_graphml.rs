//! `kgx export --format graphml` and `kgx extract --format graphml`: the seeds' golden file, the
//! names that break naive writers, and NetworkX reading the file back as the same graph as
//! `graph.json`. The NetworkX check is shared with the GEXF tests.

use std::path::Path;
use std::process::Command;

use crate::common::{assert_golden, extract_seeds, in_ci, kgx, nasty_graph, read_json, repo};

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
/// counts line and the sorted labels. `None` when no NetworkX is configured (outside CI).
pub fn networkx_compare(
    kind: &str,
    file: &Path,
    reference: &Path,
) -> Option<(String, Vec<String>)> {
    let Some(python) = std::env::var_os("KGX_PYTHON") else {
        assert!(
            !in_ci(),
            "KGX_PYTHON is not set in CI; .ci/run must provide NetworkX"
        );
        crate::common::skipped("KGX_PYTHON (a Python with networkx) is not set");
        return None;
    };
    let output = Command::new(python)
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
    Some((counts.to_string(), labels))
}

/// `"<nodes> <edges> <total weight>"` of a `graph.json`.
pub fn counts(graph_json: &Path) -> String {
    let graph = read_json(graph_json);
    let edges = graph["edges"].as_array().unwrap();
    let weight: u64 = edges.iter().map(|e| e["weight"].as_u64().unwrap()).sum();
    format!(
        "{} {} {weight}",
        graph["nodes"].as_array().unwrap().len(),
        edges.len()
    )
}

/// Runs `kgx export GRAPH --format FORMAT -o FILE [extra]` and returns FILE's text.
pub fn export(graph: &Path, format: &str, file: &Path, extra: &[&str]) -> String {
    crate::common::export_to(graph, format, file, extra);
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn graphml_of_the_seeds_matches_the_golden_file_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seeds.graphml");
    let graph = repo().join("output/graph.json");
    let text = export(&graph, "graphml", &file, &[]);
    assert_golden("export_seeds.graphml", &text);
    let run = kgx(&repo(), &["export", "--format", "graphml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text, "stdout and -o give the same bytes");
}

#[test]
fn networkx_reads_graphml_as_the_same_graph() {
    // The committed graph, exported.
    let dir = tempfile::tempdir().unwrap();
    let graph = repo().join("output/graph.json");
    let file = dir.path().join("g.graphml");
    export(&graph, "graphml", &file, &[]);
    if let Some((found, labels)) = networkx_compare("graphml", &file, &graph) {
        assert_eq!(found, counts(&graph));
        assert!(labels.iter().any(|l| l == "Vladimir Putin"));
    }
    // A fresh extraction with scores, written by `extract --format` next to its graph.json.
    let (out, run) = extract_seeds(&["--weight", "npmi", "--format", "json,graphml", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = out.path().join("graph.graphml");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(r#"attr.name="score" attr.type="double""#));
    let graph = out.path().join("graph.json");
    if let Some((found, _)) = networkx_compare("graphml", &file, &graph) {
        assert_eq!(found, counts(&graph));
    }
}

#[test]
fn nasty_names_survive_graphml() {
    let dir = nasty_graph();
    let graph = dir.path().join("graph.json");
    let file = dir.path().join("graph.graphml");
    let text = export(&graph, "graphml", &file, &[]);
    for escaped in [
        "Say &quot;Hi&quot; O&apos;Brien",
        r"Back\slash &amp; &lt;Co&gt; Ltd",
        "Rocket 🚀 Corp",
        "ישראל",
        "BellRing Ltd",
        "100% Pure {Curly} #Hash Co",
    ] {
        assert!(text.contains(escaped), "{escaped} missing:\n{text}");
    }
    assert!(
        !text.contains('\u{7}'),
        "the BEL XML forbids is dropped from names"
    );
    assert!(
        text.contains(r"Bell\u0007Ring"),
        "and kept, JSON-escaped, in evidence"
    );
    if let Some((found, labels)) = networkx_compare("graphml", &file, &graph) {
        assert_eq!(found, counts(&graph));
        for name in [
            "Say \"Hi\" O'Brien",
            "Back\\slash & <Co> Ltd",
            "Rocket 🚀 Corp",
            "ישראל",
            "BellRing Ltd",
        ] {
            assert!(labels.iter().any(|l| l == name), "{name} lost: {labels:?}");
        }
    }
}

#[test]
fn an_id_xml_cannot_hold_is_refused_and_no_file_is_left() {
    let dir = nasty_graph();
    let graph = dir.path().join("graph.json");
    let text = std::fs::read_to_string(&graph).unwrap();
    assert!(text.contains("\"control-org\""));
    let damaged = dir.path().join("damaged.json");
    std::fs::write(
        &damaged,
        text.replace("\"control-org\"", "\"control\\u0007org\""),
    )
    .unwrap();
    for (format, name) in [("graphml", "GraphML"), ("gexf", "GEXF")] {
        let file = dir.path().join(format!("out.{format}"));
        let run = kgx(
            &repo(),
            &[
                "export",
                damaged.to_str().unwrap(),
                "--format",
                format,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert_eq!(
            run.stderr,
            format!(
                "kgx: {}: {name} cannot hold the node id \"control\\u{{7}}org\": it contains a \
                 control character that XML forbids; rename it in the dictionary (or in the graph \
                 file) and extract again\n",
                file.display()
            )
        );
        assert!(!file.exists(), "no half-written {format} file");
    }
}
