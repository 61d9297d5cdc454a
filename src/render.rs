//! Rendering diagrams with Graphviz: SVG, PNG or PDF from a graph.
//!
//! kgx writes the DOT itself ([`crate::export::dot::write_diagram`], built with graphviz-rust)
//! and runs the Graphviz binary on it. It does not use graphviz-rust's `exec`, because that
//! waits for Graphviz with no limit, and a layout of a few thousand nodes can run for many
//! minutes: here Graphviz runs as a child process that is killed when the timeout passes. It
//! writes the image to its stdout, which goes into an [`AtomicFile`]: renamed into place only
//! on success, and never over an input, a device or a link (see [`crate::output`]).
//!
//! **Layouts.** `auto` picks `neato` (force-directed, good for co-occurrence graphs, which have
//! no hierarchy) up to [`AUTO_SFDP_THRESHOLD`] nodes and `sfdp` (the multiscale force-directed
//! engine) beyond, where `neato` and `dot` take minutes.
//!
//! **Tuned for size** ([`layout_attributes`]), measured with Graphviz 2.43 on the BBC graph
//! (1,179 linked entities, 3,826 links) and the same corpus with `--discover` (4,590, 11,953):
//! - Up to [`SPLINE_LIMIT`] nodes links are curved around the nodes (`splines=true`); beyond,
//!   they are straight: routing splines costs far more than the layout (`sfdp` on the BBC graph:
//!   0.8 s straight, over 130 s curved).
//! - Overlap removal stays on (`overlap=false`, Graphviz's prism algorithm): 0.8 s on the BBC
//!   graph with `sfdp`.
//! - `dot` beyond [`SPLINE_LIMIT`] nodes limits its crossing minimisation and network simplex
//!   passes (`mclimit`, `nslimit`, `nslimit1`, `remincross=false`, `searchsize`): on the BBC graph
//!   50 s became 5 s.
//! - `circo` finds its circle order with a search that grows too fast for large graphs; beyond
//!   [`CIRCO_LIMIT`] nodes kgx places them itself, on one circle in order of their Louvain
//!   community and strength, and Graphviz only draws (`neato -n`).

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::export::dot::{self, DiagramLayout};
use crate::graph::centrality::strength;
use crate::graph::community::{louvain, DEFAULT_RESOLUTION};
use crate::graph::Graph;
use crate::output::{AtomicFile, Inputs};

/// Above this many nodes, `auto` uses `sfdp`.
pub const AUTO_SFDP_THRESHOLD: usize = 200;
/// Above this many nodes, links are drawn straight.
pub const SPLINE_LIMIT: usize = 300;
/// Above this many nodes, kgx places the nodes of a `circo` layout itself.
pub const CIRCO_LIMIT: usize = 300;

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// `neato` for small graphs, `sfdp` for large ones.
    Auto,
    /// Hierarchical.
    Dot,
    /// Multiscale force-directed.
    Sfdp,
    /// Force-directed (stress majorisation).
    Neato,
    /// Force-directed (Fruchterman–Reingold).
    Fdp,
    /// Circular.
    Circo,
}

impl Layout {
    /// Every layout, `auto` first.
    pub const ALL: [Layout; 6] = [
        Layout::Auto,
        Layout::Dot,
        Layout::Sfdp,
        Layout::Neato,
        Layout::Fdp,
        Layout::Circo,
    ];

    /// The engine used for a graph of `nodes` nodes.
    pub fn engine(self, nodes: usize) -> &'static str {
        match self {
            Layout::Auto if nodes > AUTO_SFDP_THRESHOLD => "sfdp",
            Layout::Auto => "neato",
            Layout::Dot => "dot",
            Layout::Sfdp => "sfdp",
            Layout::Neato => "neato",
            Layout::Fdp => "fdp",
            Layout::Circo => "circo",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Layout::Auto => "auto",
            other => other.engine(0),
        })
    }
}

impl FromStr for Layout {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Layout, String> {
        Layout::ALL
            .into_iter()
            .find(|l| l.to_string() == s)
            .ok_or_else(|| {
                format!("unknown layout `{s}`: expected auto, dot, sfdp, neato, fdp or circo")
            })
    }
}

/// The graph attributes that tune `engine`'s layout for a graph of `nodes` nodes (see the
/// module documentation).
pub fn layout_attributes(engine: &str, nodes: usize) -> Vec<(&'static str, &'static str)> {
    let large = nodes > SPLINE_LIMIT;
    let mut attributes = vec![
        ("overlap", "false"),
        ("splines", if large { "false" } else { "true" }),
    ];
    if engine == "dot" && large {
        attributes.extend([
            ("mclimit", "0.01"),
            ("nslimit", "0.2"),
            ("nslimit1", "0.2"),
            ("remincross", "false"),
            ("searchsize", "5"),
        ]);
    }
    attributes
}

/// Space along the circle for each node of a [`circle`] layout, in points.
const CIRCLE_SPACING: f64 = 36.0;

/// Positions on one circle, in `graph.nodes()` order: the nodes go round by Louvain community
/// (largest first), and within one by strength (strongest first, then id), so that each
/// community's links stay short chords.
fn circle(graph: &Graph) -> Vec<(f64, f64)> {
    let communities = louvain(graph, DEFAULT_RESOLUTION);
    let strengths = strength(graph);
    let mut order: Vec<usize> = (0..strengths.len()).collect();
    order.sort_by(|&a, &b| {
        let community = |i: usize| communities.community(&strengths[i].0);
        community(a)
            .cmp(&community(b))
            .then_with(|| strengths[b].1.total_cmp(&strengths[a].1))
            .then_with(|| strengths[a].0.cmp(&strengths[b].0))
    });
    let count = order.len().max(1) as f64;
    let radius = count * CIRCLE_SPACING / std::f64::consts::TAU;
    let mut positions = vec![(0.0, 0.0); order.len()];
    for (slot, &node) in order.iter().enumerate() {
        let angle = std::f64::consts::TAU * slot as f64 / count;
        positions[node] = (radius * angle.cos(), radius * angle.sin());
    }
    positions
}

/// An image format Graphviz writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// Scalable vector graphics.
    Svg,
    /// Portable network graphics.
    Png,
    /// Portable document format.
    Pdf,
}

impl ImageFormat {
    /// The format named by a file's extension.
    pub fn from_path(path: &Path) -> Option<ImageFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            _ => None,
        }
    }

    fn graphviz_name(self) -> &'static str {
        match self {
            ImageFormat::Svg => "svg",
            ImageFormat::Png => "png",
            ImageFormat::Pdf => "pdf",
        }
    }
}

/// What [`render`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The engine that laid the graph out.
    pub engine: &'static str,
    /// What Graphviz printed on stderr (warnings), if anything.
    pub warnings: String,
}

/// Lays `graph` out with `layout` and writes the image to `path` (format from its extension),
/// atomically, killing Graphviz after `timeout`. `path` may not be one of `inputs`.
///
/// # Errors
/// [`Error::GraphvizMissing`], [`Error::GraphvizFailed`] or [`Error::GraphvizTimeout`] when
/// Graphviz is not installed, fails, or runs out of time; [`Error::UnknownImageFormat`] when the
/// extension is not svg, png or pdf; [`Error::Io`] when the file cannot be written;
/// [`Error::WouldOverwriteInput`] when `path` is one of `inputs`.
pub fn render(
    graph: &Graph,
    layout: Layout,
    path: &Path,
    timeout: Duration,
    inputs: &Inputs,
) -> Result<Rendered> {
    let format = ImageFormat::from_path(path).ok_or_else(|| Error::UnknownImageFormat {
        path: path.to_path_buf(),
    })?;
    let nodes = graph.node_count();
    let mut engine = layout.engine(nodes);
    let attributes = layout_attributes(engine, nodes);
    let mut positions = Vec::new();
    let mut engine_flags = vec![format!("-K{engine}")];
    if engine == "circo" && nodes > CIRCO_LIMIT {
        positions = circle(graph);
        engine = "circle";
        // neato -n2 keeps the given positions (in points) and only draws.
        engine_flags = vec!["-Kneato".to_string(), "-n2".to_string()];
    }
    let mut source = Vec::new();
    let diagram = DiagramLayout {
        attributes: &attributes,
        positions: &positions,
    };
    dot::write_diagram(graph, diagram, &mut source).map_err(|e| Error::io("<memory>", e))?;
    // Before Graphviz runs: an unwritable place is reported at once, not after the layout.
    let mut file = AtomicFile::create(path, inputs)?;

    let mut child = Command::new("dot")
        .args(&engine_flags)
        .arg(format!("-T{}", format.graphviz_name()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::GraphvizMissing
            } else {
                Error::io("dot", e)
            }
        })?;
    // Both outputs are drained while Graphviz runs, so that a full pipe never stalls it.
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let image = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    if let Some(mut stdin) = child.stdin.take() {
        // Graphviz reads all of its input before laying out; a failure shows in its exit.
        let _ = stdin.write_all(&source);
    }
    let started = Instant::now();
    let status = loop {
        match child.try_wait().map_err(|e| Error::io("dot", e))? {
            Some(status) => break status,
            None if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(Error::GraphvizTimeout {
                    engine,
                    seconds: timeout.as_secs(),
                });
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let image = image.join().unwrap_or_default();
    let warnings = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if !status.success() {
        return Err(Error::GraphvizFailed {
            engine,
            stderr: warnings,
        });
    }
    file.write_all(&image).map_err(|e| Error::io(path, e))?;
    file.commit()?;
    Ok(Rendered { engine, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_layout_switches_to_sfdp_for_large_graphs() {
        assert_eq!(Layout::Auto.engine(10), "neato");
        assert_eq!(Layout::Auto.engine(AUTO_SFDP_THRESHOLD + 1), "sfdp");
        assert_eq!(Layout::Circo.engine(10_000), "circo");
        for layout in Layout::ALL {
            assert_eq!(layout.to_string().parse::<Layout>(), Ok(layout));
        }
    }

    #[test]
    fn large_graphs_get_straight_links_and_a_faster_dot() {
        let small = layout_attributes("dot", SPLINE_LIMIT);
        assert_eq!(small, [("overlap", "false"), ("splines", "true")]);
        let large = layout_attributes("sfdp", SPLINE_LIMIT + 1);
        assert_eq!(large, [("overlap", "false"), ("splines", "false")]);
        let dot = layout_attributes("dot", 5000);
        assert!(dot.contains(&("splines", "false")) && dot.contains(&("mclimit", "0.01")));
    }

    #[test]
    fn a_circle_puts_every_node_at_the_same_distance_from_the_middle() {
        use crate::graph::tests::weighted;
        let graph = weighted(
            &["a", "b", "c", "d", "e"],
            &[("a", "b", 3), ("b", "c", 1), ("d", "e", 2)],
        );
        let positions = circle(&graph);
        assert_eq!(positions.len(), 5);
        let radius = 5.0 * CIRCLE_SPACING / std::f64::consts::TAU;
        for (x, y) in &positions {
            assert!((x.hypot(*y) - radius).abs() < 1e-9);
        }
        // One community's members are neighbours on the circle: a, b, c take three slots in a
        // row, d and e the other two.
        let slot = |i: usize| {
            let (x, y) = positions[i];
            ((y.atan2(x) / std::f64::consts::TAU * 5.0).round() as i64).rem_euclid(5)
        };
        let mut first: Vec<i64> = (0..3).map(slot).collect();
        first.sort_unstable();
        assert!(
            first == [0, 1, 2] || first == [2, 3, 4] || first == [0, 3, 4] || first == [0, 1, 4]
        );
        assert_eq!(circle(&graph), positions);
    }

    #[test]
    fn image_format_comes_from_the_extension() {
        assert_eq!(
            ImageFormat::from_path(Path::new("a/graph.SVG")),
            Some(ImageFormat::Svg)
        );
        assert_eq!(
            ImageFormat::from_path(Path::new("g.png")),
            Some(ImageFormat::Png)
        );
        assert_eq!(ImageFormat::from_path(Path::new("g.jpeg")), None);
        assert_eq!(ImageFormat::from_path(Path::new("g")), None);
    }
}
