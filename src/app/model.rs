//! The app's model: the [`Session`] (the meeting's state, owned by the core) and its one
//! derived [`ComparisonView`], computed by the core once per change of the session, never
//! per frame. Only the app and its command handler hold it; views see it through
//! [`super::context::ViewCtx`].

use std::path::PathBuf;
use std::sync::Arc;

use super::context::OpenedFile;
use crate::compare::Edit;
use crate::model::{Date, Questionnaire};
use crate::scoring::{CellStatus, ProviderScore};
use crate::session::{Loaded, Session};
use crate::validate::Finding;
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

    /// The audit shown in column `column` (columns are in rank order).
    #[must_use]
    pub fn audit_of_column(&self, column: usize) -> &crate::model::Audit {
        &self.workspace().audits[self.ranking()[column].audit].audit
    }

    /// True when there are unsaved edits (the comparison or the audit being edited).
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.session.is_dirty() || self.session.audit_is_dirty()
    }

    /// The findings of the loaded files, errors first.
    #[must_use]
    pub fn findings_errors_first(&self) -> Vec<&Finding> {
        let findings = &self.workspace().findings;
        findings
            .iter()
            .filter(|f| f.is_error())
            .chain(findings.iter().filter(|f| !f.is_error()))
            .collect()
    }

    /// The files the user opened: loaded as an audit, as an earlier audit of a provider
    /// (its history) or as the comparison, or not, with their error counts.
    #[must_use]
    pub fn opened_files(&self) -> Vec<OpenedFile> {
        let workspace = self.workspace();
        self.session
            .paths()
            .iter()
            .map(|path| OpenedFile {
                path: path.clone(),
                loaded: workspace
                    .audits
                    .iter()
                    .chain(&workspace.history)
                    .any(|a| a.path == *path)
                    || workspace
                        .comparison
                        .as_ref()
                        .is_some_and(|c| c.path == *path),
                errors: workspace
                    .findings
                    .iter()
                    .filter(|f| f.is_error() && f.path == *path)
                    .count(),
            })
            .collect()
    }

    /// The folder files are saved and exported to by default: the comparison's, else the
    /// first audit's, else the working directory.
    #[must_use]
    pub fn default_folder(&self) -> PathBuf {
        self.session
            .comparison_path()
            .map(std::path::Path::to_path_buf)
            .or_else(|| self.workspace().audits.first().map(|a| a.path.clone()))
            .and_then(|path| path.parent().map(std::path::Path::to_path_buf))
            .filter(|folder| !folder.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."))
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
