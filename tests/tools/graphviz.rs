//! Graphviz: `dot` renders the `graph.dot` that `kgx extract` writes, and `kgx render` (which runs
//! Graphviz) draws the seeds graph in every layout without warnings, a large graph as its
//! readable view (or whole with `--all`), and through a symlink to a device.

use std::path::Path;
use std::process::Command;

use crate::common::{extract_seeds, kgx, nasty_graph, synthetic, workspace, Run};

pub fn dot_renders_the_extracted_dot_file() {
    let (out, run) = extract_seeds(&[]);
    assert_eq!(run.code, 0);
    let svg = out.path().join("graph.svg");
    let rendered = Command::new("dot")
        .args(["-Tsvg", "-o"])
        .arg(&svg)
        .arg(out.path().join("graph.dot"))
        .output()
        .expect("dot runs");
    assert!(
        rendered.status.success(),
        "{}",
        String::from_utf8_lossy(&rendered.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&rendered.stderr),
        "",
        "dot printed warnings"
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(
        svg.contains("<svg")
            && svg.contains("Vladimir Putin")
            && svg.contains("Recep Tayyip Erdoğan")
    );
}

pub fn every_layout_renders_the_seeds_without_warnings() {
    let dir = workspace();
    for layout in ["auto", "dot", "sfdp", "neato", "fdp", "circo"] {
        let svg = format!("{layout}.svg");
        let run = kgx(dir.path(), &["render", "--layout", layout, "-o", &svg]);
        assert_eq!(run.code, 0, "{layout}: {}", run.stderr);
        assert!(
            !run.stderr.contains("kgx: graphviz:"),
            "{layout} warned: {}",
            run.stderr
        );
        let svg = std::fs::read_to_string(dir.path().join(svg)).unwrap();
        assert!(
            svg.starts_with("<?xml") && svg.contains("Vladimir Putin"),
            "{layout}"
        );
        assert!(
            svg.contains("organization"),
            "{layout}: the legend is missing"
        );
        // Isolated entities are left out by default.
        assert!(!svg.contains("Sloboden Pechat"), "{layout}");
    }
}

pub fn png_pdf_isolated_and_nasty_names() {
    let dir = workspace();
    for (file, magic) in [("g.png", &b"\x89PNG"[..]), ("g.pdf", b"%PDF")] {
        let run = kgx(dir.path(), &["render", "--keep-isolated", "-o", file]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let image = std::fs::read(dir.path().join(file)).unwrap();
        assert!(image.starts_with(magic), "{file}");
    }
    let run = kgx(
        dir.path(),
        &["render", "--keep-isolated", "-o", "isolated.svg"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(dir.path().join("isolated.svg"))
        .unwrap()
        .contains("Sloboden Pechat"));

    let nasty = nasty_graph();
    let graph = nasty.path().join("graph.json");
    let svg = nasty.path().join("nasty.svg");
    let run = kgx(
        dir.path(),
        &[
            "render",
            graph.to_str().unwrap(),
            "-o",
            svg.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let svg = std::fs::read_to_string(&svg).unwrap();
    assert!(svg.contains("Back\\slash &amp; &lt;Co&gt; Ltd"), "{svg}");
    assert!(svg.contains("Say &quot;Hi&quot; O&#39;Brien") || svg.contains("Say \"Hi\" O'Brien"));
    assert!(svg.contains("Rocket 🚀 Corp") && svg.contains("ישראל"));
}

/// Entities (`<g id="node…" class="node">`) and links drawn in an SVG written by Graphviz.
fn drawn(svg: &str) -> (usize, usize) {
    (
        svg.matches("class=\"node\"").count(),
        svg.matches("class=\"edge\"").count(),
    )
}

/// `kgx render GRAPH EXTRA... -o DIR/NAME.svg`: the run and the entities and links drawn.
fn render_svg(graph: &Path, dir: &Path, name: &str, extra: &[&str]) -> (Run, (usize, usize)) {
    let svg = dir.join(format!("{name}.svg"));
    let mut args = vec!["render", graph.to_str().unwrap()];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["-o", svg.to_str().unwrap()]);
    let run = kgx(dir, &args);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    let drawn = drawn(&std::fs::read_to_string(&svg).unwrap());
    (run, drawn)
}

pub fn a_large_graph_is_drawn_as_its_readable_view_unless_all_is_asked() {
    let graph = synthetic::bbc_sized();
    let out = tempfile::tempdir().unwrap();
    let (run, (entities, links)) = render_svg(&graph, out.path(), "view", &[]);
    assert!(
        run.stderr.starts_with("kgx: showing the backbone: ")
            && run
                .stderr
                .contains(" of 1,568 entities (the most linked), ")
            && run
                .stderr
                .contains(" of 3,826 links (each one's 2 strongest); --all draws everything\n"),
        "{}",
        run.stderr
    );
    assert!((50..=100).contains(&entities), "{entities} entities");
    assert!(links <= 2 * entities, "{links} links");
    assert!(
        run.stderr.contains(&format!(
            "({entities} entities, {links} links, neato layout)"
        )),
        "{}",
        run.stderr
    );

    // --all: every linked entity, links drawn straight (the curved ones took minutes).
    let (run, drawn_all) = render_svg(&graph, out.path(), "all", &["--all"]);
    assert!(!run.stderr.contains("backbone"), "{}", run.stderr);
    assert_eq!(drawn_all, (1179, 3826));
    assert!(run.stderr.contains("sfdp layout"), "{}", run.stderr);

    // circo places a large graph on one circle itself, at once.
    let (run, (on_circle, _)) = render_svg(
        &graph,
        out.path(),
        "circle",
        &["--all", "--layout", "circo"],
    );
    assert!(run.stderr.contains("circle layout"), "{}", run.stderr);
    assert_eq!(on_circle, 1179);

    // A pruning option is the user's own choice of view: no backbone on top of it.
    let (run, _) = render_svg(&graph, out.path(), "pruned", &["--min-weight", "20"]);
    assert!(!run.stderr.contains("backbone"), "{}", run.stderr);
}

/// `kgx render -o null.svg`, where null.svg is a symlink to /dev/null, writes through the link
/// and leaves both the link and the device in place (the other subcommands are checked in
/// `tests/integration/outputs.rs`).
pub fn render_writes_through_a_symlink_to_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = workspace();
    let link = dir.path().join("null.svg");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let run = kgx(dir.path(), &["render", "-o", "null.svg"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let device = std::fs::metadata("/dev/null").unwrap();
    assert!(device.file_type().is_char_device());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".kgx-"))
        .collect();
    assert!(left.is_empty(), "temporary files left: {left:?}");
}
