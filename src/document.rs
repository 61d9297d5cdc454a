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

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

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
}

impl Document {
    /// A document without a date.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            date: None,
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

/// The result of analysing one [`Document`].
#[derive(Debug, Clone)]
pub struct AnalyzedDocument {
    /// The document.
    pub document: Document,
    /// Its paragraphs and sentences.
    pub segments: Segments,
    /// For each sentence, whether it repeats an earlier one.
    pub repeated_sentences: Vec<bool>,
    /// Its mentions, in text order.
    pub mentions: Vec<DocumentMention>,
}

impl AnalyzedDocument {
    /// Segments `document`, finds and resolves its mentions.
    pub fn new(document: Document, matcher: &Matcher) -> AnalyzedDocument {
        let segments = Segments::new(&document.text);
        let repeated_sentences = repeated_sentences(&document.text, &segments);
        let mentions = resolve(matcher.candidates(&document.text))
            .into_iter()
            .map(|mention| {
                let sentence = sentence_index(&segments, mention.start);
                DocumentMention {
                    repeated: repeated_sentences.get(sentence).copied().unwrap_or(false),
                    mention,
                    sentence,
                }
            })
            .collect();
        AnalyzedDocument {
            document,
            segments,
            repeated_sentences,
            mentions,
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

fn repeated_sentences(text: &str, segments: &Segments) -> Vec<bool> {
    // Sentences are compared word by word (whitespace-normalised) without building strings:
    // a hash finds the earlier sentences that may be equal, a word comparison decides.
    let words = |i: usize| {
        let span = segments.sentences[i].span;
        text[span.start..span.end].split_whitespace()
    };
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    (0..segments.sentences.len())
        .map(|i| {
            let mut hasher = DefaultHasher::new();
            for word in words(i) {
                word.hash(&mut hasher);
            }
            let earlier = seen.entry(hasher.finish()).or_default();
            let repeated = earlier.iter().any(|&j| words(j).eq(words(i)));
            if !repeated {
                earlier.push(i);
            }
            repeated
        })
        .collect()
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
        assert_eq!(analyzed.repeated_sentences, [false, true, false, true]);
    }
}
