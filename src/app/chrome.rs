//! The app's chrome around the screens: the menu bar, the toolbar with the unsaved marker
//! and the finding counts, the banners (autosaved work, a decision made on other evidence),
//! the status line, the notification panel and the empty state. Each draws from the
//! read-only [`ViewCtx`] and sends commands.

use std::path::Path;

use super::command::{Command, UiCommand};
use super::context::ViewCtx;
use super::screens::SCREENS;
use super::{Notices, file_name, theme};

/// The menu bar: File, Edit and View, every entry from the command table.
pub fn menu_bar_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            ctx.command_button(ui, UiCommand::NewAudit);
            ctx.command_button(ui, UiCommand::Open);
            ctx.command_button(ui, UiCommand::OpenPathField);
            ui.menu_button("Open recent", |ui| {
                if ctx.prefs.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in &ctx.prefs.recent {
                    if ui.button(path.display().to_string()).clicked() {
                        ctx.send(Command::OpenPaths(vec![path.clone()]));
                    }
                }
            });
            ui.separator();
            ctx.command_button(ui, UiCommand::Save);
            ctx.command_button(ui, UiCommand::SaveAs);
            ui.separator();
            for command in [
                UiCommand::ExportImage,
                UiCommand::ExportReport,
                UiCommand::ExportSection,
                UiCommand::ExportPdf,
            ] {
                ctx.command_button(ui, command);
            }
            ui.separator();
            ctx.command_button(ui, UiCommand::SendWorkbook);
            ctx.command_button(ui, UiCommand::ImportAnswers);
            ui.separator();
            ctx.command_button(ui, UiCommand::Reload);
            ctx.command_button(ui, UiCommand::CloseAll);
            ui.separator();
            ctx.command_button(ui, UiCommand::Quit);
        });
        ui.menu_button("Edit", |ui| {
            ctx.command_button(ui, UiCommand::Undo);
            ctx.command_button(ui, UiCommand::Redo);
        });
        ui.menu_button("View", |ui| {
            for screen in SCREENS {
                ctx.command_button(ui, screen.command);
            }
            ui.separator();
            for command in [
                UiCommand::NextSection,
                UiCommand::PreviousSection,
                UiCommand::FocusSearch,
                UiCommand::ShowDetail,
            ] {
                ctx.command_button(ui, command);
            }
            ui.separator();
            ctx.command_button(ui, UiCommand::ToggleNotifications);
            ctx.command_button(ui, UiCommand::ToggleTheme);
        });
    });
}

/// The toolbar: one tab per screen, what is open, the unsaved marker and the findings.
pub fn toolbar_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    ui.horizontal(|ui| {
        // The counter is laid out first, at the right, so that a narrow window cuts the
        // description in the middle, never the counter.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            findings_counter_ui(ui, ctx);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                for screen in SCREENS {
                    let info = screen.command.info();
                    let tooltip = match info.shortcut {
                        Some(s) => format!("{} ({})", info.tooltip, ui.ctx().format_shortcut(&s)),
                        None => info.tooltip.to_owned(),
                    };
                    if ui
                        .selectable_label(ctx.prefs.view == screen.view, info.text)
                        .on_hover_text(tooltip)
                        .clicked()
                    {
                        ctx.send(screen.command);
                    }
                }
                ui.separator();
                let comparison = ctx
                    .comparison_path()
                    .map(|path| format!(" · comparison {}", file_name(path)))
                    .unwrap_or_default();
                let text = format!(
                    "{}{comparison} · {}",
                    crate::labels::plural(ctx.provider_count(), "provider"),
                    ctx.questionnaire().title_with_version()
                );
                ui.add(egui::Label::new(text).truncate());
                if ctx.is_dirty() {
                    ui.label(
                        egui::RichText::new("● unsaved changes")
                            .color(theme::color(ctx.palette.partial))
                            .strong(),
                    )
                    .on_hover_text("Ctrl+S saves them");
                }
            });
        });
    });
}

fn findings_counter_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let (errors, warnings) = finding_counts(ctx);
    let text = format!(
        "⚠ {} · {}",
        crate::labels::plural(errors, "error"),
        crate::labels::plural(warnings, "warning")
    );
    let color = if errors > 0 {
        theme::color(ctx.palette.gap)
    } else {
        ui.visuals().weak_text_color()
    };
    if ui
        .add(egui::Button::new(egui::RichText::new(text).color(color)).frame(false))
        .on_hover_text(UiCommand::ToggleNotifications.info().tooltip)
        .clicked()
    {
        ctx.send(UiCommand::ToggleNotifications);
    }
}

fn finding_counts(ctx: &ViewCtx<'_>) -> (usize, usize) {
    let findings = ctx.findings();
    let errors = findings.iter().filter(|f| f.is_error()).count();
    (errors, findings.len() - errors)
}

/// The banner offering autosaved work found for the comparison just opened.
pub fn recovery_banner_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, offer: Option<&Path>) {
    let Some(path) = offer else {
        return;
    };
    egui::Panel::top("recovery").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(format!(
                "Unsaved work from an earlier session was found ({}).",
                path.display()
            ));
            ctx.command_button(ui, UiCommand::RestoreRecovery);
            ctx.command_button(ui, UiCommand::DiscardRecovery);
        });
    });
}

/// The red banner when the decision was made on other evidence than what is open.
pub fn drift_banner_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let drift = &ctx.view().drift;
    if drift.is_empty() {
        return;
    }
    let files: Vec<String> = drift
        .iter()
        .map(|d| match &d.current {
            Some(_) => format!("{} changed", d.listed_path),
            None => format!("{} is missing", d.listed_path),
        })
        .collect();
    egui::Panel::top("drift")
        .frame(
            egui::Frame::new()
                .fill(theme::color(ctx.palette.knocked_out))
                .inner_margin(8.0),
        )
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

/// The latest message in one line at the bottom, shown whether or not the notification
/// panel is open; after an export, with "Open folder".
pub fn status_line_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, notices: &Notices) {
    let Some(notice) = notices.list().last() else {
        return;
    };
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            let color = if notice.is_problem {
                ctx.palette.gap
            } else {
                ctx.palette.accent
            };
            ui.colored_label(theme::color(color), "●");
            ui.add(egui::Label::new(notice.text.as_str()).truncate());
            if notice.text.starts_with("Exported ") && notices.last_export.is_some() {
                ctx.command_button(ui, UiCommand::OpenExportFolder);
            }
        });
    });
}

/// The bottom panel with the files, their findings and the app's messages, when open:
/// problems first, then the rest, newest first.
pub fn notifications_panel_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, notices: &Notices) {
    if !ctx.prefs.show_notifications {
        return;
    }
    let palette = ctx.palette;
    let findings = if notices.findings_cleared {
        Vec::new()
    } else {
        ctx.findings()
    };
    egui::Panel::bottom("notifications")
        .resizable(true)
        .default_size(160.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong("Notifications");
                let errors = findings.iter().filter(|f| f.is_error()).count();
                ui.label(format!(
                    "{}, {} in the files",
                    crate::labels::plural(errors, "error"),
                    crate::labels::plural(findings.len() - errors, "warning")
                ));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Hide").clicked() {
                        ctx.send(UiCommand::ToggleNotifications);
                    }
                    let anything = !notices.list().is_empty() || !findings.is_empty();
                    if anything && ui.button("Clear messages").clicked() {
                        ctx.send(Command::ClearMessages);
                    }
                });
            });
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let problems = notices.shown();
                    // Problems first: the app's problems, the files' errors, then the rest.
                    for notice in problems.iter().filter(|n| n.is_problem) {
                        notice_ui(ui, &notice.text, palette.gap);
                    }
                    files_ui(ui, ctx);
                    for finding in &findings {
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
                    for notice in problems.iter().filter(|n| !n.is_problem) {
                        notice_ui(ui, &notice.text, palette.accent);
                    }
                    if findings.is_empty() && notices.list().is_empty() {
                        ui.weak("Nothing to report: every file loaded cleanly.");
                    }
                });
        });
}

fn notice_ui(ui: &mut egui::Ui, text: &str, color: crate::palette::Rgb) {
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(theme::color(color), "●");
        ui.label(text);
    });
}

/// The files opened, each loaded or failed, with "Close file"; failed ones first.
fn files_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let palette = ctx.palette;
    let mut files = ctx.opened_files();
    files.sort_by_key(|file| file.loaded);
    for file in files {
        ui.horizontal(|ui| {
            if file.loaded {
                ui.colored_label(theme::color(palette.accent), "●");
                ui.label(format!("Opened {}", file.path.display()));
            } else {
                ui.colored_label(theme::color(palette.gap), "●");
                ui.colored_label(
                    theme::color(palette.gap),
                    format!(
                        "Failed to load {} ({})",
                        file.path.display(),
                        crate::labels::plural(file.errors, "error")
                    ),
                );
            }
            if ui
                .small_button("Close file")
                .on_hover_text(format!("Close {}", file_name(&file.path)))
                .clicked()
            {
                ctx.send(Command::CloseFile(file.path.clone()));
            }
        });
    }
}

/// No audit open: what to do.
pub fn empty_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading("No audit open");
        ui.label("Open audit files or a comparison: File → Open…, drag them onto this window, or start with provider-audit FILE...");
        ui.add_space(8.0);
        for command in [UiCommand::Open, UiCommand::OpenPathField, UiCommand::NewAudit] {
            let info = command.info();
            if ui.button(info.text).on_hover_text(info.tooltip).clicked() {
                ctx.send(command);
            }
        }
    });
}
