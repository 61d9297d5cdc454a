//! The readable view: what `kgx render` and the HTML viewer show of a graph too large to read.
//!
//! A diagram holds about a hundred names before it turns into a hairball, and Graphviz lays out
//! a few hundred in seconds but a few thousand in minutes. So a graph with more than
//! [`READABLE_ENTITIES`] linked entities or [`READABLE_LINKS`] links is shown, unless the user
//! asks for everything (`--all`) or prunes it themselves, as its view:
//!
//! 1. the [`VIEW_ENTITIES`] entities with the greatest strength (the sum of their link weights:
//!    the ones most often named beside others), ties broken by mentions, then id;
//! 2. the links among them, thinned to each one's [`VIEW_LINKS_PER_ENTITY`] strongest (a link
//!    stays when it is among the strongest of either end, as `--top-k-per-node`), so that a
//!    hub such as a country named beside everyone does not draw a star over the picture;
//! 3. entities left without a link dropped.
//!
//! The rule is the same for every graph and does not look at names, so the view of the same
//! graph is always the same; [`View::summary`] says what was kept, in the words the commands
//! print ("showing the backbone: 100 of 1,568 entities (the most linked), 171 of 3,826 links
//! (each one's 2 strongest)").

use std::cmp::Ordering;
use std::collections::HashSet;

use super::centrality::strength;
use super::prune::{prune, PruneOptions};
use super::Graph;

/// Most linked entities a graph may have to be shown whole by default.
pub const READABLE_ENTITIES: usize = 150;
/// Most links a graph may have to be shown whole by default.
pub const READABLE_LINKS: usize = 400;
/// Entities the view keeps, at most.
pub const VIEW_ENTITIES: usize = 100;
/// Links per entity the view keeps (each entity's strongest).
pub const VIEW_LINKS_PER_ENTITY: usize = 2;

/// A readable part of a larger graph.
#[derive(Debug, Clone)]
pub struct View {
    /// What is shown.
    pub graph: Graph,
    /// Entities in the whole graph.
    pub all_entities: usize,
    /// Links in the whole graph.
    pub all_links: usize,
}

impl View {
    /// One line for stderr: what the view keeps of the whole graph.
    pub fn summary(&self) -> String {
        format!(
            "showing the backbone: {} of {} entities (the most linked), {} of {} links \
             (each one's {} strongest)",
            thousands(self.graph.node_count() as u64),
            thousands(self.all_entities as u64),
            thousands(self.graph.edge_count() as u64),
            thousands(self.all_links as u64),
            VIEW_LINKS_PER_ENTITY,
        )
    }
}

/// Whether `graph` is too large to be read whole: more than [`READABLE_ENTITIES`] linked
/// entities or [`READABLE_LINKS`] links.
pub fn too_large(graph: &Graph) -> bool {
    graph.edge_count() > READABLE_LINKS || linked(graph).len() > READABLE_ENTITIES
}

/// The readable view of `graph`, or `None` when the graph is small enough to be shown whole.
///
/// # Complexity
/// O(n log n + m log m): a sort by strength, then [`prune`]'s `top_k_per_node`.
pub fn readable(graph: &Graph) -> Option<View> {
    if !too_large(graph) {
        return None;
    }
    let mut ranked: Vec<(String, f64)> = strength(graph)
        .into_iter()
        .filter(|(_, s)| *s > 0.0)
        .collect();
    let mentions = |id: &str| graph.node(id).map_or(0, |n| n.mentions);
    ranked.sort_by(|a, b| {
        b.1.partial_cmp(&a.1)
            .unwrap_or(Ordering::Equal)
            .then_with(|| mentions(&b.0).cmp(&mentions(&a.0)))
            .then_with(|| a.0.cmp(&b.0))
    });
    let chosen: HashSet<String> = ranked
        .into_iter()
        .take(VIEW_ENTITIES)
        .map(|(id, _)| id)
        .collect();
    let induced = graph.filtered(|n| chosen.contains(&n.id), |_, _, _| true);
    let thinned = prune(
        &induced,
        &PruneOptions {
            top_k_per_node: Some(VIEW_LINKS_PER_ENTITY),
            ..PruneOptions::default()
        },
    );
    Some(View {
        graph: thinned,
        all_entities: graph.node_count(),
        all_links: graph.edge_count(),
    })
}

fn linked(graph: &Graph) -> HashSet<&str> {
    graph
        .edges()
        .flat_map(|(s, t, _)| [s.id.as_str(), t.id.as_str()])
        .collect()
}

/// `n` with a comma between each group of three digits: 1568 → "1,568".
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::weighted;

    /// `hubs` hubs, each with `leaves` leaves linked to it with weights 1, 2, …; hub `h` is
    /// also linked to hub `h + 1` with weight 100.
    fn stars(hubs: usize, leaves: usize) -> Graph {
        let names: Vec<String> = (0..hubs)
            .flat_map(|h| {
                std::iter::once(format!("h{h:03}"))
                    .chain((0..leaves).map(move |l| format!("h{h:03}-l{l:03}")))
            })
            .collect();
        let mut edges: Vec<(String, String, u64)> = Vec::new();
        for h in 0..hubs {
            for l in 0..leaves {
                edges.push((format!("h{h:03}"), format!("h{h:03}-l{l:03}"), l as u64 + 1));
            }
            if h + 1 < hubs {
                edges.push((format!("h{h:03}"), format!("h{:03}", h + 1), 100));
            }
        }
        let nodes: Vec<&str> = names.iter().map(String::as_str).collect();
        let edges: Vec<(&str, &str, u64)> = edges
            .iter()
            .map(|(s, t, w)| (s.as_str(), t.as_str(), *w))
            .collect();
        weighted(&nodes, &edges)
    }

    #[test]
    fn small_graphs_are_shown_whole() {
        for (hubs, leaves) in [(1, 10), (3, 40), (1, READABLE_ENTITIES - 1)] {
            let graph = stars(hubs, leaves);
            assert!(!too_large(&graph), "{hubs}×{leaves}");
            assert!(readable(&graph).is_none());
        }
    }

    #[test]
    fn a_large_graph_keeps_its_most_linked_entities_and_their_strongest_links() {
        let graph = stars(10, 40);
        assert_eq!(graph.node_count(), 410);
        let view = readable(&graph).expect("410 entities is too many");
        assert!(view.graph.node_count() <= VIEW_ENTITIES);
        // Every hub (strength 100+ from the hub chain) is in, linked to its neighbour hubs.
        for h in 0..10 {
            assert!(view.graph.node(&format!("h{h:03}")).is_some(), "hub {h}");
        }
        assert!(view.graph.degree("h000") >= 1);
        // No entity is left without a link, and no entity has more than the links kept for it
        // plus those others keep for it.
        for node in view.graph.nodes() {
            assert!(view.graph.degree(&node.id) >= 1, "{}", node.id);
        }
        // The leaves kept are each hub's strongest.
        assert!(view.graph.node("h000-l039").is_some());
        assert!(view.graph.node("h000-l000").is_none());
        assert_eq!((view.all_entities, view.all_links), (410, 409));
        let summary = view.summary();
        assert!(
            summary.starts_with("showing the backbone: ") && summary.contains(" of 410 entities"),
            "{summary}"
        );
    }

    #[test]
    fn the_same_graph_gives_the_same_view() {
        let graph = stars(6, 60);
        let a = readable(&graph).unwrap().graph;
        let b = readable(&graph).unwrap().graph;
        let ids = |g: &Graph| {
            g.edges()
                .map(|(s, t, _)| (s.id.clone(), t.id.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&a), ids(&b));
    }

    #[test]
    fn thousands_are_grouped_by_commas() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1568, "1,568"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), text);
        }
    }
}
