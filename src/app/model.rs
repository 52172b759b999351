//! The app's model: the [`Session`] (the meeting's state, owned by the core) and its one
//! derived [`ComparisonView`], computed by the core once per change of the session, never
//! per frame. The views read it; only the matrix filters are the app's own.

use std::path::PathBuf;
use std::sync::Arc;

use crate::compare::Edit;
use crate::model::{Date, ItemKind, Questionnaire};
use crate::scoring::{CellStatus, ProviderScore};
use crate::session::{Loaded, Session};
use crate::view::ComparisonView;
use crate::workspace::Workspace;

/// The session and what is derived from it.
pub struct Model {
    /// The questionnaire in use.
    pub questionnaire: Arc<Questionnaire>,
    /// The meeting's state: files, the comparison with its edits, saving.
    pub session: Session,
}

impl Model {
    /// Loads `paths` and derives everything the views need.
    #[must_use]
    pub fn load(questionnaire: Arc<Questionnaire>, paths: Vec<PathBuf>) -> Self {
        Self::from_session(Session::open(questionnaire, paths, Date::today()))
    }

    /// The view model of `session`.
    #[must_use]
    pub fn from_session(session: Session) -> Self {
        Self {
            questionnaire: session.questionnaire().clone(),
            session,
        }
    }

    /// What every view shows, derived by the core.
    #[must_use]
    pub fn view(&self) -> &std::sync::Arc<ComparisonView> {
        self.session.view()
    }

    /// The scores in rank order (the matrix's columns are in this order).
    #[must_use]
    pub fn ranking(&self) -> &[ProviderScore] {
        &self.session.view().ranking
    }

    /// The loaded files, the comparison in force and the findings.
    #[must_use]
    pub fn workspace(&self) -> &Workspace {
        self.session.workspace()
    }

    /// Applies an edit to the comparison (undoable) and derives again.
    pub fn edit(&mut self, edit: Edit) {
        self.session.edit(edit);
    }

    /// Undoes the last edit; `false` when there was none.
    pub fn undo(&mut self) -> bool {
        self.session.undo()
    }

    /// Redoes the last undone edit; `false` when there was none.
    pub fn redo(&mut self) -> bool {
        self.session.redo()
    }

    /// Installs files read in the background (the session keeps unsaved edits).
    pub fn install(&mut self, loaded: Loaded) {
        self.session.install(loaded);
    }

    /// Number of providers (columns).
    #[must_use]
    pub fn provider_count(&self) -> usize {
        self.ranking().len()
    }

    /// The audit index shown in column `column` (columns are in rank order).
    #[must_use]
    pub fn audit_of_column(&self, column: usize) -> usize {
        self.ranking()[column].audit
    }

    /// The provider's name in column `column`.
    #[must_use]
    pub fn provider_name(&self, column: usize) -> &str {
        &self.ranking()[column].provider
    }

    /// The status of item `item` for the provider in column `column`.
    #[must_use]
    pub fn status(&self, column: usize, item: usize) -> CellStatus {
        self.view()
            .cell(column, item)
            .map_or(CellStatus::NotAsked, |cell| cell.status)
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
        if filters.only_must_have
            && !self
                .workspace()
                .comparison()
                .is_must_have(entry.id.as_str())
        {
            return false;
        }
        if filters.only_annotated
            && !columns.clone().any(|c| {
                self.workspace()
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
                self.workspace().audits[self.audit_of_column(c)]
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
