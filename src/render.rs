//! Rendering diagrams with Graphviz: SVG, PNG or PDF from a graph.
//!
//! kgx writes the DOT itself ([`crate::export::dot::write_diagram`], built with graphviz-rust)
//! and runs the Graphviz binary on it. It does not use graphviz-rust's `exec`, because that
//! waits for Graphviz with no limit, and a layout of a few thousand nodes can run for many
//! minutes: here Graphviz runs as a child process that is killed when the timeout passes, and it
//! writes to a temporary file that is renamed only on success.
//!
//! **Layouts.** `auto` picks `neato` (force-directed, good for co-occurrence graphs, which have
//! no hierarchy) up to [`AUTO_SFDP_THRESHOLD`] nodes and `sfdp` (the multiscale force-directed
//! engine) beyond, where `neato` and `dot` take minutes.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::export::dot;
use crate::graph::Graph;

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
/// atomically, killing Graphviz after `timeout`.
///
/// # Errors
/// [`Error::InvalidConfig`] when Graphviz is not installed, fails, or runs out of time, or the
/// extension is not svg, png or pdf; [`Error::Io`] when the file cannot be written.
pub fn render(graph: &Graph, layout: Layout, path: &Path, timeout: Duration) -> Result<Rendered> {
    let format = ImageFormat::from_path(path).ok_or_else(|| {
        Error::InvalidConfig(format!(
            "{}: the image format comes from the extension: .svg, .png or .pdf",
            path.display()
        ))
    })?;
    let engine = layout.engine(graph.node_count());
    let mut source = Vec::new();
    dot::write_diagram(graph, &mut source).map_err(|e| Error::io("<memory>", e))?;

    let directory = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::metadata(&directory).map_err(|e| Error::io(&directory, e))?;
    let temp = tempfile::Builder::new()
        .prefix(".kgx-")
        .suffix(&format!(".{}", format.graphviz_name()))
        .tempfile_in(&directory)
        .map_err(|e| {
            Error::io(
                &directory,
                std::io::Error::new(e.kind(), "cannot create a file here"),
            )
        })?;

    let mut child = Command::new("dot")
        .arg(format!("-K{engine}"))
        .arg(format!("-T{}", format.graphviz_name()))
        .arg("-o")
        .arg(temp.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
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
    if let Some(mut stdin) = child.stdin.take() {
        // Graphviz reads all of its input before laying out; a failure shows in its exit.
        let _ = stdin.write_all(&source);
    }
    let mut stderr = child.stderr.take();
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
    let mut warnings = String::new();
    if let Some(stderr) = stderr.as_mut() {
        let _ = stderr.read_to_string(&mut warnings);
    }
    if !status.success() {
        return Err(Error::InvalidConfig(format!(
            "Graphviz ({engine} layout) failed: {}",
            warnings.trim()
        )));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
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
