//! A deterministic 2-D layout of the graph, for the HTML viewer to draw as it is.
//!
//! A browser-side force layout (Cytoscape's `cose`) costs a step per pair of nodes: it cannot
//! place 5,000 entities, and gives a hairball for 1,500. [`layout`] computes the positions here
//! instead, in about O(n log n) per iteration, the same bits on every run.
//!
//! The layout has four stages:
//!
//! 1. **Communities.** [`community::louvain`] (deterministic, resolution 1) splits the linked
//!    entities into groups, and each group is laid out on its own: a community becomes a compact
//!    blob, and links between communities are left out of the forces, so one strong hub cannot
//!    drag everything into one hairball.
//! 2. **Forces.** Inside a community, a spring-electrical model (Fruchterman and Reingold's
//!    forces, as in Hu's `sfdp`): every pair of nodes repels with `q_i q_j K² / d`, every link
//!    pulls with `w d² / K`, and a linear pull towards the centre (gravity) keeps the community
//!    round and dense instead of letting chains and leaves drift far out, which would make its
//!    bounding circle, and so the whole drawing, mostly empty space; it also holds together the
//!    pieces a community may be made of. `K`, the natural link length, is a multiple of the mean
//!    drawn diameter plus the gap; the charge `q` of a node grows with its diameter, so big
//!    entities keep more room around them; the link factor `w` is `1 + ln(weight)`, so strong
//!    links are a little shorter without a dominant link collapsing. Repulsion is computed with
//!    a Barnes–Hut quadtree (a cell that looks small from a node acts as one charge at its
//!    centroid), so an iteration costs O(n log n). The nodes start on a sunflower spiral (golden
//!    angle) in order of decreasing degree, so hubs start in the middle and no two nodes start
//!    at the same point; then a fixed number of iterations move each node along its force by at
//!    most a temperature that cools geometrically. There are no random numbers.
//! 3. **No overlaps.** Passes over a uniform grid (neighbour lookups in the 3×3 cells around a
//!    node) push apart any two nodes of a community closer than the sum of their radii plus
//!    [`NODE_GAP`], the smaller node moving more; a pass that moves nothing ends it. If passes
//!    keep finding overlaps, the community is spread out a little and the passes repeat.
//! 4. **Packing.** Each community is enclosed in a circle, widened by half of
//!    [`COMMUNITY_GAP`], and the circles are packed from the largest, which sits in the middle,
//!    outwards: each next circle is placed tangent to two circles of the pack's outline, the pair
//!    closest to the middle, without crossing any circle (Wang et al.'s front-chain packing, as in
//!    d3-hierarchy's `packSiblings`). Entities without any link go last, in a block of rows
//!    (largest first) below or beside the rest, whichever keeps the whole drawing closer to a
//!    16:10 screen.
//!
//! **Determinism.** Nodes are handled in index order (the graph's id order), communities in their
//! number order, and floating-point sums run in a fixed order on one thread, so the same graph
//! and diameters give the same bits on one platform. No hash map is iterated.
//!
//! # Complexity
//! O(I · n log n + m) for n nodes, m links and I = [`ITERATIONS`] force steps, plus Louvain.
//! On one core of the development machine (release build): the BBC graph of 1,568 entities and
//! 3,826 links in 0.08 s, the one of 5,772 and 11,953 in 0.39 s, a synthetic graph of 5,000 and
//! 25,000 (31 communities) in 0.52 s; the worst case is one big community, such as a star of
//! 5,000, at 1.1 s.

use petgraph::visit::EdgeRef;

use crate::graph::community::{self, DEFAULT_RESOLUTION};
use crate::graph::Graph;

/// A point in layout units (1 unit = 1 CSS pixel at zoom 1).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal position, growing to the right.
    pub x: f64,
    /// Vertical position, growing downwards (as on screen).
    pub y: f64,
}

impl Point {
    fn distance(self, other: Point) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }
}

/// Least free space between two drawn nodes of the same community (and between the entities of
/// the block of unlinked ones).
pub const NODE_GAP: f64 = 8.0;

/// Least free space between the bounding circles of two communities, and around the block of
/// unlinked entities.
pub const COMMUNITY_GAP: f64 = 60.0;

/// Force steps per community.
pub const ITERATIONS: usize = 300;

/// Natural link length `K`, in mean diameters plus [`NODE_GAP`].
const LINK_LENGTH: f64 = 1.5;

/// Pull towards the community's centre, per unit of distance. Tuned on the BBC graphs: at 0.1,
/// leaves and chains drift far out (bounding circles 2.5 times the radius the nodes need); at
/// 3, communities are squeezed into uniform discs that hide their hubs.
const GRAVITY: f64 = 2.0;

/// Spacing of the starting spiral, in `K`: a little denser than the layout will be, so the
/// first steps spread the nodes rather than gather them.
const SPIRAL_SPACING: f64 = 0.6;

/// The first step may move a node this many `K` (or a quarter of the spiral's radius if more)…
const START_TEMPERATURE: f64 = 2.0;
/// … and the last this many `K`.
const END_TEMPERATURE: f64 = 0.01;

/// Barnes–Hut opening criterion: a cell whose side is below `THETA` times its distance acts
/// as one charge.
const THETA: f64 = 1.0;

/// Quadtree cells with at most this many nodes are not split.
const LEAF_SIZE: usize = 8;

/// Quadtree depth limit, so that nodes at (almost) the same point end the splitting.
const MAX_DEPTH: usize = 40;

/// Overlap-removal passes before the community is spread out and the passes start again.
const OVERLAP_PASSES: usize = 10;

/// How many times a community may be spread out (by [`SPREAD`]) to end overlaps.
const OVERLAP_ROUNDS: usize = 100;

/// Factor by which a community that keeps overlapping is spread out.
const SPREAD: f64 = 1.05;

/// Pushes leave pairs this much farther apart than required, so rounding cannot leave them a
/// hair too close.
const SLACK: f64 = 0.01;

/// Width over height that the block of unlinked entities aims the whole drawing at.
const ASPECT: f64 = 1.6;

/// The block of unlinked entities is at most this many times as long as it is wide.
const BLOCK_SHAPE: f64 = 4.0;

/// The golden angle, `π (3 − √5)`.
const GOLDEN_ANGLE: f64 = 2.399_963_229_728_653;

/// Positions for `graph`'s nodes, in [`Graph::nodes`] order.
///
/// `diameters[i]` is the drawn diameter of node `i` (same order), in layout units; a missing,
/// negative or non-finite diameter counts as 0. The bounding circle of the largest community is
/// centred on the origin; all coordinates are finite. See the module documentation for the
/// method. Two nodes of one community end at least `(dᵢ + dⱼ) / 2 +` [`NODE_GAP`] apart (unless
/// a community still overlaps after being spread out a hundred times, which no test graph comes
/// near), and the bounding circles of two communities at least [`COMMUNITY_GAP`] apart, so two
/// drawn nodes of different communities are too.
///
/// ```
/// # fn draw(graph: &kgx::graph::Graph) {
/// use kgx::graph::layout::layout;
///
/// let diameters: Vec<f64> = graph
///     .nodes()
///     .map(|n| (14.0 + 8.0 * (n.mentions.max(1) as f64).log2()).min(80.0))
///     .collect();
/// let positions = layout(graph, &diameters);
/// assert_eq!(positions.len(), graph.node_count());
/// # }
/// ```
pub fn layout(graph: &Graph, diameters: &[f64]) -> Vec<Point> {
    layout_by(graph, diameters, Grouping::Communities)
}

/// What [`layout_by`] lays out on its own and packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grouping {
    /// Louvain communities: clusters apart, for a large graph (what [`layout`] does).
    Communities,
    /// Connected components: every link pulls, for a small graph (a readable view of a hundred
    /// entities), where links drawn across the picture between packed communities would cross
    /// everything.
    Components,
}

/// [`layout`], with the groups laid out on their own chosen by `grouping`.
pub fn layout_by(graph: &Graph, diameters: &[f64], grouping: Grouping) -> Vec<Point> {
    let n = graph.node_count();
    let diameters: Vec<f64> = (0..n)
        .map(|i| match diameters.get(i) {
            Some(&d) if d.is_finite() && d > 0.0 => d,
            _ => 0.0,
        })
        .collect();
    let links = Links::new(graph);

    let communities = match grouping {
        Grouping::Communities => community::louvain(graph, DEFAULT_RESOLUTION),
        Grouping::Components => community::Communities::from_labels(
            graph
                .components()
                .into_iter()
                .enumerate()
                .flat_map(|(c, ids)| ids.into_iter().map(move |id| (id.to_string(), c))),
        ),
    };
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); communities.len()];
    let mut unlinked = Vec::new();
    for (i, node) in graph.nodes().enumerate() {
        if links.degree(i) == 0 {
            unlinked.push(i);
        } else if let Some(c) = communities.community(&node.id) {
            groups[c].push(i);
        } else {
            // Louvain gives every node a community; a node without one stands alone.
            groups.push(vec![i]);
        }
    }
    groups.retain(|g| !g.is_empty());

    let linked = n - unlinked.len();
    let unit = if linked == 0 {
        NODE_GAP
    } else {
        let sum: f64 = (0..n)
            .filter(|&i| links.degree(i) > 0)
            .map(|i| diameters[i])
            .sum();
        sum / linked as f64 + NODE_GAP
    };
    let forces = Forces {
        k: LINK_LENGTH * unit,
        charges: diameters.iter().map(|d| (d + NODE_GAP) / unit).collect(),
    };

    let mut positions = vec![Point::default(); n];
    let mut circles = Vec::with_capacity(groups.len());
    let mut local = vec![usize::MAX; n];
    for members in &groups {
        for (a, &i) in members.iter().enumerate() {
            local[i] = a;
        }
        let mut placed = forces.run(members, &links, &local);
        let sizes: Vec<f64> = members.iter().map(|&i| diameters[i]).collect();
        separate(&mut placed, &sizes);
        circles.push(Circle::around(&placed, &sizes));
        for (a, &i) in members.iter().enumerate() {
            positions[i] = placed[a];
            local[i] = usize::MAX;
        }
    }

    let centres = pack(&circles);
    for ((members, circle), centre) in groups.iter().zip(&circles).zip(&centres) {
        for &i in members {
            positions[i].x += centre.x - circle.centre.x;
            positions[i].y += centre.y - circle.centre.y;
        }
    }

    let linked_box = Bounds::of(
        groups
            .iter()
            .flatten()
            .map(|&i| (positions[i], diameters[i])),
    );
    place_unlinked(&unlinked, &diameters, linked_box, &mut positions);
    positions
}

/// Every node's links as `(neighbour, attraction factor)`, in compressed rows.
struct Links {
    start: Vec<usize>,
    targets: Vec<(usize, f64)>,
}

impl Links {
    fn new(graph: &Graph) -> Links {
        let n = graph.node_count();
        let mut start = vec![0; n + 1];
        for edge in graph.inner.edge_references() {
            start[edge.source().index() + 1] += 1;
            start[edge.target().index() + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut targets = vec![(0, 0.0); start[n]];
        for edge in graph.inner.edge_references() {
            let (s, t) = (edge.source().index(), edge.target().index());
            // Zero-weight links still hold their nodes together, as weakly as weight 1.
            let factor = 1.0 + (edge.weight().weight.max(1) as f64).ln();
            targets[next[s]] = (t, factor);
            next[s] += 1;
            targets[next[t]] = (s, factor);
            next[t] += 1;
        }
        Links { start, targets }
    }

    fn of(&self, i: usize) -> &[(usize, f64)] {
        &self.targets[self.start[i]..self.start[i + 1]]
    }

    fn degree(&self, i: usize) -> usize {
        self.start[i + 1] - self.start[i]
    }
}

/// The force model shared by all communities.
struct Forces {
    /// Natural link length.
    k: f64,
    /// Repulsion charge of every node of the graph.
    charges: Vec<f64>,
}

impl Forces {
    /// Positions of `members` (node indices, `local[i]` being `i`'s place in `members` and
    /// `usize::MAX` for the other nodes) around the origin.
    fn run(&self, members: &[usize], links: &Links, local: &[usize]) -> Vec<Point> {
        let m = members.len();
        let k = self.k;
        // Links inside the community, each once, with their attraction factor.
        let mut edges = Vec::new();
        let mut degree = vec![0usize; m];
        for (a, &i) in members.iter().enumerate() {
            for &(j, factor) in links.of(i) {
                let b = local[j];
                if b != usize::MAX {
                    degree[a] += 1;
                    if a < b {
                        edges.push((a, b, factor));
                    }
                }
            }
        }

        if m < 2 {
            return vec![Point::default(); m];
        }
        let mut order: Vec<usize> = (0..m).collect();
        order.sort_by(|&a, &b| degree[b].cmp(&degree[a]).then(a.cmp(&b)));
        let mut pos = vec![Point::default(); m];
        for (rank, &a) in order.iter().enumerate() {
            let radius = SPIRAL_SPACING * k * (rank as f64 + 0.5).sqrt();
            let angle = rank as f64 * GOLDEN_ANGLE;
            pos[a] = Point {
                x: radius * angle.cos(),
                y: radius * angle.sin(),
            };
        }

        let charges: Vec<f64> = members.iter().map(|&i| self.charges[i]).collect();

        let spiral_radius = SPIRAL_SPACING * k * (m as f64).sqrt();
        let hot = (START_TEMPERATURE * k).max(spiral_radius / 4.0);
        let cold = END_TEMPERATURE * k;
        let cooling = (cold / hot).powf(1.0 / (ITERATIONS - 1) as f64);
        let mut temperature = hot;
        let mut force = vec![Point::default(); m];
        let mut tree = QuadTree::default();
        let mut stack = Vec::new();
        for _ in 0..ITERATIONS {
            tree.build(&pos, &charges);
            for a in 0..m {
                let push = tree.repulsion(a, &pos, &charges, &mut stack);
                let scale = charges[a] * k * k;
                force[a] = Point {
                    x: push.x * scale - GRAVITY * pos[a].x,
                    y: push.y * scale - GRAVITY * pos[a].y,
                };
            }
            for &(a, b, factor) in &edges {
                let (dx, dy) = (pos[b].x - pos[a].x, pos[b].y - pos[a].y);
                // Magnitude factor · d² / K along the unit vector (dx, dy) / d.
                let pull = factor * dx.hypot(dy) / k;
                force[a].x += dx * pull;
                force[a].y += dy * pull;
                force[b].x -= dx * pull;
                force[b].y -= dy * pull;
            }
            for (p, f) in pos.iter_mut().zip(&force) {
                let length = f.x.hypot(f.y);
                if length > 0.0 && length.is_finite() {
                    let step = length.min(temperature) / length;
                    p.x += f.x * step;
                    p.y += f.y * step;
                }
            }
            temperature *= cooling;
        }
        pos
    }
}

/// A Barnes–Hut quadtree over the nodes of a community, rebuilt every iteration (its buffers
/// are kept).
#[derive(Default)]
struct QuadTree {
    cells: Vec<Cell>,
    /// Node numbers, grouped so that every cell holds a contiguous range.
    order: Vec<usize>,
    scratch: Vec<usize>,
}

#[derive(Clone, Copy)]
struct Cell {
    /// Centroid of the charges inside, and their sum.
    centre: Point,
    charge: f64,
    /// Side of the square.
    side: f64,
    /// Index of the first of four children in `cells`, 0 for a leaf.
    children: usize,
    /// The cell's nodes, `order[start..end]`.
    start: usize,
    end: usize,
}

impl QuadTree {
    fn build(&mut self, pos: &[Point], charges: &[f64]) {
        let bounds = Bounds::of(pos.iter().map(|&p| (p, 0.0)));
        let side = (bounds.max.x - bounds.min.x)
            .max(bounds.max.y - bounds.min.y)
            .max(1e-9);
        let corner = bounds.min;
        self.cells.clear();
        self.order.clear();
        self.order.extend(0..pos.len());
        self.scratch.resize(pos.len(), 0);
        self.cells.push(Cell {
            centre: Point::default(),
            charge: 0.0,
            side,
            children: 0,
            start: 0,
            end: pos.len(),
        });
        self.split(0, corner, 0, pos, charges);
    }

    /// Fills in cell `index` (whose square has top-left `corner`), splitting it if it is big.
    fn split(&mut self, index: usize, corner: Point, depth: usize, pos: &[Point], charges: &[f64]) {
        let Cell {
            side, start, end, ..
        } = self.cells[index];
        let (mut charge, mut x, mut y) = (0.0, 0.0, 0.0);
        for &a in &self.order[start..end] {
            charge += charges[a];
            x += charges[a] * pos[a].x;
            y += charges[a] * pos[a].y;
        }
        let cell = &mut self.cells[index];
        cell.charge = charge;
        cell.centre = if charge > 0.0 {
            Point {
                x: x / charge,
                y: y / charge,
            }
        } else {
            Point {
                x: corner.x + side / 2.0,
                y: corner.y + side / 2.0,
            }
        };
        if end - start <= LEAF_SIZE || depth >= MAX_DEPTH {
            return;
        }

        let half = side / 2.0;
        let (mid_x, mid_y) = (corner.x + half, corner.y + half);
        let quadrant = |p: Point| usize::from(p.x >= mid_x) + 2 * usize::from(p.y >= mid_y);
        // A counting sort of the range by quadrant, stable, through the scratch buffer.
        let mut counts = [0usize; 4];
        for &a in &self.order[start..end] {
            counts[quadrant(pos[a])] += 1;
        }
        let mut offsets = [start; 4];
        for q in 1..4 {
            offsets[q] = offsets[q - 1] + counts[q - 1];
        }
        let starts = offsets;
        for &a in &self.order[start..end] {
            let q = quadrant(pos[a]);
            self.scratch[offsets[q]] = a;
            offsets[q] += 1;
        }
        self.order[start..end].copy_from_slice(&self.scratch[start..end]);

        let first = self.cells.len();
        self.cells[index].children = first;
        for q in 0..4 {
            self.cells.push(Cell {
                centre: Point::default(),
                charge: 0.0,
                side: half,
                children: 0,
                start: starts[q],
                end: starts[q] + counts[q],
            });
        }
        for (q, &count) in counts.iter().enumerate() {
            if count > 0 {
                let corner = Point {
                    x: corner.x + if q & 1 == 1 { half } else { 0.0 },
                    y: corner.y + if q & 2 == 2 { half } else { 0.0 },
                };
                self.split(first + q, corner, depth + 1, pos, charges);
            }
        }
    }

    /// The sum over the other nodes `b` of `q_b (p_a − p_b) / d²`: the repulsion on node `a`
    /// up to the factor `q_a K²`.
    fn repulsion(&self, a: usize, pos: &[Point], charges: &[f64], stack: &mut Vec<usize>) -> Point {
        let p = pos[a];
        let mut sum = Point::default();
        stack.clear();
        stack.push(0);
        while let Some(index) = stack.pop() {
            let cell = &self.cells[index];
            if cell.start == cell.end {
                continue;
            }
            if cell.children == 0 {
                for &b in &self.order[cell.start..cell.end] {
                    if b == a {
                        continue;
                    }
                    let (mut dx, mut dy) = (p.x - pos[b].x, p.y - pos[b].y);
                    let mut d2 = dx * dx + dy * dy;
                    if d2 < 1e-12 {
                        // Two nodes at one point: part them along a direction fixed by their
                        // numbers, opposite for the two.
                        let angle = a.min(b) as f64 * GOLDEN_ANGLE;
                        let sign = if a < b { 1.0 } else { -1.0 };
                        (dx, dy) = (sign * 1e-6 * angle.cos(), sign * 1e-6 * angle.sin());
                        d2 = 1e-12;
                    }
                    sum.x += charges[b] * dx / d2;
                    sum.y += charges[b] * dy / d2;
                }
                continue;
            }
            let (dx, dy) = (p.x - cell.centre.x, p.y - cell.centre.y);
            let d2 = dx * dx + dy * dy;
            if cell.side * cell.side < THETA * THETA * d2 {
                sum.x += cell.charge * dx / d2;
                sum.y += cell.charge * dy / d2;
            } else {
                stack.extend(cell.children..cell.children + 4);
            }
        }
        sum
    }
}

/// Pushes apart the nodes at `pos` (with diameters `sizes`) until any two are at least
/// `(dᵢ + dⱼ) / 2 + NODE_GAP` apart.
fn separate(pos: &mut [Point], sizes: &[f64]) {
    if pos.len() < 2 {
        return;
    }
    let reach = sizes.iter().fold(0.0f64, |a, &b| a.max(b)) + NODE_GAP;
    let mut grid = Grid::default();
    for _ in 0..OVERLAP_ROUNDS {
        for _ in 0..OVERLAP_PASSES {
            grid.build(pos, reach);
            if !separation_pass(pos, sizes, &grid) {
                return;
            }
        }
        // Pairwise pushes only shuffle a crowd: give it room.
        let centre = Bounds::of(pos.iter().map(|&p| (p, 0.0))).centre();
        for p in pos.iter_mut() {
            p.x = centre.x + (p.x - centre.x) * SPREAD;
            p.y = centre.y + (p.y - centre.y) * SPREAD;
        }
    }
}

/// One pass of [`separate`]: whether it moved a node.
fn separation_pass(pos: &mut [Point], sizes: &[f64], grid: &Grid) -> bool {
    let mut moved = false;
    for a in 0..pos.len() {
        for b in grid.near(a) {
            if b <= a {
                continue;
            }
            let required = (sizes[a] + sizes[b]) / 2.0 + NODE_GAP;
            let (mut dx, mut dy) = (pos[b].x - pos[a].x, pos[b].y - pos[a].y);
            let mut distance = dx.hypot(dy);
            if distance >= required {
                continue;
            }
            if distance < 1e-9 {
                let angle = a as f64 * GOLDEN_ANGLE;
                (dx, dy, distance) = (angle.cos(), angle.sin(), 1.0);
            }
            // The smaller node moves more: shares by the other's area.
            let (wa, wb) = ((sizes[a] + NODE_GAP).powi(2), (sizes[b] + NODE_GAP).powi(2));
            let push = (required + SLACK - distance) / distance;
            let (share_a, share_b) = (wb / (wa + wb), wa / (wa + wb));
            pos[a].x -= dx * push * share_a;
            pos[a].y -= dy * push * share_a;
            pos[b].x += dx * push * share_b;
            pos[b].y += dy * push * share_b;
            moved = true;
        }
    }
    moved
}

/// A uniform grid of square cells over points, for finding the points near each: any two
/// points less than a cell side apart are in the same or adjacent cells.
#[derive(Default)]
struct Grid {
    /// Cell of each point (row-major).
    cell_of: Vec<usize>,
    columns: usize,
    rows: usize,
    /// Points by cell: those of cell `c` are `points[start[c]..start[c + 1]]`, in index order.
    start: Vec<usize>,
    points: Vec<usize>,
}

impl Grid {
    /// Files `pos` into cells of side at least `side` (larger if the points are spread thin,
    /// so that there are not many more cells than points).
    fn build(&mut self, pos: &[Point], side: f64) {
        let n = pos.len();
        let bounds = Bounds::of(pos.iter().map(|&p| (p, 0.0)));
        let (width, height) = (bounds.width(), bounds.height());
        // At most about 4n cells, and 4n columns or rows even when the points are in a line.
        let most = (4 * n + 16) as f64;
        let side = side
            .max((width * height / most).sqrt())
            .max(width.max(height) / most)
            .max(1e-9);
        self.columns = (width / side) as usize + 1;
        self.rows = (height / side) as usize + 1;
        let cell = |p: Point| {
            let column = (((p.x - bounds.min.x) / side) as usize).min(self.columns - 1);
            let row = (((p.y - bounds.min.y) / side) as usize).min(self.rows - 1);
            row * self.columns + column
        };
        self.cell_of.clear();
        self.cell_of.extend(pos.iter().map(|&p| cell(p)));
        self.start.clear();
        self.start.resize(self.columns * self.rows + 1, 0);
        for &c in &self.cell_of {
            self.start[c + 1] += 1;
        }
        for c in 0..self.columns * self.rows {
            self.start[c + 1] += self.start[c];
        }
        self.points.resize(n, 0);
        let mut next = self.start.clone();
        for (a, &c) in self.cell_of.iter().enumerate() {
            self.points[next[c]] = a;
            next[c] += 1;
        }
    }

    /// The points in the cell of point `a` and the (up to) eight around it, `a` included.
    fn near(&self, a: usize) -> impl Iterator<Item = usize> + '_ {
        let (row, column) = (
            self.cell_of[a] / self.columns,
            self.cell_of[a] % self.columns,
        );
        let rows = row.saturating_sub(1)..=(row + 1).min(self.rows - 1);
        rows.flat_map(move |r| {
            let first = r * self.columns + column.saturating_sub(1);
            let last = r * self.columns + (column + 1).min(self.columns - 1);
            self.points[self.start[first]..self.start[last + 1]]
                .iter()
                .copied()
        })
    }
}

/// An axis-aligned box around drawn nodes.
#[derive(Debug, Clone, Copy)]
struct Bounds {
    min: Point,
    max: Point,
}

impl Bounds {
    /// The box around `(centre, diameter)` discs; a zero box at the origin if there are none.
    fn of(discs: impl IntoIterator<Item = (Point, f64)>) -> Bounds {
        let mut bounds: Option<Bounds> = None;
        for (p, d) in discs {
            let r = d / 2.0;
            let b = bounds.get_or_insert(Bounds { min: p, max: p });
            b.min.x = b.min.x.min(p.x - r);
            b.min.y = b.min.y.min(p.y - r);
            b.max.x = b.max.x.max(p.x + r);
            b.max.y = b.max.y.max(p.y + r);
        }
        bounds.unwrap_or(Bounds {
            min: Point::default(),
            max: Point::default(),
        })
    }

    fn centre(&self) -> Point {
        Point {
            x: (self.min.x + self.max.x) / 2.0,
            y: (self.min.y + self.max.y) / 2.0,
        }
    }

    fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    fn height(&self) -> f64 {
        self.max.y - self.min.y
    }
}

/// A circle enclosing a community's drawn nodes.
#[derive(Debug, Clone, Copy)]
struct Circle {
    centre: Point,
    radius: f64,
}

impl Circle {
    /// A circle around `(pos[a], sizes[a])` discs, centred on their bounding box.
    fn around(pos: &[Point], sizes: &[f64]) -> Circle {
        let centre = Bounds::of(pos.iter().copied().zip(sizes.iter().copied())).centre();
        let radius = pos
            .iter()
            .zip(sizes)
            .fold(0.0f64, |r, (&p, &d)| r.max(p.distance(centre) + d / 2.0));
        Circle { centre, radius }
    }
}

/// Centres for `circles` (each widened by half of [`COMMUNITY_GAP`]) so that none overlap,
/// the largest first, in the middle; see the module documentation.
fn pack(circles: &[Circle]) -> Vec<Point> {
    let k = circles.len();
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|&a, &b| {
        circles[b]
            .radius
            .total_cmp(&circles[a].radius)
            .then(a.cmp(&b))
    });
    // Radii widened by half the gap (and a hair, as the intersection test allows 1e-6).
    let radii: Vec<f64> = order
        .iter()
        .map(|&c| circles[c].radius + COMMUNITY_GAP / 2.0 + 1e-3)
        .collect();
    let placed = pack_siblings(&radii);
    let mut centres = vec![Point::default(); k];
    for (&c, p) in order.iter().zip(placed) {
        centres[c] = p;
    }
    centres
}

/// Wang et al.'s front-chain circle packing, as d3-hierarchy's `packSiblings` (ISC licence):
/// centres for circles of `radii`, in that order, the first at the origin.
fn pack_siblings(radii: &[f64]) -> Vec<Point> {
    let n = radii.len();
    let mut c: Vec<Point> = vec![Point::default(); n];
    if n < 2 {
        return c;
    }
    c[1] = Point {
        x: radii[0] + radii[1],
        y: 0.0,
    };
    if n == 2 {
        return c;
    }
    c[2] = place(c[1], radii[1], c[0], radii[0], radii[2]);

    // The front chain, a doubly linked ring of circle numbers.
    let mut next = vec![usize::MAX; n];
    let mut previous = vec![usize::MAX; n];
    (next[0], next[1], next[2]) = (1, 2, 0);
    (previous[0], previous[1], previous[2]) = (2, 0, 1);
    let (mut a, mut b) = (0, 1);
    let intersects = |c: &[Point], i: usize, j: usize| {
        let dr = radii[i] + radii[j] - 1e-6;
        let (dx, dy) = (c[j].x - c[i].x, c[j].y - c[i].y);
        dr > 0.0 && dr * dr > dx * dx + dy * dy
    };
    let score = |c: &[Point], i: usize, j: usize| {
        let ab = radii[i] + radii[j];
        let x = (c[i].x * radii[j] + c[j].x * radii[i]) / ab;
        let y = (c[i].y * radii[j] + c[j].y * radii[i]) / ab;
        x * x + y * y
    };
    let mut i = 3;
    'pack: while i < n {
        c[i] = place(c[a], radii[a], c[b], radii[b], radii[i]);
        // The closest circle on the front chain that the new one crosses, if any, measured
        // along the chain ahead of b and behind a.
        let (mut j, mut kk) = (next[b], previous[a]);
        let (mut sj, mut sk) = (radii[b], radii[a]);
        loop {
            if sj <= sk {
                if intersects(&c, j, i) {
                    b = j;
                    next[a] = b;
                    previous[b] = a;
                    continue 'pack;
                }
                sj += radii[j];
                j = next[j];
            } else {
                if intersects(&c, kk, i) {
                    a = kk;
                    next[a] = b;
                    previous[b] = a;
                    continue 'pack;
                }
                sk += radii[kk];
                kk = previous[kk];
            }
            if j == next[kk] {
                break;
            }
        }
        // Insert i between a and b, then start from the chain pair closest to the origin.
        previous[i] = a;
        next[i] = b;
        next[a] = i;
        previous[b] = i;
        b = i;
        let mut best = score(&c, a, next[a]);
        let mut at = next[i];
        while at != b {
            let s = score(&c, at, next[at]);
            if s < best {
                a = at;
                best = s;
            }
            at = next[at];
        }
        b = next[a];
        i += 1;
    }
    c
}

/// The centre of a circle of radius `r` tangent to the circles `(pa, ra)` and `(pb, rb)`, on
/// the side d3's `place` puts it (to the left of a → b).
fn place(pb: Point, rb: f64, pa: Point, ra: f64, r: f64) -> Point {
    let (dx, dy) = (pb.x - pa.x, pb.y - pa.y);
    let d2 = dx * dx + dy * dy;
    if d2 <= 0.0 {
        return Point {
            x: pa.x + r,
            y: pa.y,
        };
    }
    let a2 = (ra + r) * (ra + r);
    let b2 = (rb + r) * (rb + r);
    if a2 > b2 {
        let x = (d2 + b2 - a2) / (2.0 * d2);
        let y = (b2 / d2 - x * x).max(0.0).sqrt();
        Point {
            x: pb.x - x * dx - y * dy,
            y: pb.y - x * dy + y * dx,
        }
    } else {
        let x = (d2 + a2 - b2) / (2.0 * d2);
        let y = (a2 / d2 - x * x).max(0.0).sqrt();
        Point {
            x: pa.x + x * dx - y * dy,
            y: pa.y + x * dy + y * dx,
        }
    }
}

/// Puts the `unlinked` nodes in rows, largest first, in a block below or beside `linked` (the
/// box of the rest), whichever brings the whole drawing closer to [`ASPECT`]. Below, the block
/// is as wide as the rest; beside, as tall; but never more than [`BLOCK_SHAPE`] times as long
/// as it is wide.
fn place_unlinked(unlinked: &[usize], diameters: &[f64], linked: Bounds, positions: &mut [Point]) {
    if unlinked.is_empty() {
        return;
    }
    let mut order = unlinked.to_vec();
    order.sort_by(|&a, &b| diameters[b].total_cmp(&diameters[a]).then(a.cmp(&b)));
    let sizes: Vec<f64> = order.iter().map(|&i| diameters[i]).collect();
    let area: f64 = sizes.iter().map(|d| (d + NODE_GAP) * (d + NODE_GAP)).sum();
    // Rows are at least as wide as the largest disc.
    let width_for = |width: f64| {
        let (narrow, wide) = ((area / BLOCK_SHAPE).sqrt(), (area * BLOCK_SHAPE).sqrt());
        width.clamp(narrow, wide).max(sizes[0])
    };
    let (spots, corner) = if linked.width() <= 0.0 {
        let (spots, _) = shelves(&sizes, width_for((area * ASPECT).sqrt()));
        (spots, Point::default())
    } else {
        let (w, h) = (linked.width(), linked.height());
        let (below, (below_w, below_h)) = shelves(&sizes, width_for(w));
        let (beside, (beside_w, beside_h)) = shelves(&sizes, width_for(area / h));
        let off_shape = |width: f64, height: f64| (width / height / ASPECT).ln().abs();
        if off_shape(w + COMMUNITY_GAP + beside_w, h.max(beside_h))
            < off_shape(w.max(below_w), h + COMMUNITY_GAP + below_h)
        {
            let corner = Point {
                x: linked.max.x + COMMUNITY_GAP,
                y: linked.min.y,
            };
            (beside, corner)
        } else {
            let corner = Point {
                x: linked.min.x,
                y: linked.max.y + COMMUNITY_GAP,
            };
            (below, corner)
        }
    };
    for (&i, p) in order.iter().zip(spots) {
        positions[i] = Point {
            x: p.x + corner.x,
            y: p.y + corner.y,
        };
    }
}

/// Centres for discs of diameters `sizes` (largest first) in rows at most `width` wide (a disc
/// wider than that gets a row of its own), with [`NODE_GAP`] between them, from the origin;
/// and the width and height used.
fn shelves(sizes: &[f64], width: f64) -> (Vec<Point>, (f64, f64)) {
    let mut spots = Vec::with_capacity(sizes.len());
    let (mut x, mut top, mut row_height, mut used_width) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for &d in sizes {
        if x > 0.0 && x + d > width {
            top += row_height + NODE_GAP;
            x = 0.0;
            row_height = 0.0;
        }
        if x == 0.0 {
            // Sizes never grow along a row, so its first disc sets its height.
            row_height = d;
        }
        spots.push(Point {
            x: x + d / 2.0,
            y: top + row_height / 2.0,
        });
        used_width = used_width.max(x + d);
        x += d + NODE_GAP;
    }
    (spots, (used_width, top + row_height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::tests::weighted;

    type Edges = Vec<(String, String, u64)>;
    /// Links between numbered nodes, with their weights.
    type Numbered = Vec<(usize, usize, u64)>;

    /// A graph of nodes `n000…` and links between them by number.
    fn numbered(count: usize, links: &[(usize, usize, u64)]) -> Graph {
        let ids: Vec<String> = (0..count).map(|i| format!("n{i:03}")).collect();
        let edges: Edges = links
            .iter()
            .map(|&(a, b, w)| (ids[a].clone(), ids[b].clone(), w))
            .collect();
        graph(&ids, &edges)
    }

    fn graph(ids: &[String], edges: &Edges) -> Graph {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let edges: Vec<(&str, &str, u64)> = edges
            .iter()
            .map(|(a, b, w)| (a.as_str(), b.as_str(), *w))
            .collect();
        weighted(&ids, &edges)
    }

    /// Links of a clique on `nodes`.
    fn clique(nodes: std::ops::Range<usize>, weight: u64) -> Numbered {
        let mut links = Vec::new();
        for a in nodes.clone() {
            for b in a + 1..nodes.end {
                links.push((a, b, weight));
            }
        }
        links
    }

    /// A fixed pseudo-random graph: `groups` dense groups of 5 to 40 nodes, about four links
    /// per node, one in ten between groups, weights 1 to 9, and a few unlinked nodes.
    fn random_graph(groups: usize) -> (Graph, Vec<f64>) {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move |below: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % below as u64) as usize
        };
        let mut starts = vec![0];
        for _ in 0..groups {
            let last = starts[starts.len() - 1];
            starts.push(last + 5 + next(36));
        }
        let linked = starts[groups];
        let count = linked + 7;
        let mut links = std::collections::BTreeMap::new();
        for g in 0..groups {
            let (first, end) = (starts[g], starts[g + 1]);
            for a in first..end {
                for _ in 0..2 {
                    let b = if next(10) == 0 {
                        next(linked)
                    } else {
                        first + next(end - first)
                    };
                    if a != b {
                        links.insert((a.min(b), a.max(b)), 1 + next(9) as u64);
                    }
                }
            }
        }
        let links: Numbered = links.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        let diameters = (0..count).map(|_| 14.0 + next(67) as f64).collect();
        (numbered(count, &links), diameters)
    }

    /// The viewer's diameter: 14 for one mention, up to 80.
    fn viewer_diameters(graph: &Graph) -> Vec<f64> {
        graph
            .nodes()
            .map(|n| (14.0 + 8.0 * (n.mentions.max(1) as f64).log2()).min(80.0))
            .collect()
    }

    /// Each node's community, as the layout sees it.
    fn membership(graph: &Graph) -> Vec<usize> {
        let communities = community::louvain(graph, DEFAULT_RESOLUTION);
        graph
            .nodes()
            .map(|n| communities.community(&n.id).unwrap())
            .collect()
    }

    #[test]
    fn positions_are_finite_and_the_same_bits_every_time() {
        let (random, random_diameters) = random_graph(8);
        // (name, graph, diameters)
        let cases: Vec<(&str, Graph, Vec<f64>)> = vec![
            ("empty graph", numbered(0, &[]), vec![]),
            ("single node", numbered(1, &[]), vec![20.0]),
            ("single node, no diameter", numbered(1, &[]), vec![]),
            ("two unlinked nodes", numbered(2, &[]), vec![14.0, 14.0]),
            ("one link", numbered(2, &[(0, 1, 3)]), vec![14.0, 30.0]),
            (
                "zero-weight link",
                numbered(2, &[(0, 1, 0)]),
                vec![14.0, 14.0],
            ),
            (
                "bad diameters",
                numbered(3, &[(0, 1, 1), (1, 2, 1)]),
                vec![f64::NAN, -5.0, f64::INFINITY],
            ),
            (
                "zero diameters",
                numbered(4, &clique(0..4, 1)),
                vec![0.0; 4],
            ),
            (
                "huge weight",
                numbered(3, &[(0, 1, u64::MAX), (1, 2, 1)]),
                vec![14.0; 3],
            ),
            ("random", random, random_diameters),
        ];
        for (name, graph, diameters) in cases {
            let first = layout(&graph, &diameters);
            assert_eq!(first.len(), graph.node_count(), "{name}");
            assert!(
                first.iter().all(|p| p.x.is_finite() && p.y.is_finite()),
                "{name}: {first:?}"
            );
            let bits = |points: &[Point]| -> Vec<(u64, u64)> {
                points
                    .iter()
                    .map(|p| (p.x.to_bits(), p.y.to_bits()))
                    .collect()
            };
            assert_eq!(bits(&layout(&graph, &diameters)), bits(&first), "{name}");
        }
    }

    #[test]
    fn nodes_keep_their_distance() {
        // A hub of 80 with 60 leaves, a weighty clique of big nodes, a long chain, and a random
        // graph: within a community, (dᵢ + dⱼ) / 2 + NODE_GAP; across communities, the discs are
        // COMMUNITY_GAP apart; unlinked nodes keep NODE_GAP among themselves.
        let mut star: Numbered = (1..61).map(|leaf| (0, leaf, 1)).collect();
        star.extend(clique(61..73, 20));
        star.extend((73..120).map(|a| (a, a + 1, 1)));
        let star_diameters = (0..121)
            .map(|i| match i {
                0 => 80.0,
                61..73 => 60.0,
                _ => 14.0,
            })
            .collect();
        let (random, random_diameters) = random_graph(12);
        let cases = [
            ("star, clique, chain", numbered(121, &star), star_diameters),
            ("random", random, random_diameters),
        ];
        for (name, graph, diameters) in cases {
            let positions = layout(&graph, &diameters);
            let community = membership(&graph);
            let linked: Vec<bool> = graph.nodes().map(|n| graph.degree(&n.id) > 0).collect();
            for a in 0..positions.len() {
                for b in a + 1..positions.len() {
                    let distance = positions[a].distance(positions[b]);
                    let radii = (diameters[a] + diameters[b]) / 2.0;
                    let least = if linked[a] != linked[b] {
                        // Checked by unlinked_nodes_go_in_a_block_outside_the_rest.
                        continue;
                    } else if !linked[a] || community[a] == community[b] {
                        radii + NODE_GAP
                    } else {
                        radii + COMMUNITY_GAP
                    };
                    assert!(
                        distance >= least,
                        "{name}: nodes {a} and {b} are {distance} apart, less than {least}"
                    );
                }
            }
        }
    }

    #[test]
    fn two_cliques_joined_by_a_weak_link_are_drawn_apart() {
        let mut links = clique(0..6, 5);
        links.extend(clique(6..12, 5));
        links.push((5, 6, 1));
        let graph = numbered(12, &links);
        let diameters = vec![20.0; 12];
        let positions = layout(&graph, &diameters);
        assert_eq!(
            community::louvain(&graph, DEFAULT_RESOLUTION).sizes(),
            [6, 6]
        );
        let circle = |range: std::ops::Range<usize>| {
            Circle::around(&positions[range.clone()], &diameters[range])
        };
        let (left, right) = (circle(0..6), circle(6..12));
        let gap = left.centre.distance(right.centre) - left.radius - right.radius;
        assert!(gap >= COMMUNITY_GAP, "gap {gap}");
        // Each clique is compact: no member farther from its centre than two link lengths.
        for c in [left, right] {
            assert!(
                c.radius < 2.0 * LINK_LENGTH * (20.0 + NODE_GAP) + 10.0,
                "{c:?}"
            );
        }
    }

    #[test]
    fn unlinked_nodes_go_in_a_block_outside_the_rest() {
        // (name, links, node count): the unlinked are the numbers no link names.
        let mut wide = Vec::new();
        for t in 0..12 {
            wide.extend(clique(3 * t..3 * t + 3, 1));
        }
        let cases: [(&str, Numbered, usize); 4] = [
            ("triangle and five alone", clique(0..3, 1), 8),
            ("a dozen triangles and forty alone", wide, 76),
            ("nobody linked", vec![], 30),
            ("one alone", clique(0..10, 1), 11),
        ];
        for (name, links, count) in cases {
            let graph = numbered(count, &links);
            let diameters = viewer_diameters(&graph);
            let positions = layout(&graph, &diameters);
            let linked: Vec<bool> = graph.nodes().map(|n| graph.degree(&n.id) > 0).collect();
            let rest = Bounds::of(
                (0..count)
                    .filter(|&i| linked[i])
                    .map(|i| (positions[i], diameters[i])),
            );
            for i in (0..count).filter(|&i| !linked[i]) {
                let disc = Bounds::of([(positions[i], diameters[i])]);
                if rest.width() > 0.0 {
                    let outside = disc.min.x >= rest.max.x + COMMUNITY_GAP
                        || disc.min.y >= rest.max.y + COMMUNITY_GAP;
                    assert!(outside, "{name}: node {i} at {:?}", positions[i]);
                }
            }
        }
    }

    #[test]
    fn drawings_are_roughly_screen_shaped() {
        let mut triangles = Vec::new();
        for t in 0..40 {
            triangles.extend(clique(3 * t..3 * t + 3, 1));
        }
        let (random, random_diameters) = random_graph(12);
        let triangles = numbered(150, &triangles);
        let triangle_diameters = viewer_diameters(&triangles);
        let alone = numbered(200, &[]);
        let cases = [
            ("random", random, random_diameters),
            (
                "forty triangles and thirty alone",
                triangles,
                triangle_diameters,
            ),
            ("nobody linked", alone, vec![14.0; 200]),
        ];
        for (name, graph, diameters) in cases {
            let positions = layout(&graph, &diameters);
            let all = Bounds::of(positions.iter().copied().zip(diameters.iter().copied()));
            let aspect = all.width() / all.height();
            assert!((0.5..=2.0).contains(&aspect), "{name}: aspect {aspect}");
        }
    }

    #[test]
    fn links_are_a_few_diameters_long() {
        let (graph, diameters) = random_graph(6);
        let positions = layout(&graph, &diameters);
        let community = membership(&graph);
        let index: std::collections::BTreeMap<&str, usize> = graph
            .nodes()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let mut ratios: Vec<f64> = graph
            .edges()
            .map(|(s, t, _)| (index[s.id.as_str()], index[t.id.as_str()]))
            .filter(|&(a, b)| community[a] == community[b])
            .map(|(a, b)| {
                positions[a].distance(positions[b]) / ((diameters[a] + diameters[b]) / 2.0)
            })
            .collect();
        ratios.sort_by(f64::total_cmp);
        let median = ratios[ratios.len() / 2];
        assert!(
            (1.5..=4.5).contains(&median),
            "median link {median} diameters"
        );
    }

    #[test]
    fn packed_circles_never_overlap() {
        // Radii in decreasing order, as `pack` gives them: one big and many small; all equal;
        // a slowly falling sequence.
        let cases: [(&str, Vec<f64>); 4] = [
            ("one", vec![5.0]),
            ("big and small", {
                let mut r = vec![500.0, 200.0];
                r.extend((0..200).map(|i| 40.0 - (i % 7) as f64 * 5.0));
                r
            }),
            ("equal", vec![30.0; 150]),
            (
                "falling",
                (0..300).map(|i| 400.0 / (1.0 + i as f64)).collect(),
            ),
        ];
        for (name, radii) in cases {
            let centres = pack_siblings(&radii);
            assert_eq!(centres[0], Point::default(), "{name}");
            for a in 0..radii.len() {
                for b in a + 1..radii.len() {
                    let distance = centres[a].distance(centres[b]);
                    assert!(
                        distance >= radii[a] + radii[b] - 1e-6,
                        "{name}: circles {a} and {b} overlap"
                    );
                }
            }
        }
    }

    #[test]
    fn the_grid_finds_every_close_pair() {
        let mut state = 7u64;
        let mut coordinate = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as f64 / (1u64 << 31) as f64 * 1000.0
        };
        let points: Vec<Point> = (0..400)
            .map(|_| Point {
                x: coordinate(),
                y: coordinate() / 3.0,
            })
            .collect();
        let mut grid = Grid::default();
        for side in [10.0, 45.0, 300.0] {
            grid.build(&points, side);
            for a in 0..points.len() {
                let near: Vec<usize> = grid.near(a).collect();
                assert!(near.contains(&a));
                for b in 0..points.len() {
                    if points[a].distance(points[b]) < side {
                        assert!(near.contains(&b), "side {side}: {a} misses {b}");
                    }
                }
            }
        }
    }
}
