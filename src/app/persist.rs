//! Saving from the app, run between frames, through the session's one guarded path:
//! Ctrl+S and Save as… never write over a comparison someone else changed on disk, or over
//! another file, without asking; the audit being edited is written a moment after the last
//! edit. Unsaved work is written to a recovery file by the session's own thread (whether or
//! not anything is drawn), offered whenever that comparison is opened, removed when the
//! work is saved or back at its saved state.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::ProviderAuditApp;
use super::modal::PathPurpose;
use crate::model::Comparison;
use crate::session::{Choice, Intent, RecoveryOffer};

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
#[derive(Debug, Default)]
pub struct Autosave {
    /// Autosaved work found for the comparison open, offered for restoring.
    pub offer: Option<RecoveryOffer>,
    /// When the audit being edited was last edited.
    audit_edited: Option<Instant>,
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
    /// Turns on the session's crash recovery: unsaved work is written to a recovery file a
    /// moment after each change, by a thread of its own.
    pub fn enable_recovery(&mut self) {
        if let Err(err) = self
            .model
            .session
            .enable_recovery(unsaved_recovery_path(), crate::session::RECOVERY_DELAY)
        {
            self.notices
                .problem(format!("Unsaved work cannot be autosaved: {err}"));
        }
    }

    /// Writes the unsaved comparison to its recovery file now (turning recovery on).
    pub fn write_recovery(&mut self) {
        if self.model.session.current_recovery_path().is_none() {
            self.enable_recovery();
        }
        self.model.session.flush_recovery();
    }

    /// The comparison as it will be written to `path`.
    #[must_use]
    pub fn comparison_for(&self, path: &Path) -> Comparison {
        self.model.session.comparison_for(path)
    }

    /// Saves the comparison to `path`; from then on Save and reload use it. A file already
    /// there is replaced only when `confirmed` (the system's save dialog asked) or after the
    /// app asks.
    pub(super) fn save_to(&mut self, path: &Path, confirmed: bool) {
        let intent = Intent::SaveAs(path.to_path_buf());
        if confirmed {
            self.resolve(intent, Choice::Overwrite);
        } else {
            self.guard(intent);
        }
    }

    /// Ctrl+S: the audit being edited, if it has unsaved answers, and the comparison to the
    /// file the title names (Save as… when it has none yet); never over a comparison someone
    /// else changed on disk without asking.
    pub(super) fn save(&mut self) {
        if self.model.session.comparison_path().is_none() && !self.model.session.audit_is_dirty() {
            self.save_as();
            return;
        }
        self.guard(Intent::Save);
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
            Ok(Some(path)) => self.save_to(&path, true),
            Ok(None) => {}
            Err(suggested) => self.open_path_modal(PathPurpose::SaveComparison, suggested),
        }
    }

    /// Between frames: the audit being edited is written a moment after its last edit; an
    /// error of the recovery thread is shown.
    pub(super) fn autosave_tick(&mut self) {
        if let Some(at) = self.autosave.audit_edited {
            if at.elapsed() >= AUDIT_AUTOSAVE_AFTER {
                self.save_audit_quietly();
            } else if let Some(ctx) = &self.runtime.ctx {
                ctx.request_repaint_after(AUDIT_AUTOSAVE_AFTER.saturating_sub(at.elapsed()));
            }
        }
        if let Some(err) = self.model.session.take_recovery_error() {
            self.notices.problem(format!("Autosave failed: {err}"));
        }
    }

    /// Work autosaved for the comparison open and not saved since is offered (at start and
    /// after every open or reload).
    pub fn check_recovery(&mut self) {
        self.autosave.offer = self.model.session.recovery_offer();
    }

    /// Loads the autosaved comparison in place of the one on disk (kept unsaved).
    pub(super) fn restore_recovery(&mut self) {
        let Some(offer) = self.autosave.offer.take() else {
            return;
        };
        self.model.session.restore_recovery(offer);
        self.notices
            .info("Restored the unsaved work: save it to keep it");
    }

    /// Deletes the autosaved work offered.
    pub(super) fn discard_recovery(&mut self) {
        if let Some(offer) = self.autosave.offer.take()
            && let Err(err) = offer.discard()
        {
            self.notices
                .problem(format!("Cannot remove {}: {err}", offer.path.display()));
        }
    }
}
