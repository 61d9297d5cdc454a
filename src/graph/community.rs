//! Community detection: groups of entities more linked among themselves than with the rest.
//!
//! [`louvain`] is the Louvain method (Blondel et al., 2008) as NetworkX 3.4 runs it in
//! `louvain_communities(G, weight="weight")`, and [`modularity`] is NetworkX's
//! `community.modularity(G, communities, weight="weight")`: for every community, the share of
//! link weight inside it minus `resolution ×` the square of its share of the total strength.
//!
//! The method alternates two phases until modularity stops improving:
//!
//! 1. **Local moving.** Every node starts alone. Nodes are visited in order, and each joins
//!    the neighbouring community that raises modularity most (or stays); passes repeat until
//!    one moves no node.
//! 2. **Aggregation.** Each community becomes one node, whose self-loop holds the weight inside
//!    the community, linked to the others by the summed weight between them.
//!
//! It stops after a level that moves no node, or whose modularity gain is at most `1e-7`
//! (NetworkX's threshold); that level's partition is the answer.
//!
//! NetworkX visits nodes in a random order. Here the result must not depend on chance, so:
//! nodes are visited in id order (and aggregated nodes in the order of their smallest member
//! id); a node moves only when a community is strictly better than staying; among equally good
//! communities the smallest community number wins. Link weights are integers, so the gains
//! compared are exact sums and equal gains really compare equal. The result can differ from any
//! one NetworkX run, but its modularity is as good (the integration tests check it against
//! NetworkX on the seed graph). Isolated nodes are never moved, so each is its own community.
//!
//! We wrote it rather than take a crate: the Rust candidates found (leiden-rs, graphrs,
//! rust-igraph, xgraph) either shuffle nodes with a seeded random generator, implement Leiden
//! rather than Louvain, or work on their own graph types, and none promises this visiting
//! order; the method itself is about a hundred lines.

use std::collections::BTreeMap;

use petgraph::visit::EdgeRef;

use crate::graph::Graph;

/// Resolution of [`louvain`] and [`modularity`] that gives standard modularity.
pub const DEFAULT_RESOLUTION: f64 = 1.0;

/// A level whose modularity gain is at most this ends the method (as in NetworkX).
const GAIN_THRESHOLD: f64 = 1e-7;

/// Local moving stops after this many passes even if nodes still move. With exact integer
/// weights a pass without moves always comes first; the cap only guards against rounding
/// (a fractional resolution) making two moves undo each other forever.
const MAX_PASSES: usize = 1000;

/// A partition of the nodes into communities, numbered from 0 by size: 0 is the largest,
/// equal sizes are ordered by their smallest member id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Communities {
    assignment: BTreeMap<String, usize>,
    sizes: Vec<usize>,
}

impl Communities {
    /// Groups node ids by label (nodes with the same label form one community) and numbers
    /// the groups in the canonical order. If an id is given twice, its last label counts.
    ///
    /// ```
    /// use kgx::graph::community::Communities;
    ///
    /// let communities = Communities::from_labels([("b", 'x'), ("c", 'y'), ("a", 'y')].map(|(id, l)| (id.to_string(), l)));
    /// assert_eq!(communities.members(), [vec!["a", "c"], vec!["b"]]);
    /// assert_eq!(communities.community("b"), Some(1));
    /// ```
    pub fn from_labels<L: Ord>(labels: impl IntoIterator<Item = (String, L)>) -> Communities {
        let by_id: BTreeMap<String, L> = labels.into_iter().collect();
        let mut groups: BTreeMap<&L, Vec<&str>> = BTreeMap::new();
        for (id, label) in &by_id {
            groups.entry(label).or_default().push(id);
        }
        // Members were pushed in id order, so each group's first member is its smallest.
        let mut groups: Vec<Vec<&str>> = groups.into_values().collect();
        groups.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a[0].cmp(b[0])));
        let mut assignment = BTreeMap::new();
        for (number, group) in groups.iter().enumerate() {
            for id in group {
                assignment.insert((*id).to_string(), number);
            }
        }
        let sizes = groups.iter().map(Vec::len).collect();
        Communities { assignment, sizes }
    }

    /// The community of node `id`.
    pub fn community(&self, id: &str) -> Option<usize> {
        self.assignment.get(id).copied()
    }

    /// Number of communities.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Whether there are no communities (the graph had no nodes).
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// Number of members of each community, by community number (so never increasing).
    pub fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// `(node id, community)` for every node, in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, usize)> {
        self.assignment.iter().map(|(id, &c)| (id.as_str(), c))
    }

    /// The member ids of each community, by community number, each list in id order.
    pub fn members(&self) -> Vec<Vec<&str>> {
        let mut members = vec![Vec::new(); self.len()];
        for (id, community) in self.iter() {
            members[community].push(id);
        }
        members
    }
}

/// Finds communities with the Louvain method (see the module documentation), deterministically.
///
/// `resolution` is [`DEFAULT_RESOLUTION`] for standard modularity; above 1 it favours smaller
/// communities, below 1 larger ones. Every node of the graph gets a community.
///
/// # Complexity
/// O(L · P · m) for L levels and P local-moving passes per level (each pass visits every link
/// once); both are small in practice (the BBC graph: a few levels, a few passes each), and P is
/// capped at 1,000.
pub fn louvain(graph: &Graph, resolution: f64) -> Communities {
    let mut network = Network::from_graph(graph);
    // The community of each node of the graph at the current level.
    let mut membership: Vec<usize> = (0..graph.node_count()).collect();
    if network.total > 0.0 {
        let mut current = network.modularity(&membership, resolution);
        // A level that moves no node, or gains too little, is the last.
        while let Some((community, count)) = network.move_nodes(resolution) {
            for m in &mut membership {
                *m = community[*m];
            }
            let improved = network.modularity(&community, resolution);
            if improved - current <= GAIN_THRESHOLD {
                break;
            }
            current = improved;
            network = network.aggregate(&community, count);
        }
    }
    Communities::from_labels(graph.nodes().map(|n| n.id.clone()).zip(membership))
}

/// Weighted modularity of `communities` on `graph`, as NetworkX's
/// `community.modularity(G, communities, weight="weight", resolution=resolution)`.
///
/// Nodes of the graph that `communities` does not mention count as communities of their own;
/// ids that are not in the graph are ignored. A graph without link weight has no modularity
/// (NetworkX divides by zero); this returns 0 for it.
///
/// # Complexity
/// O(n + m).
pub fn modularity(graph: &Graph, communities: &Communities, resolution: f64) -> f64 {
    let mut unassigned = communities.len();
    let mut labels = Vec::with_capacity(graph.node_count());
    for node in graph.nodes() {
        labels.push(communities.community(&node.id).unwrap_or_else(|| {
            unassigned += 1;
            unassigned - 1
        }));
    }
    Network::from_graph(graph).modularity(&labels, resolution)
}

/// A weighted undirected graph on nodes `0..n`, with self-loops: the original graph at the
/// first level, communities of the level below after that.
#[derive(Debug)]
struct Network {
    /// Neighbours (self excluded) with the link weight, in index order.
    neighbours: Vec<Vec<(usize, f64)>>,
    /// Weight of each node's self-loop: the link weight inside the community it stands for.
    self_loops: Vec<f64>,
    /// Weighted degree, self-loops counted twice.
    strength: Vec<f64>,
    /// Total link weight `m`, the same at every level.
    total: f64,
}

impl Network {
    fn from_graph(graph: &Graph) -> Network {
        let n = graph.node_count();
        let mut neighbours = vec![Vec::new(); n];
        let mut strength = vec![0.0; n];
        let mut total = 0.0;
        // Zero-weight links change no sum; leaving them out keeps "has a neighbour" meaningful.
        for edge in graph
            .inner
            .edge_references()
            .filter(|e| e.weight().weight > 0)
        {
            let (s, t) = (edge.source().index(), edge.target().index());
            let weight = edge.weight().weight as f64;
            neighbours[s].push((t, weight));
            neighbours[t].push((s, weight));
            strength[s] += weight;
            strength[t] += weight;
            total += weight;
        }
        for list in &mut neighbours {
            list.sort_by_key(|&(v, _)| v);
        }
        Network {
            neighbours,
            self_loops: vec![0.0; n],
            strength,
            total,
        }
    }

    fn len(&self) -> usize {
        self.strength.len()
    }

    /// Modularity of the partition that puts node `u` in `community[u]`.
    fn modularity(&self, community: &[usize], resolution: f64) -> f64 {
        if self.total <= 0.0 {
            return 0.0;
        }
        let count = community.iter().max().map_or(0, |&c| c + 1);
        let mut inside = vec![0.0; count];
        let mut strength = vec![0.0; count];
        for u in 0..self.len() {
            let c = community[u];
            inside[c] += self.self_loops[u];
            strength[c] += self.strength[u];
            for &(v, weight) in &self.neighbours[u] {
                if v > u && community[v] == c {
                    inside[c] += weight;
                }
            }
        }
        let norm = 1.0 / (4.0 * self.total * self.total);
        inside
            .iter()
            .zip(&strength)
            .map(|(inside, strength)| inside / self.total - resolution * strength * strength * norm)
            .sum()
    }

    /// The local-moving phase. Returns each node's community, numbered from 0 in the order of
    /// the communities' smallest node, and the number of communities; `None` if no node moved.
    fn move_nodes(&self, resolution: f64) -> Option<(Vec<usize>, usize)> {
        let n = self.len();
        let mut community: Vec<usize> = (0..n).collect();
        let mut community_strength = self.strength.clone();
        let two_m = 2.0 * self.total;
        let mut weight_to = vec![0.0; n];
        let mut touched: Vec<usize> = Vec::new();
        let mut moved = false;
        for _ in 0..MAX_PASSES {
            let mut moves = 0;
            for u in 0..n {
                for &(v, weight) in &self.neighbours[u] {
                    let c = community[v];
                    if !touched.contains(&c) {
                        touched.push(c);
                    }
                    weight_to[c] += weight;
                }
                let k = self.strength[u];
                let own = community[u];
                community_strength[own] -= k;
                // Modularity gain of joining c, times m, up to a term that is the same for
                // every c (NetworkX's `gain`, rearranged).
                let score =
                    |c: usize| weight_to[c] - resolution * community_strength[c] * k / two_m;
                let (mut best, mut best_score) = (own, score(own));
                touched.sort_unstable();
                for &c in &touched {
                    let candidate = score(c);
                    if c != own && candidate > best_score {
                        (best, best_score) = (c, candidate);
                    }
                }
                community_strength[best] += k;
                for &c in &touched {
                    weight_to[c] = 0.0;
                }
                touched.clear();
                if best != own {
                    community[u] = best;
                    moves += 1;
                    moved = true;
                }
            }
            if moves == 0 {
                break;
            }
        }
        if !moved {
            return None;
        }
        let mut number = vec![usize::MAX; n];
        let mut count = 0;
        for c in &mut community {
            if number[*c] == usize::MAX {
                number[*c] = count;
                count += 1;
            }
            *c = number[*c];
        }
        Some((community, count))
    }

    /// The aggregation phase: one node per community, numbered as in `community`.
    fn aggregate(&self, community: &[usize], count: usize) -> Network {
        let mut self_loops = vec![0.0; count];
        let mut strength = vec![0.0; count];
        let mut between: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for u in 0..self.len() {
            let c = community[u];
            self_loops[c] += self.self_loops[u];
            strength[c] += self.strength[u];
            for &(v, weight) in &self.neighbours[u] {
                let d = community[v];
                if v < u {
                    continue;
                }
                if c == d {
                    self_loops[c] += weight;
                } else {
                    *between.entry((c.min(d), c.max(d))).or_default() += weight;
                }
            }
        }
        let mut neighbours = vec![Vec::new(); count];
        for ((a, b), weight) in between {
            neighbours[a].push((b, weight));
            neighbours[b].push((a, weight));
        }
        for list in &mut neighbours {
            list.sort_by_key(|&(v, _)| v);
        }
        Network {
            neighbours,
            self_loops,
            strength,
            total: self.total,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::weighted;

    type Edges = &'static [(&'static str, &'static str, u64)];
    /// Member ids by community number.
    type Members = &'static [&'static [&'static str]];

    const TRIANGLES: Edges = &[
        ("a", "b", 1),
        ("a", "c", 1),
        ("b", "c", 1),
        ("c", "d", 1),
        ("d", "e", 1),
        ("d", "f", 1),
        ("e", "f", 1),
    ];

    fn graph(edges: Edges, isolated: &[&'static str]) -> Graph {
        let mut ids: Vec<&str> = edges.iter().flat_map(|&(s, t, _)| [s, t]).collect();
        ids.extend_from_slice(isolated);
        ids.sort_unstable();
        ids.dedup();
        weighted(&ids, edges)
    }

    #[test]
    fn louvain_finds_the_expected_communities() {
        // (name, edges, isolated nodes, resolution, expected members by community number)
        let cases: [(&str, Edges, &[&str], f64, Members); 8] = [
            ("empty graph", &[], &[], 1.0, &[]),
            ("no links", &[], &["b", "a"], 1.0, &[&["a"], &["b"]]),
            ("pair", &[("a", "b", 2)], &[], 1.0, &[&["a", "b"]]),
            (
                "star",
                &[("hub", "x", 1), ("hub", "y", 1), ("hub", "z", 1)],
                &[],
                1.0,
                &[&["hub", "x", "y", "z"]],
            ),
            (
                "two triangles joined by one link",
                TRIANGLES,
                &[],
                1.0,
                &[&["a", "b", "c"], &["d", "e", "f"]],
            ),
            (
                "isolated node",
                TRIANGLES,
                &["z"],
                1.0,
                &[&["a", "b", "c"], &["d", "e", "f"], &["z"]],
            ),
            (
                "weights decide",
                &[("a", "b", 5), ("b", "c", 1), ("c", "d", 5)],
                &[],
                1.0,
                &[&["a", "b"], &["c", "d"]],
            ),
            (
                "high resolution leaves everyone alone",
                TRIANGLES,
                &[],
                10.0,
                &[&["a"], &["b"], &["c"], &["d"], &["e"], &["f"]],
            ),
        ];
        for (name, edges, isolated, resolution, expected) in cases {
            let communities = louvain(&graph(edges, isolated), resolution);
            assert_eq!(communities.members(), expected, "{name}");
        }
    }

    #[test]
    fn two_level_louvain_merges_communities() {
        // Four triangles in a ring: the first level finds the triangles (modularity
        // 0.5); merging two of them would lower it to 0.375.
        let edges: Edges = &[
            ("a1", "a2", 1),
            ("a1", "a3", 1),
            ("a2", "a3", 1),
            ("b1", "b2", 1),
            ("b1", "b3", 1),
            ("b2", "b3", 1),
            ("c1", "c2", 1),
            ("c1", "c3", 1),
            ("c2", "c3", 1),
            ("d1", "d2", 1),
            ("d1", "d3", 1),
            ("d2", "d3", 1),
            ("a3", "b1", 1),
            ("b3", "c1", 1),
            ("c3", "d1", 1),
            ("d3", "a1", 1),
        ];
        let g = graph(edges, &[]);
        let communities = louvain(&g, 1.0);
        assert_eq!(
            communities.members(),
            [
                ["a1", "a2", "a3"],
                ["b1", "b2", "b3"],
                ["c1", "c2", "c3"],
                ["d1", "d2", "d3"]
            ]
        );
        // Four triangles of 3 internal links out of 16, each holding a quarter of the strength.
        assert!((modularity(&g, &communities, 1.0) - (0.75 - 0.25)).abs() < 1e-12);

        // With a low resolution the first level still finds the triangles (0.675) and the
        // second joins them in pairs (0.725). The triangle of a1 could pair with either
        // neighbour, equally well: the smaller community number, b's, wins.
        let merged = louvain(&g, 0.3);
        assert_eq!(
            merged.members(),
            [
                ["a1", "a2", "a3", "b1", "b2", "b3"],
                ["c1", "c2", "c3", "d1", "d2", "d3"]
            ]
        );
        assert!((modularity(&g, &merged, 0.3) - 0.725).abs() < 1e-12);
    }

    #[test]
    fn modularity_matches_hand_computed_values() {
        let g = graph(TRIANGLES, &["z"]);
        let split = Communities::from_labels(
            [
                ("a", 0),
                ("b", 0),
                ("c", 0),
                ("d", 1),
                ("e", 1),
                ("f", 1),
                ("z", 2),
            ]
            .map(|(id, l)| (id.to_string(), l)),
        );
        let whole = Communities::from_labels(
            ["a", "b", "c", "d", "e", "f", "z"].map(|id| (id.to_string(), 0)),
        );
        // m = 7; strengths 2, 2, 3, 3, 2, 2, 0.
        let cases = [
            ("split", split.clone(), 1.0, 5.0 / 14.0),
            ("split, resolution 2", split, 2.0, 6.0 / 7.0 - 1.0),
            ("one community", whole, 1.0, 0.0),
            // Nobody assigned: everyone alone.
            ("singletons", Communities::default(), 1.0, -34.0 / 196.0),
        ];
        for (name, communities, resolution, expected) in cases {
            let actual = modularity(&g, &communities, resolution);
            assert!(
                (actual - expected).abs() < 1e-12,
                "{name}: {actual} != {expected}"
            );
        }
        assert_eq!(
            modularity(&graph(&[], &["a"]), &Communities::default(), 1.0),
            0.0
        );
    }

    #[test]
    fn communities_are_numbered_by_size_then_smallest_member() {
        let cases: [(&[(&str, u32)], Members); 4] = [
            (&[], &[]),
            (&[("b", 1), ("a", 2)], &[&["a"], &["b"]]),
            (
                &[("f", 9), ("a", 7), ("b", 7), ("c", 3), ("d", 3), ("e", 3)],
                &[&["c", "d", "e"], &["a", "b"], &["f"]],
            ),
            // The last label of a repeated id counts.
            (&[("a", 1), ("b", 2), ("a", 2)], &[&["a", "b"]]),
        ];
        for (labels, expected) in cases {
            let communities =
                Communities::from_labels(labels.iter().map(|&(id, l)| (id.to_string(), l)));
            assert_eq!(communities.members(), expected, "{labels:?}");
            let sizes: Vec<usize> = expected.iter().map(|m| m.len()).collect();
            assert_eq!(communities.sizes(), sizes);
        }
    }

    #[test]
    fn louvain_is_deterministic() {
        let g = graph(TRIANGLES, &["z"]);
        let first = louvain(&g, 1.0);
        for _ in 0..5 {
            assert_eq!(louvain(&g, 1.0), first);
        }
    }
}
