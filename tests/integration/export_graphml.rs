//! `kgx export --format graphml` and `kgx extract --format graphml`: the seeds' golden file, the
//! names that break naive writers, and ids that XML cannot hold. NetworkX reads the files back
//! in `tests/tools/networkx.rs`.

use crate::common::{assert_golden, extract_seeds, kgx, nasty_graph, repo, workspace};
use std::path::Path;

/// Runs `kgx export GRAPH --format FORMAT -o FILE [extra]` and returns FILE's text.
pub fn export(graph: &Path, format: &str, file: &Path, extra: &[&str]) -> String {
    crate::common::export_to(graph, format, file, extra);
    std::fs::read_to_string(file).unwrap()
}

#[test]
fn graphml_of_the_seeds_matches_the_golden_file_and_stdout() {
    let work = workspace();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seeds.graphml");
    let graph = repo().join("output/graph.json");
    let text = export(&graph, "graphml", &file, &[]);
    assert_golden("export_seeds.graphml", &text);
    let run = kgx(work.path(), &["export", "--format", "graphml"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text, "stdout and -o give the same bytes");
}

/// `extract --format graphml` writes the scores of `--weight` as a typed attribute (NetworkX
/// reads these files back in `tests/tools/networkx.rs`).
#[test]
fn extract_writes_graphml_with_scores() {
    let (out, run) = extract_seeds(&["--weight", "npmi", "--format", "json,graphml", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(out.path().join("graph.graphml")).unwrap();
    assert!(text.contains(r#"attr.name="score" attr.type="double""#));
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
}

#[test]
fn an_id_xml_cannot_hold_is_refused_and_no_file_is_left() {
    let work = workspace();
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
            work.path(),
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
