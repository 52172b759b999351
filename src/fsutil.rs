//! File system helpers: bounded reads of user files and atomic writes.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::Path;

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
    let mut bytes = Vec::new();
    // `take` guards against files that grow or lie about their size (pipes, /proc).
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
        });
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let bytes = text.as_bytes().to_vec();
            Ok((text, bytes))
        }
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
    let mut buffer = vec![0_u8; 64 * 1024];
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
    }
    Ok(hex(&hasher.finalize()))
}

/// Lowercase hex of `bytes`.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// Writes `contents` to `path` atomically: a temporary file in the same directory,
/// flushed to disk, then renamed over the target, so that readers see either the old
/// or the new file, never a partial one.
///
/// # Errors
/// Any I/O error; the target is then untouched.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(".{}.tmp", std::process::id()));
    let temp_path = dir.join(temp_name);
    let result = (|| {
        let mut temp = File::create(&temp_path)?;
        temp.write_all(contents)?;
        temp.sync_all()?;
        drop(temp);
        fs::rename(&temp_path, path)?;
        // Make the rename itself durable.
        if let Ok(dir_handle) = File::open(dir) {
            dir_handle.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        fs::remove_file(&temp_path).ok();
    }
    result
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
}
