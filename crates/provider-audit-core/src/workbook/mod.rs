//! The questionnaire as a spreadsheet for a provider to fill in, and its answers read back.
//!
//! Writing (`rust_xlsxwriter`): an "Instructions" sheet, one sheet per section (ID, Question,
//! Answer, Evidence documents, Comment; the answer columns unlocked, the rest locked, the
//! sheets protected without a password, the header row frozen and repeated on every printed
//! page), and a hidden sheet naming the questionnaire and a hash of its items, so that the
//! import can tell a workbook of another questionnaire. Every cell is written as text, never
//! as a formula, whatever it starts with.
//!
//! Reading (`calamine` for xlsx, xls and ods; `csv` for CSV): rows are matched by ID, or by
//! the question's text where the ID is gone; see [`import`]. No UI here.

pub(crate) mod import;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

pub use import::{
    ImportError, Imported, ImportedAudit, ImportedRow, MAX_EXPANDED_BYTES, MAX_ROWS, Note,
    imported_audit, read, read_bytes, to_audit,
};

use crate::model::{Audit, Condition, ItemKind, Questionnaire};

/// The name of the hidden sheet that names the questionnaire.
pub const META_SHEET: &str = "provider-audit";
/// The name of the first sheet.
pub const INSTRUCTIONS_SHEET: &str = "Instructions";
/// The columns of a section sheet, in order.
pub const COLUMNS: [&str; 5] = ["ID", "Question", "Answer", "Evidence documents", "Comment"];

/// Why a workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the workbook: {0}")]
pub struct WorkbookError(#[from] XlsxError);

/// Who the workbook is for and from, and what it is pre-filled with.
#[derive(Clone, Copy, Debug, Default)]
pub struct Request<'a> {
    /// The provider asked to answer.
    pub provider: Option<&'a str>,
    /// Who sends it.
    pub sender: Option<&'a str>,
    /// An earlier audit whose answers, evidence and comments pre-fill the cells (next
    /// year's re-audit: the provider updates last year's answers).
    pub from: Option<&'a Audit>,
}

/// A hash of the questionnaire's items (ids, kinds and texts), so that a workbook can be
/// told apart from one of another questionnaire version.
#[must_use]
pub fn items_hash(questionnaire: &Questionnaire) -> String {
    let mut text = String::new();
    for item in &questionnaire.items {
        text.push_str(item.id.as_str());
        text.push('\u{1f}');
        text.push_str(&format!("{:?}", item.kind));
        text.push('\u{1f}');
        text.push_str(&item.text);
        text.push('\u{1e}');
    }
    crate::fsutil::sha256_hex(text.as_bytes())
}

/// The workbook of `questionnaire` for `request`, as the bytes of an xlsx file.
///
/// # Errors
/// When the spreadsheet writer fails (a text over its limit of 32 767 characters).
pub fn write(
    questionnaire: &Questionnaire,
    request: Request<'_>,
) -> Result<Vec<u8>, WorkbookError> {
    let mut workbook = Workbook::new();
    instructions(workbook.add_worksheet(), questionnaire, request)?;
    let mut used = vec![INSTRUCTIONS_SHEET.to_owned(), META_SHEET.to_owned()];
    for number in 0..questionnaire.sections.len() {
        let name = sheet_name(&questionnaire.sections[number].label, &used);
        used.push(name.clone());
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name)?;
        section_sheet(sheet, questionnaire, number, request.from)?;
    }
    let meta = workbook.add_worksheet();
    meta.set_name(META_SHEET)?;
    meta.write_string(0, 0, "questionnaire")?;
    meta.write_string(0, 1, &questionnaire.id)?;
    meta.write_string(1, 0, "items")?;
    meta.write_string(1, 1, items_hash(questionnaire))?;
    meta.write_string(2, 0, "provider")?;
    meta.write_string(2, 1, request.provider.unwrap_or_default())?;
    meta.set_hidden(true);
    Ok(workbook.save_to_buffer()?)
}

/// A sheet name from a section label: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(label: &str, used: &[String]) -> String {
    let clean: String = label
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let base: String = crate::labels::prefix(clean.trim(), 28).to_owned();
    let mut name = base.clone();
    let mut n = 2;
    while used.iter().any(|u| u.eq_ignore_ascii_case(&name)) {
        name = format!("{base} {n}");
        n += 1;
    }
    name
}

/// The widths of the section sheets' columns, in characters.
const WIDTHS: [f64; 5] = [12.0, 60.0, 70.0, 30.0, 30.0];
/// The width of the Instructions sheet's one column, in characters.
const INSTRUCTIONS_WIDTH: f64 = 80.0;

/// The height in points of a row whose wrapped cells hold `cells` (text, column width in
/// characters): Excel fits a row to wrapped text when it opens the file, `LibreOffice` does
/// not, so the writer sets it. At most the 409 points a row can have.
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let per_line = (width * 0.9).max(1.0);
            text.split('\n')
                .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0))
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    (lines * 15.0).min(409.0)
}

fn instructions(
    sheet: &mut Worksheet,
    questionnaire: &Questionnaire,
    request: Request<'_>,
) -> Result<(), WorkbookError> {
    sheet.set_name(INSTRUCTIONS_SHEET)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    sheet.set_column_width(0, INSTRUCTIONS_WIDTH)?;
    sheet.set_print_fit_to_pages(1, 0);
    let mut heading = questionnaire.title.clone();
    if let Some(provider) = request.provider {
        heading.push_str(&format!(" for {provider}"));
    }
    if let Some(sender) = request.sender {
        heading.push_str(&format!(", from {sender}"));
    }
    // A 16-point title takes about half again the width and height of body text.
    let title_lines = row_height(&[(&heading, INSTRUCTIONS_WIDTH / 1.5)]) / 15.0;
    sheet.set_row_height(0, title_lines * 22.0)?;
    sheet.write_string_with_format(0, 0, heading, &title)?;
    let lines = [
        "Please answer every question of the following sheets, one sheet per section."
            .to_owned(),
        "Write each answer in full sentences in the Answer column, as you would explain it on a call: what you offer, how, where, with which limits.".to_owned(),
        "Name the documents that support an answer (certificates, reports, contracts) in the Evidence documents column, one per line, and send them with the workbook.".to_owned(),
        "Use the Comment column for anything else we should know. Bold rows are headings: they need no answer.".to_owned(),
        "Questions marked [NFS only] or [HIPAA only] apply only if you offer that; a follow-up marked (only if your answer above is yes/no) applies only then.".to_owned(),
        "Please keep the ID column and the sheets as they are: they let us read your answers back.".to_owned(),
        format!("Questionnaire: {} ({}).", questionnaire.title, questionnaire.id),
        questionnaire.source.clone(),
    ];
    for (row, line) in lines.iter().enumerate() {
        let row = row as u32 + 2;
        sheet.write_string_with_format(row, 0, line, &wrap)?;
        sheet.set_row_height(row, row_height(&[(line, INSTRUCTIONS_WIDTH)]))?;
    }
    Ok(())
}

/// The width of the ID column of section `number`, in characters: its longest id and a
/// margin, at least [`WIDTHS`]`[0]`.
fn id_column_width(questionnaire: &Questionnaire, number: usize) -> f64 {
    let longest = questionnaire
        .section_items(number)
        .iter()
        .map(|item| item.id.as_str().chars().count())
        .max()
        .unwrap_or(0);
    (longest as f64 + 2.0).clamp(WIDTHS[0], 48.0)
}

fn section_sheet(
    sheet: &mut Worksheet,
    questionnaire: &Questionnaire,
    number: usize,
    from: Option<&Audit>,
) -> Result<(), WorkbookError> {
    let grey = rust_xlsxwriter::Color::RGB(0x00F0_F0F0);
    let header = Format::new()
        .set_bold()
        .set_background_color(grey)
        .set_border_bottom(FormatBorder::Thin);
    let id_format = Format::new()
        .set_font_color(rust_xlsxwriter::Color::RGB(0x0080_8080))
        .set_background_color(grey)
        .set_align(FormatAlign::Top)
        .set_locked();
    let open = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_unlocked();
    for (column, name) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, column as u16, *name, &header)?;
    }
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    // The ID column as wide as the section's longest id (`tech.services.all-zones`).
    sheet.set_column_width(0, id_column_width(questionnaire, number))?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_repeat_rows(0, 0)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_landscape();
    for (offset, item) in questionnaire.section_items(number).iter().enumerate() {
        let row = offset as u32 + 1;
        let mut question = crate::text::plain(&item.text);
        for tag in &item.tags {
            match tag.as_str() {
                "nfs" => question.push_str(" [NFS only]"),
                "hipaa" => question.push_str(" [HIPAA only]"),
                _ => {}
            }
        }
        if let Some(condition) = item.condition {
            question.push_str(match condition {
                Condition::IfYes => " (only if your answer above is yes)",
                Condition::IfNot => " (only if your answer above is no)",
            });
        }
        let depth = u8::try_from(item.depth).unwrap_or(u8::MAX);
        sheet.write_string_with_format(row, 0, item.id.as_str(), &id_format)?;
        if item.kind == ItemKind::Heading {
            let bold = Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::Top)
                .set_indent(depth);
            let width = WIDTHS[1] - 3.0 * f64::from(depth);
            sheet.set_row_height(row, row_height(&[(&question, width)]))?;
            sheet.write_string_with_format(row, 1, question, &bold)?;
            continue;
        }
        let text = Format::new()
            .set_text_wrap()
            .set_align(FormatAlign::Left)
            .set_align(FormatAlign::Top)
            .set_indent(depth);
        let answer = from.and_then(|audit| audit.answer(item.id.as_str()));
        let cells = [
            answer.map(|a| a.answer.clone()).unwrap_or_default(),
            answer.map(|a| a.evidence.join("\n")).unwrap_or_default(),
            answer.map(|a| a.note.clone()).unwrap_or_default(),
        ];
        let height = row_height(&[
            (&question, WIDTHS[1] - 3.0 * f64::from(depth)),
            (&cells[0], WIDTHS[2]),
            (&cells[1], WIDTHS[3]),
            (&cells[2], WIDTHS[4]),
        ]);
        sheet.set_row_height(row, height)?;
        sheet.write_string_with_format(row, 1, question, &text)?;
        for (column, value) in cells.into_iter().enumerate() {
            // Written as text: a leading `=`, `+`, `-` or `@` never becomes a formula.
            sheet.write_string_with_format(row, column as u16 + 2, value, &open)?;
        }
    }
    sheet.protect();
    Ok(())
}

#[cfg(test)]
mod tests;
