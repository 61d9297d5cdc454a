//! The library's layering, kept true: every `crate::` path in `src/` names a module of the same
//! layer or one below it (the order is written in `src/lib.rs`). An upward import fails here
//! with the file and line, so a cycle between stages cannot come back unnoticed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::common::repo;

/// The top-level modules, lowest first: a module may use the ones before it, never the ones
/// after it. The same order, with each layer's role, opens `src/lib.rs`.
const LAYERS: &[&str] = &[
    "error",
    "output",
    "hash",
    "text",
    "dictionary",
    "matcher",
    "resolve",
    "discover",
    "document",
    "input",
    "shard",
    "graph",
    "export",
    "render",
    "extract",
    "suggest",
    "cli",
];

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, files: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/graph/part/mod.rs` → `graph`), or
/// `None` for the crate root and the binary.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (name != "lib" && name != "main").then(|| name.to_string())
}

/// The code of a line, without its `//` comment (doc comments included: an intra-doc link may
/// point anywhere). A `//` inside a string literal cuts the line short, which can only hide a
/// path, never invent one.
fn code_of(line: &str) -> &str {
    line.find("//").map_or(line, |at| &line[..at])
}

/// The top-level modules a line of code names through `crate::`, including every branch of a
/// grouped import (`use crate::{graph::Graph, text};`, possibly over several lines: `open`
/// carries whether a `crate::{` group is still open from the lines before).
fn modules_named(code: &str, open: &mut bool) -> Vec<String> {
    let mut named = Vec::new();
    let identifier = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut rest = code;
    if *open {
        let (group, after) = match closing_brace(rest) {
            Some(end) => {
                *open = false;
                (&rest[..end], &rest[end + 1..])
            }
            None => (rest, ""),
        };
        named.extend(group_members(group));
        rest = after;
    }
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            match closing_brace(group) {
                Some(end) => {
                    named.extend(group_members(&group[..end]));
                    rest = &group[end + 1..];
                }
                None => {
                    named.extend(group_members(group));
                    *open = true;
                    rest = "";
                }
            }
        } else {
            named.push(identifier(after));
            rest = after;
        }
    }
    named.retain(|name| !name.is_empty());
    named
}

/// Where the `{…}` group that `text` is inside of closes (nested groups skipped).
fn closing_brace(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (at, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return Some(at),
            '}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The first segment of each path of a `{…}` group (nested groups belong to their first
/// segment's module, so only the outer level counts).
fn group_members(group: &str) -> Vec<String> {
    let mut members = Vec::new();
    let mut depth = 0;
    let mut at_start = true;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                members.push(std::mem::take(&mut current));
                at_start = true;
                continue;
            }
            _ => {}
        }
        if depth == 0 && at_start {
            if c.is_alphanumeric() || c == '_' {
                current.push(c);
            } else if !current.is_empty() {
                at_start = false;
            }
        }
    }
    members.push(current);
    members.into_iter().filter(|m| !m.is_empty()).collect()
}

/// Every `crate::` use in `src/` that names a higher layer, as `file:line: a -> b`.
fn upward_imports() -> Vec<String> {
    let src = repo().join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let rank: BTreeMap<&str, usize> = LAYERS.iter().enumerate().map(|(i, m)| (*m, i)).collect();
    let mut found = Vec::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap();
        let Some(module) = module_of(relative) else {
            continue;
        };
        let Some(&own) = rank.get(module.as_str()) else {
            found.push(format!(
                "src/{}: module `{module}` has no layer in LAYERS (and src/lib.rs)",
                relative.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let mut open = false;
        for (number, line) in text.lines().enumerate() {
            for named in modules_named(code_of(line), &mut open) {
                match rank.get(named.as_str()) {
                    Some(&other) if other > own => found.push(format!(
                        "src/{}:{}: `{module}` uses `{named}`, a higher layer",
                        relative.display(),
                        number + 1
                    )),
                    // Same layer, lower layer, or a crate-root item (`crate::Result`).
                    _ => {}
                }
            }
        }
    }
    found
}

#[test]
fn no_module_uses_a_higher_layer() {
    let upward = upward_imports();
    assert!(
        upward.is_empty(),
        "upward imports (see the layering in src/lib.rs):\n{}",
        upward.join("\n")
    );
}

#[test]
fn lib_rs_lists_the_layers_in_this_order() {
    // The layering written for readers in src/lib.rs is the one this test enforces.
    let lib = std::fs::read_to_string(repo().join("src/lib.rs")).unwrap();
    let order: Vec<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("//! - layer "))
        .flat_map(|line| {
            let names = line.split_once(':').map_or("", |(_, rest)| rest);
            let names = names.split_once(" —").map_or(names, |(names, _)| names);
            names
                .split(',')
                .map(|n| n.trim().trim_matches(['`', '[', ']']))
        })
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(order, LAYERS, "the layer list in src/lib.rs");
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    let mut open = false;
    assert_eq!(
        modules_named("use crate::graph::{Graph, Node};", &mut open),
        ["graph"]
    );
    assert_eq!(
        modules_named(
            "use crate::{export::{self, Format}, graph::Graph, Result};",
            &mut open
        ),
        ["export", "graph", "Result"]
    );
    assert_eq!(
        modules_named("use crate::{", &mut open),
        Vec::<String>::new()
    );
    assert!(open);
    assert_eq!(
        modules_named("    extract::Extractor,", &mut open),
        ["extract"]
    );
    assert_eq!(modules_named("    text};", &mut open), ["text"]);
    assert!(!open);
    assert_eq!(
        modules_named(
            "let x = crate::input::read(a, crate::text::fold(b));",
            &mut open
        ),
        ["input", "text"]
    );
    assert_eq!(code_of("let y = 1; // see crate::cli"), "let y = 1; ");
    assert_eq!(code_of("//! [`crate::cli`]"), "");
}
