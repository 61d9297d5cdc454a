//! The command-line interface: one module per subcommand, each owning its clap arguments and a
//! `run` that turns them into library calls.
//!
//! Subcommands write to the `stdout` they are given and report problems as [`Error`]s, so
//! they are testable without a process; `main.rs` only maps results to exit codes.

pub mod dict;
pub mod extract;
pub mod links;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::dictionary::{Dictionary, DictionaryBuilder};
use crate::error::{Error, Result};

/// kgx: turn text into a graph of who is linked to whom, and why.
#[derive(Debug, Parser)]
#[command(name = "kgx", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find entities in text files and write the co-occurrence graph.
    Extract(extract::ExtractArgs),
    /// Show the entities linked to one entity, strongest first, with evidence.
    Links(links::LinksArgs),
    /// Work with dictionaries: `kgx dict check` validates them.
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

/// Runs a parsed command line.
///
/// # Errors
/// Whatever the subcommand reports; writing to `stdout` failing included.
pub fn run(cli: Cli, stdout: &mut dyn Write, stderr: &mut dyn Write) -> Result<Outcome> {
    match cli.command {
        Command::Extract(args) => extract::run(args, stderr),
        Command::Links(args) => links::run(args, stdout),
        Command::Dict(args) => dict::run(args, stdout, stderr),
    }
}

/// Dictionary options shared by every command that matches or looks up names.
#[derive(Debug, Clone, Args)]
pub struct DictionaryArgs {
    /// Add the entities of a dictionary file (repeatable); see the README for the format.
    #[arg(long = "dict", value_name = "PATH")]
    pub dict: Vec<PathBuf>,
    /// Do not load the built-in dictionaries (use only --dict files).
    #[arg(long, requires = "dict")]
    pub no_default_dict: bool,
}

impl DictionaryArgs {
    /// Loads the dictionaries these options name.
    ///
    /// # Errors
    /// When a file cannot be read, or any line of any file is malformed.
    pub fn load(&self) -> Result<Dictionary> {
        let mut builder = DictionaryBuilder::new();
        if !self.no_default_dict {
            builder.add_builtin();
        }
        for path in &self.dict {
            builder.add_file(path)?;
        }
        builder.build()
    }
}

/// Maps a failed write to stdout to an error (a closed pipe is handled by `main`).
pub(crate) fn stdout_error(e: std::io::Error) -> Error {
    Error::io("<stdout>", e)
}
