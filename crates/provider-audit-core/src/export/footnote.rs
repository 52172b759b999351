//! Lines shared by the exported images: items laid out on a few lines without splitting
//! one, and the input files with their short SHA-256 (or a word that the comparison drawn has
//! unsaved changes).

use super::text::{Font, shorten};
use crate::labels::one_line;
use crate::view::{InputFile, InputKind};
use crate::workspace::short_hash;

/// Between the items of a line: no-break spaces, so that SVG viewers keep the space.
pub(crate) const SEPARATOR: &str = "\u{a0} · \u{a0}";

/// Lays `items` out on at most `max_lines` lines after `prefix`, separated by " · ",
/// never splitting an item; what does not fit is counted at the end of the last line.
pub(crate) fn wrap_items(
    prefix: &str,
    items: &[String],
    font: Font,
    width: f64,
    max_lines: usize,
) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = prefix.to_owned();
    let mut on_line = 0;
    for (index, item) in items.iter().enumerate() {
        let candidate = if on_line == 0 {
            format!("{current}{item}")
        } else {
            format!("{current}{SEPARATOR}{item}")
        };
        if on_line == 0 || font.width(&candidate) <= width {
            current = candidate;
            on_line += 1;
            continue;
        }
        if lines.len() + 1 == max_lines {
            let more = format!("{SEPARATOR}and {} more", items.len() - index);
            // Widths are whole pixels: a pixel to spare for the join.
            let room = width - font.width(&more) - 1.0;
            current = format!("{}{more}", shorten(&current, font, room));
            break;
        }
        lines.push(std::mem::take(&mut current));
        current.clone_from(item);
        on_line = 1;
    }
    lines.push(current);
    lines
        .into_iter()
        .map(|line| shorten(&line, font, width))
        .collect()
}

/// The input files with the first 12 digits of their SHA-256, wrapped to `width` in at most
/// four lines. With unsaved changes the comparison drawn is not the file: it is said so
/// instead of giving a hash that does not match what is drawn.
pub(crate) fn input_lines(
    inputs: &[InputFile],
    unsaved: bool,
    font: Font,
    width: f64,
) -> Vec<String> {
    let items: Vec<String> = inputs
        .iter()
        .map(|input| match input.kind {
            InputKind::Comparison if unsaved => format!(
                "comparison {} with unsaved changes (not the file's content)",
                one_line(&input.name)
            ),
            InputKind::Comparison => format!(
                "comparison {} {}",
                one_line(&input.name),
                short_hash(&input.sha256)
            ),
            InputKind::Audit => {
                format!("{} {}", one_line(&input.name), short_hash(&input.sha256))
            }
        })
        .chain(
            (unsaved && !inputs.iter().any(|i| i.kind == InputKind::Comparison))
                .then(|| "a comparison with unsaved changes, not saved to any file".to_owned()),
        )
        .collect();
    wrap_items(
        "Input files, SHA-256 (first 12 digits): ",
        &items,
        font,
        width,
        4,
    )
}
