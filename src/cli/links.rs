//! `kgx links ENTITY`: the entities linked to one entity, strongest first (by the chosen
//! measure), each with its weight, number of documents and the first evidence sentence.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use super::shared::{document_name, parse_kind, printable, shorten};
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::dictionary::EntityKind;
use crate::error::Result;
use crate::export::counted;
use crate::graph::weights::{format_score, Measure};
use crate::graph::{Edge, Evidence, Node};

/// Arguments of `kgx links`.
#[derive(Debug, Clone, Args)]
pub struct LinksArgs {
    /// The entity: its canonical name, any alias or its id (case and accents do not matter).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// Only linked entities of this type (person, country, organization).
    #[arg(long = "type", value_name = "TYPE", value_parser = parse_kind)]
    pub kind: Option<EntityKind>,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many links (0: all).
    #[arg(
        long,
        value_name = "N",
        default_value_t = 20,
        allow_negative_numbers = true
    )]
    pub limit: usize,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

/// One element of `kgx links --json`.
#[derive(Debug, Serialize)]
struct LinkRecord<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
    weight: u64,
    score: f64,
    documents: u64,
    evidence: &'a [Evidence],
}

/// Runs `kgx links`.
///
/// # Errors
/// An unreadable or malformed graph, or a name that matches no entity or several.
pub fn run(args: LinksArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let graph = &loaded.graph;
    let node = loaded.find(&args.entity)?;
    let measure = args.graph.prune.weight;
    let mut links: Vec<(&Node, &Edge, f64)> = graph
        .neighbors(&node.id)
        .into_iter()
        .filter(|(other, _)| args.kind.is_none_or(|k| other.kind == k))
        .map(|(other, edge)| {
            let (a, b) = if node.id < other.id {
                (node, other)
            } else {
                (other, node)
            };
            (other, edge, measure.score(graph, a, b, edge))
        })
        .collect();
    links.sort_by(|x, y| {
        y.2.total_cmp(&x.2)
            .then(y.1.weight.cmp(&x.1.weight))
            .then_with(|| x.0.id.cmp(&y.0.id))
    });
    let total = links.len();
    if args.limit > 0 {
        links.truncate(args.limit);
    }
    if args.json {
        let records: Vec<LinkRecord> = links
            .iter()
            .map(|(n, e, score)| LinkRecord {
                id: &n.id,
                label: &n.label,
                kind: n.kind.as_str(),
                provisional: n.is_provisional(),
                weight: e.weight,
                score: *score,
                documents: e.documents,
                evidence: &e.evidence,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out.stdout, &records)
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
    } else {
        write_table(out.stdout, node, &links, total, measure).map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}

fn write_table(
    out: &mut dyn Write,
    node: &Node,
    links: &[(&Node, &Edge, f64)],
    total: usize,
    measure: Measure,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({}): {} in {}, {}",
        printable(&node.label),
        node.kind_label(),
        counted(node.mentions, "mention", "mentions"),
        counted(node.documents.len() as u64, "document", "documents"),
        counted(total as u64, "linked entity", "linked entities")
    )?;
    if links.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let header = if measure == Measure::Count {
        "weight".to_string()
    } else {
        measure.to_string()
    };
    writeln!(out, "{header:>6}  docs  entity")?;
    for (other, edge, score) in links {
        writeln!(
            out,
            "{:>6}  {:>4}  {} ({})",
            format_score(measure, *score),
            edge.documents,
            printable(&other.label),
            other.kind_label()
        )?;
        if let Some(evidence) = edge.evidence.first() {
            writeln!(
                out,
                "              {}: {}",
                document_name(&evidence.document),
                shorten(&evidence.text, 160)
            )?;
        }
    }
    if links.len() < total {
        writeln!(
            out,
            "… and {} more (--limit 0 shows all)",
            total - links.len()
        )?;
    }
    Ok(())
}
