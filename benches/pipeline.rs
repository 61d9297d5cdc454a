//! Criterion benchmarks of each pipeline stage, on the seeds repeated a hundred times (about
//! 1.5 MB; the BBC corpus used for throughput comparisons is not in the repository), and of a
//! synthetic dictionary of a million aliases (`benches/support/synthetic.rs`): parsing, building
//! the matcher, loading it compiled, and matching with it.
//!
//! Every benchmark checks its result before it is timed, so a stage that silently stops working
//! cannot look fast. CI runs them once in test mode: `cargo bench --bench pipeline -- --test`.

// A benchmark that cannot set up should stop loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]
// criterion_group! generates an undocumented function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use kgx::dictionary::{Dictionary, DictionaryBuilder};
use kgx::document::{AnalyzedDocument, Document};
use kgx::export::{self, ExportOptions, Format};
use kgx::graph::{Graph, GraphBuilder, GraphConfig};
use kgx::matcher::{compiled, Matcher};
use kgx::text::tokens::tokenize;
use kgx::text::Segments;

#[path = "support/synthetic.rs"]
mod synthetic;

/// The five seed articles, each repeated `copies` times as separate documents.
fn corpus(copies: usize) -> Vec<Document> {
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(seeds)
        .expect("seeds/ exists")
        .map(|e| e.expect("readable entry").path())
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("seed is UTF-8");
            (p.display().to_string(), text)
        })
        .collect();
    texts.sort();
    (0..copies)
        .flat_map(|i| {
            texts
                .iter()
                .map(move |(id, text)| Document::new(format!("{id}#{i}"), text.clone()))
        })
        .collect()
}

fn build_graph(dictionary: &Dictionary, matcher: &Matcher, documents: &[Document]) -> Graph {
    let mut builder = GraphBuilder::new(dictionary, GraphConfig::default());
    for document in documents {
        builder.add(&AnalyzedDocument::new(document.clone(), matcher));
    }
    builder.finish()
}

fn stages(c: &mut Criterion) {
    let dictionary = Dictionary::builtin().expect("built-in dictionaries are valid");
    let matcher = Matcher::new(&dictionary).expect("matcher builds");
    let documents = corpus(100);
    let text: String = documents
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let bytes = text.len() as u64;

    let mut group = c.benchmark_group("dictionary");
    group.sample_size(10);
    assert!(dictionary.len() > 3000);
    group.bench_function("parse built-in", |b| {
        b.iter(|| Dictionary::builtin().map(|d| d.len()))
    });
    group.bench_function("compile matcher", |b| {
        b.iter(|| Matcher::new(black_box(&dictionary)).is_ok())
    });
    group.finish();

    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    let count_tokens = |text: &str| {
        let mut words = 0usize;
        tokenize(text, |token| words += usize::from(token.is_word));
        words
    };
    assert!(count_tokens(&text) > 100_000);
    group.bench_function("fold and tokenize", |b| {
        b.iter(|| count_tokens(black_box(&text)))
    });
    assert!(Segments::new(&text).sentences.len() > 1000);
    group.bench_function("segment", |b| {
        b.iter(|| Segments::new(black_box(&text)).sentences.len())
    });
    let found = matcher.find(&text).len();
    assert!(found > 20_000, "matcher found only {found}");
    group.bench_function("match", |b| b.iter(|| matcher.find(black_box(&text)).len()));
    group.finish();

    let mut group = c.benchmark_group("documents");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    let graph = build_graph(&dictionary, &matcher, &documents);
    let putin = graph.neighbors("vladimir-putin");
    assert!(putin.iter().any(|(n, _)| n.id == "recep-tayyip-erdogan"));
    group.bench_function("analyse and build graph", |b| {
        b.iter(|| build_graph(&dictionary, &matcher, black_box(&documents)).edge_count())
    });
    group.finish();

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    for &format in Format::ALL {
        let mut sample = Vec::new();
        if export::write(format, &graph, &ExportOptions::default(), &mut sample).is_err() {
            continue; // a format that refuses graphs this size (mermaid) or writes directories
        }
        assert!(sample.len() > 1000, "{format} wrote almost nothing");
        group.bench_with_input(
            BenchmarkId::from_parameter(format),
            &format,
            |b, &format| {
                b.iter(|| {
                    let mut out = Vec::with_capacity(sample.len());
                    export::write(format, &graph, &ExportOptions::default(), &mut out)
                        .map(|_| out.len())
                })
            },
        );
    }
    group.finish();
}

/// A million aliases: parsing, building, a compiled round trip, and matching with them.
fn million_aliases(c: &mut Criterion) {
    let tsv = synthetic::synthetic_dictionary(1_000_000);
    let parse = || {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("synthetic.tsv", &tsv);
        builder.build().unwrap()
    };
    let dictionary = parse();
    let aliases: usize = dictionary.iter().map(|(_, e)| e.aliases.len()).sum();
    assert_eq!(aliases, 1_000_000);
    let matcher = Matcher::new(&dictionary).unwrap();
    assert!(matcher.pattern_count() > 990_000);
    // A file, as `--dict` reads it (from the page cache, as on any run after the first).
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("synthetic-1m.kgxd");
    std::fs::write(&path, compiled::write(&dictionary, &matcher).unwrap()).unwrap();
    let (loaded_dictionary, loaded_matcher) = compiled::read_file(&path).unwrap();
    assert!(loaded_matcher == matcher);
    assert_eq!(loaded_dictionary.len(), dictionary.len());

    let mut group = c.benchmark_group("dictionary 1M aliases");
    group.sample_size(10);
    group.bench_function("parse and validate", |b| b.iter(|| parse().len()));
    group.bench_function("compile matcher", |b| {
        b.iter(|| Matcher::new(black_box(&dictionary)).map(|m| m.pattern_count()))
    });
    group.bench_function("load compiled", |b| {
        b.iter(|| compiled::read_file(black_box(&path)).map(|(d, _)| d.len()))
    });
    group.finish();

    // Matching with the built-in dictionaries plus a million synthetic aliases, against the
    // built-in ones alone (the `text/match` benchmark): the same matches, a far bigger table.
    let mut builder = DictionaryBuilder::new();
    builder.add_builtin().add_str("synthetic.tsv", &tsv);
    let big = Matcher::new(&builder.build().unwrap()).unwrap();
    let small = Matcher::new(&Dictionary::builtin().unwrap()).unwrap();
    let text = corpus(100)
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    let found = small.find(&text).len();
    assert!(found > 1000);
    assert_eq!(big.find(&text).len(), found);
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("match with 1M more aliases", |b| {
        b.iter(|| big.find(black_box(&text)).len())
    });
    group.finish();
}

criterion_group!(benches, stages, million_aliases);
criterion_main!(benches);
