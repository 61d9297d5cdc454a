//! The built-in dictionaries, compiled once and cached, so that start-up does not rebuild them.
//!
//! Parsing the built-in text and building its matcher takes most of a second with 120,000
//! entities; reading the compiled form (see [`super::compiled`]) takes a fraction of that. The
//! first run writes the compiled form to the cache directory as
//! `builtin-<fingerprint>.kgxd`, where the fingerprint ([`BUILTIN_FINGERPRINT`]) hashes the
//! package version, the built-in files and kgx's source, so a binary never reads what another
//! binary wrote; later runs read it.
//!
//! The cache directory is `$KGX_CACHE_DIR` if set (set but empty turns the cache off), else
//! `$XDG_CACHE_HOME/kgx`, else `$HOME/.cache/kgx`. The cache only ever saves time: a cache
//! that cannot be written is skipped, and one that cannot be read back (truncated, corrupt,
//! replaced) is rebuilt from the text, so the output is the same bytes with or without it.

use std::ffi::OsString;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::{compiled, Matcher};
use crate::dictionary::{Dictionary, BUILTIN_FINGERPRINT};
use crate::error::Result;

/// The environment variable that names the cache directory (empty: no cache).
pub const CACHE_DIR_VARIABLE: &str = "KGX_CACHE_DIR";

/// The built-in dictionaries and their matcher: from the cache when it holds them, else built
/// from the text and cached for the next run.
///
/// # Errors
/// Only if a built-in file is malformed, which the test suite rules out.
pub fn load_builtin() -> Result<(Dictionary, Matcher)> {
    load_builtin_in(cache_dir().as_deref())
}

/// [`load_builtin`] with the cache in `dir` (`None`: no cache).
///
/// # Errors
/// As [`load_builtin`].
pub fn load_builtin_in(dir: Option<&Path>) -> Result<(Dictionary, Matcher)> {
    let Some(dir) = dir else {
        return build();
    };
    let path = dir.join(file_name());
    // Streamed from the file into the tables that keep it: reading the whole file first
    // would double the memory that start-up touches (and the kernel must clear).
    if let Ok(parts) = compiled::read_file(&path) {
        return Ok(parts);
    }
    let (dictionary, matcher) = build()?;
    // A cache that cannot be written costs the next run time, never this run its result.
    let _ = store(dir, &path, &dictionary, &matcher);
    Ok((dictionary, matcher))
}

/// The cache file's name for this binary.
pub fn file_name() -> String {
    format!("builtin-{BUILTIN_FINGERPRINT:016x}.kgxd")
}

/// The cache directory the environment asks for, if any.
fn cache_dir() -> Option<PathBuf> {
    let non_empty = |value: OsString| (!value.is_empty()).then(|| PathBuf::from(value));
    if let Some(dir) = std::env::var_os(CACHE_DIR_VARIABLE) {
        return non_empty(dir);
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME").and_then(non_empty) {
        return Some(dir.join("kgx"));
    }
    let home = std::env::var_os("HOME").and_then(non_empty)?;
    Some(home.join(".cache").join("kgx"))
}

fn build() -> Result<(Dictionary, Matcher)> {
    let dictionary = Dictionary::builtin()?;
    let matcher = Matcher::new(&dictionary)?;
    Ok((dictionary, matcher))
}

/// Writes the compiled form to `path` through a temporary file in `dir` (a reader never sees
/// half a file) and removes the caches of other builds.
fn store(dir: &Path, path: &Path, dictionary: &Dictionary, matcher: &Matcher) -> Option<()> {
    let bytes = compiled::write(dictionary, matcher).ok()?;
    fs::create_dir_all(dir).ok()?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".builtin-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .ok()?;
    temporary.write_all(&bytes).ok()?;
    temporary.persist(path).ok()?;
    let own = file_name();
    for entry in fs::read_dir(dir).ok()?.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("builtin-") && name.ends_with(".kgxd") && name != own {
            let _ = fs::remove_file(entry.path());
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_load_writes_the_cache_and_the_next_reads_the_same_dictionary() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join("builtin-0000000000000000.kgxd");
        fs::write(&stale, b"an older build's cache").unwrap();
        let (built, built_matcher) = load_builtin_in(Some(dir.path())).unwrap();
        let cached_path = dir.path().join(file_name());
        assert!(cached_path.is_file());
        assert!(!stale.exists(), "the other build's cache is removed");

        let (cached, cached_matcher) = load_builtin_in(Some(dir.path())).unwrap();
        assert_eq!(cached.len(), built.len());
        assert_eq!(cached_matcher, built_matcher);
        let text = "President Vladimir Putin met Emmanuel Macron in Paris.";
        assert_eq!(
            cached_matcher.candidates(text),
            built_matcher.candidates(text)
        );
    }

    #[test]
    fn a_corrupt_cache_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name());
        fs::write(&path, b"KGXDICT\0 but nothing after").unwrap();
        let (dictionary, _) = load_builtin_in(Some(dir.path())).unwrap();
        assert_eq!(dictionary.len(), Dictionary::builtin().unwrap().len());
        let rewritten = fs::read(&path).unwrap();
        assert!(compiled::read(&path, &rewritten).is_ok());
    }

    #[test]
    fn an_unwritable_cache_directory_costs_nothing_but_time() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("not-a-directory");
        fs::write(&file, b"").unwrap();
        let (dictionary, _) = load_builtin_in(Some(&file)).unwrap();
        assert!(!dictionary.is_empty());
    }
}
