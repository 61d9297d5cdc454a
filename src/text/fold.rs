//! Folding: the canonical form that dictionary aliases and document text are compared in.
//!
//! Folding makes spelling differences that do not change a name disappear:
//! - accents and other combining marks are dropped after compatibility decomposition (NFKD), so
//!   "Erdoğan" = "Erdogan" and "Türkiye" = "Turkiye"; letters that do not decompose but are read
//!   as a base letter plus a mark are mapped by hand (`ı ł ø đ ð ß æ œ þ`);
//! - curly quotes and apostrophes become straight ones, Unicode hyphens become `-`;
//! - every run of whitespace (line breaks, no-break spaces) becomes one space;
//! - invisible characters (soft hyphen, zero-width space and joiners, BOM) disappear;
//! - with [`CaseMode::Insensitive`], full Unicode case folding (`caseless`), so "STRASSE" = "straße".
//!
//! [`FoldedText`] keeps, for every byte of the folded text, the byte offset in the original text
//! of the character that produced it. That is what lets a match found in folded text be reported
//! with its exact span and surface form in the original file.

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Whether folding also folds letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Fold case too (the form the automaton searches).
    Insensitive,
    /// Keep case (the form that case-sensitive aliases such as `US` are checked in).
    Preserve,
}

/// Text in folded form with a map back to the original byte offsets.
///
/// The map is sparse: most folded bytes come from the original byte at a constant distance
/// (ASCII letters folded to lowercase), so only the places where that distance changes are
/// stored, a pair `(folded offset, original offset)` each. A folded byte maps to the last pair
/// at or before it, plus its distance from that pair. Every byte produced by a non-ASCII
/// character gets a pair of its own (they all map to the character's start), and so does the
/// first byte after a collapsed run of whitespace. Plain ASCII prose thus needs a few pairs per
/// paragraph instead of four bytes of map per byte of text.
#[derive(Debug, Clone)]
pub struct FoldedText {
    text: String,
    /// Breakpoints `(folded offset, original offset)`, sorted by folded offset.
    points: Vec<(u32, u32)>,
    original_len: u32,
}

/// Builds a [`FoldedText`]: the folded bytes and the breakpoints of the map.
struct Builder {
    text: Vec<u8>,
    points: Vec<(u32, u32)>,
    /// Whether the last byte pushed continues the last breakpoint's run at distance 1.
    in_run: bool,
    /// Original offset that the next byte of the current run would come from.
    next_origin: u32,
}

impl Builder {
    /// Appends one byte that comes from the original byte at `origin` (one byte in, one out).
    fn push_mapped(&mut self, byte: u8, origin: u32) {
        if !(self.in_run && origin == self.next_origin) {
            self.points.push((self.text.len() as u32, origin));
        }
        self.text.push(byte);
        self.in_run = true;
        self.next_origin = origin + 1;
    }

    /// Appends the bytes a non-ASCII character at `origin` folded to: all map to `origin`.
    fn push_char(&mut self, bytes: &[u8], origin: u32) {
        for &byte in bytes {
            self.points.push((self.text.len() as u32, origin));
            self.text.push(byte);
        }
        self.in_run = false;
    }
}

impl FoldedText {
    /// Folds `original` with case folding. Documents are limited to 4 GiB (offsets are `u32`);
    /// the caller checks that.
    pub fn new(original: &str) -> FoldedText {
        let mut builder = Builder {
            text: Vec::with_capacity(original.len()),
            points: Vec::new(),
            in_run: false,
            next_origin: 0,
        };
        let mut last_was_space = false;
        let mut scratch = String::new();
        let bytes = original.as_bytes();
        let mut offset = 0;
        while offset < bytes.len() {
            // ASCII, nearly all of most news text, needs no decoding: one byte in, one out.
            let byte = bytes[offset];
            if byte.is_ascii() {
                if (byte as char).is_whitespace() {
                    if !last_was_space {
                        builder.push_mapped(b' ', offset as u32);
                    }
                    last_was_space = true;
                } else {
                    builder.push_mapped(byte.to_ascii_lowercase(), offset as u32);
                    last_was_space = false;
                }
                offset += 1;
                continue;
            }
            let Some(c) = original[offset..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                if !last_was_space {
                    builder.push_char(b" ", offset as u32);
                }
                last_was_space = true;
            } else {
                scratch.clear();
                fold_char(c, CaseMode::Insensitive, &mut scratch);
                if !scratch.is_empty() {
                    builder.push_char(scratch.as_bytes(), offset as u32);
                    last_was_space = false;
                }
            }
            offset += c.len_utf8();
        }
        // Only whole characters were appended, so this is valid UTF-8.
        let text = String::from_utf8(builder.text)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        FoldedText {
            text,
            points: builder.points,
            original_len: original.len() as u32,
        }
    }

    /// The folded text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original offset of the character that produced folded byte `folded` (the original
    /// length for the end of the text).
    fn origin(&self, folded: usize) -> usize {
        if folded >= self.text.len() {
            return self.original_len as usize;
        }
        let i = self.points.partition_point(|&(f, _)| f as usize <= folded);
        match i.checked_sub(1).map(|i| self.points[i]) {
            Some((f, o)) => o as usize + (folded - f as usize),
            None => folded,
        }
    }

    /// Maps a span of the folded text back to the original text.
    ///
    /// The start maps to the character that produced the first folded byte. The end maps to the
    /// start of the character that produced the byte after the span, so characters that folding
    /// dropped (combining marks after the last letter) stay inside the span.
    pub fn original_span(&self, start: usize, end: usize) -> (usize, usize) {
        (self.origin(start), self.origin(end))
    }
}

/// Folds a whole string (an alias, a query), trimming it and collapsing whitespace.
pub fn fold(s: &str, mode: CaseMode) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            fold_char(c, mode, &mut out);
        }
    }
    // A word made only of dropped characters could leave a trailing space.
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out
}

/// Appends the folded form of one non-whitespace character to `out`.
fn fold_char(c: char, mode: CaseMode, out: &mut String) {
    if c.is_ascii() {
        out.push(match mode {
            CaseMode::Insensitive => c.to_ascii_lowercase(),
            CaseMode::Preserve => c,
        });
        return;
    }
    if let Some(replacement) = punctuation(c) {
        if let Some(r) = replacement {
            out.push(r);
        }
        return;
    }
    match mode {
        CaseMode::Insensitive => {
            for folded in std::iter::once(c).default_case_fold() {
                push_without_marks(folded, mode, out);
            }
        }
        CaseMode::Preserve => push_without_marks(c, mode, out),
    }
}

/// Decomposes `c` (NFKD), drops combining marks and maps the letters that do not decompose.
fn push_without_marks(c: char, mode: CaseMode, out: &mut String) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        match base_letter(d) {
            Some(base) if mode == CaseMode::Preserve && d.is_uppercase() => {
                out.extend(base.chars().flat_map(char::to_uppercase))
            }
            Some(base) => out.push_str(base),
            None if mode == CaseMode::Insensitive => out.extend(d.to_lowercase()),
            None => out.push(d),
        }
    });
}

/// Letters read as a base letter with a mark that Unicode does not decompose.
fn base_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' | 'İ' => "i",
        'ł' | 'Ł' => "l",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ħ' | 'Ħ' => "h",
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'þ' | 'Þ' => "th",
        _ => return None,
    })
}

/// Quotes, apostrophes, hyphens and invisible characters: `Some(Some(c))` replaces,
/// `Some(None)` drops, `None` leaves the character to the general rules.
fn punctuation(c: char) -> Option<Option<char>> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BB}'
        | '\u{02BC}' | '\u{00B4}' | '\u{FF07}' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' | '\u{FF02}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => Some('-'),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_names_to_one_form() {
        let cases = [
            ("Erdoğan", "erdogan"),
            ("Türkiye", "turkiye"),
            ("Côte d’Ivoire", "cote d'ivoire"),
            ("  Tayyip \n\t Erdogan ", "tayyip erdogan"),
            ("Łukasz Ørsted", "lukasz orsted"),
            ("STRAẞE", "strasse"),
            ("Kyïv", "kyiv"),
            ("İstanbul", "istanbul"),
            ("soft\u{00AD}hyphen", "softhyphen"),
            ("ﬁnance", "finance"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input, CaseMode::Insensitive), expected, "{input:?}");
        }
    }

    #[test]
    fn preserve_mode_keeps_case_but_drops_marks() {
        assert_eq!(fold("U.S.", CaseMode::Preserve), "U.S.");
        assert_eq!(fold("Türkiye", CaseMode::Preserve), "Turkiye");
        assert_eq!(fold("ŁÓDŹ", CaseMode::Preserve), "LODZ");
        assert_eq!(fold("us", CaseMode::Preserve), "us");
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let original = "Mr. Erdoğan’s  visit\nto Türkiye";
        let folded = FoldedText::new(original);
        assert_eq!(folded.as_str(), "mr. erdogan's visit to turkiye");
        let start = folded.as_str().find("erdogan").unwrap();
        let (s, e) = folded.original_span(start, start + "erdogan".len());
        assert_eq!(&original[s..e], "Erdoğan");
        let start = folded.as_str().find("turkiye").unwrap();
        let (s, e) = folded.original_span(start, start + "turkiye".len());
        assert_eq!(&original[s..e], "Türkiye");
    }

    #[test]
    fn decomposed_input_keeps_its_trailing_mark_in_the_span() {
        let original = "Jose\u{301} said";
        let folded = FoldedText::new(original);
        assert_eq!(folded.as_str(), "jose said");
        let (s, e) = folded.original_span(0, 4);
        assert_eq!(&original[s..e], "Jose\u{301}");
    }

    #[test]
    fn whitespace_runs_and_line_breaks_collapse() {
        let folded = FoldedText::new("Vladimir\r\n   Putin");
        assert_eq!(folded.as_str(), "vladimir putin");
        let (s, e) = folded.original_span(0, folded.as_str().len());
        assert_eq!((s, e), (0, "Vladimir\r\n   Putin".len()));
    }
}
