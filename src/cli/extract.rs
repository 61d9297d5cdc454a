//! `kgx extract`: the main job. Reads documents, writes the graph (`graph.json` and `graph.dot`
//! by default, `--format` for others) and `mentions.jsonl`, and prints a short summary on stderr.

use std::path::PathBuf;

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::shared::{note_html_view, InputArgs};
use super::{report, DictionaryArgs, Outcome, Output, PruneArgs};
use crate::discover::Discoverer;
use crate::error::{Error, Result};
use crate::export::{counted, Format};
use crate::extract::{capped_threads, summary, ExtractConfig, Extractor};
use crate::graph::{GraphConfig, Window};
use crate::input::{self, Source};
use crate::shard::Shard;

/// Arguments of `kgx extract`.
#[derive(Debug, Clone, Args)]
pub struct ExtractArgs {
    /// Files, directories (searched recursively for *.txt and *.md) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Directory to write graph.json, graph.dot and mentions.jsonl to.
    #[arg(short, long, value_name = "DIR", default_value = "output")]
    pub output: PathBuf,
    /// Graph formats to write (repeatable or comma-separated); mentions.jsonl is always written.
    #[arg(
        long,
        value_name = "FORMAT",
        value_delimiter = ',',
        default_value = "json,dot"
    )]
    pub format: Vec<Format>,
    /// Co-occurrence window: sentence, paragraph, document or tokens:N.
    #[arg(long, value_name = "WINDOW", default_value = "sentence")]
    pub window: Window,
    /// Evidence sentences kept per link.
    #[arg(
        long,
        value_name = "K",
        default_value_t = 3,
        allow_negative_numbers = true
    )]
    pub evidence: usize,
    /// Worker threads (0: one per core). The output is the same for any number.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        allow_negative_numbers = true
    )]
    pub threads: usize,
    /// Also find people and organizations no dictionary knows, from cues in the text
    /// (titles, roles, "X said", given names, "Ltd", "Bank of …"); they are marked provisional
    /// everywhere and never take a mention from a dictionary entity.
    #[arg(long)]
    pub discover: bool,
    /// The cue file for --discover (default: the built-in dictionaries/discover/cues.tsv).
    #[arg(long, value_name = "FILE", requires = "discover")]
    pub cues: Option<PathBuf>,
    /// Print nothing on stderr but errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Analyse only share I of N of the documents (1 ≤ I ≤ N), chosen by a hash of each
    /// document id: N runs with 1/N … N/N analyse every document exactly once.
    #[arg(long, value_name = "I/N")]
    pub shard: Option<Shard>,
    /// Also write graph.part.json: every count of this run, for `kgx merge` to combine with
    /// the other shards' parts into the graph of all their documents.
    #[arg(long, conflicts_with = "discover")]
    pub part: bool,
    /// With --part, when an engine split the corpus: these inputs are its share I of N (the
    /// part records it; `kgx merge` refuses two parts of one share).
    #[arg(long, value_name = "I/N", requires = "part", conflicts_with = "shard")]
    pub part_of: Option<Shard>,
    /// How inputs are read.
    #[command(flatten)]
    pub input: InputArgs,
    /// Dictionaries.
    #[command(flatten)]
    pub dictionaries: DictionaryArgs,
    /// Pruning of the written graph.
    #[command(flatten)]
    pub prune: PruneArgs,
}

impl ExtractArgs {
    /// The library configuration these arguments describe.
    ///
    /// # Errors
    /// When the cue file of `--cues` cannot be read or is malformed.
    pub fn config(&self) -> Result<ExtractConfig> {
        let discovery = match (&self.cues, self.discover) {
            (Some(path), _) => Some(Discoverer::from_cue_file(path)?),
            (None, true) => Some(Discoverer::builtin()?),
            (None, false) => None,
        };
        Ok(ExtractConfig {
            graph: GraphConfig {
                window: self.window,
                min_weight: self.prune.min_weight,
                evidence_per_edge: self.evidence,
            },
            prune: self.prune.options(),
            formats: {
                let mut formats = self.format.clone();
                formats.sort_unstable();
                formats.dedup();
                formats
            },
            input: self.input.options(),
            threads: self.threads,
            discovery,
            shard: self.shard,
            part: self.part,
            part_of: self.part_of,
        })
    }
}

/// A progress bar on stderr for runs longer than a second, when stderr is a terminal: documents,
/// megabytes, throughput and, for plain files, the time left. Silent with `--quiet` or when
/// stderr is piped. It draws only as documents are folded in (no ticker thread), so a run that
/// ends within the second never draws.
struct Progress {
    bar: ProgressBar,
    started: Instant,
    documents: u64,
    shown: bool,
    enabled: bool,
}

impl Progress {
    fn new(sources: &[Source], quiet: bool) -> Progress {
        let enabled = !quiet && std::io::stderr().is_terminal();
        // The total is known for plain files; gzip, JSON Lines and stdin get a running count.
        // It takes a `stat` a file (a tenth of a second for 40,000 files): only for a bar that
        // can be seen.
        let total: Option<u64> = if enabled {
            sources
                .iter()
                .map(|s| match s {
                    Source::File(path) if path.extension().is_none_or(|e| e != "gz") => {
                        std::fs::metadata(path).ok().map(|m| m.len())
                    }
                    _ => None,
                })
                .sum()
        } else {
            None
        };
        let bar = match total {
            Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::hidden())
                .with_style(
                    ProgressStyle::with_template(
                        "{bar:30} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta} ({msg})",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                ),
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()).with_style(
                ProgressStyle::with_template("{spinner} {decimal_bytes} {decimal_bytes_per_sec} ({msg})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        };
        Progress {
            bar,
            started: Instant::now(),
            documents: 0,
            shown: false,
            enabled,
        }
    }

    fn advance(&mut self, bytes: u64) {
        if !self.enabled {
            return;
        }
        self.bar.inc(bytes);
        self.documents += 1;
        self.bar
            .set_message(format!("{} documents", self.documents));
        if !self.shown && self.started.elapsed() > Duration::from_secs(1) {
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
            self.shown = true;
        }
    }

    fn finish(&self) {
        if self.shown {
            self.bar.finish_and_clear();
        }
    }
}

/// Runs `kgx extract`.
///
/// # Errors
/// Dictionary problems, an unwritable output directory, or no readable document at all.
pub fn run(args: ExtractArgs, out: &mut Output<'_>) -> Result<Outcome> {
    let config = args.config()?;
    let threads = capped_threads(config.threads);
    if config.threads > threads {
        report::message(
            out.stderr,
            &format_args!(
                "--threads {} is more than the {threads} cores; using {threads}",
                config.threads
            ),
        );
    }
    // The dictionaries load while the inputs are listed: both are start-up work, and on a
    // corpus of many small files the directory walk takes as long as the load.
    let (dictionaries, collected) = std::thread::scope(|scope| {
        let loading = scope.spawn(|| args.dictionaries.sources().load_with_matcher());
        let collected = input::collect_inputs(&args.inputs, &config.input);
        let dictionaries = loading
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (dictionaries, collected)
    });
    let (dictionary, matcher) = dictionaries?;
    let input::Collected {
        sources,
        problems,
        skipped,
    } = collected?;
    let extractor = Extractor::with_matcher(dictionary, matcher, config);
    for problem in &problems {
        report::error(out.stderr, problem);
    }
    if let Some(skipped) = &skipped {
        report::warning(out.stderr, skipped);
    }
    if sources.is_empty() {
        return Err(Error::NoInputDocuments {
            directory: args.output.clone(),
        });
    }
    let mut progress = Progress::new(&sources, args.quiet);
    let mut also_read = args.dictionaries.inputs();
    if let Some(cues) = &args.cues {
        also_read.add(cues);
    }
    let extraction =
        extractor.extract_to_observed(&sources, &args.output, &also_read, &mut |document| {
            progress.advance(document.document.text.len() as u64)
        })?;
    progress.finish();
    if !args.quiet && args.format.contains(&Format::Html) {
        note_html_view(
            &extraction.graph,
            &args.output.join(Format::Html.file_name()),
            out,
        );
    }
    for warning in &extraction.warnings {
        report::warning(out.stderr, warning);
    }
    if extraction.more_warnings > 0 {
        report::warning(
            out.stderr,
            &format_args!("{} more warnings like these", extraction.more_warnings),
        );
    }
    for failure in extraction.failures.iter().chain(&extraction.refused) {
        report::error(out.stderr, failure);
    }
    if extraction.more_failures > 0 {
        report::message(
            out.stderr,
            &format_args!("{} more inputs could not be read", extraction.more_failures),
        );
    }
    if !args.quiet {
        if let Some(shard) = &args.shard {
            let _ = writeln!(
                out.stderr,
                "shard {shard}: {} analysed, {} left to the other shards",
                counted(
                    extraction.graph.metadata().documents,
                    "document",
                    "documents"
                ),
                extraction.other_shard_documents
            );
        }
        let _ = write!(out.stderr, "{}", summary(&extraction, 5));
        let written: Vec<String> = extraction
            .written
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let _ = writeln!(out.stderr, "wrote {}", written.join(", "));
    }
    if problems.is_empty() && extraction.failures.is_empty() && extraction.refused.is_empty() {
        Ok(Outcome::Success)
    } else {
        Ok(Outcome::PartialFailure)
    }
}
