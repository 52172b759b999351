//! The overview: a sections × providers heat map of scores and gap counts, and the ranking
//! with knock-outs, weak answers and the decision.

use egui::{Align2, Color32, FontId, Rect, Sense, Vec2};

use super::command::{Command, UiCommand};
use super::context::ViewCtx;
use super::theme;
use crate::labels::plural;

const LABEL_WIDTH: f32 = 190.0;
const HEADER_HEIGHT: f32 = 56.0;
const CELL_HEIGHT: f32 = 64.0;

/// A provider's name in at most `width` points: whole when it fits, else shortened in the
/// middle ("Nordlys Cl…Region B"), so that names that differ only at the end stay apart.
pub(super) fn middle_elided(
    ui: &egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let layout =
        |text: String| ui.fonts_mut(|fonts| fonts.layout_no_wrap(text, font.clone(), color));
    let whole = layout(text.to_owned());
    if whole.size().x <= width {
        return whole;
    }
    let chars: Vec<char> = text.chars().collect();
    // Keep as many characters as fit, a third of them from the end.
    let mut keep = chars.len().saturating_sub(1);
    while keep > 2 {
        let tail = keep / 3;
        let head = keep - tail;
        let candidate: String = chars[..head]
            .iter()
            .chain(std::iter::once(&'…'))
            .chain(&chars[chars.len() - tail..])
            .collect();
        let galley = layout(candidate);
        if galley.size().x <= width {
            return galley;
        }
        keep -= 1;
    }
    elided(ui, text, font, color, width)
}

/// A single-line galley of at most `width` points, elided with "…" (never cut mid-glyph).
pub(super) fn elided(
    ui: &egui::Ui,
    text: &str,
    font: FontId,
    color: Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::simple_singleline(text.to_owned(), font, color);
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(8.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    ui.fonts_mut(|fonts| fonts.layout_job(job))
}

/// How far ahead the overview's list of what is due looks.
pub const DUE_WITHIN_DAYS: u32 = 30;

/// The overview screen. Besides the view it shows what is due, worked out by the core
/// between frames when the session changes (see `ProviderAuditApp::refresh_due`).
#[derive(Debug, Default)]
pub struct OverviewView {
    /// What is due within [`DUE_WITHIN_DAYS`]: conflicts, stale sign-offs, re-audits,
    /// evidence expiring.
    pub due: Vec<crate::due::DueItem>,
    /// The session generation `due` was worked out for.
    pub due_generation: Option<u64>,
}

impl OverviewView {
    /// Draws the overview.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let available = ui.available_size();
        let ranking_width = (available.x * 0.3).clamp(320.0, 460.0);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(
                Vec2::new(ranking_width, available.y),
                egui::Layout::top_down(egui::Align::Min),
                |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("ranking")
                        .show(ui, |ui| {
                            ranking_ui(ui, ctx);
                            due_ui(ui, ctx, &self.due);
                        });
                },
            );
            ui.separator();
            ui.vertical(|ui| {
                ui.heading("Sections × providers");
                ui.label(
                    "Score from 0 to 100 and number of gaps; click a cell to open that section.",
                );
                ui.add_space(6.0);
                egui::ScrollArea::both()
                    .id_salt("heatmap")
                    .show(ui, |ui| heat_map_ui(ui, ctx));
            });
        });
    }
}

/// What is due: past or near re-audits, expiring evidence, stale sign-offs and merge
/// conflicts, the same list as `provider-audit due`.
fn due_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, due: &[crate::due::DueItem]) {
    use crate::due::DueKind;
    ui.add_space(8.0);
    ui.strong(format!("What is due (within {DUE_WITHIN_DAYS} days)"));
    if due.is_empty() {
        ui.weak("Nothing: no re-audit, expiring evidence, stale sign-off or merge conflict.");
        return;
    }
    let palette = ctx.palette;
    for item in due {
        let overdue = item.days_left.is_some_and(|d| d < 0)
            || matches!(item.kind, DueKind::Conflict | DueKind::StaleSignOff);
        // The message says what is due; the overdue and the urgent carry a warning mark.
        let mark = if overdue { "⚠ " } else { "" };
        let colour = if overdue {
            palette.knocked_out
        } else {
            palette.partial
        };
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!("{mark}{}", item.message)).color(theme::color(colour)),
            )
            .wrap(),
        )
        .on_hover_text(&item.file);
    }
}

fn heat_map_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let palette = ctx.palette;
    let model = ctx;
    let q = ctx.questionnaire();
    let providers = model.provider_count();
    let cell_width =
        ((ui.available_width() - LABEL_WIDTH) / providers.max(1) as f32).clamp(104.0, 200.0);
    let size = Vec2::new(
        LABEL_WIDTH + cell_width * providers as f32,
        HEADER_HEIGHT + CELL_HEIGHT * (q.sections.len() as f32 + 1.0),
    );
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let text = theme::color(palette.text);
    let muted = theme::color(palette.muted);
    let painter = ui.painter_at(rect);
    for column in 0..providers {
        let x = rect.left() + LABEL_WIDTH + cell_width * column as f32;
        let header = Rect::from_min_size(
            egui::pos2(x, rect.top()),
            Vec2::new(cell_width, HEADER_HEIGHT),
        );
        let name = model.provider_name(column);
        let chosen = ctx.view().providers[column].chosen;
        let galley = middle_elided(
            ui,
            name,
            theme::bold(14.0),
            if chosen {
                theme::color(palette.accent)
            } else {
                text
            },
            cell_width - 10.0,
        );
        let shortened = galley.text() != name;
        painter.galley(header.left_top() + Vec2::new(5.0, 8.0), galley, text);
        let score = &model.ranking()[column];
        let mut caption = format!("#{} · {:.1}", score.rank, score.score);
        if score.knocked_out() {
            caption.push_str(" · out");
        }
        if chosen {
            caption.push_str(if score.rank == 1 {
                " · chosen"
            } else {
                " · chosen ⚠ not first"
            });
        }
        // The header as screen readers and tests read it: the whole name and its caption.
        let response = ui.interact(
            header,
            ui.scope_id().with(("header", column)),
            Sense::hover(),
        );
        let spoken = format!("{name} {caption}");
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &spoken));
        if shortened {
            response.on_hover_text(name);
        }
        painter.text(
            header.left_top() + Vec2::new(5.0, 30.0),
            Align2::LEFT_TOP,
            caption,
            FontId::proportional(12.0),
            muted,
        );
    }
    let mut clicked = None;
    // The heat-map cell of provider `column` in the row starting at `y`.
    let cell_at = |column: usize, y: f32| {
        Rect::from_min_size(
            egui::pos2(rect.left() + LABEL_WIDTH + cell_width * column as f32, y),
            Vec2::new(cell_width, CELL_HEIGHT),
        )
        .shrink(2.0)
    };
    for (section_index, section) in q.sections.iter().enumerate() {
        let y = rect.top() + HEADER_HEIGHT + CELL_HEIGHT * section_index as f32;
        let weight = ctx.view().sections[section_index].weight;
        painter.text(
            egui::pos2(rect.left(), y + 18.0),
            Align2::LEFT_CENTER,
            &section.label,
            theme::bold(15.0),
            text,
        );
        painter.text(
            egui::pos2(rect.left(), y + 40.0),
            Align2::LEFT_CENTER,
            format!("weight {}", crate::labels::weight(weight)),
            FontId::proportional(12.0),
            muted,
        );
        for column in 0..providers {
            let cell = cell_at(column, y);
            let result = &model.ranking()[column].sections[section_index];
            let fill = result
                .score
                .map_or(palette.not_applicable, |s| palette.score(s * 100.0));
            let on = theme::color(palette.text_on(fill));
            painter.rect_filled(cell, 4.0, theme::color(fill));
            let score_text = result
                .score
                .map_or_else(|| "–".to_owned(), |s| format!("{:.1}", s * 100.0));
            painter.text(
                cell.center() - Vec2::new(0.0, 8.0),
                Align2::CENTER_CENTER,
                &score_text,
                theme::bold(20.0),
                on,
            );
            let gaps = result.gaps.total();
            let mut detail = plural(gaps, "gap");
            if result.gaps.weak > 0 {
                detail.push_str(&format!(" · {} weak", result.gaps.weak));
            }
            painter.text(
                cell.center() + Vec2::new(0.0, 14.0),
                Align2::CENTER_CENTER,
                detail,
                FontId::proportional(12.0),
                on,
            );
            let id = ui.scope_id().with(("heat", section_index, column));
            let response = ui.interact(cell, id, Sense::click());
            let label = format!(
                "{}, {}: {score_text}, {gaps} gaps",
                section.label,
                model.provider_name(column)
            );
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
            if response.hovered() {
                painter.rect_stroke(
                    cell,
                    4.0,
                    egui::Stroke::new(2.0, theme::color(palette.accent)),
                    egui::StrokeKind::Inside,
                );
            }
            let response = response.on_hover_text(format!(
                    "{label}\nGap {} · no answer {} · not asked {} · partial {}\n{} of {} questions asked\nClick to open the section",
                    result.gaps.gap, result.gaps.no_answer, result.gaps.not_asked, result.gaps.partial, result.asked, result.in_scope
                ));
            if response.clicked() {
                clicked = Some((section_index, column));
            }
        }
    }
    // Overall row.
    let y = rect.top() + HEADER_HEIGHT + CELL_HEIGHT * q.sections.len() as f32;
    painter.text(
        egui::pos2(rect.left(), y + CELL_HEIGHT / 2.0),
        Align2::LEFT_CENTER,
        "Overall",
        theme::bold(15.0),
        text,
    );
    for column in 0..providers {
        let cell = cell_at(column, y);
        let score = &model.ranking()[column];
        painter.rect_stroke(
            cell,
            4.0,
            egui::Stroke::new(2.0, theme::color(palette.score(score.score))),
            egui::StrokeKind::Inside,
        );
        painter.text(
            cell.center() - Vec2::new(0.0, 8.0),
            Align2::CENTER_CENTER,
            format!("{:.1}", score.score),
            theme::bold(20.0),
            text,
        );
        painter.text(
            cell.center() + Vec2::new(0.0, 14.0),
            Align2::CENTER_CENTER,
            format!("{} gaps", score.gaps.total()),
            FontId::proportional(12.0),
            muted,
        );
        // What the cell and its column's header say, for screen readers (and the tests that
        // compare the app with the reports).
        let row = &ctx.view().providers[column];
        let mut label = format!(
            "Overall, {}: {:.1}, {} gaps, rank {}",
            score.provider,
            score.score,
            score.gaps.total(),
            score.rank
        );
        if row.chosen {
            label.push_str(", chosen");
        }
        if score.knocked_out() {
            label.push_str(", knocked out");
        }
        ui.interact(
            cell,
            ui.scope_id().with(("overall", column)),
            Sense::hover(),
        )
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &label));
    }
    if let Some((section, column)) = clicked {
        ctx.send(Command::OpenSection(section, Some(column)));
    }
}

fn ranking_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    let palette = ctx.palette;
    ui.heading("Ranking");
    ui.label(if ctx.has_comparison() {
        "With the comparison's weights, must-haves and annotations."
    } else {
        "All weights 1, no must-haves: open a comparison to apply the meeting's choices."
    });
    ui.add_space(6.0);
    let view = ctx.view();
    for score in &view.ranking {
        let chosen = view.providers[score.rank - 1].chosen;
        let stroke = if chosen {
            egui::Stroke::new(2.0, theme::color(palette.accent))
        } else {
            egui::Stroke::new(1.0, theme::color(palette.grid))
        };
        egui::Frame::group(ui.style())
            .stroke(stroke)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(
                        egui::RichText::new(format!("{}", score.rank)).font(theme::bold(22.0)),
                    );
                    ui.vertical(|ui| {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(&score.provider).font(theme::bold(16.0)));
                            if chosen && score.rank == 1 {
                                ui.label(
                                    egui::RichText::new("✓ chosen")
                                        .color(theme::color(palette.accent))
                                        .strong(),
                                );
                            } else if chosen {
                                ui.label(
                                    egui::RichText::new("✓ chosen ⚠ no longer first")
                                        .color(theme::color(palette.knocked_out))
                                        .strong(),
                                );
                            }
                        });
                        let bar = egui::ProgressBar::new((score.score / 100.0) as f32)
                            .text(format!("{:.1}", score.score))
                            .fill(theme::color(palette.score(score.score)))
                            .desired_height(16.0);
                        ui.add(bar);
                        ui.label(format!(
                            "{} · {} weak · {} · {:.0}% asked",
                            plural(score.gaps.total(), "gap"),
                            score.gaps.weak,
                            plural(score.follow_ups, "follow-up"),
                            score.coverage * 100.0
                        ));
                        let documents = &view.providers[score.rank - 1].documents;
                        let healthy = crate::evidence::healthy(documents);
                        let text = format!("Evidence: {}", crate::evidence::summary(documents));
                        if healthy {
                            ui.weak(text);
                        } else {
                            ui.colored_label(
                                theme::color(palette.partial.lerp(palette.text, 0.4)),
                                text,
                            );
                        }
                        let column = score.rank - 1;
                        let earlier = view
                            .histories
                            .iter()
                            .find(|h| h.provider == score.provider)
                            .map_or(0, |h| h.points.len() - 1);
                        if earlier > 0
                            && ui
                                .small_button(format!(
                                    "History: {} earlier audit{}",
                                    earlier,
                                    if earlier == 1 { "" } else { "s" }
                                ))
                                .on_hover_text(UiCommand::ShowHistory.info().tooltip)
                                .clicked()
                        {
                            ctx.send(Command::ShowHistoryOf(score.provider.clone()));
                        }
                        if ui
                            .small_button(format!("Edit {}'s audit", score.provider))
                            .on_hover_text(UiCommand::ShowInterview.info().tooltip)
                            .clicked()
                        {
                            ctx.send(Command::EditAudit(score.provider.clone(), None));
                        }
                        questions_ui(
                            ui,
                            ctx,
                            "Knocked out by",
                            &score.knocked_out_by,
                            column,
                            Some(theme::color(palette.knocked_out)),
                        );
                        questions_ui(ui, ctx, "Accepted risk:", &score.waived, column, None);
                    });
                });
            });
        ui.add_space(4.0);
    }
    if let Some(decision) = &view.decision {
        ui.add_space(8.0);
        ui.strong(format!("Decision: {}", decision.provider));
        ui.label(format!("{}, {}", decision.decided_by, decision.decided_on));
        ui.label(egui::RichText::new(&decision.rationale).italics());
        decision_warning_ui(ui, view, palette);
    }
}

/// The recorded decision measured against what is on screen: a red line when the chosen
/// provider is no longer first or the decision's basis changed, saying what and who leads.
pub(super) fn decision_warning_ui(
    ui: &mut egui::Ui,
    view: &crate::view::ComparisonView,
    palette: crate::palette::Palette,
) {
    if let Some(warning) = view
        .decision_status
        .as_ref()
        .and_then(crate::view::DecisionStatus::warning)
    {
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!("⚠ {warning}"))
                    .color(theme::color(palette.knocked_out))
                    .strong(),
            )
            .wrap(),
        );
    }
}

/// `prefix` and the questions `ids` by their text, each a link that opens the question's
/// detail at provider `column` (its id shows on hover). Nothing when `ids` is empty.
pub(super) fn questions_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    prefix: &str,
    ids: &[crate::model::QuestionId],
    column: usize,
    color: Option<egui::Color32>,
) {
    if ids.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        let mut text = egui::RichText::new(prefix);
        if let Some(color) = color {
            text = text.color(color).strong();
        }
        ui.label(text);
        for id in ids {
            let Some(index) = ctx.questionnaire().position(id.as_str()) else {
                ui.label(id.as_str());
                continue;
            };
            let question =
                crate::model::markdown::plain_text(&ctx.questionnaire().items[index].text);
            if ui
                .link(crate::labels::one_line(&question))
                .on_hover_text(format!("{id}: open the question"))
                .clicked()
            {
                ctx.send(Command::ShowQuestion(index, column));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_names_that_differ_at_the_end_are_shortened_in_the_middle() {
        let ctx = egui::Context::default();
        let mut shown = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for region in ["Region North", "Region South"] {
                let name = format!("Nordlys Cloud Infrastructure Services AB {region}");
                let galley = super::middle_elided(
                    ui,
                    &name,
                    egui::FontId::proportional(14.0),
                    egui::Color32::BLACK,
                    160.0,
                );
                assert!(galley.size().x <= 160.0);
                shown.push(galley.text().to_owned());
            }
            let short = super::middle_elided(
                ui,
                "Kvarnby AB",
                egui::FontId::proportional(14.0),
                egui::Color32::BLACK,
                160.0,
            );
            assert_eq!(short.text(), "Kvarnby AB", "a name that fits is whole");
        });
        output.textures_delta.clear();
        assert!(shown.iter().all(|s| s.contains('…')), "{shown:?}");
        assert_ne!(shown[0], shown[1], "still told apart: {shown:?}");
        assert!(shown[1].ends_with("South"), "{shown:?}");
    }
}
