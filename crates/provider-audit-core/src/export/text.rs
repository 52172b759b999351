//! Text on the exported images: the shipped font (Inter, SIL Open Font License, see
//! `assets/fonts/LICENSE-Inter.txt`), measuring, shortening with "…" and wrapping. Text
//! from user files is cleaned with [`crate::labels::one_line`] before it is drawn. No system font is ever used, so the
//! same input gives the same pixels on every machine. Must not depend on UI crates.

use std::sync::OnceLock;

use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::ExportError;

/// The regular face of the shipped font.
pub(crate) const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/Inter-Regular.otf");
/// The semibold face of the shipped font (drawn wherever bold is asked for).
pub(crate) const SEMIBOLD: &[u8] = include_bytes!("../../../../assets/fonts/Inter-SemiBold.otf");

/// The family name the font is registered under with plotters. It is also what SVG
/// files name, with a generic fallback for viewers that ignore the embedded font.
pub(crate) const FAMILY: &str = "Inter, sans-serif";

/// The CSS family name of the font embedded in SVG files.
pub(crate) const CSS_FAMILY: &str = "Inter";

/// The font's height (ascent minus descent) per em: `ab_glyph` scales fonts by this height,
/// SVG by the em. Inter: (2728 + 680) / 2816.
pub(crate) const HEIGHT_PER_EM: f64 = 3408.0 / 2816.0;

/// plotters' SVG backend writes `font-size` as the size it is given divided by 1.24.
pub(crate) const SVG_SIZE_DIVISOR: f64 = 1.24;

pub use crate::labels::ELLIPSIS;

/// Registers the shipped font with plotters, once per process.
pub(crate) fn register_fonts() -> Result<(), ExportError> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let registered = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, REGULAR).is_ok()
            && plotters::style::register_font(FAMILY, FontStyle::Bold, SEMIBOLD).is_ok()
    });
    if registered {
        Ok(())
    } else {
        Err(ExportError::Font)
    }
}

/// The weight of a font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Titles, headers and numbers that matter.
    SemiBold,
}

/// A font: the shipped family at a size (the em, in pixels, as CSS means it) and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    /// The em in pixels.
    pub px: f64,
    /// Regular or semibold.
    pub weight: Weight,
}

impl Font {
    /// Regular text of `px` pixels.
    #[must_use]
    pub fn regular(px: f64) -> Self {
        Self {
            px,
            weight: Weight::Regular,
        }
    }

    /// Semibold text of `px` pixels.
    #[must_use]
    pub fn semibold(px: f64) -> Self {
        Self {
            px,
            weight: Weight::SemiBold,
        }
    }

    /// The plotters style of the weight.
    pub(crate) fn style(self) -> FontStyle {
        match self.weight {
            Weight::Regular => FontStyle::Normal,
            Weight::SemiBold => FontStyle::Bold,
        }
    }

    /// The plotters font for the bitmap backend (sized by ascent minus descent).
    pub(crate) fn bitmap_desc(self) -> FontDesc<'static> {
        FontDesc::new(
            FontFamily::Name(FAMILY),
            self.px * HEIGHT_PER_EM,
            self.style(),
        )
    }

    /// The plotters font for the SVG backend (sized so that `font-size` is the em).
    pub(crate) fn svg_desc(self) -> FontDesc<'static> {
        FontDesc::new(
            FontFamily::Name(FAMILY),
            self.px * SVG_SIZE_DIVISOR,
            self.style(),
        )
    }

    /// The plotters font for the PDF backend: sized by the em, as PDF text is.
    pub(crate) fn pdf_desc(self) -> FontDesc<'static> {
        FontDesc::new(FontFamily::Name(FAMILY), self.px, self.style())
    }

    /// The advance width of `text` in pixels, as the bitmap backend draws it.
    #[must_use]
    pub fn width(self, text: &str) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        // Without the font registered every width is unknown; callers register first.
        self.bitmap_desc()
            .box_size(text)
            .map_or(0.0, |(width, _)| f64::from(width))
    }

    /// The height of a line of this font, baseline to baseline.
    #[must_use]
    pub fn line_height(self) -> f64 {
        self.px * 1.3
    }

    /// The height of capital letters above the baseline.
    #[must_use]
    pub fn cap_height(self) -> f64 {
        // Inter: 2048 / 2816 em.
        self.px * 0.727
    }
}

/// `text` if it fits in `max_width`, else its longest prefix that fits with "…" after it.
/// The cut is made between grapheme clusters (an emoji with a skin tone, a flag or a letter
/// with combining accents stays whole) and trailing spaces before the ellipsis are dropped. Returns an empty string when not
/// even the ellipsis fits.
#[must_use]
pub fn shorten(text: &str, font: Font, max_width: f64) -> String {
    if font.width(text) <= max_width {
        return text.to_owned();
    }
    if font.width(ELLIPSIS) > max_width {
        return String::new();
    }
    let cuts: Vec<usize> = crate::labels::cut_points(text).collect();
    let candidate = |cut: usize| format!("{}{ELLIPSIS}", text[..cut].trim_end());
    // Widths grow with the prefix: the largest cut that fits, by bisection.
    let (mut low, mut high) = (0, cuts.len());
    while low < high {
        let middle = (low + high).div_ceil(2);
        if font.width(&candidate(cuts[middle - 1])) <= max_width {
            low = middle;
        } else {
            high = middle - 1;
        }
    }
    if low == 0 {
        ELLIPSIS.to_owned()
    } else {
        candidate(cuts[low - 1])
    }
}

/// Splits `text` into at most `max_lines` lines of at most `max_width` pixels, breaking at
/// spaces; the last line is shortened with "…" when the text does not fit.
#[must_use]
pub fn wrap(text: &str, font: Font, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut words = text.split(' ').filter(|w| !w.is_empty()).peekable();
    while let Some(word) = words.next() {
        let joined = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if font.width(&joined) <= max_width || current.is_empty() {
            current = joined;
            continue;
        }
        if lines.len() + 1 == max_lines {
            // The last line: everything left goes in, shortened.
            let rest: Vec<&str> = std::iter::once(word).chain(words.by_ref()).collect();
            current = format!("{current} {}", rest.join(" "));
            break;
        }
        lines.push(std::mem::take(&mut current));
        word.clone_into(&mut current);
        if words.peek().is_none() {
            break;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines.truncate(max_lines.max(1));
    lines
        .into_iter()
        .map(|line| shorten(&line, font, max_width))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{ELLIPSIS, Font, register_fonts, shorten, wrap};

    fn font() -> Font {
        register_fonts().expect("the shipped font registers");
        Font::regular(20.0)
    }

    #[test]
    fn short_text_is_left_alone() {
        let font = font();
        assert_eq!(shorten("Nordlys", font, 500.0), "Nordlys");
    }

    #[test]
    fn long_text_is_shortened_with_an_ellipsis_and_fits() {
        let font = font();
        let name = "Kvarnby Hosting and Colocation Services Aktiebolag (publ)";
        let width = 200.0;
        let short = shorten(name, font, width);
        assert!(short.ends_with(ELLIPSIS), "{short}");
        assert!(font.width(&short) <= width, "{short} is too wide");
        let prefix = short.trim_end_matches(ELLIPSIS);
        assert!(name.starts_with(prefix));
        assert!(!prefix.ends_with(' '), "no space before the ellipsis");
        // One more character would not fit.
        let next_len = prefix.len()
            + name[prefix.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let longer = format!("{}{ELLIPSIS}", name[..next_len].trim_end());
        assert!(font.width(&longer) > width || longer == short);
    }

    #[test]
    fn shortening_never_splits_a_grapheme_cluster() {
        let font = font();
        for name in [
            "Ärlig Molntjänst Örebro e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}",
            "Thumbs 👍🏽👍🏽👍🏽👍🏽👍🏽👍🏽 up",
            "Nordic 🇸🇪🇳🇴🇫🇮🇩🇰🇮🇸 hosting",
            "Family 👩\u{200d}👩\u{200d}👧👨\u{200d}👨\u{200d}👦 cloud",
        ] {
            let boundaries: Vec<usize> = crate::labels::cut_points(name).collect();
            for width in [30.0, 60.0, 90.0, 120.0, 150.0, 200.0, 260.0] {
                let short = shorten(name, font, width);
                assert!(font.width(&short) <= width);
                let prefix = short.trim_end_matches(ELLIPSIS);
                assert!(name.starts_with(prefix));
                assert!(
                    prefix.is_empty()
                        || prefix.len() == name.len()
                        || boundaries.contains(&prefix.len()),
                    "{short:?} splits a cluster of {name:?}"
                );
            }
        }
    }

    #[test]
    fn nothing_when_not_even_the_ellipsis_fits() {
        let font = font();
        assert_eq!(shorten("Nordlys", font, 1.0), "");
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_shortens_the_last_line() {
        let font = font();
        let text = "Questions valued below one, by cause: gap, no answer, not asked and partial";
        let lines = wrap(text, font, 260.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|line| font.width(line) <= 260.0));
        assert!(lines[1].ends_with(ELLIPSIS));
        assert!(text.starts_with(&lines[0]));
        let all = wrap(text, font, 5000.0, 3);
        assert_eq!(all, [text]);
    }

    #[test]
    fn the_height_per_em_matches_the_shipped_font() {
        // head.unitsPerEm and hhea ascender/descender, read from the font itself.
        let table = |tag: &[u8]| {
            let count = usize::from(u16::from_be_bytes([super::REGULAR[4], super::REGULAR[5]]));
            (0..count)
                .map(|i| &super::REGULAR[12 + 16 * i..28 + 16 * i])
                .find(|record| &record[..4] == tag)
                .map(|record| {
                    u32::from_be_bytes([record[8], record[9], record[10], record[11]]) as usize
                })
                .expect("table present")
        };
        let font = super::REGULAR;
        let head = table(b"head");
        let units_per_em = f64::from(u16::from_be_bytes([font[head + 18], font[head + 19]]));
        let hhea = table(b"hhea");
        let ascender = f64::from(i16::from_be_bytes([font[hhea + 4], font[hhea + 5]]));
        let descender = f64::from(i16::from_be_bytes([font[hhea + 6], font[hhea + 7]]));
        let ratio = (ascender - descender) / units_per_em;
        assert!((ratio - super::HEIGHT_PER_EM).abs() < 1e-9, "{ratio}");
    }
}
