//! The page `kgx export --format html` writes, and the graph inside it: shared by the page's own
//! tests (`tests/integration/export_html.rs`) and the browser tests (`tests/tools/chromium.rs`).

use std::path::Path;

use serde_json::Value;

use super::{kgx, workspace};

/// Runs `kgx export --format html` on `graph` and returns the page.
pub fn export_html(graph: &Path) -> String {
    export_html_noting(graph).0
}

/// Runs `kgx export --format html` on `graph` and returns the page and what kgx said on stderr.
pub fn export_html_noting(graph: &Path) -> (String, String) {
    let dir = workspace();
    let file = dir.path().join("graph.html");
    let run = kgx(
        dir.path(),
        &[
            "export",
            graph.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "");
    (std::fs::read_to_string(&file).unwrap(), run.stderr)
}

/// The JSON block of a page, parsed.
pub fn page_data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"kgx-graph\">";
    let start = page.find(open).expect("data block") + open.len();
    let end = start
        + page[start..]
            .find("</script>")
            .expect("end of the data block");
    serde_json::from_str(&page[start..end]).expect("the data block is JSON")
}
