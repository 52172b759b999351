//! File → Export image… and Export report…: the same core export as the command line,
//! written where the user chooses (native save dialog, or a path field where there is none),
//! with a notification naming the file.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::path_field::{PathField, PathFieldOutcome};
use super::{Notice, ProviderAuditApp};
use crate::export::{self, ImageFormat};
use crate::fsutil;

/// What to export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The comparison image (PNG or SVG, from the file name).
    Image,
    /// The Markdown report (or CSV when the name ends in `.csv`).
    Report,
    /// The current section's questions x providers (PNG or SVG).
    Section,
    /// The meeting's record: one PDF/A document, every page.
    Pdf,
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
        let suggested = self.default_folder().join(name).display().to_string();
        if !self.native_dialogs {
            self.export_path_field = Some((kind, PathField::new(suggested)));
            return;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title(title)
            .set_directory(self.default_folder())
            .set_file_name(name);
        for (label, extensions) in filters {
            dialog = dialog.add_filter(*label, extensions);
        }
        let started = Instant::now();
        match dialog.save_file() {
            Some(path) => {
                // The error is in the notification list.
                self.export_to(kind, &path).ok();
            }
            None if started.elapsed() < Duration::from_millis(150) => {
                self.export_path_field = Some((kind, PathField::new(suggested)));
            }
            None => {}
        }
    }

    /// Exports to `path`; the error when it could not be written.
    pub fn export_to(&mut self, kind: ExportKind, path: &std::path::Path) -> Result<(), String> {
        let view = self.model.view().clone();
        let bytes: Result<Vec<u8>, String> = match kind {
            ExportKind::Image => match ImageFormat::from_path(path) {
                Some(format) => export::render(&view, format, export::DEFAULT_SIZE)
                    .map_err(|err| err.to_string()),
                None => Err("name the image .png or .svg".to_owned()),
            },
            ExportKind::Section => self.section_image(&view, path),
            ExportKind::Pdf => {
                export::pdf::render(&view, &self.model.questionnaire).map_err(|err| err.to_string())
            }
            ExportKind::Report => {
                let is_csv = path
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
                let text = if is_csv {
                    export::report::csv(&view).map_err(|err| err.to_string())
                } else {
                    Ok(export::report::markdown(&view))
                };
                text.map(String::into_bytes)
            }
        };
        let result = bytes
            .and_then(|bytes| fsutil::write_atomic(path, &bytes).map_err(|err| err.to_string()));
        self.prefs.show_notifications = true;
        match result {
            Ok(()) => {
                let shown = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
                self.notices.push(Notice {
                    is_problem: false,
                    text: format!("Exported {}", shown.display()),
                });
                self.last_export = Some(shown);
                Ok(())
            }
            Err(err) => {
                let message = format!("Export to {} failed: {err}", path.display());
                self.notices.push(Notice {
                    is_problem: true,
                    text: message.clone(),
                });
                Err(message)
            }
        }
    }

    /// The image of the section shown in the matrix, drawn from the same view.
    fn section_image(
        &self,
        view: &crate::view::ComparisonView,
        path: &std::path::Path,
    ) -> Result<Vec<u8>, String> {
        let format = ImageFormat::from_path(path).ok_or("name the image .png or .svg")?;
        let questionnaire = &self.model.questionnaire;
        let id = questionnaire
            .sections
            .get(self.prefs.section)
            .map(|s| s.id.as_str().to_owned())
            .ok_or("no section to export")?;
        let section =
            export::SectionView::new(view, questionnaire, &id).map_err(|err| err.to_string())?;
        export::render_section(&section, format, None).map_err(|err| err.to_string())
    }

    /// What the export-path field, when it is shown, exports.
    #[must_use]
    pub fn export_field_kind(&self) -> Option<ExportKind> {
        self.export_path_field.as_ref().map(|(kind, _)| *kind)
    }

    /// The export-path field, where no save dialog exists. It stays open with the error
    /// when the file could not be written.
    pub(super) fn export_path_ui(&mut self, ctx: &egui::Context) {
        let Some((kind, mut field)) = self.export_path_field.take() else {
            return;
        };
        let title = match kind {
            ExportKind::Image => "Export the image to",
            ExportKind::Section => "Export the section image to",
            ExportKind::Report => "Export the report to",
            ExportKind::Pdf => "Export the PDF record to",
        };
        match field.ui(
            ctx,
            title,
            "No file dialog is available: type the path of the file to write.",
            "Export",
        ) {
            PathFieldOutcome::Submitted(text) => {
                if let Err(err) = self.export_to(kind, &PathBuf::from(text)) {
                    field.error = Some(err);
                    self.export_path_field = Some((kind, field));
                }
            }
            PathFieldOutcome::Cancelled => {}
            PathFieldOutcome::Open => self.export_path_field = Some((kind, field)),
        }
    }
}
