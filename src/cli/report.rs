//! The one place that writes `kgx: …` lines on stderr: errors, warnings and notes.
//!
//! Every line is `kgx: ` + an optional label (`warning: `, `note: `) + the message, on one line
//! as the [`Error`] or message displays it (`path[:line]: what is wrong`). What a message quotes
//! from the inputs (a name, a date, a file name) is shown [`printable`], never sent to the
//! terminal as codes. Writing the line allocates nothing unless it holds a control character,
//! so the out-of-memory handler of the binary can print through it too. A line that cannot be
//! written is dropped: stderr is where failures are told, there is nowhere else to tell them.

use std::fmt;
use std::io::Write;

use super::shared::printable;
use crate::error::Error;

/// Prints `error`: one line, or one per problem for the errors that list several (every bad
/// dictionary line; every input that could not be read, then the summary).
pub fn error(stderr: &mut dyn Write, error: &Error) {
    match error {
        Error::Dictionary(diagnostics) => {
            for diagnostic in &diagnostics.0 {
                line(stderr, "", diagnostic);
            }
        }
        Error::NoDocumentRead { failures, .. } => {
            for failure in failures {
                line(stderr, "", failure);
            }
            line(stderr, "", error);
        }
        _ => line(stderr, "", error),
    }
}

/// Prints `kgx: warning: message`: something was done differently from what was asked, to
/// stay within a limit, and the result may differ from what the user expects.
pub fn warning(stderr: &mut dyn Write, message: &dyn fmt::Display) {
    line(stderr, "warning: ", message);
}

/// Prints `kgx: note: message`: how kgx went about the work, for the user to know.
pub fn note(stderr: &mut dyn Write, message: &dyn fmt::Display) {
    line(stderr, "note: ", message);
}

/// Prints `kgx: message`, without a label: what a command tells beside its output (what a
/// drawing or a page shows, how many inputs were not listed, that it was interrupted).
pub fn message(stderr: &mut dyn Write, message: &dyn fmt::Display) {
    line(stderr, "", message);
}

fn line(stderr: &mut dyn Write, label: &str, message: &dyn fmt::Display) {
    let _ = writeln!(stderr, "kgx: {label}{}", Printable(message));
}

/// Displays a message with its control characters escaped as [`printable`] does.
struct Printable<'a>(&'a dyn fmt::Display);

impl fmt::Display for Printable<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        /// Escapes each piece of the message on its way to the formatter; `printable` looks
        /// at characters one by one, so where the pieces are cut does not matter.
        struct Escaping<'a, 'b>(&'a mut fmt::Formatter<'b>);

        impl fmt::Write for Escaping<'_, '_> {
            fn write_str(&mut self, piece: &str) -> fmt::Result {
                self.0.write_str(&printable(piece))
            }
        }

        fmt::write(&mut Escaping(f), format_args!("{}", self.0))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::error::{Diagnostic, Diagnostics};

    fn printed(print: impl FnOnce(&mut dyn Write)) -> String {
        let mut stderr = Vec::new();
        print(&mut stderr);
        String::from_utf8(stderr).unwrap()
    }

    #[test]
    fn every_line_starts_with_kgx_and_its_label() {
        let missing = Error::MissingInput {
            path: PathBuf::from("a.txt"),
        };
        let cases: [(&str, String); 4] = [
            (
                "kgx: a.txt: no such file or directory\n",
                printed(|e| error(e, &missing)),
            ),
            (
                "kgx: warning: 3 more warnings like these\n",
                printed(|e| warning(e, &format_args!("{} more warnings like these", 3))),
            ),
            (
                "kgx: note: estimating it\n",
                printed(|e| note(e, &"estimating it")),
            ),
            (
                "kgx: interrupted\n",
                printed(|e| message(e, &"interrupted")),
            ),
        ];
        for (expected, actual) in cases {
            assert_eq!(actual, expected);
        }
    }

    #[test]
    fn control_characters_are_escaped_wherever_the_message_is_cut() {
        let bell = Error::UnknownEntity {
            query: "Bell\u{7}Ring".into(),
            graph: PathBuf::from("g\u{1b}[31m.json"),
            suggestions: Vec::new(),
        };
        assert_eq!(
            printed(|e| error(e, &bell)),
            "kgx: no entity named \"Bell\\u{7}Ring\" in g\\u{1b}[31m.json\n"
        );
        assert_eq!(
            printed(|e| warning(e, &format_args!("{}{}", "a\u{7}", "\u{7}b"))),
            "kgx: warning: a\\u{7}\\u{7}b\n"
        );
    }

    #[test]
    fn errors_that_list_problems_print_one_line_each() {
        let at = |line: usize| Diagnostic {
            path: PathBuf::from("d.tsv"),
            line,
            message: "empty name".into(),
        };
        let dictionary = Error::Dictionary(Diagnostics(vec![at(1), at(3)]));
        assert_eq!(
            printed(|e| error(e, &dictionary)),
            "kgx: d.tsv:1: empty name\nkgx: d.tsv:3: empty name\n"
        );
        let nothing = Error::NoDocumentRead {
            directory: PathBuf::from("out"),
            failures: vec![Error::EmptyInput {
                path: PathBuf::from("e.txt"),
            }],
        };
        assert_eq!(
            printed(|e| error(e, &nothing)),
            "kgx: e.txt: empty file, nothing to read\n\
             kgx: no input document could be read; nothing written to out\n"
        );
    }
}
