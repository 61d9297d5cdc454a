//! `kgx extract --discover` and `kgx dict suggest`: names no dictionary knows, found in two
//! short news items (tests/fixtures/discover), kept provisional in every output, and turned
//! into dictionary lines that a user can load.

use std::path::Path;

use crate::common::{kgx, read_json, repo, workspace};

fn fixtures() -> std::path::PathBuf {
    repo().join("tests/fixtures/discover")
}

/// Runs `kgx extract` on the fixtures into a temporary directory.
fn extract(extra: &[&str]) -> (tempfile::TempDir, crate::common::Run) {
    let out = tempfile::tempdir().unwrap();
    let run = extract_into(out.path(), out.path(), extra);
    (out, run)
}

/// Runs `kgx extract` on the fixtures into `out`, from the directory `cwd`.
fn extract_into(cwd: &Path, out: &Path, extra: &[&str]) -> crate::common::Run {
    let inputs = fixtures();
    let mut args = vec![
        "extract",
        inputs.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    kgx(cwd, &args)
}

/// (text, entity, provisional) of every mention in a mentions.jsonl.
fn mentions(dir: &Path) -> Vec<(String, String, bool)> {
    std::fs::read_to_string(dir.join("mentions.jsonl"))
        .unwrap()
        .lines()
        .map(|line| {
            let m: serde_json::Value = serde_json::from_str(line).unwrap();
            (
                m["text"].as_str().unwrap().to_string(),
                m["entity"].as_str().unwrap_or("").to_string(),
                m["provisional"] == serde_json::Value::Bool(true),
            )
        })
        .collect()
}

#[test]
fn discovered_names_are_provisional_in_mentions_graph_and_summary() {
    let (out, run) = extract(&["--discover"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("discovered: 5 provisional entities (5 in the graph), 8 counted mentions"),
        "{}",
        run.stderr
    );
    let provisional: Vec<(String, String)> = mentions(out.path())
        .into_iter()
        .filter(|(_, _, p)| *p)
        .map(|(text, entity, _)| (text, entity))
        .collect();
    let expected = [
        ("Marta Kowalczyk", "provisional:marta-kowalczyk"),
        (
            "Harbour Freight Logistics Ltd",
            "provisional:harbour-freight-logistics-ltd",
        ),
        ("Ewa Lindqvist", "provisional:ewa-lindqvist"),
        (
            "Baltic Capital Partners",
            "provisional:baltic-capital-partners",
        ),
        (
            "Harbour Freight Logistics Ltd",
            "provisional:harbour-freight-logistics-ltd",
        ),
        ("Marta Kowalczyk", "provisional:marta-kowalczyk"),
        ("Kowalczyk", "provisional:marta-kowalczyk"),
        ("Tomasz Brzeski", "provisional:tomasz-brzeski"),
    ];
    assert_eq!(
        provisional,
        expected.map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // Dictionary entities keep every mention they had without discovery.
    let (plain, run) = extract(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dictionary_only: Vec<_> = mentions(out.path()).into_iter().filter(|m| !m.2).collect();
    assert_eq!(dictionary_only, mentions(plain.path()));
    assert!(!run.stderr.contains("discovered"));

    let graph = read_json(&out.path().join("graph.json"));
    let node = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "provisional:marta-kowalczyk")
        .expect("the person is a node");
    assert_eq!(node["label"], "Marta Kowalczyk");
    assert_eq!(node["type"], "person");
    assert_eq!(node["provisional"], "true");
    assert_eq!(node["mentions"], 3);
    let dot = std::fs::read_to_string(out.path().join("graph.dot")).unwrap();
    let line = dot
        .lines()
        .find(|l| {
            l.trim_start()
                .starts_with("\"provisional:marta-kowalczyk\"[")
        })
        .expect("the node is in the DOT file");
    assert!(line.contains("style=\"filled,dashed\""), "{line}");
    let poland = dot
        .lines()
        .find(|l| l.trim_start().starts_with("\"poland\"["))
        .unwrap();
    assert!(
        !poland.contains("dashed"),
        "a dictionary entity is drawn solid: {poland}"
    );
}

#[test]
fn discovery_gives_the_same_bytes_on_any_number_of_threads() {
    let (one, run) = extract(&["--discover", "--threads", "1", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (two, run) = extract(&["--discover", "--threads", "2", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in ["graph.json", "graph.dot", "mentions.jsonl"] {
        assert_eq!(
            std::fs::read(one.path().join(file)).unwrap(),
            std::fs::read(two.path().join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn inspection_commands_say_provisional() {
    let (out, run) = extract(&["--discover", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("graph.json");
    let graph = graph.to_str().unwrap();
    let links = kgx(out.path(), &["links", "Marta Kowalczyk", "--graph", graph]);
    assert_eq!(links.code, 0, "{}", links.stderr);
    assert!(
        links
            .stdout
            .starts_with("Marta Kowalczyk (provisional person): 3 mentions in 2 documents"),
        "{}",
        links.stdout
    );
    assert!(
        links.stdout.contains("Poland (country)"),
        "{}",
        links.stdout
    );
    let json = kgx(out.path(), &["links", "poland", "--graph", graph, "--json"]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let records: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    for record in records.as_array().unwrap() {
        let provisional = record["id"].as_str().unwrap().starts_with("provisional:");
        assert_eq!(record.get("provisional").is_some(), provisional, "{record}");
    }
}

/// (NetworkX reads them back from GraphML and GEXF in `tests/tools/networkx.rs`.)
#[test]
fn every_export_marks_provisional_entities() {
    let formats = "json,graphml,gexf,cytoscape,csv,jsonld,turtle,mermaid,html";
    let (out, run) = extract(&["--discover", "--format", formats, "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    assert!(read("graph.graphml").contains(r#"attr.name="provisional""#));
    assert!(read("graph.gexf").contains(r#"title="provisional""#));
    assert!(read("graph.cyjs").contains(r#""provisional": "true""#));
    let nodes = read("graph-csv/nodes.csv");
    assert!(
        nodes.lines().next().unwrap().contains("provisional"),
        "{nodes}"
    );
    assert!(read("graph.jsonld").contains("provisional"));
    assert!(read("graph.ttl").contains("provisional%3Amarta-kowalczyk"));
    let mermaid = read("graph.mmd");
    assert!(
        mermaid.contains("classDef provisional stroke-dasharray:5 5"),
        "{mermaid}"
    );
    assert!(read("graph.html").contains("provisional:marta-kowalczyk"));
}

#[test]
fn a_bad_cue_file_is_reported_by_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let cues = dir.path().join("cues.tsv");
    std::fs::write(
        &cues,
        "# my cues\nperson\tstrong\t(?P<name>{Word} {Word}) said\nperson\tsure\tx\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = extract_into(dir.path(), &out, &["--discover", "--cues", "cues.tsv"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "kgx: cues.tsv:3: unknown evidence `sure`: use weak or strong\n"
    );
    assert!(!out.exists());
    // A good file of the user's own replaces the built-in cues.
    std::fs::write(&cues, "person\tstrong\t(?P<name>{Word} {Word}),? said\n").unwrap();
    let run = extract_into(
        dir.path(),
        &out,
        &["--cues", "cues.tsv", "--discover", "-q"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let found: Vec<String> = mentions(&out)
        .into_iter()
        .filter(|m| m.2)
        .map(|m| m.0)
        .collect();
    // Only speech after the name is a cue now: not "said Ewa Lindqvist", nor given names.
    assert_eq!(found, ["Marta Kowalczyk", "Kowalczyk"]);
}

#[test]
fn suggested_lines_load_as_a_dictionary_that_finds_the_names() {
    let work = workspace();
    let run = kgx(
        work.path(),
        &[
            "dict",
            "suggest",
            fixtures().to_str().unwrap(),
            "--min-documents",
            "2",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(
        lines,
        [
            "marta-kowalczyk\tperson\tMarta Kowalczyk",
            "harbour-freight-logistics-ltd\torganization\tHarbour Freight Logistics Ltd",
        ]
    );
    assert!(
        run.stdout
            .contains("# 3 mentions in 2 documents: Marta Kowalczyk met European Commission"),
        "{}",
        run.stdout
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.tsv"), &run.stdout).unwrap();
    let check = kgx(dir.path(), &["dict", "check", "mine.tsv"]);
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    let out = dir.path().join("out");
    let run = extract_into(dir.path(), &out, &["--dict", "mine.tsv", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let named: Vec<(String, String)> = mentions(&out)
        .into_iter()
        .filter(|m| m.1 == "marta-kowalczyk")
        .map(|m| (m.0, m.1))
        .collect();
    assert_eq!(
        named.len(),
        2,
        "both full names, now a dictionary entity: {named:?}"
    );
}
