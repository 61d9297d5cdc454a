//! The checks that need an outside program, one module per program: Graphviz renders what kgx
//! writes, NetworkX and rdflib read it back, Cytoscape.js and Mermaid load it (in node), the
//! viewer page works in headless Chromium, the Spark job runs on PySpark, and the dictionary
//! generators (which install their npm package) reproduce the committed files.
//!
//! A separate test target, on libtest-mimic, because the built-in harness decides `#[ignore]`
//! when it compiles: here each check names the tools it needs ([`Tool`]), and a check whose
//! tool is missing shows in the normal `cargo test` output as `ignored (what is missing:
//! the command that installs it)` and counts as ignored, never as `ok`. Under `CI=true` (as
//! `.ci/run` sets it) a missing tool fails the check instead.

// A failing test is a panic: unwrap and expect say what broke.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../common/mod.rs"]
mod common;

mod chromium;
mod generators;
mod graphviz;
mod networkx;
mod node;
mod rdflib;
mod spark;
mod tool;

use std::process::ExitCode;

use libtest_mimic::{Arguments, Completion, Trial};

use crate::tool::Tool;

/// `module needs [Tool, …]: check, check, …;` becomes one trial per check, named
/// `module::check` (as the built-in harness names tests), that needs those tools.
macro_rules! checks {
    ($($module:ident needs [$($tool:ident),+]: $($check:ident),+;)+) => {{
        let mut trials = Vec::new();
        $({
            let needs: &'static [Tool] = &[$(Tool::$tool),+];
            $(trials.push(trial(
                concat!(stringify!($module), "::", stringify!($check)),
                needs,
                $module::$check,
            ));)+
        })+
        trials
    }};
}

fn main() -> ExitCode {
    let trials = checks! {
        graphviz needs [Graphviz]:
            dot_renders_the_extracted_dot_file,
            every_layout_renders_the_seeds_without_warnings,
            png_pdf_isolated_and_nasty_names,
            a_large_graph_is_drawn_as_its_readable_view_unless_all_is_asked,
            render_writes_through_a_symlink_to_a_device;
        networkx needs [NetworkX]:
            reads_graph_json,
            centralities_and_communities_agree,
            reads_the_csv_tables_back,
            reads_graphml_as_the_same_graph,
            reads_gexf_as_the_same_graph,
            reads_nasty_names_in_graphml_and_gexf,
            reads_provisional_entities_in_graphml_and_gexf;
        rdflib needs [Rdflib]:
            reads_both_files_to_the_same_triples,
            readme_sparql_example_finds_the_strongest_links;
        node needs [NodePackages]:
            cytoscape_js_loads_the_export_with_every_edge_attached,
            mermaid_parses_the_diagram_into_the_same_graph;
        chromium needs [Chromium, NodePackages]:
            viewer_draws_finds_explains_and_filters,
            viewer_shows_nasty_names_as_text,
            viewer_keeps_labels_apart_on_a_bbc_sized_graph,
            viewer_draws_5000_entities_and_25000_links;
        spark needs [PySpark]:
            the_spark_job_writes_the_single_run_graph;
        generators needs [Npm]:
            country_generator_reproduces_the_committed_file,
            english_word_generator_reproduces_the_committed_file;
    };
    libtest_mimic::run(&Arguments::from_args(), trials).exit_code()
}

/// A trial that runs `check` when every tool it `needs` is there. Otherwise it is ignored with
/// the reason, or, under `CI=true`, fails with it.
fn trial(name: &'static str, needs: &'static [Tool], check: fn()) -> Trial {
    Trial::ignorable_test(name, move || {
        if let Some(missing) = needs.iter().find_map(|tool| tool.missing()) {
            if in_ci() {
                return Err(format!(
                    "{missing} (CI=true: every check must run; .ci/run installs every tool)"
                )
                .into());
            }
            return Ok(Completion::ignored_with(missing));
        }
        check();
        Ok(Completion::Completed)
    })
}

/// Whether CI asked for every outside tool to be present (`CI=true`).
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}
