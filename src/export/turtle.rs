//! `graph.ttl`: the graph as RDF in Turtle (W3C RDF 1.1 Turtle), for triple stores, SPARQL
//! engines and RDF libraries (rdflib reads it with `format="turtle"`).
//!
//! The data model (IRIs, classes, properties, typing) is [`super::rdf`]'s and is the same as
//! `graph.jsonld`'s: both files parse to the same triples. The layout is fixed so the same graph
//! gives the same bytes: the `@prefix` lines (`kgx:`, `kgxa:`, `schema:`, `xsd:`), then one block
//! per subject, subjects sorted by IRI (entities, then links), one blank line between blocks,
//! predicates in a fixed order, each further object of a predicate on its own line.
//!
//! Entities and links are written as full `<IRI>`s (their percent-encoded ids are not always valid
//! prefixed names); vocabulary terms as prefixed names, and an attribute key that is not a plain
//! name (`[A-Za-z_][A-Za-z0-9_-]*`) as a full IRI. Integers are bare Turtle integers
//! (`xsd:integer`), scores `"…"^^xsd:double`. Strings are `"…"` with `\"`, `\\`, `\n`, `\r`, `\t`
//! escaped and every other control character as `\uXXXX` ([`quote`]); other text (emoji,
//! right-to-left scripts) is written as is, in UTF-8.

use std::io::{self, Write};

use super::rdf::{self, Entity, Link, Resource, ATTRIBUTE};
use super::ExportOptions;

/// A Turtle string literal for any text.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            // Control characters are all below U+00A0: four hex digits suffice.
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An IRI reference. Callers pass only IRIs built from percent-encoded parts or constants,
/// which contain nothing `IRIREF` forbids.
fn iri(iri: &str) -> String {
    format!("<{iri}>")
}

/// The predicate of the attribute with percent-encoded key `key`.
fn attribute_predicate(key: &str) -> String {
    let mut chars = key.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if plain {
        format!("kgxa:{key}")
    } else {
        iri(&format!("{ATTRIBUTE}{key}"))
    }
}

/// `(predicate, objects)` of an entity, in writing order; empty lists are left out.
fn entity_statements(entity: &Entity) -> Vec<(String, Vec<String>)> {
    let node = entity.node;
    let mut statements = vec![
        (
            "a".to_string(),
            vec![format!("schema:{}", rdf::class(node.kind))],
        ),
        ("schema:name".to_string(), vec![quote(&node.label)]),
        ("schema:identifier".to_string(), vec![quote(&node.id)]),
    ];
    if let Some(same_as) = &entity.same_as {
        statements.push(("schema:sameAs".to_string(), vec![iri(same_as)]));
    }
    statements.push(("kgx:mentions".to_string(), vec![node.mentions.to_string()]));
    statements.push(("kgx:windows".to_string(), vec![node.windows.to_string()]));
    if let Some(community) = node.community {
        statements.push(("kgx:community".to_string(), vec![community.to_string()]));
    }
    statements.push((
        "kgx:mentionedIn".to_string(),
        node.documents.iter().map(|d| quote(d)).collect(),
    ));
    statements.push((
        "kgx:linkedWith".to_string(),
        entity.linked_with.iter().map(|t| iri(t)).collect(),
    ));
    for (key, value) in &entity.attributes {
        statements.push((attribute_predicate(key), vec![quote(value)]));
    }
    statements
}

/// `(predicate, objects)` of a link, in writing order; empty lists are left out.
fn link_statements(link: &Link) -> Vec<(String, Vec<String>)> {
    let edge = link.edge;
    let mut statements = vec![
        ("a".to_string(), vec!["kgx:Link".to_string()]),
        ("kgx:source".to_string(), vec![iri(&link.source)]),
        ("kgx:target".to_string(), vec![iri(&link.target)]),
        ("kgx:weight".to_string(), vec![edge.weight.to_string()]),
    ];
    if let Some((measure, score)) = &link.score {
        statements.push((
            "kgx:score".to_string(),
            vec![format!("{}^^xsd:double", quote(score))],
        ));
        statements.push(("kgx:measure".to_string(), vec![quote(measure)]));
    }
    statements.push((
        "kgx:documents".to_string(),
        vec![edge.documents.to_string()],
    ));
    statements.push((
        "kgx:evidence".to_string(),
        edge.evidence.iter().map(|e| quote(&e.text)).collect(),
    ));
    statements
}

/// One subject block, ending with ` .` and a newline.
fn block(subject: &str, statements: &[(String, Vec<String>)]) -> String {
    let mut out = iri(subject);
    let mut first = true;
    for (predicate, objects) in statements.iter().filter(|(_, o)| !o.is_empty()) {
        out.push_str(if first { " " } else { " ;\n    " });
        first = false;
        out.push_str(predicate);
        for (i, object) in objects.iter().enumerate() {
            out.push_str(if i == 0 { " " } else { ",\n        " });
            out.push_str(object);
        }
    }
    out.push_str(" .\n");
    out
}

/// Writes `graph` as Turtle.
///
/// # Errors
/// Whatever the writer returns; every graph can be written.
pub fn write(
    graph: &crate::graph::Graph,
    options: &ExportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut header = String::new();
    for (prefix, namespace) in rdf::PREFIXES {
        header.push_str(&format!("@prefix {prefix}: {} .\n", iri(namespace)));
    }
    out.write_all(header.as_bytes())?;
    for resource in rdf::resources(graph, options) {
        let statements = match &resource {
            Resource::Entity(entity) => entity_statements(entity),
            Resource::Link(link) => link_statements(link),
        };
        out.write_all(b"\n")?;
        out.write_all(block(resource.iri(), &statements).as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::rdf::tests::sample;
    use crate::graph::weights::Measure;

    #[test]
    fn quoting_escapes_what_turtle_would_misread() {
        let cases = [
            ("Putin", r#""Putin""#),
            (r#"say "hi""#, r#""say \"hi\"""#),
            (r"back\slash", r#""back\\slash""#),
            ("two\nlines\r\n", r#""two\nlines\r\n""#),
            ("tab\there", r#""tab\there""#),
            (
                "bell\u{7} del\u{7f} c1\u{85} nul\u{0}",
                r#""bell\u0007 del\u007F c1\u0085 nul\u0000""#,
            ),
            ("Erdoğan 🇹🇷 עברית <&>", "\"Erdoğan 🇹🇷 עברית <&>\""),
            ("", r#""""#),
        ];
        for (input, expected) in cases {
            assert_eq!(quote(input), expected, "{input:?}");
        }
    }

    #[test]
    fn attribute_keys_are_prefixed_names_only_when_plain() {
        let cases = [
            ("role", "kgxa:role"),
            ("iso_2-x", "kgxa:iso_2-x"),
            ("2x", "<https://kgx.dev/attribute#2x>"),
            ("a%20b", "<https://kgx.dev/attribute#a%20b>"),
            ("a.b", "<https://kgx.dev/attribute#a.b>"),
        ];
        for (input, expected) in cases {
            assert_eq!(attribute_predicate(input), expected, "{input:?}");
        }
    }

    #[test]
    fn writes_the_sample_graph() {
        let mut out = Vec::new();
        write(&sample(), &ExportOptions::default(), &mut out).unwrap();
        let expected = r#"@prefix kgx: <https://kgx.dev/vocab#> .
@prefix kgxa: <https://kgx.dev/attribute#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<https://kgx.dev/entity/acme> a schema:Organization ;
    schema:name "Acme <&> Co\u0007" ;
    schema:identifier "acme" ;
    kgx:mentions 2 ;
    kgx:windows 2 ;
    kgx:mentionedIn "a.txt",
        "dir/b \"x\".txt" ;
    kgx:linkedWith <https://kgx.dev/entity/ann> .

<https://kgx.dev/entity/ann> a schema:Person ;
    schema:name "Ann \"The\" O'Neil\\" ;
    schema:identifier "ann" ;
    schema:sameAs <http://www.wikidata.org/entity/Q42> ;
    kgx:mentions 2 ;
    kgx:windows 2 ;
    kgx:community 0 ;
    kgx:mentionedIn "a.txt",
        "dir/b \"x\".txt" ;
    kgx:linkedWith <https://kgx.dev/entity/b%20ob> ;
    kgxa:role "a\nb" ;
    kgxa:wikidata "Q42" .

<https://kgx.dev/entity/b%20ob> a schema:Person ;
    schema:name "Bob 🚀" ;
    schema:identifier "b ob" ;
    kgx:mentions 2 ;
    kgx:windows 2 ;
    kgx:community 0 ;
    kgx:mentionedIn "a.txt",
        "dir/b \"x\".txt" ;
    kgxa:wikidata "nope" .

<https://kgx.dev/link/acme/ann> a kgx:Link ;
    kgx:source <https://kgx.dev/entity/acme> ;
    kgx:target <https://kgx.dev/entity/ann> ;
    kgx:weight 1 ;
    kgx:documents 1 ;
    kgx:evidence "Ann at Acme." .

<https://kgx.dev/link/ann/b%20ob> a kgx:Link ;
    kgx:source <https://kgx.dev/entity/ann> ;
    kgx:target <https://kgx.dev/entity/b%20ob> ;
    kgx:weight 2 ;
    kgx:documents 1 ;
    kgx:evidence "Ann\tmet\r\nBob." .
"#;
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }

    #[test]
    fn scores_are_typed_doubles_with_their_measure() {
        let mut out = Vec::new();
        let options = ExportOptions {
            measure: Measure::Dice,
            ..ExportOptions::default()
        };
        write(&sample(), &options, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("    kgx:score \"1\"^^xsd:double ;\n    kgx:measure \"dice\" ;\n"),
            "{text}"
        );
    }
}
