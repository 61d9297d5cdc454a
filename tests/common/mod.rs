//! Helpers shared by the two test targets, `tests/integration/` (everything that needs nothing
//! but kgx) and `tests/tools/` (the checks that need an outside program).
//!
//! Every `kgx` run happens in a temporary directory with a cleared environment, as ripgrep's
//! test harness does: whatever the shell that runs `cargo test` has set (a `HOME` with a kgx
//! cache, `NO_COLOR`, `RUST_BACKTRACE`, a locale) cannot change what a test sees, and nothing a
//! run writes lands in the repository. A test that wants a variable sets it itself.

// Each target uses a part of these helpers.
#![allow(dead_code)]

pub mod html;
pub mod synthetic;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

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

/// Clears `command`'s environment but for `PATH` (`kgx render` runs Graphviz's `dot`, scripts
/// run `bash`) and `KGX_CACHE_DIR` (the test cache). Without `HOME` or `XDG_CACHE_HOME`, a run
/// never reaches the user's cache, even when a test removes `KGX_CACHE_DIR`.
pub fn clear_env(command: &mut Command) -> &mut Command {
    command.env_clear().env("KGX_CACHE_DIR", test_cache_dir());
    if let Some(path) = std::env::var_os("PATH") {
        command.env("PATH", path);
    }
    command
}

/// The `kgx` binary, to run in `dir` with a cleared environment ([`clear_env`]).
pub fn kgx_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kgx"));
    clear_env(&mut command).current_dir(dir);
    command
}

/// Runs `kgx` with `args` in `dir`, with `stdin` as standard input.
pub fn kgx_with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Run {
    run_kgx(kgx_command(dir), args, stdin)
}

/// Runs `kgx` with `args` in `dir`, caching the built-in dictionaries in `cache_dir` (empty:
/// no cache).
pub fn kgx_with_cache(dir: &Path, args: &[&str], cache_dir: &OsStr) -> Run {
    let mut command = kgx_command(dir);
    command.env("KGX_CACHE_DIR", cache_dir);
    run_kgx(command, args, b"")
}

fn run_kgx(mut command: Command, args: &[&str], stdin: &[u8]) -> Run {
    use std::io::Write;
    let mut child = command
        .args(args)
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

/// A temporary directory to run `kgx` in, holding copies of `seeds/` and `output/`: runs there
/// read and name `seeds/…` and `output/graph.json` (the default graph) as in the repository.
pub fn workspace() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_seeds(dir.path());
    copy_files(&repo().join("output"), &dir.path().join("output"));
    dir
}

/// The output directory of a `kgx extract` run in a temporary directory; dropping it removes
/// that directory.
pub struct Extracted {
    work: TempDir,
    dir: PathBuf,
}

impl Extracted {
    /// The output directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// The directory `kgx extract` ran in, which holds its inputs.
    pub fn workspace(&self) -> &Path {
        self.work.path()
    }
}

/// Runs `kgx extract seeds -o output [extra…]` in a temporary directory that holds a copy of
/// the seeds, as the README does in the repository, and returns the output directory.
pub fn extract_seeds(extra: &[&str]) -> (Extracted, Run) {
    let work = tempfile::tempdir().expect("temp dir");
    copy_seeds(work.path());
    let mut args = vec!["extract", "seeds", "-o", "output"];
    args.extend_from_slice(extra);
    let run = kgx(work.path(), &args);
    let dir = work.path().join("output");
    (Extracted { work, dir }, run)
}

/// Copies the files of the directory `from` into a new directory `to`.
fn copy_files(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("directory made");
    for entry in std::fs::read_dir(from).expect("the directory is there") {
        let entry = entry.expect("an entry");
        if entry.file_type().expect("a file type").is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("file copied");
        }
    }
}

/// Copies the seeds into `dir/seeds` (so that runs there name them `seeds/…`, as in the
/// repository) and returns that directory.
pub fn copy_seeds(dir: &Path) -> PathBuf {
    let seeds = dir.join("seeds");
    copy_files(&repo().join("seeds"), &seeds);
    seeds
}

/// Parses a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("JSON file exists");
    serde_json::from_str(&text).expect("valid JSON")
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
/// backslashes, markup, emoji, right-to-left text and a control character), in a workspace that
/// holds copies of both under those names, and returns the output directory; the graph is
/// `<dir>/graph.json`.
pub fn nasty_graph() -> Extracted {
    let work = tempfile::tempdir().expect("temp dir");
    let fixtures = work.path().join("tests/fixtures");
    std::fs::create_dir_all(&fixtures).expect("fixtures directory made");
    for file in ["nasty.txt", "nasty.tsv"] {
        std::fs::copy(
            repo().join("tests/fixtures").join(file),
            fixtures.join(file),
        )
        .expect("fixture copied");
    }
    let run = kgx(
        work.path(),
        &[
            "extract",
            "tests/fixtures/nasty.txt",
            "--no-default-dict",
            "--dict",
            "tests/fixtures/nasty.tsv",
            "-q",
            "-o",
            "nasty",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let dir = work.path().join("nasty");
    Extracted { work, dir }
}

/// Runs `kgx export GRAPH --format FORMAT -o OUT [extra…]` in a workspace and checks that it
/// succeeded quietly (`-o` writes nothing on stdout).
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
    let run = kgx(workspace().path(), &args);
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
    dictionary_lines(file).filter(|l| !is_alias_line(l)).count()
}

/// The number of alias lines (`id<TAB>+language<TAB>aliases`) in a built-in dictionary file.
pub fn alias_line_count(file: &str) -> usize {
    dictionary_lines(file).filter(|l| is_alias_line(l)).count()
}

/// The lines of a built-in dictionary file that are neither blank nor comments.
fn dictionary_lines(file: &str) -> impl Iterator<Item = String> {
    let text = std::fs::read_to_string(repo().join("dictionaries").join(file)).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

fn is_alias_line(line: &str) -> bool {
    line.split('\t')
        .nth(1)
        .is_some_and(|kind| kind.starts_with('+'))
}

/// The number of entities in all the built-in dictionaries.
pub fn builtin_entity_count() -> usize {
    builtin_files().iter().map(|f| entity_count(f)).sum()
}
