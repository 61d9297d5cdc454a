//! Exports: one module per output format, each writing to any `impl io::Write`.
//!
//! [`Format`] names every format and [`write`] dispatches to its writer. Writers never touch
//! the file system themselves: [`write_to_path`] gives them a temporary file (through
//! [`crate::output`]) and renames it only when the whole output was written, so a failed
//! export never leaves half a file. A format that cannot represent a graph (a diagram too large
//! to read) refuses with an `InvalidInput` error that says why and what to do.

pub mod dot;
pub mod html;
pub mod json;
pub mod mentions;

use std::fmt;
use std::io::{self, Write};
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::graph::weights::Measure;
use crate::graph::Graph;
use crate::output::AtomicFile;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Node-link JSON (NetworkX, D3).
    Json,
    /// Graphviz DOT.
    Dot,
    /// A self-contained interactive HTML viewer (Cytoscape.js).
    Html,
}

impl Format {
    /// Every format, in documentation order.
    pub const ALL: &'static [Format] = &[Format::Json, Format::Dot, Format::Html];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Dot => "dot",
            Format::Html => "html",
        }
    }

    /// The file `kgx extract` writes this format to, inside its output directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Json => "graph.json",
            Format::Dot => "graph.dot",
            Format::Html => "graph.html",
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

/// Key of the edge list in node-link JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EdgesKey {
    /// `"edges"`: NetworkX ≥ 3.4 with `edges="edges"`.
    #[default]
    Edges,
    /// `"links"`: older NetworkX and D3 examples.
    Links,
}

/// Writes `graph` in `format` to `out`.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` when the format refuses the graph.
pub fn write(
    format: Format,
    graph: &Graph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_with(graph, options, out),
        Format::Dot => dot::write(graph, out),
        Format::Html => html::write(graph, options, out),
    }
}

/// Writes `graph` in `format` to the file `path`, atomically.
///
/// # Errors
/// [`Error::Io`] naming `path` when it cannot be written or the format refuses the graph.
pub fn write_to_path(
    format: Format,
    graph: &Graph,
    options: &ExportOptions,
    path: &Path,
) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    write(format, graph, options, &mut file).map_err(|e| Error::io(path, e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_files_are_distinct() {
        let mut files = std::collections::HashSet::new();
        for &format in Format::ALL {
            assert_eq!(format.name().parse::<Format>(), Ok(format));
            assert!(files.insert(format.file_name()), "{format}");
        }
        assert!("xls"
            .parse::<Format>()
            .unwrap_err()
            .starts_with("unknown format `xls`"));
    }
}
