//! Pruning: making a large graph readable by keeping its significant links.
//!
//! Filters apply in this order, each to the result of the previous one:
//!
//! 1. `min_weight`, `min_docs`: drop links seen in fewer windows or documents.
//! 2. `backbone_alpha`: the disparity filter (Serrano, Boguñá, Vespignani, PNAS 2009). For a
//!    node with `k` links and strength `s`, a link of weight `w` is significant when
//!    `(1 − w/s)^(k−1) < α`, i.e. when it carries more of the node's weight than a random split
//!    would. A link is kept when it is significant for either end. A node with one link cannot
//!    judge it, so a link between two such nodes is kept, and otherwise the other end decides.
//! 3. `top_k_per_node`: a link is kept when it is among the `k` strongest links (by the chosen
//!    measure, then weight, then the other node's id) of either end.
//! 4. `largest_component`: only the largest connected component remains.
//! 5. Entities left without a link are dropped, unless `keep_isolated`: pruning is asked for to
//!    get a readable picture, and a column of unlinked names is not one.
//!
//! Options that prune nothing (the default) keep every entity, linked or not.

use std::collections::{HashMap, HashSet};

use super::weights::Measure;
use super::{Edge, Graph, Node};

/// What to prune; the default keeps everything.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PruneOptions {
    /// Drop links with a lower weight.
    pub min_weight: u64,
    /// Drop links seen in fewer documents.
    pub min_docs: u64,
    /// Disparity-filter significance level, if any (0 < α < 1).
    pub backbone_alpha: Option<f64>,
    /// Keep only each node's k strongest links, if set.
    pub top_k_per_node: Option<usize>,
    /// Measure that ranks links for `top_k_per_node`.
    pub measure: Measure,
    /// Keep only the largest connected component.
    pub largest_component: bool,
    /// Keep the entities that pruning leaves without a link.
    pub keep_isolated: bool,
}

impl PruneOptions {
    /// Whether these options change nothing.
    pub fn is_noop(&self) -> bool {
        self.min_weight <= 1
            && self.min_docs <= 1
            && self.backbone_alpha.is_none()
            && self.top_k_per_node.is_none()
            && !self.largest_component
    }
}

/// Applies `options` to `graph`.
///
/// # Complexity
/// O(n + m) for the thresholds, the backbone and the largest component; O(m log m) for
/// `top_k_per_node` (each node's links are sorted).
pub fn prune(graph: &Graph, options: &PruneOptions) -> Graph {
    let mut graph = graph.filtered(
        |_| true,
        |_, _, e| e.weight >= options.min_weight && e.documents >= options.min_docs,
    );
    if let Some(alpha) = options.backbone_alpha {
        graph = backbone(&graph, alpha);
    }
    if let Some(k) = options.top_k_per_node {
        graph = top_k(&graph, k, options.measure);
    }
    if options.largest_component {
        let keep: HashSet<String> = graph
            .components()
            .first()
            .map(|c| c.iter().map(|id| id.to_string()).collect())
            .unwrap_or_default();
        graph = graph.filtered(|n| keep.contains(&n.id), |_, _, _| true);
    }
    if !options.keep_isolated && !options.is_noop() {
        let linked: HashSet<String> = graph
            .edges()
            .flat_map(|(s, t, _)| [s.id.clone(), t.id.clone()])
            .collect();
        graph = graph.filtered(|n| linked.contains(&n.id), |_, _, _| true);
    }
    graph
}

fn backbone(graph: &Graph, alpha: f64) -> Graph {
    let mut degree: HashMap<&str, (u64, u64)> = HashMap::new();
    for (s, t, e) in graph.edges() {
        for id in [&s.id, &t.id] {
            let entry = degree.entry(id.as_str()).or_default();
            entry.0 += 1;
            entry.1 += e.weight;
        }
    }
    let significance = |node: &Node, edge: &Edge| -> Option<f64> {
        let (k, s) = degree.get(node.id.as_str()).copied().unwrap_or((0, 0));
        (k > 1).then(|| (1.0 - edge.weight as f64 / s as f64).powi(k as i32 - 1))
    };
    let keep: HashSet<(String, String)> = graph
        .edges()
        .filter(|(s, t, e)| match (significance(s, e), significance(t, e)) {
            (None, None) => true,
            (a, b) => a.is_some_and(|p| p < alpha) || b.is_some_and(|p| p < alpha),
        })
        .map(|(s, t, _)| (s.id.clone(), t.id.clone()))
        .collect();
    graph.filtered(
        |_| true,
        |s, t, _| keep.contains(&(s.id.clone(), t.id.clone())),
    )
}

fn top_k(graph: &Graph, k: usize, measure: Measure) -> Graph {
    let mut keep: HashSet<(String, String)> = HashSet::new();
    for node in graph.nodes() {
        let mut links: Vec<(f64, u64, &Node)> = graph
            .neighbors(&node.id)
            .into_iter()
            .map(|(other, edge)| {
                let (a, b) = if node.id < other.id {
                    (node, other)
                } else {
                    (other, node)
                };
                (measure.score(graph, a, b, edge), edge.weight, other)
            })
            .collect();
        links.sort_by(|x, y| {
            y.0.total_cmp(&x.0)
                .then(y.1.cmp(&x.1))
                .then_with(|| x.2.id.cmp(&y.2.id))
        });
        for (_, _, other) in links.into_iter().take(k) {
            let pair = if node.id < other.id {
                (node.id.clone(), other.id.clone())
            } else {
                (other.id.clone(), node.id.clone())
            };
            keep.insert(pair);
        }
    }
    graph.filtered(
        |_| true,
        |s, t, _| keep.contains(&(s.id.clone(), t.id.clone())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::with_documents;

    fn graph(edges: &[(&str, &str, u64, u64)]) -> Graph {
        with_documents(edges, &["lonely"])
    }

    fn edge_list(graph: &Graph) -> Vec<String> {
        graph
            .edges()
            .map(|(s, t, _)| format!("{}-{}", s.id, t.id))
            .collect()
    }

    const STAR_AND_PAIR: &[(&str, &str, u64, u64)] = &[
        ("hub", "a", 20, 3),
        ("hub", "b", 1, 1),
        ("hub", "c", 1, 1),
        ("hub", "d", 1, 2),
        ("x", "y", 2, 1),
    ];

    #[test]
    fn each_filter() {
        let g = graph(STAR_AND_PAIR);
        let cases: Vec<(PruneOptions, &[&str])> = vec![
            (
                PruneOptions::default(),
                &["a-hub", "b-hub", "c-hub", "d-hub", "x-y"],
            ),
            (
                PruneOptions {
                    min_weight: 2,
                    ..Default::default()
                },
                &["a-hub", "x-y"],
            ),
            (
                PruneOptions {
                    min_docs: 2,
                    ..Default::default()
                },
                &["a-hub", "d-hub"],
            ),
            (
                PruneOptions {
                    backbone_alpha: Some(0.05),
                    ..Default::default()
                },
                &["a-hub", "x-y"],
            ),
            (
                PruneOptions {
                    top_k_per_node: Some(1),
                    ..Default::default()
                },
                &["a-hub", "b-hub", "c-hub", "d-hub", "x-y"],
            ),
            (
                PruneOptions {
                    largest_component: true,
                    ..Default::default()
                },
                &["a-hub", "b-hub", "c-hub", "d-hub"],
            ),
        ];
        for (options, expected) in cases {
            assert_eq!(edge_list(&prune(&g, &options)), expected, "{options:?}");
        }
    }

    #[test]
    fn entities_left_without_links_go_unless_kept() {
        let g = graph(STAR_AND_PAIR);
        let heavy_only = PruneOptions {
            min_weight: 2,
            ..Default::default()
        };
        let pruned = prune(&g, &heavy_only);
        let ids: Vec<&str> = pruned.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            ["a", "hub", "x", "y"],
            "b, c, d and lonely lost every link"
        );
        let kept = prune(
            &g,
            &PruneOptions {
                keep_isolated: true,
                ..heavy_only
            },
        );
        assert_eq!(kept.node_count(), g.node_count());
        // Options that prune nothing keep every entity, linked or not.
        let untouched = prune(&g, &PruneOptions::default());
        assert!(untouched.node("lonely").is_some());
        let largest = prune(
            &g,
            &PruneOptions {
                largest_component: true,
                ..Default::default()
            },
        );
        assert_eq!(largest.node_count(), 5);
        assert!(largest.node("lonely").is_none());
    }

    #[test]
    fn components_are_sorted_largest_first() {
        let g = graph(STAR_AND_PAIR);
        assert_eq!(
            g.components(),
            [
                vec!["a", "b", "c", "d", "hub"],
                vec!["x", "y"],
                vec!["lonely"]
            ]
        );
    }
}
