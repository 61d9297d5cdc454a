//! `kgx explain A B`: every piece of evidence kept for the link between two entities, with the
//! two entities' mentions highlighted (in colour on a terminal).

use clap::Args;
use serde::Serialize;

use super::shared::{document_name, highlight, printable, LoadedGraph};
use super::{stdout_error, GraphArgs, Outcome, Output};
use crate::error::{Error, Result};
use crate::graph::evidence::mention_spans;
use crate::graph::{Edge, Evidence, Node};

/// Arguments of `kgx explain`.
#[derive(Debug, Clone, Args)]
pub struct ExplainArgs {
    /// One entity (name, alias or id).
    #[arg(value_name = "A")]
    pub a: String,
    /// The other entity.
    #[arg(value_name = "B")]
    pub b: String,
    /// Print a JSON array instead of text.
    #[arg(long)]
    pub json: bool,
    /// The graph.
    #[command(flatten)]
    pub graph: GraphArgs,
}

#[derive(Serialize)]
struct EntityRecord<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    provisional: bool,
}

impl<'a> From<&'a Node> for EntityRecord<'a> {
    fn from(n: &'a Node) -> EntityRecord<'a> {
        EntityRecord {
            id: &n.id,
            label: &n.label,
            kind: n.kind.as_str(),
            provisional: n.is_provisional(),
        }
    }
}

#[derive(Serialize)]
struct MentionRecord {
    start: usize,
    end: usize,
    entity: String,
}

#[derive(Serialize)]
struct EvidenceRecord<'a> {
    #[serde(flatten)]
    evidence: &'a Evidence,
    /// Mentions of the two entities, as byte offsets into `text`.
    mentions: Vec<MentionRecord>,
}

#[derive(Serialize)]
struct LinkRecord<'a> {
    source: EntityRecord<'a>,
    target: EntityRecord<'a>,
    weight: u64,
    documents: u64,
    evidence: Vec<EvidenceRecord<'a>>,
}

/// Runs `kgx explain`.
///
/// # Errors
/// An unreadable graph, an unknown or ambiguous name, or two entities that are not linked.
pub fn run(args: ExplainArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let loaded = args.graph.load(out)?;
    let a = loaded.find(&args.a)?;
    let b = loaded.find(&args.b)?;
    let Some((_, edge)) = loaded
        .graph
        .neighbors(&a.id)
        .into_iter()
        .find(|(n, _)| n.id == b.id)
    else {
        return Err(Error::NotLinked {
            a: a.label.clone(),
            b: b.label.clone(),
            graph: loaded.name.clone(),
            same: a.id == b.id,
        });
    };
    let matcher = loaded.matcher()?;
    let spans: Vec<Vec<(usize, usize, String)>> = edge
        .evidence
        .iter()
        .map(|e| mention_spans(&loaded.dictionary, &matcher, e, &[&a.id, &b.id]))
        .collect();
    if args.json {
        let record = LinkRecord {
            source: a.into(),
            target: b.into(),
            weight: edge.weight,
            documents: edge.documents,
            evidence: edge
                .evidence
                .iter()
                .zip(spans)
                .map(|(evidence, spans)| EvidenceRecord {
                    evidence,
                    mentions: spans
                        .into_iter()
                        .map(|(start, end, entity)| MentionRecord { start, end, entity })
                        .collect(),
                })
                .collect(),
        };
        serde_json::to_writer_pretty(&mut *out.stdout, &[record])
            .map_err(|e| stdout_error(e.into()))?;
        writeln!(out.stdout).map_err(stdout_error)?;
    } else {
        write_text(out, &loaded, a, b, edge, &spans).map_err(stdout_error)?;
    }
    Ok(Outcome::Success)
}

fn write_text(
    out: &mut Output<'_>,
    loaded: &LoadedGraph,
    a: &Node,
    b: &Node,
    edge: &Edge,
    spans: &[Vec<(usize, usize, String)>],
) -> std::io::Result<()> {
    let kept = edge.evidence.len() as u64;
    writeln!(
        out.stdout,
        "{} – {}: linked in {} window{} of {} document{}{}",
        printable(&a.label),
        printable(&b.label),
        edge.weight,
        if edge.weight == 1 { "" } else { "s" },
        edge.documents,
        if edge.documents == 1 { "" } else { "s" },
        if kept < edge.weight {
            format!(
                "; the first {kept} are kept as evidence (raise `kgx extract --evidence` for more)"
            )
        } else {
            String::new()
        }
    )?;
    let _ = loaded;
    for (evidence, spans) in edge.evidence.iter().zip(spans) {
        writeln!(out.stdout)?;
        writeln!(
            out.stdout,
            "{} (bytes {}–{}):",
            document_name(&evidence.document),
            evidence.start,
            evidence.end
        )?;
        writeln!(
            out.stdout,
            "  {}",
            highlight(&evidence.text, spans, out.color)
        )?;
    }
    Ok(())
}
