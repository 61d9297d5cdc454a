//! `kgx export --format gexf` and `kgx extract --format gexf`: the seeds' golden file and the
//! names that break naive writers. NetworkX reads the files back in `tests/tools/networkx.rs`.

use crate::common::{assert_golden, extract_seeds, kgx, nasty_graph, repo, workspace};
use crate::export_graphml::export;

#[test]
fn gexf_of_the_seeds_matches_the_golden_file_and_stdout() {
    let work = workspace();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seeds.gexf");
    let graph = repo().join("output/graph.json");
    let text = export(&graph, "gexf", &file, &[]);
    assert_golden("export_seeds.gexf", &text);
    let run = kgx(work.path(), &["export", "--format", "gexf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text, "stdout and -o give the same bytes");
}

/// `extract --format gexf` writes the scores of `--weight` as a typed attribute and names the
/// measure (NetworkX reads these files back in `tests/tools/networkx.rs`).
#[test]
fn extract_writes_gexf_with_scores() {
    let (out, run) = extract_seeds(&["--weight", "pmi", "--format", "json,gexf", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = std::fs::read_to_string(out.path().join("graph.gexf")).unwrap();
    assert!(text.contains(r#"title="score" type="double""#));
    assert!(text.contains("score: pmi)"));
}

#[test]
fn nasty_names_survive_gexf() {
    let dir = nasty_graph();
    let graph = dir.path().join("graph.json");
    let file = dir.path().join("graph.gexf");
    let text = export(&graph, "gexf", &file, &[]);
    for label in [
        r#"label="Say &quot;Hi&quot; O&apos;Brien""#,
        r#"label="Back\slash &amp; &lt;Co&gt; Ltd""#,
        r#"label="Rocket 🚀 Corp""#,
        r#"label="ישראל""#,
        r#"label="BellRing Ltd""#,
        r#"label="100% Pure {Curly} #Hash Co""#,
    ] {
        assert!(text.contains(label), "{label} missing:\n{text}");
    }
    assert!(!text.contains('\u{7}'), "the BEL XML forbids is dropped");
}
