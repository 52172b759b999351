//! The interview view: fill in and judge one audit, one question at a time, with the
//! keyboard alone. The question is large, with its path (section › heading › parent); the
//! answer takes any text; a verdict is one key (Alt+1 Meets, Alt+2 Partial, Alt+3 Gap,
//! Alt+4 No answer, Alt+5 Not applicable, Alt+0 not judged yet). Judging mode walks the
//! answers that have text and no verdict. Edits go through the session (undo, redo) and are
//! written to the audit file a moment after the last keystroke and when leaving the view.

use super::command::{Command, Step, UiCommand};
use super::context::ViewCtx;
use super::{ProviderAuditApp, View, theme};
use crate::interview::{self, AuditEdit};
use crate::model::{Audit, Provenance, QuestionId, Questionnaire, Verdict};

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

/// The interview screen and its own state (not shared with the others).
#[derive(Clone, Debug, Default)]
pub struct InterviewView {
    /// The question shown (questionnaire index).
    pub current: Option<usize>,
    /// Walking the answers that have text and no verdict.
    pub judging: bool,
    /// The file changed on disk: why the last save was refused.
    pub conflict: Option<String>,
    /// The evidence path being typed.
    pub evidence_field: String,
    /// The provider whose audit opens for editing once its file is loaded.
    pub pending: Option<String>,
    /// The pending audit opens in judging mode (it was just imported).
    pub judge_pending: bool,
    /// The question list scrolls to the question shown in the next frame.
    pub scroll_to_current: bool,
    /// The Answer field takes the focus in the next frame.
    pub focus_answer: bool,
    /// While judging an audit with the provider's own Yes/No/NA (a CAIQ): the order to
    /// walk, those worth reading first at the front, fixed when judging starts.
    pub reading: Vec<usize>,
}

impl InterviewView {
    /// The interview view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let Some(editor) = ctx.editor() else {
            choose_audit_ui(ui, ctx);
            return;
        };
        let audit = editor.audit();
        let path = editor.path().to_path_buf();
        let dirty = editor.is_dirty();
        let q = ctx.questionnaire();
        let order = interview::questions(q, audit);
        let current = match self.current {
            Some(current) if order.contains(&current) => current,
            _ => order.first().copied().unwrap_or(0),
        };
        self.current = Some(current);
        self.interview_header_ui(ui, ctx, &audit.provider, &path, dirty);
        egui::Panel::left("interview-questions")
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                self.question_list_ui(ui, q, &order, audit, current);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| self.question_ui(ui, ctx, audit, current));
        });
    }

    /// Moves to another question of `audit`; the message to show when there is none.
    pub fn step(
        &mut self,
        q: &Questionnaire,
        audit: &Audit,
        step: Step,
    ) -> Result<(), &'static str> {
        let order = interview::questions(q, audit);
        let Some(&first) = order.first() else {
            return Ok(());
        };
        let current = self.current.filter(|c| order.contains(c)).unwrap_or(first);
        let judging = self.judging;
        let position = order.iter().position(|&i| i == current).unwrap_or(0);
        let unjudged =
            |i: usize| interview::is_answered(q, audit, i) && !interview::is_judged(q, audit, i);
        let next = match step {
            Step::Previous if judging => {
                let reversed: Vec<usize> = order.iter().rev().copied().collect();
                interview::next_where(&reversed, current, unjudged)
            }
            Step::Next if judging && !self.reading.is_empty() => {
                interview::next_where(&self.reading, current, unjudged)
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
                self.current = Some(next);
                self.scroll_to_current = true;
                self.focus_answer = true;
                Ok(())
            }
            None => Err(match step {
                Step::NextUnanswered => "Every question has an answer",
                _ => "Every answer has a verdict",
            }),
        }
    }

    /// Starts judging at the first answer of `audit` that has text and no verdict.
    pub fn start_judging(&mut self, q: &Questionnaire, audit: &Audit) -> Result<(), &'static str> {
        self.judging = true;
        // An audit with the provider's own Yes/No/NA is walked in reading order: the answers
        // worth reading first (No, NA, none, not provider-owned, no description) at the front.
        self.reading = if interview::self_assessable(audit) > 0 {
            interview::reading_order(q, audit)
        } else {
            Vec::new()
        };
        let order = if self.reading.is_empty() {
            interview::questions(q, audit)
        } else {
            self.reading.clone()
        };
        let first = order
            .iter()
            .copied()
            .find(|&i| interview::is_answered(q, audit, i) && !interview::is_judged(q, audit, i));
        match first {
            Some(first) => {
                self.current = Some(first);
                self.scroll_to_current = true;
                Ok(())
            }
            None => Err("Every answer has a verdict"),
        }
    }
}

/// What the provider says of itself (a CAIQ): its Yes/No/NA, who owns the control and what
/// it leaves to the customer, with the reasons to read the answer before accepting it.
fn provider_claim_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, answer: &crate::model::Answer) {
    if answer.claim.trim().is_empty()
        && answer.ownership.is_none()
        && answer.customer_duties.trim().is_empty()
    {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("The provider says:");
        let claim = answer.claim.trim();
        ui.strong(if claim.is_empty() { "nothing" } else { claim });
        if let Some(ownership) = answer.ownership {
            ui.label("·");
            ui.label(format!("Control ownership: {}", ownership.label()));
        }
    });
    if !answer.customer_duties.trim().is_empty() {
        ui.add(
            egui::Label::new(format!(
                "Left to you (the customer): {}",
                answer.customer_duties.trim()
            ))
            .wrap(),
        );
    }
    let reasons = interview::read_first(Some(answer));
    if !reasons.is_empty() && answer.verdict.is_none() {
        let words: Vec<&str> = reasons.iter().map(|r| r.label()).collect();
        ui.colored_label(
            theme::color(ctx.palette.partial),
            format!("Read before accepting: {}", words.join(", ")),
        );
    }
    ui.add_space(4.0);
}

/// While judging an audit with the provider's own Yes/No/NA: how many answers would take
/// the provider's verdict, and the button that accepts it for all of them at once.
fn self_assessment_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, audit: &Audit) {
    let assessable = interview::self_assessable(audit);
    if assessable == 0 {
        return;
    }
    let worth_reading = audit
        .answers
        .iter()
        .filter(|(_, answer)| answer.verdict.is_none() && answer.claim().is_some())
        .filter(|(_, answer)| !interview::read_first(Some(answer)).is_empty())
        .count();
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(format!(
            "{} carry the provider's own Yes, No or NA and no verdict; {} of them are worth \
             reading first (answered No or NA, not provider-owned, or no description), and \
             judging walks those first.",
            crate::labels::plural(assessable, "answer"),
            worth_reading
        ));
        if ui
            .button(format!(
                "Accept the provider's self-assessment for the {}",
                crate::labels::plural(assessable, "remaining answer")
            ))
            .on_hover_text(
                "Yes → Meets, No → Gap, NA → Not applicable, marked self-assessed. \
                 Each verdict can be changed afterwards; Undo takes back all of them.",
            )
            .clicked()
        {
            ctx.send(Command::AuditEdit(AuditEdit::AcceptSelfAssessment));
        }
    });
    ui.add_space(6.0);
}

fn choose_audit_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    ui.heading("Fill in or judge an audit");
    ui.label("Choose the audit to work on, or start a new one.");
    ui.add_space(8.0);
    for provider in &ctx.view().providers {
        if ui
            .button(format!("Edit {}'s audit", provider.name))
            .clicked()
        {
            ctx.send(Command::EditAudit(provider.name.clone(), None));
        }
    }
    ui.add_space(8.0);
    ctx.command_button(ui, UiCommand::NewAudit);
}

impl InterviewView {
    fn interview_header_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        provider: &str,
        path: &std::path::Path,
        dirty: bool,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.heading(format!("Audit of {provider}"));
            ui.weak(super::file_name(path))
                .on_hover_text(path.display().to_string());
            if dirty {
                ui.colored_label(theme::color(ctx.palette.partial), "● unsaved answers");
            } else {
                ui.weak("saved");
            }
            if ui.button("Save the audit").clicked() {
                ctx.send(UiCommand::SaveAudit);
            }
            let judging = self.judging;
            if ui
                .selectable_label(judging, UiCommand::ToggleJudging.info().text)
                .on_hover_text(UiCommand::ToggleJudging.info().tooltip)
                .clicked()
            {
                ctx.send(UiCommand::ToggleJudging);
            }
            if ui.button("Close the audit").clicked() {
                ctx.send(UiCommand::CloseAudit);
            }
        });
        if let Some(conflict) = self.conflict.clone() {
            egui::Frame::new()
                .fill(theme::color(ctx.palette.knocked_out))
                .inner_margin(8.0)
                .show(ui, |ui| {
                    ui.colored_label(egui::Color32::WHITE, conflict);
                    ui.horizontal(|ui| {
                        if ui
                            .button("Reload the file (drops the unsaved answers)")
                            .clicked()
                        {
                            ctx.send(UiCommand::ReloadAudit);
                        }
                        if ui.button("Save as another file…").clicked() {
                            ctx.send(UiCommand::SaveAuditAs);
                        }
                    });
                });
        }
        ui.separator();
    }

    fn question_list_ui(
        &mut self,
        ui: &mut egui::Ui,
        q: &Questionnaire,
        order: &[usize],
        audit: &Audit,
        current: usize,
    ) {
        let progress = interview::progress(q, audit);
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
                        let mark = if interview::is_judged(q, audit, index) {
                            "✓"
                        } else if interview::is_answered(q, audit, index) {
                            "•"
                        } else {
                            "○"
                        };
                        let text = crate::labels::one_line(&crate::model::markdown::plain_text(
                            &q.items[index].text,
                        ));
                        let label = format!("{mark} {}", crate::labels::ellipsize(&text, 60));
                        let response = ui.selectable_label(index == current, label);
                        if index == current && self.scroll_to_current {
                            response.scroll_to_me(Some(egui::Align::Center));
                        }
                        if response.clicked() {
                            self.current = Some(index);
                            self.focus_answer = true;
                        }
                    }
                    ui.add_space(6.0);
                }
            });
        self.scroll_to_current = false;
    }

    fn question_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, audit: &Audit, current: usize) {
        let q = ctx.questionnaire();
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
        if self.judging {
            self_assessment_ui(ui, ctx, audit);
        }
        provider_claim_ui(ui, ctx, &answer);
        let mut text = answer.answer.clone();
        let label = ui.label("Answer");
        let editor = egui::TextEdit::multiline(&mut text)
            .desired_rows(if self.judging { 4 } else { 6 })
            .desired_width(f32::INFINITY)
            .font(egui::FontId::proportional(17.0))
            .interactive(!self.judging);
        let response = ui.add(editor).labelled_by(label.id);
        if std::mem::take(&mut self.focus_answer) && !self.judging {
            response.request_focus();
        }
        if response.changed() {
            ctx.send(Command::AuditEdit(AuditEdit::Answer(id.clone(), text)));
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
                    ctx.send(Command::SetVerdict(verdict));
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Provenance:");
            let mut choices = vec![
                Provenance::Stated,
                Provenance::Evidenced,
                Provenance::Verified,
            ];
            // Self-assessed is set by accepting the provider's own answers, and shown then.
            if answer.provenance == Provenance::SelfAssessed {
                choices.push(Provenance::SelfAssessed);
            }
            for provenance in choices {
                if ui
                    .selectable_label(answer.provenance == provenance, provenance.label())
                    .clicked()
                {
                    ctx.send(Command::AuditEdit(AuditEdit::Provenance(
                        id.clone(),
                        provenance,
                    )));
                }
            }
        });
        if item.kind == crate::model::ItemKind::Document {
            self.documents_ui(ui, ctx, &id, audit);
        } else {
            self.evidence_ui(ui, ctx, &id, &answer.evidence);
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
            ctx.send(Command::AuditEdit(AuditEdit::Note(id.clone(), note)));
        }
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            for command in [
                UiCommand::PreviousQuestion,
                UiCommand::NextQuestion,
                UiCommand::NextUnanswered,
                UiCommand::NextUnjudged,
            ] {
                ctx.command_button(ui, command);
            }
        });
    }

    fn evidence_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        id: &QuestionId,
        files: &[String],
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Evidence:");
            for file in files {
                ui.monospace(file);
                if ui.small_button("Remove").clicked() {
                    ctx.send(Command::AuditEdit(AuditEdit::RemoveEvidence(
                        id.clone(),
                        file.clone(),
                    )));
                }
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Add a file:");
            let field = egui::TextEdit::singleline(&mut self.evidence_field)
                .hint_text("path of the document");
            let response = ui.add(field).labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add").clicked() || enter) && !self.evidence_field.trim().is_empty() {
                let typed = std::path::PathBuf::from(self.evidence_field.trim());
                ctx.send(Command::AddEvidence(typed));
                self.evidence_field.clear();
            }
        });
    }

    /// The documents of a checklist item, with their SHA-256 recorded when added (evidence
    /// checks them against it later), and a field to add one.
    fn documents_ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        id: &QuestionId,
        audit: &Audit,
    ) {
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
                    ctx.send(Command::AuditEdit(AuditEdit::RemoveDocument(
                        id.clone(),
                        document.file.clone(),
                    )));
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("Add a document:");
            let field = egui::TextEdit::singleline(&mut self.evidence_field)
                .hint_text("path of the file received");
            let response = ui.add(field).labelled_by(label.id);
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("Add").clicked() || enter) && !self.evidence_field.trim().is_empty() {
                let typed = std::path::PathBuf::from(self.evidence_field.trim());
                ctx.send(Command::AddEvidence(typed));
                self.evidence_field.clear();
            }
        });
    }
}

impl ProviderAuditApp {
    /// Adds `file` as evidence of the question shown in the interview: a checklist item
    /// records it as a document with its SHA-256 (read now, as received); any other
    /// question lists it among its evidence. Stored relative to the audit's folder.
    pub(super) fn add_evidence(&mut self, file: &std::path::Path) {
        let Some(current) = self.screens.interview.current else {
            return;
        };
        let Some(item) = self.model.questionnaire.items.get(current) else {
            return;
        };
        let id = item.id.clone();
        let relative = self.evidence_path(file);
        if item.kind == crate::model::ItemKind::Document {
            match crate::fsutil::sha256_file(file) {
                Ok(sha256) => {
                    self.audit_edit(AuditEdit::AddDocument(crate::model::EvidenceDocument {
                        item: id,
                        file: relative,
                        sha256: Some(sha256),
                        expires: None,
                    }));
                }
                Err(err) => self
                    .notices
                    .problem(format!("Cannot read {}: {err}", file.display())),
            }
        } else {
            self.audit_edit(AuditEdit::AddEvidence(id, relative));
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

    /// Sets the verdict of the question shown; in judging mode, goes on to the next answer
    /// without one.
    pub(super) fn set_verdict(&mut self, verdict: Option<Verdict>) {
        if self.view() != View::Interview {
            return;
        }
        let Some(current) = self.screens.interview.current else {
            return;
        };
        let id = self.model.questionnaire.items[current].id.clone();
        self.audit_edit(AuditEdit::Verdict(id, verdict));
        if self.screens.interview.judging {
            self.interview_step(Step::NextUnjudged);
        }
    }

    /// Applies an edit to the audit being edited; it is written to its file shortly after.
    pub(super) fn audit_edit(&mut self, edit: AuditEdit) {
        self.model.session.edit_audit(edit);
        self.autosave.audit_edited();
    }

    /// Writes the audit being edited; a file changed on disk is never written over.
    pub(super) fn save_audit(&mut self) {
        if !self.model.session.audit_is_dirty() {
            return;
        }
        match self.model.session.save_audit() {
            Ok(()) => {
                self.screens.interview.conflict = None;
            }
            Err(err) => {
                self.screens.interview.conflict = Some(err.to_string());
                self.prefs.show_notifications = true;
                self.notices
                    .problem(format!("The audit was not saved: {err}"));
            }
        }
        self.autosave.forget_audit();
    }

    /// The autosave of the audit: written unless a conflict with the file on disk waits.
    pub(super) fn save_audit_quietly(&mut self) {
        if self.screens.interview.conflict.is_none() {
            self.save_audit();
        }
        self.autosave.forget_audit();
    }

    /// Writes the audit being edited to the new file `path`.
    pub(super) fn save_audit_to(&mut self, path: &std::path::Path) {
        self.save_audit_to_checked(path).ok();
    }

    /// Writes the audit being edited to the new file `path`; `Err` says why not.
    pub(super) fn save_audit_to_checked(&mut self, path: &std::path::Path) -> Result<(), String> {
        match self.model.session.save_audit_as(path) {
            Ok(()) => {
                self.screens.interview.conflict = None;
                self.status_text(&format!("Saved {}", path.display()));
                Ok(())
            }
            Err(err) => {
                let message = format!("The audit was not saved: {err}");
                self.notices.problem(message.clone());
                Err(message)
            }
        }
    }

    /// Opens the audit of `provider` in the interview view (the one being edited is saved
    /// first).
    pub(super) fn edit_audit(&mut self, provider: &str) {
        if self.model.session.audit_is_dirty() {
            self.save_audit();
        }
        if self.model.session.start_editing(provider) {
            let current = self.screens.interview.current;
            self.screens.interview = InterviewView {
                current,
                focus_answer: true,
                ..InterviewView::default()
            };
            self.prefs.view = View::Interview;
        } else {
            self.status_text(&format!("No audit of {provider} is loaded"));
        }
    }
}
