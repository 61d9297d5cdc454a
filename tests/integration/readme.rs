//! The README's examples are real output: these tests fail when one goes stale.

use std::process::Command;

use crate::common::{extract_seeds, repo};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

#[test]
fn readme_shows_the_current_extract_summary() {
    let (_out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    // The last line names the output directory, which is a temporary one here.
    let summary: Vec<&str> = run.stderr.lines().filter(|l| !l.starts_with("wrote ")).collect();
    let expected = format!(
        "$ cargo run --release -- extract seeds/\n{}\nwrote output/graph.json",
        summary.join("\n")
    );
    assert!(readme().contains(&expected), "README's extract example is stale; it should read:\n{expected}");
}

/// Every ```console block whose command starts with `$ kgx` is run from the repository root
/// (through bash, for pipes) and must print exactly what the README shows.
#[test]
fn readme_kgx_examples_print_what_they_show() {
    let readme = readme();
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap();
        let Some((command, shown)) = block.split_once('\n') else { continue };
        let Some(arguments) = command.strip_prefix("$ kgx ") else { continue };
        let output = Command::new("bash")
            .arg("-c")
            .arg(format!("\"$KGX\" {arguments}"))
            .env("KGX", env!("CARGO_BIN_EXE_kgx"))
            .current_dir(repo())
            .output()
            .unwrap();
        let printed = String::from_utf8(output.stdout).unwrap();
        assert_eq!(printed.trim_end(), shown.trim_end(), "README example `{command}` is stale");
        checked += 1;
    }
    assert!(checked >= 2, "expected the README to show kgx examples");
}

/// The dictionary table gives the real number of entities in each built-in file.
#[test]
fn readme_dictionary_counts_are_true() {
    let readme = readme();
    for file in ["countries.tsv", "people.tsv", "organizations.tsv"] {
        let text = std::fs::read_to_string(repo().join("dictionaries").join(file)).unwrap();
        let count = text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).count();
        let row = format!("| `dictionaries/{file}` | {count} |");
        assert!(readme.contains(&row), "README should have the row {row}");
    }
}
