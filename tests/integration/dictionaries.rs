//! Generated dictionary files are exactly what their generators produce.

use std::process::Command;

use crate::common::{in_ci, repo};

/// Runs `script OUT` and compares OUT with the committed `file`. The scripts install a pinned
/// npm package, so they need node, npm and the registry: skipped where npm is missing, except
/// in CI.
fn assert_generator_reproduces(script: &str, file: &str) {
    if Command::new("npm").arg("--version").output().is_err() {
        assert!(!in_ci(), "npm is missing in CI; .ci/run must install it");
        crate::common::skipped("npm is not installed");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let generated = out.path().join("generated");
    let run = Command::new("bash")
        .arg(repo().join(script))
        .arg(&generated)
        .output()
        .expect("bash runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let committed = std::fs::read(repo().join(file)).unwrap();
    assert!(
        std::fs::read(&generated).unwrap() == committed,
        "{file} differs from what {script} produces"
    );
}

#[test]
fn country_generator_reproduces_the_committed_file() {
    assert_generator_reproduces(
        "scripts/countries/generate.sh",
        "dictionaries/countries.tsv",
    );
}

#[test]
fn english_word_generator_reproduces_the_committed_file() {
    assert_generator_reproduces(
        "scripts/english-words/generate.sh",
        "dictionaries/english-words.txt",
    );
}
