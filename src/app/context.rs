//! What a view sees: [`ViewCtx`], a read-only context over the session's derived
//! [`ComparisonView`], the questionnaire, the preferences and the palette, with a
//! [`CommandSender`] for everything the view wants changed. A view cannot reach the
//! session, the workspace or the raw comparison: whatever it shows is read here, and every
//! rank, score, "chosen" and marker comes from the one derived view.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use super::command::{Command, CommandState, UiCommand};
use super::model::Model;
use super::prefs::Prefs;
use crate::interview::AuditEditor;
use crate::model::{Answer, Audit, Questionnaire};
use crate::palette::Palette;
use crate::scoring::{CellStatus, ProviderScore};
use crate::validate::Finding;
use crate::view::{AnnotationView, ComparisonView};

/// Collects the commands the views send during a frame; the app applies them after.
#[derive(Debug, Default)]
pub struct CommandSender {
    queue: RefCell<Vec<Command>>,
}

impl CommandSender {
    /// Queues `command`.
    pub fn send(&self, command: impl Into<Command>) {
        self.queue.borrow_mut().push(command.into());
    }

    /// Takes every command queued so far.
    pub fn take(&self) -> Vec<Command> {
        std::mem::take(&mut *self.queue.borrow_mut())
    }

    /// True when nothing is queued.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.queue.borrow().is_empty()
    }
}

/// A file the user opened, as the notification panel lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenedFile {
    /// The path as given.
    pub path: PathBuf,
    /// It loaded (an audit, an earlier audit of a provider, or the comparison).
    pub loaded: bool,
    /// Its errors.
    pub errors: usize,
}

/// The read-only context of a view for one frame.
pub struct ViewCtx<'a> {
    model: &'a Model,
    /// The persisted preferences (theme, author, view…).
    pub prefs: &'a Prefs,
    /// The colours of the current theme.
    pub palette: Palette,
    /// Whether commands can run now (menus grey out what cannot).
    pub state: CommandState,
    /// Whether the system's file dialogs are used (forms then offer Choose…).
    pub native_dialogs: bool,
    commands: &'a CommandSender,
}

impl<'a> ViewCtx<'a> {
    /// The context over `model` for this frame.
    #[must_use]
    pub fn new(
        model: &'a Model,
        prefs: &'a Prefs,
        state: CommandState,
        native_dialogs: bool,
        commands: &'a CommandSender,
    ) -> Self {
        Self {
            model,
            prefs,
            palette: Palette::of(prefs.theme),
            state,
            native_dialogs,
            commands,
        }
    }

    /// Sends `command` to the app, applied after this frame.
    pub fn send(&self, command: impl Into<Command>) {
        self.commands.send(command);
    }

    /// A button for `command` of the table: its text, its shortcut, its tooltip, greyed
    /// with the reason on hover when it cannot run now.
    pub fn command_button(&self, ui: &mut egui::Ui, command: UiCommand) {
        let info = command.info();
        let mut button = egui::Button::new(info.text);
        if let Some(shortcut) = info.shortcut {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        let reason = command.disabled_reason(&self.state);
        let response = ui
            .add_enabled(reason.is_none(), button)
            .on_hover_text(info.tooltip)
            .on_disabled_hover_text(reason.unwrap_or_default());
        if response.clicked() {
            self.send(command);
        }
    }

    /// What every view shows, derived by the core once per change.
    #[must_use]
    pub fn view(&self) -> &'a ComparisonView {
        self.model.view()
    }

    /// A number that changes whenever the session's content changes (caches key on it).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.model.session.generation()
    }

    /// The questionnaire in use.
    #[must_use]
    pub fn questionnaire(&self) -> &'a Questionnaire {
        &self.model.questionnaire
    }

    /// The scores in rank order (the matrix's columns are in this order).
    #[must_use]
    pub fn ranking(&self) -> &'a [ProviderScore] {
        &self.view().ranking
    }

    /// Number of providers (columns).
    #[must_use]
    pub fn provider_count(&self) -> usize {
        self.ranking().len()
    }

    /// The provider's name in column `column`.
    #[must_use]
    pub fn provider_name(&self, column: usize) -> &'a str {
        &self.ranking()[column].provider
    }

    /// The column of `provider`, when it is loaded.
    #[must_use]
    pub fn column_of(&self, provider: &str) -> Option<usize> {
        self.ranking().iter().position(|s| s.provider == provider)
    }

    /// The status of item `item` for the provider in column `column`.
    #[must_use]
    pub fn status(&self, column: usize, item: usize) -> CellStatus {
        self.view()
            .cell(column, item)
            .map_or(CellStatus::NotAsked, |cell| cell.status)
    }

    /// The audit shown in column `column`.
    #[must_use]
    pub fn audit(&self, column: usize) -> &'a Audit {
        self.model.audit_of_column(column)
    }

    /// The answer of the provider in column `column` to item `item`.
    #[must_use]
    pub fn answer(&self, column: usize, item: usize) -> Option<&'a Answer> {
        let id = self.questionnaire().items.get(item)?.id.as_str();
        self.audit(column).answer(id)
    }

    /// The annotation of `provider`'s answer to question `id`.
    #[must_use]
    pub fn annotation(&self, provider: &str, id: &str) -> Option<&'a AnnotationView> {
        self.view()
            .annotations
            .iter()
            .find(|a| a.provider == provider && a.question.id == id)
    }

    /// True when question `id` is a must-have.
    #[must_use]
    pub fn is_must_have(&self, id: &str) -> bool {
        self.view().must_have.iter().any(|q| q.id == id)
    }

    /// The weight of question `id` (1 unless the comparison says otherwise).
    #[must_use]
    pub fn question_weight(&self, id: &str) -> f64 {
        self.view()
            .question_weights
            .iter()
            .find(|(q, _)| q.id == id)
            .map_or(1.0, |(_, weight)| *weight)
    }

    /// True when a comparison file is open (its weights and annotations apply).
    #[must_use]
    pub fn has_comparison(&self) -> bool {
        self.view().comparison_file.is_some()
    }

    /// The audit open in the interview.
    #[must_use]
    pub fn editor(&self) -> Option<&'a AuditEditor> {
        self.model.session.editor()
    }

    /// The file the comparison is saved to.
    #[must_use]
    pub fn comparison_path(&self) -> Option<&'a Path> {
        self.model.session.comparison_path()
    }

    /// True when there are unsaved edits (the comparison or the audit being edited).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.model.is_dirty()
    }

    /// The findings of the loaded files, errors first.
    #[must_use]
    pub fn findings(&self) -> Vec<&'a Finding> {
        self.model.findings_errors_first()
    }

    /// The files the user opened, each loaded or not, with its error count.
    #[must_use]
    pub fn opened_files(&self) -> Vec<OpenedFile> {
        self.model.opened_files()
    }

    /// The folder files are saved and exported to by default.
    #[must_use]
    pub fn default_folder(&self) -> PathBuf {
        self.model.default_folder()
    }
}
