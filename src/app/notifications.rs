//! The notification panel: every finding of the loaded files (file, line, column) and the
//! app's own messages.

use super::{ProviderAuditApp, theme};

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
                        "{errors} errors, {warnings} warnings in the loaded files"
                    ));
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        if ui.button("Hide").clicked() {
                            self.prefs.show_notifications = false;
                        }
                        if !self.notices.is_empty() && ui.button("Clear messages").clicked() {
                            self.notices.clear();
                        }
                    });
                });
                egui::ScrollArea::vertical()
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for finding in &self.model.workspace().findings {
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
                        for notice in self.notices.iter().rev() {
                            let color = if notice.is_problem {
                                palette.partial
                            } else {
                                palette.accent
                            };
                            ui.horizontal_wrapped(|ui| {
                                ui.colored_label(theme::color(color), "●");
                                ui.label(&notice.text);
                            });
                        }
                        if self.model.workspace().findings.is_empty() && self.notices.is_empty() {
                            ui.weak("Nothing to report: every file loaded cleanly.");
                        }
                    });
            });
    }
}
