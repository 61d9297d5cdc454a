//! The library's one error type.
//!
//! Every variant carries what a user needs to act on it: the path, and the line where there is
//! one. `Display` renders the whole message on one line (`path: what is wrong`), so the binary
//! only has to prefix `kgx: `. Dictionary problems are collected, never returned one at a time,
//! so a user fixes every bad line in one go.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in kgx.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// An input file is not UTF-8 text.
    #[error("{}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 first", path.display())]
    NotUtf8 {
        /// The offending file.
        path: PathBuf,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// An input file holds no text at all.
    #[error("{}: empty file, nothing to read", path.display())]
    EmptyInput {
        /// The empty file.
        path: PathBuf,
    },
    /// An input path names neither a file nor a directory that exists.
    #[error("{}: no such file or directory", path.display())]
    MissingInput {
        /// The path as given.
        path: PathBuf,
    },
    /// A directory input holds no file kgx reads.
    #[error("{}: no *.txt or *.md files in this directory", path.display())]
    EmptyDirectory {
        /// The directory as given.
        path: PathBuf,
    },
    /// A JSON Lines record cannot be read as a document.
    #[error("{}: {message}", location(path, *line))]
    BadRecord {
        /// The input file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// One or more dictionary lines are malformed; all of them are listed.
    #[error("{0}")]
    Dictionary(Diagnostics),
    /// A saved graph file could not be read back.
    #[error("{}: {message}", location(path, *line))]
    GraphFile {
        /// The graph file.
        path: PathBuf,
        /// Line of the problem (1-based; 0 when it concerns the whole file).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A compiled dictionary cannot be loaded.
    #[error("{}: {message}", path.display())]
    CompiledDictionary {
        /// The compiled file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The output would overwrite one of the inputs.
    #[error("{}: refusing to overwrite an input file", path.display())]
    WouldOverwriteInput {
        /// The output path that is also an input.
        path: PathBuf,
    },
    /// A name given on the command line matches no entity of the graph.
    #[error("no entity named {query:?} in {}{}", graph.display(), suggestions_text(suggestions))]
    UnknownEntity {
        /// The name as typed.
        query: String,
        /// The graph that was searched.
        graph: PathBuf,
        /// Closest names, best first.
        suggestions: Vec<String>,
    },
    /// A name given on the command line matches several entities.
    #[error("{query:?} is ambiguous in {}: it names {}", graph.display(), candidates.join(", "))]
    AmbiguousEntity {
        /// The name as typed.
        query: String,
        /// The graph that was searched.
        graph: PathBuf,
        /// Every entity it names, as `label (id)`.
        candidates: Vec<String>,
    },
    /// Not one input document could be read, so nothing was written.
    #[error("no input document could be read; nothing written to {}", directory.display())]
    NoDocumentRead {
        /// The output directory that was left untouched.
        directory: PathBuf,
        /// Why each input failed, in input order.
        failures: Vec<Error>,
    },
    /// A configuration value is out of range or malformed.
    #[error("{0}")]
    InvalidConfig(String),
    /// An iterative graph algorithm did not reach its tolerance in the allowed iterations.
    #[error("{algorithm} did not converge within {iterations} iterations")]
    NoConvergence {
        /// The algorithm (`PageRank`).
        algorithm: &'static str,
        /// The iteration limit that was reached.
        iterations: usize,
    },
}

fn suggestions_text(suggestions: &[String]) -> String {
    if suggestions.is_empty() {
        String::new()
    } else {
        format!("; closest: {}", suggestions.join(", "))
    }
}

/// Where something is, as messages show it: `path:line`, or `path` alone when the line is 0
/// (the whole file, or no line at all, such as a provisional entity's origin). No message ever
/// says `path:0:`.
pub fn location(path: &Path, line: usize) -> Location<'_> {
    Location { path, line }
}

/// A file and line, displayed as [`location`] says.
#[derive(Debug, Clone, Copy)]
pub struct Location<'a> {
    path: &'a Path,
    line: usize,
}

impl fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}", self.path.display())
        } else {
            write!(f, "{}:{}", self.path.display(), self.line)
        }
    }
}

impl Error {
    /// Builds an [`Error::Io`] for `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// One problem at one line of a text file (`path:line: message`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user named it (`<built-in>/people/curated.tsv` for embedded dictionaries).
    pub path: PathBuf,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, in a few words.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", location(&self.path, self.line), self.message)
    }
}

/// A non-empty list of [`Diagnostic`]s, displayed one per line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}
