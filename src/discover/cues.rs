//! The cue file of discovery: placeholders and patterns, read from a file users can edit.
//!
//! The format is documented in the built-in file itself (`dictionaries/discover/cues.tsv`):
//! `define NAME PATTERN` lines name placeholders, and `KIND EVIDENCE PATTERN` lines are cues
//! whose pattern has a `name` group. A cue file is data, not code, so it is checked like a
//! dictionary: every line that is wrong is reported as `path:line: what is wrong`, all at once.

use std::collections::BTreeMap;
use std::path::Path;

use regex::Regex;

use crate::dictionary::EntityKind;
use crate::error::{Diagnostic, Diagnostics, Error, Result};

/// The cue file compiled into kgx.
pub const BUILTIN: &str = include_str!("../../dictionaries/discover/cues.tsv");

/// The name under which the built-in cue file is reported.
pub const BUILTIN_NAME: &str = "<built-in>/discover/cues.tsv";

/// A capitalised word: a capital, then letters, marks, and inner apostrophes or hyphens
/// followed by a letter ("O'Neill", "Sven-Goran", "McDonald"). A possessive "'s" is trimmed
/// later, where the name is checked.
pub(crate) const WORD: &str = r"\p{Lu}[\p{L}\p{M}]*(?:['’\-]\p{L}[\p{L}\p{M}]*)*";

/// An initial: one capital letter, optionally with its dot.
const INITIAL: &str = r"\p{Lu}\.?";

/// How much a cue proves on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Evidence {
    /// Only the name itself (a known given name): doubted where a common word could be meant.
    Weak,
    /// The words around the name say what it is.
    Strong,
}

/// One cue: a pattern whose `name` group is a person's or an organization's name.
#[derive(Debug, Clone)]
pub struct Cue {
    /// What the name is.
    pub kind: EntityKind,
    /// How much the cue proves.
    pub evidence: Evidence,
    /// The pattern, placeholders expanded.
    pub regex: Regex,
    /// Whether the pattern has a `given` group (a known given name must fill it).
    pub has_given: bool,
}

/// Reads the cues of `text` (named `source` in messages).
///
/// # Errors
/// [`Error::Dictionary`] listing every malformed line: an unknown kind or evidence, an unknown
/// or repeated placeholder, a pattern that does not compile or has no `name` group.
pub fn parse(source: &str, text: &str) -> Result<Vec<Cue>> {
    let mut placeholders: BTreeMap<String, String> = BTreeMap::new();
    placeholders.insert("Word".into(), WORD.into());
    placeholders.insert("Initial".into(), INITIAL.into());
    let mut cues = Vec::new();
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_number = index + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut problem = |message: String| {
            problems.push(Diagnostic {
                path: source.into(),
                line: line_number,
                message,
            })
        };
        let columns: Vec<&str> = line.split('\t').collect();
        let [first, second, pattern] = columns.as_slice() else {
            problem(format!(
                "expected 3 tab-separated columns (KIND EVIDENCE PATTERN or define NAME PATTERN), found {}",
                columns.len()
            ));
            continue;
        };
        let expanded = match expand(pattern, &placeholders) {
            Ok(expanded) => expanded,
            Err(message) => {
                problem(message);
                continue;
            }
        };
        if *first == "define" {
            let valid_name =
                !second.is_empty() && second.chars().all(|c| c.is_ascii_alphanumeric());
            if !valid_name {
                problem(format!(
                    "invalid placeholder name `{second}`: use letters and digits"
                ));
            } else if placeholders.contains_key(*second) {
                problem(format!("placeholder `{second}` is defined twice"));
            } else if let Err(error) = Regex::new(&expanded) {
                problem(format!(
                    "placeholder `{second}` is not a valid pattern: {}",
                    one_line(&error)
                ));
            } else {
                placeholders.insert(second.to_string(), expanded);
            }
            continue;
        }
        let kind = match *first {
            "person" => EntityKind::Person,
            "organization" => EntityKind::Organization,
            other => {
                problem(format!(
                    "unknown kind `{other}`: use person, organization or define"
                ));
                continue;
            }
        };
        let evidence = match *second {
            "weak" => Evidence::Weak,
            "strong" => Evidence::Strong,
            other => {
                problem(format!("unknown evidence `{other}`: use weak or strong"));
                continue;
            }
        };
        // A cue matches from the start of a word: never "Donald Smith" inside "McDonald Smith".
        match Regex::new(&format!(r"\b(?:{expanded})")) {
            Err(error) => problem(format!("invalid pattern: {}", one_line(&error))),
            Ok(regex) => {
                let names: Vec<&str> = regex.capture_names().flatten().collect();
                if !names.contains(&"name") {
                    problem(
                        "the pattern has no `name` group: write (?P<name>…) around the name".into(),
                    );
                    continue;
                }
                cues.push(Cue {
                    kind,
                    evidence,
                    has_given: names.contains(&"given"),
                    regex,
                });
            }
        }
    }
    if problems.is_empty() {
        Ok(cues)
    } else {
        Err(Error::Dictionary(Diagnostics(problems)))
    }
}

/// Reads the cue file at `path`.
///
/// # Errors
/// When the file cannot be read, or as [`parse`].
pub fn read(path: &Path) -> Result<Vec<Cue>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(&path.display().to_string(), &text)
}

/// `pattern` with every `{Name}` replaced by its definition (in a non-capturing group).
fn expand(
    pattern: &str,
    placeholders: &BTreeMap<String, String>,
) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 2);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(0);
        let name = &after[..close];
        let is_placeholder = close > 0
            && name.starts_with(|c: char| c.is_ascii_uppercase())
            && name.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_placeholder {
            // A repetition such as {1,4}, or a literal brace: left to the regex.
            out.push('{');
            rest = after;
            continue;
        }
        let Some(definition) = placeholders.get(name) else {
            return Err(format!(
                "unknown placeholder `{{{name}}}`: define it on an earlier line"
            ));
        };
        out.push_str("(?:");
        out.push_str(definition);
        out.push(')');
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// A regex error on one line (its message spans several, with a caret diagram).
fn one_line(error: &regex::Error) -> String {
    match error {
        regex::Error::Syntax(message) => message
            .lines()
            .rfind(|l| l.starts_with("error:"))
            .unwrap_or("syntax error")
            .to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_cues_compile() {
        let cues = parse(BUILTIN_NAME, BUILTIN).unwrap();
        assert!(cues
            .iter()
            .any(|c| c.kind == EntityKind::Person && c.evidence == Evidence::Weak && c.has_given));
        assert!(cues.iter().any(|c| c.kind == EntityKind::Organization));
    }

    #[test]
    fn placeholders_expand_and_repetitions_stay() {
        let cues = parse(
            "c.tsv",
            "define\tHon\t(?:Mr|Ms)\nperson\tstrong\t{Hon} (?P<name>{Word}(?: {Word}){1,2})\n",
        )
        .unwrap();
        let found = cues[0].regex.captures("Ms Jane Doe").unwrap();
        assert_eq!(&found["name"], "Jane Doe");
    }

    #[test]
    fn every_bad_line_is_reported_with_its_number() {
        let text = "person\tstrong\t(?P<nom>{Word})\n\
                    # a comment\n\
                    robot\tweak\t(?P<name>x)\n\
                    person\tsure\t(?P<name>x)\n\
                    person\tweak\t(?P<name>{Nope})\n\
                    person\tweak\t(?P<name>(x)\n\
                    define\tWord\tx\n\
                    only two\tcolumns\n";
        let Err(Error::Dictionary(diagnostics)) = parse("c.tsv", text) else {
            panic!("expected diagnostics");
        };
        let lines: Vec<String> = diagnostics.0.iter().map(|d| d.to_string()).collect();
        assert_eq!(lines.len(), 7, "{lines:#?}");
        assert_eq!(
            lines[0],
            "c.tsv:1: the pattern has no `name` group: write (?P<name>…) around the name"
        );
        assert_eq!(
            lines[1],
            "c.tsv:3: unknown kind `robot`: use person, organization or define"
        );
        assert_eq!(
            lines[2],
            "c.tsv:4: unknown evidence `sure`: use weak or strong"
        );
        assert_eq!(
            lines[3],
            "c.tsv:5: unknown placeholder `{Nope}`: define it on an earlier line"
        );
        assert!(
            lines[4].starts_with("c.tsv:6: invalid pattern: "),
            "{}",
            lines[4]
        );
        assert_eq!(lines[5], "c.tsv:7: placeholder `Word` is defined twice");
        assert!(
            lines[6].starts_with("c.tsv:8: expected 3 tab-separated columns"),
            "{}",
            lines[6]
        );
    }
}
