//! Exports for the minutes and the ISO evidence folder: the comparison image (PNG and SVG),
//! the section matrix image of one section, the text report (Markdown and CSV), and the
//! meeting's record as one PDF/A document ([`pdf`]).
//!
//! Data flows one way: the session's one derived view
//! ([`ComparisonView`](crate::view::ComparisonView), and [`SectionView`] selected from it) →
//! drawing ([`render_png`], [`render_svg`],
//! [`render_section_png`], [`render_section_svg`]) or writing ([`report::markdown`],
//! [`report::csv`]). The command line and the app call the same functions.
//!
//! Output is byte-identical for identical input: the font is shipped with the product
//! (Inter, SIL Open Font License) and embedded in SVG files, pixels are encoded with the
//! `png` crate at fixed settings, the only dates are those of the input, and nothing is
//! iterated in hash order. Renderers only read the view: they never hash files, read the
//! disk or the clock.
//!
//! Must not depend on UI crates (egui, eframe, rfd).

mod canvas;
mod footnote;
mod glyphs;
mod image;
pub mod pdf;
mod png;
pub mod report;
mod section;
pub mod text;

use std::path::Path;

use plotters::prelude::{BitMapBackend, DrawingBackend, IntoDrawingArea as _, SVGBackend};

use crate::labels;

pub use section::{MatrixCell, MatrixRow, SectionView};

use canvas::{Canvas, Flavour};

use crate::view::ComparisonView;

/// The size of the comparison image unless asked otherwise: a 16:9 slide.
pub const DEFAULT_SIZE: (u32, u32) = (1920, 1080);

/// The smallest image drawn: below this the text would be unreadable.
pub const MIN_SIZE: (u32, u32) = (960, 540);

/// The largest image drawn, in pixels (width times height): about 120 MB of pixels.
pub const MAX_PIXELS: u64 = 40_000_000;

/// Why an export could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The shipped font could not be registered (a corrupt build).
    #[error("the shipped font could not be loaded")]
    Font,
    /// The drawing backend failed.
    #[error("drawing failed: {message}")]
    Draw {
        /// What the backend said.
        message: String,
    },
    /// The image would be too small to read.
    #[error(
        "an image of {width}x{height} is too small to read; the smallest is {}x{}",
        MIN_SIZE.0,
        MIN_SIZE.1
    )]
    TooSmall {
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
    },
    /// The image would take too much memory.
    #[error("an image of {width}x{height} is too large; at most {MAX_PIXELS} pixels")]
    TooLarge {
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
    },
    /// The rows do not fit in the height asked for.
    #[error(
        "{rows} rows do not fit in an image of {width}x{height}; \
         make it at least {min_height} pixels high"
    )]
    TooDense {
        /// Rows to draw (providers or questions).
        rows: usize,
        /// Width asked for.
        width: u32,
        /// Height asked for.
        height: u32,
        /// The height that would fit them.
        min_height: u32,
    },
    /// There is no provider to draw.
    #[error("no audit to draw")]
    Empty,
    /// `--section` names no section of the questionnaire.
    #[error("no section `{id}` in the questionnaire; the sections are: {known}")]
    UnknownSection {
        /// The id asked for.
        id: String,
        /// The ids there are, comma-separated.
        known: String,
    },
    /// The PDF could not be written (krilla's message, e.g. a PDF/A rule broken).
    #[error("PDF: {message}")]
    Pdf {
        /// What went wrong.
        message: String,
    },
    /// The CSV report could not be written, or a CSV report read back is not one.
    #[error("CSV report: {message}")]
    Csv {
        /// What the `csv` crate said, with the record and line.
        message: String,
    },
}

impl From<::csv::Error> for ExportError {
    fn from(err: ::csv::Error) -> Self {
        Self::Csv {
            message: err.to_string(),
        }
    }
}

/// The two image formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormat {
    /// A PNG raster image.
    Png,
    /// An SVG vector image, with the font embedded.
    Svg,
}

impl ImageFormat {
    /// The format named by a path's extension (`.png`, `.svg`, any case).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            _ => None,
        }
    }
}

/// Something that draws itself on a canvas of a given size.
trait Picture {
    /// The text of the SVG `<title>`.
    fn title(&self) -> String;
    /// Draws the picture.
    fn draw<DB: DrawingBackend>(
        &self,
        canvas: &Canvas<DB>,
        size: (u32, u32),
    ) -> Result<(), ExportError>;
}

fn check_size((width, height): (u32, u32)) -> Result<(), ExportError> {
    if width < MIN_SIZE.0 || height < MIN_SIZE.1 {
        return Err(ExportError::TooSmall { width, height });
    }
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ExportError::TooLarge { width, height });
    }
    Ok(())
}

fn png_of(picture: &impl Picture, size: (u32, u32)) -> Result<Vec<u8>, ExportError> {
    check_size(size)?;
    text::register_fonts()?;
    let (width, height) = size;
    // Within MAX_PIXELS, so the buffer length fits in usize.
    let mut pixels = vec![0_u8; width as usize * height as usize * 3];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, size).into_drawing_area();
        let canvas = Canvas::new(area, Flavour::Bitmap);
        picture.draw(&canvas, size)?;
        canvas.finish()?;
    }
    png::encode_rgb(width, height, &pixels).map_err(|err| ExportError::Draw {
        message: format!("PNG encoding: {err}"),
    })
}

fn svg_of(picture: &impl Picture, size: (u32, u32)) -> Result<String, ExportError> {
    check_size(size)?;
    text::register_fonts()?;
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        let canvas = Canvas::new(area, Flavour::Svg);
        picture.draw(&canvas, size)?;
        canvas.finish()?;
    }
    Ok(finish_svg(&svg, &picture.title()))
}

/// Renders the comparison image as PNG.
///
/// # Errors
/// A size out of bounds, too many providers for the height, or a drawing failure.
pub fn render_png(view: &ComparisonView, size: (u32, u32)) -> Result<Vec<u8>, ExportError> {
    png_of(&image::ComparisonImage::new(view)?, size)
}

/// Renders the comparison image as SVG, with the font embedded.
///
/// # Errors
/// As [`render_png`].
pub fn render_svg(view: &ComparisonView, size: (u32, u32)) -> Result<String, ExportError> {
    svg_of(&image::ComparisonImage::new(view)?, size)
}

/// Renders the comparison image in `format`, as the bytes of the file.
///
/// # Errors
/// As [`render_png`].
pub fn render(
    view: &ComparisonView,
    format: ImageFormat,
    size: (u32, u32),
) -> Result<Vec<u8>, ExportError> {
    match format {
        ImageFormat::Png => render_png(view, size),
        ImageFormat::Svg => render_svg(view, size).map(String::into_bytes),
    }
}

/// Renders the section matrix as PNG; `size` `None` means 1920 wide and as high as the
/// questions need.
///
/// # Errors
/// As [`render_png`].
pub fn render_section_png(
    view: &SectionView,
    size: Option<(u32, u32)>,
) -> Result<Vec<u8>, ExportError> {
    text::register_fonts()?;
    let size = size.unwrap_or_else(|| view.natural_size());
    png_of(&section::SectionImage::new(view, size)?, size)
}

/// Renders the section matrix as SVG; `size` as for [`render_section_png`].
///
/// # Errors
/// As [`render_png`].
pub fn render_section_svg(
    view: &SectionView,
    size: Option<(u32, u32)>,
) -> Result<String, ExportError> {
    text::register_fonts()?;
    let size = size.unwrap_or_else(|| view.natural_size());
    svg_of(&section::SectionImage::new(view, size)?, size)
}

/// Renders the section matrix in `format`, as the bytes of the file.
///
/// # Errors
/// As [`render_png`].
pub fn render_section(
    view: &SectionView,
    format: ImageFormat,
    size: Option<(u32, u32)>,
) -> Result<Vec<u8>, ExportError> {
    match format {
        ImageFormat::Png => render_section_png(view, size),
        ImageFormat::Svg => render_section_svg(view, size).map(String::into_bytes),
    }
}

/// Adds a title and the embedded font to the SVG that plotters wrote, and rounds its
/// font sizes.
fn finish_svg(svg: &str, title: &str) -> String {
    let mut out = String::with_capacity(
        svg.len() + (text::REGULAR.len() + text::SEMIBOLD.len()) * 4 / 3 + 512,
    );
    let (head, body) = match svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end + 1))
    {
        Some(split) => svg.split_at(split),
        None => ("", svg),
    };
    out.push_str(head);
    out.push_str("\n<title>");
    out.push_str(&xml_escape(title));
    out.push_str("</title>\n<style>");
    for (weight, bytes) in [(400, text::REGULAR), (700, text::SEMIBOLD)] {
        out.push_str("@font-face{font-family:\"");
        out.push_str(text::CSS_FAMILY);
        out.push_str("\";font-weight:");
        out.push_str(&weight.to_string());
        out.push_str(";src:url(data:font/otf;base64,");
        base64(bytes, &mut out);
        out.push_str(") format(\"opentype\");}\n");
    }
    out.push_str("</style>");
    out.push_str(&round_font_sizes(body));
    out
}

/// `font-size="17.999999999999996"` becomes `font-size="18"`.
fn round_font_sizes(svg: &str) -> String {
    const ATTRIBUTE: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find(ATTRIBUTE) {
        let value_start = start + ATTRIBUTE.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(size) => {
                let rounded = format!("{size:.2}");
                out.push_str(rounded.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if labels::is_unsafe(c, labels::Medium::Line) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends `bytes` in standard Base64 with padding (RFC 4648), as a data URL wants it.
fn base64(bytes: &[u8], out: &mut String) {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode_string(bytes, out);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use plotters::prelude::{BitMapBackend, IntoDrawingArea as _, SVGBackend};

    use super::canvas::{Canvas, Flavour, Rect};
    use super::{ImageFormat, base64, round_font_sizes};
    use crate::palette::Rgb;

    #[test]
    fn rectangles_cover_exactly_their_pixels_on_both_backends() {
        let mut pixels = vec![0_u8; 20 * 10 * 3];
        {
            let area = BitMapBackend::with_buffer(&mut pixels, (20, 10)).into_drawing_area();
            let canvas = Canvas::new(area, Flavour::Bitmap);
            canvas
                .fill(Rect::new(2.0, 3.0, 5.0, 4.0), Rgb(255, 0, 0))
                .expect("fill");
            canvas.finish().expect("present");
        }
        for y in 0..10 {
            for x in 0..20 {
                let red = pixels[(y * 20 + x) * 3] == 255;
                assert_eq!(
                    red,
                    (2..7).contains(&x) && (3..7).contains(&y),
                    "({x}, {y})"
                );
            }
        }
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (20, 10)).into_drawing_area();
            let canvas = Canvas::new(area, Flavour::Svg);
            canvas
                .fill(Rect::new(2.0, 3.0, 5.0, 4.0), Rgb(255, 0, 0))
                .expect("fill");
            canvas.finish().expect("present");
        }
        assert!(
            svg.contains(r#"<rect x="2" y="3" width="5" height="4""#),
            "{svg}"
        );
    }

    #[test]
    fn the_format_comes_from_the_extension() {
        assert_eq!(
            ImageFormat::from_path(Path::new("a/cmp.PNG")),
            Some(ImageFormat::Png)
        );
        assert_eq!(
            ImageFormat::from_path(Path::new("cmp.svg")),
            Some(ImageFormat::Svg)
        );
        assert_eq!(ImageFormat::from_path(Path::new("cmp.jpg")), None);
        assert_eq!(ImageFormat::from_path(Path::new("cmp")), None);
    }

    #[test]
    fn base64_pads_like_rfc_4648() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            let mut out = String::new();
            base64(input.as_bytes(), &mut out);
            assert_eq!(out, expected);
        }
    }

    #[test]
    fn font_sizes_are_rounded() {
        assert_eq!(
            round_font_sizes(
                r#"<text font-size="17.999999999999996">a</text><text font-size="12.5">"#
            ),
            r#"<text font-size="18">a</text><text font-size="12.5">"#
        );
    }
}
