//! The extraction pipeline: sources → documents → mentions → co-occurrence graph → files.
//!
//! Documents are read and analysed in batches, so that only a bounded number of documents is in
//! memory at once, and analysed in parallel (rayon). The worker that analyses a document also
//! does what needs nothing else (its co-occurrence windows, its `mentions.jsonl` lines), so that
//! the sequential step only folds each batch into the graph in input order, writes the lines and
//! reads the next batch; with more than one thread it runs on one of the workers while the others
//! analyse the next batch, and helps them when it is done. Because the fold
//! order is fixed, the output is byte-identical whatever the number of threads. The finished
//! graph is pruned as configured, and each node gets its community (deterministic Louvain) as
//! an attribute. A document that cannot be read is reported and skipped; the run goes on.

use std::fmt::Write as _;
use std::fs;
use std::io::{ErrorKind, Write as _};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::dictionary::{Dictionary, EntityKind};
use crate::discover::Discoverer;
use crate::document::provisional::{Catalog, ProvisionalEntities, ATTRIBUTE as PROVISIONAL};
use crate::document::{AnalyzedDocument, Document};
use crate::error::{Error, Result};
use crate::export::{self, ExportOptions, Format};
use crate::graph::community::{louvain, DEFAULT_RESOLUTION};
use crate::graph::part::Part;
use crate::graph::prune::{prune, PruneOptions};
use crate::graph::window::{units, Units, MAX_WINDOW_ENTITIES};
use crate::graph::{Graph, GraphBuilder, GraphConfig};
use crate::input::{DocumentReader, InputOptions, Source, SplitDocument};
use crate::matcher::Matcher;
use crate::output::{AtomicFile, Inputs};
use crate::shard::Shard;

/// Most documents analysed in parallel before they are folded into the graph.
const BATCH_SIZE: usize = 256;

/// Most text (bytes) read ahead for one parallel batch. With up to three batches in memory
/// (see [`Extractor::run`]) and an analysis that can take ten times the text when every word is
/// a mention, this is what bounds the peak memory of a run, besides the graph.
const BATCH_BYTES: usize = 16 << 20;

/// Most warnings kept in [`Extraction::warnings`]; later ones are only counted, so that a
/// corpus of millions of odd documents cannot fill memory with messages.
pub const MAX_WARNINGS: usize = 100;

/// Most unreadable inputs kept in [`Extraction::failures`]; later ones are only counted, so a
/// dump of millions of bad records cannot fill memory with errors.
pub const MAX_FAILURES: usize = 1_000;

/// Something a run did to stay within its limits, reported on stderr (`kgx: warning: …`; the
/// label is the printer's, not part of the message).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// A document over [`MAX_DOCUMENT_BYTES`](crate::input::MAX_DOCUMENT_BYTES) was read in parts.
    Split(SplitDocument),
    /// Windows of a document held more than [`MAX_WINDOW_ENTITIES`] entities and were cut.
    CutWindows {
        /// The document's id.
        document: String,
        /// How many cuts.
        cuts: usize,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::Split(split) => split.fmt(f),
            Warning::CutWindows { document, cuts } => write!(
                f,
                "{document}: {cuts} co-occurrence window{} held more than \
                 {MAX_WINDOW_ENTITIES} entities and {} cut there",
                if *cuts == 1 { "" } else { "s" },
                if *cuts == 1 { "was" } else { "were" },
            ),
        }
    }
}

/// The mentions file written by [`Extractor::extract_to`] beside the graph files.
pub const MENTIONS_FILE: &str = "mentions.jsonl";

/// The worker threads a run starts for `requested` ones: 0 means one per core, and more than
/// the cores is capped to them (`--threads 20000` would otherwise start 20,000 threads, for no
/// gain: the work is CPU-bound).
pub fn capped_threads(requested: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    if requested == 0 {
        cores
    } else {
        requested.min(cores)
    }
}

/// Settings of an extraction run.
#[derive(Debug, Clone)]
pub struct ExtractConfig {
    /// How co-occurrences are counted.
    pub graph: GraphConfig,
    /// Pruning applied to the finished graph.
    pub prune: PruneOptions,
    /// Graph files written by [`Extractor::extract_to`] (json and dot by default).
    pub formats: Vec<Format>,
    /// How inputs are read (text files or JSON Lines).
    pub input: InputOptions,
    /// Worker threads; 0 uses every core, and more than the cores are as many as the cores
    /// ([`capped_threads`]).
    pub threads: usize,
    /// Discovery of names no dictionary knows (`--discover`), off when `None`.
    pub discovery: Option<Discoverer>,
    /// Only the documents of this share of the inputs (`--shard I/N`), or all when `None`.
    pub shard: Option<Shard>,
    /// Also write the run's [`Part`] ([`PART_FILE`]) for `kgx merge`.
    pub part: bool,
    /// The share of the corpus the inputs are, when an engine split it (`--part-of I/N`): the
    /// part says so, and merging two parts of one share is refused.
    pub part_of: Option<Shard>,
}

impl Default for ExtractConfig {
    fn default() -> ExtractConfig {
        ExtractConfig {
            graph: GraphConfig::default(),
            prune: PruneOptions::default(),
            formats: vec![Format::Json, Format::Dot],
            input: InputOptions::default(),
            threads: 0,
            discovery: None,
            shard: None,
            part: false,
            part_of: None,
        }
    }
}

/// What a run produced, besides the files.
#[derive(Debug)]
pub struct Extraction {
    /// The graph.
    pub graph: Graph,
    /// Inputs that could not be read, in input order (the first [`MAX_FAILURES`]).
    pub failures: Vec<Error>,
    /// Inputs that could not be read past [`MAX_FAILURES`], counted only.
    pub more_failures: u64,
    /// The first [`MAX_WARNINGS`] warnings, in input order.
    pub warnings: Vec<Warning>,
    /// Warnings past [`MAX_WARNINGS`], counted only.
    pub more_warnings: u64,
    /// Mentions resolved to one entity and counted.
    pub counted_mentions: u64,
    /// Mentions left ambiguous.
    pub ambiguous_mentions: u64,
    /// Mentions in repeated sentences (listed, not counted).
    pub repeated_mentions: u64,
    /// Provisional entities found by discovery (all of them, pruned or not).
    pub provisional_entities: usize,
    /// Counted mentions of provisional entities (part of `counted_mentions`).
    pub provisional_mentions: u64,
    /// With a [`Shard`]: the documents read and left to the other shards.
    pub other_shard_documents: u64,
    /// The run's part, when [`ExtractConfig::part`] asked for it.
    pub part: Option<Part>,
    /// Files written by [`Extractor::extract_to`], graph files first.
    pub written: Vec<PathBuf>,
    /// Formats that refused the graph (too large for a diagram), so were not written.
    pub refused: Vec<Error>,
}

/// A compiled dictionary plus settings: the immutable product that runs extractions.
#[derive(Debug)]
pub struct Extractor {
    dictionary: Dictionary,
    matcher: Matcher,
    config: ExtractConfig,
}

impl Extractor {
    /// Compiles `dictionary` for matching.
    ///
    /// # Errors
    /// When the matcher cannot be built.
    pub fn new(dictionary: Dictionary, config: ExtractConfig) -> Result<Extractor> {
        let matcher = Matcher::new(&dictionary)?;
        Ok(Extractor {
            dictionary,
            matcher,
            config,
        })
    }

    /// Uses an already built `matcher` for `dictionary` (from a compiled dictionary).
    pub fn with_matcher(
        dictionary: Dictionary,
        matcher: Matcher,
        config: ExtractConfig,
    ) -> Extractor {
        Extractor {
            dictionary,
            matcher,
            config,
        }
    }

    /// The dictionary and matcher, given back.
    pub fn into_parts(self) -> (Dictionary, Matcher) {
        (self.dictionary, self.matcher)
    }

    /// The dictionary in use.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dictionary
    }

    /// The matcher in use.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// Analyses `sources` and builds the graph, calling `on_document` for every analysed
    /// document in input order (to stream mentions out), with the entities named so far. With
    /// more than one thread, `on_document` runs on one of the pool's threads (one call at a
    /// time), hence `Send`.
    ///
    /// # Errors
    /// When the thread pool cannot start, or `on_document` fails. Unreadable inputs are not
    /// errors here: they are listed in [`Extraction::failures`].
    pub fn run(
        &self,
        sources: &[Source],
        mut on_document: impl FnMut(&AnalyzedDocument, Catalog<'_>) -> Result<()> + Send,
    ) -> Result<Extraction> {
        self.run_prepared(sources, &|_, _| None::<()>, |document, catalog, _| {
            on_document(document, catalog)
        })
    }

    /// Like [`Extractor::run`], with work per document that can run on the worker threads:
    /// `prepare` is called there, in parallel and in any order, right after a document is
    /// analysed, and what it returns is handed to `on_document` with the document, in input
    /// order. `on_document` gets `None` where `prepare` returned `None` (work it would rather
    /// leave to the sequential step, such as a document too large to buffer), and when
    /// discovery is on: provisional entities are numbered in input order, so the entities a
    /// document names are known only then.
    ///
    /// # Errors
    /// As [`Extractor::run`].
    pub fn run_prepared<T: Send>(
        &self,
        sources: &[Source],
        prepare: &(dyn Fn(&AnalyzedDocument, Catalog<'_>) -> Option<T> + Sync),
        on_document: impl FnMut(&AnalyzedDocument, Catalog<'_>, Option<T>) -> Result<()> + Send,
    ) -> Result<Extraction> {
        let (extraction, _) = self.run_guarded(sources, prepare, on_document, &[])?;
        Ok(extraction)
    }

    /// [`Extractor::run_prepared`], which also returns the files it read (see
    /// [`DocumentReader::take_files_read`]) and
    /// stops with [`Error::WouldOverwriteInput`] as soon as it has read one of `outputs`.
    fn run_guarded<T: Send>(
        &self,
        sources: &[Source],
        prepare: &(dyn Fn(&AnalyzedDocument, Catalog<'_>) -> Option<T> + Sync),
        mut on_document: impl FnMut(&AnalyzedDocument, Catalog<'_>, Option<T>) -> Result<()> + Send,
        outputs: &[PathBuf],
    ) -> Result<(Extraction, Inputs)> {
        // The outputs that exist (only those can be inputs), checked after each batch is read.
        let existing = Inputs::of(outputs);
        let guard = |reader: &BatchReader<'_>| -> Result<()> {
            let read = reader.reader.files_read();
            if !read.shares_a_file_with(&existing) {
                return Ok(());
            }
            let output = outputs.iter().find(|output| read.check(output).is_err());
            Err(Error::WouldOverwriteInput {
                path: output.map_or_else(PathBuf::new, PathBuf::clone),
            })
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(capped_threads(self.config.threads))
            .build()
            .map_err(|source| Error::ThreadPool { source })?;
        let mut reader = BatchReader::new(sources, &self.config);
        let mut fold = Fold::new(&self.dictionary, self.config.graph.clone());
        let mut warnings = Warnings::default();
        if self.config.threads == 1 {
            // One thread does everything, in order.
            loop {
                let batch = reader.next_batch(&mut warnings);
                guard(&reader)?;
                if batch.is_empty() {
                    break;
                }
                let analysed = pool.install(|| self.analyse(batch, prepare));
                fold.fold_in(analysed, &mut warnings, &mut on_document)?;
            }
        } else {
            // A pipeline: one worker folds batch N - 1 into the graph (writing its mentions)
            // and reads batch N + 1 while the others analyse batch N, and joins them when it is
            // done (`rayon::join` lets it take their work). The pool's threads do everything:
            // no third thread competes for two cores (the calling thread waiting on the pool
            // cost 15% on two threads). At most three batches are in memory.
            let mut batch = reader.next_batch(&mut warnings);
            guard(&reader)?;
            let mut previous: Vec<(u64, Result<Analysed<T>>)> = Vec::new();
            while !batch.is_empty() || !previous.is_empty() {
                let previous_batch = std::mem::take(&mut previous);
                let ((folded, next), analysed) = pool.install(|| {
                    rayon::join(
                        || {
                            let folded =
                                fold.fold_in(previous_batch, &mut warnings, &mut on_document);
                            (folded, reader.next_batch(&mut warnings))
                        },
                        || self.analyse(batch, prepare),
                    )
                });
                folded?;
                guard(&reader)?;
                previous = analysed;
                batch = next;
            }
        }
        if let Some((id, given)) = reader.out_of_order {
            return Err(Error::SequenceOutOfOrder {
                document: id,
                sequence: given,
            });
        }
        let read = reader.reader.take_files_read();
        Ok((self.finish_run(fold, warnings, reader.other_shards), read))
    }

    /// Analyses a batch of documents in parallel, keeping their numbers and order; without
    /// discovery, also cuts their windows and prepares them (see [`Extractor::run_prepared`]).
    fn analyse<T: Send>(
        &self,
        batch: Vec<(u64, Result<Document>)>,
        prepare: &(dyn Fn(&AnalyzedDocument, Catalog<'_>) -> Option<T> + Sync),
    ) -> Vec<(u64, Result<Analysed<T>>)> {
        let discovery = self.config.discovery.as_ref();
        batch
            .into_par_iter()
            .map(|(number, item)| {
                let analysed = item.map(|d| {
                    let document = AnalyzedDocument::with_discovery(d, &self.matcher, discovery);
                    if discovery.is_some() {
                        return Analysed {
                            document,
                            units: None,
                            prepared: None,
                        };
                    }
                    Analysed {
                        units: Some(units(&document, self.config.graph.window)),
                        prepared: prepare(&document, Catalog::new(&self.dictionary, None)),
                        document,
                    }
                });
                (number, analysed)
            })
            .collect()
    }

    /// The graph (and the part, when asked for) of everything folded, pruned as configured.
    fn finish_run(&self, fold: Fold<'_>, warnings: Warnings, other_shards: u64) -> Extraction {
        let catalog = Catalog::new(&self.dictionary, Some(&fold.provisional));
        let (graph, part) = if self.config.part {
            let mut part = fold.builder.finish_part(catalog);
            part.settings.dictionary_fingerprint = self.dictionary.fingerprint();
            part.shares = vec![self
                .config
                .shard
                .or(self.config.part_of)
                .map_or_else(|| "all".to_string(), |s| s.to_string())];
            (
                part.clone().into_graph(self.config.graph.min_weight),
                Some(part),
            )
        } else {
            (fold.builder.finish_with(catalog), None)
        };
        let counts = fold.counts;
        Extraction {
            graph: finish(graph, &self.config.prune),
            failures: fold.failures,
            more_failures: fold.more_failures,
            warnings: warnings.kept,
            more_warnings: warnings.more,
            counted_mentions: counts.counted,
            ambiguous_mentions: counts.ambiguous,
            repeated_mentions: counts.repeated,
            provisional_entities: fold.provisional.len(),
            provisional_mentions: counts.provisional,
            other_shard_documents: other_shards,
            part,
            written: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// Runs the extraction and writes the graph in each configured format (`graph.json` and
    /// `graph.dot` by default; a directory such as `graph-csv/` for a directory format) and
    /// `mentions.jsonl` into `directory` (created if needed). Each file is written to a
    /// temporary file first and renamed only when everything succeeded.
    ///
    /// # Errors
    /// When the directory cannot be created or written, when an output would overwrite an
    /// input, [`Error::NoDocumentRead`] when every input failed (nothing is written then), or
    /// as [`run`](Extractor::run).
    pub fn extract_to(&self, sources: &[Source], directory: &Path) -> Result<Extraction> {
        self.extract_to_observed(sources, directory, &Inputs::new(), &mut |_| {})
    }

    /// Like [`extract_to`](Extractor::extract_to), calling `observe` with every analysed
    /// document, in input order (for a progress display). No output may be one of the sources
    /// or of `also_read` (the dictionary files, say).
    ///
    /// # Errors
    /// As [`extract_to`](Extractor::extract_to).
    pub fn extract_to_observed(
        &self,
        sources: &[Source],
        directory: &Path,
        also_read: &Inputs,
        observe: &mut (dyn FnMut(&AnalyzedDocument) + Send),
    ) -> Result<Extraction> {
        fs::create_dir_all(directory).map_err(|e| Error::io(directory, e))?;
        let mentions_path = directory.join(MENTIONS_FILE);
        let mut targets: Vec<PathBuf> = self
            .config
            .formats
            .iter()
            .map(|f| directory.join(f.file_name()))
            .collect();
        targets.push(mentions_path.clone());
        let part_path = directory.join(PART_FILE);
        // A directory format's files are what could overwrite an input, not the directory.
        let outputs: Vec<PathBuf> = self
            .config
            .formats
            .iter()
            .zip(&targets)
            .flat_map(|(format, target)| {
                if format.is_directory() {
                    format
                        .directory_files()
                        .iter()
                        .map(|name| target.join(name))
                        .collect()
                } else {
                    vec![target.clone()]
                }
            })
            .chain([mentions_path.clone()])
            .chain(self.config.part.then(|| part_path.clone()))
            .collect();
        // An output that is an input is refused: the files are known as they are read (by the
        // file opened, no second lookup of each path), and the run stops at the batch that
        // reads an output, long before anything is written in place (every output is staged
        // under a temporary name until the end).
        if let Some(output) = outputs
            .iter()
            .find(|output| also_read.check(output).is_err())
        {
            return Err(Error::WouldOverwriteInput {
                path: output.clone(),
            });
        }
        let mut mentions = AtomicFile::create(&mentions_path, also_read)?;
        // The mentions' lines are made on the worker threads where they can be (see
        // `run_prepared`), and written here in input order.
        let lines = |document: &AnalyzedDocument, catalog: Catalog<'_>| {
            export::mentions::document_lines(catalog, document)
        };
        let (mut extraction, read) = self.run_guarded(
            sources,
            &lines,
            |document, catalog, lines| {
                observe(document);
                match lines {
                    Some(lines) => mentions.write_all(&lines),
                    None => export::mentions::write_document(catalog, document, &mut mentions),
                }
                .map_err(|e| Error::io(&mentions_path, e))
            },
            &outputs,
        )?;
        let mut inputs = read;
        inputs.extend(also_read);
        if extraction.graph.metadata().documents == 0 && extraction.other_shard_documents == 0 {
            // Writing an empty graph would only replace a previous good one. (A shard whose
            // share is empty read its inputs well: its empty graph is its true part.)
            return Err(Error::NoDocumentRead {
                directory: directory.to_path_buf(),
                failures: extraction.failures,
            });
        }
        let staged = stage_graph_files(
            &extraction.graph,
            &self.config.formats,
            self.config.prune.measure,
            directory,
            &inputs,
            capped_threads(self.config.threads),
        )?;
        let (mut files, mut written) = (staged.files, staged.written);
        extraction.refused = staged.refused;
        if let Some(part) = &extraction.part {
            let mut file = AtomicFile::create(&part_path, &inputs)?;
            write_part(part, &mut file).map_err(|e| Error::io(&part_path, e))?;
            files.push(file);
            written.push(part_path);
        }
        files.push(mentions);
        written.push(mentions_path);
        for file in files {
            file.commit()?;
        }
        extraction.written = written;
        Ok(extraction)
    }
}

/// A document analysed on a worker thread, with the work that could be done there.
struct Analysed<T> {
    document: AnalyzedDocument,
    /// Its windows, cut on the worker when they do not depend on the fold (no discovery).
    units: Option<Units>,
    /// What the caller's `prepare` made of it on the worker, if anything.
    prepared: Option<T>,
}

/// The warnings of a run, kept up to [`MAX_WARNINGS`] and counted past it. Both the reader
/// (split documents) and the fold (cut windows) warn.
#[derive(Debug, Default)]
struct Warnings {
    kept: Vec<Warning>,
    more: u64,
}

impl Warnings {
    fn push(&mut self, warning: Warning) {
        if self.kept.len() < MAX_WARNINGS {
            self.kept.push(warning);
        } else {
            self.more += 1;
        }
    }
}

/// Reads the inputs in batches for the workers: numbers every document in input order (its
/// parts share the number, so that a shard's part merges with the others' in that order) and
/// skips the documents of other shards.
struct BatchReader<'a> {
    reader: DocumentReader<'a>,
    shard: Option<Shard>,
    /// Documents read so far (parts of one document count once).
    sequence: u64,
    /// The last sequence number given with a document, if any.
    last_given: Option<u64>,
    /// The first document whose given number does not grow, with that number.
    out_of_order: Option<(String, u64)>,
    /// Documents read and left to the other shards.
    other_shards: u64,
}

impl<'a> BatchReader<'a> {
    fn new(sources: &'a [Source], config: &'a ExtractConfig) -> BatchReader<'a> {
        BatchReader {
            reader: DocumentReader::new(sources, &config.input),
            shard: config.shard,
            sequence: 0,
            last_given: None,
            out_of_order: None,
            other_shards: 0,
        }
    }

    /// The next batch, each document with its number; empty at the end. A batch ends at
    /// [`BATCH_SIZE`] documents or [`BATCH_BYTES`] of text, which bounds memory whatever the
    /// size of the corpus or of its files.
    fn next_batch(&mut self, warnings: &mut Warnings) -> Vec<(u64, Result<Document>)> {
        let mut batch = Vec::new();
        let mut bytes = 0;
        while let Some(item) = self.reader.next() {
            let number = match &item {
                Ok(document) => self.number(document),
                Err(_) => self.sequence.saturating_sub(1),
            };
            // Another shard's document is read (to be skipped), not analysed; unreadable
            // inputs are reported by every shard.
            if let (Some(shard), Ok(document)) = (&self.shard, &item) {
                if !shard.holds(&document.id) {
                    if document.offset == 0 {
                        self.other_shards += 1;
                    }
                    continue;
                }
            }
            bytes += item.as_ref().map_or(0, |d| d.text.len());
            batch.push((number, item));
            if batch.len() >= BATCH_SIZE || bytes >= BATCH_BYTES {
                break;
            }
        }
        for split in self.reader.take_warnings() {
            warnings.push(Warning::Split(split));
        }
        batch
    }

    /// The number of `document` in input order: the count of documents so far, or the number
    /// given with it (an engine numbered the corpus), which must grow as the count does.
    fn number(&mut self, document: &Document) -> u64 {
        if document.offset == 0 {
            self.sequence += 1;
            if let Some(given) = document.sequence {
                if self.last_given.is_some_and(|last| given <= last) {
                    self.out_of_order
                        .get_or_insert((document.id.clone(), given));
                }
                self.last_given = Some(given);
            }
        }
        document.sequence.unwrap_or(self.sequence.saturating_sub(1))
    }
}

/// Mentions counted as documents are folded in.
#[derive(Debug, Default)]
struct MentionCounts {
    /// Resolved to one entity and counted.
    counted: u64,
    /// Left ambiguous.
    ambiguous: u64,
    /// In repeated sentences (listed, not counted).
    repeated: u64,
    /// Counted mentions of provisional entities.
    provisional: u64,
}

/// The sequential half of a run: folds analysed documents into the graph in input order,
/// numbering provisional entities as they come (the same for any thread count).
struct Fold<'d> {
    dictionary: &'d Dictionary,
    builder: GraphBuilder<'d>,
    provisional: ProvisionalEntities,
    /// The index of the first provisional entity (they come after the dictionary's).
    first_provisional: u32,
    counts: MentionCounts,
    failures: Vec<Error>,
    more_failures: u64,
}

impl<'d> Fold<'d> {
    fn new(dictionary: &'d Dictionary, config: GraphConfig) -> Fold<'d> {
        Fold {
            dictionary,
            builder: GraphBuilder::new(dictionary, config),
            provisional: ProvisionalEntities::after(dictionary),
            first_provisional: dictionary.len() as u32,
            counts: MentionCounts::default(),
            failures: Vec::new(),
            more_failures: 0,
        }
    }

    /// Folds an analysed batch into the graph, in input order, handing each document to
    /// `on_document`; unreadable inputs are kept as failures.
    fn fold_in<T>(
        &mut self,
        analysed: Vec<(u64, Result<Analysed<T>>)>,
        warnings: &mut Warnings,
        on_document: &mut impl FnMut(&AnalyzedDocument, Catalog<'_>, Option<T>) -> Result<()>,
    ) -> Result<()> {
        for (number, result) in analysed {
            match result {
                Ok(Analysed {
                    mut document,
                    units,
                    prepared,
                }) => {
                    self.provisional.admit(&mut document);
                    self.count(&document);
                    let cuts = match units {
                        Some(units) => self.builder.add_windows(&document, number, units),
                        None => self.builder.add_numbered(&document, number),
                    };
                    if cuts > 0 {
                        warnings.push(Warning::CutWindows {
                            document: document.document.id.clone(),
                            cuts,
                        });
                    }
                    let catalog = Catalog::new(self.dictionary, Some(&self.provisional));
                    on_document(&document, catalog, prepared)?;
                }
                Err(error) if self.failures.len() < MAX_FAILURES => self.failures.push(error),
                Err(_) => self.more_failures += 1,
            }
        }
        Ok(())
    }

    fn count(&mut self, document: &AnalyzedDocument) {
        for m in &document.mentions {
            if m.repeated {
                self.counts.repeated += 1;
            } else if let Some(entity) = m.mention.entity() {
                self.counts.counted += 1;
                if entity.0 >= self.first_provisional {
                    self.counts.provisional += 1;
                }
            } else {
                self.counts.ambiguous += 1;
            }
        }
    }
}

/// Graph files written to their temporary names, to be committed together.
#[derive(Debug)]
pub struct StagedFiles {
    /// The temporary files, renamed into place by [`AtomicFile::commit`].
    pub files: Vec<AtomicFile>,
    /// Their final paths (a directory for a directory format).
    pub written: Vec<PathBuf>,
    /// Formats that refused the graph (too large for a diagram).
    pub refused: Vec<Error>,
}

/// Writes `graph` in each of `formats` into `directory` under temporary names, none over one of
/// `inputs`. Every file is complete before any is renamed into place (the caller commits
/// them). A format that refuses this graph (a Mermaid diagram of thousands of entities) is
/// listed in [`StagedFiles::refused`] and skipped: the other files are still worth having.
///
/// With `threads` above 1, the formats are written side by side, one thread each (the default
/// graph.json and graph.dot of a large graph take about as long as each other); the result is
/// the same, in the order of `formats`.
///
/// # Errors
/// When a file cannot be written, or would overwrite an input.
pub fn stage_graph_files(
    graph: &Graph,
    formats: &[Format],
    measure: crate::graph::weights::Measure,
    directory: &Path,
    inputs: &Inputs,
    threads: usize,
) -> Result<StagedFiles> {
    let options = ExportOptions {
        measure,
        ..Default::default()
    };
    let stage = |format: Format| {
        let path = directory.join(format.file_name());
        let files = export::write_staged(format, graph, &options, &path, inputs);
        (path, files)
    };
    let results: Vec<(PathBuf, Result<Vec<AtomicFile>>)> = if threads > 1 && formats.len() > 1 {
        std::thread::scope(|scope| {
            let writers: Vec<_> = formats
                .iter()
                .map(|&format| scope.spawn(move || stage(format)))
                .collect();
            writers
                .into_iter()
                .map(|writer| {
                    writer
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    } else {
        formats.iter().map(|&format| stage(format)).collect()
    };
    let mut staged = StagedFiles {
        files: Vec::new(),
        written: Vec::new(),
        refused: Vec::new(),
    };
    for (path, files) in results {
        match files {
            Ok(files) => {
                staged.files.extend(files);
                staged.written.push(path);
            }
            Err(Error::Io { path, source }) if source.kind() == ErrorKind::InvalidInput => {
                staged.refused.push(Error::Io { path, source });
            }
            Err(error) => return Err(error),
        }
    }
    Ok(staged)
}

/// The file [`Extractor::extract_to`] writes a run's [`Part`] to, with
/// [`ExtractConfig::part`].
pub const PART_FILE: &str = "graph.part.json";

/// Writes `part` as JSON: the settings on the first lines, then one entity or link a line.
///
/// # Errors
/// Whatever the writer returns.
pub fn write_part(part: &Part, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(out);
    serde_json::to_writer(&mut out, part)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// What every graph goes through once its counts are final (after a run, or a merge of
/// parts): pruning as configured, then communities, a node attribute of every export (colour
/// by group in Gephi).
pub fn finish(graph: Graph, options: &PruneOptions) -> Graph {
    let mut graph = if options.is_noop() {
        graph
    } else {
        prune(&graph, options)
    };
    let communities = louvain(&graph, DEFAULT_RESOLUTION);
    graph.set_communities(&communities);
    graph
}

/// A short human summary of a run: counts, entities per type, the strongest links.
pub fn summary(extraction: &Extraction, strongest: usize) -> String {
    let graph = &extraction.graph;
    let mut out = String::new();
    let documents = graph.metadata().documents;
    let failed = extraction.failures.len() as u64 + extraction.more_failures;
    let _ = writeln!(
        out,
        "documents: {documents} read{}",
        if failed > 0 {
            format!(", {failed} failed")
        } else {
            String::new()
        }
    );
    let _ = writeln!(
        out,
        "mentions:  {} counted, {} ambiguous, {} in repeated sentences",
        extraction.counted_mentions, extraction.ambiguous_mentions, extraction.repeated_mentions
    );
    let per_kind: Vec<String> = EntityKind::ALL
        .iter()
        .map(|&kind| {
            let n = graph.nodes().filter(|n| n.kind == kind).count();
            format!("{n} {}", plural(kind, n))
        })
        .collect();
    let _ = writeln!(
        out,
        "entities:  {} ({})",
        graph.node_count(),
        per_kind.join(", ")
    );
    if extraction.provisional_entities > 0 {
        let in_graph = graph
            .nodes()
            .filter(|n| n.attributes.contains_key(PROVISIONAL))
            .count();
        let _ = writeln!(
            out,
            "discovered: {} provisional entities ({in_graph} in the graph), {} counted mentions",
            extraction.provisional_entities, extraction.provisional_mentions
        );
    }
    let _ = writeln!(
        out,
        "edges:     {} (window: {})",
        graph.edge_count(),
        graph.metadata().window
    );
    let mut edges: Vec<_> = graph.edges().collect();
    edges.sort_by(|a, b| {
        b.2.weight
            .cmp(&a.2.weight)
            .then_with(|| a.0.id.cmp(&b.0.id))
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    if !edges.is_empty() {
        let _ = writeln!(out, "strongest links:");
        for (source, target, edge) in edges.into_iter().take(strongest) {
            let _ = writeln!(
                out,
                "  {:>4}  {} – {}",
                edge.weight, source.label, target.label
            );
        }
    }
    out
}

fn plural(kind: EntityKind, n: usize) -> &'static str {
    match (kind, n == 1) {
        (EntityKind::Person, true) => "person",
        (EntityKind::Person, false) => "people",
        (EntityKind::Country, true) => "country",
        (EntityKind::Country, false) => "countries",
        (EntityKind::Organization, true) => "organization",
        (EntityKind::Organization, false) => "organizations",
    }
}
