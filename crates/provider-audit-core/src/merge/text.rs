//! Merging files as text, for the git merge driver: each side is read (a comparison or an
//! audit, told apart by content), merged by meaning, and written back the way the app's
//! save writes it, under our side's leading comments.

use crate::model::{Audit, Comparison, Questionnaire};
use crate::validate::{FileKind, SourceFile, classify};

use super::{merge_audits, merge_comparisons};

/// One of the three versions a merge reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The common ancestor (`%O`).
    Base,
    /// Our version (`%A`), which the result replaces.
    Ours,
    /// Their version (`%B`).
    Theirs,
}

impl Side {
    fn name(self) -> &'static str {
        match self {
            Self::Base => "the common ancestor",
            Self::Ours => "our version",
            Self::Theirs => "their version",
        }
    }
}

/// Why files cannot be merged by meaning (git then falls back to its own merge).
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// One version is not a comparison or an audit that can be read.
    #[error("{} cannot be read: {message}", side.name())]
    Unreadable {
        /// Which version.
        side: Side,
        /// What is wrong.
        message: String,
    },
    /// The versions are not the same kind of file.
    #[error("{} is not the same kind of file as our version", side.name())]
    DifferentKinds {
        /// Which version differs.
        side: Side,
    },
}

/// The merged content, before it is written.
#[derive(Clone, Debug, PartialEq)]
pub enum MergedFile {
    /// A comparison.
    Comparison(Box<Comparison>),
    /// An audit.
    Audit(Box<Audit>),
}

/// The result of [`merge_texts`].
#[derive(Clone, Debug, PartialEq)]
pub struct MergedText {
    /// The merged content.
    pub file: MergedFile,
    /// Our side's leading comment block, kept.
    pub header: String,
    /// Conflicts this merge found.
    pub new_conflicts: usize,
    /// The result byte for byte, when one side is unchanged or both are the same: the
    /// other side's text, kept as it is.
    pub verbatim: Option<String>,
}

impl MergedText {
    /// Every conflict open in the result (earlier ones included).
    #[must_use]
    pub fn open_conflicts(&self) -> usize {
        match &self.file {
            MergedFile::Comparison(c) => c.conflicts.len(),
            MergedFile::Audit(a) => a.conflicts.len(),
        }
    }

    /// The questionnaire id the merged audit answers (`None` for a comparison).
    #[must_use]
    pub fn questionnaire_id(&self) -> Option<&str> {
        match &self.file {
            MergedFile::Comparison(_) => None,
            MergedFile::Audit(a) => Some(&a.questionnaire),
        }
    }

    /// The file's text as the app's save writes it: a comparison as RON with strings as
    /// typed, an audit in the canonical layout of `questionnaire`.
    ///
    /// # Errors
    /// When a value cannot be written as RON.
    pub fn text(&self, questionnaire: &Questionnaire) -> Result<String, ron::Error> {
        if let Some(text) = &self.verbatim {
            return Ok(text.clone());
        }
        Ok(match &self.file {
            MergedFile::Comparison(c) => crate::compare::to_text(c, &self.header)?,
            MergedFile::Audit(a) => crate::template::audit_text(questionnaire, a, &self.header),
        })
    }
}

enum Parsed {
    Comparison(Box<Comparison>),
    Audit(Box<Audit>),
    Empty,
}

fn read(text: &str, side: Side) -> Result<Parsed, MergeError> {
    let unreadable = |message: String| MergeError::Unreadable { side, message };
    let source = SourceFile::from_text(std::path::Path::new(""), text);
    if source.locator.is_empty() {
        return Ok(Parsed::Empty);
    }
    match classify(&source) {
        FileKind::Comparison => Comparison::from_ron(text)
            .map(|c| Parsed::Comparison(Box::new(c)))
            .map_err(|err| unreadable(err.to_string())),
        FileKind::Audit => Audit::from_ron(text)
            .map(|a| Parsed::Audit(Box::new(a)))
            .map_err(|err| unreadable(err.to_string())),
        FileKind::Questionnaire => Err(unreadable(
            "a questionnaire is merged by git, not by provider-audit".to_owned(),
        )),
    }
}

/// Merges three versions of a comparison or an audit. A version added on both sides has
/// an empty common ancestor.
///
/// # Errors
/// When a version cannot be read, or they are not all the same kind of file.
pub fn merge_texts(base: &str, ours: &str, theirs: &str) -> Result<MergedText, MergeError> {
    let verbatim = if base == ours {
        Some(theirs.to_owned())
    } else if base == theirs || ours == theirs {
        Some(ours.to_owned())
    } else {
        None
    };
    let header = crate::compare::leading_comments(ours).to_owned();
    let base = read(base, Side::Base)?;
    let theirs = read(theirs, Side::Theirs)?;
    let (file, new_conflicts) = match read(ours, Side::Ours)? {
        Parsed::Comparison(ours) => {
            let Parsed::Comparison(theirs) = theirs else {
                return Err(MergeError::DifferentKinds { side: Side::Theirs });
            };
            let base = match base {
                Parsed::Comparison(c) => c,
                Parsed::Empty => Box::default(),
                Parsed::Audit(_) => return Err(MergeError::DifferentKinds { side: Side::Base }),
            };
            let (merged, n) = merge_comparisons(&base, &ours, &theirs);
            (MergedFile::Comparison(Box::new(merged)), n)
        }
        Parsed::Audit(ours) => {
            let Parsed::Audit(theirs) = theirs else {
                return Err(MergeError::DifferentKinds { side: Side::Theirs });
            };
            let base = match base {
                Parsed::Audit(a) => a,
                Parsed::Empty => Box::default(),
                Parsed::Comparison(_) => {
                    return Err(MergeError::DifferentKinds { side: Side::Base });
                }
            };
            let (merged, n) = merge_audits(&base, &ours, &theirs);
            (MergedFile::Audit(Box::new(merged)), n)
        }
        Parsed::Empty => {
            return Err(MergeError::Unreadable {
                side: Side::Ours,
                message: "the file is empty".to_owned(),
            });
        }
    };
    Ok(MergedText {
        file,
        header,
        new_conflicts,
        verbatim,
    })
}
