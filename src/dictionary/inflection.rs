//! Inflection: the forms a name takes in a language that changes words around it.
//!
//! Russian writes Путин, Путина, Путину, Путиным; Arabic glues "and", "for" and "with" onto the
//! name (وبوتين, لبوتين); Korean writes particles after it (푸틴이). kgx does not strip endings
//! off the words of the text, which would make "Путиловский" look like Putin; it does the
//! reverse: from every alias a dictionary gives in a language (an alias line, `+ru`), it makes
//! the forms that language's rules allow ([`forms`]), and the matcher looks for those as exact
//! words. A form the language never writes costs a few bytes of dictionary and matches nothing.
//!
//! The rules are data, one file per language in `dictionaries/inflection/` (embedded at build
//! time; its README gives the format):
//!
//! ```text
//! words       each                  every word in one case; the first, the last, all but the last
//! min-letters 3                     shorter words stay as they are
//! suffix      ия    ии  ии  ию  ией  ии        Турция → Турции, Турцию, Турцией
//! suffix      [бвгд…]  а  у  а  ом|ым  е      Путин → Путина, Путину, Путиным, Путине
//! prefix      ال    وال|بال|لل                 الصين → والصين, بالصين, للصين
//! ```
//!
//! A suffix row's columns are grammatical cases: a name of several words takes the same column
//! in every word ("Владимира Путина", never "Владимира Путину"). A word in capitals (an
//! acronym: НАТО, ООН) or with a digit is never inflected.

use std::sync::OnceLock;

use super::{EntityKind, Language};

/// The rule files compiled into kgx: `(language code, contents)`.
const RULE_FILES: &[(&str, &str)] = &[
    ("ar", include_str!("../../dictionaries/inflection/ar.tsv")),
    ("be", include_str!("../../dictionaries/inflection/be.tsv")),
    ("he", include_str!("../../dictionaries/inflection/he.tsv")),
    ("ko", include_str!("../../dictionaries/inflection/ko.tsv")),
    ("ru", include_str!("../../dictionaries/inflection/ru.tsv")),
    ("tr", include_str!("../../dictionaries/inflection/tr.tsv")),
    ("uk", include_str!("../../dictionaries/inflection/uk.tsv")),
];

/// The most forms one alias yields: a long name with many alternatives per case stops here.
const MAX_FORMS: usize = 256;

/// Which words of a name of several words take an ending.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Words {
    /// All of them together, or the first only, the last only, or all but the last.
    Each,
    /// The last only.
    Last,
}

/// The end (or start) of a word that a row fits.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Affix {
    /// The kind of entity the row is limited to.
    kind: Option<EntityKind>,
    /// Letters one of which comes right before `literal`, kept in every form.
    class: Option<Vec<char>>,
    /// What the forms replace; empty for `-`.
    literal: String,
}

impl Affix {
    fn parse(text: &str) -> Result<Affix, String> {
        let (kind, rest) = match text.split_once(':') {
            Some((kind, rest)) => (
                Some(EntityKind::parse(kind).ok_or(format!("unknown kind `{kind}`"))?),
                rest,
            ),
            None => (None, text),
        };
        if rest == "-" {
            return Ok(Affix {
                kind,
                class: None,
                literal: String::new(),
            });
        }
        let (class, literal) = match rest.strip_prefix('[') {
            Some(inside) => {
                let (letters, literal) = inside
                    .split_once(']')
                    .ok_or(format!("`{text}`: `[` without `]`"))?;
                (Some(letters.chars().collect()), literal)
            }
            None => (None, rest),
        };
        if literal.is_empty() && class.is_none() {
            return Err("an empty ending (write `-` for every word)".to_string());
        }
        Ok(Affix {
            kind,
            class,
            literal: literal.to_string(),
        })
    }

    /// Whether a suffix row fits `word` (lowercase) of an entity of `kind`.
    fn ends(&self, word: &str, kind: EntityKind) -> bool {
        if self.kind.is_some_and(|k| k != kind) {
            return false;
        }
        let Some(before) = word.strip_suffix(self.literal.as_str()) else {
            return false;
        };
        match &self.class {
            None => true,
            Some(letters) => before
                .chars()
                .next_back()
                .is_some_and(|c| letters.contains(&c)),
        }
    }
}

/// A suffix row: the forms of each column for words that end in `ending`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SuffixRow {
    ending: Affix,
    columns: Vec<Vec<String>>,
}

/// A prefix row: the first word, when it starts with `start`, with `start` replaced by each form.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PrefixRow {
    start: Affix,
    forms: Vec<String>,
}

/// One language's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    words: Words,
    min_letters: usize,
    suffixes: Vec<SuffixRow>,
    prefixes: Vec<PrefixRow>,
}

impl Rules {
    /// Reads a rule file; `Err` holds `line: problem` for every bad line.
    pub fn parse(text: &str) -> Result<Rules, Vec<String>> {
        let mut rules = Rules {
            words: Words::Each,
            min_letters: 1,
            suffixes: Vec::new(),
            prefixes: Vec::new(),
        };
        let mut problems = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            if let Err(problem) = rules.read_line(line) {
                problems.push(format!("{}: {problem}", number + 1));
            }
        }
        let widths: Vec<usize> = rules.suffixes.iter().map(|r| r.columns.len()).collect();
        if widths.windows(2).any(|w| w[0] != w[1]) {
            problems.push("suffix rows have different numbers of columns".to_string());
        }
        if problems.is_empty() {
            Ok(rules)
        } else {
            Err(problems)
        }
    }

    fn read_line(&mut self, line: &str) -> Result<(), String> {
        let columns: Vec<&str> = line.split('\t').collect();
        let forms = |cell: &str| -> Result<Vec<String>, String> {
            let forms: Vec<String> = cell.split('|').map(str::to_string).collect();
            if forms
                .iter()
                .any(|f| f.is_empty() || f.contains(char::is_whitespace))
            {
                return Err(format!("bad forms `{cell}`"));
            }
            Ok(forms)
        };
        match columns.as_slice() {
            ["words", "each"] => self.words = Words::Each,
            ["words", "last"] => self.words = Words::Last,
            ["min-letters", n] => {
                self.min_letters = n.parse().map_err(|_| format!("`{n}` is not a number"))?
            }
            ["suffix", ending, cells @ ..] if !cells.is_empty() => self.suffixes.push(SuffixRow {
                ending: Affix::parse(ending)?,
                columns: cells
                    .iter()
                    .map(|cell| forms(cell))
                    .collect::<Result<_, _>>()?,
            }),
            ["prefix", start, cell] => {
                let start = Affix::parse(start)?;
                if start.class.is_some() {
                    return Err("a prefix row takes no `[…]` class".to_string());
                }
                self.prefixes.push(PrefixRow {
                    start,
                    forms: forms(cell)?,
                })
            }
            _ => return Err(format!("not a rule: `{line}`")),
        }
        Ok(())
    }

    /// Whether `word` may be inflected: long enough, no capitals only, no digit.
    fn inflects(&self, word: &str) -> bool {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let capitals = word.chars().filter(|c| c.is_uppercase()).count();
        // An acronym has two capitals or more and no small letter.
        let acronym = capitals >= 2 && !word.chars().any(char::is_lowercase);
        let digit = word.chars().any(|c| c.is_numeric());
        letters >= self.min_letters && !acronym && !digit
    }

    /// The forms of `word` in suffix column `column` (none when no row fits it).
    fn suffixed(&self, word: &str, kind: EntityKind, column: usize) -> Vec<String> {
        if !self.inflects(word) {
            return Vec::new();
        }
        let lower = word.to_lowercase();
        let Some(row) = self
            .suffixes
            .iter()
            .find(|row| row.ending.ends(&lower, kind))
        else {
            return Vec::new();
        };
        // The ending's letters are replaced in the word as written (its case kept before them):
        // the lowercase ending has as many characters as the word's own.
        let keep = (word.chars().count()).saturating_sub(row.ending.literal.chars().count());
        let stem: String = word.chars().take(keep).collect();
        row.columns[column]
            .iter()
            .map(|ending| format!("{stem}{ending}"))
            .collect()
    }

    /// The forms of `word` with a prefix (none when no row fits it).
    fn prefixed(&self, word: &str, kind: EntityKind) -> Vec<String> {
        if !self.inflects(word) {
            return Vec::new();
        }
        let Some(row) = self.prefixes.iter().find(|row| {
            row.start.kind.is_none_or(|k| k == kind) && word.starts_with(row.start.literal.as_str())
        }) else {
            return Vec::new();
        };
        let rest = &word[row.start.literal.len()..];
        row.forms.iter().map(|p| format!("{p}{rest}")).collect()
    }

    /// The forms of `alias` (words separated by single spaces) for an entity of `kind`, the
    /// alias itself left out, without repeats, in a fixed order.
    pub fn forms(&self, alias: &str, kind: EntityKind) -> Vec<String> {
        let words: Vec<&str> = alias.split(' ').collect();
        let mut out: Vec<String> = Vec::new();
        let columns = self.suffixes.first().map_or(0, |row| row.columns.len());
        let last = words.len() - 1;
        // Which words take the ending, for each pattern.
        let patterns: Vec<Vec<bool>> = match (self.words, words.len()) {
            (_, 1) | (Words::Last, _) => vec![(0..=last).map(|i| i == last).collect()],
            (Words::Each, _) => vec![
                vec![true; words.len()],
                (0..=last).map(|i| i == 0).collect(),
                (0..=last).map(|i| i == last).collect(),
                // A head and its adjective before a complement that keeps its case:
                // "Всемирной организации здравоохранения".
                (0..=last).map(|i| i < last).collect(),
            ],
        };
        let mut suffixed: Vec<String> = vec![alias.to_string()];
        for column in 0..columns {
            for pattern in &patterns {
                // Every combination of each word's forms in this column.
                let mut combinations: Vec<String> = vec![String::new()];
                for (i, word) in words.iter().enumerate() {
                    let mut choices = if pattern[i] {
                        self.suffixed(word, kind, column)
                    } else {
                        Vec::new()
                    };
                    if choices.is_empty() {
                        choices.push(word.to_string());
                    }
                    combinations = combinations
                        .iter()
                        .flat_map(|so_far| {
                            choices.iter().map(move |choice| match so_far.is_empty() {
                                true => choice.clone(),
                                false => format!("{so_far} {choice}"),
                            })
                        })
                        .take(MAX_FORMS)
                        .collect();
                }
                suffixed.extend(combinations);
            }
        }
        for form in suffixed {
            let (first, rest) = match form.split_once(' ') {
                Some((first, rest)) => (first, Some(rest)),
                None => (form.as_str(), None),
            };
            let prefixed = self.prefixed(first, kind).into_iter().map(|p| match rest {
                Some(rest) => format!("{p} {rest}"),
                None => p,
            });
            let prefixed: Vec<String> = prefixed.collect();
            out.push(form);
            out.extend(prefixed);
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|form| form != alias && seen.insert(form.clone()));
        out.truncate(MAX_FORMS);
        out
    }
}

/// The rules of `language`, if kgx has some.
pub fn rules(language: Language) -> Option<&'static Rules> {
    static PARSED: OnceLock<Vec<(&'static str, Rules)>> = OnceLock::new();
    let parsed = PARSED.get_or_init(|| {
        // A bad built-in file is caught by the tests; at run time it only means no forms.
        RULE_FILES
            .iter()
            .filter_map(|(code, text)| Some((*code, Rules::parse(text).ok()?)))
            .collect()
    });
    parsed
        .iter()
        .find(|(code, _)| *code == language.as_str())
        .map(|(_, rules)| rules)
}

/// The inflected forms of `alias`, written in `language`, for an entity of `kind`: none when
/// the language has no rules.
pub fn forms(alias: &str, language: Language, kind: EntityKind) -> Vec<String> {
    rules(language).map_or_else(Vec::new, |rules| rules.forms(alias, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms_of(alias: &str, code: &str, kind: EntityKind) -> Vec<String> {
        forms(alias, Language::parse(code).unwrap(), kind)
    }

    #[test]
    fn every_built_in_rule_file_reads() {
        for (code, text) in RULE_FILES {
            if let Err(problems) = Rules::parse(text) {
                panic!("dictionaries/inflection/{code}.tsv: {problems:?}");
            }
            assert!(Language::parse(code).is_some_and(|l| rules(l).is_some()));
        }
    }

    #[test]
    fn names_take_the_forms_of_their_language() {
        use EntityKind::*;
        /// An alias, its language and kind, some forms it has, and forms it must not have.
        type Case = (
            &'static str,
            &'static str,
            EntityKind,
            &'static [&'static str],
            &'static [&'static str],
        );
        let cases: &[Case] = &[
            (
                "Путин",
                "ru",
                Person,
                &["Путина", "Путину", "Путиным", "Путине"],
                &["Путиловский", "Путинский"],
            ),
            (
                "Владимир Путин",
                "ru",
                Person,
                &["Владимира Путина", "Владимиру Путину", "Владимиром Путиным"],
                &["Владимира Путину"],
            ),
            (
                "Мария Захарова",
                "ru",
                Person,
                &["Марии Захаровой", "Марию Захарову"],
                &["Марии Захаровы"],
            ),
            (
                "Зеленский",
                "ru",
                Person,
                &["Зеленского", "Зеленскому", "Зеленским"],
                &[],
            ),
            (
                "Турция",
                "ru",
                Country,
                &["Турции", "Турцию", "Турцией"],
                &[],
            ),
            (
                "Украина",
                "ru",
                Country,
                &["Украины", "Украине", "Украину", "Украиной"],
                &[],
            ),
            ("Америка", "ru", Country, &["Америки"], &[]),
            (
                "Китай",
                "ru",
                Country,
                &["Китая", "Китаю", "Китаем", "Китае"],
                &[],
            ),
            (
                "Израиль",
                "ru",
                Country,
                &["Израиля", "Израилю", "Израилем", "Израиле"],
                &[],
            ),
            (
                "Европейский союз",
                "ru",
                Organization,
                &["Европейского союза", "Европейскому союзу"],
                &[],
            ),
            (
                "Организация Объединённых Наций",
                "ru",
                Organization,
                &[
                    "Организации Объединённых Наций",
                    "Организацией Объединённых Наций",
                ],
                &[],
            ),
            (
                "Соединённые Штаты",
                "ru",
                Country,
                &["Соединённых Штатов", "Соединённым Штатам"],
                &[],
            ),
            (
                "Всемирная организация здравоохранения",
                "ru",
                Organization,
                &["Всемирной организации здравоохранения"],
                &[],
            ),
            ("НАТО", "ru", Organization, &[], &["НАТОа"]),
            ("Мали", "ru", Country, &[], &["Малия"]),
            (
                "Зеленський",
                "uk",
                Person,
                &["Зеленського", "Зеленському", "Зеленським"],
                &[],
            ),
            (
                "Путін",
                "uk",
                Person,
                &["Путіна", "Путіну", "Путіним", "Путінові"],
                &[],
            ),
            (
                "Україна",
                "uk",
                Country,
                &["України", "Україні", "Україну", "Україною"],
                &[],
            ),
            ("Росія", "uk", Country, &["Росії", "Росію", "Росією"], &[]),
            ("Пуцін", "be", Person, &["Пуціна", "Пуціну", "Пуціным"], &[]),
            (
                "Аляксандр Лукашэнка",
                "be",
                Person,
                &["Аляксандра Лукашэнкі", "Аляксандрам Лукашэнкам"],
                &[],
            ),
            ("Расія", "be", Country, &["Расіі", "Расію", "Расіяй"], &[]),
            (
                "Украіна",
                "be",
                Country,
                &["Украіны", "Украіне", "Украіну", "Украінай"],
                &[],
            ),
            (
                "بوتين",
                "ar",
                Person,
                &["وبوتين", "لبوتين", "فبوتين", "ببوتين"],
                &["البوتين"],
            ),
            (
                "الصين",
                "ar",
                Country,
                &["والصين", "بالصين", "للصين", "وللصين"],
                &["لالصين"],
            ),
            (
                "الأمم المتحدة",
                "ar",
                Organization,
                &["للأمم المتحدة", "والأمم المتحدة"],
                &[],
            ),
            (
                "הבית הלבן",
                "he",
                Organization,
                &["בבית הלבן", "והבית הלבן", "מהבית הלבן"],
                &[],
            ),
            (
                "Erdoğan",
                "tr",
                Person,
                &["Erdoğanın", "Erdoğana", "Erdoğanla"],
                &[],
            ),
            (
                "Rusya",
                "tr",
                Country,
                &["Rusyanın", "Rusyaya", "Rusyada"],
                &[],
            ),
            (
                "Recep Tayyip Erdoğan",
                "tr",
                Person,
                &["Recep Tayyip Erdoğanın"],
                &["Recepin Tayyip Erdoğan"],
            ),
            ("Çin", "tr", Country, &[], &["Çini"]),
            ("푸틴", "ko", Person, &["푸틴이", "푸틴은", "푸틴과"], &[]),
        ];
        for (alias, code, kind, wanted, unwanted) in cases {
            let forms = forms_of(alias, code, *kind);
            for form in *wanted {
                assert!(
                    forms.iter().any(|f| f == form),
                    "{alias} ({code}): no {form} in {forms:?}"
                );
            }
            for form in *unwanted {
                assert!(
                    !forms.iter().any(|f| f == form),
                    "{alias} ({code}): {form} in {forms:?}"
                );
            }
            assert!(
                !forms.iter().any(|f| f == alias),
                "{alias}: itself among its forms"
            );
        }
    }

    #[test]
    fn a_language_without_rules_has_no_forms() {
        assert!(forms_of("Putin", "en", EntityKind::Person).is_empty());
        assert!(forms_of("普京", "zh", EntityKind::Person).is_empty());
    }

    #[test]
    fn bad_rule_lines_are_described() {
        let cases: &[(&str, &str)] = &[
            ("suffix\tа", "1: not a rule: `suffix\tа`"),
            (
                "suffix\t\tы",
                "1: an empty ending (write `-` for every word)",
            ),
            ("suffix\t[аб\tы", "1: `[аб`: `[` without `]`"),
            ("suffix\tplace:а\tы", "1: unknown kind `place`"),
            ("suffix\tа\tы||и", "1: bad forms `ы||и`"),
            ("min-letters\tthree", "1: `three` is not a number"),
            ("prefix\t[а]\tв", "1: a prefix row takes no `[…]` class"),
            (
                "suffix\tа\tы\nsuffix\tя\tи\tе",
                "suffix rows have different numbers of columns",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(Rules::parse(text).unwrap_err(), [*expected], "{text:?}");
        }
    }

    #[test]
    fn forms_are_bounded() {
        let rules = Rules::parse("suffix\t-\ta|b|c|d|e|f|g|h").unwrap();
        let long = ["word"; 12].join(" ");
        assert!(rules.forms(&long, EntityKind::Person).len() <= MAX_FORMS);
    }
}
