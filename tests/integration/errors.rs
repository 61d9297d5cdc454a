//! Bad input: a clear `kgx: …` message, the right exit code, nothing lost, no panic.

use std::fs;

use crate::common::{kgx, read_json};

fn panicked(stderr: &str) -> bool {
    stderr.contains("panicked")
}

#[test]
fn missing_input_is_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Putin met Erdogan.").unwrap();
    let run = kgx(dir.path(), &["extract", "nope.txt", "good.txt", "-q"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "kgx: nope.txt: no such file or directory\n");
    let graph = read_json(&dir.path().join("output/graph.json"));
    assert_eq!(graph["graph"]["documents"], 1);
}

#[test]
fn non_utf8_and_empty_files_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.txt"), "Putin met Erdogan.").unwrap();
    fs::write(dir.path().join("in/b.txt"), b"Erdo\xF0an in Latin-1").unwrap();
    fs::write(dir.path().join("in/c.txt"), "").unwrap();
    let run = kgx(dir.path(), &["extract", "in", "-q"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: in/b.txt: not UTF-8 text (invalid byte at offset 4); convert it to UTF-8 first\n\
         kgx: in/c.txt: empty file, nothing to read\n"
    );
    let graph = read_json(&dir.path().join("output/graph.json"));
    assert_eq!(graph["graph"]["documents"], 1);
}

#[test]
fn when_nothing_can_be_read_nothing_is_written_and_old_output_survives() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("output")).unwrap();
    fs::write(dir.path().join("output/graph.json"), "previous").unwrap();
    fs::write(dir.path().join("bad.txt"), b"\xFF\xFE").unwrap();
    let run = kgx(dir.path(), &["extract", "bad.txt"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: bad.txt: not UTF-8 text (invalid byte at offset 0); convert it to UTF-8 first\n\
         kgx: no input document could be read; nothing written to output\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("output/graph.json")).unwrap(),
        "previous"
    );
    assert_eq!(
        fs::read_dir(dir.path().join("output")).unwrap().count(),
        1,
        "no stray temp files"
    );
}

#[test]
fn only_missing_inputs_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("empty")).unwrap();
    let run = kgx(dir.path(), &["extract", "missing", "empty"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: missing: no such file or directory\n\
         kgx: empty: no *.txt or *.md files in this directory\n\
         kgx: no input documents; nothing written to output\n"
    );
    assert!(!dir.path().join("output").exists());
}

#[test]
fn malformed_dictionary_lines_are_all_reported_compiler_style() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "text").unwrap();
    fs::write(
        dir.path().join("bad.tsv"),
        "# my entities\nacme\torganization\tAcme\nacme\torganization\tAcme again\nx\tplanet\tMars\ny\tperson\t\tA||B\n",
    )
    .unwrap();
    let run = kgx(dir.path(), &["extract", "a.txt", "--dict", "bad.tsv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: bad.tsv:3: duplicate id `acme` (first defined at bad.tsv:2)\n\
         kgx: bad.tsv:4: unknown type `planet` (expected person, country or organization)\n\
         kgx: bad.tsv:5: empty name\n\
         kgx: bad.tsv:5: empty alias (two `|` in a row, or a trailing `|`?)\n"
    );
    assert!(!dir.path().join("output").exists());
}

#[test]
fn dictionary_id_clashing_with_a_builtin_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "text").unwrap();
    fs::write(dir.path().join("mine.tsv"), "russia\tcountry\tRussia\n").unwrap();
    let run = kgx(dir.path(), &["extract", "a.txt", "--dict", "mine.tsv"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "kgx: mine.tsv:1: duplicate id `russia` (first defined at <built-in>/countries.tsv:"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn missing_dictionary_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "text").unwrap();
    let run = kgx(dir.path(), &["extract", "a.txt", "--dict", "none.tsv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: none.tsv: No such file or directory (os error 2)\n"
    );
}

#[test]
fn unwritable_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "Putin").unwrap();
    fs::write(dir.path().join("file"), "not a directory").unwrap();
    let run = kgx(dir.path(), &["extract", "a.txt", "-o", "file/out"]);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, "kgx: file/out: Not a directory (os error 20)\n");
    assert_eq!(
        fs::read_to_string(dir.path().join("file")).unwrap(),
        "not a directory"
    );
}

#[test]
fn an_input_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("graph.json"), "Putin met Erdogan.").unwrap();
    let run = kgx(dir.path(), &["extract", "graph.json", "-o", "."]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: ./graph.json: refusing to overwrite an input file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("graph.json")).unwrap(),
        "Putin met Erdogan."
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    for (args, needle) in [
        (
            &["extract"][..],
            "the following required arguments were not provided",
        ),
        (
            &["extract", "a", "--window", "lines"][..],
            "invalid window `lines`",
        ),
        (&["extract", "a", "--min-weight", "0"][..], "--min-weight"),
        (&["extract", "a", "--no-default-dict"][..], "--dict"),
        (&["frobnicate"][..], "unrecognized subcommand"),
    ] {
        let run = kgx(dir.path(), args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(needle), "{args:?}: {}", run.stderr);
        assert!(!panicked(&run.stderr));
    }
}

/// One example of each class of `Error::exit_code` and of a partial failure, as the README's
/// "Exit codes" table lists them.
#[test]
fn exit_codes_tell_usage_errors_from_runtime_errors_and_partial_failures() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("good.txt"), "Putin met Erdogan.").unwrap();
    let cases: [(&[&str], i32, &str); 5] = [
        (&["extract", "good.txt", "-q"], 0, ""),
        // Partial failure: one input reported, the others written.
        (
            &["extract", "nope.txt", "good.txt", "-q", "-o", "partial"],
            1,
            "kgx: nope.txt: no such file or directory\n",
        ),
        // Runtime error: found when running.
        (
            &["links", "Putin", "--graph", "missing.json"],
            1,
            "kgx: missing.json: No such file or directory (os error 2)\n",
        ),
        // Usage errors found after parsing: an option value, a combination of options.
        (
            &["extract", "good.txt", "--glob", "[", "-o", "never"],
            2,
            "kgx: invalid --glob `[`: error parsing glob '[': unclosed character class; missing ']'\n",
        ),
        (
            &["export", "graph.json", "--format", "csv"],
            2,
            "kgx: csv writes a directory of files; use -o DIR\n",
        ),
    ];
    for (args, code, stderr) in cases {
        let run = kgx(dir.path(), args);
        assert_eq!((run.code, run.stderr.as_str()), (code, stderr), "{args:?}");
    }
    assert!(dir.path().join("partial/graph.json").exists());
    assert!(!dir.path().join("never").exists());
}

#[test]
fn malformed_graph_file_for_links() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &str); 4] = [
        (
            "{\n  \"nodes\": [\n    {\"id\": 1}\n",
            "kgx: g.json:3: not a kgx graph: invalid type: integer `1`, expected a string\n",
        ),
        (
            "not json",
            "kgx: g.json:1: not a kgx graph: expected ident\n",
        ),
        (
            r#"{"directed":false,"multigraph":false,"graph":{"generator":"x","format_version":1,"window":"sentence","min_weight":1,"evidence_per_edge":3,"documents":1,"dictionaries":[]},"nodes":[],"edges":[{"source":"a","target":"b","weight":1,"documents":1,"evidence":[]}]}"#,
            "kgx: g.json: inconsistent graph: edge names unknown node `a`\n",
        ),
        (
            r#"{"directed":false,"multigraph":false,"graph":{"generator":"x","format_version":99,"window":"sentence","min_weight":1,"evidence_per_edge":3,"documents":1,"dictionaries":[]},"nodes":[],"edges":[]}"#,
            "kgx: g.json: written by a newer kgx (graph format 99, this kgx reads up to 1)\n",
        ),
    ];
    for (content, expected) in cases {
        fs::write(dir.path().join("g.json"), content).unwrap();
        let run = kgx(dir.path(), &["links", "Putin", "--graph", "g.json"]);
        assert_eq!(run.code, 1);
        assert_eq!(run.stderr, expected);
    }
    let run = kgx(dir.path(), &["links", "Putin", "--graph", "missing.json"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: missing.json: No such file or directory (os error 2)\n"
    );
}
