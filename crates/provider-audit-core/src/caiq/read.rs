//! Finding the CAIQ's questions sheet and reading its rows (calamine, with the limits of the
//! workbook import: 16 MiB, the zip directory checked before anything is inflated, rows
//! counted by streaming cells).

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader as _};

use super::{Caiq, CaiqError, CaiqNote, CaiqRow};
use crate::fsutil::MAX_FILE_BYTES;
use crate::labels::{Medium, ellipsize, one_line, sanitize};
use crate::model::{Claim, Ownership};
use crate::workbook::ImportError;
use crate::workbook::import::{
    cell_text, check_container, check_rows, column_letter, is_password_error, read_bounded,
};

/// The headers of a CAIQ v4 questions sheet, in the published order (the two empty columns
/// left out). The first three are required; the others are read when present.
pub const EXPECTED_HEADERS: [&str; 10] = [
    "Question ID",
    "Question",
    "CSP CAIQ Answer",
    "SSRM Control Ownership",
    "CSP Implementation Description (Optional/Recommended)",
    "CSC Responsibilities (Optional/Recommended)",
    "CCM Control ID",
    "CCM Control Specification",
    "CCM Control Title",
    "CCM Domain Title",
];

const ID: usize = 0;
const QUESTION: usize = 1;
const ANSWER: usize = 2;
const OWNERSHIP: usize = 3;
const DESCRIPTION: usize = 4;
const CUSTOMER: usize = 5;
const CONTROL_ID: usize = 6;
const CONTROL_TITLE: usize = 8;
const DOMAIN: usize = 9;

/// A header as compared: trimmed, spaces collapsed, lowercase.
fn normalized(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Which of [`EXPECTED_HEADERS`] a header cell is. The two optional long headers match on
/// their first words too (providers shorten them).
fn header_index(cell: &str) -> Option<usize> {
    let cell = normalized(cell);
    if cell.is_empty() {
        return None;
    }
    EXPECTED_HEADERS
        .iter()
        .position(|h| normalized(h) == cell)
        .or_else(|| {
            [
                ("csp implementation description", DESCRIPTION),
                ("csc responsibilities", CUSTOMER),
                ("ssrm control ownership", OWNERSHIP),
            ]
            .iter()
            .find(|(start, _)| cell.starts_with(start))
            .map(|(_, index)| *index)
        })
}

/// The column of each expected header in a row, when it is a CAIQ v4 header row (the
/// question id, the question and the CSP CAIQ answer found).
fn columns(cells: &[String]) -> Option<[Option<usize>; 10]> {
    let mut columns = [None; 10];
    for (position, cell) in cells.iter().enumerate() {
        if let Some(index) = header_index(cell)
            && columns[index].is_none()
        {
            columns[index] = Some(position);
        }
    }
    (columns[ID].is_some() && columns[QUESTION].is_some() && columns[ANSWER].is_some())
        .then_some(columns)
}

/// True when `cells` is a CAIQ v4 header row (the workbook import points to `import caiq`
/// when it sees one).
#[must_use]
pub fn is_caiq_header(cells: &[String]) -> bool {
    columns(cells).is_some()
}

/// What marks a CAIQ v3.x questions sheet: its answer columns' header.
fn version3_marker(cells: &[String]) -> Option<String> {
    cells
        .iter()
        .find(|cell| {
            let cell = normalized(cell);
            cell.starts_with("consensus assessment questions")
                || cell.starts_with("consensus assessment answers")
        })
        .map(|cell| one_line(cell))
}

/// `A&A-01.1`: letters (and `&`), a dash, the control's number, a dot, the question's.
fn is_question_id(id: &str) -> bool {
    let Some((domain, rest)) = id.split_once('-') else {
        return false;
    };
    let Some((control, question)) = rest.split_once('.') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit());
    !domain.is_empty()
        && domain.len() <= 10
        && domain.chars().all(|c| c.is_ascii_alphabetic() || c == '&')
        && digits(control)
        && digits(question)
}

/// Reads the CAIQ workbook at `path`.
///
/// # Errors
/// See [`CaiqError`].
pub fn read(path: &Path) -> Result<Caiq, CaiqError> {
    let name = path.display().to_string();
    let bytes = read_bounded(path).map_err(|reason| ImportError::Read {
        path: name.clone(),
        reason,
    })?;
    read_bytes(bytes, &name)
}

/// Reads a CAIQ workbook from its bytes; `name` names it in errors.
///
/// # Errors
/// See [`CaiqError`].
pub fn read_bytes(bytes: Vec<u8>, name: &str) -> Result<Caiq, CaiqError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::Read {
            path: name.to_owned(),
            reason: "over the limit of 16 MiB".to_owned(),
        }
        .into());
    }
    check_container(&bytes, name)?;
    let mut sheets =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|err| {
            if is_password_error(&err) {
                ImportError::Encrypted {
                    path: name.to_owned(),
                }
            } else {
                ImportError::NotASpreadsheet {
                    path: name.to_owned(),
                    reason: err.to_string(),
                }
            }
        })?;
    let mut names = sheets.sheet_names();
    // The questions sheet (`CAIQv4.0.3`) first, `Introduction` and the rest after.
    names.sort_by_key(|sheet| !sheet.to_lowercase().starts_with("caiq"));
    let mut best: Option<(usize, String)> = None;
    for sheet in &names {
        check_rows(&mut sheets, sheet, name)?;
        let Ok(range) = sheets.worksheet_range(sheet) else {
            continue;
        };
        let (start_row, start_column) = range
            .start()
            .map_or((0, 0), |(r, c)| (r as usize, c as usize));
        let rows: Vec<&[Data]> = range.rows().collect();
        for (index, row) in rows.iter().enumerate().take(20) {
            let cells: Vec<String> = row.iter().map(cell_text).collect();
            if let Some(columns) = columns(&cells) {
                let formulas = sheets.worksheet_formula(sheet).ok();
                let sheet_rows = SheetRows {
                    name,
                    sheet,
                    rows: &rows,
                    start: (start_row, start_column),
                    header: index,
                    columns,
                };
                let mut caiq = sheet_rows.read()?;
                caiq.version = version(&range, sheet);
                if caiq.version.starts_with('3') {
                    return Err(CaiqError::Version3 {
                        path: name.to_owned(),
                        sheet: sheet.clone(),
                        marker: format!("version {}", caiq.version),
                    });
                }
                if let Some(formulas) = formulas {
                    formula_notes(&formulas, sheet, &columns, start_column, &mut caiq);
                }
                return Ok(caiq);
            }
            if let Some(marker) = version3_marker(&cells) {
                return Err(CaiqError::Version3 {
                    path: name.to_owned(),
                    sheet: sheet.clone(),
                    marker,
                });
            }
            let filled: Vec<String> = cells
                .iter()
                .filter(|c| !c.trim().is_empty())
                .map(|c| format!("\"{}\"", ellipsize(&one_line(c), 40)))
                .collect();
            if filled.len() >= 2 && best.as_ref().is_none_or(|(count, _)| filled.len() > *count) {
                best = Some((
                    filled.len(),
                    format!(
                        "sheet `{}`, row {}: {}",
                        one_line(sheet),
                        start_row + index + 1,
                        filled.into_iter().take(12).collect::<Vec<_>>().join(" | ")
                    ),
                ));
            }
        }
    }
    Err(CaiqError::NotCaiq {
        path: name.to_owned(),
        found: best.map_or_else(
            || "no row with two or more headers in the first 20 rows of any sheet".to_owned(),
            |(_, found)| found,
        ),
        expected: EXPECTED_HEADERS
            .iter()
            .map(|h| format!("\"{h}\""))
            .collect::<Vec<_>>()
            .join(" | "),
    })
}

/// The CAIQ version: from cell A1 (`v4.0.3`), else from the sheet's name (`CAIQv4.0.3`);
/// without the leading `v`.
fn version(range: &calamine::Range<Data>, sheet: &str) -> String {
    let a1 = range.get_value((0, 0)).map(cell_text).unwrap_or_default();
    [a1.as_str(), sheet]
        .iter()
        .find_map(|text| version_in(text))
        .unwrap_or_default()
}

/// The first `v4.0.3`-like run in `text` (digits and dots after a `v`, or alone).
fn version_in(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let start = lower
        .char_indices()
        .find(|&(i, c)| {
            c.is_ascii_digit() && (i == 0 || lower[..i].ends_with('v') || lower[..i].ends_with(' '))
        })
        .map(|(i, _)| i)?;
    let run: String = lower[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let run = run.trim_end_matches('.');
    run.contains('.').then(|| run.to_owned())
}

struct SheetRows<'a> {
    name: &'a str,
    sheet: &'a str,
    rows: &'a [&'a [Data]],
    start: (usize, usize),
    header: usize,
    columns: [Option<usize>; 10],
}

impl SheetRows<'_> {
    fn place(&self, row: usize, column: usize) -> String {
        format!(
            "{}!{}{row}",
            one_line(self.sheet),
            column_letter(self.start.1 + column)
        )
    }

    fn read(&self) -> Result<Caiq, CaiqError> {
        let mut caiq = Caiq {
            sheet: self.sheet.to_owned(),
            ..Caiq::default()
        };
        let mut seen: HashMap<String, usize> = HashMap::new();
        let (mut control_id, mut control_title, mut domain) =
            (String::new(), String::new(), String::new());
        for (index, cells) in self.rows.iter().enumerate().skip(self.header + 1) {
            let row = self.start.0 + index + 1;
            let text = |column: usize, medium: Medium| {
                self.columns[column]
                    .and_then(|c| cells.get(c))
                    .map(|cell| {
                        let text = sanitize(&cell_text(cell), medium, ' ');
                        text.trim().to_owned()
                    })
                    .unwrap_or_default()
            };
            let id = one_line(&text(ID, Medium::Line));
            if !is_question_id(&id) {
                let first = cells.iter().map(cell_text).find(|c| !c.trim().is_empty());
                if let Some(first) = first {
                    caiq.notes.push(CaiqNote::NotAQuestion {
                        place: self.place(row, self.columns[ID].unwrap_or(0)),
                        text: first,
                    });
                }
                continue;
            }
            let key = id.to_lowercase();
            if let Some(first) = seen.insert(key, row) {
                return Err(CaiqError::Duplicate {
                    path: self.name.to_owned(),
                    id,
                    first: self.place(first, self.columns[ID].unwrap_or(0)),
                    second: self.place(row, self.columns[ID].unwrap_or(0)),
                });
            }
            let own_control = id.rsplit_once('.').map_or("", |(c, _)| c).to_owned();
            let written_control = text(CONTROL_ID, Medium::Line);
            if !written_control.is_empty() || own_control != control_id {
                // A new control: its title is on this row, or not given.
                control_title = text(CONTROL_TITLE, Medium::Line);
            } else if control_title.is_empty() {
                control_title = text(CONTROL_TITLE, Medium::Line);
            }
            control_id = own_control;
            let written_domain = text(DOMAIN, Medium::Line);
            if !written_domain.is_empty() {
                domain = written_domain;
            }
            let answer_column = self.columns[ANSWER].unwrap_or(0);
            let raw_answer = text(ANSWER, Medium::Line);
            let answer = if let Some(claim) = Claim::parse(&raw_answer) {
                claim.as_str().to_owned()
            } else {
                if !raw_answer.is_empty() {
                    caiq.notes.push(CaiqNote::OtherAnswer {
                        place: self.place(row, answer_column),
                        value: raw_answer.clone(),
                    });
                }
                raw_answer
            };
            let ownership = text(OWNERSHIP, Medium::Line);
            if !ownership.is_empty() && Ownership::parse(&ownership).is_none() {
                caiq.notes.push(CaiqNote::OtherOwnership {
                    place: self.place(row, self.columns[OWNERSHIP].unwrap_or(0)),
                    value: ownership.clone(),
                });
            }
            caiq.rows.push(CaiqRow {
                row,
                question: text(QUESTION, Medium::Lines),
                answer,
                ownership,
                description: text(DESCRIPTION, Medium::Lines),
                customer_duties: text(CUSTOMER, Medium::Lines),
                control_id: control_id.clone(),
                control_title: control_title.clone(),
                domain: domain.clone(),
                id,
            });
        }
        if caiq.rows.is_empty() {
            return Err(CaiqError::NoQuestions {
                path: self.name.to_owned(),
                sheet: self.sheet.to_owned(),
            });
        }
        Ok(caiq)
    }
}

/// A note for every answer, ownership, description or responsibilities cell that held a
/// formula (its cached value is what was read).
fn formula_notes(
    formulas: &calamine::Range<String>,
    sheet: &str,
    columns: &[Option<usize>; 10],
    start_column: usize,
    caiq: &mut Caiq,
) {
    let (f_row, f_column) = formulas
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let read: Vec<usize> = [ANSWER, OWNERSHIP, DESCRIPTION, CUSTOMER]
        .iter()
        .filter_map(|&i| columns[i])
        .map(|c| c + start_column)
        .collect();
    for (r, row) in formulas.rows().enumerate() {
        for (c, formula) in row.iter().enumerate() {
            let column = f_column + c;
            if !formula.is_empty() && read.contains(&column) {
                caiq.notes.push(CaiqNote::Formula {
                    place: format!(
                        "{}!{}{}",
                        one_line(sheet),
                        column_letter(column),
                        f_row + r + 1
                    ),
                });
            }
        }
    }
}
