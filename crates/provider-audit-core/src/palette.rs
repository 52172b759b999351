//! The one palette of the product, light and dark, used by the app and by the exported
//! image so that the image matches the screen. Plain RGB: no UI types here.

use crate::model::Verdict;
use crate::scoring::CellStatus;

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// Linear interpolation between two colours, `t` from 0 to 1.
    #[must_use]
    pub fn lerp(self, other: Self, t: f64) -> Self {
        let t = t.clamp(0.0, 1.0);
        let mix = |a: u8, b: u8| {
            let value = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // Clamped to 0..=255 above, so the cast cannot truncate.
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "value is within 0..=255"
            )]
            let byte = value.round().clamp(0.0, 255.0) as u8;
            byte
        };
        Self(
            mix(self.0, other.0),
            mix(self.1, other.1),
            mix(self.2, other.2),
        )
    }

    /// `#rrggbb`.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG), 0 to 1.
    #[must_use]
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }
}

/// Light or dark.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Theme {
    /// Dark text on light backgrounds (the default, and the exported image's).
    #[default]
    Light,
    /// Light text on dark backgrounds.
    Dark,
}

/// Every colour the product draws with, for one theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// Window or image background.
    pub background: Rgb,
    /// Panels and table headers.
    pub surface: Rgb,
    /// Body text.
    pub text: Rgb,
    /// Secondary text (captions, footnotes).
    pub muted: Rgb,
    /// Grid lines and borders.
    pub grid: Rgb,
    /// Accent: selection, the chosen provider.
    pub accent: Rgb,
    /// Verdict Meets.
    pub meets: Rgb,
    /// Verdict Partial.
    pub partial: Rgb,
    /// Verdict Gap.
    pub gap: Rgb,
    /// Verdict `NoAnswer`.
    pub no_answer: Rgb,
    /// In scope but not asked.
    pub not_asked: Rgb,
    /// `NotApplicable` and out of scope.
    pub not_applicable: Rgb,
    /// Knocked-out providers.
    pub knocked_out: Rgb,
    /// Annotation markers (weak, follow-up).
    pub annotation: Rgb,
}

impl Palette {
    /// The palette of `theme`.
    #[must_use]
    pub fn of(theme: Theme) -> Self {
        match theme {
            Theme::Light => Self::LIGHT,
            Theme::Dark => Self::DARK,
        }
    }

    /// The light palette.
    pub const LIGHT: Self = Self {
        background: Rgb(0xfb, 0xfb, 0xfa),
        surface: Rgb(0xee, 0xef, 0xf1),
        text: Rgb(0x1f, 0x23, 0x28),
        muted: Rgb(0x5f, 0x67, 0x70),
        grid: Rgb(0xd0, 0xd4, 0xd9),
        accent: Rgb(0x1f, 0x5f, 0xbf),
        meets: Rgb(0x3f, 0x9b, 0x5c),
        partial: Rgb(0xe3, 0xb0, 0x3b),
        gap: Rgb(0xc0, 0x3e, 0x32),
        no_answer: Rgb(0x8e, 0x5a, 0xa8),
        not_asked: Rgb(0xa8, 0xae, 0xb5),
        not_applicable: Rgb(0xe2, 0xe4, 0xe7),
        knocked_out: Rgb(0x9c, 0x2b, 0x2b),
        annotation: Rgb(0x1f, 0x5f, 0xbf),
    };

    /// The dark palette.
    pub const DARK: Self = Self {
        background: Rgb(0x1b, 0x1d, 0x21),
        surface: Rgb(0x26, 0x29, 0x2e),
        text: Rgb(0xe6, 0xe8, 0xeb),
        muted: Rgb(0x9a, 0xa1, 0xaa),
        grid: Rgb(0x3a, 0x3f, 0x46),
        accent: Rgb(0x6c, 0xa6, 0xf0),
        meets: Rgb(0x2f, 0x72, 0x46),
        partial: Rgb(0xc4, 0x97, 0x2e),
        gap: Rgb(0xb8, 0x44, 0x38),
        no_answer: Rgb(0x80, 0x55, 0x99),
        not_asked: Rgb(0x5c, 0x62, 0x6a),
        not_applicable: Rgb(0x33, 0x37, 0x3d),
        knocked_out: Rgb(0xe0, 0x6c, 0x6c),
        annotation: Rgb(0x6c, 0xa6, 0xf0),
    };

    /// Distinct colours for categorical series (sections in charts), in order.
    #[must_use]
    pub fn series(&self, index: usize) -> Rgb {
        const SERIES: [Rgb; 8] = [
            Rgb(0x1f, 0x5f, 0xbf),
            Rgb(0xd9, 0x7b, 0x16),
            Rgb(0x2e, 0x8b, 0x57),
            Rgb(0x8e, 0x44, 0xad),
            Rgb(0x17, 0x9c, 0xa8),
            Rgb(0xc0, 0x39, 0x2b),
            Rgb(0x7f, 0x8c, 0x1d),
            Rgb(0x5d, 0x6d, 0x7e),
        ];
        let colour = SERIES[index % SERIES.len()];
        if self.background.luminance() < 0.2 {
            colour.lerp(Rgb(0xff, 0xff, 0xff), 0.15)
        } else {
            colour
        }
    }

    /// The colour of a verdict.
    #[must_use]
    pub fn verdict(&self, verdict: Verdict) -> Rgb {
        match verdict {
            Verdict::Meets => self.meets,
            Verdict::Partial => self.partial,
            Verdict::Gap => self.gap,
            Verdict::NoAnswer => self.no_answer,
            Verdict::NotApplicable => self.not_applicable,
        }
    }

    /// The colour of a matrix cell.
    #[must_use]
    pub fn status(&self, status: CellStatus) -> Rgb {
        match status {
            CellStatus::Rated(verdict) => self.verdict(verdict),
            CellStatus::NotAsked => self.not_asked,
            CellStatus::Heading | CellStatus::OutOfScope => self.not_applicable,
        }
    }

    /// The heat-map colour of a score from 0 to 100: gap red through partial amber to
    /// meets green.
    #[must_use]
    pub fn score(&self, score: f64) -> Rgb {
        let t = (score / 100.0).clamp(0.0, 1.0);
        if t < 0.5 {
            self.gap.lerp(self.partial, t * 2.0)
        } else {
            self.partial.lerp(self.meets, (t - 0.5) * 2.0)
        }
    }

    /// Black or white text, whichever reads better on `background`.
    #[must_use]
    pub fn text_on(&self, background: Rgb) -> Rgb {
        let dark = Rgb(0x14, 0x16, 0x19);
        let light = Rgb(0xff, 0xff, 0xff);
        if contrast(background, dark) >= contrast(background, light) {
            dark
        } else {
            light
        }
    }
}

/// WCAG contrast ratio between two colours, 1 to 21.
#[must_use]
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::{Palette, Rgb};

    #[test]
    fn score_ramp_runs_from_gap_to_meets() {
        let palette = Palette::LIGHT;
        assert_eq!(palette.score(0.0), palette.gap);
        assert_eq!(palette.score(50.0), palette.partial);
        assert_eq!(palette.score(100.0), palette.meets);
        assert_eq!(palette.score(250.0), palette.meets, "clamped");
    }

    #[test]
    fn text_on_coloured_cells_has_contrast() {
        for palette in [Palette::LIGHT, Palette::DARK] {
            for colour in [
                palette.meets,
                palette.partial,
                palette.gap,
                palette.no_answer,
                palette.not_asked,
            ] {
                let text = palette.text_on(colour);
                let ratio = super::contrast(colour, text);
                assert!(
                    ratio >= 4.5,
                    "{colour:?} with {text:?}: contrast {ratio:.2}"
                );
            }
        }
    }

    #[test]
    fn hex_and_lerp() {
        assert_eq!(Rgb(255, 0, 16).hex(), "#ff0010");
        assert_eq!(Rgb(0, 0, 0).lerp(Rgb(200, 100, 50), 0.5), Rgb(100, 50, 25));
    }
}
