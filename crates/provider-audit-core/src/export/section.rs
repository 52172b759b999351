//! The section matrix image, for the detailed appendix of the minutes: one section's
//! questions (indented by depth) x providers, each cell coloured by its verdict, with the
//! comparison's marks (weak, follow-up, accepted, verdict overridden, must-have).
//!
//! Without a size the image is 1920 pixels wide and as high as the questions need.
//! Must not depend on UI crates.

use plotters::prelude::DrawingBackend;

use super::canvas::{Align, Canvas, Rect};
use super::footnote::{SEPARATOR, input_lines};
use super::image::pixels;
use super::text::{Font, shorten, wrap};
use super::{ExportError, Picture};
use crate::labels::{flag_letter, one_line};
use crate::model::{Flag, ItemKind, Questionnaire, Verdict};
use crate::palette::{Palette, Rgb};
use crate::scoring::CellStatus;
use crate::text::plain;
use crate::view::{Cell, ComparisonView, DriftView, InputFile, ViewDate};

const PALETTE: Palette = Palette::LIGHT;
const MIN_TEXT_PX: f64 = 7.0;
/// The width of the image when no size is given.
const NATURAL_WIDTH: u32 = 1920;

/// One section's questions x providers.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionView {
    /// The questionnaire's title.
    pub questionnaire: String,
    /// The section's id.
    pub id: String,
    /// The section's short label.
    pub label: String,
    /// The section's full title.
    pub title: String,
    /// The date of the comparison image.
    pub date: Option<ViewDate>,
    /// Provider names, in ranking order (the columns).
    pub providers: Vec<String>,
    /// The section's items in document order (the rows).
    pub rows: Vec<MatrixRow>,
    /// Every input file, sorted by name.
    pub inputs: Vec<InputFile>,
    /// Audits changed since the comparison recorded them.
    pub drift: Vec<DriftView>,
    /// Files not loaded because of errors.
    pub not_loaded: Vec<String>,
    /// True when the comparison has edits not saved yet (the input hashes are then those
    /// of the files, not of what is drawn).
    pub unsaved: bool,
}

/// One item of the section: a row of the matrix.
#[derive(Clone, Debug, PartialEq)]
pub struct MatrixRow {
    /// The item's id.
    pub id: String,
    /// Its text, as plain text on one line.
    pub text: String,
    /// 0 for top-level items.
    pub depth: usize,
    /// Question, heading or evidence document.
    pub kind: ItemKind,
    /// True for a must-have question.
    pub must_have: bool,
    /// One cell per provider, in the order of [`SectionView::providers`].
    pub cells: Vec<MatrixCell>,
}

/// One provider's status on one item, with the comparison's marks.
pub type MatrixCell = Cell;

impl SectionView {
    /// The matrix of section `id` for `workspace` ranked as `ranking`.
    ///
    /// # Errors
    /// [`ExportError::UnknownSection`] when the questionnaire has no such section,
    /// [`ExportError::Empty`] when no audit is loaded.
    pub fn new(
        view: &ComparisonView,
        questionnaire: &Questionnaire,
        id: &str,
    ) -> Result<Self, ExportError> {
        let Some(number) = questionnaire.section_position(id) else {
            return Err(ExportError::UnknownSection {
                id: id.to_owned(),
                known: questionnaire
                    .sections
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        };
        if view.providers.is_empty() {
            return Err(ExportError::Empty);
        }
        let section = &questionnaire.sections[number];
        let must_have: Vec<&str> = view.must_have.iter().map(|q| q.id.as_str()).collect();
        let rows = section
            .items
            .clone()
            .map(|index| {
                let item = &questionnaire.items[index];
                MatrixRow {
                    id: item.id.as_str().to_owned(),
                    text: plain(&item.text),
                    depth: item.depth,
                    kind: item.kind,
                    must_have: must_have.contains(&item.id.as_str()),
                    cells: (0..view.providers.len())
                        .filter_map(|column| view.cell(column, index))
                        .collect(),
                }
            })
            .collect();
        Ok(Self {
            questionnaire: questionnaire.title.clone(),
            id: section.id.as_str().to_owned(),
            label: section.label.clone(),
            title: section.title.clone(),
            date: view.date.clone(),
            providers: view.providers.iter().map(|p| p.name.clone()).collect(),
            rows,
            inputs: view.inputs.clone(),
            drift: view.drift.clone(),
            not_loaded: view.not_loaded.clone(),
            unsaved: view.unsaved,
        })
    }

    /// 1920 pixels wide and as high as the rows need (at least 1080).
    #[must_use]
    pub fn natural_size(&self) -> (u32, u32) {
        // Measuring needs the font; if it cannot be registered, drawing reports it.
        super::text::register_fonts().ok();
        let width = NATURAL_WIDTH;
        let frame = Frame::new(self, f64::from(width));
        let height = frame.fixed_height + frame.natural_row * self.rows.len() as f64;
        (width, pixels(height).max(1080))
    }
}

/// The parts of the layout that do not depend on the height.
struct Frame {
    u: f64,
    left: f64,
    right: f64,
    question_w: f64,
    provider_w: f64,
    /// Provider names run upwards when the columns are narrow.
    upwards: bool,
    header_h: f64,
    header_font: Font,
    footnote: Vec<String>,
    footnote_font: Font,
    /// Everything but the rows.
    fixed_height: f64,
    natural_row: f64,
}

const TOP: f64 = 40.0;
const TITLE_H: f64 = 104.0;
const LEGEND_H: f64 = 46.0;
const BOTTOM: f64 = 32.0;

impl Frame {
    fn new(view: &SectionView, width: f64) -> Self {
        let u = width / 1920.0;
        let left = 56.0 * u;
        let right = width - 56.0 * u;
        let content = right - left;
        let count = view.providers.len().max(1) as f64;
        let provider_w = ((content - 640.0 * u) / count).clamp(36.0 * u, 190.0 * u);
        let question_w = content - provider_w * count;
        let upwards = provider_w < 130.0 * u;
        let header_font = Font::semibold((15.0 * u).max(MIN_TEXT_PX));
        let header_h = if upwards {
            let longest = view
                .providers
                .iter()
                .map(|name| header_font.width(&one_line(name)))
                .fold(0.0, f64::max);
            longest.min(260.0 * u) + 24.0 * u
        } else {
            header_font.line_height() * 2.0 + 24.0 * u
        };
        let footnote_font = Font::regular((14.0 * u).max(MIN_TEXT_PX));
        let footnote = footnote_lines(view, footnote_font, content);
        let footnote_h = footnote_font.line_height() * footnote.len() as f64 + 24.0 * u;
        let fixed_height = (TOP + TITLE_H + LEGEND_H + BOTTOM) * u + header_h + footnote_h;
        Self {
            u,
            left,
            right,
            question_w,
            provider_w,
            upwards,
            header_h,
            header_font,
            footnote,
            footnote_font,
            fixed_height,
            natural_row: 32.0 * u,
        }
    }
}

fn footnote_lines(view: &SectionView, font: Font, width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    if !view.drift.is_empty() {
        let files: Vec<String> = view
            .drift
            .iter()
            .map(|d| one_line(&d.listed_path))
            .collect();
        lines.push(shorten(
            &format!(
                "⚠ Audits changed since the comparison was saved: {}",
                files.join(", ")
            ),
            font,
            width,
        ));
    }
    if !view.not_loaded.is_empty() {
        let files: Vec<String> = view.not_loaded.iter().map(|f| one_line(f)).collect();
        lines.push(shorten(
            &format!("⚠ Not loaded because of errors: {}", files.join(", ")),
            font,
            width,
        ));
    }
    lines.extend(input_lines(&view.inputs, view.unsaved, font, width));
    lines
}

/// The section matrix at one size.
pub(crate) struct SectionImage<'a> {
    view: &'a SectionView,
    frame: Frame,
    row_h: f64,
    /// On a page of the PDF record: which part of the section this is, of how many.
    part: Option<(usize, usize)>,
    /// The questions of the whole section (a part shows only some of its rows).
    questions: usize,
}

/// How many rows of `view` fit on a picture of `size` at the natural row height (at least
/// one): the PDF record continues a section on further pages.
pub(crate) fn rows_fitting(view: &SectionView, (width, height): (u32, u32)) -> usize {
    let frame = Frame::new(view, f64::from(width));
    let room = f64::from(height) - frame.fixed_height;
    ((room / frame.natural_row).floor().max(1.0)) as usize
}

fn question_count(view: &SectionView) -> usize {
    view.rows
        .iter()
        .filter(|r| r.kind != ItemKind::Heading)
        .count()
}

impl<'a> SectionImage<'a> {
    pub(crate) fn new(
        view: &'a SectionView,
        (width, height): (u32, u32),
    ) -> Result<Self, ExportError> {
        if view.providers.is_empty() {
            return Err(ExportError::Empty);
        }
        let frame = Frame::new(view, f64::from(width));
        let rows = view.rows.len().max(1) as f64;
        let row_h = ((f64::from(height) - frame.fixed_height) / rows).min(40.0 * frame.u);
        let min_row = 1.4 * MIN_TEXT_PX;
        if row_h < min_row {
            return Err(ExportError::TooDense {
                rows: view.rows.len(),
                width,
                height,
                min_height: pixels(frame.fixed_height + min_row * rows),
            });
        }
        Ok(Self {
            view,
            frame,
            row_h,
            part: None,
            questions: question_count(view),
        })
    }

    /// Part `part` (1-based) of `parts` of a section of `questions` questions, whose rows
    /// `view` holds.
    pub(crate) fn part(
        view: &'a SectionView,
        size: (u32, u32),
        (part, parts): (usize, usize),
        questions: usize,
    ) -> Result<Self, ExportError> {
        let mut image = Self::new(view, size)?;
        if parts > 1 {
            image.part = Some((part, parts));
        }
        image.questions = questions;
        Ok(image)
    }
}

impl Picture for SectionImage<'_> {
    fn title(&self) -> String {
        format!(
            "{}: {} by provider",
            one_line(&self.view.questionnaire),
            one_line(&self.view.title)
        )
    }

    fn draw<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        _size: (u32, u32),
    ) -> Result<(), ExportError> {
        canvas.clear(PALETTE.background)?;
        self.title_block(canvas)?;
        self.legend(canvas)?;
        self.header(canvas)?;
        self.rows(canvas)?;
        self.footnote(canvas)
    }
}

/// The colour and the labels (long, short) of a cell.
fn cell_look(status: CellStatus) -> (Rgb, &'static str, &'static str) {
    let colour = PALETTE.status(status);
    match status {
        CellStatus::Rated(Verdict::Meets) => (colour, "Meets", "✓"),
        CellStatus::Rated(Verdict::Partial) => (colour, "Partial", "½"),
        CellStatus::Rated(Verdict::Gap) => (colour, "Gap", "✗"),
        CellStatus::Rated(Verdict::NoAnswer) => (colour, "No answer", "?"),
        CellStatus::Rated(Verdict::NotApplicable) => (colour, "N/A", "–"),
        CellStatus::NotAsked => (colour, "Not asked", "–"),
        CellStatus::OutOfScope | CellStatus::Heading => (colour, "", ""),
    }
}

fn flag_mark(flag: Option<Flag>) -> &'static str {
    flag.map_or("", flag_letter)
}

impl SectionImage<'_> {
    fn rows_top(&self) -> f64 {
        let u = self.frame.u;
        (TOP + TITLE_H + LEGEND_H) * u + self.frame.header_h
    }

    fn title_block<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ExportError> {
        let frame = &self.frame;
        let u = frame.u;
        let title_font = Font::semibold((40.0 * u).max(MIN_TEXT_PX));
        let subtitle_font = Font::regular((21.0 * u).max(MIN_TEXT_PX));
        let date_font = Font::semibold((32.0 * u).max(MIN_TEXT_PX));
        let top = TOP * u;
        let title_baseline = top + title_font.cap_height() + 4.0 * u;
        let subtitle_baseline = title_baseline + 44.0 * u;
        let mut date_w = 0.0;
        if let Some(date) = &self.view.date {
            date_w = date_font.width(&date.date);
            canvas.text(
                &date.date,
                frame.right,
                title_baseline,
                date_font,
                PALETTE.text,
                Align::Right,
            )?;
        }
        let room = frame.right - frame.left - date_w - 40.0 * u;
        let mut title = format!("{}: answers by provider", one_line(&self.view.title));
        if let Some((part, parts)) = self.part {
            title.push_str(&format!(" ({part} of {parts})"));
        }
        canvas.text(
            &shorten(&title, title_font, room),
            frame.left,
            title_baseline,
            title_font,
            PALETTE.text,
            Align::Left,
        )?;
        let questions = self.questions;
        let subtitle = format!(
            "{}{SEPARATOR}section {}{SEPARATOR}{questions} questions{SEPARATOR}{} providers, \
             in ranking order",
            one_line(&self.view.questionnaire),
            self.view.id,
            self.view.providers.len()
        );
        canvas.text(
            &shorten(&subtitle, subtitle_font, room),
            frame.left,
            subtitle_baseline,
            subtitle_font,
            PALETTE.muted,
            Align::Left,
        )
    }

    fn legend<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ExportError> {
        let frame = &self.frame;
        let u = frame.u;
        let font = Font::regular((15.0 * u).max(MIN_TEXT_PX));
        let baseline = (TOP + TITLE_H) * u + 22.0 * u;
        let swatch = font.cap_height() * 1.2;
        let mut x = frame.left;
        let entries = [
            (Some(PALETTE.meets), "Meets"),
            (Some(PALETTE.partial), "Partial"),
            (Some(PALETTE.gap), "Gap"),
            (Some(PALETTE.no_answer), "No answer"),
            (Some(PALETTE.not_asked), "Not asked"),
            (
                Some(PALETTE.not_applicable),
                "Not applicable or out of scope",
            ),
            (
                None,
                "W weak · F follow-up · A accepted risk · * verdict set in the comparison · ★ must-have",
            ),
        ];
        for (colour, label) in entries {
            let mut width = font.width(label);
            if let Some(colour) = colour {
                canvas.fill(Rect::new(x, baseline - swatch, swatch, swatch), colour)?;
                width += swatch + 6.0 * u;
                canvas.text(
                    label,
                    x + swatch + 6.0 * u,
                    baseline,
                    font,
                    PALETTE.muted,
                    Align::Left,
                )?;
            } else {
                let label = shorten(label, font, frame.right - x);
                canvas.text(&label, x, baseline, font, PALETTE.muted, Align::Left)?;
            }
            x += width + 18.0 * u;
            if x >= frame.right {
                break;
            }
        }
        Ok(())
    }

    fn provider_x(&self, index: usize) -> f64 {
        self.frame.left + self.frame.question_w + self.frame.provider_w * index as f64
    }

    fn header<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ExportError> {
        let frame = &self.frame;
        let u = frame.u;
        let font = frame.header_font;
        let top = (TOP + TITLE_H + LEGEND_H) * u;
        let bottom = top + frame.header_h;
        canvas.text(
            "Question",
            frame.left + 8.0 * u,
            bottom - 12.0 * u,
            font,
            PALETTE.text,
            Align::Left,
        )?;
        canvas.text(
            "id",
            frame.left + frame.question_w - 12.0 * u,
            bottom - 12.0 * u,
            Font::regular(font.px),
            PALETTE.muted,
            Align::Right,
        )?;
        for (index, name) in self.view.providers.iter().enumerate() {
            let x = self.provider_x(index);
            let name = one_line(name);
            if frame.upwards {
                let room = frame.header_h - 24.0 * u;
                let text = shorten(&name, font, room);
                let baseline_x = x + frame.provider_w / 2.0 + font.cap_height() / 2.0;
                canvas.text_upwards(&text, baseline_x, bottom - 12.0 * u, font, PALETTE.text)?;
            } else {
                let lines = wrap(&name, font, frame.provider_w - 12.0 * u, 2);
                let last = bottom - 12.0 * u;
                for (i, line) in lines.iter().rev().enumerate() {
                    canvas.text(
                        line,
                        x + frame.provider_w / 2.0,
                        last - font.line_height() * i as f64,
                        font,
                        PALETTE.text,
                        Align::Centre,
                    )?;
                }
            }
        }
        canvas.hrule(
            frame.left,
            frame.right,
            bottom - 2.0 * u,
            2.0 * u,
            PALETTE.text,
        )
    }

    fn rows<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ExportError> {
        let frame = &self.frame;
        let u = frame.u;
        let row_h = self.row_h;
        let text_font = Font::regular((row_h * 0.46).clamp(MIN_TEXT_PX, 17.0 * u.max(0.6)));
        let heading_font = Font::semibold(text_font.px);
        let id_font = Font::regular((text_font.px * 0.8).max(MIN_TEXT_PX));
        let cell_font = Font::semibold((row_h * 0.42).clamp(MIN_TEXT_PX, 15.0 * u.max(0.6)));
        let mut y = self.rows_top();
        for row in &self.view.rows {
            let rect = Rect::new(frame.left, y, frame.right - frame.left, row_h);
            let heading = row.kind == ItemKind::Heading;
            if heading {
                canvas.fill(rect, PALETTE.surface)?;
            }
            canvas.hrule(
                frame.left,
                frame.right,
                rect.bottom() - 1.0,
                1.0,
                PALETTE.grid,
            )?;
            // The question: indented by depth, its id on the right in muted text.
            let indent = 8.0 * u + 22.0 * u * row.depth as f64;
            // The id always shows (the report and the comparison file use it), shortened
            // only when it would take more than 45% of the column.
            let id = shorten(&row.id, id_font, frame.question_w * 0.45);
            let id_w = id_font.width(&id);
            canvas.text(
                &id,
                frame.left + frame.question_w - 12.0 * u,
                rect.centred_baseline(id_font),
                id_font,
                PALETTE.muted,
                Align::Right,
            )?;
            let mut text = String::new();
            if row.must_have {
                text.push_str("★ ");
            }
            if row.kind == ItemKind::Document {
                text.push_str("Document: ");
            }
            text.push_str(&row.text);
            let room = frame.question_w - indent - 28.0 * u - id_w;
            let font = if heading { heading_font } else { text_font };
            canvas.text(
                &shorten(&text, font, room),
                frame.left + indent,
                rect.centred_baseline(font),
                font,
                PALETTE.text,
                Align::Left,
            )?;
            if !heading {
                self.cells(canvas, row, rect, cell_font)?;
            }
            y += row_h;
        }
        Ok(())
    }

    fn cells<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        row: &MatrixRow,
        rect: Rect,
        font: Font,
    ) -> Result<(), ExportError> {
        let u = self.frame.u;
        for (index, cell) in row.cells.iter().enumerate() {
            let cell_rect = Rect::new(
                self.provider_x(index),
                rect.y,
                self.frame.provider_w,
                rect.h,
            )
            .inset(1.5 * u, 2.0 * u);
            let (colour, long, short) = cell_look(cell.status);
            canvas.fill(cell_rect, colour)?;
            let mark = flag_mark(cell.flag);
            let star = if cell.overridden { "*" } else { "" };
            let room = cell_rect.w - 6.0 * u;
            let candidates = [
                format!(
                    "{star}{long}{}{mark}",
                    if mark.is_empty() { "" } else { " · " }
                ),
                format!(
                    "{star}{short}{}{mark}",
                    if mark.is_empty() { "" } else { " " }
                ),
                format!("{star}{short}{mark}"),
            ];
            let Some(label) = candidates
                .iter()
                .find(|c| !c.is_empty() && font.width(c) <= room)
            else {
                continue;
            };
            canvas.text(
                label,
                cell_rect.x + cell_rect.w / 2.0,
                cell_rect.centred_baseline(font),
                font,
                PALETTE.text_on(colour),
                Align::Centre,
            )?;
        }
        Ok(())
    }

    fn footnote<DB: DrawingBackend>(&self, canvas: &Canvas<DB>) -> Result<(), ExportError> {
        let frame = &self.frame;
        let u = frame.u;
        let font = frame.footnote_font;
        let top = self.rows_top() + self.row_h * self.view.rows.len() as f64 + 20.0 * u;
        for (i, line) in frame.footnote.iter().enumerate() {
            let colour = if line.starts_with('⚠') {
                PALETTE.knocked_out
            } else {
                PALETTE.muted
            };
            canvas.text(
                line,
                frame.left,
                top + font.cap_height() + font.line_height() * i as f64,
                font,
                colour,
                Align::Left,
            )?;
        }
        Ok(())
    }
}
