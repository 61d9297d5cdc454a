//! Input forms: JSON Lines records, gzip files, glob filters, bad records reported per line.

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
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("kgx: invalid --glob `[`:"),
        "{}",
        run.stderr
    );
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
