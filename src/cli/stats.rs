//! `kgx stats`: a summary of a graph — documents, mentions, entities by type, links,
//! components, density, the strongest links, and the entities found but never linked.

use super::shared::printable;
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::error::Result;
use crate::export::counted;
use crate::graph::stats::stats;
use clap::Args;

/// Arguments of `kgx stats`.
#[derive(Debug, Clone, Args)]
pub struct StatsArgs {
    /// Print a JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// How many strongest links, and entities never linked, to list.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 10,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// Runs `kgx stats`.
///
/// # Errors
/// An unreadable graph.
pub fn run(args: StatsArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let stats = stats(&loaded.graph, args.limit);
    if args.json {
        serde_json::to_writer_pretty(&mut *out.stdout, &stats)
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    let mut text = String::new();
    text.push_str(&format!("documents:   {}\n", stats.documents));
    text.push_str(&format!("mentions:    {}\n", stats.mentions));
    text.push_str(&format!(
        "entities:    {} ({} people, {} countries, {} organizations)\n",
        stats.entities, stats.people, stats.countries, stats.organizations
    ));
    text.push_str(&format!("links:       {}\n", stats.links));
    text.push_str(&format!(
        "components:  {} (the largest has {} entities)\n",
        stats.components, stats.largest_component
    ));
    text.push_str(&format!("density:     {:.4}\n", stats.density));
    if !stats.strongest_links.is_empty() {
        text.push_str("strongest links:\n");
        for link in &stats.strongest_links {
            text.push_str(&format!(
                "  {:>4}  {} – {} ({})\n",
                link.weight,
                link.source_label,
                link.target_label,
                counted(link.documents, "document", "documents")
            ));
        }
    }
    text.push_str(&format!(
        "found but never linked: {}{}\n",
        stats.never_linked_count,
        if stats.never_linked.len() < stats.never_linked_count {
            format!(" (the {} most mentioned)", stats.never_linked.len())
        } else {
            String::new()
        }
    ));
    for entity in &stats.never_linked {
        let kind = if entity.provisional {
            format!("provisional {}", entity.kind)
        } else {
            entity.kind.to_string()
        };
        text.push_str(&format!("  {} ({kind})\n", entity.label));
    }
    out.stdout
        .write_all(printable(&text).as_bytes())
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}
