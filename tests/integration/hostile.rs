//! Input shaped by an adversary, and options at their edges: control characters reach the
//! terminal escaped, impossible dates are refused, byte order marks are read, numbers out of
//! range are usage errors, too many threads are capped, and no message says `path:0:`.

use std::fs;

use crate::common::{kgx, kgx_with_stdin, nasty_graph};

#[test]
fn control_characters_from_the_inputs_are_escaped_on_the_terminal() {
    let out = nasty_graph();
    let graph = out.path().join("graph.json");
    let graph = graph.to_str().unwrap();
    let dict = ["--no-default-dict", "--dict", "tests/fixtures/nasty.tsv"];
    let with_graph = |args: &[&str]| {
        let mut all: Vec<&str> = args.to_vec();
        all.extend(["--graph", graph]);
        all.extend(dict);
        kgx(out.workspace(), &all)
    };
    // The label `Bell\x07Ring Ltd` holds a BEL.
    for args in [
        &["links", "Bell\u{7}Ring Ltd", "--color", "always"][..],
        &[
            "explain",
            "Bell\u{7}Ring Ltd",
            "Rocket 🚀 Corp",
            "--color",
            "always",
        ],
        &["stats"],
        &["top"],
        &["communities", "--min-size", "1"],
        &["path", "Bell\u{7}Ring Ltd", "Rocket 🚀 Corp"],
    ] {
        let run = with_graph(args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(
            run.stdout.contains("Bell\\u{7}Ring Ltd"),
            "{args:?}: {}",
            run.stdout
        );
        assert!(!run.stdout.contains('\u{7}'), "{args:?}");
    }
    // JSON keeps the text as it is (escaped the JSON way).
    let run = with_graph(&["links", "Bell\u{7}Ring Ltd", "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Bell\\u0007Ring Ltd"), "{}", run.stdout);
    // Error messages quote input escaped too.
    let run = with_graph(&["links", "Bell\u{1b}[2J"]);
    assert_eq!(run.code, 1);
    assert!(!run.stderr.contains('\u{1b}'), "{}", run.stderr);
}

#[test]
fn impossible_dates_are_invalid_records() {
    let dir = tempfile::tempdir().unwrap();
    let records = [
        r#"{"text": "Vladimir Putin met Recep Tayyip Erdoğan.", "date": "2023-02-30"}"#,
        r#"{"text": "Vladimir Putin met Recep Tayyip Erdoğan.", "date": "2023-01-05junk"}"#,
        r#"{"text": "Vladimir Putin met Recep Tayyip Erdoğan.", "date": "2024-02-29T10:00:00Z"}"#,
    ];
    fs::write(dir.path().join("news.jsonl"), records.join("\n")).unwrap();
    let run = kgx(
        dir.path(),
        &[
            "extract",
            "news.jsonl",
            "--jsonl",
            "--date-field",
            "date",
            "-q",
            "-o",
            "out",
        ],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: news.jsonl:1: invalid date `2023-02-30` in field `date` (expected YYYY-MM-DD or an ISO 8601 timestamp)\n\
         kgx: news.jsonl:2: invalid date `2023-01-05junk` in field `date` (expected YYYY-MM-DD or an ISO 8601 timestamp)\n"
    );
    let graph = fs::read_to_string(dir.path().join("out/graph.json")).unwrap();
    assert!(graph.contains("\"documents\": 1,"), "{graph}");
    assert!(graph.contains("2024-02-29") && !graph.contains("2023-02-30"));
}

#[test]
fn a_byte_order_mark_starts_jsonl_and_graph_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("news.jsonl"),
        "\u{feff}{\"text\": \"Vladimir Putin met Recep Tayyip Erdoğan.\"}\n",
    )
    .unwrap();
    let run = kgx(
        dir.path(),
        &["extract", "news.jsonl", "--jsonl", "-q", "-o", "out"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = fs::read_to_string(dir.path().join("out/graph.json")).unwrap();
    fs::write(dir.path().join("bom.json"), format!("\u{feff}{graph}")).unwrap();
    let run = kgx(dir.path(), &["stats", "--graph", "bom.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("documents:   1\n"), "{}", run.stdout);
}

#[test]
fn numbers_out_of_range_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            &["communities", "--resolution", "NaN"][..],
            "error: invalid value 'NaN' for '--resolution <R>': `NaN` is not a resolution: a number above 0\n",
        ),
        (
            &["communities", "--resolution", "inf"],
            "error: invalid value 'inf' for '--resolution <R>': `inf` is not a resolution: a number above 0\n",
        ),
        (
            &["stats", "--alpha", "-0.5"],
            "error: invalid value '-0.5' for '--alpha <ALPHA>': `-0.5` is not a significance level between 0 and 1 (exclusive)\n",
        ),
        (
            &["stats", "--alpha", "NaN"],
            "error: invalid value 'NaN' for '--alpha <ALPHA>': `NaN` is not a significance level between 0 and 1 (exclusive)\n",
        ),
        (
            &["links", "Putin", "--limit", "-3"],
            "error: invalid value '-3' for '--limit <N>': invalid digit found in string\n",
        ),
    ] {
        let run = kgx(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.starts_with(message), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn too_many_threads_are_capped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let cores = std::thread::available_parallelism().unwrap().get();
    let run = kgx_with_stdin(
        dir.path(),
        &["extract", "-", "--threads", "20000", "-q", "-o", "out"],
        "Vladimir Putin met Recep Tayyip Erdoğan.".as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("kgx: --threads 20000 is more than the {cores} cores; using {cores}\n")
    );
}

#[test]
fn dict_check_reports_ids_the_builtin_dictionaries_define_too() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mine.tsv"), "russia\tcountry\tRussia\n").unwrap();
    let run = kgx(dir.path(), &["dict", "check", "mine.tsv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.starts_with(
            "mine.tsv:1: error: duplicate id `russia` (first defined at <built-in>/countries.tsv:"
        ),
        "{}",
        run.stdout
    );
    let run = kgx(
        dir.path(),
        &["dict", "check", "--no-default-dict", "mine.tsv"],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
}

#[test]
fn a_whole_file_problem_names_no_line_0() {
    let dir = tempfile::tempdir().unwrap();
    let out = crate::common::extract_seeds(&["-q"]).0;
    let graph = fs::read_to_string(out.path().join("graph.json")).unwrap();
    fs::write(
        dir.path().join("new.json"),
        graph.replace("\"format_version\": 1", "\"format_version\": 99"),
    )
    .unwrap();
    let run = kgx(dir.path(), &["stats", "--graph", "new.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: new.json: written by a newer kgx (graph format 99, this kgx reads up to 1)\n"
    );
}
