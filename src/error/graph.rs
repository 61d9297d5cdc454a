//! The graph's own errors: why nodes and edges do not make a graph, why a part file is not a
//! part, and why two parts do not merge. They live here, beside [`super::Error`] that carries
//! them, so that the error module stays below every stage; [`crate::graph`] and
//! [`crate::graph::part`] re-export them.

/// Why nodes and edges do not make a graph ([`Graph::from_parts`](crate::graph::Graph::from_parts)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// Two nodes share an id.
    #[error("node `{id}` appears twice")]
    DuplicateNode {
        /// The id.
        id: String,
    },
    /// An edge names a node that is not in the graph.
    #[error("edge names unknown node `{id}`")]
    UnknownNode {
        /// The id the edge names.
        id: String,
    },
    /// An edge links a node to itself.
    #[error("edge links `{id}` to itself")]
    SelfLoop {
        /// The node's id.
        id: String,
    },
    /// Two edges join the same pair.
    #[error("edge `{first}` – `{second}` appears twice")]
    DuplicateEdge {
        /// The smaller id.
        first: String,
        /// The larger id.
        second: String,
    },
}

/// What is wrong with a part read from a file
/// ([`Part::validate`](crate::graph::part::Part::validate)): the first problem found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PartError {
    /// The file is JSON of another kind (its `kind` is not [`PART_KIND`](crate::graph::part::PART_KIND)).
    #[error("not a kgx part (kind `{kind}`)")]
    NotAPart {
        /// The kind it says.
        kind: String,
    },
    /// The part was written in another version of the part format.
    #[error("part format version {version} (this kgx reads version {supported})")]
    OtherVersion {
        /// The version it says.
        version: u32,
        /// The version this kgx reads.
        supported: u32,
    },
    /// The nodes are not sorted by id, or an id repeats.
    #[error("nodes out of order at `{id}`")]
    NodesOutOfOrder {
        /// The first node out of place.
        id: String,
    },
    /// A node lists its documents out of order, or more than [`MAX_NODE_DOCUMENTS`](crate::graph::builder::MAX_NODE_DOCUMENTS).
    #[error("node `{id}`: documents out of order or too many")]
    NodeDocuments {
        /// The node.
        id: String,
    },
    /// A node lists a document sequence number too large to be real.
    #[error("node `{id}`: a document sequence out of range")]
    NodeSequence {
        /// The node.
        id: String,
    },
    /// The edges are not sorted by their ends, or a pair repeats.
    #[error("edges out of order at `{first}` – `{second}`")]
    EdgesOutOfOrder {
        /// The smaller id of the first edge out of place.
        first: String,
        /// Its larger id.
        second: String,
    },
    /// An edge names an entity the part does not hold, or its ends are not in order.
    #[error("edge `{first}` – `{second}` does not join two entities of the part in order")]
    EdgeEnds {
        /// The edge's `source`.
        first: String,
        /// The edge's `target`.
        second: String,
    },
    /// An edge's weight, document count or evidence cannot be right.
    #[error("edge `{first}` – `{second}`: counts or evidence inconsistent")]
    EdgeCounts {
        /// The smaller id.
        first: String,
        /// The larger id.
        second: String,
    },
}

/// Why two parts do not merge ([`Part::merge`](crate::graph::part::Part::merge)).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// The parts were written by different versions of kgx.
    #[error("the parts were written by different versions: {first} and {second}")]
    DifferentVersions {
        /// The first part's generator.
        first: String,
        /// The second part's.
        second: String,
    },
    /// The parts were extracted with different windows.
    #[error(
        "the parts were extracted with different windows: --window {first} and --window {second}"
    )]
    DifferentWindows {
        /// The first part's window.
        first: String,
        /// The second part's.
        second: String,
    },
    /// The parts keep different numbers of evidence entries per link.
    #[error("the parts keep different evidence: --evidence {first} and --evidence {second}")]
    DifferentEvidence {
        /// The first part's `--evidence`.
        first: usize,
        /// The second part's.
        second: usize,
    },
    /// The parts were extracted with different dictionaries (names or contents).
    #[error("the parts were extracted with different dictionaries: {first} and {second}")]
    DifferentDictionaries {
        /// The first part's dictionaries and their fingerprint: `names (fingerprint)`.
        first: String,
        /// The second part's.
        second: String,
    },
    /// One entity has another name, type or attributes in each part.
    #[error("entity `{id}` differs between the parts")]
    EntityDiffers {
        /// The entity.
        id: String,
    },
    /// Both parts list one document: it would count twice.
    #[error("both parts hold document {sequence}: it would count twice")]
    DocumentTwice {
        /// The document's sequence number.
        sequence: u64,
    },
    /// Counts that add up past 2^64 (a hand-edited part): a wrapped total would be wrong.
    #[error("the counts add up past 2^64: a part was edited")]
    CountOverflow,
    /// Two parts cover one share of the inputs.
    #[error("two parts cover share {share} of the inputs: its documents would count twice")]
    ShareTwice {
        /// The share (`I/N`).
        share: String,
    },
    /// A part of every document with any other part.
    #[error(
        "a part of every document (extracted without --shard) cannot merge with another part: \
         its documents would count twice"
    )]
    WholeAndShare,
    /// Parts of different shardings (`1/4` and `2/8`), whose documents may overlap.
    #[error(
        "the parts come from different shardings ({}): their documents may overlap",
        shares.join(", ")
    )]
    DifferentShardings {
        /// Every share of both parts.
        shares: Vec<String>,
    },
}
