//! `mentions.jsonl`: one JSON object per mention, in document and text order.
//!
//! ```text
//! {"document": "seeds/001.txt", "start": 143, "end": 157, "text": "Vladimir Putin",
//!  "entity": "vladimir-putin", "label": "Vladimir Putin", "type": "person",
//!  "sentence": 2, "paragraph": 1}
//! ```
//!
//! `start`/`end` are byte offsets into the original file and `text` is exactly the bytes between
//! them. An ambiguous mention has `"entity": null` (and `label`, `type` null) and lists its
//! candidates in `"ambiguous"`; a mention in a sentence that repeats an earlier one of the same
//! document has `"repeated": true` and was not counted. A mention of a dated document (JSON
//! Lines input with `--date-field`) has its `"date"` (`YYYY-MM-DD`).

use std::io::{self, Write};

use serde::Serialize;

use crate::dictionary::Dictionary;
use crate::document::AnalyzedDocument;
use crate::resolve::Resolution;

#[derive(Serialize)]
struct MentionRecord<'a> {
    document: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    entity: Option<&'a str>,
    label: Option<&'a str>,
    #[serde(rename = "type")]
    kind: Option<&'a str>,
    sentence: usize,
    paragraph: usize,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ambiguous: Vec<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    repeated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
}

/// Writes the mentions of one document, one JSON object per line.
///
/// # Errors
/// Whatever the writer returns.
pub fn write_document(
    dictionary: &Dictionary,
    document: &AnalyzedDocument,
    mut out: impl Write,
) -> io::Result<()> {
    // One buffer per document, one write: serde_json writes many small pieces, which a
    // `Vec` takes far more cheaply than a file writer.
    let mut buffer = Vec::with_capacity(document.mentions.len() * 160);
    for m in &document.mentions {
        let (entity, ambiguous) = match &m.mention.resolution {
            Resolution::Entity(e) => (Some(dictionary.entity(*e)), Vec::new()),
            Resolution::Ambiguous(es) => (
                None,
                es.iter()
                    .map(|e| dictionary.entity(*e).id.as_str())
                    .collect(),
            ),
        };
        let record = MentionRecord {
            document: &document.document.id,
            start: m.mention.start,
            end: m.mention.end,
            text: document.slice(m.mention.start, m.mention.end),
            entity: entity.map(|e| e.id.as_str()),
            label: entity.map(|e| e.name.as_str()),
            kind: entity.map(|e| e.kind.as_str()),
            sentence: m.sentence,
            paragraph: document.segments.sentences[m.sentence].paragraph,
            ambiguous,
            repeated: m.repeated,
            date: document.document.date.as_deref(),
        };
        serde_json::to_writer(&mut buffer, &record)?;
        buffer.push(b'\n');
    }
    out.write_all(&buffer)
}
