//! The meeting's record as one PDF/A-2b document for the ISO evidence folder:
//!
//! 1. the comparison page, painted by the comparison image's own code;
//! 2. every section's matrix (questions × providers, verdict colours, markers), continued on
//!    further pages with its header repeated where it does not fit one;
//! 3. the annotations and the follow-up lists per provider;
//! 4. the decision, whether it still holds, its basis, superseded decisions and the whole
//!    SHA-256 of every input file and evidence document.
//!
//! Pages are A4 landscape. Text is real PDF text in the shipped font (Inter), embedded as a
//! subset, so it can be selected and searched. krilla writes the file and checks it against
//! PDF/A-2b while writing (the export fails rather than write a file that breaks a rule).
//! The same view gives the same bytes on every machine: the metadata (title, author,
//! subject, date) come from the comparison and its decision, never from the clock, and the
//! document ids are hashes of the content. Renderers only read the view. Must not depend on
//! UI crates.

mod backend;
mod flow;
mod fonts;
mod record;

use krilla::configure::{Archival, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{Point, Transform};
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::{Document, SerializeSettings};
use plotters::prelude::IntoDrawingArea as _;

use self::backend::PageBackend;
use self::flow::{Flow, FlowPages, Mark, PAGE};
use self::fonts::PdfFonts;
use super::canvas::{Align, Canvas, Flavour};
use super::image::{ComparisonImage, PALETTE};
use super::section::{SectionImage, rows_fitting};
use super::text::{Font, register_fonts};
use super::{ExportError, Picture, SectionView};
use crate::labels::one_line;
use crate::model::Questionnaire;
use crate::view::ComparisonView;

/// True when `path` names a PDF file (`.pdf`, any case).
#[must_use]
pub fn is_pdf(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// A4 landscape, in PDF points.
const A4_LANDSCAPE: (f32, f32) = (841.89, 595.28);

/// One page of the record, before it is drawn.
enum PagePlan {
    /// The comparison image, at this size in pixels.
    Comparison((u32, u32)),
    /// Rows of one section's matrix: the rows of this part, which part of how many, and the
    /// section's question count.
    Section {
        part: Box<SectionView>,
        number: (usize, usize),
        questions: usize,
        size: (u32, u32),
    },
    /// A page of text, with its title.
    Text(Vec<Mark>, String),
}

/// Renders the meeting's record of `view` as the bytes of a PDF/A-2b file; `questionnaire`
/// gives the sections' rows.
///
/// # Errors
/// [`ExportError::Empty`] without any audit, [`ExportError::Font`] when the shipped font
/// cannot be read, [`ExportError::Pdf`] when krilla cannot write a conforming file.
pub fn render(
    view: &ComparisonView,
    questionnaire: &Questionnaire,
) -> Result<Vec<u8>, ExportError> {
    if view.providers.is_empty() {
        return Err(ExportError::Empty);
    }
    register_fonts()?;
    let fonts = PdfFonts::load()?;
    let (plans, bookmarks) = plan(view, questionnaire)?;
    let mut document = Document::new_with(settings()?);
    document.set_metadata(metadata(view));
    let total = plans.len();
    for (index, plan) in plans.iter().enumerate() {
        draw_page(&mut document, &fonts, view, plan, (index + 1, total))?;
    }
    let mut outline = Outline::new();
    for (page, title) in bookmarks {
        outline.push_child(OutlineNode::new(
            title,
            XyzDestination::new(page, Point::from_xy(0.0, 0.0)),
        ));
    }
    document.set_outline(outline);
    document.finish().map_err(|err| ExportError::Pdf {
        message: format!("{err:?}"),
    })
}

fn settings() -> Result<SerializeSettings, ExportError> {
    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A2_B)
        .finish()
        .map_err(|err| ExportError::Pdf {
            message: format!("{err:?}"),
        })?;
    Ok(SerializeSettings {
        configuration,
        ..SerializeSettings::default()
    })
}

/// Title, author (the decider), subject, keywords (the providers) and the date of the
/// decision (else of the newest audit); never the clock.
fn metadata(view: &ComparisonView) -> Metadata {
    let providers: Vec<String> = view.providers.iter().map(|p| one_line(&p.name)).collect();
    let mut title = format!(
        "{}: the record of the comparison of {}",
        one_line(&view.title),
        crate::labels::plural(providers.len(), "provider")
    );
    if let Some(date) = &view.date {
        title.push_str(", ");
        title.push_str(&date.date);
    }
    let subject = match &view.decision {
        Some(decision) => format!(
            "Selection of an infrastructure provider: {} chosen; annotations, decision, basis \
             and the SHA-256 of every input",
            one_line(&decision.provider)
        ),
        None => "Selection of an infrastructure provider: comparison and annotations; no \
                 decision recorded"
            .to_owned(),
    };
    let mut metadata = Metadata::new()
        .title(title)
        .description(subject)
        .keywords(providers)
        .language("en".to_owned())
        .creator("provider-audit".to_owned());
    if let Some(decider) = view
        .decision
        .as_ref()
        .map(|d| one_line(&d.decided_by))
        .filter(|d| !d.is_empty())
    {
        metadata = metadata.authors(vec![decider]);
    }
    if let Some(date) = view.date.as_ref().and_then(|d| date_time(&d.date)) {
        metadata = metadata.creation_date(date);
    }
    metadata
}

/// `YYYY-MM-DD` as a PDF date (midnight UTC).
fn date_time(date: &str) -> Option<DateTime> {
    let mut parts = date.splitn(3, '-').map(str::parse::<u16>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Some(
        DateTime::new(year)
            .month(u8::try_from(month).ok()?)
            .day(u8::try_from(day).ok()?)
            .hour(0)
            .minute(0)
            .second(0)
            .utc_offset_hour(0)
            .utc_offset_minute(0),
    )
}

/// Bookmarks: the page (0-based) and its title.
type Bookmarks = Vec<(usize, String)>;

/// Every page in order, and the pages the bookmarks lead to.
fn plan(
    view: &ComparisonView,
    questionnaire: &Questionnaire,
) -> Result<(Vec<PagePlan>, Bookmarks), ExportError> {
    let mut plans = Vec::new();
    let mut bookmarks = vec![(0, "Comparison".to_owned())];
    plans.push(PagePlan::Comparison(comparison_size(view)?));
    for section in &questionnaire.sections {
        let whole = SectionView::new(view, questionnaire, section.id.as_str())?;
        let questions = whole
            .rows
            .iter()
            .filter(|r| r.kind != crate::model::ItemKind::Heading)
            .count();
        let per_page = rows_fitting(&whole, PAGE);
        let chunks: Vec<&[super::MatrixRow]> = whole.rows.chunks(per_page.max(1)).collect();
        let parts = chunks.len().max(1);
        bookmarks.push((plans.len(), one_line(&whole.title)));
        for (index, rows) in chunks.iter().enumerate() {
            let part = SectionView {
                rows: rows.to_vec(),
                ..whole.clone()
            };
            plans.push(PagePlan::Section {
                size: section_size(&part),
                part: Box::new(part),
                number: (index + 1, parts),
                questions,
            });
        }
    }
    let mut flow = Flow::new();
    record::annotations(&mut flow, view);
    record::ownership(&mut flow, view);
    record::decision(&mut flow, view);
    let FlowPages { pages, starts } = flow.finish();
    let first = plans.len();
    bookmarks.extend(
        starts
            .into_iter()
            .map(|(page, title)| (first + page, title)),
    );
    plans.extend(
        pages
            .into_iter()
            .map(|(marks, title)| PagePlan::Text(marks, title)),
    );
    Ok((plans, bookmarks))
}

/// The comparison at the page's size, or as high as its rows need when they are many.
fn comparison_size(view: &ComparisonView) -> Result<(u32, u32), ExportError> {
    match ComparisonImage::new(view)?.fits(PAGE) {
        Err(ExportError::TooDense { min_height, .. }) => Ok((PAGE.0, min_height)),
        Err(err) => Err(err),
        Ok(()) => Ok(PAGE),
    }
}

/// The page's size, or higher when even one row does not fit under the header.
fn section_size(part: &SectionView) -> (u32, u32) {
    match SectionImage::new(part, PAGE) {
        Err(ExportError::TooDense { min_height, .. }) => (PAGE.0, min_height),
        _ => PAGE,
    }
}

fn draw_page(
    document: &mut Document,
    fonts: &PdfFonts,
    view: &ComparisonView,
    plan: &PagePlan,
    (number, total): (usize, usize),
) -> Result<(), ExportError> {
    let size = match plan {
        PagePlan::Comparison(size) | PagePlan::Section { size, .. } => *size,
        PagePlan::Text(..) => PAGE,
    };
    let scale = A4_LANDSCAPE.0 / size.0 as f32;
    let settings =
        PageSettings::from_wh(A4_LANDSCAPE.0, size.1 as f32 * scale).ok_or_else(|| {
            ExportError::Pdf {
                message: format!("a page of {}x{} pixels", size.0, size.1),
            }
        })?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    surface.push_transform(&Transform::from_scale(scale, scale));
    {
        let area = PageBackend::new(&mut surface, fonts, size).into_drawing_area();
        let canvas = Canvas::new(area, Flavour::Pdf);
        match plan {
            PagePlan::Comparison(size) => ComparisonImage::new(view)?.draw(&canvas, *size)?,
            PagePlan::Section {
                part,
                number: part_number,
                questions,
                size,
            } => SectionImage::part(part, *size, *part_number, *questions)?.draw(&canvas, *size)?,
            PagePlan::Text(marks, title) => text_page(&canvas, marks, title, (number, total))?,
        }
        canvas.finish()?;
    }
    surface.pop();
    surface.finish();
    page.finish();
    Ok(())
}

/// A page of the record's text, with its footer.
fn text_page<DB: plotters::prelude::DrawingBackend>(
    canvas: &Canvas<DB>,
    marks: &[Mark],
    title: &str,
    (number, total): (usize, usize),
) -> Result<(), ExportError> {
    canvas.clear(PALETTE.background)?;
    for mark in marks {
        match mark {
            Mark::Text {
                text,
                x,
                baseline,
                font,
                colour,
                align,
            } => canvas.text(text, *x, *baseline, *font, *colour, *align)?,
            Mark::Fill { rect, colour } => canvas.fill(*rect, *colour)?,
        }
    }
    let font = Font::regular(16.0);
    let baseline = f64::from(PAGE.1) - 40.0;
    canvas.text(title, 72.0, baseline, font, PALETTE.muted, Align::Left)?;
    canvas.text(
        &format!("page {number} of {total}"),
        f64::from(PAGE.0) - 72.0,
        baseline,
        font,
        PALETTE.muted,
        Align::Right,
    )
}

#[cfg(test)]
mod tests;
