//! Writing a compiled dictionary: the tables in the order of the format (see the
//! [module doc](super)), the matcher's arrays as they are in memory, the checksum last.

use super::bytes::Writer;
use super::{records, TooLarge, MAGIC, NO_HOME, VERSION};
use crate::dictionary::{Dictionary, Language};
use crate::matcher::Matcher;

/// The compiled form of `dictionary` and its `matcher`.
///
/// # Errors
/// [`TooLarge`] when a table does not fit the format's 32-bit lengths.
pub(super) fn encode(
    dictionary: &Dictionary,
    matcher: &Matcher,
) -> std::result::Result<Vec<u8>, TooLarge> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u32(VERSION);
    w.len(dictionary.sources().len());
    for source in dictionary.sources() {
        w.str(source);
    }
    let entities = records::encode(dictionary)?;
    w.len(entities.paths.len());
    for path in &entities.paths {
        w.str(&path.to_string_lossy());
    }
    w.len(dictionary.len());
    w.u32s(&entities.chunk_ends);
    w.bytes(&entities.records);
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
    let only_in: Vec<(usize, Language)> = (matcher.targets.iter().enumerate())
        .filter_map(|(i, t)| Some((i, t.only_in?)))
        .collect();
    w.len(only_in.len());
    for (i, language) in only_in {
        w.len(i);
        w.str(language.as_str());
    }
    let unspaced = matcher.unspaced.aliases();
    w.len(unspaced.len());
    for (folded, pattern) in unspaced {
        w.len(*pattern as usize);
        w.str(folded);
    }
    let checksum = crc32fast::hash(&w.bytes);
    w.u32(checksum);
    if w.too_large {
        return Err(TooLarge);
    }
    Ok(w.bytes)
}
