//! The built-in dictionaries, compiled into the binary so `kgx` works from any directory.
//!
//! The files live in `dictionaries/` at the top of the repository, where they are edited and
//! reviewed as ordinary text.

/// `(file name, contents)` of every built-in dictionary, in load order.
pub const BUILTIN_FILES: [(&str, &str); 3] = [
    (
        "countries.tsv",
        include_str!("../../dictionaries/countries.tsv"),
    ),
    (
        "organizations.tsv",
        include_str!("../../dictionaries/organizations.tsv"),
    ),
    ("people.tsv", include_str!("../../dictionaries/people.tsv")),
];
