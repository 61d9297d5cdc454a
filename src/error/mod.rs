//! The library's one error type.
//!
//! One named variant per failure a user can meet, each carrying what a user needs to act on it:
//! the path, and the line where there is one ([`location`]), the option or value concerned.
//! `Display` renders the whole message on one line (`path[:line]: what is wrong`), and
//! [`crate::cli::report`] prints it after `kgx: `. Dictionary problems are collected, never
//! returned one at a time, so a user fixes every bad line in one go. [`Error::exit_code`] tells
//! a usage error (2) from the rest (1).

mod graph;

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

pub use graph::{GraphError, MergeError, PartError};

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
    /// Not one input named a document (every input is missing or an empty directory), so
    /// nothing was written.
    #[error("no input documents; nothing written to {}", directory.display())]
    NoInputDocuments {
        /// The output directory that was left untouched.
        directory: PathBuf,
    },
    /// Not one document of some inputs (`--from`, `--corpus`) could be read; each failure was
    /// reported on its own.
    #[error("no {inputs} document could be read")]
    NoReadableDocument {
        /// Which inputs: `input` or `corpus`.
        inputs: &'static str,
    },
    /// A document is larger than kgx can hold (offsets are 32-bit).
    #[error("{}: documents larger than 4 GiB are not supported ({bytes} bytes); split the file", path.display())]
    DocumentTooLarge {
        /// The file.
        path: PathBuf,
        /// Its size.
        bytes: usize,
    },
    /// JSON Lines records numbered by `--sequence-field` are not in the order of their numbers.
    #[error(
        "document `{document}`: sequence number {sequence} does not follow the one before; the \
         records must come in the order of their sequence numbers"
    )]
    SequenceOutOfOrder {
        /// The record's id.
        document: String,
        /// Its sequence number.
        sequence: u64,
    },
    /// A saved graph file parses but does not describe a graph.
    #[error("{}: inconsistent graph: {source}", path.display())]
    InconsistentGraph {
        /// The graph file.
        path: PathBuf,
        /// The first problem.
        #[source]
        source: GraphError,
    },
    /// A part file parses but is not a part kgx wrote (hand-edited, or of another version).
    #[error("{}: {source}", path.display())]
    BadPart {
        /// The part file.
        path: PathBuf,
        /// The first problem.
        #[source]
        source: PartError,
    },
    /// Two parts cannot merge: other settings, other dictionaries, or documents in both.
    #[error("{}: cannot merge with {}: {source}", path.display(), other.display())]
    PartRefused {
        /// The part that was refused.
        path: PathBuf,
        /// The first part, which the ones before it merged into.
        other: PathBuf,
        /// Why.
        #[source]
        source: MergeError,
    },
    /// `kgx merge` was given no part.
    #[error("no part to merge")]
    NoPartToMerge,
    /// Two entities named on the command line have no link between them.
    #[error(
        "{a} and {b} are not linked in {}{}",
        graph.display(),
        if *same { " (that is one entity)" } else { "" }
    )]
    NotLinked {
        /// The first entity's name.
        a: String,
        /// The second entity's name.
        b: String,
        /// The graph that was searched.
        graph: PathBuf,
        /// Whether both names are one entity.
        same: bool,
    },
    /// Two entities named on the command line are not connected by any chain of links.
    #[error("no path between {from} and {to} in {}", graph.display())]
    NoPath {
        /// The first entity's name.
        from: String,
        /// The second entity's name.
        to: String,
        /// The graph that was searched.
        graph: PathBuf,
    },
    /// A `--glob` pattern is malformed.
    #[error("invalid --glob `{pattern}`: {source}")]
    BadGlob {
        /// The pattern as given (with its `!` for an exclusion).
        pattern: String,
        /// What globset says.
        #[source]
        source: globset::Error,
    },
    /// A directory format (csv) was asked for on stdout, which holds one stream.
    #[error("{format} writes a directory of files; use -o DIR")]
    NeedsOutputDirectory {
        /// The format's name.
        format: String,
    },
    /// A format refuses to write the graph on stdout (a name XML cannot hold, a graph too
    /// large for the format); written to a file, the same refusal is an [`Error::Io`] naming it.
    #[error("{source}")]
    FormatRefused {
        /// The writer's refusal (`InvalidInput`).
        #[source]
        source: io::Error,
    },
    /// An image file name has no extension Graphviz can draw.
    #[error("{}: the image format comes from the extension: .svg, .png or .pdf", path.display())]
    UnknownImageFormat {
        /// The image path as given.
        path: PathBuf,
    },
    /// Graphviz's `dot` program is not on the `PATH`.
    #[error(
        "Graphviz is not installed (no `dot` program on the PATH); install it (Debian/Ubuntu: \
         apt-get install graphviz; macOS: brew install graphviz) and run kgx render again"
    )]
    GraphvizMissing,
    /// Graphviz exited with an error.
    #[error("Graphviz ({engine} layout) failed: {}", stderr.trim())]
    GraphvizFailed {
        /// The layout engine.
        engine: &'static str,
        /// What Graphviz printed on stderr.
        stderr: String,
    },
    /// Graphviz did not finish within the time allowed, and was killed.
    #[error(
        "Graphviz ({engine} layout) did not finish within {seconds} s; prune the graph \
         (--top-k-per-node, --min-weight, --largest-component) or raise --timeout"
    )]
    GraphvizTimeout {
        /// The layout engine.
        engine: &'static str,
        /// The time allowed, in seconds.
        seconds: u64,
    },
    /// The worker threads could not be started.
    #[error("cannot start worker threads: {source}")]
    ThreadPool {
        /// What rayon says.
        #[source]
        source: rayon::ThreadPoolBuildError,
    },
    /// A parameter of a library function is out of its range (PageRank's damping, ...).
    #[error("{name} must be {expected}, not {value}")]
    InvalidParameter {
        /// The parameter (`PageRank damping`).
        name: &'static str,
        /// What it must be (`between 0 and 1`).
        expected: &'static str,
        /// The value given.
        value: f64,
    },
    /// One of kgx's own patterns does not compile: a bug in kgx, reported rather than panicking.
    #[error("kgx's built-in {name} pattern does not compile: {source}")]
    BuiltinPattern {
        /// Which pattern.
        name: &'static str,
        /// What the regex crate says.
        #[source]
        source: regex::Error,
    },
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

    /// The exit code of a command that ends with this error: 2 for a usage error (kgx was
    /// called wrongly: an option value or a combination of options that no input could make
    /// right, found after parsing; clap exits 2 for the rest), 1 for everything else (what was
    /// found when running: files, data, Graphviz, the system).
    ///
    /// Success is 0, a partial failure (some inputs reported, the rest done) 1, and an
    /// interruption 130 or 143; the binary decides those.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BadGlob { .. }
            | Error::NeedsOutputDirectory { .. }
            | Error::UnknownImageFormat { .. }
            | Error::InvalidParameter { .. }
            | Error::NoPartToMerge => 2,
            Error::Io { .. }
            | Error::NotUtf8 { .. }
            | Error::EmptyInput { .. }
            | Error::MissingInput { .. }
            | Error::EmptyDirectory { .. }
            | Error::BadRecord { .. }
            | Error::Dictionary(_)
            | Error::GraphFile { .. }
            | Error::CompiledDictionary { .. }
            | Error::WouldOverwriteInput { .. }
            | Error::UnknownEntity { .. }
            | Error::AmbiguousEntity { .. }
            | Error::NoDocumentRead { .. }
            | Error::NoInputDocuments { .. }
            | Error::NoReadableDocument { .. }
            | Error::DocumentTooLarge { .. }
            | Error::SequenceOutOfOrder { .. }
            | Error::InconsistentGraph { .. }
            | Error::BadPart { .. }
            | Error::PartRefused { .. }
            | Error::NotLinked { .. }
            | Error::NoPath { .. }
            | Error::FormatRefused { .. }
            | Error::GraphvizMissing
            | Error::GraphvizFailed { .. }
            | Error::GraphvizTimeout { .. }
            | Error::ThreadPool { .. }
            | Error::BuiltinPattern { .. }
            | Error::NoConvergence { .. } => 1,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Each message is one line: `path[:line]: what is wrong`, or what is wrong alone when no
    /// file is concerned.
    #[test]
    fn messages_name_the_path_and_line_first() {
        let cases: Vec<(Error, &str)> = vec![
            (
                Error::BadRecord {
                    path: "wire.jsonl".into(),
                    line: 12,
                    message: "no `text` field".into(),
                },
                "wire.jsonl:12: no `text` field",
            ),
            (
                Error::GraphFile {
                    path: "g.json".into(),
                    line: 0,
                    message: "written by a newer kgx".into(),
                },
                "g.json: written by a newer kgx",
            ),
            (
                Error::DocumentTooLarge {
                    path: "huge.txt".into(),
                    bytes: 5_000_000_000,
                },
                "huge.txt: documents larger than 4 GiB are not supported (5000000000 bytes); \
                 split the file",
            ),
            (
                Error::InconsistentGraph {
                    path: "g.json".into(),
                    source: GraphError::SelfLoop { id: "a".into() },
                },
                "g.json: inconsistent graph: edge links `a` to itself",
            ),
            (
                Error::BadPart {
                    path: "p/graph.part.json".into(),
                    source: PartError::OtherVersion {
                        version: 9,
                        supported: 1,
                    },
                },
                "p/graph.part.json: part format version 9 (this kgx reads version 1)",
            ),
            (
                Error::PartRefused {
                    path: "b.json".into(),
                    other: "a.json".into(),
                    source: MergeError::ShareTwice {
                        share: "1/2".into(),
                    },
                },
                "b.json: cannot merge with a.json: two parts cover share 1/2 of the inputs: its \
                 documents would count twice",
            ),
            (
                Error::UnknownImageFormat {
                    path: "graph.jpeg".into(),
                },
                "graph.jpeg: the image format comes from the extension: .svg, .png or .pdf",
            ),
            (
                Error::NotLinked {
                    a: "Putin".into(),
                    b: "Vladimir Putin".into(),
                    graph: "g.json".into(),
                    same: true,
                },
                "Putin and Vladimir Putin are not linked in g.json (that is one entity)",
            ),
            (
                Error::GraphvizTimeout {
                    engine: "sfdp",
                    seconds: 120,
                },
                "Graphviz (sfdp layout) did not finish within 120 s; prune the graph \
                 (--top-k-per-node, --min-weight, --largest-component) or raise --timeout",
            ),
            (
                Error::GraphvizFailed {
                    engine: "neato",
                    stderr: "Error: syntax error in line 1\n".into(),
                },
                "Graphviz (neato layout) failed: Error: syntax error in line 1",
            ),
            (
                Error::InvalidParameter {
                    name: "PageRank damping",
                    expected: "between 0 and 1",
                    value: 1.5,
                },
                "PageRank damping must be between 0 and 1, not 1.5",
            ),
        ];
        for (error, expected) in cases {
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn usage_errors_exit_2_and_the_rest_1() {
        let glob_error = globset::Glob::new("[").unwrap_err();
        let usage = [
            Error::BadGlob {
                pattern: "[".into(),
                source: glob_error,
            },
            Error::NeedsOutputDirectory {
                format: "csv".into(),
            },
            Error::UnknownImageFormat {
                path: "g.jpeg".into(),
            },
            Error::NoPartToMerge,
        ];
        for error in &usage {
            assert_eq!(error.exit_code(), 2, "{error}");
        }
        let runtime = [
            Error::MissingInput { path: "a".into() },
            Error::GraphvizMissing,
            Error::NoPath {
                from: "a".into(),
                to: "b".into(),
                graph: "g.json".into(),
            },
        ];
        for error in &runtime {
            assert_eq!(error.exit_code(), 1, "{error}");
        }
    }

    #[test]
    fn errors_can_cross_threads() {
        fn assert_send_sync<T: Send + Sync + 'static>() {}
        assert_send_sync::<Error>();
    }
}
