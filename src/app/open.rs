//! Opening files: the native dialog (rfd), and a path field where no dialog exists.

use std::time::{Duration, Instant};

use super::path_field::PathFieldOutcome;
use super::{Command, Notice, ProviderAuditApp};

/// A dialog that answers faster than this without a file was never shown: on a bare X
/// server, with neither a desktop portal nor zenity, rfd returns nothing at once.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(150);

impl ProviderAuditApp {
    /// Opens the native file dialog; falls back to the path field when there is none.
    pub(super) fn open_dialog(&mut self) {
        if !self.native_dialogs {
            self.push(Command::OpenPathField);
            return;
        }
        let started = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open audits or a comparison")
            .add_filter("Audits and comparisons (RON)", &["ron"])
            .add_filter("All files", &["*"])
            .pick_files();
        match picked {
            Some(paths) if !paths.is_empty() => self.push(Command::OpenPaths(paths)),
            _ if started.elapsed() < NO_DIALOG_THRESHOLD => {
                self.notices.push(Notice {
                    is_problem: true,
                    text: "No file dialog is available on this system: type the path instead"
                        .to_owned(),
                });
                self.push(Command::OpenPathField);
            }
            _ => {}
        }
    }

    /// The open-path window, while it is shown.
    pub(super) fn path_field_ui(&mut self, ctx: &egui::Context) {
        let Some(mut field) = self.path_field.take() else {
            return;
        };
        match field.ui(
            ctx,
            "Open path",
            "Path of an audit or a comparison (several separated by spaces):",
            "Open",
        ) {
            PathFieldOutcome::Submitted(text) => {
                let paths = text
                    .split_whitespace()
                    .map(std::path::PathBuf::from)
                    .collect();
                self.push(Command::OpenPaths(paths));
            }
            PathFieldOutcome::Cancelled => {}
            PathFieldOutcome::Open => self.path_field = Some(field),
        }
    }
}
