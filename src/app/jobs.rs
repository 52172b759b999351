//! Work that runs beside the window, so that a frame never waits on the disk: files being
//! read, the PDF record being made and a provider's workbook being imported. Each job
//! reports back through a channel, polled between frames; a progress line shows what runs,
//! with Cancel for the export and the import (their result is then dropped and nothing is
//! written).

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

use super::ProviderAuditApp;
use super::command::Command;
use super::context::ViewCtx;
use super::modal::ImportForm;
use crate::model::{Date, Questionnaire};
use crate::ops::{self, Export, ImportAnswers, ImportCaiq, ImportedAnswers, ImportedCaiqFiles};
use crate::session::Loaded;
use crate::view::ComparisonView;

/// What a finished task gives.
pub enum Outcome {
    /// The export was written to this file, or failed with this message.
    Exported(PathBuf, Result<(), String>),
    /// The answers were imported (the audit file written), or the form comes back with why not.
    Imported(Box<ImportForm>, Result<Imported, String>),
}

/// What an import wrote.
#[derive(Clone, Debug)]
pub enum Imported {
    /// A provider's answers to the questionnaire in use: the audit.
    Answers(ImportedAnswers),
    /// A provider's CSA CAIQ: the audit, and the questionnaire it answers beside it.
    Caiq(ImportedCaiqFiles),
}

/// A task on a worker thread.
struct Task {
    label: String,
    started: Instant,
    cancelled: Arc<AtomicBool>,
    receiver: Receiver<Outcome>,
}

/// Files being read in the background.
struct Loading {
    count: usize,
    started: Instant,
    receiver: Receiver<Loaded>,
}

/// The background work of the app.
#[derive(Default)]
pub struct Jobs {
    loading: Option<Loading>,
    task: Option<Task>,
}

impl std::fmt::Debug for Jobs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Jobs")
            .field("loading", &self.loading.as_ref().map(|l| l.count))
            .field("task", &self.task.as_ref().map(|t| t.label.clone()))
            .finish()
    }
}

impl Jobs {
    /// True while files are being read.
    #[must_use]
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// True while an export or an import runs.
    #[must_use]
    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// Reads `paths` on a worker thread; `ctx` is woken when they are read.
    pub fn load(
        &mut self,
        questionnaire: Arc<Questionnaire>,
        paths: Vec<PathBuf>,
        today: Date,
        ctx: egui::Context,
    ) {
        let (sender, receiver) = channel();
        let count = paths.len();
        std::thread::spawn(move || {
            let loaded = Loaded::read(&questionnaire, paths, today);
            // The app may have closed meanwhile: nothing to deliver to then.
            sender.send(loaded).ok();
            ctx.request_repaint();
        });
        self.loading = Some(Loading {
            count,
            started: Instant::now(),
            receiver,
        });
    }

    /// Renders `what` and writes it to `path` on a worker thread.
    pub fn export(
        &mut self,
        view: Arc<ComparisonView>,
        questionnaire: Arc<Questionnaire>,
        what: Export,
        path: PathBuf,
        ctx: Option<egui::Context>,
    ) {
        let label = format!("Exporting {}…", path.display());
        self.spawn(label, ctx, move |cancelled| {
            let bytes = ops::render(&view, &questionnaire, &what, &path);
            let result = match bytes {
                // Cancelled: the file is not written.
                Ok(_) if cancelled.load(Ordering::SeqCst) => Err("cancelled".to_owned()),
                Ok(bytes) => ops::write_replacing(&path, &bytes).map_err(|e| e.to_string()),
                Err(err) => Err(err.to_string()),
            };
            Outcome::Exported(path, result)
        });
    }

    /// Imports the answers of `form` into a new audit file on a worker thread.
    pub fn import(
        &mut self,
        questionnaire: Arc<Questionnaire>,
        form: ImportForm,
        today: Date,
        ctx: Option<egui::Context>,
    ) {
        let label = format!("Importing {}…", form.source.trim());
        self.spawn(label, ctx, move |cancelled| {
            let result = import_form(&questionnaire, &form, today, &cancelled);
            Outcome::Imported(Box::new(form), result)
        });
    }

    fn spawn(
        &mut self,
        label: String,
        ctx: Option<egui::Context>,
        work: impl FnOnce(Arc<AtomicBool>) -> Outcome + Send + 'static,
    ) {
        let (sender, receiver) = channel();
        let cancelled = Arc::new(AtomicBool::new(false));
        let flag = cancelled.clone();
        std::thread::spawn(move || {
            sender.send(work(flag)).ok();
            if let Some(ctx) = ctx {
                ctx.request_repaint();
            }
        });
        self.task = Some(Task {
            label,
            started: Instant::now(),
            cancelled,
            receiver,
        });
    }

    /// Cancels the running export or import: its result is dropped, nothing is written.
    pub fn cancel(&mut self) {
        if let Some(task) = self.task.take() {
            task.cancelled.store(true, Ordering::SeqCst);
        }
    }

    /// The progress line of what runs, with Cancel.
    pub fn progress_ui(&self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let lines: Vec<(String, Instant, bool)> = self
            .loading
            .iter()
            .map(|l| {
                (
                    format!("Loading {}…", crate::labels::plural(l.count, "file")),
                    l.started,
                    false,
                )
            })
            .chain(self.task.iter().map(|t| (t.label.clone(), t.started, true)))
            .collect();
        if lines.is_empty() {
            return;
        }
        egui::Panel::top("progress").show(ui, |ui| {
            for (label, started, cancellable) in lines {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("{label} {:.1} s", started.elapsed().as_secs_f32()));
                    if cancellable && ui.button("Cancel").clicked() {
                        ctx.send(Command::CancelJob);
                    }
                });
            }
        });
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
}

/// Reads the answers of `form` and writes the new audit file, unless cancelled first. A
/// CSA CAIQ is recognised and imported as one: the audit with its own questionnaire.
///
/// # Errors
/// What went wrong, in words naming the file.
pub fn import_form(
    questionnaire: &Questionnaire,
    form: &ImportForm,
    today: Date,
    cancelled: &AtomicBool,
) -> Result<Imported, String> {
    let source = PathBuf::from(form.source.trim());
    let path = PathBuf::from(form.path.trim());
    let provider = Some(form.provider.trim()).filter(|p| !p.is_empty());
    let read = ops::import_answers(ImportAnswers {
        questionnaire,
        input: &source,
        provider,
        merge: None,
        force: false,
        today,
    });
    let imported = match read {
        Ok(imported) => imported,
        Err(ops::OpsError::Import(crate::workbook::ImportError::NoQuestionFound {
            caiq: true,
            ..
        })) => {
            if cancelled.load(Ordering::SeqCst) {
                return Err("cancelled".to_owned());
            }
            return ops::import_caiq(ImportCaiq {
                input: &source,
                output: &path,
                provider,
                today,
            })
            .map(Imported::Caiq)
            .map_err(|err| err.to_string());
        }
        Err(ops::OpsError::NoProvider { path }) => {
            return Err(format!(
                "{}: the workbook names no provider: type one",
                path.display()
            ));
        }
        Err(other) => return Err(other.to_string()),
    };
    if cancelled.load(Ordering::SeqCst) {
        return Err("cancelled".to_owned());
    }
    ops::write_new(&path, imported.text.as_bytes()).map_err(|err| err.to_string())?;
    Ok(Imported::Answers(imported))
}

impl ProviderAuditApp {
    /// Takes what the background jobs finished.
    pub(super) fn poll_jobs(&mut self) {
        if let Some(loading) = self.jobs.loading.take() {
            match loading.receiver.try_recv() {
                Ok(loaded) => self.install(loaded),
                Err(TryRecvError::Empty) => self.jobs.loading = Some(loading),
                Err(TryRecvError::Disconnected) => self.notices.problem("Loading the files failed"),
            }
        }
        if let Some(task) = self.jobs.task.take() {
            match task.receiver.try_recv() {
                Ok(outcome) => self.finish(outcome),
                Err(TryRecvError::Empty) => self.jobs.task = Some(task),
                Err(TryRecvError::Disconnected) => {
                    self.notices.problem(format!("{} failed", task.label));
                }
            }
        }
    }

    /// Reports a finished task.
    pub(super) fn finish(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Exported(path, Ok(())) => self.exported(&path),
            Outcome::Exported(path, Err(err)) => self.export_failed(&path, &err),
            Outcome::Imported(form, result) => self.imported(*form, result),
        }
    }
}
