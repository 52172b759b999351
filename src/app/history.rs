//! The History view: a provider audited more than once (the yearly review). Its audits
//! with their scores, each section's score over time (`egui_plot` lines), and what changed
//! since the previous audit, worse first, with the word-level changes of every answer.
//! Everything shown comes from the view's `histories`, derived once per change.

use egui::text::{LayoutJob, TextFormat};
use egui_plot::{Legend, Line, Plot, PlotPoints};

use super::command::Command;
use super::context::ViewCtx;
use super::theme;
use crate::history::{Change, Direction, Piece, word_diff};
use crate::palette::Palette;
use crate::view::ProviderHistory;

/// The History screen and its own state: the provider shown and the word-level changes of
/// its answers, worked out once per change of the session, not in every frame.
#[derive(Debug, Default)]
pub struct HistoryView {
    /// The provider shown (the first with a history when none is chosen).
    pub provider: Option<String>,
    diffs: Option<WordDiffs>,
}

/// The word diffs of one provider's changed answers, for one state of the session.
#[derive(Debug)]
struct WordDiffs {
    generation: u64,
    provider: String,
    pieces: Vec<Vec<Piece>>,
}

impl HistoryView {
    /// The provider the view shows, among those with a history.
    #[must_use]
    pub fn shown<'a>(&self, view: &'a crate::view::ComparisonView) -> Option<&'a ProviderHistory> {
        view.histories
            .iter()
            .find(|h| self.provider.as_ref() == Some(&h.provider))
            .or_else(|| view.histories.first())
    }

    /// The History view.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let view = ctx.view();
        let palette = ctx.palette;
        if view.histories.is_empty() {
            ui.add_space(20.0);
            ui.heading("History");
            ui.label(
                "No provider has more than one audit open. Open last year's audit of a \
                 provider beside this year's (File → Open…): the latest is the current one, \
                 the earlier ones are its history, and this view shows what changed.",
            );
            return;
        }
        let Some(shown) = self.shown(view) else {
            return;
        };
        let chosen = shown.provider.clone();
        ui.horizontal(|ui| {
            ui.heading("History of");
            for history in &view.histories {
                if ui
                    .selectable_label(history.provider == chosen, &history.provider)
                    .clicked()
                {
                    self.provider = Some(history.provider.clone());
                }
            }
        });
        let Some(history) = view.histories.iter().find(|h| h.provider == chosen) else {
            return;
        };
        let generation = ctx.generation();
        let fresh = self
            .diffs
            .as_ref()
            .is_some_and(|d| d.generation == generation && d.provider == history.provider);
        if !fresh {
            self.diffs = Some(WordDiffs {
                generation,
                provider: history.provider.clone(),
                pieces: history
                    .diff
                    .changes
                    .iter()
                    .map(|c| word_diff(&c.old_answer, &c.new_answer))
                    .collect(),
            });
        }
        let pieces = self.diffs.as_ref().map_or(&[][..], |d| d.pieces.as_slice());
        let mut open = None;
        let mut carry = false;
        egui::ScrollArea::vertical()
            .id_salt("history")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                audits_ui(ui, history);
                carry = ui
                    .button("Carry over annotations from an earlier comparison…")
                    .on_hover_text(
                        "The annotations of this provider in last year's comparison apply again \
                         where the answer did not change (one step to undo)",
                    )
                    .clicked();
                ui.add_space(6.0);
                chart_ui(ui, history, &view.sections, &palette);
                ui.add_space(8.0);
                changes_ui(ui, history, pieces, &view.sections, &palette, &mut open);
            });
        if carry {
            ctx.send(Command::ChooseCarryOver(history.provider.clone()));
        }
        if let Some(id) = open {
            let item = ctx.questionnaire().position(&id);
            let column = ctx.column_of(&history.provider);
            if let (Some(item), Some(column)) = (item, column) {
                ctx.send(Command::ShowQuestion(item, column));
            }
        }
    }
}

/// The audits, oldest first, with their scores.
fn audits_ui(ui: &mut egui::Ui, history: &ProviderHistory) {
    egui::Grid::new("history-audits")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("Audited on");
            ui.strong("File");
            ui.strong("Score");
            ui.end_row();
            let last = history.points.len().saturating_sub(1);
            for (index, point) in history.points.iter().enumerate() {
                let date = point.date.as_deref().unwrap_or("undated");
                if index == last {
                    ui.strong(format!("{date} (current)"));
                } else {
                    ui.label(date);
                }
                ui.label(&point.file);
                ui.label(format!("{:.1}", point.score));
                ui.end_row();
            }
        });
}

/// Each section's score over the audits, one line per section, the overall score bold.
fn chart_ui(
    ui: &mut egui::Ui,
    history: &ProviderHistory,
    sections: &[crate::view::SectionColumn],
    palette: &Palette,
) {
    ui.strong("Score per section over time");
    let dates: Vec<String> = history
        .points
        .iter()
        .map(|p| p.date.clone().unwrap_or_else(|| "undated".to_owned()))
        .collect();
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        let points: Vec<[f64; 2]> = history
            .points
            .iter()
            .enumerate()
            .filter_map(|(x, p)| Some([x as f64, p.sections.get(index).copied()??]))
            .collect();
        lines.push(
            Line::new(section.label.clone(), PlotPoints::from(points))
                .color(theme::color(palette.series(index)))
                .width(2.0),
        );
    }
    let overall: Vec<[f64; 2]> = history
        .points
        .iter()
        .enumerate()
        .map(|(x, p)| [x as f64, p.score])
        .collect();
    lines.push(
        Line::new("Overall", PlotPoints::from(overall))
            .color(theme::color(palette.text))
            .width(3.5),
    );
    let count = history.points.len();
    // From a little under the lowest score: small changes stay visible.
    let lowest = history
        .points
        .iter()
        .flat_map(|p| p.sections.iter().flatten().copied().chain([p.score]))
        .fold(100.0_f64, f64::min);
    let floor = ((lowest - 5.0) / 10.0).floor().max(0.0) * 10.0;
    Plot::new(("history-scores", &history.provider))
        .legend(Legend::default())
        .height(240.0)
        .include_x(-0.2)
        // Room on the right for the legend.
        .include_x(count as f64 - 1.0 + 0.8)
        .include_y(floor)
        .include_y(100.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_grid(egui::Vec2b::new(false, true))
        .y_axis_label("score")
        .x_axis_formatter(move |mark, _| {
            let rounded = mark.value.round();
            if (mark.value - rounded).abs() > 1e-6 || rounded < 0.0 {
                return String::new();
            }
            dates.get(rounded as usize).cloned().unwrap_or_default()
        })
        .show(ui, |plot| {
            for line in lines {
                plot.line(line);
            }
        });
}

/// The colour of a change's arrow: the meets colour up, the gap colour down.
pub(super) fn direction_colour(direction: Direction, palette: &Palette) -> crate::palette::Rgb {
    match direction {
        Direction::Better => palette.meets,
        Direction::Worse => palette.gap,
        Direction::Same => palette.muted,
    }
}

/// What changed since the previous audit: by section, worse first.
fn changes_ui(
    ui: &mut egui::Ui,
    history: &ProviderHistory,
    pieces: &[Vec<Piece>],
    sections: &[crate::view::SectionColumn],
    palette: &Palette,
    open: &mut Option<String>,
) {
    let diff = &history.diff;
    ui.heading(format!(
        "Changes since {} ({} → {})",
        diff.old
            .audited_on
            .as_deref()
            .unwrap_or("the previous audit"),
        format_args!("{:.1}", diff.old.score),
        format_args!("{:.1}", diff.new.score),
    ));
    if diff.renamed() {
        ui.label(format!(
            "The provider's name changed: {} → {}",
            diff.old.provider, diff.new.provider
        ));
    }
    if diff.changes.is_empty() {
        ui.label("Nothing changed: every verdict, answer and document is the same.");
    }
    for (number, section) in sections.iter().enumerate() {
        let changes: Vec<(&Change, &[Piece])> = diff
            .changes
            .iter()
            .enumerate()
            .filter(|(_, c)| c.section == number)
            .map(|(index, c)| (c, pieces.get(index).map_or(&[][..], Vec::as_slice)))
            .collect();
        if changes.is_empty() {
            continue;
        }
        let scores = &diff.sections[number];
        let score = |s: Option<f64>| s.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
        ui.add_space(6.0);
        ui.strong(format!(
            "{} {} → {}",
            section.title,
            score(scores.old_score),
            score(scores.new_score)
        ));
        for (change, pieces) in changes {
            change_ui(ui, change, pieces, palette, open);
        }
    }
    if !diff.not_in_questionnaire.is_empty() {
        ui.add_space(6.0);
        ui.label(format!(
            "Answered, no longer in the questionnaire: {}",
            diff.not_in_questionnaire.join(", ")
        ));
    }
}

fn change_ui(
    ui: &mut egui::Ui,
    change: &Change,
    pieces: &[Piece],
    palette: &Palette,
    open: &mut Option<String>,
) {
    let colour = direction_colour(change.direction, palette);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            egui::RichText::new(change.direction.arrow())
                .color(theme::color(colour))
                .strong(),
        );
        ui.label(egui::RichText::new(change.kind.as_str()).weak());
        if ui
            .link(&change.question)
            .on_hover_text(format!("Open {} in its section", change.id))
            .clicked()
        {
            *open = Some(change.id.clone());
        }
        ui.label(change.verdicts());
    });
    ui.indent(("change", &change.id), |ui| {
        if change.old_answer != change.new_answer {
            ui.label(answer_diff(pieces, ui.style(), palette));
        }
        for line in &change.evidence {
            ui.label(egui::RichText::new(line).weak());
        }
    });
}

/// The answer's word-level changes: removed words struck through in the gap colour, added
/// words underlined in the meets colour.
fn answer_diff(pieces: &[Piece], style: &egui::Style, palette: &Palette) -> LayoutJob {
    let mut job = LayoutJob::default();
    let font = egui::TextStyle::Body.resolve(style);
    let text = theme::color(palette.text);
    let mut after_removed = false;
    for piece in pieces {
        // A removed run directly followed by an added one gets a space between them.
        if after_removed && matches!(piece, Piece::Added(_)) {
            job.append(" ", 0.0, TextFormat::simple(font.clone(), text));
        }
        after_removed = matches!(piece, Piece::Removed(_));
        let (content, format) = match piece {
            Piece::Same(content) => (content, TextFormat::simple(font.clone(), text)),
            Piece::Removed(content) => (
                content,
                TextFormat {
                    strikethrough: egui::Stroke::new(1.0, theme::color(palette.gap)),
                    color: theme::color(palette.gap),
                    ..TextFormat::simple(font.clone(), text)
                },
            ),
            Piece::Added(content) => (
                content,
                TextFormat {
                    underline: egui::Stroke::new(1.0, theme::color(palette.meets)),
                    color: theme::color(palette.meets.lerp(palette.text, 0.35)),
                    ..TextFormat::simple(font.clone(), text)
                },
            ),
        };
        job.append(content, 0.0, format);
    }
    job
}
