//! Saving the comparison from the app: Ctrl+S, Save as…, autosave to a recovery file that
//! is offered after a crash, and the question before quitting with unsaved work. Audit
//! files are never written.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::path_field::{PathField, PathFieldOutcome};
use super::{Command, Notice, ProviderAuditApp};
use crate::model::Comparison;

/// How often unsaved work is written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(20);

/// Where unsaved work is autosaved when the comparison has no file yet.
#[must_use]
pub fn unsaved_recovery_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("provider-audit").join("unsaved.comparison.ron")
}

impl ProviderAuditApp {
    /// The file the comparison is saved to, if it has one.
    #[must_use]
    pub fn comparison_path(&self) -> Option<PathBuf> {
        self.model.session.comparison_path().map(Path::to_path_buf)
    }

    /// The folder files are saved and exported to by default: the comparison's, else the
    /// first audit's, else the working directory.
    #[must_use]
    pub fn default_folder(&self) -> PathBuf {
        let workspace = self.model.workspace();
        self.comparison_path()
            .or_else(|| workspace.audits.first().map(|a| a.path.clone()))
            .and_then(|path| path.parent().map(Path::to_path_buf))
            .filter(|folder| !folder.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."))
    }

    /// The path offered by Save as.
    fn default_save_name(&self) -> String {
        self.default_folder()
            .join("selection.comparison.ron")
            .display()
            .to_string()
    }

    /// Where unsaved work goes.
    fn recovery_file(&self) -> PathBuf {
        self.model.session.recovery_path(&unsaved_recovery_path())
    }

    /// The comparison as it will be written to `path`.
    #[must_use]
    pub fn comparison_for(&self, path: &Path) -> Comparison {
        self.model.session.comparison_for(path)
    }

    /// Saves to `path`, keeping the previous version as a backup; from then on Save and
    /// reload use `path`.
    pub(super) fn save_to(&mut self, path: &Path) {
        let recovery = self.recovery_file();
        match self.model.session.save_as(path) {
            Ok(()) => {
                std::fs::remove_file(recovery).ok();
                self.notices.push(Notice {
                    is_problem: false,
                    text: format!("Saved {}", path.display()),
                });
                self.prefs.remember(path);
            }
            Err(err) => {
                self.notices.push(Notice {
                    is_problem: true,
                    text: format!("Not saved: {err}"),
                });
                self.prefs.show_notifications = true;
            }
        }
    }

    /// Ctrl+S: the audit being edited, if it has unsaved answers, and the comparison to the
    /// file the title names (asking for one when there is none yet).
    pub(super) fn save(&mut self) {
        let audit = self
            .model
            .session
            .audit_is_dirty()
            .then(|| self.model.session.editor().map(|e| e.path().to_path_buf()))
            .flatten();
        if let Some(path) = &audit {
            self.save_audit();
            if !self.model.session.audit_is_dirty() {
                self.status_text(&format!("Saved {}", path.display()));
            }
        }
        // With answers just saved, the comparison is written only when it has changes too.
        if self.model.session.is_dirty() || audit.is_none() {
            match self.comparison_path() {
                Some(path) => self.save_to(&path),
                None => self.save_as(),
            }
        }
    }

    /// Save as…: the native dialog, or the save-path field where there is none.
    pub(super) fn save_as(&mut self) {
        if !self.native_dialogs {
            self.save_path_field = Some(PathField::new(self.default_save_name()));
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Save the comparison")
            .add_filter("Comparison (RON)", &["ron"])
            .set_directory(self.default_folder())
            .set_file_name("selection.comparison.ron")
            .save_file();
        match picked {
            Some(path) => self.push(Command::SaveTo(path)),
            None if started.elapsed() < Duration::from_millis(150) => {
                self.save_path_field = Some(PathField::new(self.default_save_name()));
            }
            None => {}
        }
    }

    /// Writes unsaved work to the recovery file every [`AUTOSAVE_EVERY`].
    pub fn autosave(&mut self, force: bool) {
        if !self.is_dirty() || (!force && self.last_autosave.elapsed() < AUTOSAVE_EVERY) {
            return;
        }
        self.last_autosave = Instant::now();
        let path = self.recovery_file();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).ok();
        }
        let comparison =
            self.comparison_for(&self.comparison_path().unwrap_or_else(|| path.clone()));
        let written = comparison
            .to_ron()
            .map_err(|err| err.to_string())
            .and_then(|text| {
                crate::fsutil::write_atomic(&path, text.as_bytes()).map_err(|err| err.to_string())
            });
        if let Err(err) = written {
            self.notices.push(Notice {
                is_problem: true,
                text: format!("Autosave to {} failed: {err}", path.display()),
            });
        }
    }

    /// At start: a recovery file newer than the comparison means work was not saved.
    pub fn check_recovery(&mut self) {
        let recovery = self.recovery_file();
        let Ok(recovered) = std::fs::metadata(&recovery).and_then(|m| m.modified()) else {
            return;
        };
        let saved = self
            .comparison_path()
            .and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        if saved.is_none_or(|saved| recovered > saved) {
            self.recovery_offer = Some(recovery);
        }
    }

    /// Loads the autosaved comparison in place of the one on disk (kept unsaved).
    pub(super) fn restore_recovery(&mut self) {
        let Some(path) = self.recovery_offer.take() else {
            return;
        };
        match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Comparison::from_ron(&t).map_err(|e| e.to_string()))
        {
            Ok(comparison) => {
                self.model
                    .edit(crate::compare::Edit::Replace(Box::new(comparison)));
                self.rows_cache = None;
                self.notices.push(Notice {
                    is_problem: false,
                    text: "Restored the unsaved work: save it to keep it".to_owned(),
                });
            }
            Err(err) => self.notices.push(Notice {
                is_problem: true,
                text: format!("Cannot restore {}: {err}", path.display()),
            }),
        }
    }

    /// The banner offering autosaved work, and the quit and save-path dialogs.
    pub(super) fn persistence_ui(&mut self, ui: &mut egui::Ui) {
        if let Some(path) = self.recovery_offer.clone() {
            egui::Panel::top("recovery").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(format!(
                        "Unsaved work from an earlier session was found ({}).",
                        path.display()
                    ));
                    if ui.button(Command::RestoreRecovery.info().text).clicked() {
                        self.push(Command::RestoreRecovery);
                    }
                    if ui.button(Command::DiscardRecovery.info().text).clicked() {
                        self.push(Command::DiscardRecovery);
                    }
                });
            });
        }
        let ctx = ui.ctx().clone();
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.quit_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_quit = true;
        }
        if self.confirm_quit {
            let modal = egui::Modal::new(egui::Id::unique("confirm-quit")).show(&ctx, |ui| {
                ui.heading("Save the comparison before closing?");
                ui.label("The annotations, weights or decision changed since the last save.");
                ui.horizontal(|ui| {
                    if ui.button("Save and close").clicked() {
                        self.save();
                        if !self.is_dirty() {
                            self.quit_confirmed = true;
                            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                        }
                        self.confirm_quit = false;
                    }
                    if ui.button(Command::QuitWithoutSaving.info().text).clicked() {
                        self.push(Command::QuitWithoutSaving);
                    }
                    if ui.button("Cancel").clicked() {
                        self.confirm_quit = false;
                    }
                });
            });
            if modal.should_close() {
                self.confirm_quit = false;
            }
        }
        if let Some(mut field) = self.save_path_field.take() {
            match field.ui(
                &ctx,
                "Save the comparison as",
                "No file dialog is available: type the path of the comparison file.",
                "Save",
            ) {
                PathFieldOutcome::Submitted(text) => {
                    self.push(Command::SaveTo(PathBuf::from(text)));
                }
                PathFieldOutcome::Cancelled => {}
                PathFieldOutcome::Open => self.save_path_field = Some(field),
            }
        }
    }
}
