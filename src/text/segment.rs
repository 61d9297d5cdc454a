//! Segmentation: paragraphs and sentences, as byte spans of the original text.
//!
//! **Paragraphs.** News dumps put one paragraph per line, with or without blank lines between
//! them, so every line is a paragraph, except that a line starting with a lowercase letter
//! continues the line before it (hard-wrapped text). Blank lines separate paragraphs.
//!
//! **Sentences.** A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets
//! after it) followed by whitespace and then something that is not a lowercase letter. A full
//! stop does not end a sentence after
//! - a title or abbreviation from a fixed list ("Mr. Putin", "Feb. 12", "Gen. Surovikin"),
//! - a single capital letter, an initial ("George W. Bush"),
//! - a dotted acronym ("U.S.", "U.N."), unless the next word is a common sentence opener
//!   ("… sanctions on the U.S. The Kremlin said …" is two sentences).
//!
//! Other scripts end sentences with their own marks, which end a sentence by the same rule:
//! `؟` and `۔` (Arabic, Urdu), `।` and `॥` (Devanagari and the Indic scripts that share them),
//! `։` (Armenian), `።` and `፧` (Ethiopic), `။` (Myanmar), `។` and `៕` (Khmer), `།` (Tibetan).
//! Chinese and Japanese write no space between sentences, so `。`, `！`, `？` and `｡` end one even
//! when the next follows at once ("普京访问土耳其。他会见了埃尔多安。" is two sentences).
//!
//! Plain UAX #29 sentence splitting breaks on "Mr." and "Feb.", which news text is full of; this
//! rule set keeps them and is small enough to read in one sitting.

/// A byte span `start..end` of the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A sentence: its span (trimmed of surrounding whitespace) and the paragraph it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence is in the original text.
    pub span: Span,
    /// Index of its paragraph in [`Segments::paragraphs`].
    pub paragraph: usize,
}

/// The paragraphs and sentences of one document, in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segments {
    /// Paragraph spans, trimmed, never empty.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, trimmed, never empty.
    pub sentences: Vec<Sentence>,
}

impl Segments {
    /// Splits `text` into paragraphs and sentences.
    pub fn new(text: &str) -> Segments {
        let mut segments = Segments::default();
        for paragraph in paragraphs(text) {
            let index = segments.paragraphs.len();
            segments.paragraphs.push(paragraph);
            for span in sentences(text, paragraph) {
                segments.sentences.push(Sentence {
                    span,
                    paragraph: index,
                });
            }
        }
        segments
    }

    /// Index of the sentence that contains byte `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        (i < self.sentences.len() && self.sentences[i].span.start <= offset).then_some(i)
    }
}

/// Paragraph spans of `text` (see the module doc).
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut previous_line_blank = true;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let span = trim(text, line_start, line_start + line.len());
        line_start += line.len();
        let Some(span) = span else {
            previous_line_blank = true;
            continue;
        };
        let continues = !previous_line_blank
            && text[span.start..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(last) if continues => last.end = span.end,
            _ => out.push(span),
        }
        previous_line_blank = false;
    }
    out
}

/// The position of the next `.`, `!`, `?` or E2 byte at or after `from`. `next_ascii` and
/// `next_e2` cache the next of each kind (`memchr3` cannot look for all four at once): a fresh
/// search for each would scan to the end of the paragraph for every E2 byte (curly quotes,
/// dashes, joiners) in a paragraph without a full stop, quadratic in its length.
fn next_terminator(
    bytes: &[u8],
    from: usize,
    next_ascii: &mut Option<usize>,
    next_e2: &mut Option<usize>,
) -> Option<usize> {
    if next_ascii.is_some_and(|a| a < from) {
        *next_ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[from..]).map(|n| from + n);
    }
    if next_e2.is_some_and(|e2| e2 < from) {
        *next_e2 = memchr::memchr(0xE2, &bytes[from..]).map(|n| from + n);
    }
    match (*next_ascii, *next_e2) {
        (Some(a), Some(e)) => Some(a.min(e)),
        (a, e) => a.or(e),
    }
}

/// Whether `c` ends a sentence (when the rules below agree).
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…') || is_other_script_terminator(c)
}

/// The sentence marks of other scripts (see the module doc).
fn is_other_script_terminator(c: char) -> bool {
    matches!(
        c,
        '؟' | '۔' | '।' | '॥' | '։' | '።' | '፧' | '။' | '។' | '៕' | '།'
    ) || ends_without_space(c)
}

/// The marks after which Chinese and Japanese start the next sentence without a space.
fn ends_without_space(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '｡')
}

/// Whether `bytes` holds a byte that starts one of [`is_other_script_terminator`]'s marks (all
/// of them are two or three bytes long and start with one of these): text without one, such as
/// English, is searched with the fast path alone.
fn may_hold_other_marks(bytes: &[u8]) -> bool {
    // Three vectorised passes cost less than one byte-by-byte test of seven values.
    !bytes.is_ascii()
        && (memchr::memchr3(0xD6, 0xD8, 0xDB, bytes).is_some()
            || memchr::memchr3(0xE0, 0xE1, 0xE3, bytes).is_some()
            || memchr::memchr(0xEF, bytes).is_some())
}

/// The position of the next byte at or after `from` that may start a terminator of any script.
fn next_terminator_any_script(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..]
        .iter()
        .position(|&b| {
            matches!(
                b,
                b'.' | b'!' | b'?' | 0xD6 | 0xD8 | 0xDB | 0xE0 | 0xE1 | 0xE2 | 0xE3 | 0xEF
            )
        })
        .map(|n| from + n)
}

/// Sentence spans inside one paragraph.
fn sentences(text: &str, paragraph: Span) -> Vec<Span> {
    let body = &text[paragraph.start..paragraph.end];
    let bytes = body.as_bytes();
    let mut out = Vec::new();
    let mut sentence_start = 0;
    let mut offset = 0;
    // Jump from one possible terminator to the next: `.`, `!`, `?`, or the lead byte E2 of
    // `…` (U+2026, E2 80 A6) and of other punctuation, checked when found.
    // Text in other scripts is searched byte by byte for their marks' first bytes as well.
    let other_scripts = may_hold_other_marks(bytes);
    let mut next_ascii = memchr::memchr3(b'.', b'!', b'?', bytes);
    let mut next_e2 = memchr::memchr(0xE2, bytes);
    loop {
        let next = if other_scripts {
            next_terminator_any_script(bytes, offset)
        } else {
            next_terminator(bytes, offset, &mut next_ascii, &mut next_e2)
        };
        let Some(i) = next else {
            break;
        };
        let Some(c) = body[i..].chars().next() else {
            break;
        };
        offset = i + c.len_utf8();
        if !is_terminator(c) {
            continue;
        }
        // The terminator run ("?!", "...") and any closing quotes or brackets.
        let mut end = offset;
        let mut only_full_stops = c == '.';
        for d in body[end..].chars() {
            if is_terminator(d) {
                only_full_stops &= d == '.';
            } else if !is_closing(d) {
                break;
            }
            end += d.len_utf8();
        }
        offset = end;
        // Whitespace, then the first character of what follows.
        let rest = &body[end..];
        let after_space = rest.trim_start();
        if after_space.is_empty() {
            continue;
        }
        let spaced = after_space.len() < rest.len();
        let ends = if ends_without_space(c) {
            // Chinese and Japanese: the next sentence may follow at once, except after a
            // closing quote that the text runs on from (“会谈富有成果。”埃尔多安说: the
            // speaker is part of the sentence, as in "“It was useful,” he said").
            spaced || !body[..end].chars().next_back().is_some_and(is_closing)
        } else {
            spaced
                && !after_space.starts_with(char::is_lowercase)
                && (!only_full_stops
                    || full_stop_ends_sentence(&body[sentence_start..i], after_space))
        };
        if !ends {
            continue;
        }
        if let Some(span) = trim(
            text,
            paragraph.start + sentence_start,
            paragraph.start + end,
        ) {
            out.push(span);
        }
        sentence_start = body.len() - after_space.len();
    }
    if let Some(span) = trim(text, paragraph.start + sentence_start, paragraph.end) {
        out.push(span);
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '»'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '】'
            | '〕'
            | '》'
            | '〉'
    )
}

/// Whether a full stop after `before` (the sentence so far) ends the sentence, given the text
/// that follows the whitespace after it.
fn full_stop_ends_sentence(before: &str, after: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || matches!(c, '(' | '[' | '"' | '“' | '‘' | '\''))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    if is_abbreviation(word) {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // An initial: "George W. Bush".
        return !first.is_uppercase();
    }
    if word.contains('.') && word.chars().all(|c| c == '.' || c.is_alphabetic()) {
        // A dotted acronym ("U.S", "U.N"): a sentence ends only before a typical opener.
        let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
        return SENTENCE_OPENERS.binary_search(&next_word.as_str()).is_ok();
    }
    true
}

/// Whether `word` is in [`ABBREVIATIONS`], in any letter case.
fn is_abbreviation(word: &str) -> bool {
    let mut lower = [0u8; 8];
    if !word.is_ascii() || word.len() > lower.len() {
        return false;
    }
    let lower = &mut lower[..word.len()];
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    ABBREVIATIONS
        .binary_search_by(|a| a.as_bytes().cmp(lower))
        .is_ok()
}

/// Lowercase words that a full stop follows without ending the sentence. Sorted.
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "aug", "brig", "capt", "cdr", "cmdr", "co", "col", "corp", "cpl",
    "dec", "dept", "dr", "e.g", "feb", "fig", "gen", "gov", "hon", "i.e", "inc", "jan", "jr",
    "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mme", "mr", "mrs", "ms", "mt", "no", "nos",
    "nov", "oct", "pres", "prof", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt",
    "vol", "vs",
];

/// Words that start a new sentence after a dotted acronym. Sorted.
const SENTENCE_OPENERS: &[&str] = &[
    "A",
    "After",
    "An",
    "And",
    "As",
    "At",
    "But",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "We",
    "When",
    "While",
    "Yet",
];

/// `start..end` without leading and trailing whitespace, or `None` when nothing is left.
fn trim(text: &str, start: usize, end: usize) -> Option<Span> {
    let slice = &text[start..end];
    let trimmed_start = slice.len() - slice.trim_start().len();
    let trimmed = slice.trim();
    (!trimmed.is_empty()).then(|| Span {
        start: start + trimmed_start,
        end: start + trimmed_start + trimmed.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence_texts(text: &str) -> Vec<&str> {
        Segments::new(text)
            .sentences
            .iter()
            .map(|s| &text[s.span.start..s.span.end])
            .collect()
    }

    #[test]
    fn other_scripts_end_sentences_with_their_own_marks() {
        #[rustfmt::skip]
        let cases: &[(&str, &[&str])] = &[
            // Chinese: no space between sentences.
            ("普京总统访问土耳其。他会见了埃尔多安总统。", &["普京总统访问土耳其。", "他会见了埃尔多安总统。"]),
            ("“会谈富有成果。”埃尔多安说！双方签署了协议？是的。", &["“会谈富有成果。”埃尔多安说！", "双方签署了协议？", "是的。"]),
            ("他说：“我们明天去安卡拉。” 会谈将持续两天。", &["他说：“我们明天去安卡拉。”", "会谈将持续两天。"]),
            // Japanese, with a closing corner bracket after the mark.
            ("プーチン大統領は「会談は有益だった。」と述べた。エルドアン大統領も同意した。", &["プーチン大統領は「会談は有益だった。」と述べた。", "エルドアン大統領も同意した。"]),
            // Arabic question mark, then an Arabic full stop (the Latin one).
            ("هل سيزور بوتين تركيا؟ قال المتحدث إن الزيارة مؤكدة.", &["هل سيزور بوتين تركيا؟", "قال المتحدث إن الزيارة مؤكدة."]),
            // Urdu full stop.
            ("وزیر اعظم نے ترکی کا دورہ کیا۔ انہوں نے صدر سے ملاقات کی۔", &["وزیر اعظم نے ترکی کا دورہ کیا۔", "انہوں نے صدر سے ملاقات کی۔"]),
            // Hindi danda.
            ("प्रधानमंत्री मोदी ने रूस का दौरा किया। उन्होंने पुतिन से मुलाकात की।", &["प्रधानमंत्री मोदी ने रूस का दौरा किया।", "उन्होंने पुतिन से मुलाकात की।"]),
            // Armenian full stop.
            ("Պուտինը ժամանեց Երևան։ Նա հանդիպեց վարչապետին։", &["Պուտինը ժամանեց Երևան։", "Նա հանդիպեց վարչապետին։"]),
            // Amharic (Ethiopic) full stop.
            ("ጠቅላይ ሚኒስትሩ ሞስኮን ጎበኙ። ከፑቲን ጋር ተወያዩ።", &["ጠቅላይ ሚኒስትሩ ሞስኮን ጎበኙ።", "ከፑቲን ጋር ተወያዩ።"]),
            // Burmese and Khmer.
            ("ဝန်ကြီးချုပ် ရုရှားသို့ သွားသည်။ ပူတင်နှင့် တွေ့ဆုံသည်။", &["ဝန်ကြီးချုပ် ရုရှားသို့ သွားသည်။", "ပူတင်နှင့် တွေ့ဆုံသည်။"]),
            ("នាយករដ្ឋមន្ត្រីបានទៅរុស្ស៊ី។ លោកបានជួបពូទីន។", &["នាយករដ្ឋមន្ត្រីបានទៅរុស្ស៊ី។", "លោកបានជួបពូទីន។"]),
            // A mark inside a number or a word of a Latin sentence changes nothing.
            ("Talks in Moscow。 Then Ankara.", &["Talks in Moscow。", "Then Ankara."]),
            ("Putin met Erdoğan in Sochi. “It was useful,” he said.", &["Putin met Erdoğan in Sochi.", "“It was useful,” he said."]),
        ];
        for (text, expected) in cases {
            assert_eq!(sentence_texts(text), *expected, "{text}");
        }
    }

    #[test]
    fn english_is_split_the_same_with_or_without_other_scripts_nearby() {
        // The fast path (no byte of another script's mark) and the byte-by-byte one agree.
        let english =
            "Mr. Putin met Gen. Surovikin on Feb. 12 in the U.S. The Kremlin said so! Really?";
        let with_chinese = format!("{english} 普京访问土耳其。");
        let plain = sentence_texts(english);
        let mixed = sentence_texts(&with_chinese);
        assert_eq!(plain.len(), 3, "{plain:?}");
        assert_eq!(mixed[..3], plain[..]);
        assert_eq!(mixed[3], "普京访问土耳其。");
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(SENTENCE_OPENERS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn sentences_from_the_seeds() {
        let cases: &[(&str, &[&str])] = &[
            (
                "In Dushanbe, the Tajik capital, Mr. Putin will meet with his counterpart Emomali Rakhmon.",
                &["In Dushanbe, the Tajik capital, Mr. Putin will meet with his counterpart Emomali Rakhmon."],
            ),
            (
                "Russian President Vladimir Putin is set to visit Turkey on Feb. 12 to meet with President Tayyip Erdogan. This visit comes amid restrictions.",
                &[
                    "Russian President Vladimir Putin is set to visit Turkey on Feb. 12 to meet with President Tayyip Erdogan.",
                    "This visit comes amid restrictions.",
                ],
            ),
            (
                "Kremlin spokesman Dmitry Peskov said that these were “stupid and baseless fantasies”. The Belarusian government also denies any plans.",
                &[
                    "Kremlin spokesman Dmitry Peskov said that these were “stupid and baseless fantasies”.",
                    "The Belarusian government also denies any plans.",
                ],
            ),
            (
                "\"If everyone is tearing down bridges, then who will talk to Russia,\" Turkish officials said.",
                &["\"If everyone is tearing down bridges, then who will talk to Russia,\" Turkish officials said."],
            ),
            (
                "The U.S. and the U.K. agreed. The Kremlin said no.",
                &["The U.S. and the U.K. agreed.", "The Kremlin said no."],
            ),
            (
                "Sanctions by the U.S. The Kremlin said no.",
                &["Sanctions by the U.S.", "The Kremlin said no."],
            ),
            (
                "He met George W. Bush in 2001. Why? Nobody knows!",
                &["He met George W. Bush in 2001.", "Why?", "Nobody knows!"],
            ),
            (
                "Is the Russian president launching a ‘birthday attack’ – a year after the invasion began? And why?",
                &[
                    "Is the Russian president launching a ‘birthday attack’ – a year after the invasion began?",
                    "And why?",
                ],
            ),
            (
                "Photo released Monday by the Russian Ministry of Defense. ©AP",
                &["Photo released Monday by the Russian Ministry of Defense.", "©AP"],
            ),
            ("Gen. Sergei Surovikin arrived.", &["Gen. Sergei Surovikin arrived."]),
            ("It ended at 5 p.m. on Monday.", &["It ended at 5 p.m. on Monday."]),
        ];
        for (text, expected) in cases {
            assert_eq!(&sentence_texts(text), expected, "{text:?}");
        }
    }

    #[test]
    fn every_line_is_a_paragraph_unless_it_continues_in_lowercase() {
        let text = "Headline without a stop\nFirst paragraph. Second sentence.\n\n  Another one\nthat was hard-wrapped.\n";
        let segments = Segments::new(text);
        let paragraphs: Vec<&str> = segments
            .paragraphs
            .iter()
            .map(|p| &text[p.start..p.end])
            .collect();
        assert_eq!(
            paragraphs,
            [
                "Headline without a stop",
                "First paragraph. Second sentence.",
                "Another one\nthat was hard-wrapped."
            ]
        );
        let owners: Vec<usize> = segments.sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(owners, [0, 1, 1, 2]);
    }

    #[test]
    fn sentence_at_finds_the_enclosing_sentence() {
        let text = "One. Two.\n\nThree.";
        let segments = Segments::new(text);
        assert_eq!(segments.sentence_at(0), Some(0));
        assert_eq!(segments.sentence_at(5), Some(1));
        assert_eq!(segments.sentence_at(4), None);
        assert_eq!(segments.sentence_at(11), Some(2));
    }

    #[test]
    fn empty_and_blank_text_has_no_segments() {
        assert_eq!(Segments::new(""), Segments::default());
        assert_eq!(Segments::new(" \n\n \t"), Segments::default());
    }

    #[test]
    fn long_paragraphs_without_a_full_stop_stay_one_sentence() {
        // Shapes that once took quadratic time: many E2 characters (curly quotes, dashes,
        // joiners, box drawing) and no terminator; hard-wrapped lowercase lines.
        let cases = [
            format!("The {}", "\u{200D}".repeat(100_000)),
            format!("It’s {}", "word’s – ".repeat(20_000)),
            format!("Box {}", "─│┼".repeat(30_000)),
            format!("Putin said\n{}", "and russia\n".repeat(50_000)),
        ];
        for text in &cases {
            let segments = Segments::new(text);
            assert_eq!(segments.paragraphs.len(), 1);
            assert_eq!(segments.sentences.len(), 1);
            assert_eq!(segments.sentences[0].span.end, text.trim_end().len());
        }
    }
}
