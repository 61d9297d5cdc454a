//! The RDF data model shared by `graph.jsonld` ([`super::jsonld`]) and `graph.ttl`
//! ([`super::turtle`]): both writers render the same [`Resource`]s, so the two files always
//! hold the same triples.
//!
//! **Names.** kgx's own IRIs live under `https://kgx.dev/`. They are names, not web pages: they
//! need not resolve, and they never change between versions, so graphs from different runs merge
//! on the same entities. Under it:
//!
//! | IRI | what |
//! |---|---|
//! | `https://kgx.dev/vocab#` (prefix `kgx:`) | kgx's classes and properties (`kgx:Link`, `kgx:weight` …) |
//! | `https://kgx.dev/attribute#` (prefix `kgxa:`) | one property per dictionary attribute (`kgxa:role`, `kgxa:iso2` …) |
//! | `https://kgx.dev/entity/<id>` | the entity with dictionary id `<id>` |
//! | `https://kgx.dev/link/<source id>/<target id>` | the co-occurrence link between two entities |
//!
//! Ids are percent-encoded ([`percent_encode`]): every byte of their UTF-8 form outside the
//! RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) becomes `%XX`, so any id gives an IRI
//! that is valid everywhere (RFC 3987, Turtle's `IRIREF`, JSON-LD) and encoding is one-to-one.
//! `/` is encoded, so the two ids of a link IRI cannot be confused. An id that is exactly `.` or
//! `..` is encoded as `%2E`/`%2E%2E`: left alone it would be a dot segment that IRI resolution
//! (RFC 3986 §5.2.4) removes.
//!
//! **Entities** are schema.org things: `a schema:Person` / `schema:Organization` /
//! `schema:Country`, `schema:name` (the label), `schema:identifier` (the kgx id), and
//! `schema:sameAs <http://www.wikidata.org/entity/Q…>` when the node has a `wikidata` attribute
//! that is a Wikidata item id (`Q` and digits; anything else is kept only as the attribute).
//! kgx's own values are in its vocabulary: `kgx:mentions`, `kgx:windows` and `kgx:community`
//! (`xsd:integer`), `kgx:mentionedIn` (one string per document name). Every dictionary attribute
//! becomes a string in its own namespace, `kgxa:<key>`, so an attribute can never collide with a
//! kgx property (`wikidata` is kept there too, as the raw string).
//!
//! **Links** are reified: one resource per edge, `a kgx:Link`, with `kgx:source` and
//! `kgx:target` (the entities, source id < target id), `kgx:weight` and `kgx:documents`
//! (`xsd:integer`), the evidence texts as `kgx:evidence` strings (their documents and offsets are
//! in `graph.json`), and, with `--weight M` other than `count`, `kgx:score` (`xsd:double`, NaN and
//! infinities as `NaN`/`INF`/`-INF`) and `kgx:measure` (`"npmi"` …). For simple queries each edge
//! is also a direct triple `<source> kgx:linkedWith <target>`, written once, from the smaller id to
//! the larger: the relation is symmetric, so query it as `kgx:linkedWith|^kgx:linkedWith`.
//!
//! RDF has no order: lists (documents, evidence) are sets, and two identical evidence texts are one
//! triple. Graph-level metadata (window, minimum weight) is not exported; it is in `graph.json`.
//! Every graph can be represented, so the RDF writers refuse nothing.

use std::collections::BTreeMap;

use super::ExportOptions;
use crate::dictionary::EntityKind;
use crate::graph::weights::Measure;
use crate::graph::{Edge, Graph, Node};

/// kgx's vocabulary namespace (prefix `kgx:`).
pub const VOCAB: &str = "https://kgx.dev/vocab#";
/// Namespace of the dictionary attributes (prefix `kgxa:`).
pub const ATTRIBUTE: &str = "https://kgx.dev/attribute#";
/// Prefix of entity IRIs.
pub const ENTITY: &str = "https://kgx.dev/entity/";
/// Prefix of link IRIs.
pub const LINK: &str = "https://kgx.dev/link/";
/// schema.org, in its `https` form.
pub const SCHEMA: &str = "https://schema.org/";
/// XML Schema datatypes.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
/// Prefix of Wikidata entity IRIs (Wikidata's concept IRIs are `http`).
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// The prefixes both formats declare, as `(prefix, namespace)`, sorted by prefix.
pub const PREFIXES: [(&str, &str); 4] = [
    ("kgx", VOCAB),
    ("kgxa", ATTRIBUTE),
    ("schema", SCHEMA),
    ("xsd", XSD),
];

/// One subject of the RDF graph and everything said about it.
#[derive(Debug, Clone, PartialEq)]
pub enum Resource<'a> {
    /// A node of the graph.
    Entity(Entity<'a>),
    /// An edge of the graph.
    Link(Link<'a>),
}

impl Resource<'_> {
    /// The subject IRI.
    pub fn iri(&self) -> &str {
        match self {
            Resource::Entity(e) => &e.iri,
            Resource::Link(l) => &l.iri,
        }
    }
}

/// A node, with its IRIs worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity<'a> {
    /// Its IRI.
    pub iri: String,
    /// The node itself.
    pub node: &'a Node,
    /// The Wikidata IRI for `schema:sameAs`.
    pub same_as: Option<String>,
    /// IRIs of the entities it links to with a larger id (`kgx:linkedWith`), sorted.
    pub linked_with: Vec<String>,
    /// `(percent-encoded key, value)` of each dictionary attribute, sorted by key.
    pub attributes: Vec<(String, &'a str)>,
}

/// An edge, with its IRIs worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct Link<'a> {
    /// Its IRI.
    pub iri: String,
    /// IRI of the entity with the smaller id.
    pub source: String,
    /// IRI of the entity with the larger id.
    pub target: String,
    /// The edge itself.
    pub edge: &'a Edge,
    /// With a measure other than `count`: its name and the `xsd:double` lexical form of the score.
    pub score: Option<(String, String)>,
}

/// The schema.org class of a node type (local name).
pub fn class(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "Person",
        EntityKind::Country => "Country",
        EntityKind::Organization => "Organization",
    }
}

/// Percent-encodes `text` for one IRI path segment or fragment: every UTF-8 byte outside the
/// unreserved characters becomes `%XX` (upper-case hex), and the dot segments `.` and `..` are
/// encoded whole.
pub fn percent_encode(text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    if text == "." || text == ".." {
        return "%2E".repeat(text.len());
    }
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
    }
    out
}

/// The IRI of the entity with dictionary id `id`.
pub fn entity_iri(id: &str) -> String {
    format!("{ENTITY}{}", percent_encode(id))
}

/// The IRI of the link between `source` and `target` (ids, source < target).
pub fn link_iri(source: &str, target: &str) -> String {
    format!(
        "{LINK}{}/{}",
        percent_encode(source),
        percent_encode(target)
    )
}

/// The Wikidata IRI of an item id such as `Q7747`; `None` for anything else.
pub fn wikidata_iri(value: &str) -> Option<String> {
    let digits = value.strip_prefix('Q')?;
    let well_formed = !digits.is_empty()
        && !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit());
    well_formed.then(|| format!("{WIKIDATA}{value}"))
}

/// The `xsd:double` lexical form of `x` (shortest round-trip decimal; `NaN`, `INF`, `-INF`).
pub fn double_lexical(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "INF" } else { "-INF" }.to_string()
    } else {
        format!("{x}")
    }
}

/// Every resource of `graph`, sorted by IRI (so entities, by id, come before links).
pub fn resources<'a>(graph: &'a Graph, options: &ExportOptions) -> Vec<Resource<'a>> {
    let measure = options.measure;
    let mut linked: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    let mut resources = Vec::with_capacity(graph.node_count() + graph.edge_count());
    for (source, target, edge) in graph.edges() {
        linked
            .entry(source.id.as_str())
            .or_default()
            .push(entity_iri(&target.id));
        resources.push(Resource::Link(Link {
            iri: link_iri(&source.id, &target.id),
            source: entity_iri(&source.id),
            target: entity_iri(&target.id),
            edge,
            score: (measure != Measure::Count).then(|| {
                (
                    measure.to_string(),
                    double_lexical(measure.score(graph, source, target, edge)),
                )
            }),
        }));
    }
    for node in graph.nodes() {
        let mut linked_with = linked.remove(node.id.as_str()).unwrap_or_default();
        linked_with.sort();
        resources.push(Resource::Entity(Entity {
            iri: entity_iri(&node.id),
            node,
            same_as: node
                .attributes
                .get("wikidata")
                .and_then(|v| wikidata_iri(v)),
            linked_with,
            attributes: node
                .attributes
                .iter()
                .map(|(k, v)| (percent_encode(k), v.as_str()))
                .collect(),
        }));
    }
    resources.sort_by(|a, b| a.iri().cmp(b.iri()));
    resources
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::graph::{Evidence, Metadata};

    #[test]
    fn percent_encoding_keeps_only_unreserved_characters() {
        let cases = [
            ("vladimir-putin", "vladimir-putin"),
            ("a_b.c~d", "a_b.c~d"),
            ("a b", "a%20b"),
            ("a/b", "a%2Fb"),
            ("100%", "100%25"),
            ("<&>\"'#?", "%3C%26%3E%22%27%23%3F"),
            ("ü", "%C3%BC"),
            ("🚀", "%F0%9F%9A%80"),
            ("\u{7}", "%07"),
            (".", "%2E"),
            ("..", "%2E%2E"),
            ("...", "..."),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(percent_encode(input), expected, "{input:?}");
        }
    }

    #[test]
    fn iris_of_entities_and_links() {
        assert_eq!(entity_iri("turkey"), "https://kgx.dev/entity/turkey");
        assert_eq!(link_iri("a/b", "c d"), "https://kgx.dev/link/a%2Fb/c%20d");
    }

    #[test]
    fn only_wikidata_item_ids_become_iris() {
        let cases = [
            ("Q7747", Some("http://www.wikidata.org/entity/Q7747")),
            ("Q1", Some("http://www.wikidata.org/entity/Q1")),
            ("Q", None),
            ("Q07", None),
            ("q7747", None),
            ("P31", None),
            ("Q77 47", None),
            ("Q7747>", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(wikidata_iri(input).as_deref(), expected, "{input:?}");
        }
    }

    #[test]
    fn doubles_use_xsd_lexical_forms() {
        let cases = [
            (0.5, "0.5"),
            (-1.0, "-1"),
            (1e-7, "0.0000001"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "INF"),
            (f64::NEG_INFINITY, "-INF"),
        ];
        for (input, expected) in cases {
            assert_eq!(double_lexical(input), expected, "{input:?}");
        }
    }

    /// Two people and an organization with awkward names, ids and attributes; the people are
    /// linked to each other and to the organization.
    pub(crate) fn sample() -> Graph {
        let node = |id: &str, label: &str, kind, attributes: &[(&str, &str)]| Node {
            id: id.to_string(),
            label: label.to_string(),
            kind,
            mentions: 2,
            windows: 2,
            documents: vec!["a.txt".to_string(), "dir/b \"x\".txt".to_string()],
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            community: (kind == EntityKind::Person).then_some(0),
            seen: None,
        };
        let edge = |weight, text: &str| Edge {
            weight,
            documents: 1,
            evidence: vec![Evidence {
                document: "a.txt".to_string(),
                start: 0,
                end: text.len(),
                text: text.to_string(),
                clipped: false,
            }],
            seen: None,
        };
        Graph::from_parts(
            Metadata {
                generator: "kgx test".to_string(),
                format_version: 1,
                window: "sentence".to_string(),
                min_weight: 1,
                evidence_per_edge: 3,
                documents: 2,
                windows: 4,
                dictionaries: vec![],
            },
            vec![
                node(
                    "ann",
                    "Ann \"The\" O'Neil\\",
                    EntityKind::Person,
                    &[("wikidata", "Q42"), ("role", "a\nb")],
                ),
                node(
                    "b ob",
                    "Bob 🚀",
                    EntityKind::Person,
                    &[("wikidata", "nope")],
                ),
                node("acme", "Acme <&> Co\u{7}", EntityKind::Organization, &[]),
            ],
            vec![
                (
                    "b ob".to_string(),
                    "ann".to_string(),
                    edge(2, "Ann\tmet\r\nBob."),
                ),
                (
                    "acme".to_string(),
                    "ann".to_string(),
                    edge(1, "Ann at Acme."),
                ),
            ],
        )
        .unwrap()
    }

    #[test]
    fn resources_are_sorted_with_links_from_the_smaller_id() {
        let graph = sample();
        let resources = resources(&graph, &ExportOptions::default());
        let iris: Vec<&str> = resources.iter().map(Resource::iri).collect();
        assert_eq!(
            iris,
            [
                "https://kgx.dev/entity/acme",
                "https://kgx.dev/entity/ann",
                "https://kgx.dev/entity/b%20ob",
                "https://kgx.dev/link/acme/ann",
                "https://kgx.dev/link/ann/b%20ob",
            ]
        );
        let Resource::Entity(ann) = &resources[1] else {
            panic!("ann is an entity")
        };
        assert_eq!(ann.linked_with, ["https://kgx.dev/entity/b%20ob"]);
        assert_eq!(
            ann.same_as.as_deref(),
            Some("http://www.wikidata.org/entity/Q42")
        );
        let Resource::Entity(bob) = &resources[2] else {
            panic!("bob is an entity")
        };
        assert_eq!(bob.same_as, None, "a malformed wikidata id is no IRI");
        assert_eq!(bob.attributes, [("wikidata".to_string(), "nope")]);
        let Resource::Link(link) = &resources[4] else {
            panic!("a link")
        };
        assert_eq!(link.source, "https://kgx.dev/entity/ann");
        assert_eq!(link.target, "https://kgx.dev/entity/b%20ob");
        assert_eq!(link.score, None);

        let scored = super::resources(
            &graph,
            &ExportOptions {
                measure: Measure::Jaccard,
                ..ExportOptions::default()
            },
        );
        let Resource::Link(link) = &scored[4] else {
            panic!("a link")
        };
        assert_eq!(link.score, Some(("jaccard".to_string(), "1".to_string())));
    }
}
