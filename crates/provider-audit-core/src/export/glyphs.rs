//! Text on the bitmap with each glyph rasterised once per picture.
//!
//! plotters rasterises every glyph of every string it draws, although a picture of
//! scores and names repeats the same few dozen glyphs thousands of times. Its `ab_glyph`
//! font always outlines a glyph at the origin and shifts the coverage by whole pixels, so
//! the coverage of a glyph depends only on the face, the size and the character: this
//! module keeps it, and draws exactly what plotters would (same layout box, kerning,
//! advances, shifts and colour mixing), so the pixels are the same, only sooner.
//!
//! Used for the bitmap only (SVG and PDF draw text as text). Must not depend on UI crates.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use ab_glyph::{Font as _, FontRef, ScaleFont as _};
use plotters::element::{Drawable, PointCollection};
use plotters::style::{FontError, FontFamily, FontStyle, FontTransform, TextStyle, text_anchor};
use plotters_backend::{
    BackendColor, BackendCoord, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

use super::text::{REGULAR, SEMIBOLD};

/// The faces plotters draws with, parsed from the same bytes it registered.
fn face(style: FontStyle) -> Option<&'static FontRef<'static>> {
    static REGULAR_FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    static SEMIBOLD_FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    // As `register_fonts` registers them: bold is the semibold face, anything else regular.
    let (cell, bytes) = match style {
        FontStyle::Bold => (&SEMIBOLD_FACE, SEMIBOLD),
        _ => (&REGULAR_FACE, REGULAR),
    };
    cell.get_or_init(|| FontRef::try_from_slice(bytes).ok())
        .as_ref()
}

/// One glyph's coverage as plotters' `ab_glyph` font makes it: the top of its pixel bounds
/// and every (x, y, coverage) its outline draws, in drawing order.
struct Rasterised {
    min_y: f32,
    coverage: Vec<(u32, u32, f32)>,
}

/// Glyphs rasterised so far, by face, size and character (`None`: no outline, a space).
#[derive(Default)]
pub(crate) struct GlyphCache {
    glyphs: RefCell<crate::hash::HashMap<GlyphKey, Option<Rc<Rasterised>>>>,
}

/// A glyph's face (bold or not), size (its bits) and character.
type GlyphKey = (bool, u64, char);

impl GlyphCache {
    fn glyph(
        &self,
        bold: bool,
        font: &ab_glyph::PxScaleFont<&FontRef<'static>>,
        size: f64,
        c: char,
    ) -> Option<Rc<Rasterised>> {
        let key = (bold, size.to_bits(), c);
        if let Some(found) = self.glyphs.borrow().get(&key) {
            return found.clone();
        }
        let rasterised = font.outline_glyph(font.scaled_glyph(c)).map(|outline| {
            let mut coverage = Vec::new();
            outline.draw(|x, y, c| coverage.push((x, y, c)));
            Rc::new(Rasterised {
                min_y: outline.px_bounds().min.y,
                coverage,
            })
        });
        self.glyphs.borrow_mut().insert(key, rasterised.clone());
        rasterised
    }
}

/// A line of text drawn with the cache, placed as plotters places a `Text`.
pub(crate) struct CachedText<'a> {
    pub(crate) text: &'a str,
    pub(crate) position: BackendCoord,
    pub(crate) style: TextStyle<'a>,
    pub(crate) cache: &'a GlyphCache,
}

impl<'b> PointCollection<'b, BackendCoord> for &'b CachedText<'_> {
    type Point = &'b BackendCoord;
    type IntoIter = std::iter::Once<&'b BackendCoord>;

    fn point_iter(self) -> Self::IntoIter {
        std::iter::once(&self.position)
    }
}

impl<DB: DrawingBackend> Drawable<DB> for CachedText<'_> {
    fn draw<I: Iterator<Item = BackendCoord>>(
        &self,
        mut points: I,
        backend: &mut DB,
        _: (u32, u32),
    ) -> Result<(), DrawingErrorKind<DB::ErrorType>> {
        match points.next() {
            Some(at) => backend.draw_text(
                self.text,
                &CachedStyle {
                    style: &self.style,
                    cache: self.cache,
                },
                at,
            ),
            None => Ok(()),
        }
    }
}

/// plotters' text style, drawing its glyphs from the cache.
struct CachedStyle<'a> {
    style: &'a TextStyle<'a>,
    cache: &'a GlyphCache,
}

impl BackendTextStyle for CachedStyle<'_> {
    type FontError = FontError;

    fn color(&self) -> BackendColor {
        self.style.color
    }

    fn size(&self) -> f64 {
        self.style.font.get_size()
    }

    fn transform(&self) -> FontTransform {
        self.style.font.get_transform()
    }

    fn style(&self) -> FontStyle {
        self.style.font.get_style()
    }

    fn anchor(&self) -> text_anchor::Pos {
        self.style.pos
    }

    fn family(&self) -> FontFamily<'_> {
        self.style.font.get_family()
    }

    fn layout_box(&self, text: &str) -> Result<((i32, i32), (i32, i32)), FontError> {
        self.style.font.layout_box(text)
    }

    fn draw<E, DrawFunc: FnMut(i32, i32, BackendColor) -> Result<(), E>>(
        &self,
        text: &str,
        (base_x, base_y): BackendCoord,
        mut draw: DrawFunc,
    ) -> Result<Result<(), E>, FontError> {
        let style = self.style.font.get_style();
        let Some(face) = face(style) else {
            // Not reached: the same bytes registered with plotters parsed there.
            return self.style.draw(text, (base_x, base_y), draw);
        };
        let size = self.style.font.get_size();
        let colour = self.style.color;
        // What plotters' ab_glyph font does in `draw`, glyph coverage taken from the cache.
        let font = face.as_scaled(size as f32);
        let bold = matches!(style, FontStyle::Bold);
        let mut x_shift = 0_f32;
        let mut previous = None;
        for c in text.chars() {
            if let Some(previous) = previous {
                x_shift += font.kern(font.glyph_id(previous), font.glyph_id(c));
            }
            previous = Some(c);
            if let Some(glyph) = self.cache.glyph(bold, &font, size, c) {
                let y_shift = ((size as f32) / 2.0 + glyph.min_y) as i32;
                let x_shift = x_shift as i32;
                for &(x, y, coverage) in &glyph.coverage {
                    let mixed = colour.mix(f64::from(coverage));
                    if draw(
                        base_x + i32::try_from(x).unwrap_or(0) + x_shift,
                        base_y + i32::try_from(y).unwrap_or(0) + y_shift,
                        mixed,
                    )
                    .is_err()
                    {
                        return Err(FontError::Unknown);
                    }
                }
            }
            x_shift += font.h_advance(font.glyph_id(c));
        }
        Ok(Ok(()))
    }
}
