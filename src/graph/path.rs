//! Shortest paths between two entities.
//!
//! By hops (breadth-first search), or by strongest links (Dijkstra with the cost of a link
//! `1 / weight`, so a chain of heavy links beats a short chain of weak ones). Ties are broken by
//! node id, so the answer is the same on every run.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

use super::{Edge, Graph, Node};

/// How path length is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathCost {
    /// Number of links.
    Hops,
    /// Sum of `1 / weight` over the links.
    StrongestLinks,
}

/// One step of a path: the node reached and the link that reached it (`None` for the start).
pub type Step<'g> = (&'g Node, Option<&'g Edge>);

/// The shortest path from `from` to `to` (both ids), or `None` when they are not connected.
///
/// # Complexity
/// Hops: O(n + m) (breadth-first search); strongest links: O((n + m) log n) (Dijkstra with a
/// binary heap).
pub fn shortest_path<'g>(
    graph: &'g Graph,
    from: &str,
    to: &str,
    cost: PathCost,
) -> Option<Vec<Step<'g>>> {
    let start = graph.node(from)?;
    graph.node(to)?;
    // previous[id] = (previous node, edge used)
    let mut previous: HashMap<&str, (&'g Node, &'g Edge)> = HashMap::new();
    match cost {
        PathCost::Hops => {
            let mut queue = VecDeque::from([start]);
            let mut seen = std::collections::HashSet::from([start.id.as_str()]);
            while let Some(node) = queue.pop_front() {
                if node.id == to {
                    break;
                }
                let mut next = graph.neighbors(&node.id);
                next.sort_by(|a, b| a.0.id.cmp(&b.0.id));
                for (other, edge) in next {
                    if seen.insert(other.id.as_str()) {
                        previous.insert(other.id.as_str(), (node, edge));
                        queue.push_back(other);
                    }
                }
            }
        }
        PathCost::StrongestLinks => {
            // Costs as integers of 1e-9 units keep the heap ordering total and deterministic.
            let mut best: HashMap<&str, u64> = HashMap::from([(start.id.as_str(), 0)]);
            let mut heap = BinaryHeap::from([Reverse((0u64, start.id.as_str()))]);
            while let Some(Reverse((distance, id))) = heap.pop() {
                if id == to {
                    break;
                }
                if best.get(id).is_some_and(|&d| d < distance) {
                    continue;
                }
                let Some(node) = graph.node(id) else { continue };
                for (other, edge) in graph.neighbors(id) {
                    let step = (1e9 / edge.weight.max(1) as f64).round() as u64;
                    let candidate = distance + step;
                    let better = best.get(other.id.as_str()).is_none_or(|&d| {
                        candidate < d
                            || (candidate == d
                                && previous
                                    .get(other.id.as_str())
                                    .is_some_and(|(p, _)| node.id < p.id))
                    });
                    if better {
                        best.insert(other.id.as_str(), candidate);
                        previous.insert(other.id.as_str(), (node, edge));
                        heap.push(Reverse((candidate, other.id.as_str())));
                    }
                }
            }
        }
    }
    let mut steps = Vec::new();
    let mut at = graph.node(to)?;
    while at.id != from {
        let (previous_node, edge) = previous.get(at.id.as_str())?;
        steps.push((at, Some(*edge)));
        at = previous_node;
    }
    steps.push((start, None));
    steps.reverse();
    Some(steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::with_documents;

    fn graph(edges: &[(&str, &str, u64)]) -> Graph {
        let edges: Vec<(&str, &str, u64, u64)> =
            edges.iter().map(|&(s, t, w)| (s, t, w, 1)).collect();
        with_documents(&edges, &["island"])
    }

    fn ids(path: Option<Vec<Step<'_>>>) -> Option<Vec<String>> {
        path.map(|p| {
            p.iter()
                .map(|(n, e)| {
                    format!(
                        "{}{}",
                        e.map_or(String::new(), |e| format!("-{}-", e.weight)),
                        n.id
                    )
                })
                .collect()
        })
    }

    // a–b–d is two weak hops; a–c–e–d is three strong ones.
    const EDGES: &[(&str, &str, u64)] = &[
        ("a", "b", 1),
        ("b", "d", 1),
        ("a", "c", 10),
        ("c", "e", 10),
        ("e", "d", 10),
    ];

    #[test]
    fn hops_take_the_fewest_links() {
        let g = graph(EDGES);
        assert_eq!(
            ids(shortest_path(&g, "a", "d", PathCost::Hops)),
            Some(vec!["a".into(), "-1-b".into(), "-1-d".into()])
        );
    }

    #[test]
    fn strongest_links_take_the_heaviest_chain() {
        let g = graph(EDGES);
        assert_eq!(
            ids(shortest_path(&g, "a", "d", PathCost::StrongestLinks)),
            Some(vec![
                "a".into(),
                "-10-c".into(),
                "-10-e".into(),
                "-10-d".into()
            ])
        );
    }

    #[test]
    fn unconnected_and_unknown_and_trivial() {
        let g = graph(EDGES);
        assert_eq!(ids(shortest_path(&g, "a", "island", PathCost::Hops)), None);
        assert_eq!(ids(shortest_path(&g, "a", "nobody", PathCost::Hops)), None);
        assert_eq!(
            ids(shortest_path(&g, "a", "a", PathCost::Hops)),
            Some(vec!["a".into()])
        );
    }
}
