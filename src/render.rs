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

use std::fmt;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::export::dot;
use crate::graph::Graph;
use crate::output::{AtomicFile, Inputs};

/// Above this many nodes, `auto` uses `sfdp`.
pub const AUTO_SFDP_THRESHOLD: usize = 200;

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
/// [`Error::InvalidConfig`] when Graphviz is not installed, fails, or runs out of time, or the
/// extension is not svg, png or pdf; [`Error::Io`] when the file cannot be written;
/// [`Error::WouldOverwriteInput`] when `path` is one of `inputs`.
pub fn render(
    graph: &Graph,
    layout: Layout,
    path: &Path,
    timeout: Duration,
    inputs: &Inputs,
) -> Result<Rendered> {
    let format = ImageFormat::from_path(path).ok_or_else(|| {
        Error::InvalidConfig(format!(
            "{}: the image format comes from the extension: .svg, .png or .pdf",
            path.display()
        ))
    })?;
    let engine = layout.engine(graph.node_count());
    let mut source = Vec::new();
    dot::write_diagram(graph, &mut source).map_err(|e| Error::io("<memory>", e))?;
    // Before Graphviz runs: an unwritable place is reported at once, not after the layout.
    let mut file = AtomicFile::create(path, inputs)?;

    let mut child = Command::new("dot")
        .arg(format!("-K{engine}"))
        .arg(format!("-T{}", format.graphviz_name()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::InvalidConfig(
                    "Graphviz is not installed (no `dot` program on the PATH); install it \
                     (Debian/Ubuntu: apt-get install graphviz; macOS: brew install graphviz) \
                     and run kgx render again"
                        .to_string(),
                )
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
                return Err(Error::InvalidConfig(format!(
                    "Graphviz ({engine} layout) did not finish within {} s; prune the graph \
                     (--top-k-per-node, --min-weight, --largest-component) or raise --timeout",
                    timeout.as_secs()
                )));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let image = image.join().unwrap_or_default();
    let warnings = String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned();
    if !status.success() {
        return Err(Error::InvalidConfig(format!(
            "Graphviz ({engine} layout) failed: {}",
            warnings.trim()
        )));
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
