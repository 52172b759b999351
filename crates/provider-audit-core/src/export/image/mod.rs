//! The comparison image: a slide for the minutes. One function per panel: the title
//! block, the notices (decision, changed or missing audits), and a table with one row per
//! provider in ranking order whose columns are the ranking, the sections x providers heat
//! map, the gap bars stacked by cause, and the counts of weak answers and follow-ups; then
//! the knock-outs and a footnote with the short SHA-256 of every input file.
//!
//! The layout is computed here from the image size and the number of providers (2 to 20
//! and more), measuring text with the shipped font, and shortening it with "…" where it
//! would not fit; `paint.rs` draws what the layout placed. Must not depend on UI crates.

use plotters::prelude::DrawingBackend;

mod paint;

use paint::{
    counts, footnote, gap_bars, heat_map, knock_outs, notices, ranking, table_frame, title_block,
};

use super::canvas::{Align, Canvas, Rect};
use super::footnote::{SEPARATOR, input_lines, wrap_items};
use super::text::{Font, shorten, wrap};
use super::{ExportError, Picture};
use crate::labels::{counted, one_line, plural, weight};
use crate::palette::{Palette, Rgb};
use crate::scoring::GapCounts;
use crate::view::{ComparisonView, DateSource, ProviderRow};

/// The palette of every exported image: light, for slides and paper.
pub(crate) const PALETTE: Palette = Palette::LIGHT;

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

    /// Whether the comparison fits `size` (the error says how high to make it).
    pub(crate) fn fits(&self, size: (u32, u32)) -> Result<(), ExportError> {
        Layout::new(self.view, size).map(|_| ())
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
    format!(
        "{}: comparison of {}",
        one_line(&view.title),
        plural(view.providers.len(), "provider")
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
    if let Some(status) = view.sign_offs.as_ref().filter(|s| !s.nothing_to_show()) {
        let stale = status.stale().count();
        let mut text = status.headline();
        if stale > 0 {
            text.push_str(&format!(
                " ({} stale: made on another basis)",
                crate::labels::plural(stale, "sign-off")
            ));
        }
        lines.push(shorten(&one_line(&text), font, width));
    }
    lines.extend(input_lines(&view.inputs, view.unsaved, font, width));
    lines
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
        if block + 8.0 * u <= cell.h && fonts.cell_detail.width(&plural(most, "gap")) <= room {
            Self::TwoLines
        } else if fonts.cell.width("100") + fonts.cell_detail.width(&format!(" · {most}")) <= room
        {
            Self::OneLine
        } else {
            Self::ScoreOnly
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

fn gaps_text(gaps: usize) -> String {
    if gaps == 1 {
        "1 gap".to_owned()
    } else {
        format!("{gaps} gaps")
    }
}

#[cfg(test)]
mod tests {
    use super::{Font, Layout, wrap_items};
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
                    to_judge: 0,
                    self_assessed: 0,
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
            superseded: Vec::new(),
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
            histories: Vec::new(),
            ownership: Vec::new(),
            sign_offs: None,
            conflicts: Vec::new(),
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
