//! Opening files: the native dialog (rfd), and a path field where no dialog exists.

use std::time::{Duration, Instant};

use super::{Command, Notice, ProviderAuditApp};

/// A dialog that answers faster than this without a file was never shown: on a bare X
/// server, with neither a desktop portal nor zenity, rfd returns nothing at once.
const NO_DIALOG_THRESHOLD: Duration = Duration::from_millis(150);

impl ProviderAuditApp {
    /// Opens the native file dialog; falls back to the path field when there is none.
    pub(super) fn open_dialog(&mut self) {
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
        let Some(mut text) = self.path_field.take() else {
            return;
        };
        let mut open = true;
        let mut submitted = false;
        egui::Window::new("Open path")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ctx, |ui| {
                ui.label("Path of an audit or a comparison (several separated by spaces):");
                let response = ui.add(
                    egui::TextEdit::singleline(&mut text)
                        .desired_width(560.0)
                        .hint_text("sample_audits/selection-meeting.comparison.ron"),
                );
                response.request_focus();
                let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    submitted = ui.button("Open").clicked() || enter;
                });
            });
        if submitted && !text.trim().is_empty() {
            let paths = text
                .split_whitespace()
                .map(std::path::PathBuf::from)
                .collect();
            self.push(Command::OpenPaths(paths));
        } else if open && !submitted {
            self.path_field = Some(text);
        }
    }
}
