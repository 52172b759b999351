//! A cloud provider's completed CSA CAIQ v4 workbook (Consensus Assessments Initiative
//! Questionnaire) read as an audit: [`read`] finds the questions sheet by its header row
//! (matched by text, not position), carries merged control and domain cells down, and keeps
//! every answer as written; [`import`] turns it into the questionnaire it answers (`csa-caiq`
//! with the file's version, generated from the user's own file: CSA's text is never shipped)
//! and the provider's audit, with no verdict: nothing is judged by the import.
//!
//! Reads bytes; never writes files. No UI.

mod build;
mod read;
pub mod sample;
#[cfg(test)]
mod tests;

pub use build::{
    ImportedCaiq, QUESTIONNAIRE_ID, import, questionnaire_file, questionnaire_file_name,
};
pub use read::{EXPECTED_HEADERS, is_caiq_header, read, read_bytes};

use crate::workbook::ImportError;

/// The questions sheet of a CAIQ, as read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Caiq {
    /// The CAIQ version, without a leading `v` (`4.0.3`).
    pub version: String,
    /// The sheet the questions were read from.
    pub sheet: String,
    /// The questions, in file order.
    pub rows: Vec<CaiqRow>,
    /// What the import log says besides the counts.
    pub notes: Vec<CaiqNote>,
}

/// One question of the CAIQ with the provider's answer; every text as written (control
/// characters and text-direction marks removed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaiqRow {
    /// The 1-based row in the sheet.
    pub row: usize,
    /// The question id as written (`A&A-01.1`).
    pub id: String,
    /// The question.
    pub question: String,
    /// `Yes`, `No`, `NA`, empty, or another text as written (flagged in the notes).
    pub answer: String,
    /// The SSRM control ownership as written.
    pub ownership: String,
    /// The CSP implementation description.
    pub description: String,
    /// The CSC responsibilities.
    pub customer_duties: String,
    /// The CCM control id (`A&A-01`), carried down from the control's first row.
    pub control_id: String,
    /// The CCM control title, carried down.
    pub control_title: String,
    /// The CCM domain title, carried down.
    pub domain: String,
}

/// Something the import log says about a row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaiqNote {
    /// An answer that is not Yes, No or NA: kept as text, not taken as a self-assessment.
    OtherAnswer {
        /// `Sheet!C12`.
        place: String,
        /// The value.
        value: String,
    },
    /// An ownership that is none of the CAIQ's list: left blank.
    OtherOwnership {
        /// `Sheet!D12`.
        place: String,
        /// The value.
        value: String,
    },
    /// A cell held a formula; its last computed value was read.
    Formula {
        /// `Sheet!C12`.
        place: String,
    },
    /// A row with text but no question id (a notice, a copyright line): skipped.
    NotAQuestion {
        /// `Sheet!A300`.
        place: String,
        /// Its first text.
        text: String,
    },
}

impl std::fmt::Display for CaiqNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |text: &str| crate::labels::ellipsize(&crate::labels::one_line(text), 80);
        match self {
            Self::OtherAnswer { place, value } => write!(
                f,
                "{place}: answer `{}` is not Yes, No or NA: kept as text, not taken as a self-assessment",
                short(value)
            ),
            Self::OtherOwnership { place, value } => write!(
                f,
                "{place}: ownership `{}` is none of CSP-owned, CSC-owned, 3rd-party outsourced, Shared CSP and CSC, Shared CSP and 3rd-party: left blank",
                short(value)
            ),
            Self::Formula { place } => write!(
                f,
                "{place}: held a formula; its last computed value was imported"
            ),
            Self::NotAQuestion { place, text } => write!(
                f,
                "{place}: not a question (no question id), skipped: {}",
                short(text)
            ),
        }
    }
}

/// Why a CAIQ could not be imported. Nothing is written then.
#[derive(Debug, thiserror::Error)]
pub enum CaiqError {
    /// The file could not be read, is not a spreadsheet, is encrypted or over a limit.
    #[error(transparent)]
    File(#[from] ImportError),
    /// No sheet has the CAIQ v4 header row.
    #[error(
        "{path}: not a CAIQ v4 workbook: no sheet has the CAIQ header row; found {found}; expected a row with {expected}"
    )]
    NotCaiq {
        /// The file.
        path: String,
        /// The header-like row found (`sheet Answers, row 1: "ID" | "Question" | …`), or
        /// that there was none.
        found: String,
        /// The headers expected.
        expected: String,
    },
    /// A CAIQ v3.x layout.
    #[error(
        "{path}: sheet `{sheet}` is a CAIQ v3.x layout (`{marker}`): not supported yet; ask the provider for their CAIQ v4, which the CSA STAR registry lists for most providers"
    )]
    Version3 {
        /// The file.
        path: String,
        /// The sheet.
        sheet: String,
        /// What gave it away.
        marker: String,
    },
    /// The same question id twice.
    #[error(
        "{path}: question id `{id}` appears twice ({first} and {second}): correct the workbook and import again"
    )]
    Duplicate {
        /// The file.
        path: String,
        /// The id.
        id: String,
        /// `Sheet!A12`.
        first: String,
        /// `Sheet!A40`.
        second: String,
    },
    /// The header row is there, but no row below it has a question id.
    #[error("{path}: sheet `{sheet}` has the CAIQ header row but no question below it")]
    NoQuestions {
        /// The file.
        path: String,
        /// The sheet.
        sheet: String,
    },
    /// The questionnaire made from the file breaks a rule of the format (a bug if it
    /// happens).
    #[error("{path}: the questionnaire made from the workbook is not valid: {reason}")]
    Invalid {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}
