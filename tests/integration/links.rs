//! `kgx links`: lookup by any name, table and JSON output on the committed seeds graph.

use crate::common::{assert_golden, kgx, workspace};

const GRAPH: &str = "output/graph.json";

#[test]
fn putin_table_matches_the_golden_file() {
    let work = workspace();
    let run = kgx(work.path(), &["links", "Putin", "--graph", GRAPH]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_golden("links_putin.txt", &run.stdout);
}

#[test]
fn any_alias_case_and_accents_find_the_same_entity() {
    let work = workspace();
    let reference = kgx(
        work.path(),
        &["links", "Recep Tayyip Erdoğan", "--graph", GRAPH],
    );
    assert_eq!(reference.code, 0, "{}", reference.stderr);
    assert!(reference
        .stdout
        .starts_with("Recep Tayyip Erdoğan (person)"));
    for name in [
        "erdogan",
        "ERDOĞAN",
        "Tayyip Erdogan",
        "recep-tayyip-erdogan",
    ] {
        let run = kgx(work.path(), &["links", name, "--graph", GRAPH]);
        assert_eq!(run.stdout, reference.stdout, "{name}");
    }
}

#[test]
fn json_output_is_an_array_with_id_label_type_weight() {
    let work = workspace();
    let run = kgx(
        work.path(),
        &["links", "Putin", "--graph", GRAPH, "--json", "--limit", "0"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let links: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let links = links.as_array().expect("array");
    assert!(links.len() > 10);
    let weights: Vec<u64> = links
        .iter()
        .map(|l| l["weight"].as_u64().unwrap())
        .collect();
    assert!(weights.windows(2).all(|w| w[0] >= w[1]), "strongest first");
    let erdogan = links
        .iter()
        .find(|l| l["id"] == "recep-tayyip-erdogan")
        .expect("Erdoğan linked");
    assert_eq!(erdogan["label"], "Recep Tayyip Erdoğan");
    assert_eq!(erdogan["type"], "person");
    assert!(erdogan["evidence"][0]["text"]
        .as_str()
        .unwrap()
        .contains("Erdo"));
}

#[test]
fn limit_cuts_the_list_and_says_so() {
    let work = workspace();
    let run = kgx(
        work.path(),
        &["links", "Putin", "--graph", GRAPH, "--limit", "2"],
    );
    assert_eq!(run.code, 0);
    let rows = run
        .stdout
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    assert_eq!(rows, 2, "{}", run.stdout);
    assert!(run.stdout.contains("more (--limit 0 shows all)"));
}

#[test]
fn unknown_name_suggests_the_closest() {
    let work = workspace();
    let run = kgx(work.path(), &["links", "Erdogn", "--graph", GRAPH]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "kgx: no entity named \"Erdogn\" in output/graph.json; closest: Recep Tayyip Erdoğan"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn shared_alias_is_reported_as_ambiguous() {
    let work = workspace();
    let run = kgx(work.path(), &["links", "Berdymukhamedov", "--graph", GRAPH]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: \"Berdymukhamedov\" is ambiguous in output/graph.json: it names Gurbanguly Berdymukhamedov (gurbanguly-berdymukhamedov), Serdar Berdymukhamedov (serdar-berdymukhamedov)\n"
    );
}

#[test]
fn evidence_paths_are_shown_relative_to_the_current_directory() {
    let work = workspace();
    let seeds = work.path().join("seeds");
    let out = tempfile::tempdir().unwrap();
    let run = kgx(
        work.path(),
        &[
            "extract",
            seeds.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("graph.json");
    let links_of_putin = |extra: &[&str]| {
        let mut args = vec![
            "links",
            "Putin",
            "--graph",
            graph.to_str().unwrap(),
            "--limit",
            "1",
        ];
        args.extend_from_slice(extra);
        kgx(work.path(), &args)
    };
    let links = links_of_putin(&[]);
    assert_eq!(links.code, 0, "{}", links.stderr);
    let evidence = links
        .stdout
        .lines()
        .find(|l| l.contains(".txt: "))
        .expect("an evidence line");
    assert!(
        evidence.trim_start().starts_with("seeds/"),
        "{}",
        links.stdout
    );
    // JSON keeps the id as it was given.
    let json = links_of_putin(&["--json"]);
    assert!(
        json.stdout.contains(seeds.to_str().unwrap()),
        "{}",
        json.stdout
    );
}
