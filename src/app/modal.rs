//! The one window that asks for input: a path where no file dialog exists, the forms of
//! New audit, Send questionnaire as workbook and Import answers, the user's name, "save your
//! changes?", a comparison changed on disk, and a question before a command runs. At most
//! one is open; while it is, the app's shortcuts wait. The window only draws and sends
//! commands: submitting it (Enter, or its button) is [`Command::SubmitModal`], run by the app
//! between frames, which closes it or shows the error in it.
//!
//! Every window: its first field has the focus when it opens, Enter submits, Escape
//! cancels, text fields draw a visible frame.

use std::path::PathBuf;

use super::command::{Command, Confirm, ExportKind, FormField, UnsavedChoice};
use super::context::ViewCtx;
use super::signing::NamePrompt;

/// What a path window is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    /// Open audits or a comparison.
    Open,
    /// Save the comparison as.
    SaveComparison,
    /// Save the audit being edited as.
    SaveAudit,
    /// Export to.
    Export(ExportKind),
    /// The earlier comparison to carry this provider's annotations over from.
    CarryOver(String),
}

pub use crate::session::{Conflict, Intent};

/// What `intent` does, for the question asked before it.
fn describe(intent: &Intent) -> String {
    match intent {
        Intent::CloseAll => "Close all files".to_owned(),
        Intent::CloseFile(path) => format!("Close {}", super::file_name(path)),
        Intent::Open(_) => "Open another comparison".to_owned(),
        Intent::Quit => "Quit".to_owned(),
        Intent::Reload => "Reload".to_owned(),
        Intent::Save | Intent::SaveAs(_) => "Save".to_owned(),
        Intent::WriteNew(path) => format!("Write {}", super::file_name(path)),
    }
}

/// The fields of New audit….
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NewAuditForm {
    /// The provider's name.
    pub provider: String,
    /// Who audits.
    pub auditor: String,
    /// Self-managed scope.
    pub self_managed: bool,
    /// The audit's date, `YYYY-MM-DD`.
    pub date: String,
    /// The file to write.
    pub path: String,
}

/// The fields of Send questionnaire as workbook….
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SendForm {
    /// The provider asked to answer.
    pub provider: String,
    /// Who sends it.
    pub sender: String,
    /// Pre-fill from the audit being edited.
    pub prefill: bool,
    /// The workbook to write.
    pub path: String,
}

/// The fields of Import answers….
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportForm {
    /// The provider's workbook or CSV.
    pub source: String,
    /// The provider's name, when the workbook names none.
    pub provider: String,
    /// The audit file to write.
    pub path: String,
}

/// The window's content.
#[derive(Clone, Debug, PartialEq)]
pub enum ModalKind {
    /// A path to type.
    Path(PathPurpose, String),
    /// New audit….
    NewAudit(NewAuditForm),
    /// Send questionnaire as workbook….
    SendWorkbook(SendForm),
    /// Import answers….
    ImportAnswers(ImportForm),
    /// The user's name, before a first signed edit.
    Name(NamePrompt),
    /// Save the changes before they would be dropped?
    Unsaved(Intent),
    /// A question before a command runs.
    Confirm(Box<Confirm>),
    /// Writing for `Intent` would replace a file: one changed on disk since it was read
    /// (someone else's version), or another file already there.
    Conflict(Intent, Conflict),
}

/// The open window: its content and the error of the last try.
#[derive(Clone, Debug, PartialEq)]
pub struct Modal {
    /// What it asks.
    pub kind: ModalKind,
    /// Why the last try failed, shown in the window.
    pub error: Option<String>,
    /// The first field takes the focus in the next frame.
    focus: bool,
}

impl Modal {
    /// A window asking `kind`.
    #[must_use]
    pub fn new(kind: ModalKind) -> Self {
        Self {
            kind,
            error: None,
            focus: true,
        }
    }

    /// The path field's text of a path window.
    #[must_use]
    pub fn path_text(&self) -> Option<&str> {
        match &self.kind {
            ModalKind::Path(_, text) => Some(text),
            _ => None,
        }
    }

    /// Writes a chosen file into the form's `field`.
    pub fn set_field(&mut self, field: FormField, path: &std::path::Path) {
        let text = path.display().to_string();
        match (&mut self.kind, field) {
            (
                ModalKind::Path(_, value)
                | ModalKind::NewAudit(NewAuditForm { path: value, .. })
                | ModalKind::SendWorkbook(SendForm { path: value, .. }),
                _,
            )
            | (ModalKind::ImportAnswers(ImportForm { path: value, .. }), FormField::Output)
            | (ModalKind::ImportAnswers(ImportForm { source: value, .. }), FormField::Input) => {
                *value = text;
            }
            _ => {}
        }
    }

    /// Draws the window; what the user does goes out as commands.
    pub fn ui(&mut self, ctx: &egui::Context, view: &ViewCtx<'_>) {
        let (title, action) = self.title_and_action();
        let mut open = true;
        let focus = std::mem::take(&mut self.focus);
        let window = egui::Window::new(title)
            .id(egui::Id::unique("provider-audit-modal"))
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0]);
        window.show(ctx, |ui| {
            let ready = self.body_ui(ui, view, focus);
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            self.buttons_ui(ui, view, action, ready);
        });
        let escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if !open || escape {
            view.send(self.cancel_command());
        }
    }

    fn title_and_action(&self) -> (String, Option<&'static str>) {
        match &self.kind {
            ModalKind::Path(purpose, _) => {
                let (title, action) = match purpose {
                    PathPurpose::Open => ("Open path", "Open"),
                    PathPurpose::SaveComparison => ("Save the comparison as", "Save"),
                    PathPurpose::SaveAudit => ("Save the audit as", "Save"),
                    PathPurpose::Export(ExportKind::Image) => ("Export the image to", "Export"),
                    PathPurpose::Export(ExportKind::Section) => {
                        ("Export the section image to", "Export")
                    }
                    PathPurpose::Export(ExportKind::Report) => ("Export the report to", "Export"),
                    PathPurpose::Export(ExportKind::Pdf) => ("Export the PDF record to", "Export"),
                    PathPurpose::CarryOver(_) => ("Carry over annotations", "Carry over"),
                };
                (title.to_owned(), Some(action))
            }
            ModalKind::NewAudit(_) => ("New audit".to_owned(), Some("Create the audit")),
            ModalKind::SendWorkbook(_) => (
                "Send questionnaire as workbook".to_owned(),
                Some("Write the workbook"),
            ),
            ModalKind::ImportAnswers(_) => ("Import answers".to_owned(), Some("Import")),
            ModalKind::Name(_) => ("Your name".to_owned(), Some("Sign")),
            ModalKind::Unsaved(intent) => (
                format!("{}: save the changes first?", describe(intent)),
                None,
            ),
            ModalKind::Confirm(confirm) => (confirm.title.clone(), None),
            ModalKind::Conflict(_, Conflict::ChangedOnDisk { .. }) => {
                ("The comparison changed on disk".to_owned(), None)
            }
            ModalKind::Conflict(_, Conflict::Exists { .. }) => {
                ("Replace the file?".to_owned(), None)
            }
        }
    }

    /// The fields; whether the action can run.
    fn body_ui(&mut self, ui: &mut egui::Ui, view: &ViewCtx<'_>, focus: bool) -> bool {
        match &mut self.kind {
            ModalKind::Path(purpose, text) => {
                let prompt = match purpose {
                    PathPurpose::Open => {
                        "Path of an audit or a comparison; several, one per line or each in quotes:"
                    }
                    PathPurpose::CarryOver(_) => "The path of the earlier comparison:",
                    _ => "No file dialog is available: type the path of the file to write.",
                };
                let label = ui.label(prompt);
                let multiline = *purpose == PathPurpose::Open;
                let edit = if multiline {
                    egui::TextEdit::multiline(text).desired_rows(2)
                } else {
                    egui::TextEdit::singleline(text)
                };
                let response = ui.add(edit.desired_width(560.0)).labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
                !text.trim().is_empty()
            }
            ModalKind::NewAudit(form) => new_audit_fields(ui, view, form, focus),
            ModalKind::SendWorkbook(form) => send_fields(ui, view, form, focus),
            ModalKind::ImportAnswers(form) => import_fields(ui, view, form, focus),
            ModalKind::Name(prompt) => {
                let label = ui.label(
                    "Annotations and decisions are signed. Your name is recorded with this one \
                     and the next ones (change it in the Decision view).",
                );
                let response = ui
                    .add(egui::TextEdit::singleline(&mut prompt.name).hint_text("e.g. A. Karlsson"))
                    .labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
                !prompt.name.trim().is_empty()
            }
            ModalKind::Unsaved(_) => {
                ui.label("The comparison or the audit being edited has changes not saved yet.");
                true
            }
            ModalKind::Confirm(confirm) => {
                ui.add(egui::Label::new(confirm.text.as_str()).wrap());
                true
            }
            ModalKind::Conflict(_, Conflict::ChangedOnDisk { path }) => {
                ui.add(
                    egui::Label::new(format!(
                        "{} was changed by someone else since it was loaded. Saving would write \
                         over their version.",
                        path.display()
                    ))
                    .wrap(),
                );
                true
            }
            ModalKind::Conflict(_, Conflict::Exists { path }) => {
                ui.add(
                    egui::Label::new(format!(
                        "{} already exists. Replacing it keeps its previous version as a backup \
                         beside it.",
                        path.display()
                    ))
                    .wrap(),
                );
                true
            }
        }
    }

    fn buttons_ui(
        &self,
        ui: &mut egui::Ui,
        view: &ViewCtx<'_>,
        action: Option<&'static str>,
        ready: bool,
    ) {
        ui.horizontal(|ui| match &self.kind {
            ModalKind::Unsaved(_) => {
                for (text, choice) in [
                    ("Save", UnsavedChoice::Save),
                    ("Discard the changes", UnsavedChoice::Discard),
                    ("Cancel", UnsavedChoice::Cancel),
                ] {
                    if ui.button(text).clicked() {
                        view.send(Command::Unsaved(choice));
                    }
                }
            }
            ModalKind::Confirm(confirm) => {
                if ui.button(confirm.action.as_str()).clicked() {
                    view.send(Command::SubmitModal);
                }
                if ui.button("Cancel").clicked() {
                    view.send(Command::CloseModal);
                }
            }
            ModalKind::Conflict(_, Conflict::ChangedOnDisk { .. }) => {
                if ui.button("Reload theirs (drops your changes)").clicked() {
                    view.send(Command::ReloadDroppingEdits);
                }
                if ui.button("Save as another file…").clicked() {
                    view.send(Command::CloseModal);
                    view.send(super::command::UiCommand::SaveAs);
                }
                if ui.button("Overwrite their version").clicked() {
                    view.send(Command::OverwriteChanged);
                }
                if ui.button("Cancel").clicked() {
                    view.send(Command::CloseModal);
                }
            }
            ModalKind::Conflict(_, Conflict::Exists { .. }) => {
                if ui.button("Replace").clicked() {
                    view.send(Command::OverwriteChanged);
                }
                if ui.button("Cancel").clicked() {
                    view.send(Command::CloseModal);
                }
            }
            _ => {
                let enter = ui.input(|i| i.key_pressed(egui::Key::Enter) && !i.modifiers.shift);
                let action = action.unwrap_or("OK");
                let clicked = ui.add_enabled(ready, egui::Button::new(action)).clicked();
                if ready && (clicked || enter) {
                    view.send(Command::SubmitModal);
                }
                if ui.button("Cancel").clicked() {
                    view.send(self.cancel_command());
                }
            }
        });
    }

    fn cancel_command(&self) -> Command {
        match self.kind {
            ModalKind::Unsaved(_) => Command::Unsaved(UnsavedChoice::Cancel),
            _ => Command::CloseModal,
        }
    }
}

/// A labelled text field in a form's grid.
fn text_row(ui: &mut egui::Ui, label: &str, text: &mut String, width: f32) -> egui::Response {
    let label = ui.label(label);
    let response = ui
        .add(egui::TextEdit::singleline(text).desired_width(width))
        .labelled_by(label.id);
    ui.end_row();
    response
}

/// A labelled path field in a form's grid, with Choose… where a file dialog exists.
fn file_row(
    ui: &mut egui::Ui,
    view: &ViewCtx<'_>,
    label: &str,
    text: &mut String,
    save: bool,
    field: FormField,
) {
    let label = ui.label(label);
    ui.horizontal(|ui| {
        ui.add(egui::TextEdit::singleline(text).desired_width(360.0))
            .labelled_by(label.id);
        if view.native_dialogs && ui.button("Choose…").clicked() {
            view.send(Command::ChooseFile { save, field });
        }
    });
    ui.end_row();
}

fn new_audit_fields(
    ui: &mut egui::Ui,
    view: &ViewCtx<'_>,
    form: &mut NewAuditForm,
    focus: bool,
) -> bool {
    egui::Grid::new("new-audit").num_columns(2).show(ui, |ui| {
        let before = super::new_audit::file_name_for(&form.provider);
        let response = text_row(ui, "Provider", &mut form.provider, 360.0);
        if focus {
            response.request_focus();
        }
        if response.changed() && form.path.ends_with(&before) {
            let folder = PathBuf::from(&form.path)
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default();
            form.path = folder
                .join(super::new_audit::file_name_for(&form.provider))
                .display()
                .to_string();
        }
        text_row(ui, "Auditor", &mut form.auditor, 360.0);
        text_row(ui, "Date", &mut form.date, 120.0);
        ui.label("Scope");
        ui.checkbox(
            &mut form.self_managed,
            "Self-managed (the managed-service sections are not expected)",
        );
        ui.end_row();
        file_row(ui, view, "File", &mut form.path, true, FormField::Output);
    });
    !form.provider.trim().is_empty() && !form.path.trim().is_empty()
}

fn send_fields(ui: &mut egui::Ui, view: &ViewCtx<'_>, form: &mut SendForm, focus: bool) -> bool {
    ui.label(
        "A workbook the provider fills in: one sheet per section, answer cells editable, read \
         back with File → Import answers…",
    );
    let can_prefill = view.editor().is_some();
    egui::Grid::new("send-workbook")
        .num_columns(2)
        .show(ui, |ui| {
            let response = text_row(ui, "Provider", &mut form.provider, 360.0);
            if focus {
                response.request_focus();
            }
            text_row(ui, "Sender", &mut form.sender, 360.0);
            ui.label("Answers");
            ui.add_enabled(
                can_prefill,
                egui::Checkbox::new(
                    &mut form.prefill,
                    "Pre-fill from the audit being edited (a re-audit)",
                ),
            );
            ui.end_row();
            file_row(ui, view, "File", &mut form.path, true, FormField::Output);
        });
    !form.path.trim().is_empty()
}

fn import_fields(
    ui: &mut egui::Ui,
    view: &ViewCtx<'_>,
    form: &mut ImportForm,
    focus: bool,
) -> bool {
    ui.label(
        "A provider's workbook (xlsx, xls, ods) or CSV becomes an audit with their answers and \
         no verdicts: it opens for judging.",
    );
    egui::Grid::new("import-answers")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Answers");
            ui.horizontal(|ui| {
                let response = ui
                    .add(egui::TextEdit::singleline(&mut form.source).desired_width(360.0))
                    .labelled_by(label.id);
                if focus {
                    response.request_focus();
                }
                if view.native_dialogs && ui.button("Choose…").clicked() {
                    view.send(Command::ChooseFile {
                        save: false,
                        field: FormField::Input,
                    });
                }
            });
            ui.end_row();
            let label = ui.label("Provider");
            ui.add(
                egui::TextEdit::singleline(&mut form.provider)
                    .hint_text("the one the workbook was made for")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
            ui.end_row();
            file_row(
                ui,
                view,
                "Audit file",
                &mut form.path,
                true,
                FormField::Output,
            );
        });
    !form.source.trim().is_empty() && !form.path.trim().is_empty()
}

/// The paths typed in the open-path window: one per line, or several on a line each in
/// double quotes; a line without quotes is one path, spaces and all.
#[must_use]
pub fn typed_paths(text: &str) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.contains('"') {
            paths.extend(
                line.split('"')
                    .skip(1)
                    .step_by(2)
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(PathBuf::from),
            );
        } else {
            paths.push(PathBuf::from(line));
        }
    }
    paths
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::typed_paths;

    #[test]
    fn paths_keep_their_spaces_one_per_line_or_quoted() {
        assert_eq!(
            typed_paths("with space/a.ron"),
            [PathBuf::from("with space/a.ron")]
        );
        assert_eq!(
            typed_paths("a.ron\n  with space/b.ron  \n\n"),
            [PathBuf::from("a.ron"), PathBuf::from("with space/b.ron")]
        );
        assert_eq!(
            typed_paths(r#""with space/a.ron" "b.ron""#),
            [PathBuf::from("with space/a.ron"), PathBuf::from("b.ron")]
        );
    }
}
