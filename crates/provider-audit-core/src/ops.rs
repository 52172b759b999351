//! The use cases both front ends run, with typed requests and typed errors: a new audit,
//! the questionnaire as a workbook, a provider's answers imported into an audit, and the
//! exports (comparison image, section image, report, PDF record). The command line and the
//! desktop app call these and only word the outcome; neither writes these files itself.
//!
//! Nothing here prints, opens a dialog or reads the clock: the caller passes today's date.
//! No UI crate may be used here.

use std::path::{Path, PathBuf};

use crate::export::{self, ExportError, ImageFormat, SectionView};
use crate::fsutil;
use crate::model::{Audit, Date, Questionnaire, Scope};
use crate::template;
use crate::view::ComparisonView;
use crate::workbook::{self, ImportError, Request, WorkbookError};

/// Why a use case could not be carried out. Every message names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum OpsError {
    /// The file to create exists; it is never written over.
    #[error("{} already exists: choose another file name", path.display())]
    AlreadyExists {
        /// The file asked for.
        path: PathBuf,
    },
    /// The file could not be written (the target is untouched).
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file asked for (never the temporary file beside it).
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The provider's name is empty.
    #[error("the provider name is empty")]
    EmptyProvider,
    /// The answers name no provider and none was given.
    #[error("{}: the workbook names no provider: give one", path.display())]
    NoProvider {
        /// The answers file.
        path: PathBuf,
    },
    /// The answers file could not be read.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// The workbook could not be made.
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    /// The export target's format is not known from its name.
    #[error("cannot tell the format of {}: {expected}", path.display())]
    UnknownFormat {
        /// The file asked for.
        path: PathBuf,
        /// The names that are understood.
        expected: &'static str,
    },
    /// The picture, report or record could not be made.
    #[error("cannot make {}: {source}", path.display())]
    Export {
        /// The file asked for.
        path: PathBuf,
        /// Why.
        source: ExportError,
    },
    /// The CAIQ workbook could not be read.
    #[error(transparent)]
    Caiq(#[from] crate::caiq::CaiqError),
    /// The CSV report could not be written.
    #[error("cannot make {}: {message}", path.display())]
    Report {
        /// The file asked for.
        path: PathBuf,
        /// Why.
        message: String,
    },
}

/// The system's word for an I/O error, without the temporary file's name that the
/// writer may have added to it: the user asked for the target, not for that file.
fn plain(source: &std::io::Error) -> std::io::Error {
    if let Some(code) = source.raw_os_error() {
        return std::io::Error::from_raw_os_error(code);
    }
    // The temporary file's writer says `<what the system said> at path "<temporary>"`.
    let text = source.to_string();
    let said = text.split(" at path ").next().unwrap_or(&text).to_owned();
    std::io::Error::new(source.kind(), said)
}

/// Writes `bytes` to the new file `path`, never over an existing one.
///
/// # Errors
/// [`OpsError::AlreadyExists`] or [`OpsError::Write`].
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), OpsError> {
    fsutil::write_new_atomic(path, bytes).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            OpsError::AlreadyExists {
                path: path.to_path_buf(),
            }
        } else {
            OpsError::Write {
                path: path.to_path_buf(),
                source: plain(&source),
            }
        }
    })
}

/// Writes `bytes` to `path` atomically, replacing what was there.
///
/// # Errors
/// [`OpsError::Write`], naming `path`.
pub fn write_replacing(path: &Path, bytes: &[u8]) -> Result<(), OpsError> {
    fsutil::write_atomic(path, bytes).map_err(|source| OpsError::Write {
        path: path.to_path_buf(),
        source: plain(&source),
    })
}

/// A blank audit to start.
#[derive(Clone, Debug)]
pub struct NewAudit<'a> {
    /// The questionnaire it answers.
    pub questionnaire: &'a Questionnaire,
    /// The provider audited.
    pub provider: &'a str,
    /// Who audits (may be empty).
    pub auditor: &'a str,
    /// The audit's date.
    pub date: Date,
    /// Managed or self-managed.
    pub scope: Scope,
}

/// The text of a blank audit in the canonical layout: every question as a comment above
/// its entry. The one writer of a new audit, for `provider-audit new` and File → New audit.
///
/// # Errors
/// [`OpsError::EmptyProvider`].
pub fn new_audit_text(request: &NewAudit<'_>) -> Result<String, OpsError> {
    let provider = request.provider.trim();
    if provider.is_empty() {
        return Err(OpsError::EmptyProvider);
    }
    let audit = Audit {
        auditor: request.auditor.trim().to_owned(),
        scope: request.scope,
        ..template::blank(request.questionnaire, provider, request.date)
    };
    Ok(template::audit_text(request.questionnaire, &audit, ""))
}

/// Writes a blank audit to the new file `path` and returns the audit written.
///
/// # Errors
/// As [`new_audit_text`] and [`write_new`].
pub fn write_new_audit(request: &NewAudit<'_>, path: &Path) -> Result<Audit, OpsError> {
    let text = new_audit_text(request)?;
    write_new(path, text.as_bytes())?;
    Ok(Audit {
        auditor: request.auditor.trim().to_owned(),
        scope: request.scope,
        ..template::blank(request.questionnaire, request.provider.trim(), request.date)
    })
}

/// The questionnaire as a workbook for a provider, written to the new file `path`.
///
/// # Errors
/// [`OpsError::Workbook`] and as [`write_new`].
pub fn send_workbook(
    questionnaire: &Questionnaire,
    request: Request<'_>,
    path: &Path,
) -> Result<(), OpsError> {
    let bytes = workbook::write(questionnaire, request)?;
    write_new(path, &bytes)
}

/// A provider's answers to import into a new audit.
#[derive(Clone, Debug)]
pub struct ImportAnswers<'a> {
    /// The questionnaire the workbook was made from.
    pub questionnaire: &'a Questionnaire,
    /// The filled-in workbook or CSV.
    pub input: &'a Path,
    /// The provider's name; else the audit merged into's, else the workbook's.
    pub provider: Option<&'a str>,
    /// An earlier audit whose verdicts are kept where the answer did not change.
    pub merge: Option<Audit>,
    /// Import even when the workbook was made from another questionnaire version.
    pub force: bool,
    /// Today, the imported audit's date.
    pub today: Date,
}

/// What an import gives.
#[derive(Clone, Debug)]
pub struct ImportedAnswers {
    /// The provider the audit is of.
    pub provider: String,
    /// The audit file's text.
    pub text: String,
    /// What happened to each answer worth telling, one line each.
    pub log: Vec<String>,
    /// How many answers were read.
    pub answers: usize,
}

/// Reads the answers of `request` into the text of a new audit (nothing is written).
///
/// # Errors
/// [`OpsError::Import`] when the answers cannot be read, [`OpsError::NoProvider`] when no
/// name is known for the provider.
pub fn import_answers(request: ImportAnswers<'_>) -> Result<ImportedAnswers, OpsError> {
    let imported = workbook::read(request.input, request.questionnaire, request.force)?;
    let provider = request
        .provider
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .or_else(|| request.merge.as_ref().map(|a| a.provider.clone()))
        .or_else(|| imported.provider.clone())
        .ok_or_else(|| OpsError::NoProvider {
            path: request.input.to_path_buf(),
        })?;
    let result = workbook::imported_audit(
        request.questionnaire,
        &imported,
        request.input,
        &provider,
        request.merge,
        request.today,
    );
    Ok(ImportedAnswers {
        provider,
        text: result.text,
        log: result.log,
        answers: imported.rows.len(),
    })
}

/// A provider's completed CSA CAIQ to import.
#[derive(Clone, Copy, Debug)]
pub struct ImportCaiq<'a> {
    /// The CAIQ workbook (.xlsx).
    pub input: &'a Path,
    /// The audit to write; never over an existing file.
    pub output: &'a Path,
    /// The provider's name; `None` or blank: from the workbook's file name.
    pub provider: Option<&'a str>,
    /// The audit's date.
    pub today: Date,
}

/// The questionnaire a CAIQ import answers, in the audit's folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaiqQuestionnaire {
    /// Written by the import (the questions of the user's own CAIQ).
    Written(PathBuf),
    /// That version was there already and is kept; `missing` answers are to questions it
    /// does not have.
    Kept {
        /// The file kept.
        path: PathBuf,
        /// Answers to questions the kept file does not have.
        missing: usize,
    },
}

/// What a CAIQ import wrote.
#[derive(Clone, Debug)]
pub struct ImportedCaiqFiles {
    /// The provider the audit is of.
    pub provider: String,
    /// True when the name was taken from the workbook's file name.
    pub provider_from_file: bool,
    /// The audit written.
    pub audit: PathBuf,
    /// The questionnaire's id and version (`csa-caiq`, `4.0.3`).
    pub questionnaire_id: String,
    /// The questionnaire's version.
    pub questionnaire_version: String,
    /// The questionnaire file beside the audit.
    pub questionnaire: CaiqQuestionnaire,
    /// The import log, one line per entry.
    pub log: Vec<String>,
    /// How many answers the audit has.
    pub answers: usize,
}

/// The provider's name from a file name: its stem, `_` as spaces, on one line.
#[must_use]
pub fn provider_from_file(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    crate::labels::one_line(&stem.replace('_', " "))
}

/// Reads a provider's CAIQ into a new audit at `request.output`, and writes the
/// questionnaire it answers beside it unless that version is there already. Nothing is
/// written when the workbook cannot be read or the audit's file exists.
///
/// # Errors
/// [`OpsError::Caiq`] when the workbook is not a readable CAIQ, [`OpsError::NoProvider`]
/// when no name is given and the file name gives none, [`OpsError::AlreadyExists`] or
/// [`OpsError::Write`] when a file cannot be written.
pub fn import_caiq(request: ImportCaiq<'_>) -> Result<ImportedCaiqFiles, OpsError> {
    use crate::caiq;
    let read = caiq::read(request.input)?;
    let given = request.provider.map(str::trim).filter(|p| !p.is_empty());
    let provider = match given {
        Some(name) => name.to_owned(),
        None => provider_from_file(request.input),
    };
    if provider.is_empty() {
        return Err(OpsError::NoProvider {
            path: request.input.to_path_buf(),
        });
    }
    let imported = caiq::import(&read, request.input, &provider, request.today)?;
    if request.output.exists() {
        return Err(OpsError::AlreadyExists {
            path: request.output.to_path_buf(),
        });
    }
    let folder = request.output.parent().unwrap_or_else(|| Path::new(""));
    let version = imported.questionnaire.version.clone();
    let existing =
        crate::questionnaire_choice::questionnaires_beside(folder, caiq::QUESTIONNAIRE_ID)
            .into_iter()
            .filter(|(_, questionnaire)| questionnaire.version == version)
            .min_by(|a, b| a.0.cmp(&b.0));
    let questionnaire = if let Some((path, kept)) = existing {
        let missing = imported
            .audit
            .answers
            .iter()
            .filter(|(id, _)| kept.item(id.as_str()).is_none())
            .count();
        CaiqQuestionnaire::Kept { path, missing }
    } else {
        let path = folder.join(&imported.questionnaire_name);
        write_new(&path, imported.questionnaire_text.as_bytes())?;
        CaiqQuestionnaire::Written(path)
    };
    if let Err(error) = write_new(request.output, imported.audit_text.as_bytes()) {
        if let CaiqQuestionnaire::Written(path) = &questionnaire {
            let _ = std::fs::remove_file(path);
        }
        return Err(error);
    }
    Ok(ImportedCaiqFiles {
        provider,
        provider_from_file: given.is_none(),
        audit: request.output.to_path_buf(),
        questionnaire_id: caiq::QUESTIONNAIRE_ID.to_owned(),
        questionnaire_version: version,
        questionnaire,
        answers: imported.audit.answers.len(),
        log: imported.log,
    })
}

/// What to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Export {
    /// The comparison image; PNG or SVG from the file name; `None` the default size.
    Image(Option<(u32, u32)>),
    /// One section's questions × providers, by section id; PNG or SVG from the file name.
    Section {
        /// The section's id.
        id: String,
        /// The size; `None` 1920 wide and as high as the questions need.
        size: Option<(u32, u32)>,
    },
    /// The report, as CSV (RFC 4180) or Markdown.
    Report {
        /// CSV rather than Markdown.
        csv: bool,
    },
    /// The meeting's record as one PDF/A document.
    Pdf,
}

/// True when `path` names a CSV file (the report's format then, unless told otherwise).
#[must_use]
pub fn is_csv(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"))
}

fn image_format(path: &Path) -> Result<ImageFormat, OpsError> {
    ImageFormat::from_path(path).ok_or_else(|| OpsError::UnknownFormat {
        path: path.to_path_buf(),
        expected: "name the image .png or .svg",
    })
}

/// The bytes of `what` for the file `path` (its name chooses the format).
///
/// # Errors
/// [`OpsError::UnknownFormat`], [`OpsError::Export`] or [`OpsError::Report`], naming `path`.
pub fn render(
    view: &ComparisonView,
    questionnaire: &Questionnaire,
    what: &Export,
    path: &Path,
) -> Result<Vec<u8>, OpsError> {
    let export_error = |source| OpsError::Export {
        path: path.to_path_buf(),
        source,
    };
    match what {
        Export::Image(size) => export::render(
            view,
            image_format(path)?,
            size.unwrap_or(export::DEFAULT_SIZE),
        )
        .map_err(export_error),
        Export::Section { id, size } => {
            let format = image_format(path)?;
            let section = SectionView::new(view, questionnaire, id).map_err(export_error)?;
            export::render_section(&section, format, *size).map_err(export_error)
        }
        Export::Report { csv } => {
            if *csv {
                export::report::csv(view)
                    .map(String::into_bytes)
                    .map_err(|err| OpsError::Report {
                        path: path.to_path_buf(),
                        message: err.to_string(),
                    })
            } else {
                Ok(export::report::markdown(view).into_bytes())
            }
        }
        Export::Pdf => export::pdf::render(view, questionnaire).map_err(export_error),
    }
}

/// Renders `what` and writes it to `path` atomically.
///
/// # Errors
/// As [`render`] and [`write_replacing`].
pub fn export(
    view: &ComparisonView,
    questionnaire: &Questionnaire,
    what: &Export,
    path: &Path,
) -> Result<(), OpsError> {
    let bytes = render(view, questionnaire, what, path)?;
    write_replacing(path, &bytes)
}

#[cfg(test)]
mod tests {
    use super::{NewAudit, OpsError, new_audit_text, write_new, write_new_audit};
    use crate::model::{Audit, Date, Questionnaire, Scope};

    fn request<'a>(questionnaire: &'a Questionnaire, provider: &'a str) -> NewAudit<'a> {
        NewAudit {
            questionnaire,
            provider,
            auditor: " A. Auditor ",
            date: Date::parse("2026-12-06").expect("a date"),
            scope: Scope::SelfManaged,
        }
    }

    #[test]
    fn a_new_audit_reads_back_with_what_was_asked() {
        let questionnaire = Questionnaire::builtin();
        let text = new_audit_text(&request(questionnaire, " Example Cloud AB ")).expect("text");
        let audit = Audit::from_ron(&text).expect("reads back");
        assert_eq!(audit.provider, "Example Cloud AB");
        assert_eq!(audit.auditor, "A. Auditor");
        assert_eq!(audit.scope, Scope::SelfManaged);
        assert_eq!(audit.audited_on.as_deref(), Some("2026-12-06"));
        assert!(matches!(
            new_audit_text(&request(questionnaire, "  ")),
            Err(OpsError::EmptyProvider)
        ));
    }

    #[test]
    fn a_new_file_is_never_written_over_and_the_error_names_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("example.ron");
        let questionnaire = Questionnaire::builtin();
        let audit = write_new_audit(&request(questionnaire, "Example"), &path).expect("written");
        assert_eq!(audit.provider, "Example");
        let before = std::fs::read(&path).expect("read");
        let err = write_new(&path, b"other").expect_err("exists");
        assert_eq!(
            err.to_string(),
            format!(
                "{} already exists: choose another file name",
                path.display()
            )
        );
        assert_eq!(std::fs::read(&path).expect("read"), before);
    }

    #[test]
    fn a_write_error_names_the_target_not_a_temporary_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("missing-folder").join("out.png");
        let err = super::write_replacing(&path, b"x").expect_err("no such folder");
        let message = err.to_string();
        assert!(
            message.starts_with(&format!("cannot write {}", path.display())),
            "{message}"
        );
        assert!(!message.contains(".provider-audit-"), "{message}");
        assert!(message.contains("No such file or directory"), "{message}");
    }
}
