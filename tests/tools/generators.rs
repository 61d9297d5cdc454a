//! Generated dictionary files are exactly what their generators produce. The generators
//! install their pinned npm package themselves, so they need npm and its registry.

use std::process::Command;

use crate::common::repo;

/// Runs `script OUT` and compares OUT with the committed `file`.
fn assert_generator_reproduces(script: &str, file: &str) {
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

pub fn country_generator_reproduces_the_committed_file() {
    assert_generator_reproduces(
        "scripts/countries/generate.sh",
        "dictionaries/countries.tsv",
    );
}

pub fn english_word_generator_reproduces_the_committed_file() {
    assert_generator_reproduces(
        "scripts/english-words/generate.sh",
        "dictionaries/english-words.txt",
    );
}
