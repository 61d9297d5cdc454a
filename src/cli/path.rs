//! `kgx path A B`: the shortest chain of links between two entities, by hops or by strongest
//! links (`--weighted`), with the evidence for each hop.

use clap::Args;
use serde::Serialize;

use super::shared::{document_name, printable, shorten};
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::error::{Error, Result};
use crate::graph::path::{shortest_path, PathCost};
use crate::graph::Evidence;

/// Arguments of `kgx path`.
#[derive(Debug, Clone, Args)]
pub struct PathArgs {
    /// Where the path starts (name, alias or id).
    #[arg(value_name = "A")]
    pub a: String,
    /// Where it ends.
    #[arg(value_name = "B")]
    pub b: String,
    /// Prefer strong links: minimise the sum of 1/weight instead of the number of hops.
    #[arg(long)]
    pub weighted: bool,
    /// Print a JSON array (one object per entity on the path) instead of text.
    #[arg(long)]
    pub json: bool,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

#[derive(Serialize)]
struct StepRecord<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    /// Weight of the link from the previous entity (absent for the first).
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'a Evidence>,
}

/// Runs `kgx path`.
///
/// # Errors
/// An unreadable graph, an unknown or ambiguous name, or two entities with no path between
/// them.
pub fn run(args: PathArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let a = loaded.find(&args.a)?;
    let b = loaded.find(&args.b)?;
    let cost = if args.weighted {
        PathCost::StrongestLinks
    } else {
        PathCost::Hops
    };
    let Some(steps) = shortest_path(&loaded.graph, &a.id, &b.id, cost) else {
        return Err(Error::NoPath {
            from: a.label.clone(),
            to: b.label.clone(),
            graph: loaded.name.clone(),
        });
    };
    if args.json {
        let records: Vec<StepRecord> = steps
            .iter()
            .map(|(node, edge)| StepRecord {
                id: &node.id,
                label: &node.label,
                kind: node.kind.as_str(),
                provisional: node.is_provisional(),
                weight: edge.map(|e| e.weight),
                evidence: edge.and_then(|e| e.evidence.first()),
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out.stdout, &records)
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    let hops = steps.len() - 1;
    let mut text = format!(
        "{} → {}: {hops} hop{}{}\n\n",
        a.label,
        b.label,
        if hops == 1 { "" } else { "s" },
        if args.weighted {
            " along the strongest links"
        } else {
            ""
        }
    );
    for (node, edge) in &steps {
        if let Some(edge) = edge {
            text.push_str(&format!("  │ weight {}\n", edge.weight));
            if let Some(evidence) = edge.evidence.first() {
                text.push_str(&format!(
                    "  │ {}: {}\n",
                    document_name(&evidence.document),
                    shorten(&evidence.text, 150)
                ));
            }
        }
        text.push_str(&format!("{} ({})\n", node.label, node.kind_label()));
    }
    out.stdout
        .write_all(printable(&text).as_bytes())
        .map_err(stdout_error)?;
    Ok(Outcome::Success)
}
