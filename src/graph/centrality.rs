//! Centrality measures over the entity graph: who is most linked, most linked-to and most
//! in between.
//!
//! Every measure returns `(node id, score)` pairs in node-id order, so output built from them
//! is deterministic. The definitions are NetworkX's, and the integration tests check the
//! numbers against NetworkX 3.4.2 on the seed graph:
//!
//! - [`degree`] is `degree_centrality`: links divided by `n - 1`;
//! - [`strength`] is the weighted degree (`G.degree(weight="weight")`);
//! - [`pagerank`] is `pagerank(G, weight="weight")`, the same power iteration step by step
//!   (written here because petgraph's `page_rank` ignores edge weights);
//! - [`betweenness`] is `betweenness_centrality(G, normalized=True, weight=None)`.
//!
//! **Large graphs.** Exact betweenness costs one breadth-first search per node, O(n·m): seconds
//! for thousands of entities, hours for a corpus graph of a hundred thousand. Above
//! [`EXACT_BETWEENNESS_MAX_NODES`] nodes, [`betweenness_estimate`] runs the searches from
//! [`BETWEENNESS_SAMPLES`] sources spread evenly over the node-id order and scales the sums by
//! `n / k` (Brandes and Pich's estimator, NetworkX's `betweenness_centrality(k=…)` with fixed
//! sources instead of random ones, so the output is the same on every run), reporting progress
//! as it goes.
//!
//! Betweenness comes from `rustworkx-core` (Qiskit's graph library, the Rust core of
//! rustworkx), which runs Brandes' algorithm on petgraph 0.8 graphs, so it works on the
//! wrapped graph without a copy. It parallelises above a node-count threshold and then adds
//! each source's contribution in whatever order the threads finish, which can change the last
//! bits of a score; we set the threshold to `usize::MAX` so it always runs on one thread, with
//! sources in node-id order, and gives the same bits every time.

use petgraph::visit::EdgeRef;

use crate::error::{Error, Result};
use crate::graph::Graph;

/// Damping (teleport complement) of [`pagerank`], as in NetworkX.
pub const DEFAULT_DAMPING: f64 = 0.85;

/// Convergence tolerance of [`pagerank`], per node.
///
/// Tighter than NetworkX's default (`1e-6`) so that scores are good to about ten digits.
pub const DEFAULT_TOLERANCE: f64 = 1e-10;

/// Iteration limit of [`pagerank`].
///
/// Higher than NetworkX's 100 because of the tighter tolerance: the error shrinks by about the
/// damping factor per iteration on a bipartite graph such as a star, so `1e-10` needs some 140.
pub const DEFAULT_MAX_ITERATIONS: usize = 1000;

/// Degree centrality: each node's number of links divided by `n - 1`, the most it could have.
///
/// As in NetworkX, a graph of a single node gives that node `1.0` (it is linked to all the
/// other nodes there are).
///
/// # Complexity
/// O(n + m) for n nodes and m links.
pub fn degree(graph: &Graph) -> Vec<(String, f64)> {
    let n = graph.node_count();
    if n <= 1 {
        return with_ids(graph, vec![1.0; n]);
    }
    let scale = 1.0 / (n - 1) as f64;
    let mut degrees = vec![0usize; n];
    for edge in graph.inner.edge_references() {
        degrees[edge.source().index()] += 1;
        degrees[edge.target().index()] += 1;
    }
    with_ids(graph, degrees.into_iter().map(|d| d as f64 * scale))
}

/// Strength (weighted degree): the sum of the weights of each node's links.
///
/// # Complexity
/// O(n + m).
pub fn strength(graph: &Graph) -> Vec<(String, f64)> {
    with_ids(graph, strengths(graph))
}

/// Weighted PageRank, computed as NetworkX's `pagerank(G, alpha=damping, weight="weight")`.
///
/// Each link counts as two directed edges of its weight, so a node hands its rank to its
/// neighbours in proportion to the link weights. A node without links (or whose links all weigh
/// zero) spreads its rank uniformly over all nodes; teleports are uniform. The iteration starts
/// from the uniform vector and stops when the L1 change of one step is below
/// `n * tolerance`. The scores sum to 1.
///
/// # Errors
/// [`Error::InvalidParameter`] when `damping` is not within `[0, 1]` or `tolerance` is not
/// positive; [`Error::NoConvergence`] when `max_iterations` steps are not enough.
///
/// # Example
/// ```
/// # use kgx::graph::centrality::{pagerank, DEFAULT_DAMPING, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS};
/// # fn scores(graph: &kgx::graph::Graph) -> kgx::Result<()> {
/// for (id, score) in pagerank(graph, DEFAULT_DAMPING, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS)? {
///     println!("{id}\t{score:.6}");
/// }
/// # Ok(())
/// # }
/// ```
///
/// # Complexity
/// O(I · (n + m)) for I iterations (at most `max_iterations`; about 140 for `1e-10` on a star).
pub fn pagerank(
    graph: &Graph,
    damping: f64,
    tolerance: f64,
    max_iterations: usize,
) -> Result<Vec<(String, f64)>> {
    if !(0.0..=1.0).contains(&damping) {
        return Err(Error::InvalidParameter {
            name: "PageRank damping",
            expected: "between 0 and 1",
            value: damping,
        });
    }
    if tolerance.is_nan() || tolerance <= 0.0 {
        return Err(Error::InvalidParameter {
            name: "PageRank tolerance",
            expected: "positive",
            value: tolerance,
        });
    }
    let n = graph.node_count();
    if n == 0 {
        return Ok(Vec::new());
    }
    // NetworkX scales each row of the adjacency matrix by 1 / strength; doing the same (rather
    // than dividing) keeps the rounding close to theirs.
    let inverse: Vec<f64> = strengths(graph)
        .into_iter()
        .map(|s| if s > 0.0 { 1.0 / s } else { 0.0 })
        .collect();
    let dangling: Vec<usize> = (0..n).filter(|&i| inverse[i] == 0.0).collect();
    let links: Vec<(usize, usize, f64)> = graph
        .inner
        .edge_references()
        .filter(|e| e.weight().weight > 0)
        .map(|e| {
            (
                e.source().index(),
                e.target().index(),
                e.weight().weight as f64,
            )
        })
        .collect();
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    for _ in 0..max_iterations {
        let mut next = vec![0.0; n];
        for &(s, t, w) in &links {
            next[t] += rank[s] * (w * inverse[s]);
            next[s] += rank[t] * (w * inverse[t]);
        }
        let dangling_rank: f64 = dangling.iter().map(|&i| rank[i]).sum();
        for value in &mut next {
            *value = damping * (*value + dangling_rank * uniform) + (1.0 - damping) * uniform;
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < n as f64 * tolerance {
            return Ok(with_ids(graph, rank));
        }
    }
    Err(Error::NoConvergence {
        algorithm: "PageRank",
        iterations: max_iterations,
    })
}

/// Betweenness centrality: the share of shortest paths between other nodes that pass through
/// each node, counting links as length 1 whatever their weight.
///
/// Normalised as NetworkX does for undirected graphs (by `2 / ((n - 1)(n - 2))`, no scaling
/// below three nodes), so a star's centre scores 1.
///
/// # Complexity
/// O(n · m) time and O(n + m) memory (Brandes: one breadth-first search per source), so above a
/// few thousand nodes `kgx top` uses [`betweenness_estimate`].
pub fn betweenness(graph: &Graph) -> Vec<(String, f64)> {
    let scores =
        rustworkx_core::centrality::betweenness_centrality(&graph.inner, false, true, usize::MAX);
    with_ids(graph, scores.into_iter().map(|s| s.unwrap_or(0.0)))
}

/// The most nodes for which `kgx top --by betweenness` computes betweenness exactly; above
/// it, [`betweenness_estimate`] samples sources.
pub const EXACT_BETWEENNESS_MAX_NODES: usize = 5_000;

/// Sources sampled by [`betweenness_estimate`] on a large graph.
pub const BETWEENNESS_SAMPLES: usize = 1_000;

/// Betweenness as [`betweenness`] defines it, estimated from the shortest paths of `samples`
/// sources spread evenly over the node-id order (all of them when `samples >= n`, which gives
/// the exact scores), scaled by `n / samples`. `progress` is called after each source with
/// (done, total).
///
/// # Complexity
/// O(samples · m).
pub fn betweenness_estimate(
    graph: &Graph,
    samples: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Vec<(String, f64)> {
    let n = graph.node_count();
    let k = samples.clamp(1, n.max(1));
    let neighbours: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            let mut list: Vec<usize> = graph
                .inner
                .neighbors(petgraph::graph::NodeIndex::new(i))
                .map(|j| j.index())
                .collect();
            list.sort_unstable();
            list.dedup();
            list
        })
        .collect();
    let mut scores = vec![0.0f64; n];
    // One breadth-first search's state, reused from source to source.
    let mut order: Vec<usize> = Vec::with_capacity(n);
    let mut paths = vec![0.0f64; n];
    let mut distance = vec![usize::MAX; n];
    let mut dependency = vec![0.0f64; n];
    let mut queue = std::collections::VecDeque::with_capacity(n);
    for sample in 0..k {
        let source = sample * n / k;
        order.clear();
        paths.iter_mut().for_each(|p| *p = 0.0);
        distance.iter_mut().for_each(|d| *d = usize::MAX);
        dependency.iter_mut().for_each(|d| *d = 0.0);
        paths[source] = 1.0;
        distance[source] = 0;
        queue.push_back(source);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &w in &neighbours[v] {
                if distance[w] == usize::MAX {
                    distance[w] = distance[v] + 1;
                    queue.push_back(w);
                }
                if distance[w] == distance[v] + 1 {
                    paths[w] += paths[v];
                }
            }
        }
        // Dependencies, farthest nodes first; a node's predecessors are its neighbours one
        // step closer to the source.
        for &w in order.iter().rev() {
            for &v in &neighbours[w] {
                if distance[v] != usize::MAX && distance[v] + 1 == distance[w] {
                    dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
                }
            }
            if w != source {
                scores[w] += dependency[w];
            }
        }
        progress(sample + 1, k);
    }
    // NetworkX's rescaling for an undirected graph, normalised: 1 / ((n - 1)(n - 2)), times
    // n / k for a sample; nothing below three nodes.
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * (n as f64 / k as f64);
        scores.iter_mut().for_each(|s| *s *= scale);
    }
    with_ids(graph, scores)
}

/// Weighted degree of every node, by node index.
fn strengths(graph: &Graph) -> Vec<f64> {
    let mut strength = vec![0.0; graph.node_count()];
    for edge in graph.inner.edge_references() {
        let weight = edge.weight().weight as f64;
        strength[edge.source().index()] += weight;
        strength[edge.target().index()] += weight;
    }
    strength
}

/// Pairs scores given by node index (which is node-id order) with the node ids.
fn with_ids(graph: &Graph, scores: impl IntoIterator<Item = f64>) -> Vec<(String, f64)> {
    graph
        .nodes()
        .zip(scores)
        .map(|(node, score)| (node.id.clone(), score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::weighted;

    type Edges = &'static [(&'static str, &'static str, u64)];

    const STAR: Edges = &[("hub", "x", 1), ("hub", "y", 1), ("hub", "z", 1)];
    const PATH: Edges = &[("a", "b", 1), ("b", "c", 1)];
    const HEAVY_PATH: Edges = &[("a", "b", 3), ("b", "c", 1)];
    const TRIANGLES: Edges = &[
        ("a", "b", 1),
        ("a", "c", 1),
        ("b", "c", 1),
        ("c", "d", 1),
        ("d", "e", 1),
        ("d", "f", 1),
        ("e", "f", 1),
    ];
    const PAIR: Edges = &[("a", "b", 2)];

    fn ids(edges: Edges, extra: &[&'static str]) -> Vec<&'static str> {
        let mut ids: Vec<&str> = edges.iter().flat_map(|&(s, t, _)| [s, t]).collect();
        ids.extend_from_slice(extra);
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn assert_scores(name: &str, actual: &[(String, f64)], expected: &[(&str, f64)], tol: f64) {
        assert_eq!(actual.len(), expected.len(), "{name}: {actual:?}");
        for ((id, score), (want_id, want)) in actual.iter().zip(expected) {
            assert_eq!(id, want_id, "{name}");
            assert!(
                (score - want).abs() <= tol,
                "{name}: {id} scored {score}, expected {want}"
            );
        }
    }

    /// `(name, edges, isolated nodes, expected scores in id order)`.
    type Case = (
        &'static str,
        Edges,
        &'static [&'static str],
        Vec<(&'static str, f64)>,
    );

    fn run(cases: Vec<Case>, measure: fn(&Graph) -> Vec<(String, f64)>, tol: f64) {
        for (name, edges, isolated, expected) in cases {
            let graph = weighted(&ids(edges, isolated), edges);
            assert_scores(name, &measure(&graph), &expected, tol);
        }
    }

    #[test]
    fn degree_centrality() {
        let third = 1.0 / 3.0;
        run(
            vec![
                ("empty", &[], &[], vec![]),
                ("single node", &[], &["a"], vec![("a", 1.0)]),
                (
                    "star",
                    STAR,
                    &[],
                    vec![("hub", 1.0), ("x", third), ("y", third), ("z", third)],
                ),
                ("path", PATH, &[], vec![("a", 0.5), ("b", 1.0), ("c", 0.5)]),
                (
                    "isolated node",
                    PAIR,
                    &["c"],
                    vec![("a", 0.5), ("b", 0.5), ("c", 0.0)],
                ),
                (
                    "two triangles",
                    TRIANGLES,
                    &[],
                    vec![
                        ("a", 0.4),
                        ("b", 0.4),
                        ("c", 0.6),
                        ("d", 0.6),
                        ("e", 0.4),
                        ("f", 0.4),
                    ],
                ),
            ],
            degree,
            1e-15,
        );
    }

    #[test]
    fn strength_sums_link_weights() {
        run(
            vec![
                ("empty", &[], &[], vec![]),
                (
                    "star",
                    STAR,
                    &[],
                    vec![("hub", 3.0), ("x", 1.0), ("y", 1.0), ("z", 1.0)],
                ),
                (
                    "heavy path",
                    HEAVY_PATH,
                    &[],
                    vec![("a", 3.0), ("b", 4.0), ("c", 1.0)],
                ),
                (
                    "isolated node",
                    PAIR,
                    &["c"],
                    vec![("a", 2.0), ("b", 2.0), ("c", 0.0)],
                ),
            ],
            strength,
            0.0,
        );
    }

    #[test]
    fn sampling_every_source_is_exact_betweenness() {
        for edges in [STAR, PATH, HEAVY_PATH, TRIANGLES, PAIR] {
            let graph = weighted(&ids(edges, &[]), edges);
            let exact = betweenness(&graph);
            let mut calls = 0;
            let estimate = betweenness_estimate(&graph, usize::MAX, &mut |_, _| calls += 1);
            assert_eq!(calls, graph.node_count());
            for ((id, a), (_, b)) in exact.iter().zip(&estimate) {
                assert!((a - b).abs() < 1e-12, "{id}: exact {a}, all sources {b}");
            }
        }
    }

    #[test]
    fn a_sample_of_sources_estimates_a_large_star() {
        // A star of 6,000 leaves: the centre lies on every path between two leaves.
        let leaves: Vec<String> = (0..6_000).map(|i| format!("leaf{i:05}")).collect();
        let edges: Vec<(&str, &str, u64)> = leaves.iter().map(|l| ("hub", l.as_str(), 1)).collect();
        let mut names: Vec<&str> = leaves.iter().map(String::as_str).collect();
        names.push("hub");
        let graph = weighted(&names, &edges);
        let mut last = (0, 0);
        let estimate = betweenness_estimate(&graph, 100, &mut |done, total| last = (done, total));
        assert_eq!(last, (100, 100));
        let hub = estimate.iter().find(|(id, _)| id == "hub").unwrap().1;
        assert!((hub - 1.0).abs() < 0.01, "hub {hub}");
        assert!(estimate
            .iter()
            .filter(|(id, _)| id != "hub")
            .all(|(_, s)| *s == 0.0));
    }

    #[test]
    fn betweenness_centrality() {
        run(
            vec![
                ("empty", &[], &[], vec![]),
                ("single node", &[], &["a"], vec![("a", 0.0)]),
                ("pair", PAIR, &[], vec![("a", 0.0), ("b", 0.0)]),
                (
                    "star",
                    STAR,
                    &[],
                    vec![("hub", 1.0), ("x", 0.0), ("y", 0.0), ("z", 0.0)],
                ),
                ("path", PATH, &[], vec![("a", 0.0), ("b", 1.0), ("c", 0.0)]),
                // Weights do not count: the path through b is still the only one.
                (
                    "heavy path",
                    HEAVY_PATH,
                    &[],
                    vec![("a", 0.0), ("b", 1.0), ("c", 0.0)],
                ),
                (
                    "isolated node",
                    PAIR,
                    &["c"],
                    vec![("a", 0.0), ("b", 0.0), ("c", 0.0)],
                ),
                // c and d each carry the 2 × 3 paths between the triangles, of 10 pairs.
                (
                    "two triangles",
                    TRIANGLES,
                    &[],
                    vec![
                        ("a", 0.0),
                        ("b", 0.0),
                        ("c", 0.6),
                        ("d", 0.6),
                        ("e", 0.0),
                        ("f", 0.0),
                    ],
                ),
            ],
            betweenness,
            1e-15,
        );
    }

    fn default_pagerank(graph: &Graph) -> Vec<(String, f64)> {
        pagerank(
            graph,
            DEFAULT_DAMPING,
            DEFAULT_TOLERANCE,
            DEFAULT_MAX_ITERATIONS,
        )
        .unwrap()
    }

    #[test]
    fn pagerank_matches_closed_forms() {
        // Solutions of r = 0.15 / n + 0.85 · (rank received) for each graph, by hand.
        let star_hub = 0.0375 * 3.55 / 0.2775;
        let star_leaf = (1.0 - star_hub) / 3.0;
        let path_middle = 0.135 / 0.2775;
        let path_end = (1.0 - path_middle) / 2.0;
        // b hands 3/4 of its rank to a and 1/4 to c; its own rank does not change.
        let heavy_a = 0.05 + 0.85 * 0.75 * path_middle;
        let heavy_c = 0.05 + 0.85 * 0.25 * path_middle;
        // The isolated c gives its rank to everyone, itself included.
        let lonely = 0.05 / (1.0 - 0.85 / 3.0);
        let paired = (1.0 - lonely) / 2.0;
        run(
            vec![
                ("empty", &[], &[], vec![]),
                ("single node", &[], &["a"], vec![("a", 1.0)]),
                ("pair", PAIR, &[], vec![("a", 0.5), ("b", 0.5)]),
                (
                    "star",
                    STAR,
                    &[],
                    vec![
                        ("hub", star_hub),
                        ("x", star_leaf),
                        ("y", star_leaf),
                        ("z", star_leaf),
                    ],
                ),
                (
                    "path",
                    PATH,
                    &[],
                    vec![("a", path_end), ("b", path_middle), ("c", path_end)],
                ),
                (
                    "weights move rank",
                    HEAVY_PATH,
                    &[],
                    vec![("a", heavy_a), ("b", path_middle), ("c", heavy_c)],
                ),
                (
                    "isolated node",
                    PAIR,
                    &["c"],
                    vec![("a", paired), ("b", paired), ("c", lonely)],
                ),
            ],
            default_pagerank,
            1e-9,
        );
    }

    #[test]
    fn pagerank_sums_to_one() {
        let graph = weighted(&ids(TRIANGLES, &["z"]), TRIANGLES);
        let total: f64 = default_pagerank(&graph).iter().map(|(_, s)| s).sum();
        assert!((total - 1.0).abs() < 1e-12, "{total}");
    }

    #[test]
    fn pagerank_rejects_bad_parameters_and_reports_non_convergence() {
        let graph = weighted(&ids(PATH, &[]), PATH);
        let cases = [
            (
                1.5,
                1e-10,
                100,
                "PageRank damping must be between 0 and 1, not 1.5",
            ),
            (
                f64::NAN,
                1e-10,
                100,
                "PageRank damping must be between 0 and 1, not NaN",
            ),
            (0.85, 0.0, 100, "PageRank tolerance must be positive, not 0"),
            (
                0.85,
                1e-10,
                2,
                "PageRank did not converge within 2 iterations",
            ),
            (
                0.85,
                1e-10,
                0,
                "PageRank did not converge within 0 iterations",
            ),
        ];
        for (damping, tolerance, iterations, expected) in cases {
            let error = pagerank(&graph, damping, tolerance, iterations).unwrap_err();
            assert_eq!(error.to_string(), expected);
        }
    }

    #[test]
    fn scores_are_the_same_bits_every_time() {
        let graph = weighted(&ids(TRIANGLES, &["z"]), TRIANGLES);
        let first = (betweenness(&graph), default_pagerank(&graph));
        for _ in 0..5 {
            assert_eq!((betweenness(&graph), default_pagerank(&graph)), first);
        }
    }
}
