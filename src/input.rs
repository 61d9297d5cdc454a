//! Inputs: turning the paths on the command line into an ordered list of documents to read.
//!
//! A file is read whatever its name; a directory is walked recursively for `*.txt` and `*.md`
//! files (case-insensitive), skipping hidden entries and not following directory symlinks;
//! `-` is standard input. The list is sorted within each directory and keeps the command-line
//! order between arguments, and a file named twice is read once, so the same command gives the
//! same documents in the same order.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// The document id used in outputs: the path as found, or `-`.
    pub fn id(&self) -> String {
        match self {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// The path shown in messages.
    pub fn path(&self) -> &Path {
        match self {
            Source::File(path) => path,
            Source::Stdin => Path::new("<stdin>"),
        }
    }

    /// Reads the raw bytes.
    ///
    /// # Errors
    /// [`Error::Io`] naming the path.
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            Source::File(path) => fs::read(path).map_err(|e| Error::io(path, e)),
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .lock()
                    .read_to_end(&mut bytes)
                    .map_err(|e| Error::io("<stdin>", e))?;
                Ok(bytes)
            }
        }
    }
}

/// Expands command-line inputs into sources. Problems with one argument (a missing path, a
/// directory without text files) are returned beside the sources, so the run can go on.
pub fn collect(arguments: &[PathBuf]) -> (Vec<Source>, Vec<Error>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for argument in arguments {
        if argument.as_os_str() == "-" {
            if seen.insert(Source::Stdin) {
                sources.push(Source::Stdin);
            }
            continue;
        }
        let metadata = match fs::metadata(argument) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Error::MissingInput {
                    path: argument.clone(),
                });
                continue;
            }
            Err(e) => {
                problems.push(Error::io(argument, e));
                continue;
            }
        };
        if metadata.is_dir() {
            let mut files = Vec::new();
            walk(argument, &mut files, &mut problems);
            if files.is_empty() {
                problems.push(Error::EmptyDirectory {
                    path: argument.clone(),
                });
            }
            for file in files {
                let source = Source::File(file);
                if seen.insert(source.clone()) {
                    sources.push(source);
                }
            }
        } else {
            let source = Source::File(argument.clone());
            if seen.insert(source.clone()) {
                sources.push(source);
            }
        }
    }
    (sources, problems)
}

/// Whether a file found in a directory is one kgx reads.
fn is_text_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn walk(directory: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Error>) {
    let entries = match fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Error::io(directory, e));
            return;
        }
    };
    let mut paths: Vec<(PathBuf, bool)> = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if is_hidden(&path) {
                    continue;
                }
                // file_type() does not follow symlinks: symlinked directories are skipped
                // (no cycles), symlinked files are read.
                let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                paths.push((path, is_dir));
            }
            Err(e) => problems.push(Error::io(directory, e)),
        }
    }
    paths.sort();
    for (path, is_dir) in paths {
        if is_dir {
            walk(&path, files, problems);
        } else if is_text_file(&path) && path.is_file() {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directories_are_walked_sorted_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        for name in [
            "b.txt",
            "a.MD",
            "c.json",
            "sub/d.txt",
            ".git/e.txt",
            ".hidden.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        let (sources, problems) = collect(&[root.to_path_buf(), root.join("b.txt")]);
        assert!(problems.is_empty());
        let names: Vec<String> = sources
            .iter()
            .map(|s| s.path().strip_prefix(root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.MD", "b.txt", "sub/d.txt"]);
    }

    #[test]
    fn problems_do_not_stop_collection() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "x").unwrap();
        let empty = dir.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let missing = dir.path().join("missing.txt");
        let (sources, problems) = collect(&[missing.clone(), empty, dir.path().join("a.txt")]);
        assert_eq!(sources.len(), 1);
        assert_eq!(problems.len(), 2);
        assert!(matches!(&problems[0], Error::MissingInput { path } if *path == missing));
        assert!(matches!(&problems[1], Error::EmptyDirectory { .. }));
    }
}
