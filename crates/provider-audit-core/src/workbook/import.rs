//! Reading a provider's answers back: from a workbook (xlsx, xls, ods) or a CSV file with
//! the columns `id,question,answer,evidence,comment`. Rows are matched by ID; where the ID
//! was deleted or emptied, by the question's text compared without case, spacing and
//! punctuation. Answers are taken exactly as written, with no verdict: the auditor judges.

use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Reader as _};

use super::{COLUMNS, INSTRUCTIONS_SHEET, META_SHEET, items_hash};
use crate::fsutil::MAX_FILE_BYTES;
use crate::model::{Answer, Audit, ItemKind, Provenance, QuestionId, Questionnaire};

/// Why a file could not be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Reading the file failed.
    #[error("{path}: cannot read: {reason}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
    /// Not a spreadsheet this product reads.
    #[error("{path}: not a spreadsheet (xlsx, xls, ods or CSV): {reason}")]
    NotASpreadsheet {
        /// The file.
        path: String,
        /// What the reader said.
        reason: String,
    },
    /// A workbook of another questionnaire.
    #[error(
        "{path}: the workbook is of questionnaire `{found}`, not `{expected}` (or of another version of it); with --force its rows are matched by their text"
    )]
    OtherQuestionnaire {
        /// The file.
        path: String,
        /// What the workbook names.
        found: String,
        /// The questionnaire in use.
        expected: String,
    },
    /// A password-protected or encrypted workbook.
    #[error(
        "{path}: the workbook is password-protected or encrypted: ask the provider for an unprotected copy (sheet protection without a password is fine)"
    )]
    Encrypted {
        /// The file.
        path: String,
    },
    /// A workbook that expands to more than [`MAX_EXPANDED_BYTES`].
    #[error(
        "{path}: the workbook expands to {expanded} bytes, over the limit of 256 MiB: refused as a zip bomb"
    )]
    TooLarge {
        /// The file.
        path: String,
        /// What its parts add up to, uncompressed.
        expanded: u128,
    },
    /// A sheet reaching far below any questionnaire's rows.
    #[error(
        "{path}: sheet `{sheet}` reaches row {rows}, over the limit of {MAX_ROWS} rows: delete the rows below the questions and import again"
    )]
    TooManyRows {
        /// The file.
        path: String,
        /// The sheet.
        sheet: String,
        /// Its last row (1-based).
        rows: u64,
    },
    /// No sheet had the ID or Question column.
    #[error("{path}: no sheet has an ID or a Question column: not a questionnaire workbook")]
    NoColumns {
        /// The file.
        path: String,
    },
    /// Not one row names a question of the questionnaire: nothing would be imported.
    #[error(
        "{path}: no question id of questionnaire `{questionnaire}` found: {found}{}",
        no_question_hint(*.caiq)
    )]
    NoQuestionFound {
        /// The file.
        path: String,
        /// The questionnaire in use.
        questionnaire: String,
        /// What was found instead: rows, and a few of their ids.
        found: String,
        /// True when a sheet has the header row of a CSA CAIQ.
        caiq: bool,
    },
}

/// What to do about a workbook in which no question was found.
fn no_question_hint(caiq: bool) -> &'static str {
    if caiq {
        "; the header row is a CSA CAIQ's: import it with `provider-audit import caiq FILE -o AUDIT`"
    } else {
        "; is it a workbook of another questionnaire? (`provider-audit workbook` writes one for this questionnaire)"
    }
}

/// One answered row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedRow {
    /// The question it answers.
    pub id: QuestionId,
    /// The answer, exactly as written.
    pub answer: String,
    /// The documents named, one per line.
    pub evidence: Vec<String>,
    /// The provider's comment.
    pub comment: String,
}

/// Something the import log says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// A row matched no question: where, and its text.
    Unmatched {
        /// `Sheet!A12`.
        place: String,
        /// The question text of the row.
        text: String,
    },
    /// The provider changed a question's text.
    QuestionChanged {
        /// The question.
        id: QuestionId,
        /// `Sheet!B12`.
        place: String,
    },
    /// A cell held a formula; its cached value was imported.
    Formula {
        /// `Sheet!C12`.
        place: String,
    },
    /// A cell held a formula with no computed value (a tool wrote text starting with `=`
    /// as a formula): its text was imported as written, `=` and all.
    FormulaText {
        /// `Sheet!C12`.
        place: String,
    },
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Unmatched { place, text } => write!(
                f,
                "{place}: matches no question: {}",
                crate::labels::ellipsize(&crate::labels::one_line(text), 80)
            ),
            Self::QuestionChanged { id, place } => {
                write!(f, "{place}: the provider changed the text of question {id}")
            }
            Self::Formula { place } => write!(
                f,
                "{place}: held a formula; its last computed value was imported"
            ),
            Self::FormulaText { place } => write!(
                f,
                "{place}: held a formula with no computed value; its text was imported as \
                 written"
            ),
        }
    }
}

/// What was read from a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// The answered rows, in file order.
    pub rows: Vec<ImportedRow>,
    /// What the log says besides the counts.
    pub notes: Vec<Note>,
    /// The provider the workbook was made for, if it says.
    pub provider: Option<String>,
    /// Rows that matched a question (answered or not).
    pub matched: usize,
}

/// One row of a sheet or of a CSV file, before matching.
struct RawRow {
    place_row: usize,
    id: String,
    question: String,
    answer: String,
    evidence: String,
    comment: String,
}

/// Reads `path` (xlsx, xls, ods or CSV, told by its extension) against `questionnaire`.
/// With `force`, a workbook of another questionnaire is read too, its rows matched by text.
///
/// # Errors
/// See [`ImportError`]; nothing is partially returned.
pub fn read(
    path: &Path,
    questionnaire: &Questionnaire,
    force: bool,
) -> Result<Imported, ImportError> {
    let name = path.display().to_string();
    let bytes = read_bounded(path).map_err(|reason| ImportError::Read {
        path: name.clone(),
        reason,
    })?;
    let is_csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    read_bytes(&name, bytes, is_csv, questionnaire, force)
}

/// [`read`] of a file already in memory (`bytes`, at most the size `read` accepts), named
/// `name` in errors: CSV when `is_csv`, else a workbook told apart by its content.
///
/// # Errors
/// As [`read`], but for reading the file.
pub fn read_bytes(
    name: &str,
    bytes: Vec<u8>,
    is_csv: bool,
    questionnaire: &Questionnaire,
    force: bool,
) -> Result<Imported, ImportError> {
    let name = name.to_owned();
    let mut imported = Imported::default();
    if is_csv {
        let rows = csv_rows(&bytes).map_err(|reason| ImportError::NotASpreadsheet {
            path: name.clone(),
            reason,
        })?;
        let seen = Seen::of(&rows);
        match_rows(questionnaire, "CSV", rows, false, &mut imported);
        seen.check(&imported, questionnaire, &name, false)?;
        return Ok(imported);
    }
    check_container(&bytes, &name)?;
    let mut sheets =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|err| {
            if is_password_error(&err) {
                ImportError::Encrypted { path: name.clone() }
            } else {
                ImportError::NotASpreadsheet {
                    path: name.clone(),
                    reason: err.to_string(),
                }
            }
        })?;
    let by_text = check_meta(&mut sheets, questionnaire, &name, force, &mut imported)?;
    let mut found_columns = false;
    let mut seen = Seen::default();
    let mut caiq = false;
    for sheet in sheets.sheet_names() {
        if sheet == INSTRUCTIONS_SHEET || sheet == META_SHEET {
            continue;
        }
        check_rows(&mut sheets, &sheet, &name)?;
        let Ok(range) = sheets.worksheet_range(&sheet) else {
            continue;
        };
        caiq |= range.rows().take(20).any(|row| {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            crate::caiq::is_caiq_header(&cells)
        });
        let formulas = sheets.worksheet_formula(&sheet).ok();
        let Some((rows, formula_cells)) = sheet_rows(&range, formulas.as_ref()) else {
            continue;
        };
        found_columns = true;
        seen.add(&rows);
        for (row, column, text_taken) in formula_cells {
            let place = format!("{sheet}!{}{}", column_letter(column), row + 1);
            imported.notes.push(if text_taken {
                Note::FormulaText { place }
            } else {
                Note::Formula { place }
            });
        }
        match_rows(questionnaire, &sheet, rows, by_text, &mut imported);
    }
    if !found_columns {
        if caiq {
            return Err(ImportError::NoQuestionFound {
                path: name,
                questionnaire: questionnaire.id.clone(),
                found: "no ID or Question column".to_owned(),
                caiq,
            });
        }
        return Err(ImportError::NoColumns { path: name });
    }
    seen.check(&imported, questionnaire, &name, caiq)?;
    Ok(imported)
}

/// What the rows held, for the error when none matched a question.
#[derive(Default)]
struct Seen {
    rows: usize,
    ids: Vec<String>,
}

impl Seen {
    fn of(rows: &[RawRow]) -> Self {
        let mut seen = Self::default();
        seen.add(rows);
        seen
    }

    fn add(&mut self, rows: &[RawRow]) {
        for row in rows {
            if row.id.trim().is_empty() && row.question.trim().is_empty() {
                continue;
            }
            self.rows += 1;
            let id = crate::labels::one_line(&row.id);
            if !id.is_empty() && self.ids.len() < 3 && !self.ids.contains(&id) {
                self.ids.push(id);
            }
        }
    }

    /// Refuses the import when rows were read but none matched a question.
    fn check(
        &self,
        imported: &Imported,
        questionnaire: &Questionnaire,
        name: &str,
        caiq: bool,
    ) -> Result<(), ImportError> {
        if imported.matched > 0 {
            return Ok(());
        }
        let ids = if self.ids.is_empty() {
            "no ids".to_owned()
        } else {
            let shown: Vec<String> = self
                .ids
                .iter()
                .map(|id| format!("`{}`", crate::labels::ellipsize(id, 30)))
                .collect();
            format!("ids such as {}", shown.join(", "))
        };
        Err(ImportError::NoQuestionFound {
            path: name.to_owned(),
            questionnaire: questionnaire.id.clone(),
            found: format!("{} with {ids}", crate::labels::plural(self.rows, "row")),
            caiq,
        })
    }
}

/// Over this much uncompressed content (the sizes its zip directory declares) a workbook is
/// refused: decompression stays bounded whatever the file.
pub const MAX_EXPANDED_BYTES: u128 = 256 * 1024 * 1024;

/// Refuses encrypted workbooks (an OLE container holding an `EncryptedPackage`) and zip
/// containers that would expand past [`MAX_EXPANDED_BYTES`], before any part is inflated.
pub(crate) fn check_container(bytes: &[u8], name: &str) -> Result<(), ImportError> {
    const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(&OLE_MAGIC) {
        let marker: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if bytes.windows(marker.len()).any(|window| window == marker) {
            return Err(ImportError::Encrypted {
                path: name.to_owned(),
            });
        }
        return Ok(());
    }
    if !bytes.starts_with(b"PK") {
        return Ok(());
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|err| {
        ImportError::NotASpreadsheet {
            path: name.to_owned(),
            reason: err.to_string(),
        }
    })?;
    let mut expanded: u128 = 0;
    for index in 0..archive.len() {
        let size = archive
            .by_index_raw(index)
            .map_or(0, |entry| u128::from(entry.size()));
        expanded = expanded.saturating_add(size);
    }
    if expanded > MAX_EXPANDED_BYTES {
        return Err(ImportError::TooLarge {
            path: name.to_owned(),
            expanded,
        });
    }
    // An OpenDocument spreadsheet: its sheets are in content.xml.
    if let Ok(mut content) = archive.by_name("content.xml") {
        let mut xml = Vec::new();
        std::io::Read::read_to_end(&mut content, &mut xml).map_err(|err| {
            ImportError::NotASpreadsheet {
                path: name.to_owned(),
                reason: format!("content.xml cannot be read: {err}"),
            }
        })?;
        well_formed(&xml).map_err(|reason| ImportError::NotASpreadsheet {
            path: name.to_owned(),
            reason: format!("content.xml is not well-formed XML: {reason}"),
        })?;
    }
    Ok(())
}

/// Whether `xml` is well-formed enough to read: no syntax error, every end tag matching its
/// start, and no element left open at the end. (calamine's `OpenDocument` reader never stops
/// on a table the file ends inside.)
fn well_formed(xml: &[u8]) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut open: usize = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(_)) => open += 1,
            Ok(Event::End(_)) => open = open.saturating_sub(1),
            Ok(Event::Eof) if open == 0 => return Ok(()),
            Ok(Event::Eof) => {
                return Err(format!("the file ends inside {open} open elements"));
            }
            Err(err) => {
                return Err(format!("at byte {}: {err}", reader.error_position()));
            }
            Ok(_) => {}
        }
        buf.clear();
    }
}

/// A sheet of more rows is refused: the longest questionnaire section is far shorter.
pub const MAX_ROWS: u64 = 50_000;

/// Refuses an xlsx sheet with a cell below [`MAX_ROWS`] before calamine lays the sheet out
/// as a dense grid: the cells are streamed, a million empty rows cost no memory. (xls sheets
/// end at row 65 536; ods repeats empty rows in one element.)
pub(crate) fn check_rows<RS: std::io::Read + std::io::Seek>(
    sheets: &mut calamine::Sheets<RS>,
    sheet: &str,
    name: &str,
) -> Result<(), ImportError> {
    let calamine::Sheets::Xlsx(xlsx) = sheets else {
        return Ok(());
    };
    let Ok(mut cells) = xlsx.worksheet_cells_reader(sheet) else {
        return Ok(());
    };
    let mut last = 0_u64;
    while let Ok(Some(cell)) = cells.next_cell() {
        last = last.max(u64::from(cell.get_position().0) + 1);
        if last > MAX_ROWS {
            return Err(ImportError::TooManyRows {
                path: name.to_owned(),
                sheet: sheet.to_owned(),
                rows: last,
            });
        }
    }
    Ok(())
}

/// Whether calamine refused a workbook for its password.
pub(crate) fn is_password_error(err: &calamine::Error) -> bool {
    matches!(
        err,
        calamine::Error::Xls(calamine::XlsError::Password)
            | calamine::Error::Ods(calamine::OdsError::Password)
    )
}

/// The file's bytes, refusing files over the product's size limit.
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|err| err.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| err.to_string())?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err("over the limit of 16 MiB".to_owned());
    }
    Ok(bytes)
}

/// Reads the hidden sheet that names the questionnaire; `true` when rows must be matched by
/// their text (another questionnaire, read with `force`).
fn check_meta<RS: std::io::Read + std::io::Seek>(
    sheets: &mut calamine::Sheets<RS>,
    questionnaire: &Questionnaire,
    name: &str,
    force: bool,
    imported: &mut Imported,
) -> Result<bool, ImportError> {
    let Ok(meta) = sheets.worksheet_range(META_SHEET) else {
        return Ok(false);
    };
    let value = |key: &str| {
        meta.rows()
            .find(|row| row.first().is_some_and(|c| *c == key))
            .and_then(|row| row.get(1))
            .map(ToString::to_string)
    };
    imported.provider = value("provider").filter(|p| !p.trim().is_empty());
    let found = value("questionnaire").unwrap_or_default();
    let same = found == questionnaire.id
        && value("items").is_none_or(|hash| hash == items_hash(questionnaire));
    if same {
        return Ok(false);
    }
    if force {
        return Ok(true);
    }
    Err(ImportError::OtherQuestionnaire {
        path: name.to_owned(),
        found,
        expected: questionnaire.id.clone(),
    })
}

/// The rows under the header row of a sheet (the first row with an ID or a Question
/// column), and the cells of its answer columns that held a formula; `None` when the sheet
/// has neither column.
/// The rows of a sheet, and the (row, column) of answer cells that held a formula, with
/// whether the formula's own text was taken (it had no computed value).
type SheetRows = (Vec<RawRow>, Vec<(usize, usize, bool)>);

fn sheet_rows(
    range: &calamine::Range<Data>,
    formulas: Option<&calamine::Range<String>>,
) -> Option<SheetRows> {
    let (start_row, start_column) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let all: Vec<&[Data]> = range.rows().collect();
    let (header_index, columns) = all.iter().enumerate().take(20).find_map(|(index, row)| {
        let columns = header_columns(row.iter().map(ToString::to_string));
        (columns[0].is_some() || columns[1].is_some()).then_some((index, columns))
    })?;
    let cell = |row: &[Data], column: Option<usize>| {
        column
            .and_then(|c| row.get(c))
            .map(cell_text)
            .unwrap_or_default()
    };
    let mut rows = Vec::new();
    for (index, row) in all.iter().enumerate().skip(header_index + 1) {
        rows.push(RawRow {
            place_row: start_row + index + 1,
            id: cell(row, columns[0]).trim().to_owned(),
            question: cell(row, columns[1]),
            answer: cell(row, columns[2]),
            evidence: cell(row, columns[3]),
            comment: cell(row, columns[4]),
        });
    }
    let mut formula_cells = Vec::new();
    if let Some(formulas) = formulas {
        let (f_row, f_column) = formulas
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        for (r, row) in formulas.rows().enumerate() {
            for (c, formula) in row.iter().enumerate() {
                let column = f_column + c;
                let field =
                    (2..5).find(|&k| columns[k].is_some_and(|a| a + start_column == column));
                let (Some(field), false) = (field, formula.is_empty()) else {
                    continue;
                };
                // A formula with no computed value keeps its own text, never "".
                let place_row = f_row + r + 1;
                let mut text_taken = false;
                if let Some(raw) = rows.iter_mut().find(|raw| raw.place_row == place_row) {
                    let cell = match field {
                        2 => &mut raw.answer,
                        3 => &mut raw.evidence,
                        _ => &mut raw.comment,
                    };
                    if cell.trim().is_empty() {
                        *cell = format!("={formula}");
                        text_taken = true;
                    }
                }
                formula_cells.push((f_row + r, column, text_taken));
            }
        }
    }
    Some((rows, formula_cells))
}

/// The positions of the columns ID, Question, Answer, Evidence documents and Comment in a
/// header row (case and spacing ignored; "Evidence" alone will do, and "Question ID" for
/// the ID).
fn header_columns(header: impl Iterator<Item = String>) -> [Option<usize>; 5] {
    let mut columns = [None; 5];
    for (position, name) in header.enumerate() {
        let name = normalized(&name);
        let known = COLUMNS
            .iter()
            .position(|c| normalized(c) == name)
            .or_else(|| (name == "evidence").then_some(3))
            .or_else(|| (name == "questionid").then_some(0));
        if let Some(known) = known
            && columns[known].is_none()
        {
            columns[known] = Some(position);
        }
    }
    columns
}

/// A cell's text: strings as written, numbers as the spreadsheet shows them.
pub(crate) fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// `A` for column 0, `AB` for 27.
pub(crate) fn column_letter(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(char::from(b'A' + rest as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// A question's text compared without case, spacing and punctuation.
fn normalized(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The CSV file's rows: a header naming the columns (comma or semicolon; UTF-8, with or
/// without a byte order mark).
fn csv_rows(bytes: &[u8]) -> Result<Vec<RawRow>, String> {
    let text = std::str::from_utf8(bytes).map_err(|err| format!("not UTF-8 text ({err})"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let header = reader.headers().map_err(|err| err.to_string())?.clone();
    let columns = header_columns(header.iter().map(str::to_owned));
    if columns[0].is_none() && columns[1].is_none() {
        return Err("the header names no `id` or `question` column".to_owned());
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|err| err.to_string())?;
        let cell = |column: Option<usize>| {
            column
                .and_then(|c| record.get(c))
                .unwrap_or_default()
                .to_owned()
        };
        rows.push(RawRow {
            place_row: index + 2,
            id: cell(columns[0]).trim().to_owned(),
            question: cell(columns[1]),
            answer: cell(columns[2]),
            evidence: cell(columns[3]),
            comment: cell(columns[4]),
        });
    }
    Ok(rows)
}

/// Matches rows to questions: by ID, else by normalized text; answered rows are kept.
fn match_rows(
    questionnaire: &Questionnaire,
    sheet: &str,
    rows: Vec<RawRow>,
    by_text_only: bool,
    imported: &mut Imported,
) {
    let by_text: std::collections::HashMap<String, usize> = questionnaire
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind != ItemKind::Heading)
        .map(|(index, item)| (normalized(&crate::text::plain(&item.text)), index))
        .collect();
    for row in rows {
        let has_content = !row.answer.trim().is_empty()
            || !row.evidence.trim().is_empty()
            || !row.comment.trim().is_empty();
        let by_id = (!by_text_only)
            .then(|| questionnaire.position(&row.id))
            .flatten()
            .filter(|&i| questionnaire.items[i].kind != ItemKind::Heading);
        let question = normalized(&strip_marks(&row.question));
        let matched = by_id.or_else(|| by_text.get(&question).copied());
        let Some(index) = matched else {
            if has_content {
                imported.notes.push(Note::Unmatched {
                    place: format!("{sheet}!A{}", row.place_row),
                    text: row.question.clone(),
                });
            }
            continue;
        };
        let item = &questionnaire.items[index];
        imported.matched += 1;
        if by_id.is_some()
            && !question.is_empty()
            && question != normalized(&crate::text::plain(&item.text))
        {
            imported.notes.push(Note::QuestionChanged {
                id: item.id.clone(),
                place: format!("{sheet}!B{}", row.place_row),
            });
        }
        if !has_content {
            continue;
        }
        imported.rows.push(ImportedRow {
            id: item.id.clone(),
            answer: row.answer,
            evidence: row
                .evidence
                .split(['\n', ';'])
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect(),
            comment: row.comment,
        });
    }
}

/// The question text without the marks the workbook adds ("[NFS only]", "(only if …)").
fn strip_marks(text: &str) -> String {
    let mut text = text.to_owned();
    for mark in [
        " [NFS only]",
        " [HIPAA only]",
        " (only if your answer above is yes)",
        " (only if your answer above is no)",
    ] {
        text = text.replace(mark, "");
    }
    text
}

/// The audit the import gives, and its log. A new audit of `provider` (the blank layout of
/// `provider-audit new`, dated `today`), or `merge` filled in: an answer whose text did not
/// change keeps its verdict, a changed one loses it (the log says so), nothing else changes.
/// Imported answers have no verdict and provenance Stated; the evidence column becomes the
/// answer's named documents, the comment its note.
#[must_use]
pub fn to_audit(
    questionnaire: &Questionnaire,
    imported: &Imported,
    provider: &str,
    merge: Option<Audit>,
    today: crate::model::Date,
) -> (Audit, Vec<String>) {
    let mut audit = merge.unwrap_or_else(|| {
        Audit::from_ron(&crate::template::blank_audit(
            questionnaire,
            provider,
            today,
        ))
        .unwrap_or_default()
    });
    let mut log = Vec::new();
    let mut changed = Vec::new();
    for row in &imported.rows {
        let index = audit
            .answers
            .0
            .iter()
            .position(|(id, _)| *id == row.id)
            .unwrap_or_else(|| {
                audit.answers.0.push((row.id.clone(), Answer::default()));
                audit.answers.0.len() - 1
            });
        let entry = &mut audit.answers.0[index].1;
        if entry.answer != row.answer {
            if entry.verdict.is_some() {
                changed.push(row.id.to_string());
            }
            entry.verdict = None;
            entry.provenance = Provenance::Stated;
            entry.answer.clone_from(&row.answer);
        }
        entry.evidence.clone_from(&row.evidence);
        if !row.comment.is_empty() {
            entry.note.clone_from(&row.comment);
        }
    }
    let answerable = questionnaire
        .items
        .iter()
        .filter(|item| item.kind.is_answerable())
        .count();
    let answered = audit
        .answers
        .iter()
        .filter(|(_, a)| !a.answer.trim().is_empty())
        .count();
    log.push(format!(
        "{} answers imported; {answered} of {answerable} questions have an answer, {} have none",
        imported.rows.len(),
        answerable.saturating_sub(answered)
    ));
    for note in &imported.notes {
        log.push(note.to_string());
    }
    if !changed.is_empty() {
        log.push(format!(
            "changed answers, their verdict dropped: {}",
            changed.join(", ")
        ));
    }
    (audit, log)
}

/// What an import writes: the audit, its file's text (the import log as the leading
/// comment block above the canonical layout) and the log itself.
#[derive(Clone, Debug)]
pub struct ImportedAudit {
    /// The audit, answers without verdicts (or `merge` filled in).
    pub audit: Audit,
    /// The audit file's text.
    pub text: String,
    /// The import log, one line per entry.
    pub log: Vec<String>,
}

/// The audit file an import of `source` gives: [`to_audit`], with the log as the file's
/// leading comment block (the command line and the app write the same file).
#[must_use]
pub fn imported_audit(
    questionnaire: &Questionnaire,
    imported: &Imported,
    source: &Path,
    provider: &str,
    merge: Option<Audit>,
    today: crate::model::Date,
) -> ImportedAudit {
    let (audit, log) = to_audit(questionnaire, imported, provider, merge, today);
    let mut header = format!(
        "// Imported from {} on {today}.\n",
        crate::labels::one_line(&source.display().to_string())
    );
    for line in &log {
        header.push_str(&format!("// {}\n", crate::labels::one_line(line)));
    }
    let text = crate::template::audit_text(questionnaire, &audit, &header);
    ImportedAudit { audit, text, log }
}
