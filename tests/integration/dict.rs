//! `kgx dict check`: errors and warnings, compiler-style, and corpus hit counts.

use std::fs;
use std::path::Path;

use crate::common::{builtin_entity_count, extract_seeds, kgx, repo, workspace, Run};

#[test]
fn builtin_dictionaries_pass_the_check() {
    let work = workspace();
    let run = kgx(work.path(), &["dict", "check"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    let last = run.stdout.lines().last().unwrap();
    assert!(last.starts_with("checked <built-in> ("), "{last}");
    assert!(last.contains("): 0 errors, "), "{last}");
    assert!(!run.stdout.contains(": error: "));
}

#[test]
fn errors_and_warnings_are_listed_and_errors_fail() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("d.tsv"),
        "acme\torganization\tAcme\tACME|Acme Corp|Acme Corp\nrice\tperson\tCondoleezza Rice\tRice\nbad\tplanet\tX\n",
    )
    .unwrap();
    let run = kgx(dir.path(), &["dict", "check", "d.tsv"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "d.tsv:3: error: unknown type `planet` (expected person, country or organization)\n\
         d.tsv:1: warning: alias `Acme Corp` is listed twice\n\
         d.tsv:2: warning: alias `Rice` is the common English word `rice`; flag it `=` (same case only) or `^` (needs another name of the entity in the document)\n\
         checked d.tsv (2 entities, 6 aliases): 1 error, 2 warnings\n"
    );
}

#[test]
fn warnings_alone_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("d.tsv"), "xi\tperson\tXi Jinping\tXi\n").unwrap();
    let run = kgx(dir.path(), &["dict", "check", "d.tsv"]);
    assert_eq!(run.code, 0);
    assert!(run
        .stdout
        .contains("d.tsv:1: warning: alias `Xi` is shorter than 3 characters"));
}

#[test]
fn corpus_counts_matches_and_lists_aliases_that_never_match() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("d.tsv"),
        "putin\tperson\tVladimir Putin\tPutin|Vladimir Vladimirovich Putin\n",
    )
    .unwrap();
    let seeds = repo().join("seeds");
    let run = kgx(
        dir.path(),
        &[
            "dict",
            "check",
            "d.tsv",
            "--corpus",
            seeds.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("alias matches in 5 documents (2 aliases matched; most frequent first):"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("      28  putin                             Putin\n"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("never matched: 1 of 3 aliases\n  putin: Vladimir Vladimirovich Putin\n"));
}

/// `kgx dict compile`: a compiled dictionary gives the same extraction, byte for byte.
#[test]
fn a_compiled_dictionary_extracts_exactly_like_the_text_one() {
    let work = workspace();
    let dir = tempfile::tempdir().unwrap();
    let compiled = dir.path().join("builtin.kgxd");
    let compiled_arg = compiled.to_str().unwrap();
    let run = kgx(work.path(), &["dict", "compile", "-o", compiled_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = format!("compiled <built-in> ({} entities, ", builtin_entity_count());
    assert!(run.stdout.starts_with(&expected), "{}", run.stdout);
    let (text_out, text_run) = extract_seeds(&[]);
    let (compiled_out, compiled_run) = extract_seeds(&["--dict", compiled_arg]);
    assert_eq!(text_run.code, 0);
    assert_eq!(compiled_run.code, 0, "{}", compiled_run.stderr);
    for file in ["graph.json", "graph.dot", "mentions.jsonl"] {
        let text = fs::read(text_out.path().join(file)).unwrap();
        let from_compiled = fs::read(compiled_out.path().join(file)).unwrap();
        assert!(text == from_compiled, "{file} differs");
    }
}

/// Writes `d.tsv` (`tsv`) in `dir` and compiles it alone, to `output`.
fn compile_alone(dir: &Path, tsv: &str, output: &str) -> Run {
    fs::write(dir.join("d.tsv"), tsv).unwrap();
    kgx(
        dir,
        &[
            "dict",
            "compile",
            "--dict",
            "d.tsv",
            "--no-default-dict",
            "-o",
            output,
        ],
    )
}

#[test]
fn compiling_user_dictionaries_alone_and_using_them() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "acme\torganization\tAcme Corp\tAcme|ACME\nbob\tperson\tBob Stone\n";
    fs::write(
        dir.path().join("t.txt"),
        "Bob Stone joined ACME. Putin said.\n",
    )
    .unwrap();
    let run = compile_alone(dir.path(), tsv, "d.kgxd");
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        "compiled d.tsv (2 entities, 4 aliases, 3 distinct forms) into d.kgxd (0.0 MB)\n"
    );
    let run = kgx(
        dir.path(),
        &["extract", "t.txt", "--dict", "d.kgxd", "-o", "out", "-q"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = fs::read_to_string(dir.path().join("out/mentions.jsonl")).unwrap();
    let entities: Vec<&str> = mentions
        .lines()
        .map(|l| {
            ["acme", "bob"]
                .into_iter()
                .find(|id| l.contains(&format!("\"{id}\"")))
                .unwrap_or(l)
        })
        .collect();
    assert_eq!(
        entities,
        ["bob", "acme"],
        "the built-in Putin is not in d.kgxd"
    );
    // Inspection commands take the compiled dictionary too, explain with its ready matcher.
    let graph = ["--graph", "out/graph.json", "--dict", "d.kgxd"];
    let run = kgx(dir.path(), &[&["links", "Acme"][..], &graph].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Bob Stone"), "{}", run.stdout);
    let run = kgx(
        dir.path(),
        &[
            &["explain", "Bob Stone", "ACME", "--color", "never"][..],
            &graph,
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Bob Stone joined ACME."),
        "{}",
        run.stdout
    );
}

#[test]
fn dict_check_reads_a_compiled_dictionary_like_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = "rice\tperson\tCondoleezza Rice\tRice\n";
    assert_eq!(compile_alone(dir.path(), tsv, "d.kgxd").code, 0);
    let text = kgx(dir.path(), &["dict", "check", "d.tsv"]);
    let compiled = kgx(dir.path(), &["dict", "check", "d.kgxd"]);
    assert_eq!(compiled.code, 0, "{}", compiled.stderr);
    assert!(
        compiled
            .stdout
            .contains("alias `Rice` is the common English word"),
        "{}",
        compiled.stdout
    );
    assert_eq!(compiled.stdout, text.stdout);
    let run = kgx(dir.path(), &["dict", "check", "d.kgxd", "d.tsv"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("kgx: d.kgxd: a compiled dictionary stands alone"),
        "{}",
        run.stderr
    );
}

#[test]
fn bad_compiled_dictionaries_are_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("t.txt"), "Bob Stone.\n").unwrap();
    let run = compile_alone(dir.path(), "bob\tperson\tBob Stone\n", "d.kgxd");
    assert_eq!(run.code, 0, "{}", run.stderr);
    let compiled = fs::read(dir.path().join("d.kgxd")).unwrap();

    // Truncated (an interrupted copy).
    fs::write(dir.path().join("cut.kgxd"), &compiled[..compiled.len() / 2]).unwrap();
    let run = kgx(
        dir.path(),
        &["extract", "t.txt", "--dict", "cut.kgxd", "-o", "out"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: cut.kgxd: corrupt compiled dictionary (checksum mismatch); compile it again with `kgx dict compile`\n"
    );
    assert!(!dir.path().join("out").exists(), "nothing written");

    // Combined with another dictionary.
    let run = kgx(
        dir.path(),
        &[
            "extract", "t.txt", "--dict", "d.kgxd", "--dict", "d.tsv", "-o", "out",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .starts_with("kgx: d.kgxd: a compiled dictionary stands alone"),
        "{}",
        run.stderr
    );

    // Compiling over one of its own inputs.
    let run = compile_alone(dir.path(), "bob\tperson\tBob Stone\n", "d.tsv");
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "kgx: d.tsv: refusing to overwrite an input file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("d.tsv")).unwrap(),
        "bob\tperson\tBob Stone\n"
    );
}

/// `kgx dict check` of a file of alias lines: ids of the built-in dictionaries are known (unless
/// `--no-default-dict`), an id no dictionary defines is an error with its line.
#[test]
fn alias_lines_name_built_in_entities() {
    let work = workspace();
    std::fs::write(
        work.path().join("more.tsv"),
        "vladimir-putin\t+sr\tПутин\nnobody-at-all\t+ru\tНикто\n",
    )
    .unwrap();
    let run = kgx(work.path(), &["dict", "check", "more.tsv"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert_eq!(
        run.stdout,
        "more.tsv:2: error: aliases in `+ru` for `nobody-at-all`, which no dictionary defines\n\
         checked more.tsv (0 entities, 0 aliases): 1 error, 0 warnings\n"
    );
    let alone = kgx(
        work.path(),
        &["dict", "check", "--no-default-dict", "more.tsv"],
    );
    assert!(alone.stdout.starts_with(
        "more.tsv:1: error: aliases in `+sr` for `vladimir-putin`, which no dictionary defines\n"
    ));
    // Extraction with the file: the Armenian alias, which no built-in file has, names Putin.
    std::fs::write(
        work.path().join("more.tsv"),
        "vladimir-putin\t+hy\tՊուտին\n",
    )
    .unwrap();
    std::fs::write(work.path().join("news.txt"), "Պուտին ասաց։\n").unwrap();
    let run = kgx(
        work.path(),
        &[
            "extract", "news.txt", "--dict", "more.tsv", "-o", "out", "-q",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mentions = std::fs::read_to_string(work.path().join("out/mentions.jsonl")).unwrap();
    assert!(
        mentions.contains("\"entity\":\"vladimir-putin\""),
        "{mentions}"
    );
}
