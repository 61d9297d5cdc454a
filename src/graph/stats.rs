//! Graph statistics: documents, mentions, entities by type, links, components, density, the
//! strongest links, and the entities found but never linked (`kgx stats`).

use serde::Serialize;

use super::{Graph, Node};
use crate::dictionary::EntityKind;

#[derive(Serialize)]
/// An entity, as the statistics name it.
pub struct EntityRef<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its label.
    pub label: &'a str,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: &'a str,
    /// Found by `--discover`, not in a dictionary (written only when true).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub provisional: bool,
}

#[derive(Serialize)]
/// A link, as the statistics name it.
pub struct LinkRef<'a> {
    /// One end's id.
    pub source: &'a str,
    /// The other end's id.
    pub target: &'a str,
    /// One end's label.
    pub source_label: &'a str,
    /// The other end's label.
    pub target_label: &'a str,
    /// The windows in which both are named.
    pub weight: u64,
    /// The documents in which they are linked.
    pub documents: u64,
}

#[derive(Serialize)]
/// A summary of a graph (`kgx stats`; its `--json` is this, serialized).
pub struct Stats<'a> {
    /// Documents analysed.
    pub documents: u64,
    /// Mentions counted, over all entities.
    pub mentions: u64,
    /// Entities.
    pub entities: usize,
    /// Entities that are people.
    pub people: usize,
    /// Entities that are countries.
    pub countries: usize,
    /// Entities that are organizations.
    pub organizations: usize,
    /// Links.
    pub links: usize,
    /// Connected components (an entity without links is one).
    pub components: usize,
    /// Entities in the largest component.
    pub largest_component: usize,
    /// Links over possible links.
    pub density: f64,
    /// The strongest links, by weight, at most `limit`.
    pub strongest_links: Vec<LinkRef<'a>>,
    /// How many entities have no link.
    pub never_linked_count: usize,
    /// The first `limit` of them, the most mentioned first.
    pub never_linked: Vec<EntityRef<'a>>,
}

/// The summary of `graph`, listing at most `limit` strongest links and unlinked entities.
///
/// # Complexity
/// O(V + E log E): the components, then a sort of the links and of the unlinked entities.
pub fn stats(graph: &Graph, limit: usize) -> Stats<'_> {
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
