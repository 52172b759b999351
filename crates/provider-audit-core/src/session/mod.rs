//! The meeting's state, owned in one place: the files loaded (audits and the comparison,
//! with their paths and hashes as read), the comparison being edited, the file it is saved
//! to, whether it has unsaved edits, and the undo/redo history of those edits. Every change
//! goes through a [`Session`]: open, reload, edit, undo, redo, save, save as.
//!
//! Reading files is split from installing them ([`Loaded::read`] then
//! [`Session::install`]) so that a UI can read on a background thread. No UI here.

mod history;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use history::{Editable, History};

use crate::audit_file::AuditSaveError;
use crate::compare::{self, Edit, SaveError, relative_path};
use crate::evidence::{DocumentCheck, check_documents};
use crate::interview::{AuditEdit, AuditEditor};
use crate::model::{AuditRef, Comparison, Date, Decision, Questionnaire};
use crate::view::{ComparisonView, ViewInput};
use crate::workspace::Workspace;

/// Files read from disk, ready to be installed in a session.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The paths that were read, as given.
    pub paths: Vec<PathBuf>,
    /// Audits, comparison and findings.
    pub workspace: Workspace,
    /// Each audit's evidence documents, hashed once here (indices as in
    /// `workspace.audits`).
    pub evidence: Vec<Vec<DocumentCheck>>,
}

impl Loaded {
    /// Reads `paths` (audits and comparisons) against `questionnaire`; document expiry is
    /// judged on `today`. Evidence files are hashed here, once.
    #[must_use]
    pub fn read(questionnaire: &Questionnaire, paths: Vec<PathBuf>, today: Date) -> Self {
        let workspace = Workspace::load(&paths, questionnaire, today);
        let evidence = workspace
            .audits
            .iter()
            .map(|loaded| check_documents(&loaded.audit, &loaded.path, today))
            .collect();
        Self {
            paths,
            workspace,
            evidence,
        }
    }
}

/// The meeting's state: see the module documentation.
#[derive(Clone, Debug)]
pub struct Session {
    questionnaire: Arc<Questionnaire>,
    today: Date,
    loaded: Loaded,
    /// Where Save writes: the comparison file loaded, or the one Save as chose.
    comparison_path: Option<PathBuf>,
    /// SHA-256 of the comparison file as last read or written by this session.
    comparison_on_disk: Option<String>,
    history: History,
    /// Bumped on every change of what the views show, so that caches know when to derive.
    generation: u64,
    /// What every output shows, derived once per change.
    view: Arc<ComparisonView>,
    /// The audit open for editing, if any: part of the comparison shown, so that the
    /// ranking follows the answers as they come in.
    editor: Option<AuditEditor>,
}

impl Session {
    /// An empty session: no file, an empty comparison.
    #[must_use]
    pub fn new(questionnaire: Arc<Questionnaire>, today: Date) -> Self {
        let loaded = Loaded {
            paths: Vec::new(),
            workspace: Workspace::default(),
            evidence: Vec::new(),
        };
        let view = Arc::new(ComparisonView::derive(ViewInput {
            questionnaire: &questionnaire,
            workspace: &loaded.workspace,
            evidence: &loaded.evidence,
            unsaved: false,
        }));
        Self {
            questionnaire,
            today,
            loaded,
            comparison_path: None,
            comparison_on_disk: None,
            history: History::new(Comparison::default()),
            generation: 0,
            view,
            editor: None,
        }
    }

    /// The one derived view of the comparison in force (see [`ComparisonView`]): the app,
    /// the command line, the report and the images render it.
    #[must_use]
    pub fn view(&self) -> &Arc<ComparisonView> {
        &self.view
    }

    fn derive(&mut self) {
        self.view = Arc::new(ComparisonView::derive(ViewInput {
            questionnaire: &self.questionnaire,
            workspace: &self.loaded.workspace,
            evidence: &self.loaded.evidence,
            unsaved: self.history.is_dirty(),
        }));
        self.generation += 1;
    }

    /// A decision for `provider` taken now, on `decided_on`: its basis records the weights
    /// and must-haves in force, every provider's rank and score, and the audits with the
    /// SHA-256 they were loaded with.
    #[must_use]
    pub fn decision(
        &self,
        provider: &str,
        rationale: &str,
        decided_by: &str,
        decided_on: Date,
    ) -> Decision {
        let audits = self
            .loaded
            .workspace
            .audits
            .iter()
            .map(|a| AuditRef {
                path: a.path.display().to_string(),
                sha256: Some(a.sha256.clone()),
            })
            .collect();
        Decision {
            provider: provider.to_owned(),
            rationale: rationale.trim().to_owned(),
            decided_by: decided_by.trim().to_owned(),
            decided_on: decided_on.to_string(),
            basis: Some(compare::basis(
                self.comparison(),
                &self.view.ranking,
                audits,
            )),
        }
    }

    /// A sign-off of the decision in force by `name` (in `role`) on `date`, on the basis
    /// in force; record it with [`Edit::SignOff`](crate::compare::Edit::SignOff).
    ///
    /// # Errors
    /// No decision, no name, a decision that no longer holds, or the same person's current
    /// sign-off already there.
    pub fn sign_off(
        &self,
        name: &str,
        role: &str,
        date: Date,
    ) -> Result<crate::model::SignOff, crate::signoff::SignError> {
        let hash = self
            .view
            .sign_offs
            .as_ref()
            .map(|s| s.current_basis_sha256.clone())
            .unwrap_or_default();
        let changes = self
            .view
            .decision_status
            .as_ref()
            .map(|s| s.changes.clone())
            .unwrap_or_default();
        crate::signoff::sign_off(self.comparison(), &hash, &changes, name, role, date)
    }

    /// A session with `paths` read and installed.
    #[must_use]
    pub fn open(questionnaire: Arc<Questionnaire>, paths: Vec<PathBuf>, today: Date) -> Self {
        let loaded = Loaded::read(&questionnaire, paths, today);
        let mut session = Self::new(questionnaire, today);
        session.install(loaded);
        session
    }

    /// The questionnaire in use.
    #[must_use]
    pub fn questionnaire(&self) -> &Arc<Questionnaire> {
        &self.questionnaire
    }

    /// The day documents are checked against.
    #[must_use]
    pub fn today(&self) -> Date {
        self.today
    }

    /// The files open, as given (a comparison saved under another name replaces the one
    /// it was loaded from).
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.loaded.paths
    }

    /// The loaded files. Its comparison is the one in force, edits included.
    #[must_use]
    pub fn workspace(&self) -> &Workspace {
        &self.loaded.workspace
    }

    /// Each audit's evidence documents as checked at load (indices as in the workspace).
    #[must_use]
    pub fn evidence(&self) -> &[Vec<DocumentCheck>] {
        &self.loaded.evidence
    }

    /// The comparison in force, with every edit applied.
    #[must_use]
    pub fn comparison(&self) -> &Comparison {
        self.history.current()
    }

    /// The file Save writes to, if there is one yet.
    #[must_use]
    pub fn comparison_path(&self) -> Option<&Path> {
        self.comparison_path.as_deref()
    }

    /// True when the comparison has edits not saved to its file.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// A number that changes whenever what the views show changes.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The paths to read for a reload: the open files, with the comparison at the path
    /// Save writes to.
    #[must_use]
    pub fn reload_paths(&self) -> Vec<PathBuf> {
        self.loaded.paths.clone()
    }

    /// The paths to read after closing `path` (the others stay open).
    #[must_use]
    pub fn paths_without(&self, path: &Path) -> Vec<PathBuf> {
        self.loaded
            .paths
            .iter()
            .filter(|p| p.as_path() != path)
            .cloned()
            .collect()
    }

    /// The paths to read after opening `more` files as well.
    #[must_use]
    pub fn paths_with(&self, more: &[PathBuf]) -> Vec<PathBuf> {
        let mut paths = self.loaded.paths.clone();
        for path in more {
            if !paths.contains(path) {
                paths.push(path.clone());
            }
        }
        paths
    }

    /// Installs files read by [`Loaded::read`]. When the comparison file read is the one
    /// this session already has (same path, same bytes), its edit history is kept as it
    /// is; when it changed on disk, the unsaved edits are applied again on the new
    /// content; they are never dropped.
    pub fn install(&mut self, loaded: Loaded) {
        let read = loaded
            .workspace
            .comparison
            .as_ref()
            .map(|c| (c.path.clone(), c.sha256.clone(), c.comparison.clone()));
        if let Some((path, sha256, comparison)) = read {
            self.adopt_comparison(path, sha256, comparison);
        } else {
            let comparison_closed = self
                .comparison_path
                .as_ref()
                .is_some_and(|path| !loaded.paths.contains(path));
            if comparison_closed && !self.history.is_dirty() {
                self.history = History::new(Comparison::default());
                self.comparison_path = None;
                self.comparison_on_disk = None;
            }
        }
        self.loaded = loaded;
        // Unsaved answers of the audit being edited stay what is shown.
        self.sync_editor_into_workspace();
        self.sync_workspace();
    }

    /// The audit open for editing.
    #[must_use]
    pub fn editor(&self) -> Option<&AuditEditor> {
        self.editor.as_ref()
    }

    /// Opens the loaded audit of `provider` for editing; `false` when none is loaded.
    pub fn start_editing(&mut self, provider: &str) -> bool {
        let Some(loaded) = self
            .loaded
            .workspace
            .audits
            .iter()
            .find(|a| a.audit.provider == provider)
        else {
            return false;
        };
        if self
            .editor
            .as_ref()
            .is_some_and(|e| e.path() == loaded.path && e.audit().provider == provider)
        {
            return true;
        }
        self.editor = Some(AuditEditor::new(
            loaded.path.clone(),
            loaded.audit.clone(),
            Some(loaded.sha256.clone()),
        ));
        true
    }

    /// Closes the audit being edited (its unsaved edits are dropped: save first).
    pub fn stop_editing(&mut self) {
        self.editor = None;
    }

    /// Applies an edit to the audit being edited (undoable); the ranking follows.
    pub fn edit_audit(&mut self, edit: AuditEdit) {
        if let Some(editor) = &mut self.editor {
            editor.edit(edit);
            self.sync_editor_into_workspace();
            self.derive();
        }
    }

    /// Undoes the last edit of the audit being edited.
    pub fn undo_audit(&mut self) -> bool {
        self.step_audit(AuditEditor::undo)
    }

    /// Redoes the last undone edit of the audit being edited.
    pub fn redo_audit(&mut self) -> bool {
        self.step_audit(AuditEditor::redo)
    }

    fn step_audit(&mut self, step: fn(&mut AuditEditor) -> bool) -> bool {
        let done = self.editor.as_mut().is_some_and(step);
        if done {
            self.sync_editor_into_workspace();
            self.derive();
        }
        done
    }

    /// Writes the audit being edited to its file (never over an outside edit).
    ///
    /// # Errors
    /// [`AuditSaveError::ChangedOnDisk`] or the write error; nothing changes then.
    pub fn save_audit(&mut self) -> Result<(), AuditSaveError> {
        let Some(editor) = &mut self.editor else {
            return Ok(());
        };
        let old_path = editor.path().to_path_buf();
        editor.save(&self.questionnaire)?;
        self.after_audit_saved(&old_path);
        Ok(())
    }

    /// Writes the audit being edited to `path`, a new file, its file from then on.
    ///
    /// # Errors
    /// When `path` exists, or the write error.
    pub fn save_audit_as(&mut self, path: &Path) -> Result<(), AuditSaveError> {
        let Some(editor) = &mut self.editor else {
            return Ok(());
        };
        let old_path = editor.path().to_path_buf();
        editor.save_to_new(&self.questionnaire, path)?;
        self.after_audit_saved(&old_path);
        Ok(())
    }

    /// The loaded audit follows its file: new path and hash.
    fn after_audit_saved(&mut self, old_path: &Path) {
        let Some(editor) = &self.editor else {
            return;
        };
        if let Some(loaded) = self
            .loaded
            .workspace
            .audits
            .iter_mut()
            .find(|a| a.path == old_path)
        {
            loaded.path = editor.path().to_path_buf();
            editor
                .sha256()
                .unwrap_or_default()
                .clone_into(&mut loaded.sha256);
        }
        if let Some(listed) = self
            .loaded
            .paths
            .iter_mut()
            .find(|p| p.as_path() == old_path)
        {
            *listed = editor.path().to_path_buf();
        }
        self.derive();
    }

    /// True when the audit being edited has edits not written to its file.
    #[must_use]
    pub fn audit_is_dirty(&self) -> bool {
        self.editor.as_ref().is_some_and(AuditEditor::is_dirty)
    }

    fn sync_editor_into_workspace(&mut self) {
        let Some(editor) = &self.editor else {
            return;
        };
        if let Some(loaded) = self
            .loaded
            .workspace
            .audits
            .iter_mut()
            .find(|a| a.path == editor.path())
        {
            loaded.audit = editor.audit().clone();
        }
    }

    /// Takes the comparison read from `path` (with hash `sha256`) as the one edited.
    fn adopt_comparison(&mut self, path: PathBuf, sha256: String, comparison: Comparison) {
        let same_file = self.comparison_path.as_deref() == Some(path.as_path());
        let unchanged = self.comparison_on_disk.as_deref() == Some(sha256.as_str());
        if same_file && unchanged {
            // The file is what this session last read or wrote: nothing to merge.
        } else if same_file || (self.comparison_path.is_none() && self.history.is_dirty()) {
            // Changed on disk, or edits were made before any comparison was open: the
            // unsaved edits are applied again on what the file holds.
            self.history.rebase(comparison);
        } else {
            self.history = History::new(comparison);
        }
        self.comparison_path = Some(path);
        self.comparison_on_disk = Some(sha256);
    }

    /// Applies one edit (undoable).
    pub fn edit(&mut self, edit: Edit) {
        self.history.apply(edit);
        self.sync_workspace();
    }

    /// Replaces the whole comparison, e.g. with autosaved work (undoable).
    pub fn replace(&mut self, comparison: Comparison) {
        self.edit(Edit::Replace(Box::new(comparison)));
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
        let done = self.history.undo();
        if done {
            self.sync_workspace();
        }
        done
    }

    /// Redoes the last undone edit; `false` when there was none.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo();
        if done {
            self.sync_workspace();
        }
        done
    }

    /// The comparison as it will be written to `path`: format 1, every loaded audit listed
    /// relative to the comparison's folder with its SHA-256 as read, and the decision's
    /// basis naming its audits relative to the comparison too (matched by hash).
    #[must_use]
    pub fn comparison_for(&self, path: &Path) -> Comparison {
        let mut comparison = self.comparison().clone();
        comparison.format = Some(1);
        let base = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        let audits = &self.loaded.workspace.audits;
        let mut listed: Vec<AuditRef> = audits
            .iter()
            .map(|loaded| AuditRef {
                path: relative_path(base, &loaded.path)
                    .to_string_lossy()
                    .into_owned(),
                sha256: Some(loaded.sha256.clone()),
            })
            .collect();
        // The file's order stays; audits it did not list yet come after, in loading order.
        let before = &comparison.audits;
        listed.sort_by_key(|audit| {
            before
                .iter()
                .position(|old| old.path == audit.path)
                .unwrap_or(usize::MAX)
        });
        comparison.audits = listed;
        if let Some(basis) = comparison.decision.as_mut().and_then(|d| d.basis.as_mut()) {
            for reference in &mut basis.audits {
                if let Some(loaded) = audits
                    .iter()
                    .find(|a| Some(&a.sha256) == reference.sha256.as_ref())
                {
                    reference.path = relative_path(base, &loaded.path)
                        .to_string_lossy()
                        .into_owned();
                }
            }
        }
        comparison
    }

    /// Saves to the comparison's file.
    ///
    /// # Errors
    /// [`SessionError::NoPath`] when the comparison has no file yet (use
    /// [`Session::save_as`]), or the save error; the session is then unchanged.
    pub fn save(&mut self) -> Result<PathBuf, SessionError> {
        let path = self.comparison_path.clone().ok_or(SessionError::NoPath)?;
        self.save_as(&path)?;
        Ok(path)
    }

    /// Saves to `path`, which from then on is the comparison's file: Save and reload use
    /// it, and it replaces the comparison file among the open files.
    ///
    /// # Errors
    /// The save error; the session is then unchanged.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SessionError> {
        let comparison = self.comparison_for(path);
        let bytes = compare::save(path, &comparison)?;
        let previous = self.comparison_path.replace(path.to_path_buf());
        self.comparison_on_disk = Some(crate::fsutil::sha256_hex(&bytes));
        let paths = &mut self.loaded.paths;
        match previous.and_then(|old| paths.iter().position(|p| *p == old)) {
            Some(index) => paths[index] = path.to_path_buf(),
            None if !paths.iter().any(|p| p == path) => paths.push(path.to_path_buf()),
            None => {}
        }
        self.history.mark_saved();
        self.derive();
        Ok(())
    }

    /// Where unsaved work is autosaved: beside the comparison's file, or `fallback` when
    /// it has none yet.
    #[must_use]
    pub fn recovery_path(&self, fallback: &Path) -> PathBuf {
        self.comparison_path
            .as_deref()
            .map_or_else(|| fallback.to_path_buf(), compare::recovery_path)
    }

    /// Closes every file: an empty session (the edit history goes too).
    pub fn close_all(&mut self) {
        *self = Self::new(self.questionnaire.clone(), self.today);
    }

    fn sync_workspace(&mut self) {
        self.loaded
            .workspace
            .replace_comparison(self.history.current().clone());
        self.derive();
    }
}

/// Why a session could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Save was asked for a comparison that has no file yet.
    #[error("the comparison has no file yet: choose where to save it")]
    NoPath,
    /// Writing failed.
    #[error(transparent)]
    Save(#[from] SaveError),
}

#[cfg(test)]
mod tests;
