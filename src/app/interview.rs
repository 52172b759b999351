//! The interview view: fill in and judge one audit, one question at a time, with the
//! keyboard alone. The question is large, with its path (section › heading › parent); the
//! answer takes any text; a verdict is one key (Alt+1 Meets, Alt+2 Partial, Alt+3 Gap,
//! Alt+4 No answer, Alt+5 Not applicable, Alt+0 not judged yet). Judging mode walks the
//! answers that have text and no verdict. Edits go through the session (undo, redo) and are
//! written to the audit file a moment after the last keystroke and when leaving the view.

use std::time::{Duration, Instant};

use super::{Command, ProviderAuditApp, View, theme};
use crate::interview::{self, AuditEdit};
use crate::model::{Provenance, QuestionId, Verdict};

/// How long after the last edit the audit is written to its file.
pub const AUTOSAVE_AFTER: Duration = Duration::from_secs(2);

/// The verdict keys, in the order of their buttons.
pub const VERDICTS: [(Option<Verdict>, &str, egui::Key); 6] = [
    (Some(Verdict::Meets), "Meets", egui::Key::Num1),
    (Some(Verdict::Partial), "Partial", egui::Key::Num2),
    (Some(Verdict::Gap), "Gap", egui::Key::Num3),
    (Some(Verdict::NoAnswer), "No answer", egui::Key::Num4),
    (
        Some(Verdict::NotApplicable),
        "Not applicable",
        egui::Key::Num5,
    ),
    (None, "Not judged", egui::Key::Num0),
];

/// The state of the interview view (owned by the view, not shared with the others).
#[derive(Clone, Debug, Default)]
pub struct InterviewState {
    /// The question shown (questionnaire index).
    pub current: Option<usize>,
    /// Walking the answers that have text and no verdict.
    pub judging: bool,
    /// When the audit was last edited, for the autosave.
    pub last_edit: Option<Instant>,
    /// The file changed on disk: why the last save was refused.
    pub conflict: Option<String>,
    /// The evidence path being typed.
    pub evidence_field: String,
    /// The provider whose audit opens for editing once its file is loaded.
    pub pending: Option<String>,
    /// The pending audit opens in judging mode (it was just imported).
    pub judge_pending: bool,
}

/// Where to go in the interview.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// The question before.
    Previous,
    /// The question after.
    Next,
    /// The next question without an answer.
    NextUnanswered,
    /// The next answer without a verdict.
    NextUnjudged,
}

impl ProviderAuditApp {
    /// The interview view.
    pub(super) fn interview_ui(&mut self, ui: &mut egui::Ui) {
        let Some(editor) = self.model.session.editor() else {
            self.choose_audit_ui(ui);
            return;
        };
        let audit = editor.audit().clone();
        let path = editor.path().to_path_buf();
        let dirty = editor.is_dirty();
        let q = self.model.questionnaire.clone();
        let order = interview::questions(&q, &audit);
        let current = match self.interview.current {
            Some(current) if order.contains(&current) => current,
            _ => order.first().copied().unwrap_or(0),
        };
        self.interview.current = Some(current);
        self.interview_header_ui(ui, &audit.provider, &path, dirty);
        egui::Panel::left("interview-questions")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| self.question_list_ui(ui, &order, &audit, current));
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| self.question_ui(ui, &audit, current));
        });
    }

    fn choose_audit_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Fill in or judge an audit");
        ui.label("Choose the audit to work on, or start a new one.");
        ui.add_space(8.0);
        let providers: Vec<String> = self
            .model
            .view()
            .providers
            .iter()
            .map(|p| p.name.clone())
            .collect();
        for provider in providers {
            if ui.button(format!("Edit {provider}'s audit")).clicked() {
                self.push(Command::EditAudit(provider));
            }
        }
        ui.add_space(8.0);
        if ui.button(Command::NewAudit.info().text).clicked() {
            self.push(Command::NewAudit);
        }
    }

    fn interview_header_ui(
        &mut self,
        ui: &mut egui::Ui,
        provider: &str,
        path: &std::path::Path,
        dirty: bool,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("Audit of {provider}"));
            ui.weak(super::file_name(path))
                .on_hover_text(path.display().to_string());
            if dirty {
                ui.colored_label(theme::color(self.palette().partial), "● unsaved answers");
            } else {
                ui.weak("saved");
            }
            if ui.button("Save the audit").clicked() {
                self.push(Command::SaveAudit);
            }
            let judging = self.interview.judging;
            if ui
                .selectable_label(judging, Command::ToggleJudging.info().text)
                .on_hover_text(Command::ToggleJudging.info().tooltip)
                .clicked()
            {
                self.push(Command::ToggleJudging);
            }
            if ui.button("Close the audit").clicked() {
                self.push(Command::CloseAudit);
            }
        });
        if let Some(conflict) = self.interview.conflict.clone() {
            egui::Frame::new()
                .fill(theme::color(self.palette().knocked_out))
                .inner_margin(8.0)
                .show(ui, |ui| {
                    ui.colored_label(egui::Color32::WHITE, conflict);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Reload the file (drops the unsaved answers)")
                            .clicked()
                        {
                            self.push(Command::ReloadAudit);
                        }
                        if ui.button("Save as another file…").clicked() {
                            self.push(Command::SaveAuditAs);
                        }
                    });
                });
        }
        ui.separator();
    }

    fn question_list_ui(
        &mut self,
        ui: &mut egui::Ui,
        order: &[usize],
        audit: &crate::model::Audit,
        current: usize,
    ) {
        let q = self.model.questionnaire.clone();
        let progress = interview::progress(&q, audit);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (number, section) in q.sections.iter().enumerate() {
                    let p = progress[number];
                    ui.label(
                        egui::RichText::new(format!(
                            "{} · {}/{} answered · {} judged",
                            section.label, p.answered, p.questions, p.judged
                        ))
                        .strong(),
                    );
                    for &index in order.iter().filter(|&&i| q.items[i].section == number) {
                        let mark = if interview::is_judged(&q, audit, index) {
                            "✓"
                        } else if interview::is_answered(&q, audit, index) {
                            "•"
                        } else {
                            "○"
                        };
                        let text = crate::labels::one_line(&crate::model::markdown::plain_text(
                            &q.items[index].text,
                        ));
                        let label = format!("{mark} {}", crate::labels::ellipsize(&text, 60));
                        let response = ui.selectable_label(index == current, label);
                        if index == current && self.scroll_to_selection {
                            response.scroll_to_me(Some(egui::Align::Center));
                        }
                        if response.clicked() {
                            self.interview.current = Some(index);
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        self.scroll_to_selection = false;
    }

    fn question_ui(&mut self, ui: &mut egui::Ui, audit: &crate::model::Audit, current: usize) {
        let q = self.model.questionnaire.clone();
        let item = &q.items[current];
        let id = item.id.clone();
        let mut path = vec![q.sections[item.section].title.clone()];
        let mut parents = Vec::new();
        let mut parent = item.parent;
        while let Some(index) = parent {
            parents.push(crate::model::markdown::plain_text(&q.items[index].text));
            parent = q.items[index].parent;
        }
        path.extend(parents.into_iter().rev());
        ui.weak(format!("{} · {id}", path.join(" › ")));
        if let Some(condition) = item.condition {
            ui.weak(match condition {
                crate::model::Condition::IfYes => "Ask only if the answer above was yes",
                crate::model::Condition::IfNot => "Ask only if the answer above was no",
            });
        }
        ui.add(
            egui::Label::new(
                egui::RichText::new(crate::model::markdown::plain_text(&item.text))
                    .font(theme::bold(22.0)),
            )
            .wrap(),
        );
        ui.add_space(8.0);
        let answer = audit.answer(id.as_str()).cloned().unwrap_or_default();
        let mut text = answer.answer.clone();
        let label = ui.label("Answer");
        let editor = egui::TextEdit::multiline(&mut text)
            .desired_rows(if self.interview.judging { 4 } else { 6 })
            .desired_width(f32::INFINITY)
            .font(egui::FontId::proportional(17.0))
            .interactive(!self.interview.judging);
        let response = ui.add(editor).labelled_by(label.id);
        if response.changed() {
            self.push(Command::AuditEdit(AuditEdit::Answer(id.clone(), text)));
        }
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            ui.label("Verdict:");
            for (verdict, word, key) in VERDICTS {
                let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::ALT, key);
                let selected = answer.verdict == verdict;
                if ui
                    .selectable_label(selected, word)
                    .on_hover_text(ui.ctx().format_shortcut(&shortcut))
                    .clicked()
                {
                    self.push(Command::SetVerdict(verdict));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Provenance:");
            for provenance in [
                Provenance::Stated,
                Provenance::Evidenced,
                Provenance::Verified,
            ] {
                if ui
                    .selectable_label(answer.provenance == provenance, provenance.as_str())
                    .clicked()
                {
                    self.push(Command::AuditEdit(AuditEdit::Provenance(
                        id.clone(),
                        provenance,
                    )));
                }
            }
        });
        if item.kind == crate::model::ItemKind::Document {
            self.documents_ui(ui, &id, audit);
        } else {
            self.evidence_ui(ui, &id, &answer.evidence);
        }
        let mut note = answer.note.clone();
        let label = ui.label("Your note");
        if ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id)
            .changed()
        {
            self.push(Command::AuditEdit(AuditEdit::Note(id.clone(), note)));
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            for command in [
                Command::InterviewStep(Step::Previous),
                Command::InterviewStep(Step::Next),
                Command::InterviewStep(Step::NextUnanswered),
                Command::InterviewStep(Step::NextUnjudged),
            ] {
                self.command_button(ui, command);
            }
        });
    }

    fn evidence_ui(&mut self, ui: &mut egui::Ui, id: &QuestionId, files: &[String]) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Evidence:");
            for file in files {
                ui.monospace(file);
                if ui.small_button("Remove").clicked() {
                    self.push(Command::AuditEdit(AuditEdit::RemoveEvidence(
                        id.clone(),
                        file.clone(),
                    )));
                }
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Add a file:");
            let field = egui::TextEdit::singleline(&mut self.interview.evidence_field)
                .hint_text("path of the document");
            let response = ui.add(field).labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add").clicked() || enter)
                && !self.interview.evidence_field.trim().is_empty()
            {
                let typed = std::path::PathBuf::from(self.interview.evidence_field.trim());
                let relative = self.evidence_path(&typed);
                self.push(Command::AuditEdit(AuditEdit::AddEvidence(
                    id.clone(),
                    relative,
                )));
                self.interview.evidence_field.clear();
            }
        });
    }

    /// The documents of a checklist item, with their SHA-256 recorded when added (evidence
    /// checks them against it later), and a field to add one.
    fn documents_ui(&mut self, ui: &mut egui::Ui, id: &QuestionId, audit: &crate::model::Audit) {
        ui.label("Documents received:");
        for document in audit.documents.iter().filter(|d| d.item == *id) {
            ui.horizontal_wrapped(|ui| {
                ui.monospace(&document.file);
                ui.weak(
                    document
                        .sha256
                        .as_deref()
                        .map_or_else(|| "no SHA-256".to_owned(), crate::labels::short_hash),
                );
                if ui.small_button("Remove").clicked() {
                    self.push(Command::AuditEdit(AuditEdit::RemoveDocument(
                        id.clone(),
                        document.file.clone(),
                    )));
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("Add a document:");
            let field = egui::TextEdit::singleline(&mut self.interview.evidence_field)
                .hint_text("path of the file received");
            let response = ui.add(field).labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add").clicked() || enter)
                && !self.interview.evidence_field.trim().is_empty()
            {
                let typed = std::path::PathBuf::from(self.interview.evidence_field.trim());
                self.add_document(id, &typed);
                self.interview.evidence_field.clear();
            }
        });
    }

    /// Adds `file` as a document of checklist item `id`, hashed now, as received.
    fn add_document(&mut self, id: &QuestionId, file: &std::path::Path) {
        match crate::fsutil::sha256_file(file) {
            Ok(sha256) => {
                let document = crate::model::EvidenceDocument {
                    item: id.clone(),
                    file: self.evidence_path(file),
                    sha256: Some(sha256),
                    expires: None,
                };
                self.push(Command::AuditEdit(AuditEdit::AddDocument(document)));
            }
            Err(err) => self.notices.push(super::Notice {
                is_problem: true,
                text: format!("Cannot read {}: {err}", file.display()),
            }),
        }
    }

    /// `file` relative to the audit's folder, with `/` between its parts.
    fn evidence_path(&self, file: &std::path::Path) -> String {
        let Some(editor) = self.model.session.editor() else {
            return file.display().to_string();
        };
        let folder = editor
            .path()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| std::path::Path::new("."));
        let absolute = if file.is_absolute() {
            file.to_path_buf()
        } else {
            std::env::current_dir().map_or_else(|_| file.to_path_buf(), |dir| dir.join(file))
        };
        crate::compare::relative_path(folder, &absolute)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// Files dropped on the window: in the interview, evidence for the question shown
    /// (stored relative to the audit); elsewhere, files to open.
    pub fn files_dropped(&mut self, files: Vec<std::path::PathBuf>) {
        let question = self
            .interview
            .current
            .map(|index| self.model.questionnaire.items[index].id.clone());
        match question {
            Some(id) if self.view() == View::Interview && self.model.session.editor().is_some() => {
                let document = self
                    .model
                    .questionnaire
                    .item(id.as_str())
                    .is_some_and(|item| item.kind == crate::model::ItemKind::Document);
                for file in files {
                    if document {
                        self.add_document(&id, &file);
                    } else {
                        let relative = self.evidence_path(&file);
                        self.push(Command::AuditEdit(AuditEdit::AddEvidence(
                            id.clone(),
                            relative,
                        )));
                    }
                }
            }
            _ => self.push(Command::OpenPaths(files)),
        }
    }

    /// Moves to another question of the audit being edited.
    pub(super) fn interview_step(&mut self, step: Step) {
        let Some(editor) = self.model.session.editor() else {
            return;
        };
        let audit = editor.audit();
        let q = &self.model.questionnaire;
        let order = interview::questions(q, audit);
        let Some(&first) = order.first() else {
            return;
        };
        let current = self.interview.current.unwrap_or(first);
        let judging = self.interview.judging;
        let position = order.iter().position(|&i| i == current).unwrap_or(0);
        let unjudged =
            |i: usize| interview::is_answered(q, audit, i) && !interview::is_judged(q, audit, i);
        let next = match step {
            Step::Previous if judging => {
                let reversed: Vec<usize> = order.iter().rev().copied().collect();
                interview::next_where(&reversed, current, unjudged)
            }
            Step::Next if judging => interview::next_where(&order, current, unjudged),
            Step::Previous => Some(order[position.saturating_sub(1)]),
            Step::Next => Some(order[(position + 1).min(order.len() - 1)]),
            Step::NextUnanswered => {
                interview::next_where(&order, current, |i| !interview::is_answered(q, audit, i))
            }
            Step::NextUnjudged => interview::next_where(&order, current, unjudged),
        };
        match next {
            Some(next) => {
                self.interview.current = Some(next);
                self.scroll_to_selection = true;
            }
            None => self.status_text(match step {
                Step::NextUnanswered => "Every question has an answer",
                _ => "Every answer has a verdict",
            }),
        }
    }

    /// Sets the verdict of the question shown; in judging mode, goes on to the next answer
    /// without one.
    pub(super) fn set_verdict(&mut self, verdict: Option<Verdict>) {
        let Some(current) = self.interview.current else {
            return;
        };
        let id = self.model.questionnaire.items[current].id.clone();
        self.audit_edit(AuditEdit::Verdict(id, verdict));
        if self.interview.judging {
            self.interview_step(Step::NextUnjudged);
        }
    }

    /// Applies an edit to the audit being edited; it is written to its file shortly after.
    pub(super) fn audit_edit(&mut self, edit: AuditEdit) {
        self.model.session.edit_audit(edit);
        self.interview.last_edit = Some(Instant::now());
        self.rows_cache = None;
    }

    /// Writes the audit being edited; a file changed on disk is never written over.
    pub(super) fn save_audit(&mut self) {
        if !self.model.session.audit_is_dirty() {
            return;
        }
        match self.model.session.save_audit() {
            Ok(()) => {
                self.interview.conflict = None;
                self.interview.last_edit = None;
            }
            Err(err) => {
                self.interview.conflict = Some(err.to_string());
                self.interview.last_edit = None;
                self.prefs.show_notifications = true;
                self.notices.push(super::Notice {
                    is_problem: true,
                    text: format!("The audit was not saved: {err}"),
                });
            }
        }
    }

    /// The autosave: a moment after the last edit, and when the interview view is left.
    pub(super) fn autosave_audit(&mut self, leaving: bool) {
        let due = self
            .interview
            .last_edit
            .is_some_and(|at| at.elapsed() >= AUTOSAVE_AFTER);
        if (due || leaving) && self.interview.conflict.is_none() {
            self.save_audit();
        }
        if let (Some(at), Some(ctx)) = (self.interview.last_edit, &self.ctx) {
            ctx.request_repaint_after(AUTOSAVE_AFTER.saturating_sub(at.elapsed()));
        }
    }

    /// Opens the audit of `provider` in the interview view.
    pub(super) fn edit_audit(&mut self, provider: &str) {
        if self.model.session.audit_is_dirty() {
            self.save_audit();
        }
        if self.model.session.start_editing(provider) {
            let current = self.interview.current;
            self.interview = InterviewState {
                current,
                ..InterviewState::default()
            };
            self.prefs.view = View::Interview;
        } else {
            self.status_text(&format!("No audit of {provider} is loaded"));
        }
    }
}
