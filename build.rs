//! Build script: embeds the built-in dictionaries listed in `dictionaries/builtin.list`.
//!
//! It writes two files that `src/dictionary/builtin.rs` includes:
//! - `$OUT_DIR/builtin_files.rs`, a table of `(path, include_str!(…))` in the list's order. The
//!   list is the one place that says which files are built in; the generators under `scripts/`
//!   read it too.
//! - `$OUT_DIR/builtin_fingerprint.rs`, a hash of the package version, every built-in file and
//!   every source file and inflection rule file, which names the compiled form of the built-in dictionaries that kgx
//!   caches on first use: a binary built from other dictionaries or other code never reads a
//!   cache that another one wrote.

#![allow(clippy::expect_used)]

use std::collections::hash_map::DefaultHasher;
use std::env;
use std::fmt::Write as _;
use std::fs;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dictionaries = root.join("dictionaries");
    let list_path = dictionaries.join("builtin.list");
    println!("cargo:rerun-if-changed={}", list_path.display());
    let list = fs::read_to_string(&list_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", list_path.display()));

    let mut fingerprint = DefaultHasher::new();
    env::var("CARGO_PKG_VERSION")
        .unwrap_or_default()
        .hash(&mut fingerprint);
    let mut table = String::from("&[\n");
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let file = dictionaries.join(line);
        let contents = fs::read(&file).unwrap_or_else(|e| {
            panic!("dictionaries/builtin.list names {line}, which cannot be read: {e}")
        });
        println!("cargo:rerun-if-changed={}", file.display());
        (line, contents).hash(&mut fingerprint);
        writeln!(
            table,
            "    ({line:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    table.push(']');
    write(&out_dir.join("builtin_files.rs"), &table);

    // The code, and the inflection rules it embeds, decide how the dictionaries match.
    let mut sources = Vec::new();
    for folder in [root.join("src"), dictionaries.join("inflection")] {
        println!("cargo:rerun-if-changed={}", folder.display());
        collect_files(&folder, &mut sources);
    }
    sources.sort();
    for path in &sources {
        let contents =
            fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        (path.strip_prefix(&root).unwrap_or(path), contents).hash(&mut fingerprint);
    }
    write(
        &out_dir.join("builtin_fingerprint.rs"),
        &format!("{:#018x}", fingerprint.finish()),
    );
}

/// Every file under `dir`, recursively.
fn collect_files(dir: &Path, files: &mut Vec<PathBuf>) {
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    for entry in entries {
        let path = entry
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .path();
        if path.is_dir() {
            collect_files(&path, files);
        } else {
            files.push(path);
        }
    }
}

fn write(path: &Path, contents: &str) {
    fs::write(path, contents).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
