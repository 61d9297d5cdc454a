//! `kgx stats`: a summary of a graph — documents, mentions, entities by type, links,
//! components, density, the strongest links, and the entities found but never linked.

use clap::Args;
use serde::Serialize;

use super::shared::printable;
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::dictionary::EntityKind;
use crate::error::Result;
use crate::export::counted;
use crate::graph::{Graph, Node};

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

#[derive(Serialize)]
struct EntityRef<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
}

#[derive(Serialize)]
struct LinkRef<'a> {
    source: &'a str,
    target: &'a str,
    source_label: &'a str,
    target_label: &'a str,
    weight: u64,
    documents: u64,
}

#[derive(Serialize)]
struct Stats<'a> {
    documents: u64,
    mentions: u64,
    entities: usize,
    people: usize,
    countries: usize,
    organizations: usize,
    links: usize,
    components: usize,
    largest_component: usize,
    density: f64,
    strongest_links: Vec<LinkRef<'a>>,
    /// How many entities have no link.
    never_linked_count: usize,
    /// The first `--limit` of them, the most mentioned first.
    never_linked: Vec<EntityRef<'a>>,
}

fn stats(graph: &Graph, limit: usize) -> Stats<'_> {
    // The entities never linked, the most mentioned first: the ones worth a look.
    let mut unlinked: Vec<&Node> = graph
        .nodes()
        .filter(|node| graph.degree(&node.id) == 0)
        .collect();
    unlinked.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.label.cmp(&b.label))
    });
    let n = graph.node_count();
    let count = |kind: EntityKind| graph.nodes().filter(|node| node.kind == kind).count();
    let components = graph.components();
    let mut links: Vec<_> = graph.edges().collect();
    links.sort_by(|a, b| {
        b.2.weight
            .cmp(&a.2.weight)
            .then_with(|| a.0.id.cmp(&b.0.id))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    Stats {
        documents: graph.metadata().documents,
        mentions: graph.nodes().map(|node| node.mentions).sum(),
        entities: n,
        people: count(EntityKind::Person),
        countries: count(EntityKind::Country),
        organizations: count(EntityKind::Organization),
        links: graph.edge_count(),
        components: components.len(),
        largest_component: components.first().map_or(0, Vec::len),
        density: if n > 1 {
            2.0 * graph.edge_count() as f64 / (n as f64 * (n as f64 - 1.0))
        } else {
            0.0
        },
        strongest_links: links
            .into_iter()
            .take(limit)
            .map(|(s, t, e)| LinkRef {
                source: &s.id,
                target: &t.id,
                source_label: &s.label,
                target_label: &t.label,
                weight: e.weight,
                documents: e.documents,
            })
            .collect(),
        never_linked_count: unlinked.len(),
        never_linked: unlinked
            .into_iter()
            .take(limit)
            .map(|node| EntityRef {
                id: &node.id,
                label: &node.label,
                kind: node.kind.as_str(),
                provisional: node.is_provisional(),
            })
            .collect(),
    }
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
