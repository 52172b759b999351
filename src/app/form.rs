//! The one shape of the app's small form windows (New audit…, Send questionnaire as
//! workbook…, Import answers…): the fields, the last error in the error colour and one
//! action button; the window stays open while the action fails, with its error shown.
//! Paths are typed, or chosen with the native dialog where there is one.

use std::path::PathBuf;

use super::ProviderAuditApp;

/// A form whose last error the window shows.
pub trait Form {
    /// Why the last try failed.
    fn error_mut(&mut self) -> &mut Option<String>;
}

impl ProviderAuditApp {
    /// A labelled path field in a form's grid, with a Choose… button where a native dialog
    /// exists (a save dialog when `save`, else a spreadsheet to open).
    pub(super) fn file_row(&self, ui: &mut egui::Ui, label: &str, text: &mut String, save: bool) {
        let label = ui.label(label);
        ui.horizontal(|ui| {
            ui.add(egui::TextEdit::singleline(text).desired_width(360.0))
                .labelled_by(label.id);
            if self.native_dialogs && ui.button("Choose…").clicked() {
                let current = PathBuf::from(text.trim());
                let mut dialog = rfd::FileDialog::new();
                if let Some(folder) = current.parent().filter(|f| f.is_dir()) {
                    dialog = dialog.set_directory(folder);
                }
                let chosen = if save {
                    if let Some(name) = current.file_name() {
                        dialog = dialog.set_file_name(name.to_string_lossy());
                    }
                    dialog.save_file()
                } else {
                    dialog
                        .add_filter("Spreadsheet or CSV", &["xlsx", "xls", "ods", "csv"])
                        .pick_file()
                };
                if let Some(path) = chosen {
                    *text = path.display().to_string();
                }
            }
        });
        ui.end_row();
    }

    /// Shows the form in `slot` (nothing when it is empty) as a window named `title`.
    /// `fields` draws the fields and says whether the action can run; `act` runs it when
    /// the button `action` is clicked. The form stays in `slot` while the window is open
    /// and the action has not succeeded.
    pub(super) fn form_window<T: Form>(
        &mut self,
        ctx: &egui::Context,
        title: &str,
        slot: fn(&mut Self) -> &mut Option<T>,
        fields: impl FnOnce(&Self, &mut egui::Ui, &mut T) -> bool,
        action: &str,
        act: impl FnOnce(&mut Self, &T) -> Result<(), String>,
    ) {
        let Some(mut form) = slot(self).take() else {
            return;
        };
        let mut open = true;
        let mut clicked = false;
        super::path_field::dialog_window(title, &mut open).show(ctx, |ui| {
            let ready = fields(self, ui, &mut form);
            if let Some(error) = form.error_mut().as_ref() {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            clicked = ui.add_enabled(ready, egui::Button::new(action)).clicked();
        });
        if clicked {
            match act(self, &form) {
                Ok(()) => return,
                Err(err) => *form.error_mut() = Some(err),
            }
        }
        if open {
            *slot(self) = Some(form);
        }
    }
}
