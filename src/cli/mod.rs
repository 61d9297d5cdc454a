//! The command-line interface: one module per subcommand, each owning its clap arguments and a
//! `run` that turns them into library calls; [`shared`] holds the options several commands take.
//!
//! Subcommands write to the [`Output`] they are given and report problems as [`Error`]s, so
//! they are testable without a process; `main.rs` only maps results to exit codes.

pub mod communities;
pub mod dict;
pub mod ego;
pub mod explain;
pub mod export;
pub mod extract;
pub mod links;
pub mod merge;
pub mod path;
pub mod render;
pub mod report;
pub mod shared;
pub mod stats;
pub mod top;

use std::io::Write;

use clap::{Parser, Subcommand, ValueEnum};

use crate::error::{Error, Result};

pub use shared::{DictionaryArgs, GraphArgs, PruneArgs};

/// kgx: turn text into a graph of who is linked to whom, and why.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to colour terminal output.
    #[arg(long, value_name = "WHEN", default_value = "auto", global = true)]
    pub color: ColorChoice,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find entities in text files and write the co-occurrence graph.
    Extract(extract::ExtractArgs),
    /// Write a saved graph in another format (GraphML, GEXF, CSV, …).
    Export(export::ExportArgs),
    /// Combine the parts of a sharded extraction (`extract --part`) into one graph.
    Merge(merge::MergeArgs),
    /// Draw the graph with Graphviz (SVG, PNG or PDF).
    Render(render::RenderArgs),
    /// Show the entities linked to one entity, strongest first, with evidence.
    Links(links::LinksArgs),
    /// Show every piece of evidence for the link between two entities.
    Explain(explain::ExplainArgs),
    /// Find the shortest chain of links between two entities.
    Path(path::PathArgs),
    /// Rank entities by centrality.
    Top(top::TopArgs),
    /// Write the neighbourhood of an entity as a graph.
    Ego(ego::EgoArgs),
    /// Summarise a graph: counts, components, density, strongest links.
    Stats(stats::StatsArgs),
    /// Find groups of entities that belong together (Louvain).
    Communities(communities::CommunitiesArgs),
    /// Work with dictionaries: `kgx dict check` validates them, `kgx dict compile` precompiles them.
    Dict(dict::DictArgs),
}

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything worked.
    Success,
    /// The command finished, but some inputs failed (already reported on stderr).
    PartialFailure,
}

/// Where a command writes, and whether it may colour its output.
pub struct Output<'a> {
    /// Results.
    pub stdout: &'a mut dyn Write,
    /// Progress, summaries and problems.
    pub stderr: &'a mut dyn Write,
    /// Whether to use ANSI colours on stdout.
    pub color: bool,
}

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the subcommand reports; writing to `stdout` failing included.
pub fn run(cli: Cli, out: &mut Output<'_>) -> Result<Outcome> {
    match cli.command {
        Command::Extract(args) => extract::run(args, out),
        Command::Merge(args) => merge::run(args, out),
        Command::Export(args) => export::run(args, out),
        Command::Render(args) => render::run(args, out),
        Command::Links(args) => links::run(args, out),
        Command::Explain(args) => explain::run(args, out),
        Command::Path(args) => path::run(args, out),
        Command::Top(args) => top::run(args, out),
        Command::Ego(args) => ego::run(args, out),
        Command::Stats(args) => stats::run(args, out),
        Command::Communities(args) => communities::run(args, out),
        Command::Dict(args) => dict::run(args, out),
    }
}

/// Maps a failed write to stdout to an error (a closed pipe is handled by `main`).
pub(crate) fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}
