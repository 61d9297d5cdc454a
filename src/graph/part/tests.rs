//! Merging parts gives the single run's graph: for random corpora, random shardings, random
//! merge orders and trees, and every window; and what may not merge is refused.

use proptest::prelude::*;

use super::*;
use crate::dictionary::{Dictionary, DictionaryBuilder};
use crate::document::provisional::Catalog;
use crate::document::{AnalyzedDocument, Document};
use crate::graph::json;
use crate::graph::{GraphBuilder, GraphConfig, Window};
use crate::matcher::Matcher;
use crate::shard::Shard;

const NAMES: [&str; 6] = ["Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot"];

fn dictionary() -> Dictionary {
    let mut builder = DictionaryBuilder::new();
    for name in NAMES {
        builder.add_str(
            "t.tsv",
            &format!("{}\tperson\t{name}\n", name.to_lowercase()),
        );
    }
    builder.build().unwrap()
}

/// Documents as paragraphs of sentences of name indices (or filler words).
fn corpus() -> impl Strategy<Value = Vec<Vec<Vec<Vec<Option<usize>>>>>> {
    let word = proptest::option::weighted(0.6, 0..NAMES.len());
    let sentence = proptest::collection::vec(word, 1..6);
    let paragraph = proptest::collection::vec(sentence, 1..4);
    let document = proptest::collection::vec(paragraph, 1..3);
    proptest::collection::vec(document, 1..12)
}

fn text(paragraphs: &[Vec<Vec<Option<usize>>>], salt: usize) -> String {
    let mut out = Vec::new();
    for (p, sentences) in paragraphs.iter().enumerate() {
        let sentences: Vec<String> = sentences
            .iter()
            .enumerate()
            .map(|(s, words)| {
                let words: Vec<String> = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| {
                        w.map_or(format!("Word{salt}x{p}x{s}x{i}"), |n| NAMES[n].to_string())
                    })
                    .collect();
                format!("{} Tail{salt}x{p}x{s}.", words.join(" "))
            })
            .collect();
        out.push(sentences.join(" "));
    }
    out.join("\n\n")
}

/// The graph.json bytes of a graph.
fn bytes(graph: &Graph) -> Vec<u8> {
    let mut out = Vec::new();
    json::write(graph, &mut out).unwrap();
    out
}

/// The part of the documents `keep` selects, numbered in corpus order.
fn part_of(
    dictionary: &Dictionary,
    documents: &[AnalyzedDocument],
    config: &GraphConfig,
    keep: impl Fn(&str) -> bool,
) -> Part {
    let mut builder = GraphBuilder::new(dictionary, config.clone());
    for (sequence, document) in documents.iter().enumerate() {
        if keep(&document.document.id) {
            builder.add_numbered(document, sequence as u64);
        }
    }
    builder.finish_part(Catalog::from(dictionary))
}

fn shared(parts: &mut [Part], count: u64) {
    for (i, part) in parts.iter_mut().enumerate() {
        part.shares = vec![format!("{}/{count}", i + 1)];
    }
}

proptest! {
    #[test]
    fn merged_shards_give_the_single_run_graph(
        corpus in corpus(),
        count in 1u64..6,
        window in prop_oneof![
            Just(Window::Sentence),
            Just(Window::Paragraph),
            Just(Window::Document),
            Just(Window::Tokens(4)),
        ],
        evidence in 1usize..4,
        min_weight in 1u64..3,
        rotation in 0usize..6,
    ) {
        let dictionary = dictionary();
        let matcher = Matcher::new(&dictionary).unwrap();
        let documents: Vec<AnalyzedDocument> = corpus
            .iter()
            .enumerate()
            .map(|(d, paragraphs)| {
                AnalyzedDocument::new(Document::new(format!("doc-{d}"), text(paragraphs, d)), &matcher)
            })
            .collect();
        let config = GraphConfig { window, min_weight, evidence_per_edge: evidence };
        let mut single = GraphBuilder::new(&dictionary, config.clone());
        for document in &documents {
            single.add(document);
        }
        let expected = bytes(&single.finish());

        let mut parts: Vec<Part> = (1..=count)
            .map(|n| {
                let shard = Shard::new(n, count).unwrap();
                part_of(&dictionary, &documents, &config, |id| shard.holds(id))
            })
            .collect();
        shared(&mut parts, count);
        // Any order: rotate, then fold left.
        let by = rotation % parts.len();
        parts.rotate_left(by);
        let linear = parts
            .iter()
            .cloned()
            .reduce(|a, b| a.merge(b).unwrap())
            .unwrap();
        prop_assert_eq!(bytes(&linear.clone().into_graph(min_weight)), expected.clone());
        // A tree: the halves first.
        let half = parts.len() / 2;
        if half > 0 {
            let left = parts[..half].iter().cloned().reduce(|a, b| a.merge(b).unwrap()).unwrap();
            let right = parts[half..].iter().cloned().reduce(|a, b| a.merge(b).unwrap()).unwrap();
            let tree = right.merge(left).unwrap();
            prop_assert_eq!(&tree, &linear);
        }
    }
}

fn seeds_part(shares: &str) -> Part {
    let dictionary = dictionary();
    let matcher = Matcher::new(&dictionary).unwrap();
    let documents = vec![
        AnalyzedDocument::new(
            Document::new("a", "Alpha met Bravo. Charlie too.".to_string()),
            &matcher,
        ),
        AnalyzedDocument::new(
            Document::new("b", "Bravo and Charlie. Alpha and Bravo.".to_string()),
            &matcher,
        ),
    ];
    let mut part = part_of(&dictionary, &documents, &GraphConfig::default(), |_| true);
    part.shares = vec![shares.to_string()];
    part
}

#[test]
fn parts_that_would_count_documents_twice_are_refused() {
    let cases = [
        ("1/2", "1/2", "two parts cover share 1/2 of the inputs"),
        (
            "all",
            "1/2",
            "a part of every document (extracted without --shard) cannot merge",
        ),
        (
            "1/2",
            "2/4",
            "the parts come from different shardings (1/2, 2/4)",
        ),
    ];
    for (a, b, message) in cases {
        let error = seeds_part(a).merge(seeds_part(b)).unwrap_err().to_string();
        assert!(error.contains(message), "{a} + {b}: {error}");
    }
    // Counts that would wrap around.
    let base = seeds_part("1/2");
    let mut huge = Part::empty(base.settings.clone());
    huge.shares = vec!["2/2".into()];
    huge.documents = u64::MAX;
    let error = base.merge(huge).unwrap_err().to_string();
    assert!(error.contains("add up past 2^64"), "{error}");
    // Disjoint shares that still list one document (hand-made): refused by its sequence.
    let error = seeds_part("1/2")
        .merge(seeds_part("2/2"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("both parts hold document 0"), "{error}");
}

#[test]
fn parts_made_with_other_settings_are_refused_with_the_difference() {
    let base = seeds_part("1/2");
    type Change = fn(&mut PartSettings);
    let cases: [(Change, &str); 4] = [
        (
            |s| s.window = "paragraph".into(),
            "different windows: --window sentence and --window paragraph",
        ),
        (
            |s| s.evidence_per_edge = 5,
            "different evidence: --evidence 3 and --evidence 5",
        ),
        (
            |s| s.dictionary_fingerprint = "0123".into(),
            "different dictionaries",
        ),
        (
            |s| s.generator = "kgx 9.9.9".into(),
            "different versions: kgx",
        ),
    ];
    for (change, message) in cases {
        let mut other = Part::empty(base.settings.clone());
        other.shares = vec!["2/2".into()];
        change(&mut other.settings);
        let error = base.clone().merge(other).unwrap_err().to_string();
        assert!(error.contains(message), "{error}");
    }
}

#[test]
fn hand_edited_parts_fail_validation() {
    let part = seeds_part("all");
    assert_eq!(part.validate(), Ok(()));
    let mut wrong_kind = part.clone();
    wrong_kind.kind = "graph".into();
    let mut unordered = part.clone();
    unordered.nodes.reverse();
    let mut unknown_end = part.clone();
    unknown_end.edges[0].target = "zulu".into();
    let mut too_much_evidence = part.clone();
    too_much_evidence.settings.evidence_per_edge = 0;
    let mut zero_weight = part.clone();
    zero_weight.edges[0].weight = 0;
    let mut newer = part.clone();
    newer.part_version = PART_VERSION + 1;
    for (broken, message) in [
        (wrong_kind, "not a kgx part"),
        (unordered, "nodes out of order"),
        (unknown_end, "does not join two entities of the part"),
        (too_much_evidence, "counts or evidence inconsistent"),
        (zero_weight, "counts or evidence inconsistent"),
        (newer, "part format version 2"),
    ] {
        let error = broken.validate().unwrap_err().to_string();
        assert!(error.contains(message), "{error}");
    }
}
