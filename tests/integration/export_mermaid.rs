//! `kgx export --format mermaid`: the golden seeds flowchart and the refusal of a large graph.
//! Mermaid's own parser reads the diagram in `tests/tools/node.rs`.

use crate::common::{assert_golden, export_to, extract_seeds, kgx, read_json, repo, workspace};

#[test]
fn seeds_flowchart_matches_the_golden_file() {
    let work = workspace();
    let run = kgx(work.path(), &["export", "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_golden("export_seeds.mmd", &run.stdout);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("graph.mmd");
    export_to(&repo().join("output/graph.json"), "mermaid", &file, &[]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), run.stdout);
}

#[test]
fn large_graphs_are_refused_until_pruned() {
    let work = workspace();
    let (out, run) = extract_seeds(&["--window", "document", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("graph.json");
    let edges = read_json(&graph)["edges"].as_array().unwrap().len();
    assert!(edges > 300, "the document window links {edges} pairs");
    let message = format!(
        "mermaid diagrams are for small graphs: this one has 65 nodes and {edges} links \
         (limit 100/300); prune it first with --top-k-per-node, --min-weight or kgx ego"
    );

    let run = kgx(
        work.path(),
        &["export", graph.to_str().unwrap(), "--format", "mermaid"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("kgx: {message}\n"));

    let file = out.path().join("graph.mmd");
    let args = [
        "export",
        graph.to_str().unwrap(),
        "--format",
        "mermaid",
        "-o",
        file.to_str().unwrap(),
    ];
    let run = kgx(work.path(), &args);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, format!("kgx: {}: {message}\n", file.display()));
    assert!(!file.exists(), "a refused diagram leaves no file");

    let mut pruned = args.to_vec();
    pruned.extend(["--top-k-per-node", "2"]);
    let run = kgx(work.path(), &pruned);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("graph LR\n"));
}
