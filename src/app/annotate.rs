//! The annotation editor (in the question detail) and the cell's context menu: flag a weak
//! answer, a follow-up or an accepted risk, override the verdict, comment. Author and time
//! are recorded; the edit goes through the command handler.

use super::command::Command;
use super::context::ViewCtx;
use super::theme;
use crate::compare::Edit;
use crate::model::date::now_rfc3339;
use crate::model::{Flag, QuestionId, Verdict};
use crate::view::AnnotationView;

/// The most height the comment takes before it scrolls within itself.
const COMMENT_HEIGHT: f32 = 160.0;

/// The annotation being edited for one provider's answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnnotationDraft {
    /// Provider name.
    pub provider: String,
    /// Question id.
    pub question: String,
    /// Flag.
    pub flag: Option<Flag>,
    /// Verdict override.
    pub verdict: Option<Verdict>,
    /// Comment.
    pub comment: String,
    /// The annotation in the comparison when the draft was made: when it changes elsewhere
    /// (the cell's menu, undo), the draft is made again from it.
    pub based_on: Option<AnnotationView>,
}

/// An annotation edit for `provider`'s answer to `question`, stamped with `author` and the
/// time now.
#[must_use]
pub fn annotation_edit(
    author: &str,
    provider: &str,
    question: &QuestionId,
    flag: Option<Flag>,
    verdict: Option<Verdict>,
    comment: String,
) -> Edit {
    Edit::Annotate {
        provider: provider.to_owned(),
        question: question.clone(),
        flag,
        verdict,
        comment,
        author: author.to_owned(),
        at: now_rfc3339(),
    }
}

/// The editor for `provider`'s answer to the item `question`; `slot` keeps the draft.
pub(super) fn annotation_editor_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    slot: &mut Option<AnnotationDraft>,
    provider: &str,
    question: &QuestionId,
) {
    let palette = ctx.palette;
    let existing = ctx.annotation(provider, question.as_str()).cloned();
    let matches = slot.as_ref().is_some_and(|d| {
        d.provider == provider && d.question == question.as_str() && d.based_on == existing
    });
    if !matches {
        *slot = Some(AnnotationDraft {
            provider: provider.to_owned(),
            question: question.to_string(),
            flag: existing.as_ref().and_then(|a| a.flag),
            verdict: existing.as_ref().and_then(|a| a.verdict),
            comment: existing
                .as_ref()
                .map(|a| a.comment.clone())
                .unwrap_or_default(),
            based_on: existing,
        });
    }
    let Some(mut draft) = slot.take() else {
        return;
    };
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, theme::color(palette.annotation)))
        .inner_margin(6.0)
        .corner_radius(4.0)
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("Annotate:");
                ui.selectable_value(&mut draft.flag, None, "No flag");
                ui.selectable_value(&mut draft.flag, Some(Flag::Weak), "Weak");
                ui.selectable_value(&mut draft.flag, Some(Flag::FollowUp), "Follow-up");
                ui.selectable_value(&mut draft.flag, Some(Flag::Accepted), "Accepted risk");
            });
            egui::ComboBox::from_label("Verdict override")
                .selected_text(draft.verdict.map_or("none (the audit's)", Verdict::label))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.verdict, None, "none (the audit's)");
                    for verdict in Verdict::ALL {
                        ui.selectable_value(&mut draft.verdict, Some(verdict), verdict.label());
                    }
                });
            let label = ui.label("Comment");
            // A long comment scrolls within its own area: the buttons below stay on screen.
            egui::ScrollArea::vertical()
                .id_salt("annotation comment")
                .max_height(COMMENT_HEIGHT)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut draft.comment)
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                });
            ui.horizontal(|ui| {
                if ui.button("Save annotation").clicked() {
                    let edit = annotation_edit(
                        &ctx.prefs.author,
                        provider,
                        question,
                        draft.flag,
                        draft.verdict,
                        draft.comment.trim().to_owned(),
                    );
                    ctx.send(Command::Edit(edit));
                }
                if ui.button("Remove annotation").clicked() {
                    ctx.send(Command::Edit(Edit::RemoveAnnotation {
                        provider: provider.to_owned(),
                        question: question.clone(),
                    }));
                    draft = AnnotationDraft {
                        provider: provider.to_owned(),
                        question: question.to_string(),
                        ..AnnotationDraft::default()
                    };
                }
                if ctx.prefs.author.is_empty() {
                    ui.weak("You will be asked for your name: annotations are signed");
                }
            });
        });
    *slot = Some(draft);
}

/// The context menu of a matrix cell: quick flags, signed by `author`.
pub(super) fn cell_menu_ui(
    ui: &mut egui::Ui,
    existing: Option<&AnnotationView>,
    author: &str,
    provider: &str,
    question: &QuestionId,
    commands: &mut Vec<Command>,
) {
    let keep_verdict = existing.and_then(|a| a.verdict);
    let keep_comment = existing.map(|a| a.comment.clone()).unwrap_or_default();
    let edit = |flag| Edit::Annotate {
        provider: provider.to_owned(),
        question: question.clone(),
        flag: Some(flag),
        verdict: keep_verdict,
        comment: keep_comment.clone(),
        author: author.to_owned(),
        at: now_rfc3339(),
    };
    for (flag, text) in [
        (Flag::Weak, "Mark as weak"),
        (Flag::FollowUp, "Flag for follow-up"),
        (Flag::Accepted, "Accept the risk"),
    ] {
        if ui.button(text).clicked() {
            commands.push(Command::Edit(edit(flag)));
            ui.close();
        }
    }
    if existing.is_some() && ui.button("Remove the annotation").clicked() {
        commands.push(Command::Edit(Edit::RemoveAnnotation {
            provider: provider.to_owned(),
            question: question.clone(),
        }));
        ui.close();
    }
}
