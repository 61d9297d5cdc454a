//! `kgx export --format gexf` and `kgx extract --format gexf`: the seeds' golden file, the names
//! that break naive writers, and NetworkX reading the file back as the same graph as
//! `graph.json`, colours and sizes included (the check is in `export_graphml`).

use crate::common::{assert_golden, extract_seeds, kgx, nasty_graph, repo};
use crate::export_graphml::{counts, export, networkx_compare};

#[test]
fn gexf_of_the_seeds_matches_the_golden_file_and_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seeds.gexf");
    let graph = repo().join("output/graph.json");
    let text = export(&graph, "gexf", &file, &[]);
    assert_golden("export_seeds.gexf", &text);
    let run = kgx(&repo(), &["export", "--format", "gexf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, text, "stdout and -o give the same bytes");
}

#[test]
fn networkx_reads_gexf_as_the_same_graph() {
    let dir = tempfile::tempdir().unwrap();
    let graph = repo().join("output/graph.json");
    let file = dir.path().join("g.gexf");
    export(&graph, "gexf", &file, &[]);
    if let Some((found, labels)) = networkx_compare("gexf", &file, &graph) {
        assert_eq!(found, counts(&graph));
        assert!(labels.iter().any(|l| l == "Vladimir Putin"));
    }
    let (out, run) = extract_seeds(&["--weight", "pmi", "--format", "json,gexf", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = out.path().join("graph.gexf");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(r#"title="score" type="double""#));
    assert!(text.contains("score: pmi)"));
    let graph = out.path().join("graph.json");
    if let Some((found, _)) = networkx_compare("gexf", &file, &graph) {
        assert_eq!(found, counts(&graph));
    }
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
    if let Some((found, labels)) = networkx_compare("gexf", &file, &graph) {
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
