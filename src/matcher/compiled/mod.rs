//! Compiled dictionaries: the entity table and the matcher's tables in one binary file.
//!
//! `kgx dict compile` writes one; `--dict` recognises it by its first bytes and loads it
//! without parsing dictionary lines or building anything. The matcher's tables (vocabulary,
//! filter, trie, targets) are flat arrays, stored as they are in memory and read straight into
//! place. The entity records are checked when the file is loaded (in parallel chunks, ids
//! unique) but an entity is decoded only when something asks for it: an extraction touches the
//! few thousand entities the corpus mentions, not the million aliases of the dictionary.
//!
//! # Format
//!
//! All integers are little-endian. A string is a `u32` byte length and UTF-8 bytes; an array
//! is a `u32` element count and the elements.
//!
//! ```text
//! magic "KGXDICT\0", version u32
//! sources:   [string]
//! paths:     [string]  (the dictionary files entities come from)
//! entities:  count u32, chunk ends [u32] (byte offsets in the records, every 8,192 entities),
//!            records [u8]: each entity is id string, kind u8, name string,
//!            aliases [text string, flags u8], attributes [key string, value string],
//!            path index u32, line u32
//! matcher:   vocabulary bytes [u8], ends [u32], slots [key u64, id u32, len u32],
//!            filter [u64], trie root [u32], first edge [u32], edge keys [u32], edge nodes [u32],
//!            node patterns [u32], starters [u64], cased starters [u64], given names [u64],
//!            first target [u32],
//!            target entities [u32], target flags [u8], target prominence [u32],
//!            target home country [u32, u32::MAX for none], exact-case aliases [target u32, string],
//!            surnames' full names [target u32, string]
//! checksum u64 over every byte before it
//! ```
//!
//! Loading checks the magic, the version, the checksum and that every index points where it
//! may, so a truncated, corrupt or foreign file is refused with a message, never trusted.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

use foldhash::fast::FixedState;
use rayon::prelude::*;
use std::hash::BuildHasher;

use super::trie::TokenTrie;
use super::vocabulary::{BitFilter, Slot, Vocabulary};
use super::{Matcher, Target};
use crate::dictionary::{
    Alias, Dictionary, Entity, EntityIndex, EntityKind, EntityRecords, Origin,
};
use crate::error::{Error, Result};

/// The first bytes of every compiled dictionary.
pub const MAGIC: &[u8; 8] = b"KGXDICT\0";

/// The format version this build reads and writes.
const VERSION: u32 = 4;

/// A target's home country in the file when it has none.
const NO_HOME: u32 = u32::MAX;

/// Whether `bytes` (the start of a file is enough) is a compiled dictionary.
pub fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// A dictionary too large for the format: a table or string over 4 GiB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too large for a compiled dictionary (a table over 4 GiB)")
    }
}

/// The compiled form of `dictionary` and its `matcher`.
///
/// # Errors
/// [`TooLarge`] when a table does not fit the format's 32-bit lengths.
pub fn write(dictionary: &Dictionary, matcher: &Matcher) -> std::result::Result<Vec<u8>, TooLarge> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.len(dictionary.sources().len());
    for source in dictionary.sources() {
        w.str(source);
    }
    // Entities name their file by its index in a table of the distinct paths.
    let mut paths: Vec<&Path> = Vec::new();
    let mut records = Writer::default();
    let mut chunk_ends = Vec::new();
    for (index, entity) in dictionary.iter() {
        let path = &*entity.origin.path;
        let origin = match paths.iter().rposition(|&p| p == path) {
            Some(i) => i,
            None => {
                paths.push(path);
                paths.len() - 1
            }
        };
        write_entity(&mut records, entity, origin);
        if (index.0 as usize + 1) % ENTITY_CHUNK == 0 || index.0 as usize + 1 == dictionary.len() {
            chunk_ends.push(u32::try_from(records.bytes.len()).map_err(|_| TooLarge)?);
        }
    }
    w.len(paths.len());
    for path in &paths {
        w.str(&path.to_string_lossy());
    }
    w.len(dictionary.len());
    w.u32s(&chunk_ends);
    w.bytes(&records.bytes);
    w.too_large |= records.too_large;
    let vocabulary = &matcher.vocabulary;
    w.bytes(&vocabulary.bytes);
    w.u32s(&vocabulary.ends);
    w.len(vocabulary.slots.len());
    for slot in &vocabulary.slots {
        w.u64(slot.key);
        w.u32(slot.id);
        w.u32(slot.len);
    }
    w.u64s(&vocabulary.filter.words);
    let trie = &matcher.trie;
    for array in [
        &trie.root,
        &trie.first_edge,
        &trie.edge_keys,
        &trie.edge_nodes,
        &trie.patterns,
    ] {
        w.u32s(array);
    }
    w.u64s(&matcher.starters.words);
    w.u64s(&matcher.cased_starters.words);
    w.u64s(&matcher.given_names);
    w.u32s(&matcher.first_target);
    let entities: Vec<u32> = matcher.targets.iter().map(|t| t.entity.0).collect();
    w.u32s(&entities);
    let flags: Vec<u8> = matcher
        .targets
        .iter()
        .map(|t| {
            u8::from(t.needs_anchor)
                | u8::from(t.blocks) << 1
                | u8::from(t.hyphen_continues) << 2
                | u8::from(t.organization) << 3
                | u8::from(t.common_words) << 4
                | u8::from(t.person) << 5
        })
        .collect();
    w.bytes(&flags);
    let prominence: Vec<u32> = matcher.targets.iter().map(|t| t.prominence).collect();
    w.u32s(&prominence);
    let home: Vec<u32> = (matcher.targets.iter())
        .map(|t| t.home.map_or(NO_HOME, |country| country.0))
        .collect();
    w.u32s(&home);
    let exact: Vec<(usize, &str)> = (matcher.targets.iter().enumerate())
        .filter_map(|(i, t)| Some((i, t.exact_case.as_deref()?)))
        .collect();
    w.len(exact.len());
    for (i, text) in exact {
        w.len(i);
        w.str(text);
    }
    let own_names: Vec<(usize, &str)> = (matcher.targets.iter().enumerate())
        .filter_map(|(i, t)| Some((i, t.own_names.as_deref()?)))
        .collect();
    w.len(own_names.len());
    for (i, text) in own_names {
        w.len(i);
        w.str(text);
    }
    let checksum = checksum(&w.bytes);
    w.u64(checksum);
    if w.too_large {
        return Err(TooLarge);
    }
    Ok(w.bytes)
}

/// Loads a compiled dictionary from the file at `path`, reading each table straight into place.
///
/// # Errors
/// When the file cannot be read, is not a compiled dictionary of this version, is truncated or
/// corrupt.
pub fn read_file(path: &Path) -> Result<(Dictionary, Matcher)> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    read_from(path, BufReader::with_capacity(1 << 16, file), len)
}

/// Loads a compiled dictionary held in memory, read from `path`.
///
/// # Errors
/// When `bytes` are not a compiled dictionary of this version, are truncated or corrupt.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Dictionary, Matcher)> {
    read_from(path, bytes, bytes.len() as u64)
}

fn read_from(path: &Path, input: impl Read + Send, len: u64) -> Result<(Dictionary, Matcher)> {
    let bad = |message: String| Error::CompiledDictionary {
        path: path.to_path_buf(),
        message,
    };
    let corrupt = |ReadError(what)| {
        bad(format!(
            "corrupt compiled dictionary ({what}); compile it again with `kgx dict compile`"
        ))
    };
    let mut source = Source {
        input,
        remaining: len,
        checksum: Checksum::default(),
        io_error: None,
    };
    let magic = source.array::<8>();
    if !magic.as_ref().is_ok_and(|magic| is_compiled(magic)) {
        return Err(match source.io_error {
            Some(error) => Error::io(path, error),
            None => bad("not a compiled kgx dictionary".to_string()),
        });
    }
    let version = source.u32().map_err(corrupt)?;
    if version != VERSION {
        return Err(bad(format!(
            "compiled dictionary format {version}, this kgx reads format {VERSION}; compile it again with this kgx"
        )));
    }
    // The checksum is not part of what the tables may take.
    source.remaining = source.remaining.saturating_sub(8);
    let mut parsed = parse(&mut source);
    if parsed.is_ok() && source.remaining != 0 {
        parsed = Err(ReadError("unexpected bytes after the tables"));
    }
    if parsed.is_err() {
        // A corrupt file usually breaks the tables before its checksum is reached: read on,
        // so that corruption is reported as such and only a forged file gets the detail.
        source.skip_rest();
    }
    if let Some(error) = source.io_error.take() {
        return Err(Error::io(path, error));
    }
    let computed = std::mem::take(&mut source.checksum).finish();
    source.remaining = 8;
    let stored = source.u64();
    if let Some(error) = source.io_error.take() {
        return Err(Error::io(path, error));
    }
    match stored {
        Ok(stored) if stored == computed => parsed.map_err(corrupt),
        _ => Err(corrupt(ReadError("checksum mismatch"))),
    }
}

/// What is wrong with a compiled file.
#[derive(Debug)]
struct ReadError(&'static str);

type Parsed<T> = std::result::Result<T, ReadError>;

fn parse(source: &mut Source<impl Read + Send>) -> Parsed<(Dictionary, Matcher)> {
    let sources = (0..source.count(4)?)
        .map(|_| source.string())
        .collect::<Parsed<Vec<String>>>()?;
    let paths = (0..source.count(4)?)
        .map(|_| source.string().map(|p| Arc::from(Path::new(&p))))
        .collect::<Parsed<Vec<Arc<Path>>>>()?;
    let entity_count = source.u32()? as usize;
    let chunk_ends = source.u32s()?;
    let records = source.bytes()?;
    // Checking the entity records and reading the matcher's tables are independent.
    let (starts, matcher) = rayon::join(
        || check_records(&records, &chunk_ends, entity_count, &paths),
        || read_matcher(source),
    );
    let starts = starts?;
    let matcher = matcher?;
    if !matcher.is_consistent(starts.len()) {
        return Err(ReadError("inconsistent matcher tables"));
    }
    let records = Records {
        bytes: records,
        starts,
        paths,
    };
    Ok((
        Dictionary::from_records(Box::new(records), sources),
        matcher,
    ))
}

fn read_matcher(source: &mut Source<impl Read>) -> Parsed<Matcher> {
    let bytes = source.bytes()?;
    let ends = source.u32s()?;
    let slot_count = source.count(16)?;
    let slots = source
        .u64_array(slot_count * 2)?
        .chunks_exact(2)
        .map(|pair| Slot {
            key: pair[0],
            id: pair[1] as u32,
            len: (pair[1] >> 32) as u32,
        })
        .collect();
    let vocabulary = Vocabulary {
        bytes,
        ends,
        slots,
        filter: BitFilter {
            words: source.u64s()?,
        },
    };
    let trie = TokenTrie {
        root: source.u32s()?,
        first_edge: source.u32s()?,
        edge_keys: source.u32s()?,
        edge_nodes: source.u32s()?,
        patterns: source.u32s()?,
    };
    let starters = BitFilter {
        words: source.u64s()?,
    };
    let cased_starters = BitFilter {
        words: source.u64s()?,
    };
    let given_names = source.u64s()?;
    let first_target = source.u32s()?;
    let entities = source.u32s()?;
    let flags = source.bytes()?;
    let prominence = source.u32s()?;
    let home = source.u32s()?;
    if flags.len() != entities.len()
        || prominence.len() != entities.len()
        || home.len() != entities.len()
    {
        return Err(ReadError("target tables of different lengths"));
    }
    let mut targets: Vec<Target> = entities
        .into_iter()
        .zip(flags)
        .zip(prominence)
        .zip(home)
        .map(|(((entity, flags), prominence), home)| Target {
            entity: EntityIndex(entity),
            exact_case: None,
            needs_anchor: flags & 1 != 0,
            hyphen_continues: flags & 4 != 0,
            organization: flags & 8 != 0,
            common_words: flags & 16 != 0,
            person: flags & 32 != 0,
            own_names: None,
            blocks: flags & 2 != 0,
            prominence,
            home: (home != NO_HOME).then_some(EntityIndex(home)),
        })
        .collect();
    for _ in 0..source.count(8)? {
        let index = source.u32()? as usize;
        let text = source.string()?;
        let target = targets
            .get_mut(index)
            .ok_or(ReadError("an exact-case alias of no target"))?;
        target.exact_case = Some(text.into_boxed_str());
    }
    for _ in 0..source.count(8)? {
        let index = source.u32()? as usize;
        let text = source.string()?;
        let target = targets
            .get_mut(index)
            .ok_or(ReadError("a surname's full name of no target"))?;
        target.own_names = Some(text.into_boxed_str());
    }
    Ok(Matcher {
        vocabulary,
        trie,
        starters,
        cased_starters,
        given_names,
        first_target,
        targets,
    })
}

/// Entities per chunk of records checked in parallel.
const ENTITY_CHUNK: usize = 8192;

fn write_entity(w: &mut Writer, entity: &Entity, origin: usize) {
    w.str(&entity.id);
    w.u8(kind_code(entity.kind));
    w.str(&entity.name);
    w.len(entity.aliases.len());
    for alias in &entity.aliases {
        w.str(&alias.text);
        w.u8(alias_flags(alias));
    }
    w.len(entity.attributes.len());
    for (key, value) in &entity.attributes {
        w.str(key);
        w.str(value);
    }
    w.len(origin);
    w.u32(entity.origin.line as u32);
}

/// Checks every entity record, chunk by chunk in parallel, and returns where each starts.
fn check_records(
    records: &[u8],
    chunk_ends: &[u32],
    count: usize,
    paths: &[Arc<Path>],
) -> Parsed<Vec<u32>> {
    let mut chunks = Vec::with_capacity(chunk_ends.len());
    let mut start = 0;
    for &end in chunk_ends {
        let end = end as usize;
        if end < start || end > records.len() {
            return Err(ReadError("an entity chunk out of range"));
        }
        chunks.push(start..end);
        start = end;
    }
    if start != records.len() || count.div_ceil(ENTITY_CHUNK) != chunks.len() {
        return Err(ReadError("entity chunks do not cover the records"));
    }
    let starts = chunks
        .into_par_iter()
        .enumerate()
        .map(|(i, range)| {
            let in_chunk = ENTITY_CHUNK.min(count - i * ENTITY_CHUNK);
            let mut r = Reader {
                bytes: &records[..range.end],
                at: range.start,
            };
            // A record takes at least 25 bytes: never reserve more than the chunk can hold.
            let mut starts = Vec::with_capacity(in_chunk.min(range.len() / 25));
            for _ in 0..in_chunk {
                starts.push(r.at as u32);
                read_entity(&mut r, paths, false)?;
            }
            if r.at != range.end {
                return Err(ReadError("unexpected bytes in the entity table"));
            }
            Ok(starts)
        })
        .collect::<Parsed<Vec<Vec<u32>>>>()?;
    let starts = starts.concat();
    refuse_duplicate_ids(records, &starts)?;
    Ok(starts)
}

/// Fails if two of the (checked) records at `starts` have the same id: ids are hashed and
/// sorted, and only records whose hashes collide are compared.
fn refuse_duplicate_ids(records: &[u8], starts: &[u32]) -> Parsed<()> {
    let id = |start: u32| record_id(records, start);
    let hasher = FixedState::default();
    let mut hashed = starts
        .par_iter()
        .map(|&start| Ok((hasher.hash_one(id(start)?), start)))
        .collect::<Parsed<Vec<(u64, u32)>>>()?;
    hashed.par_sort_unstable();
    for pair in hashed.windows(2) {
        if pair[0].0 == pair[1].0 && id(pair[0].1)? == id(pair[1].1)? {
            return Err(ReadError("two entities with the same id"));
        }
    }
    Ok(())
}

/// The entity records of a loaded file: checked, decoded on demand.
#[derive(Debug)]
struct Records {
    bytes: Vec<u8>,
    /// Where each entity's record starts.
    starts: Vec<u32>,
    paths: Vec<Arc<Path>>,
}

impl EntityRecords for Records {
    fn len(&self) -> usize {
        self.starts.len()
    }

    fn id(&self, index: usize) -> &str {
        // Checked at load, like the rest of the record.
        record_id(&self.bytes, self.starts[index]).unwrap_or_default()
    }

    fn decode(&self, index: usize) -> Entity {
        let mut r = Reader {
            bytes: &self.bytes,
            at: self.starts[index] as usize,
        };
        match read_entity(&mut r, &self.paths, true) {
            Ok(Some(entity)) => entity,
            // Every record was read the same way when the file was loaded, so this cannot
            // happen; an empty entity is still better than a crash.
            _ => Entity {
                id: format!("<unreadable entity {index}>"),
                kind: EntityKind::Organization,
                name: format!("<unreadable entity {index}>"),
                aliases: Vec::new(),
                attributes: BTreeMap::new(),
                origin: Origin {
                    path: Arc::from(Path::new("")),
                    line: 0,
                },
            },
        }
    }
}

/// The id of the record at `start`: its first field.
fn record_id(records: &[u8], start: u32) -> Parsed<&str> {
    Reader {
        bytes: records,
        at: start as usize,
    }
    .str()
}

/// Reads one entity record; builds the entity only when `keep` (else it only checks it).
fn read_entity(r: &mut Reader<'_>, paths: &[Arc<Path>], keep: bool) -> Parsed<Option<Entity>> {
    let id = r.str()?;
    let kind = kind_from_code(r.u8()?)?;
    let name = r.str()?;
    let alias_count = r.count(5)?;
    let mut aliases = Vec::with_capacity(if keep { alias_count } else { 0 });
    for _ in 0..alias_count {
        let text = r.str()?;
        let flags = r.u8()?;
        if keep {
            aliases.push(Alias {
                text: text.to_string(),
                case_sensitive: flags & 1 != 0,
                needs_anchor: flags & 2 != 0,
                blocks: flags & 4 != 0,
            });
        }
    }
    let mut attributes = BTreeMap::new();
    for _ in 0..r.count(8)? {
        let key = r.str()?;
        let value = r.str()?;
        if keep {
            attributes.insert(key.to_string(), value.to_string());
        }
    }
    let path = paths
        .get(r.u32()? as usize)
        .ok_or(ReadError("an entity's file index is out of range"))?;
    let line = r.u32()? as usize;
    Ok(keep.then(|| Entity {
        id: id.to_string(),
        kind,
        name: name.to_string(),
        aliases,
        attributes,
        origin: Origin {
            path: Arc::clone(path),
            line,
        },
    }))
}

fn kind_code(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Person => 0,
        EntityKind::Country => 1,
        EntityKind::Organization => 2,
    }
}

fn kind_from_code(code: u8) -> Parsed<EntityKind> {
    match code {
        0 => Ok(EntityKind::Person),
        1 => Ok(EntityKind::Country),
        2 => Ok(EntityKind::Organization),
        _ => Err(ReadError("unknown entity kind code")),
    }
}

fn alias_flags(alias: &Alias) -> u8 {
    u8::from(alias.case_sensitive) | u8::from(alias.needs_anchor) << 1 | u8::from(alias.blocks) << 2
}

/// The checksum of `bytes`.
fn checksum(bytes: &[u8]) -> u64 {
    let mut checksum = Checksum::default();
    checksum.update(bytes);
    checksum.finish()
}

/// A fast streaming checksum (not cryptographic: it catches truncation and bit rot): four
/// independent multiply-rotate lanes over 32-byte blocks, so the CPU runs them in parallel.
#[derive(Debug, Clone, Default)]
struct Checksum {
    lanes: [u64; 4],
    /// The bytes of an incomplete block.
    pending: Vec<u8>,
    total: u64,
}

const CHECKSUM_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;

impl Checksum {
    fn mix(lane: u64, word: &[u8]) -> u64 {
        let mut w = [0; 8];
        w[..word.len()].copy_from_slice(word);
        (lane.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(CHECKSUM_MULTIPLIER)
    }

    fn mix_block(&mut self, block: &[u8]) {
        for (lane, word) in self.lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = Checksum::mix(*lane, word);
        }
    }

    fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if !self.pending.is_empty() {
            let take = (32 - self.pending.len()).min(bytes.len());
            self.pending.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.pending.len() < 32 {
                return;
            }
            let block = std::mem::take(&mut self.pending);
            self.mix_block(&block);
        }
        let mut blocks = bytes.chunks_exact(32);
        for block in &mut blocks {
            self.mix_block(block);
        }
        self.pending.extend_from_slice(blocks.remainder());
    }

    fn finish(mut self) -> u64 {
        for word in std::mem::take(&mut self.pending).chunks(8) {
            self.lanes[0] = Checksum::mix(self.lanes[0], word);
        }
        let hash = self.lanes.iter().fold(self.total, |acc, &lane| {
            (acc.rotate_left(17) ^ lane).wrapping_mul(CHECKSUM_MULTIPLIER)
        });
        hash ^ (hash >> 31)
    }
}

/// Appends little-endian values.
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    /// Whether a length did not fit in 32 bits.
    too_large: bool,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        let n = u32::try_from(n).unwrap_or_else(|_| {
            self.too_large = true;
            u32::MAX
        });
        self.u32(n);
    }
    fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.bytes.extend_from_slice(bytes);
    }
    fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }
    fn u32s(&mut self, values: &[u32]) {
        self.len(values.len());
        for &v in values {
            self.u32(v);
        }
    }
    fn u64s(&mut self, values: &[u64]) {
        self.len(values.len());
        for &v in values {
            self.u64(v);
        }
    }
}

/// Reads what [`Writer`] wrote from a file, straight into the arrays that keep it, adding
/// every byte to the checksum, and never reading or allocating more than the file has left.
struct Source<R> {
    input: R,
    /// Bytes left before the checksum.
    remaining: u64,
    checksum: Checksum,
    /// The first I/O error, reported as such rather than as a corrupt file.
    io_error: Option<std::io::Error>,
}

impl<R: Read> Source<R> {
    /// Fills `buffer` from the file.
    fn fill(&mut self, buffer: &mut [u8]) -> Parsed<()> {
        if buffer.len() as u64 > self.remaining {
            return Err(ReadError("truncated"));
        }
        if let Err(error) = self.input.read_exact(buffer) {
            if error.kind() != std::io::ErrorKind::UnexpectedEof {
                self.io_error.get_or_insert(error);
            }
            return Err(ReadError("truncated"));
        }
        self.remaining -= buffer.len() as u64;
        self.checksum.update(buffer);
        Ok(())
    }
    /// Reads (and sums) what is left before the checksum, if it can.
    fn skip_rest(&mut self) {
        let mut buffer = vec![0; 1 << 16];
        while self.remaining > 0 {
            let n = buffer.len().min(self.remaining as usize);
            if self.fill(&mut buffer[..n]).is_err() {
                return;
            }
        }
    }
    fn array<const N: usize>(&mut self) -> Parsed<[u8; N]> {
        let mut out = [0; N];
        self.fill(&mut out)?;
        Ok(out)
    }
    fn u32(&mut self) -> Parsed<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Parsed<u64> {
        self.array().map(u64::from_le_bytes)
    }
    /// A count of elements that take at least `min_bytes` each: refused when the rest of the
    /// file cannot hold them, so a forged count never makes a huge allocation.
    fn count(&mut self, min_bytes: u64) -> Parsed<usize> {
        let n = self.u32()?;
        if u64::from(n).saturating_mul(min_bytes) > self.remaining {
            return Err(ReadError("a count larger than the file"));
        }
        Ok(n as usize)
    }
    fn bytes(&mut self) -> Parsed<Vec<u8>> {
        let mut bytes = vec![0; self.count(1)?];
        self.fill(&mut bytes)?;
        Ok(bytes)
    }
    fn string(&mut self) -> Parsed<String> {
        String::from_utf8(self.bytes()?).map_err(|_| ReadError("a string is not UTF-8"))
    }
    fn u32s(&mut self) -> Parsed<Vec<u32>> {
        let mut values = vec![0u32; self.count(4)?];
        self.fill(bytemuck::cast_slice_mut(&mut values))?;
        for value in &mut values {
            *value = u32::from_le(*value);
        }
        Ok(values)
    }
    fn u64s(&mut self) -> Parsed<Vec<u64>> {
        let n = self.count(8)?;
        self.u64_array(n)
    }
    /// `n` values, already counted.
    fn u64_array(&mut self, n: usize) -> Parsed<Vec<u64>> {
        let mut values = vec![0u64; n];
        self.fill(bytemuck::cast_slice_mut(&mut values))?;
        for value in &mut values {
            *value = u64::from_le(*value);
        }
        Ok(values)
    }
}

/// Reads entity records in memory, refusing to read past the end.
struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Parsed<&'b [u8]> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&end| end <= self.bytes.len())
            .ok_or(ReadError("truncated entity record"))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn u8(&mut self) -> Parsed<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Parsed<u32> {
        let mut out = [0; 4];
        out.copy_from_slice(self.take(4)?);
        Ok(u32::from_le_bytes(out))
    }
    /// A count of elements that take at least `min_bytes` each, refused when the rest of the
    /// records cannot hold them.
    fn count(&mut self, min_bytes: usize) -> Parsed<usize> {
        let n = self.u32()? as usize;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(ReadError("a count larger than the records"));
        }
        Ok(n)
    }
    fn str(&mut self) -> Parsed<&'b str> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| ReadError("a string is not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    /// A dictionary of `tsv` lines and its compiled form.
    fn compiled(tsv: &str) -> (Dictionary, Matcher, Vec<u8>) {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", tsv);
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let bytes = write(&dictionary, &matcher).unwrap();
        (dictionary, matcher, bytes)
    }

    fn builtin() -> (Dictionary, Matcher) {
        let dictionary = Dictionary::builtin().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        (dictionary, matcher)
    }

    #[test]
    fn a_compiled_dictionary_loads_back_identical() {
        let (dictionary, matcher) = builtin();
        let bytes = write(&dictionary, &matcher).unwrap();
        assert!(is_compiled(&bytes));
        let (loaded_dictionary, loaded_matcher) = read(Path::new("d.kgxd"), &bytes).unwrap();
        assert_eq!(loaded_matcher, matcher);
        assert_eq!(loaded_dictionary.len(), dictionary.len());
        for ((_, a), (_, b)) in dictionary.iter().zip(loaded_dictionary.iter()) {
            assert_eq!(a, b);
        }
        // Lookups by id, on a fresh load (whose ids are read without decoding the entities).
        let (fresh, _) = read(Path::new("d.kgxd"), &bytes).unwrap();
        for (_, entity) in dictionary.iter() {
            assert_eq!(fresh.get(&entity.id), Some(entity));
        }
        assert_eq!(fresh.get("no-such-entity"), None);
        assert_eq!(loaded_dictionary.sources(), dictionary.sources());
        let text = "Putin’s visit to Türkiye; the US and Erdoğan.";
        assert_eq!(loaded_matcher.find(text), matcher.find(text));
        assert!(!loaded_matcher.find(text).is_empty());
    }

    #[test]
    fn truncated_corrupt_and_foreign_files_are_refused() {
        let (_, _, bytes) = compiled("putin\tperson\tVladimir Putin\tPutin\n");
        let path = Path::new("t.kgxd");
        let message = |bytes: &[u8]| read(path, bytes).unwrap_err().to_string();
        assert_eq!(
            message(b"id\tperson\tX\n"),
            "t.kgxd: not a compiled kgx dictionary"
        );
        let corrupt = |what: &str| {
            format!("t.kgxd: corrupt compiled dictionary ({what}); compile it again with `kgx dict compile`")
        };
        // Corruption is reported as a checksum mismatch, wherever it broke the tables.
        assert_eq!(
            message(&bytes[..bytes.len() - 9]),
            corrupt("checksum mismatch")
        );
        assert_eq!(
            message(&bytes[..bytes.len() - 1]),
            corrupt("checksum mismatch")
        );
        assert_eq!(message(&bytes[..10]), corrupt("truncated"));
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        assert_eq!(message(&flipped), corrupt("checksum mismatch"));
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(message(&longer), corrupt("checksum mismatch"));
        let mut future = bytes.clone();
        future[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(VERSION + 1).to_le_bytes());
        assert_eq!(
            message(&future),
            format!(
                "t.kgxd: compiled dictionary format {}, this kgx reads format {VERSION}; compile it again with this kgx",
                VERSION + 1
            )
        );
    }

    #[test]
    fn lengths_over_32_bits_are_flagged_not_wrapped() {
        let mut w = Writer::default();
        w.len(u32::MAX as usize);
        assert!(!w.too_large);
        w.len(u32::MAX as usize + 1);
        assert!(w.too_large);
    }

    #[test]
    fn a_forged_duplicate_id_is_refused() {
        let (_, _, mut bytes) = compiled("idaa\tperson\tAnn\nidab\tperson\tBob\n");
        let at = bytes.windows(4).position(|w| w == b"idab").unwrap();
        bytes[at + 3] = b'a';
        let body = bytes.len() - 8;
        let sum = checksum(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
        assert_eq!(
            read(Path::new("t.kgxd"), &bytes).unwrap_err().to_string(),
            "t.kgxd: corrupt compiled dictionary (two entities with the same id); compile it again with `kgx dict compile`"
        );
    }

    /// Whether byte `at` is outside the long runs of filter bits (which are zero or sparse).
    fn is_not_a_filter_bit(bytes: &[u8], at: usize) -> bool {
        let window = &bytes[at.saturating_sub(32)..(at + 32).min(bytes.len())];
        window.iter().filter(|&&b| b != 0).count() > 8
    }

    /// A file whose checksum was forged after a change (a bug, a malicious file) is refused
    /// or loaded, but never crashes kgx: every index is checked before it is used.
    #[test]
    fn forged_files_never_panic() {
        let (_, _, bytes) = compiled(
            "putin\tperson\tVladimir Putin\tPutin|Путин\nus\tcountry\tUnited States\tUS|U.S.\n",
        );
        let body = bytes.len() - 8;
        // Every byte once; the two bit filters (8 KiB each, any value valid) in steps.
        let positions =
            (MAGIC.len()..body).filter(|at| at % 7 == 0 || is_not_a_filter_bit(&bytes, *at));
        for at in positions {
            {
                let mut forged = bytes.clone();
                forged[at] ^= 0xff;
                let sum = checksum(&forged[..body]);
                forged[body..].copy_from_slice(&sum.to_le_bytes());
                if let Ok((dictionary, loaded)) = read(Path::new("f.kgxd"), &forged) {
                    loaded.find("Putin and Путин met the U.S. and the US.");
                    // Entities are decoded on demand: every one of them, and by id.
                    for (_, entity) in dictionary.iter() {
                        dictionary.get(&entity.id);
                    }
                }
            }
        }
    }
}
