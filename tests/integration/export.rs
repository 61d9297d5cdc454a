//! `kgx export`: every format from a saved graph, to a file or stdout, and the names that break
//! naive writers surviving each format.

use crate::common::{kgx, nasty_graph, read_json, repo, workspace};

#[test]
fn json_export_round_trips_and_can_name_its_edges_links() {
    let work = workspace();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("copy.json");
    let run = kgx(
        work.path(),
        &["export", "--format", "json", "-o", file.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        std::fs::read(&file).unwrap(),
        std::fs::read(repo().join("output/graph.json")).unwrap()
    );

    let run = kgx(
        work.path(),
        &["export", "--format", "json", "--edges-key", "links"],
    );
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert!(value.get("edges").is_none());
    assert_eq!(
        value["links"].as_array().unwrap().len(),
        read_json(&repo().join("output/graph.json"))["edges"]
            .as_array()
            .unwrap()
            .len()
    );
    // kgx reads a `links` file back.
    std::fs::write(&file, &run.stdout).unwrap();
    let links = kgx(
        work.path(),
        &[
            "links",
            "Putin",
            "--graph",
            file.to_str().unwrap(),
            "--limit",
            "1",
        ],
    );
    assert_eq!(links.code, 0, "{}", links.stderr);
}

#[test]
fn nasty_names_survive_json_and_dot() {
    let dir = nasty_graph();
    let graph = read_json(&dir.path().join("graph.json"));
    let labels: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["label"].as_str().unwrap())
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
    let dot = std::fs::read_to_string(dir.path().join("graph.dot")).unwrap();
    assert!(dot.contains(r#"label="Say \"Hi\" O'Brien""#), "{dot}");
    assert!(dot.contains(r#"label="Back\\slash & <Co> Ltd""#));
    assert!(
        !dot.contains('\u{7}'),
        "control characters are dropped from DOT"
    );
}

#[test]
fn unknown_format_and_unwritable_output_are_errors() {
    let work = workspace();
    let run = kgx(work.path(), &["export", "--format", "xls"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("unknown format `xls`"),
        "{}",
        run.stderr
    );
    let run = kgx(
        work.path(),
        &[
            "export",
            "--format",
            "json",
            "-o",
            "/nonexistent/dir/g.json",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: /nonexistent/dir: No such file or directory (os error 2)\n"
    );
}

#[test]
fn a_format_that_refuses_the_graph_is_skipped_and_the_rest_written() {
    // 120 entities in a chain: over Mermaid's limit of 100 nodes.
    let dir = tempfile::tempdir().unwrap();
    let dictionary: String = (0..120)
        .map(|i| format!("e{i}\torganization\tEntity{i}\n"))
        .collect();
    let text: String = (0..119)
        .map(|i| format!("Entity{i} met Entity{}. ", i + 1))
        .collect();
    std::fs::write(dir.path().join("d.tsv"), dictionary).unwrap();
    std::fs::write(dir.path().join("a.txt"), text).unwrap();
    let run = crate::common::kgx(
        dir.path(),
        &[
            "extract",
            "a.txt",
            "--no-default-dict",
            "--dict",
            "d.tsv",
            "-q",
            "--format",
            "json,mermaid",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: output/graph.mmd: mermaid diagrams are for small graphs: this one has 120 nodes and 119 links (limit 100/300); prune it first with --top-k-per-node, --min-weight or kgx ego\n"
    );
    assert!(
        dir.path().join("output/graph.json").exists()
            && dir.path().join("output/mentions.jsonl").exists()
    );
    assert!(!dir.path().join("output/graph.mmd").exists());
}
