//! The outside programs the checks need: how each is looked for (once per test process, the
//! way a user's machine has it), and the one command that installs it when it is missing.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::repo;

/// An outside program, or a set of them, that a check needs.
#[derive(Clone, Copy, Debug)]
pub enum Tool {
    /// Graphviz's `dot` on the PATH.
    Graphviz,
    /// A [`python`] that imports NetworkX, and SciPy for NetworkX's PageRank.
    NetworkX,
    /// A [`python`] that imports rdflib.
    Rdflib,
    /// A [`python`] that imports PySpark, and a Java runtime for Spark.
    PySpark,
    /// node, with the JavaScript clients of `tests/node/package.json` installed at their
    /// pinned versions in `tests/node/node_modules`.
    NodePackages,
    /// Debian's Chromium at [`CHROMIUM`], which playwright-core drives headless.
    Chromium,
    /// npm, which the dictionary generators run to install their pinned package.
    Npm,
}

/// Where the browser tests expect Chromium (Debian's package puts it there).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The directory of the JavaScript clients and the scripts that run them.
pub fn node_dir() -> std::path::PathBuf {
    repo().join("tests/node")
}

/// The Python the NetworkX, rdflib and PySpark checks run: `KGX_PYTHON` when it is set (`.ci/run`
/// sets it to its virtual environment), otherwise `python3` from the PATH.
pub fn python() -> OsString {
    std::env::var_os("KGX_PYTHON").unwrap_or_else(|| "python3".into())
}

impl Tool {
    /// `None` when the tool is there; otherwise what is missing and the command that installs
    /// it. Looked for once per test process.
    pub fn missing(self) -> Option<&'static str> {
        // One per variant, in their order.
        static FOUND: [OnceLock<Option<String>>; 7] = [const { OnceLock::new() }; 7];
        FOUND[self as usize]
            .get_or_init(|| self.look_for())
            .as_deref()
    }

    fn look_for(self) -> Option<String> {
        match self {
            Tool::Graphviz => (!runs("dot", &["-V"]))
                .then(|| "no Graphviz `dot`: apt-get install graphviz".into()),
            Tool::NetworkX => python_lacks("networkx, scipy", "pip install networkx scipy"),
            Tool::Rdflib => python_lacks("rdflib", "pip install rdflib"),
            Tool::PySpark => python_lacks("pyspark", "pip install pyspark").or_else(|| {
                (!runs("java", &["-version"]))
                    .then(|| "no Java runtime: apt-get install openjdk-17-jre-headless".into())
            }),
            Tool::NodePackages => {
                if !runs("node", &["--version"]) {
                    return Some("no node: apt-get install nodejs npm".into());
                }
                let pinned = node_packages_missing();
                (!pinned.is_empty()).then(|| {
                    format!(
                        "{} not installed in tests/node: npm ci --prefix tests/node",
                        pinned.join(", ")
                    )
                })
            }
            Tool::Chromium => (!Path::new(CHROMIUM).exists())
                .then(|| format!("no {CHROMIUM}: apt-get install chromium")),
            Tool::Npm => {
                (!runs("npm", &["--version"])).then(|| "no npm: apt-get install npm".into())
            }
        }
    }
}

/// Whether `program args…` runs and succeeds.
fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// `None` when [`python`] imports `modules`, otherwise the message that says so.
fn python_lacks(modules: &str, install: &str) -> Option<String> {
    let python = python();
    let imports = Command::new(&python)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    let who = match std::env::var_os("KGX_PYTHON") {
        Some(_) => format!("KGX_PYTHON={}", python.to_string_lossy()),
        None => "python3".to_string(),
    };
    (!imports).then(|| format!("{who} cannot import {modules}: {install}"))
}

/// The packages of `tests/node/package.json` (name@version) that `tests/node/node_modules` does
/// not hold at that exact version.
fn node_packages_missing() -> Vec<String> {
    let read = |path: &Path| -> Option<Value> {
        serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()
    };
    let manifest = read(&node_dir().join("package.json")).expect("tests/node/package.json");
    let pinned = manifest["dependencies"]
        .as_object()
        .expect("tests/node/package.json lists its dependencies");
    pinned
        .iter()
        .filter(|(name, version)| {
            let installed = node_dir()
                .join("node_modules")
                .join(name)
                .join("package.json");
            read(&installed).is_none_or(|p| &p["version"] != *version)
        })
        .map(|(name, version)| format!("{name}@{}", version.as_str().unwrap_or("?")))
        .collect()
}
