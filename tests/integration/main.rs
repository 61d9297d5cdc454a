//! Integration tests: the real `kgx` binary, run in temporary directories with a cleared
//! environment, with its exit code, stdout, stderr and files checked. One module per
//! subcommand, plus bad input and golden files. Nothing here needs a program besides kgx: the
//! checks that do (Graphviz, NetworkX, rdflib, node, Chromium, PySpark) are in `tests/tools/`.

// A failing test is a panic: unwrap and expect say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod algorithms;
mod dict;
mod discover;
mod errors;
mod export;
mod export_csv;
mod export_cytoscape;
mod export_gexf;
mod export_graphml;
mod export_html;
mod export_mermaid;
mod export_rdf;
mod extract;
mod golden;
mod hostile;
mod inputs;
mod inspect;
mod layering;
mod links;
mod multilingual;
mod outputs;
mod readme;
mod render;
mod shard;
