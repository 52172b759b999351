//! The comparison image: a slide for the minutes. One function per panel: the title
//! block, the notices (decision, changed or missing audits), and a table with one row per
//! provider in ranking order whose columns are the ranking, the sections x providers heat
//! map, the gap bars stacked by cause, and the counts of weak answers and follow-ups; then
//! the knock-outs and a footnote with the short SHA-256 of every input file.
//!
//! The layout is computed from the image size and the number of providers (2 to 20 and
//! more), measuring text with the shipped font, and shortening it with "…" where it would
//! not fit. Must not depend on UI crates.

use plotters::prelude::DrawingBackend;

use super::canvas::{Align, Canvas, Rect};
use super::text::{Font, one_line, shorten, wrap};
use super::{ExportError, Picture};
use crate::palette::{Palette, Rgb};
use crate::scoring::GapCounts;
use crate::view::{ComparisonView, DateSource, InputFile, InputKind, ProviderRow};
use crate::workspace::short_hash;

/// The palette of every exported image: light, for slides and paper.
pub(crate) const PALETTE: Palette = Palette::LIGHT;

/// Between the items of a line: no-break spaces, so that SVG viewers keep the space.
pub(crate) const SEPARATOR: &str = "\u{a0} · \u{a0}";

/// The smallest text drawn, in pixels, whatever the image size.
pub(crate) const MIN_TEXT_PX: f64 = 7.0;

/// The tallest row: with few providers the rows grow up to this (in 1080p pixels).
const MAX_ROW: f64 = 140.0;

/// Rows at least this tall (in 1080p pixels) get a second line under the provider's name.
const TALL_ROW: f64 = 58.0;

/// The comparison image of one view.
pub(crate) struct ComparisonImage<'a> {
    view: &'a ComparisonView,
}

impl<'a> ComparisonImage<'a> {
    pub(crate) fn new(view: &'a ComparisonView) -> Result<Self, ExportError> {
        if view.providers.is_empty() {
            return Err(ExportError::Empty);
        }
        Ok(Self { view })
    }
}

impl Picture for ComparisonImage<'_> {
    fn title(&self) -> String {
        let mut title = title_text(self.view);
        if let Some(date) = &self.view.date {
            title.push_str(", ");
            title.push_str(&date.date);
        }
        title
    }

    fn draw<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        size: (u32, u32),
    ) -> Result<(), ExportError> {
        let layout = Layout::new(self.view, size)?;
        canvas.clear(PALETTE.background)?;
        title_block(canvas, self.view, &layout)?;
        notices(canvas, &layout)?;
        table_frame(canvas, self.view, &layout)?;
        ranking(canvas, self.view, &layout)?;
        heat_map(canvas, self.view, &layout)?;
        gap_bars(canvas, self.view, &layout)?;
        counts(canvas, self.view, &layout)?;
        knock_outs(canvas, &layout)?;
        footnote(canvas, &layout)
    }
}

fn title_text(view: &ComparisonView) -> String {
    let count = view.providers.len();
    format!(
        "{}: comparison of {count} provider{}",
        one_line(&view.title),
        if count == 1 { "" } else { "s" }
    )
}

/// A length rounded up to whole pixels.
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "clamped to the range of u32 first"
)]
pub(crate) fn pixels(value: f64) -> u32 {
    value.ceil().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// `value` 1080p pixels at scale `u`, never below the smallest readable text.
fn px(u: f64, value: f64) -> f64 {
    (u * value).max(MIN_TEXT_PX)
}

/// A horizontal extent: a column of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Column {
    x: f64,
    w: f64,
}

impl Column {
    fn right(self) -> f64 {
        self.x + self.w
    }

    fn centre(self) -> f64 {
        self.x + self.w / 2.0
    }

    fn cell(self, row: Rect) -> Rect {
        Rect::new(self.x, row.y, self.w, row.h)
    }
}

/// The columns of the table.
#[derive(Clone, Debug, PartialEq)]
struct Columns {
    rank: Column,
    name: Column,
    score: Column,
    sections: Vec<Column>,
    bars: Column,
    weak: Column,
    follow_ups: Column,
}

/// The fonts of the table, sized to its rows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct TableFonts {
    name: Font,
    detail: Font,
    badge: Font,
    cell: Font,
    cell_detail: Font,
    header: Font,
    header_detail: Font,
}

impl TableFonts {
    /// Short rows have one line of text, as large as the row allows; tall rows have two.
    fn new(u: f64, row_h: f64) -> Self {
        let tall = row_h >= TALL_ROW * u;
        let (name, cell, cell_detail) = if tall {
            (
                (row_h * 0.3).clamp(px(u, 17.0), px(u, 24.0)),
                (row_h * 0.3).clamp(px(u, 17.0), px(u, 36.0)),
                (row_h * 0.16).clamp(px(u, 12.0), px(u, 18.0)),
            )
        } else {
            (
                (row_h * 0.5).clamp(px(u, 12.0), px(u, 19.0)),
                (row_h * 0.5).clamp(px(u, 12.0), px(u, 19.0)),
                (row_h * 0.4).clamp(px(u, 11.0), px(u, 15.0)),
            )
        };
        Self {
            name: Font::semibold(name),
            detail: Font::regular((row_h * 0.17).clamp(px(u, 12.0), px(u, 19.0))),
            badge: Font::semibold((row_h * 0.13).clamp(px(u, 10.0), px(u, 15.0))),
            cell: Font::semibold(cell),
            cell_detail: Font::regular(cell_detail),
            header: Font::semibold(px(u, 17.0)),
            header_detail: Font::regular(px(u, 14.0)),
        }
    }
}

/// A band across the image under the title: the decision or a warning.
#[derive(Clone, Debug, PartialEq)]
struct Notice {
    rect: Rect,
    /// The first line: runs of text, each in its own font.
    spans: Vec<(String, Font)>,
    /// Further lines, in the font of the first run.
    more: Vec<String>,
    background: Rgb,
    text: Rgb,
    bar: Option<Rgb>,
}

/// Where everything goes.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    u: f64,
    left: f64,
    right: f64,
    title_top: f64,
    notices: Vec<Notice>,
    header: Rect,
    rows: Vec<Rect>,
    /// Rows tall enough for a second line under the provider's name.
    tall: bool,
    columns: Columns,
    fonts: TableFonts,
    cell_format: CellFormat,
    /// Lines of the note under the table, each with its colour.
    knock_outs: Vec<(String, Rgb)>,
    knock_out_top: f64,
    knock_out_font: Font,
    footnote: Vec<String>,
    footnote_top: f64,
    footnote_font: Font,
}

impl Layout {
    fn new(view: &ComparisonView, (width, height): (u32, u32)) -> Result<Self, ExportError> {
        let (w, h) = (f64::from(width), f64::from(height));
        let u = (w / 1920.0).min(h / 1080.0);
        let left = 56.0 * u;
        let right = w - 56.0 * u;
        let content = right - left;
        let title_top = 40.0 * u;
        let (notices, notices_bottom) =
            notices_layout(view, u, left, content, title_top + 112.0 * u);
        let header = Rect::new(left, notices_bottom + 14.0 * u, content, 64.0 * u);

        // From the bottom up: footnote, knock-outs, and the rows get what is left.
        let footnote_font = Font::regular(px(u, 15.0));
        let footnote = footnote_lines(view, footnote_font, content);
        let footnote_top = h - 32.0 * u - footnote_font.line_height() * footnote.len() as f64;
        let rows_top = header.bottom();
        let room = footnote_top - 24.0 * u - rows_top;
        let count = view.providers.len() as f64;
        // Knock-outs and accepted risks are listed in full under the table; the rows
        // name them where there is room.
        let knock_out_font = Font::regular(px(u, 17.0));
        let knock_outs = must_have_lines(view, knock_out_font, content);
        let note = if knock_outs.is_empty() {
            0.0
        } else {
            knock_out_font.line_height() * knock_outs.len() as f64 + 12.0 * u
        };
        let row_h = ((room - note) / count).min(MAX_ROW * u);
        let fonts = TableFonts::new(u, row_h);
        let columns = columns(view, u, left, content, fonts);
        let min_row = 1.45 * px(u, 12.0);
        if row_h < min_row {
            let missing = (min_row - row_h) * count;
            return Err(ExportError::TooDense {
                rows: view.providers.len(),
                width,
                height,
                min_height: pixels(h + missing),
            });
        }
        let rows: Vec<Rect> = (0..view.providers.len())
            .map(|i| Rect::new(left, rows_top + row_h * i as f64, content, row_h))
            .collect();
        Ok(Self {
            u,
            left,
            right,
            title_top,
            notices,
            header,
            rows,
            tall: row_h >= TALL_ROW * u,
            cell_format: CellFormat::choose(
                view,
                fonts,
                heat_cell(
                    Rect::new(
                        0.0,
                        0.0,
                        columns.sections.first().map_or(0.0, |c| c.w),
                        row_h,
                    ),
                    u,
                ),
                u,
            ),
            columns,
            fonts,
            knock_outs,
            knock_out_top: rows_top + row_h * count + 14.0 * u,
            knock_out_font,
            footnote,
            footnote_top,
            footnote_font,
        })
    }
}

/// The most lines of the decision's rationale the image shows.
const RATIONALE_LINES: usize = 4;

/// The decision and the warnings, stacked from `top`; returns them and their bottom.
fn notices_layout(
    view: &ComparisonView,
    u: f64,
    left: f64,
    content: f64,
    top: f64,
) -> (Vec<Notice>, f64) {
    let font = Font::regular(px(u, 20.0));
    let bold = Font::semibold(px(u, 20.0));
    let line = font.px * 1.45;
    let padding = font.px * 0.7;
    let warning = |spans: Vec<(String, Font)>| Notice {
        rect: Rect::new(left, 0.0, content, line + padding),
        spans,
        more: Vec::new(),
        background: PALETTE.knocked_out,
        text: PALETTE.text_on(PALETTE.knocked_out),
        bar: None,
    };
    let mut notices = Vec::new();
    if let Some(decision) = &view.decision {
        let mut spans = vec![
            ("Decision: ".to_owned(), font),
            (one_line(&decision.provider), bold),
        ];
        if !decision.provider_loaded {
            spans.push((" (not among the loaded audits)".to_owned(), font));
        }
        let mut detail = String::new();
        let by = one_line(&decision.decided_by);
        if !by.is_empty() {
            detail.push_str(", by ");
            detail.push_str(&by);
        }
        if !decision.decided_on.is_empty() {
            detail.push_str(" on ");
            detail.push_str(&one_line(&decision.decided_on));
        }
        let rationale = one_line(&decision.rationale);
        let mut more = Vec::new();
        // With few providers there is room for the rationale on lines of its own.
        if view.providers.len() <= 10 && !rationale.is_empty() {
            let width = content - 40.0 * u;
            more = wrap(&rationale, font, width, RATIONALE_LINES);
            if wrap(&rationale, font, width, RATIONALE_LINES + 1).len() > RATIONALE_LINES {
                more.push(
                    "The whole rationale is in the report (provider-audit report).".to_owned(),
                );
            }
        } else if !rationale.is_empty() {
            detail.push_str(": ");
            detail.push_str(&rationale);
        }
        spans.push((detail, font));
        let height = line * (1 + more.len()) as f64 + padding;
        notices.push(Notice {
            rect: Rect::new(left, 0.0, content, height),
            spans,
            more,
            background: PALETTE.background.lerp(PALETTE.accent, 0.10),
            text: PALETTE.text,
            bar: Some(PALETTE.accent),
        });
    }
    if let Some(text) = view
        .decision_status
        .as_ref()
        .and_then(crate::view::DecisionStatus::warning)
    {
        notices.push(warning(vec![(
            shorten(
                &format!("⚠ {}", one_line(&text)),
                bold,
                content - 2.0 * padding,
            ),
            bold,
        )]));
    }
    if !view.drift.is_empty() {
        let files: Vec<String> = view
            .drift
            .iter()
            .map(|d| one_line(&d.listed_path))
            .collect();
        notices.push(warning(vec![
            (
                "⚠ Audits changed since the comparison was saved".to_owned(),
                bold,
            ),
            (
                format!(
                    ": the decision was made on other evidence ({})",
                    files.join(", ")
                ),
                font,
            ),
        ]));
    }
    if !view.not_loaded.is_empty() {
        let files: Vec<String> = view.not_loaded.iter().map(|name| one_line(name)).collect();
        notices.push(warning(vec![
            ("⚠ Incomplete".to_owned(), bold),
            (
                format!(": not loaded because of errors: {}", files.join(", ")),
                font,
            ),
        ]));
    }
    let mut y = top;
    for notice in &mut notices {
        notice.rect.y = y;
        y += notice.rect.h + 8.0 * u;
    }
    (notices, y)
}

/// Column widths: fixed columns, one per section, the gap bars at least as wide as their
/// legend, and the rest for the provider's name.
fn columns(view: &ComparisonView, u: f64, left: f64, content: f64, fonts: TableFonts) -> Columns {
    let rank_w = 52.0 * u;
    let score_w = 110.0 * u;
    let weak_w = 76.0 * u;
    let follow_w = 104.0 * u;
    let gutter = 20.0 * u;
    let sections = view.sections.len().max(1) as f64;
    let fixed = rank_w + score_w + weak_w + follow_w + 3.0 * gutter;
    let legend = legend_width(fonts.header_detail, u) + 8.0 * u;
    // The name column first gets enough for most names, the sections share what the gap
    // bars' legend leaves, and anything over goes to the name, then the bars.
    let (name_min, name_max) = (350.0 * u, 480.0 * u);
    let section_w = ((content - fixed - legend - name_min) / sections).clamp(56.0 * u, 132.0 * u);
    let flexible = (content - fixed - section_w * sections).max(0.0);
    let name_w = (flexible - legend)
        .min(name_max)
        .max(flexible * 0.4)
        .min(flexible);
    let bars_w = flexible - name_w;

    let mut x = left;
    let mut take = |w: f64, gap: f64| {
        let column = Column { x, w };
        x += w + gap;
        column
    };
    let rank = take(rank_w, 0.0);
    let name = take(name_w, 0.0);
    let score = take(score_w, gutter);
    let count = view.sections.len();
    let sections: Vec<Column> = (0..count)
        .map(|i| take(section_w, if i + 1 == count { gutter } else { 0.0 }))
        .collect();
    let bars = take(bars_w, gutter);
    let weak = take(weak_w, 0.0);
    let follow_ups = take(follow_w, 0.0);
    Columns {
        rank,
        name,
        score,
        sections,
        bars,
        weak,
        follow_ups,
    }
}

/// The width of the gap bars' legend on one line.
fn legend_width(font: Font, u: f64) -> f64 {
    let swatch = font.cap_height() * 1.1;
    causes(&GapCounts::default())
        .iter()
        .map(|(label, _, _)| swatch + 6.0 * u + font.width(label))
        .sum::<f64>()
        + 14.0 * u * 3.0
}

/// The footnote: how to read the image, then every input file with its short hash.
fn footnote_lines(view: &ComparisonView, font: Font, width: f64) -> Vec<String> {
    let mut lines = vec![shorten(
        "Score 0–100: weighted mean of the section scores; an answer counts 1 if it meets the \
         need, 0.5 if partial, 0 for a gap, no answer or not asked; not applicable is left out. \
         Section cells: score and gaps (questions valued below 1).",
        font,
        width,
    )];
    lines.extend(input_lines(&view.inputs, view.unsaved, font, width));
    lines
}

/// The input files with the first 12 digits of their SHA-256, wrapped to `width` in at most
/// four lines. With unsaved changes the comparison drawn is not the file: it is said so
/// instead of giving a hash that does not match what is drawn.
pub(crate) fn input_lines(
    inputs: &[InputFile],
    unsaved: bool,
    font: Font,
    width: f64,
) -> Vec<String> {
    let items: Vec<String> = inputs
        .iter()
        .map(|input| match input.kind {
            InputKind::Comparison if unsaved => format!(
                "comparison {} with unsaved changes (not the file's content)",
                one_line(&input.name)
            ),
            InputKind::Comparison => format!(
                "comparison {} {}",
                one_line(&input.name),
                short_hash(&input.sha256)
            ),
            InputKind::Audit => {
                format!("{} {}", one_line(&input.name), short_hash(&input.sha256))
            }
        })
        .chain(
            (unsaved && !inputs.iter().any(|i| i.kind == InputKind::Comparison))
                .then(|| "a comparison with unsaved changes, not saved to any file".to_owned()),
        )
        .collect();
    wrap_items(
        "Input files, SHA-256 (first 12 digits): ",
        &items,
        font,
        width,
        4,
    )
}

/// `ids` after `prefix` when they fit in `width`, else `fallback`.
fn ids_or(prefix: &str, ids: &[String], fallback: String, font: Font, width: f64) -> String {
    let all = format!("{prefix} {}", ids.join(", "));
    if font.width(&all) <= width {
        all
    } else {
        fallback
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The note under the table: every knocked-out provider with the must-have questions it
/// misses, then every accepted risk on a must-have question.
fn must_have_lines(view: &ComparisonView, font: Font, width: f64) -> Vec<(String, Rgb)> {
    let knocked: Vec<String> = view
        .providers
        .iter()
        .filter(|p| p.knocked_out())
        .map(|p| format!("{}: {}", one_line(&p.name), p.knocked_out_by.join(", ")))
        .collect();
    let waived: Vec<String> = view
        .providers
        .iter()
        .filter(|p| !p.waived.is_empty())
        .map(|p| format!("{}: {}", one_line(&p.name), p.waived.join(", ")))
        .collect();
    let mut lines = Vec::new();
    if !knocked.is_empty() {
        let note = wrap_items(
            "✗ Knocked out by must-have questions: ",
            &knocked,
            font,
            width,
            3,
        );
        lines.extend(note.into_iter().map(|line| (line, PALETTE.knocked_out)));
    }
    if !waived.is_empty() {
        let note = wrap_items(
            "Must-have questions not met but accepted as a known risk: ",
            &waived,
            font,
            width,
            2,
        );
        lines.extend(note.into_iter().map(|line| (line, PALETTE.text)));
    }
    lines
}

/// Lays `items` out on at most `max_lines` lines after `prefix`, separated by " · ",
/// never splitting an item; what does not fit is counted at the end of the last line.
pub(crate) fn wrap_items(
    prefix: &str,
    items: &[String],
    font: Font,
    width: f64,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = prefix.to_owned();
    let mut on_line = 0;
    for (index, item) in items.iter().enumerate() {
        let candidate = if on_line == 0 {
            format!("{current}{item}")
        } else {
            format!("{current}{SEPARATOR}{item}")
        };
        if on_line == 0 || font.width(&candidate) <= width {
            current = candidate;
            on_line += 1;
            continue;
        }
        if lines.len() + 1 == max_lines {
            let more = format!("{SEPARATOR}and {} more", items.len() - index);
            // Widths are whole pixels: a pixel to spare for the join.
            let room = width - font.width(&more) - 1.0;
            current = format!("{}{more}", shorten(&current, font, room));
            break;
        }
        lines.push(std::mem::take(&mut current));
        current.clone_from(item);
        on_line = 1;
    }
    lines.push(current);
    lines
        .into_iter()
        .map(|line| shorten(&line, font, width))
        .collect()
}

fn counted(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}

/// A weight as people write it: 2, 1.5, 0.25.
fn number(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The title, what the comparison is made of, and the date.
fn title_block<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let title_font = Font::semibold(px(u, 44.0));
    let subtitle_font = Font::regular(px(u, 22.0));
    let date_font = Font::semibold(px(u, 36.0));
    let caption_font = Font::regular(px(u, 18.0));
    let title_baseline = layout.title_top + title_font.cap_height() + 4.0 * u;
    let subtitle_baseline = title_baseline + 46.0 * u;

    let mut date_width = 0.0;
    if let Some(date) = &view.date {
        let caption = match date.source {
            DateSource::Decision => "Decided on",
            DateSource::LatestAudit => "Latest audit",
        };
        date_width = date_font.width(&date.date).max(caption_font.width(caption));
        canvas.text(
            caption,
            layout.right,
            layout.title_top + caption_font.cap_height(),
            caption_font,
            PALETTE.muted,
            Align::Right,
        )?;
        canvas.text(
            &date.date,
            layout.right,
            subtitle_baseline,
            date_font,
            PALETTE.text,
            Align::Right,
        )?;
    }
    let text_width = layout.right - layout.left - date_width - 48.0 * u;
    canvas.text(
        &shorten(&title_text(view), title_font, text_width),
        layout.left,
        title_baseline,
        title_font,
        PALETTE.text,
        Align::Left,
    )?;
    let parts = match &view.comparison_file {
        Some(file) => vec![
            format!("Comparison {}", one_line(file)),
            counted(
                view.must_have.len(),
                "must-have question",
                "must-have questions",
            ),
            counted(view.weak_answers(), "weak answer", "weak answers"),
            counted(view.follow_ups(), "follow-up", "follow-ups"),
        ],
        None => vec!["No comparison file: all weights 1, no must-have questions".to_owned()],
    };
    canvas.text(
        &shorten(&parts.join(SEPARATOR), subtitle_font, text_width),
        layout.left,
        subtitle_baseline,
        subtitle_font,
        PALETTE.muted,
        Align::Left,
    )
}

/// The decision band and the warning bands.
fn notices<DB: DrawingBackend>(canvas: &Canvas<DB>, layout: &Layout) -> Result<(), ExportError> {
    let u = layout.u;
    for notice in &layout.notices {
        canvas.fill(notice.rect, notice.background)?;
        if let Some(bar) = notice.bar {
            canvas.fill(
                Rect::new(notice.rect.x, notice.rect.y, 6.0 * u, notice.rect.h),
                bar,
            )?;
        }
        let Some((_, font)) = notice.spans.first() else {
            continue;
        };
        let line = font.px * 1.45;
        let first = Rect::new(
            notice.rect.x,
            notice.rect.y + font.px * 0.35,
            notice.rect.w,
            line,
        );
        let baseline = first.centred_baseline(*font);
        let start = notice.rect.x + 22.0 * u;
        let end = notice.rect.right() - 16.0 * u;
        let mut x = start;
        for (text, span_font) in &notice.spans {
            let fitted = shorten(text, *span_font, end - x);
            if fitted.is_empty() {
                break;
            }
            canvas.text(&fitted, x, baseline, *span_font, notice.text, Align::Left)?;
            x += span_font.width(&fitted);
            if fitted != *text {
                break;
            }
        }
        for (i, text) in notice.more.iter().enumerate() {
            let baseline = baseline + line * (i + 1) as f64;
            canvas.text(text, start, baseline, *font, notice.text, Align::Left)?;
        }
    }
    Ok(())
}

/// The header labels, the row separators, and the tints of the chosen and knocked-out
/// rows.
fn table_frame<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        if provider.chosen {
            canvas.fill(*row, PALETTE.background.lerp(PALETTE.accent, 0.12))?;
            canvas.fill(Rect::new(row.x, row.y, 6.0 * u, row.h), PALETTE.accent)?;
        } else if provider.knocked_out() {
            canvas.fill(*row, PALETTE.background.lerp(PALETTE.knocked_out, 0.07))?;
        }
        canvas.hrule(
            layout.left,
            layout.right,
            row.bottom() - 1.0,
            1.0,
            PALETTE.grid,
        )?;
    }
    canvas.hrule(
        layout.left,
        layout.right,
        layout.header.bottom() - 2.0 * u,
        2.0 * u,
        PALETTE.text,
    )?;

    let header = layout.header;
    let label_baseline = header.y + 22.0 * u + fonts.header.cap_height() / 2.0;
    let detail_baseline = label_baseline + 22.0 * u;
    let label = |column: Column, label: &str, detail: &str, align: Align| {
        let (x, width) = match align {
            Align::Left => (column.x + 12.0 * u, column.w - 16.0 * u),
            Align::Centre => (column.centre(), column.w - 8.0 * u),
            Align::Right => (column.right() - 12.0 * u, column.w - 16.0 * u),
        };
        let label = shorten(label, fonts.header, width);
        canvas.text(&label, x, label_baseline, fonts.header, PALETTE.text, align)?;
        let detail = shorten(detail, fonts.header_detail, width);
        canvas.text(
            &detail,
            x,
            detail_baseline,
            fonts.header_detail,
            PALETTE.muted,
            align,
        )
    };
    label(columns.rank, "Rank", "", Align::Centre)?;
    label(columns.name, "Provider", "in ranking order", Align::Left)?;
    label(columns.score, "Score", "0–100", Align::Centre)?;
    // One size for every section label, as large as lets the widest fit.
    let section_font = columns.sections.first().map_or(fonts.header, |column| {
        let widest = view
            .sections
            .iter()
            .map(|s| fonts.header.width(&one_line(&s.label)))
            .fold(0.0, f64::max);
        let room = column.w - 8.0 * u;
        if widest <= room {
            fonts.header
        } else {
            Font::semibold((fonts.header.px * room / widest).max(px(u, 12.0)))
        }
    });
    for (column, section) in columns.sections.iter().zip(&view.sections) {
        let weight = if (section.weight - 1.0).abs() > f64::EPSILON {
            format!("weight ×{}", number(section.weight))
        } else {
            String::new()
        };
        let width = column.w - 8.0 * u;
        canvas.text(
            &shorten(&one_line(&section.label), section_font, width),
            column.centre(),
            label_baseline,
            section_font,
            PALETTE.text,
            Align::Centre,
        )?;
        canvas.text(
            &shorten(&weight, fonts.header_detail, width),
            column.centre(),
            detail_baseline,
            fonts.header_detail,
            PALETTE.muted,
            Align::Centre,
        )?;
    }
    label(columns.weak, "Weak", "answers", Align::Centre)?;
    label(columns.follow_ups, "Follow-ups", "to send", Align::Centre)
}

/// The ranking: rank, provider, chosen and knocked-out marks, score.
fn ranking<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let rank_colour = if provider.knocked_out() {
            PALETTE.knocked_out
        } else {
            PALETTE.text
        };
        canvas.text(
            &provider.rank.to_string(),
            columns.rank.centre(),
            row.centred_baseline(fonts.name),
            fonts.name,
            rank_colour,
            Align::Centre,
        )?;
        provider_name(canvas, provider, columns.name.cell(*row), layout)?;
        // The overall score, coloured on the heat map's scale.
        let cell = columns.score.cell(*row).inset(3.0 * u, 3.0 * u);
        let fill = PALETTE.score(provider.score);
        canvas.fill(cell, fill)?;
        canvas.text(
            &format!("{:.1}", provider.score),
            cell.x + cell.w / 2.0,
            cell.centred_baseline(fonts.cell),
            fonts.cell,
            PALETTE.text_on(fill),
            Align::Centre,
        )?;
    }
    Ok(())
}

/// A small label on a coloured background; returns its width.
fn badge<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    text: &str,
    x: f64,
    centre_y: f64,
    font: Font,
    colour: Rgb,
    u: f64,
) -> Result<f64, ExportError> {
    let w = font.width(text) + 14.0 * u;
    let h = font.px * 1.7;
    let rect = Rect::new(x, centre_y - h / 2.0, w, h);
    canvas.fill(rect, colour)?;
    canvas.text(
        text,
        rect.x + w / 2.0,
        rect.centred_baseline(font),
        font,
        PALETTE.text_on(colour),
        Align::Centre,
    )?;
    Ok(w)
}

/// The provider's name and its marks. Tall rows: the name, then a line with the badge
/// (chosen, knocked out) and the must-have questions it misses or when it was audited.
/// Short rows: the name and the badge on one line.
fn provider_name<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    provider: &ProviderRow,
    cell: Rect,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let x = cell.x + 12.0 * u;
    let width = cell.w - 20.0 * u;
    let badge_text = if provider.chosen {
        Some(("✓ CHOSEN", PALETTE.accent))
    } else if provider.knocked_out() {
        Some(("✗ OUT", PALETTE.knocked_out))
    } else {
        None
    };
    let badge_w = badge_text.map_or(0.0, |(text, _)| {
        fonts.badge.width(text) + 14.0 * u + 10.0 * u
    });
    let name = one_line(&provider.name);
    if !layout.tall {
        let name = shorten(&name, fonts.name, width - badge_w);
        let baseline = cell.centred_baseline(fonts.name);
        canvas.text(&name, x, baseline, fonts.name, PALETTE.text, Align::Left)?;
        if let Some((text, colour)) = badge_text {
            let badge_x = x + fonts.name.width(&name) + 10.0 * u;
            let centre_y = baseline - fonts.name.cap_height() / 2.0;
            badge(canvas, text, badge_x, centre_y, fonts.badge, colour, u)?;
        }
        return Ok(());
    }
    let gap = 10.0 * u;
    let block = fonts.name.cap_height() + gap + fonts.detail.px;
    let name_baseline = cell.y + (cell.h - block) / 2.0 + fonts.name.cap_height();
    let detail_baseline = name_baseline + gap + fonts.detail.px;
    canvas.text(
        &shorten(&name, fonts.name, width),
        x,
        name_baseline,
        fonts.name,
        PALETTE.text,
        Align::Left,
    )?;
    let mut detail_x = x;
    if let Some((text, colour)) = badge_text {
        let centre_y = detail_baseline - fonts.detail.cap_height() / 2.0;
        detail_x += badge(canvas, text, x, centre_y, fonts.badge, colour, u)? + 10.0 * u;
    }
    let room = x + width - detail_x;
    let (detail, colour) = if provider.knocked_out() {
        (
            ids_or(
                "misses",
                &provider.knocked_out_by,
                format!(
                    "misses {}",
                    plural(provider.knocked_out_by.len(), "must-have", "must-haves")
                ),
                fonts.detail,
                room,
            ),
            PALETTE.knocked_out,
        )
    } else if !provider.waived.is_empty() {
        (
            ids_or(
                "risk accepted:",
                &provider.waived,
                plural(provider.waived.len(), "risk accepted", "risks accepted"),
                fonts.detail,
                room,
            ),
            PALETTE.text,
        )
    } else {
        let audited = provider
            .audited_on
            .as_deref()
            .map_or_else(String::new, |date| format!("audited {}", one_line(date)));
        (audited, PALETTE.muted)
    };
    canvas.text(
        &shorten(&detail, fonts.detail, room),
        detail_x,
        detail_baseline,
        fonts.detail,
        colour,
        Align::Left,
    )
}

/// The heat map: one cell per section and provider, coloured by the section score, with
/// the score and the number of gaps.
fn heat_map<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        for (column, cell) in layout.columns.sections.iter().zip(&provider.sections) {
            let rect = heat_cell(column.cell(*row), u);
            let Some(score) = cell.score else {
                canvas.fill(rect, PALETTE.not_applicable)?;
                canvas.text(
                    "–",
                    rect.x + rect.w / 2.0,
                    rect.centred_baseline(fonts.cell),
                    fonts.cell,
                    PALETTE.muted,
                    Align::Centre,
                )?;
                continue;
            };
            let fill = PALETTE.score(score);
            canvas.fill(rect, fill)?;
            heat_cell_text(
                canvas,
                rect,
                &format!("{score:.0}"),
                cell.gaps.total(),
                PALETTE.text_on(fill),
                layout,
            )?;
        }
    }
    Ok(())
}

/// A heat-map cell inside its place in the table: white lines between cells.
fn heat_cell(place: Rect, u: f64) -> Rect {
    place.inset(2.0 * u, 3.0 * u)
}

/// How the heat-map cells show their score and gaps: the same in every cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CellFormat {
    /// The score, and "7 gaps" under it.
    TwoLines,
    /// "94 · 7".
    OneLine,
    /// The score alone (the gaps are in the bars).
    ScoreOnly,
}

impl CellFormat {
    /// The richest format in which the widest cell fits.
    fn choose(view: &ComparisonView, fonts: TableFonts, cell: Rect, u: f64) -> Self {
        let most = view
            .providers
            .iter()
            .flat_map(|p| p.sections.iter().map(|s| s.gaps.total()))
            .max()
            .unwrap_or(0);
        let room = cell.w - 8.0 * u;
        let block = fonts.cell.cap_height() + 6.0 * u + fonts.cell_detail.px;
        if block + 8.0 * u <= cell.h && fonts.cell_detail.width(&gaps_text(most)) <= room {
            Self::TwoLines
        } else if fonts.cell.width("100") + fonts.cell_detail.width(&format!(" · {most}")) <= room
        {
            Self::OneLine
        } else {
            Self::ScoreOnly
        }
    }
}

fn gaps_text(gaps: usize) -> String {
    if gaps == 1 {
        "1 gap".to_owned()
    } else {
        format!("{gaps} gaps")
    }
}

/// A heat-map cell's score and gaps, in the table's cell format.
fn heat_cell_text<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    rect: Rect,
    score: &str,
    gaps: usize,
    ink: Rgb,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let centre = rect.x + rect.w / 2.0;
    match layout.cell_format {
        CellFormat::TwoLines => {
            let gap = 6.0 * u;
            let block = fonts.cell.cap_height() + gap + fonts.cell_detail.px;
            let score_baseline = rect.y + (rect.h - block) / 2.0 + fonts.cell.cap_height();
            canvas.text(
                score,
                centre,
                score_baseline,
                fonts.cell,
                ink,
                Align::Centre,
            )?;
            canvas.text(
                &gaps_text(gaps),
                centre,
                score_baseline + gap + fonts.cell_detail.px * 0.9,
                fonts.cell_detail,
                ink,
                Align::Centre,
            )
        }
        CellFormat::OneLine => {
            let detail = format!(" · {gaps}");
            let total = fonts.cell.width(score) + fonts.cell_detail.width(&detail);
            let baseline = rect.centred_baseline(fonts.cell);
            let x = centre - total / 2.0;
            canvas.text(score, x, baseline, fonts.cell, ink, Align::Left)?;
            canvas.text(
                &detail,
                x + fonts.cell.width(score),
                baseline,
                fonts.cell_detail,
                ink,
                Align::Left,
            )
        }
        CellFormat::ScoreOnly => {
            let baseline = rect.centred_baseline(fonts.cell);
            canvas.text(score, centre, baseline, fonts.cell, ink, Align::Centre)
        }
    }
}

/// The causes of gaps, in the order of the stacked bars, with their colours.
fn causes(gaps: &GapCounts) -> [(&'static str, usize, Rgb); 4] {
    [
        ("Gap", gaps.gap, PALETTE.gap),
        ("No answer", gaps.no_answer, PALETTE.no_answer),
        ("Not asked", gaps.not_asked, PALETTE.not_asked),
        ("Partial", gaps.partial, PALETTE.partial),
    ]
}

/// Gap bars stacked by cause, one per provider, on a common scale, with a legend in the
/// header.
fn gap_bars<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let u = layout.u;
    let fonts = layout.fonts;
    let column = layout.columns.bars;
    let header = layout.header;
    let label_baseline = header.y + 22.0 * u + fonts.header.cap_height() / 2.0;
    canvas.text(
        "Gaps by cause",
        column.x,
        label_baseline,
        fonts.header,
        PALETTE.text,
        Align::Left,
    )?;
    let legend_baseline = label_baseline + 22.0 * u;
    let swatch = fonts.header_detail.cap_height() * 1.1;
    let mut x = column.x;
    for (label, _, colour) in causes(&GapCounts::default()) {
        let width = swatch + 6.0 * u + fonts.header_detail.width(label);
        if x + width > column.right() + 1.0 {
            break;
        }
        canvas.fill(
            Rect::new(x, legend_baseline - swatch, swatch, swatch),
            colour,
        )?;
        canvas.text(
            label,
            x + swatch + 6.0 * u,
            legend_baseline,
            fonts.header_detail,
            PALETTE.muted,
            Align::Left,
        )?;
        x += width + 14.0 * u;
    }

    let most = view
        .providers
        .iter()
        .map(|p| p.gaps.total())
        .max()
        .unwrap_or(0)
        .max(1);
    let total_w = fonts.cell.width(&most.to_string()) + 12.0 * u;
    let bar_room = (column.w - total_w).max(0.0);
    let label_font = fonts.cell_detail;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let bar_h = (row.h * 0.5).min(40.0 * u);
        let y = row.y + (row.h - bar_h) / 2.0;
        let mut x = column.x;
        for (_, count, colour) in causes(&provider.gaps) {
            if count == 0 {
                continue;
            }
            let w = bar_room * count as f64 / most as f64;
            let segment = Rect::new(x, y, w, bar_h);
            canvas.fill(segment, colour)?;
            let label = count.to_string();
            if label_font.width(&label) + 8.0 * u <= w && label_font.px * 1.1 <= bar_h {
                canvas.text(
                    &label,
                    x + w / 2.0,
                    segment.centred_baseline(label_font),
                    label_font,
                    PALETTE.text_on(colour),
                    Align::Centre,
                )?;
            }
            x += w;
        }
        canvas.text(
            &provider.gaps.total().to_string(),
            x + 8.0 * u,
            row.centred_baseline(fonts.cell),
            fonts.cell,
            PALETTE.text,
            Align::Left,
        )?;
    }
    Ok(())
}

/// Weak answers and follow-ups per provider.
fn counts<DB: DrawingBackend>(
    canvas: &Canvas<DB>,
    view: &ComparisonView,
    layout: &Layout,
) -> Result<(), ExportError> {
    let fonts = layout.fonts;
    let columns = &layout.columns;
    for (row, provider) in layout.rows.iter().zip(&view.providers) {
        let baseline = row.centred_baseline(fonts.cell);
        for (column, count) in [
            (columns.weak, provider.gaps.weak),
            (columns.follow_ups, provider.follow_ups),
        ] {
            let colour = if count == 0 {
                PALETTE.not_asked
            } else {
                PALETTE.annotation
            };
            canvas.text(
                &count.to_string(),
                column.centre(),
                baseline,
                fonts.cell,
                colour,
                Align::Centre,
            )?;
        }
    }
    Ok(())
}

/// The knock-out note under the table, when the rows have no room for it.
fn knock_outs<DB: DrawingBackend>(canvas: &Canvas<DB>, layout: &Layout) -> Result<(), ExportError> {
    let font = layout.knock_out_font;
    for (i, (line, colour)) in layout.knock_outs.iter().enumerate() {
        let baseline = layout.knock_out_top + font.cap_height() + font.line_height() * i as f64;
        canvas.text(line, layout.left, baseline, font, *colour, Align::Left)?;
    }
    Ok(())
}

/// How to read the image, and the input files with their short hashes.
fn footnote<DB: DrawingBackend>(canvas: &Canvas<DB>, layout: &Layout) -> Result<(), ExportError> {
    let font = layout.footnote_font;
    canvas.hrule(
        layout.left,
        layout.right,
        layout.footnote_top - 12.0 * layout.u,
        1.0,
        PALETTE.grid,
    )?;
    for (i, line) in layout.footnote.iter().enumerate() {
        let baseline = layout.footnote_top + font.cap_height() + font.line_height() * i as f64;
        canvas.text(
            line,
            layout.left,
            baseline,
            font,
            PALETTE.muted,
            Align::Left,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Font, Layout, number, wrap_items};
    use crate::export::ExportError;
    use crate::export::text::register_fonts;
    use crate::scoring::GapCounts;
    use crate::view::{ComparisonView, ProviderRow, SectionCell, SectionColumn};

    fn view(providers: usize, sections: usize, knocked_out: bool) -> ComparisonView {
        let gaps = GapCounts {
            gap: 12,
            no_answer: 3,
            not_asked: 40,
            partial: 20,
            weak: 2,
        };
        ComparisonView {
            title: "Infrastructure Provider Audit".to_owned(),
            date: None,
            comparison_file: None,
            sections: (0..sections)
                .map(|i| SectionColumn {
                    id: format!("s{i}"),
                    label: format!("Organizational {i}"),
                    title: format!("Section {i}"),
                    weight: 1.0,
                })
                .collect(),
            providers: (0..providers)
                .map(|i| ProviderRow {
                    name: format!("Provider {i} with a rather long name, Aktiebolag (publ)"),
                    audit: i,
                    path: format!("p{i}.ron"),
                    file: format!("p{i}.ron"),
                    rank: i + 1,
                    score: 50.0,
                    gaps,
                    follow_ups: 1,
                    coverage: 1.0,
                    knocked_out_by: if knocked_out {
                        vec!["legal.eu-jurisdiction.operation".to_owned()]
                    } else {
                        Vec::new()
                    },
                    waived: Vec::new(),
                    chosen: i == 0,
                    audited_on: Some("2026-10-14".to_owned()),
                    auditor: String::new(),
                    sections: vec![
                        SectionCell {
                            score: Some(50.0),
                            gaps,
                            in_scope: 10,
                            asked: 10,
                        };
                        sections
                    ],
                    documents: Vec::new(),
                })
                .collect(),
            decision: None,
            must_have: Vec::new(),
            question_weights: Vec::new(),
            annotations: Vec::new(),
            inputs: Vec::new(),
            drift: Vec::new(),
            not_loaded: Vec::new(),
            ranking: Vec::new(),
            cells: Vec::new(),
            sensitivity: None,
            follow_up_lists: Vec::new(),
            decision_status: None,
            unsaved: false,
        }
    }

    #[test]
    fn columns_follow_each_other_inside_the_margins() {
        register_fonts().expect("font");
        for size in [
            (960, 540),
            (1280, 720),
            (1920, 1080),
            (3840, 2160),
            (1080, 1920),
        ] {
            for (providers, sections) in [(2, 6), (20, 6), (5, 1), (5, 12)] {
                let view = view(providers, sections, true);
                let layout = match Layout::new(&view, size) {
                    // Twenty rows do not fit 450 pixels: the error says how high to go.
                    Err(ExportError::TooDense { .. }) if size.1 <= 540 && providers == 20 => {
                        continue;
                    }
                    other => other.expect("fits"),
                };
                let c = &layout.columns;
                let mut all = vec![c.rank, c.name, c.score];
                all.extend(&c.sections);
                all.extend([c.bars, c.weak, c.follow_ups]);
                assert!(all[0].x >= 0.0);
                for pair in all.windows(2) {
                    assert!(pair[0].w > 0.0, "{size:?} {providers}x{sections}: {pair:?}");
                    assert!(
                        pair[1].x + 1e-6 >= pair[0].right(),
                        "overlap at {size:?}: {pair:?}"
                    );
                }
                let last = all[all.len() - 1];
                assert!(
                    last.right() <= layout.right + 0.5,
                    "{size:?}: {last:?} past the margin"
                );
            }
        }
    }

    #[test]
    fn rows_end_above_the_notes_and_the_footnote() {
        register_fonts().expect("font");
        for providers in [2, 5, 12, 20] {
            let view = view(providers, 6, true);
            let layout = Layout::new(&view, (1920, 1080)).expect("fits");
            let last = layout.rows.last().expect("rows");
            assert!(last.bottom() <= layout.knock_out_top, "{providers}");
            let note_bottom = layout.knock_out_top
                + layout.knock_out_font.line_height() * layout.knock_outs.len() as f64;
            assert!(
                note_bottom <= layout.footnote_top,
                "{providers}: note over the footnote"
            );
            assert_eq!(layout.tall, providers <= 8, "{providers}");
        }
    }

    #[test]
    fn too_many_providers_for_the_height_say_how_high_to_go() {
        register_fonts().expect("font");
        let view = view(60, 6, false);
        match Layout::new(&view, (960, 540)) {
            Err(ExportError::TooDense {
                rows, min_height, ..
            }) => {
                assert_eq!(rows, 60);
                assert!(min_height > 540);
                Layout::new(&view, (960, min_height)).expect("the suggested height fits");
            }
            other => panic!("expected TooDense, got {other:?}"),
        }
    }

    #[test]
    fn weights_are_written_as_people_write_them() {
        assert_eq!(number(2.0), "2");
        assert_eq!(number(1.5), "1.5");
        assert_eq!(number(0.25), "0.25");
    }

    #[test]
    fn items_are_never_split_and_the_rest_is_counted() {
        register_fonts().expect("font");
        let font = Font::regular(15.0);
        let items: Vec<String> = (0..30)
            .map(|i| format!("audit-{i:02}.ron 0123456789ab"))
            .collect();
        let lines = wrap_items("Input files: ", &items, font, 900.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines.iter().all(|line| font.width(line) <= 900.0));
        assert!(lines[0].starts_with("Input files: audit-00.ron 0123456789ab"));
        assert!(lines[2].contains("more"), "{}", lines[2]);
        for line in &lines[..2] {
            for item in line
                .trim_start_matches("Input files: ")
                .split(super::SEPARATOR)
            {
                assert!(items.contains(&item.to_owned()), "split item {item}");
            }
        }
        let few = wrap_items("Input files: ", &items[..2], font, 900.0, 3);
        assert_eq!(
            few,
            [format!(
                "Input files: audit-00.ron 0123456789ab{}audit-01.ron 0123456789ab",
                super::SEPARATOR
            )]
        );
    }
}
