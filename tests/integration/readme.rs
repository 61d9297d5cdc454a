//! The README's worked example is real output: these tests fail when it goes stale.

use crate::common::{extract_seeds, kgx, repo};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

#[test]
fn readme_shows_the_current_extract_summary() {
    let (_out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    // The last line names the output directory, which is a temporary one here.
    let summary: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("wrote "))
        .collect();
    let expected = format!(
        "$ cargo run --release -- extract seeds/\n{}\nwrote output/graph.json",
        summary.join("\n")
    );
    assert!(
        readme().contains(&expected),
        "README's extract example is stale; it should read:\n{expected}"
    );
}

#[test]
fn readme_shows_the_current_links_output() {
    let run = kgx(&repo(), &["links", "Putin", "--limit", "8"]);
    assert_eq!(run.code, 0);
    let expected = format!("$ kgx links Putin --limit 8\n{}", run.stdout);
    assert!(
        readme().contains(&expected),
        "README's links example is stale; it should read:\n{expected}"
    );
}
