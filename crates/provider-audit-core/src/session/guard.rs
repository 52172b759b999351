//! The one guarded path for everything that closes, replaces or writes a document: the
//! caller asks [`Session::guard`] about an [`Intent`]; when the answer is not
//! [`Guard::Proceed`] it asks the user, then calls [`Session::resolve`] with the
//! [`Choice`] made (or with [`Choice::Proceed`] when there was nothing to ask). Nothing
//! unsaved is dropped unless the user chose [`Choice::Discard`], and no file that changed on
//! disk since it was read is written over unless the user chose [`Choice::Overwrite`].
//!
//! No UI here: the questions are data, the app words them.

use std::path::{Path, PathBuf};

use super::{Session, SessionError};

/// What the user asked for that closes, replaces or writes a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Close one open file (an audit or the comparison).
    CloseFile(PathBuf),
    /// Close every file.
    CloseAll,
    /// Open files (File → Open, Open recent, a drop): a comparison among them replaces the
    /// current one.
    Open(Vec<PathBuf>),
    /// Read the open files again (unsaved edits are kept, applied on what the files hold).
    Reload,
    /// Quit the app.
    Quit,
    /// Save the comparison (and the audit being edited) to their files.
    Save,
    /// Save the comparison to this file, its file from then on.
    SaveAs(PathBuf),
    /// Write a new file (new audit, imported answers, an export): nothing open is touched,
    /// but a file already at the path is only replaced after a confirmation.
    WriteNew(PathBuf),
}

/// A document with edits not written to its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unsaved {
    /// The comparison (annotations, weights, must-haves, the decision); `path` is its file,
    /// `None` when it has none yet (Save then needs a path: see [`SessionError::NoPath`]).
    Comparison {
        /// Its file, if any.
        path: Option<PathBuf>,
    },
    /// The audit being edited (answers and verdicts).
    Audit {
        /// Its file.
        path: PathBuf,
        /// Its provider.
        provider: String,
    },
}

/// Why writing a file needs the user's confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// The file changed on disk since it was read (someone else edited it): reload it, save
    /// as another file, or overwrite after an explicit confirmation.
    ChangedOnDisk {
        /// The file.
        path: PathBuf,
    },
    /// Another file is already at the path.
    Exists {
        /// The file.
        path: PathBuf,
    },
}

/// The answer of [`Session::guard`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Guard {
    /// Nothing would be lost: go on with [`Choice::Proceed`].
    Proceed,
    /// These edits would be lost: ask Save / Discard / Cancel.
    Ask {
        /// What is unsaved, comparison first.
        unsaved: Vec<Unsaved>,
    },
    /// Writing would replace a file the session did not read as it is now: ask Overwrite /
    /// Cancel (or offer Reload / Save as, which are other intents).
    Confirm(Conflict),
}

/// What the user answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    /// There was nothing to ask ([`Guard::Proceed`]); refused with
    /// [`SessionError::WouldLose`] or [`SessionError::ChangedOnDisk`] when there was.
    Proceed,
    /// Save what is unsaved first (never over an outside edit), then go on.
    Save,
    /// Drop what is unsaved (and its recovery file), then go on.
    Discard,
    /// Go on, writing over the file that changed on disk or already exists.
    Overwrite,
    /// Do nothing.
    Cancel,
}

/// What [`Session::resolve`] did, and what is left for the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing was done.
    Cancelled,
    /// This file was written: the comparison's (or, when only the audit being edited had
    /// changes, the audit's).
    Saved(PathBuf),
    /// Every file is closed (the session is empty).
    Closed,
    /// Read these files and install them ([`Loaded::read`](super::Loaded::read) then
    /// [`Session::install`], on a worker thread if you like; [`Session::read_and_install`]
    /// does both). Unsaved edits were saved or discarded as chosen.
    Read(Vec<PathBuf>),
    /// The app may quit now: nothing unsaved is left, or the user chose to drop it.
    Quit,
    /// Write the new file; `overwrite` says the user confirmed replacing the file there.
    Write {
        /// The file to write.
        path: PathBuf,
        /// True when a file there may be replaced.
        overwrite: bool,
    },
}

impl Session {
    /// What must be asked before `intent`: see the module documentation.
    #[must_use]
    pub fn guard(&self, intent: &Intent) -> Guard {
        match intent {
            Intent::CloseFile(_) | Intent::CloseAll | Intent::Open(_) | Intent::Quit => {
                let unsaved = self.unsaved_for(intent);
                if unsaved.is_empty() {
                    Guard::Proceed
                } else {
                    Guard::Ask { unsaved }
                }
            }
            Intent::Reload => Guard::Proceed,
            Intent::Save => self
                .save_conflict(self.comparison_path.as_deref())
                .map_or(Guard::Proceed, Guard::Confirm),
            Intent::SaveAs(path) => self
                .save_conflict(Some(path))
                .map_or(Guard::Proceed, Guard::Confirm),
            Intent::WriteNew(path) => {
                if path.exists() {
                    Guard::Confirm(Conflict::Exists { path: path.clone() })
                } else {
                    Guard::Proceed
                }
            }
        }
    }

    /// Carries out `intent` as the user chose: see [`Outcome`] for what is left to the
    /// caller.
    ///
    /// # Errors
    /// [`SessionError::WouldLose`] or [`SessionError::ChangedOnDisk`] when `choice` does not
    /// answer what [`Session::guard`] asks; [`SessionError::NoPath`] when saving a
    /// comparison that has no file yet (Save as first); the save errors. The session is
    /// unchanged then, except for what was already saved.
    pub fn resolve(&mut self, intent: Intent, choice: Choice) -> Result<Outcome, SessionError> {
        if choice == Choice::Cancel {
            return Ok(Outcome::Cancelled);
        }
        match intent {
            Intent::CloseFile(_) | Intent::CloseAll | Intent::Open(_) | Intent::Quit => {
                self.settle_unsaved(&intent, choice)?;
                Ok(match intent {
                    Intent::CloseFile(path) => {
                        if self.editor.as_ref().is_some_and(|e| e.path() == path) {
                            self.stop_editing();
                        }
                        Outcome::Read(self.paths_without(&path))
                    }
                    Intent::Open(paths) => {
                        // Another comparison replaces the one open (one is used at a time).
                        let mut all = match &self.comparison_path {
                            Some(current) if self.opens_another_comparison(&paths) => {
                                self.paths_without(current)
                            }
                            _ => self.paths().to_vec(),
                        };
                        for path in paths {
                            if !all.contains(&path) {
                                all.push(path);
                            }
                        }
                        Outcome::Read(all)
                    }
                    Intent::CloseAll => {
                        self.close_all();
                        Outcome::Closed
                    }
                    _ => {
                        self.flush_recovery();
                        Outcome::Quit
                    }
                })
            }
            Intent::Reload => Ok(Outcome::Read(self.reload_paths())),
            Intent::Save => {
                // The audit being edited first; the comparison when it has changes too (or
                // when there was no audit to save).
                let audit = self.audit_is_dirty();
                if audit {
                    self.save_audit()?;
                    if !self.is_dirty()
                        && let Some(editor) = &self.editor
                    {
                        return Ok(Outcome::Saved(editor.path().to_path_buf()));
                    }
                }
                let path = self.comparison_path.clone().ok_or(SessionError::NoPath)?;
                self.write_comparison(&path, choice == Choice::Overwrite)?;
                Ok(Outcome::Saved(path))
            }
            Intent::SaveAs(path) => {
                let overwrite = choice == Choice::Overwrite;
                if !overwrite
                    && matches!(
                        self.save_conflict(Some(&path)),
                        Some(Conflict::Exists { .. })
                    )
                {
                    return Err(SessionError::Exists { path });
                }
                self.write_comparison(&path, overwrite)?;
                Ok(Outcome::Saved(path))
            }
            Intent::WriteNew(path) => {
                let overwrite = choice == Choice::Overwrite;
                if !overwrite && path.exists() {
                    return Err(SessionError::Exists { path });
                }
                Ok(Outcome::Write { path, overwrite })
            }
        }
    }

    /// The unsaved documents `intent` would close or replace.
    fn unsaved_for(&self, intent: &Intent) -> Vec<Unsaved> {
        let (comparison, audit) = match intent {
            Intent::CloseFile(path) => (
                self.is_dirty() && self.comparison_path.as_deref() == Some(path.as_path()),
                self.editor.as_ref().is_some_and(|e| e.path() == path),
            ),
            Intent::Open(paths) => (
                self.is_dirty() && self.opens_another_comparison(paths),
                false,
            ),
            _ => (self.is_dirty(), true),
        };
        let mut unsaved = Vec::new();
        if comparison {
            unsaved.push(Unsaved::Comparison {
                path: self.comparison_path.clone(),
            });
        }
        if audit && let Some(editor) = self.editor.as_ref().filter(|e| e.is_dirty()) {
            unsaved.push(Unsaved::Audit {
                path: editor.path().to_path_buf(),
                provider: editor.audit().provider.clone(),
            });
        }
        unsaved
    }

    /// True when `paths` hold a comparison other than the one open (it would replace it).
    fn opens_another_comparison(&self, paths: &[PathBuf]) -> bool {
        paths.iter().any(|path| {
            self.comparison_path.as_deref() != Some(path.as_path())
                && crate::validate::read_source(path).is_ok_and(|source| {
                    crate::validate::classify(&source) == crate::validate::FileKind::Comparison
                })
        })
    }

    /// Saves or discards what `intent` would lose, as chosen.
    fn settle_unsaved(&mut self, intent: &Intent, choice: Choice) -> Result<(), SessionError> {
        let unsaved = self.unsaved_for(intent);
        if unsaved.is_empty() {
            return Ok(());
        }
        match choice {
            Choice::Proceed => Err(SessionError::WouldLose { unsaved }),
            Choice::Discard => {
                for document in unsaved {
                    match document {
                        Unsaved::Comparison { .. } => self.discard_comparison_edits(),
                        Unsaved::Audit { .. } => self.discard_audit_edits(),
                    }
                }
                Ok(())
            }
            Choice::Save | Choice::Overwrite | Choice::Cancel => {
                let overwrite = choice == Choice::Overwrite;
                for document in unsaved {
                    match document {
                        Unsaved::Comparison { path } => {
                            let path = path.ok_or(SessionError::NoPath)?;
                            self.write_comparison(&path, overwrite)?;
                        }
                        Unsaved::Audit { .. } => self.save_audit()?,
                    }
                }
                Ok(())
            }
        }
    }

    /// Why writing the comparison to `path` needs a confirmation, if it does: the file is
    /// the comparison's own and changed on disk since it was read, or it is another file
    /// that exists.
    fn save_conflict(&self, path: Option<&Path>) -> Option<Conflict> {
        let path = path?;
        if self.comparison_path.as_deref() == Some(path) {
            self.comparison_changed_on_disk()
                .then(|| Conflict::ChangedOnDisk {
                    path: path.to_path_buf(),
                })
        } else {
            path.exists().then(|| Conflict::Exists {
                path: path.to_path_buf(),
            })
        }
    }
}
