//! `kgx extract --shard I/N` and `kgx merge`: N runs analyse every document exactly once,
//! whatever the order in which the inputs are listed; their parts merge, in any order or tree,
//! into the single run's files byte for byte; parts that cannot merge are refused with the
//! reason; a bad share is a usage error.

use std::collections::BTreeMap;

use crate::common::{copy_seeds, kgx, read_json};

/// The lines of `mentions.jsonl` in `dir`, sorted.
fn mention_lines(dir: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("mentions.jsonl")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort_unstable();
    lines
}

/// Document id → how many mentions it has, from sorted mention lines.
fn documents_of(lines: &[String]) -> BTreeMap<String, usize> {
    let mut documents = BTreeMap::new();
    for line in lines {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        *documents
            .entry(value["document"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
    }
    documents
}

/// Runs `kgx extract INPUTS... [--shard S] -o DIR` in a directory holding the seeds and a JSON
/// Lines file of 40 short records, and returns the output directory.
fn run(work: &std::path::Path, inputs: &[&str], shard: Option<&str>) -> tempfile::TempDir {
    run_with(work, inputs, shard, &[])
}

/// [`run`] with more arguments.
fn run_with(
    work: &std::path::Path,
    inputs: &[&str],
    shard: Option<&str>,
    extra: &[&str],
) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["extract", "-q", "-o", out.path().to_str().unwrap()];
    args.extend_from_slice(inputs);
    if let Some(shard) = shard {
        args.extend_from_slice(&["--shard", shard]);
    }
    args.extend_from_slice(extra);
    let run = kgx(work, &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}

fn workspace() -> tempfile::TempDir {
    let work = tempfile::tempdir().unwrap();
    let seeds = copy_seeds(work.path());
    // The seeds as records too, and 40 short wire stories.
    let mut records = String::new();
    let mut seed_files: Vec<_> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seed_files.sort();
    for path in seed_files {
        let text = std::fs::read_to_string(&path).unwrap();
        let id = path.file_name().unwrap().to_str().unwrap();
        records.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        records.push('\n');
    }
    for i in 0..40 {
        let text = format!("Putin met Erdoğan in Ankara on day {i}; Turkey and Russia signed.");
        records.push_str(&serde_json::json!({"id": format!("wire-{i}"), "text": text}).to_string());
        records.push('\n');
    }
    std::fs::write(work.path().join("wire.jsonl"), records).unwrap();
    work
}

#[test]
fn shards_together_analyse_every_document_once() {
    let work = workspace();
    let inputs = ["wire.jsonl", "--jsonl", "--id-field", "id"];
    let single = run(work.path(), &inputs, None);
    let everything = mention_lines(single.path());
    assert!(everything.len() > 100);
    let mut union = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut documents = 0;
    for shard in ["1/3", "2/3", "3/3"] {
        let out = run(work.path(), &inputs, Some(shard));
        let lines = mention_lines(out.path());
        for document in documents_of(&lines).into_keys() {
            *seen.entry(document).or_insert(0) += 1;
        }
        union.extend(lines);
        documents += read_json(&out.path().join("graph.json"))["graph"]["documents"]
            .as_u64()
            .unwrap();
    }
    union.sort_unstable();
    assert_eq!(
        union, everything,
        "the shards' mentions are the single run's"
    );
    assert!(
        seen.values().all(|&n| n == 1),
        "a document in two shards: {seen:?}"
    );
    assert_eq!(seen.len(), 45);
    assert_eq!(
        documents,
        read_json(&single.path().join("graph.json"))["graph"]["documents"]
            .as_u64()
            .unwrap()
    );
}

#[test]
fn a_share_does_not_depend_on_how_the_inputs_are_listed() {
    let work = workspace();
    let mut files: Vec<String> = std::fs::read_dir(work.path().join("seeds"))
        .unwrap()
        .map(|e| format!("seeds/{}", e.unwrap().file_name().to_str().unwrap()))
        .collect();
    files.sort_unstable();
    let forward: Vec<&str> = files.iter().map(String::as_str).collect();
    let backward: Vec<&str> = forward.iter().rev().copied().collect();
    for shard in ["1/2", "2/2"] {
        let a = documents_of(&mention_lines(
            run(work.path(), &forward, Some(shard)).path(),
        ));
        let b = documents_of(&mention_lines(
            run(work.path(), &backward, Some(shard)).path(),
        ));
        assert_eq!(a, b, "{shard}");
    }
    // A file given twice has one id: both copies go to the same shard, counted there as a
    // single run counts them (twice).
    let twice = [forward[0], forward[0]];
    let single = documents_of(&mention_lines(run(work.path(), &twice, None).path()));
    let shards: Vec<BTreeMap<String, usize>> = ["1/2", "2/2"]
        .iter()
        .map(|s| documents_of(&mention_lines(run(work.path(), &twice, Some(s)).path())))
        .collect();
    assert!(
        shards.iter().filter(|d| d.is_empty()).count() == 1,
        "{shards:?}"
    );
    assert!(shards.contains(&single));
}

#[test]
fn a_bad_share_is_a_usage_error() {
    let work = workspace();
    for bad in ["0/3", "4/3", "1/0", "two/3", "1"] {
        let run = kgx(
            work.path(),
            &["extract", "seeds", "--shard", bad, "-o", "/nonexistent/x"],
        );
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "`{bad}` is not a shard: expected I/N with 1 ≤ I ≤ N"
            )),
            "{bad}: {}",
            run.stderr
        );
    }
}

/// `kgx merge PARTS... -o DIR EXTRA...` in `work`; returns the run and the output directory.
fn merge(
    work: &std::path::Path,
    parts: &[&std::path::Path],
    extra: &[&str],
) -> (crate::common::Run, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["merge"];
    args.extend(parts.iter().map(|p| p.to_str().unwrap()));
    args.extend_from_slice(&["-o", out.path().to_str().unwrap()]);
    args.extend_from_slice(extra);
    (kgx(work, &args), out)
}

fn same_files(a: &std::path::Path, b: &std::path::Path, what: &str) {
    for file in ["graph.json", "graph.dot"] {
        let (x, y) = (
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
        );
        assert!(x == y, "{what}: {file} differs from the single run's");
    }
}

#[test]
fn merged_parts_are_the_single_run_byte_for_byte() {
    let work = workspace();
    let inputs = ["wire.jsonl", "--jsonl", "--id-field", "id"];
    for options in [
        &["--window", "sentence"][..],
        &["--window", "tokens:8", "--evidence", "1"],
        &["--window", "paragraph", "--threads", "2"],
    ] {
        // Pruning and scores belong to the merge: the parts are extracted without them.
        let finishing = [
            "--min-weight",
            "2",
            "--weight",
            "npmi",
            "--top-k-per-node",
            "3",
        ];
        let single = run_with(
            work.path(),
            &inputs,
            None,
            &[options, &finishing[..]].concat(),
        );
        for count in [1, 2, 4] {
            let parts: Vec<tempfile::TempDir> = (1..=count)
                .map(|n| {
                    let shard = format!("{n}/{count}");
                    run_with(
                        work.path(),
                        &inputs,
                        Some(&shard),
                        &[options, &["--part"][..]].concat(),
                    )
                })
                .collect();
            let paths: Vec<&std::path::Path> = parts.iter().map(|p| p.path()).collect();
            let (merged, out) = merge(work.path(), &paths, &finishing);
            assert_eq!(merged.code, 0, "{}", merged.stderr);
            assert!(
                merged.stderr.starts_with(&format!("merged {count} part")),
                "{}",
                merged.stderr
            );
            same_files(
                single.path(),
                out.path(),
                &format!("{options:?} in {count}"),
            );
            // Reversed, and as a tree of two merges written with --part.
            let reversed: Vec<&std::path::Path> = paths.iter().rev().copied().collect();
            let (_, out) = merge(work.path(), &reversed, &finishing);
            same_files(single.path(), out.path(), &format!("{options:?} reversed"));
            if count > 1 {
                let (_, left) = merge(work.path(), &paths[..1], &["--part"]);
                let (_, right) = merge(work.path(), &paths[1..], &["--part"]);
                let (tree, out) = merge(work.path(), &[right.path(), left.path()], &finishing);
                assert_eq!(tree.code, 0, "{}", tree.stderr);
                same_files(single.path(), out.path(), &format!("{options:?} as a tree"));
            }
        }
    }
}

#[test]
fn parts_that_cannot_merge_are_refused_with_the_reason() {
    let work = workspace();
    let inputs = ["wire.jsonl", "--jsonl", "--id-field", "id"];
    let one = run_with(work.path(), &inputs, Some("1/2"), &["--part"]);
    let two = run_with(work.path(), &inputs, Some("2/2"), &["--part"]);
    let other_window = run_with(
        work.path(),
        &inputs,
        Some("2/2"),
        &["--part", "--window", "paragraph"],
    );
    let other_evidence = run_with(
        work.path(),
        &inputs,
        Some("2/2"),
        &["--part", "--evidence", "5"],
    );
    std::fs::write(work.path().join("extra.tsv"), "zed\tperson\tZed Zedson\n").unwrap();
    let other_dictionary = run_with(
        work.path(),
        &inputs,
        Some("2/2"),
        &["--part", "--dict", "extra.tsv"],
    );
    let whole = run_with(work.path(), &inputs, None, &["--part"]);
    let part = |dir: &tempfile::TempDir| dir.path().join("graph.part.json");
    let text = std::fs::read_to_string(part(&one)).unwrap();
    std::fs::write(work.path().join("truncated.json"), &text[..text.len() / 2]).unwrap();
    std::fs::write(
        work.path().join("edited.json"),
        text.replacen("\"weight\":", "\"weight\":0,\"w\":", 1),
    )
    .unwrap();
    let cases: Vec<(Vec<std::path::PathBuf>, String)> = vec![
        (vec![part(&one), part(&other_window)], "the parts were extracted with different windows: --window sentence and --window paragraph".into()),
        (vec![part(&one), part(&other_evidence)], "the parts keep different evidence: --evidence 3 and --evidence 5".into()),
        (vec![part(&one), part(&other_dictionary)], "the parts were extracted with different dictionaries".into()),
        (vec![part(&one), part(&one)], "two parts cover share 1/2 of the inputs".into()),
        (vec![part(&whole), part(&two)], "a part of every document (extracted without --shard) cannot merge".into()),
        (vec![work.path().join("truncated.json")], "truncated.json:1: ends early: the part is truncated".into()),
        (vec![work.path().join("edited.json")], "edited.json: edge `afghanistan` – `tajikistan`: counts or evidence inconsistent".into()),
        (vec![one.path().join("graph.json")], "a graph.json, not a part".into()),
    ];
    for (parts, message) in cases {
        let paths: Vec<&std::path::Path> = parts.iter().map(|p| p.as_path()).collect();
        let (run, out) = merge(work.path(), &paths, &[]);
        assert_eq!(run.code, 1, "{message}: {}", run.stderr);
        assert!(
            run.stderr.starts_with("kgx: ") && run.stderr.contains(&message),
            "{message}: {}",
            run.stderr
        );
        assert!(
            !out.path().join("graph.json").exists(),
            "{message}: a graph was written"
        );
    }
    // The merged part written over one of the parts merged: refused, the part kept.
    let before = std::fs::read(part(&one)).unwrap();
    let run = kgx(
        work.path(),
        &[
            "merge",
            one.path().to_str().unwrap(),
            two.path().to_str().unwrap(),
            "--part",
            "-o",
            one.path().to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .ends_with("graph.part.json: refusing to overwrite an input file\n"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(part(&one)).unwrap(), before);
    // --part and --discover: provisional entities are numbered per run, so their parts would
    // not merge.
    let run = kgx(
        work.path(),
        &["extract", "seeds", "--part", "--discover", "-o", "x"],
    );
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn records_numbered_by_an_engine_must_come_in_order() {
    let work = tempfile::tempdir().unwrap();
    let extract = |sequences: [u32; 2]| {
        let lines: String = ["a", "b"]
            .iter()
            .zip(sequences)
            .map(|(id, seq)| {
                format!("{{\"id\":\"{id}\",\"text\":\"Putin met Erdoğan.\",\"seq\":{seq}}}\n")
            })
            .collect();
        std::fs::write(work.path().join("range.jsonl"), lines).unwrap();
        kgx(
            work.path(),
            &[
                "extract",
                "range.jsonl",
                "--jsonl",
                "--id-field",
                "id",
                "--sequence-field",
                "seq",
                "--part",
                "--part-of",
                "2/4",
                "-o",
                "out",
            ],
        )
    };
    let run = extract([5, 3]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("document `b`: sequence number 3 does not follow the one before"),
        "{}",
        run.stderr
    );
    assert!(!work.path().join("out/graph.part.json").exists());
    // In order, the part records its share and merges.
    let run = extract([3, 5]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let part = read_json(&work.path().join("out/graph.part.json"));
    assert_eq!(part["shares"], serde_json::json!(["2/4"]));
}
