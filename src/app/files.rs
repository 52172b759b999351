//! Files in and out, run between frames: opening (the native dialog, or the path window
//! where there is none), loading on a background thread, installing what was read, files
//! dropped on the window, the Choose… buttons of the forms, and the exports.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::command::{ExportKind, FormField};
use super::modal::{Modal, ModalKind, PathPurpose};
use super::{ProviderAuditApp, View};
use crate::ops::{self, Export};

/// A dialog that answers faster than this without a file was never shown: on a bare X
/// server, with neither a desktop portal nor zenity, rfd returns nothing at once.
pub const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(150);

impl ProviderAuditApp {
    /// Opens the path window for `purpose`, holding `text`.
    pub(super) fn open_path_modal(&mut self, purpose: PathPurpose, text: String) {
        self.modal = Some(Modal::new(ModalKind::Path(purpose, text)));
    }

    /// Opens the native file dialog; falls back to the path window when there is none.
    pub(super) fn open_dialog(&mut self) {
        if !self.runtime.native_dialogs {
            self.open_path_modal(PathPurpose::Open, String::new());
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open audits or a comparison")
            .add_filter("Audits and comparisons (RON)", &["ron"])
            .add_filter("All files", &["*"])
            .pick_files();
        match picked {
            Some(paths) if !paths.is_empty() => self.apply(super::Command::OpenPaths(paths)),
            _ if started.elapsed() < NO_DIALOG_THRESHOLD => {
                self.notices
                    .problem("No file dialog is available on this system: type the path instead");
                self.open_path_modal(PathPurpose::Open, String::new());
            }
            _ => {}
        }
    }

    /// A save dialog for `name` in the default folder; `None` when the user cancelled or
    /// there is no dialog (`Err` then, with the suggested path for a path window).
    pub(super) fn save_dialog(
        &self,
        title: &str,
        name: &str,
        filters: &[(&str, &[&str])],
    ) -> Result<Option<PathBuf>, String> {
        let folder = self.model.default_folder();
        let suggested = folder.join(name).display().to_string();
        if !self.runtime.native_dialogs {
            return Err(suggested);
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_directory(&folder)
            .set_file_name(name);
        for (label, extensions) in filters {
            dialog = dialog.add_filter(*label, extensions);
        }
        let started = Instant::now();
        match dialog.save_file() {
            Some(path) => Ok(Some(path)),
            None if started.elapsed() < NO_DIALOG_THRESHOLD => Err(suggested),
            None => Ok(None),
        }
    }

    /// The Choose… button of a form: the system's dialog, its answer written into the field.
    pub(super) fn choose_file(&mut self, save: bool, field: FormField) {
        let Some(modal) = &self.modal else {
            return;
        };
        let current = match (&modal.kind, field) {
            (ModalKind::NewAudit(form), _) => form.path.clone(),
            (ModalKind::SendWorkbook(form), _) => form.path.clone(),
            (ModalKind::ImportAnswers(form), FormField::Output) => form.path.clone(),
            (ModalKind::ImportAnswers(form), FormField::Input) => form.source.clone(),
            _ => String::new(),
        };
        let current = PathBuf::from(current.trim());
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
        if let (Some(path), Some(modal)) = (chosen, &mut self.modal) {
            modal.set_field(field, &path);
        }
    }

    /// Loads `paths` in addition to the open files. With nothing open, the questionnaire
    /// is chosen again for them, as at start (after Close all, audits of a team's own
    /// questionnaire open as they would in a fresh window).
    pub(super) fn open_paths(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.prefs.remember(path);
        }
        if self.model.session.paths().is_empty()
            && let Ok(chosen) = crate::questionnaire_choice::choose(paths)
        {
            let current = &self.model.questionnaire;
            let other = &chosen.questionnaire;
            if other.id != current.id || other.version != current.version {
                let session = crate::session::Session::new(
                    std::sync::Arc::new(chosen.questionnaire),
                    self.model.session.today(),
                );
                self.model = super::Model::from_session(session);
                self.screens.matrix.section = 0;
            }
        }
        let all = self.model.session.paths_with(paths);
        self.load(all);
    }

    /// Loads every open file again: the audits and the comparison at the path Save writes
    /// to; unsaved edits are kept.
    pub fn reload(&mut self) {
        let paths = self.model.session.reload_paths();
        self.load(paths);
    }

    /// Reads `paths` and installs them in the session: on a background thread when there
    /// is a window (the current view stays usable), at once without one (tests).
    pub(super) fn load(&mut self, paths: Vec<PathBuf>) {
        let questionnaire = self.model.questionnaire.clone();
        let today = self.model.session.today();
        match self.runtime.ctx.clone() {
            Some(ctx) if self.runtime.native_dialogs => {
                self.jobs.load(questionnaire, paths, today, ctx);
            }
            _ => {
                let loaded = crate::session::Loaded::read(&questionnaire, paths, today);
                self.install(loaded);
            }
        }
    }

    /// Puts files that were read into the session (which keeps unsaved edits).
    pub(super) fn install(&mut self, loaded: crate::session::Loaded) {
        let before: Vec<PathBuf> = self.model.session.paths().to_vec();
        let new_paths: Vec<PathBuf> = loaded
            .paths
            .iter()
            .filter(|p| !before.contains(p))
            .cloned()
            .collect();
        self.model.install(loaded);
        self.notices.findings_cleared = false;
        // Work autosaved for the comparison now open is offered, whenever it is opened.
        self.check_recovery();
        if let Some(provider) = self.screens.interview.pending.take() {
            let judge = std::mem::take(&mut self.screens.interview.judge_pending);
            self.edit_audit(&provider);
            if judge && let Some(editor) = self.model.session.editor() {
                let interview = &mut self.screens.interview;
                if let Err(message) =
                    interview.start_judging(&self.model.questionnaire, editor.audit())
                {
                    self.notices.info(message);
                }
            }
        }
        let opened = self.model.opened_files();
        let (loaded, failed): (Vec<_>, Vec<_>) = opened
            .iter()
            .filter(|file| new_paths.contains(&file.path))
            .partition(|file| file.loaded);
        if !loaded.is_empty() {
            self.notices.info(format!(
                "Opened {}",
                crate::labels::plural(loaded.len(), "file")
            ));
        }
        for file in failed {
            self.notices.push(super::Notice {
                is_problem: true,
                text: format!("Failed to load {}: see its errors", file.path.display()),
                file: Some(file.path.clone()),
            });
        }
        self.screens.matrix.selection = None;
        if self.model.workspace().has_errors() {
            self.prefs.show_notifications = true;
        }
    }

    /// Files dropped on the window: in the interview, evidence for the question shown
    /// (stored relative to the audit); elsewhere, files to open.
    pub fn files_dropped(&mut self, files: Vec<PathBuf>) {
        let editing = self.view() == View::Interview
            && self.model.session.editor().is_some()
            && self.screens.interview.current.is_some();
        if editing {
            for file in files {
                self.add_evidence(&file);
            }
        } else {
            self.apply(super::Command::OpenPaths(files));
        }
    }

    /// Opens the folder of the file last exported in the system's file manager.
    pub(super) fn open_export_folder(&mut self) {
        if let (Some(folder), Some(ctx)) = (
            self.notices.last_export.as_ref().and_then(|p| p.parent()),
            &self.runtime.ctx,
        ) {
            let url = format!("file://{}", folder.display());
            ctx.open_url(egui::OpenUrl::new_tab(url));
        }
    }

    /// File → Export…: the save dialog, or the path window where there is none.
    pub(super) fn export_dialog(&mut self, kind: ExportKind) {
        let (title, name, filters): (&str, &str, &[(&str, &[&str])]) = match kind {
            ExportKind::Image => (
                "Export the comparison image",
                "comparison.png",
                &[("PNG image", &["png"]), ("SVG image", &["svg"])],
            ),
            ExportKind::Section => (
                "Export the section image",
                "section.png",
                &[("PNG image", &["png"]), ("SVG image", &["svg"])],
            ),
            ExportKind::Pdf => (
                "Export the meeting's record as PDF",
                "comparison-record.pdf",
                &[("PDF document", &["pdf"])],
            ),
            ExportKind::Report => (
                "Export the report",
                "comparison-report.md",
                &[("Markdown", &["md"]), ("CSV", &["csv"])],
            ),
        };
        match self.save_dialog(title, name, filters) {
            Ok(Some(path)) => self.export_to(kind, &path),
            Ok(None) => {}
            Err(suggested) => self.open_path_modal(PathPurpose::Export(kind), suggested),
        }
    }

    /// What `kind` exports, from the screens' state.
    fn export_request(&self, kind: ExportKind, path: &Path) -> Result<Export, String> {
        Ok(match kind {
            ExportKind::Image => Export::Image(None),
            ExportKind::Report => Export::Report {
                csv: ops::is_csv(path),
            },
            ExportKind::Pdf => Export::Pdf,
            ExportKind::Section => Export::Section {
                id: self
                    .model
                    .questionnaire
                    .sections
                    .get(self.screens.matrix.section)
                    .map(|s| s.id.as_str().to_owned())
                    .ok_or("no section to export")?,
                size: None,
            },
        })
    }

    /// Exports to `path`; the PDF record is made on a worker thread (with a progress line
    /// and Cancel), the rest at once. The outcome is in the notifications.
    pub fn export_to(&mut self, kind: ExportKind, path: &Path) {
        if kind == ExportKind::Pdf && self.runtime.native_dialogs {
            match self.export_request(kind, path) {
                Ok(what) => self.jobs.export(
                    self.model.view().clone(),
                    self.model.questionnaire.clone(),
                    what,
                    path.to_path_buf(),
                    self.runtime.ctx.clone(),
                ),
                Err(err) => self.export_failed(path, &err),
            }
            return;
        }
        // The error is in the notifications.
        self.export_checked(kind, path).ok();
    }

    /// Exports to `path` at once; `Err` with the message when it failed.
    pub fn export_checked(&mut self, kind: ExportKind, path: &Path) -> Result<(), String> {
        let what = self.export_request(kind, path);
        let result = what.and_then(|what| {
            ops::export(self.model.view(), &self.model.questionnaire, &what, path)
                .map_err(|err| err.to_string())
        });
        match result {
            Ok(()) => {
                self.exported(path);
                Ok(())
            }
            Err(err) => {
                self.export_failed(path, &err);
                Err(err)
            }
        }
    }

    /// Says that `path` was written.
    pub(super) fn exported(&mut self, path: &Path) {
        let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.prefs.show_notifications = true;
        self.notices.info(format!("Exported {}", shown.display()));
        self.notices.last_export = Some(shown);
    }

    /// Says that the export to `path` failed, and why.
    pub(super) fn export_failed(&mut self, path: &Path, err: &str) {
        self.prefs.show_notifications = true;
        self.notices
            .problem(format!("Export to {} failed: {err}", path.display()));
    }
}
