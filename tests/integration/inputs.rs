//! Input forms: JSON Lines records, gzip files, glob filters, bad records reported per line, the
//! files a directory walk leaves out.

use std::fs;
use std::io::Write;

use crate::common::{kgx, read_json};

fn gzip(path: &std::path::Path, bytes: &[u8]) {
    let mut gz = flate2::write::GzEncoder::new(
        fs::File::create(path).unwrap(),
        flate2::Compression::default(),
    );
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap();
}

#[test]
fn jsonl_records_are_documents_with_their_ids() {
    let dir = tempfile::tempdir().unwrap();
    gzip(
        &dir.path().join("news.jsonl.gz"),
        b"{\"url\": \"https://example.org/1\", \"body\": \"Putin met Erdogan in Ankara.\", \"day\": \"2024-02-12T08:00:00Z\"}\n\
          {\"url\": \"https://example.org/2\", \"body\": \"Lukashenko met Putin.\"}\n\
          {\"url\": \"https://example.org/3\", \"headline\": \"no body\"}\n",
    );
    let run = kgx(
        dir.path(),
        &[
            "extract",
            ".",
            "--jsonl",
            "--text-field",
            "body",
            "--id-field",
            "url",
            "--date-field",
            "day",
            "-q",
        ],
    );
    assert_eq!(run.code, 1, "one record is bad: {}", run.stderr);
    assert_eq!(
        run.stderr,
        "kgx: ./news.jsonl.gz:3: no `body` field (set --text-field)\n"
    );
    let graph = read_json(&dir.path().join("output/graph.json"));
    assert_eq!(graph["graph"]["documents"], 2);
    let putin = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "vladimir-putin")
        .unwrap();
    assert_eq!(
        putin["documents"],
        serde_json::json!(["https://example.org/1", "https://example.org/2"])
    );
}

#[test]
fn jsonl_from_stdin_with_default_ids() {
    let dir = tempfile::tempdir().unwrap();
    let run = crate::common::kgx_with_stdin(
        dir.path(),
        &["extract", "-", "--jsonl", "-q"],
        b"{\"text\": \"Putin met Erdogan.\"}\n\n{\"text\": \"Zelensky met Erdogan.\"}\n",
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&dir.path().join("output/graph.json"));
    let erdogan = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["id"] == "recep-tayyip-erdogan")
        .unwrap();
    assert_eq!(erdogan["documents"], serde_json::json!(["-:1", "-:3"]));
}

#[test]
fn gzip_text_and_glob_filters() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("drafts")).unwrap();
    gzip(&corpus.join("a.txt.gz"), "Erdoğan met Putin.".as_bytes());
    fs::write(corpus.join("b.txt"), "Lukashenko met Putin.").unwrap();
    fs::write(corpus.join("drafts/c.txt"), "Zelensky met Putin.").unwrap();
    fs::write(corpus.join("d.html"), "<p>Xi met Putin.</p>").unwrap();

    let run = kgx(dir.path(), &["extract", "corpus", "-q", "-o", "all"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        read_json(&dir.path().join("all/graph.json"))["graph"]["documents"],
        3
    );

    let run = kgx(
        dir.path(),
        &[
            "extract",
            "corpus",
            "-q",
            "-o",
            "some",
            "--glob",
            "*.html",
            "--glob",
            "**/*.txt*",
            "--glob",
            "!drafts/**",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&dir.path().join("some/graph.json"));
    assert_eq!(graph["graph"]["documents"], 3);
    let ids: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"xi-jinping") && !ids.contains(&"volodymyr-zelensky"),
        "{ids:?}"
    );

    let run = kgx(
        dir.path(),
        &["extract", "corpus", "--glob", "[", "-o", "bad"],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.starts_with("kgx: invalid --glob `[`:"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_walk_skips_the_collection_readme_unless_it_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("politics")).unwrap();
    fs::write(
        corpus.join("README.TXT"),
        "Consists of 2 documents from the news website. Erdogan and Zelensky appear in them.",
    )
    .unwrap();
    fs::write(corpus.join("politics/001.TXT"), "Erdoğan met Putin.").unwrap();
    fs::write(corpus.join("politics/002.txt"), "Lukashenko met Putin.").unwrap();

    let run = kgx(dir.path(), &["extract", "corpus", "-q", "-o", "walked"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "kgx: warning: skipped 1 file that describes the collection, not news (corpus/README.TXT); \
         name it on the command line to read it\n"
    );
    let has_zelensky = |graph: &serde_json::Value| {
        (graph["nodes"].as_array().unwrap().iter()).any(|n| n["id"] == "volodymyr-zelensky")
    };
    let graph = read_json(&dir.path().join("walked/graph.json"));
    assert_eq!(graph["graph"]["documents"], 2);
    assert!(!has_zelensky(&graph));

    let run = kgx(
        dir.path(),
        &[
            "extract",
            "corpus",
            "corpus/README.TXT",
            "-q",
            "-o",
            "named",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "");
    let graph = read_json(&dir.path().join("named/graph.json"));
    assert_eq!(graph["graph"]["documents"], 3);
    assert!(has_zelensky(&graph));
}

#[test]
fn jsonl_options_need_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let run = kgx(dir.path(), &["extract", "x", "--text-field", "body"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--jsonl"), "{}", run.stderr);
}

#[test]
fn document_dates_reach_mentions_nodes_edges_and_gexf_spells() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("news.jsonl"),
        "{\"text\": \"Putin met Erdogan.\", \"date\": \"2024-02-12\"}\n\
         {\"text\": \"Erdogan met Putin again.\", \"date\": \"2023-09-04T10:00:00Z\"}\n\
         {\"text\": \"Zelensky spoke.\"}\n",
    )
    .unwrap();
    let run = kgx(
        dir.path(),
        &[
            "extract",
            "news.jsonl",
            "--jsonl",
            "--date-field",
            "date",
            "--format",
            "json,gexf",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = read_json(&dir.path().join("output/graph.json"));
    let node = |id: &str| {
        graph["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            node("vladimir-putin")["first_seen"].clone(),
            node("vladimir-putin")["last_seen"].clone()
        ),
        (
            serde_json::json!("2023-09-04"),
            serde_json::json!("2024-02-12")
        )
    );
    assert!(
        node("volodymyr-zelensky").get("first_seen").is_none(),
        "undated document"
    );
    let edge = &graph["edges"][0];
    assert_eq!(
        (edge["first_seen"].as_str(), edge["last_seen"].as_str()),
        (Some("2023-09-04"), Some("2024-02-12"))
    );
    let mentions = fs::read_to_string(dir.path().join("output/mentions.jsonl")).unwrap();
    assert!(
        mentions
            .lines()
            .next()
            .unwrap()
            .ends_with(",\"date\":\"2024-02-12\"}"),
        "{mentions}"
    );
    let gexf = fs::read_to_string(dir.path().join("output/graph.gexf")).unwrap();
    assert!(
        gexf.contains("mode=\"dynamic\" timeformat=\"date\""),
        "{gexf}"
    );
    assert!(gexf.contains("<node id=\"vladimir-putin\" label=\"Vladimir Putin\" start=\"2023-09-04\" end=\"2024-02-12\">"));
}

#[test]
fn a_corrupt_gzip_file_is_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt.gz"), "not gzip at all").unwrap();
    fs::write(dir.path().join("ok.txt"), "Putin met Erdogan.").unwrap();
    let run = kgx(dir.path(), &["extract", ".", "-q"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "kgx: ./bad.txt.gz: invalid gzip header\n");
    assert_eq!(
        read_json(&dir.path().join("output/graph.json"))["graph"]["documents"],
        1
    );
}

/// Hostile shapes, generated: each ends with a result and the expected warning or message,
/// offsets still slice the file, and evidence stays short. (Time and memory are measured by
/// bench/hostile.sh, not here.)
#[test]
fn oversized_documents_crowded_windows_and_overlong_lines_are_bounded_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    // 5 MB on one line, no full stop: read in two parts, one window of a few entities per part.
    let line = "Putin met Erdogan and Lukashenko in Ankara ".repeat(5_000_000 / 43);
    fs::write(dir.path().join("line.txt"), &line).unwrap();
    // 150 entities of our own in one sentence: the window is cut at 100.
    let mut dictionary = String::new();
    let mut crowd = String::new();
    for i in 0..150 {
        dictionary.push_str(&format!("e{i:03}\tperson\tZork{i:03} Quux\n"));
        crowd.push_str(&format!("Zork{i:03} Quux "));
    }
    fs::write(dir.path().join("crowd.tsv"), dictionary).unwrap();
    fs::write(dir.path().join("crowd.txt"), format!("{crowd}.\n")).unwrap();
    let run = kgx(
        dir.path(),
        &[
            "extract",
            "line.txt",
            "crowd.txt",
            "--dict",
            "crowd.tsv",
            "--window",
            "document",
            "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "kgx: warning: line.txt: larger than 4194304 bytes, read in parts (co-occurrence windows end at each cut)\n\
         kgx: warning: crowd.txt: 1 co-occurrence window held more than 100 entities and was cut there\n"
    );
    let graph = read_json(&dir.path().join("output/graph.json"));
    assert_eq!(graph["graph"]["documents"], 2);
    let mut evidence_bytes = 0;
    for edge in graph["edges"].as_array().unwrap() {
        for evidence in edge["evidence"].as_array().unwrap() {
            let text = evidence["text"].as_str().unwrap();
            assert!(text.len() <= 320, "{text}");
            evidence_bytes += text.len();
        }
    }
    // 100·99/2 + 50·49/2 pairs in the crowd, 3 among the three people of the line.
    assert_eq!(graph["edges"].as_array().unwrap().len(), 4950 + 1225 + 3);
    assert!(evidence_bytes < 10 << 20);
    // Every mention of the second part still slices the file.
    let mentions = fs::read_to_string(dir.path().join("output/mentions.jsonl")).unwrap();
    let last = mentions
        .lines()
        .rfind(|l| l.contains("\"line.txt\""))
        .unwrap();
    let record: serde_json::Value = serde_json::from_str(last).unwrap();
    let (start, end) = (
        record["start"].as_u64().unwrap() as usize,
        record["end"].as_u64().unwrap() as usize,
    );
    assert!(start > 4 << 20);
    assert_eq!(&line[start..end], record["text"].as_str().unwrap());

    // A JSON Lines line over the limit is reported with its line and skipped.
    let mut jsonl = b"{\"text\": \"".to_vec();
    jsonl.resize(jsonl.len() + (16 << 20), b'a');
    jsonl.extend_from_slice(b"\"}\n{\"text\": \"Putin met Erdogan.\"}\n");
    gzip(&dir.path().join("big.jsonl.gz"), &jsonl);
    let run = kgx(
        dir.path(),
        &["extract", "big.jsonl.gz", "--jsonl", "-o", "j", "-q"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: big.jsonl.gz:1: line longer than 16777216 bytes\n"
    );
    assert_eq!(
        read_json(&dir.path().join("j/graph.json"))["graph"]["documents"],
        1
    );
}

#[test]
fn only_the_first_thousand_unreadable_records_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut jsonl = "not json\n".repeat(1_005);
    jsonl.push_str("{\"text\": \"Putin met Erdogan.\"}\n");
    fs::write(dir.path().join("bad.jsonl"), jsonl).unwrap();
    let run = kgx(dir.path(), &["extract", "bad.jsonl", "--jsonl"]);
    assert_eq!(run.code, 1);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines[999].starts_with("kgx: bad.jsonl:1000: not a JSON object"),
        "{}",
        lines[999]
    );
    assert_eq!(lines[1000], "kgx: 5 more inputs could not be read");
    assert_eq!(lines[1001], "documents: 1 read, 1005 failed");
}
