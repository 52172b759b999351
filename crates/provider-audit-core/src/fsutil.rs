//! File system helpers: bounded reads of user files and atomic writes. Every file the
//! product writes goes through [`write_atomic`] or [`write_new_atomic`], which write like a
//! good neighbour on a shared folder: a new file gets the usual mode (0666 less the umask),
//! an existing file keeps its mode (and its owner where the system allows it).

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// The largest file the product reads: 16 MiB.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// No such file.
    #[error("no such file")]
    NotFound,
    /// A directory where a file was expected.
    #[error("is a directory, not a file")]
    Directory,
    /// Over the size limit.
    #[error("file is {size} bytes, over the limit of 16 MiB")]
    TooLarge {
        /// The size seen (at least this many bytes).
        size: u64,
    },
    /// Not valid UTF-8 text.
    #[error("not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// The valid text before it, to compute a line and column.
        valid_prefix: String,
    },
    /// Any other I/O error.
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Reads a text file of at most [`MAX_FILE_BYTES`], refusing directories, larger files and
/// non-UTF-8 content. Returns the text and its raw bytes (for hashing).
///
/// # Errors
/// See [`ReadError`].
pub fn read_text_bounded(path: &Path) -> Result<(String, Vec<u8>), ReadError> {
    let text = read_utf8_bounded(path)?;
    let bytes = text.as_bytes().to_vec();
    Ok((text, bytes))
}

/// As [`read_text_bounded`], the text alone (its bytes are `text.as_bytes()`): no copy.
///
/// # Errors
/// See [`ReadError`].
pub fn read_utf8_bounded(path: &Path) -> Result<String, ReadError> {
    let file = File::open(path).map_err(|err| match err.kind() {
        io::ErrorKind::NotFound => ReadError::NotFound,
        io::ErrorKind::IsADirectory => ReadError::Directory,
        _ => ReadError::Io(err),
    })?;
    let metadata = file.metadata()?;
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
        });
    }
    // Sized once from the metadata (a file that grows meanwhile still reads whole).
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
    // `take` guards against files that grow or lie about their size (pipes, /proc).
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let offset = err.utf8_error().valid_up_to();
            let valid_prefix = String::from_utf8_lossy(&err.as_bytes()[..offset]).into_owned();
            Err(ReadError::NotUtf8 {
                offset,
                valid_prefix,
            })
        }
    }
}

/// SHA-256 of a file of any size, read in chunks, as lowercase hex.
///
/// # Errors
/// Any I/O error, including the path being a directory.
pub fn sha256_file(path: &Path) -> io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut file = File::open(path)?;
    if file.metadata()?.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "is a directory",
        ));
    }
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher)?;
    Ok(format!("{:x}", hasher.finalize()))
}

/// SHA-256 of `bytes`, as lowercase hex.
#[must_use]
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(bytes))
}

/// A temporary file with an unpredictable name in the directory of `path`, holding
/// `contents`, flushed to disk: renaming it over `path` is then atomic.
fn temporary_beside(
    path: &Path,
    contents: &[u8],
) -> io::Result<(tempfile::NamedTempFile, PathBuf)> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if path.file_name().is_none() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "path has no file name",
        ));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".provider-audit-").suffix(".tmp");
    // Created as 0666 less the umask (tempfile's default is 0600), like any new file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(&dir)?;
    keep_mode_and_owner(path, temp.as_file())?;
    temp.write_all(contents)?;
    temp.as_file().sync_all()?;
    Ok((temp, dir))
}

/// Gives `temp` the mode of the file at `path`, and its owner and group where the system
/// allows it (changing the owner is refused to most users: that is no error). Nothing when
/// `path` does not exist yet.
#[cfg(unix)]
fn keep_mode_and_owner(path: &Path, temp: &File) -> io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(existing) = std::fs::metadata(path) else {
        return Ok(());
    };
    let mine = temp.metadata()?;
    if mine.uid() != existing.uid() || mine.gid() != existing.gid() {
        match std::os::unix::fs::fchown(temp, Some(existing.uid()), Some(existing.gid())) {
            Err(err) if err.kind() == io::ErrorKind::PermissionDenied => {
                // Not allowed to give the file away: try the group alone (allowed when we
                // are a member of it), else keep ours.
                std::os::unix::fs::fchown(temp, None, Some(existing.gid())).ok();
            }
            other => other?,
        }
    }
    temp.set_permissions(std::fs::Permissions::from_mode(existing.mode() & 0o7777))
}

#[cfg(not(unix))]
fn keep_mode_and_owner(path: &Path, temp: &File) -> io::Result<()> {
    if let Ok(existing) = std::fs::metadata(path) {
        temp.set_permissions(existing.permissions())?;
    }
    Ok(())
}

/// Makes a rename in `dir` durable.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = File::open(dir) {
        handle.sync_all().ok();
    }
}

/// Writes `contents` to `path` atomically: a temporary file with an unpredictable name in
/// the same directory, flushed to disk, then renamed over the target, so that readers see
/// either the old or the new file, never a partial one.
///
/// # Errors
/// Any I/O error; the target is then untouched and the temporary file removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (temp, dir) = temporary_beside(path, contents)?;
    temp.persist(path).map_err(|err| err.error)?;
    sync_dir(&dir);
    Ok(())
}

/// Writes `contents` to a new file `path` atomically, never replacing an existing file:
/// the check and the creation are one step (no race with another writer).
///
/// # Errors
/// [`io::ErrorKind::AlreadyExists`] when `path` exists, or any other I/O error.
pub fn write_new_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let (temp, dir) = temporary_beside(path, contents)?;
    temp.persist_noclobber(path).map_err(|err| err.error)?;
    sync_dir(&dir);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{ReadError, read_text_bounded, write_atomic};

    #[test]
    fn refuses_directories_missing_files_and_non_utf8() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert!(matches!(
            read_text_bounded(dir.path()),
            Err(ReadError::Directory)
        ));
        assert!(matches!(
            read_text_bounded(&dir.path().join("absent.ron")),
            Err(ReadError::NotFound)
        ));
        let latin1 = dir.path().join("latin1.ron");
        std::fs::write(&latin1, b"(provider: \"Bj\xf6rn\")").expect("write");
        match read_text_bounded(&latin1) {
            Err(ReadError::NotUtf8 { offset, .. }) => assert_eq!(offset, 14),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let big = dir.path().join("big.ron");
        let file = std::fs::File::create(&big).expect("create");
        file.set_len(super::MAX_FILE_BYTES + 1).expect("grow");
        assert!(matches!(
            read_text_bounded(&big),
            Err(ReadError::TooLarge { .. })
        ));
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("out.ron");
        write_atomic(&target, b"old").expect("first write");
        write_atomic(&target, b"new").expect("second write");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["out.ron"]);
    }

    #[test]
    fn a_new_file_is_never_written_over_an_existing_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let target = dir.path().join("new.ron");
        super::write_new_atomic(&target, b"first").expect("created");
        let err = super::write_new_atomic(&target, b"second").expect_err("exists");
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&target).expect("read"), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).expect("list").count(), 1);
    }

    /// The process's umask, from `/proc/self/status` (Linux).
    #[cfg(target_os = "linux")]
    fn umask() -> u32 {
        let status = std::fs::read_to_string("/proc/self/status").expect("status");
        let line = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .expect("Umask line");
        u32::from_str_radix(line.trim(), 8).expect("octal")
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_gets_0666_less_the_umask_and_an_existing_one_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| {
            std::fs::metadata(p).expect("metadata").permissions().mode() & 0o7777
        };
        let dir = tempfile::tempdir().expect("temp dir");
        let fresh = dir.path().join("fresh.ron");
        write_atomic(&fresh, b"one").expect("written");
        assert_eq!(mode(&fresh), 0o666 & !umask());
        let created = dir.path().join("created.ron");
        super::write_new_atomic(&created, b"one").expect("written");
        assert_eq!(mode(&created), 0o666 & !umask());
        // A comparison shared with colleagues stays readable by them after a save...
        let shared = dir.path().join("shared.comparison.ron");
        std::fs::write(&shared, "old").expect("write");
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        write_atomic(&shared, b"new").expect("written");
        assert_eq!(mode(&shared), 0o644);
        // ...and a private one stays private.
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        write_atomic(&shared, b"newer").expect("written");
        assert_eq!(mode(&shared), 0o600);
        assert_eq!(std::fs::read(&shared).expect("read"), b"newer");
    }

    #[test]
    fn hashes_are_lowercase_hex_of_the_digest() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
