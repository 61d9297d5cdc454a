//! kgx turns a pile of text into a graph of who is linked to whom, and why.
//!
//! # Layers
//!
//! One module per stage, lowest first. A module uses the modules listed before it, never one
//! listed after it, so the stages form no cycle and each can be used without the ones above it
//! (`tests/integration/layering.rs` fails on an upward `crate::` path; the README's
//! "Architecture" section is the same map for readers of the tree).
//!
//! - layer 0: [`error`], [`output`], [`hash`] — the error type; files written atomically,
//!   never over an input; the FNV-1a hash whose values kgx writes down.
//! - layer 1: [`text`] — decoding, folding, tokens with their original spans, paragraphs and
//!   sentences.
//! - layer 2: [`dictionary`] — canonical entities (people, countries, organizations) and their
//!   aliases, from human-editable files, validated (`kgx dict check`).
//! - layer 3: [`matcher`] — a token trie over the folded aliases, with whole-word, case and
//!   overlap rules; compiled dictionaries that load without building anything; loading the
//!   dictionaries a command names.
//! - layer 4: [`resolve`] — shared, anchored and blocking aliases decided from the document.
//! - layer 5: [`discover`] — (opt-in) people and organizations no dictionary knows, found
//!   from cues.
//! - layer 6: [`document`] — one document analysed, the unit of parallel work; provisional
//!   entities numbered across documents.
//! - layer 7: [`input`], [`shard`] — files, directories, gzip and JSON Lines read lazily into
//!   documents; the share of the documents one run of a sharded corpus analyses.
//! - layer 8: [`graph`] — co-occurrence windows, evidence, partial graphs that merge exactly
//!   ([`graph::part`]), association measures, pruning, the readable view, layout, centrality,
//!   communities, paths, ego graphs, statistics, and the graph with its `graph.json` file.
//! - layer 9: [`export`], [`render`] — one writer per format (JSON, DOT, GraphML, GEXF,
//!   Cytoscape, CSV, JSON-LD, Turtle, Mermaid, HTML) and `mentions.jsonl`; diagrams drawn with
//!   Graphviz.
//! - layer 10: [`extract`], [`suggest`] — the whole pipeline over many documents in parallel
//!   with deterministic output; dictionary lines suggested from what discovery finds.
//! - layer 11: [`cli`] — the command line: arguments, and what each command prints. The `kgx`
//!   binary (`src/main.rs`) only calls it.
//!
//! ```
//! use kgx::dictionary::DictionaryBuilder;
//! use kgx::document::{AnalyzedDocument, Document};
//! use kgx::matcher::Matcher;
//!
//! let mut builder = DictionaryBuilder::new();
//! builder.add_str("example.tsv", "putin\tperson\tVladimir Putin\tPutin\nturkey\tcountry\tTurkey\tTürkiye|Turkish\n");
//! let dictionary = builder.build().unwrap();
//! let matcher = Matcher::new(&dictionary).unwrap();
//! let text = "Putin’s visit to Türkiye.".to_string();
//! let analysed = AnalyzedDocument::new(Document::new("doc", text), &matcher);
//! let found: Vec<&str> = analysed.mentions.iter().map(|m| analysed.slice(m.mention.start, m.mention.end)).collect();
//! assert_eq!(found, ["Putin", "Türkiye"]);
//! ```

// No unsafe code in the library; the binary's allocator wrapper (src/main.rs) is the only one.
#![forbid(unsafe_code)]

pub mod cli;
pub mod dictionary;
pub mod discover;
pub mod document;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod hash;
pub mod input;
pub mod matcher;
pub mod output;
pub mod render;
pub mod resolve;
pub mod shard;
pub mod suggest;
pub mod text;

pub use error::{Error, Result};
