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
    let languages = function_words();
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut lower = String::new();
    let words = text[..end].split(|c: char| !c.is_alphabetic());
    for word in words.filter(|w| (2..=8).contains(&w.len())) {
        let found = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            languages.get(word)
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            languages.get(lower.as_str())
        };
        let Some(&bits) = found else {
            continue;
        };
        for (i, count) in counts.iter_mut().enumerate() {
            *count += usize::from(bits & 1 << i != 0);
        }
    }
    let best = counts.iter().copied().max().unwrap_or(0);
    FUNCTION_WORDS
        .iter()
        .zip(counts)
        .filter(|&(_, count)| count >= MIN_FUNCTION_WORDS && count * 2 >= best)
        .filter_map(|((code, _), _)| Language::parse(code))
        .collect()
}

/// Every function word with the languages it belongs to, one bit per entry of
/// [`FUNCTION_WORDS`]: one hash lookup per word of the sample.
fn function_words() -> &'static HashMap<&'static str, u32, FixedState> {
    static TABLE: OnceLock<HashMap<&'static str, u32, FixedState>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, u32, FixedState> = HashMap::default();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for word in *words {
                *table.entry(word).or_default() |= 1 << i;
            }
        }
        table
    })
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
