//! File → Send questionnaire as workbook… and File → Import answers…: the spreadsheet round
//! trip with providers, through the same core functions as `provider-audit workbook` and
//! `provider-audit import`. Neither writes over an existing file; the imported audit opens
//! in the interview's judging mode, the import log in the notification panel.

use std::path::{Path, PathBuf};

use super::new_audit::file_name_for;
use super::{Notice, ProviderAuditApp};
use crate::model::Date;
use crate::workbook::{self, Request};

/// The send-workbook window's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendForm {
    /// The provider asked to answer.
    pub provider: String,
    /// Who sends it.
    pub sender: String,
    /// Pre-fill from the audit being edited (a re-audit).
    pub prefill: bool,
    /// Where to write the workbook.
    pub path: String,
    /// Why the last try failed.
    pub error: Option<String>,
}

/// The import window's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportForm {
    /// The provider's workbook or CSV file.
    pub source: String,
    /// The provider's name; empty takes the one the workbook was made for.
    pub provider: String,
    /// Where to write the audit.
    pub path: String,
    /// Why the last try failed.
    pub error: Option<String>,
}

impl super::form::Form for SendForm {
    fn error_mut(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

impl super::form::Form for ImportForm {
    fn error_mut(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

/// `audit.ron` → `audit.xlsx` for a provider: `questionnaire-example-cloud-ab.xlsx`.
fn workbook_name_for(provider: &str) -> String {
    let stem = file_name_for(provider);
    let stem = stem.trim_end_matches(".ron");
    if provider.trim().is_empty() {
        "questionnaire.xlsx".to_owned()
    } else {
        format!("questionnaire-{stem}.xlsx")
    }
}

/// The text of a write error: "already exists" said plainly.
fn write_error(path: &Path, err: &std::io::Error) -> String {
    if err.kind() == std::io::ErrorKind::AlreadyExists {
        format!(
            "{} already exists: choose another file name",
            path.display()
        )
    } else {
        format!("cannot write {}: {err}", path.display())
    }
}

impl ProviderAuditApp {
    /// Opens the send-workbook window, filled from the audit being edited, if any.
    pub(super) fn start_send_workbook(&mut self) {
        let provider = self
            .model
            .session
            .editor()
            .map(|editor| editor.audit().provider.clone())
            .unwrap_or_default();
        self.send_form = Some(SendForm {
            path: self
                .default_folder()
                .join(workbook_name_for(&provider))
                .display()
                .to_string(),
            prefill: !provider.is_empty(),
            provider,
            sender: self.prefs.author.clone(),
            error: None,
        });
    }

    /// Opens the import window.
    pub(super) fn start_import(&mut self) {
        self.import_form = Some(ImportForm {
            path: self
                .default_folder()
                .join("imported-audit.ron")
                .display()
                .to_string(),
            ..ImportForm::default()
        });
    }

    /// The send-workbook window, while it is shown.
    pub(super) fn send_workbook_ui(&mut self, ctx: &egui::Context) {
        let can_prefill = self.model.session.editor().is_some();
        self.form_window(
            ctx,
            "Send questionnaire as workbook",
            |app| &mut app.send_form,
            |app, ui, form: &mut SendForm| {
                ui.label(
                    "A workbook the provider fills in: one sheet per section, answer cells \
                     editable, read back with File → Import answers….",
                );
                egui::Grid::new("send-workbook")
                    .num_columns(2)
                    .show(ui, |ui| {
                        let label = ui.label("Provider");
                        ui.add(egui::TextEdit::singleline(&mut form.provider).desired_width(360.0))
                            .labelled_by(label.id);
                        ui.end_row();
                        let label = ui.label("Sender");
                        ui.add(egui::TextEdit::singleline(&mut form.sender).desired_width(360.0))
                            .labelled_by(label.id);
                        ui.end_row();
                        ui.label("Answers");
                        ui.add_enabled(
                            can_prefill,
                            egui::Checkbox::new(
                                &mut form.prefill,
                                "Pre-fill from the audit being edited (a re-audit)",
                            ),
                        );
                        ui.end_row();
                        app.file_row(ui, "File", &mut form.path, true);
                    });
                !form.path.trim().is_empty()
            },
            "Write the workbook",
            Self::write_workbook,
        );
    }

    /// Writes the workbook of `form`, never over an existing file.
    pub fn write_workbook(&mut self, form: &SendForm) -> Result<(), String> {
        let path = PathBuf::from(form.path.trim());
        let from = form
            .prefill
            .then(|| self.model.session.editor().map(|e| e.audit().clone()))
            .flatten();
        let provider = Some(form.provider.trim()).filter(|p| !p.is_empty());
        let sender = Some(form.sender.trim()).filter(|s| !s.is_empty());
        let questionnaire = self.model.questionnaire.clone();
        let bytes = workbook::write(
            &questionnaire,
            Request {
                provider,
                sender,
                from: from.as_ref(),
            },
        )
        .map_err(|err| err.to_string())?;
        crate::fsutil::write_new_atomic(&path, &bytes).map_err(|err| write_error(&path, &err))?;
        let shown = std::path::absolute(&path).unwrap_or(path);
        self.prefs.show_notifications = true;
        self.notices.push(Notice {
            is_problem: false,
            text: format!("Wrote the workbook {}", shown.display()),
        });
        self.last_export = Some(shown);
        Ok(())
    }

    /// The import window, while it is shown.
    pub(super) fn import_ui(&mut self, ctx: &egui::Context) {
        self.form_window(
            ctx,
            "Import answers",
            |app| &mut app.import_form,
            |app, ui, form: &mut ImportForm| {
                ui.label(
                    "A provider's workbook (xlsx, xls, ods) or CSV becomes an audit with their \
                     answers and no verdicts: it opens for judging.",
                );
                egui::Grid::new("import-answers")
                    .num_columns(2)
                    .show(ui, |ui| {
                        app.file_row(ui, "Answers", &mut form.source, false);
                        let label = ui.label("Provider");
                        ui.add(
                            egui::TextEdit::singleline(&mut form.provider)
                                .hint_text("the one the workbook was made for")
                                .desired_width(360.0),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                        app.file_row(ui, "Audit file", &mut form.path, true);
                    });
                !form.source.trim().is_empty() && !form.path.trim().is_empty()
            },
            "Import",
            Self::import_answers,
        );
    }

    /// Imports `form.source` into a new audit file, then opens it in judging mode.
    pub fn import_answers(&mut self, form: &ImportForm) -> Result<(), String> {
        let source = PathBuf::from(form.source.trim());
        let path = PathBuf::from(form.path.trim());
        let questionnaire = self.model.questionnaire.clone();
        let imported =
            workbook::read(&source, &questionnaire, false).map_err(|err| err.to_string())?;
        let provider = Some(form.provider.trim().to_owned())
            .filter(|p| !p.is_empty())
            .or_else(|| imported.provider.clone())
            .ok_or_else(|| {
                format!(
                    "{}: the workbook names no provider: type one",
                    source.display()
                )
            })?;
        let result = workbook::imported_audit(
            &questionnaire,
            &imported,
            &source,
            &provider,
            None,
            Date::today(),
        );
        crate::fsutil::write_new_atomic(&path, result.text.as_bytes())
            .map_err(|err| write_error(&path, &err))?;
        self.prefs.show_notifications = true;
        for line in &result.log {
            self.notices.push(Notice {
                is_problem: false,
                text: format!("Import of {}: {line}", source.display()),
            });
        }
        self.interview.pending = Some(provider);
        self.interview.judge_pending = true;
        self.prefs.view = super::View::Interview;
        self.push(super::Command::OpenPaths(vec![path]));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::workbook_name_for;

    #[test]
    fn workbook_names_follow_the_provider() {
        assert_eq!(
            workbook_name_for("Example Cloud AB"),
            "questionnaire-example-cloud-ab.xlsx"
        );
        assert_eq!(workbook_name_for(" "), "questionnaire.xlsx");
    }
}
