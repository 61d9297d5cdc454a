//! What the two XML exports ([`super::graphml`] and [`super::gexf`]) share: the one escaping
//! helper, the checks that refuse what XML cannot hold, and number formatting.
//!
//! Both writers print their fixed, shallow element structure with `write!` and send every piece
//! of text that comes from the graph (ids, labels, attribute names and values, JSON-encoded
//! lists) through [`escape`]. A writer library such as `quick-xml` would balance tags, but our
//! tags are constants in two short functions; what matters is the text, and there quick-xml's
//! escaping is not enough on its own: it leaves the control characters XML 1.0 forbids (a BEL in
//! a name makes the whole file unreadable) and writes tabs and line breaks in attribute values
//! as they are, which every parser then turns into spaces (attribute-value normalization). So
//! one hand-written helper, used for element text and attribute values alike, does all of it:
//!
//! - `&`, `<`, `>`, `"` and `'` become entity references;
//! - tab, line feed and carriage return become character references (`&#9;`, `&#10;`,
//!   `&#13;`), so they survive in attribute values and a CR is not folded into a LF;
//! - the characters XML 1.0 forbids (C0 controls other than those three, U+FFFE, U+FFFF) are
//!   dropped, so the file is always well-formed; everything else, emoji and right-to-left text
//!   included, is written as UTF-8.
//!
//! Dropping is fine for a label but not for an identifier: two node ids that differ only by a
//! control character would become one node, so ids and attribute names with such characters
//! are refused ([`check_name`]).

use std::collections::BTreeSet;
use std::fmt;
use std::io;

use crate::graph::Graph;

/// Whether XML 1.0 allows `c` in a document (production `Char`).
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text ready for an XML attribute value or element content; see the module doc.
#[derive(Debug, Clone, Copy)]
pub(super) struct Escaped<'a>(&'a str);

/// Escapes `text` for XML (element text or a double- or single-quoted attribute value).
pub(super) fn escape(text: &str) -> Escaped<'_> {
    Escaped(text)
}

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut plain = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&apos;",
                '\t' => "&#9;",
                '\n' => "&#10;",
                '\r' => "&#13;",
                c if !is_xml_char(c) => "",
                _ => continue,
            };
            f.write_str(&text[plain..i])?;
            f.write_str(replacement)?;
            plain = i + c.len_utf8();
        }
        f.write_str(&text[plain..])
    }
}

/// Refuses an identifier or attribute name that [`escape`] would change beyond escaping.
///
/// # Errors
/// `InvalidInput` naming `what` and the offending text.
pub(super) fn check_name(format: &str, what: &str, text: &str) -> io::Result<()> {
    if text.chars().all(is_xml_char) {
        return Ok(());
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{format} cannot hold the {what} {text:?}: it contains a control character that XML \
             forbids; rename it in the dictionary (or in the graph file) and extract again"
        ),
    ))
}

/// The narrowest integer width that holds every value of an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum IntWidth {
    /// 32-bit signed: GraphML `int`, GEXF `integer` (Java `int` in Gephi and yEd).
    Int,
    /// 64-bit signed: GraphML and GEXF `long`.
    Long,
}

impl IntWidth {
    /// The width for an attribute whose largest value is `max`.
    ///
    /// # Errors
    /// `InvalidInput` naming the attribute when `max` does not fit 64 signed bits.
    pub(super) fn for_max(format: &str, attribute: &str, max: u64) -> io::Result<IntWidth> {
        if max <= i32::MAX as u64 {
            Ok(IntWidth::Int)
        } else if max <= i64::MAX as u64 {
            Ok(IntWidth::Long)
        } else {
            Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{format} cannot hold `{attribute}` = {max}: it is larger than a 64-bit \
                     signed integer; the graph file is probably damaged, extract it again"
                ),
            ))
        }
    }
}

/// A score as an `xs:double` that every reader parses (Python, Java): the shortest decimal that
/// reads back to the same value, or `None` for NaN and infinities, which only inconsistent
/// counts produce and which are then left out (as `graph.json` writes `null`).
pub(super) fn double(value: f64) -> Option<String> {
    value.is_finite().then(|| value.to_string())
}

/// `value` as compact JSON: how lists go into a string attribute, in `graph.json`'s layout.
/// JSON escapes every control character, so nothing in it is dropped by [`escape`].
///
/// # Errors
/// Serialization errors (none for the strings, numbers and lists kgx writes).
pub(super) fn json<T: serde::Serialize + ?Sized>(value: &T) -> io::Result<String> {
    Ok(serde_json::to_string(value)?)
}

/// What both writers must know before their first line: the node attribute names (checked), the
/// node ids (checked), and the largest value of each count, which decides its declared width.
pub(super) struct Extents<'g> {
    /// Every node attribute name, sorted.
    pub attribute_names: BTreeSet<&'g str>,
    /// The largest node mention count.
    pub mentions: u64,
    /// The largest node window count.
    pub windows: u64,
    /// The largest community number.
    pub community: u64,
    /// The largest link weight.
    pub weight: u64,
    /// The largest link document count.
    pub edge_documents: u64,
}

impl<'g> Extents<'g> {
    /// The extents of `graph`, for the `format` named in errors.
    ///
    /// # Errors
    /// `InvalidInput` for a node id or attribute name with a character XML cannot hold.
    pub(super) fn of(format: &str, graph: &'g Graph) -> io::Result<Extents<'g>> {
        let mut extents = Extents {
            attribute_names: BTreeSet::new(),
            mentions: 0,
            windows: 0,
            community: 0,
            weight: 0,
            edge_documents: 0,
        };
        for node in graph.nodes() {
            check_name(format, "node id", &node.id)?;
            for name in node.attributes.keys() {
                if extents.attribute_names.insert(name.as_str()) {
                    check_name(format, "attribute name", name)?;
                }
            }
            extents.mentions = extents.mentions.max(node.mentions);
            extents.windows = extents.windows.max(node.windows);
            extents.community = extents
                .community
                .max(node.community.map_or(0, |c| c as u64));
        }
        for (_, _, edge) in graph.edges() {
            extents.weight = extents.weight.max(edge.weight);
            extents.edge_documents = extents.edge_documents.max(edge.documents);
        }
        Ok(extents)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::dictionary::EntityKind;
    use crate::graph::{Edge, Evidence, Graph, Metadata, Node, FORMAT_VERSION};

    /// The parts of [`sample`], changed by `change` before the graph is built.
    pub(in crate::export) fn sample_with(
        change: impl FnOnce(&mut Vec<Node>, &mut Vec<(String, String, Edge)>),
    ) -> Graph {
        let metadata = Metadata {
            generator: "kgx test".into(),
            format_version: FORMAT_VERSION,
            window: "sentence".into(),
            min_weight: 1,
            evidence_per_edge: 3,
            documents: 2,
            windows: 4,
            dictionaries: vec!["a & b.tsv".into()],
        };
        let mut nodes = vec![
            Node {
                id: "a&b".into(),
                label: r#"Say "Hi" <O'Brien>"#.into(),
                kind: EntityKind::Person,
                mentions: 3,
                windows: 2,
                documents: vec!["d1.txt".into(), "d2.txt".into()],
                attributes: BTreeMap::from([("wikidata".into(), "Q1".into())]),
                community: Some(0),
                seen: None,
            },
            Node {
                id: "ru".into(),
                label: "Bell\u{7}Ring 🚀 ישראל".into(),
                kind: EntityKind::Country,
                mentions: 1,
                windows: 1,
                documents: vec!["d1.txt".into()],
                attributes: BTreeMap::from([
                    ("iso2".into(), "RU".into()),
                    ("wikidata".into(), "Q159".into()),
                ]),
                community: None,
                seen: None,
            },
        ];
        let mut edges = vec![(
            "a&b".to_string(),
            "ru".to_string(),
            Edge {
                weight: 1,
                documents: 1,
                evidence: vec![Evidence {
                    document: "d1.txt".into(),
                    start: 0,
                    end: 9,
                    text: "A\u{7} <b>\n".into(),
                    clipped: false,
                }],
                seen: None,
            },
        )];
        change(&mut nodes, &mut edges);
        Graph::from_parts(metadata, nodes, edges).unwrap()
    }

    /// Two nodes with awkward names, quotes and markup, a control character, emoji and
    /// right-to-left text, one with a community and one without, and one edge between them.
    pub(in crate::export) fn sample() -> Graph {
        sample_with(|_, _| {})
    }

    #[test]
    fn escaping_keeps_every_allowed_character_and_drops_the_rest() {
        let cases = [
            ("Putin", "Putin"),
            (r#"Say "Hi" O'Brien"#, "Say &quot;Hi&quot; O&apos;Brien"),
            (r"Back\slash & <Co> Ltd", r"Back\slash &amp; &lt;Co&gt; Ltd"),
            ("Bell\u{7}Ring\u{0}\u{1F}", "BellRing"),
            ("tab\tline\ncr\r", "tab&#9;line&#10;cr&#13;"),
            ("\u{FFFE}\u{FFFF}\u{FFFD}", "\u{FFFD}"),
            ("del\u{7F} c1\u{85}", "del\u{7F} c1\u{85}"),
            ("Rocket 🚀 ישראל Erdoğan", "Rocket 🚀 ישראל Erdoğan"),
            ("100% {Curly} #Hash ]]>", "100% {Curly} #Hash ]]&gt;"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input).to_string(), expected, "{input:?}");
        }
    }

    #[test]
    fn names_with_forbidden_characters_are_refused() {
        assert!(check_name("GraphML", "node id", "quote-person").is_ok());
        assert!(check_name("GraphML", "node id", "tab\there").is_ok());
        let error = check_name("GEXF", "node id", "a\u{7}b").unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(
            error
                .to_string()
                .starts_with(r#"GEXF cannot hold the node id "a\u{7}b": it contains"#),
            "{error}"
        );
    }

    #[test]
    fn integer_width_grows_then_refuses() {
        let width = |max| IntWidth::for_max("GraphML", "mentions", max);
        assert_eq!(width(0).unwrap(), IntWidth::Int);
        assert_eq!(width(i32::MAX as u64).unwrap(), IntWidth::Int);
        assert_eq!(width(i32::MAX as u64 + 1).unwrap(), IntWidth::Long);
        assert_eq!(width(i64::MAX as u64).unwrap(), IntWidth::Long);
        assert_eq!(
            width(u64::MAX).unwrap_err().kind(),
            io::ErrorKind::InvalidInput
        );
    }

    #[test]
    fn doubles_are_finite_and_round_trip() {
        for value in [0.0, -1.0, 0.1, 1.0 / 3.0, 1e-7, 123456.789, 1e300] {
            let text = double(value).unwrap();
            assert_eq!(text.parse::<f64>().unwrap(), value);
            assert!(!text.contains('e'), "{text}");
        }
        assert_eq!(double(f64::NAN), None);
        assert_eq!(double(f64::INFINITY), None);
        assert_eq!(double(f64::NEG_INFINITY), None);
    }
}
