//! The shipped font (Inter, regular and semibold) as krilla fonts, and the text drawn with
//! it made printable: PDF/A forbids drawing a glyph the font does not have, so a character
//! missing from Inter is replaced by a near equivalent it has, else by "?". Must not depend
//! on UI crates.

use ab_glyph::{Font as _, FontRef};

use crate::export::ExportError;
use crate::export::text::{REGULAR, SEMIBOLD};

/// The two faces of the shipped font, ready for krilla.
pub(super) struct PdfFonts {
    regular: krilla::text::Font,
    semibold: krilla::text::Font,
    /// Both faces cover the same characters; the regular one is asked.
    coverage: FontRef<'static>,
}

/// Symbols the pictures use that the font may lack, with what is drawn instead.
const FALLBACKS: &[(char, &str)] = &[
    ('⚠', "!"),
    ('★', "*"),
    ('✓', "✔"),
    ('✗', "×"),
    ('↺', "*"),
    ('↳', "→"),
    ('½', "1/2"),
];

impl PdfFonts {
    /// Loads both faces.
    pub(super) fn load() -> Result<Self, ExportError> {
        let regular = krilla::text::Font::new(REGULAR.into(), 0).ok_or(ExportError::Font)?;
        let semibold = krilla::text::Font::new(SEMIBOLD.into(), 0).ok_or(ExportError::Font)?;
        let coverage = FontRef::try_from_slice(REGULAR).map_err(|_| ExportError::Font)?;
        Ok(Self {
            regular,
            semibold,
            coverage,
        })
    }

    /// The face to draw with.
    pub(super) fn face(&self, bold: bool) -> krilla::text::Font {
        if bold {
            self.semibold.clone()
        } else {
            self.regular.clone()
        }
    }

    /// True when the font has a glyph for `c`.
    pub(super) fn has(&self, c: char) -> bool {
        self.coverage.glyph_id(c).0 != 0
    }

    /// `text` with every character the font lacks replaced (control characters dropped).
    pub(super) fn printable(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            if c.is_control() {
                continue;
            }
            if c == ' ' || self.has(c) {
                out.push(c);
                continue;
            }
            match FALLBACKS.iter().find(|(missing, _)| *missing == c) {
                Some((_, instead)) if instead.chars().all(|i| self.has(i)) => {
                    out.push_str(instead);
                }
                _ => out.push('?'),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::PdfFonts;

    #[test]
    fn characters_the_font_lacks_are_replaced() {
        let fonts = PdfFonts::load().expect("the shipped font loads");
        assert_eq!(fonts.printable("Nordlys Cloud AB"), "Nordlys Cloud AB");
        assert_eq!(
            fonts.printable("Ärlig Molntjänst Örebro"),
            "Ärlig Molntjänst Örebro"
        );
        // Han characters and emoji are not in Inter.
        let cleaned = fonts.printable("雲 cloud 👍");
        assert!(
            cleaned.chars().all(|c| c == ' ' || fonts.has(c)),
            "{cleaned}"
        );
        assert!(cleaned.contains("cloud"));
        for (symbol, _) in super::FALLBACKS {
            let drawn = fonts.printable(&symbol.to_string());
            assert!(drawn.chars().all(|c| fonts.has(c)), "{symbol} → {drawn}");
        }
    }
}
