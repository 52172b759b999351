//! The app's chrome around the views: the menu bar, the toolbar with the unsaved marker and
//! the finding counts, the drift banner, the empty state and the window title.

use super::{Command, ProviderAuditApp, View, file_name, theme};

impl ProviderAuditApp {
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .comparison_path()
            .map_or_else(|| "unsaved comparison".to_owned(), |p| file_name(&p));
        let title = format!(
            "provider-audit · {name}{}",
            if self.is_dirty() { " •" } else { "" }
        );
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    pub(super) fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                self.command_button(ui, Command::NewAudit);
                self.command_button(ui, Command::Open);
                self.command_button(ui, Command::OpenPathField);
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in self.prefs.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            self.push(Command::OpenPaths(vec![path]));
                        }
                    }
                });
                ui.separator();
                self.command_button(ui, Command::Save);
                self.command_button(ui, Command::SaveAs);
                ui.separator();
                self.command_button(ui, Command::ExportImage);
                self.command_button(ui, Command::ExportReport);
                self.command_button(ui, Command::ExportSection);
                self.command_button(ui, Command::ExportPdf);
                ui.separator();
                self.command_button(ui, Command::SendWorkbook);
                self.command_button(ui, Command::ImportAnswers);
                ui.separator();
                self.command_button(ui, Command::Reload);
                self.command_button(ui, Command::CloseAll);
                ui.separator();
                self.command_button(ui, Command::Quit);
            });
            ui.menu_button("Edit", |ui| {
                self.command_button(ui, Command::Undo);
                self.command_button(ui, Command::Redo);
            });
            ui.menu_button("View", |ui| {
                for command in [
                    Command::ShowOverview,
                    Command::ShowMatrix,
                    Command::ShowCharts,
                    Command::ShowDecision,
                    Command::ShowInterview,
                    Command::ShowHistory(None),
                ] {
                    self.command_button(ui, command);
                }
                ui.separator();
                for command in [
                    Command::NextSection,
                    Command::PreviousSection,
                    Command::FocusSearch,
                    Command::ShowDetail,
                ] {
                    self.command_button(ui, command);
                }
                ui.separator();
                self.command_button(ui, Command::ToggleNotifications);
                self.command_button(ui, Command::ToggleTheme);
            });
        });
    }

    /// A menu button for `command`, with its shortcut and tooltip from the command table.
    pub(super) fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let info = command.info();
        let mut button = egui::Button::new(info.text);
        if let Some(shortcut) = info.shortcut {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(info.tooltip).clicked() {
            self.push(command);
        }
    }

    pub(super) fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for (view, command) in [
                (View::Overview, Command::ShowOverview),
                (View::Matrix, Command::ShowMatrix),
                (View::Charts, Command::ShowCharts),
                (View::Decision, Command::ShowDecision),
                (View::Interview, Command::ShowInterview),
                (View::History, Command::ShowHistory(None)),
            ] {
                let info = command.info();
                let tooltip = match info.shortcut {
                    Some(s) => format!("{} ({})", info.tooltip, ui.ctx().format_shortcut(&s)),
                    None => info.tooltip.to_owned(),
                };
                if ui
                    .selectable_label(self.view() == view, info.text)
                    .on_hover_text(tooltip)
                    .clicked()
                {
                    self.push(command);
                }
            }
            ui.separator();
            let providers = self.model.provider_count();
            let comparison = self
                .model
                .workspace()
                .comparison
                .as_ref()
                .map(|c| format!(" · comparison {}", file_name(&c.path)))
                .unwrap_or_default();
            ui.label(format!(
                "{}{comparison} · {}",
                crate::labels::plural(providers, "provider"),
                self.model.questionnaire.title_with_version()
            ));
            if self.is_dirty() {
                ui.label(
                    egui::RichText::new("● unsaved changes")
                        .color(theme::color(self.palette().partial))
                        .strong(),
                )
                .on_hover_text("Ctrl+S saves them to the comparison file");
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (errors, warnings) = self.finding_counts();
                let text = format!(
                    "⚠ {} · {}",
                    crate::labels::plural(errors, "error"),
                    crate::labels::plural(warnings, "warning")
                );
                let color = if errors > 0 {
                    theme::color(self.palette().gap)
                } else {
                    ui.visuals().weak_text_color()
                };
                if ui
                    .add(egui::Button::new(egui::RichText::new(text).color(color)).frame(false))
                    .on_hover_text(Command::ToggleNotifications.info().tooltip)
                    .clicked()
                {
                    self.push(Command::ToggleNotifications);
                }
            });
        });
    }

    pub(super) fn drift_banner_ui(&mut self, ui: &mut egui::Ui) {
        if self.model.workspace().drift.is_empty() {
            return;
        }
        let palette = self.palette();
        let files: Vec<String> = self
            .model
            .workspace()
            .drift
            .iter()
            .map(|d| match &d.current {
                Some(_) => format!("{} changed", d.listed_path),
                None => format!("{} is missing", d.listed_path),
            })
            .collect();
        egui::Panel::top("drift")
            .frame(egui::Frame::new().fill(theme::color(palette.knocked_out)).inner_margin(8.0))
            .show(ui, |ui| {
                ui.label(
                    egui::RichText::new(format!(
                        "The comparison's decision was made on other evidence: {} since it was saved.",
                        files.join(", ")
                    ))
                    .color(egui::Color32::WHITE)
                    .strong(),
                );
            });
    }

    pub(super) fn empty_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            ui.heading("No audit open");
            ui.label("Open audit files or a comparison: File → Open…, drag them onto this window, or start with provider-audit FILE...");
            ui.add_space(8.0);
            if ui.button(Command::Open.info().text).clicked() {
                self.push(Command::Open);
            }
            if ui.button(Command::OpenPathField.info().text).clicked() {
                self.push(Command::OpenPathField);
            }
        });
    }

    /// Numbers of errors and warnings among the findings.
    #[must_use]
    pub fn finding_counts(&self) -> (usize, usize) {
        let shown = self.shown_findings();
        let errors = shown.iter().filter(|f| f.is_error()).count();
        (errors, shown.len() - errors)
    }
}
