//! The inspection commands on the committed seeds graph: golden files for the table and the
//! JSON output of each, plus the behaviour golden files cannot show.

use serde_json::Value;

use crate::common::{assert_golden, kgx, repo, workspace};

/// `(golden file stem, arguments)`: each is run as is and with `--json`.
const COMMANDS: &[(&str, &[&str])] = &[
    ("links_erdogan", &["links", "Erdogan"]),
    (
        "links_putin_npmi",
        &["links", "Putin", "--weight", "npmi", "--limit", "5"],
    ),
    (
        "explain_putin_lukashenko",
        &["explain", "Putin", "Lukashenko"],
    ),
    (
        "path_zelensky_lukashenko",
        &["path", "Zelensky", "Lukashenko"],
    ),
    (
        "path_zelensky_lukashenko_weighted",
        &["path", "Zelensky", "Lukashenko", "--weighted"],
    ),
    (
        "top_pagerank",
        &["top", "--by", "pagerank", "--limit", "10"],
    ),
    (
        "top_betweenness_people",
        &[
            "top",
            "--by",
            "betweenness",
            "--type",
            "person",
            "--limit",
            "5",
        ],
    ),
    ("stats", &["stats"]),
    ("communities", &["communities"]),
];

#[test]
fn table_and_json_outputs_match_their_golden_files() {
    let work = workspace();
    for (name, args) in COMMANDS {
        let run = kgx(work.path(), args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert_golden(&format!("{name}.txt"), &run.stdout);

        let mut json_args = args.to_vec();
        json_args.push("--json");
        let run = kgx(work.path(), &json_args);
        assert_eq!(run.code, 0, "{json_args:?}: {}", run.stderr);
        let value: Value = serde_json::from_str(&run.stdout).expect("valid JSON");
        // Every command but `stats` (one object) lists entities or links.
        if *name != "stats" {
            let items = value
                .as_array()
                .unwrap_or_else(|| panic!("{name}: not a list"));
            for item in items {
                let has_entity = item.get("id").is_some() || item.get("source").is_some();
                assert!(has_entity, "{name}: an item without an entity: {item}");
            }
        }
        assert_golden(&format!("{name}.json"), &run.stdout);
    }
}

#[test]
fn json_items_carry_id_label_type_and_a_score_or_weight() {
    let work = workspace();
    for args in [
        &["links", "Putin", "--json"][..],
        &["top", "--by", "degree", "--json"],
        &["path", "Zelensky", "Lukashenko", "--json"],
        &["communities", "--json"],
    ] {
        let run = kgx(work.path(), args);
        let items: Vec<Value> = serde_json::from_str(&run.stdout).unwrap();
        assert!(!items.is_empty(), "{args:?}");
        for item in &items {
            for key in ["id", "label", "type"] {
                assert!(item[key].is_string(), "{args:?}: {key} missing in {item}");
            }
        }
        let scored = items.iter().any(|i| {
            i.get("score").is_some() || i.get("weight").is_some() || i.get("community").is_some()
        });
        assert!(scored, "{args:?}");
    }
}

#[test]
fn ego_graph_is_a_valid_graph_of_the_neighbourhood() {
    let work = workspace();
    let run = kgx(work.path(), &["ego", "Lukashenko", "--depth", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph: Value = serde_json::from_str(&run.stdout).unwrap();
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"alexander-lukashenko") && ids.contains(&"vladimir-putin"));
    assert!(!ids.contains(&"recep-tayyip-erdogan"), "two hops away");
    let dot = kgx(work.path(), &["ego", "Lukashenko", "--format", "dot"]);
    assert_golden("ego_lukashenko.dot", &dot.stdout);
}

#[test]
fn from_inputs_gives_the_same_answer_as_the_saved_graph() {
    let work = workspace();
    let saved = kgx(work.path(), &["links", "Putin", "--limit", "0"]);
    let fresh = kgx(
        work.path(),
        &["links", "Putin", "--limit", "0", "--from", "seeds"],
    );
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    assert_eq!(saved.stdout, fresh.stdout);
}

#[test]
fn explain_highlights_in_colour_only_when_asked() {
    let work = workspace();
    let plain = kgx(
        work.path(),
        &["explain", "Putin", "Lukashenko", "--color", "never"],
    );
    assert!(!plain.stdout.contains('\x1b'));
    let colour = kgx(
        work.path(),
        &["explain", "Putin", "Lukashenko", "--color", "always"],
    );
    assert!(
        colour.stdout.contains("\x1b[1;33mLukashenko\x1b[0m"),
        "{}",
        colour.stdout
    );
    assert!(colour.stdout.contains("\x1b[1;33mPutin\x1b[0m"));
}

#[test]
fn pruning_options_apply_to_inspection() {
    let work = workspace();
    let run = kgx(work.path(), &["stats", "--largest-component", "--json"]);
    let stats: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(stats["components"], 1);
    assert_eq!(stats["never_linked"].as_array().unwrap().len(), 0);
    let run = kgx(work.path(), &["stats", "--min-weight", "5", "--json"]);
    let stats: Value = serde_json::from_str(&run.stdout).unwrap();
    for link in stats["strongest_links"].as_array().unwrap() {
        assert!(link["weight"].as_u64().unwrap() >= 5);
    }
    let run = kgx(work.path(), &["stats", "--alpha", "2"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("not a significance level"),
        "{}",
        run.stderr
    );
}

#[test]
fn unlinked_and_unreachable_entities_are_clear_errors() {
    let work = workspace();
    let run = kgx(work.path(), &["explain", "Sloboden Pechat", "Putin"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: Sloboden Pechat and Vladimir Putin are not linked in output/graph.json\n"
    );
    let run = kgx(work.path(), &["path", "Sloboden Pechat", "Putin"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: no path between Sloboden Pechat and Vladimir Putin in output/graph.json\n"
    );
}

#[test]
fn top_by_mentions_ranks_the_most_mentioned_entities() {
    let work = workspace();
    let graph: Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join("output/graph.json")).unwrap())
            .unwrap();
    let mut expected: Vec<(i64, String)> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                -n["mentions"].as_i64().unwrap(),
                n["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    expected.sort();
    let run = kgx(
        work.path(),
        &["top", "--by", "mentions", "--limit", "5", "--json"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let ranked: Value = serde_json::from_str(&run.stdout).unwrap();
    let got: Vec<(i64, String)> = ranked
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                -(r["score"].as_f64().unwrap() as i64),
                r["id"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got, expected[..5]);
    let table = kgx(work.path(), &["top", "--by", "mentions", "--limit", "1"]);
    assert!(
        table.stdout.starts_with("rank     mentions  entity\n   1"),
        "{}",
        table.stdout
    );
}
