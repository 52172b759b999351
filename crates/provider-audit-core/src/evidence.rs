//! The evidence documents an audit lists: where each file is, whether it is still the file
//! that was received (its SHA-256) and whether it has expired. Used by validation, the app's
//! overview and the report. Only regular files inside the audit's folder are ever read.

use std::path::{Component, Path, PathBuf};

use crate::fsutil;
use crate::model::{Audit, Date, EvidenceDocument};

/// What was found at a document's path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    /// The path leaves the audit's folder (`..`, absolute, a drive): not read.
    Outside,
    /// A device, pipe or socket: not read.
    NotAFile(PathBuf),
    /// Missing or unreadable.
    Unreadable {
        /// Where it was looked for.
        resolved: PathBuf,
        /// Why it could not be read.
        reason: String,
    },
    /// Read; its SHA-256 (hex).
    Hashed(String),
}

/// One document's state, for people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocumentStatus {
    /// Read, and its SHA-256 matches the recorded one.
    Verified,
    /// Read, but no SHA-256 was recorded to compare with.
    Unverified,
    /// Read, and its SHA-256 differs from the recorded one.
    Altered,
    /// Missing, unreadable, not a file or outside the audit's folder.
    Missing,
}

impl DocumentStatus {
    /// A word for tables.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Unverified => "no hash recorded",
            Self::Altered => "altered",
            Self::Missing => "missing",
        }
    }
}

/// A document with its state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentCheck {
    /// The evidence item it satisfies.
    pub item: String,
    /// The path as listed.
    pub file: String,
    /// What the file is now.
    pub status: DocumentStatus,
    /// The expiry date, when one is given and valid.
    pub expires: Option<Date>,
    /// True when it expired before the day checked.
    pub expired: bool,
    /// The SHA-256 of the file as read (lowercase hex); `None` when it could not be read.
    pub sha256: Option<String>,
    /// The SHA-256 the audit records for it, as written.
    pub recorded_sha256: Option<String>,
}

/// True when `path`, relative to the audit's folder, leads out of it: an absolute path, a
/// drive or root prefix, or a `..` component.
#[must_use]
pub fn leaves_folder(path: &str) -> bool {
    // Both separators, whatever the platform: audit files travel between systems.
    let path = path.replace('\\', "/");
    Path::new(&path).components().any(|component| {
        matches!(
            component,
            Component::ParentDir | Component::RootDir | Component::Prefix(_)
        )
    }) || matches!(path.as_bytes(), [drive, b':', ..] if drive.is_ascii_alphabetic())
}

/// Looks at the file `relative` to the audit's folder `base`.
#[must_use]
pub fn file_state(base: &Path, relative: &str) -> FileState {
    if leaves_folder(relative) {
        return FileState::Outside;
    }
    let resolved = base.join(relative);
    // Only regular files are read: a device or a pipe could be read forever.
    if let Ok(metadata) = std::fs::metadata(&resolved)
        && !metadata.is_file()
        && !metadata.is_dir()
    {
        return FileState::NotAFile(resolved);
    }
    match fsutil::sha256_file(&resolved) {
        Ok(hash) => FileState::Hashed(hash),
        Err(err) => FileState::Unreadable {
            resolved,
            reason: err.to_string(),
        },
    }
}

/// The state of one document of an audit kept in `base`, on `today`.
#[must_use]
pub fn check_document(document: &EvidenceDocument, base: &Path, today: Date) -> DocumentCheck {
    let state = file_state(base, &document.file);
    let status = match &state {
        FileState::Hashed(actual) => match &document.sha256 {
            None => DocumentStatus::Unverified,
            Some(recorded) if actual.eq_ignore_ascii_case(recorded.trim()) => {
                DocumentStatus::Verified
            }
            Some(_) => DocumentStatus::Altered,
        },
        _ => DocumentStatus::Missing,
    };
    let expires = document.expires.as_deref().and_then(Date::parse);
    DocumentCheck {
        item: document.item.to_string(),
        file: document.file.clone(),
        status,
        expires,
        expired: expires.is_some_and(|date| date < today),
        sha256: match state {
            FileState::Hashed(actual) => Some(actual),
            _ => None,
        },
        recorded_sha256: document.sha256.as_ref().map(|h| h.trim().to_owned()),
    }
}

/// Every document of `audit`, loaded from `audit_path`, checked on `today`.
#[must_use]
pub fn check_documents(audit: &Audit, audit_path: &Path, today: Date) -> Vec<DocumentCheck> {
    let base = audit_path.parent().unwrap_or_else(|| Path::new("."));
    audit
        .documents
        .iter()
        .map(|d| check_document(d, base, today))
        .collect()
}

/// True when the audit lists documents and every one is verified against its SHA-256 and
/// unexpired: the evidence needs no attention.
#[must_use]
pub fn healthy(checks: &[DocumentCheck]) -> bool {
    !checks.is_empty()
        && checks
            .iter()
            .all(|d| d.status == DocumentStatus::Verified && !d.expired)
}

/// A one-line summary: "7 documents: 6 verified, 1 expired".
#[must_use]
pub fn summary(checks: &[DocumentCheck]) -> String {
    if checks.is_empty() {
        return "no documents".to_owned();
    }
    let mut parts = Vec::new();
    for status in [
        DocumentStatus::Verified,
        DocumentStatus::Unverified,
        DocumentStatus::Altered,
        DocumentStatus::Missing,
    ] {
        let count = checks.iter().filter(|c| c.status == status).count();
        if count > 0 {
            parts.push(format!("{count} {}", status.label()));
        }
    }
    let expired = checks.iter().filter(|c| c.expired).count();
    if expired > 0 {
        parts.push(format!("{expired} expired"));
    }
    format!(
        "{}: {}",
        crate::labels::plural(checks.len(), "document"),
        parts.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::{DocumentStatus, check_documents, leaves_folder, summary};
    use crate::model::{Audit, Date};

    #[test]
    fn documents_are_verified_altered_missing_or_expired() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("cert.txt"), "certificate").expect("write");
        let hash = crate::fsutil::sha256_file(&dir.path().join("cert.txt")).expect("hash");
        let text = format!(
            r#"(format: 1, provider: "P", answers: {{}}, documents: [
                (item: "evidence.certificates", file: "cert.txt", sha256: "{hash}", expires: "2027-01-01"),
                (item: "evidence.terms", file: "cert.txt", sha256: "{zero}"),
                (item: "evidence.ownership", file: "gone.pdf"),
                (item: "evidence.questionnaire", file: "../outside.txt"),
                (item: "evidence.certificates", file: "cert.txt", expires: "2020-01-01"),
            ])"#,
            zero = "0".repeat(64)
        );
        let audit = Audit::from_ron(&text).expect("parses");
        let today = Date::parse("2026-11-30").expect("date");
        let checks = check_documents(&audit, &dir.path().join("audit.ron"), today);
        let states: Vec<(DocumentStatus, bool)> =
            checks.iter().map(|c| (c.status, c.expired)).collect();
        assert_eq!(
            states,
            [
                (DocumentStatus::Verified, false),
                (DocumentStatus::Altered, false),
                (DocumentStatus::Missing, false),
                (DocumentStatus::Missing, false),
                (DocumentStatus::Unverified, true),
            ]
        );
        assert_eq!(
            summary(&checks),
            "5 documents: 1 verified, 1 no hash recorded, 1 altered, 2 missing, 1 expired"
        );
    }

    #[test]
    fn paths_that_leave_the_folder_are_recognised() {
        assert!(leaves_folder("../x.pdf"));
        assert!(leaves_folder("/etc/passwd"));
        assert!(leaves_folder("C:\\x.pdf"));
        assert!(leaves_folder("evidence\\..\\..\\x.pdf"));
        assert!(!leaves_folder("evidence/x.pdf"));
    }
}
