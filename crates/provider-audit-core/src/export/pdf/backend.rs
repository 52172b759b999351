//! A plotters drawing backend that draws on a krilla PDF page, so that the comparison image
//! and the section matrix are painted on PDF pages by the very code that paints the PNG and
//! the SVG: filled rectangles become PDF paths, text becomes real PDF text in the shipped
//! font (selectable, searchable, embedded as a subset by krilla).
//!
//! Coordinates are the picture's pixels; the page maps them onto its size with one scale.
//! Text arrives anchored on its baseline (the canvas's PDF flavour). Must not depend on UI
//! crates.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect as PdfRect, Transform};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, FillRule};
use krilla::surface::Surface;
use krilla::text::TextDirection;
use plotters_backend::text_anchor::HPos;
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
    FontStyle, FontTransform,
};

use super::fonts::PdfFonts;
use crate::export::text::Font;

/// Drawing on a PDF page never fails once the page exists.
pub(super) type Never = std::convert::Infallible;

/// One PDF page as a plotters backend of `size` pixels.
pub(super) struct PageBackend<'s, 'p> {
    surface: &'s mut Surface<'p>,
    fonts: &'s PdfFonts,
    size: (u32, u32),
}

impl<'s, 'p> PageBackend<'s, 'p> {
    /// A backend on `surface`, whose transform already maps `size` pixels onto the page.
    pub(super) fn new(surface: &'s mut Surface<'p>, fonts: &'s PdfFonts, size: (u32, u32)) -> Self {
        Self {
            surface,
            fonts,
            size,
        }
    }

    fn set_fill(&mut self, color: BackendColor) {
        let (r, g, b) = color.rgb;
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::new(r, g, b).into(),
            opacity: NormalizedF32::new(color.alpha.clamp(0.0, 1.0) as f32)
                .unwrap_or(NormalizedF32::ONE),
            rule: FillRule::NonZero,
        }));
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, color: BackendColor) {
        let Some(rect) = PdfRect::from_xywh(x, y, w, h) else {
            return;
        };
        let mut builder = PathBuilder::new();
        builder.push_rect(rect);
        if let Some(path) = builder.finish() {
            self.set_fill(color);
            self.surface.draw_path(&path);
        }
    }
}

impl DrawingBackend for PageBackend<'_, '_> {
    type ErrorType = Never;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<Never>> {
        Ok(())
    }

    fn draw_pixel(
        &mut self,
        (x, y): BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Never>> {
        self.fill_rect(x as f32, y as f32, 1.0, 1.0, color);
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Never>> {
        // The far corner is exclusive, as on the bitmap and SVG backends.
        let (x, y) = (x0.min(x1) as f32, y0.min(y1) as f32);
        let (w, h) = ((x1 - x0).abs() as f32, (y1 - y0).abs() as f32);
        if fill {
            self.fill_rect(x, y, w, h, style.color());
        } else {
            // An outline one pixel wide, drawn as four thin rectangles.
            let color = style.color();
            self.fill_rect(x, y, w, 1.0, color);
            self.fill_rect(x, y + h - 1.0, w, 1.0, color);
            self.fill_rect(x, y, 1.0, h, color);
            self.fill_rect(x + w - 1.0, y, 1.0, h, color);
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, baseline): BackendCoord,
    ) -> Result<(), DrawingErrorKind<Never>> {
        let text = self.fonts.printable(text);
        if text.is_empty() {
            return Ok(());
        }
        let bold = matches!(style.style(), FontStyle::Bold);
        let font = if bold {
            Font::semibold(style.size())
        } else {
            Font::regular(style.size())
        };
        // Layouts measure with the shipped font as the images draw it; align on that width.
        let width = font.width(&text);
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        self.set_fill(style.color());
        let upwards = matches!(style.transform(), FontTransform::Rotate270);
        if upwards {
            self.surface.push_transform(&Transform::from_row(
                0.0,
                -1.0,
                1.0,
                0.0,
                x as f32,
                baseline as f32,
            ));
        } else {
            self.surface
                .push_transform(&Transform::from_translate(x as f32, baseline as f32));
        }
        self.surface.draw_text(
            Point::from_xy(dx as f32, 0.0),
            self.fonts.face(bold),
            style.size() as f32,
            &text,
            false,
            TextDirection::LeftToRight,
        );
        self.surface.pop();
        Ok(())
    }
}
