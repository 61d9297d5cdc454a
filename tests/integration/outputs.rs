//! Where outputs may go: never over an input (by name, hard link or symlink), through devices
//! and symlinks rather than replacing them, and no temporary file left behind after an error,
//! a signal, or a killed run.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{clear_env, kgx, kgx_command};

/// A workspace (`common::workspace`) that also holds `graph.json` (the seeds' graph) and
/// `people.tsv`.
fn workspace() -> tempfile::TempDir {
    let dir = crate::common::workspace();
    fs::copy(
        dir.path().join("output/graph.json"),
        dir.path().join("graph.json"),
    )
    .unwrap();
    fs::write(
        dir.path().join("people.tsv"),
        "putin\tperson\tVladimir Putin\tPutin\n",
    )
    .unwrap();
    dir
}

/// The `.kgx-*.tmp` files in `dir`.
fn temp_files(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".kgx-") && name.ends_with(".tmp")
        })
        .collect()
}

/// Runs `args` in `dir`, expects the refusal for `output`, and checks that `input` kept its
/// bytes.
fn assert_refused(dir: &Path, args: &[&str], output: &str, input: &str) {
    let before = fs::read(dir.join(input)).unwrap();
    let run = kgx(dir, args);
    assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("kgx: {output}: refusing to overwrite an input file\n"),
        "{args:?}"
    );
    assert_eq!(fs::read(dir.join(input)).unwrap(), before, "{args:?}");
    assert!(temp_files(dir).is_empty(), "{args:?}");
}

#[test]
fn no_command_writes_over_its_own_input() {
    let dir = workspace();
    let d = dir.path();
    fs::hard_link(d.join("graph.json"), d.join("hard.json")).unwrap();
    std::os::unix::fs::symlink("graph.json", d.join("link.json")).unwrap();
    fs::copy(d.join("graph.json"), d.join("graph.svg")).unwrap();
    fs::create_dir(d.join("csv")).unwrap();
    fs::copy(d.join("graph.json"), d.join("csv/nodes.csv")).unwrap();
    fs::write(
        d.join("news.txt"),
        "Vladimir Putin met Recep Tayyip Erdoğan.",
    )
    .unwrap();
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[
                "export",
                "graph.json",
                "--format",
                "json",
                "-o",
                "graph.json",
            ],
            "graph.json",
            "graph.json",
        ),
        (
            &[
                "export",
                "graph.json",
                "--format",
                "gexf",
                "-o",
                "hard.json",
            ],
            "hard.json",
            "graph.json",
        ),
        (
            &[
                "export",
                "graph.json",
                "--format",
                "json",
                "-o",
                "link.json",
            ],
            "link.json",
            "graph.json",
        ),
        (
            &["export", "csv/nodes.csv", "--format", "csv", "-o", "csv"],
            "csv/nodes.csv",
            "csv/nodes.csv",
        ),
        (
            &["ego", "Putin", "--graph", "graph.json", "-o", "graph.json"],
            "graph.json",
            "graph.json",
        ),
        (
            &["ego", "Putin", "--from", "news.txt", "-o", "news.txt"],
            "news.txt",
            "news.txt",
        ),
        (
            &[
                "ego",
                "Putin",
                "--graph",
                "graph.json",
                "--dict",
                "people.tsv",
                "-o",
                "people.tsv",
            ],
            "people.tsv",
            "people.tsv",
        ),
        (
            &["render", "graph.svg", "-o", "graph.svg"],
            "graph.svg",
            "graph.svg",
        ),
        (
            &[
                "dict",
                "compile",
                "--dict",
                "people.tsv",
                "-o",
                "people.tsv",
            ],
            "people.tsv",
            "people.tsv",
        ),
    ];
    for (args, output, input) in cases {
        assert_refused(d, args, output, input);
    }
    // Extract's own outputs: an input named like one, or a dictionary file named like one.
    fs::copy(d.join("news.txt"), d.join("mentions.jsonl")).unwrap();
    assert_refused(
        d,
        &["extract", "mentions.jsonl", "-o", "."],
        "./mentions.jsonl",
        "mentions.jsonl",
    );
    // A file found by a walk, among others, that is an output under another name (known by
    // the file opened, not by its path).
    fs::create_dir(d.join("walked")).unwrap();
    for n in (0..300).filter(|&n| n != 150) {
        fs::copy(d.join("news.txt"), d.join(format!("walked/{n:03}.txt"))).unwrap();
    }
    fs::hard_link(d.join("graph.json"), d.join("walked/150.txt")).unwrap();
    assert_refused(
        d,
        &["extract", "walked", "-o", "."],
        "./graph.json",
        "graph.json",
    );
    assert_refused(
        d,
        &["extract", "walked", "--threads", "2", "-o", "."],
        "./graph.json",
        "graph.json",
    );
    fs::create_dir(d.join("out2")).unwrap();
    fs::copy(d.join("people.tsv"), d.join("out2/graph.dot")).unwrap();
    assert_refused(
        d,
        &[
            "extract",
            "news.txt",
            "--dict",
            "out2/graph.dot",
            "-o",
            "out2",
        ],
        "out2/graph.dot",
        "out2/graph.dot",
    );
}

#[test]
fn stdin_redirected_from_a_file_is_an_input_too() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mentions.jsonl"), "Putin met Erdoğan.").unwrap();
    let stdin = fs::File::open(dir.path().join("mentions.jsonl")).unwrap();
    let output = kgx_command(dir.path())
        .args(["extract", "-", "-o", "."])
        .stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "kgx: ./mentions.jsonl: refusing to overwrite an input file\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("mentions.jsonl")).unwrap(),
        "Putin met Erdoğan."
    );
}

fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::metadata(path).unwrap().file_type().is_char_device()
}

#[test]
fn devices_are_written_through_never_replaced() {
    let dir = workspace();
    let d = dir.path();
    // A private device node would need root; /dev/null is one every test machine has, and
    // a symlink to it stands for the copies of /dev/null or /dev/full of the issue.
    std::os::unix::fs::symlink("/dev/null", d.join("null.svg")).unwrap();
    for args in [
        &[
            "export",
            "graph.json",
            "--format",
            "graphml",
            "-o",
            "/dev/null",
        ][..],
        &["ego", "Putin", "--graph", "graph.json", "-o", "/dev/null"],
        &["dict", "compile", "--dict", "people.tsv", "-o", "/dev/null"],
        &["export", "graph.json", "--format", "json", "-o", "null.svg"],
    ] {
        let run = kgx(d, args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(is_char_device(Path::new("/dev/null")), "{args:?}");
        assert!(fs::symlink_metadata(d.join("null.svg"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(temp_files(d).is_empty(), "{args:?}");
    }
    // `kgx render` needs Graphviz: tests/tools/graphviz.rs checks it.
}

#[test]
fn dev_stdout_receives_the_output() {
    let dir = workspace();
    let run = kgx(
        dir.path(),
        &[
            "export",
            "graph.json",
            "--format",
            "json",
            "-o",
            "/dev/stdout",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout,
        fs::read_to_string(dir.path().join("graph.json")).unwrap()
    );
}

#[test]
fn a_symlink_stays_a_link_and_its_file_is_replaced() {
    let dir = workspace();
    let d = dir.path();
    fs::create_dir(d.join("real")).unwrap();
    fs::write(d.join("real/graph.gexf"), "old").unwrap();
    std::os::unix::fs::symlink("real/graph.gexf", d.join("link.gexf")).unwrap();
    let run = kgx(
        d,
        &[
            "export",
            "graph.json",
            "--format",
            "gexf",
            "-o",
            "link.gexf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::symlink_metadata(d.join("link.gexf"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(d.join("real/graph.gexf"))
        .unwrap()
        .contains("<gexf"));
    assert!(temp_files(d).is_empty() && temp_files(&d.join("real")).is_empty());

    // Extract's files too: graph.json kept as a link into another directory.
    fs::create_dir(d.join("linked")).unwrap();
    std::os::unix::fs::symlink("../real/graph.gexf", d.join("linked/graph.json")).unwrap();
    fs::write(
        d.join("news.txt"),
        "Vladimir Putin met Recep Tayyip Erdoğan.",
    )
    .unwrap();
    let run = kgx(d, &["extract", "news.txt", "-q", "-o", "linked"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(fs::symlink_metadata(d.join("linked/graph.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(fs::read_to_string(d.join("real/graph.gexf"))
        .unwrap()
        .contains("\"nodes\""));
}

#[test]
fn a_failed_run_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::create_dir(d.join("out")).unwrap();
    let run = kgx(d, &["extract", "empty.txt", "-o", "out"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(temp_files(&d.join("out")).is_empty());
    assert_eq!(fs::read_dir(d.join("out")).unwrap().count(), 0);
}

#[test]
fn stale_temporary_files_of_a_killed_run_are_swept() {
    let dir = workspace();
    let d = dir.path();
    // A process id above Linux's limit (4194304) never runs; an old file of the own pattern
    // from such a process is stale. Other names, and files of a running process, stay.
    let stale = d.join(".kgx-4999999-a1B2c3.tmp");
    let running = d.join(format!(".kgx-{}-a1B2c3.tmp", std::process::id()));
    let foreign = d.join(".kgx-notes.tmp");
    for path in [&stale, &running, &foreign] {
        fs::write(path, "half").unwrap();
    }
    std::thread::sleep(Duration::from_millis(20));
    let run = kgx(
        d,
        &["export", "graph.json", "--format", "gexf", "-o", "g.gexf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!stale.exists());
    assert!(running.exists() && foreign.exists());
}

/// Starts `kgx extract -` with a stdin that stays open, waits for its temporary file, sends
/// `signal`, and returns the exit code, stderr and what is left in the output directory.
fn interrupt_extract(signal: &str) -> (Option<i32>, String, Vec<PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut child = kgx_command(dir.path())
        .args(["extract", "-", "-o", "out"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"Vladimir Putin met Recep Tayyip Erdogan.\n")
        .unwrap();
    let started = Instant::now();
    while !out.exists() || temp_files(&out).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "kgx never created its temporary file"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        temp_files(&out),
    )
}

#[test]
fn sigint_and_sigterm_remove_temporary_files() {
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let (status, stderr, left) = interrupt_extract(signal);
        assert_eq!(status, Some(code), "{signal}: {stderr}");
        assert_eq!(stderr, "kgx: interrupted\n", "{signal}");
        assert!(left.is_empty(), "{signal}: {left:?}");
    }
}

#[test]
fn out_of_memory_is_a_message_not_an_abort() {
    // 200 MB of text without a line break, under a 500 MB address-space limit (kgx itself
    // needs about 300 MB of address space: threads, the built-in dictionary). Reading it whole
    // fails; Rust alone would abort ("memory allocation of … failed", a signal, the temporary
    // mentions file left behind). A kgx that bounds its documents may also succeed here: what
    // must never happen is an abort or a leftover.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let script = format!(
        "ulimit -v 500000 && head -c 200000000 /dev/zero | tr '\\0' a | '{}' extract - -q -o '{}'",
        env!("CARGO_BIN_EXE_kgx"),
        out.display()
    );
    let output = clear_env(&mut Command::new("bash"))
        .args(["-c", &script])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("memory allocation of"), "{stderr}");
    match output.status.code() {
        Some(0) => {}
        // Today: `kgx: out of memory (… bytes could not be allocated)`.
        Some(1) => assert!(stderr.lines().all(|l| l.starts_with("kgx: ")), "{stderr}"),
        other => panic!("kgx ended with {other:?}: {stderr}"),
    }
    assert!(!out.exists() || temp_files(&out).is_empty());
}
