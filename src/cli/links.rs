//! `kgx links ENTITY`: the entities linked to one entity, strongest first, each with its
//! weight, number of documents and the first evidence sentence; `--json` for scripts.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use serde::Serialize;

use super::{stdout_error, DictionaryArgs, Outcome};
use crate::error::{Error, Result};
use crate::export::json;
use crate::graph::lookup::{lookup, Lookup};
use crate::graph::{Evidence, Graph, Node};

/// Arguments of `kgx links`.
#[derive(Debug, Clone, Args)]
pub struct LinksArgs {
    /// The entity: its canonical name, any alias or its id (case and accents do not matter).
    #[arg(value_name = "ENTITY")]
    pub entity: String,
    /// The graph written by `kgx extract`.
    #[arg(long, value_name = "FILE", default_value = "output/graph.json")]
    pub graph: PathBuf,
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Show at most this many links (0: all).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Dictionaries used to look names up by alias.
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
}

/// One line of `kgx links --json`.
#[derive(Debug, Serialize)]
struct LinkRecord<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    weight: u64,
    documents: u64,
    evidence: &'a [Evidence],
}

/// Runs `kgx links`.
///
/// # Errors
/// An unreadable or malformed graph, or a name that matches no entity or several.
pub fn run(args: LinksArgs, stdout: &mut dyn Write) -> Result<Outcome> {
    let dictionary = args.dictionaries.load()?;
    let graph = json::read_file(&args.graph)?;
    let node = find(&graph, &dictionary, &args)?;
    let mut neighbors = graph.neighbors(&node.id);
    let total = neighbors.len();
    if args.limit > 0 {
        neighbors.truncate(args.limit);
    }
    if args.json {
        let records: Vec<LinkRecord> = neighbors
            .iter()
            .map(|(n, e)| LinkRecord {
                id: &n.id,
                label: &n.label,
                kind: n.kind.as_str(),
                weight: e.weight,
                documents: e.documents,
                evidence: &e.evidence,
            })
            .collect();
        serde_json::to_writer_pretty(&mut *stdout, &records).map_err(|e| stdout_error(e.into()))?;
        writeln!(stdout).map_err(stdout_error)?;
        return Ok(Outcome::Success);
    }
    write_table(stdout, node, &neighbors, total).map_err(stdout_error)?;
    Ok(Outcome::Success)
}

fn find<'g>(
    graph: &'g Graph,
    dictionary: &crate::dictionary::Dictionary,
    args: &LinksArgs,
) -> Result<&'g Node> {
    match lookup(graph, dictionary, &args.entity) {
        Lookup::Found(node) => Ok(node),
        Lookup::Ambiguous(nodes) => Err(Error::AmbiguousEntity {
            query: args.entity.clone(),
            graph: args.graph.clone(),
            candidates: nodes
                .iter()
                .map(|n| format!("{} ({})", n.label, n.id))
                .collect(),
        }),
        Lookup::NotFound(suggestions) => Err(Error::UnknownEntity {
            query: args.entity.clone(),
            graph: args.graph.clone(),
            suggestions,
        }),
    }
}

fn write_table(
    out: &mut dyn Write,
    node: &Node,
    neighbors: &[(&Node, &crate::graph::Edge)],
    total: usize,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} ({}): {} mentions in {} documents, {} linked entities",
        node.label,
        node.kind.as_str(),
        node.mentions,
        node.documents.len(),
        total
    )?;
    if neighbors.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    writeln!(out, "weight  docs  entity")?;
    for (other, edge) in neighbors {
        writeln!(
            out,
            "{:>6}  {:>4}  {} ({})",
            edge.weight,
            edge.documents,
            other.label,
            other.kind.as_str()
        )?;
        if let Some(evidence) = edge.evidence.first() {
            writeln!(
                out,
                "              {}: {}",
                evidence.document,
                shorten(&evidence.text, 160)
            )?;
        }
    }
    if neighbors.len() < total {
        writeln!(
            out,
            "… and {} more (--limit 0 shows all)",
            total - neighbors.len()
        )?;
    }
    Ok(())
}

/// `text` on one line, cut at a word boundary to at most `max` characters, with an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_keeps_short_text_and_cuts_long_text_at_a_word() {
        assert_eq!(shorten("a  b\nc", 10), "a b c");
        assert_eq!(shorten("alpha beta gamma", 12), "alpha beta …");
    }
}
