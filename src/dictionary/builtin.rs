//! The built-in dictionaries, compiled into the binary so `kgx` works from any directory.
//!
//! The files live in `dictionaries/` at the top of the repository, where they are edited and
//! reviewed as ordinary text; `dictionaries/builtin.list` names them in load order, and the build
//! script (`build.rs`) embeds each one.

/// `(path under dictionaries/, contents)` of every built-in dictionary, in load order.
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

/// A hash of the package version, the built-in files and kgx's source code (see `build.rs`):
/// the name of the cached compiled form of the built-in dictionaries
/// ([`crate::matcher::builtin_cache`]).
pub const BUILTIN_FINGERPRINT: u64 = include!(concat!(env!("OUT_DIR"), "/builtin_fingerprint.rs"));
