//! Languages: codes, and which languages a document written in Latin script is in.
//!
//! A name in another language's spelling is often an ordinary word in English: Spanish
//! "Granada" (Grenada), Polish "Indie" (India), Portuguese "Luxemburgo", French "Butane" (Bhutan)
//! are a city, a music genre, a football coach and a gas in English news. So an alias that a
//! dictionary gives in a language written in Latin script (`+es`, `+tr`) counts only in documents
//! written in that language, and [`written_in`] tells which those are: the short function words
//! of each language ("the", "and", "of"; "el", "los", "que"; "ve", "bir", "için") are counted in
//! the document's first two thousand bytes, and every language with at least
//! [`MIN_FUNCTION_WORDS`] of them and at least half as many as the best one is in. A text too
//! short to tell is in none. Other scripts need no such test: Arabic or Chinese letters are not
//! English words.

use std::collections::HashMap;
use std::sync::OnceLock;

use foldhash::fast::FixedState;

/// A language code of two or three lowercase ASCII letters (ISO 639-1 where it has one:
/// `ru`, `zh`, `ar`, `tr`), as written after the `+` of a dictionary's alias line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Language([u8; 3]);

impl Language {
    /// English.
    pub const ENGLISH: Language = Language(*b"en\0");

    /// Reads a code: two or three lowercase ASCII letters.
    pub fn parse(code: &str) -> Option<Language> {
        let bytes = code.as_bytes();
        if !(2..=3).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_lowercase) {
            return None;
        }
        let mut letters = [0; 3];
        letters[..bytes.len()].copy_from_slice(bytes);
        Some(Language(letters))
    }

    /// The code as written.
    pub fn as_str(&self) -> &str {
        let len = if self.0[2] == 0 { 2 } else { 3 };
        // Only ASCII letters are ever stored.
        std::str::from_utf8(&self.0[..len]).unwrap_or_default()
    }
}

impl std::fmt::Display for Language {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The fewest function words that make a document count as written in a language.
pub const MIN_FUNCTION_WORDS: usize = 3;

/// How much of a document is read to tell its language: enough words, and bounded work on
/// long documents.
const SAMPLE_BYTES: usize = 2048;

/// Short words that are frequent in one language's running text and rare in the others', by
/// language. Words shared by several of these languages ("a", "de", "la", "en") are left out.
const FUNCTION_WORDS: &[(&str, &[&str])] = &[
    (
        "cs",
        &[
            "se", "že", "které", "který", "jako", "podle", "také", "byl", "jsou", "není", "bude",
            "pro", "jsem",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "sich", "auch", "auf", "dem", "den",
            "ein", "eine", "wurde", "sind", "bei",
        ],
    ),
    (
        "en",
        &[
            "the", "and", "of", "to", "is", "was", "with", "that", "for", "from", "have", "has",
            "are", "were", "this", "which", "said", "by",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "con", "por", "para", "una", "según", "pero", "como",
            "más", "fue", "sus", "este", "entre",
        ],
    ),
    (
        "et",
        &[
            "ja", "on", "ei", "oli", "see", "ka", "mis", "kui", "aga", "ning", "seda",
        ],
    ),
    (
        "fi",
        &[
            "ja", "on", "että", "ei", "oli", "mutta", "myös", "kun", "joka", "ovat", "hän",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "du", "est", "une", "dans", "pour", "avec", "qui", "sur", "pas",
            "sont", "été", "cette", "mais", "aussi",
        ],
    ),
    (
        "hr",
        &[
            "je", "se", "su", "da", "za", "od", "koji", "kao", "ali", "što", "također", "bio",
            "biti",
        ],
    ),
    (
        "hu",
        &[
            "az", "és", "hogy", "nem", "egy", "meg", "van", "volt", "csak", "már", "mint",
        ],
    ),
    (
        "it",
        &[
            "il", "della", "che", "gli", "con", "per", "una", "sono", "anche", "nel", "alla",
            "dei", "è", "delle", "stato",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "niet", "zijn", "met", "voor", "ook", "worden", "deze", "werd",
            "naar", "bij", "heeft",
        ],
    ),
    (
        "pl",
        &[
            "się", "nie", "jest", "że", "jak", "przez", "oraz", "który", "która", "są", "być",
            "także", "już",
        ],
    ),
    (
        "pt",
        &[
            "os", "das", "dos", "que", "com", "para", "uma", "não", "pelo", "pela", "foi", "são",
            "mais", "também", "seu", "sua",
        ],
    ),
    (
        "sk",
        &[
            "sa", "je", "že", "ktoré", "ako", "podľa", "tiež", "bol", "sú", "nie", "pre",
        ],
    ),
    (
        "sr",
        &[
            "je", "se", "su", "da", "za", "od", "koji", "kao", "ali", "što", "takođe", "bio",
            "biti",
        ],
    ),
    (
        "sv",
        &[
            "och", "att", "det", "som", "är", "inte", "för", "med", "på", "den", "har", "av",
            "till",
        ],
    ),
    (
        "tr",
        &[
            "ve", "bir", "bu", "ile", "için", "olarak", "daha", "ise", "çok", "gibi", "olan",
            "kadar", "sonra", "değil", "ancak",
        ],
    ),
];

/// Whether `language` is written in the Latin script, so that its aliases need
/// [`written_in`]'s test (the languages it has function words for).
pub fn is_latin_script(language: Language) -> bool {
    FUNCTION_WORDS
        .iter()
        .any(|(code, _)| *code == language.as_str())
}

/// The languages written in Latin script that `text` is in (see the module documentation),
/// sorted; empty when the text is too short to tell or in another script.
pub fn written_in(text: &str) -> Vec<Language> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let table = FunctionWords::get();
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut lower = String::new();
    for_each_word(&text[..end], |word| {
        if !(2..=MAX_WORD_BYTES).contains(&word.len()) {
            return;
        }
        let found = if word.is_ascii() {
            table.ascii.get(&packed_lowercase(word.as_bytes()))
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            table.other.get(lower.as_str())
        };
        let mut languages = found.copied().unwrap_or(0);
        while languages != 0 {
            counts[languages.trailing_zeros() as usize] += 1;
            languages &= languages - 1;
        }
    });
    let best = counts.iter().copied().max().unwrap_or(0);
    FUNCTION_WORDS
        .iter()
        .zip(counts)
        .filter(|&(_, count)| count >= MIN_FUNCTION_WORDS && count * 2 >= best)
        .filter_map(|((code, _), _)| Language::parse(code))
        .collect()
}

/// Longest word looked up, in bytes: no function word is longer, and an ASCII word this long
/// fits in a `u64`.
const MAX_WORD_BYTES: usize = 8;

/// Calls `on_word` with each word of `text`: its runs of alphabetic characters, as
/// `text.split(|c: char| !c.is_alphabetic())` gives them but for the empty ones. Every document
/// that names someone is tested, so the text is read a byte at a time where it is ASCII (most of
/// a document in Latin script) and a character at a time elsewhere.
fn for_each_word<'t>(text: &'t str, mut on_word: impl FnMut(&'t str)) {
    let bytes = text.as_bytes();
    // Past the character at `at` (not ASCII) if it is a letter.
    let past_letter = |at: usize| -> Option<usize> {
        let c = text[at..].chars().next()?;
        c.is_alphabetic().then(|| at + c.len_utf8())
    };
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        if bytes[at].is_ascii_alphabetic() {
            at += 1;
        } else if bytes[at].is_ascii() {
            at += 1;
            continue;
        } else if let Some(next) = past_letter(at) {
            at = next;
        } else {
            at += text[at..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        loop {
            while at < bytes.len() && bytes[at].is_ascii_alphabetic() {
                at += 1;
            }
            match (at < bytes.len() && !bytes[at].is_ascii()).then(|| past_letter(at)) {
                Some(Some(next)) => at = next,
                _ => break,
            }
        }
        on_word(&text[start..at]);
    }
}

/// An ASCII word of at most [`MAX_WORD_BYTES`] letters, lowercased, as one number: a cheaper
/// key than a string.
fn packed_lowercase(word: &[u8]) -> u64 {
    let mut bytes = [0u8; MAX_WORD_BYTES];
    bytes[..word.len()].copy_from_slice(word);
    // Letters only: setting bit 5 of each lowercases it; the padding stays zero.
    let case_bits = u64::from_le_bytes([0x20; MAX_WORD_BYTES])
        & (u64::MAX >> (8 * (MAX_WORD_BYTES - word.len())));
    u64::from_le_bytes(bytes) | case_bits
}

/// Every function word with the languages it belongs to, one bit per entry of
/// [`FUNCTION_WORDS`]: one hash lookup per word of the sample.
struct FunctionWords {
    /// The ASCII ones, keyed by [`packed_lowercase`].
    ascii: HashMap<u64, u32, FixedState>,
    /// The others, lowercase.
    other: HashMap<&'static str, u32, FixedState>,
}

impl FunctionWords {
    fn get() -> &'static FunctionWords {
        static TABLE: OnceLock<FunctionWords> = OnceLock::new();
        TABLE.get_or_init(|| {
            let mut table = FunctionWords {
                ascii: HashMap::default(),
                other: HashMap::default(),
            };
            for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
                for word in *words {
                    let entry = if word.is_ascii() {
                        table
                            .ascii
                            .entry(packed_lowercase(word.as_bytes()))
                            .or_default()
                    } else {
                        table.other.entry(word).or_default()
                    };
                    *entry |= 1 << i;
                }
            }
            table
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<String> {
        written_in(text).iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn news_is_in_its_language() {
        let cases: &[(&str, &[&str])] = &[
            ("The prime minister said on Tuesday that the talks with Turkey were useful and that a deal was close.", &["en"]),
            ("El presidente dijo el martes que las conversaciones con Turquía fueron útiles y que un acuerdo está cerca, según la agencia.", &["es"]),
            ("Le président a déclaré mardi que les discussions avec la Turquie ont été utiles et qu'un accord est proche pour les deux pays.", &["fr"]),
            ("Cumhurbaşkanı Erdoğan, Rusya ile yapılan görüşmelerin çok verimli olduğunu ve bir anlaşmanın yakın olduğunu söyledi. Bu görüşme için Ankara'ya gelen heyet daha sonra ayrıldı.", &["tr"]),
            ("Der Präsident sagte am Dienstag, die Gespräche mit der Türkei seien nützlich gewesen und ein Abkommen sei nicht mehr fern, und auch die Minister sind einig.", &["de"]),
            ("O presidente disse na terça-feira que as conversas com a Turquia foram úteis e que um acordo está próximo, segundo a agência, e não há mais dúvidas.", &["pt"]),
            // Too short to tell, or no Latin script at all.
            ("Putin and Erdogan", &[]),
            ("普京总统访问土耳其。", &[]),
            ("Президент заявил, что переговоры с Турцией были полезными.", &[]),
        ];
        for (text, expected) in cases {
            assert_eq!(codes(text), *expected, "{text}");
        }
    }

    #[test]
    fn words_are_the_runs_of_letters() {
        let news = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/multilingual/news"
        ))
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap());
        let odd = [
            "l’homme d'État: «Erdoğan» — 2024-01-05, U.S.-led; naïve café",
            "e\u{301}te\u{301} ǅemal ﬁnal ß İstanbul 東京abc ١٢٣عربي",
            "",
            " ",
            "a",
            "1a2b",
            "\u{200d}x\u{200d}",
            "😀ok😀",
        ];
        for text in news.chain(odd.iter().map(|t| t.to_string())) {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            let mut found = Vec::new();
            for_each_word(&text, |word| found.push(word));
            assert_eq!(found, expected, "{text}");
        }
    }

    #[test]
    fn every_function_word_can_be_looked_up() {
        for (code, words) in FUNCTION_WORDS {
            for word in *words {
                assert!((2..=MAX_WORD_BYTES).contains(&word.len()), "{code}: {word}");
                assert!(word.chars().all(char::is_alphabetic), "{code}: {word}");
                assert_eq!(word.to_lowercase(), *word, "{code}: {word}");
            }
        }
        assert_eq!(packed_lowercase(b"The"), packed_lowercase(b"the"));
        assert_eq!(packed_lowercase(b"QUE"), packed_lowercase(b"que"));
        assert_ne!(packed_lowercase(b"de"), packed_lowercase(b"den"));
        assert_eq!(
            codes("THE TALKS AND THE DEAL OF THE YEAR WERE IN THE NEWS"),
            ["en"]
        );
    }

    #[test]
    fn the_sample_is_bounded_and_cut_on_a_character() {
        let long = "é".repeat(10_000) + " the and of to is";
        assert!(written_in(&long).is_empty());
        let english = "the and of to is ".repeat(1000);
        assert_eq!(codes(&english), ["en"]);
    }

    #[test]
    fn codes_read_back() {
        for code in ["ru", "zh", "fil"] {
            assert_eq!(Language::parse(code).unwrap().as_str(), code);
        }
        for bad in ["", "r", "RU", "russ", "r1"] {
            assert!(Language::parse(bad).is_none(), "{bad}");
        }
        assert!(is_latin_script(Language::parse("tr").unwrap()));
        assert!(!is_latin_script(Language::parse("ru").unwrap()));
    }
}
