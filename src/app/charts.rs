//! Charts of gaps (`egui_plot`): verdicts stacked per provider for a section (or all), and
//! section scores per provider, in the palette of the matrix.

use egui_plot::{Bar, BarChart, Legend, Plot};

use super::context::ViewCtx;
use super::theme;
use crate::model::Verdict;
use crate::palette::Rgb;
use crate::scoring::CellStatus;

/// The causes stacked in the verdict chart, bottom to top.
const STACK: [(&str, Option<Verdict>); 5] = [
    ("meets", Some(Verdict::Meets)),
    ("partial", Some(Verdict::Partial)),
    ("gap", Some(Verdict::Gap)),
    ("no answer", Some(Verdict::NoAnswer)),
    ("not asked", None),
];

/// The gap charts screen; it keeps the section its verdict chart shows.
#[derive(Debug, Default)]
pub struct ChartsView {
    /// The section of the verdict chart.
    pub section: usize,
}

impl ChartsView {
    /// The charts view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let palette = ctx.palette;
        let model = ctx;
        let providers = model.provider_count();
        let names: Vec<String> = (0..providers)
            .map(|c| model.provider_name(c).to_owned())
            .collect();
        let q = model.questionnaire();
        self.section = self.section.min(q.sections.len().saturating_sub(1));
        let section = self.section;
        ui.horizontal(|ui| {
            ui.heading("Verdicts per provider");
            for (index, s) in q.sections.iter().enumerate() {
                if ui.selectable_label(index == section, &s.label).clicked() {
                    self.section = index;
                }
            }
        });
        let items = q.sections[section].items.clone();
        let mut charts: Vec<BarChart> = Vec::new();
        for (name, verdict) in STACK {
            let colour: Rgb = verdict.map_or(palette.not_asked, |v| palette.verdict(v));
            let bars: Vec<Bar> = (0..providers)
                .map(|column| {
                    let count = items
                        .clone()
                        .filter(|&item| match (model.status(column, item), verdict) {
                            (CellStatus::Rated(v), Some(wanted)) => v == wanted,
                            (CellStatus::NotAsked, None) => true,
                            _ => false,
                        })
                        .count();
                    Bar::new(column as f64, count as f64)
                        .name(&names[column])
                        .width(0.6)
                        .fill(theme::color(colour))
                        .stroke(egui::Stroke::new(1.0, theme::color(palette.background)))
                })
                .collect();
            let chart = BarChart::new(name, bars).color(theme::color(colour));
            let previous: Vec<&BarChart> = charts.iter().collect();
            let chart = chart.stack_on(&previous);
            charts.push(chart);
        }
        let height = (ui.available_height() / 2.0 - 30.0).max(180.0);
        let axis_names = names.clone();
        Plot::new("verdicts")
            .legend(Legend::default())
            // Room on the right for the legend, so that it never covers the last bar.
            .include_x(-0.6)
            .include_x(providers as f64 - 0.4 + LEGEND_ROOM)
            .height(height)
            .show_grid(egui::Vec2b::new(false, true))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .y_axis_label("questions")
            .x_axis_formatter(move |mark, _| axis_label(&axis_names, mark.value))
            .show(ui, |plot| {
                for chart in charts {
                    plot.bar_chart(chart);
                }
            });
        ui.add_space(8.0);
        ui.heading("Section scores per provider");
        let sections = q.sections.len();
        let group_width = 0.8 / sections.max(1) as f64;
        let mut charts = Vec::new();
        for (index, s) in q.sections.iter().enumerate() {
            let bars: Vec<Bar> = (0..providers)
                .filter_map(|column| {
                    let score = model.view().providers[column].sections[index].score?;
                    let x = column as f64 - 0.4 + group_width * (index as f64 + 0.5);
                    Some(
                        Bar::new(x, score)
                            .width(group_width * 0.9)
                            .name(format!("{} · {}", names[column], s.label))
                            .fill(theme::color(palette.series(index)))
                            .stroke(egui::Stroke::NONE),
                    )
                })
                .collect();
            let colour = palette.series(index);
            charts.push(BarChart::new(s.label.clone(), bars).color(theme::color(colour)));
        }
        let axis_names = names;
        Plot::new("section-scores")
            .legend(Legend::default())
            .include_x(-0.6)
            .include_x(providers as f64 - 0.4 + LEGEND_ROOM)
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .show_grid(egui::Vec2b::new(false, true))
            .include_y(0.0)
            .include_y(100.0)
            .y_axis_label("score")
            .x_axis_formatter(move |mark, _| axis_label(&axis_names, mark.value))
            .show(ui, |plot| {
                for chart in charts {
                    plot.bar_chart(chart);
                }
            });
    }
}

/// The room kept right of the last provider's bars for the legend, in bar positions.
const LEGEND_ROOM: f64 = 1.6;

/// The provider name at an integer position of the x axis, nothing elsewhere.
fn axis_label(names: &[String], value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > 1e-6 || rounded < 0.0 {
        return String::new();
    }
    names.get(rounded as usize).cloned().unwrap_or_default()
}
