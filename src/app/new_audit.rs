//! File → New audit…: the provider, the auditor, the scope and the file; the blank audit
//! (the layout of `provider-audit new`) is written, never over an existing file, then opened
//! in the interview view.

use std::path::PathBuf;

use super::{Command, ProviderAuditApp};
use crate::model::{Audit, Date, Scope};

/// The new-audit window's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewAuditForm {
    /// The provider's name.
    pub provider: String,
    /// Who does the audit.
    pub auditor: String,
    /// Self-managed scope: the managed-service sections are not expected.
    pub self_managed: bool,
    /// When the audit is done (`YYYY-MM-DD`), today unless changed.
    pub date: String,
    /// Where to write it.
    pub path: String,
    /// Why the last try failed.
    pub error: Option<String>,
}

impl NewAuditForm {
    /// A form whose file goes to the app's default folder and whose auditor is the user.
    #[must_use]
    pub fn new(app: &ProviderAuditApp) -> Self {
        Self {
            auditor: app.prefs.author.clone(),
            date: Date::today().to_string(),
            path: app
                .default_folder()
                .join("new-audit.ron")
                .display()
                .to_string(),
            ..Self::default()
        }
    }
}

impl super::form::Form for NewAuditForm {
    fn error_mut(&mut self) -> &mut Option<String> {
        &mut self.error
    }
}

/// A file name from a provider's name: `Example Cloud AB` → `example-cloud-ab.ron`.
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

impl ProviderAuditApp {
    /// The new-audit window, while it is shown.
    pub(super) fn new_audit_ui(&mut self, ctx: &egui::Context) {
        self.form_window(
            ctx,
            "New audit",
            |app| &mut app.new_audit,
            |app, ui, form: &mut NewAuditForm| {
                egui::Grid::new("new-audit").num_columns(2).show(ui, |ui| {
                    let label = ui.label("Provider");
                    let before = file_name_for(&form.provider);
                    let response = ui
                        .add(egui::TextEdit::singleline(&mut form.provider).desired_width(360.0))
                        .labelled_by(label.id);
                    if response.changed() && form.path.ends_with(&before) {
                        // The file name follows the provider's name until it is typed in.
                        let folder = PathBuf::from(&form.path)
                            .parent()
                            .map(std::path::Path::to_path_buf)
                            .unwrap_or_default();
                        form.path = folder
                            .join(file_name_for(&form.provider))
                            .display()
                            .to_string();
                    }
                    ui.end_row();
                    let label = ui.label("Auditor");
                    ui.add(egui::TextEdit::singleline(&mut form.auditor).desired_width(360.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label("Date");
                    ui.add(egui::TextEdit::singleline(&mut form.date).desired_width(120.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    ui.label("Scope");
                    ui.checkbox(
                        &mut form.self_managed,
                        "Self-managed (the managed-service sections are not expected)",
                    );
                    ui.end_row();
                    app.file_row(ui, "File", &mut form.path, true);
                });
                !form.provider.trim().is_empty() && !form.path.trim().is_empty()
            },
            "Create the audit",
            Self::create_audit,
        );
    }

    /// Writes the blank audit of `form` and opens it for the interview.
    fn create_audit(&mut self, form: &NewAuditForm) -> Result<(), String> {
        let path = PathBuf::from(form.path.trim());
        let date = Date::parse(form.date.trim())
            .ok_or_else(|| format!("`{}` is not a date: write YYYY-MM-DD", form.date.trim()))?;
        let questionnaire = self.model.questionnaire.clone();
        let blank = crate::template::blank_audit(&questionnaire, form.provider.trim(), date);
        let mut audit = Audit::from_ron(&blank).map_err(|err| err.to_string())?;
        form.auditor.trim().clone_into(&mut audit.auditor);
        if form.self_managed {
            audit.scope = Scope::SelfManaged;
        }
        crate::audit_file::save_audit(&path, &questionnaire, &audit, None).map_err(
            |err| match err {
                crate::audit_file::AuditSaveError::ChangedOnDisk { .. } => format!(
                    "{} already exists: choose another file name",
                    path.display()
                ),
                other @ crate::audit_file::AuditSaveError::Write(_) => other.to_string(),
            },
        )?;
        self.interview.pending = Some(audit.provider.clone());
        self.prefs.view = super::View::Interview;
        self.push(Command::OpenPaths(vec![path]));
        Ok(())
    }
}

impl ProviderAuditApp {
    /// The path window of Save audit as, while it is shown.
    pub(super) fn save_audit_path_ui(&mut self, ctx: &egui::Context) {
        let Some(mut field) = self.save_audit_path_field.take() else {
            return;
        };
        match field.ui(
            ctx,
            "Save the audit as",
            "The path of a new audit file:",
            "Save",
        ) {
            super::path_field::PathFieldOutcome::Submitted(text) => {
                self.push(Command::SaveAuditTo(PathBuf::from(text)));
            }
            super::path_field::PathFieldOutcome::Cancelled => {}
            super::path_field::PathFieldOutcome::Open => self.save_audit_path_field = Some(field),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::file_name_for;

    #[test]
    fn file_names_follow_the_provider() {
        assert_eq!(file_name_for("Example Cloud AB"), "example-cloud-ab.ron");
        assert_eq!(file_name_for("Öresund Data (DK)"), "öresund-data-dk.ron");
        assert_eq!(file_name_for("  "), "new-audit.ron");
    }
}
