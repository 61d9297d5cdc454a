//! The entity records of a compiled dictionary: how entities are encoded, checked when the file
//! is loaded, and decoded one at a time when something asks for them.
//!
//! The records are one byte array, cut into chunks of [`ENTITY_CHUNK`] entities whose ends the
//! file lists, so that loading checks the chunks in parallel. A loaded file keeps the array as
//! it is and the start of each record ([`Records`]); the dictionary decodes an entity the first
//! time it is used (through [`EntityRecords`], the dictionary's side of the arrangement: the
//! dictionary does not know the format, the format knows the dictionary).

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::path::Path;
use std::sync::Arc;

use foldhash::fast::FixedState;
use rayon::prelude::*;

use super::bytes::{Parsed, ReadError, Reader, Writer};
use super::TooLarge;
use crate::dictionary::{Alias, Dictionary, Entity, EntityKind, EntityRecords, Language, Origin};

/// Entities per chunk of records checked in parallel.
const ENTITY_CHUNK: usize = 8192;

/// The entity records of a dictionary, encoded for the file.
pub(super) struct Encoded<'d> {
    /// The distinct files the entities come from, which records name by index.
    pub(super) paths: Vec<&'d Path>,
    /// Where each chunk of [`ENTITY_CHUNK`] entities ends in `records`.
    pub(super) chunk_ends: Vec<u32>,
    pub(super) records: Vec<u8>,
}

/// Encodes every entity of `dictionary`.
///
/// # Errors
/// [`TooLarge`] when the records or a string in them do not fit the format's 32-bit lengths.
pub(super) fn encode(dictionary: &Dictionary) -> Result<Encoded<'_>, TooLarge> {
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
    if records.too_large {
        return Err(TooLarge);
    }
    Ok(Encoded {
        paths,
        chunk_ends,
        records: records.bytes,
    })
}

fn write_entity(w: &mut Writer, entity: &Entity, origin: usize) {
    w.str(&entity.id);
    w.u8(kind_code(entity.kind));
    w.str(&entity.name);
    w.len(entity.aliases.len());
    for alias in &entity.aliases {
        w.str(&alias.text);
        w.u8(alias_flags(alias));
        if let Some(language) = alias.language {
            w.str(language.as_str());
        }
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
pub(super) fn check_records(
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
pub(super) struct Records {
    pub(super) bytes: Vec<u8>,
    /// Where each entity's record starts.
    pub(super) starts: Vec<u32>,
    pub(super) paths: Vec<Arc<Path>>,
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
        let language = match flags & HAS_LANGUAGE {
            0 => None,
            _ => Some(
                Language::parse(r.str()?).ok_or(ReadError("an alias's language is not a code"))?,
            ),
        };
        if keep {
            aliases.push(Alias {
                text: text.to_string(),
                case_sensitive: flags & 1 != 0,
                needs_anchor: flags & 2 != 0,
                blocks: flags & 4 != 0,
                language,
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

/// The alias flag that says a language code follows the flags.
const HAS_LANGUAGE: u8 = 8;

fn alias_flags(alias: &Alias) -> u8 {
    u8::from(alias.case_sensitive)
        | u8::from(alias.needs_anchor) << 1
        | u8::from(alias.blocks) << 2
        | if alias.language.is_some() {
            HAS_LANGUAGE
        } else {
            0
        }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::read;
    use super::super::testing::{compiled, reseal};

    #[test]
    fn a_forged_duplicate_id_is_refused() {
        let (_, _, mut bytes) = compiled("idaa\tperson\tAnn\nidab\tperson\tBob\n");
        let at = bytes.windows(4).position(|w| w == b"idab").unwrap();
        bytes[at + 3] = b'a';
        reseal(&mut bytes);
        assert_eq!(
            read(Path::new("t.kgxd"), &bytes).unwrap_err().to_string(),
            "t.kgxd: corrupt compiled dictionary (two entities with the same id); compile it again with `kgx dict compile`"
        );
    }
}
