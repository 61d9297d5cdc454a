//! `kgx export --format jsonld|turtle` and `kgx extract --format jsonld,turtle`: golden files of
//! the seeds, the JSON-LD read back field by field, and rdflib, a real RDF client, reading both
//! files to the same triples with the same entities, links, weights and names as `graph.json`.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use crate::common::{assert_golden, extract_seeds, in_ci, kgx, nasty_graph, read_json, repo};

/// Runs `kgx export GRAPH --format FORMAT -o <dir>/<file> [extra…]` and returns the file's text.
fn export(graph: &Path, format: &str, dir: &Path, extra: &[&str]) -> String {
    let file = dir.join(format!("export.{format}"));
    crate::common::export_to(graph, format, &file, extra);
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn seeds_export_matches_the_golden_files_and_extract_writes_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let graph = repo().join("output/graph.json");
    let jsonld = export(&graph, "jsonld", dir.path(), &[]);
    let turtle = export(&graph, "turtle", dir.path(), &[]);
    assert_golden("export_seeds.jsonld", &jsonld);
    assert_golden("export_seeds.ttl", &turtle);

    // To stdout: the same bytes.
    let run = kgx(&repo(), &["export", "--format", "turtle"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, turtle);

    // `extract --format` writes the same files next to graph.json.
    let (out, run) = extract_seeds(&["--format", "json,jsonld,turtle"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read_to_string(out.path().join("graph.jsonld")).unwrap(),
        jsonld
    );
    assert_eq!(
        std::fs::read_to_string(out.path().join("graph.ttl")).unwrap(),
        turtle
    );
    assert!(!out.path().join("graph.dot").exists());
}

#[test]
fn jsonld_reads_back_field_by_field() {
    let dir = tempfile::tempdir().unwrap();
    let graph = read_json(&repo().join("output/graph.json"));
    let text = export(&repo().join("output/graph.json"), "jsonld", dir.path(), &[]);
    let doc: Value = serde_json::from_str(&text).unwrap();
    let context = &doc["@context"];
    assert_eq!(context["kgx"], "https://kgx.dev/vocab#");
    assert_eq!(context["schema"], "https://schema.org/");
    assert_eq!(
        context["linkedWith"],
        json!({"@id": "kgx:linkedWith", "@type": "@id"})
    );

    let items = doc["@graph"].as_array().unwrap();
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(items.len(), nodes.len() + edges.len());
    let ids: Vec<&str> = items.iter().map(|i| i["@id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    assert_eq!(ids, sorted, "subjects are sorted by IRI");

    let putin = items
        .iter()
        .find(|i| i["@id"] == "https://kgx.dev/entity/vladimir-putin")
        .unwrap();
    let node = nodes.iter().find(|n| n["id"] == "vladimir-putin").unwrap();
    assert_eq!(putin["@type"], "Person");
    assert_eq!(putin["name"], "Vladimir Putin");
    assert_eq!(putin["identifier"], "vladimir-putin");
    assert_eq!(putin["sameAs"], "http://www.wikidata.org/entity/Q7747");
    assert_eq!(putin["mentions"], node["mentions"]);
    assert_eq!(putin["windows"], node["windows"]);
    assert_eq!(putin["community"], node["community"]);
    assert_eq!(putin["mentionedIn"], node["documents"]);
    assert_eq!(putin["kgxa:wikidata"], "Q7747");
    assert_eq!(putin["kgxa:country"], "russia");

    let link = items
        .iter()
        .find(|i| i["@id"] == "https://kgx.dev/link/recep-tayyip-erdogan/vladimir-putin")
        .unwrap();
    let edge = edges
        .iter()
        .find(|e| e["source"] == "recep-tayyip-erdogan" && e["target"] == "vladimir-putin")
        .unwrap();
    assert_eq!(link["@type"], "Link");
    assert_eq!(
        link["source"],
        "https://kgx.dev/entity/recep-tayyip-erdogan"
    );
    assert_eq!(link["target"], "https://kgx.dev/entity/vladimir-putin");
    assert_eq!(link["weight"], edge["weight"]);
    assert_eq!(link["documents"], edge["documents"]);
    let texts: Vec<&Value> = edge["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["text"])
        .collect();
    assert_eq!(
        link["evidence"]
            .as_array()
            .unwrap()
            .iter()
            .collect::<Vec<_>>(),
        texts
    );
    let erdogan = items
        .iter()
        .find(|i| i["@id"] == "https://kgx.dev/entity/recep-tayyip-erdogan")
        .unwrap();
    assert!(erdogan["linkedWith"]
        .as_array()
        .unwrap()
        .contains(&json!("https://kgx.dev/entity/vladimir-putin")));
}

#[test]
fn scores_are_written_with_their_measure() {
    let dir = tempfile::tempdir().unwrap();
    let graph = repo().join("output/graph.json");
    let turtle = export(&graph, "turtle", dir.path(), &["--weight", "npmi"]);
    assert!(turtle.contains("    kgx:measure \"npmi\" ;\n"));
    assert!(turtle.contains("^^xsd:double ;\n"));
    let doc: Value =
        serde_json::from_str(&export(&graph, "jsonld", dir.path(), &["--weight", "npmi"])).unwrap();
    for link in doc["@graph"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["@type"] == "Link")
    {
        let score: f64 = link["score"].as_str().unwrap().parse().unwrap();
        assert!((-1.0..=1.0).contains(&score), "{link}");
        assert_eq!(link["measure"], "npmi");
    }
}

#[test]
fn nasty_names_are_escaped_in_turtle_and_jsonld() {
    let dir = nasty_graph();
    let graph = dir.path().join("graph.json");
    let turtle = export(&graph, "turtle", dir.path(), &[]);
    for escaped in [
        r#"schema:name "Say \"Hi\" O'Brien" ;"#,
        r#"schema:name "Back\\slash & <Co> Ltd" ;"#,
        r#"schema:name "Bell\u0007Ring Ltd" ;"#,
        r#"schema:name "Rocket 🚀 Corp" ;"#,
        r#"schema:name "ישראל" ;"#,
    ] {
        assert!(turtle.contains(escaped), "{escaped} not in\n{turtle}");
    }
    assert!(!turtle.contains('\u{7}'), "control characters are escaped");
    let jsonld = export(&graph, "jsonld", dir.path(), &[]);
    assert!(
        jsonld.contains(r#""name": "Bell\u0007Ring Ltd","#),
        "{jsonld}"
    );
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

/// A Python with rdflib (`KGX_PYTHON`, set by .ci/run), or `None` to skip outside CI.
fn rdflib_python() -> Option<String> {
    let Some(python) = std::env::var_os("KGX_PYTHON") else {
        assert!(
            !in_ci(),
            "KGX_PYTHON is not set in CI; .ci/run must provide rdflib"
        );
        crate::common::skipped("KGX_PYTHON (a Python with rdflib) is not set");
        return None;
    };
    let python = python.to_str().expect("UTF-8 KGX_PYTHON").to_string();
    let probe = Command::new(&python)
        .args(["-c", "import rdflib"])
        .output()
        .expect("python runs");
    if !probe.status.success() {
        assert!(!in_ci(), "rdflib is missing in CI; .ci/run must install it");
        crate::common::skipped(format!("rdflib is not installed for {python}"));
        return None;
    }
    Some(python)
}

/// Exports `graph` in both formats, has rdflib read them, and checks everything against the
/// graph.json it came from. Returns rdflib's report for further checks.
fn rdflib_agrees_with(python: &str, graph: &Path, extra: &[&str]) -> Value {
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

#[test]
fn rdflib_reads_both_files_to_the_same_triples() {
    let Some(python) = rdflib_python() else {
        return;
    };
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
#[test]
fn readme_sparql_example_finds_the_strongest_links() {
    let Some(python) = rdflib_python() else {
        return;
    };
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
