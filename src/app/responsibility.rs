//! The shared-responsibility screen: per provider, how many controls it says it carries
//! alone, shares with the customer, outsources or leaves to the customer (from a CSA CAIQ's
//! ownership column), per domain, and the list of what the customer still owns. It reads
//! `ComparisonView::ownership` only; nothing here counts.

use egui::{Rect, Sense, Vec2};

use super::command::Command;
use super::context::ViewCtx;
use super::theme;
use crate::palette::{Palette, Rgb};
use crate::view::{OwnershipCounts, OwnershipRow};

/// The shared-responsibility screen and its own state.
#[derive(Debug, Default)]
pub struct ResponsibilityView {
    /// The provider whose "what you still own" list is shown; the first when `None`.
    pub provider: Option<String>,
}

/// The five kinds of ownership, in the order of the bars: words and colour.
fn kinds(palette: &Palette) -> [(&'static str, Rgb); 5] {
    [
        ("CSP-owned", palette.meets),
        ("shared with you", palette.partial),
        ("3rd party", palette.accent),
        ("yours (customer)", palette.gap),
        ("not given", palette.not_asked),
    ]
}

fn values(counts: &OwnershipCounts) -> [usize; 5] {
    [
        counts.csp,
        counts.shared,
        counts.third_party,
        counts.customer,
        counts.blank,
    ]
}

impl ResponsibilityView {
    /// The screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let view = ctx.view();
        ui.heading("Shared responsibility");
        if view.ownership.is_empty() {
            ui.label(
                "No open audit says who carries each control. The split comes from a \
                 provider's CSA CAIQ (its SSRM Control Ownership column): File → Import \
                 answers… reads one into an audit.",
            );
            return;
        }
        ui.label(
            "Who carries each control, as each provider states it in its CAIQ: the provider \
             alone, shared with you, a third party, or you. What is shared or yours is work \
             your platform team still owns.",
        );
        ui.add_space(6.0);
        let palette = ctx.palette;
        legend_ui(ui, &palette);
        ui.add_space(6.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                totals_ui(ui, &view.ownership, &palette);
                ui.add_space(10.0);
                ui.strong("By domain");
                domains_ui(ui, ctx, &view.ownership);
                ui.add_space(10.0);
                self.still_owned_ui(ui, ctx, &view.ownership);
            });
    }

    fn still_owned_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>, rows: &[OwnershipRow]) {
        let shown = self
            .provider
            .as_deref()
            .and_then(|name| rows.iter().find(|r| r.provider == name))
            .or_else(|| rows.first());
        let Some(shown) = shown else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.strong("What you still own with");
            for row in rows {
                let label = format!("{} ({})", row.provider, row.customer_parts.len());
                if ui
                    .selectable_label(row.provider == shown.provider, label)
                    .clicked()
                {
                    self.provider = Some(row.provider.clone());
                }
            }
        });
        if shown.customer_parts.is_empty() {
            ui.weak("Nothing: every control this provider answered is its own.");
            return;
        }
        let column = ctx
            .view()
            .providers
            .iter()
            .position(|p| p.name == shown.provider);
        egui::Grid::new("still-owned")
            .num_columns(3)
            .striped(true)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                ui.strong("Question");
                ui.strong("Ownership");
                ui.strong("Left to you");
                ui.end_row();
                for part in &shown.customer_parts {
                    let text = crate::labels::ellipsize(&part.question.text, 90);
                    let link = ui
                        .link(format!("{} {text}", part.question.id))
                        .on_hover_text(&part.question.text);
                    if link.clicked()
                        && let (Some(item), Some(column)) =
                            (ctx.questionnaire().position(&part.question.id), column)
                    {
                        ctx.send(Command::ShowQuestion(item, column));
                    }
                    ui.label(part.ownership.map_or("not given", |o| o.label()));
                    ui.add(egui::Label::new(part.duties.as_str()).wrap());
                    ui.end_row();
                }
            });
    }
}

fn legend_ui(ui: &mut egui::Ui, palette: &Palette) {
    ui.horizontal_wrapped(|ui| {
        for (word, colour) in kinds(palette) {
            let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
            ui.painter().rect_filled(rect, 2.0, theme::color(colour));
            ui.label(word);
            ui.add_space(8.0);
        }
    });
}

/// One stacked bar per provider over all its answered controls, with the counts.
fn totals_ui(ui: &mut egui::Ui, rows: &[OwnershipRow], palette: &Palette) {
    let kinds = kinds(palette);
    egui::Grid::new("ownership-totals")
        .num_columns(3)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for row in rows {
                ui.strong(&row.provider);
                let counts = values(&row.total);
                let total = row.total.total().max(1);
                let (rect, response) =
                    ui.allocate_exact_size(Vec2::new(360.0, 18.0), Sense::hover());
                let mut x = rect.left();
                for ((_, colour), count) in kinds.iter().zip(counts) {
                    let width = rect.width() * count as f32 / total as f32;
                    let part = Rect::from_min_size(
                        egui::pos2(x, rect.top()),
                        Vec2::new(width, rect.height()),
                    );
                    ui.painter().rect_filled(part, 0.0, theme::color(*colour));
                    x += width;
                }
                let words: Vec<String> = kinds
                    .iter()
                    .zip(counts)
                    .map(|((word, _), count)| format!("{count} {word}"))
                    .collect();
                let spoken = format!("{}: {}", row.provider, words.join(", "));
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &spoken));
                ui.label(words.join(" · "));
                ui.end_row();
            }
        });
}

/// Providers × domains, each cell the five counts.
fn domains_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, rows: &[OwnershipRow]) {
    let sections = &ctx.view().sections;
    egui::ScrollArea::horizontal()
        .id_salt("ownership-domains")
        .show(ui, |ui| {
            egui::Grid::new("ownership-domains-grid")
                .num_columns(sections.len() + 1)
                .striped(true)
                .spacing([10.0, 6.0])
                .show(ui, |ui| {
                    ui.weak("CSP / shared / 3rd party / yours / not given");
                    for row in rows {
                        ui.strong(&row.provider);
                    }
                    ui.end_row();
                    for (index, section) in sections.iter().enumerate() {
                        ui.label(&section.label).on_hover_text(&section.title);
                        for row in rows {
                            let counts = row.sections.get(index).copied().unwrap_or_default();
                            let [csp, shared, third, customer, blank] = values(&counts);
                            let text = format!("{csp} / {shared} / {third} / {customer} / {blank}");
                            if customer + shared > 0 {
                                ui.colored_label(theme::color(ctx.palette.partial), text);
                            } else {
                                ui.label(text);
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
