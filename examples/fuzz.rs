//! A fuzzer that runs on the stable toolchain: `cargo run --release --example fuzz -- TARGET
//! [--seconds N] [--seed S]`.
//!
//! cargo-fuzz needs a nightly compiler, which this project does not require; this harness
//! mutates seed inputs with a seeded generator instead (byte flips, splices, repeats, inserted
//! Unicode that folding and segmentation find hard: combining marks, zero-width joiners,
//! direction marks, curly quotes, emoji, dotted capitals), runs one stage of kgx on each input
//! under `catch_unwind`, and checks that stage's invariants. A failure prints the seed and the
//! iteration, writes the input to `target/fuzz-failures/`, and exits 1; the same `--seed`
//! replays the same inputs. Targets:
//!
//! - `match`: matching, resolution and discovery on text: every mention's span lies on
//!   character boundaries inside the text, mentions are in order and never overlap;
//! - `segment`: paragraphs and sentences are ordered, non-empty spans on character boundaries,
//!   every sentence inside its paragraph;
//! - `dictionary`: dictionary lines parse or are rejected with diagnostics, never panic; a
//!   dictionary that builds compiles, and its compiled form reads back;
//! - `compiled`: a compiled dictionary with bytes flipped or cut is refused or loads, never
//!   panics;
//! - `graph`: graph.json with bytes flipped, cut or spliced is refused or loads, never panics;
//! - `cues`: cue files parse or are rejected, never panic.
//!
//! CI runs every target for a few seconds (`.ci/run`); long runs are local.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use kgx::dictionary::DictionaryBuilder;
use kgx::discover::Discoverer;
use kgx::document::{AnalyzedDocument, Document};
use kgx::matcher::{compiled, Matcher};
use kgx::text::Segments;

/// Text snippets that stress folding, tokenizing and segmentation.
const HARD: &[&str] = &[
    "\u{301}",
    "\u{200d}",
    "\u{200e}",
    "\u{202e}",
    "’",
    "‘",
    "“",
    "”",
    "—",
    "–",
    "…",
    "•",
    "┃",
    "👨\u{200d}👩\u{200d}👧",
    "İ",
    "ß",
    "ﬁ",
    "Σ",
    "\u{feff}",
    "\r\n",
    "\n\n",
    "\t",
    " ",
    ". ",
    "Mr. ",
    "U.S. ",
    "(",
    ")",
    "-",
    "'s",
    "\u{0}",
    "\u{7f}",
    "🇺🇦",
    "Ǆ",
    "ǅ",
    "\u{345}",
];

/// A small dictionary whose names the generated texts are built from.
const DICTIONARY: &str = "\
putin\tperson\tVladimir Putin\tPutin|Vladimir V. Putin\n\
warren\tperson\tElizabeth Warren\t^Warren\n\
russia\tcountry\tRussia\tRussian|Russians|Russian Federation\n\
us\tcountry\tUnited States\tUS|U.S.|American|^America|!Latin American\n\
turkey\tcountry\t=Turkey\tTürkiye|Turkish\n\
un\torganization\tUnited Nations\tUN|UN General Assembly\n\
erdogan\tperson\tRecep Tayyip Erdoğan\tErdogan|Tayyip Erdogan\n\
may\tperson\tTheresa May\t^=May\n\
putin\t+ru\tВладимир Путин|Путин\n\
putin\t+zh\t普京\n\
putin\t+ja\tプーチン\n\
putin\t+ar\tبوتين\n\
erdogan\t+tr\t=Erdoğan\n\
turkey\t+zh\t土耳其|!土耳其溪\n\
turkey\t+es\t=Turquía\n\
russia\t+ko\t러시아\n\
";

/// xorshift64*: small, fast, and the same sequence for the same seed on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One mutation of `input`: a flip, a cut, a splice of another seed, a repeat or an insertion.
fn mutate(rng: &mut Rng, input: &[u8], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.truncate(at),
            2 => {
                let other = rng.pick(seeds);
                let from = rng.below(other.len() + 1);
                let to = from + rng.below(other.len() - from + 1);
                out.splice(at..at, other[from..to].iter().copied());
            }
            3 if at < out.len() => {
                let len = 1 + rng.below((out.len() - at).min(64));
                let piece = out[at..at + len].to_vec();
                for _ in 0..rng.below(50) {
                    out.splice(at..at, piece.iter().copied());
                }
            }
            4 => {
                let hard = rng.pick(HARD).as_bytes().to_vec();
                out.splice(at..at, hard);
            }
            5 if at < out.len() => {
                let end = at + rng.below(out.len() - at);
                out.drain(at..end);
            }
            _ => out.insert(at, rng.below(256) as u8),
        }
    }
    out.truncate(1 << 16);
    out
}

/// Text made of dictionary names, filler words and hard snippets, or a mutated seed.
fn text(rng: &mut Rng, seeds: &[Vec<u8>]) -> String {
    if rng.below(2) == 0 {
        let base = rng.pick(seeds).clone();
        let bytes = mutate(rng, &base, seeds);
        return String::from_utf8_lossy(&bytes).into_owned();
    }
    const WORDS: &[&str] = &[
        "Putin",
        "Vladimir",
        "V.",
        "Russia",
        "Russian",
        "Latin",
        "American",
        "US",
        "us",
        "U.S.",
        "Türkiye",
        "turkey",
        "Turkey",
        "UN",
        "(UN)",
        "General",
        "Assembly",
        "United",
        "Nations",
        "Erdoğan",
        "Erdogan",
        "May",
        "in",
        "Theresa",
        "Warren",
        "Elizabeth",
        "Ann",
        "said",
        "met",
        "the",
        "Mr",
        "Jane",
        "Doe",
        "Holdings",
        "Ltd",
        "Bank",
        "of",
        "chief",
        "executive",
    ];
    let mut out = String::new();
    for _ in 0..rng.below(200) {
        match rng.below(6) {
            0 => {
                let hard: &&str = rng.pick(HARD);
                out.push_str(hard);
            }
            1 => out.push_str(". "),
            _ => {
                let word: &&str = rng.pick(WORDS);
                out.push_str(word);
                out.push(' ');
            }
        }
    }
    out
}

/// The shared, read-only state of the targets.
struct Fixtures {
    matcher: Matcher,
    discoverer: Discoverer,
    texts: Vec<Vec<u8>>,
    dictionary_lines: Vec<Vec<u8>>,
    compiled: Vec<Vec<u8>>,
    graphs: Vec<Vec<u8>>,
    cues: Vec<Vec<u8>>,
}

fn fixtures() -> Result<Fixtures, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read_dir = |dir: &str| -> Vec<Vec<u8>> {
        let mut files: Vec<_> = std::fs::read_dir(root.join(dir))
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
    };
    let mut builder = DictionaryBuilder::new();
    builder.add_str("fuzz.tsv", DICTIONARY);
    let dictionary = builder.build().map_err(|e| e.to_string())?;
    let matcher = Matcher::new(&dictionary).map_err(|e| e.to_string())?;
    let compiled = compiled::write(&dictionary, &matcher).map_err(|e| e.to_string())?;
    let mut texts = read_dir("seeds");
    texts.extend(read_dir("tests/fixtures/discover"));
    texts.push(std::fs::read(root.join("tests/fixtures/nasty.txt")).unwrap_or_default());
    // News in five languages and scripts: inflected, prefixed and unspaced names.
    texts.extend(read_dir("examples/multilingual/news"));
    Ok(Fixtures {
        discoverer: Discoverer::builtin().map_err(|e| e.to_string())?,
        texts,
        dictionary_lines: vec![
            DICTIONARY.as_bytes().to_vec(),
            std::fs::read(root.join("tests/fixtures/nasty.tsv")).unwrap_or_default(),
            std::fs::read(root.join("dictionaries/people/curated.tsv"))
                .unwrap_or_default()
                .into_iter()
                .take(20_000)
                .collect(),
        ],
        compiled: vec![compiled],
        graphs: vec![std::fs::read(root.join("output/graph.json")).unwrap_or_default()],
        cues: vec![kgx::discover::cues::BUILTIN.as_bytes().to_vec()],
        matcher,
    })
}

/// Runs one input through `target`; `Err` says which invariant broke.
fn run_one(target: &str, fx: &Fixtures, input: &[u8]) -> Result<(), String> {
    match target {
        "match" => {
            let text = String::from_utf8_lossy(input).into_owned();
            let document = Document::new("fuzz", text.clone());
            let analysed =
                AnalyzedDocument::with_discovery(document, &fx.matcher, Some(&fx.discoverer));
            let mut end = 0;
            let spans = analysed
                .mentions
                .iter()
                .map(|m| (m.mention.start, m.mention.end))
                .chain(analysed.discovered.iter().map(|m| (m.start, m.end)));
            for (start, stop) in spans {
                if start >= stop || stop > text.len() {
                    return Err(format!("span {start}..{stop} outside the text"));
                }
                if !text.is_char_boundary(start) || !text.is_char_boundary(stop) {
                    return Err(format!("span {start}..{stop} cuts a character"));
                }
            }
            for m in &analysed.mentions {
                if m.mention.start < end {
                    return Err(format!(
                        "mention at {} overlaps the one before",
                        m.mention.start
                    ));
                }
                end = m.mention.end;
            }
            Ok(())
        }
        "segment" => {
            let text = String::from_utf8_lossy(input).into_owned();
            let segments = Segments::new(&text);
            let mut previous = 0;
            for sentence in &segments.sentences {
                let span = sentence.span;
                let paragraph = segments
                    .paragraphs
                    .get(sentence.paragraph)
                    .ok_or("sentence of no paragraph")?;
                let inside = paragraph.start <= span.start && span.end <= paragraph.end;
                if span.start < previous || span.start >= span.end || !inside {
                    return Err(format!("bad sentence span {}..{}", span.start, span.end));
                }
                if !text.is_char_boundary(span.start) || !text.is_char_boundary(span.end) {
                    return Err("a sentence cuts a character".into());
                }
                previous = span.end;
            }
            Ok(())
        }
        "dictionary" => {
            let text = String::from_utf8_lossy(input).into_owned();
            let mut builder = DictionaryBuilder::new();
            builder.add_str("fuzz.tsv", &text);
            if let Ok(dictionary) = builder.build() {
                let matcher = Matcher::new(&dictionary).map_err(|e| e.to_string())?;
                if let Ok(bytes) = compiled::write(&dictionary, &matcher) {
                    let (read, _) = compiled::read(Path::new("fuzz.kgxd"), &bytes)
                        .map_err(|e| format!("a compiled dictionary does not read back: {e}"))?;
                    if read.len() != dictionary.len() {
                        return Err("the compiled dictionary lost entities".into());
                    }
                }
            }
            Ok(())
        }
        "compiled" => {
            let _ = compiled::read(Path::new("fuzz.kgxd"), input);
            Ok(())
        }
        "graph" => {
            let _ = kgx::graph::json::read(Path::new("graph.json"), input);
            Ok(())
        }
        "cues" => {
            let _ = kgx::discover::cues::parse("cues.tsv", &String::from_utf8_lossy(input));
            Ok(())
        }
        other => Err(format!("unknown target `{other}`")),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    let Some(target) = args.first().filter(|a| !a.starts_with('-')).cloned() else {
        eprintln!("usage: fuzz TARGET [--seconds N] [--seed S]  (targets: match segment dictionary compiled graph cues)");
        std::process::exit(2);
    };
    let seconds = value("--seconds").unwrap_or(10);
    let seed = value("--seed")
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
        .max(1);
    let fx = match fixtures() {
        Ok(fx) => fx,
        Err(error) => {
            eprintln!("fuzz: cannot set up: {error}");
            std::process::exit(2);
        }
    };
    let seeds: &[Vec<u8>] = match target.as_str() {
        "match" | "segment" => &fx.texts,
        "dictionary" => &fx.dictionary_lines,
        "compiled" => &fx.compiled,
        "graph" => &fx.graphs,
        "cues" => &fx.cues,
        other => {
            eprintln!("fuzz: unknown target `{other}`");
            std::process::exit(2);
        }
    };
    // Panics are caught and reported below; the default hook would print each one.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let input = if matches!(target.as_str(), "match" | "segment") {
            text(&mut rng, seeds).into_bytes()
        } else {
            let base = rng.pick(seeds).clone();
            mutate(&mut rng, &base, seeds)
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| run_one(&target, &fx, &input)));
        let failure = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(message)) => Some(message),
            Err(panic) => Some(
                panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .map_or("panic".to_string(), |m| format!("panic: {m}")),
            ),
        };
        if let Some(message) = failure {
            let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/fuzz-failures");
            let _ = std::fs::create_dir_all(&dir);
            let file = dir.join(format!("{target}-{seed}-{runs}.bin"));
            let _ = std::fs::write(&file, &input);
            eprintln!(
                "fuzz {target}: FAILED after {runs} runs (seed {seed}): {message}; input in {}",
                file.display()
            );
            std::process::exit(1);
        }
        runs += 1;
    }
    println!("fuzz {target}: {runs} runs in {seconds} s, no failure (seed {seed})");
}
