//! `kgx export --format mermaid`: the golden seeds flowchart, the refusal of a large graph,
//! and Mermaid's own parser (in node, with jsdom for the DOM it needs) reading the diagram with
//! the same nodes, labels, types, links and weights as graph.json.

use serde_json::Value;

use crate::common::{
    assert_golden, export_to, extract_seeds, kgx, nasty_graph, node_script, npm_packages,
    read_json, repo,
};

/// The packages the check runs: Mermaid itself, and jsdom for the DOM its parser needs
/// (Mermaid's command-line renderer would need a browser).
const PACKAGES: &[&str] = &["mermaid@11.17.2", "jsdom@26.1.0"];

/// Parses a Mermaid file with Mermaid and prints its nodes and links, labels decoded as a
/// browser shows them: Mermaid hides entity codes from its parser (`#quot;` becomes
/// `ﬂ°quot¶ß`) and turns them into HTML entities when it renders, which the browser decodes.
const CHECK: &str = r#"
import { readFileSync } from 'node:fs';
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const text = readFileSync(process.argv[2], 'utf8');
const parsed = await mermaid.parse(text);
const db = (await mermaid.mermaidAPI.getDiagramFromText(text)).db;
const decode = (s) => {
  const area = dom.window.document.createElement('textarea');
  area.innerHTML = s.replace(/ﬂ°°/g, '&#').replace(/ﬂ°/g, '&').replace(/¶ß/g, ';');
  return area.value;
};
console.log(JSON.stringify({
  type: parsed.diagramType,
  nodes: [...db.getVertices().values()].map((v) => [v.id, decode(v.text), v.classes]),
  links: db.getEdges().map((e) => [e.start, e.end, e.text]),
  widths: db.getEdges().map((e) => (e.style ?? []).find((s) => s.startsWith('stroke-width:')) ?? null),
}));
"#;
/// A label as the diagram shows it: line breaks and tabs as spaces, other control characters
/// dropped, and the id when nothing printable is left.
fn shown(label: &str, id: &str) -> String {
    let text: String = label
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    if text.trim().is_empty() {
        id.to_string()
    } else {
        text
    }
}

/// What Mermaid should read for `graph.json`: node n<i> per node in order with its label
/// and type as class, links between those ids labelled with the weight, and their stroke
/// widths (the DOT pen width: 1 + 1.5·log2 weight).
fn expected(graph: &Value) -> (Vec<Value>, Vec<Value>, Vec<Value>) {
    let nodes = graph["nodes"].as_array().unwrap();
    let index = |id: &Value| nodes.iter().position(|n| &n["id"] == id).unwrap();
    let expected_nodes = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!([
                format!("n{i}"),
                shown(n["label"].as_str().unwrap(), n["id"].as_str().unwrap()),
                [n["type"]]
            ])
        })
        .collect();
    let links = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            serde_json::json!([
                format!("n{}", index(&e["source"])),
                format!("n{}", index(&e["target"])),
                e["weight"].to_string()
            ])
        })
        .collect();
    let widths = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let weight = e["weight"].as_u64().unwrap() as f64;
            format!("stroke-width:{:.2}px", 1.0 + 1.5 * weight.log2()).into()
        })
        .collect();
    (expected_nodes, links, widths)
}

#[test]
fn seeds_flowchart_matches_the_golden_file() {
    let run = kgx(&repo(), &["export", "--format", "mermaid"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_golden("export_seeds.mmd", &run.stdout);
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("graph.mmd");
    export_to(&repo().join("output/graph.json"), "mermaid", &file, &[]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), run.stdout);
}

#[test]
fn large_graphs_are_refused_until_pruned() {
    let (out, run) = extract_seeds(&["--window", "document", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let graph = out.path().join("graph.json");
    let edges = read_json(&graph)["edges"].as_array().unwrap().len();
    assert!(edges > 300, "the document window links {edges} pairs");
    let message = format!(
        "mermaid diagrams are for small graphs: this one has 65 nodes and {edges} links \
         (limit 100/300); prune it first with --top-k-per-node, --min-weight or kgx ego"
    );

    let run = kgx(
        &repo(),
        &["export", graph.to_str().unwrap(), "--format", "mermaid"],
    );
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("kgx: {message}\n"));

    let file = out.path().join("graph.mmd");
    let args = [
        "export",
        graph.to_str().unwrap(),
        "--format",
        "mermaid",
        "-o",
        file.to_str().unwrap(),
    ];
    let run = kgx(&repo(), &args);
    assert_eq!(run.code, 1);
    assert_eq!(run.stderr, format!("kgx: {}: {message}\n", file.display()));
    assert!(!file.exists(), "a refused diagram leaves no file");

    let mut pruned = args.to_vec();
    pruned.extend(["--top-k-per-node", "2"]);
    let run = kgx(&repo(), &pruned);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&file)
        .unwrap()
        .starts_with("graph LR\n"));
}

/// Mermaid parses the seeds, nasty-names and Mermaid-syntax-names diagrams into the graph.json
/// nodes, labels, types and links, and rejects a label with a raw quote (so the check can fail). Needs node and npm
/// (skipped without them, except in CI).
#[test]
fn mermaid_parses_the_diagram_into_the_same_graph() {
    let Some(dir) = npm_packages("mermaid", PACKAGES) else {
        return;
    };
    let seeds = tempfile::tempdir().unwrap();
    let seeds_file = seeds.path().join("graph.mmd");
    export_to(
        &repo().join("output/graph.json"),
        "mermaid",
        &seeds_file,
        &[],
    );
    let nasty = nasty_graph();
    let nasty_file = nasty.path().join("graph.mmd");
    export_to(
        &nasty.path().join("graph.json"),
        "mermaid",
        &nasty_file,
        &[],
    );
    // Labels that are text to a reader but syntax to Mermaid: an entity code, its style
    // pre-pass, a comment, a Markdown string, markup, a keyword, a line break, and nothing
    // printable at all.
    let mut tricky = read_json(&nasty.path().join("graph.json"));
    let mut blank = tricky["nodes"][0].clone();
    blank["id"] = "zz-blank".into();
    blank["label"] = "\u{7}".into();
    tricky["nodes"].as_array_mut().unwrap().push(blank);
    for (node, label) in tricky["nodes"].as_array_mut().unwrap().iter_mut().zip([
        "Channel #9; News",
        "lifestyle:#1; x",
        "50%% Off",
        "`Markdown`",
        "A <b>bold</b> &amp; move",
        "end",
        "two\nlines",
    ]) {
        node["label"] = label.into();
    }
    let tricky_graph = nasty.path().join("tricky.json");
    std::fs::write(&tricky_graph, tricky.to_string()).unwrap();
    let tricky_file = nasty.path().join("tricky.mmd");
    export_to(&tricky_graph, "mermaid", &tricky_file, &[]);

    let mut parsed = Value::Null;
    for (graph, file) in [
        (tricky_graph, &tricky_file),
        (repo().join("output/graph.json"), &seeds_file),
        (nasty.path().join("graph.json"), &nasty_file),
    ] {
        let (ok, stdout, stderr) = node_script(&dir, "check-mermaid.mjs", CHECK, &[file.as_path()]);
        assert!(ok, "Mermaid failed on {}: {stderr}", file.display());
        parsed = serde_json::from_str(&stdout).unwrap();
        assert_eq!(parsed["type"], "flowchart-v2");
        let (nodes, links, widths) = expected(&read_json(&graph));
        assert_eq!(parsed["nodes"].as_array().unwrap(), &nodes);
        assert_eq!(parsed["links"].as_array().unwrap(), &links);
        assert_eq!(parsed["widths"].as_array().unwrap(), &widths);
    }
    // The last one parsed is the nasty graph.
    let labels: Vec<&str> = parsed["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[1].as_str().unwrap())
        .collect();
    for name in [
        "Say \"Hi\" O'Brien",
        "Back\\slash & <Co> Ltd",
        "100% Pure {Curly} #Hash Co",
        "Rocket 🚀 Corp",
        "ישראל",
        "BellRing Ltd",
    ] {
        assert!(labels.contains(&name), "{name} lost: {labels:?}");
    }

    let broken = nasty.path().join("broken.mmd");
    std::fs::write(&broken, "graph LR\n  n0[\"Say \"Hi\" O'Brien\"]\n").unwrap();
    let (ok, _, stderr) = node_script(&dir, "check-mermaid.mjs", CHECK, &[broken.as_path()]);
    assert!(!ok, "Mermaid accepted a raw quote in a label");
    assert!(stderr.contains("Parse error"), "{stderr}");
}
