//! A thin drawing surface over a plotters drawing area: filled rectangles, lines and text
//! placed by its baseline, the same on the bitmap, the SVG and the PDF backend (plotters
//! anchors text differently on the first two; the PDF backend takes the baseline itself).
//! Must not depend on UI crates.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, DrawingBackend, Rectangle, Text};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color as _, FontTransform, RGBColor, TextStyle};

use super::ExportError;
use super::glyphs::{CachedText, GlyphCache};
use super::text::{Font, HEIGHT_PER_EM};
use crate::palette::Rgb;

/// Which backend a canvas draws on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Flavour {
    /// Pixels (PNG).
    Bitmap,
    /// SVG elements.
    Svg,
    /// A PDF page (see `pdf::backend`): text is anchored on its baseline.
    Pdf,
}

/// Horizontal alignment of text on its anchor point.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    /// The text starts at the anchor.
    Left,
    /// The text is centred on the anchor.
    Centre,
    /// The text ends at the anchor.
    Right,
}

/// A rectangle in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub(crate) fn new(x: f64, y: f64, w: f64, h: f64) -> Self {
        Self { x, y, w, h }
    }

    pub(crate) fn right(&self) -> f64 {
        self.x + self.w
    }

    pub(crate) fn bottom(&self) -> f64 {
        self.y + self.h
    }

    /// The baseline that centres a line of `font` vertically in the rectangle.
    pub(crate) fn centred_baseline(&self, font: Font) -> f64 {
        self.y + self.h / 2.0 + font.cap_height() / 2.0
    }

    /// The rectangle shrunk by `dx` on the left and right and `dy` above and below.
    pub(crate) fn inset(&self, dx: f64, dy: f64) -> Self {
        Self::new(
            self.x + dx,
            self.y + dy,
            (self.w - 2.0 * dx).max(0.0),
            (self.h - 2.0 * dy).max(0.0),
        )
    }
}

/// A drawing area and the flavour of its backend.
pub(crate) struct Canvas<DB: DrawingBackend> {
    area: DrawingArea<DB, Shift>,
    flavour: Flavour,
    /// Glyphs rasterised for this picture (the bitmap only).
    glyphs: GlyphCache,
}

fn colour(rgb: Rgb) -> RGBColor {
    RGBColor(rgb.0, rgb.1, rgb.2)
}

/// Pixels as the backends take them.
#[expect(
    clippy::cast_possible_truncation,
    reason = "coordinates are rounded and far inside i32 for any image size accepted"
)]
fn px(value: f64) -> i32 {
    value.round() as i32
}

fn draw_error<E: std::error::Error + Send + Sync>(
    err: &plotters::drawing::DrawingAreaErrorKind<E>,
) -> ExportError {
    ExportError::Draw {
        message: err.to_string(),
    }
}

impl<DB: DrawingBackend> Canvas<DB> {
    pub(crate) fn new(area: DrawingArea<DB, Shift>, flavour: Flavour) -> Self {
        Self {
            area,
            flavour,
            glyphs: GlyphCache::default(),
        }
    }

    /// Draws everything still buffered and gives the drawing area back.
    pub(crate) fn finish(self) -> Result<(), ExportError> {
        self.area.present().map_err(|err| draw_error(&err))
    }

    /// Fills the whole canvas.
    pub(crate) fn clear(&self, rgb: Rgb) -> Result<(), ExportError> {
        self.area.fill(&colour(rgb)).map_err(|err| draw_error(&err))
    }

    /// Fills `rect`.
    pub(crate) fn fill(&self, rect: Rect, rgb: Rgb) -> Result<(), ExportError> {
        let (x0, y0, x1, y1) = (px(rect.x), px(rect.y), px(rect.right()), px(rect.bottom()));
        if x1 <= x0 || y1 <= y0 {
            return Ok(());
        }
        // The far corner is exclusive on both backends.
        self.area
            .draw(&Rectangle::new([(x0, y0), (x1, y1)], colour(rgb).filled()))
            .map_err(|err| draw_error(&err))
    }

    /// A horizontal rule `thickness` pixels high from `x0` to `x1`, its top at `y`.
    pub(crate) fn hrule(
        &self,
        x0: f64,
        x1: f64,
        y: f64,
        thickness: f64,
        rgb: Rgb,
    ) -> Result<(), ExportError> {
        self.fill(Rect::new(x0, y, x1 - x0, thickness.max(1.0)), rgb)
    }

    /// Text on one line, its baseline at `baseline`, aligned on `x`.
    pub(crate) fn text(
        &self,
        text: &str,
        x: f64,
        baseline: f64,
        font: Font,
        rgb: Rgb,
        align: Align,
    ) -> Result<(), ExportError> {
        self.draw_text(text, (x, baseline), font, rgb, align, &FontTransform::None)
    }

    /// Text running upwards (rotated a quarter turn anticlockwise), starting at `start_y`
    /// with its baseline on the vertical line `baseline_x`.
    pub(crate) fn text_upwards(
        &self,
        text: &str,
        baseline_x: f64,
        start_y: f64,
        font: Font,
        rgb: Rgb,
    ) -> Result<(), ExportError> {
        self.draw_text(
            text,
            (baseline_x, start_y),
            font,
            rgb,
            Align::Left,
            &FontTransform::Rotate270,
        )
    }

    fn draw_text(
        &self,
        text: &str,
        (x, baseline): (f64, f64),
        font: Font,
        rgb: Rgb,
        align: Align,
        transform: &FontTransform,
    ) -> Result<(), ExportError> {
        if text.is_empty() {
            return Ok(());
        }
        let h_pos = match align {
            Align::Left => HPos::Left,
            Align::Centre => HPos::Center,
            Align::Right => HPos::Right,
        };
        // Both backends anchor on the top of the text box, but put the baseline at
        // different depths below it: half the font's height in pixels for the bitmap,
        // 0.76 em in SVG.
        let (desc, depth) = match self.flavour {
            Flavour::Bitmap => (font.bitmap_desc(), font.px * HEIGHT_PER_EM / 2.0),
            Flavour::Svg => (font.svg_desc(), font.px * 0.76),
            Flavour::Pdf => (font.pdf_desc(), 0.0),
        };
        let ink = colour(rgb);
        let style = TextStyle::from(desc.transform(transform.clone()))
            .color(&ink)
            .pos(Pos::new(h_pos, VPos::Top));
        let position = match transform {
            FontTransform::Rotate270 => (px(x - depth), px(baseline)),
            _ => (px(x), px(baseline - depth)),
        };
        if self.flavour == Flavour::Bitmap {
            // The same pixels as `Text`, each glyph rasterised once per picture.
            return self
                .area
                .draw(&CachedText {
                    text,
                    position,
                    style,
                    cache: &self.glyphs,
                })
                .map_err(|err| draw_error(&err));
        }
        self.area
            .draw(&Text::new(text.to_owned(), position, style))
            .map_err(|err| draw_error(&err))
    }
}
