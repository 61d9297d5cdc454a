//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root (where `seeds/` and `output/` live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What a run of `kgx` produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `kgx` with `args` in `dir`, with `stdin` as standard input.
pub fn kgx_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("kgx starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin accepts input");
    let output = child.wait_with_output().expect("kgx finishes");
    Run {
        code: output
            .status
            .code()
            .expect("kgx exits normally, not by a signal"),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs `kgx` with `args` in `dir`.
pub fn kgx(dir: &Path, args: &[&str]) -> Run {
    kgx_with_stdin(dir, args, b"")
}

/// Runs `kgx extract seeds -o <out>` from the repository root and returns the output dir.
pub fn extract_seeds(extra: &[&str]) -> (tempfile::TempDir, Run) {
    let out = tempfile::tempdir().expect("temp dir");
    let out_arg = out.path().to_str().expect("UTF-8 temp path").to_string();
    let mut args = vec!["extract", "seeds", "-o", &out_arg];
    args.extend_from_slice(extra);
    let run = kgx(&repo(), &args);
    (out, run)
}

/// Parses a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("JSON file exists");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Whether CI asked for every external tool to be present (`CI=true`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Compares `actual` with the golden file `tests/golden/<name>`, or rewrites the golden file
/// when `UPDATE_GOLDEN=1`.
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1") {
        std::fs::write(&path, actual).expect("golden file written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{} differs from the output (UPDATE_GOLDEN=1 regenerates it on purpose)\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

/// Extracts `tests/fixtures/nasty.txt` with only `tests/fixtures/nasty.tsv` (names with quotes,
/// backslashes, markup, emoji, right-to-left text and a control character) and returns the
/// temporary output directory; the graph is `<dir>/graph.json`.
pub fn nasty_graph() -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let run = kgx(
        &repo(),
        &[
            "extract",
            "tests/fixtures/nasty.txt",
            "--no-default-dict",
            "--dict",
            "tests/fixtures/nasty.tsv",
            "-q",
            "-o",
            out.path().to_str().expect("UTF-8 temp path"),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    out
}
