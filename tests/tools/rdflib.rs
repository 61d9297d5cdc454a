//! rdflib, a real RDF client, reads the JSON-LD and Turtle exports to the same triples, with the
//! same entities, links, weights and names as `graph.json` (hostile names and ids included), and
//! runs the README's SPARQL example.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::common::{nasty_graph, read_json, repo};
use crate::tool::python;

/// Runs `kgx export GRAPH --format FORMAT -o <dir>/export.<format> [extra…]`.
fn export(graph: &Path, format: &str, dir: &Path, extra: &[&str]) {
    let file = dir.join(format!("export.{format}"));
    crate::common::export_to(graph, format, &file, extra);
}

/// A graph.json written by hand with ids and attribute keys that are not dictionary-safe: spaces,
/// slashes, non-ASCII, a dot segment, `%`, quotes and markup, control characters.
const AWKWARD_GRAPH: &str = r#"{
  "directed": false, "multigraph": false,
  "graph": {"generator": "test", "format_version": 1, "window": "sentence", "min_weight": 1,
            "evidence_per_edge": 3, "documents": 1, "windows": 3, "dictionaries": []},
  "nodes": [
    {"id": "a b/ü", "label": "Space\tSlash", "type": "person", "mentions": 1, "windows": 1,
     "documents": ["d 1.txt"], "wikidata": "Q5", "odd key!": "v\u0000w"},
    {"id": "..", "label": "Dots", "type": "country", "mentions": 2, "windows": 2,
     "documents": ["d 1.txt"], "wikidata": "not an id"},
    {"id": "100%<\"x\">", "label": "Line\r\nbreak \\ \"q\"", "type": "organization",
     "mentions": 3, "windows": 2, "documents": []}
  ],
  "edges": [
    {"source": "..", "target": "a b/ü", "weight": 3, "documents": 1,
     "evidence": [{"document": "d 1.txt", "start": 0, "end": 1, "text": "x\u001fy"},
                  {"document": "d 1.txt", "start": 2, "end": 3, "text": "z"}]},
    {"source": "..", "target": "100%<\"x\">", "weight": 1, "documents": 1, "evidence": []}
  ]
}
"#;

/// What rdflib finds in a pair of files, as JSON: whether both parse to the same triples, and the
/// entities, links and direct `kgx:linkedWith` pairs of the Turtle graph.
const RDFLIB_SCRIPT: &str = r#"
import json, sys
import rdflib
from rdflib import RDF, XSD, Namespace
from rdflib.compare import isomorphic

SDO = Namespace("https://schema.org/")
KGX = Namespace("https://kgx.dev/vocab#")
ld = rdflib.Graph().parse(sys.argv[1], format="json-ld")
g = rdflib.Graph().parse(sys.argv[2], format="turtle")

def integer(value):
    assert value.datatype == XSD.integer, value
    return value.toPython()

def ident(subject):
    return str(g.value(subject, SDO.identifier))

types = {SDO.Person: "person", SDO.Organization: "organization", SDO.Country: "country"}
nodes = {}
for subject, kind in g.subject_objects(RDF.type):
    if kind not in types:
        continue
    same_as = g.value(subject, SDO.sameAs)
    nodes[ident(subject)] = {
        "iri": str(subject),
        "type": types[kind],
        "label": str(g.value(subject, SDO.name)),
        "mentions": integer(g.value(subject, KGX.mentions)),
        "sameAs": None if same_as is None else str(same_as),
    }
links = []
for link in g.subjects(RDF.type, KGX.Link):
    links.append({
        "source": ident(g.value(link, KGX.source)),
        "target": ident(g.value(link, KGX.target)),
        "weight": integer(g.value(link, KGX.weight)),
        "evidence": sorted(str(e) for e in g.objects(link, KGX.evidence)),
    })
links.sort(key=lambda l: (l["source"], l["target"]))
linked = sorted([ident(a), ident(b)] for a, b in g.subject_objects(KGX.linkedWith))
print(json.dumps({
    "isomorphic": isomorphic(ld, g),
    "same_triples": set(ld) == set(g),
    "triples": len(g),
    "persons": len(set(g.subjects(RDF.type, SDO.Person))),
    "nodes": nodes,
    "links": links,
    "linked_with": linked,
}, ensure_ascii=False))
"#;

/// Exports `graph` in both formats, has rdflib read them, and checks everything against the
/// graph.json it came from. Returns rdflib's report for further checks.
fn rdflib_agrees_with(python: &OsStr, graph: &Path, extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    export(graph, "jsonld", dir.path(), extra);
    export(graph, "turtle", dir.path(), extra);
    let output = Command::new(python)
        .args(["-c", RDFLIB_SCRIPT])
        .arg(dir.path().join("export.jsonld"))
        .arg(dir.path().join("export.turtle"))
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["isomorphic"], true, "{report}");
    assert_eq!(report["same_triples"], true, "{report}");

    let source = read_json(graph);
    let mut nodes = BTreeMap::new();
    let mut persons = 0;
    for n in source["nodes"].as_array().unwrap() {
        persons += usize::from(n["type"] == "person");
        let wikidata = n["wikidata"].as_str().filter(|q| {
            q.strip_prefix('Q')
                .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        });
        let id = n["id"].as_str().unwrap().to_string();
        nodes.insert(
            id,
            json!({
                "type": n["type"],
                "label": n["label"],
                "mentions": n["mentions"],
                "sameAs": wikidata.map(|q| format!("http://www.wikidata.org/entity/{q}")),
            }),
        );
    }
    let found = report["nodes"].as_object().unwrap();
    assert_eq!(found.len(), nodes.len(), "{report}");
    for (id, expected) in &nodes {
        let mut got = found
            .get(id)
            .unwrap_or_else(|| panic!("{id} missing"))
            .clone();
        got.as_object_mut().unwrap().remove("iri");
        assert_eq!(&got, expected, "{id}");
    }
    assert_eq!(report["persons"], persons, "one schema:Person per person");

    let mut links = Vec::new();
    let mut pairs = Vec::new();
    for e in source["edges"].as_array().unwrap() {
        let mut evidence: Vec<&str> = e["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["text"].as_str().unwrap())
            .collect();
        evidence.sort_unstable();
        evidence.dedup();
        links.push(json!({
            "source": e["source"], "target": e["target"], "weight": e["weight"], "evidence": evidence,
        }));
        pairs.push(json!([e["source"], e["target"]]));
    }
    // Python sorts by code point, Rust by UTF-8 bytes: the same order.
    let text = |v: &Value| v.as_str().unwrap().to_string();
    links.sort_by_key(|l| (text(&l["source"]), text(&l["target"])));
    pairs.sort_by_key(|p| (text(&p[0]), text(&p[1])));
    assert_eq!(report["links"], Value::Array(links));
    assert_eq!(report["linked_with"], Value::Array(pairs));
    report
}

pub fn reads_both_files_to_the_same_triples() {
    let python = python();
    let seeds = repo().join("output/graph.json");
    let report = rdflib_agrees_with(&python, &seeds, &[]);
    assert_eq!(
        report["nodes"]["vladimir-putin"]["iri"],
        "https://kgx.dev/entity/vladimir-putin"
    );
    rdflib_agrees_with(&python, &seeds, &["--weight", "npmi"]);

    let nasty = nasty_graph();
    let report = rdflib_agrees_with(&python, &nasty.path().join("graph.json"), &[]);
    let labels: Vec<&str> = report["nodes"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n["label"].as_str().unwrap())
        .collect();
    for name in [
        "Say \"Hi\" O'Brien",
        "Back\\slash & <Co> Ltd",
        "Rocket 🚀 Corp",
        "ישראל",
        "بنيامين نتنياهو",
        "Bell\u{7}Ring Ltd",
        "100% Pure {Curly} #Hash Co",
    ] {
        assert!(labels.contains(&name), "{name} lost: {labels:?}");
    }

    let dir = tempfile::tempdir().unwrap();
    let awkward = dir.path().join("awkward.json");
    std::fs::write(&awkward, AWKWARD_GRAPH).unwrap();
    let report = rdflib_agrees_with(&python, &awkward, &[]);
    let iri = |id: &str| report["nodes"][id]["iri"].as_str().unwrap().to_string();
    assert_eq!(iri("a b/ü"), "https://kgx.dev/entity/a%20b%2F%C3%BC");
    assert_eq!(iri(".."), "https://kgx.dev/entity/%2E%2E");
    assert_eq!(
        iri("100%<\"x\">"),
        "https://kgx.dev/entity/100%25%3C%22x%22%3E"
    );
}

/// The README's SPARQL example, run by rdflib on the seeds' Turtle, lists Putin's links as
/// `kgx links` does: strongest first.
pub fn readme_sparql_example_finds_the_strongest_links() {
    let python = python();
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("```sparql\n")
        .expect("README has a SPARQL example")
        + 10;
    let query = &readme[start..start + readme[start..].find("```").unwrap()];
    let script = "import rdflib, sys\n\
                  g = rdflib.Graph().parse(sys.argv[1], format='turtle')\n\
                  for name, weight in g.query(sys.argv[2]): print(f'{weight} {name}')\n";
    let output = Command::new(python)
        .args(["-c", script])
        .arg(repo().join("tests/golden/export_seeds.ttl"))
        .arg(query)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows: Vec<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();

    let graph = read_json(&repo().join("output/graph.json"));
    let label = |id: &Value| {
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| &n["id"] == id)
            .unwrap()["label"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let mut expected: Vec<(u64, String)> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| {
            let other = if e["source"] == "vladimir-putin" {
                &e["target"]
            } else if e["target"] == "vladimir-putin" {
                &e["source"]
            } else {
                return None;
            };
            Some((e["weight"].as_u64().unwrap(), label(other)))
        })
        .collect();
    expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let expected: Vec<String> = expected.iter().map(|(w, n)| format!("{w} {n}")).collect();
    assert_eq!(rows, expected);
    assert_eq!(rows[0], "18 Russia");
}
