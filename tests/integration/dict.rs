//! `kgx dict check`: errors and warnings, compiler-style, and corpus hit counts.

use std::fs;

use crate::common::{kgx, repo};

#[test]
fn builtin_dictionaries_pass_the_check() {
    let run = kgx(&repo(), &["dict", "check"]);
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
