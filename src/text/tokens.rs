//! Tokens: the folded text cut into words and single punctuation marks, with original spans.
//!
//! The matcher compares text and aliases token by token, so both are cut the same way:
//! - a **word** is a maximal run of letters and digits (in any script) of the folded text, with
//!   the combining marks that folding keeps (Devanagari and Thai vowel signs); a run in a script
//!   written without spaces (Han, Kana, Thai …, see [`is_unspaced`]) is a word apart from the
//!   letters of other scripts glued to it: "在G20峰会" is `在`, `g20`, `峰会`;
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

use unicode_normalization::char::is_combining_mark;

use crate::text::fold::{fold_char, is_unspaced, CaseMode};

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
    /// A word in a script written without spaces.
    UnspacedWord,
    Mark,
}

impl Open {
    fn is_word(self) -> bool {
        matches!(self, Open::Word | Open::UnspacedWord)
    }
}

/// Where the open token's folded bytes are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Folded {
    /// `lower[start..end]`: ASCII, folded by lowercasing the whole text at once.
    Lower { start: usize, end: usize },
    /// The scratch buffer, for tokens with non-ASCII characters.
    Scratch,
}

/// Cuts `text` into tokens and calls `each` for every one, in text order. Returns whether the
/// text holds a word of a script written without spaces ([`is_unspaced`]), where names are
/// found inside words rather than as words.
pub fn tokenize(text: &str, mut each: impl FnMut(Token<'_>)) -> bool {
    let bytes = text.as_bytes();
    // ASCII folds by lowercasing; doing it for the whole text at once is a vectorised pass,
    // and every ASCII token is then a slice of it.
    // The buffer is reused from one call to the next on the same thread: a fresh one for
    // every document would cost a page fault every 4 KiB.
    let mut lower = LOWER_BUFFER.take();
    lower.clear();
    lower.extend_from_slice(bytes);
    lower.make_ascii_lowercase();
    lower.extend_from_slice(&[0; PADDING]);
    let unspaced = cut(text, &lower, &mut each);
    if lower.capacity() <= KEEP_LOWER_BUFFER {
        LOWER_BUFFER.set(lower);
    }
    unspaced
}

std::thread_local! {
    /// The lowercase copy of the last text this thread tokenized (see [`tokenize`]).
    static LOWER_BUFFER: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The largest lowercase buffer kept for the next call, in bytes.
const KEEP_LOWER_BUFFER: usize = 16 << 20;

/// Cuts `text`, whose lowercase copy followed by padding is `lower`; returns whether a word of a
/// script without spaces was among the tokens.
///
/// `each` is called from one place only, so that it inlines into this loop: tokens of the
/// general path are queued (their folded bytes in `queued_bytes`) and handed out by the same call.
fn cut(text: &str, lower: &[u8], mut each: impl FnMut(Token<'_>)) -> bool {
    let bytes = text.as_bytes();
    let mut unspaced = false;
    let mut space_before = false;
    let mut offset = 0;
    let mut queue: Vec<Queued> = Vec::new();
    let mut queued_bytes: Vec<u8> = Vec::new();
    let mut next_queued = 0;
    loop {
        let token = if let Some(queued) = queue.get(next_queued) {
            next_queued += 1;
            Token {
                padded: &queued_bytes[queued.folded.start..queued.folded.end + PADDING],
                len: queued.folded.len(),
                start: queued.start,
                end: queued.end,
                space_before: queued.space_before,
                is_word: queued.is_word,
            }
        } else {
            let Some(&byte) = bytes.get(offset) else {
                return unspaced;
            };
            let class = CLASS[byte as usize];
            if class == Class::Space {
                space_before = true;
                offset += 1;
                continue;
            }
            // The fast path: an ASCII word or mark followed by an ASCII character (or the
            // end) is a whole token, folded by the lowercasing above.
            let end = match class {
                Class::Word => offset + ascii_word_len(lower, offset),
                _ => offset + 1,
            };
            if class == Class::NonAscii || bytes.get(end).is_some_and(|&b| !b.is_ascii()) {
                // A token with non-ASCII characters in it or right after it (which may
                // continue it, or vanish into its span): cut everything up to the next ASCII
                // whitespace, where no token can continue, the general way.
                let chunk_end = bytes[offset..]
                    .iter()
                    .position(|&b| CLASS[b as usize] == Class::Space)
                    .map_or(bytes.len(), |n| offset + n);
                queue.clear();
                queued_bytes.clear();
                next_queued = 0;
                let range = offset..chunk_end;
                space_before = cut_general(text, range, lower, space_before, &mut |token| {
                    // Only the general path meets such letters; three bytes in UTF-8 or four.
                    unspaced |= token.is_word
                        && token.folded().first().is_some_and(|&b| b >= 0xE0)
                        && std::str::from_utf8(token.folded())
                            .ok()
                            .and_then(|word| word.chars().next())
                            .is_some_and(is_unspaced);
                    let from = queued_bytes.len();
                    queued_bytes.extend_from_slice(token.folded());
                    let folded = from..queued_bytes.len();
                    queued_bytes.extend_from_slice(&[0; PADDING]);
                    queue.push(Queued {
                        folded,
                        start: token.start,
                        end: token.end,
                        space_before: token.space_before,
                        is_word: token.is_word,
                    });
                });
                offset = chunk_end;
                continue;
            }
            let token = Token {
                padded: &lower[offset..end + PADDING],
                len: end - offset,
                start: offset,
                end,
                space_before,
                is_word: class == Class::Word,
            };
            space_before = false;
            offset = end;
            token
        };
        each(token);
    }
}

/// A token of the general path waiting to be handed out (see [`cut`]).
struct Queued {
    folded: std::ops::Range<usize>,
    start: usize,
    end: usize,
    space_before: bool,
    is_word: bool,
}

/// What a byte of the text starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// ASCII whitespace.
    Space,
    /// An ASCII letter or digit.
    Word,
    /// Another ASCII character: a token of its own.
    Mark,
    /// Part of a non-ASCII character.
    NonAscii,
}

/// The class of every byte.
const CLASS: [Class; 256] = {
    let mut table = [Class::NonAscii; 256];
    let mut b = 0;
    while b < 128 {
        // What `char::is_whitespace` says of ASCII.
        table[b] = if matches!(b as u8, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            Class::Space
        } else if (b as u8).is_ascii_alphanumeric() {
            Class::Word
        } else {
            Class::Mark
        };
        b += 1;
    }
    table
};

/// The length of the run of ASCII letters and digits at `lower[offset..]`, which starts with
/// one: eight bytes at a time, without a branch per byte (the padding ends every run).
#[inline]
fn ascii_word_len(lower: &[u8], offset: usize) -> usize {
    let mut len = 0;
    loop {
        let at = offset + len;
        let Some(eight) = lower.get(at..at + 8) else {
            return len;
        };
        let mut word = [0; 8];
        word.copy_from_slice(eight);
        let others = !ascii_alphanumeric_lanes(u64::from_le_bytes(word)) & HIGH_BITS;
        if others != 0 {
            return len + (others.trailing_zeros() / 8) as usize;
        }
        len += 8;
    }
}

/// `0x01` in every byte lane.
const LOW_BITS: u64 = u64::from_le_bytes([0x01; 8]);
/// `0x80` in every byte lane.
const HIGH_BITS: u64 = u64::from_le_bytes([0x80; 8]);

/// The high bit of every byte lane of `lanes` that holds a lowercase ASCII letter or a digit.
#[inline]
fn ascii_alphanumeric_lanes(lanes: u64) -> u64 {
    // For each byte b < 0x80 (lanes with the high bit set are masked out by `!lanes`),
    // `(0x7F + above) - b` has its high bit set when b < above, and `b + (0x7F - below)` when
    // b > below; neither carries into the next lane.
    let between = |below: u64, above: u64| {
        let low7 = lanes & (LOW_BITS * 0x7F);
        (LOW_BITS * (0x7F + above) - low7) & !lanes & (low7 + LOW_BITS * (0x7F - below)) & HIGH_BITS
    };
    between(b'a' as u64 - 1, b'z' as u64 + 1) | between(b'0' as u64 - 1, b'9' as u64 + 1)
}

/// Cuts `text[range]` character by character, folding as it goes: the general tokenizer, for
/// the stretches the ASCII fast path of [`tokenize`] leaves to it. The range must start where a
/// token may start and end at whitespace or at the end of the text; `space_before` says whether
/// whitespace came before it. Returns whether whitespace is pending after it.
///
/// `each` is a trait object so that the fast path's call of it, the hot one, is the only one
/// to inline.
fn cut_general(
    text: &str,
    range: std::ops::Range<usize>,
    lower: &[u8],
    space_before: bool,
    each: &mut dyn FnMut(Token<'_>),
) -> bool {
    let bytes = text.as_bytes();
    let mut cutter = Cutter {
        lower,
        scratch: Vec::with_capacity(32),
        folded: Folded::Scratch,
        open: Open::Nothing,
        start: range.start,
        space_before: false,
        space_pending: space_before,
    };
    let mut folded_char = String::new();
    let mut offset = range.start;
    while offset < range.end {
        let byte = bytes[offset];
        if byte.is_ascii_alphanumeric() {
            let run_end = offset + ascii_word_len(lower, offset);
            cutter.extend_word(offset, run_end, each);
            offset = run_end;
        } else if CLASS[byte as usize] == Class::Space {
            cutter.whitespace(offset, each);
            offset += 1;
        } else if byte.is_ascii() {
            cutter.open_token(Open::Mark, offset, each);
            cutter.folded = Folded::Lower {
                start: offset,
                end: offset + 1,
            };
            offset += 1;
        } else {
            let Some(c) = text[offset..].chars().next() else {
                break;
            };
            if c.is_whitespace() {
                cutter.whitespace(offset, each);
            } else {
                folded_char.clear();
                fold_char(c, CaseMode::Insensitive, &mut folded_char);
                for f in folded_char.chars() {
                    cutter.push_folded_char(f, offset, each);
                }
            }
            offset += c.len_utf8();
        }
    }
    cutter.close(range.end, each);
    cutter.space_pending
}

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
    fn open_token(&mut self, kind: Open, offset: usize, each: &mut dyn FnMut(Token<'_>)) {
        if kind.is_word() && self.open == kind {
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
    fn extend_word(&mut self, start: usize, end: usize, each: &mut dyn FnMut(Token<'_>)) {
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
    fn push_folded_char(&mut self, f: char, offset: usize, each: &mut dyn FnMut(Token<'_>)) {
        if f.is_whitespace() {
            self.whitespace(offset, each);
            return;
        }
        let kind = if is_unspaced(f) {
            Open::UnspacedWord
        } else if f.is_alphanumeric() {
            Open::Word
        } else if is_combining_mark(f) && self.open.is_word() {
            // A mark folding kept (a vowel sign) belongs to the word before it.
            self.open
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

    fn whitespace(&mut self, offset: usize, each: &mut dyn FnMut(Token<'_>)) {
        self.close(offset, each);
        self.space_pending = true;
    }

    /// Emits the open token, if any, as ending at `end`.
    fn close(&mut self, end: usize, each: &mut dyn FnMut(Token<'_>)) {
        if self.open == Open::Nothing {
            return;
        }
        let is_word = self.open.is_word();
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

    /// The tokens of the general tokenizer alone, over the whole text.
    fn general_tokens(text: &str) -> Vec<(Vec<u8>, usize, usize, bool, bool)> {
        let mut lower = text.as_bytes().to_ascii_lowercase();
        lower.extend_from_slice(&[0; PADDING]);
        let mut out = Vec::new();
        cut_general(text, 0..text.len(), &lower, false, &mut |t: Token<'_>| {
            out.push((
                t.folded().to_vec(),
                t.start,
                t.end,
                t.space_before,
                t.is_word,
            ))
        });
        out
    }

    proptest::proptest! {
        /// The ASCII fast path cuts exactly as the general tokenizer does, whatever mix of
        /// ASCII, accents, combining marks, invisible characters and odd spaces surrounds it.
        #[test]
        fn fast_path_agrees_with_the_general_tokenizer(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Erdogan", "erdo", "PKK", "12", "abcdefghijklmnop", "U", ".", "/", "'", "-",
                    " ", "  ", "\n", "\t", "\u{b}", "\u{1f}", "ğan", "Côte", "\u{301}", "\u{AD}",
                    "\u{200D}", "\u{A0}", "\u{2009}", "’", "ﬁ", "ẞ", "İ", "日本", "Путин", "\u{FEFF}",
                ]),
                0..20,
            )
        ) {
            let text = pieces.concat();
            let mut fast = Vec::new();
            tokenize(&text, |t| {
                fast.push((t.folded().to_vec(), t.start, t.end, t.space_before, t.is_word))
            });
            proptest::prop_assert_eq!(fast, general_tokens(&text));
        }
    }

    #[test]
    fn ascii_word_lengths() {
        for text in [
            "a",
            "abcdefgh",
            "abcdefghi",
            "Ab9 x",
            "abc\u{e9}",
            "0123456789abcdefz-",
        ] {
            let mut lower = text.as_bytes().to_ascii_lowercase();
            lower.extend_from_slice(&[0; PADDING]);
            let expected = text.bytes().take_while(u8::is_ascii_alphanumeric).count();
            assert_eq!(ascii_word_len(&lower, 0), expected, "{text:?}");
        }
        // Every byte value after a letter: only ASCII letters and digits continue the word.
        for byte in 0..=255u8 {
            let lower = [b'a', byte.to_ascii_lowercase(), 0, 0, 0, 0, 0, 0, 0, 0];
            let expected = 1 + usize::from(byte.is_ascii_alphanumeric());
            assert_eq!(ascii_word_len(&lower, 0), expected, "byte {byte:#x}");
        }
    }

    #[test]
    fn other_scripts_are_words_too() {
        assert_eq!(folded("Путин и Си"), ["путин", "и", "си"]);
        assert_eq!(folded("日本"), ["日本"]);
    }
}
