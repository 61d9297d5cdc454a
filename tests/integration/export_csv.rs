//! `kgx export --format csv -o DIR` and `kgx extract --format csv`: a directory of three
//! tables (golden files of the seeds), never a stream. Python's `csv` module and NetworkX read
//! them back in `tests/tools/networkx.rs`.

use std::path::Path;

use crate::common::{assert_golden, export_to, extract_seeds, kgx, repo, workspace};

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
    let work = workspace();
    let run = kgx(work.path(), &["export", "--format", "csv"]);
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
        run.stderr
            .contains("wrote output/graph.json, output/graph-csv, output/mentions.jsonl\n"),
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
