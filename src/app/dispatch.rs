//! Command dispatch: every [`Command`] the views, menus and shortcuts send is applied here,
//! between frames. This is the one place that changes the app's state.

use super::command::{Command, ExportKind, Step, UiCommand, UnsavedChoice};
use super::modal::{Modal, ModalKind, PathPurpose};
use super::screens::shown_by;
use super::{ProviderAuditApp, Selection, View};
use crate::palette::Theme;
use crate::session::{Choice, Guard, Intent, Outcome, SessionError};

impl ProviderAuditApp {
    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Ui(command) => self.apply_ui(command),
            Command::OpenPaths(paths) => self.open_paths_guarded(paths),
            Command::CloseFile(path) => self.guard(Intent::CloseFile(path)),
            Command::OpenSection(section, column) => {
                let last = self.model.questionnaire.sections.len().saturating_sub(1);
                let matrix = &mut self.screens.matrix;
                matrix.section = section.min(last);
                matrix.scroll_to_column = column;
                matrix.selection = None;
                self.screens.charts.section = section.min(last);
                self.prefs.view = View::Matrix;
            }
            Command::Select(item, column) => {
                self.screens.matrix.selection = Some(Selection { item, column });
            }
            Command::ShowQuestion(item, column) => {
                if let Some(entry) = self.model.questionnaire.items.get(item) {
                    let matrix = &mut self.screens.matrix;
                    matrix.section = entry.section;
                    matrix.selection = Some(Selection { item, column });
                    matrix.detail_open = true;
                    matrix.scroll_to_selection = true;
                    self.prefs.view = View::Matrix;
                }
            }
            Command::Edit(edit) => {
                if let Some(edit) = self.sign(edit) {
                    self.model.edit(edit);
                }
            }
            Command::Decide {
                provider,
                rationale,
                decided_by,
            } => {
                let decision = self.model.session.decision(
                    &provider,
                    &rationale,
                    &decided_by,
                    crate::model::Date::today(),
                );
                self.apply(Command::Edit(crate::compare::Edit::Decide(decision)));
            }
            Command::SetAuthor(name) => self.prefs.author = name,
            Command::SaveTo(path) => self.save_to(&path, false),
            Command::ShowHistoryOf(provider) => {
                self.screens.history.provider = Some(provider);
                self.prefs.view = View::History;
            }
            Command::EditAudit(provider, item) => {
                self.edit_audit(&provider);
                if item.is_some() {
                    self.screens.interview.current = item;
                }
            }
            Command::AuditEdit(edit) => self.audit_edit(edit),
            Command::AddEvidence(path) => self.add_evidence(&path),
            Command::SetVerdict(verdict) => self.set_verdict(verdict),
            Command::InterviewStep(step) => self.interview_step(step),
            Command::InterviewGoTo(item) => self.screens.interview.current = Some(item),
            Command::SaveAuditTo(path) => self.save_audit_to(&path),
            Command::ExportTo(kind, path) => self.export_to(kind, &path),
            Command::ChooseCarryOver(provider) => self.choose_carry_over(provider),
            Command::CarryOverFrom(provider, path) => self.carry_over_from(&provider, &path),
            Command::ChooseFile { save, field } => self.choose_file(save, field),
            Command::SubmitModal => self.submit_modal(),
            Command::CloseModal => self.modal = None,
            Command::Unsaved(choice) => self.answer_unsaved(choice),
            Command::OverwriteChanged => self.overwrite_confirmed(),
            Command::ReloadDroppingEdits => {
                self.modal = None;
                self.model.session.discard_edits();
                self.reload();
            }
            Command::ClearMessages => {
                self.notices.clear();
                self.notices.findings_cleared = true;
            }
            Command::ResolveConflict(request) => self.resolve_conflict(request),
            Command::CancelConflictEdit => self.screens.conflicts.editing = None,
            Command::SignDecision { name, role } => self.sign_decision(&name, &role),
            Command::CancelJob => {
                self.jobs.cancel();
                self.status_text("Cancelled: nothing was written");
            }
            Command::Confirm(confirm) => {
                self.modal = Some(Modal::new(ModalKind::Confirm(confirm)));
            }
        }
    }

    /// Applies a command of the table; one that cannot run now does nothing but say why.
    fn apply_ui(&mut self, command: UiCommand) {
        if let Some(reason) = command.disabled_reason(&self.command_state()) {
            if !command.is_navigation() {
                self.status_text(reason);
            }
            return;
        }
        if let Some(view) = shown_by(command) {
            self.prefs.view = view;
            return;
        }
        if let Some(verdict) = command.verdict() {
            self.set_verdict(verdict);
            return;
        }
        if let Some(step) = command.step() {
            self.interview_step(step);
            return;
        }
        match command {
            UiCommand::Open => self.open_dialog(),
            UiCommand::OpenPathField => self.open_path_modal(PathPurpose::Open, String::new()),
            UiCommand::CloseAll => self.guard(Intent::CloseAll),
            UiCommand::Reload => self.reload(),
            UiCommand::Quit => self.guard(Intent::Quit),
            UiCommand::OpenExportFolder => self.open_export_folder(),
            UiCommand::NextSection | UiCommand::PreviousSection => {
                let count = self.model.questionnaire.sections.len();
                if count > 0 {
                    let step = if command == UiCommand::NextSection {
                        1
                    } else {
                        count - 1
                    };
                    let matrix = &mut self.screens.matrix;
                    matrix.section = (matrix.section + step) % count;
                    matrix.selection = None;
                    self.prefs.view = View::Matrix;
                }
            }
            UiCommand::FocusSearch => {
                self.prefs.view = View::Matrix;
                self.screens.matrix.focus_search = true;
            }
            UiCommand::MoveUp
            | UiCommand::MoveDown
            | UiCommand::MoveLeft
            | UiCommand::MoveRight
                if self.view() == View::Matrix =>
            {
                self.move_selection(command);
            }
            UiCommand::ShowDetail if self.screens.matrix.selection.is_some() => {
                self.screens.matrix.detail_open = true;
                self.prefs.view = View::Matrix;
            }
            UiCommand::HideDetail => self.screens.matrix.detail_open = false,
            UiCommand::ToggleTheme => {
                self.prefs.theme = match self.prefs.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
            }
            UiCommand::ToggleNotifications => {
                self.prefs.show_notifications = !self.prefs.show_notifications;
            }
            UiCommand::ExportImage => self.export_dialog(ExportKind::Image),
            UiCommand::ExportReport => self.export_dialog(ExportKind::Report),
            UiCommand::ExportSection => self.export_dialog(ExportKind::Section),
            UiCommand::ExportPdf => self.export_dialog(ExportKind::Pdf),
            UiCommand::NewAudit => self.start_new_audit(),
            UiCommand::SendWorkbook => self.start_send_workbook(),
            UiCommand::ImportAnswers => self.start_import(),
            UiCommand::ToggleJudging => self.toggle_judging(),
            UiCommand::SaveAudit => self.save_audit(),
            UiCommand::SaveAuditAs => {
                let suggested = self.model.default_folder().join("audit-copy.ron");
                self.open_path_modal(PathPurpose::SaveAudit, suggested.display().to_string());
            }
            UiCommand::ReloadAudit => {
                let provider = self
                    .model
                    .session
                    .editor()
                    .map(|e| e.audit().provider.clone());
                self.model.session.stop_editing();
                self.screens.interview.conflict = None;
                self.screens.interview.pending = provider;
                self.reload();
            }
            UiCommand::CloseAudit => {
                self.save_audit();
                if !self.model.session.audit_is_dirty() {
                    self.model.session.stop_editing();
                }
            }
            UiCommand::Undo => self.undo(),
            UiCommand::Redo => self.redo(),
            UiCommand::Save => self.save(),
            UiCommand::SaveAs => self.save_as(),
            UiCommand::RestoreRecovery => self.restore_recovery(),
            UiCommand::DiscardRecovery => self.discard_recovery(),
            // The screens, verdicts and steps are handled above.
            _ => {}
        }
    }

    fn undo(&mut self) {
        let undone = if self.view() == View::Interview && self.model.session.editor().is_some() {
            self.autosave.audit_edited();
            self.model.session.undo_audit()
        } else {
            self.model.undo()
        };
        if !undone {
            self.status_text("Nothing to undo");
        }
    }

    fn redo(&mut self) {
        let redone = if self.view() == View::Interview && self.model.session.editor().is_some() {
            self.autosave.audit_edited();
            self.model.session.redo_audit()
        } else {
            self.model.redo()
        };
        if !redone {
            self.status_text("Nothing to redo");
        }
    }

    fn move_selection(&mut self, command: UiCommand) {
        let state = self.command_state();
        let ctx = super::context::ViewCtx::new(
            &self.model,
            &self.prefs,
            state,
            self.runtime.native_dialogs,
            &self.commands,
        );
        self.screens.matrix.move_selection(&ctx, command);
    }

    fn toggle_judging(&mut self) {
        let interview = &mut self.screens.interview;
        if interview.judging {
            interview.judging = false;
            return;
        }
        let Some(editor) = self.model.session.editor() else {
            return;
        };
        if let Err(message) = interview.start_judging(&self.model.questionnaire, editor.audit()) {
            self.status_text(message);
        }
    }

    /// Moves in the interview.
    pub(super) fn interview_step(&mut self, step: Step) {
        let Some(editor) = self.model.session.editor() else {
            return;
        };
        if let Err(message) =
            self.screens
                .interview
                .step(&self.model.questionnaire, editor.audit(), step)
        {
            self.status_text(message);
        }
    }

    /// The one path for everything that closes, replaces or writes a document: the
    /// session says what must be asked first (unsaved work; a file changed on disk or
    /// already there), the user answers in a window, and the session carries it out.
    pub(super) fn guard(&mut self, intent: Intent) {
        match self.model.session.guard(&intent) {
            Guard::Proceed => self.resolve(intent, Choice::Proceed),
            Guard::Ask { .. } => self.ask_unsaved(intent),
            Guard::Confirm(conflict) => {
                self.modal = Some(Modal::new(ModalKind::Conflict(intent, conflict)));
            }
        }
    }

    /// Asks "save the changes first?" before `intent`.
    pub(super) fn ask_unsaved(&mut self, intent: Intent) {
        self.modal = Some(Modal::new(ModalKind::Unsaved(intent)));
    }

    /// Carries out `intent` as the user chose, and does what is left to the app.
    pub(super) fn resolve(&mut self, intent: Intent, choice: Choice) {
        let closing_quietly = matches!(intent, Intent::Quit) && choice == Choice::Discard;
        match self.model.session.resolve(intent.clone(), choice) {
            Ok(Outcome::Cancelled | Outcome::Write { .. }) => {}
            Ok(Outcome::Saved(path)) => {
                self.notices.info(format!("Saved {}", path.display()));
                self.prefs.remember(&path);
                self.autosave.offer = None;
            }
            Ok(Outcome::Closed) => {
                let session = self.model.session.clone();
                self.model = super::Model::from_session(session);
                self.screens.matrix.selection = None;
                self.notices.clear();
                self.autosave.forget();
            }
            Ok(Outcome::Read(paths)) => {
                if let Intent::CloseFile(path) = &intent {
                    self.notices.forget_file(path);
                }
                if let Intent::Open(opened) = &intent {
                    for path in opened {
                        self.prefs.remember(path);
                    }
                }
                self.load(paths);
            }
            Ok(Outcome::Quit) => {
                self.runtime.quit_confirmed = true;
                self.persist_view_state();
                if closing_quietly {
                    self.autosave.forget();
                }
                if let Some(ctx) = &self.runtime.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(SessionError::NoPath) => {
                // The comparison has no file yet: Save as first, then try again.
                self.status_text("Choose where to save the comparison first");
                self.save_as();
            }
            Err(SessionError::ChangedOnDisk { path }) => {
                self.modal = Some(Modal::new(ModalKind::Conflict(
                    intent,
                    crate::session::Conflict::ChangedOnDisk { path },
                )));
            }
            Err(err) => {
                self.prefs.show_notifications = true;
                self.notices.problem(format!("Not done: {err}"));
            }
        }
    }

    /// The answer to "save the changes first?".
    fn answer_unsaved(&mut self, choice: UnsavedChoice) {
        let Some(Modal {
            kind: ModalKind::Unsaved(intent),
            ..
        }) = self.modal.take()
        else {
            return;
        };
        let choice = match choice {
            UnsavedChoice::Save => Choice::Save,
            UnsavedChoice::Discard => Choice::Discard,
            UnsavedChoice::Cancel => Choice::Cancel,
        };
        self.resolve(intent, choice);
    }

    /// "Overwrite" in the window about a file changed on disk or already there.
    fn overwrite_confirmed(&mut self) {
        if let Some(Modal {
            kind: ModalKind::Conflict(intent, _),
            ..
        }) = self.modal.take()
        {
            self.resolve(intent, Choice::Overwrite);
        }
    }

    /// Runs the action of the open window with what it holds; on failure the window stays
    /// open with the error.
    fn submit_modal(&mut self) {
        let Some(mut modal) = self.modal.take() else {
            return;
        };
        let result = match &modal.kind {
            ModalKind::Path(purpose, text) => self.submit_path(purpose.clone(), text.trim()),
            ModalKind::NewAudit(form) => self.create_audit(&form.clone()),
            ModalKind::SendWorkbook(form) => self.write_workbook(&form.clone()),
            ModalKind::ImportAnswers(form) => self.import_answers(&form.clone()),
            ModalKind::Name(prompt) => {
                prompt.name.trim().clone_into(&mut self.prefs.author);
                let edit = super::signing::signed(prompt.pending.clone(), &self.prefs.author);
                self.apply(Command::Edit(edit));
                Ok(())
            }
            ModalKind::Confirm(confirm) => {
                let command = confirm.command.clone();
                self.apply(command);
                Ok(())
            }
            ModalKind::Unsaved(_) | ModalKind::Conflict(..) => Ok(()),
        };
        if let Err(error) = result {
            modal.error = Some(error);
            // A window another action opened meanwhile wins.
            if self.modal.is_none() {
                self.modal = Some(modal);
            }
        }
    }

    fn submit_path(&mut self, purpose: PathPurpose, text: &str) -> Result<(), String> {
        let path = std::path::PathBuf::from(text);
        match purpose {
            PathPurpose::Open => {
                let paths = super::modal::typed_paths(text);
                if paths.is_empty() {
                    return Err("Type the path of a file".to_owned());
                }
                self.open_paths_guarded(paths);
                Ok(())
            }
            PathPurpose::SaveComparison => {
                self.save_to(&path, false);
                if self.model.session.is_dirty() {
                    Err(format!(
                        "{} was not saved: see the messages",
                        path.display()
                    ))
                } else {
                    Ok(())
                }
            }
            PathPurpose::SaveAudit => self.save_audit_to_checked(&path),
            PathPurpose::Export(kind) => self.export_checked(kind, &path),
            PathPurpose::CarryOver(provider) => {
                self.carry_over_from(&provider, &path);
                Ok(())
            }
        }
    }

    /// Opens `paths`, asking first when they replace a comparison with unsaved edits.
    fn open_paths_guarded(&mut self, paths: Vec<std::path::PathBuf>) {
        if self.model.session.paths().is_empty() {
            // Nothing open: the questionnaire is chosen for them, as at start.
            self.open_paths(&paths);
        } else {
            self.guard(Intent::Open(paths));
        }
    }
}
