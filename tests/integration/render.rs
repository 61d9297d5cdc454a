//! `kgx render`: the real Graphviz draws the seeds graph in every layout, without warnings, and
//! a large graph as its readable view (or whole with `--all`, in every layout in seconds).

use std::path::Path;
use std::process::Command;

use crate::common::{in_ci, kgx, nasty_graph, repo, Run};

pub fn graphviz_present() -> bool {
    if Command::new("dot").arg("-V").output().is_ok() {
        return true;
    }
    assert!(
        !in_ci(),
        "Graphviz is missing in CI; .ci/run must install it"
    );
    crate::common::skipped("Graphviz `dot` is not installed");
    false
}

#[test]
fn every_layout_renders_the_seeds_without_warnings() {
    if !graphviz_present() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for layout in ["auto", "dot", "sfdp", "neato", "fdp", "circo"] {
        let svg = out.path().join(format!("{layout}.svg"));
        let run = kgx(
            &repo(),
            &["render", "--layout", layout, "-o", svg.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{layout}: {}", run.stderr);
        assert!(
            !run.stderr.contains("kgx: graphviz:"),
            "{layout} warned: {}",
            run.stderr
        );
        let svg = std::fs::read_to_string(&svg).unwrap();
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

#[test]
fn png_pdf_isolated_and_nasty_names() {
    if !graphviz_present() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    for (file, magic) in [("g.png", &b"\x89PNG"[..]), ("g.pdf", b"%PDF")] {
        let path = out.path().join(file);
        let run = kgx(
            &repo(),
            &["render", "--keep-isolated", "-o", path.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(std::fs::read(&path).unwrap().starts_with(magic), "{file}");
    }
    let svg = out.path().join("isolated.svg");
    kgx(
        &repo(),
        &["render", "--keep-isolated", "-o", svg.to_str().unwrap()],
    );
    assert!(std::fs::read_to_string(&svg)
        .unwrap()
        .contains("Sloboden Pechat"));

    let nasty = nasty_graph();
    let graph = nasty.path().join("graph.json");
    let svg = nasty.path().join("nasty.svg");
    let run = kgx(
        &repo(),
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

#[test]
fn missing_graphviz_and_bad_extension_are_clear_errors() {
    let run = Command::new(env!("CARGO_BIN_EXE_kgx"))
        .args(["render", "-o", "/tmp/kgx-never-written.svg"])
        .current_dir(repo())
        .env("PATH", "/nonexistent")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8(run.stderr).unwrap();
    assert!(
        stderr.starts_with(
            "kgx: Graphviz is not installed (no `dot` program on the PATH); install it"
        ),
        "{stderr}"
    );
    assert!(!std::path::Path::new("/tmp/kgx-never-written.svg").exists());

    let run = kgx(&repo(), &["render", "-o", "graph.jpeg"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "kgx: graph.jpeg: the image format comes from the extension: .svg, .png or .pdf\n"
    );
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
    let run = kgx(&repo(), &args);
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    let drawn = drawn(&std::fs::read_to_string(&svg).unwrap());
    (run, drawn)
}

#[test]
fn a_large_graph_is_drawn_as_its_readable_view_unless_all_is_asked() {
    if !graphviz_present() {
        return;
    }
    let graph = crate::synthetic::bbc_sized();
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
