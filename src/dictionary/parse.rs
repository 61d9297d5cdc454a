//! The dictionary line format.
//!
//! One entity per line, tab-separated; `#` starts a comment line; blank lines are ignored:
//!
//! ```text
//! id <TAB> type <TAB> name [<TAB> aliases [<TAB> attributes]]
//! vladimir-putin<TAB>person<TAB>Vladimir Putin<TAB>Putin|Vladimir Vladimirovich Putin<TAB>wikidata=Q7747
//! ```
//!
//! - `id`: lowercase letters, digits, `-`, `_`, `.`; unique across all loaded dictionaries.
//! - `type`: `person`, `country` or `organization`.
//! - `name`: the canonical name; it is matched like an alias.
//! - `aliases`: `|`-separated. An alias written in capitals only (two or more capital letters,
//!   no lowercase: `US`, `U.S.`, `ICC`) matches case-sensitively, so "us" is never the United
//!   States. A leading `=` forces a case-sensitive match for any alias or name ("=Turkey" is not
//!   the bird). A leading `^` accepts the alias only when the entity is also named in the same
//!   document by its name or an alias without `^` ("^May" for Theresa May). A leading `!` marks a
//!   phrase that is *not* the entity although it contains one of its aliases ("!New Mexico" for
//!   Mexico, "!Latin American" for the United States): it wins the overlap as usual, then
//!   yields no mention.
//! - `attributes`: `;`-separated `key=value` pairs (`wikidata=Q7747;iso2=RU`). The keys `id`,
//!   `label`, `type`, `mentions`, `windows`, `documents` and `community` are reserved for kgx's own
//!   node fields.
//!
//! An **alias line** gives an entity defined elsewhere (in any file loaded, before or after)
//! more aliases in one language: `id`, `+` and a language code (two or three lowercase letters,
//! ISO 639-1 where there is one), then the aliases as above:
//!
//! ```text
//! vladimir-putin<TAB>+ru<TAB>Путин|Владимир Путин
//! vladimir-putin<TAB>+zh<TAB>普京
//! ```
//!
//! Aliases in a language that has [`inflection`](super::inflection) rules also match their
//! inflected forms ("Путина", "Путину"); so do only those.

use std::collections::BTreeMap;

use super::{Alias, EntityKind, Language};
use crate::text::{fold, CaseMode};

/// A parsed, valid dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Identifier.
    pub id: String,
    /// Kind.
    pub kind: EntityKind,
    /// Canonical name, without flags.
    pub name: String,
    /// The name and every alias in file order, flags parsed.
    pub aliases: Vec<Alias>,
    /// Attributes.
    pub attributes: BTreeMap<String, String>,
}

/// A parsed, valid alias line: more aliases for an entity defined elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasLine {
    /// The entity the aliases are for.
    pub id: String,
    /// Their language.
    pub language: Language,
    /// The aliases in file order, flags parsed, each tagged with `language`.
    pub aliases: Vec<Alias>,
}

/// A parsed, valid line that says something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    /// An entity.
    Entity(Entry),
    /// More aliases for an entity.
    Aliases(AliasLine),
}

/// Attribute keys that would collide with kgx's own node fields in exports.
pub const RESERVED_ATTRIBUTES: &[&str] = &[
    "community",
    "documents",
    "id",
    "label",
    "mentions",
    "type",
    "windows",
];

/// The attribute that marks a bulk entry and says how notable it is (see [`Entity::prominence`](super::Entity::prominence)).
pub const PROMINENCE: &str = "prominence";

/// The largest `prominence` a dictionary line may give.
pub const MAX_BULK_PROMINENCE: u32 = 1_000_000;

/// A valid `prominence` value.
pub fn parse_prominence(value: &str) -> Option<u32> {
    value
        .parse::<u32>()
        .ok()
        .filter(|p| (1..=MAX_BULK_PROMINENCE).contains(p))
}

/// Parses one line: `Ok(None)` for blank and comment lines, `Err` with every problem found.
pub fn parse_line(line: &str) -> Result<Option<Line>, Vec<String>> {
    let line = line.trim_end_matches(['\r', '\n']);
    if line.trim().is_empty() || line.trim_start().starts_with('#') {
        return Ok(None);
    }
    let columns: Vec<&str> = line.split('\t').collect();
    if let Some(code) = columns.get(1).and_then(|c| c.trim().strip_prefix('+')) {
        return parse_alias_line(&columns, code).map(|line| Some(Line::Aliases(line)));
    }
    parse_entity(&columns).map(|entry| Some(Line::Entity(entry)))
}

/// Parses the columns of an alias line whose second column is `+code`.
fn parse_alias_line(columns: &[&str], code: &str) -> Result<AliasLine, Vec<String>> {
    if columns.len() != 3 {
        return Err(vec![format!(
            "an alias line has 3 tab-separated columns (id, +language, aliases), found {}",
            columns.len()
        )]);
    }
    let mut problems = Vec::new();
    let id = columns[0];
    problems.extend(id_problem(id));
    let language = Language::parse(code);
    if language.is_none() {
        problems.push(format!(
            "unknown language `+{code}`: write two or three lowercase letters (`+ru`, `+zh`)"
        ));
    }
    let mut aliases = Vec::new();
    if columns[2].trim().is_empty() {
        problems.push("an alias line with no alias".to_string());
    } else {
        for item in columns[2].split('|') {
            match parse_alias(item) {
                Ok(alias) => aliases.push(Alias { language, ..alias }),
                Err(message) => problems.push(message),
            }
        }
    }
    match language {
        Some(language) if problems.is_empty() => Ok(AliasLine {
            id: id.to_string(),
            language,
            aliases,
        }),
        _ => Err(problems),
    }
}

/// Parses the columns of an entity line.
fn parse_entity(columns: &[&str]) -> Result<Entry, Vec<String>> {
    if columns.len() < 3 || columns.len() > 5 {
        return Err(vec![format!(
            "expected 3 to 5 tab-separated columns (id, type, name, aliases, attributes), found {}",
            columns.len()
        )]);
    }
    let mut problems = Vec::new();

    let id = columns[0];
    problems.extend(id_problem(id));
    let kind = EntityKind::parse(columns[1].trim());
    if kind.is_none() {
        problems.push(format!(
            "unknown type `{}` (expected person, country or organization)",
            columns[1]
        ));
    }

    let mut aliases: Vec<Alias> = Vec::new();
    let name = match parse_alias(columns[2]) {
        Err(_) if columns[2].trim().is_empty() => {
            problems.push("empty name".to_string());
            String::new()
        }
        Ok(alias) if alias.needs_anchor || alias.blocks => {
            problems.push(
                "the name cannot carry `^` or `!`; put such spellings in the aliases".to_string(),
            );
            alias.text.clone()
        }
        Ok(alias) => {
            let text = alias.text.clone();
            aliases.push(alias);
            text
        }
        Err(message) => {
            problems.push(message.replace("alias", "name"));
            String::new()
        }
    };

    if let Some(column) = columns.get(3).filter(|c| !c.trim().is_empty()) {
        for item in column.split('|') {
            match parse_alias(item) {
                // Repeats are kept: `kgx dict check` reports them, the matcher merges them.
                Ok(alias) => aliases.push(alias),
                Err(message) => problems.push(message),
            }
        }
    }

    let mut attributes = BTreeMap::new();
    if let Some(column) = columns.get(4).filter(|c| !c.trim().is_empty()) {
        for pair in column.split(';').filter(|p| !p.trim().is_empty()) {
            match parse_attribute(pair) {
                Ok((key, value)) => {
                    if attributes.insert(key.clone(), value).is_some() {
                        problems.push(format!("attribute `{key}` given twice"));
                    }
                }
                Err(message) => problems.push(message),
            }
        }
    }

    match kind {
        Some(kind) if problems.is_empty() => Ok(Entry {
            id: id.to_string(),
            kind,
            name,
            aliases,
            attributes,
        }),
        _ => Err(problems),
    }
}

/// Writes an entity as a dictionary line that [`parse_line`] reads back: `aliases` holds the
/// name first, flags are written as prefixes, attributes as `key=value;…`. Aliases in a
/// language follow on alias lines (`id<TAB>+ru<TAB>…`), one per language, in code order.
pub fn format_line(
    id: &str,
    kind: EntityKind,
    aliases: &[Alias],
    attributes: &BTreeMap<String, String>,
) -> String {
    let flagged = |alias: &Alias| {
        let mut text = String::new();
        if alias.blocks {
            text.push('!');
        }
        if alias.needs_anchor {
            text.push('^');
        }
        if alias.case_sensitive && !is_all_caps(&alias.text) {
            text.push('=');
        }
        text.push_str(&alias.text);
        text
    };
    let name = aliases.first().map(flagged).unwrap_or_default();
    let (plain, in_languages): (Vec<&Alias>, Vec<&Alias>) =
        aliases.iter().skip(1).partition(|a| a.language.is_none());
    let others: Vec<String> = plain.into_iter().map(flagged).collect();
    let attributes: Vec<String> = attributes.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let mut line = format!("{id}\t{}\t{name}", kind.as_str());
    if !others.is_empty() || !attributes.is_empty() {
        line.push('\t');
        line.push_str(&others.join("|"));
    }
    if !attributes.is_empty() {
        line.push('\t');
        line.push_str(&attributes.join(";"));
    }
    // Aliases in a language follow as alias lines, one per language.
    let mut languages: Vec<Language> = in_languages.iter().filter_map(|a| a.language).collect();
    languages.sort_unstable();
    languages.dedup();
    for language in languages {
        let written: Vec<String> = in_languages
            .iter()
            .filter(|a| a.language == Some(language))
            .map(|a| flagged(a))
            .collect();
        line.push_str(&format!("\n{id}\t+{language}\t{}", written.join("|")));
    }
    line
}

/// What is wrong with `id`, if it is no valid entity id.
fn id_problem(id: &str) -> Option<String> {
    (!is_valid_id(id)).then(|| {
        format!(
            "invalid id `{id}`: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit"
        )
    })
}

/// Whether `id` is a valid entity id (lowercase letters, digits, `-`, `_`, `.`, starting with
/// a letter or digit).
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.'))
}

/// Parses one alias with its `^`, `=` and `!` flags.
fn parse_alias(item: &str) -> Result<Alias, String> {
    let mut text = item.trim();
    let mut needs_anchor = false;
    let mut forced_case = false;
    let mut blocks = false;
    loop {
        if let Some(rest) = text.strip_prefix('^') {
            needs_anchor = true;
            text = rest;
        } else if let Some(rest) = text.strip_prefix('=') {
            forced_case = true;
            text = rest;
        } else if let Some(rest) = text.strip_prefix('!') {
            blocks = true;
            text = rest;
        } else {
            break;
        }
    }
    if blocks && needs_anchor {
        return Err(format!(
            "alias `{}` cannot both block (`!`) and need an anchor (`^`)",
            item.trim()
        ));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(if item.trim().is_empty() {
            "empty alias (two `|` in a row, or a trailing `|`?)".to_string()
        } else {
            format!("alias `{item}` has flags but no text")
        });
    }
    // A letter or digit is visible; only other texts need folding to tell.
    if !text.bytes().any(|b| b.is_ascii_alphanumeric())
        && fold(text, CaseMode::Insensitive).is_empty()
    {
        return Err(format!("alias `{text}` has no visible characters"));
    }
    Ok(Alias {
        text: text.to_string(),
        case_sensitive: forced_case || is_all_caps(text),
        needs_anchor,
        blocks,
        language: None,
    })
}

/// Two or more capital letters and no lowercase letter: `US`, `U.S.`, `PKK`, `EPA-EFE`.
pub fn is_all_caps(text: &str) -> bool {
    text.chars().filter(|c| c.is_uppercase()).count() >= 2 && !text.chars().any(char::is_lowercase)
}

fn parse_attribute(pair: &str) -> Result<(String, String), String> {
    let Some((key, value)) = pair.split_once('=') else {
        return Err(format!("attribute `{}` is not key=value", pair.trim()));
    };
    let key = key.trim();
    let value = value.trim();
    let valid_key = key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !valid_key {
        return Err(format!(
            "invalid attribute key `{key}`: use lowercase letters, digits and `_`"
        ));
    }
    if RESERVED_ATTRIBUTES.contains(&key) {
        return Err(format!(
            "attribute key `{key}` is reserved for kgx's own node fields"
        ));
    }
    if value.is_empty() {
        return Err(format!("attribute `{key}` has an empty value"));
    }
    if key == PROMINENCE && parse_prominence(value).is_none() {
        return Err(format!(
            "attribute `prominence` must be a whole number from 1 to {MAX_BULK_PROMINENCE}, not `{value}`"
        ));
    }
    Ok((key.to_string(), value.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alias(text: &str, case_sensitive: bool, needs_anchor: bool) -> Alias {
        Alias {
            text: text.to_string(),
            case_sensitive,
            needs_anchor,
            blocks: false,
            language: None,
        }
    }

    /// The entity a valid entity line holds.
    fn entry(line: &str) -> Entry {
        match parse_line(line) {
            Ok(Some(Line::Entity(entry))) => entry,
            other => panic!("{line:?} gave {other:?}"),
        }
    }

    #[test]
    fn alias_lines_tag_their_aliases_with_the_language() {
        let ru = Language::parse("ru");
        match parse_line("vladimir-putin\t+ru\tПутин|^Владимир Владимирович")
        {
            Ok(Some(Line::Aliases(line))) => {
                assert_eq!(line.id, "vladimir-putin");
                assert_eq!(line.language.as_str(), "ru");
                assert_eq!(line.aliases.len(), 2);
                assert!(line.aliases.iter().all(|a| a.language == ru));
                assert!(line.aliases[1].needs_anchor);
            }
            other => panic!("{other:?}"),
        }
        for (line, expected) in [
            (
                "x\t+ru",
                "an alias line has 3 tab-separated columns (id, +language, aliases), found 2",
            ),
            ("x\t+ru\t", "an alias line with no alias"),
            (
                "x\t+RU\tA",
                "unknown language `+RU`: write two or three lowercase letters (`+ru`, `+zh`)",
            ),
            (
                "x\t+\tA",
                "unknown language `+`: write two or three lowercase letters (`+ru`, `+zh`)",
            ),
            (
                "x\t+ru\tA||B",
                "empty alias (two `|` in a row, or a trailing `|`?)",
            ),
        ] {
            assert_eq!(parse_line(line).unwrap_err(), [expected], "{line:?}");
        }
    }

    #[test]
    fn parses_a_full_line() {
        let entry = entry(
            "theresa-may\tperson\tTheresa May\t^May|T. May|=Theresa|MAY\twikidata=Q264766; role=Prime Minister",
        );
        assert_eq!(entry.id, "theresa-may");
        assert_eq!(entry.kind, EntityKind::Person);
        assert_eq!(entry.name, "Theresa May");
        assert_eq!(
            entry.aliases,
            [
                alias("Theresa May", false, false),
                alias("May", false, true),
                alias("T. May", false, false),
                alias("Theresa", true, false),
                alias("MAY", true, false),
            ]
        );
        assert_eq!(entry.attributes["wikidata"], "Q264766");
        assert_eq!(entry.attributes["role"], "Prime Minister");
    }

    #[test]
    fn forced_case_name_is_stripped_of_its_flag() {
        let entry = entry("turkey\tcountry\t=Turkey\tTürkiye");
        assert_eq!(entry.name, "Turkey");
        assert!(entry.aliases[0].case_sensitive);
        assert!(!entry.aliases[1].case_sensitive);
    }

    #[test]
    fn format_line_reads_back() {
        for line in [
            "turkey\tcountry\t=Turkey\tTürkiye|^Turks|!Turkey Point|US\tiso2=TR;wikidata=Q43",
            "jane-doe\tperson\tJane Doe",
            "acme\torganization\tAcme Ltd\tACME",
        ] {
            let entry = entry(line);
            let written = format_line(&entry.id, entry.kind, &entry.aliases, &entry.attributes);
            assert_eq!(written, line);
        }
        let mut turkey = entry("turkey\tcountry\t=Turkey\tTürkiye");
        for (line, language) in [("turkey\t+zh\t土耳其", "zh"), ("turkey\t+ru\tТурция", "ru")]
        {
            let Ok(Some(Line::Aliases(more))) = parse_line(line) else {
                panic!("{line:?}");
            };
            assert_eq!(more.language.as_str(), language);
            turkey.aliases.extend(more.aliases);
        }
        assert_eq!(
            format_line(&turkey.id, turkey.kind, &turkey.aliases, &turkey.attributes),
            "turkey\tcountry\t=Turkey\tTürkiye\nturkey\t+ru\tТурция\nturkey\t+zh\t土耳其"
        );
    }

    #[test]
    fn all_caps_detection() {
        for (text, expected) in [
            ("US", true),
            ("U.S.", true),
            ("EPA-EFE", true),
            ("G7", false),
            ("Nato", false),
            ("A", false),
            ("ÉU", true),
        ] {
            assert_eq!(is_all_caps(text), expected, "{text}");
        }
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        assert_eq!(parse_line("# id\ttype"), Ok(None));
        assert_eq!(parse_line("   "), Ok(None));
    }

    #[test]
    fn problems_are_described() {
        let cases: &[(&str, &[&str])] = &[
            ("x\tperson", &["expected 3 to 5 tab-separated columns (id, type, name, aliases, attributes), found 2"]),
            ("x\tperson\tX\ta||b", &["empty alias (two `|` in a row, or a trailing `|`?)"]),
            ("x\tperson\tX\t^=", &["alias `^=` has flags but no text"]),
            ("x\tperson\tX\t\tnokey", &["attribute `nokey` is not key=value"]),
            ("x\tperson\tX\t\ttype=a", &["attribute key `type` is reserved for kgx's own node fields"]),
            ("x\tperson\tX\t\ta=1;a=2", &["attribute `a` given twice"]),
            ("x\tperson\tX\t\tprominence=0", &["attribute `prominence` must be a whole number from 1 to 1000000, not `0`"]),
            ("x\tperson\tX\t\tprominence=many", &["attribute `prominence` must be a whole number from 1 to 1000000, not `many`"]),
            ("x\tperson\tX\t\tprominence=1000001", &["attribute `prominence` must be a whole number from 1 to 1000000, not `1000001`"]),
            ("x\tperson\t^X", &["the name cannot carry `^` or `!`; put such spellings in the aliases"]),
            ("x\tperson\tX\t!^Y", &["alias `!^Y` cannot both block (`!`) and need an anchor (`^`)"]),
            ("X\tpeople\t", &[
                "invalid id `X`: use lowercase letters, digits, `-`, `_` and `.`, starting with a letter or digit",
                "unknown type `people` (expected person, country or organization)",
                "empty name",
            ]),
        ];
        for (line, expected) in cases {
            assert_eq!(parse_line(line).unwrap_err(), *expected, "{line:?}");
        }
    }
}
