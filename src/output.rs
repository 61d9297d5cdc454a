//! Output files: atomic, never one of the inputs, never replacing a device or a link, and
//! never left behind half-written.
//!
//! Every file kgx writes goes through [`AtomicFile`], whatever the command:
//! - **Atomic.** A regular file (or a new one) is written in full to a temporary file
//!   `.kgx-PID-XXXXXX.tmp` next to it, then renamed. A crash, a full disk or an error half-way
//!   leaves the previous file (or none), never half a file.
//! - **Never an input.** An output that is one of the command's [`Inputs`], by name or as a
//!   hard link (same device and inode), is refused before anything is written:
//!   `kgx export G -o G` would otherwise replace the graph it is reading.
//! - **Devices, FIFOs and links are written through.** A rename would replace `/dev/null` or
//!   `/dev/stdout` by a regular file (as root, for everyone). So an existing device, FIFO or
//!   socket is opened and written like a shell's `>` does. A symlink is followed: when it
//!   leads to a regular file, that file is replaced atomically and the link stays a link;
//!   when it leads to anything else (`/dev/stdout` → `/proc/self/fd/1` → a pipe) or to
//!   nothing yet, it is written through. Writing through is not atomic: it is what the user
//!   asked for by naming a device.
//! - **Nothing left behind.** Temporary files are deleted when an [`AtomicFile`] is dropped
//!   without [`commit`](AtomicFile::commit), and listed in a registry while they live so that
//!   the binary's SIGINT/SIGTERM handler and its out-of-memory path can delete them too
//!   ([`remove_temp_files`]), where no destructor runs. Files a killed run left (SIGKILL, power
//!   loss) are swept by the next run that writes into the same directory: only names of kgx's
//!   own pattern, older than this run, of a process that is gone.

use std::collections::HashSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::time::{Duration, SystemTime};

use foldhash::fast::FixedState;
use tempfile::TempPath;

use crate::error::{Error, Result};

/// How temporary files start; see [`own_temp_pid`] for the whole pattern.
const TEMP_PREFIX: &str = ".kgx-";
/// How temporary files end.
const TEMP_SUFFIX: &str = ".tmp";
/// Random characters in a temporary name (tempfile's default).
const TEMP_RANDOM: usize = 6;
/// Where the process table cannot be read, a stale temporary file must be at least this old.
const STALE_WITHOUT_PROC: Duration = Duration::from_secs(24 * 60 * 60);

/// The files a command reads, so that no output replaces one of them.
///
/// Only regular files count (reading `/dev/null` and writing it is no conflict). A file is
/// known by its device and inode, so a hard link or a symlink to an input is recognised too;
/// where there are no inodes, by its canonical path.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    files: HashSet<FileKey, FixedState>,
}

/// What makes a file the same file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg(unix)]
    Inode { device: u64, inode: u64 },
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileKey {
    /// The key of the regular file at `path` (symlinks followed), if there is one.
    fn of(path: &Path) -> Option<FileKey> {
        let metadata = fs::metadata(path).ok()?;
        if !metadata.is_file() {
            return None;
        }
        FileKey::from_metadata(path, &metadata)
    }

    #[cfg(unix)]
    fn from_metadata(_path: &Path, metadata: &fs::Metadata) -> Option<FileKey> {
        use std::os::unix::fs::MetadataExt;
        Some(FileKey::Inode {
            device: metadata.dev(),
            inode: metadata.ino(),
        })
    }

    #[cfg(not(unix))]
    fn from_metadata(path: &Path, _metadata: &fs::Metadata) -> Option<FileKey> {
        fs::canonicalize(path).ok().map(FileKey::Path)
    }
}

impl Inputs {
    /// No inputs yet.
    pub fn new() -> Inputs {
        Inputs::default()
    }

    /// Inputs made of `paths`.
    pub fn of<P: AsRef<Path>>(paths: impl IntoIterator<Item = P>) -> Inputs {
        let mut inputs = Inputs::new();
        for path in paths {
            inputs.add(path.as_ref());
        }
        inputs
    }

    /// Adds the file at `path`; a path that names no regular file is no input to protect.
    pub fn add(&mut self, path: &Path) {
        if let Some(key) = FileKey::of(path) {
            self.files.insert(key);
        }
    }

    /// Adds the file that `metadata` describes (of a file opened at `path`), without looking
    /// the path up again; a file that is not a regular one is no input to protect.
    pub fn add_metadata(&mut self, path: &Path, metadata: &fs::Metadata) {
        if metadata.is_file() {
            if let Some(key) = FileKey::from_metadata(path, metadata) {
                self.files.insert(key);
            }
        }
    }

    /// Whether a file is in both.
    pub fn shares_a_file_with(&self, other: &Inputs) -> bool {
        let (small, large) = if self.files.len() <= other.files.len() {
            (self, other)
        } else {
            (other, self)
        };
        small.files.iter().any(|key| large.files.contains(key))
    }

    /// Adds standard input when it is redirected from a regular file (`kgx extract - < F`).
    pub fn add_stdin(&mut self) {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            let stdin = io::stdin();
            let Ok(fd) = stdin.as_fd().try_clone_to_owned() else {
                return;
            };
            let file = File::from(fd);
            if let Ok(metadata) = file.metadata() {
                if metadata.is_file() {
                    if let Some(key) = FileKey::from_metadata(Path::new("-"), &metadata) {
                        self.files.insert(key);
                    }
                }
            }
        }
    }

    /// Adds every input of `other`.
    pub fn extend(&mut self, other: &Inputs) {
        self.files.extend(other.files.iter().cloned());
    }

    /// Checks that writing `output` would not replace an input.
    ///
    /// # Errors
    /// [`Error::WouldOverwriteInput`] naming `output` when it is one of the inputs, by name,
    /// hard link or symlink.
    pub fn check(&self, output: &Path) -> Result<()> {
        match FileKey::of(output) {
            Some(key) if self.files.contains(&key) => Err(Error::WouldOverwriteInput {
                path: output.to_path_buf(),
            }),
            _ => Ok(()),
        }
    }
}

/// Where the bytes of an [`AtomicFile`] go until it is committed.
#[derive(Debug)]
enum Sink {
    /// A temporary file, renamed over `target` on commit.
    Staged {
        temp: TempPath,
        /// The file that is replaced: the output path, or the file its symlink leads to.
        target: PathBuf,
        /// Dropped after `temp`, which deletes the file first.
        registered: Registered,
    },
    /// The output itself (a device, a FIFO, a link to one): written as it goes.
    Through,
}

/// A file being written; it appears under its name only on [`commit`](AtomicFile::commit)
/// (unless it is written through: see the [module documentation](self)).
#[derive(Debug)]
pub struct AtomicFile {
    writer: BufWriter<File>,
    sink: Sink,
    path: PathBuf,
}

impl AtomicFile {
    /// Starts writing `path`, whose directory must exist, after checking that it is none of
    /// `inputs`.
    ///
    /// # Errors
    /// [`Error::WouldOverwriteInput`] when `path` is one of `inputs`; [`Error::Io`] naming the
    /// directory when a file cannot be created there, or naming `path` when a device or FIFO
    /// cannot be opened.
    pub fn create(path: &Path, inputs: &Inputs) -> Result<AtomicFile> {
        inputs.check(path)?;
        let (file, sink) = match target_of(path) {
            Some(target) => {
                let (file, temp, registered) = create_temp(&target)?;
                let sink = Sink::Staged {
                    temp,
                    target,
                    registered,
                };
                (file, sink)
            }
            None => {
                let file = OpenOptions::new()
                    .write(true)
                    .create(true)
                    .truncate(true)
                    .open(path)
                    .map_err(|e| Error::io(path, e))?;
                (file, Sink::Through)
            }
        };
        Ok(AtomicFile {
            writer: BufWriter::new(file),
            sink,
            path: path.to_path_buf(),
        })
    }

    /// The final path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file is written through (a device, a FIFO, a link to one) rather than
    /// renamed into place.
    pub fn is_written_through(&self) -> bool {
        matches!(self.sink, Sink::Through)
    }

    /// Flushes, and renames the temporary file to the final path.
    ///
    /// # Errors
    /// [`Error::Io`] naming the final path when flushing or renaming fails.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let file = self
            .writer
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        let Sink::Staged {
            temp,
            target,
            registered,
        } = self.sink
        else {
            // A device or a pipe has nothing to sync, and some refuse fsync.
            return Ok(());
        };
        file.sync_all().map_err(|e| Error::io(&path, e))?;
        #[cfg(unix)]
        {
            // Temporary files are private (0600); results are ordinary files.
            use std::os::unix::fs::PermissionsExt;
            let permissions = fs::Permissions::from_mode(0o644);
            file.set_permissions(permissions)
                .map_err(|e| Error::io(&path, e))?;
        }
        drop(file);
        // Under the registry's lock, so that an interrupt sees the file either renamed or
        // still temporary, never half-way.
        let persisted = {
            let mut registry = registry();
            let persisted = temp.persist(&target);
            if persisted.is_ok() {
                registry.live.retain(|p| *p != registered.0);
            }
            persisted
        };
        // On failure the temporary file is deleted here, with the error's `TempPath`.
        let result = persisted.map_err(|e| Error::io(&path, e.error));
        drop(registered);
        result
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

/// A temporary file's place in the registry, given up on drop.
#[derive(Debug)]
struct Registered(PathBuf);

impl Drop for Registered {
    fn drop(&mut self) {
        registry().live.retain(|p| *p != self.0);
    }
}

/// The file to replace atomically when writing `path`, or `None` when `path` must be written
/// through: an existing device, FIFO or socket, or a symlink that does not lead to a regular
/// file.
fn target_of(path: &Path) -> Option<PathBuf> {
    let Ok(metadata) = fs::symlink_metadata(path) else {
        return Some(path.to_path_buf());
    };
    if metadata.file_type().is_symlink() {
        let resolved = fs::canonicalize(path).ok()?;
        return fs::metadata(&resolved)
            .is_ok_and(|m| m.is_file())
            .then_some(resolved);
    }
    metadata.is_file().then(|| path.to_path_buf())
}

/// Temporary files alive in this process, and the directories already swept of stale ones.
struct Registry {
    live: Vec<PathBuf>,
    swept: Vec<PathBuf>,
    /// When this process first wrote a file: older temporary files are not its own.
    started: Option<SystemTime>,
}

static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    live: Vec::new(),
    swept: Vec::new(),
    started: None,
});

fn registry() -> MutexGuard<'static, Registry> {
    // A panic elsewhere while holding the lock leaves the list valid.
    REGISTRY
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Creates and registers a temporary file beside `target`, after sweeping that directory of
/// stale ones once.
fn create_temp(target: &Path) -> Result<(File, TempPath, Registered)> {
    let directory = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The directory's own error ("No such file or directory") reads better than the
    // temporary file's, which names a random file the user never asked for.
    fs::metadata(directory).map_err(|e| Error::io(directory, e))?;
    // Created and registered under one lock: an interrupt never misses a file.
    let mut registry = registry();
    let started = *registry.started.get_or_insert_with(SystemTime::now);
    if !registry.swept.iter().any(|d| d == directory) {
        registry.swept.push(directory.to_path_buf());
        sweep_stale(directory, started);
    }
    let temp = tempfile::Builder::new()
        .prefix(&format!("{TEMP_PREFIX}{}-", std::process::id()))
        .suffix(TEMP_SUFFIX)
        .rand_bytes(TEMP_RANDOM)
        .tempfile_in(directory)
        .map_err(|e| {
            let message = e.to_string();
            let message = message.split(" at path ").next().unwrap_or_default();
            Error::io(directory, io::Error::new(e.kind(), message.to_string()))
        })?;
    let (file, temp) = temp.into_parts();
    registry.live.push(temp.to_path_buf());
    let registered = Registered(temp.to_path_buf());
    Ok((file, temp, registered))
}

/// Deletes every temporary file this process still has, for the binary's signal handler and
/// out-of-memory path, which end the process without running destructors. Keeps the registry
/// locked afterwards, so no file is created or renamed until the process ends. Waits a moment
/// for a rename in progress; gives up rather than deadlock if the lock stays taken (the
/// calling thread may hold it already).
pub fn remove_temp_files() {
    let started = std::time::Instant::now();
    loop {
        let registry = match REGISTRY.try_lock() {
            Ok(registry) => Some(registry),
            Err(TryLockError::Poisoned(poisoned)) => Some(poisoned.into_inner()),
            Err(TryLockError::WouldBlock) => None,
        };
        if let Some(registry) = registry {
            for path in &registry.live {
                let _ = fs::remove_file(path);
            }
            std::mem::forget(registry);
            return;
        }
        if started.elapsed() > Duration::from_millis(500) {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// The process that made `name`, when it is a temporary name of kgx's own:
/// `.kgx-PID-XXXXXX.tmp`.
fn own_temp_pid(name: &str) -> Option<u32> {
    let middle = name.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (pid, random) = middle.split_once('-')?;
    let random_ok =
        random.len() == TEMP_RANDOM && random.bytes().all(|b| b.is_ascii_alphanumeric());
    let pid_ok = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
    if random_ok && pid_ok {
        pid.parse().ok()
    } else {
        None
    }
}

/// Deletes the temporary files a killed kgx left in `directory`: kgx's own name pattern, a
/// regular file, last written before this run started, by a process that no longer runs
/// (where `/proc` cannot tell, older than a day).
fn sweep_stale(directory: &Path, started: SystemTime) {
    let Ok(entries) = fs::read_dir(directory) else {
        return;
    };
    let proc_readable = Path::new("/proc/self").exists();
    let own_pid = std::process::id();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(own_temp_pid) else {
            continue;
        };
        let Ok(metadata) = entry.metadata() else {
            continue;
        };
        let Ok(modified) = metadata.modified() else {
            continue;
        };
        if !metadata.is_file() || pid == own_pid || modified >= started {
            continue;
        }
        let gone = if proc_readable {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            started
                .duration_since(modified)
                .is_ok_and(|age| age > STALE_WITHOUT_PROC)
        };
        if gone {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("graph.json");
        let mut file = AtomicFile::create(&path, &Inputs::new()).unwrap();
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
        let mut file = AtomicFile::create(&path, &Inputs::new()).unwrap();
        file.write_all(b"half").unwrap();
        drop(file);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn own_temporary_names_only() {
        for (name, pid) in [
            (".kgx-123-a1B2c3.tmp", Some(123)),
            (".kgx-a1B2c3.tmp", None),
            (".kgx-123-a1B2c.tmp", None),
            (".kgx-123-a1B2c3.svg", None),
            (".kgx--a1B2c3.tmp", None),
            ("kgx-123-a1B2c3.tmp", None),
            (".kgx-12x-a1B2c3.tmp", None),
        ] {
            assert_eq!(own_temp_pid(name), pid, "{name}");
        }
    }

    #[test]
    fn an_input_is_refused_by_name_and_by_hard_link() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("graph.json");
        std::fs::write(&input, "{}").unwrap();
        let link = dir.path().join("link.json");
        std::fs::hard_link(&input, &link).unwrap();
        let inputs = Inputs::of([&input]);
        for output in [&input, &link] {
            assert!(matches!(
                AtomicFile::create(output, &inputs),
                Err(Error::WouldOverwriteInput { .. })
            ));
        }
        assert!(inputs.check(&dir.path().join("other.json")).is_ok());
        assert!(Inputs::of(["/dev/null"])
            .check(Path::new("/dev/null"))
            .is_ok());
    }
}
