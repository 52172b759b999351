//! The meeting's state, owned in one place: the files loaded (audits and the comparison,
//! with their paths and hashes as read), the comparison being edited, the file it is saved
//! to, whether it has unsaved edits, and the undo/redo history of those edits. Every change
//! goes through a [`Session`]: open, reload, edit, undo, redo, save, save as.
//!
//! Reading files is split from installing them ([`Loaded::read`] then
//! [`Session::install`]) so that a UI can read on a background thread. No UI here.
//!
//! Closing, replacing and writing documents go through one guarded path
//! ([`Session::guard`] then [`Session::resolve`], see [`guard`]); unsaved comparison edits
//! are kept in a recovery file written by the session's own thread
//! ([`Session::enable_recovery`], [`Session::recovery_offer`]).

mod guard;
mod recovery;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub use crate::undo::{Editable, History};
pub use guard::{Choice, Conflict, Guard, Intent, Outcome, Unsaved};
use recovery::RecoveryWriter;
pub use recovery::{RECOVERY_DELAY, RecoveryOffer};

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
    history: History<Comparison>,
    /// The leading comment block of the comparison file read, kept by Save as.
    comparison_header: String,
    /// The audits the comparison's file lists, as last read or written (relative to its
    /// folder): their order stays, and an audit missing at save time keeps its entry.
    comparison_listed: Vec<AuditRef>,
    /// The recovery writer, when recovery is on ([`Session::enable_recovery`]); shared by
    /// clones of the session.
    recovery: Option<Arc<RecoveryWriter>>,
    /// The recovery file this session last asked to write, removed when the comparison is
    /// back at its saved state.
    recovery_written: Option<PathBuf>,
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
            comparison_header: String::new(),
            comparison_listed: Vec::new(),
            recovery: None,
            recovery_written: None,
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
        self.note_recovery();
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

    /// What is due within `within_days` of today: merge conflicts, stale sign-offs,
    /// re-audits and evidence documents expiring (see [`crate::due::due`]).
    #[must_use]
    pub fn due(&self, within_days: u32) -> Vec<crate::due::DueItem> {
        crate::due::due(
            &self.questionnaire,
            self.workspace(),
            self.today,
            within_days,
        )
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
        let read = loaded.workspace.comparison.as_ref().map(|c| {
            (
                c.path.clone(),
                c.sha256.clone(),
                c.comparison.clone(),
                c.header.clone(),
            )
        });
        if let Some((path, sha256, comparison, header)) = read {
            self.comparison_listed.clone_from(&comparison.audits);
            self.adopt_comparison(path, sha256, comparison);
            self.comparison_header = header;
        } else {
            let comparison_closed = self
                .comparison_path
                .as_ref()
                .is_some_and(|path| !loaded.paths.contains(path));
            if comparison_closed && !self.history.is_dirty() {
                self.history = History::new(Comparison::default());
                self.comparison_path = None;
                self.comparison_on_disk = None;
                self.comparison_header.clear();
                self.comparison_listed.clear();
            }
        }
        self.loaded = loaded;
        // Unsaved answers of the audit being edited stay what is shown.
        self.sync_editor_into_workspace();
        self.sync_workspace();
    }

    /// Reads `paths` and installs them ([`Loaded::read`] then [`Session::install`]), for
    /// callers that read on the thread they run on (the command line, tests).
    pub fn read_and_install(&mut self, paths: Vec<PathBuf>) {
        let loaded = Loaded::read(&self.questionnaire, paths, self.today);
        self.install(loaded);
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
            if self.history.is_dirty() {
                // Replaced without being saved or discarded through the guard: its
                // recovery file stays, to be offered when that comparison is opened again.
                self.recovery_written = None;
            }
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

    /// True when the audit being edited has an edit to undo.
    #[must_use]
    pub fn can_undo_audit(&self) -> bool {
        self.editor.as_ref().is_some_and(AuditEditor::can_undo)
    }

    /// True when the audit being edited has an undone edit to redo.
    #[must_use]
    pub fn can_redo_audit(&self) -> bool {
        self.editor.as_ref().is_some_and(AuditEditor::can_redo)
    }

    /// Drops the comparison's unsaved edits, back to what was last saved or loaded (the
    /// user chose to discard them).
    pub fn discard_edits(&mut self) {
        self.discard_comparison_edits();
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
        // Where the comparison's own list is relative to: the file it was read from.
        let old_base = self
            .comparison_path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or_else(|| Path::new("."));
        // The file's own list as last read or written (the one edited has no hashes of
        // what was saved since).
        let listed_before = if self.comparison_listed.is_empty() {
            &comparison.audits
        } else {
            &self.comparison_listed
        };
        let before: Vec<PathBuf> = listed_before
            .iter()
            .map(|old| same_file_key(&old_base.join(&old.path)))
            .collect();
        let mut listed: Vec<(usize, AuditRef)> = audits
            .iter()
            .map(|loaded| {
                let key = same_file_key(&loaded.path);
                let position = before.iter().position(|old| *old == key);
                let reference = AuditRef {
                    path: relative_path(base, &loaded.path)
                        .to_string_lossy()
                        .into_owned(),
                    sha256: Some(loaded.sha256.clone()),
                };
                (position.unwrap_or(usize::MAX), reference)
            })
            .collect();
        // An audit the file lists that is missing now (moved away for a while, a share not
        // mounted) keeps its entry and the hash it was recorded with: saving must not drop
        // it, nor the drift its return may show.
        for (position, old) in listed_before.iter().enumerate() {
            let listed_path = old_base.join(&old.path);
            let loaded = listed.iter().any(|(p, _)| *p == position);
            if !loaded && !listed_path.is_file() {
                let path = if same_file_key(base) == same_file_key(old_base) {
                    old.path.clone()
                } else {
                    relative_path(base, &listed_path)
                        .to_string_lossy()
                        .into_owned()
                };
                listed.push((
                    position,
                    AuditRef {
                        path,
                        sha256: old.sha256.clone(),
                    },
                ));
            }
        }
        // The file's order stays; audits it did not list yet come after, in loading order.
        listed.sort_by_key(|(position, _)| *position);
        comparison.audits = listed.into_iter().map(|(_, reference)| reference).collect();
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

    /// True when the comparison's file is no longer what this session last read or wrote
    /// (someone edited it): Save refuses then, as for audits. A file that is gone is not
    /// "changed": writing it again replaces nothing.
    #[must_use]
    pub fn comparison_changed_on_disk(&self) -> bool {
        let Some(path) = &self.comparison_path else {
            return false;
        };
        match std::fs::read(path) {
            Ok(bytes) => {
                self.comparison_on_disk.as_deref() != Some(&crate::fsutil::sha256_hex(&bytes))
            }
            Err(_) => false,
        }
    }

    /// Saves to `path`, which from then on is the comparison's file: Save and reload use
    /// it, and it replaces the comparison file among the open files. The comparison's
    /// leading comment block and the order of its entries are kept.
    ///
    /// # Errors
    /// [`SessionError::ChangedOnDisk`] when `path` is the comparison's file and it changed on
    /// disk since it was read (confirm with [`Choice::Overwrite`] through
    /// [`Session::resolve`]); the save error. The session is then unchanged.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SessionError> {
        self.write_comparison(path, false)
    }

    /// Writes the comparison to `path`; over an outside edit of its own file only when
    /// `overwrite`.
    fn write_comparison(&mut self, path: &Path, overwrite: bool) -> Result<(), SessionError> {
        if !overwrite
            && self.comparison_path.as_deref() == Some(path)
            && self.comparison_changed_on_disk()
        {
            return Err(SessionError::ChangedOnDisk {
                path: path.to_path_buf(),
            });
        }
        let comparison = self.comparison_for(path);
        let bytes = compare::save_with_header(path, &comparison, &self.comparison_header)?;
        self.comparison_listed = comparison.audits;
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

    /// Closes every file: an empty session (the edit history goes too). Unsaved edits are
    /// dropped: ask [`Session::guard`] with [`Intent::CloseAll`] first.
    pub fn close_all(&mut self) {
        let recovery = self.recovery.take();
        let written = self.recovery_written.take();
        *self = Self::new(self.questionnaire.clone(), self.today);
        self.recovery = recovery;
        self.recovery_written = written;
        // The recovery of what was closed goes (closing was asked and answered).
        self.note_recovery();
    }

    /// Drops the comparison's unsaved edits: back at its saved state.
    fn discard_comparison_edits(&mut self) {
        self.history.discard_unsaved();
        self.sync_workspace();
    }

    /// Drops the unsaved answers of the audit being edited, which closes.
    fn discard_audit_edits(&mut self) {
        if let Some(editor) = &mut self.editor {
            editor.discard_unsaved();
        }
        self.sync_editor_into_workspace();
        self.editor = None;
        self.derive();
    }

    /// Turns crash recovery on: from now on, a short while (`delay`, see
    /// [`RECOVERY_DELAY`]) after each change that leaves the comparison unsaved, a thread of
    /// the session writes it to its recovery file (beside its file, `fallback` when it has
    /// none yet), whether or not anything is drawn; when it is back at its saved state the
    /// recovery file goes. Clones of the session share the thread.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn enable_recovery(&mut self, fallback: PathBuf, delay: Duration) -> std::io::Result<()> {
        self.recovery = Some(Arc::new(RecoveryWriter::start(fallback, delay)?));
        self.note_recovery();
        Ok(())
    }

    /// The recovery file of the comparison in force, if recovery is on.
    #[must_use]
    pub fn current_recovery_path(&self) -> Option<PathBuf> {
        let writer = self.recovery.as_ref()?;
        Some(self.recovery_path(&writer.fallback))
    }

    /// Waits until the recovery file is as the session last asked (before quitting, in
    /// tests).
    pub fn flush_recovery(&self) {
        if let Some(writer) = &self.recovery {
            writer.flush();
        }
    }

    /// The last error writing the recovery file since the previous call, to show.
    #[must_use]
    pub fn take_recovery_error(&self) -> Option<String> {
        self.recovery.as_ref().and_then(|w| w.take_error())
    }

    /// Unsaved work found for the comparison in force (call it after every open or
    /// reload, not only at start): its recovery file, when one exists and holds something
    /// other than what is shown. Recovery must be on.
    #[must_use]
    pub fn recovery_offer(&self) -> Option<RecoveryOffer> {
        let path = self.current_recovery_path()?;
        RecoveryOffer::read(&path).filter(|offer| offer.comparison != *self.comparison())
    }

    /// Takes the comparison of `offer` as the one edited (undoable, unsaved until saved).
    pub fn restore_recovery(&mut self, offer: RecoveryOffer) {
        self.replace(offer.comparison);
    }

    /// Asks the recovery thread to write or remove the recovery file as the comparison now
    /// is: written while unsaved, removed at the saved state (only a file this session
    /// wrote: one left by a crash stays until offered).
    fn note_recovery(&mut self) {
        let Some(writer) = &self.recovery else {
            return;
        };
        let target = self.recovery_path(&writer.fallback);
        if let Some(previous) = self.recovery_written.take_if(|p| *p != target) {
            writer.remove(previous);
        }
        if self.history.is_dirty() {
            if let Some(text) = recovery::recovery_text(self.comparison()) {
                writer.write(target.clone(), text);
                self.recovery_written = Some(target);
            }
        } else if let Some(written) = self.recovery_written.take() {
            writer.remove(written);
        }
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
    /// Saving the audit being edited failed (or it changed on disk).
    #[error(transparent)]
    Audit(#[from] AuditSaveError),
    /// The comparison's file changed on disk since it was read: reload it, save as another
    /// file, or confirm overwriting it.
    #[error(
        "{} changed on disk since it was read (someone else edited it): reload it, save as another file, or overwrite it",
        path.display()
    )]
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// A file is already at the path: confirm replacing it.
    #[error("{} already exists", path.display())]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// Going on would drop unsaved edits: ask the user (see [`Session::guard`]).
    #[error("there are unsaved changes: save or discard them first")]
    WouldLose {
        /// What is unsaved.
        unsaved: Vec<Unsaved>,
    },
}

/// A path that names the same file as any other path to it, for comparing (the file need
/// not exist).
fn same_file_key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .unwrap_or_else(|_| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

#[cfg(test)]
mod guard_tests;
#[cfg(test)]
mod model_tests;
#[cfg(test)]
mod tests;
