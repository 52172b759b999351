//! Command dispatch: every [`Command`] the views, menus and shortcuts emit is applied here,
//! at the end of the frame.

use std::path::PathBuf;

use super::{Command, Model, ProviderAuditApp, Selection, View, export};
use crate::palette::Theme;

impl ProviderAuditApp {
    /// Applies one command.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Open => self.open_dialog(),
            Command::OpenPathField => {
                self.path_field = Some(self.path_field.take().unwrap_or_default());
            }
            Command::OpenPaths(paths) => self.open_paths(&paths),
            Command::CloseAll => {
                self.model.session.close_all();
                self.model = Model::from_session(self.model.session.clone());
                self.rows_cache = None;
                self.selection = None;
            }
            Command::Reload => self.reload(),
            Command::CloseFile(path) => {
                let paths = self.model.session.paths_without(&path);
                self.load(paths);
            }
            Command::Quit => {
                if let Some(ctx) = &self.ctx {
                    // The close request asks first when there is unsaved work.
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::OpenExportFolder => {
                if let (Some(folder), Some(ctx)) = (
                    self.last_export.as_ref().and_then(|p| p.parent()),
                    &self.ctx,
                ) {
                    let url = format!("file://{}", folder.display());
                    ctx.open_url(egui::OpenUrl::new_tab(url));
                }
            }
            Command::ShowOverview => self.prefs.view = View::Overview,
            Command::ShowMatrix => self.prefs.view = View::Matrix,
            Command::ShowCharts => self.prefs.view = View::Charts,
            Command::OpenSection(section, column) => {
                self.prefs.view = View::Matrix;
                self.prefs.section =
                    section.min(self.model.questionnaire.sections.len().saturating_sub(1));
                self.scroll_to_column = column;
                self.selection = None;
            }
            Command::NextSection | Command::PreviousSection => {
                let count = self.model.questionnaire.sections.len();
                if count > 0 {
                    let step = if command == Command::NextSection {
                        1
                    } else {
                        count - 1
                    };
                    self.prefs.section = (self.prefs.section + step) % count;
                    self.prefs.view = View::Matrix;
                    self.selection = None;
                }
            }
            Command::FocusSearch => {
                self.prefs.view = View::Matrix;
                self.focus_search = true;
            }
            Command::Select(item, column) => {
                self.selection = Some(Selection { item, column });
            }
            Command::MoveUp | Command::MoveDown | Command::MoveLeft | Command::MoveRight => {
                self.move_selection(&command);
            }
            Command::ShowDetail => {
                if self.selection.is_some() {
                    self.detail_open = true;
                    self.prefs.view = View::Matrix;
                }
            }
            Command::HideDetail => self.detail_open = false,
            Command::ShowQuestion(item, column) => {
                if let Some(entry) = self.model.questionnaire.items.get(item) {
                    self.prefs.section = entry.section;
                    self.prefs.view = View::Matrix;
                    self.selection = Some(Selection { item, column });
                    self.detail_open = true;
                    self.scroll_to_selection = true;
                }
            }
            Command::ToggleTheme => {
                self.prefs.theme = match self.prefs.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
            }
            Command::ShowDecision => self.prefs.view = View::Decision,
            Command::ExportImage => self.export_dialog(export::ExportKind::Image),
            Command::ExportReport => self.export_dialog(export::ExportKind::Report),
            Command::ExportSection => self.export_dialog(export::ExportKind::Section),
            Command::ExportPdf => self.export_dialog(export::ExportKind::Pdf),
            Command::Edit(edit) => {
                if let Some(edit) = self.sign(edit) {
                    self.model.edit(edit);
                    self.rows_cache = None;
                }
            }
            Command::ShowInterview => self.prefs.view = View::Interview,
            Command::ShowHistory(provider) => {
                if provider.is_some() {
                    self.history_provider = provider;
                }
                self.prefs.view = View::History;
            }
            Command::EditAudit(provider) => self.edit_audit(&provider),
            Command::NewAudit => self.new_audit = Some(super::new_audit::NewAuditForm::new(self)),
            Command::SendWorkbook => self.start_send_workbook(),
            Command::ImportAnswers => self.start_import(),
            Command::AuditEdit(edit) => self.audit_edit(edit),
            Command::SetVerdict(verdict) => {
                if self.view() == View::Interview {
                    self.set_verdict(verdict);
                }
            }
            Command::InterviewStep(step) => {
                if self.view() == View::Interview {
                    self.interview_step(step);
                }
            }
            Command::ToggleJudging => {
                if self.view() == View::Interview {
                    self.interview.judging = !self.interview.judging;
                    if self.interview.judging {
                        self.interview_step(super::interview::Step::NextUnjudged);
                    }
                }
            }
            Command::SaveAudit => self.save_audit(),
            Command::SaveAuditAs => {
                self.save_audit_path_field = Some(super::path_field::PathField::new(
                    self.default_folder()
                        .join("audit-copy.ron")
                        .display()
                        .to_string(),
                ));
            }
            Command::SaveAuditTo(path) => match self.model.session.save_audit_as(&path) {
                Ok(()) => {
                    self.interview.conflict = None;
                    self.status_text(&format!("Saved {}", path.display()));
                }
                Err(err) => self.notices.push(super::Notice {
                    is_problem: true,
                    text: format!("The audit was not saved: {err}"),
                }),
            },
            Command::ReloadAudit => {
                let provider = self
                    .model
                    .session
                    .editor()
                    .map(|e| e.audit().provider.clone());
                self.model.session.stop_editing();
                self.interview.conflict = None;
                self.interview.pending = provider;
                self.reload();
            }
            Command::CloseAudit => {
                self.save_audit();
                if !self.model.session.audit_is_dirty() {
                    self.model.session.stop_editing();
                }
            }
            Command::Undo if self.view() == View::Interview => {
                if !self.model.session.undo_audit() {
                    self.status_text("Nothing to undo");
                }
                self.interview.last_edit = Some(std::time::Instant::now());
            }
            Command::Redo if self.view() == View::Interview => {
                if !self.model.session.redo_audit() {
                    self.status_text("Nothing to redo");
                }
                self.interview.last_edit = Some(std::time::Instant::now());
            }
            Command::Undo => {
                if self.model.undo() {
                    self.rows_cache = None;
                } else {
                    self.status_text("Nothing to undo");
                }
            }
            Command::Redo => {
                if self.model.redo() {
                    self.rows_cache = None;
                } else {
                    self.status_text("Nothing to redo");
                }
            }
            Command::Save => self.save(),
            Command::SaveAs => self.save_as(),
            Command::SaveTo(path) => self.save_to(&path),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                if let Some(path) = self.recovery_offer.take() {
                    std::fs::remove_file(path).ok();
                }
            }
            Command::QuitWithoutSaving => {
                self.quit_confirmed = true;
                self.confirm_quit = false;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Command::ToggleNotifications => {
                self.prefs.show_notifications = !self.prefs.show_notifications;
            }
        }
    }

    pub(super) fn move_selection(&mut self, command: &Command) {
        if self.view() != View::Matrix {
            return;
        }
        let columns = self.model.provider_count();
        let rows: Vec<usize> = self.rows().to_vec();
        let answerable: Vec<usize> = rows
            .into_iter()
            .filter(|&item| self.model.questionnaire.items[item].kind.is_answerable())
            .collect();
        if answerable.is_empty() || columns == 0 {
            return;
        }
        let Some(current) = self.selection else {
            self.selection = Some(Selection {
                item: answerable[0],
                column: 0,
            });
            self.scroll_to_selection = true;
            return;
        };
        let row = answerable
            .iter()
            .position(|&i| i == current.item)
            .unwrap_or(0);
        let (row, column) = match command {
            Command::MoveUp => (row.saturating_sub(1), current.column),
            Command::MoveDown => ((row + 1).min(answerable.len() - 1), current.column),
            Command::MoveLeft => (row, current.column.saturating_sub(1)),
            _ => (row, (current.column + 1).min(columns - 1)),
        };
        self.selection = Some(Selection {
            item: answerable[row],
            column,
        });
        self.scroll_to_selection = true;
    }

    pub(super) fn open_paths(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.prefs.remember(path);
        }
        let all = self.model.session.paths_with(paths);
        self.load(all);
    }
}
