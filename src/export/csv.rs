//! `graph-csv/`: the graph as CSV tables, a directory of three files.
//!
//! ```text
//! nodes.csv     id:ID,label,:LABEL,mentions:int,windows:int,community:int,documents:int,<attributes>
//! edges.csv     :START_ID,:END_ID,:TYPE,weight:int,documents:int[,score:double]
//! edgelist.csv  source,target,weight[,score]
//! ```
//!
//! `nodes.csv` and `edges.csv` carry the headers `neo4j-admin database import full --nodes
//! nodes.csv --relationships edges.csv` reads: the node id is the `:ID` (one global id space),
//! `:LABEL` is the entity type capitalised (`Person`, `Country`, `Organization`) so that Cypher
//! reads `MATCH (p:Person)`, and every link is a `CO_OCCURS_WITH` relationship (stored once;
//! Cypher matches it in both directions with `-[:CO_OCCURS_WITH]-`). Dictionary attributes
//! become string columns named by their key: the union of the keys of all nodes, sorted, with
//! an empty cell where a node lacks one. `documents` is a count on both tables: the document
//! lists and the evidence sentences stay in `graph.json`, as no CSV reader agrees on lists.
//! `edgelist.csv` is the plain table pandas (`read_csv`, then NetworkX's
//! `from_pandas_edgelist(df, edge_attr="weight")`) and spreadsheets want: node ids, no types.
//! With `--weight M` other than `count`, both edge tables also get a `score` column.
//!
//! Cells are written by the `csv` crate: RFC 4180 quoting (a cell with a comma, a quote or a
//! line break is quoted, quotes doubled), UTF-8 without a byte-order mark, `\n` line ends, and
//! every other character (right-to-left text, emoji, control characters) kept as it is, so any
//! name round-trips. Rows follow the graph's stable order. An attribute key that neo4j would
//! misread as a column name (one with `:`, or one of kgx's own columns) is refused, since
//! renaming it silently would lose it.

use std::collections::BTreeSet;
use std::io::{self, Write};

use ::csv::{Terminator, WriterBuilder};

use super::ExportOptions;
use crate::dictionary::EntityKind;
use crate::graph::weights::Measure;
use crate::graph::Graph;

/// One of the CSV tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// `nodes.csv`: one row per entity, neo4j-admin header.
    Nodes,
    /// `edges.csv`: one row per link, neo4j-admin header.
    Edges,
    /// `edgelist.csv`: `source,target,weight`.
    EdgeList,
}

/// The files of the directory, in the order of [`Table::ALL`].
pub const FILE_NAMES: &[&str] = &["nodes.csv", "edges.csv", "edgelist.csv"];

/// The relationship type of every link in `edges.csv`.
pub const RELATIONSHIP_TYPE: &str = "CO_OCCURS_WITH";

/// The node columns before the attributes; no attribute may take one of these names.
const NODE_COLUMNS: &[&str] = &[
    "id:ID",
    "label",
    ":LABEL",
    "mentions:int",
    "windows:int",
    "community:int",
    "documents:int",
];

impl Table {
    /// Every table, in the order they are written.
    pub const ALL: [Table; 3] = [Table::Nodes, Table::Edges, Table::EdgeList];

    /// Its file name inside the directory.
    pub fn file_name(self) -> &'static str {
        match self {
            Table::Nodes => FILE_NAMES[0],
            Table::Edges => FILE_NAMES[1],
            Table::EdgeList => FILE_NAMES[2],
        }
    }
}

/// The neo4j node label of an entity type: `Person`, `Country`, `Organization`.
pub fn neo4j_label(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Country => "Country",
        EntityKind::Organization => "Organization",
    }
}

/// Checks that every attribute key can be a column of `nodes.csv`.
///
/// # Errors
/// `InvalidInput` naming the first key that neo4j would misread: one with `:` (the start of a
/// type), an empty one, or one of kgx's own column names.
pub fn check(graph: &Graph) -> io::Result<()> {
    for key in attribute_keys(graph) {
        let problem = if key.is_empty() {
            Some("an empty column name")
        } else if key.contains(':') {
            Some("neo4j-admin reads `:` as the start of a type")
        } else if NODE_COLUMNS
            .iter()
            .any(|c| c.split(':').next() == Some(key))
        {
            Some("kgx's own column has that name")
        } else {
            None
        };
        if let Some(problem) = problem {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "attribute key `{key}` cannot be a CSV column ({problem}); rename it in the dictionary"
                ),
            ));
        }
    }
    Ok(())
}

/// The union of the nodes' attribute keys, sorted.
fn attribute_keys(graph: &Graph) -> BTreeSet<&str> {
    graph
        .nodes()
        .flat_map(|n| n.attributes.keys().map(String::as_str))
        .collect()
}

/// Writes one table of `graph` to `out`.
///
/// # Errors
/// Whatever the writer returns; `InvalidInput` from [`check`] for `nodes.csv`.
pub fn write(
    table: Table,
    graph: &Graph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut csv = WriterBuilder::new()
        .terminator(Terminator::Any(b'\n'))
        .from_writer(out);
    let measure = options.measure;
    let scored = measure != Measure::Count;
    match table {
        Table::Nodes => {
            check(graph)?;
            let keys = attribute_keys(graph);
            let header = NODE_COLUMNS.iter().copied().chain(keys.iter().copied());
            csv.write_record(header)?;
            for node in graph.nodes() {
                let mut row = vec![
                    node.id.clone(),
                    node.label.clone(),
                    neo4j_label(node.kind).to_string(),
                    node.mentions.to_string(),
                    node.windows.to_string(),
                    node.community.map(|c| c.to_string()).unwrap_or_default(),
                    node.documents.len().to_string(),
                ];
                row.extend(
                    keys.iter()
                        .map(|&k| node.attributes.get(k).cloned().unwrap_or_default()),
                );
                csv.write_record(&row)?;
            }
        }
        Table::Edges => {
            let mut header = vec![
                ":START_ID",
                ":END_ID",
                ":TYPE",
                "weight:int",
                "documents:int",
            ];
            if scored {
                header.push("score:double");
            }
            csv.write_record(&header)?;
            for (source, target, edge) in graph.edges() {
                let mut row = vec![
                    source.id.clone(),
                    target.id.clone(),
                    RELATIONSHIP_TYPE.to_string(),
                    edge.weight.to_string(),
                    edge.documents.to_string(),
                ];
                if scored {
                    row.push(measure.score(graph, source, target, edge).to_string());
                }
                csv.write_record(&row)?;
            }
        }
        Table::EdgeList => {
            let mut header = vec!["source", "target", "weight"];
            if scored {
                header.push("score");
            }
            csv.write_record(&header)?;
            for (source, target, edge) in graph.edges() {
                let mut row = vec![
                    source.id.clone(),
                    target.id.clone(),
                    edge.weight.to_string(),
                ];
                if scored {
                    row.push(measure.score(graph, source, target, edge).to_string());
                }
                csv.write_record(&row)?;
            }
        }
    }
    csv.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Graph, Metadata};

    fn table(table: Table, graph: &Graph, options: &ExportOptions) -> String {
        let mut out = Vec::new();
        write(table, graph, options, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn file_names_follow_the_tables() {
        let names: Vec<&str> = Table::ALL.iter().map(|t| t.file_name()).collect();
        assert_eq!(names, FILE_NAMES);
    }

    #[test]
    fn tables_quote_names_and_use_neo4j_headers() {
        let graph = crate::export::tests::sample();
        let options = ExportOptions::default();
        assert_eq!(
            table(Table::Nodes, &graph, &options),
            "id:ID,label,:LABEL,mentions:int,windows:int,community:int,documents:int,iso2,role\n\
             corp,\"Bell\u{7}Ring\nCorp\",Organization,4,3,0,2,,\n\
             land,Land <&> #1,Country,4,3,0,2,LD,\n\
             obrien,\"Say \"\"Hi\"\" O'Brien\",Person,4,3,0,2,,\"Chief, \"\"Boss\"\"\"\n"
        );
        assert_eq!(
            table(Table::Edges, &graph, &options),
            ":START_ID,:END_ID,:TYPE,weight:int,documents:int\n\
             corp,land,CO_OCCURS_WITH,1,1\n\
             land,obrien,CO_OCCURS_WITH,3,1\n"
        );
        assert_eq!(
            table(Table::EdgeList, &graph, &options),
            "source,target,weight\ncorp,land,1\nland,obrien,3\n"
        );
    }

    #[test]
    fn a_measure_adds_a_score_column() {
        let graph = crate::export::tests::sample();
        let options = ExportOptions {
            measure: Measure::Npmi,
            ..Default::default()
        };
        let edges = table(Table::Edges, &graph, &options);
        assert!(
            edges.starts_with(":START_ID,:END_ID,:TYPE,weight:int,documents:int,score:double\n")
        );
        let list = table(Table::EdgeList, &graph, &options);
        assert!(list.starts_with("source,target,weight,score\n"));
        for line in list.lines().skip(1) {
            let score: f64 = line.rsplit(',').next().unwrap().parse().unwrap();
            assert!(score.is_finite(), "{line}");
        }
    }

    #[test]
    fn attribute_keys_neo4j_would_misread_are_refused() {
        let sample = crate::export::tests::sample();
        let metadata: Metadata = sample.metadata().clone();
        for (key, problem) in [
            ("a:b", "neo4j-admin reads `:` as the start of a type"),
            ("label", "kgx's own column has that name"),
            ("", "an empty column name"),
        ] {
            let mut nodes: Vec<_> = sample.nodes().cloned().collect();
            nodes[0].attributes.insert(key.to_string(), "x".to_string());
            let graph = Graph::from_parts(metadata.clone(), nodes, vec![]).unwrap();
            let error = check(&graph).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
            assert_eq!(
                error.to_string(),
                format!("attribute key `{key}` cannot be a CSV column ({problem}); rename it in the dictionary")
            );
            let mut out = Vec::new();
            assert!(write(Table::Nodes, &graph, &ExportOptions::default(), &mut out).is_err());
        }
    }
}
