//! The section matrix: questions (indented by depth, headings as group rows) × providers,
//! each cell coloured by verdict with an excerpt of the answer. Rows and columns are
//! virtualised: only what is in the viewport is laid out and painted.

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::command::{Command, UiCommand};
use super::context::ViewCtx;
use super::model::Filters;
use super::overview::elided;
use super::{Selection, theme};
use crate::model::{Flag, ItemKind, Provenance, markdown};
use crate::palette::Palette;
use crate::scoring::CellStatus;

/// Height of one row (question or heading).
pub const ROW_HEIGHT: f32 = 40.0;
/// Height of the sticky header with the provider names.
pub const HEADER_HEIGHT: f32 = 46.0;

/// Column geometry for `providers` columns in `width` points.
fn geometry(width: f32, providers: usize) -> (f32, f32) {
    let question_width = (width * 0.32).clamp(300.0, 520.0);
    let cell_width = ((width - question_width) / providers.max(1) as f32).clamp(150.0, 280.0);
    (question_width, cell_width)
}

/// The label of a cell for people and for accessibility (tests find cells by it).
#[must_use]
pub fn cell_label(provider: &str, id: &str, status: CellStatus) -> String {
    let state = crate::labels::status_label(status);
    format!("{provider} · {id}: {state}")
}

/// The scroll offset along one axis that shows step `index` (a row or a column of `step`
/// points) whole in `room` points: the current `offset` when it is already whole, else the
/// nearest offset that starts at a step boundary.
fn whole_step_offset(offset: f32, room: f32, step: f32, index: usize) -> f32 {
    let start = step * index as f32;
    let fits = (room / step).floor().max(1.0);
    if start >= offset - 0.5 && start + step <= offset + room + 0.5 {
        offset
    } else if start < offset {
        start
    } else {
        step * (index as f32 + 1.0 - fits).max(0.0)
    }
}

/// Scrolls the matrix's area so that content `offset` (from the content's `origin`) is at
/// the top left of the view. egui keeps an item spacing before an aligned target: the target
/// is moved by as much so that the offset is exact.
fn scroll_to_offset(ui: &egui::Ui, origin: Pos2, offset: Vec2) {
    let at = origin + offset + ui.spacing().item_spacing;
    ui.scroll_to_rect(Rect::from_min_size(at, Vec2::ZERO), Some(egui::Align::Min));
}

/// The length of `count` steps of `step` points in a view of `room` points, with the slack
/// after the last step that lets every scroll by whole steps reach it.
fn scroll_extent(room: f32, step: f32, count: usize) -> f32 {
    let length = step * count as f32;
    if length <= room || room <= step {
        return length;
    }
    length + (room - (room / step).floor() * step)
}

/// The section matrix screen and its own state: the section shown, the filters, the
/// selected cell, the question detail beside it and the rows that pass the filters.
#[derive(Debug, Default)]
pub struct MatrixView {
    /// The section shown (index in the questionnaire).
    pub section: usize,
    /// The filters.
    pub filters: Filters,
    /// The selected cell.
    pub selection: Option<Selection>,
    /// Whether the question detail is shown.
    pub detail_open: bool,
    /// The question detail's own state (the annotation being written).
    pub detail: super::detail::DetailPanel,
    /// The search field takes the focus in the next frame.
    pub focus_search: bool,
    /// The selected cell is scrolled into view in the next frame.
    pub scroll_to_selection: bool,
    /// This provider column is scrolled into view in the next frame.
    pub scroll_to_column: Option<usize>,
    rows: Option<RowsCache>,
    /// While searching: how many questions of each section match, for one state.
    counts: Option<(u64, Filters, Vec<usize>)>,
}

/// The rows of the section after the filters, for one state of the session.
#[derive(Debug)]
struct RowsCache {
    section: usize,
    filters: Filters,
    generation: u64,
    rows: Vec<usize>,
}

impl MatrixView {
    /// The matrix view: section tabs, filters and the grid.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        self.section = self
            .section
            .min(ctx.questionnaire().sections.len().saturating_sub(1));
        self.section_tabs_ui(ui, ctx);
        self.filters_ui(ui, ctx);
        ui.add_space(4.0);
        self.grid_ui(ui, ctx);
    }

    /// The rows of the current section that pass the filters, as item indices (cached
    /// until the section, the filters or the session change).
    pub fn rows(&mut self, ctx: &ViewCtx<'_>) -> &[usize] {
        let generation = ctx.generation();
        let fresh = self.rows.as_ref().is_some_and(|cache| {
            cache.section == self.section
                && cache.filters == self.filters
                && cache.generation == generation
        });
        if !fresh {
            self.rows = Some(RowsCache {
                section: self.section,
                filters: self.filters.clone(),
                generation,
                rows: matrix_rows(ctx, self.section, &self.filters),
            });
        }
        self.rows
            .as_ref()
            .map_or(&[], |cache| cache.rows.as_slice())
    }

    /// Moves the selection one step; the first answerable cell when there is none.
    pub fn move_selection(&mut self, ctx: &ViewCtx<'_>, command: UiCommand) {
        let columns = ctx.provider_count();
        let questionnaire = ctx.questionnaire();
        let answerable: Vec<usize> = self
            .rows(ctx)
            .iter()
            .copied()
            .filter(|&item| questionnaire.items[item].kind.is_answerable())
            .collect();
        if answerable.is_empty() || columns == 0 {
            return;
        }
        let Some(current) = self.selection else {
            self.selection = Some(Selection {
                item: answerable[0],
                column: 0,
            });
            self.scroll_to_selection = true;
            return;
        };
        let row = answerable
            .iter()
            .position(|&i| i == current.item)
            .unwrap_or(0);
        let (row, column) = match command {
            UiCommand::MoveUp => (row.saturating_sub(1), current.column),
            UiCommand::MoveDown => ((row + 1).min(answerable.len() - 1), current.column),
            UiCommand::MoveLeft => (row, current.column.saturating_sub(1)),
            _ => (row, (current.column + 1).min(columns - 1)),
        };
        self.selection = Some(Selection {
            item: answerable[row],
            column,
        });
        self.scroll_to_selection = true;
    }

    /// While searching, the number of matching questions in each section (cached).
    fn search_counts(&mut self, ctx: &ViewCtx<'_>) -> Option<Vec<usize>> {
        if self.filters.search.trim().is_empty() {
            return None;
        }
        let generation = ctx.generation();
        let fresh = self
            .counts
            .as_ref()
            .is_some_and(|(g, f, _)| *g == generation && *f == self.filters);
        if !fresh {
            let questionnaire = ctx.questionnaire();
            let counts = (0..questionnaire.sections.len())
                .map(|section| {
                    matrix_rows(ctx, section, &self.filters)
                        .into_iter()
                        .filter(|&item| questionnaire.items[item].kind.is_answerable())
                        .count()
                })
                .collect();
            self.counts = Some((generation, self.filters.clone(), counts));
        }
        self.counts.as_ref().map(|(_, _, counts)| counts.clone())
    }

    fn section_tabs_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let counts = self.search_counts(ctx);
        ui.horizontal_wrapped(|ui| {
            let sections: Vec<(usize, String)> = ctx
                .questionnaire()
                .sections
                .iter()
                .enumerate()
                .map(|(i, s)| (i, s.label.clone()))
                .collect();
            for (index, label) in sections {
                let selected = index == self.section;
                // While searching, each section says how many of its questions match.
                let label = match counts.as_ref().and_then(|c| c.get(index)) {
                    Some(count) => format!("{label} ({count})"),
                    None => label,
                };
                let text = egui::RichText::new(label).size(16.0);
                if ui.selectable_label(selected, text).clicked() && !selected {
                    ctx.send(Command::OpenSection(index, None));
                }
            }
            ui.separator();
            if let Some(section) = ctx.questionnaire().sections.get(self.section) {
                ui.weak(&section.title);
            }
        });
    }

    fn filters_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let palette = ctx.palette;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Search");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.filters.search)
                        .hint_text("questions, answers, notes")
                        .desired_width(260.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus_search) {
                response.request_focus();
            }
            let filters = &mut self.filters;
            ui.checkbox(&mut filters.only_gaps, "Only gaps");
            ui.checkbox(&mut filters.only_differ, "Only where providers differ");
            ui.checkbox(&mut filters.only_must_have, "Only must-haves");
            ui.checkbox(&mut filters.only_annotated, "Only annotated");
            ui.checkbox(&mut filters.self_managed_scope, "Self-managed scope")
                .on_hover_text("Hide the questions of the managed-service sections (Legal, Collaboration, Environment)");
        });
        ui.horizontal_wrapped(|ui| legend_ui(ui, &palette));
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one painting pass: cells, sticky column, sticky header"
    )]
    fn grid_ui(&mut self, ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
        let rows: Vec<usize> = self.rows(ctx).to_vec();
        let palette = ctx.palette;
        let providers = ctx.provider_count();
        if rows.is_empty() {
            ui.add_space(20.0);
            ui.label("No question matches the filters.");
            return;
        }
        let (question_width, cell_width) = geometry(ui.available_width(), providers);
        // Room for the last column and row to scroll to the sticky edges: scrolled by whole
        // steps, the view ends on a step boundary.
        let available = ui.available_size();
        let content = Vec2::new(
            question_width + scroll_extent(available.x - question_width, cell_width, providers),
            HEADER_HEIGHT + scroll_extent(available.y - HEADER_HEIGHT, ROW_HEIGHT, rows.len()),
        );
        let mut commands = Vec::new();
        let selection = self.selection;
        let scroll_to_selection = std::mem::take(&mut self.scroll_to_selection);
        let scroll_to_column = self.scroll_to_column.take();
        let model = ctx;
        let needle = self.filters.search.trim().to_lowercase();
        let author = ctx.prefs.author.as_str();
        let view = ctx.view();
        // Each column's history (re-audits), looked up once per frame, not per cell.
        let histories: Vec<Option<&crate::view::ProviderHistory>> = (0..providers)
            .map(|column| {
                let name = model.provider_name(column);
                view.histories.iter().find(|h| h.provider == name)
            })
            .collect();
        egui::ScrollArea::both()
            .id_salt(("matrix", self.section))
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let (_, origin_rect) = ui.allocate_space(content);
                let origin = origin_rect.min;
                let painter = ui.painter().clone();
                let clip = ui.clip_rect();
                // The region where cells are visible, under the sticky header and beside the sticky column.
                let cells_clip = Rect::from_min_max(
                    Pos2::new(clip.left() + question_width, clip.top() + HEADER_HEIGHT),
                    clip.max,
                );
                let first_row =
                    ((viewport.min.y - HEADER_HEIGHT).max(0.0) / ROW_HEIGHT).floor() as usize;
                let last_row =
                    (((viewport.max.y - HEADER_HEIGHT).max(0.0) / ROW_HEIGHT).ceil() as usize + 1)
                        .min(rows.len());
                let first_column = ((viewport.min.x).max(0.0) / cell_width).floor() as usize;
                let last_column =
                    ((viewport.max.x / cell_width).ceil() as usize + 1).min(providers);
                let cell_rect = |row: usize, column: usize| {
                    Rect::from_min_size(
                        origin
                            + Vec2::new(
                                question_width + cell_width * column as f32,
                                HEADER_HEIGHT + ROW_HEIGHT * row as f32,
                            ),
                        Vec2::new(cell_width, ROW_HEIGHT),
                    )
                };
                if scroll_to_selection
                    && let Some(selected) = selection
                    && let Some(row) = rows.iter().position(|&i| i == selected.item)
                {
                    // Scroll by whole rows and columns, under the sticky header and beside the
                    // sticky question column: no column is left half hidden at the left edge.
                    let offset = Vec2::new(
                        whole_step_offset(
                            viewport.min.x,
                            viewport.width() - question_width,
                            cell_width,
                            selected.column,
                        ),
                        whole_step_offset(
                            viewport.min.y,
                            viewport.height() - HEADER_HEIGHT,
                            ROW_HEIGHT,
                            row,
                        ),
                    );
                    scroll_to_offset(ui, origin, offset);
                }
                if let Some(column) = scroll_to_column {
                    let offset = Vec2::new(cell_width * column as f32, viewport.min.y);
                    scroll_to_offset(ui, origin, offset);
                }
                let text = theme::color(palette.text);
                let muted = theme::color(palette.muted);
                for (row, &item) in rows.iter().enumerate().take(last_row).skip(first_row) {
                    let entry = &model.questionnaire().items[item];
                    if entry.kind == ItemKind::Heading {
                        let band = Rect::from_min_size(
                            origin
                                + Vec2::new(
                                    question_width,
                                    HEADER_HEIGHT + ROW_HEIGHT * row as f32,
                                ),
                            Vec2::new(cell_width * providers as f32, ROW_HEIGHT),
                        );
                        painter.with_clip_rect(cells_clip).rect_filled(
                            band,
                            0.0,
                            theme::color(palette.surface),
                        );
                        continue;
                    }
                    for column in first_column..last_column {
                        let rect = cell_rect(row, column).shrink(1.5);
                        let status = model.status(column, item);
                        let provider = model.provider_name(column);
                        let answer = model.answer(column, item);
                        let annotation = view
                            .cell(column, item)
                            .filter(|cell| cell.annotated)
                            .and_then(|_| model.annotation(provider, entry.id.as_str()));
                        let cell_painter = painter.with_clip_rect(cells_clip);
                        paint_cell(ui, &cell_painter, rect, status, answer, &needle, &palette);
                        let history = histories.get(column).copied().flatten();
                        let change = history
                            .and_then(|h| h.verdict_change(entry.id.as_str()))
                            .map(|(direction, change)| (direction, change, history));
                        if let Some((direction, _, _)) = change {
                            paint_change_marker(&cell_painter, rect, direction, &palette);
                        }
                        if let Some(annotation) = annotation {
                            paint_annotation_marker(
                                &cell_painter,
                                rect,
                                annotation.flag,
                                annotation.verdict.is_some(),
                                &palette,
                            );
                        }
                        let is_selected = selection == Some(Selection { item, column });
                        if is_selected {
                            cell_painter.rect_stroke(
                                rect,
                                3.0,
                                Stroke::new(2.5, theme::color(palette.accent)),
                                StrokeKind::Inside,
                            );
                        }
                        let visible = rect.intersect(cells_clip);
                        if !visible.is_positive() {
                            continue;
                        }
                        let response = ui.interact(
                            visible,
                            ui.scope_id().with(("cell", item, column)),
                            Sense::click(),
                        );
                        let mut label = cell_label(provider, entry.id.as_str(), status);
                        if answer.is_some_and(|a| a.provenance == Provenance::SelfAssessed) {
                            label.push_str(" (self-assessed)");
                        }
                        if let Some((direction, _, _)) = change {
                            label.push_str(&format!(
                                " · {} since the previous audit",
                                direction.as_str()
                            ));
                        }
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(
                                egui::Role::Button,
                                true,
                                is_selected,
                                &label,
                            )
                        });
                        if response.hovered() && !is_selected {
                            cell_painter.rect_stroke(
                                rect,
                                3.0,
                                Stroke::new(1.5, muted),
                                StrokeKind::Inside,
                            );
                        }
                        let response = response.on_hover_ui(|ui| {
                            ui.set_max_width(480.0);
                            ui.strong(&label);
                            if let Some(answer) = answer {
                                if !answer.answer.is_empty() {
                                    ui.label(&answer.answer);
                                }
                                ui.weak(format!("Provenance: {}", answer.provenance.label()));
                                if !answer.claim.trim().is_empty() {
                                    ui.weak(format!("The provider says: {}", answer.claim.trim()));
                                }
                                if !answer.note.is_empty() {
                                    ui.label(
                                        egui::RichText::new(format!("Note: {}", answer.note))
                                            .italics(),
                                    );
                                }
                            }
                            if let Some((direction, change, Some(history))) = change {
                                let previous = history
                                    .points
                                    .iter()
                                    .rev()
                                    .nth(1)
                                    .and_then(|p| p.date.clone())
                                    .unwrap_or_else(|| "undated".to_owned());
                                ui.separator();
                                ui.label(format!(
                                    "{} {} since the audit of {previous}: {}",
                                    direction.arrow(),
                                    direction.as_str(),
                                    change.verdicts(),
                                ));
                                if !change.old_answer.is_empty() {
                                    ui.label(
                                        egui::RichText::new(format!("Then: {}", change.old_answer))
                                            .weak(),
                                    );
                                }
                            }
                            if let Some(annotation) = annotation {
                                let flag = crate::labels::flag_title(annotation.flag);
                                ui.label(format!(
                                    "{flag}: {} ({})",
                                    annotation.comment, annotation.author
                                ));
                                if let Some(verdict) = annotation.verdict {
                                    ui.label(format!("Verdict overridden to {}", verdict.label()));
                                }
                            }
                        });
                        response.context_menu(|ui| {
                            super::annotate::cell_menu_ui(
                                ui,
                                annotation,
                                author,
                                provider,
                                &entry.id,
                                &mut commands,
                            );
                        });
                        if response.clicked() || response.secondary_clicked() {
                            commands.push(Command::Select(item, column));
                        }
                        if response.double_clicked() {
                            commands.push(UiCommand::ShowDetail.into());
                        }
                    }
                }
                // Sticky question column.
                let column_clip = Rect::from_min_max(
                    Pos2::new(clip.left(), clip.top() + HEADER_HEIGHT),
                    Pos2::new(clip.left() + question_width, clip.bottom()),
                );
                let column_painter = painter.with_clip_rect(column_clip);
                column_painter.rect_filled(column_clip, 0.0, theme::color(palette.background));
                for (row, &item) in rows.iter().enumerate().take(last_row).skip(first_row) {
                    let entry = &model.questionnaire().items[item];
                    let rect = Rect::from_min_size(
                        Pos2::new(
                            clip.left(),
                            origin.y + HEADER_HEIGHT + ROW_HEIGHT * row as f32,
                        ),
                        Vec2::new(question_width, ROW_HEIGHT),
                    );
                    let indent = 18.0 * entry.depth as f32;
                    let heading = entry.kind == ItemKind::Heading;
                    if heading {
                        column_painter.rect_filled(rect, 0.0, theme::color(palette.surface));
                    }
                    let mut prefix = String::new();
                    if entry.condition.is_some() {
                        prefix.push_str("↳ ");
                    }
                    if model.is_must_have(entry.id.as_str()) {
                        prefix.push_str("★ ");
                    }
                    let question = format!("{prefix}{}", markdown::plain_text(&entry.text));
                    let font = if heading {
                        theme::bold(15.0)
                    } else {
                        FontId::proportional(14.0)
                    };
                    let galley = elided(ui, &question, font, text, question_width - indent - 14.0);
                    column_painter.galley(
                        rect.left_center() + Vec2::new(8.0 + indent, -galley.size().y / 2.0 - 5.0),
                        galley,
                        text,
                    );
                    column_painter.text(
                        rect.left_center() + Vec2::new(8.0 + indent, 11.0),
                        Align2::LEFT_CENTER,
                        entry.id.as_str(),
                        FontId::monospace(10.5),
                        muted,
                    );
                    let visible = rect.intersect(column_clip);
                    if visible.is_positive() && !heading {
                        let response = ui
                            .interact(
                                visible,
                                ui.scope_id().with(("question", item)),
                                Sense::click(),
                            )
                            .on_hover_text(markdown::plain_text(&entry.text));
                        response.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::Button,
                                true,
                                format!("Question {}", entry.id),
                            )
                        });
                        if response.clicked() {
                            commands.push(Command::Select(item, selection.map_or(0, |s| s.column)));
                            commands.push(UiCommand::ShowDetail.into());
                        }
                    }
                }
                // Sticky header with the provider names.
                let header_clip = Rect::from_min_max(
                    clip.min,
                    Pos2::new(clip.right(), clip.top() + HEADER_HEIGHT),
                );
                let header_painter = painter.with_clip_rect(header_clip);
                header_painter.rect_filled(header_clip, 0.0, theme::color(palette.surface));
                let header_cells = Rect::from_min_max(
                    Pos2::new(clip.left() + question_width, clip.top()),
                    Pos2::new(clip.right(), clip.top() + HEADER_HEIGHT),
                );
                let names_painter = painter.with_clip_rect(header_cells);
                for column in first_column..last_column {
                    let x = origin.x + question_width + cell_width * column as f32;
                    let score = &model.ranking()[column];
                    let galley = super::overview::middle_elided(
                        ui,
                        &score.provider,
                        theme::bold(14.0),
                        text,
                        cell_width - 12.0,
                    );
                    names_painter.galley(Pos2::new(x + 6.0, clip.top() + 5.0), galley, text);
                    let mut caption = format!("#{} · {:.1}", score.rank, score.score);
                    if score.knocked_out() {
                        caption.push_str(" · out");
                    }
                    names_painter.text(
                        Pos2::new(x + 6.0, clip.top() + 27.0),
                        Align2::LEFT_TOP,
                        caption,
                        FontId::proportional(12.0),
                        muted,
                    );
                    // The column header opens the provider's audit in the interview.
                    let place = Rect::from_min_size(
                        Pos2::new(x, clip.top()),
                        egui::vec2(cell_width, HEADER_HEIGHT),
                    )
                    .intersect(header_cells);
                    let provider = score.provider.clone();
                    let response = ui
                        .interact(
                            place,
                            ui.scope_id().with(("provider-header", column)),
                            egui::Sense::click(),
                        )
                        .on_hover_text(format!(
                            "{provider}: double click or right click to edit the audit"
                        ));
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("{provider} column"),
                        )
                    });
                    if response.double_clicked() {
                        commands.push(Command::EditAudit(provider.clone(), None));
                    }
                    response.context_menu(|ui| {
                        if ui.button(format!("Edit {provider}'s audit")).clicked() {
                            commands.push(Command::EditAudit(provider.clone(), None));
                            ui.close();
                        }
                    });
                }
                header_painter.text(
                    Pos2::new(clip.left() + 8.0, clip.top() + HEADER_HEIGHT / 2.0),
                    Align2::LEFT_CENTER,
                    format!(
                        "{} questions",
                        rows.iter()
                            .filter(|&&i| model.questionnaire().items[i].kind.is_answerable())
                            .count()
                    ),
                    theme::bold(14.0),
                    muted,
                );
            });
        for command in commands {
            ctx.send(command);
        }
    }
}

/// The rows of section `section` that pass `filters`, as item indices.
fn matrix_rows(ctx: &ViewCtx<'_>, section: usize, filters: &Filters) -> Vec<usize> {
    let Some(range) = ctx
        .questionnaire()
        .sections
        .get(section)
        .map(|s| s.items.clone())
    else {
        return Vec::new();
    };
    let needle = filters.search.trim().to_lowercase();
    range
        .filter(|&item| row_passes(ctx, item, filters, &needle))
        .collect()
}

fn row_passes(ctx: &ViewCtx<'_>, item: usize, filters: &Filters, needle: &str) -> bool {
    let entry = &ctx.questionnaire().items[item];
    if filters.self_managed_scope && entry.has_tag("managed-service") {
        return false;
    }
    let heading = entry.kind == ItemKind::Heading;
    let any_filter = filters.only_gaps
        || filters.only_differ
        || filters.only_must_have
        || filters.only_annotated
        || !needle.is_empty();
    if heading {
        // Headings stay as group rows unless a filter is on.
        return !any_filter;
    }
    let mut columns = 0..ctx.provider_count();
    if filters.only_gaps
        && !columns
            .clone()
            .any(|c| ctx.status(c, item).value().is_some_and(|v| v < 1.0))
    {
        return false;
    }
    if filters.only_differ {
        let mut verdicts = columns.clone().map(|c| ctx.status(c, item));
        let first = verdicts.next();
        if verdicts.all(|v| Some(v) == first) {
            return false;
        }
    }
    if filters.only_must_have && !ctx.is_must_have(entry.id.as_str()) {
        return false;
    }
    if filters.only_annotated
        && !columns
            .clone()
            .any(|c| ctx.view().cell(c, item).is_some_and(|cell| cell.annotated))
    {
        return false;
    }
    if !needle.is_empty() {
        let in_question =
            entry.text.to_lowercase().contains(needle) || entry.id.as_str().contains(needle);
        let in_answers = columns.any(|c| {
            ctx.answer(c, item).is_some_and(|a| {
                a.answer.to_lowercase().contains(needle) || a.note.to_lowercase().contains(needle)
            })
        });
        if !in_question && !in_answers {
            return false;
        }
    }
    true
}

fn paint_cell(
    ui: &egui::Ui,
    painter: &egui::Painter,
    rect: Rect,
    status: CellStatus,
    answer: Option<&crate::model::Answer>,
    needle: &str,
    palette: &Palette,
) {
    // The provider's own verdict, accepted as given (a CAIQ), says so beside the word.
    let self_assessed = answer.is_some_and(|a| a.provenance == Provenance::SelfAssessed);
    // No text of its own: the provider's Yes/No/NA stands for it.
    let claim = answer
        .filter(|a| a.answer.trim().is_empty() && !a.claim.trim().is_empty())
        .map(|a| format!("says {}", a.claim.trim()));
    let answer = claim.as_deref().or(answer.map(|a| a.answer.as_str()));
    let colour = palette.status(status);
    let text = theme::color(palette.text);
    let (fill, bar) = match status {
        CellStatus::OutOfScope | CellStatus::Heading => (
            palette.not_applicable.lerp(palette.background, 0.5),
            palette.not_applicable,
        ),
        _ => (colour.lerp(palette.background, 0.72), colour),
    };
    painter.rect_filled(rect, 3.0, theme::color(fill));
    painter.rect_filled(
        Rect::from_min_size(rect.min, Vec2::new(6.0, rect.height())),
        3.0,
        theme::color(bar),
    );
    let excerpt = match (status, answer) {
        (CellStatus::OutOfScope, _) => "out of scope".to_owned(),
        (CellStatus::NotAsked, Some(a)) if !a.trim().is_empty() => a.to_owned(),
        (CellStatus::NotAsked, _) => "not asked".to_owned(),
        (CellStatus::Rated(verdict), Some(a)) if !a.trim().is_empty() => {
            let _ = verdict;
            a.to_owned()
        }
        (CellStatus::Rated(verdict), _) => verdict.label().to_owned(),
        (CellStatus::Heading, _) => String::new(),
    };
    let label_color = if matches!(status, CellStatus::Rated(_)) {
        text
    } else {
        theme::color(palette.muted)
    };
    let word = match status {
        CellStatus::Rated(verdict) if self_assessed => {
            format!("{} · self-assessed", verdict.label())
        }
        CellStatus::Rated(verdict) => verdict.label().to_owned(),
        _ => String::new(),
    };
    painter.text(
        rect.left_top() + Vec2::new(12.0, 4.0),
        Align2::LEFT_TOP,
        word,
        theme::bold(11.0),
        theme::color(bar.lerp(palette.text, 0.45)),
    );
    let job = highlighted(
        &excerpt,
        needle,
        &FontId::proportional(13.0),
        label_color,
        theme::color(palette.partial.lerp(palette.background, 0.35)),
        rect.width() - 18.0,
    );
    let galley = ui.fonts_mut(|fonts| fonts.layout_job(job));
    painter.galley(rect.left_top() + Vec2::new(12.0, 19.0), galley, label_color);
}

/// One line of `text` in at most `width` points with the first match of `needle` (lower
/// case) marked; a match further on is brought into view ("…the match and after").
pub(super) fn highlighted(
    text: &str,
    needle: &str,
    font: &FontId,
    color: egui::Color32,
    mark: egui::Color32,
    width: f32,
) -> egui::text::LayoutJob {
    use egui::text::{LayoutJob, TextFormat};
    let plain = TextFormat::simple(font.clone(), color);
    let mut job = LayoutJob::default();
    // Byte offsets of the lower-cased text are the text's own only when lower-casing kept
    // every length (it does for most scripts); otherwise the text is shown unmarked.
    let lower = text.to_lowercase();
    let found = (!needle.is_empty() && lower.len() == text.len())
        .then(|| lower.find(needle))
        .flatten()
        .filter(|&at| text.is_char_boundary(at) && text.is_char_boundary(at + needle.len()));
    match found {
        Some(at) => {
            // Up to 10 characters of context before the match.
            let start = text[..at]
                .char_indices()
                .rev()
                .nth(9)
                .map_or(0, |(index, _)| index);
            if start > 0 {
                job.append("…", 0.0, plain.clone());
            }
            job.append(&text[start..at], 0.0, plain.clone());
            job.append(
                &text[at..at + needle.len()],
                0.0,
                TextFormat {
                    background: mark,
                    ..plain.clone()
                },
            );
            job.append(&text[at + needle.len()..], 0.0, plain);
        }
        None => job.append(text, 0.0, plain),
    }
    job.wrap = egui::text::TextWrapping {
        max_width: width.max(8.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    job
}

/// ↑ or ↓ in the cell's lower right corner: the verdict changed since the provider's
/// previous audit.
fn paint_change_marker(
    painter: &egui::Painter,
    rect: Rect,
    direction: crate::history::Direction,
    palette: &Palette,
) {
    let colour = super::history::direction_colour(direction, palette);
    // Top right, left of an annotation's marker: the answer's excerpt stays readable.
    painter.text(
        rect.right_top() + Vec2::new(-24.0, 1.0),
        Align2::RIGHT_TOP,
        direction.arrow(),
        theme::bold(15.0),
        theme::color(colour),
    );
}

fn paint_annotation_marker(
    painter: &egui::Painter,
    rect: Rect,
    flag: Option<Flag>,
    overridden: bool,
    palette: &Palette,
) {
    let letter = flag.map_or("•", crate::labels::flag_letter);
    let center = rect.right_top() + Vec2::new(-11.0, 11.0);
    painter.circle_filled(center, 8.0, theme::color(palette.annotation));
    painter.text(
        center,
        Align2::CENTER_CENTER,
        letter,
        theme::bold(10.0),
        egui::Color32::WHITE,
    );
    if overridden {
        painter.text(
            center - Vec2::new(16.0, 0.0),
            Align2::CENTER_CENTER,
            "↺",
            FontId::proportional(13.0),
            theme::color(palette.annotation),
        );
    }
}

fn legend_ui(ui: &mut egui::Ui, palette: &Palette) {
    for (label, colour) in [
        ("meets", palette.meets),
        ("partial", palette.partial),
        ("gap", palette.gap),
        ("no answer", palette.no_answer),
        ("not asked", palette.not_asked),
    ] {
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, theme::color(colour));
        ui.label(label);
    }
    ui.weak("W weak · F follow-up · A accepted · ★ must-have · ↳ follow-up question");
}

#[cfg(test)]
mod tests {
    use super::{scroll_extent, whole_step_offset};

    fn near(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn a_scrolled_matrix_has_the_slack_to_end_on_a_step() {
        assert!(near(scroll_extent(500.0, 100.0, 3), 300.0));
        assert!(near(scroll_extent(350.0, 100.0, 5), 550.0));
        assert!(near(scroll_extent(300.0, 100.0, 5), 500.0));
    }

    #[test]
    fn scrolling_to_a_step_lands_on_step_boundaries() {
        // Already whole: stays.
        assert!(near(whole_step_offset(100.0, 300.0, 100.0, 2), 100.0));
        // Left of the view: starts the view.
        assert!(near(whole_step_offset(250.0, 300.0, 100.0, 1), 100.0));
        // Right of the view (three fit): the last of three whole steps.
        assert!(near(whole_step_offset(0.0, 350.0, 100.0, 4), 200.0));
        // Wider than the room: starts the view.
        assert!(near(whole_step_offset(0.0, 50.0, 100.0, 3), 300.0));
    }
}
