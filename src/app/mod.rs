//! The desktop app (egui/eframe). It draws the core's view model and turns the user's
//! actions into [`Command`]s, applied at the end of the frame; it holds no domain logic.
//!
//! One `impl ProviderAuditApp` is split over files by concern: `overview.rs`,
//! `matrix.rs`, `detail.rs`, `annotate.rs`, `charts.rs`, `decision.rs`, `notifications.rs`,
//! `open.rs`, `persist.rs`.

pub mod annotate;
mod charts;
mod chrome;
pub mod command;
pub mod decision;
mod detail;
mod dispatch;
pub mod export;
mod form;
mod history;
pub mod interview;
mod loading;
mod matrix;
pub mod model;
pub mod new_audit;
mod notifications;
mod open;
mod overview;
pub mod path_field;
pub mod persist;
pub mod prefs;
pub mod signing;
pub mod theme;
pub mod workbook;

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
    /// "Clear messages" hid the findings (until the next load).
    pub findings_cleared: bool,
    /// The window asking for the user's name before a first signed edit.
    pub name_prompt: Option<signing::NamePrompt>,
    /// The interview view's own state.
    pub interview: interview::InterviewState,
    /// The new-audit window, while it is shown.
    pub new_audit: Option<new_audit::NewAuditForm>,
    /// The provider shown in the History view.
    pub history_provider: Option<String>,
    /// The path window of "Carry over annotations", while it is shown.
    carry_field: Option<path_field::PathField>,
    /// The send-workbook window, while it is shown.
    pub send_form: Option<workbook::SendForm>,
    /// The import window, while it is shown.
    pub import_form: Option<workbook::ImportForm>,
    /// The path window of Save audit as, while it is shown.
    save_audit_path_field: Option<path_field::PathField>,
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
        // The questionnaire the audits name (found among the files or beside them).
        let (questionnaire, problem) = match crate::questionnaire_choice::choose(&paths) {
            Ok(chosen) => (chosen.questionnaire, None),
            Err(err) => (Questionnaire::builtin().clone(), Some(err.to_string())),
        };
        let model = Model::load(Arc::new(questionnaire), paths);
        let mut app = Self::from_model(prefs, model);
        if let Some(problem) = problem {
            app.prefs.show_notifications = true;
            app.notices.push(Notice {
                is_problem: true,
                text: problem,
            });
        }
        app
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
            findings_cleared: false,
            name_prompt: None,
            interview: interview::InterviewState::default(),
            new_audit: None,
            history_provider: None,
            carry_field: None,
            send_form: None,
            import_form: None,
            save_audit_path_field: None,
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
            self.files_dropped(dropped);
        }

        egui::Panel::top("menu").show(ui, |ui| self.menu_bar_ui(ui));
        self.poll_loading(ui);
        self.persistence_ui(ui);
        self.drift_banner_ui(ui);
        egui::Panel::top("toolbar").show(ui, |ui| self.toolbar_ui(ui));
        self.status_line_ui(ui);
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
                View::Interview => self.interview_ui(ui),
                View::History => self.history_ui(ui),
            }
        });
        self.path_field_ui(&ctx);
        self.name_prompt_ui(&ctx);
        self.new_audit_ui(&ctx);
        self.send_workbook_ui(&ctx);
        self.import_ui(&ctx);
        self.carry_field_ui(&ctx);
        self.save_audit_path_ui(&ctx);
        self.export_path_ui(&ctx);

        let commands = std::mem::take(&mut self.pending);
        if !commands.is_empty() {
            // What the commands changed is drawn in the next frame.
            ctx.request_repaint();
        }
        let view_before = self.view();
        for command in commands {
            self.apply(command);
        }
        // The audit being edited is written a moment after the last edit, and when the
        // interview is left.
        self.autosave_audit(view_before == View::Interview && self.view() != View::Interview);
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

    /// The current view.
    #[must_use]
    pub fn view(&self) -> View {
        self.prefs.view
    }

    /// True when the comparison has edits not saved yet.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.model.session.is_dirty() || self.model.session.audit_is_dirty()
    }

    /// A short message for the user, shown in the notification list.
    pub(super) fn status_text(&mut self, text: &str) {
        self.notices.push(Notice {
            is_problem: false,
            text: text.to_owned(),
        });
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
    if !display_available() {
        anyhow::bail!(
            "no display found (set DISPLAY or WAYLAND_DISPLAY, or use the command line: provider-audit --help)"
        );
    }
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
