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
    // Text fields show where they are, in a window as in a panel: a background of their own
    // and a visible outline (the stock light theme draws neither on this palette).
    visuals.text_edit_bg_color = Some(color(palette.background));
    visuals.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, color(palette.grid));
    visuals
}

/// System fonts that cover what the shipped fonts lack (Chinese, Japanese and Korean
/// characters, symbols), by family name, in order of preference. The first of each kind
/// that is installed is added as a fallback; `scripts/install-deps.sh` installs one.
const SYSTEM_FALLBACKS: &[&str] = &[
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "WenQuanYi Micro Hei",
    "Droid Sans Fallback",
    "Noto Sans Symbols 2",
    "DejaVu Sans",
];

/// The installed system fonts among [`SYSTEM_FALLBACKS`], read once at start.
fn system_fallbacks() -> Vec<(String, FontData)> {
    let mut db = fontdb::Database::new();
    db.load_system_fonts();
    let mut found = Vec::new();
    for wanted in SYSTEM_FALLBACKS {
        let Some(face) = db
            .faces()
            .find(|face| face.families.iter().any(|(name, _)| name == wanted))
        else {
            continue;
        };
        if let Some((bytes, index)) =
            db.with_face_data(face.id, |data, index| (data.to_vec(), index))
        {
            let mut data = FontData::from_owned(bytes);
            data.index = index;
            found.push(((*wanted).to_owned(), data));
        }
    }
    found
}

/// The shipped font (Inter, SIL OFL 1.1) first, egui's default fonts and the system's
/// fonts for other scripts as fallbacks, so that the app and the exported image read alike
/// and a provider named in Chinese or with a symbol is drawn, not shown as boxes.
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
    for (name, data) in system_fallbacks() {
        fonts
            .font_data
            .insert(name.clone(), std::sync::Arc::new(data));
        for family in [FontFamily::Proportional, FontFamily::Monospace] {
            if let Some(list) = fonts.families.get_mut(&family) {
                list.push(name.clone());
            }
        }
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

#[cfg(test)]
mod tests {
    #[test]
    fn a_provider_named_in_chinese_with_symbols_is_drawn_with_real_glyphs() {
        let ctx = egui::Context::default();
        ctx.set_fonts(super::fonts());
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            ui.label("Fjord Cloud ÅS ☁ 雲 Ωmega");
        });
        output.textures_delta.clear();
        let font = egui::FontId::proportional(14.0);
        // The system's CJK font must be installed (scripts/install-deps.sh does).
        for c in ['雲', '☁', 'Ω', 'Å'] {
            assert!(
                ctx.fonts_mut(|fonts| fonts.has_glyph(&font, c)),
                "{c} has a glyph in the app's fonts"
            );
        }
        assert!(
            ctx.fonts_mut(|fonts| fonts.has_glyph(&super::bold(14.0), '雲')),
            "and in the bold family"
        );
    }
}
