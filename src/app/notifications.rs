//! The notification panel: the files opened (loaded or failed, each with "Close file"),
//! every finding of the loaded files (file, line, column; errors first) and the app's own
//! messages; and the status line, which shows the latest message even when the panel is
//! hidden.

use super::{Command, ProviderAuditApp, file_name, theme};
use crate::validate::Finding;

impl ProviderAuditApp {
    /// The bottom panel with findings and messages, when open.
    pub(super) fn notifications_panel_ui(&mut self, ui: &mut egui::Ui) {
        if !self.prefs.show_notifications {
            return;
        }
        let palette = self.palette();
        egui::Panel::bottom("notifications")
            .resizable(true)
            .default_size(160.0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong("Notifications");
                    let (errors, warnings) = self.finding_counts();
                    ui.label(format!(
                        "{}, {} in the files",
                        crate::labels::plural(errors, "error"),
                        crate::labels::plural(warnings, "warning")
                    ));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Hide").clicked() {
                            self.prefs.show_notifications = false;
                        }
                        let anything =
                            !self.notices.is_empty() || !self.shown_findings().is_empty();
                        if anything && ui.button("Clear messages").clicked() {
                            self.notices.clear();
                            self.findings_cleared = true;
                        }
                    });
                });
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.files_ui(ui);
                        for finding in self.shown_findings() {
                            let color = if finding.is_error() {
                                palette.gap
                            } else {
                                palette.partial
                            };
                            ui.horizontal_wrapped(|ui| {
                                ui.colored_label(theme::color(color), "●");
                                ui.monospace(finding.to_string());
                            });
                        }
                        let problems = self.notices.iter().rev().filter(|n| n.is_problem);
                        let others = self.notices.iter().rev().filter(|n| !n.is_problem);
                        for notice in problems.chain(others) {
                            let color = if notice.is_problem {
                                palette.gap
                            } else {
                                palette.accent
                            };
                            ui.horizontal_wrapped(|ui| {
                                ui.colored_label(theme::color(color), "●");
                                ui.label(&notice.text);
                            });
                        }
                        if self.shown_findings().is_empty() && self.notices.is_empty() {
                            ui.weak("Nothing to report: every file loaded cleanly.");
                        }
                    });
            });
    }

    /// The findings the panel shows, errors first (none after "Clear messages", until the
    /// next load).
    #[must_use]
    pub fn shown_findings(&self) -> Vec<&Finding> {
        if self.findings_cleared {
            return Vec::new();
        }
        let findings = &self.model.workspace().findings;
        findings
            .iter()
            .filter(|f| f.is_error())
            .chain(findings.iter().filter(|f| !f.is_error()))
            .collect()
    }

    /// The files opened, each loaded or failed, with "Close file".
    fn files_ui(&mut self, ui: &mut egui::Ui) {
        let palette = self.palette();
        let workspace = self.model.workspace();
        let mut rows = Vec::new();
        for path in self.model.session.paths() {
            let loaded = workspace.audits.iter().any(|a| a.path == *path)
                || workspace
                    .comparison
                    .as_ref()
                    .is_some_and(|c| c.path == *path);
            let errors = workspace
                .findings
                .iter()
                .filter(|f| f.is_error() && f.path == *path)
                .count();
            rows.push((path.clone(), loaded, errors));
        }
        for (path, loaded, errors) in rows {
            ui.horizontal(|ui| {
                if loaded {
                    ui.colored_label(theme::color(palette.accent), "●");
                    ui.label(format!("Opened {}", path.display()));
                } else {
                    ui.colored_label(theme::color(palette.gap), "●");
                    ui.colored_label(
                        theme::color(palette.gap),
                        format!(
                            "Failed to load {} ({})",
                            path.display(),
                            crate::labels::plural(errors, "error")
                        ),
                    );
                }
                if ui
                    .small_button("Close file")
                    .on_hover_text(format!("Close {}", file_name(&path)))
                    .clicked()
                {
                    self.push(Command::CloseFile(path.clone()));
                }
            });
        }
    }

    /// The latest message in one line at the bottom, shown whether or not the notification
    /// panel is open; after an export, with "Open folder".
    pub(super) fn status_line_ui(&mut self, ui: &mut egui::Ui) {
        let Some(notice) = self.notices.last().cloned() else {
            return;
        };
        let palette = self.palette();
        egui::Panel::bottom("status").show(ui, |ui| {
            ui.horizontal(|ui| {
                let color = if notice.is_problem {
                    palette.gap
                } else {
                    palette.accent
                };
                ui.colored_label(theme::color(color), "●");
                ui.label(&notice.text);
                if notice.text.starts_with("Exported ")
                    && self.last_export.is_some()
                    && ui
                        .small_button(Command::OpenExportFolder.info().text)
                        .clicked()
                {
                    self.push(Command::OpenExportFolder);
                }
            });
        });
    }
}
