//! The floors of `bench/compare.sh`: the least work a dictionary matcher can do in Rust.
//!
//! Reads an alias list (one `alias<TAB>entity id` a line, as `bench/compare.sh` exports it from
//! `dictionaries/*.tsv`) and a corpus file, builds one Aho-Corasick automaton over the lowercased
//! aliases with leftmost-longest semantics (ENGINE `aho-corasick`, the default: the
//! `aho_corasick` crate's DFA; `daachorse`: the `daachorse` crate's double-array automaton),
//! scans the lowercased corpus once and keeps the matches whose neighbours are not alphanumeric
//! (whole words). Nothing else: no Unicode folding
//! (lowercasing is ASCII-only, applied the same way to the aliases and the text), no case-sensitive
//! aliases, no anchors or blocking phrases, no entity resolution, no output but the count. A match
//! rejected for its boundaries is not replaced by a shorter one inside it.
//!
//! Prints one JSON line, the same as `bench/peers.py`:
//! `{"tool":"aho-corasick (Rust floor)","build_s":…,"match_s":…,"bytes":…,"matches":…}`;
//! `build_s` is the automaton build, `match_s` the lowercasing plus the scan (reading the files
//! is excluded from both).
//!
//! ```text
//! cargo run --release --example aho_corasick_floor -- ALIASES_FILE CORPUS_FILE [ENGINE]
//! ```

#![forbid(unsafe_code)]

use std::collections::HashSet;
use std::error::Error;
use std::process::ExitCode;
use std::time::Instant;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use daachorse::{DoubleArrayAhoCorasick, DoubleArrayAhoCorasickBuilder};

/// A built automaton of either crate.
enum Automaton {
    AhoCorasick(AhoCorasick),
    Daachorse(DoubleArrayAhoCorasick<u32>),
}

impl Automaton {
    /// The automaton of `engine` over `patterns`, leftmost-longest.
    fn build(engine: &str, patterns: &[String]) -> Result<Automaton, Box<dyn Error>> {
        match engine {
            "aho-corasick" => Ok(Automaton::AhoCorasick(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(patterns)?,
            )),
            "daachorse" => Ok(Automaton::Daachorse(
                DoubleArrayAhoCorasickBuilder::new()
                    .match_kind(daachorse::MatchKind::LeftmostLongest)
                    .build(patterns)
                    .map_err(|error| error.to_string())?,
            )),
            other => Err(format!("unknown engine {other:?} (aho-corasick or daachorse)").into()),
        }
    }

    /// The name in the `tool` field.
    fn tool(&self) -> &'static str {
        match self {
            Automaton::AhoCorasick(_) => "aho-corasick (Rust floor)",
            Automaton::Daachorse(_) => "daachorse (Rust floor)",
        }
    }

    /// The number of leftmost-longest matches in `text` that are whole words.
    fn count_whole_words(&self, text: &str) -> usize {
        match self {
            Automaton::AhoCorasick(automaton) => automaton
                .find_iter(text)
                .filter(|found| is_whole_word(text, found.start(), found.end()))
                .count(),
            Automaton::Daachorse(automaton) => automaton
                .leftmost_find_iter(text)
                .filter(|found| is_whole_word(text, found.start(), found.end()))
                .count(),
        }
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aho_corasick_floor: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (aliases_path, corpus_path, engine) = match args.as_slice() {
        [aliases, corpus] => (aliases, corpus, "aho-corasick"),
        [aliases, corpus, engine] => (aliases, corpus, engine.as_str()),
        _ => {
            return Err("usage: aho_corasick_floor ALIASES_FILE CORPUS_FILE [ENGINE]".into());
        }
    };
    let aliases_text = std::fs::read_to_string(aliases_path)
        .map_err(|error| format!("{aliases_path}: {error}"))?;
    let corpus =
        std::fs::read_to_string(corpus_path).map_err(|error| format!("{corpus_path}: {error}"))?;

    let build_start = Instant::now();
    let mut seen = HashSet::new();
    let patterns: Vec<String> = aliases_text
        .lines()
        .filter_map(|line| line.split('\t').next())
        .map(str::to_ascii_lowercase)
        .filter(|alias| !alias.is_empty() && seen.insert(alias.clone()))
        .collect();
    let automaton = Automaton::build(engine, &patterns)?;
    let build_s = build_start.elapsed().as_secs_f64();

    let match_start = Instant::now();
    let text = corpus.to_ascii_lowercase();
    let match_count = automaton.count_whole_words(&text);
    let match_s = match_start.elapsed().as_secs_f64();

    // Written by hand to keep the key order of bench/peers.py (serde_json sorts a map's keys).
    println!(
        "{{\"tool\":{},\"build_s\":{build_s},\"match_s\":{match_s},\"bytes\":{},\"matches\":{match_count}}}",
        serde_json::to_string(automaton.tool())?,
        corpus.len(),
    );
    Ok(())
}

/// Whether the characters either side of `text[start..end]` are not alphanumeric. Every pattern
/// is valid UTF-8, so a match starts and ends on character boundaries.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|head| head.chars().next_back());
    let after = text.get(end..).and_then(|tail| tail.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}
