//! The palette of `crate::palette` turned into egui visuals and colours, and the shipped font.

use egui::{Color32, FontData, FontDefinitions, FontFamily, Visuals};

use crate::palette::{Palette, Rgb, Theme};

/// An egui colour from a palette colour.
#[must_use]
pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Visuals for `theme`, built from the one palette.
#[must_use]
pub fn visuals(theme: Theme) -> Visuals {
    let palette = Palette::of(theme);
    let mut visuals = match theme {
        Theme::Light => Visuals::light(),
        Theme::Dark => Visuals::dark(),
    };
    visuals.panel_fill = color(palette.background);
    visuals.window_fill = color(palette.surface);
    visuals.extreme_bg_color = color(palette.surface);
    visuals.faint_bg_color = color(palette.surface);
    visuals.hyperlink_color = color(palette.accent);
    visuals.selection.bg_fill = color(palette.accent).gamma_multiply(0.35);
    visuals.selection.stroke.color = color(palette.accent);
    visuals.override_text_color = Some(color(palette.text));
    visuals
}

/// The shipped font (Inter, SIL OFL 1.1) first, egui's default fonts as fallbacks for
/// symbols, so that the app and the exported image read alike.
#[must_use]
pub fn fonts() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "Inter".to_owned(),
        std::sync::Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/Inter-Regular.otf"
        ))),
    );
    fonts.font_data.insert(
        "Inter-SemiBold".to_owned(),
        std::sync::Arc::new(FontData::from_static(include_bytes!(
            "../../assets/fonts/Inter-SemiBold.otf"
        ))),
    );
    if let Some(family) = fonts.families.get_mut(&FontFamily::Proportional) {
        family.insert(0, "Inter".to_owned());
    }
    let mut bold = vec!["Inter-SemiBold".to_owned()];
    bold.extend(
        fonts
            .families
            .get(&FontFamily::Proportional)
            .cloned()
            .unwrap_or_default(),
    );
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    fonts
}

/// The name of the semi-bold font family.
pub const BOLD: &str = "bold";

/// A semi-bold font of `size` points.
#[must_use]
pub fn bold(size: f32) -> egui::FontId {
    egui::FontId::new(size, FontFamily::Name(BOLD.into()))
}
