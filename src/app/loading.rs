//! Loading files: they are read on a background thread while the current view stays usable,
//! then installed in the session (which keeps unsaved edits).

use std::path::PathBuf;

use super::{Notice, ProviderAuditApp};

impl ProviderAuditApp {
    /// Loads every open file again: the audits and the comparison at the path Save writes
    /// to; unsaved edits are kept.
    pub fn reload(&mut self) {
        let paths = self.model.session.reload_paths();
        self.load(paths);
    }

    /// Reads `paths` and installs them in the session.
    ///
    /// With a window, the files are read on a background thread and the current view stays
    /// usable; without one (tests), at once.
    pub(super) fn load(&mut self, paths: Vec<PathBuf>) {
        let questionnaire = self.model.questionnaire.clone();
        let today = self.model.session.today();
        let count = paths.len();
        let Some(ctx) = self.ctx.clone() else {
            let loaded = crate::session::Loaded::read(&questionnaire, paths, today);
            self.install(loaded);
            return;
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let loaded = crate::session::Loaded::read(&questionnaire, paths, today);
            // The app may have closed meanwhile: nothing to deliver to then.
            sender.send(loaded).ok();
            ctx.request_repaint();
        });
        self.loading = Some((receiver, count, std::time::Instant::now()));
    }

    /// True while files are being read in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    pub(super) fn install(&mut self, loaded: crate::session::Loaded) {
        let before: Vec<PathBuf> = self.model.session.paths().to_vec();
        let new_paths: Vec<PathBuf> = loaded
            .paths
            .iter()
            .filter(|p| !before.contains(p))
            .cloned()
            .collect();
        self.model.install(loaded);
        self.findings_cleared = false;
        if let Some(provider) = self.interview.pending.take() {
            let judge = std::mem::take(&mut self.interview.judge_pending);
            self.edit_audit(&provider);
            if judge && self.model.session.editor().is_some() {
                self.interview.judging = true;
                self.interview_step(super::interview::Step::NextUnjudged);
            }
        }
        for path in new_paths {
            let workspace = self.model.workspace();
            let opened = workspace.audits.iter().any(|a| a.path == path)
                || workspace
                    .comparison
                    .as_ref()
                    .is_some_and(|c| c.path == path);
            self.notices.push(Notice {
                is_problem: !opened,
                text: if opened {
                    format!("Opened {}", path.display())
                } else {
                    format!("Failed to load {}: see its errors", path.display())
                },
            });
        }
        self.rows_cache = None;
        self.selection = None;
        if self.model.workspace().has_errors() {
            self.prefs.show_notifications = true;
        }
    }

    /// Takes the model loaded in the background when it is ready; meanwhile a progress
    /// indicator in the toolbar.
    pub(super) fn poll_loading(&mut self, ui: &mut egui::Ui) {
        let Some((receiver, count, started)) = self.loading.take() else {
            return;
        };
        match receiver.try_recv() {
            Ok(loaded) => self.install(loaded),
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                egui::Panel::top("loading").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!(
                            "Loading {}… {:.1} s",
                            crate::labels::plural(count, "file"),
                            started.elapsed().as_secs_f32()
                        ));
                    });
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
                self.loading = Some((receiver, count, started));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.notices.push(Notice {
                    is_problem: true,
                    text: "Loading the files failed".to_owned(),
                });
            }
        }
    }
}
