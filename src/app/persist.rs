//! Saving from the app, run between frames: Ctrl+S, Save as…, never over a comparison
//! someone else changed on disk without asking; the audit being edited written a moment
//! after the last edit; unsaved work autosaved to a recovery file, offered when that
//! comparison is opened again, removed when the work is saved or back at its saved state.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ProviderAuditApp;
use super::modal::{Modal, ModalKind, PathPurpose};
use crate::model::Comparison;

/// How often unsaved work is written to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(20);

/// How long after the last edit the audit being edited is written to its file.
pub const AUDIT_AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// Where unsaved work is autosaved when the comparison has no file yet.
#[must_use]
pub fn unsaved_recovery_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("provider-audit").join("unsaved.comparison.ron")
}

/// The autosave's state.
#[derive(Debug)]
pub struct Autosave {
    /// Whether unsaved work is autosaved (off in tests).
    pub enabled: bool,
    /// Autosaved work found for the comparison open, offered for restoring.
    pub offer: Option<PathBuf>,
    last_recovery: Instant,
    /// When the audit being edited was last edited.
    audit_edited: Option<Instant>,
}

impl Default for Autosave {
    fn default() -> Self {
        Self {
            enabled: false,
            offer: None,
            last_recovery: Instant::now(),
            audit_edited: None,
        }
    }
}

impl Autosave {
    /// The audit being edited changed now.
    pub fn audit_edited(&mut self) {
        self.audit_edited = Some(Instant::now());
    }

    /// The audit being edited was written (or will not be).
    pub fn forget_audit(&mut self) {
        self.audit_edited = None;
    }

    /// Nothing is waiting to be autosaved or offered any more.
    pub fn forget(&mut self) {
        self.offer = None;
        self.audit_edited = None;
    }
}

impl ProviderAuditApp {
    /// Where unsaved work goes.
    fn recovery_file(&self) -> PathBuf {
        self.model.session.recovery_path(&unsaved_recovery_path())
    }

    /// The comparison as it will be written to `path`.
    #[must_use]
    pub fn comparison_for(&self, path: &Path) -> Comparison {
        self.model.session.comparison_for(path)
    }

    /// Saves the comparison to `path`, keeping the previous version as a backup; from then
    /// on Save and reload use `path`. A comparison file changed on disk since it was loaded
    /// is written over only when `overwrite_changed` (the user confirmed); otherwise the
    /// user is asked.
    pub(super) fn save_to(&mut self, path: &Path, overwrite_changed: bool) {
        let same_file = self.model.session.comparison_path() == Some(path);
        if same_file && !overwrite_changed && self.model.session.comparison_changed_on_disk() {
            self.modal = Some(Modal::new(ModalKind::ChangedOnDisk(path.to_path_buf())));
            return;
        }
        let recovery = self.recovery_file();
        match self.model.session.save_as(path) {
            Ok(()) => {
                std::fs::remove_file(recovery).ok();
                self.autosave.offer = None;
                self.notices.info(format!("Saved {}", path.display()));
                self.prefs.remember(path);
            }
            Err(err) => {
                self.notices.problem(format!("Not saved: {err}"));
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
            match self.model.session.comparison_path().map(Path::to_path_buf) {
                Some(path) => self.save_to(&path, false),
                None => self.save_as(),
            }
        }
    }

    /// The name Save as offers: the comparison's own, else a new one in the default folder.
    fn suggested_comparison_name(&self) -> String {
        self.model
            .session
            .comparison_path()
            .and_then(Path::file_name)
            .map_or_else(
                || "selection.comparison.ron".to_owned(),
                |name| name.to_string_lossy().into_owned(),
            )
    }

    /// Save as…: the native dialog, or the path window where there is none.
    pub(super) fn save_as(&mut self) {
        let name = self.suggested_comparison_name();
        match self.save_dialog(
            "Save the comparison",
            &name,
            &[("Comparison (RON)", &["ron"])],
        ) {
            Ok(Some(path)) => self.save_to(&path, false),
            Ok(None) => {}
            Err(suggested) => self.open_path_modal(PathPurpose::SaveComparison, suggested),
        }
    }

    /// Between frames: the audit being edited a moment after its last edit, and unsaved
    /// work to the recovery file every [`AUTOSAVE_EVERY`] (removed when the work is back at
    /// its saved state).
    pub(super) fn autosave_tick(&mut self) {
        if let Some(at) = self.autosave.audit_edited {
            if at.elapsed() >= AUDIT_AUTOSAVE_AFTER {
                self.save_audit_quietly();
            } else if let Some(ctx) = &self.runtime.ctx {
                ctx.request_repaint_after(AUDIT_AUTOSAVE_AFTER.saturating_sub(at.elapsed()));
            }
        }
        if !self.autosave.enabled {
            return;
        }
        if !self.model.session.is_dirty() {
            // Back at the saved state (saved, or every edit undone): nothing to recover.
            let path = self.recovery_file();
            if self.autosave.offer.as_deref() != Some(path.as_path()) && path.exists() {
                std::fs::remove_file(&path).ok();
            }
            return;
        }
        if self.autosave.last_recovery.elapsed() < AUTOSAVE_EVERY {
            return;
        }
        self.write_recovery();
    }

    /// Writes the unsaved comparison to its recovery file now.
    pub fn write_recovery(&mut self) {
        self.autosave.last_recovery = Instant::now();
        let path = self.recovery_file();
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).ok();
        }
        let target = self
            .model
            .session
            .comparison_path()
            .map_or_else(|| path.clone(), Path::to_path_buf);
        let written = self
            .comparison_for(&target)
            .to_ron()
            .map_err(|err| err.to_string())
            .and_then(|text| {
                crate::fsutil::write_atomic(&path, text.as_bytes()).map_err(|err| err.to_string())
            });
        if let Err(err) = written {
            self.notices
                .problem(format!("Autosave to {} failed: {err}", path.display()));
        }
    }

    /// At start: work autosaved for the comparison open and newer than it is offered.
    pub fn check_recovery(&mut self) {
        let recovery = self.recovery_file();
        let saved = self.model.session.comparison_path().map(Path::to_path_buf);
        self.offer_recovery(recovery, saved.as_deref());
    }

    /// When `comparison` is opened: its autosaved work, if newer, is offered.
    pub(super) fn check_recovery_of(&mut self, comparison: &Path) {
        let recovery = crate::compare::recovery_path(comparison);
        self.offer_recovery(recovery, Some(comparison));
    }

    fn offer_recovery(&mut self, recovery: PathBuf, saved: Option<&Path>) {
        let Ok(recovered) = std::fs::metadata(&recovery).and_then(|m| m.modified()) else {
            return;
        };
        let saved = saved.and_then(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
        if saved.is_none_or(|saved| recovered > saved) {
            self.autosave.offer = Some(recovery);
        }
    }

    /// Loads the autosaved comparison in place of the one on disk (kept unsaved).
    pub(super) fn restore_recovery(&mut self) {
        let Some(path) = self.autosave.offer.take() else {
            return;
        };
        match std::fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|t| Comparison::from_ron(&t).map_err(|e| e.to_string()))
        {
            Ok(comparison) => {
                self.model
                    .edit(crate::compare::Edit::Replace(Box::new(comparison)));
                self.notices
                    .info("Restored the unsaved work: save it to keep it");
            }
            Err(err) => self
                .notices
                .problem(format!("Cannot restore {}: {err}", path.display())),
        }
    }

    /// Deletes the autosaved work offered.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(path) = self.autosave.offer.take() {
            std::fs::remove_file(path).ok();
        }
    }
}
