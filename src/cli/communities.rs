//! `kgx communities`: groups of entities that belong together, by the Louvain method
//! (deterministic), with the modularity of the partition.

use clap::Args;
use serde::Serialize;

use super::shared::printable;
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::error::Result;
use crate::graph::community::{louvain, modularity, DEFAULT_RESOLUTION};

/// Arguments of `kgx communities`.
#[derive(Debug, Clone, Args)]
pub struct CommunitiesArgs {
    /// Above 1 favours smaller communities, below 1 larger ones.
    #[arg(
        long,
        value_name = "R",
        default_value_t = DEFAULT_RESOLUTION,
        value_parser = parse_resolution,
        allow_negative_numbers = true
    )]
    pub resolution: f64,
    /// List communities with at least this many members (singletons are usually noise).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 2,
        allow_negative_numbers = true
    )]
    pub min_size: usize,
    /// Show at most this many members of each community, the most mentioned first (0: all).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 12,
        allow_negative_numbers = true
    )]
    pub members: usize,
    /// Print a JSON array (one object per entity) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

fn parse_resolution(s: &str) -> std::result::Result<f64, String> {
    match s.parse::<f64>() {
        Ok(r) if r.is_finite() && r > 0.0 => Ok(r),
        _ => Err(format!("`{s}` is not a resolution: a number above 0")),
    }
}

#[derive(Serialize)]
struct Member<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    community: usize,
    community_size: usize,
}

/// Runs `kgx communities`.
///
/// # Errors
/// An unreadable graph.
pub fn run(args: CommunitiesArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let graph = &loaded.graph;
    let communities = louvain(graph, args.resolution);
    let sizes = communities.sizes();
    if args.json {
        let members: Vec<Member> = communities
            .iter()
            .filter_map(|(id, c)| graph.node(id).map(|n| (n, c)))
            .filter(|(_, c)| sizes[*c] >= args.min_size)
            .map(|(n, c)| Member {
                id: &n.id,
                label: &n.label,
                kind: n.kind.as_str(),
                provisional: n.is_provisional(),
                community: c,
                community_size: sizes[c],
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out.stdout, &members)
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    let listed: Vec<Vec<&str>> = communities
        .members()
        .into_iter()
        .filter(|m| m.len() >= args.min_size)
        .collect();
    let mut text = format!(
        "{} communities (modularity {:.4}); {} with at least {} members:\n",
        communities.len(),
        modularity(graph, &communities, args.resolution),
        listed.len(),
        args.min_size
    );
    for (number, members) in listed.iter().enumerate() {
        // Members by strength of presence: mentions, then label.
        let mut nodes: Vec<_> = members.iter().filter_map(|id| graph.node(id)).collect();
        nodes.sort_by(|a, b| {
            b.mentions
                .cmp(&a.mentions)
                .then_with(|| a.label.cmp(&b.label))
        });
        let shown = if args.members == 0 {
            nodes.len()
        } else {
            args.members.min(nodes.len())
        };
        let mut names: Vec<String> = nodes[..shown]
            .iter()
            .map(|n| format!("{} ({})", n.label, n.kind_label()))
            .collect();
        if shown < nodes.len() {
            names.push(format!("… and {} more", nodes.len() - shown));
        }
        text.push_str(&format!("\n{number}: {} entities\n", nodes.len()));
        text.push_str(&wrapped(&names, WIDTH));
    }
    out.stdout
        .write_all(printable(&text).as_bytes())
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}

/// Width of the member lists.
const WIDTH: usize = 100;

/// `items`, comma-separated, on lines indented by two spaces and at most `width` characters
/// long (an item longer than a line gets a line of its own).
fn wrapped(items: &[String], width: usize) -> String {
    let mut out = String::new();
    let mut line = String::from(" ");
    for (i, item) in items.iter().enumerate() {
        let piece = if i + 1 < items.len() {
            format!("{item},")
        } else {
            item.clone()
        };
        if line.chars().count() + 1 + piece.chars().count() > width && line.len() > 1 {
            out.push_str(&line);
            out.push('\n');
            line = String::from(" ");
        }
        line.push(' ');
        line.push_str(&piece);
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_lists_wrap_at_the_width() {
        let items: Vec<String> = [
            "Vladimir Putin (person)",
            "Russia (country)",
            "Kremlin (organization)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            wrapped(&items, 45),
            "  Vladimir Putin (person), Russia (country),\n  Kremlin (organization)\n"
        );
        assert_eq!(wrapped(&items[..1], 10), "  Vladimir Putin (person)\n");
    }
}
