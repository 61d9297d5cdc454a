//! Graph algorithms on graphs too large for their exact form. On the seed graph they are
//! checked against NetworkX in `tests/tools/networkx.rs`.

use kgx::graph::centrality;
use serde_json::Value;

#[test]
fn betweenness_of_a_large_graph_is_estimated_with_a_note() {
    // A star of 6,000 people around one hub, extracted from generated text.
    let dir = tempfile::tempdir().unwrap();
    let name = |i: usize| {
        let letters: String = (0..3)
            .map(|d| char::from(b'a' + (i / 26usize.pow(d) % 26) as u8))
            .collect();
        format!("Zed{letters}")
    };
    let mut dictionary = String::from("hub\tperson\tHubert Hub\n");
    let mut text = String::new();
    for i in 0..6_000 {
        dictionary.push_str(&format!("p{i}\tperson\t{}\n", name(i)));
        text.push_str(&format!("Hubert Hub met {}.\n\n", name(i)));
    }
    std::fs::write(dir.path().join("star.tsv"), dictionary).unwrap();
    std::fs::write(dir.path().join("star.txt"), text).unwrap();
    let run = crate::common::kgx(
        dir.path(),
        &[
            "extract",
            "star.txt",
            "--no-default-dict",
            "--dict",
            "star.tsv",
            "-o",
            "out",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let top = crate::common::kgx(
        dir.path(),
        &[
            "top",
            "--by",
            "betweenness",
            "--graph",
            "out/graph.json",
            "--limit",
            "1",
            "--json",
        ],
    );
    assert_eq!(top.code, 0, "{}", top.stderr);
    assert_eq!(
        top.stderr,
        format!(
            "kgx: note: 6001 entities is more than {} for exact betweenness; estimating it from the \
             shortest paths of {} of them (prune the graph, e.g. --min-weight or --top-k-per-node, \
             for exact scores)\n",
            centrality::EXACT_BETWEENNESS_MAX_NODES,
            centrality::BETWEENNESS_SAMPLES
        )
    );
    let ranked: Value = serde_json::from_str(&top.stdout).unwrap();
    assert_eq!(ranked[0]["id"], "hub");
    let score = ranked[0]["score"].as_f64().unwrap();
    assert!(
        (score - 1.0).abs() < 0.01,
        "the hub is on every path: {score}"
    );
}
