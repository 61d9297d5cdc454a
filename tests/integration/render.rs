//! `kgx render` without Graphviz, and with an image format it cannot write: clear errors. The
//! drawings themselves need Graphviz and are checked in `tests/tools/graphviz.rs`.

use crate::common::{kgx, kgx_command, workspace};

#[test]
fn missing_graphviz_and_bad_extension_are_clear_errors() {
    let dir = workspace();
    let run = kgx_command(dir.path())
        .args(["render", "-o", "never-written.svg"])
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
    assert!(!dir.path().join("never-written.svg").exists());

    let run = kgx(dir.path(), &["render", "-o", "graph.jpeg"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "kgx: graph.jpeg: the image format comes from the extension: .svg, .png or .pdf\n"
    );
}
