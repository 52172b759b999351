//! The desktop app (egui/eframe). It draws the core's view model and turns the user's
//! actions into [`Command`]s, applied at the end of the frame; it holds no domain logic.
//!
//! One `impl ProviderAuditApp` is split over files by concern: `overview.rs`,
//! `matrix.rs`, `detail.rs`, `annotate.rs`, `charts.rs`, `decision.rs`, `notifications.rs`,
//! `open.rs`, `persist.rs`.

pub mod annotate;
mod charts;
pub mod command;
pub mod decision;
mod detail;
pub mod export;
mod matrix;
pub mod model;
mod notifications;
mod open;
mod overview;
pub mod path_field;
pub mod persist;
pub mod prefs;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

pub use command::Command;
pub use model::{Filters, Model};
pub use prefs::{Prefs, View};

use crate::model::Questionnaire;
use crate::palette::{Palette, Theme};

/// A selected cell of the matrix: a questionnaire item and a provider column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Item index in the questionnaire.
    pub item: usize,
    /// Provider column (rank order).
    pub column: usize,
}

/// A message for the user in the notification panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// True for problems, false for information.
    pub is_problem: bool,
    /// The message.
    pub text: String,
}

/// The app: preferences (persisted), the loaded model and runtime UI state (never persisted).
pub struct ProviderAuditApp {
    /// Persisted preferences.
    pub prefs: Prefs,
    /// The session (files, comparison, edits) and what is derived from it.
    pub model: Model,
    /// The selected cell.
    pub selection: Option<Selection>,
    /// Whether the question detail is shown.
    pub detail_open: bool,
    /// App messages (file opened, dialog unavailable…), newest last.
    pub notices: Vec<Notice>,
    /// The open-path field, when it is shown.
    pub path_field: Option<path_field::PathField>,
    pending: Vec<Command>,
    rows_cache: Option<(usize, Filters, Vec<usize>)>,
    focus_search: bool,
    scroll_to_selection: bool,
    scroll_to_column: Option<usize>,
    applied_theme: Option<Theme>,
    fonts_installed: bool,
    /// When the process started, to report the time to the first frame
    /// (`PROVIDER_AUDIT_TIMING=1`).
    started: Option<std::time::Instant>,
    /// The save-path field, shown where no save dialog exists.
    save_path_field: Option<path_field::PathField>,
    /// Autosaved work found at start, offered for restoring.
    pub recovery_offer: Option<PathBuf>,
    /// Whether unsaved work is autosaved (off in tests).
    pub autosave_enabled: bool,
    /// Whether the system's file dialogs are used (off in tests: the path fields are).
    pub native_dialogs: bool,
    last_autosave: std::time::Instant,
    confirm_quit: bool,
    quit_confirmed: bool,
    annotation_draft: Option<annotate::AnnotationDraft>,
    decision_draft: decision::DecisionDraft,
    title: String,
    ctx: Option<egui::Context>,
    export_path_field: Option<(export::ExportKind, path_field::PathField)>,
    /// The file last exported, for "Open folder".
    pub last_export: Option<PathBuf>,
    loading: Option<(
        std::sync::mpsc::Receiver<crate::session::Loaded>,
        usize,
        std::time::Instant,
    )>,
}

impl ProviderAuditApp {
    /// An app with `paths` loaded and `prefs` applied.
    #[must_use]
    pub fn new(prefs: Prefs, paths: Vec<PathBuf>) -> Self {
        let questionnaire = Arc::new(Questionnaire::builtin().clone());
        let model = Model::load(questionnaire, paths);
        Self::from_model(prefs, model)
    }

    /// An app showing `model`.
    #[must_use]
    pub fn from_model(prefs: Prefs, model: Model) -> Self {
        let mut app = Self {
            prefs,
            model,
            selection: None,
            detail_open: false,
            notices: Vec::new(),
            path_field: None,
            pending: Vec::new(),
            rows_cache: None,
            focus_search: false,
            scroll_to_selection: false,
            scroll_to_column: None,
            applied_theme: None,
            fonts_installed: false,
            started: None,
            save_path_field: None,
            recovery_offer: None,
            autosave_enabled: false,
            native_dialogs: false,
            last_autosave: std::time::Instant::now(),
            confirm_quit: false,
            quit_confirmed: false,
            annotation_draft: None,
            decision_draft: decision::DecisionDraft::default(),
            title: String::new(),
            ctx: None,
            export_path_field: None,
            last_export: None,
            loading: None,
        };
        for path in app.model.session.paths().to_vec() {
            app.prefs.remember(&path);
        }
        if app.prefs.section >= app.model.questionnaire.sections.len() {
            app.prefs.section = 0;
        }
        if app.model.workspace().has_errors() {
            app.prefs.show_notifications = true;
        }
        app
    }

    /// The palette of the current theme.
    #[must_use]
    pub fn palette(&self) -> Palette {
        Palette::of(self.prefs.theme)
    }

    /// Queues a command, applied at the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.pending.push(command);
    }

    /// The rows of the current section matrix, after the filters (cached).
    pub fn rows(&mut self) -> &[usize] {
        let key_matches = self
            .rows_cache
            .as_ref()
            .is_some_and(|(section, filters, _)| {
                *section == self.prefs.section && *filters == self.prefs.filters
            });
        if !key_matches {
            let rows = self
                .model
                .matrix_rows(self.prefs.section, &self.prefs.filters);
            self.rows_cache = Some((self.prefs.section, self.prefs.filters.clone(), rows));
        }
        self.rows_cache
            .as_ref()
            .map_or(&[], |(_, _, rows)| rows.as_slice())
    }

    /// Draws one frame: panels, the current view, then the queued commands are applied.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = Some(ctx.clone());
        if !self.fonts_installed {
            ctx.set_fonts(theme::fonts());
            self.fonts_installed = true;
        }
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_visuals(theme::visuals(self.prefs.theme));
            self.applied_theme = Some(self.prefs.theme);
        }
        self.pending.extend(command::pressed(&ctx));
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.pending.push(Command::OpenPaths(dropped));
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        self.poll_loading(ui);
        self.persistence_ui(ui);
        self.drift_banner_ui(ui);
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        self.notifications_panel_ui(ui);
        if self.detail_open && self.view() == View::Matrix {
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(520.0)
                .min_size(320.0)
                .show(ui, |ui| self.detail_ui(ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            if self.model.provider_count() == 0 {
                self.empty_ui(ui);
                return;
            }
            match self.view() {
                View::Overview => self.overview_ui(ui),
                View::Matrix => self.matrix_ui(ui),
                View::Charts => self.charts_ui(ui),
                View::Decision => self.decision_ui(ui),
            }
        });
        self.path_field_ui(&ctx);
        self.export_path_ui(&ctx);

        for command in std::mem::take(&mut self.pending) {
            self.apply(command);
        }
        if self.autosave_enabled {
            self.autosave(false);
        }
        self.update_title(&ctx);
        if let Some(started) = self.started.take()
            && std::env::var_os("PROVIDER_AUDIT_TIMING").is_some()
        {
            eprintln!(
                "provider-audit: first frame laid out {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
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

    /// The current view.
    #[must_use]
    pub fn view(&self) -> View {
        self.prefs.view
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
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
                ui.separator();
                self.command_button(ui, Command::Reload);
                self.command_button(ui, Command::CloseAll);
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
    fn command_button(&mut self, ui: &mut egui::Ui, command: Command) {
        let info = command.info();
        let mut button = egui::Button::new(info.text);
        if let Some(shortcut) = info.shortcut {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).on_hover_text(info.tooltip).clicked() {
            self.push(command);
        }
    }

    fn toolbar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for (view, command) in [
                (View::Overview, Command::ShowOverview),
                (View::Matrix, Command::ShowMatrix),
                (View::Charts, Command::ShowCharts),
                (View::Decision, Command::ShowDecision),
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
                "{providers} provider{}{comparison}",
                if providers == 1 { "" } else { "s" }
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let (errors, warnings) = self.finding_counts();
                let text = format!(
                    "⚠ {errors} error{} · {warnings} warning{}",
                    plural(errors),
                    plural(warnings)
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

    fn drift_banner_ui(&mut self, ui: &mut egui::Ui) {
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

    fn empty_ui(&mut self, ui: &mut egui::Ui) {
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
        let errors = self
            .model
            .workspace()
            .findings
            .iter()
            .filter(|f| f.is_error())
            .count();
        (errors, self.model.workspace().findings.len() - errors)
    }

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
            Command::ToggleTheme => {
                self.prefs.theme = match self.prefs.theme {
                    Theme::Light => Theme::Dark,
                    Theme::Dark => Theme::Light,
                };
            }
            Command::ShowDecision => self.prefs.view = View::Decision,
            Command::ExportImage => self.export_dialog(export::ExportKind::Image),
            Command::ExportReport => self.export_dialog(export::ExportKind::Report),
            Command::Edit(edit) => {
                self.model.edit(edit);
                self.rows_cache = None;
            }
            Command::Undo => {
                if self.model.undo() {
                    self.rows_cache = None;
                } else {
                    self.status("Nothing to undo");
                }
            }
            Command::Redo => {
                if self.model.redo() {
                    self.rows_cache = None;
                } else {
                    self.status("Nothing to redo");
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

    fn move_selection(&mut self, command: &Command) {
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

    fn open_paths(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.prefs.remember(path);
        }
        let all = self.model.session.paths_with(paths);
        self.load(all);
    }

    /// True when the comparison has edits not saved yet.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.model.session.is_dirty()
    }

    /// A short message for the user, shown in the notification list.
    fn status(&mut self, text: &str) {
        self.notices.push(Notice {
            is_problem: false,
            text: text.to_owned(),
        });
    }

    /// Loads every open file again: the audits and the comparison at the path Save writes
    /// to; unsaved edits are kept.
    pub fn reload(&mut self) {
        let paths = self.model.session.reload_paths();
        self.load(paths);
    }

    /// Reads `paths` and installs them in the session.
    ///
    /// With a window, the files are read on a background thread and the current view stays
    /// usable; without one (tests), at once.
    fn load(&mut self, paths: Vec<PathBuf>) {
        let questionnaire = self.model.questionnaire.clone();
        let today = self.model.session.today();
        let count = paths.len();
        let Some(ctx) = self.ctx.clone() else {
            let loaded = crate::session::Loaded::read(&questionnaire, paths, today);
            self.install(loaded);
            return;
        };
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let loaded = crate::session::Loaded::read(&questionnaire, paths, today);
            // The app may have closed meanwhile: nothing to deliver to then.
            sender.send(loaded).ok();
            ctx.request_repaint();
        });
        self.loading = Some((receiver, count, std::time::Instant::now()));
    }

    /// True while files are being read in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    fn install(&mut self, loaded: crate::session::Loaded) {
        let before: Vec<PathBuf> = self.model.session.paths().to_vec();
        let new_paths: Vec<PathBuf> = loaded
            .paths
            .iter()
            .filter(|p| !before.contains(p))
            .cloned()
            .collect();
        self.model.install(loaded);
        for path in new_paths {
            let workspace = self.model.workspace();
            let opened = workspace.audits.iter().any(|a| a.path == path)
                || workspace
                    .comparison
                    .as_ref()
                    .is_some_and(|c| c.path == path);
            self.notices.push(Notice {
                is_problem: !opened,
                text: if opened {
                    format!("Opened {}", path.display())
                } else {
                    format!("Could not open {}: see its errors", path.display())
                },
            });
        }
        self.rows_cache = None;
        self.selection = None;
        if self.model.workspace().has_errors() {
            self.prefs.show_notifications = true;
        }
    }

    /// Takes the model loaded in the background when it is ready; meanwhile a progress
    /// indicator in the toolbar.
    fn poll_loading(&mut self, ui: &mut egui::Ui) {
        let Some((receiver, count, started)) = self.loading.take() else {
            return;
        };
        match receiver.try_recv() {
            Ok(loaded) => self.install(loaded),
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                egui::Panel::top("loading").show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!(
                            "Loading {count} file{}… {:.1} s",
                            if count == 1 { "" } else { "s" },
                            started.elapsed().as_secs_f32()
                        ));
                    });
                });
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
                self.loading = Some((receiver, count, started));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.notices.push(Notice {
                    is_problem: true,
                    text: "Loading the files failed".to_owned(),
                });
            }
        }
    }
}

impl eframe::App for ProviderAuditApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(prefs::STORAGE_KEY, self.prefs.encode());
        // eframe calls this periodically and on exit: unsaved work goes to the recovery file.
        self.autosave(true);
    }
}

/// Starts the desktop app with `paths` loaded.
///
/// # Errors
/// When no window can be opened (no display, missing system libraries).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("provider-audit")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([960.0, 600.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "provider-audit",
        options,
        Box::new(move |cc| {
            let prefs = Prefs::decode(
                cc.storage
                    .and_then(|s| s.get_string(prefs::STORAGE_KEY))
                    .as_deref(),
            );
            let mut app = ProviderAuditApp::new(prefs, paths);
            app.started = Some(started);
            app.autosave_enabled = true;
            app.native_dialogs = true;
            app.check_recovery();
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}

fn plural(count: usize) -> &'static str {
    if count == 1 { "" } else { "s" }
}

/// The file name of `path`, for compact labels.
#[must_use]
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
