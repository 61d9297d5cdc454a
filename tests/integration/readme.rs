//! The README's examples are real output: these tests fail when one goes stale, and
//! `UPDATE_GOLDEN=1` rewrites them in place (review the diff).

use std::process::Command;

use crate::common::{
    alias_line_count, builtin_files, clear_env, entity_count, extract_seeds, repo, workspace,
};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

fn updating() -> bool {
    std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1")
}

/// Replaces the body of every ```console block whose first line is `command` with `output`,
/// or checks that it already reads so.
fn check_block(command: &str, output: &str) {
    let readme = readme();
    let marker = format!("```console\n{command}\n");
    let start = readme
        .find(&marker)
        .unwrap_or_else(|| panic!("README has no console block for `{command}`"))
        + marker.len();
    let end = start
        + readme[start..]
            .find("```")
            .expect("console block is closed");
    let shown = &readme[start..end];
    let expected = format!("{}\n", output.trim_end());
    if shown == expected {
        return;
    }
    if updating() {
        let updated = format!("{}{}{}", &readme[..start], expected, &readme[end..]);
        std::fs::write(repo().join("README.md"), updated).unwrap();
        return;
    }
    panic!("README example `{command}` is stale (UPDATE_GOLDEN=1 rewrites it); it should read:\n{expected}");
}

#[test]
fn readme_shows_the_current_extract_summary() {
    let (_out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    check_block("$ cargo run --release -- extract seeds/", &run.stderr);
}

/// Every ```console block whose command starts with `$ kgx` is run (through bash, for pipes) in
/// a workspace that holds what the commands name (`seeds/`, `output/`,
/// `tests/fixtures/discover/`, `examples/multilingual/news/`) and must print exactly what the
/// README shows.
#[test]
fn readme_kgx_examples_print_what_they_show() {
    let readme = readme();
    let commands: Vec<String> = readme
        .split("```console\n")
        .skip(1)
        .filter_map(|block| block.lines().next())
        .filter(|line| line.starts_with("$ kgx "))
        .map(str::to_string)
        .collect();
    assert!(
        commands.len() >= 2,
        "expected the README to show kgx examples"
    );
    let work = workspace();
    let fixtures = work.path().join("tests/fixtures/discover");
    std::fs::create_dir_all(&fixtures).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/discover")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), fixtures.join(entry.file_name())).unwrap();
    }
    let news = work.path().join("examples/multilingual/news");
    std::fs::create_dir_all(&news).unwrap();
    for entry in std::fs::read_dir(repo().join("examples/multilingual/news")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), news.join(entry.file_name())).unwrap();
    }
    for command in commands {
        let arguments = &command["$ kgx ".len()..];
        let output = clear_env(&mut Command::new("bash"))
            .arg("-c")
            .arg(format!("\"$KGX\" {arguments}"))
            .env("KGX", env!("CARGO_BIN_EXE_kgx"))
            .env("NO_COLOR", "1")
            .current_dir(work.path())
            .output()
            .unwrap();
        check_block(&command, &String::from_utf8(output.stdout).unwrap());
    }
}

/// The dictionary table gives the real number of entities in each built-in file, every file
/// that `dictionaries/builtin.list` names.
#[test]
fn readme_dictionary_counts_are_true() {
    let readme = readme();
    let files = builtin_files();
    assert!(files.len() > 3, "{files:?}");
    for file in files {
        // A file of alias lines only gives names to entities of other files.
        let row = match entity_count(&file) {
            0 => format!(
                "| `dictionaries/{file}` | names for {} |",
                alias_line_count(&file)
            ),
            entities => format!("| `dictionaries/{file}` | {entities} |"),
        };
        assert!(readme.contains(&row), "README should have the row {row}");
    }
}
