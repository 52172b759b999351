//! The report as CSV (RFC 4180, CRLF line ends) with the `csv` crate: one record per line,
//! its kind in the first column; and reading it back by column name, so that a renamed or
//! missing column is an error rather than a value silently dropped.

use serde::{Deserialize, Serialize};

use super::score;
use crate::export::ExportError;
use crate::model::{Flag, Verdict};
use crate::scoring::GapCounts;
use crate::view::{ComparisonView, InputKind, ProviderRow};

/// The columns of the CSV report, in order: the field names of [`CsvRecord`].
pub const CSV_HEADER: [&str; 21] = [
    "record",
    "provider",
    "rank",
    "section",
    "question",
    "score",
    "gaps",
    "gap",
    "no_answer",
    "not_asked",
    "partial",
    "weak",
    "follow_ups",
    "status",
    "flag",
    "verdict",
    "comment",
    "by",
    "date",
    "file",
    "file_sha256",
];

/// One record of the CSV report: a field per column of [`CSV_HEADER`], in that order. A
/// column the record does not use is empty. Reading a report whose header lacks a column
/// or has one of another name is an error, so a misspelt column is never silently dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CsvRecord {
    /// The kind of record: `provider`, `section`, `self_assessed`, `ownership`,
    /// `annotation`, `decision`, `drift` or `input`.
    pub record: String,
    /// The provider's name.
    pub provider: String,
    /// The provider's rank, 1 for the first.
    pub rank: String,
    /// The section id (section and annotation records).
    pub section: String,
    /// The question id (annotation records).
    pub question: String,
    /// The score 0–100, one decimal.
    pub score: String,
    /// The questions valued below 1, all causes together.
    pub gaps: String,
    /// Questions answered with a gap.
    pub gap: String,
    /// Questions asked but not answered.
    pub no_answer: String,
    /// Questions not asked.
    pub not_asked: String,
    /// Questions answered in part.
    pub partial: String,
    /// Answers flagged as weak.
    pub weak: String,
    /// Answers flagged for follow-up.
    pub follow_ups: String,
    /// Chosen, knocked out, accepted risks; a drift's change; an input's kind.
    pub status: String,
    /// The annotation's flag as the files write it (`Weak`, `FollowUp`, `Accepted`).
    pub flag: String,
    /// The verdict an annotation sets, as the files write it.
    pub verdict: String,
    /// The annotation's comment or the decision's rationale.
    pub comment: String,
    /// Who annotated or decided.
    pub by: String,
    /// The audit's date, the annotation's time or the decision's date.
    pub date: String,
    /// The audit, comparison or input file.
    pub file: String,
    /// The SHA-256 of the file as read now (`missing` for a drifted file that is gone).
    pub file_sha256: String,
}

impl CsvRecord {
    /// An empty record of kind `record`.
    pub(super) fn new(record: &str) -> Self {
        Self {
            record: record.to_owned(),
            ..Self::default()
        }
    }

    /// A record of kind `record` for `provider` at `rank`, with its gap counts.
    fn counts(record: &str, provider: &ProviderRow, gaps: &GapCounts) -> Self {
        Self {
            provider: provider.name.clone(),
            rank: provider.rank.to_string(),
            gaps: gaps.total().to_string(),
            gap: gaps.gap.to_string(),
            no_answer: gaps.no_answer.to_string(),
            not_asked: gaps.not_asked.to_string(),
            partial: gaps.partial.to_string(),
            weak: gaps.weak.to_string(),
            ..Self::new(record)
        }
    }

    /// Every field, for changes that apply to all of them.
    pub(super) fn fields_mut(&mut self) -> [&mut String; CSV_HEADER.len()] {
        [
            &mut self.record,
            &mut self.provider,
            &mut self.rank,
            &mut self.section,
            &mut self.question,
            &mut self.score,
            &mut self.gaps,
            &mut self.gap,
            &mut self.no_answer,
            &mut self.not_asked,
            &mut self.partial,
            &mut self.weak,
            &mut self.follow_ups,
            &mut self.status,
            &mut self.flag,
            &mut self.verdict,
            &mut self.comment,
            &mut self.by,
            &mut self.date,
            &mut self.file,
            &mut self.file_sha256,
        ]
    }

    /// The record with every field a spreadsheet would run as a formula defused.
    fn defused(mut self) -> Self {
        for field in self.fields_mut() {
            if starts_formula(field) {
                field.insert(0, '\'');
            }
        }
        self
    }
}

/// Whether a spreadsheet would read a cell beginning like `text` as a formula (or, for a
/// tab or carriage return, strip the space and then read one).
fn starts_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// The provider's status in words: chosen, knocked out by, accepted risk on.
fn csv_status(p: &ProviderRow) -> String {
    let mut status = Vec::new();
    if p.chosen {
        status.push("chosen".to_owned());
    }
    if p.knocked_out() {
        status.push(format!("knocked out by {}", p.knocked_out_by.join(" ")));
    }
    if !p.waived.is_empty() {
        status.push(format!("accepted risk on {}", p.waived.join(" ")));
    }
    status.join("; ")
}

/// The records of the report, in the order they are written.
fn csv_records(view: &ComparisonView) -> Vec<CsvRecord> {
    let mut records: Vec<CsvRecord> = view
        .providers
        .iter()
        .map(|p| CsvRecord {
            score: score(p.score),
            follow_ups: p.follow_ups.to_string(),
            status: csv_status(p),
            date: p.audited_on.clone().unwrap_or_default(),
            file: p.file.clone(),
            ..CsvRecord::counts("provider", p, &p.gaps)
        })
        .collect();
    for p in &view.providers {
        records.extend(
            view.sections
                .iter()
                .zip(&p.sections)
                .map(|(section, cell)| CsvRecord {
                    section: section.id.clone(),
                    score: cell.score.map(score).unwrap_or_default(),
                    ..CsvRecord::counts("section", p, &cell.gaps)
                }),
        );
    }
    records.extend(
        view.providers
            .iter()
            .filter(|p| p.self_assessed > 0)
            .map(|p| CsvRecord {
                provider: p.name.clone(),
                rank: p.rank.to_string(),
                status: format!("{} self-assessed verdicts", p.self_assessed),
                ..CsvRecord::new("self_assessed")
            }),
    );
    for row in &view.ownership {
        records.extend(
            view.sections
                .iter()
                .zip(&row.sections)
                .map(|(section, c)| CsvRecord {
                    provider: row.provider.clone(),
                    section: section.id.clone(),
                    status: format!(
                        "csp={} shared={} third_party={} customer={} blank={}",
                        c.csp, c.shared, c.third_party, c.customer, c.blank
                    ),
                    ..CsvRecord::new("ownership")
                }),
        );
    }
    records.extend(view.annotations.iter().map(|a| {
        CsvRecord {
            provider: a.provider.clone(),
            section: a.question.section_id.clone(),
            question: a.question.id.clone(),
            flag: a.flag.map(Flag::as_str).unwrap_or_default().to_owned(),
            verdict: a
                .verdict
                .map(Verdict::as_str)
                .unwrap_or_default()
                .to_owned(),
            comment: a.comment.clone(),
            by: a.author.clone(),
            date: a.at.clone(),
            ..CsvRecord::new("annotation")
        }
    }));
    records.extend(view.decision.iter().map(|d| CsvRecord {
        provider: d.provider.clone(),
        status: "chosen".to_owned(),
        comment: d.rationale.clone(),
        by: d.decided_by.clone(),
        date: d.decided_on.clone(),
        ..CsvRecord::new("decision")
    }));
    records.extend(view.drift.iter().map(|drift| {
        CsvRecord {
            status: format!("changed since recorded {}", drift.recorded),
            file: drift.listed_path.clone(),
            file_sha256: drift
                .current
                .clone()
                .unwrap_or_else(|| "missing".to_owned()),
            ..CsvRecord::new("drift")
        }
    }));
    records.extend(view.inputs.iter().map(|input| {
        CsvRecord {
            provider: input.provider.clone().unwrap_or_default(),
            status: match input.kind {
                InputKind::Comparison => "comparison",
                InputKind::Audit => "audit",
            }
            .to_owned(),
            file: input.path.clone(),
            file_sha256: input.sha256.clone(),
            ..CsvRecord::new("input")
        }
    }));
    records
}

/// The report as CSV (RFC 4180, CRLF line ends), one record per line, its kind in the
/// first column: `provider` (one per provider), `section` (one per provider and
/// section, by section id), `self_assessed` (a provider with self-assessed verdicts), `ownership` (one
/// per provider and section of a CAIQ), `annotation`, `decision`, `drift` and `input` (one per
/// file). Columns a record does not use are empty. A cell that a spreadsheet would run
/// as a formula (beginning with `=`, `+`, `-`, `@`, a tab or a carriage return) is
/// written after a `'`.
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv(view: &ComparisonView) -> Result<String, ExportError> {
    write_csv(csv_records(view)).map_err(ExportError::from)
}

pub(super) fn write_csv(records: Vec<CsvRecord>) -> Result<String, ::csv::Error> {
    let mut writer = ::csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for record in records {
        writer.serialize(record.defused())?;
    }
    let bytes = writer
        .into_inner()
        .map_err(::csv::IntoInnerError::into_error)?;
    // Every field is a `String`: the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Reads a CSV report back, one [`CsvRecord`] per record, by the names in its header.
/// Cells are returned as written (a defused formula keeps its `'`).
///
/// # Errors
/// [`ExportError::Csv`] when the text is not CSV, a column is missing or unknown, or a
/// record has another number of fields than the header.
pub fn read_csv(text: &str) -> Result<Vec<CsvRecord>, ExportError> {
    ::csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<CsvRecord>, _>>()
        .map_err(ExportError::from)
}
