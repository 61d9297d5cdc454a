//! Reading a compiled dictionary: the header, the tables straight into place, the checksum.
//!
//! Every table is read in the order of the format (see the [module doc](super)) from a
//! [`Source`] that sums each byte as it passes, so the file is read once. The entity records
//! are checked while the matcher's tables are read, on another thread. Every index is checked
//! before anything uses it: a file whose checksum was forged after a change is refused or
//! loaded, never a crash.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use super::bytes::{Parsed, ReadError, Source};
use super::records::{check_records, Records};
use super::{is_compiled, CHECKSUM_BYTES, NO_HOME, VERSION};
use crate::dictionary::{Dictionary, EntityIndex, Language};
use crate::error::{Error, Result};
use crate::matcher::trie::TokenTrie;
use crate::matcher::unspaced::{is_unspaced_alias, UnspacedAliases};
use crate::matcher::vocabulary::{BitFilter, Slot, Vocabulary};
use crate::matcher::{Matcher, Target};

/// Loads the compiled dictionary of `len` bytes that `input` reads, from the file at `path`.
///
/// # Errors
/// When the file cannot be read, is not a compiled dictionary of this version, is truncated or
/// corrupt.
pub(super) fn decode(
    path: &Path,
    input: impl Read + Send,
    len: u64,
) -> Result<(Dictionary, Matcher)> {
    let bad = |message: String| Error::CompiledDictionary {
        path: path.to_path_buf(),
        message,
    };
    let corrupt = |ReadError(what)| {
        bad(format!(
            "corrupt compiled dictionary ({what}); compile it again with `kgx dict compile`"
        ))
    };
    let mut source = Source::new(input, len);
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
    source.remaining = source.remaining.saturating_sub(CHECKSUM_BYTES as u64);
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
    let computed = std::mem::take(&mut source.checksum).finalize();
    source.remaining = CHECKSUM_BYTES as u64;
    let stored = source.u32();
    if let Some(error) = source.io_error.take() {
        return Err(Error::io(path, error));
    }
    match stored {
        Ok(stored) if stored == computed => parsed.map_err(corrupt),
        _ => Err(corrupt(ReadError("checksum mismatch"))),
    }
}

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
            only_in: None,
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
    for _ in 0..source.count(8)? {
        let index = source.u32()? as usize;
        let code = source.string()?;
        let language =
            Language::parse(&code).ok_or(ReadError("a target's language is not a code"))?;
        let target = targets
            .get_mut(index)
            .ok_or(ReadError("a language of no target"))?;
        target.only_in = Some(language);
    }
    let mut unspaced = Vec::new();
    for _ in 0..source.count(8)? {
        let pattern = source.u32()?;
        let folded = source.string()?;
        if !is_unspaced_alias(&folded) {
            return Err(ReadError(
                "an alias of the automaton is not in a script without spaces",
            ));
        }
        unspaced.push((folded.into_boxed_str(), pattern));
    }
    Ok(Matcher {
        vocabulary,
        trie,
        starters,
        cased_starters,
        given_names,
        first_target,
        targets,
        unspaced: UnspacedAliases::new(unspaced),
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::testing::{compiled, reseal};
    use super::super::{read, CHECKSUM_BYTES, MAGIC, VERSION};

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
        // Another format version is refused for what it is, before its checksum (which
        // format 4 computed another way) is looked at.
        for other in [VERSION - 1, VERSION + 1] {
            let mut bytes = bytes.clone();
            bytes[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&other.to_le_bytes());
            assert_eq!(
                message(&bytes),
                format!(
                    "t.kgxd: compiled dictionary format {other}, this kgx reads format {VERSION}; compile it again with this kgx"
                )
            );
        }
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
        let body = bytes.len() - CHECKSUM_BYTES;
        // Every byte once; the two bit filters (8 KiB each, any value valid) in steps.
        let positions =
            (MAGIC.len()..body).filter(|at| at % 7 == 0 || is_not_a_filter_bit(&bytes, *at));
        for at in positions {
            {
                let mut forged = bytes.clone();
                forged[at] ^= 0xff;
                reseal(&mut forged);
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
