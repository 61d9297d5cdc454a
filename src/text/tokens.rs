//! Tokens: the folded text cut into words and single punctuation marks, with original spans.
//!
//! The matcher compares text and aliases token by token, so both are cut the same way:
//! - a **word** is a maximal run of letters and digits (in any script) of the folded text;
//! - every other character of the folded text is a token of its own (`.`, `-`, `'`, `&` …);
//! - whitespace separates tokens and is remembered only as a flag on the token after it
//!   ([`Token::space_before`]), so "Tayyip\n  Erdogan" and "Tayyip Erdogan" give the same
//!   tokens.
//!
//! Folding happens on the fly (see [`fold`](mod@crate::text::fold)): accents and case
//! disappear, curly apostrophes become straight ones, invisible characters (soft hyphen,
//! zero-width joiners, combining marks after NFKD) vanish without cutting a word. ASCII, nearly
//! all of English news, takes a fast path that never decodes a character.
//!
//! Each token carries the byte span of the *original* text it came from. A token ends where the
//! next character that produces folded output (or whitespace, or the end of the text) begins,
//! so characters dropped by folding right after a word (a combining accent) stay inside its
//! span, and `&text[start..end]` is the surface form as written.

use crate::text::fold::{fold_char, CaseMode};

/// One token of folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// The folded form followed by at least 8 more bytes of padding: [`Token::folded`] without
    /// them. The padding lets the matcher read a short token as one 8-byte word.
    padded: &'a [u8],
    len: usize,
    /// Byte offset of the token's first character in the original text.
    pub start: usize,
    /// Byte offset where the token ends in the original text.
    pub end: usize,
    /// Whether whitespace separates this token from the previous one.
    pub space_before: bool,
    /// Whether the token is a word (letters and digits) rather than another character.
    pub is_word: bool,
}

impl<'a> Token<'a> {
    /// The folded form: a word (letters and digits) or one other character.
    #[inline]
    pub fn folded(&self) -> &'a [u8] {
        &self.padded[..self.len]
    }

    /// The first 8 bytes of the folded form, little-endian, with whatever follows a shorter
    /// token (mask it by length).
    #[inline]
    pub(crate) fn first_eight(&self) -> u64 {
        let mut word = [0; 8];
        word.copy_from_slice(&self.padded[..8]);
        u64::from_le_bytes(word)
    }
}

/// Bytes of padding after every token's folded form.
const PADDING: usize = 8;

/// What the tokenizer is in the middle of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Word,
    Mark,
}

/// Where the open token's folded bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folded {
    /// `lower[start..end]`: ASCII, folded by lowercasing the whole text at once.
    Lower { start: usize, end: usize },
    /// The scratch buffer, for tokens with non-ASCII characters.
    Scratch,
}

/// Cuts `text` into tokens and calls `each` for every one, in text order.
pub fn tokenize(text: &str, mut each: impl FnMut(Token<'_>)) {
    let bytes = text.as_bytes();
    // ASCII folds by lowercasing; doing it for the whole text at once is a vectorised pass,
    // and every ASCII token is then a slice of it.
    let mut lower = Vec::with_capacity(bytes.len() + PADDING);
    lower.extend_from_slice(bytes);
    lower.make_ascii_lowercase();
    lower.extend_from_slice(&[0; PADDING]);
    let mut cutter = Cutter {
        lower: &lower,
        scratch: Vec::with_capacity(32),
        folded: Folded::Scratch,
        open: Open::Nothing,
        start: 0,
        space_before: false,
        space_pending: false,
    };
    let mut folded_char = String::new();
    let mut offset = 0;
    while offset < bytes.len() {
        let byte = bytes[offset];
        if byte.is_ascii_alphanumeric() {
            // The fast path: a run of ASCII letters and digits.
            let run_end = bytes[offset + 1..]
                .iter()
                .position(|&b| !WORD_BYTE[b as usize])
                .map_or(bytes.len(), |n| offset + 1 + n);
            cutter.extend_word(offset, run_end, &mut each);
            offset = run_end;
        } else if byte.is_ascii() {
            if (byte as char).is_whitespace() {
                cutter.whitespace(offset, &mut each);
            } else {
                cutter.open_token(Open::Mark, offset, &mut each);
                cutter.folded = Folded::Lower {
                    start: offset,
                    end: offset + 1,
                };
            }
            offset += 1;
        } else {
            let Some(c) = text[offset..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                cutter.whitespace(offset, &mut each);
            } else {
                folded_char.clear();
                fold_char(c, CaseMode::Insensitive, &mut folded_char);
                for f in folded_char.chars() {
                    cutter.push_folded_char(f, offset, &mut each);
                }
            }
            offset += c.len_utf8();
        }
    }
    cutter.close(bytes.len(), &mut each);
}

/// Which ASCII bytes are letters or digits.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The token being built.
struct Cutter<'l> {
    lower: &'l [u8],
    scratch: Vec<u8>,
    folded: Folded,
    open: Open,
    start: usize,
    space_before: bool,
    space_pending: bool,
}

impl Cutter<'_> {
    /// Makes sure a token of `kind` is open at `offset`: a word continues a word, anything else
    /// closes the open token first.
    fn open_token(&mut self, kind: Open, offset: usize, each: &mut impl FnMut(Token<'_>)) {
        if kind == Open::Word && self.open == Open::Word {
            return;
        }
        self.close(offset, each);
        self.open = kind;
        self.folded = Folded::Scratch;
        self.start = offset;
        self.space_before = self.space_pending;
        self.space_pending = false;
    }

    /// Appends the ASCII letters and digits `start..end` to a word.
    fn extend_word(&mut self, start: usize, end: usize, each: &mut impl FnMut(Token<'_>)) {
        if self.open == Open::Word {
            // A word that already has other characters: "Erdoğan" after "Erdo".
            self.move_to_scratch();
            self.scratch.extend_from_slice(&self.lower[start..end]);
        } else {
            self.open_token(Open::Word, start, each);
            self.folded = Folded::Lower { start, end };
        }
    }

    /// Appends one folded character of the original character at `offset`.
    fn push_folded_char(&mut self, f: char, offset: usize, each: &mut impl FnMut(Token<'_>)) {
        if f.is_whitespace() {
            self.whitespace(offset, each);
            return;
        }
        let kind = if f.is_alphanumeric() {
            Open::Word
        } else {
            Open::Mark
        };
        self.open_token(kind, offset, each);
        self.move_to_scratch();
        let mut utf8 = [0; 4];
        self.scratch
            .extend_from_slice(f.encode_utf8(&mut utf8).as_bytes());
    }

    fn move_to_scratch(&mut self) {
        if let Folded::Lower { start, end } = self.folded {
            self.scratch.clear();
            self.scratch.extend_from_slice(&self.lower[start..end]);
            self.folded = Folded::Scratch;
        }
    }

    fn whitespace(&mut self, offset: usize, each: &mut impl FnMut(Token<'_>)) {
        self.close(offset, each);
        self.space_pending = true;
    }

    /// Emits the open token, if any, as ending at `end`.
    fn close(&mut self, end: usize, each: &mut impl FnMut(Token<'_>)) {
        if self.open == Open::Nothing {
            return;
        }
        let is_word = self.open == Open::Word;
        self.open = Open::Nothing;
        let (padded, len) = match self.folded {
            Folded::Lower {
                start: from,
                end: to,
            } => (&self.lower[from..to + PADDING], to - from),
            Folded::Scratch => {
                let len = self.scratch.len();
                self.scratch.extend_from_slice(&[0; PADDING]);
                (&self.scratch[..], len)
            }
        };
        if len > 0 {
            each(Token {
                padded,
                len,
                start: self.start,
                end,
                space_before: self.space_before,
                is_word,
            });
        }
        self.scratch.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(folded, surface, space_before)` of every token.
    fn tokens(text: &str) -> Vec<(String, String, bool)> {
        let mut out = Vec::new();
        tokenize(text, |t| {
            out.push((
                String::from_utf8_lossy(t.folded()).into_owned(),
                text[t.start..t.end].to_string(),
                t.space_before,
            ))
        });
        out
    }

    fn folded(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn words_and_marks() {
        assert_eq!(
            folded("Côte d’Ivoire, PKK/YPG and pro-Russian U.S."),
            [
                "cote", "d", "'", "ivoire", ",", "pkk", "/", "ypg", "and", "pro", "-", "russian",
                "u", ".", "s", "."
            ]
        );
    }

    #[test]
    fn spans_are_surface_forms() {
        let t = tokens("Mr. Erdoğan’s\n visit");
        let surfaces: Vec<&str> = t.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(surfaces, ["Mr", ".", "Erdoğan", "’", "s", "visit"]);
        let spaces: Vec<bool> = t.iter().map(|t| t.2).collect();
        assert_eq!(spaces, [false, false, true, false, false, true]);
    }

    #[test]
    fn invisible_characters_do_not_cut_words() {
        assert_eq!(folded("Erdo\u{AD}gan"), ["erdogan"]);
        assert_eq!(folded("Erdog\u{306}an"), ["erdogan"]);
        assert_eq!(folded("\u{FEFF}Putin"), ["putin"]);
    }

    #[test]
    fn a_trailing_mark_stays_in_the_span() {
        let t = tokens("Jose\u{301} said");
        assert_eq!(t[0], ("jose".to_string(), "Jose\u{301}".to_string(), false));
    }

    #[test]
    fn case_and_expansions_fold() {
        assert_eq!(
            folded("STRAẞE İstanbul ﬁnance"),
            ["strasse", "istanbul", "finance"]
        );
    }

    #[test]
    fn other_scripts_are_words_too() {
        assert_eq!(folded("Путин и Си"), ["путин", "и", "си"]);
        assert_eq!(folded("日本"), ["日本"]);
    }
}
