//! Filling in and judging an audit: the edits an interview makes (each a pure function of
//! the audit), the editor of one audit file (undo and redo, unsaved state, saving without
//! ever writing over an outside edit), and where to go next (the next unanswered question,
//! the next answer not judged yet, a conditional follow-up only when it applies). No UI.

use std::path::{Path, PathBuf};

use crate::audit_file::{AuditSaveError, save_audit};
use crate::fsutil;
use crate::model::{
    Answer, Audit, EvidenceDocument, ItemKind, Provenance, QuestionId, Questionnaire, Verdict,
};
use crate::undo::{Editable, History};

/// One change an interview makes to an audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditEdit {
    /// What the provider said, in full.
    Answer(QuestionId, String),
    /// The auditor's verdict (`None`: not judged yet).
    Verdict(QuestionId, Option<Verdict>),
    /// How well the answer is backed.
    Provenance(QuestionId, Provenance),
    /// The auditor's own remark.
    Note(QuestionId, String),
    /// An evidence file, relative to the audit's folder.
    AddEvidence(QuestionId, String),
    /// Remove an evidence file.
    RemoveEvidence(QuestionId, String),
    /// A document of the evidence checklist, with the SHA-256 of the file as received (the
    /// way `evidence` checks it later); replaces one with the same item and file.
    AddDocument(EvidenceDocument),
    /// Remove the document `file` of checklist item `item`.
    RemoveDocument(QuestionId, String),
    /// Accept the provider's self-assessment for every answer not judged yet: Yes → Meets,
    /// No → Gap, NA → Not applicable, with provenance Self-assessed (answers without a Yes,
    /// No or NA are left alone). One undo step; each verdict can be changed afterwards.
    AcceptSelfAssessment,
    /// Resolve merge conflict `index` of the audit (see [`crate::merge::resolve_audit`]); an
    /// index or value that does not fit leaves the audit as it is.
    ResolveConflict {
        /// The conflict's index in the audit's `conflicts`.
        index: usize,
        /// Take mine, take theirs, or a value.
        how: crate::merge::Resolution,
    },
}

impl AuditEdit {
    /// The question the edit is about (`None` for an edit of many answers).
    #[must_use]
    pub fn question(&self) -> Option<&QuestionId> {
        match self {
            Self::Answer(id, _)
            | Self::Verdict(id, _)
            | Self::Provenance(id, _)
            | Self::Note(id, _)
            | Self::AddEvidence(id, _)
            | Self::RemoveEvidence(id, _)
            | Self::RemoveDocument(id, _) => Some(id),
            Self::AddDocument(document) => Some(&document.item),
            Self::AcceptSelfAssessment | Self::ResolveConflict { .. } => None,
        }
    }
}

impl Editable for Audit {
    type Edit = AuditEdit;

    fn apply(mut self, edit: AuditEdit) -> Self {
        match edit {
            AuditEdit::AddDocument(document) => {
                self.documents
                    .retain(|d| !(d.item == document.item && d.file == document.file));
                self.documents.push(document);
                return self;
            }
            AuditEdit::ResolveConflict { index, how } => {
                // The app checks with `resolve_audit` first and reports its error.
                let _ = crate::merge::resolve_audit(&mut self, index, how);
                return self;
            }
            AuditEdit::RemoveDocument(item, file) => {
                self.documents
                    .retain(|d| !(d.item == item && d.file == file));
                return self;
            }
            AuditEdit::AcceptSelfAssessment => {
                for (_, answer) in &mut self.answers.0 {
                    if answer.verdict.is_none()
                        && let Some(claim) = answer.claim()
                    {
                        answer.verdict = Some(claim.verdict());
                        answer.provenance = Provenance::SelfAssessed;
                    }
                }
                return self;
            }
            _ => {}
        }
        let Some(id) = edit.question().cloned() else {
            return self;
        };
        let index = self
            .answers
            .0
            .iter()
            .position(|(key, _)| *key == id)
            .unwrap_or_else(|| {
                self.answers.0.push((id, Answer::default()));
                self.answers.0.len() - 1
            });
        let answer = &mut self.answers.0[index].1;
        match edit {
            AuditEdit::Answer(_, text) => answer.answer = text,
            AuditEdit::Verdict(_, verdict) => answer.verdict = verdict,
            AuditEdit::Provenance(_, provenance) => answer.provenance = provenance,
            AuditEdit::Note(_, text) => answer.note = text,
            AuditEdit::AddEvidence(_, file) => {
                if !answer.evidence.contains(&file) {
                    answer.evidence.push(file);
                }
            }
            AuditEdit::RemoveEvidence(_, file) => answer.evidence.retain(|f| *f != file),
            AuditEdit::AddDocument(_)
            | AuditEdit::RemoveDocument(..)
            | AuditEdit::AcceptSelfAssessment
            | AuditEdit::ResolveConflict { .. } => {}
        }
        self
    }

    /// Typing into one answer or one note is one undo step.
    fn merges(last: &AuditEdit, next: &AuditEdit) -> bool {
        match (last, next) {
            (AuditEdit::Answer(a, _), AuditEdit::Answer(b, _))
            | (AuditEdit::Note(a, _), AuditEdit::Note(b, _)) => a == b,
            _ => false,
        }
    }
}

/// One audit file open for editing.
#[derive(Clone, Debug)]
pub struct AuditEditor {
    path: PathBuf,
    history: History<Audit>,
    /// SHA-256 of the file as last read or written by the editor.
    on_disk: Option<String>,
}

impl AuditEditor {
    /// An editor of `audit`, read from `path` with hash `sha256`.
    #[must_use]
    pub fn new(path: PathBuf, audit: Audit, sha256: Option<String>) -> Self {
        Self {
            path,
            history: History::new(audit),
            on_disk: sha256,
        }
    }

    /// The file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The audit with every edit applied.
    #[must_use]
    pub fn audit(&self) -> &Audit {
        self.history.current()
    }

    /// The SHA-256 of the file as last read or written.
    #[must_use]
    pub fn sha256(&self) -> Option<&str> {
        self.on_disk.as_deref()
    }

    /// True when there are edits not written to the file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// Applies an edit (undoable).
    pub fn edit(&mut self, edit: AuditEdit) {
        self.history.apply(edit);
    }

    /// True when there is an edit to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// True when there is an undone edit to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Undoes the last edit; `false` when there was none.
    pub fn undo(&mut self) -> bool {
        self.history.undo()
    }

    /// Redoes the last undone edit; `false` when there was none.
    pub fn redo(&mut self) -> bool {
        self.history.redo()
    }

    /// Drops the edits not written to the file (the user chose to discard them).
    pub fn discard_unsaved(&mut self) {
        self.history.discard_unsaved();
    }

    /// Writes the audit to its file, unless the file changed on disk since it was read.
    ///
    /// # Errors
    /// [`AuditSaveError::ChangedOnDisk`], or the write error; nothing changes then.
    pub fn save(&mut self, questionnaire: &Questionnaire) -> Result<(), AuditSaveError> {
        self.save_as(
            questionnaire,
            &self.path.clone(),
            self.on_disk.clone().as_deref(),
        )
    }

    /// Writes the audit to `path` (a new file: it must not exist), which is its file from
    /// then on.
    ///
    /// # Errors
    /// When `path` exists, or the write error.
    pub fn save_to_new(
        &mut self,
        questionnaire: &Questionnaire,
        path: &Path,
    ) -> Result<(), AuditSaveError> {
        self.save_as(questionnaire, path, None)
    }

    fn save_as(
        &mut self,
        questionnaire: &Questionnaire,
        path: &Path,
        expected: Option<&str>,
    ) -> Result<(), AuditSaveError> {
        let bytes = save_audit(path, questionnaire, self.history.current(), expected)?;
        self.on_disk = Some(fsutil::sha256_hex(&bytes));
        path.clone_into(&mut self.path);
        self.history.mark_saved();
        Ok(())
    }
}

/// The answerable items of the questionnaire that apply to `audit`, in order: a conditional
/// follow-up ("If yes, …", "If not, …") once its parent question has been answered (the
/// auditor, who heard the answer, knows whether it was a yes), or when it is answered
/// already.
#[must_use]
pub fn questions(questionnaire: &Questionnaire, audit: &Audit) -> Vec<usize> {
    questionnaire
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind != ItemKind::Heading)
        .filter(|(_, item)| {
            if item.condition.is_none() {
                return true;
            }
            if audit
                .answer(item.id.as_str())
                .is_some_and(|a| !a.answer.trim().is_empty() || a.verdict.is_some())
            {
                return true;
            }
            item.parent
                .and_then(|parent| audit.answer(questionnaire.items[parent].id.as_str()))
                .is_some_and(|a| !a.answer.trim().is_empty() || a.verdict.is_some())
        })
        .map(|(index, _)| index)
        .collect()
}

/// True when the provider's answer to item `index` has text (or a Yes, No or NA of their
/// own).
#[must_use]
pub fn is_answered(questionnaire: &Questionnaire, audit: &Audit, index: usize) -> bool {
    audit
        .answer(questionnaire.items[index].id.as_str())
        .is_some_and(Answer::has_content)
}

/// How many answers [`AuditEdit::AcceptSelfAssessment`] would judge: not judged yet, with
/// the provider's own Yes, No or NA.
#[must_use]
pub fn self_assessable(audit: &Audit) -> usize {
    audit
        .answers
        .iter()
        .filter(|(_, a)| a.verdict.is_none() && a.claim().is_some())
        .count()
}

/// Why an answer is worth reading before accepting the provider's self-assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReadFirst {
    /// The provider says No.
    No,
    /// The provider says NA.
    NotApplicable,
    /// No Yes, No or NA (blank, or another text).
    NoClaim,
    /// The customer or a third party has a part in the control.
    NotProviderOwned,
    /// No implementation description.
    NoDescription,
}

impl ReadFirst {
    /// The words shown beside the question.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::No => "answered No",
            Self::NotApplicable => "answered NA",
            Self::NoClaim => "no Yes/No/NA",
            Self::NotProviderOwned => "not provider-owned",
            Self::NoDescription => "no description",
        }
    }
}

/// The reasons to read `answer` before accepting the self-assessment, most telling first
/// (empty: a Yes, provider-owned, with a description).
#[must_use]
pub fn read_first(answer: Option<&Answer>) -> Vec<ReadFirst> {
    let blank = Answer::default();
    let answer = answer.unwrap_or(&blank);
    let mut reasons = Vec::new();
    match answer.claim() {
        Some(crate::model::Claim::No) => reasons.push(ReadFirst::No),
        Some(crate::model::Claim::NotApplicable) => reasons.push(ReadFirst::NotApplicable),
        Some(crate::model::Claim::Yes) => {}
        None => reasons.push(ReadFirst::NoClaim),
    }
    if answer
        .ownership
        .is_some_and(|o| o != crate::model::Ownership::CspOwned)
    {
        reasons.push(ReadFirst::NotProviderOwned);
    }
    if answer.answer.trim().is_empty() {
        reasons.push(ReadFirst::NoDescription);
    }
    reasons
}

/// The questions not judged yet, those worth reading first at the front: No, then NA, then
/// no Yes/No/NA, then not provider-owned, then no description, then the rest; questionnaire
/// order within each. For judging 261 CAIQ answers in a meeting: read these, accept the
/// self-assessment for the rest.
#[must_use]
pub fn reading_order(questionnaire: &Questionnaire, audit: &Audit) -> Vec<usize> {
    let mut order: Vec<(bool, Option<ReadFirst>, usize)> = questions(questionnaire, audit)
        .into_iter()
        .filter(|&index| !is_judged(questionnaire, audit, index))
        .map(|index| {
            let reasons = read_first(audit.answer(questionnaire.items[index].id.as_str()));
            (reasons.is_empty(), reasons.first().copied(), index)
        })
        .collect();
    order.sort_unstable();
    order.into_iter().map(|(_, _, index)| index).collect()
}

/// True when the answer to item `index` has a verdict.
#[must_use]
pub fn is_judged(questionnaire: &Questionnaire, audit: &Audit, index: usize) -> bool {
    audit
        .answer(questionnaire.items[index].id.as_str())
        .is_some_and(|a| a.verdict.is_some())
}

/// The next item after `current` in `order` (wrapping around) for which `wanted` holds.
#[must_use]
pub fn next_where(
    order: &[usize],
    current: usize,
    wanted: impl Fn(usize) -> bool,
) -> Option<usize> {
    let start = order
        .iter()
        .position(|&i| i == current)
        .map_or(0, |p| p + 1);
    (0..order.len())
        .map(|step| order[(start + step) % order.len()])
        .find(|&index| wanted(index))
}

/// Answered and judged questions of one section, out of those that apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Questions that apply.
    pub questions: usize,
    /// Of those, answered (the answer has text).
    pub answered: usize,
    /// Of those, with a verdict.
    pub judged: usize,
}

/// The progress of each section, in questionnaire order.
#[must_use]
pub fn progress(questionnaire: &Questionnaire, audit: &Audit) -> Vec<Progress> {
    let mut sections = vec![Progress::default(); questionnaire.sections.len()];
    for index in questions(questionnaire, audit) {
        let progress = &mut sections[questionnaire.items[index].section];
        progress.questions += 1;
        progress.answered += usize::from(is_answered(questionnaire, audit, index));
        progress.judged += usize::from(is_judged(questionnaire, audit, index));
    }
    sections
}

#[cfg(test)]
mod tests;
