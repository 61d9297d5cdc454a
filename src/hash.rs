//! FNV-1a, the one hash whose values kgx writes down: a document's share
//! ([`crate::shard`]) and a dictionary's fingerprint ([`crate::dictionary::Dictionary::fingerprint`]).
//!
//! Written out here (a few lines) rather than taken from a hasher crate, because those values
//! must never change between versions or platforms: the constants below fix them, and a test
//! pins the reference values.

/// The offset basis of 64-bit FNV-1a: the hash of nothing.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The 64-bit FNV prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a (Fowler, Noll, Vo) of `bytes`.
pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a_64_from(FNV_OFFSET, bytes)
}

/// FNV-1a of `bytes`, continuing from `hash` (the hash of what came before).
pub fn fnv1a_64_from(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(FNV_PRIME)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_gives_the_published_values() {
        // Test vectors of the FNV reference (draft-eastlake-fnv).
        for (input, hash) in [
            ("", 0xcbf2_9ce4_8422_2325),
            ("a", 0xaf63_dc4c_8601_ec8c),
            ("foobar", 0x8594_4171_f739_67e8),
        ] {
            assert_eq!(fnv1a_64(input.as_bytes()), hash, "{input:?}");
        }
        assert_eq!(fnv1a_64_from(fnv1a_64(b"foo"), b"bar"), fnv1a_64(b"foobar"));
    }
}
