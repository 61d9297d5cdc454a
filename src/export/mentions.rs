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
//! candidates in `"ambiguous"`; a mention of a provisional entity (`--discover`) has
//! `"provisional": true` after its `type`; a mention in a sentence that repeats an earlier one of the same
//! document has `"repeated": true` and was not counted. A mention of a dated document (JSON
//! Lines input with `--date-field`) has its `"date"` (`YYYY-MM-DD`).

use std::io::{self, Write};

use crate::document::provisional::{Catalog, ATTRIBUTE};
use crate::document::AnalyzedDocument;
use crate::resolve::Resolution;

/// Writes the mentions of one document, one JSON object per line.
///
/// The records are written by hand rather than through serde: a mention is a handful of fields,
/// most strings need no escaping, and this file is the largest output of a run. The bytes are
/// those `serde_json` writes for the same record (compact, fields in the order above).
///
/// # Errors
/// Whatever the writer returns.
pub fn write_document<'a>(
    catalog: impl Into<Catalog<'a>>,
    document: &AnalyzedDocument,
    mut out: impl Write,
) -> io::Result<()> {
    // One buffer per document, one write; a document with a million mentions is written a
    // megabyte at a time, so the buffer does not grow with it.
    let mut buffer = Vec::with_capacity((document.mentions.len() * 200).min(FLUSH_BYTES + 4096));
    append_lines(catalog.into(), document, &mut buffer, |buffer| {
        if buffer.len() >= FLUSH_BYTES {
            out.write_all(buffer)?;
            buffer.clear();
        }
        Ok(())
    })?;
    out.write_all(&buffer)
}

/// The lines [`write_document`] writes for `document`, in memory, when they stay small beside
/// its text (about four times its size: news text has a mention every few hundred bytes);
/// `None` for a document dense with mentions, which [`write_document`] should stream. This is
/// how the lines are made on the worker threads without letting hostile input (a word that is
/// an alias, repeated) hold many times its size in memory.
pub fn document_lines<'a>(
    catalog: impl Into<Catalog<'a>>,
    document: &AnalyzedDocument,
) -> Option<Vec<u8>> {
    let expected = document.mentions.len() * LINE_BYTES;
    if expected > 4 * document.document.text.len() + 16 * 1024 {
        return None;
    }
    let mut buffer = Vec::with_capacity(expected);
    // Nothing is flushed: the buffer is the result.
    append_lines(catalog.into(), document, &mut buffer, |_| Ok(())).ok()?;
    Some(buffer)
}

/// About how many bytes a mention's line takes.
const LINE_BYTES: usize = 200;

/// Appends the lines of `document` to `buffer`, calling `flush` after each line (which may
/// write the buffer out and clear it).
fn append_lines(
    catalog: Catalog<'_>,
    document: &AnalyzedDocument,
    buffer: &mut Vec<u8>,
    mut flush: impl FnMut(&mut Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    let mut document_id = Vec::new();
    write_json_string(&mut document_id, &document.document.id);
    let mut date = Vec::new();
    if let Some(day) = &document.document.date {
        date.extend_from_slice(b",\"date\":");
        write_json_string(&mut date, day);
    }
    for m in &document.mentions {
        let mention = &m.mention;
        buffer.extend_from_slice(b"{\"document\":");
        buffer.extend_from_slice(&document_id);
        buffer.extend_from_slice(b",\"start\":");
        write_decimal(buffer, document.document.offset + mention.start);
        buffer.extend_from_slice(b",\"end\":");
        write_decimal(buffer, document.document.offset + mention.end);
        buffer.extend_from_slice(b",\"text\":");
        write_json_string(buffer, document.slice(mention.start, mention.end));
        match &mention.resolution {
            Resolution::Entity(e) => {
                let entity = catalog.entity(*e);
                buffer.extend_from_slice(b",\"entity\":");
                write_json_string(buffer, &entity.id);
                buffer.extend_from_slice(b",\"label\":");
                write_json_string(buffer, &entity.name);
                buffer.extend_from_slice(b",\"type\":");
                write_json_string(buffer, entity.kind.as_str());
                if entity.attributes.contains_key(ATTRIBUTE) {
                    buffer.extend_from_slice(b",\"provisional\":true");
                }
            }
            Resolution::Ambiguous(_) => {
                buffer.extend_from_slice(b",\"entity\":null,\"label\":null,\"type\":null");
            }
        }
        buffer.extend_from_slice(b",\"sentence\":");
        write_decimal(buffer, m.sentence);
        buffer.extend_from_slice(b",\"paragraph\":");
        write_decimal(buffer, document.segments.sentences[m.sentence].paragraph);
        if let Resolution::Ambiguous(candidates) = &mention.resolution {
            if !candidates.is_empty() {
                buffer.extend_from_slice(b",\"ambiguous\":[");
                for (i, e) in candidates.iter().enumerate() {
                    if i > 0 {
                        buffer.push(b',');
                    }
                    write_json_string(buffer, &catalog.entity(*e).id);
                }
                buffer.push(b']');
            }
        }
        if m.repeated {
            buffer.extend_from_slice(b",\"repeated\":true");
        }
        buffer.extend_from_slice(&date);
        buffer.extend_from_slice(b"}\n");
        flush(buffer)?;
    }
    Ok(())
}

/// Size at which [`write_document`] writes out what it has buffered.
const FLUSH_BYTES: usize = 1 << 20;

/// Appends `n` in decimal (without `fmt`, which costs more than the rest of a record).
fn write_decimal(buffer: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buffer.extend_from_slice(&digits[at..]);
}

/// Appends `text` as a JSON string; a string with nothing to escape (nearly all) is copied as
/// it is, the rest is escaped by `serde_json`.
fn write_json_string(buffer: &mut Vec<u8>, text: &str) {
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        // Writing to a Vec cannot fail, and a str always serialises.
        if serde_json::to_writer(&mut *buffer, text).is_ok() {
            return;
        }
    }
    buffer.push(b'"');
    buffer.extend_from_slice(text.as_bytes());
    buffer.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dictionary::DictionaryBuilder;
    use crate::document::Document;
    use crate::matcher::Matcher;

    /// The record as serde writes it: what the hand-written writer must reproduce byte for byte.
    #[derive(serde::Serialize)]
    struct Expected<'a> {
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

    #[test]
    fn decimals() {
        for n in [0, 7, 10, 99, 100, 123_456_789, usize::MAX] {
            let mut buffer = Vec::new();
            write_decimal(&mut buffer, n);
            assert_eq!(buffer, n.to_string().as_bytes());
        }
    }

    #[test]
    fn records_are_what_serde_json_writes() {
        let mut builder = DictionaryBuilder::new();
        builder.add_str(
            "t.tsv",
            "belarus\tcountry\tBelarus \"BY\"\tBelarus\n\
             a-smith\tperson\tAnne Smith\tSmith\n\
             b-smith\tperson\tBob Smith\tSmith\n",
        );
        let dictionary = builder.build().expect("valid dictionary");
        let matcher = Matcher::new(&dictionary).expect("matcher builds");
        let text = "Smith went to Belarus.\n\nSmith went to Belarus.";
        for date in [None, Some("2024-05-01")] {
            let mut document = Document::new("dir\\\"odd\"\nname\u{1}.txt", text);
            document.date = date.map(str::to_string);
            let analyzed = AnalyzedDocument::new(document, &matcher);
            let mut written = Vec::new();
            write_document(&dictionary, &analyzed, &mut written).expect("writes to a Vec");

            let mut expected = String::new();
            for m in &analyzed.mentions {
                let entity = m.mention.entity().map(|e| dictionary.entity(e));
                let ambiguous = match &m.mention.resolution {
                    Resolution::Entity(_) => Vec::new(),
                    Resolution::Ambiguous(es) => es
                        .iter()
                        .map(|e| dictionary.entity(*e).id.as_str())
                        .collect(),
                };
                let record = Expected {
                    document: &analyzed.document.id,
                    start: m.mention.start,
                    end: m.mention.end,
                    text: analyzed.slice(m.mention.start, m.mention.end),
                    entity: entity.map(|e| e.id.as_str()),
                    label: entity.map(|e| e.name.as_str()),
                    kind: entity.map(|e| e.kind.as_str()),
                    sentence: m.sentence,
                    paragraph: analyzed.segments.sentences[m.sentence].paragraph,
                    ambiguous,
                    repeated: m.repeated,
                    date,
                };
                expected += &serde_json::to_string(&record).expect("serialises");
                expected.push('\n');
            }
            let written = String::from_utf8(written).expect("UTF-8");
            assert_eq!(written, expected);
            // The case covers what it should: ambiguous, repeated, escaped strings.
            assert!(written.contains("\"ambiguous\":[\"a-smith\",\"b-smith\"]"));
            assert!(written.contains("\"repeated\":true"));
            assert!(written.contains("\\\"BY\\\""));
            assert_eq!(written.lines().count(), 4);
        }
    }
}
