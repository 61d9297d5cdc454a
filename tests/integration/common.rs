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

/// Where the tests' `kgx` runs cache the compiled built-in dictionaries (never the user's
/// own cache directory).
pub fn test_cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("kgx-cache")
}

/// Runs `kgx` with `args` in `dir`, with `stdin` as standard input.
pub fn kgx_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    run_kgx(dir, args, stdin, test_cache_dir().as_os_str())
}

/// Runs `kgx` with `args` in `dir`, caching the built-in dictionaries in `cache_dir` (empty:
/// no cache).
pub fn kgx_with_cache(dir: &Path, args: &[&str], cache_dir: &std::ffi::OsStr) -> Run {
    run_kgx(dir, args, b"", cache_dir)
}

fn run_kgx(dir: &Path, args: &[&str], stdin: &[u8], cache_dir: &std::ffi::OsStr) -> Run {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .env("KGX_CACHE_DIR", cache_dir)
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

/// Copies the seeds into `dir/seeds` (so that runs there name them `seeds/…`, as in the
/// repository) and returns that directory.
pub fn copy_seeds(dir: &Path) -> PathBuf {
    let seeds = dir.join("seeds");
    std::fs::create_dir(&seeds).expect("seeds directory made");
    for entry in std::fs::read_dir(repo().join("seeds")).expect("the seeds are there") {
        let entry = entry.expect("a seed");
        std::fs::copy(entry.path(), seeds.join(entry.file_name())).expect("seed copied");
    }
    seeds
}

/// Parses a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("JSON file exists");
    serde_json::from_str(&text).expect("valid JSON")
}

/// Reports that the calling test skips its check, and why, where people look: the test
/// harness captures `eprintln!` of a passing test, so this writes to the process's stderr
/// itself, and `cargo test` shows `skipped: TEST: WHY` above the test's `ok`.
pub fn skipped(why: impl std::fmt::Display) {
    use std::io::Write;
    let current = std::thread::current();
    let test = current.name().unwrap_or("a test");
    let _ = writeln!(std::io::stderr().lock(), "skipped: {test}: {why}");
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

/// The directory `target/npm-<name>` with the pinned npm `packages` installed (once per
/// version list), for a test that runs a real JavaScript client. `None` (skip the test) when
/// node or npm is missing or the install fails; in CI that fails the test instead.
pub fn npm_packages(name: &str, packages: &[&str]) -> Option<PathBuf> {
    static INSTALL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let found = |tool: &str| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !found("node") || !found("npm") {
        assert!(
            !in_ci(),
            "node and npm are missing in CI; .ci/run must install them"
        );
        crate::common::skipped("node or npm is not installed");
        return None;
    }
    let dir = repo().join("target").join(format!("npm-{name}"));
    let stamp = dir.join("kgx-packages.txt");
    let wanted = packages.join("\n");
    let _guard = INSTALL.lock().unwrap_or_else(|e| e.into_inner());
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Some(dir);
    }
    std::fs::create_dir_all(&dir).expect("npm directory created");
    std::fs::write(dir.join("package.json"), "{\"private\": true}\n").expect("package.json");
    let output = Command::new("npm")
        .args(["install", "--no-audit", "--no-fund", "--loglevel=error"])
        .args(packages)
        .current_dir(&dir)
        .output()
        .expect("npm runs");
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!in_ci(), "npm install {packages:?} failed in CI: {stderr}");
        crate::common::skipped(format!("npm install {packages:?} failed: {stderr}"));
        return None;
    }
    std::fs::write(&stamp, wanted).expect("stamp written");
    Some(dir)
}

/// Runs the JavaScript `script` with node on `args`. The script is saved as `dir/file` (a
/// directory from [`npm_packages`], so that it finds the packages there). Returns the exit
/// status's success, stdout and stderr.
pub fn node_script(dir: &Path, file: &str, script: &str, args: &[&Path]) -> (bool, String, String) {
    use std::io::Write;
    let path = dir.join(file);
    // Tests run in parallel: replace the script atomically, never truncate it under a reader.
    let mut temp = tempfile::NamedTempFile::new_in(dir).expect("temp script");
    temp.write_all(script.as_bytes()).expect("script written");
    temp.persist(&path).expect("script saved");
    let output = Command::new("node")
        .arg(&path)
        .args(args)
        .output()
        .expect("node runs");
    (
        output.status.success(),
        String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `kgx export GRAPH --format FORMAT -o OUT [extra…]` from the repository root and checks
/// that it succeeded quietly (`-o` writes nothing on stdout).
pub fn export_to(graph: &Path, format: &str, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "export",
        graph.to_str().expect("UTF-8 path"),
        "--format",
        format,
        "-o",
        out.to_str().expect("UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let run = kgx(&repo(), &args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "-o writes nothing on stdout");
}

/// The built-in dictionary files, in load order (`dictionaries/builtin.list`).
pub fn builtin_files() -> Vec<String> {
    let list = std::fs::read_to_string(repo().join("dictionaries/builtin.list")).unwrap();
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The number of entities (non-blank, non-comment lines) in a built-in dictionary file.
pub fn entity_count(file: &str) -> usize {
    let text = std::fs::read_to_string(repo().join("dictionaries").join(file)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count()
}

/// The number of entities in all the built-in dictionaries.
pub fn builtin_entity_count() -> usize {
    builtin_files().iter().map(|f| entity_count(f)).sum()
}
