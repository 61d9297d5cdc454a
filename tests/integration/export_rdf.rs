//! `kgx export --format jsonld|turtle` and `kgx extract --format jsonld,turtle`: golden files of
//! the seeds, the JSON-LD read back field by field, scores and hostile names. rdflib reads both
//! files in `tests/tools/rdflib.rs`.

use std::path::Path;

use serde_json::{json, Value};

use crate::common::{assert_golden, extract_seeds, kgx, nasty_graph, read_json, repo, workspace};

/// Runs `kgx export GRAPH --format FORMAT -o <dir>/<file> [extra…]` and returns the file's text.
fn export(graph: &Path, format: &str, dir: &Path, extra: &[&str]) -> String {
    let file = dir.join(format!("export.{format}"));
    crate::common::export_to(graph, format, &file, extra);
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn seeds_export_matches_the_golden_files_and_extract_writes_the_same() {
    let work = workspace();
    let dir = tempfile::tempdir().unwrap();
    let graph = repo().join("output/graph.json");
    let jsonld = export(&graph, "jsonld", dir.path(), &[]);
    let turtle = export(&graph, "turtle", dir.path(), &[]);
    assert_golden("export_seeds.jsonld", &jsonld);
    assert_golden("export_seeds.ttl", &turtle);

    // To stdout: the same bytes.
    let run = kgx(work.path(), &["export", "--format", "turtle"]);
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
