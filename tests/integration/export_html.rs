//! `kgx export --format html`: the page's bytes (golden file), the graph inside it, hostile
//! names kept as data, and a large graph's readable view laid out without overlaps. The page
//! itself is driven in headless Chromium in `tests/tools/chromium.rs`.

use serde_json::{json, Value};

use crate::common::html::{export_html, export_html_noting, page_data};
use crate::common::{assert_golden, extract_seeds, nasty_graph, read_json, repo, synthetic};

/// The Cytoscape.js build that kgx embeds (see vendor/README.md).
const CYTOSCAPE: &str = include_str!("../../vendor/cytoscape/cytoscape.min.js");

#[test]
fn seeds_page_matches_its_golden_file_and_holds_the_graph() {
    let page = export_html(&repo().join("output/graph.json"));
    // The library is embedded once, verbatim; the golden file leaves it out (it is vendored and
    // checksummed in vendor/README.md, and 400 kB of minified code would drown every diff).
    assert_eq!(page.matches(CYTOSCAPE).count(), 1);
    assert_golden(
        "export_seeds.html",
        &page.replace(CYTOSCAPE, "/* vendor/cytoscape/cytoscape.min.js */"),
    );

    let graph = read_json(&repo().join("output/graph.json"));
    let data = page_data(&page);
    let nodes = graph["nodes"].as_array().unwrap();
    let edges = graph["edges"].as_array().unwrap();
    assert_eq!(data["nodes"].as_array().unwrap().len(), nodes.len());
    assert_eq!(data["links"].as_array().unwrap().len(), edges.len());
    for (ours, theirs) in data["nodes"].as_array().unwrap().iter().zip(nodes) {
        assert_eq!(ours["key"], theirs["id"]);
        assert_eq!(ours["name"], theirs["label"]);
        assert_eq!(ours["kind"], theirs["type"]);
        assert_eq!(ours["mentions"], theirs["mentions"]);
    }
    for (link, edge) in data["links"].as_array().unwrap().iter().zip(edges) {
        let a = link["a"].as_u64().unwrap() as usize;
        let b = link["b"].as_u64().unwrap() as usize;
        assert_eq!(nodes[a]["id"], edge["source"]);
        assert_eq!(nodes[b]["id"], edge["target"]);
        assert_eq!(link["weight"], edge["weight"]);
        assert_eq!(link["evidence"], edge["evidence"]);
    }

    // `kgx extract --format` writes the same page as `kgx export`.
    let (out, run) = extract_seeds(&["--format", "json,dot,html", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(out.path().join("graph.html")).unwrap() == page);
}

#[test]
fn nasty_names_stay_data_in_the_page() {
    let dir = nasty_graph();
    let page = export_html(&dir.path().join("graph.json"));
    for markup in ["<Co>", "& <Co>", "<Co", "Co>"] {
        assert!(
            !page.contains(markup),
            "{markup} reached the page unescaped"
        );
    }
    assert!(page.contains(r"\u0026 \u003cCo\u003e Ltd"));
    let graph = read_json(&dir.path().join("graph.json"));
    let names: Vec<&Value> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["label"])
        .collect();
    let data = page_data(&page);
    let ours: Vec<&Value> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["name"])
        .collect();
    assert_eq!(ours, names);
    assert!(ours.contains(&&json!("Bell\u{7}Ring Ltd")));
}

#[test]
fn a_large_graph_opens_on_its_readable_view_laid_out_without_overlaps() {
    let path = synthetic::bbc_sized();
    let (page, stderr) = export_html_noting(&path);
    assert!(
        stderr.contains("opens showing the backbone: ")
            && stderr.contains(" of 1,568 entities (the most linked), ")
            && stderr.contains("\"Show all\" in the page draws everything"),
        "{stderr}"
    );
    let data = page_data(&page);
    let view = &data["graph"]["view"];
    let nodes = data["nodes"].as_array().unwrap();
    let links = data["links"].as_array().unwrap();
    assert_eq!((nodes.len(), links.len()), (1568, 3826));
    let in_view: Vec<&Value> = nodes.iter().filter(|n| n.get("view").is_some()).collect();
    assert_eq!(view["entities"], in_view.len());
    assert!((50..=100).contains(&in_view.len()), "{view}");
    assert_eq!(
        view["links"],
        links.iter().filter(|l| l["view"] == true).count()
    );
    // Positions: finite, and no entity drawn over another, in the view and in the whole graph.
    let overlapping = |points: Vec<(f64, f64, f64)>| {
        let mut count = 0;
        for (i, a) in points.iter().enumerate() {
            for b in &points[i + 1..] {
                assert!(a.0.is_finite() && a.1.is_finite());
                if (a.0 - b.0).hypot(a.1 - b.1) < (a.2 + b.2) / 2.0 {
                    count += 1;
                }
            }
        }
        count
    };
    let size = |n: &Value| n["size"].as_f64().unwrap();
    let whole = nodes
        .iter()
        .map(|n| (n["x"].as_f64().unwrap(), n["y"].as_f64().unwrap(), size(n)))
        .collect();
    assert_eq!(overlapping(whole), 0, "entities overlap in the whole graph");
    let viewed = in_view
        .iter()
        .map(|n| {
            (
                n["view"][0].as_f64().unwrap(),
                n["view"][1].as_f64().unwrap(),
                size(n),
            )
        })
        .collect();
    assert_eq!(overlapping(viewed), 0, "entities overlap in the view");
    // A graph small enough to read whole has no view.
    let seeds = page_data(&export_html(&repo().join("output/graph.json")));
    assert!(seeds["graph"]["view"].is_null());
}
