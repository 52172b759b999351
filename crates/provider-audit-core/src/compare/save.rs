//! Saving a comparison without ever losing the meeting's work: the previous version is
//! kept as a backup, and every write is atomic (temporary file, fsync, rename), so the
//! file on disk is always either the old or the new version.

use std::path::{Component, Path, PathBuf};

use crate::fsutil;
use crate::model::Comparison;

/// Why a comparison could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The comparison could not be written as RON.
    #[error("cannot write the comparison as RON: {0}")]
    Serialize(#[from] ron::Error),
    /// The file system refused.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file being written.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// Where the previous version of `path` is kept: `name.bak` beside it.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// Where unsaved work on `path` is autosaved: `name.recovery` beside it.
#[must_use]
pub fn recovery_path(path: &Path) -> PathBuf {
    with_suffix(path, ".recovery")
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path
        .file_name()
        .map(std::ffi::OsString::from)
        .unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

/// Writes `comparison` to `path`: the current file (if any) is first copied to its backup,
/// then the new content replaces it atomically.
///
/// Returns the bytes written.
///
/// # Errors
/// When serializing or writing fails; the file on disk is then unchanged.
pub fn save(path: &Path, comparison: &Comparison) -> Result<Vec<u8>, SaveError> {
    let mut text = String::from(
        "// provider-audit comparison (format 1): written by the app; audits are never modified.\n",
    );
    text.push_str(&comparison.to_ron()?);
    text.push('\n');
    if let Ok(previous) = std::fs::read(path) {
        let backup = backup_path(path);
        fsutil::write_atomic(&backup, &previous).map_err(|source| SaveError::Io {
            path: backup,
            source,
        })?;
    }
    fsutil::write_atomic(path, text.as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(text.into_bytes())
}

/// `target` relative to directory `base` (both made absolute first), with `..` where
/// needed; `target` unchanged when no relative path exists (another drive).
#[must_use]
pub fn relative_path(base: &Path, target: &Path) -> PathBuf {
    let absolute = |p: &Path| {
        std::fs::canonicalize(p)
            .unwrap_or_else(|_| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf()))
    };
    let base = absolute(base);
    let target = absolute(target);
    let base_parts: Vec<Component<'_>> = base.components().collect();
    let target_parts: Vec<Component<'_>> = target.components().collect();
    if base_parts.first() != target_parts.first() {
        return target;
    }
    let common = base_parts
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut relative = PathBuf::new();
    for _ in common..base_parts.len() {
        relative.push("..");
    }
    for part in &target_parts[common..] {
        relative.push(part.as_os_str());
    }
    relative
}

#[cfg(test)]
mod tests {
    use super::{backup_path, relative_path, save};
    use crate::model::{AuditRef, Comparison, Flag, QuestionId};

    #[test]
    fn saving_keeps_the_previous_version_and_reads_back_equal() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("meeting.comparison.ron");
        let mut comparison = Comparison {
            format: Some(1),
            audits: vec![AuditRef {
                path: "a.ron".to_owned(),
                sha256: Some("ab".repeat(32)),
            }],
            ..Comparison::default()
        };
        save(&path, &comparison).expect("first save");
        let first = std::fs::read_to_string(&path).expect("written");
        comparison.must_have.push(QuestionId::new("legal.dpa"));
        comparison = crate::compare::apply(
            comparison,
            crate::compare::Edit::Annotate {
                provider: "P \"quoted\"".to_owned(),
                question: QuestionId::new("legal.dpa"),
                flag: Some(Flag::Weak),
                verdict: None,
                comment: "line one\nline two".to_owned(),
                author: "ak".to_owned(),
                at: "2026-11-30T10:00:00Z".to_owned(),
            },
        );
        save(&path, &comparison).expect("second save");
        assert_eq!(
            std::fs::read_to_string(backup_path(&path)).expect("backup"),
            first
        );
        let text = std::fs::read_to_string(&path).expect("written");
        assert_eq!(Comparison::from_ron(&text).expect("reads back"), comparison);
    }

    #[test]
    fn relative_paths_walk_up_and_down() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("meetings")).expect("dir");
        std::fs::create_dir_all(dir.path().join("audits")).expect("dir");
        std::fs::write(dir.path().join("audits/a.ron"), "()").expect("file");
        assert_eq!(
            relative_path(
                &dir.path().join("meetings"),
                &dir.path().join("audits/a.ron")
            ),
            std::path::Path::new("../audits/a.ron")
        );
        assert_eq!(
            relative_path(&dir.path().join("audits"), &dir.path().join("audits/a.ron")),
            std::path::Path::new("a.ron")
        );
    }
}
