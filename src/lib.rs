//! kgx turns a pile of text into a graph of who is linked to whom, and why.
//!
//! The pipeline, one module per stage:
//!
//! 1. [`dictionary`]: canonical entities (people, countries, organizations) and their aliases,
//!    loaded from human-editable files and validated.
//! 2. [`text`]: decoding, folding, tokens with their original spans, paragraphs and sentences.
//! 3. [`matcher`]: a token trie over the folded aliases, with whole-word, case and overlap rules
//!    (documented there), and compiled dictionaries that load without building anything.
//! 4. [`resolve`]: shared, anchored and blocking aliases decided from the document.
//! 5. [`discover`] (opt-in): people and organizations no dictionary knows, found from cues,
//!    kept apart as provisional entities.
//! 6. [`document`]: one document analysed, the unit of parallel work.
//! 7. [`graph`]: co-occurrence windows, evidence, partial graphs that merge exactly
//!    ([`graph::part`]), association measures, pruning, the readable view, layout, centrality,
//!    communities, paths, and the graph itself.
//! 8. [`export`]: one writer per format (JSON, DOT, GraphML, GEXF, Cytoscape, CSV, JSON-LD,
//!    Turtle, Mermaid, HTML) and `mentions.jsonl`; [`render`] draws diagrams with Graphviz.
//!
//! [`suggest`] turns what discovery finds in a corpus into dictionary lines (`kgx dict suggest`).
//! [`extract`] runs the whole pipeline over many documents in parallel with deterministic
//! output, on all the documents or on one [`shard`] of them; [`input`] reads files, directories,
//! gzip and JSON Lines lazily and [`output`] writes files atomically; [`cli`] is the command-line front end that the `kgx` binary calls.
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
pub mod input;
pub mod matcher;
pub mod output;
pub mod render;
pub mod resolve;
pub mod shard;
pub mod suggest;
pub mod text;

pub use error::{Error, Result};
