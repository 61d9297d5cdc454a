//! `graph.jsonld`: the graph as RDF in JSON-LD 1.1, for linked-data tools and anyone who wants
//! RDF but reads JSON (rdflib reads it with `format="json-ld"`).
//!
//! The data model (IRIs, classes, properties, typing) is [`super::rdf`]'s and is the same as
//! `graph.ttl`'s: both files parse to the same triples. The document is self-contained: an inline
//! `@context` (no network access needed) and a `@graph` array with one object per subject, sorted
//! by IRI (entities, then links), keys in a fixed order:
//!
//! ```json
//! {"@context": {"kgx": "https://kgx.dev/vocab#", …, "weight": {"@id": "kgx:weight", "@type": "xsd:integer"}, …},
//!  "@graph": [
//!   {"@id": "https://kgx.dev/entity/vladimir-putin", "@type": "Person", "name": "Vladimir Putin",
//!    "identifier": "vladimir-putin", "sameAs": "http://www.wikidata.org/entity/Q7747",
//!    "mentions": 35, "windows": 30, "mentionedIn": ["seeds/…"], "linkedWith": ["https://kgx.dev/entity/…"],
//!    "kgxa:country": "russia", "kgxa:wikidata": "Q7747"},
//!   {"@id": "https://kgx.dev/link/recep-tayyip-erdogan/vladimir-putin", "@type": "Link",
//!    "source": "https://kgx.dev/entity/recep-tayyip-erdogan", "target": "https://kgx.dev/entity/vladimir-putin",
//!    "weight": 2, "documents": 2, "evidence": ["Russian President Vladimir Putin …"]}]}
//! ```
//!
//! The context maps short terms to schema.org and kgx properties and types them: `sameAs`,
//! `linkedWith`, `source` and `target` hold IRIs (`"@type": "@id"`), the counts are
//! `xsd:integer` (written as JSON numbers), `score` is `xsd:double` written as a JSON *string*
//! holding its lexical form, so every processor gets exactly the literal `graph.ttl` has instead
//! of re-formatting a float. Dictionary attributes use the `kgxa:` prefix directly
//! (`"kgxa:role"`). Resources are named by full IRIs, never resolved against a base. All JSON,
//! escaping included, is written by serde_json.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::ser::{Serialize, Serializer};
use serde::Serialize as DeriveSerialize;

use super::rdf::{self, Resource};
use super::ExportOptions;
use crate::graph::Graph;

/// A term definition of the context.
#[derive(DeriveSerialize)]
#[serde(untagged)]
enum Term {
    /// A plain mapping to an IRI (or compact IRI).
    Iri(&'static str),
    /// A property whose values are coerced to a type (`@id` or a datatype).
    Typed {
        #[serde(rename = "@id")]
        id: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
    },
}

/// The `@context`, written in this order.
struct Context(Vec<(&'static str, Term)>);

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

fn context() -> Context {
    let typed = |id, kind| Term::Typed { id, kind };
    let mut terms: Vec<(&'static str, Term)> = rdf::PREFIXES
        .iter()
        .map(|&(prefix, namespace)| (prefix, Term::Iri(namespace)))
        .collect();
    terms.extend([
        ("Person", Term::Iri("schema:Person")),
        ("Organization", Term::Iri("schema:Organization")),
        ("Country", Term::Iri("schema:Country")),
        ("Link", Term::Iri("kgx:Link")),
        ("name", Term::Iri("schema:name")),
        ("identifier", Term::Iri("schema:identifier")),
        ("sameAs", typed("schema:sameAs", "@id")),
        ("mentions", typed("kgx:mentions", "xsd:integer")),
        ("windows", typed("kgx:windows", "xsd:integer")),
        ("community", typed("kgx:community", "xsd:integer")),
        ("mentionedIn", Term::Iri("kgx:mentionedIn")),
        ("linkedWith", typed("kgx:linkedWith", "@id")),
        ("source", typed("kgx:source", "@id")),
        ("target", typed("kgx:target", "@id")),
        ("weight", typed("kgx:weight", "xsd:integer")),
        ("score", typed("kgx:score", "xsd:double")),
        ("measure", Term::Iri("kgx:measure")),
        ("documents", typed("kgx:documents", "xsd:integer")),
        ("evidence", Term::Iri("kgx:evidence")),
    ]);
    Context(terms)
}

#[derive(DeriveSerialize)]
struct Document<'a> {
    #[serde(rename = "@context")]
    context: Context,
    #[serde(rename = "@graph")]
    graph: Vec<Item<'a>>,
}

#[derive(DeriveSerialize)]
#[serde(untagged)]
enum Item<'a> {
    Entity(EntityOut<'a>),
    Link(LinkOut<'a>),
}

#[derive(DeriveSerialize)]
struct EntityOut<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    identifier: &'a str,
    #[serde(rename = "sameAs", skip_serializing_if = "Option::is_none")]
    same_as: Option<&'a str>,
    mentions: u64,
    windows: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    community: Option<usize>,
    #[serde(rename = "mentionedIn", skip_serializing_if = "<[_]>::is_empty")]
    mentioned_in: &'a [String],
    #[serde(rename = "linkedWith", skip_serializing_if = "<[_]>::is_empty")]
    linked_with: &'a [String],
    #[serde(flatten)]
    attributes: BTreeMap<String, &'a str>,
}

#[derive(DeriveSerialize)]
struct LinkOut<'a> {
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    source: &'a str,
    target: &'a str,
    weight: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<&'a str>,
    documents: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    evidence: Vec<&'a str>,
}

fn item<'a>(resource: &'a Resource<'a>) -> Item<'a> {
    match resource {
        Resource::Entity(entity) => {
            let node = entity.node;
            Item::Entity(EntityOut {
                id: &entity.iri,
                kind: rdf::class(node.kind),
                name: &node.label,
                identifier: &node.id,
                same_as: entity.same_as.as_deref(),
                mentions: node.mentions,
                windows: node.windows,
                community: node.community,
                mentioned_in: &node.documents,
                linked_with: &entity.linked_with,
                attributes: entity
                    .attributes
                    .iter()
                    .map(|(key, value)| (format!("kgxa:{key}"), *value))
                    .collect(),
            })
        }
        Resource::Link(link) => Item::Link(LinkOut {
            id: &link.iri,
            kind: "Link",
            source: &link.source,
            target: &link.target,
            weight: link.edge.weight,
            score: link.score.as_ref().map(|(_, score)| score.as_str()),
            measure: link.score.as_ref().map(|(measure, _)| measure.as_str()),
            documents: link.edge.documents,
            evidence: link.edge.evidence.iter().map(|e| e.text.as_str()).collect(),
        }),
    }
}

/// Writes `graph` as pretty-printed JSON-LD followed by a newline.
///
/// # Errors
/// Whatever the writer returns; every graph can be written.
pub fn write(graph: &Graph, options: &ExportOptions, out: &mut dyn Write) -> io::Result<()> {
    let resources = rdf::resources(graph, options);
    let document = Document {
        context: context(),
        graph: resources.iter().map(item).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::rdf::tests::sample;
    use crate::graph::weights::Measure;
    use serde_json::{json, Value};

    fn written(options: &ExportOptions) -> Value {
        let mut out = Vec::new();
        write(&sample(), options, &mut out).unwrap();
        assert!(out.ends_with(b"}\n"));
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn context_comes_first_with_the_prefixes() {
        let mut out = Vec::new();
        write(&sample(), &ExportOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(
                "{\n  \"@context\": {\n    \"kgx\": \"https://kgx.dev/vocab#\",\n    \"kgxa\": \"https://kgx.dev/attribute#\",\n    \"schema\": \"https://schema.org/\",\n"
            ),
            "{text}"
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value["@context"]["weight"],
            json!({"@id": "kgx:weight", "@type": "xsd:integer"})
        );
    }

    #[test]
    fn writes_the_sample_graph() {
        let value = written(&ExportOptions::default());
        let graph = value["@graph"].as_array().unwrap();
        assert_eq!(
            graph[1],
            json!({
                "@id": "https://kgx.dev/entity/ann",
                "@type": "Person",
                "name": "Ann \"The\" O'Neil\\",
                "identifier": "ann",
                "sameAs": "http://www.wikidata.org/entity/Q42",
                "mentions": 2,
                "windows": 2,
                "community": 0,
                "mentionedIn": ["a.txt", "dir/b \"x\".txt"],
                "linkedWith": ["https://kgx.dev/entity/b%20ob"],
                "kgxa:role": "a\nb",
                "kgxa:wikidata": "Q42"
            })
        );
        assert_eq!(graph[0]["name"], "Acme <&> Co\u{7}");
        assert_eq!(graph[0]["@type"], "Organization");
        assert!(graph[0].get("community").is_none());
        assert!(graph[2].get("sameAs").is_none());
        assert!(graph[2].get("linkedWith").is_none());
        assert_eq!(
            graph[4],
            json!({
                "@id": "https://kgx.dev/link/ann/b%20ob",
                "@type": "Link",
                "source": "https://kgx.dev/entity/ann",
                "target": "https://kgx.dev/entity/b%20ob",
                "weight": 2,
                "documents": 1,
                "evidence": ["Ann\tmet\r\nBob."]
            })
        );
        assert_eq!(graph.len(), 5);
    }

    #[test]
    fn scores_are_lexical_strings_typed_by_the_context() {
        let value = written(&ExportOptions {
            measure: Measure::Dice,
            ..ExportOptions::default()
        });
        let link = &value["@graph"][3];
        assert_eq!(link["score"], "0.5", "dice of acme–ann: 2·1 / (2 + 2)");
        assert_eq!(link["measure"], "dice");
        assert_eq!(
            value["@context"]["score"],
            json!({"@id": "kgx:score", "@type": "xsd:double"})
        );
    }
}
