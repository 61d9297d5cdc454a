//! `kgx extract`: the committed output is fresh, the seeds give the links a reader expects,
//! the output is deterministic, and the outputs load in their real clients.

use std::ffi::OsStr;
use std::path::Path;

use serde_json::Value;

use crate::common::{
    copy_seeds, extract_seeds, kgx, kgx_with_cache, kgx_with_stdin, read_json, repo,
};

fn edge<'a>(graph: &'a Value, a: &str, b: &str) -> Option<&'a Value> {
    graph["edges"]
        .as_array()
        .expect("edges array")
        .iter()
        .find(|e| (e["source"] == a && e["target"] == b) || (e["source"] == b && e["target"] == a))
}

fn node<'a>(graph: &'a Value, id: &str) -> Option<&'a Value> {
    graph["nodes"]
        .as_array()
        .expect("nodes array")
        .iter()
        .find(|n| n["id"] == id)
}

fn mentions(dir: &Path) -> Vec<Value> {
    std::fs::read_to_string(dir.join("mentions.jsonl"))
        .expect("mentions.jsonl exists")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn committed_output_is_what_the_seeds_produce() {
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    for file in ["graph.json", "graph.dot", "mentions.jsonl"] {
        let fresh = std::fs::read(out.path().join(file)).expect("output written");
        let committed_path = repo().join("output").join(file);
        if update {
            // Other tests read output/ at the same time: replace files atomically.
            let temp = committed_path.with_extension("tmp");
            std::fs::write(&temp, &fresh).expect("output/ writable");
            std::fs::rename(&temp, &committed_path).expect("output/ updated");
            continue;
        }
        let committed = std::fs::read(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "output/{file} is stale: regenerate it with `cargo run --release -- extract seeds/` (or UPDATE_GOLDEN=1 cargo test)"
        );
    }
}

#[test]
fn seeds_link_the_leaders_a_reader_sees() {
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&out.path().join("graph.json"));
    for (a, b) in [
        ("vladimir-putin", "recep-tayyip-erdogan"),
        ("vladimir-putin", "alexander-lukashenko"),
        ("vladimir-putin", "emomali-rahmon"),
        ("vladimir-putin", "russia"),
        ("vladimir-putin", "turkey"),
        ("recep-tayyip-erdogan", "turkey"),
        ("pkk", "ypg"),
    ] {
        assert!(edge(&graph, a, b).is_some(), "no link {a} – {b}");
    }
    let peskov = node(&graph, "dmitry-peskov").expect("Peskov found");
    assert_eq!(peskov["documents"].as_array().map(Vec::len), Some(3));

    let all = mentions(out.path());
    let surfaces = |entity: &str| -> Vec<&str> {
        all.iter()
            .filter(|m| m["entity"] == entity)
            .filter_map(|m| m["text"].as_str())
            .collect()
    };
    let rahmon = surfaces("emomali-rahmon");
    assert!(
        rahmon.contains(&"Imamali Rahmon") && rahmon.contains(&"Emomali Rakhmon"),
        "{rahmon:?}"
    );
    assert!(surfaces("dmitry-peskov").contains(&"Dmitriy Peskov"));
    assert!(surfaces("turkey").contains(&"Türkiye"));
    assert!(surfaces("recep-tayyip-erdogan").contains(&"Recep Tayyip Erdoğan"));
    // "us" and "US" in 002: only the headline acronym is the United States.
    assert_eq!(surfaces("united-states"), ["American", "US"]);
}

#[test]
fn mention_offsets_slice_the_original_files() {
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let all = mentions(out.path());
    assert!(all.len() > 100);
    for m in all {
        let document = m["document"].as_str().expect("document");
        let text = std::fs::read(repo().join(document)).expect("seed readable");
        let (start, end) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &text[start..end],
            m["text"].as_str().unwrap().as_bytes(),
            "{m}"
        );
    }
}

#[test]
fn output_is_byte_identical_for_any_thread_count() {
    let (one, run_one) = extract_seeds(&["--threads", "1"]);
    let (four, run_four) = extract_seeds(&["--threads", "4"]);
    assert_eq!((run_one.code, run_four.code), (0, 0));
    for file in ["graph.json", "graph.dot", "mentions.jsonl"] {
        assert_eq!(
            std::fs::read(one.path().join(file)).unwrap(),
            std::fs::read(four.path().join(file)).unwrap(),
            "{file} differs between 1 and 4 threads"
        );
    }
}

#[test]
fn output_is_byte_identical_with_and_without_the_dictionary_cache() {
    let cache = tempfile::tempdir().unwrap();
    let outputs: Vec<tempfile::TempDir> = [
        OsStr::new(""),           // no cache: built from the text
        cache.path().as_os_str(), // first run: built, then cached
        cache.path().as_os_str(), // second run: read from the cache
    ]
    .into_iter()
    .map(|cache_dir| {
        let out = tempfile::tempdir().unwrap();
        copy_seeds(out.path());
        let run = kgx_with_cache(out.path(), &["extract", "seeds", "-o", "output"], cache_dir);
        assert_eq!(run.code, 0, "{}", run.stderr);
        out
    })
    .collect();
    let cached: Vec<_> = std::fs::read_dir(cache.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(
        matches!(cached.as_slice(), [name] if name.starts_with("builtin-") && name.ends_with(".kgxd")),
        "{cached:?}"
    );
    for file in ["graph.json", "graph.dot", "mentions.jsonl"] {
        let read = |out: &tempfile::TempDir| std::fs::read(out.path().join("output").join(file));
        let uncached = read(&outputs[0]).unwrap();
        for out in &outputs[1..] {
            assert_eq!(
                read(out).unwrap(),
                uncached,
                "{file} differs with the cache"
            );
        }
    }
}

#[test]
fn wider_windows_keep_every_narrower_link() {
    let windows = ["sentence", "paragraph", "document"];
    let graphs: Vec<Value> = windows
        .iter()
        .map(|w| {
            let (out, run) = extract_seeds(&["--window", w]);
            assert_eq!(run.code, 0, "{}", run.stderr);
            let graph = read_json(&out.path().join("graph.json"));
            assert_eq!(graph["graph"]["window"], *w);
            graph
        })
        .collect();
    for pair in graphs.windows(2) {
        let (narrow, wide) = (&pair[0], &pair[1]);
        for e in narrow["edges"].as_array().unwrap() {
            let (a, b) = (e["source"].as_str().unwrap(), e["target"].as_str().unwrap());
            let w = edge(wide, a, b).unwrap_or_else(|| panic!("{a} – {b} lost in a wider window"));
            assert!(w["documents"].as_u64() >= e["documents"].as_u64());
        }
        assert!(
            wide["edges"].as_array().unwrap().len() > narrow["edges"].as_array().unwrap().len()
        );
    }
    let (out, run) = extract_seeds(&["--window", "tokens:10"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(edge(
        &read_json(&out.path().join("graph.json")),
        "vladimir-putin",
        "russia"
    )
    .is_some());
}

#[test]
fn min_weight_and_evidence_options_shape_the_edges() {
    let (out, run) = extract_seeds(&["--min-weight", "3", "--evidence", "1"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&out.path().join("graph.json"));
    let edges = graph["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    for e in edges {
        assert!(e["weight"].as_u64().unwrap() >= 3, "{e}");
        assert_eq!(e["evidence"].as_array().unwrap().len(), 1);
    }
}

#[test]
fn custom_dictionary_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.tsv"),
        "acme\torganization\tAcme Corp\tAcme\nwile\tperson\tWile E. Coyote\tCoyote\n",
    )
    .unwrap();
    let run = kgx_with_stdin(
        dir.path(),
        &[
            "extract",
            "-",
            "--no-default-dict",
            "--dict",
            "mine.tsv",
            "-o",
            "out",
            "-q",
        ],
        "Coyote bought rockets from Acme in Russia.\n".as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let graph = read_json(&dir.path().join("out/graph.json"));
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["acme", "wile"], "built-in Russia must not appear");
    assert_eq!(graph["edges"][0]["evidence"][0]["document"], "-");
    assert_eq!(
        graph["graph"]["dictionaries"],
        serde_json::json!(["mine.tsv"])
    );

    // With the built-in dictionaries too, Russia is found.
    let run = kgx_with_stdin(
        dir.path(),
        &["extract", "-", "--dict", "mine.tsv", "-o", "both"],
        "Coyote bought rockets from Acme in Russia.\n".as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&dir.path().join("both/graph.json"));
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 3);
}

#[test]
fn summary_on_stderr_names_the_counts_and_strongest_links() {
    let (_out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    assert!(
        run.stderr.starts_with("documents: 5 read\n"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("strongest links:"));
    assert!(run.stderr.contains("wrote "));
}

#[test]
fn runs_from_any_directory_with_the_builtin_dictionaries() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Erdoğan met Putin in Ankara.").unwrap();
    let run = kgx(dir.path(), &["extract", "a.txt", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&dir.path().join("output/graph.json"));
    assert!(edge(&graph, "recep-tayyip-erdogan", "vladimir-putin").is_some());
}

#[test]
fn association_measure_adds_scores_that_read_back() {
    let (out, run) = extract_seeds(&["--weight", "npmi"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&out.path().join("graph.json"));
    assert_eq!(graph["graph"]["measure"], "npmi");
    for e in graph["edges"].as_array().unwrap() {
        let score = e["score"].as_f64().unwrap();
        assert!((-1.0..=1.0).contains(&score), "{e}");
        assert!(e["weight"].as_u64().unwrap() >= 1, "weight stays the count");
    }
    let path = out.path().join("graph.json");
    let links = kgx(
        out.path(),
        &["links", "Putin", "--graph", path.to_str().unwrap()],
    );
    assert_eq!(links.code, 0, "{}", links.stderr);
}
