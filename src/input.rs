//! Inputs: turning the paths on the command line into a stream of documents.
//!
//! **Sources.** A file is read whatever its name; a directory is walked recursively (walkdir),
//! skipping hidden entries and not following directory symlinks, for the files of the input
//! format (`*.txt` and `*.md` for text, `*.jsonl` and `*.ndjson` for JSON Lines, each also
//! gzipped as `*.gz`, extensions in any case), or for the files that `--glob` patterns select;
//! `-` is standard input. The list is sorted by name within each directory (byte order, the
//! order of a sort of the full paths) and keeps the command-line order between arguments, and a
//! file named twice is read once, so the same command gives the same documents in the same order.
//!
//! **What a walk leaves out.** Extensions match in any case because archives made on Windows
//! have `.TXT` news files, and so would a walk take the collection's own note (the BBC corpus
//! has a `README.TXT` at its root) for a news document. A file whose name before the extension
//! (and `.gz`) is `README`, `LICENSE`, `LICENCE`, `COPYING`, `CHANGELOG` or `NOTICE`, in any
//! case, describes the collection and is not one of its documents: a walk skips it, and
//! [`collect_inputs`] returns the skips for one warning ([`SkippedDescriptions`]). `--glob`
//! patterns do not bring such a file back (`--glob '*.TXT'` would bring back the very file the
//! rule is for); a file named on the command line is always read, whatever its name.
//!
//! **Documents.** In text mode a file is one document, its id the path. In JSON Lines mode
//! (`--jsonl`) each non-blank line is one document: an object whose text field (default `text`)
//! holds the text, with an optional id field (default: `path:line`) and date field. Files ending
//! in `.gz` are decompressed on the fly. [`DocumentReader`] reads lazily, one file or one line at
//! a time, so a 10 GB dump is never held in memory.
//!
//! **Size limits.** No document is held whole past [`MAX_DOCUMENT_BYTES`]: a larger file (or a
//! JSON Lines text) is read in parts of at most that size, cut at the last paragraph break, else
//! the last sentence end, else the last whitespace, else the last character boundary before the
//! limit; each part is a document with the same id and an [`offset`](Document::offset), so
//! offsets still slice the file, and the reader records a [`SplitDocument`] warning. A JSON
//! Lines line longer than [`MAX_LINE_BYTES`] is reported as `path:line: line longer than N
//! bytes` and skipped, read through without being kept. Gzip is decompressed as it is read, so
//! a small file that expands to gigabytes costs no more memory than the limits above.
//!
//! **Dates** are kept as `YYYY-MM-DD`: an ISO 8601 date or timestamp of a real calendar day is
//! cut to its day; anything else (`2023-02-30`, `2023-01-05junk`) is reported as an invalid
//! date and the record is skipped, like any other bad record. A UTF-8 byte order mark at the
//! start of a JSON Lines file is skipped.

use std::collections::{HashSet, VecDeque};
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::WalkDir;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::output::Inputs;
use crate::text::decode;

/// Largest document read whole, in bytes (4 MiB, a thousand news articles); a larger one is
/// read in parts (see the module doc).
pub const MAX_DOCUMENT_BYTES: usize = 4 << 20;

/// Longest JSON Lines line read, in bytes (16 MiB); a longer one is reported and skipped.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// A document larger than [`MAX_DOCUMENT_BYTES`], read in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitDocument {
    /// The document's id (its path, or the record's id in JSON Lines).
    pub id: String,
}

impl std::fmt::Display for SplitDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: larger than {} bytes, read in parts (co-occurrence windows end at each cut)",
            self.id, MAX_DOCUMENT_BYTES
        )
    }
}

/// Where documents come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The document id used in outputs: the path as found, or `-`.
    pub fn id(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// The path shown in messages.
    pub fn path(&self) -> &Path {
        match self {
            Source::File(path) => path,
            Source::Stdin => Path::new("<stdin>"),
        }
    }

    /// Whether the source is gzip-compressed (a `.gz` file name).
    fn is_gzip(&self) -> bool {
        matches!(self, Source::File(path) if has_extension(path, "gz"))
    }

    /// Opens the source for reading, decompressing `.gz` files.
    ///
    /// # Errors
    /// [`Error::Io`] naming the path.
    pub fn open(&self) -> Result<Box<dyn BufRead + Send>> {
        self.open_noting(None)
    }

    /// [`Source::open`], adding the file opened to `read`, if given (see
    /// [`DocumentReader::take_files_read`]).
    fn open_noting(&self, read: Option<&mut Inputs>) -> Result<Box<dyn BufRead + Send>> {
        let raw: Box<dyn Read + Send> = match self {
            Source::File(path) => {
                let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
                if let Some(read) = read {
                    if let Ok(metadata) = file.metadata() {
                        read.add_metadata(path, &metadata);
                    }
                }
                Box::new(file)
            }
            Source::Stdin => {
                if let Some(read) = read {
                    read.add_stdin();
                }
                Box::new(io::stdin())
            }
        };
        Ok(if self.is_gzip() {
            Box::new(BufReader::new(MultiGzDecoder::new(raw)))
        } else {
            Box::new(BufReader::new(raw))
        })
    }

    /// Reads the whole source (decompressed).
    ///
    /// # Errors
    /// [`Error::Io`] naming the path.
    pub fn read(&self) -> Result<Vec<u8>> {
        if let Source::File(path) = self {
            if !self.is_gzip() {
                // Sized from the file's length: one allocation, no copying as it grows.
                return fs::read(path).map_err(|e| Error::io(path, e));
            }
        }
        let mut bytes = Vec::new();
        self.open()?
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(self.path(), e))?;
        Ok(bytes)
    }
}

/// The fields of a JSON Lines record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonlFields {
    /// The field with the text (required in every record).
    pub text: String,
    /// The field with the document id; without it, ids are `path:line`.
    pub id: Option<String>,
    /// The field with the document date, if any.
    pub date: Option<String>,
    /// The field with the document's sequence number among all the documents of a corpus that
    /// an engine split (`--sequence-field`; see [`crate::graph::part`]), if any.
    pub sequence: Option<String>,
}

impl Default for JsonlFields {
    fn default() -> JsonlFields {
        JsonlFields {
            text: "text".to_string(),
            id: None,
            date: None,
            sequence: None,
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    /// JSON Lines records instead of one document per file.
    pub jsonl: Option<JsonlFields>,
    /// `--glob` patterns for directory walks: a file is read when it matches an include
    /// pattern (or there are none and it has the format's extension) and no `!`-pattern.
    pub globs: Vec<String>,
}

/// Compiled `--glob` patterns.
#[derive(Debug, Clone, Default)]
struct Globs {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Globs {
    fn new(patterns: &[String]) -> Result<Globs> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut any_include, mut any_exclude) = (false, false);
        for pattern in patterns {
            let (builder, text, flag) = match pattern.strip_prefix('!') {
                Some(rest) => (&mut exclude, rest, &mut any_exclude),
                None => (&mut include, pattern.as_str(), &mut any_include),
            };
            let glob = Glob::new(text).map_err(|source| Error::BadGlob {
                pattern: pattern.clone(),
                source,
            })?;
            builder.add(glob);
            *flag = true;
        }
        let build = |builder: GlobSetBuilder, any: bool| -> Result<Option<GlobSet>> {
            if !any {
                return Ok(None);
            }
            builder.build().map(Some).map_err(|source| Error::BadGlob {
                // A set that does not build names no glob of its own: show them all.
                pattern: source
                    .glob()
                    .map_or_else(|| patterns.join(" "), str::to_string),
                source,
            })
        };
        Ok(Globs {
            include: build(include, any_include)?,
            exclude: build(exclude, any_exclude)?,
        })
    }
}

/// Files of a directory walk that describe the collection (`README.TXT`, `LICENSE`, …) rather
/// than belong to it, and were skipped (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedDescriptions {
    /// The files skipped, in walk order.
    pub paths: Vec<PathBuf>,
}

/// How many skipped files a warning names.
const NAMED_SKIPS: usize = 3;

impl std::fmt::Display for SkippedDescriptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = self.paths.len();
        let (files, describe, them) = if count == 1 {
            ("file", "describes", "it")
        } else {
            ("files", "describe", "them")
        };
        write!(
            f,
            "skipped {count} {files} that {describe} the collection, not news ("
        )?;
        for (i, path) in self.paths.iter().take(NAMED_SKIPS).enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}{}", path.display())?;
        }
        if count > NAMED_SKIPS {
            f.write_str(", …")?;
        }
        write!(f, "); name {them} on the command line to read {them}")
    }
}

/// The command-line inputs expanded: what to read, what could not be, and what a directory
/// walk left out on purpose.
#[derive(Debug, Default)]
pub struct Collected {
    /// The sources to read, in order.
    pub sources: Vec<Source>,
    /// Arguments that could not be expanded (a missing path, a directory without readable
    /// files): the run goes on without them.
    pub problems: Vec<Error>,
    /// Files of a directory walk that describe the collection, not read; `None` if none.
    pub skipped: Option<SkippedDescriptions>,
}

/// Expands command-line inputs into sources. Problems with one argument (a missing path, a
/// directory without readable files) are returned beside the sources, so the run can go on.
/// [`collect_inputs`] also says which files a directory walk skipped.
///
/// # Errors
/// An invalid `--glob` pattern.
pub fn collect(arguments: &[PathBuf], options: &InputOptions) -> Result<(Vec<Source>, Vec<Error>)> {
    let collected = collect_inputs(arguments, options)?;
    Ok((collected.sources, collected.problems))
}

/// Expands command-line inputs into sources, as [`collect`], and also returns the files a
/// directory walk skipped because they describe the collection (the caller warns about them).
///
/// # Errors
/// An invalid `--glob` pattern.
pub fn collect_inputs(arguments: &[PathBuf], options: &InputOptions) -> Result<Collected> {
    let globs = Globs::new(&options.globs)?;
    let extensions: &[&str] = if options.jsonl.is_some() {
        &["jsonl", "ndjson"]
    } else {
        &["txt", "md"]
    };
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut skipped = Vec::new();
    // A file named twice is read once; one argument names each of its files once (a walk
    // follows no directory link), so only several arguments need the set of paths seen.
    let several = arguments.len() > 1;
    let mut seen = HashSet::new();
    let mut first_time = |source: &Source| !several || seen.insert(source.clone());
    for argument in arguments {
        if argument.as_os_str() == "-" {
            if first_time(&Source::Stdin) {
                sources.push(Source::Stdin);
            }
            continue;
        }
        let metadata = match fs::metadata(argument) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                problems.push(Error::MissingInput {
                    path: argument.clone(),
                });
                continue;
            }
            Err(e) => {
                problems.push(Error::io(argument, e));
                continue;
            }
        };
        if metadata.is_dir() {
            let mut files = Vec::new();
            walk(argument, &mut files, &mut problems);
            let (described, selected): (Vec<PathBuf>, Vec<PathBuf>) = files
                .into_iter()
                .filter(|file| {
                    let relative = file.strip_prefix(argument).unwrap_or(file);
                    let included = match &globs.include {
                        Some(set) => set.is_match(relative),
                        None => has_input_extension(file, extensions),
                    };
                    included
                        && !globs
                            .exclude
                            .as_ref()
                            .is_some_and(|set| set.is_match(relative))
                })
                .partition(|file| describes_the_collection(file));
            skipped.extend(described);
            if selected.is_empty() {
                problems.push(Error::EmptyDirectory {
                    path: argument.clone(),
                });
            }
            for file in selected {
                let source = Source::File(file);
                if first_time(&source) {
                    sources.push(source);
                }
            }
        } else {
            let source = Source::File(argument.clone());
            if first_time(&source) {
                sources.push(source);
            }
        }
    }
    // A file both walked past and named on the command line was read: no need to mention it.
    skipped.retain(|path| !seen.contains(&Source::File(path.clone())));
    Ok(Collected {
        sources,
        problems,
        skipped: (!skipped.is_empty()).then_some(SkippedDescriptions { paths: skipped }),
    })
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

/// Whether `path` has one of `extensions`, possibly followed by `.gz`.
fn has_input_extension(path: &Path, extensions: &[&str]) -> bool {
    let inner = if has_extension(path, "gz") {
        path.file_stem().map(Path::new).unwrap_or(path)
    } else {
        path
    };
    extensions.iter().any(|e| has_extension(inner, e))
}

/// The names (before the extension, in any case) of the files that describe a collection.
const DESCRIPTION_NAMES: [&str; 6] = [
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "CHANGELOG",
    "NOTICE",
];

/// Whether `path` names a file that describes its collection: `README.TXT`, `LICENSE`,
/// `notice.md.gz`, but not `readme-first.txt` or `notice.of.meeting.txt`.
fn describes_the_collection(path: &Path) -> bool {
    let inner = if has_extension(path, "gz") {
        path.file_stem().map(Path::new).unwrap_or(path)
    } else {
        path
    };
    (inner.file_stem().and_then(|stem| stem.to_str())).is_some_and(|stem| {
        DESCRIPTION_NAMES
            .iter()
            .any(|n| stem.eq_ignore_ascii_case(n))
    })
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Appends the files under `directory` to `files`: a depth-first walk, each directory's
/// entries sorted by name (byte order, so the list is the one a sort of the full paths gives),
/// hidden entries skipped, symlinks to directories not followed (no cycles) but symlinks to
/// files read. An entry that cannot be read is a problem; the walk goes on.
fn walk(directory: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Error>) {
    // The directory being read at each depth, for the errors walkdir reports without a path
    // (an entry of a listing that fails).
    let mut directories: Vec<PathBuf> = Vec::new();
    let entries = WalkDir::new(directory)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.path()));
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {
                directories.truncate(entry.depth());
                directories.push(entry.into_path());
            }
            Ok(entry) => {
                // The listing's own type says "file" without a `stat`; a symlink's type is
                // its own, so only a symlink is followed (`is_file`) to what it leads to.
                let file_type = entry.file_type();
                if file_type.is_file() || (file_type.is_symlink() && entry.path().is_file()) {
                    files.push(entry.into_path());
                }
            }
            Err(error) => {
                let path = match error.path() {
                    Some(path) => path.to_path_buf(),
                    None => (error.depth().checked_sub(1))
                        .and_then(|parent| directories.get(parent))
                        .map_or_else(|| directory.to_path_buf(), PathBuf::clone),
                };
                // Without following links, walkdir reports no loops: every error is an I/O one.
                let error = error
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("a file system loop"));
                problems.push(Error::io(path, error));
            }
        }
    }
}

/// A UTF-8 byte order mark, which some editors and exports put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads documents from sources, lazily and in order: one file at a time in text mode, one
/// line at a time in JSON Lines mode. Each item is a document or the reason one could not be
/// read; reading goes on after an error. Documents over [`MAX_DOCUMENT_BYTES`] come in parts
/// (see the module doc); [`DocumentReader::take_warnings`] says which.
pub struct DocumentReader<'a> {
    sources: std::slice::Iter<'a, Source>,
    jsonl: Option<&'a JsonlFields>,
    /// The JSON Lines file being read: its source, reader and last line number.
    current: Option<(&'a Source, Box<dyn BufRead + Send>, usize)>,
    /// The text file being read in parts.
    parts: Option<Parts<'a>>,
    /// Later parts of a split JSON Lines text.
    pending: VecDeque<Document>,
    warnings: Vec<SplitDocument>,
    /// The files opened, known by what the open file says it is (see
    /// [`DocumentReader::take_files_read`]).
    read: Inputs,
    /// The files that could not be opened.
    unopened: Vec<&'a Path>,
}

/// A text file being read in parts: its source, reader, the offset of the next part and the
/// bytes read after the last cut.
type Parts<'a> = (&'a Source, Box<dyn BufRead + Send>, usize, Vec<u8>);

impl<'a> DocumentReader<'a> {
    /// A reader over `sources`.
    pub fn new(sources: &'a [Source], options: &'a InputOptions) -> DocumentReader<'a> {
        DocumentReader {
            sources: sources.iter(),
            jsonl: options.jsonl.as_ref(),
            current: None,
            parts: None,
            pending: VecDeque::new(),
            warnings: Vec::new(),
            read: Inputs::new(),
            unopened: Vec::new(),
        }
    }

    /// The files read so far, for the check that no output replaces one of them: known by
    /// the file opened (device and inode), so that learning them costs no second lookup of
    /// every path, and what was checked is what was read.
    pub fn files_read(&self) -> &Inputs {
        &self.read
    }

    /// Every file this reader was given to read so far, taken out of it: those it opened
    /// ([`DocumentReader::files_read`]) and those it could not open, known by their path (an
    /// unreadable file is still an input no output may replace).
    pub fn take_files_read(&mut self) -> Inputs {
        let mut read = std::mem::take(&mut self.read);
        for path in self.unopened.drain(..) {
            read.add(path);
        }
        read
    }

    /// The documents split since the last call, in input order.
    pub fn take_warnings(&mut self) -> Vec<SplitDocument> {
        std::mem::take(&mut self.warnings)
    }

    fn next_record(&mut self, fields: &JsonlFields) -> Option<Result<Document>> {
        if let Some(part) = self.pending.pop_front() {
            return Some(Ok(part));
        }
        loop {
            if self.current.is_none() {
                let source = self.sources.next()?;
                match source.open_noting(Some(&mut self.read)) {
                    Ok(reader) => self.current = Some((source, reader, 0)),
                    Err(e) => {
                        self.unopened.extend(source_path(source));
                        return Some(Err(e));
                    }
                }
            }
            let (source, reader, line_number) = self.current.as_mut()?;
            let mut line = Vec::new();
            match read_line(reader, &mut line, MAX_LINE_BYTES) {
                Ok(Line::End) => {
                    if *line_number == 0 {
                        let path = source.path().to_path_buf();
                        self.current = None;
                        return Some(Err(Error::EmptyInput { path }));
                    }
                    self.current = None;
                }
                Ok(Line::TooLong) => {
                    *line_number += 1;
                    return Some(Err(Error::BadRecord {
                        path: source.path().to_path_buf(),
                        line: *line_number,
                        message: format!("line longer than {MAX_LINE_BYTES} bytes"),
                    }));
                }
                Ok(Line::Read) => {
                    *line_number += 1;
                    if *line_number == 1 && line.starts_with(BOM) {
                        line.drain(..BOM.len());
                    }
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let record = parse_record(source, *line_number, &line, fields);
                    return Some(record.map(|document| self.split_record(document)));
                }
                Err(e) => {
                    let error = Error::io(source.path(), e);
                    self.current = None;
                    return Some(Err(error));
                }
            }
        }
    }

    /// The first part of a JSON Lines `document`, queueing the others, when it is too large.
    fn split_record(&mut self, document: Document) -> Document {
        if document.text.len() <= MAX_DOCUMENT_BYTES {
            return document;
        }
        self.warnings.push(SplitDocument {
            id: document.id.clone(),
        });
        let mut rest = document.text.as_str();
        let mut offset = 0;
        let mut parts = Vec::new();
        while !rest.is_empty() {
            let cut = if rest.len() > MAX_DOCUMENT_BYTES {
                cut_point(&rest.as_bytes()[..MAX_DOCUMENT_BYTES])
            } else {
                rest.len()
            };
            let (part, after) = rest.split_at(cut);
            if !part.trim().is_empty() {
                parts.push(Document {
                    id: document.id.clone(),
                    text: part.to_string(),
                    date: document.date.clone(),
                    offset,
                    sequence: document.sequence,
                });
            }
            offset += cut;
            rest = after;
        }
        let mut parts = parts.into_iter();
        let first = parts.next();
        self.pending.extend(parts);
        first.unwrap_or(document)
    }

    /// The next document of a text file, or its next part when it is larger than
    /// [`MAX_DOCUMENT_BYTES`].
    fn next_text(&mut self) -> Option<Result<Document>> {
        loop {
            if self.parts.is_none() {
                let source = self.sources.next()?;
                let (bytes, reader) = match read_head(source, &mut self.read) {
                    Ok(Head::Whole(bytes)) => {
                        // The usual case: the whole file.
                        return Some(decode(source.path(), bytes).map(|text| Document {
                            id: source.id(),
                            text,
                            date: None,
                            offset: 0,
                            sequence: None,
                        }));
                    }
                    Ok(Head::Longer(bytes, reader)) => (bytes, reader),
                    Err(Unread::Unopened(e)) => {
                        self.unopened.extend(source_path(source));
                        return Some(Err(e));
                    }
                    Err(Unread::Failed(e)) => return Some(Err(e)),
                };
                self.warnings.push(SplitDocument { id: source.id() });
                self.parts = Some((source, reader, 0, bytes));
            }
            let (source, reader, offset, buffer) = self.parts.as_mut()?;
            if let Err(e) = fill(reader, buffer, MAX_DOCUMENT_BYTES) {
                let error = Error::io(source.path(), e);
                self.parts = None;
                return Some(Err(error));
            }
            if buffer.is_empty() {
                self.parts = None;
                continue;
            }
            let cut = if buffer.len() < MAX_DOCUMENT_BYTES {
                buffer.len()
            } else {
                cut_point(buffer)
            };
            let rest = buffer.split_off(cut);
            let part = std::mem::replace(buffer, rest);
            let part_offset = *offset;
            *offset += cut;
            if part.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let id = source.id();
            return Some(match String::from_utf8(part) {
                Ok(text) => Ok(Document {
                    id,
                    text,
                    date: None,
                    offset: part_offset,
                    sequence: None,
                }),
                Err(e) => {
                    let error = Error::NotUtf8 {
                        path: source.path().to_path_buf(),
                        offset: part_offset + e.utf8_error().valid_up_to(),
                    };
                    // The rest of a file that is not UTF-8 is not worth reading.
                    self.parts = None;
                    Err(error)
                }
            });
        }
    }
}

/// The start of a source: all of it, or its first [`MAX_DOCUMENT_BYTES`] + 1 bytes and the
/// reader of the rest.
enum Head {
    Whole(Vec<u8>),
    Longer(Vec<u8>, Box<dyn BufRead + Send>),
}

/// Why [`read_head`] read nothing.
enum Unread {
    /// The source could not be opened.
    Unopened(Error),
    /// It was opened, but reading it failed.
    Failed(Error),
}

/// The path of a file source.
fn source_path(source: &Source) -> Option<&Path> {
    match source {
        Source::File(path) => Some(path),
        Source::Stdin => None,
    }
}

/// Reads the start of `source` (see [`Head`]), adding the file to `read`. A plain file, the
/// usual input, is read straight into a buffer sized from its length: one allocation and no
/// copy through a read buffer, which is most of what a small file costs besides its system
/// calls.
fn read_head(source: &Source, read: &mut Inputs) -> std::result::Result<Head, Unread> {
    let limit = MAX_DOCUMENT_BYTES + 1;
    if let (Source::File(path), false) = (source, source.is_gzip()) {
        let file = fs::File::open(path).map_err(|e| Unread::Unopened(Error::io(path, e)))?;
        let metadata = file.metadata().ok();
        if let Some(metadata) = &metadata {
            read.add_metadata(path, metadata);
        }
        let length = metadata.map_or(0, |m| m.len());
        // One more byte than the length, so that the read that finds the end needs no growth.
        let mut bytes = Vec::with_capacity(usize::try_from(length).unwrap_or(limit).min(limit) + 1);
        (&file)
            .take(limit as u64)
            .read_to_end(&mut bytes)
            .map_err(|e| Unread::Failed(Error::io(path, e)))?;
        return Ok(if bytes.len() <= MAX_DOCUMENT_BYTES {
            Head::Whole(bytes)
        } else {
            Head::Longer(bytes, Box::new(BufReader::new(file)))
        });
    }
    let mut reader = source.open_noting(Some(read)).map_err(Unread::Unopened)?;
    let mut bytes = Vec::new();
    fill(&mut reader, &mut bytes, limit)
        .map_err(|e| Unread::Failed(Error::io(source.path(), e)))?;
    Ok(if bytes.len() <= MAX_DOCUMENT_BYTES {
        Head::Whole(bytes)
    } else {
        Head::Longer(bytes, reader)
    })
}

/// Where to cut a document part out of `bytes` (which reached the limit): after the last
/// paragraph break, else after the last sentence end, else after the last whitespace, in the
/// second half; else before the last character that fits.
fn cut_point(bytes: &[u8]) -> usize {
    let half = bytes.len() / 2;
    let tail = &bytes[half..];
    let after = |found: Option<usize>, len: usize| found.map(|i| half + i + len);
    after(memchr::memmem::rfind(tail, b"\n\n"), 2)
        .or_else(|| after(memchr::memrchr(b'\n', tail), 1))
        .or_else(|| after(memchr::memmem::rfind(tail, b". "), 2))
        .or_else(|| after(tail.iter().rposition(u8::is_ascii_whitespace), 1))
        .unwrap_or_else(|| {
            // No whitespace in megabytes: cut before a character's first byte.
            let mut cut = bytes.len();
            while cut > half && (bytes[cut - 1] & 0xC0) == 0x80 {
                cut -= 1;
            }
            if cut > half && bytes[cut - 1] >= 0xC0 {
                cut -= 1;
            }
            cut
        })
}

/// Reads from `reader` until `buffer` holds `size` bytes or the input ends.
fn fill(reader: &mut dyn BufRead, buffer: &mut Vec<u8>, size: usize) -> io::Result<()> {
    let wanted = size.saturating_sub(buffer.len()) as u64;
    reader.take(wanted).read_to_end(buffer).map(|_| ())
}

/// What [`read_line`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    /// A line (with its newline, if any) is in the buffer.
    Read,
    /// The line was longer than the limit: it was read through, and the buffer is empty.
    TooLong,
    /// No more input.
    End,
}

/// Reads one line into `line`, keeping at most `max` bytes: a longer line is consumed up to
/// its newline without being stored.
fn read_line(reader: &mut dyn BufRead, line: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match memchr::memchr(b'\n', available) {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let used = chunk.len();
        if !too_long && line.len() + used > max {
            too_long = true;
            line.clear();
            line.shrink_to_fit();
        }
        if !too_long {
            line.extend_from_slice(chunk);
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    Ok(match (any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

impl Iterator for DocumentReader<'_> {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        match self.jsonl {
            Some(fields) => self.next_record(fields),
            None => self.next_text(),
        }
    }
}

fn parse_record(
    source: &Source,
    line: usize,
    bytes: &[u8],
    fields: &JsonlFields,
) -> Result<Document> {
    let bad = |message: String| Error::BadRecord {
        path: source.path().to_path_buf(),
        line,
        message,
    };
    let value: serde_json::Value =
        serde_json::from_slice(bytes).map_err(|e| bad(format!("not a JSON object: {e}")))?;
    let object = value
        .as_object()
        .ok_or_else(|| bad("not a JSON object".to_string()))?;
    let text = match object.get(&fields.text) {
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(_) => return Err(bad(format!("field `{}` is not a string", fields.text))),
        None => {
            return Err(bad(format!(
                "no `{}` field (set --text-field)",
                fields.text
            )))
        }
    };
    if text.trim().is_empty() {
        return Err(bad(format!("field `{}` is empty", fields.text)));
    }
    let id = match fields.id.as_ref().map(|name| (name, object.get(name))) {
        None => format!("{}:{line}", source.id()),
        Some((_, Some(serde_json::Value::String(id)))) => id.clone(),
        Some((_, Some(serde_json::Value::Number(id)))) => id.to_string(),
        Some((name, _)) => return Err(bad(format!("no string or number `{name}` field"))),
    };
    let date = match fields.date.as_ref().map(|name| (name, object.get(name))) {
        None | Some((_, None | Some(serde_json::Value::Null))) => None,
        Some((name, Some(serde_json::Value::String(raw)))) => {
            Some(parse_date(raw).ok_or_else(|| {
                bad(format!(
                    "invalid date `{raw}` in field `{name}` (expected YYYY-MM-DD or an ISO 8601 timestamp)"
                ))
            })?)
        }
        Some((name, Some(_))) => return Err(bad(format!("field `{name}` is not a string"))),
    };
    let sequence = match fields
        .sequence
        .as_ref()
        .map(|name| (name, object.get(name)))
    {
        None => None,
        Some((_, Some(serde_json::Value::Number(n)))) if n.as_u64().is_some() => n.as_u64(),
        Some((name, _)) => {
            return Err(bad(format!(
                "no `{name}` field holding a whole number (--sequence-field)"
            )))
        }
    };
    Ok(Document {
        id,
        text,
        date,
        offset: 0,
        sequence,
    })
}

/// The `YYYY-MM-DD` day of an ISO 8601 date or timestamp, if it is a real calendar day and
/// nothing but a time follows it.
pub fn parse_date(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let day = raw.get(..10)?;
    let bytes = day.as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && bytes[4] == b'-' && digits(5..7) && bytes[7] == b'-' && digits(8..10)) {
        return None;
    }
    // A timestamp's time follows `T` (or a space): `2023-01-05junk` is no date.
    let time = &raw.as_bytes()[10..];
    if !(time.is_empty()
        || matches!(time, [b'T' | b't' | b' ', digit, ..] if digit.is_ascii_digit()))
    {
        return None;
    }
    let year: u32 = day[..4].parse().ok()?;
    let month: u32 = day[5..7].parse().ok()?;
    let dom: u32 = day[8..10].parse().ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&dom).then(|| day.to_string())
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn collect_names(root: &Path, options: &InputOptions) -> Vec<String> {
        let (sources, problems) = collect(&[root.to_path_buf()], options).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        sources
            .iter()
            .map(|s| s.path().strip_prefix(root).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn directories_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "b.txt",
            "a.MD",
            "c.json",
            "d.txt.gz",
            "sub/e.txt",
            ".git/f.txt",
            ".hidden.txt",
            "g.jsonl",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        assert_eq!(
            collect_names(root, &InputOptions::default()),
            ["a.MD", "b.txt", "d.txt.gz", "sub/e.txt"]
        );
        let jsonl = InputOptions {
            jsonl: Some(JsonlFields::default()),
            ..Default::default()
        };
        assert_eq!(collect_names(root, &jsonl), ["g.jsonl"]);
        let globs = InputOptions {
            globs: vec!["**/*.txt".into(), "!sub/**".into()],
            ..Default::default()
        };
        assert_eq!(collect_names(root, &globs), ["b.txt"]);
    }

    /// The walk sorts each directory's entries by name, byte by byte, which is the order of a
    /// sort of the full paths (as kgx's own walk gave before walkdir).
    #[test]
    fn the_walk_order_is_the_sort_of_the_full_paths() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join(".corpus");
        fs::create_dir_all(root.join("a")).unwrap();
        fs::create_dir_all(root.join("a b")).unwrap();
        for name in [
            "a.txt",
            "a b.txt",
            "a-b.txt",
            "a/x.txt",
            "a b/y.txt",
            "B.txt",
            "é.txt",
            "z.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let names = collect_names(&root, &InputOptions::default());
        assert_eq!(
            names,
            [
                "B.txt",
                "a/x.txt",
                "a b/y.txt",
                "a b.txt",
                "a-b.txt",
                "a.txt",
                "z.txt",
                "é.txt"
            ],
            "a hidden directory named on the command line is walked"
        );
        let mut sorted: Vec<PathBuf> = names.iter().map(|n| root.join(n)).collect();
        sorted.sort();
        let sorted: Vec<String> = (sorted.iter())
            .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, sorted);
    }

    #[cfg(unix)]
    #[test]
    fn symlinked_files_are_read_and_symlinked_directories_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("sub/a.txt"), root.join("link.txt")).unwrap();
        // A cycle, and a link to a directory outside: neither is walked.
        std::os::unix::fs::symlink(root, root.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("sub"), root.join("linked")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("broken.txt")).unwrap();
        assert_eq!(
            collect_names(root, &InputOptions::default()),
            ["link.txt", "sub/a.txt"]
        );
        // A symlink to a directory named on the command line is walked.
        let (sources, problems) =
            collect(&[root.join("linked")], &InputOptions::default()).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(sources, [Source::File(root.join("linked/a.txt"))]);
    }

    #[test]
    fn a_walk_skips_the_files_that_describe_the_collection() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("sport")).unwrap();
        for name in [
            "README.TXT",
            "LICENSE",
            "Licence.md",
            "copying.txt",
            "sport/CHANGELOG.txt",
            "NOTICE.md.gz",
            "readme-first.txt",
            "notice.of.meeting.txt",
            "001.TXT",
            "sport/002.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let walked = |options: &InputOptions| {
            let collected = collect_inputs(&[root.to_path_buf()], options).unwrap();
            assert!(collected.problems.is_empty(), "{:?}", collected.problems);
            let names = |paths: Vec<&Path>| -> Vec<String> {
                (paths.into_iter())
                    .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                    .collect()
            };
            let sources = names(collected.sources.iter().map(Source::path).collect());
            let skipped = (collected.skipped.iter())
                .flat_map(|s| s.paths.iter().map(PathBuf::as_path))
                .collect();
            (sources, names(skipped))
        };
        // LICENSE has no input extension: it was never going to be read, so it is not a skip.
        let (sources, skipped) = walked(&InputOptions::default());
        assert_eq!(
            sources,
            [
                "001.TXT",
                "notice.of.meeting.txt",
                "readme-first.txt",
                "sport/002.txt"
            ]
        );
        assert_eq!(
            skipped,
            [
                "Licence.md",
                "NOTICE.md.gz",
                "README.TXT",
                "copying.txt",
                "sport/CHANGELOG.txt"
            ]
        );
        // A glob that selects them does not bring them back.
        let globs = InputOptions {
            globs: vec!["*".into()],
            ..Default::default()
        };
        let (sources, skipped) = walked(&globs);
        assert!(!sources.iter().any(|s| s.contains("README")), "{sources:?}");
        assert_eq!(skipped[..3], ["LICENSE", "Licence.md", "NOTICE.md.gz"]);
        // Named on the command line, a file is read whatever its name, and not reported.
        let readme = root.join("README.TXT");
        let collected =
            collect_inputs(&[root.to_path_buf(), readme.clone()], &Default::default()).unwrap();
        assert!(collected.sources.contains(&Source::File(readme)));
        assert_eq!(collected.skipped.unwrap().paths.len(), 4);
    }

    #[test]
    fn the_skip_warning_names_the_first_files() {
        let skipped = |names: &[&str]| {
            SkippedDescriptions {
                paths: names.iter().map(PathBuf::from).collect(),
            }
            .to_string()
        };
        assert_eq!(
            skipped(&["corpus/README.TXT"]),
            "skipped 1 file that describes the collection, not news (corpus/README.TXT); name it on the command line to read it"
        );
        assert_eq!(
            skipped(&["a/README", "b/README", "c/README", "d/README"]),
            "skipped 4 files that describe the collection, not news (a/README, b/README, c/README, …); name them on the command line to read them"
        );
    }

    #[test]
    fn problems_do_not_stop_collection() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let missing = dir.path().join("missing.txt");
        let (sources, problems) = collect(
            &[missing.clone(), empty, dir.path().join("a.txt")],
            &InputOptions::default(),
        )
        .unwrap();
        assert_eq!(sources.len(), 1);
        assert_eq!(problems.len(), 2);
        assert!(matches!(&problems[0], Error::MissingInput { path } if *path == missing));
        assert!(matches!(&problems[1], Error::EmptyDirectory { .. }));
    }

    #[test]
    fn jsonl_records_become_documents_and_bad_lines_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("news.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(
            fs::File::create(&path).unwrap(),
            flate2::Compression::default(),
        );
        gz.write_all(
            b"{\"id\": \"a1\", \"body\": \"Putin met Erdogan.\", \"published\": \"2024-02-12T09:00:00Z\"}\n\
              \n\
              not json\n\
              {\"id\": 7, \"body\": \"Lukashenko spoke.\"}\n\
              {\"id\": \"a3\", \"title\": \"no body\"}\n\
              {\"id\": \"a4\", \"body\": \"x\", \"published\": \"yesterday\"}\n",
        )
        .unwrap();
        gz.finish().unwrap();
        let options = InputOptions {
            jsonl: Some(JsonlFields {
                text: "body".into(),
                id: Some("id".into()),
                date: Some("published".into()),
                sequence: None,
            }),
            ..Default::default()
        };
        let sources = [Source::File(path.clone())];
        let read: Vec<std::result::Result<(String, Option<String>), String>> =
            DocumentReader::new(&sources, &options)
                .map(|r| r.map(|d| (d.id, d.date)).map_err(|e| e.to_string()))
                .collect();
        let p = path.display();
        assert_eq!(
            read,
            [
                Ok(("a1".to_string(), Some("2024-02-12".to_string()))),
                Err(format!(
                    "{p}:3: not a JSON object: expected ident at line 1 column 2"
                )),
                Ok(("7".to_string(), None)),
                Err(format!("{p}:5: no `body` field (set --text-field)")),
                Err(format!(
                    "{p}:6: invalid date `yesterday` in field `published` (expected YYYY-MM-DD or an ISO 8601 timestamp)"
                )),
            ]
        );
    }

    #[test]
    fn gzip_text_files_are_read_transparently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.gz");
        let mut gz = flate2::write::GzEncoder::new(
            fs::File::create(&path).unwrap(),
            flate2::Compression::default(),
        );
        gz.write_all("Erdoğan met Putin.".as_bytes()).unwrap();
        gz.finish().unwrap();
        let sources = [Source::File(path)];
        let options = InputOptions::default();
        let documents: Vec<Document> = DocumentReader::new(&sources, &options)
            .map(|d| d.unwrap())
            .collect();
        assert_eq!(documents[0].text, "Erdoğan met Putin.");
    }

    #[test]
    fn dates_are_cut_to_the_day() {
        for (raw, expected) in [
            ("2024-02-12", Some("2024-02-12")),
            ("2024-02-12T10:00:00+03:00", Some("2024-02-12")),
            (" 2023-11-23 ", Some("2023-11-23")),
            ("2024-13-01", None),
            ("12/02/2024", None),
            ("2024", None),
            ("2024-02-29", Some("2024-02-29")),
            ("2000-02-29", Some("2000-02-29")),
            ("2023-02-29", None),
            ("1900-02-29", None),
            ("2023-02-30", None),
            ("2023-04-31", None),
            ("2023-01-00", None),
            ("2023-01-05junk", None),
            ("2023-01-05T", None),
            ("2023-01-05 12:00", Some("2023-01-05")),
        ] {
            assert_eq!(parse_date(raw).as_deref(), expected, "{raw}");
        }
    }

    #[test]
    fn parts_are_cut_at_the_best_boundary_in_the_second_half() {
        // (bytes at the limit, where the part ends)
        let cases: [(&str, usize); 6] = [
            ("aaaa bbbb. cccc\ndddd\n\neeee", 22),
            ("aaaa bbbb. cccc\ndddd eeee", 16),
            ("aaaa bbbbbbb. cccc dddd", 14),
            ("aaaa bbbb cccc dddd", 15),
            ("aaaa\n\nbbbbbbbbbbbbbbbbb", 23),
            ("aaaaaaaaaaaaaaaaaaé", 18),
        ];
        for (bytes, cut) in cases {
            assert_eq!(cut_point(bytes.as_bytes()), cut, "{bytes:?}");
        }
        // A cut never splits a character.
        let cut = cut_point("ééééé".as_bytes()[..9].as_ref());
        assert_eq!(cut, 8);
    }

    #[test]
    fn a_large_file_is_read_in_parts_whose_offsets_slice_it() {
        let dir = tempfile::tempdir().unwrap();
        // (case, text): paragraphs, then one endless line of words, then no whitespace at all.
        let cases = [
            (
                "paragraphs",
                "Putin met Erdogan.\n".repeat(MAX_DOCUMENT_BYTES / 8),
            ),
            (
                "one line",
                "Putin met Erdogan ".repeat(MAX_DOCUMENT_BYTES / 7),
            ),
            ("no whitespace", "é".repeat(MAX_DOCUMENT_BYTES * 2 / 3 + 1)),
        ];
        for (case, text) in cases {
            let path = dir.path().join("big.txt");
            fs::write(&path, &text).unwrap();
            let sources = [Source::File(path.clone())];
            let options = InputOptions::default();
            let mut reader = DocumentReader::new(&sources, &options);
            let parts: Vec<Document> = reader.by_ref().map(Result::unwrap).collect();
            assert!(parts.len() >= 2, "{case}");
            let mut offset = 0;
            for part in &parts {
                assert!(part.text.len() <= MAX_DOCUMENT_BYTES, "{case}");
                assert_eq!(part.offset, offset, "{case}");
                assert_eq!(part.id, path.display().to_string());
                assert_eq!(&text[offset..offset + part.text.len()], part.text, "{case}");
                offset += part.text.len();
            }
            assert_eq!(offset, text.len(), "{case}");
            let warnings = reader.take_warnings();
            assert_eq!(warnings.len(), 1, "{case}");
            assert_eq!(
                warnings[0].to_string(),
                format!(
                    "{}: larger than {MAX_DOCUMENT_BYTES} bytes, read in parts \
                     (co-occurrence windows end at each cut)",
                    path.display()
                )
            );
        }
    }

    #[test]
    fn an_overlong_jsonl_line_is_reported_and_skipped_and_a_large_text_split() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("news.jsonl.gz");
        let mut gz = flate2::write::GzEncoder::new(
            fs::File::create(&path).unwrap(),
            flate2::Compression::fast(),
        );
        gz.write_all(b"{\"text\": \"").unwrap();
        gz.write_all(&vec![b'a'; MAX_LINE_BYTES]).unwrap();
        gz.write_all(b"\"}\n{\"text\": \"Putin met Erdogan.\"}\n")
            .unwrap();
        let big = "Putin met Erdogan. ".repeat(MAX_DOCUMENT_BYTES / 12);
        gz.write_all(format!("{{\"text\": \"{big}\"}}\n").as_bytes())
            .unwrap();
        gz.finish().unwrap();
        let sources = [Source::File(path.clone())];
        let options = InputOptions {
            jsonl: Some(JsonlFields::default()),
            ..Default::default()
        };
        let mut reader = DocumentReader::new(&sources, &options);
        let items: Vec<Result<Document>> = reader.by_ref().collect();
        assert_eq!(
            items[0].as_ref().unwrap_err().to_string(),
            format!(
                "{}:1: line longer than {MAX_LINE_BYTES} bytes",
                path.display()
            )
        );
        assert_eq!(items[1].as_ref().unwrap().text, "Putin met Erdogan.");
        let parts: Vec<&Document> = items[2..].iter().map(|d| d.as_ref().unwrap()).collect();
        assert_eq!(parts.len(), 2);
        assert!(parts
            .iter()
            .all(|p| p.id == format!("{}:3", path.display())));
        assert_eq!(parts[1].offset, parts[0].text.len());
        assert_eq!(format!("{}{}", parts[0].text, parts[1].text), big);
        assert_eq!(reader.take_warnings().len(), 1);
    }

    #[test]
    fn a_sequence_field_numbers_the_record() {
        let fields = JsonlFields {
            sequence: Some("seq".into()),
            ..JsonlFields::default()
        };
        let source = Source::Stdin;
        let record = |line: &str| parse_record(&source, 3, line.as_bytes(), &fields);
        assert_eq!(
            record(r#"{"text":"Putin","seq":7}"#).unwrap().sequence,
            Some(7)
        );
        for bad in [
            r#"{"text":"Putin"}"#,
            r#"{"text":"Putin","seq":"7"}"#,
            r#"{"text":"Putin","seq":-1}"#,
            r#"{"text":"Putin","seq":1.5}"#,
        ] {
            let error = record(bad).unwrap_err().to_string();
            assert!(
                error.contains(
                    "<stdin>:3: no `seq` field holding a whole number (--sequence-field)"
                ),
                "{bad}: {error}"
            );
        }
        let plain = JsonlFields::default();
        assert_eq!(
            parse_record(&source, 1, br#"{"text":"Putin","seq":7}"#, &plain)
                .unwrap()
                .sequence,
            None
        );
    }
}
