//! The app's view model: the loaded workspace with everything derived from it
//! (ranking, cell statuses), computed once per change, never per frame.

use std::path::PathBuf;
use std::sync::Arc;

use crate::model::{Date, ItemKind, Questionnaire};
use crate::scoring::{CellStatus, ProviderScore, statuses};
use crate::workspace::Workspace;

/// Loaded files and what is derived from them.
pub struct Model {
    /// The questionnaire in use.
    pub questionnaire: Arc<Questionnaire>,
    /// Audits, comparison and findings.
    pub workspace: Workspace,
    /// Scores in rank order.
    pub ranking: Vec<ProviderScore>,
    /// Cell statuses, indexed `[audit][item]` (audit indices as in `workspace.audits`).
    pub statuses: Vec<Vec<CellStatus>>,
    /// Each audit's evidence documents, checked today (audit indices as above).
    pub evidence: Vec<Vec<crate::evidence::DocumentCheck>>,
}

impl Model {
    /// Loads `paths` and derives everything the views need.
    #[must_use]
    pub fn load(questionnaire: Arc<Questionnaire>, paths: &[PathBuf]) -> Self {
        let workspace = Workspace::load(paths, &questionnaire, Date::today());
        Self::from_workspace(questionnaire, workspace)
    }

    /// Derives the view model from a loaded workspace (evidence files are read and hashed).
    #[must_use]
    pub fn from_workspace(questionnaire: Arc<Questionnaire>, workspace: Workspace) -> Self {
        let today = Date::today();
        let evidence = workspace
            .audits
            .iter()
            .map(|loaded| crate::evidence::check_documents(&loaded.audit, &loaded.path, today))
            .collect();
        Self::derive(questionnaire, workspace, evidence)
    }

    fn derive(
        questionnaire: Arc<Questionnaire>,
        workspace: Workspace,
        evidence: Vec<Vec<crate::evidence::DocumentCheck>>,
    ) -> Self {
        let ranking = workspace.ranking(&questionnaire);
        let statuses = workspace
            .audits
            .iter()
            .map(|loaded| statuses(&questionnaire, &loaded.audit, workspace.comparison()))
            .collect();
        Self {
            questionnaire,
            workspace,
            ranking,
            statuses,
            evidence,
        }
    }

    /// Replaces the comparison in force and derives the scores again (the evidence files
    /// are not read again: the audits did not change).
    pub fn set_comparison(&mut self, comparison: crate::model::Comparison) {
        self.workspace.replace_comparison(comparison);
        let workspace = std::mem::take(&mut self.workspace);
        let evidence = std::mem::take(&mut self.evidence);
        *self = Self::derive(self.questionnaire.clone(), workspace, evidence);
    }

    /// Number of providers (columns).
    #[must_use]
    pub fn provider_count(&self) -> usize {
        self.ranking.len()
    }

    /// The audit index shown in column `column` (columns are in rank order).
    #[must_use]
    pub fn audit_of_column(&self, column: usize) -> usize {
        self.ranking[column].audit
    }

    /// The provider's name in column `column`.
    #[must_use]
    pub fn provider_name(&self, column: usize) -> &str {
        &self.ranking[column].provider
    }

    /// The status of item `item` for the provider in column `column`.
    #[must_use]
    pub fn status(&self, column: usize, item: usize) -> CellStatus {
        self.statuses[self.audit_of_column(column)][item]
    }

    /// The rows of section `section` that pass `filters`, as item indices.
    #[must_use]
    pub fn matrix_rows(&self, section: usize, filters: &Filters) -> Vec<usize> {
        let q = &self.questionnaire;
        let Some(range) = q.sections.get(section).map(|s| s.items.clone()) else {
            return Vec::new();
        };
        let needle = filters.search.trim().to_lowercase();
        range
            .filter(|&item| self.row_passes(item, filters, &needle))
            .collect()
    }

    fn row_passes(&self, item: usize, filters: &Filters, needle: &str) -> bool {
        let q = &self.questionnaire;
        let entry = &q.items[item];
        if filters.self_managed_scope && entry.has_tag("managed-service") {
            return false;
        }
        let heading = entry.kind == ItemKind::Heading;
        let any_filter = filters.only_gaps
            || filters.only_differ
            || filters.only_must_have
            || filters.only_annotated
            || !needle.is_empty();
        if heading {
            // Headings stay as group rows unless a filter is on.
            return !any_filter;
        }
        let columns = 0..self.provider_count();
        if filters.only_gaps
            && !columns
                .clone()
                .any(|c| self.status(c, item).value().is_some_and(|v| v < 1.0))
        {
            return false;
        }
        if filters.only_differ {
            let mut verdicts = columns.clone().map(|c| self.status(c, item));
            let first = verdicts.next();
            if verdicts.all(|v| Some(v) == first) {
                return false;
            }
        }
        if filters.only_must_have && !self.workspace.comparison().is_must_have(entry.id.as_str()) {
            return false;
        }
        if filters.only_annotated
            && !columns.clone().any(|c| {
                self.workspace
                    .comparison()
                    .annotation(self.provider_name(c), entry.id.as_str())
                    .is_some()
            })
        {
            return false;
        }
        if !needle.is_empty() {
            let in_question =
                entry.text.to_lowercase().contains(needle) || entry.id.as_str().contains(needle);
            let in_answers = columns.clone().any(|c| {
                self.workspace.audits[self.audit_of_column(c)]
                    .audit
                    .answer(entry.id.as_str())
                    .is_some_and(|a| {
                        a.answer.to_lowercase().contains(needle)
                            || a.note.to_lowercase().contains(needle)
                    })
            });
            if !in_question && !in_answers {
                return false;
            }
        }
        true
    }
}

/// The matrix filters.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Filters {
    /// Text searched in questions, ids, answers and notes (case-insensitive).
    pub search: String,
    /// Only questions where some provider is valued below 1.
    pub only_gaps: bool,
    /// Only questions where providers differ.
    pub only_differ: bool,
    /// Only must-have questions.
    pub only_must_have: bool,
    /// Only questions with an annotation.
    pub only_annotated: bool,
    /// Hide the managed-service sections' questions (self-managed scope).
    pub self_managed_scope: bool,
}
