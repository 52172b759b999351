//! File → Export image… and Export report…: the same core export as the command line,
//! written where the user chooses (native save dialog, or a path field where there is none),
//! with a notification naming the file.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{Notice, ProviderAuditApp};
use crate::export::{self, ExportView, ImageFormat};
use crate::fsutil;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The comparison image (PNG or SVG, from the file name).
    Image,
    /// The Markdown report (or CSV when the name ends in `.csv`).
    Report,
}

impl ProviderAuditApp {
    /// Asks where to export, then exports.
    pub(super) fn export_dialog(&mut self, kind: ExportKind) {
        let (title, name, filters): (&str, &str, &[(&str, &[&str])]) = match kind {
            ExportKind::Image => (
                "Export the comparison image",
                "comparison.png",
                &[("PNG image", &["png"]), ("SVG image", &["svg"])],
            ),
            ExportKind::Report => (
                "Export the report",
                "comparison-report.md",
                &[("Markdown", &["md"]), ("CSV", &["csv"])],
            ),
        };
        let mut dialog = rfd::FileDialog::new().set_title(title).set_file_name(name);
        for (label, extensions) in filters {
            dialog = dialog.add_filter(*label, extensions);
        }
        let started = Instant::now();
        match dialog.save_file() {
            Some(path) => self.export_to(kind, &path),
            None if started.elapsed() < Duration::from_millis(150) => {
                self.export_path_field = Some((kind, name.to_owned()));
            }
            None => {}
        }
    }

    /// Exports to `path`.
    pub fn export_to(&mut self, kind: ExportKind, path: &std::path::Path) {
        let view = ExportView::new(
            &self.model.workspace,
            &self.model.questionnaire,
            &self.model.ranking,
        );
        let bytes: Result<Vec<u8>, String> = match kind {
            ExportKind::Image => match ImageFormat::from_path(path) {
                Some(format) => export::render(&view, format, export::DEFAULT_SIZE)
                    .map_err(|err| err.to_string()),
                None => Err("name the image .png or .svg".to_owned()),
            },
            ExportKind::Report => {
                let is_csv = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                Ok(if is_csv {
                    export::report::csv(&view)
                } else {
                    export::report::markdown(&view)
                }
                .into_bytes())
            }
        };
        let result = bytes
            .and_then(|bytes| fsutil::write_atomic(path, &bytes).map_err(|err| err.to_string()));
        match result {
            Ok(()) => self.notices.push(Notice {
                is_problem: false,
                text: format!("Exported {}", path.display()),
            }),
            Err(err) => {
                self.notices.push(Notice {
                    is_problem: true,
                    text: format!("Export to {} failed: {err}", path.display()),
                });
            }
        }
        self.prefs.show_notifications = true;
    }

    /// The export-path field, where no save dialog exists.
    pub(super) fn export_path_ui(&mut self, ctx: &egui::Context) {
        let Some((kind, mut text)) = self.export_path_field.take() else {
            return;
        };
        let mut keep = true;
        egui::Window::new("Export to")
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label("No file dialog is available: type the path of the file to write.");
                ui.text_edit_singleline(&mut text);
                ui.horizontal(|ui| {
                    if ui.button("Export").clicked() && !text.trim().is_empty() {
                        self.export_to(kind, &PathBuf::from(text.trim()));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            });
        if keep {
            self.export_path_field = Some((kind, text));
        }
    }
}
