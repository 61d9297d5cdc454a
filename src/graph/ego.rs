//! Ego graphs: the neighbourhood of one entity as a graph of its own (`kgx ego`).

use std::collections::{HashSet, VecDeque};

use super::Graph;

/// The subgraph of `graph` within `depth` links of `centre`: those nodes and every edge among
/// them.
///
/// # Complexity
/// A breadth-first search: O(V + E) time over the reached part, then O(V + E) to copy the
/// subgraph out.
pub fn ego_graph(graph: &Graph, centre: &str, depth: usize) -> Graph {
    let mut reached: HashSet<String> = HashSet::from([centre.to_string()]);
    let mut queue = VecDeque::from([(centre.to_string(), 0)]);
    while let Some((id, distance)) = queue.pop_front() {
        if distance == depth {
            continue;
        }
        for (other, _) in graph.neighbors(&id) {
            if reached.insert(other.id.clone()) {
                queue.push_back((other.id.clone(), distance + 1));
            }
        }
    }
    graph.filtered(|n| reached.contains(&n.id), |_, _, _| true)
}
