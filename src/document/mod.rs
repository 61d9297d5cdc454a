//! One document, analysed: its text, segments and resolved mentions.
//!
//! This is the unit of parallel work: analysing a document needs only the document and the
//! shared [`Matcher`], so documents are analysed on any thread and merged in input order.
//!
//! **Repeated text.** Syndicated copies and photo captions often repeat a sentence verbatim
//! inside one article. A sentence whose text (whitespace-normalised) already appeared earlier in
//! the same document is marked *repeated*: its mentions are still listed, flagged, but they are
//! not counted and take no part in co-occurrence, so a caption printed five times counts once.
//! A repeated paragraph is the case where all its sentences are repeated.
//!
//! [`provisional`] numbers the names discovery finds across documents, in input order.

pub mod provisional;

use std::collections::HashMap;

use crate::discover::{DiscoveredName, Discoverer};
use crate::matcher::Matcher;
use crate::resolve::{resolve, Mention};
use crate::text::Segments;

/// A document to analyse: an identifier (its path as given, or `-`) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Identifier used in every output.
    pub id: String,
    /// The whole text, exactly as read (a BOM included).
    pub text: String,
    /// The publication day (`YYYY-MM-DD`), when the input gives one.
    pub date: Option<String>,
    /// Where `text` starts in the source, in bytes: 0, except for the later parts of a document
    /// split at [`MAX_DOCUMENT_BYTES`](crate::input::MAX_DOCUMENT_BYTES). Offsets in every
    /// output add it, so they still slice the original file.
    pub offset: usize,
    /// Its position among all the documents of the inputs, when the input says
    /// (`--sequence-field`: an engine such as Spark numbered the corpus before splitting it);
    /// otherwise kgx numbers documents in the order it reads them. Partial graphs merge in
    /// this order ([`crate::graph::part`]).
    pub sequence: Option<u64>,
}

impl Document {
    /// A document without a date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
            offset: 0,
            sequence: None,
        }
    }
}

/// A mention in its document: where it is, what it names, which sentence holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentMention {
    /// The resolved mention.
    pub mention: Mention,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// Whether that sentence repeats an earlier one of the same document.
    pub repeated: bool,
}

/// A mention of a discovered name, waiting to be numbered (see
/// [`ProvisionalEntities::admit`](crate::document::provisional::ProvisionalEntities::admit)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PendingMention {
    /// First byte in the original text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index into [`AnalyzedDocument::discovery_names`].
    pub name: usize,
    /// Index of the sentence that holds it.
    pub sentence: usize,
    /// Whether that sentence repeats an earlier one of the same document.
    pub repeated: bool,
}

/// The result of analysing one [`Document`].
#[derive(Debug, Clone)]
pub struct AnalyzedDocument {
    /// The document.
    pub document: Document,
    /// Its paragraphs and sentences.
    pub segments: Segments,
    /// Its mentions, in text order.
    pub mentions: Vec<DocumentMention>,
    /// Names found by discovery (empty without it).
    pub discovery_names: Vec<DiscoveredName>,
    /// Mentions of those names, until they are numbered and moved into `mentions`.
    pub discovered: Vec<PendingMention>,
}

impl AnalyzedDocument {
    /// Segments `document`, finds and resolves its mentions.
    pub fn new(document: Document, matcher: &Matcher) -> AnalyzedDocument {
        AnalyzedDocument::with_discovery(document, matcher, None)
    }

    /// Like [`AnalyzedDocument::new`], and with a `discoverer`, also finds the names no
    /// dictionary knows ([`crate::discover`]).
    pub fn with_discovery(
        document: Document,
        matcher: &Matcher,
        discoverer: Option<&Discoverer>,
    ) -> AnalyzedDocument {
        let segments = Segments::new(&document.text);
        let mut mentions: Vec<DocumentMention> = resolve(matcher.candidates(&document.text))
            .into_iter()
            .map(|mention| DocumentMention {
                sentence: sentence_index(&segments, mention.start),
                repeated: false,
                mention,
            })
            .collect();
        let (discovery_names, mut discovered) = match discoverer {
            None => (Vec::new(), Vec::new()),
            Some(discoverer) => {
                let known: Vec<(usize, usize)> = mentions
                    .iter()
                    .map(|m| (m.mention.start, m.mention.end))
                    .collect();
                let discovery = discoverer.discover(&document.text, &segments, &known, matcher);
                let pending = discovery
                    .mentions
                    .iter()
                    .map(|m| PendingMention {
                        start: m.start,
                        end: m.end,
                        name: m.name,
                        sentence: sentence_index(&segments, m.start),
                        repeated: false,
                    })
                    .collect();
                (discovery.names, pending)
            }
        };
        flag_repeated_sentences(&document.text, &segments, &mut mentions, &mut discovered);
        AnalyzedDocument {
            document,
            segments,
            mentions,
            discovery_names,
            discovered,
        }
    }

    /// The mentions that count: resolved to one entity and not in a repeated sentence.
    pub fn counted_mentions(&self) -> impl Iterator<Item = &DocumentMention> {
        self.mentions
            .iter()
            .filter(|m| !m.repeated && m.mention.entity().is_some())
    }

    /// The original text of a byte span.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.document.text[start..end]
    }
}

/// The sentence holding `offset`; every non-space byte lies in one, but stay total anyway.
fn sentence_index(segments: &Segments, offset: usize) -> usize {
    segments.sentence_at(offset).unwrap_or_else(|| {
        segments
            .sentences
            .partition_point(|s| s.span.start <= offset)
            .saturating_sub(1)
    })
}

/// Sets `repeated` on the mentions (each list in text order) whose sentence repeats an
/// earlier one.
///
/// Only sentences that hold a mention are compared: a sentence equal to one with a mention has
/// the same mention, so the sentences without any cannot be the earlier copy of one that has.
fn flag_repeated_sentences(
    text: &str,
    segments: &Segments,
    mentions: &mut [DocumentMention],
    discovered: &mut [PendingMention],
) {
    // Sentences are compared word by word (whitespace-normalised) without building strings:
    // a hash finds the earlier sentences that may be equal, a word comparison decides.
    let words = |i: usize| {
        let span = segments.sentences[i].span;
        text[span.start..span.end].split_whitespace()
    };
    // Every mention as (sentence, what it names), in text order: dictionary entities by
    // number, discovered names after them all.
    let mut marks: Vec<(usize, u64)> = mentions
        .iter()
        .map(|m| {
            (
                m.sentence,
                m.mention.entity().map_or(u64::MAX, |e| u64::from(e.0)),
            )
        })
        .collect();
    if !discovered.is_empty() {
        marks.extend(
            discovered
                .iter()
                .map(|m| (m.sentence, u64::from(u32::MAX) + 1 + m.name as u64)),
        );
        // Stable: within a sentence, dictionary mentions first, each list in text order.
        marks.sort_by_key(|&(sentence, _)| sentence);
    }
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut repeated_sentences: Vec<usize> = Vec::new();
    for run in marks.chunk_by(|a, b| a.0 == b.0) {
        let sentence = run[0].0;
        let span = segments.sentences[sentence].span;
        // Equal sentences have the same ends and the same mentions: both go into the key, so
        // that sentences cut from one template (same ends, other names) do not share one.
        let hash = run.iter().fold(
            sentence_ends_hash(&text.as_bytes()[span.start..span.end]),
            |hash, &(_, named)| (hash.rotate_left(7) ^ named).wrapping_mul(0x9e37_79b9_7f4a_7c15),
        );
        let earlier = seen.entry(hash).or_default();
        if earlier.iter().any(|&j| words(j).eq(words(sentence))) {
            repeated_sentences.push(sentence);
        } else {
            earlier.push(sentence);
        }
    }
    // Ascending, as the runs were.
    for mention in mentions.iter_mut() {
        mention.repeated = repeated_sentences.binary_search(&mention.sentence).is_ok();
    }
    for mention in discovered.iter_mut() {
        mention.repeated = repeated_sentences.binary_search(&mention.sentence).is_ok();
    }
}

/// A hash of the first and the last ASCII letters and digits of a sentence (up to 32 of each):
/// sentences with equal word lists hash equally, which is all a key for finding candidates
/// needs (the words decide), and it reads two short stretches, not the whole sentence.
fn sentence_ends_hash(sentence: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    const ENDS: usize = 32;
    let mix = |hash: u64, byte: &u8| (hash.rotate_left(5) ^ u64::from(*byte)).wrapping_mul(K);
    let alphanumeric = |byte: &&u8| byte.is_ascii_alphanumeric();
    let head = sentence.iter().filter(alphanumeric).take(ENDS).fold(0, mix);
    let tail = sentence
        .iter()
        .rev()
        .filter(alphanumeric)
        .take(ENDS)
        .fold(1, mix);
    (head ^ tail.rotate_left(32)).wrapping_mul(K)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;

    #[test]
    fn repeated_sentences_are_flagged_and_not_counted() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str("t.tsv", "belarus\tcountry\tBelarus\n");
        let matcher = Matcher::new(&builder.build().unwrap()).unwrap();
        let text = "Exercises in Belarus.\n\nExercises  in Belarus. ©AP\n\nExercises in Belarus.";
        let analyzed = AnalyzedDocument::new(Document::new("d", text), &matcher);
        let flags: Vec<bool> = analyzed.mentions.iter().map(|m| m.repeated).collect();
        assert_eq!(flags, [false, true, true]);
        assert_eq!(analyzed.counted_mentions().count(), 1);
        let sentences: Vec<usize> = analyzed.mentions.iter().map(|m| m.sentence).collect();
        assert_eq!(sentences, [0, 1, 3], "\"©AP\" is a sentence of its own");
    }
}
