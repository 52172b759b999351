//! The question detail: the question with its links, and every provider's full answer,
//! verdict, provenance, evidence, note and annotation side by side.

use super::command::{Command, UiCommand};
use super::context::ViewCtx;
use super::{Selection, theme};
use crate::model::Provenance;
use crate::model::markdown::{Segment, segments};

/// The question detail's own state: the annotation being written.
#[derive(Debug, Default)]
pub struct DetailPanel {
    /// The annotation being edited, until it is saved.
    pub draft: Option<super::annotate::AnnotationDraft>,
}

impl DetailPanel {
    /// The detail panel for the selected question.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        selection: Option<Selection>,
        search: &str,
    ) {
        let Some(selection) = selection.filter(|s| s.column < ctx.provider_count()) else {
            ui.label("Select a cell of the matrix, then press Enter.");
            return;
        };
        let provider = ctx.provider_name(selection.column).to_owned();
        let question = ctx.questionnaire().items[selection.item].id.clone();
        detail_header_ui(ui, ctx, selection);
        ui.add_space(4.0);
        ui.label(egui::RichText::new(format!("Annotation on {provider}'s answer")).strong());
        super::annotate::annotation_editor_ui(ui, ctx, &mut self.draft, &provider, &question);
        let palette = ctx.palette;
        let model = ctx;
        let entry = &model.questionnaire().items[selection.item];
        ui.separator();
        let mut select = None;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for column in 0..model.provider_count() {
                    let provider = model.provider_name(column);
                    let status = model.status(column, selection.item);
                    let answer = model.answer(column, selection.item);
                    let colour = palette.status(status);
                    let highlighted = column == selection.column;
                    let stroke = if highlighted {
                        egui::Stroke::new(2.0, theme::color(palette.accent))
                    } else {
                        egui::Stroke::new(1.0, theme::color(palette.grid))
                    };
                    let response = egui::Frame::group(ui.style())
                        .stroke(stroke)
                        .show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal(|ui| {
                                ui.label(egui::RichText::new(provider).font(theme::bold(17.0)));
                                let word = crate::labels::status_label(status);
                                ui.label(
                                    egui::RichText::new(format!(" {word} "))
                                        .background_color(theme::color(colour))
                                        .color(theme::color(palette.text_on(colour)))
                                        .strong(),
                                );
                                if let Some(answer) = answer
                                    && answer.provenance != Provenance::Stated
                                {
                                    ui.weak(answer.provenance.label());
                                }
                                if let Some(answer) = answer
                                    && !answer.claim.trim().is_empty()
                                {
                                    ui.weak(format!("says {}", answer.claim.trim()));
                                }
                            });
                            match answer {
                                Some(answer) if !answer.answer.trim().is_empty() => {
                                    answer_ui(ui, &answer.answer, search, palette);
                                }
                                _ => {
                                    ui.weak("No answer noted.");
                                }
                            }
                            if let Some(answer) = answer {
                                for evidence in &answer.evidence {
                                    ui.weak(format!("Evidence: {evidence}"));
                                }
                                if let Some(ownership) = answer.ownership {
                                    ui.weak(format!("Control ownership: {}", ownership.label()));
                                }
                                if !answer.customer_duties.trim().is_empty() {
                                    ui.label(format!(
                                        "Left to the customer: {}",
                                        answer.customer_duties.trim()
                                    ));
                                }
                                if !answer.note.is_empty() {
                                    ui.label(
                                        egui::RichText::new(format!(
                                            "Auditor's note: {}",
                                            answer.note
                                        ))
                                        .italics(),
                                    );
                                }
                            }
                            if let Some(annotation) = model.annotation(provider, entry.id.as_str())
                            {
                                let flag = crate::labels::flag_title(annotation.flag);
                                let mut text = format!("{flag}: {}", annotation.comment);
                                if let Some(verdict) = annotation.verdict {
                                    text.push_str(&format!(
                                        " (verdict overridden to {})",
                                        verdict.label()
                                    ));
                                }
                                if !annotation.author.is_empty() {
                                    text.push_str(&format!(
                                        " · {} {}",
                                        annotation.author,
                                        crate::labels::when(&annotation.at)
                                    ));
                                }
                                ui.label(
                                    egui::RichText::new(text)
                                        .color(theme::color(palette.annotation)),
                                );
                            }
                        });
                    if response.response.interact(egui::Sense::click()).clicked() {
                        select = Some(column);
                    }
                    ui.add_space(6.0);
                }
            });
        if let Some(column) = select {
            ctx.send(Command::Select(selection.item, column));
        }
    }
}

fn detail_header_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, selection: Selection) {
    let model = ctx;
    let entry = &model.questionnaire().items[selection.item];
    let section = &model.questionnaire().sections[entry.section];
    // The buttons have a row of their own: a long provider name never covers the header.
    ui.horizontal_wrapped(|ui| {
        let info = UiCommand::HideDetail.info();
        if ui.button("Close").on_hover_text(info.tooltip).clicked() {
            ctx.send(UiCommand::HideDetail);
        }
        let provider = model.provider_name(selection.column).to_owned();
        if ui
            .button(format!("Edit {provider}'s audit"))
            .on_hover_text("Fill in or judge this answer in the interview")
            .clicked()
        {
            ctx.send(Command::EditAudit(provider, Some(selection.item)));
        }
    });
    ui.weak(format!("{} · {}", section.label, entry.id));
    ui.add_space(4.0);
    question_text_ui(ui, &entry.text);
    let mut marks = Vec::new();
    if let Some(condition) = entry.condition {
        marks.push(match condition {
            crate::model::Condition::IfYes => {
                "Follow-up: only if the answer above is yes".to_owned()
            }
            crate::model::Condition::IfNot => {
                "Follow-up: only if the answer above is no".to_owned()
            }
        });
    }
    if model.is_must_have(entry.id.as_str()) {
        marks.push("★ Must-have".to_owned());
    }
    let weight = model.question_weight(entry.id.as_str());
    if (weight - 1.0).abs() > f64::EPSILON {
        marks.push(format!("Weight {}", crate::labels::weight(weight)));
    }
    if !entry.tags.is_empty() {
        marks.push(format!("Scope: {}", entry.tags.join(", ")));
    }
    if !marks.is_empty() {
        ui.weak(marks.join(" · "));
    }
    let id = entry.id.clone();
    let mut must_have = model.is_must_have(id.as_str());
    let mut weight = model.question_weight(id.as_str());
    let mut edits = Vec::new();
    ui.horizontal(|ui| {
        if ui
            .checkbox(&mut must_have, "Must-have")
            .on_hover_text("Not meeting it knocks a provider out, unless annotated Accepted")
            .changed()
        {
            edits.push(crate::compare::Edit::MustHave(id.clone(), must_have));
        }
        let label = ui.label("Question weight");
        if ui
            .add(
                egui::DragValue::new(&mut weight)
                    .range(0.0..=10.0)
                    .speed(0.1),
            )
            .labelled_by(label.id)
            .changed()
        {
            edits.push(crate::compare::Edit::QuestionWeight(id.clone(), weight));
        }
    });
    for edit in edits {
        ctx.send(Command::Edit(edit));
    }
}

/// A provider's full answer, with every match of the search marked.
fn answer_ui(ui: &mut egui::Ui, text: &str, search: &str, palette: crate::palette::Palette) {
    use egui::text::{LayoutJob, TextFormat};
    let needle = search.trim().to_lowercase();
    let font = egui::FontId::proportional(16.0);
    let plain = TextFormat::simple(font, theme::color(palette.text));
    let lower = text.to_lowercase();
    let mut job = LayoutJob::default();
    let mut rest = 0;
    if !needle.is_empty() && lower.len() == text.len() {
        for (at, _) in lower.match_indices(&needle) {
            if !text.is_char_boundary(at) || !text.is_char_boundary(at + needle.len()) {
                continue;
            }
            job.append(&text[rest..at], 0.0, plain.clone());
            job.append(
                &text[at..at + needle.len()],
                0.0,
                TextFormat {
                    background: theme::color(palette.partial.lerp(palette.background, 0.35)),
                    ..plain.clone()
                },
            );
            rest = at + needle.len();
        }
    }
    job.append(&text[rest..], 0.0, plain);
    job.wrap.max_width = ui.available_width();
    ui.label(job);
}

/// The question text, large, with its links shown as links whose address appears on hover;
/// a link opens only when clicked.
fn question_text_ui(ui: &mut egui::Ui, text: &str) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for segment in segments(text) {
            match segment {
                Segment::Text(text) => {
                    ui.label(egui::RichText::new(text).size(19.0));
                }
                Segment::Code(code) => {
                    ui.label(egui::RichText::new(code).size(17.0).code());
                }
                Segment::Link { text, url } => {
                    ui.add(egui::Hyperlink::from_label_and_url(
                        egui::RichText::new(text).size(19.0),
                        &url,
                    ))
                    .on_hover_text(&url);
                }
            }
        }
    });
}
