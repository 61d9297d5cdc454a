//! Compiled dictionaries: the entity table and the matcher's tables in one binary file.
//!
//! `kgx dict compile` writes one; `--dict` recognises it by its first bytes and loads it
//! without parsing, validating or building anything: the matcher's tables (vocabulary, filter,
//! trie, targets) are flat arrays, stored as they are in memory, and the entity table is cut
//! into chunks that decode in parallel. A million-alias dictionary loads in a fraction of the
//! time it takes to build.
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
//! entities:  count u32, then chunks of up to 8,192: count u32, byte length u32, and each
//!            entity: id string, kind u8, name string, aliases [text string, flags u8],
//!            attributes [key string, value string], path index u32, line u32
//! matcher:   vocabulary bytes [u8], ends [u32], slots [key u64, id u32, len u32],
//!            filter [u64], trie root [u32], first edge [u32], edge keys [u32], edge nodes [u32],
//!            node patterns [u32], starters [u64], first target [u32],
//!            targets [entity u32, flags u8, exact case string]
//! checksum u64 over every byte before it
//! ```
//!
//! Loading checks the magic, the version, the checksum and that every index points where it
//! may, so a truncated, corrupt or foreign file is refused with a message, never trusted.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::trie::TokenTrie;
use super::vocabulary::{BitFilter, Slot, Vocabulary};
use super::{Matcher, Target};
use crate::dictionary::{Alias, Dictionary, Entity, EntityIndex, EntityKind, Origin};
use crate::error::{Error, Result};

/// The first bytes of every compiled dictionary.
pub const MAGIC: &[u8; 8] = b"KGXDICT\0";

/// The format version this build reads and writes.
const VERSION: u32 = 1;

/// Whether `bytes` (the start of a file is enough) is a compiled dictionary.
pub fn is_compiled(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

/// The compiled form of `dictionary` and its `matcher`.
pub fn write(dictionary: &Dictionary, matcher: &Matcher) -> Vec<u8> {
    let mut w = Writer(Vec::new());
    w.0.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.len(dictionary.sources().len());
    for source in dictionary.sources() {
        w.str(source);
    }
    // Entities name their file by its index in a table of the distinct paths.
    let mut paths: Vec<&Path> = Vec::new();
    let mut origins: Vec<usize> = Vec::with_capacity(dictionary.len());
    for (_, entity) in dictionary.iter() {
        let path = &*entity.origin.path;
        let index = match paths.iter().rposition(|&p| p == path) {
            Some(i) => i,
            None => {
                paths.push(path);
                paths.len() - 1
            }
        };
        origins.push(index);
    }
    w.len(paths.len());
    for path in &paths {
        w.str(&path.to_string_lossy());
    }
    // Entities in chunks with their byte length, so that loading decodes chunks in parallel.
    let entities: Vec<&Entity> = dictionary.iter().map(|(_, e)| e).collect();
    w.len(entities.len());
    for (chunk, chunk_origins) in entities
        .chunks(ENTITY_CHUNK)
        .zip(origins.chunks(ENTITY_CHUNK))
    {
        let mut c = Writer(Vec::new());
        for (entity, &origin) in chunk.iter().zip(chunk_origins) {
            write_entity(&mut c, entity, origin);
        }
        w.len(chunk.len());
        w.bytes(&c.0);
    }
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
    w.u32s(&matcher.first_target);
    w.len(matcher.targets.len());
    for target in &matcher.targets {
        w.u32(target.entity.0);
        w.u8(u8::from(target.needs_anchor) | u8::from(target.blocks) << 1);
        w.str(target.exact_case.as_deref().unwrap_or(""));
    }
    let checksum = checksum(&w.0);
    w.u64(checksum);
    w.0
}

/// Loads a compiled dictionary read from `path`.
///
/// # Errors
/// When the file is not a compiled dictionary of this version, is truncated or corrupt.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Dictionary, Matcher)> {
    let bad = |message: String| Error::CompiledDictionary {
        path: path.to_path_buf(),
        message,
    };
    if !is_compiled(bytes) {
        return Err(bad("not a compiled kgx dictionary".to_string()));
    }
    let Some((body, stored)) = bytes.split_last_chunk::<8>() else {
        return Err(bad("truncated compiled dictionary".to_string()));
    };
    let corrupt = || {
        bad("corrupt compiled dictionary (checksum mismatch); compile it again with `kgx dict compile`"
            .to_string())
    };
    let mut r = Reader {
        bytes: body,
        at: MAGIC.len(),
    };
    let version = r.u32().map_err(|_| corrupt())?;
    if version != VERSION {
        return Err(bad(format!(
            "compiled dictionary format {version}, this kgx reads format {VERSION}; compile it again with this kgx"
        )));
    }
    // The checksum runs beside the decoding; it decides first, so a corrupt file is reported
    // as such whatever the decoder made of it.
    let (sum, parsed) = rayon::join(|| checksum(body), || parse(&mut r));
    if sum != u64::from_le_bytes(*stored) {
        return Err(corrupt());
    }
    parsed.map_err(|ReadError(message)| bad(message))
}

/// What is wrong with a compiled file.
struct ReadError(String);

type Parsed<T> = std::result::Result<T, ReadError>;

fn parse(r: &mut Reader<'_>) -> Parsed<(Dictionary, Matcher)> {
    let sources = (0..r.count(4)?)
        .map(|_| r.string())
        .collect::<Parsed<Vec<String>>>()?;
    let paths = (0..r.count(4)?)
        .map(|_| r.string().map(|p| Arc::from(Path::new(&p))))
        .collect::<Parsed<Vec<Arc<Path>>>>()?;
    let entity_count = r.len()?;
    let mut chunks: Vec<(usize, &[u8])> = Vec::new();
    let mut counted = 0;
    while counted < entity_count {
        let count = r.len()?;
        if count == 0 {
            return Err(ReadError("an empty entity chunk".to_string()));
        }
        chunks.push((count, r.bytes()?));
        counted += count;
    }
    // The entity table (strings to allocate: most of the work) and the matcher's arrays are
    // independent: decode them at the same time, and the entity chunks in parallel.
    let (entities, matcher) = rayon::join(
        || {
            chunks
                .par_iter()
                .map(|&(count, bytes)| read_entities(bytes, count, &paths))
                .collect::<Parsed<Vec<Vec<Entity>>>>()
        },
        || read_matcher(r),
    );
    let entities: Vec<Entity> = entities?.into_iter().flatten().collect();
    if entities.len() != entity_count {
        return Err(ReadError("the entity count does not add up".to_string()));
    }
    let matcher = matcher?;
    if !matcher.is_consistent(entities.len()) {
        return Err(ReadError("inconsistent matcher tables".to_string()));
    }
    let dictionary = Dictionary::from_parts(entities, sources)
        .map_err(|id| ReadError(format!("duplicate entity id `{id}`")))?;
    Ok((dictionary, matcher))
}

fn read_matcher(r: &mut Reader<'_>) -> Parsed<Matcher> {
    let vocabulary = Vocabulary {
        bytes: r.bytes()?.to_vec(),
        ends: r.u32s()?,
        slots: (0..r.count(16)?)
            .map(|_| {
                Ok(Slot {
                    key: r.u64()?,
                    id: r.u32()?,
                    len: r.u32()?,
                })
            })
            .collect::<Parsed<Vec<Slot>>>()?,
        filter: BitFilter { words: r.u64s()? },
    };
    let trie = TokenTrie {
        root: r.u32s()?,
        first_edge: r.u32s()?,
        edge_keys: r.u32s()?,
        edge_nodes: r.u32s()?,
        patterns: r.u32s()?,
    };
    let starters = BitFilter { words: r.u64s()? };
    let first_target = r.u32s()?;
    let targets = (0..r.count(9)?)
        .map(|_| {
            let entity = EntityIndex(r.u32()?);
            let flags = r.u8()?;
            let exact = r.string()?;
            Ok(Target {
                entity,
                exact_case: (!exact.is_empty()).then(|| exact.into_boxed_str()),
                needs_anchor: flags & 1 != 0,
                blocks: flags & 2 != 0,
            })
        })
        .collect::<Parsed<Vec<Target>>>()?;
    if r.at != r.bytes.len() {
        return Err(ReadError("unexpected bytes after the matcher".to_string()));
    }
    Ok(Matcher {
        vocabulary,
        trie,
        starters,
        first_target,
        targets,
    })
}

/// Entities per independently decodable chunk.
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

/// Decodes one chunk of `count` entities.
fn read_entities(bytes: &[u8], count: usize, paths: &[Arc<Path>]) -> Parsed<Vec<Entity>> {
    let mut r = Reader { bytes, at: 0 };
    // An entity takes at least 22 bytes: never trust a count the bytes cannot hold.
    let mut entities = Vec::with_capacity(count.min(bytes.len() / 22));
    for _ in 0..count {
        let id = r.string()?;
        let kind = kind_from_code(r.u8()?)?;
        let name = r.string()?;
        let aliases = (0..r.count(5)?)
            .map(|_| {
                let text = r.string()?;
                let flags = r.u8()?;
                Ok(Alias {
                    text,
                    case_sensitive: flags & 1 != 0,
                    needs_anchor: flags & 2 != 0,
                    blocks: flags & 4 != 0,
                })
            })
            .collect::<Parsed<Vec<Alias>>>()?;
        let attributes = (0..r.count(8)?)
            .map(|_| Ok((r.string()?, r.string()?)))
            .collect::<Parsed<BTreeMap<String, String>>>()?;
        let path = paths
            .get(r.len()?)
            .ok_or_else(|| ReadError("an entity's file index is out of range".to_string()))?;
        let origin = Origin {
            path: Arc::clone(path),
            line: r.u32()? as usize,
        };
        entities.push(Entity {
            id,
            kind,
            name,
            aliases,
            attributes,
            origin,
        });
    }
    if r.at != bytes.len() {
        return Err(ReadError(
            "unexpected bytes in the entity table".to_string(),
        ));
    }
    Ok(entities)
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
        _ => Err(ReadError(format!("unknown entity kind code {code}"))),
    }
}

fn alias_flags(alias: &Alias) -> u8 {
    u8::from(alias.case_sensitive) | u8::from(alias.needs_anchor) << 1 | u8::from(alias.blocks) << 2
}

/// A fast checksum (not cryptographic: it catches truncation and bit rot): four independent
/// multiply-rotate lanes over 32-byte blocks, so the CPU runs them in parallel.
fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |lane: u64, word: &[u8]| {
        let mut w = [0; 8];
        w[..word.len()].copy_from_slice(word);
        (lane.rotate_left(23) ^ u64::from_le_bytes(w)).wrapping_mul(K)
    };
    let mut lanes = [bytes.len() as u64, 1, 2, 3];
    let mut blocks = bytes.chunks_exact(32);
    for block in &mut blocks {
        for (lane, word) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = mix(*lane, word);
        }
    }
    for word in blocks.remainder().chunks(8) {
        lanes[0] = mix(lanes[0], word);
    }
    let hash = lanes.iter().fold(0u64, |acc, &lane| {
        (acc.rotate_left(17) ^ lane).wrapping_mul(K)
    });
    hash ^ (hash >> 31)
}

/// Appends little-endian values.
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) {
        self.u32(n as u32);
    }
    fn bytes(&mut self, bytes: &[u8]) {
        self.len(bytes.len());
        self.0.extend_from_slice(bytes);
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

/// Reads what [`Writer`] wrote, refusing to read past the end.
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
            .ok_or_else(|| ReadError("truncated compiled dictionary".to_string()))?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }
    fn array<const N: usize>(&mut self) -> Parsed<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }
    fn u8(&mut self) -> Parsed<u8> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Parsed<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn u64(&mut self) -> Parsed<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn len(&mut self) -> Parsed<usize> {
        self.u32().map(|n| n as usize)
    }
    /// A count of elements that take at least `min_bytes` each: refused when the rest of the
    /// file cannot hold them, so a forged count never makes a huge allocation.
    fn count(&mut self, min_bytes: usize) -> Parsed<usize> {
        let n = self.len()?;
        if n.saturating_mul(min_bytes) > self.bytes.len() - self.at {
            return Err(ReadError("truncated compiled dictionary".to_string()));
        }
        Ok(n)
    }
    fn bytes(&mut self) -> Parsed<&'b [u8]> {
        let n = self.len()?;
        self.take(n)
    }
    fn string(&mut self) -> Parsed<String> {
        let bytes = self.bytes()?;
        std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|_| ReadError("a string is not UTF-8".to_string()))
    }
    fn u32s(&mut self) -> Parsed<Vec<u32>> {
        let n = self.len()?;
        let bytes = self.take(n.saturating_mul(4))?;
        Ok(bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
    fn u64s(&mut self) -> Parsed<Vec<u64>> {
        let n = self.len()?;
        let bytes = self.take(n.saturating_mul(8))?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| {
                let mut word = [0; 8];
                word.copy_from_slice(c);
                u64::from_le_bytes(word)
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    fn builtin() -> (Dictionary, Matcher) {
        let dictionary = Dictionary::builtin().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        (dictionary, matcher)
    }

    #[test]
    fn a_compiled_dictionary_loads_back_identical() {
        let (dictionary, matcher) = builtin();
        let bytes = write(&dictionary, &matcher);
        assert!(is_compiled(&bytes));
        let (loaded_dictionary, loaded_matcher) = read(Path::new("d.kgxd"), &bytes).unwrap();
        assert_eq!(loaded_matcher, matcher);
        assert_eq!(loaded_dictionary.len(), dictionary.len());
        for ((_, a), (_, b)) in dictionary.iter().zip(loaded_dictionary.iter()) {
            assert_eq!(a, b);
        }
        assert_eq!(loaded_dictionary.sources(), dictionary.sources());
        let text = "Putin’s visit to Türkiye; the US and Erdoğan.";
        assert_eq!(loaded_matcher.find(text), matcher.find(text));
        assert!(!loaded_matcher.find(text).is_empty());
    }

    #[test]
    fn truncated_corrupt_and_foreign_files_are_refused() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", "putin\tperson\tVladimir Putin\tPutin\n");
        let dictionary = builder.build().unwrap();
        let bytes = write(&dictionary, &Matcher::new(&dictionary).unwrap());
        let path = Path::new("t.kgxd");
        let message = |bytes: &[u8]| read(path, bytes).unwrap_err().to_string();
        assert_eq!(
            message(b"id\tperson\tX\n"),
            "t.kgxd: not a compiled kgx dictionary"
        );
        assert!(message(&bytes[..bytes.len() - 9]).contains("checksum mismatch"));
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        assert!(message(&flipped).contains("checksum mismatch"));
        assert!(message(&bytes[..10]).contains("checksum mismatch"));
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

    /// Whether byte `at` is outside the long runs of filter bits (which are zero or sparse).
    fn is_not_a_filter_bit(bytes: &[u8], at: usize) -> bool {
        let window = &bytes[at.saturating_sub(32)..(at + 32).min(bytes.len())];
        window.iter().filter(|&&b| b != 0).count() > 8
    }

    /// A file whose checksum was forged after a change (a bug, a malicious file) is refused
    /// or loaded, but never crashes kgx: every index is checked before it is used.
    #[test]
    fn forged_files_never_panic() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "t.tsv",
            "putin\tperson\tVladimir Putin\tPutin|Путин\nus\tcountry\tUnited States\tUS|U.S.\n",
        );
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let bytes = write(&dictionary, &matcher);
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
                if let Ok((_, loaded)) = read(Path::new("f.kgxd"), &forged) {
                    loaded.find("Putin and Путин met the U.S. and the US.");
                }
            }
        }
    }
}
