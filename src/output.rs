//! Atomic output files: written in full to a temporary file next to the target, then renamed.
//!
//! A crash, a full disk or an error half-way leaves the previous file (or none), never half a
//! file: the temporary file is deleted when an [`AtomicFile`] is dropped without
//! [`commit`](AtomicFile::commit).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::error::{Error, Result};

/// A file being written; it appears under its name only on [`commit`](AtomicFile::commit).
#[derive(Debug)]
pub struct AtomicFile {
    writer: BufWriter<NamedTempFile>,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing `path`, whose directory must exist.
    ///
    /// # Errors
    /// [`Error::Io`] naming the directory when a file cannot be created there.
    pub fn create(path: &Path) -> Result<AtomicFile> {
        let directory = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // The directory's own error ("No such file or directory") reads better than the
        // temporary file's, which names a random file the user never asked for.
        std::fs::metadata(directory).map_err(|e| Error::io(directory, e))?;
        let temp = tempfile::Builder::new()
            .prefix(".kgx-")
            .suffix(".tmp")
            .tempfile_in(directory)
            .map_err(|e| {
                let message = e.to_string();
                let message = message.split(" at path ").next().unwrap_or_default();
                Error::io(
                    directory,
                    std::io::Error::new(e.kind(), message.to_string()),
                )
            })?;
        Ok(AtomicFile {
            writer: BufWriter::new(temp),
            path: path.to_path_buf(),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Flushes, and renames the temporary file to the final path.
    ///
    /// # Errors
    /// [`Error::Io`] naming the final path when flushing or renaming fails.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let temp = self
            .writer
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        temp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
        #[cfg(unix)]
        {
            // Temporary files are private (0600); results are ordinary files.
            use std::os::unix::fs::PermissionsExt;
            let permissions = std::fs::Permissions::from_mode(0o644);
            temp.as_file()
                .set_permissions(permissions)
                .map_err(|e| Error::io(&path, e))?;
        }
        temp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"{}").unwrap();
        assert!(!path.exists());
        file.commit().unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
    }

    #[test]
    fn dropped_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        std::fs::write(&path, "old").unwrap();
        let mut file = AtomicFile::create(&path).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
