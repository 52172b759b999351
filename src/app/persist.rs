//! Saving the comparison from the app: Ctrl+S, Save as…, autosave to a recovery file that
//! is offered after a crash, and the question before quitting with unsaved work. Audit
//! files are never written.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{Command, Notice, ProviderAuditApp};
use crate::compare::{self, relative_path};
use crate::model::{AuditRef, Comparison};

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
        self.save_path.clone().or_else(|| {
            self.model
                .workspace
                .comparison
                .as_ref()
                .map(|c| c.path.clone())
        })
    }

    /// Where unsaved work goes.
    fn recovery_file(&self) -> PathBuf {
        self.comparison_path()
            .map_or_else(unsaved_recovery_path, |path| compare::recovery_path(&path))
    }

    /// The comparison as it will be written to `path`: format 1, every loaded audit listed
    /// relative to the comparison's folder with its current SHA-256.
    #[must_use]
    pub fn comparison_for(&self, path: &Path) -> Comparison {
        let mut comparison = self.model.workspace.comparison().clone();
        comparison.format = Some(1);
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        comparison.audits = self
            .model
            .workspace
            .audits
            .iter()
            .map(|loaded| AuditRef {
                path: relative_path(base, &loaded.path)
                    .to_string_lossy()
                    .into_owned(),
                sha256: Some(loaded.sha256.clone()),
            })
            .collect();
        // The decision's basis names audits as they were loaded; write them relative to the
        // comparison too, matched by hash, so that the basis can be checked after a move.
        if let Some(basis) = comparison.decision.as_mut().and_then(|d| d.basis.as_mut()) {
            for reference in &mut basis.audits {
                if let Some(loaded) = self
                    .model
                    .workspace
                    .audits
                    .iter()
                    .find(|a| Some(&a.sha256) == reference.sha256.as_ref())
                {
                    reference.path = relative_path(base, &loaded.path)
                        .to_string_lossy()
                        .into_owned();
                }
            }
        }
        comparison
    }

    /// Saves to `path`, keeping the previous version as a backup.
    pub(super) fn save_to(&mut self, path: PathBuf) {
        let comparison = self.comparison_for(&path);
        match compare::save(&path, &comparison) {
            Ok(()) => {
                std::fs::remove_file(self.recovery_file()).ok();
                self.notices.push(Notice {
                    is_problem: false,
                    text: format!("Saved {}", path.display()),
                });
                self.prefs.remember(&path);
                self.save_path = Some(path);
                self.dirty = false;
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

    /// Ctrl+S: save, or ask for a file when there is none yet.
    pub(super) fn save(&mut self) {
        match self.comparison_path() {
            Some(path) => self.save_to(path),
            None => self.save_as(),
        }
    }

    /// Save as…: the native dialog, or the save-path field where there is none.
    pub(super) fn save_as(&mut self) {
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Save the comparison")
            .add_filter("Comparison (RON)", &["ron"])
            .set_file_name("selection.comparison.ron")
            .save_file();
        match picked {
            Some(path) => self.push(Command::SaveTo(path)),
            None if started.elapsed() < Duration::from_millis(150) => {
                self.save_path_field = Some(String::from("selection.comparison.ron"));
            }
            None => {}
        }
    }

    /// Writes unsaved work to the recovery file every [`AUTOSAVE_EVERY`].
    pub fn autosave(&mut self, force: bool) {
        if !self.dirty || (!force && self.last_autosave.elapsed() < AUTOSAVE_EVERY) {
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
                self.model.set_comparison(comparison);
                self.dirty = true;
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
        if ctx.input(|i| i.viewport().close_requested()) && self.dirty && !self.quit_confirmed {
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
                        if !self.dirty {
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
        if let Some(mut text) = self.save_path_field.take() {
            let mut keep = true;
            egui::Window::new("Save the comparison as")
                .collapsible(false)
                .show(&ctx, |ui| {
                    ui.label("No file dialog is available: type the path of the comparison file.");
                    ui.text_edit_singleline(&mut text);
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() && !text.trim().is_empty() {
                            self.push(Command::SaveTo(PathBuf::from(text.trim())));
                            keep = false;
                        }
                        if ui.button("Cancel").clicked() {
                            keep = false;
                        }
                    });
                });
            if keep {
                self.save_path_field = Some(text);
            }
        }
    }
}
