//! The decision view: section weights, must-haves, the ranking with its sensitivity in
//! words, knock-outs and waivers, the follow-up lists, and the decision with its basis.

use super::{Command, ProviderAuditApp, theme};
use crate::compare::Edit;
use crate::model::{Date, QuestionId, SectionId};

/// What the decision form holds before it is recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DecisionDraft {
    /// The chosen provider.
    pub provider: String,
    /// Why.
    pub rationale: String,
    /// Who decided.
    pub decided_by: String,
    /// Why a knocked-out provider is chosen anyway.
    pub despite: String,
    /// The question before a recorded decision is replaced, while it is asked.
    pub confirm_replace: bool,
}

/// Below this width the decision view's parts are stacked in one column.
const TWO_COLUMNS_FROM: f32 = 1400.0;

impl ProviderAuditApp {
    /// The decision view.
    pub(super) fn decision_ui(&mut self, ui: &mut egui::Ui) {
        if ui.available_width() < TWO_COLUMNS_FROM {
            // One column that scrolls: nothing overlaps or is cut off at 1280x720.
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.decision_form_ui(ui);
                    ui.add_space(16.0);
                    self.sensitivity_ui(ui);
                    ui.add_space(16.0);
                    self.weights_ui(ui);
                    ui.add_space(16.0);
                    self.must_haves_ui(ui);
                    ui.add_space(16.0);
                    self.follow_ups_ui(ui);
                });
            return;
        }
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("decision-left")
                .auto_shrink([false, false])
                .show(&mut columns[0], |ui| {
                    self.weights_ui(ui);
                    ui.add_space(12.0);
                    self.must_haves_ui(ui);
                    ui.add_space(12.0);
                    self.follow_ups_ui(ui);
                });
            egui::ScrollArea::vertical()
                .id_salt("decision-right")
                .auto_shrink([false, false])
                .show(&mut columns[1], |ui| {
                    self.decision_form_ui(ui);
                    ui.add_space(12.0);
                    self.sensitivity_ui(ui);
                });
        });
    }

    fn weights_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Section weights");
        ui.label("The ranking and every score update at once.");
        ui.spacing_mut().slider_width = (ui.available_width() - 160.0).clamp(160.0, 420.0);
        let sections: Vec<(SectionId, String)> = self
            .model
            .questionnaire
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.label.clone()))
            .collect();
        for (id, label) in sections {
            let mut weight = self
                .model
                .workspace()
                .comparison()
                .section_weight(id.as_str());
            let slider = egui::Slider::new(&mut weight, 0.0..=crate::model::MAX_WEIGHT)
                .step_by(0.1)
                .text(&label);
            if ui.add(slider).changed() {
                self.push(Command::Edit(Edit::SectionWeight(id, weight)));
            }
        }
        ui.horizontal(|ui| {
            let label = ui.label("Your name, recorded with annotations and the decision:");
            ui.text_edit_singleline(&mut self.prefs.author)
                .labelled_by(label.id);
        });
    }

    fn must_haves_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Must-haves");
        ui.label("A must-have not met knocks a provider out, unless the answer is annotated Accepted. Toggle them in the question detail.");
        let must_have: Vec<QuestionId> = self.model.workspace().comparison().must_have.clone();
        if must_have.is_empty() {
            ui.weak("None yet.");
        }
        for id in must_have {
            ui.horizontal(|ui| {
                let text = self
                    .model
                    .questionnaire
                    .item(id.as_str())
                    .map(|i| crate::model::markdown::plain_text(&i.text))
                    .unwrap_or_default();
                ui.label(egui::RichText::new(format!("★ {id}")).strong());
                ui.label(text);
                if ui.small_button("Remove").clicked() {
                    self.push(Command::Edit(Edit::MustHave(id.clone(), false)));
                }
            });
        }
    }

    fn follow_ups_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Follow-ups to send back");
        let text = follow_up_text(self.model.view());
        if text.is_empty() {
            ui.weak("No answer is flagged for a follow-up.");
            return;
        }
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.add(egui::Label::new(&text).wrap());
        });
        if ui.button("Copy the follow-up lists").clicked() {
            ui.ctx().copy_text(text);
        }
    }

    fn sensitivity_ui(&mut self, ui: &mut egui::Ui) {
        let palette = self.palette();
        ui.heading("Ranking and how robust it is");
        let view = self.model.view().clone();
        for score in &view.ranking {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{}. {}", score.rank, score.provider))
                        .font(theme::bold(15.0)),
                );
                ui.label(format!("{:.1}", score.score));
            });
            let column = score.rank - 1;
            self.questions_ui(
                ui,
                "knocked out by",
                &score.knocked_out_by,
                column,
                Some(theme::color(palette.knocked_out)),
            );
            self.questions_ui(ui, "accepted risk:", &score.waived, column, None);
        }
        let q = &self.model.questionnaire;
        let Some(sensitivity) = view.sensitivity.as_ref() else {
            return;
        };
        ui.add_space(6.0);
        if let Some((section, weight, who)) = sensitivity.smallest_change() {
            let current = sensitivity.sections[section].weight;
            ui.label(
                egui::RichText::new(format!(
                    "Smallest change that changes the leader: {} from {} to {} ({who} would lead)",
                    q.sections[section].label,
                    crate::labels::weight(current),
                    crate::labels::weight(weight)
                ))
                .strong(),
            );
        } else {
            ui.label(
                egui::RichText::new(format!(
                    "No single section weight from 0 to {} changes the leader ({})",
                    crate::model::MAX_WEIGHT,
                    sensitivity.leader
                ))
                .strong(),
            );
        }
        for section in &sensitivity.sections {
            ui.label(format!(
                "• {}",
                sensitivity.describe(section, &q.sections[section.section].label)
            ));
        }
    }

    fn decision_form_ui(&mut self, ui: &mut egui::Ui) {
        ui.heading("Decision");
        let comparison = self.model.workspace().comparison().clone();
        if let Some(decision) = &comparison.decision {
            ui.label(
                egui::RichText::new(format!("Chosen: {}", decision.provider))
                    .font(theme::bold(16.0)),
            );
            ui.label(format!(
                "by {}, {}",
                decision.decided_by, decision.decided_on
            ));
            ui.label(egui::RichText::new(&decision.rationale).italics());
            super::overview::decision_warning_ui(ui, self.model.view(), self.palette());
            if let Some(basis) = &decision.basis {
                ui.weak(format!(
                    "Based on: {}; audits {}",
                    basis
                        .scores
                        .iter()
                        .map(|s| format!("{} {:.1}", s.provider, s.score))
                        .collect::<Vec<_>>()
                        .join(", "),
                    basis
                        .audits
                        .iter()
                        .map(|a| format!(
                            "{} {}",
                            a.path,
                            a.sha256
                                .as_deref()
                                .map(crate::labels::short_hash)
                                .unwrap_or_default()
                        ))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            if ui.button("Withdraw the decision").clicked() {
                self.push(Command::Edit(Edit::Undecide));
            }
            ui.separator();
        }
        Self::superseded_ui(ui, &comparison);
        let view = self.model.view().clone();
        let providers: Vec<(String, bool)> = view
            .providers
            .iter()
            .map(|p| (p.name.clone(), p.knocked_out()))
            .collect();
        let label = |(name, out): &(String, bool)| {
            if *out {
                format!("{name} (knocked out)")
            } else {
                name.clone()
            }
        };
        let chosen = providers
            .iter()
            .find(|(name, _)| *name == self.decision_draft.provider)
            .cloned();
        egui::ComboBox::from_label("Provider")
            .selected_text(chosen.as_ref().map_or_else(|| "choose…".to_owned(), label))
            .show_ui(ui, |ui| {
                for provider in &providers {
                    ui.selectable_value(
                        &mut self.decision_draft.provider,
                        provider.0.clone(),
                        label(provider),
                    );
                }
            });
        let knocked_out = chosen.as_ref().is_some_and(|(_, out)| *out);
        if knocked_out {
            let label = ui.colored_label(
                theme::color(self.palette().knocked_out),
                "This provider is knocked out by a must-have: why is it chosen anyway?",
            );
            ui.add(
                egui::TextEdit::multiline(&mut self.decision_draft.despite)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        }
        let label = ui.label("Rationale");
        ui.add(
            egui::TextEdit::multiline(&mut self.decision_draft.rationale)
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Decided by");
            ui.add(
                egui::TextEdit::singleline(&mut self.decision_draft.decided_by).hint_text(
                    if self.prefs.author.is_empty() {
                        "your name, or the board's"
                    } else {
                        self.prefs.author.as_str()
                    },
                ),
            )
            .labelled_by(label.id);
        });
        let ready = !self.decision_draft.provider.is_empty()
            && !self.decision_draft.rationale.trim().is_empty()
            && (!knocked_out || !self.decision_draft.despite.trim().is_empty());
        let replacing = comparison.decision.is_some();
        let text = if replacing {
            "Replace the decision…"
        } else {
            "Record the decision"
        };
        if ui
            .add_enabled(ready, egui::Button::new(text))
            .on_disabled_hover_text(if knocked_out {
                "Choose a provider, write the rationale and why the knock-out is accepted"
            } else {
                "Choose a provider and write the rationale"
            })
            .clicked()
        {
            if replacing {
                self.decision_draft.confirm_replace = true;
            } else {
                self.record_decision();
            }
        }
        self.confirm_replace_ui(ui, &comparison);
    }

    /// Records the decision of the form.
    fn record_decision(&mut self) {
        let draft = std::mem::take(&mut self.decision_draft);
        let mut rationale = draft.rationale.trim().to_owned();
        if !draft.despite.trim().is_empty() {
            rationale.push_str(&format!(
                "\n\nChosen although knocked out by a must-have: {}",
                draft.despite.trim()
            ));
        }
        let decision = self.model.session.decision(
            &draft.provider,
            &rationale,
            &draft.decided_by,
            Date::today(),
        );
        self.push(Command::Edit(Edit::Decide(decision)));
    }

    /// The question before a recorded decision is replaced.
    fn confirm_replace_ui(&mut self, ui: &mut egui::Ui, comparison: &crate::model::Comparison) {
        if !self.decision_draft.confirm_replace {
            return;
        }
        let earlier = comparison
            .decision
            .as_ref()
            .map(|d| format!("{} ({}, {})", d.provider, d.decided_by, d.decided_on))
            .unwrap_or_default();
        let modal = egui::Modal::new(egui::Id::unique("confirm-replace")).show(ui.ctx(), |ui| {
            ui.heading("Replace the recorded decision?");
            ui.label(format!(
                "The decision for {earlier} is replaced by {}. The earlier one is kept in the \
                 comparison's history of decisions.",
                self.decision_draft.provider
            ));
            ui.horizontal(|ui| {
                if ui.button("Replace").clicked() {
                    self.record_decision();
                }
                if ui.button("Cancel").clicked() {
                    self.decision_draft.confirm_replace = false;
                }
            });
        });
        if modal.should_close() {
            self.decision_draft.confirm_replace = false;
        }
    }

    /// Earlier decisions, replaced or withdrawn since.
    fn superseded_ui(ui: &mut egui::Ui, comparison: &crate::model::Comparison) {
        if comparison.superseded.is_empty() {
            return;
        }
        egui::CollapsingHeader::new(format!(
            "Earlier decisions ({})",
            comparison.superseded.len()
        ))
        .id_salt("superseded")
        .show(ui, |ui| {
            for earlier in comparison.superseded.iter().rev() {
                ui.label(
                    egui::RichText::new(format!(
                        "{}, by {} on {}",
                        earlier.provider, earlier.decided_by, earlier.decided_on
                    ))
                    .strong(),
                );
                ui.add(egui::Label::new(egui::RichText::new(&earlier.rationale).italics()).wrap());
                ui.add_space(4.0);
            }
        });
        ui.separator();
    }
}

/// The follow-up questions per provider, as plain text to send back.
#[must_use]
pub fn follow_up_text(view: &crate::view::ComparisonView) -> String {
    let mut out = String::new();
    for list in &view.follow_up_lists {
        let items: Vec<String> = list
            .items
            .iter()
            .map(|a| format!("- {} ({})\n  {}", a.question.text, a.question.id, a.comment))
            .collect();
        out.push_str(&format!("{}\n{}\n\n", list.provider, items.join("\n")));
    }
    out.trim_end().to_owned()
}
