//! Sharding: a deterministic share of the documents, for running one corpus as N independent
//! jobs (GNU parallel, a Slurm array, plain `&`) without an engine.
//!
//! `kgx extract INPUT... --shard I/N` reads the same inputs as every other shard and analyses
//! only the documents whose id falls in share `I` of `N` (1 ≤ I ≤ N): the 64-bit FNV-1a hash of
//! the document id's UTF-8 bytes, modulo N, equals `I − 1`. So:
//!
//! - A document's shard depends on its id alone, not on how the inputs are listed or split
//!   into files, nor on the thread count: `kgx extract a b --shard 1/4` and
//!   `kgx extract b a --shard 1/4` analyse the same documents.
//! - The N shards together analyse every document exactly once. A document id that appears
//!   twice (the same file given twice, or two JSON Lines records with one id) goes to the same
//!   shard both times, where it is counted as a single run counts it: twice. Shards never
//!   count one document in two places.
//! - The parts of a document split at the size limit share its id, so they stay together.
//! - Ids are compared as written: `seeds/a.txt` and `./seeds/a.txt` are two ids, so every shard
//!   must be given the inputs the same way.
//!
//! The hash is [`crate::hash`]'s FNV-1a, whose values are fixed for every version and platform.

use std::fmt;
use std::str::FromStr;

use crate::hash::fnv1a_64;

/// One share of `count` (`index` counts from 0; written `index + 1`/`count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Share `number` (from 1) of `count`, or `None` unless `1 <= number <= count`.
    pub fn new(number: u64, count: u64) -> Option<Shard> {
        (number >= 1 && number <= count).then(|| Shard {
            index: number - 1,
            count,
        })
    }

    /// Whether the document `id` belongs to this share.
    pub fn holds(&self, id: &str) -> bool {
        fnv1a_64(id.as_bytes()) % self.count == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index + 1, self.count)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let wrong = || format!("`{s}` is not a shard: expected I/N with 1 ≤ I ≤ N, e.g. 1/8");
        let (number, count) = s.split_once('/').ok_or_else(wrong)?;
        let number: u64 = number.trim().parse().map_err(|_| wrong())?;
        let count: u64 = count.trim().parse().map_err(|_| wrong())?;
        Shard::new(number, count).ok_or_else(wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_parse_and_print() {
        for (text, shard) in [
            ("1/8", Shard::new(1, 8)),
            ("8/8", Shard::new(8, 8)),
            (" 2 / 3 ", Shard::new(2, 3)),
        ] {
            let parsed: Shard = text.parse().unwrap();
            assert_eq!(Some(parsed), shard);
        }
        assert_eq!(Shard::new(3, 4).unwrap().to_string(), "3/4");
        for bad in ["0/8", "9/8", "1/0", "1", "a/b", "-1/2", "1/2/3", ""] {
            let error = bad.parse::<Shard>().unwrap_err();
            assert!(error.contains("expected I/N"), "{bad}: {error}");
        }
    }

    #[test]
    fn every_id_falls_in_exactly_one_share() {
        let ids: Vec<String> = (0..500).map(|i| format!("news/{i:04}.txt")).collect();
        for count in [1, 2, 3, 8] {
            let shards: Vec<Shard> = (1..=count).filter_map(|n| Shard::new(n, count)).collect();
            let mut sizes = vec![0; shards.len()];
            for id in &ids {
                let holders: Vec<usize> =
                    (0..shards.len()).filter(|&s| shards[s].holds(id)).collect();
                assert_eq!(holders.len(), 1, "{id} in {count} shards");
                sizes[holders[0]] += 1;
            }
            // The hash spreads ids evenly enough: no share is empty or holds twice its due.
            for size in sizes {
                assert!(
                    size > 0 && size <= 2 * ids.len() / count as usize,
                    "{count}: {size}"
                );
            }
        }
    }
}
