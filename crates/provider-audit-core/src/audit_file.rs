//! Writing an audit file: the canonical layout of `provider-audit new` (see
//! [`template::audit_text`](crate::template::audit_text)), under the file's own leading
//! comments, atomically, with the last five versions kept as for comparisons. A file that
//! changed on disk since it was read (someone edited it in a text editor) is never written
//! over: the caller is told, and decides to reload or to save as another file.

use std::path::Path;

use crate::compare::{SaveError, write_keeping_history};
use crate::fsutil;
use crate::model::{Audit, Questionnaire};
use crate::template::audit_text;

/// Why an audit could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum AuditSaveError {
    /// The file on disk is not the one that was read: it changed since.
    #[error(
        "{path} changed on disk since it was read (someone else edited it): reload it, or save as another file"
    )]
    ChangedOnDisk {
        /// The file.
        path: String,
    },
    /// Writing failed; the file is unchanged.
    #[error(transparent)]
    Write(#[from] SaveError),
}

/// Writes `audit` to `path` in the canonical layout and returns the bytes written (hash
/// them to know the file from now on). `read_sha256` is the SHA-256 of the file as it was
/// read, `None` for a new file: when the file on disk differs from it (or a new file
/// exists meanwhile), nothing is written.
///
/// # Errors
/// [`AuditSaveError::ChangedOnDisk`], or the write error; the file is then unchanged.
pub fn save_audit(
    path: &Path,
    questionnaire: &Questionnaire,
    audit: &Audit,
    read_sha256: Option<&str>,
) -> Result<Vec<u8>, AuditSaveError> {
    let previous = std::fs::read(path).ok();
    let on_disk = previous.as_deref().map(fsutil::sha256_hex);
    if on_disk.as_deref() != read_sha256 {
        return Err(AuditSaveError::ChangedOnDisk {
            path: path.display().to_string(),
        });
    }
    Ok(write_keeping_history(
        path,
        previous.as_deref(),
        |header| Ok(audit_text(questionnaire, audit, header)),
    )?)
}

#[cfg(test)]
mod tests {
    use super::{AuditSaveError, save_audit};
    use crate::fsutil::sha256_hex;
    use crate::model::{Audit, Date, Questionnaire, Verdict};
    use crate::template::blank_audit;

    #[test]
    fn an_audit_is_saved_with_its_comments_and_backups_and_never_over_an_outside_edit() {
        let q = Questionnaire::builtin();
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("example.ron");
        let blank = blank_audit(q, "Example AB", Date::parse("2026-12-03").expect("date"));
        let text = format!("// Call with Example AB on 2026-12-03.\n{blank}");
        std::fs::write(&path, &text).expect("write");
        let mut audit = Audit::from_ron(&text).expect("parses");
        audit.answers.0[0].1.answer = "Three sites, 20 km apart".to_owned();
        audit.answers.0[0].1.verdict = Some(Verdict::Meets);
        let written =
            save_audit(&path, q, &audit, Some(&sha256_hex(text.as_bytes()))).expect("saved");
        let on_disk = std::fs::read_to_string(&path).expect("read");
        assert_eq!(on_disk.as_bytes(), written.as_slice());
        assert!(on_disk.starts_with("// Call with Example AB on 2026-12-03.\n"));
        assert_eq!(Audit::from_ron(&on_disk).expect("reads back"), audit);
        assert_eq!(
            std::fs::read_to_string(crate::compare::backup_path(&path)).expect("backup"),
            text
        );
        // Someone edits the file in a text editor; the app's next save must not overwrite it.
        std::fs::write(&path, on_disk.replace("20 km", "25 km")).expect("outside edit");
        let err =
            save_audit(&path, q, &audit, Some(&sha256_hex(&written))).expect_err("changed on disk");
        assert!(matches!(err, AuditSaveError::ChangedOnDisk { .. }), "{err}");
        assert!(
            std::fs::read_to_string(&path)
                .expect("read")
                .contains("25 km"),
            "the outside edit is kept"
        );
        // A new file that appeared meanwhile is not written over either.
        let other = dir.path().join("new.ron");
        std::fs::write(&other, "()").expect("write");
        assert!(save_audit(&other, q, &audit, None).is_err());
    }
}
