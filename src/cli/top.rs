//! `kgx top`: the most central entities, by degree, strength, PageRank or betweenness, or the
//! most mentioned.

use std::io::IsTerminal;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::shared::{parse_kind, printable};
use super::{report, stdout_error, GraphArgs, Outcome, Output};
use crate::dictionary::EntityKind;
use crate::error::Result;
use crate::graph::centrality;
use crate::graph::Graph;

/// Centrality measures of `kgx top`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Centrality {
    /// Share of the other entities linked to it (NetworkX `degree_centrality`).
    Degree,
    /// Sum of the weights of its links.
    Strength,
    /// Weighted PageRank (damping 0.85).
    Pagerank,
    /// Share of shortest paths through it (normalised, unweighted).
    Betweenness,
    /// Counted mentions in the corpus.
    Mentions,
}

/// Arguments of `kgx top`.
#[derive(Debug, Clone, Args)]
pub struct TopArgs {
    /// The centrality measure.
    #[arg(long, value_name = "MEASURE", default_value = "degree")]
    pub by: Centrality,
    /// Only entities of this type (person, country, organization).
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    /// Show at most this many entities (0: all).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 20,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

#[derive(Serialize)]
struct Ranked<'a> {
    rank: usize,
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    score: f64,
}

/// The scores of every node by `by`, highest first, ties by id.
///
/// # Errors
/// When PageRank does not converge.
pub fn ranking(graph: &Graph, by: Centrality) -> Result<Vec<(String, f64)>> {
    ranking_with_progress(graph, by, &mut |_, _| {})
}

/// Like [`ranking`], calling `progress` with (done, total) while an estimate of betweenness
/// runs: above [`centrality::EXACT_BETWEENNESS_MAX_NODES`] nodes, betweenness is estimated from
/// [`centrality::BETWEENNESS_SAMPLES`] sources.
///
/// # Errors
/// When PageRank does not converge.
pub fn ranking_with_progress(
    graph: &Graph,
    by: Centrality,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(String, f64)>> {
    let mut scores = match by {
        Centrality::Degree => centrality::degree(graph),
        Centrality::Strength => centrality::strength(graph),
        Centrality::Pagerank => centrality::pagerank(graph, 0.85, 1e-10, 1000)?,
        Centrality::Betweenness if graph.node_count() > centrality::EXACT_BETWEENNESS_MAX_NODES => {
            centrality::betweenness_estimate(graph, centrality::BETWEENNESS_SAMPLES, progress)
        }
        Centrality::Betweenness => centrality::betweenness(graph),
        Centrality::Mentions => graph
            .nodes()
            .map(|n| (n.id.clone(), n.mentions as f64))
            .collect(),
    };
    scores.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(scores)
}

/// Runs `kgx top`.
///
/// # Errors
/// An unreadable graph, or PageRank failing to converge.
pub fn run(args: TopArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let graph = &loaded.graph;
    let estimated = args.by == Centrality::Betweenness
        && graph.node_count() > centrality::EXACT_BETWEENNESS_MAX_NODES;
    if estimated {
        report::note(
            out.stderr,
            &format_args!(
                "{} entities is more than {} for exact betweenness; estimating it from the \
                 shortest paths of {} of them (prune the graph, e.g. --min-weight or \
                 --top-k-per-node, for exact scores)",
                graph.node_count(),
                centrality::EXACT_BETWEENNESS_MAX_NODES,
                centrality::BETWEENNESS_SAMPLES
            ),
        );
    }
    // A progress bar on a terminal only: the estimate of a corpus graph takes a while.
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(centrality::BETWEENNESS_SAMPLES as u64),
        if estimated && std::io::stderr().is_terminal() {
            indicatif::ProgressDrawTarget::stderr()
        } else {
            indicatif::ProgressDrawTarget::hidden()
        },
    );
    let scores =
        ranking_with_progress(graph, args.by, &mut |done, _| bar.set_position(done as u64))?;
    bar.finish_and_clear();
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let ranked: Vec<Ranked> = scores
        .iter()
        .filter_map(|(id, score)| graph.node(id).map(|node| (node, *score)))
        .filter(|(node, _)| args.kind.is_none_or(|k| node.kind == k))
        .take(limit)
        .enumerate()
        .map(|(i, (node, score))| Ranked {
            rank: i + 1,
            id: &node.id,
            label: &node.label,
            kind: node.kind.as_str(),
            provisional: node.is_provisional(),
            score,
        })
        .collect();
    if args.json {
        serde_json::to_writer_pretty(&mut *out.stdout, &ranked)
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    let name = match args.by {
        Centrality::Degree => "degree",
        Centrality::Strength => "strength",
        Centrality::Pagerank => "pagerank",
        Centrality::Betweenness => "betweenness",
        Centrality::Mentions => "mentions",
    };
    let mut text = format!("rank  {name:>11}  entity\n");
    for r in &ranked {
        let score = if matches!(args.by, Centrality::Strength | Centrality::Mentions) {
            format!("{:.0}", r.score)
        } else {
            format!("{:.4}", r.score)
        };
        text.push_str(&format!(
            "{:>4}  {score:>11}  {} ({})\n",
            r.rank,
            r.label,
            if r.provisional {
                format!("provisional {}", r.kind)
            } else {
                r.kind.to_string()
            }
        ));
    }
    out.stdout
        .write_all(printable(&text).as_bytes())
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}
