//! Folding: the canonical form that dictionary aliases and document text are compared in.
//!
//! Folding makes spelling differences that do not change a name disappear:
//! - accents and other combining marks are dropped after compatibility decomposition (NFKD), so
//!   "Erdoğan" = "Erdogan" and "Türkiye" = "Turkiye"; letters that do not decompose but are read
//!   as a base letter plus a mark are mapped by hand (`ı ł ø đ ð ß æ œ þ`), and so are the
//!   Persian and Arabic forms of kaf and yeh (`ک ك`, `ی ي ى`). Only the marks a
//!   writer may leave out are dropped: the accents of Latin, Greek and Cyrillic, Arabic vowel
//!   signs and hamza (أ = ا), Hebrew points. The marks that are letters' own vowels (Devanagari
//!   and the other Indic scripts, Thai, Khmer, Myanmar) and the kana voicing marks (ガ is not
//!   カ) stay: without them "पुतिन" (Putin) would be "पतन" (downfall);
//! - compatibility forms become the plain ones (NFKD): full-width Latin "ＮＡＴＯ" is "nato",
//!   half-width katakana "ﾌﾟｰﾁﾝ" is "プーチン";
//! - curly quotes and apostrophes become straight ones, Unicode hyphens become `-`;
//! - every run of whitespace (line breaks, no-break spaces) becomes one space;
//! - invisible characters (soft hyphen, zero-width space and joiners, BOM) disappear;
//! - with [`CaseMode::Insensitive`], full Unicode case folding (`caseless`), so "STRASSE" = "straße".
//!
//! [`fold`] folds a whole string (an alias, a query); [`crate::text::tokens`] folds a document
//! on the fly while cutting it into tokens, keeping every token's span in the original text.

use caseless::Caseless;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Whether folding also folds letter case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Fold case too (the form the matcher compares).
    Insensitive,
    /// Keep case (the form that case-sensitive aliases such as `US` are checked in).
    Preserve,
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
pub(crate) fn fold_char(c: char, mode: CaseMode, out: &mut String) {
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

/// Decomposes `c` (NFKD), drops the optional combining marks and maps the letters that do not
/// decompose.
fn push_without_marks(c: char, mode: CaseMode, out: &mut String) {
    decompose_compatible(c, |d| {
        if is_combining_mark(d) && is_optional_mark(d) {
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

/// Whether a combining mark is one a writer may leave out: an accent (Latin, Greek,
/// Cyrillic), an Arabic vowel sign or hamza, a Hebrew point. The others are part of the letter.
fn is_optional_mark(mark: char) -> bool {
    matches!(mark,
        '\u{0300}'..='\u{036F}' // combining diacritical marks
        | '\u{0483}'..='\u{0489}' // Cyrillic
        | '\u{0591}'..='\u{05C7}' // Hebrew points and accents
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' // Arabic
        | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Whether `c` belongs to a script written without spaces between words (Han, Hiragana,
/// Katakana, Thai, Lao, Khmer, Myanmar), where a name is found inside a run of letters rather
/// than as a whole word. Checked on folded characters.
pub fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' | '\u{19E0}'..='\u{19FF}' // Khmer
        | '\u{3005}'..='\u{3007}' | '\u{3021}'..='\u{3029}' | '\u{3031}'..='\u{3035}' | '\u{303B}'..='\u{303C}' // 々 〆 〇 …
        | '\u{3040}'..='\u{30FF}' | '\u{31F0}'..='\u{31FF}' // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' // Han
        | '\u{20000}'..='\u{3134F}')
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
        // Persian keheh and yeh are the Arabic kaf and yeh written otherwise (a keyboard
        // choice), and alef maksura is a yeh without dots for many writers: پزشكيان = پزشکیان.
        'ک' => "ك",
        'ی' | 'ى' => "ي",
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
            ("ＮＡＴＯ", "nato"),
            ("أردوغان", "اردوغان"),
            ("بُوتِين", "بوتين"),
            ("Путин", "путин"),
            ("Ёлкин", "елкин"),
            ("پزشکیان", "پزشكيان"),
            ("مصطفى", "مصطفي"),
        ];
        for (input, expected) in cases {
            assert_eq!(fold(input, CaseMode::Insensitive), expected, "{input:?}");
        }
    }

    #[test]
    fn marks_that_are_part_of_the_letter_stay() {
        let same =
            |a: &str, b: &str| fold(a, CaseMode::Insensitive) == fold(b, CaseMode::Insensitive);
        // Half-width katakana is the full-width kana, voicing marks included.
        assert!(same("ﾌﾟｰﾁﾝ", "プーチン"));
        assert!(same("ｶﾞｽﾌﾟﾛﾑ", "ガスプロム"));
        // A voicing mark, a Devanagari or Thai vowel sign tells words apart.
        for (a, b) in [("ガ", "カ"), ("पुतिन", "पतन"), ("ปูติน", "ปตน")]
        {
            assert!(!same(a, b), "{a} = {b}");
        }
    }

    #[test]
    fn preserve_mode_keeps_case_but_drops_marks() {
        assert_eq!(fold("U.S.", CaseMode::Preserve), "U.S.");
        assert_eq!(fold("Türkiye", CaseMode::Preserve), "Turkiye");
        assert_eq!(fold("ŁÓDŹ", CaseMode::Preserve), "LODZ");
        assert_eq!(fold("us", CaseMode::Preserve), "us");
    }
}
