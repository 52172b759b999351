//! The desktop app (egui/eframe). It draws the core's view model and turns the user's
//! actions into [`Command`]s; it holds no domain logic.
//!
//! - The app struct keeps only what is app-wide: the preferences, the [`Model`] (the core's
//!   session), the [`screens::Screens`] (each screen a struct with its own state), the one
//!   [`modal::Modal`] window, the notices, the command queue, the background jobs, the
//!   autosave and the window's runtime facts.
//! - Views draw with a read-only [`context::ViewCtx`] and send commands; `dispatch.rs` applies
//!   them between frames, where file dialogs, reads and writes happen (`files.rs`,
//!   `persist.rs`, `jobs.rs`).
//! - `command.rs` is the one table of commands; `screens.rs` the one registry of screens;
//!   `chrome.rs` the menus, toolbar, banners and notification panel around them.

pub mod annotate;
mod charts;
mod chrome;
pub mod command;
pub mod conflicts;
pub mod context;
pub mod decision;
mod detail;
mod dispatch;
mod files;
pub mod history;
pub mod interview;
pub mod jobs;
mod matrix;
pub mod modal;
pub mod model;
pub mod new_audit;
mod overview;
pub mod persist;
pub mod prefs;
pub mod responsibility;
pub mod screens;
pub mod sign_offs;
pub mod signing;
pub mod theme;

use std::path::PathBuf;
use std::sync::Arc;

pub use command::{Command, UiCommand};
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
    /// The file it is about, when it is about one: it goes when that file is closed.
    pub file: Option<PathBuf>,
}

/// The app's messages: newest last, each once.
#[derive(Clone, Debug, Default)]
pub struct Notices {
    list: Vec<Notice>,
    /// "Clear messages" hid the findings (until the next load).
    pub findings_cleared: bool,
    /// The file last exported, for "Open folder".
    pub last_export: Option<PathBuf>,
}

impl Notices {
    /// Adds a message; the same message again moves to the end instead of standing twice.
    pub fn push(&mut self, notice: Notice) {
        self.list.retain(|n| n.text != notice.text);
        self.list.push(notice);
    }

    /// An information.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(Notice {
            is_problem: false,
            text: text.into(),
            file: None,
        });
    }

    /// A problem.
    pub fn problem(&mut self, text: impl Into<String>) {
        self.push(Notice {
            is_problem: true,
            text: text.into(),
            file: None,
        });
    }

    /// The messages, newest last.
    #[must_use]
    pub fn list(&self) -> &[Notice] {
        &self.list
    }

    /// The messages in the order the panel shows them: problems first, newest first.
    #[must_use]
    pub fn shown(&self) -> Vec<&Notice> {
        let problems = self.list.iter().rev().filter(|n| n.is_problem);
        let others = self.list.iter().rev().filter(|n| !n.is_problem);
        problems.chain(others).collect()
    }

    /// Forgets the messages about `path` (it was closed).
    pub fn forget_file(&mut self, path: &std::path::Path) {
        self.list.retain(|n| n.file.as_deref() != Some(path));
    }

    /// Forgets every message.
    pub fn clear(&mut self) {
        self.list.clear();
    }
}

/// Runtime facts of the window, never persisted.
#[derive(Debug, Default)]
pub struct Runtime {
    /// The egui context, once the first frame ran (background jobs wake the window with it).
    ctx: Option<egui::Context>,
    /// The window title last sent.
    title: String,
    applied_theme: Option<Theme>,
    fonts_installed: bool,
    /// When the process started, to report the time to the first frame
    /// (`PROVIDER_AUDIT_TIMING=1`).
    started: Option<std::time::Instant>,
    /// Whether the system's file dialogs are used (off in tests: the path windows are).
    pub native_dialogs: bool,
    /// The user answered the question before quitting.
    quit_confirmed: bool,
}

/// The app: preferences (persisted), the loaded model, the screens and runtime state.
pub struct ProviderAuditApp {
    /// Persisted preferences.
    pub prefs: Prefs,
    /// The session (files, comparison, edits) and what is derived from it.
    pub model: Model,
    /// The screens, each with its own state.
    pub screens: screens::Screens,
    /// The one window asking for input, when one is open.
    pub modal: Option<modal::Modal>,
    /// The app's messages.
    pub notices: Notices,
    /// Commands sent this frame, applied after it.
    commands: context::CommandSender,
    /// Files being read and exports or imports running in the background.
    jobs: jobs::Jobs,
    /// The recovery file of unsaved work and the audit's autosave.
    pub autosave: persist::Autosave,
    /// Runtime facts of the window.
    pub runtime: Runtime,
}

impl ProviderAuditApp {
    /// An app with `paths` loaded and `prefs` applied.
    #[must_use]
    pub fn new(prefs: Prefs, paths: Vec<PathBuf>) -> Self {
        // The questionnaire the audits name (found among the files or beside them).
        let (questionnaire, problem) = match crate::questionnaire_choice::choose(&paths) {
            Ok(chosen) => (chosen.questionnaire, None),
            Err(err) => (Questionnaire::builtin().clone(), Some(err.to_string())),
        };
        let model = Model::load(Arc::new(questionnaire), paths);
        let mut app = Self::from_model(prefs, model);
        if let Some(problem) = problem {
            app.prefs.show_notifications = true;
            app.notices.problem(problem);
        }
        app
    }

    /// An app showing `model`.
    #[must_use]
    pub fn from_model(prefs: Prefs, model: Model) -> Self {
        let mut screens = screens::Screens::default();
        screens.matrix.section = prefs.section;
        screens.matrix.filters = prefs.filters.clone();
        screens.charts.section = prefs.section;
        let mut app = Self {
            prefs,
            model,
            screens,
            modal: None,
            notices: Notices::default(),
            commands: context::CommandSender::default(),
            jobs: jobs::Jobs::default(),
            autosave: persist::Autosave::default(),
            runtime: Runtime::default(),
        };
        for path in app.model.session.paths().to_vec() {
            app.prefs.remember(&path);
        }
        if app.screens.matrix.section >= app.model.questionnaire.sections.len() {
            app.screens.matrix.section = 0;
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

    /// Queues a command, applied after this frame.
    pub fn push(&mut self, command: impl Into<Command>) {
        self.commands.send(command);
    }

    /// What decides whether each command can run now.
    #[must_use]
    pub fn command_state(&self) -> command::CommandState {
        let session = &self.model.session;
        let in_interview = self.view() == View::Interview;
        let editing = session.editor().is_some();
        command::CommandState {
            has_audits: self.model.provider_count() > 0,
            can_undo: if in_interview && editing {
                session.can_undo_audit()
            } else {
                session.can_undo()
            },
            can_redo: if in_interview && editing {
                session.can_redo_audit()
            } else {
                session.can_redo()
            },
            editing,
            in_interview,
            in_matrix: self.view() == View::Matrix,
            exported: self.notices.last_export.is_some(),
            recovery_offered: self.autosave.offer.is_some(),
        }
    }

    /// One frame: the commands of the last frame and the background work are handled first
    /// (between frames), then everything is drawn.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.logic(&ctx);
        self.draw(ui);
    }

    /// Between frames: background jobs, the commands queued by the last frame, dropped files,
    /// shortcuts, autosave and the window title.
    pub fn logic(&mut self, ctx: &egui::Context) {
        self.runtime.ctx = Some(ctx.clone());
        if !self.runtime.fonts_installed {
            ctx.set_fonts(theme::fonts());
            self.runtime.fonts_installed = true;
        }
        if self.runtime.applied_theme != Some(self.prefs.theme) {
            ctx.set_visuals(theme::visuals(self.prefs.theme));
            self.runtime.applied_theme = Some(self.prefs.theme);
        }
        self.poll_jobs();
        if self.modal.is_none() {
            for command in command::pressed(ctx, self.view() == View::Interview) {
                self.push(command);
            }
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.files_dropped(dropped);
        }
        if ctx.input(|i| i.viewport().close_requested()) && !self.runtime.quit_confirmed {
            if self.model.is_dirty() {
                ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
                self.ask_unsaved(crate::session::Intent::Quit);
            } else {
                self.model.session.flush_recovery();
                self.persist_view_state();
            }
        }
        self.apply_pending();
        self.refresh_due();
        self.autosave_tick();
        self.update_title(ctx);
    }

    /// Works out what is due again when the session changed (the overview shows it).
    pub fn refresh_due(&mut self) {
        let generation = self.model.session.generation();
        let overview = &mut self.screens.overview;
        if overview.due_generation != Some(generation) {
            overview.due = self.model.session.due(overview::DUE_WITHIN_DAYS);
            overview.due_generation = Some(generation);
        }
    }

    /// Applies every queued command (those a command queues too).
    pub fn apply_pending(&mut self) {
        let view_before = self.view();
        let mut applied = false;
        for _round in 0..8 {
            let commands = self.commands.take();
            if commands.is_empty() {
                break;
            }
            applied = true;
            for command in commands {
                self.apply(command);
            }
        }
        // The audit being edited is written when the interview is left.
        if view_before == View::Interview && self.view() != View::Interview {
            self.save_audit_quietly();
        }
        if applied && let Some(ctx) = &self.runtime.ctx {
            // What the commands changed is drawn in this frame; one more frame settles what
            // depends on the layout.
            ctx.request_repaint();
        }
    }

    /// Draws the frame: menus, toolbar, banners, the current screen and the open window.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        let state = self.command_state();
        let view_ctx = context::ViewCtx::new(
            &self.model,
            &self.prefs,
            state,
            self.runtime.native_dialogs,
            &self.commands,
        );
        egui::Panel::top("menu").show(ui, |ui| chrome::menu_bar_ui(ui, &view_ctx));
        self.jobs.progress_ui(ui, &view_ctx);
        chrome::recovery_banner_ui(
            ui,
            &view_ctx,
            self.autosave.offer.as_ref().map(|o| o.path.as_path()),
        );
        chrome::drift_banner_ui(ui, &view_ctx);
        self.screens.conflicts.ui(ui, &view_ctx);
        egui::Panel::top("toolbar").show(ui, |ui| chrome::toolbar_ui(ui, &view_ctx));
        chrome::status_line_ui(ui, &view_ctx, &self.notices);
        chrome::notifications_panel_ui(ui, &view_ctx, &self.notices);
        let view = self.prefs.view;
        let matrix = &mut self.screens.matrix;
        if matrix.detail_open && view == View::Matrix {
            let selection = matrix.selection;
            let search = matrix.filters.search.clone();
            egui::Panel::right("detail")
                .resizable(true)
                .default_size(520.0)
                .min_size(320.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("detail-scroll")
                        .auto_shrink([false, false])
                        .show(ui, |ui| matrix.detail.ui(ui, &view_ctx, selection, &search));
                });
        }
        let screens = &mut self.screens;
        egui::CentralPanel::default().show(ui, |ui| {
            if view_ctx.provider_count() == 0 && view != View::Interview {
                chrome::empty_ui(ui, &view_ctx);
                return;
            }
            screens.ui(view, ui, &view_ctx);
        });
        if let Some(modal) = &mut self.modal {
            modal.ui(ui.ctx(), &view_ctx);
        }
        if let Some(started) = self.runtime.started.take()
            && std::env::var_os("PROVIDER_AUDIT_TIMING").is_some()
        {
            eprintln!(
                "provider-audit: first frame laid out {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }

    /// The current view.
    #[must_use]
    pub fn view(&self) -> View {
        self.prefs.view
    }

    /// True when the comparison or the audit being edited has edits not saved yet.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.model.is_dirty()
    }

    /// The rows of the matrix's section after its filters (item indices).
    pub fn matrix_rows(&mut self) -> Vec<usize> {
        let state = self.command_state();
        let ctx = context::ViewCtx::new(
            &self.model,
            &self.prefs,
            state,
            self.runtime.native_dialogs,
            &self.commands,
        );
        self.screens.matrix.rows(&ctx).to_vec()
    }

    /// What the open window asks, when one is open.
    #[must_use]
    pub fn modal_kind(&self) -> Option<&modal::ModalKind> {
        self.modal.as_ref().map(|m| &m.kind)
    }

    /// The selected cell of the matrix.
    #[must_use]
    pub fn selection(&self) -> Option<Selection> {
        self.screens.matrix.selection
    }

    /// True while files are being read in the background.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.jobs.is_loading()
    }

    /// True while an export or an import runs in the background.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.jobs.is_busy()
    }

    /// Numbers of errors and warnings among the findings shown.
    #[must_use]
    pub fn finding_counts(&self) -> (usize, usize) {
        if self.notices.findings_cleared {
            return (0, 0);
        }
        let findings = self.model.findings_errors_first();
        let errors = findings.iter().filter(|f| f.is_error()).count();
        (errors, findings.len() - errors)
    }

    /// The matrix's section and filters go into the preferences, to come back next time.
    pub fn persist_view_state(&mut self) {
        self.prefs.section = self.screens.matrix.section;
        self.prefs.filters = self.screens.matrix.filters.clone();
    }

    /// A short message for the user, shown in the notification list.
    pub(crate) fn status_text(&mut self, text: &str) {
        self.notices.info(text);
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .model
            .session
            .comparison_path()
            .map_or_else(|| "unsaved comparison".to_owned(), file_name);
        let title = format!(
            "provider-audit · {name}{}",
            if self.is_dirty() { " •" } else { "" }
        );
        if title != self.runtime.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.runtime.title = title;
        }
    }
}

impl eframe::App for ProviderAuditApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        ProviderAuditApp::logic(self, ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.persist_view_state();
        storage.set_string(prefs::STORAGE_KEY, self.prefs.encode());
    }
}

/// Starts the desktop app with `paths` loaded.
///
/// # Errors
/// When no window can be opened (no display, missing system libraries).
pub fn run(paths: Vec<PathBuf>) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    if !display_available() {
        anyhow::bail!(
            "no display found (set DISPLAY or WAYLAND_DISPLAY, or use the command line: provider-audit --help)"
        );
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("provider-audit")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([900.0, 600.0])
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
            app.runtime.started = Some(started);
            app.runtime.native_dialogs = true;
            app.enable_recovery();
            app.check_recovery();
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("cannot open the window: {err}"))
}

/// On Linux and the BSDs a window needs an X11 or Wayland display; elsewhere there is one.
fn display_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    ["DISPLAY", "WAYLAND_DISPLAY"]
        .iter()
        .any(|name| std::env::var_os(name).is_some_and(|value| !value.is_empty()))
}

/// The file name of `path`, for compact labels.
#[must_use]
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
