//! `kgx merge PART... [-o DIR]`: combines the parts written by `kgx extract --part` (one per
//! shard, or per Spark partition) into the graph a single run over all their documents writes,
//! byte for byte. Pruning, association scores and communities are computed after the merge,
//! from the merged counts.

use std::path::PathBuf;

use clap::Args;

use super::shared::note_html_view;
use super::{report, Outcome, Output, PruneArgs};
use crate::error::{Error, Result};
use crate::export::Format;
use crate::extract::{capped_threads, finish, stage_graph_files, write_part, PART_FILE};
use crate::graph::part::{self, Part};
use crate::output::{AtomicFile, Inputs};

/// Arguments of `kgx merge`.
#[derive(Debug, Clone, Args)]
pub struct MergeArgs {
    /// Parts written by `kgx extract --part` or `kgx merge --part` (graph.part.json files, or
    /// the directories that hold them).
    #[arg(required = true, value_name = "PART")]
    pub parts: Vec<PathBuf>,
    /// Directory to write the merged graph to.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Graph formats to write (repeatable or comma-separated).
    #[arg(
        long,
        value_name = "FORMAT",
        value_delimiter = ',',
        default_value = "json,dot"
    )]
    pub format: Vec<Format>,
    /// Also write the merged part (graph.part.json), to merge again (a tree of merges gives
    /// the same graph as one merge of every part).
    #[arg(long)]
    pub part: bool,
    /// No summary on stderr.
    #[arg(short, long)]
    pub quiet: bool,
    /// Pruning, applied to the merged graph.
    #[command(flatten)]
    pub prune: PruneArgs,
}

/// Runs `kgx merge`.
///
/// # Errors
/// An unreadable, truncated or inconsistent part; parts made with other settings or
/// dictionaries, or covering the same documents; an unwritable output directory.
pub fn run(args: MergeArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let paths: Vec<PathBuf> = args
        .parts
        .iter()
        .map(|p| {
            if p.is_dir() {
                p.join(PART_FILE)
            } else {
                p.clone()
            }
        })
        .collect();
    let mut merged: Option<(Part, &PathBuf)> = None;
    for path in &paths {
        let part = part::read_file(path)?;
        merged = Some(match merged {
            None => (part, path),
            Some((sum, first)) => {
                let sum = sum.merge(part).map_err(|source| Error::PartRefused {
                    path: path.clone(),
                    other: first.clone(),
                    source,
                })?;
                (sum, first)
            }
        });
    }
    let Some((merged, _)) = merged else {
        return Err(Error::NoPartToMerge);
    };
    let documents = merged.documents;
    let shares = merged.shares.join(", ");
    std::fs::create_dir_all(&args.output).map_err(|e| Error::io(&args.output, e))?;
    let inputs = Inputs::of(paths.iter());
    let mut formats = args.format.clone();
    formats.sort_unstable();
    formats.dedup();
    let part_file = if args.part {
        let path = args.output.join(PART_FILE);
        let mut file = AtomicFile::create(&path, &inputs)?;
        write_part(&merged, &mut file).map_err(|e| Error::io(&path, e))?;
        Some(file)
    } else {
        None
    };
    let options = args.prune.options();
    let graph = finish(merged.into_graph(options.min_weight), &options);
    let staged = stage_graph_files(
        &graph,
        &formats,
        options.measure,
        &args.output,
        &inputs,
        capped_threads(0),
    )?;
    for file in staged.files.into_iter().chain(part_file) {
        file.commit()?;
    }
    for refused in &staged.refused {
        report::error(out.stderr, refused);
    }
    if !args.quiet && formats.contains(&Format::Html) {
        note_html_view(&graph, &args.output.join(Format::Html.file_name()), out);
    }
    if !args.quiet {
        let _ = writeln!(
            out.stderr,
            "merged {} ({shares}): {documents} documents, {} entities, {} links; wrote {}",
            crate::export::counted(paths.len() as u64, "part", "parts"),
            graph.node_count(),
            graph.edge_count(),
            args.output.display()
        );
    }
    Ok(Outcome::Success)
}
