//! Saving a comparison without ever losing the meeting's work: the last five versions are
//! kept as backups (`NAME.bak`, the newest, then `NAME.bak.2` to `NAME.bak.5`), and every
//! write is atomic (temporary file, fsync, rename), so the file on disk is always either
//! the old or the new version. What people wrote stays: the file's leading comment block
//! (meeting date, who attended, why these weights) is kept, and strings are written the way
//! a person types them (no `\'`, real line breaks).

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

/// How many earlier versions of a comparison are kept.
pub const BACKUPS: usize = 5;

/// Where the previous version of `path` is kept: `name.bak` beside it.
#[must_use]
pub fn backup_path(path: &Path) -> PathBuf {
    with_suffix(path, ".bak")
}

/// Where the `n`-th most recent earlier version of `path` is kept (1 is [`backup_path`]).
#[must_use]
pub fn nth_backup_path(path: &Path, n: usize) -> PathBuf {
    if n <= 1 {
        backup_path(path)
    } else {
        with_suffix(path, &format!(".bak.{n}"))
    }
}

/// The header a comparison gets when its file has no comment block of its own.
const DEFAULT_HEADER: &str =
    "// provider-audit comparison (format 1): written by the app; audits are never modified.\n";

/// The comment lines (and blank lines) at the top of `text`, up to its first line of data.
#[must_use]
pub fn leading_comments(text: &str) -> &str {
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with("//") {
            end += line.len();
        } else {
            break;
        }
    }
    &text[..end]
}

/// `comparison` as the file's text: `header` (the file's own comment block), then RON with
/// strings as people type them.
///
/// # Errors
/// When the comparison cannot be written as RON.
pub fn to_text(comparison: &Comparison, header: &str) -> Result<String, ron::Error> {
    let mut text = if header.trim().is_empty() {
        DEFAULT_HEADER.to_owned()
    } else {
        header.to_owned()
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&comparison.to_ron_as_typed()?);
    text.push('\n');
    Ok(text)
}

/// Shifts the backups of `path` by one, the oldest dropping out, and keeps `previous` as
/// the newest.
fn keep_backup(path: &Path, previous: &[u8]) -> Result<(), SaveError> {
    for n in (1..BACKUPS).rev() {
        let from = nth_backup_path(path, n);
        if from.is_file() {
            let to = nth_backup_path(path, n + 1);
            std::fs::rename(&from, &to).map_err(|source| SaveError::Io { path: to, source })?;
        }
    }
    let backup = backup_path(path);
    fsutil::write_atomic(&backup, previous).map_err(|source| SaveError::Io {
        path: backup,
        source,
    })
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

/// Writes `comparison` to `path`: the current file (if any) becomes the newest backup (the
/// older ones shift, five are kept), then the new content, under the current file's own
/// leading comments, replaces it atomically.
///
/// Returns the bytes written.
///
/// # Errors
/// When serializing or writing fails; the file on disk is then unchanged.
pub fn save(path: &Path, comparison: &Comparison) -> Result<Vec<u8>, SaveError> {
    save_with_header(path, comparison, "")
}

/// As [`save`], under `header`, the comment block of the file the comparison came from
/// (Save as to another file keeps it too); when `header` is empty, the file's own block.
///
/// # Errors
/// When serializing or writing fails; the file on disk is then unchanged.
pub fn save_with_header(
    path: &Path,
    comparison: &Comparison,
    header: &str,
) -> Result<Vec<u8>, SaveError> {
    let previous = std::fs::read(path).ok();
    write_keeping_history(path, previous.as_deref(), |own| {
        let header = if header.trim().is_empty() {
            own
        } else {
            header
        };
        Ok(to_text(comparison, header)?)
    })
}

/// Writes the text `text_for` makes of the leading comment block of `previous` (the file's
/// content now, if any) to `path` atomically, after keeping `previous` among the backups.
/// Returns the bytes written.
///
/// # Errors
/// When making the text or writing fails; the file is then unchanged.
pub(crate) fn write_keeping_history(
    path: &Path,
    previous: Option<&[u8]>,
    text_for: impl FnOnce(&str) -> Result<String, SaveError>,
) -> Result<Vec<u8>, SaveError> {
    let header = previous
        .map(String::from_utf8_lossy)
        .map(|text| leading_comments(&text).to_owned())
        .unwrap_or_default();
    let text = text_for(&header)?;
    if let Some(previous) = previous {
        keep_backup(path, previous)?;
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
    fn the_comment_block_and_the_order_stay_and_strings_read_as_typed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("meeting.comparison.ron");
        let written = "// Meeting of 2026-11-27.\n// Present: C. Holm, A. Karlsson.\n\n(\n    format: 1,\n    audits: [(path: \"b.ron\"), (path: \"a.ron\")],\n    section_weights: {\"tech\": 2.0, \"legal\": 3.0},\n)\n";
        std::fs::write(&path, written).expect("write");
        let mut comparison = Comparison::from_ron(written).expect("parses");
        comparison = crate::compare::apply(
            comparison,
            crate::compare::Edit::Annotate {
                provider: "P".to_owned(),
                question: QuestionId::new("legal.dpa"),
                flag: Some(Flag::Weak),
                verdict: None,
                comment: "today's answer: \"we will see\"\nsecond line \\ r#\"x\"#".to_owned(),
                author: "ak".to_owned(),
                at: "2026-11-30T10:00:00Z".to_owned(),
            },
        );
        comparison = crate::compare::apply(
            comparison,
            crate::compare::Edit::SectionWeight("env".into(), 0.5),
        );
        save(&path, &comparison).expect("saved");
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(
            text.starts_with("// Meeting of 2026-11-27.\n// Present: C. Holm, A. Karlsson.\n"),
            "{text}"
        );
        assert!(
            text.contains("today's"),
            "no backslash before an apostrophe: {text}"
        );
        assert!(!text.contains("\\'"), "{text}");
        let tech = text.find("\"tech\"").expect("tech");
        let legal = text.find("\"legal\"").expect("legal");
        let env = text.find("\"env\"").expect("env");
        assert!(
            tech < legal && legal < env,
            "the file's order, new ones last: {text}"
        );
        assert!(text.find("b.ron") < text.find("a.ron"));
        assert_eq!(Comparison::from_ron(&text).expect("reads back"), comparison);
    }

    #[test]
    fn five_earlier_versions_are_kept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("c.comparison.ron");
        let mut versions = Vec::new();
        for n in 0..8 {
            let comparison = crate::compare::apply(
                Comparison::default(),
                crate::compare::Edit::SectionWeight("tech".into(), f64::from(n) + 2.0),
            );
            save(&path, &comparison).expect("saved");
            versions.push(std::fs::read(&path).expect("read"));
        }
        for n in 1..=super::BACKUPS {
            assert_eq!(
                std::fs::read(super::nth_backup_path(&path, n)).expect("backup"),
                versions[versions.len() - 1 - n],
                "backup {n}"
            );
        }
        assert!(!super::nth_backup_path(&path, super::BACKUPS + 1).exists());
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
