//! Exports: one module per output format, each writing to any `impl io::Write`.
//!
//! [`Format`] names every format and [`write()`] dispatches to its writer. Writers never touch
//! the file system themselves: [`write_to_path`] gives them a temporary file (through
//! [`crate::output`]) and renames it only when the whole output was written, so a failed
//! export never leaves half a file. A format that cannot represent a graph (a diagram too large
//! to read) refuses with an `InvalidInput` error that says why and what to do.
//!
//! A directory format ([`Format::is_directory`], e.g. `csv`: one file per table) cannot stream
//! to one writer; [`write_staged`] creates the directory and writes each of its files to a
//! temporary file, and the caller renames them all only when all of them are complete.

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod jsonld;
pub mod mentions;
pub mod mermaid;
pub mod rdf;
pub mod turtle;
mod xml;

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};
pub use crate::graph::json::EdgesKey;
use crate::graph::weights::Measure;
use crate::graph::{json, Graph};
use crate::output::{AtomicFile, Inputs};

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Node-link JSON (NetworkX, D3).
    Json,
    /// Graphviz DOT.
    Dot,
    /// GraphML (NetworkX, Gephi, yEd, Cytoscape, igraph).
    Graphml,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// RDF as JSON-LD (schema.org and kgx vocabularies).
    JsonLd,
    /// RDF as Turtle (the same triples as [`Format::JsonLd`]).
    Turtle,
    /// Cytoscape.js / Cytoscape desktop elements JSON.
    Cytoscape,
    /// A directory of CSV tables (neo4j-admin import, pandas, NetworkX).
    Csv,
    /// A Mermaid flowchart, for small graphs in Markdown.
    Mermaid,
    /// A self-contained interactive HTML viewer (Cytoscape.js).
    Html,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: &'static [Format] = &[
        Format::Json,
        Format::Dot,
        Format::Graphml,
        Format::Gexf,
        Format::JsonLd,
        Format::Turtle,
        Format::Cytoscape,
        Format::Csv,
        Format::Mermaid,
        Format::Html,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::JsonLd => "jsonld",
            Format::Turtle => "turtle",
            Format::Cytoscape => "cytoscape",
            Format::Csv => "csv",
            Format::Mermaid => "mermaid",
            Format::Html => "html",
        }
    }

    /// The file `kgx extract` writes this format to, inside its output directory (a directory
    /// for a [directory format](Format::is_directory)).
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "graph.json",
            Format::Dot => "graph.dot",
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::JsonLd => "graph.jsonld",
            Format::Turtle => "graph.ttl",
            Format::Cytoscape => "graph.cyjs",
            Format::Csv => "graph-csv",
            Format::Mermaid => "graph.mmd",
            Format::Html => "graph.html",
        }
    }

    /// Whether the format is a directory of files rather than one file: it cannot be written
    /// to a stream, only with [`write_staged`] or [`write_to_path`].
    pub fn is_directory(self) -> bool {
        matches!(self, Format::Csv)
    }

    /// The files a directory format writes inside its directory; empty for a one-file format.
    pub fn directory_files(self) -> &'static [&'static str] {
        match self {
            Format::Csv => csv::FILE_NAMES,
            _ => &[],
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Format, String> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format `{s}`: expected one of {}", names.join(", "))
            })
    }
}

/// Options shared by the writers.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ExportOptions {
    /// With a measure other than `count`, edges also carry a `score` by it.
    pub measure: Measure,
    /// The key of the edge list in node-link JSON.
    pub edges_key: EdgesKey,
}

/// Writes `graph` in `format` to `out`.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` when the format refuses the graph, or when it
/// is a directory format, which has no single stream (see [`directory_format_error`]).
pub fn write(
    format: Format,
    graph: &Graph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_with(graph, options.measure, options.edges_key, out),
        Format::Dot => dot::write(graph, out),
        Format::Graphml => graphml::write(graph, options, out),
        Format::Gexf => gexf::write(graph, options, out),
        Format::JsonLd => jsonld::write(graph, options, out),
        Format::Turtle => turtle::write(graph, options, out),
        Format::Cytoscape => cytoscape::write(graph, options, out),
        Format::Csv => Err(directory_format_error(format)),
        Format::Mermaid => mermaid::write(graph, out),
        Format::Html => html::write(graph, options, out),
    }
}

/// The error of [`write()`] for a directory format: "csv writes a directory of files; use -o DIR".
pub fn directory_format_error(format: Format) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        Error::NeedsOutputDirectory {
            format: format.to_string(),
        },
    )
}

/// Writes `graph` in `format` at `path` into temporary files that are not renamed yet: one
/// file, or for a directory format the files inside `path` (the directory itself is created
/// at once, with its parents). [`AtomicFile::commit`] each returned file when everything the
/// caller writes is complete; dropping them leaves the previous files in place. No file may be
/// one of `inputs`.
///
/// # Errors
/// [`Error::Io`] naming the file or directory that cannot be written or that the format
/// refuses; [`Error::WouldOverwriteInput`] when a file is one of `inputs`.
pub fn write_staged(
    format: Format,
    graph: &Graph,
    options: &ExportOptions,
    path: &Path,
    inputs: &Inputs,
) -> Result<Vec<AtomicFile>> {
    match format {
        Format::Csv => {
            // Refuse before creating anything, rather than leave an empty directory behind.
            csv::check(graph).map_err(|e| Error::io(path, e))?;
            for table in csv::Table::ALL {
                inputs.check(&path.join(table.file_name()))?;
            }
            fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
            csv::Table::ALL
                .iter()
                .map(|&table| {
                    let file_path = path.join(table.file_name());
                    let mut file = AtomicFile::create(&file_path, inputs)?;
                    csv::write(table, graph, options, &mut file)
                        .map_err(|e| Error::io(&file_path, e))?;
                    Ok(file)
                })
                .collect()
        }
        _ => {
            let mut file = AtomicFile::create(path, inputs)?;
            write(format, graph, options, &mut file).map_err(|e| Error::io(path, e))?;
            Ok(vec![file])
        }
    }
}

/// Writes `graph` in `format` to the file `path` (for a directory format, into the directory
/// `path`), atomically: every file is complete before any is renamed into place. No file may be
/// one of `inputs` (the graph being exported, say).
///
/// # Errors
/// [`Error::Io`] naming `path` when it cannot be written or the format refuses the graph;
/// [`Error::WouldOverwriteInput`] when a file is one of `inputs`.
pub fn write_to_path(
    format: Format,
    graph: &Graph,
    options: &ExportOptions,
    path: &Path,
    inputs: &Inputs,
) -> Result<()> {
    for file in write_staged(format, graph, options, path, inputs)? {
        file.commit()?;
    }
    Ok(())
}

/// A count with its noun, singular or plural: "1 mention", "2 mentions" (tooltips and
/// terminal summaries).
pub fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
pub(crate) mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// `graph` written in `format` with scores by `measure`, as text.
    pub(crate) fn written(format: Format, graph: &Graph, measure: Measure) -> io::Result<String> {
        let options = ExportOptions {
            measure,
            ..ExportOptions::default()
        };
        let mut out = Vec::new();
        write(format, graph, &options, &mut out)?;
        Ok(String::from_utf8(out).unwrap())
    }
    use crate::dictionary::EntityKind;
    use crate::graph::{Edge, Evidence, Metadata, Node, FORMAT_VERSION};

    /// A small graph for the writers' tests: one entity of each type, names that need escaping
    /// in every format, attributes on two of them, links of weight 3 and 1.
    pub(super) fn sample() -> Graph {
        let node = |id: &str, label: &str, kind, attributes: &[(&str, &str)]| Node {
            id: id.into(),
            label: label.into(),
            kind,
            mentions: 4,
            windows: 3,
            documents: vec!["a.txt".into(), "b.txt".into()],
            attributes: attributes
                .iter()
                .map(|&(k, v)| (k.to_string(), v.to_string()))
                .collect::<BTreeMap<_, _>>(),
            community: Some(0),
            seen: None,
        };
        let edge = |weight| Edge {
            weight,
            documents: 1,
            evidence: vec![Evidence {
                document: "a.txt".into(),
                start: 0,
                end: 9,
                text: "They met.".into(),
                clipped: false,
            }],
            seen: None,
        };
        Graph::from_parts(
            Metadata {
                generator: "kgx test".into(),
                format_version: FORMAT_VERSION,
                window: "sentence".into(),
                min_weight: 1,
                evidence_per_edge: 1,
                documents: 2,
                windows: 5,
                dictionaries: vec!["test.tsv".into()],
            },
            vec![
                node(
                    "obrien",
                    "Say \"Hi\" O'Brien",
                    EntityKind::Person,
                    &[("role", "Chief, \"Boss\"")],
                ),
                node(
                    "land",
                    "Land <&> #1",
                    EntityKind::Country,
                    &[("iso2", "LD")],
                ),
                node("corp", "Bell\u{7}Ring\nCorp", EntityKind::Organization, &[]),
            ],
            vec![
                ("obrien".into(), "land".into(), edge(3)),
                ("corp".into(), "land".into(), edge(1)),
            ],
        )
        .unwrap()
    }

    #[test]
    fn names_round_trip_and_files_are_distinct() {
        let mut files = std::collections::HashSet::new();
        for &format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            assert!(files.insert(format.file_name()), "{format}");
            assert_eq!(format.is_directory(), !format.directory_files().is_empty());
        }
        assert!("xls"
            .parse::<Format>()
            .unwrap_err()
            .starts_with("unknown format `xls`"));
    }

    #[test]
    fn a_directory_format_refuses_a_stream_and_writes_all_its_files() {
        let graph = sample();
        let mut out = Vec::new();
        let error = write(Format::Csv, &graph, &ExportOptions::default(), &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert_eq!(
            error.to_string(),
            "csv writes a directory of files; use -o DIR"
        );
        assert!(out.is_empty());

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/graph-csv");
        let files = write_staged(
            Format::Csv,
            &graph,
            &ExportOptions::default(),
            &path,
            &Inputs::new(),
        )
        .unwrap();
        assert_eq!(files.len(), Format::Csv.directory_files().len());
        assert!(
            std::fs::read_dir(&path).unwrap().all(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with(".kgx-")),
            "nothing appears before the commit"
        );
        for file in files {
            file.commit().unwrap();
        }
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let mut expected = Format::Csv.directory_files().to_vec();
        expected.sort();
        assert_eq!(names, expected);
    }
}
