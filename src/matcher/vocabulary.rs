//! The vocabulary: every distinct token of every alias, numbered, in one flat hash table.
//!
//! Looking a text token up here is the matcher's inner loop, so it is built for the common
//! case, a token that no alias has: a [`Probe`] computes the token's key once (a token of up to
//! 8 bytes, nearly every word, *is* its key: its bytes packed in one integer), a small
//! [`BitFilter`] answers "certainly not" for most tokens without touching the table, and the
//! rest cost one probe of an open-addressing table, compared by key alone for short tokens.
//! Everything is flat (a byte arena, an offset array, a slot array, a bit array), so a compiled
//! dictionary stores it as it is and loads it without rehashing anything.

use crate::text::tokens::Token;

/// Distinct alias tokens, numbered from 0 in the order they were first added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Vocabulary {
    /// Every token's bytes, one after the other.
    pub(crate) bytes: Vec<u8>,
    /// Token `i` is `bytes[ends[i]..ends[i + 1]]`; `ends[0]` is 0.
    pub(crate) ends: Vec<u32>,
    /// Open addressing with linear probing; the length is a power of two, at least twice the
    /// number of tokens.
    pub(crate) slots: Vec<Slot>,
    /// The hashes of every token.
    pub(crate) filter: BitFilter,
}

/// One slot of the table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Slot {
    /// The token's key (see [`Probe`]).
    pub(crate) key: u64,
    /// The token's id.
    pub(crate) id: u32,
    /// The token's length in bytes; 0 marks an empty slot (no token is empty).
    pub(crate) len: u32,
}

/// Tokens up to this long are their own key.
const PACKED: usize = 8;

/// A token's key and hash, computed once and used for every question about it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Probe<'t> {
    /// The token's bytes packed little-endian when it has at most 8, else a hash of them.
    key: u64,
    /// Where its slot search starts, and where its filter bit is.
    hash: usize,
    token: &'t [u8],
}

impl<'t> Probe<'t> {
    /// The probe for `token`.
    pub(crate) fn new(token: &'t [u8]) -> Probe<'t> {
        let key = key(token);
        Probe {
            key,
            hash: spread(key, token.len()),
            token,
        }
    }

    /// The probe for a text token, reading a short one as one 8-byte word.
    #[inline]
    pub(crate) fn of_token(token: &Token<'t>) -> Probe<'t> {
        let folded = token.folded();
        let key = match folded.len() {
            0 => 0,
            n if n <= PACKED => token.first_eight() & (u64::MAX >> (64 - 8 * n)),
            _ => hash_long(folded),
        };
        Probe {
            key,
            hash: spread(key, folded.len()),
            token: folded,
        }
    }
}

/// One bit per token hash: a quick "certainly not" for most tokens of a text. Two halves, one
/// for tokens that begin with an ASCII byte and one for the others, each about eight bits per
/// token of the table and at least 8 KiB, so that it rejects all but a few percent of the
/// tokens no alias has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BitFilter {
    pub(crate) words: Vec<u64>,
}

impl BitFilter {
    /// The filter for a table of `slots` slots.
    fn for_slots(slots: usize) -> BitFilter {
        BitFilter {
            words: vec![0; 2 * (slots / 8).max(MIN_FILTER_WORDS)],
        }
    }

    /// The bit for `probe`: other bits of the hash than the slot's, in the half of the filter
    /// for tokens that begin with an ASCII byte or in the half for the others. English text
    /// probes the first half only, so the Cyrillic, Arabic or Korean forms of a multilingual
    /// dictionary (a third of its tokens) make no English word pass the filter.
    #[inline]
    fn bit(&self, probe: &Probe<'_>) -> (usize, u64) {
        let half = self.words.len() * 32;
        let bit = (probe.hash as u64).wrapping_mul(FILTER_MULTIPLIER) >> 32;
        let mut bit = bit as usize & (half - 1);
        if probe.token.first().is_some_and(|&b| b >= 0x80) {
            bit += half;
        }
        (bit / 64, 1 << (bit % 64))
    }

    /// Whether the token of `probe` may have been added (false: it certainly was not).
    #[inline]
    pub(crate) fn may_have(&self, probe: &Probe<'_>) -> bool {
        let (word, mask) = self.bit(probe);
        self.words[word] & mask != 0
    }

    /// Adds the token of `probe`.
    pub(crate) fn add(&mut self, probe: &Probe<'_>) {
        let (word, mask) = self.bit(probe);
        self.words[word] |= mask;
    }

    /// Whether the size is one this module makes.
    pub(crate) fn is_consistent(&self) -> bool {
        self.words.len().is_power_of_two() && self.words.len() >= 2 * MIN_FILTER_WORDS
    }
}

impl Default for Vocabulary {
    fn default() -> Vocabulary {
        Vocabulary {
            bytes: Vec::new(),
            ends: vec![0],
            slots: vec![Slot::default(); 16],
            filter: BitFilter::for_slots(16),
        }
    }
}

impl Vocabulary {
    /// Number of distinct tokens.
    pub(crate) fn len(&self) -> usize {
        // `ends` is never empty, but a forged file is checked with this too.
        self.ends.len().saturating_sub(1)
    }

    /// The bytes of token `id`.
    pub(crate) fn token(&self, id: u32) -> &[u8] {
        let id = id as usize;
        &self.bytes[self.ends[id] as usize..self.ends[id + 1] as usize]
    }

    /// The id of a probed token, if some alias has it.
    #[inline]
    pub(crate) fn find(&self, probe: &Probe<'_>) -> Option<u32> {
        if probe.token.is_empty() || !self.filter.may_have(probe) {
            return None;
        }
        self.find_past_filter(probe)
    }

    /// [`find`](Vocabulary::find) for a non-empty token whose probe already passed the filter,
    /// or the matcher's starters filter (the same bits for a subset of the tokens).
    #[inline]
    pub(crate) fn find_past_filter(&self, probe: &Probe<'_>) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut slot = probe.hash & mask;
        loop {
            let entry = self.slots[slot];
            if entry.len == 0 {
                return None;
            }
            if entry.key == probe.key
                && entry.len as usize == probe.token.len()
                && (probe.token.len() <= PACKED || self.token(entry.id) == probe.token)
            {
                return Some(entry.id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The id of `token`, if some alias has it.
    pub(crate) fn get(&self, token: &[u8]) -> Option<u32> {
        self.find(&Probe::new(token))
    }

    /// The id of `token`, adding it if it is new. Empty tokens are not allowed.
    pub(crate) fn intern(&mut self, token: &[u8]) -> u32 {
        debug_assert!(!token.is_empty());
        if let Some(id) = self.get(token) {
            return id;
        }
        if (self.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let id = self.len() as u32;
        self.bytes.extend_from_slice(token);
        self.ends.push(self.bytes.len() as u32);
        self.place(&Probe::new(token), id);
        id
    }

    fn place(&mut self, probe: &Probe<'_>, id: u32) {
        let mask = self.slots.len() - 1;
        let mut slot = probe.hash & mask;
        while self.slots[slot].len != 0 {
            slot = (slot + 1) & mask;
        }
        self.slots[slot] = Slot {
            key: probe.key,
            id,
            len: probe.token.len() as u32,
        };
        self.filter.add(probe);
    }

    fn grow(&mut self) {
        let slots = self.slots.len() * 2;
        self.slots = vec![Slot::default(); slots];
        self.filter = BitFilter::for_slots(slots);
        let bytes = std::mem::take(&mut self.bytes);
        for id in 0..self.len() as u32 {
            let token =
                &bytes[self.ends[id as usize] as usize..self.ends[id as usize + 1] as usize];
            self.place(&Probe::new(token), id);
        }
        self.bytes = bytes;
    }

    /// An empty filter of the size of this vocabulary's.
    pub(crate) fn empty_filter(&self) -> BitFilter {
        BitFilter::for_slots(self.slots.len())
    }

    /// Whether the tables are consistent with the tokens (for loading a compiled file): every
    /// slot names a token of its length, each token once, and a slot is left empty so that
    /// every search ends. Sequential checks only; the file's checksum vouches for the rest.
    pub(crate) fn is_consistent(&self) -> bool {
        let tokens = self.len();
        let shape = self.slots.len().is_power_of_two()
            && self.slots.len() >= 2 * tokens
            && self.filter.is_consistent()
            && self.ends.first() == Some(&0)
            && self.ends.windows(2).all(|w| w[0] < w[1])
            && self
                .ends
                .last()
                .is_some_and(|&e| e as usize == self.bytes.len());
        if !shape {
            return false;
        }
        let mut seen = vec![false; tokens];
        let slots_ok = self.slots.iter().filter(|s| s.len != 0).all(|slot| {
            let id = slot.id as usize;
            let fresh = id < tokens && !std::mem::replace(&mut seen[id], true);
            fresh && self.token(slot.id).len() == slot.len as usize
        });
        slots_ok && seen.iter().all(|&s| s)
    }
}

/// The slot key of `token`: its bytes packed little-endian when it has at most 8, else a hash.
#[inline]
fn key(token: &[u8]) -> u64 {
    let n = token.len();
    match n {
        0 => 0,
        // The first and last bytes, and the middle one: all three bytes of a short token.
        1..=3 => {
            u64::from(token[0])
                | u64::from(token[n / 2]) << (8 * (n / 2))
                | u64::from(token[n - 1]) << (8 * (n - 1))
        }
        // Two overlapping 4-byte reads cover every byte; the overlap agrees.
        4..=PACKED => {
            u64::from(read_u32(token, 0)) | u64::from(read_u32(token, n - 4)) << (8 * (n - 4))
        }
        _ => hash_long(token),
    }
}

#[inline]
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    let mut word = [0; 4];
    word.copy_from_slice(&bytes[at..at + 4]);
    u32::from_le_bytes(word)
}

/// FxHash's mixing step over 8-byte words, for tokens longer than 8 bytes.
#[inline(never)]
fn hash_long(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(MULTIPLIER);
    }
    let rest = chunks.remainder();
    let mut word = [0; 8];
    word[..rest.len()].copy_from_slice(rest);
    (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(MULTIPLIER)
}

const MULTIPLIER: u64 = 0x517c_c1b7_2722_0a95;
const FILTER_MULTIPLIER: u64 = 0x9e37_79b9_7f4a_7c15;
/// The smallest half of a filter: 1,024 words, 65,536 bits, 8 KiB.
const MIN_FILTER_WORDS: usize = 1024;

/// The first slot to probe for `key`: a multiplicative hash's high bits. Fixed forever, since
/// compiled dictionaries store the table it produced.
#[inline]
fn spread(key: u64, len: usize) -> usize {
    ((key ^ len as u64).wrapping_mul(MULTIPLIER) >> 24) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_and_finds_many_tokens() {
        let mut vocabulary = Vocabulary::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(vocabulary.intern(w.as_bytes()), i as u32);
        }
        assert_eq!(vocabulary.intern(b"w17"), 17);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(vocabulary.get(w.as_bytes()), Some(i as u32));
        }
        assert_eq!(vocabulary.get(b"w5000"), None);
        for long in ["internationalisation", "a\0", "\0", "abcdefgh", "abcdefghi"] {
            let id = vocabulary.intern(long.as_bytes());
            assert_eq!(vocabulary.get(long.as_bytes()), Some(id));
        }
        assert_eq!(vocabulary.get(b"internationalization"), None);
        assert_eq!(vocabulary.get(b"a"), None);
        assert_eq!(vocabulary.get(b""), None);
        assert!(vocabulary.is_consistent());
    }
}
