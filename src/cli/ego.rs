//! `kgx ego ENTITY`: the neighbourhood of an entity (everything within `--depth` links) as a
//! graph of its own, written in any export format to a file or stdout.

use std::path::PathBuf;

use clap::Args;

use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::error::Result;
use crate::export::{self, ExportOptions, Format};
use crate::graph::ego::ego_graph;

/// Arguments of `kgx ego`.
#[derive(Debug, Clone, Args)]
pub struct EgoArgs {
    /// The entity at the centre (name, alias or id).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// How many links away to go.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 1,
        allow_negative_numbers = true
    )]
    pub depth: usize,
    /// Output format (any export format).
    #[arg(long, value_name = "FORMAT", default_value = "json")]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Runs `kgx ego`.
///
/// # Errors
/// An unreadable graph, an unknown or ambiguous name, or an unwritable output file.
pub fn run(args: EgoArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let centre = loaded.find(&args.entity)?;
    let ego = ego_graph(&loaded.graph, &centre.id, args.depth);
    let options = ExportOptions {
        measure: args.graph.prune.weight,
        ..Default::default()
    };
    match &args.output {
        Some(path) => export::write_to_path(args.format, &ego, &options, path, &loaded.inputs)?,
        None => export::write(args.format, &ego, &options, out.stdout).map_err(stdout_error)?,
    }
    Ok(Outcome::Success)
}
