//! The actions of the forms, run between frames through the core's use cases (`ops`), the
//! same the command line runs: New audit… (the blank audit, never over an existing file,
//! then opened in the interview), Send questionnaire as workbook…, Import answers… (on a
//! worker thread; the audit opens in judging mode) and Carry over annotations….

use std::path::{Path, PathBuf};

use super::ProviderAuditApp;
use super::View;
use super::jobs::Imported;
use super::modal::{ImportForm, Modal, ModalKind, NewAuditForm, PathPurpose, SendForm};
use crate::model::{Date, Scope};
use crate::ops::{self, NewAudit};
use crate::session::{Choice, Guard, Intent};
use crate::workbook::Request;

/// The file name offered for `provider`'s audit: its name in lower case, words joined by
/// dashes (`Example Cloud AB` → `example-cloud-ab.ron`).
#[must_use]
pub fn file_name_for(provider: &str) -> String {
    let slug: Vec<String> = provider
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    if slug.is_empty() {
        "new-audit.ron".to_owned()
    } else {
        format!("{}.ron", slug.join("-"))
    }
}

/// The workbook's file name offered for `provider`.
fn workbook_name_for(provider: &str) -> String {
    let stem = file_name_for(provider);
    let stem = stem.trim_end_matches(".ron");
    if provider.trim().is_empty() {
        "questionnaire.xlsx".to_owned()
    } else {
        format!("questionnaire-{stem}.xlsx")
    }
}

impl ProviderAuditApp {
    /// Opens the New audit window.
    pub(super) fn start_new_audit(&mut self) {
        let form = NewAuditForm {
            auditor: self.prefs.author.clone(),
            date: Date::today().to_string(),
            path: self
                .model
                .default_folder()
                .join("new-audit.ron")
                .display()
                .to_string(),
            ..NewAuditForm::default()
        };
        self.modal = Some(Modal::new(ModalKind::NewAudit(form)));
    }

    /// Writes the blank audit of `form` (never over a file), then opens it in the interview.
    pub(super) fn create_audit(&mut self, form: &NewAuditForm) -> Result<(), String> {
        let path = PathBuf::from(form.path.trim());
        let date = Date::parse(form.date.trim())
            .ok_or_else(|| format!("`{}` is not a date: write YYYY-MM-DD", form.date.trim()))?;
        let questionnaire = self.model.questionnaire.clone();
        let audit = ops::write_new_audit(
            &NewAudit {
                questionnaire: &questionnaire,
                provider: &form.provider,
                auditor: &form.auditor,
                date,
                scope: if form.self_managed {
                    Scope::SelfManaged
                } else {
                    Scope::Managed
                },
            },
            &path,
        )
        .map_err(|err| err.to_string())?;
        self.screens.interview.pending = Some(audit.provider);
        self.prefs.view = View::Interview;
        self.open_paths(&[path]);
        Ok(())
    }

    /// Opens the Send questionnaire as workbook window, pre-filled from the audit being
    /// edited.
    pub(super) fn start_send_workbook(&mut self) {
        let provider = self
            .model
            .session
            .editor()
            .map(|editor| editor.audit().provider.clone())
            .unwrap_or_default();
        let form = SendForm {
            path: self
                .model
                .default_folder()
                .join(workbook_name_for(&provider))
                .display()
                .to_string(),
            prefill: !provider.is_empty(),
            provider,
            sender: self.prefs.author.clone(),
        };
        self.modal = Some(Modal::new(ModalKind::SendWorkbook(form)));
    }

    /// Writes the workbook of `form`, never over an existing file.
    pub(super) fn write_workbook(&mut self, form: &SendForm) -> Result<(), String> {
        let path = PathBuf::from(form.path.trim());
        let from = form
            .prefill
            .then(|| self.model.session.editor().map(|e| e.audit().clone()))
            .flatten();
        let provider = Some(form.provider.trim()).filter(|p| !p.is_empty());
        let sender = Some(form.sender.trim()).filter(|s| !s.is_empty());
        ops::send_workbook(
            &self.model.questionnaire,
            Request {
                provider,
                sender,
                from: from.as_ref(),
            },
            &path,
        )
        .map_err(|err| err.to_string())?;
        let shown = std::path::absolute(&path).unwrap_or(path);
        self.prefs.show_notifications = true;
        self.notices
            .info(format!("Wrote the workbook {}", shown.display()));
        self.notices.last_export = Some(shown);
        Ok(())
    }

    /// Opens the Import answers window.
    pub(super) fn start_import(&mut self) {
        let form = ImportForm {
            path: self
                .model
                .default_folder()
                .join("imported-audit.ron")
                .display()
                .to_string(),
            ..ImportForm::default()
        };
        self.modal = Some(Modal::new(ModalKind::ImportAnswers(form)));
    }

    /// Imports the answers of `form` into a new audit file: on a worker thread with a
    /// window, at once without one (tests). The audit then opens in judging mode.
    pub(super) fn import_answers(&mut self, form: &ImportForm) -> Result<(), String> {
        let questionnaire = self.model.questionnaire.clone();
        if self.runtime.native_dialogs {
            self.jobs.import(
                questionnaire,
                form.clone(),
                Date::today(),
                self.runtime.ctx.clone(),
            );
            return Ok(());
        }
        let never = std::sync::atomic::AtomicBool::new(false);
        let result = super::jobs::import_form(&questionnaire, form, Date::today(), &never);
        let failed = result.as_ref().err().cloned();
        self.imported(form.clone(), result);
        failed.map_or(Ok(()), Err)
    }

    /// The outcome of an import: the log in the notifications and the audit opened for
    /// judging, or the window again with the error.
    pub(super) fn imported(&mut self, form: ImportForm, result: Result<Imported, String>) {
        match result {
            Ok(Imported::Answers(imported)) => {
                let source = form.source.trim().to_owned();
                self.prefs.show_notifications = true;
                for line in &imported.log {
                    self.notices.info(format!("Import of {source}: {line}"));
                }
                self.judge_when_open(imported.provider);
                self.open_paths(&[PathBuf::from(form.path.trim())]);
            }
            Ok(Imported::Caiq(imported)) => self.imported_caiq(form.source.trim(), imported),
            Err(error) if error == "cancelled" => {}
            Err(error) => {
                if self.modal.is_none() {
                    let mut modal = Modal::new(ModalKind::ImportAnswers(form));
                    modal.error = Some(error);
                    self.modal = Some(modal);
                }
            }
        }
    }

    /// The new audit of `provider` opens in judging mode once its file is loaded.
    fn judge_when_open(&mut self, provider: String) {
        self.screens.interview.pending = Some(provider);
        self.screens.interview.judge_pending = true;
        self.prefs.view = View::Interview;
    }

    /// A CAIQ was imported: its log in the notifications, and the audit opened for judging,
    /// with the open files when they answer the same questionnaire, else on its own (after
    /// closing the open files when nothing of them is unsaved).
    fn imported_caiq(&mut self, source: &str, imported: ops::ImportedCaiqFiles) {
        // Closing the open files clears the messages: close first, then tell.
        let (id, version) = (&imported.questionnaire_id, &imported.questionnaire_version);
        let current = &self.model.questionnaire;
        let same = current.id == *id && current.version == *version;
        let mut kept_open = false;
        if !same && !self.model.session.paths().is_empty() {
            if self.model.session.guard(&Intent::CloseAll) == Guard::Proceed {
                self.resolve(Intent::CloseAll, Choice::Proceed);
            } else {
                kept_open = true;
            }
        }
        self.prefs.show_notifications = true;
        if imported.provider_from_file {
            self.notices.info(format!(
                "Import of {source}: provider {} (from the file name)",
                imported.provider
            ));
        }
        for line in &imported.log {
            self.notices.info(format!("Import of {source}: {line}"));
        }
        match &imported.questionnaire {
            ops::CaiqQuestionnaire::Written(path) => self.notices.info(format!(
                "Wrote {}: the questions of this CAIQ, CSA's text, for your own use only",
                path.display()
            )),
            ops::CaiqQuestionnaire::Kept { path, missing } => {
                self.notices.info(format!(
                    "Questionnaire {id} {version} is there already: {} (kept)",
                    path.display()
                ));
                if *missing > 0 {
                    self.notices.problem(format!(
                        "{missing} answers of {} are to questions {} does not have",
                        imported.audit.display(),
                        path.display()
                    ));
                }
            }
        }
        if kept_open {
            self.notices.problem(format!(
                "{} answers {id} {version}, not the questionnaire of the open files: save or close them, then open it",
                imported.audit.display()
            ));
            return;
        }
        self.judge_when_open(imported.provider);
        self.open_paths(std::slice::from_ref(&imported.audit));
    }

    /// Asks for the earlier comparison to carry `provider`'s annotations over from.
    pub(super) fn choose_carry_over(&mut self, provider: String) {
        let folder = self.model.default_folder();
        if !self.runtime.native_dialogs {
            let text = format!("{}/", folder.display());
            self.open_path_modal(PathPurpose::CarryOver(provider), text);
            return;
        }
        if let Some(path) = rfd::FileDialog::new()
            .set_title("The earlier comparison")
            .set_directory(folder)
            .add_filter("Comparison", &["ron"])
            .pick_file()
        {
            self.carry_over_from(&provider, &path);
        }
    }

    /// Adds the annotations of the earlier comparison at `path` on `provider` where its
    /// answer did not change: one edit, undone in one step.
    pub fn carry_over_from(&mut self, provider: &str, path: &Path) {
        let view = self.model.view().clone();
        let Some(history) = view.histories.iter().find(|h| h.provider == provider) else {
            return;
        };
        let loaded = crate::workspace::Workspace::load(
            &[path.to_path_buf()],
            &self.model.questionnaire,
            Date::today(),
        );
        self.prefs.show_notifications = true;
        let Some(earlier) = loaded.comparison.as_ref() else {
            self.notices.problem(format!(
                "{} is not a comparison that loads: see check",
                path.display()
            ));
            return;
        };
        let (result, carried) = crate::history::carry_over(
            &earlier.comparison,
            self.model.session.comparison(),
            &history.diff,
        );
        if carried > 0 {
            self.model
                .edit(crate::compare::Edit::Replace(Box::new(result)));
        }
        self.notices.info(format!(
            "Carried over {} of {} from {} (the others changed or are annotated already)",
            crate::labels::plural(carried, "annotation"),
            history.provider,
            path.display()
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::{file_name_for, workbook_name_for};

    #[test]
    fn file_names_follow_the_provider() {
        assert_eq!(file_name_for("Example Cloud AB"), "example-cloud-ab.ron");
        assert_eq!(file_name_for("Öresund Data (DK)"), "öresund-data-dk.ron");
        assert_eq!(file_name_for("  "), "new-audit.ron");
    }

    #[test]
    fn workbook_names_follow_the_provider() {
        assert_eq!(
            workbook_name_for("Example Cloud AB"),
            "questionnaire-example-cloud-ab.xlsx"
        );
        assert_eq!(workbook_name_for(" "), "questionnaire.xlsx");
    }
}
