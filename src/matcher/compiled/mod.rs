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
//!            aliases [text string, flags u8, language string if flag 8], attributes [key string, value string],
//!            path index u32, line u32
//! matcher:   vocabulary bytes [u8], ends [u32], slots [key u64, id u32, len u32],
//!            filter [u64], trie root [u32], first edge [u32], edge keys [u32], edge nodes [u32],
//!            node patterns [u32], starters [u64], cased starters [u64], given names [u64],
//!            first target [u32],
//!            target entities [u32], target flags [u8], target prominence [u32],
//!            target home country [u32, u32::MAX for none], exact-case aliases [target u32, string],
//!            surnames' full names [target u32, string],
//!            languages of targets that count only in documents in them [target u32, code string],
//!            aliases in scripts without spaces [pattern u32, folded string] (the automaton is
//!            built from them when the file is read)
//! checksum u32 (CRC-32) over every byte before it
//! ```
//!
//! Loading checks the magic, the version, the checksum and that every index points where it
//! may, so a truncated, corrupt or foreign file is refused with a message, never trusted.
//! The checksum is the common CRC-32 (`crc32fast`, the one gzip uses): it is there for
//! truncation and bit rot, not for tampering, and the reader computes it as it reads, so the
//! file is read once; with the crate's SIMD code a file loads as fast as it did with the
//! hand-written 64-bit sum that format 4 had.
//! A file of another format version is refused before its checksum is looked at, with a
//! message that says to compile it again.
//!
//! # Layout
//!
//! One file per job: `write.rs` lays the tables out in the order above and `read.rs` reads
//! them back in the same order, checking as it goes; `records.rs` encodes, checks and decodes
//! the entity records; `bytes.rs` is the bounded little-endian I/O under both, which also sums
//! what it reads.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use super::Matcher;
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};

mod bytes;
mod read;
mod records;
mod write;

/// The first bytes of every compiled dictionary.
pub const MAGIC: &[u8; 8] = b"KGXDICT\0";

/// The format version this build reads and writes.
const VERSION: u32 = 7;

/// The length of the checksum that ends the file.
const CHECKSUM_BYTES: usize = 4;

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
    write::encode(dictionary, matcher)
}

/// Loads a compiled dictionary from the file at `path`, reading each table straight into place.
///
/// # Errors
/// When the file cannot be read, is not a compiled dictionary of this version, is truncated or
/// corrupt.
pub fn read_file(path: &Path) -> Result<(Dictionary, Matcher)> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    read::decode(path, BufReader::with_capacity(1 << 16, file), len)
}

/// Loads a compiled dictionary held in memory, read from `path`.
///
/// # Errors
/// When `bytes` are not a compiled dictionary of this version, are truncated or corrupt.
pub fn read(path: &Path, bytes: &[u8]) -> Result<(Dictionary, Matcher)> {
    read::decode(path, bytes, bytes.len() as u64)
}

/// What the tests of every part of the format start from.
#[cfg(test)]
mod testing {
    use super::{write, CHECKSUM_BYTES};
    use crate::dictionary::{Dictionary, DictionaryBuilder};
    use crate::matcher::Matcher;

    /// A dictionary of `tsv` lines and its compiled form.
    pub(super) fn compiled(tsv: &str) -> (Dictionary, Matcher, Vec<u8>) {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", tsv);
        let dictionary = builder.build().unwrap();
        let matcher = Matcher::new(&dictionary).unwrap();
        let bytes = write(&dictionary, &matcher).unwrap();
        (dictionary, matcher, bytes)
    }

    /// Rewrites the checksum of `bytes` after a change to them, as a forger would.
    pub(super) fn reseal(bytes: &mut [u8]) {
        let body = bytes.len() - CHECKSUM_BYTES;
        let sum = crc32fast::hash(&bytes[..body]);
        bytes[body..].copy_from_slice(&sum.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
