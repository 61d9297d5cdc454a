//! `kgx render [GRAPH] [-o graph.svg|png|pdf] [--layout …]`: a diagram of the graph with
//! Graphviz, readable by default (labels by canonical name, colour by type with a legend,
//! heavier links thicker, isolated entities dropped). A graph too large to read whole is drawn
//! as its readable view ([`crate::graph::view`]) unless the user prunes it or asks for `--all`;
//! stderr says what was kept.

use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::{report, Outcome, Output, PruneArgs};
use crate::error::Result;
use crate::graph::json;
use crate::graph::prune::prune;
use crate::graph::view;
use crate::output::Inputs;
use crate::render::{render, Layout};

/// Arguments of `kgx render`.
#[derive(Debug, Clone, Args)]
pub struct RenderArgs {
    /// The graph written by `kgx extract`.
    #[arg(value_name = "GRAPH", default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// The image to write; its extension (.svg, .png, .pdf) chooses the format.
    #[arg(short, long, value_name = "FILE", default_value = "output/graph.svg")]
    pub output: PathBuf,
    /// Graphviz layout: auto (neato, or sfdp above 200 entities), dot, sfdp, neato, fdp, circo.
    #[arg(long, value_name = "LAYOUT", default_value = "auto")]
    pub layout: Layout,
    /// Draw the whole graph, even when it is too large to read (by default a graph of more
    /// than 150 linked entities or 400 links is drawn as its 100 most linked entities).
    #[arg(long)]
    pub all: bool,
    /// Give up on Graphviz after this many seconds.
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 120,
        allow_negative_numbers = true
    )]
    pub timeout: u64,
    /// Pruning (a large graph renders better pruned).
    #[command(flatten)]
    pub prune: PruneArgs,
}

/// Runs `kgx render`.
///
/// # Errors
/// An unreadable graph, Graphviz missing, failing or too slow, or an unwritable image.
pub fn run(args: RenderArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let graph = json::read_file(&args.graph)?;
    let options = args.prune.options();
    let graph = if !options.is_noop() {
        prune(&graph, &options)
    } else if let Some(view) = (!args.all).then(|| view::readable(&graph)).flatten() {
        report::message(
            out.stderr,
            &format_args!("{}; --all draws everything", view.summary()),
        );
        view.graph
    } else {
        graph
    };
    let graph = if options.keep_isolated {
        graph
    } else {
        graph.filtered(|n| graph.degree(&n.id) > 0, |_, _, _| true)
    };
    let rendered = render(
        &graph,
        args.layout,
        &args.output,
        Duration::from_secs(args.timeout),
        &Inputs::of([&args.graph]),
    )?;
    for line in rendered.warnings.lines().filter(|l| !l.trim().is_empty()) {
        report::message(out.stderr, &format_args!("graphviz: {line}"));
    }
    let _ = writeln!(
        out.stderr,
        "wrote {} ({} entities, {} links, {} layout)",
        args.output.display(),
        graph.node_count(),
        graph.edge_count(),
        rendered.engine
    );
    Ok(Outcome::Success)
}
