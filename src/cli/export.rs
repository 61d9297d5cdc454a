//! `kgx export [GRAPH] --format F [-o FILE]`: a saved graph in another format, pruned if asked,
//! written atomically to a file or to stdout (a directory format, such as csv, only to `-o DIR`).

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::shared::note_html_view;
use super::{stdout_error, Outcome, Output, PruneArgs};
use crate::error::{Error, Result};
use crate::export::{self, EdgesKey, ExportOptions, Format};
use crate::graph::prune::prune;
use crate::output::Inputs;

/// `--edges-key` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EdgesKeyArg {
    /// `"edges"` (NetworkX ≥ 3.4 with `edges="edges"`).
    Edges,
    /// `"links"` (older NetworkX, D3 examples).
    Links,
}

/// Arguments of `kgx export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The graph written by `kgx extract`.
    #[arg(value_name = "GRAPH", default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The format to write.
    #[arg(short, long, value_name = "FORMAT")]
    pub format: Format,
    /// Write to this file (atomically) instead of stdout; for csv, the directory to write to.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// For json: name the edge list `links` instead of `edges`.
    #[arg(long, value_name = "KEY", default_value = "edges")]
    pub edges_key: EdgesKeyArg,
    /// Pruning and weighting.
    #[command(flatten)]
    pub prune: PruneArgs,
}

/// Runs `kgx export`.
///
/// # Errors
/// An unreadable graph, an unwritable output, or a format that refuses the graph.
pub fn run(args: ExportArgs, out: &mut Output<'_>) -> Result<Outcome> {
    if args.format.is_directory() && args.output.is_none() {
        return Err(Error::NeedsOutputDirectory {
            format: args.format.to_string(),
        });
    }
    let graph = crate::graph::json::read_file(&args.graph)?;
    let options = args.prune.options();
    let graph = if options.is_noop() {
        graph
    } else {
        prune(&graph, &options)
    };
    let export_options = ExportOptions {
        measure: args.prune.weight,
        edges_key: match args.edges_key {
            EdgesKeyArg::Edges => EdgesKey::Edges,
            EdgesKeyArg::Links => EdgesKey::Links,
        },
    };
    if args.format == Format::Html {
        let shown = args.output.as_deref().unwrap_or(Path::new("the page"));
        note_html_view(&graph, shown, out);
    }
    match &args.output {
        Some(path) => {
            let inputs = Inputs::of([&args.graph]);
            export::write_to_path(args.format, &graph, &export_options, path, &inputs)?
        }
        None => export::write(args.format, &graph, &export_options, out.stdout).map_err(|e| {
            // A refusal is about the graph, not about stdout.
            if e.kind() == std::io::ErrorKind::InvalidInput {
                Error::FormatRefused { source: e }
            } else {
                stdout_error(e)
            }
        })?,
    }
    Ok(Outcome::Success)
}
