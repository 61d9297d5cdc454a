//! The built-in dictionaries: the country file is what its generator produces.

use std::process::Command;

use crate::common::{in_ci, repo};

/// `scripts/countries/generate.sh` rebuilds `dictionaries/countries.tsv` byte for byte. It
/// installs the pinned npm package, so it needs node, npm and the registry: skipped where node
/// is missing, except in CI.
#[test]
fn country_generator_reproduces_the_committed_file() {
    if Command::new("npm").arg("--version").output().is_err() {
        assert!(!in_ci(), "npm is missing in CI; .ci/run must install it");
        eprintln!("skipped: npm is not installed");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let generated = out.path().join("countries.tsv");
    let run = Command::new("bash")
        .arg(repo().join("scripts/countries/generate.sh"))
        .arg(&generated)
        .output()
        .expect("bash runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let committed = std::fs::read(repo().join("dictionaries/countries.tsv")).unwrap();
    assert!(
        std::fs::read(&generated).unwrap() == committed,
        "dictionaries/countries.tsv differs from what scripts/countries/generate.sh produces"
    );
}
