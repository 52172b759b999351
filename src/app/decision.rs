//! The decision view: section weights, must-haves, the ranking with its sensitivity in
//! words, knock-outs and waivers, the follow-up lists, and the decision with its basis.

use super::command::{Command, Confirm};
use super::context::ViewCtx;
use super::theme;
use crate::compare::Edit;
use crate::model::SectionId;
use crate::view::DecisionView as RecordedDecision;

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
}

/// The decision screen and its own state: the decision being written and the name typed.
#[derive(Debug, Default)]
pub struct DecisionView {
    /// The decision form.
    pub draft: DecisionDraft,
    /// The user's name as typed (sent to the app as it changes).
    author: Option<String>,
    /// The sign-offs and the form to sign.
    pub sign: super::sign_offs::SignOffForm,
}

/// Below this width the decision view's parts are stacked in one column.
const TWO_COLUMNS_FROM: f32 = 1400.0;

impl DecisionView {
    /// The decision view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        if ui.available_width() < TWO_COLUMNS_FROM {
            // One column that scrolls: nothing overlaps or is cut off at 1280x720.
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.decision_form_ui(ui, ctx);
                    ui.add_space(16.0);
                    Self::sensitivity_ui(ui, ctx);
                    ui.add_space(16.0);
                    self.weights_ui(ui, ctx);
                    ui.add_space(16.0);
                    Self::must_haves_ui(ui, ctx);
                    ui.add_space(16.0);
                    Self::follow_ups_ui(ui, ctx);
                });
            return;
        }
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("decision-left")
                .auto_shrink([false, false])
                .show(&mut columns[0], |ui| {
                    self.weights_ui(ui, ctx);
                    ui.add_space(12.0);
                    Self::must_haves_ui(ui, ctx);
                    ui.add_space(12.0);
                    Self::follow_ups_ui(ui, ctx);
                });
            egui::ScrollArea::vertical()
                .id_salt("decision-right")
                .auto_shrink([false, false])
                .show(&mut columns[1], |ui| {
                    self.decision_form_ui(ui, ctx);
                    ui.add_space(12.0);
                    Self::sensitivity_ui(ui, ctx);
                });
        });
    }

    fn weights_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        ui.heading("Section weights");
        ui.label("The ranking and every score update at once.");
        ui.spacing_mut().slider_width = (ui.available_width() - 160.0).clamp(160.0, 420.0);
        let sections: Vec<(SectionId, String)> = ctx
            .questionnaire()
            .sections
            .iter()
            .map(|s| (s.id.clone(), s.label.clone()))
            .collect();
        for (index, (id, label)) in sections.into_iter().enumerate() {
            let mut weight = ctx.view().sections.get(index).map_or(1.0, |s| s.weight);
            let slider = egui::Slider::new(&mut weight, 0.0..=crate::model::MAX_WEIGHT)
                .step_by(0.1)
                .text(&label);
            if ui.add(slider).changed() {
                // The weight as shown (two decimals), not the slider's float noise.
                let weight = (weight * 100.0).round() / 100.0;
                ctx.send(Command::Edit(Edit::SectionWeight(id, weight)));
            }
        }
        ui.horizontal(|ui| {
            let label = ui.label("Your name, recorded with annotations and the decision:");
            let author = self.author.get_or_insert_with(|| ctx.prefs.author.clone());
            if ui
                .text_edit_singleline(author)
                .labelled_by(label.id)
                .changed()
            {
                ctx.send(Command::SetAuthor(author.clone()));
            }
        });
    }

    fn must_haves_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        ui.heading("Must-haves");
        ui.label("A must-have not met knocks a provider out, unless the answer is annotated Accepted. Toggle them in the question detail.");
        let must_have = &ctx.view().must_have;
        if must_have.is_empty() {
            ui.weak("None yet.");
        }
        for question in must_have {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new(format!("★ {}", question.id)).strong());
                ui.label(&question.text);
                if ui.small_button("Remove").clicked() {
                    ctx.send(Command::Edit(Edit::MustHave(
                        crate::model::QuestionId::new(&question.id),
                        false,
                    )));
                }
            });
        }
    }

    fn follow_ups_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        ui.heading("Follow-ups to send back");
        let text = follow_up_text(ctx.view());
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

    fn sensitivity_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let palette = ctx.palette;
        ui.heading("Ranking and how robust it is");
        let view = ctx.view();
        for score in &view.ranking {
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{}. {}", score.rank, score.provider))
                        .font(theme::bold(15.0)),
                );
                ui.label(format!("{:.1}", score.score));
            });
            let column = score.rank - 1;
            super::overview::questions_ui(
                ui,
                ctx,
                "knocked out by",
                &score.knocked_out_by,
                column,
                Some(theme::color(palette.knocked_out)),
            );
            super::overview::questions_ui(ui, ctx, "accepted risk:", &score.waived, column, None);
        }
        let q = ctx.questionnaire();
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

    fn decision_form_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        ui.heading("Decision");
        let view = ctx.view();
        if let Some(decision) = &view.decision {
            recorded_decision_ui(ui, ctx, decision);
        }
        self.sign.ui(ui, ctx);
        if view.decision.is_some() || view.sign_offs.is_some() {
            ui.separator();
        }
        superseded_ui(ui, &view.superseded);
        let providers: Vec<(String, bool, usize)> = view
            .providers
            .iter()
            .map(|p| (p.name.clone(), p.knocked_out(), p.rank))
            .collect();
        let label = |(name, out, _): &(String, bool, usize)| {
            if *out {
                format!("{name} (knocked out)")
            } else {
                name.clone()
            }
        };
        let chosen = providers
            .iter()
            .find(|(name, _, _)| *name == self.draft.provider)
            .cloned();
        egui::ComboBox::from_label("Provider")
            .selected_text(chosen.as_ref().map_or_else(|| "choose…".to_owned(), label))
            .show_ui(ui, |ui| {
                for provider in &providers {
                    ui.selectable_value(
                        &mut self.draft.provider,
                        provider.0.clone(),
                        label(provider),
                    );
                }
            });
        let knocked_out = chosen.as_ref().is_some_and(|(_, out, _)| *out);
        if knocked_out {
            let label = ui.colored_label(
                theme::color(ctx.palette.knocked_out),
                "This provider is knocked out by a must-have: why is it chosen anyway?",
            );
            ui.add(
                egui::TextEdit::multiline(&mut self.draft.despite)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        }
        let label = ui.label("Rationale");
        ui.add(
            egui::TextEdit::multiline(&mut self.draft.rationale)
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Decided by");
            ui.add(
                egui::TextEdit::singleline(&mut self.draft.decided_by).hint_text(
                    if ctx.prefs.author.is_empty() {
                        "your name, or the board's"
                    } else {
                        ctx.prefs.author.as_str()
                    },
                ),
            )
            .labelled_by(label.id);
        });
        let missing = if self.draft.provider.is_empty() {
            Some("Choose a provider first")
        } else if self.draft.rationale.trim().is_empty() {
            Some("Write the rationale first: why this provider")
        } else if knocked_out && self.draft.despite.trim().is_empty() {
            Some("Say why the knock-out is accepted first")
        } else {
            None
        };
        let replacing = view.decision.as_ref();
        let text = if replacing.is_some() {
            "Replace the decision…"
        } else {
            "Record the decision"
        };
        if ui
            .add_enabled(missing.is_none(), egui::Button::new(text))
            .on_disabled_hover_text(missing.unwrap_or_default())
            .clicked()
        {
            let rank = chosen.as_ref().map_or(1, |(_, _, rank)| *rank);
            let leader = providers.first().map(|(name, _, _)| name.clone());
            self.record(ctx, replacing, rank, leader);
        }
    }

    /// Records the decision of the form; asks first when it replaces one or when the
    /// provider is not first.
    fn record(
        &mut self,
        ctx: &ViewCtx<'_>,
        replacing: Option<&RecordedDecision>,
        rank: usize,
        leader: Option<String>,
    ) {
        let draft = std::mem::take(&mut self.draft);
        let mut rationale = draft.rationale.trim().to_owned();
        if !draft.despite.trim().is_empty() {
            rationale.push_str(&format!(
                "\n\nChosen although knocked out by a must-have: {}",
                draft.despite.trim()
            ));
        }
        let command = Command::Decide {
            provider: draft.provider.clone(),
            rationale,
            decided_by: draft.decided_by.clone(),
        };
        let mut warnings = Vec::new();
        if let Some(earlier) = replacing {
            warnings.push(format!(
                "The decision for {} ({}, {}) is replaced by {}. The earlier one is kept in \
                 the comparison's history of decisions.",
                earlier.provider, earlier.decided_by, earlier.decided_on, draft.provider
            ));
        }
        if rank > 1 {
            warnings.push(format!(
                "{} is ranked #{rank}, not first{}.",
                draft.provider,
                leader.map(|l| format!(" ({l} leads)")).unwrap_or_default()
            ));
        }
        if warnings.is_empty() {
            ctx.send(command);
        } else {
            ctx.send(Command::Confirm(Box::new(Confirm {
                title: if replacing.is_some() {
                    "Replace the recorded decision?".to_owned()
                } else {
                    "Record this decision?".to_owned()
                },
                text: warnings.join("\n"),
                action: if replacing.is_some() {
                    "Replace".to_owned()
                } else {
                    "Record".to_owned()
                },
                command,
            })));
            // The form keeps what was typed until the decision is recorded.
            self.draft = draft;
        }
    }
}

/// The decision on record, with its basis and the withdraw button.
fn recorded_decision_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, decision: &RecordedDecision) {
    ui.label(egui::RichText::new(format!("Chosen: {}", decision.provider)).font(theme::bold(16.0)));
    ui.label(format!(
        "by {}, {}",
        decision.decided_by, decision.decided_on
    ));
    ui.label(egui::RichText::new(&decision.rationale).italics());
    super::overview::decision_warning_ui(ui, ctx.view(), ctx.palette);
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
                    as_stored(ctx, &a.path),
                    a.sha256
                        .as_deref()
                        .map(crate::labels::short_hash)
                        .unwrap_or_default()
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if ui.button("Withdraw the decision…").clicked() {
        ctx.send(Command::Confirm(Box::new(Confirm {
            title: "Withdraw the decision?".to_owned(),
            text: format!(
                "The decision for {} ({}, {}) is withdrawn. It is kept in the comparison's \
                 history of decisions.",
                decision.provider, decision.decided_by, decision.decided_on
            ),
            action: "Withdraw".to_owned(),
            command: Command::Edit(Edit::Undecide),
        })));
    }
}

/// An audit's path as the comparison file stores it: relative to the comparison's folder
/// (a decision recorded in this session holds the paths as they were opened).
fn as_stored(ctx: &ViewCtx<'_>, path: &str) -> String {
    let path = std::path::Path::new(path);
    let folder = ctx
        .comparison_path()
        .and_then(std::path::Path::parent)
        .filter(|folder| !folder.as_os_str().is_empty());
    // Pure path arithmetic: nothing is read from the disk while drawing.
    folder
        .and_then(|folder| std::path::absolute(folder).ok())
        .and_then(|folder| path.strip_prefix(folder).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Earlier decisions, replaced or withdrawn since.
fn superseded_ui(ui: &mut egui::Ui, superseded: &[RecordedDecision]) {
    if superseded.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Earlier decisions ({})", superseded.len()))
        .id_salt("superseded")
        .show(ui, |ui| {
            for earlier in superseded.iter().rev() {
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
