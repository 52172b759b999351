//! The crash-recovery file of a comparison with unsaved edits: written by a small thread
//! owned by the session, a short while after the last change, whether or not a UI paints;
//! removed when the comparison is back at its saved state; offered whenever a comparison
//! is opened ([`RecoveryOffer`]). It holds exactly the unsaved comparison, as RON.
//!
//! Depends on the model and `fsutil` only; no UI.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::model::Comparison;

/// How long after the last change the recovery file is written by default.
pub const RECOVERY_DELAY: Duration = Duration::from_secs(2);

/// What the writer thread is asked to do.
enum Message {
    /// Write `text` to `path` (after the delay; a later message for `path` replaces it).
    Write { path: PathBuf, text: String },
    /// Remove `path` (after the delay, likewise).
    Remove { path: PathBuf },
    /// Do everything pending now, then answer.
    Flush(Sender<()>),
}

/// The handle to the writer thread; the thread ends, after writing what is pending, when
/// the last handle is dropped.
pub(super) struct RecoveryWriter {
    sender: Sender<Message>,
    /// Where the unsaved comparison goes when it has no file yet.
    pub(super) fallback: PathBuf,
    /// The last write error, for the UI to show.
    error: Arc<Mutex<Option<String>>>,
}

impl std::fmt::Debug for RecoveryWriter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryWriter")
            .field("fallback", &self.fallback)
            .finish_non_exhaustive()
    }
}

impl RecoveryWriter {
    /// Starts the writer thread.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub(super) fn start(fallback: PathBuf, delay: Duration) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let error = Arc::new(Mutex::new(None));
        let thread_error = Arc::clone(&error);
        std::thread::Builder::new()
            .name("provider-audit recovery".to_owned())
            .spawn(move || run(&receiver, delay, &thread_error))?;
        Ok(Self {
            sender,
            fallback,
            error,
        })
    }

    pub(super) fn write(&self, path: PathBuf, text: String) {
        self.sender.send(Message::Write { path, text }).ok();
    }

    pub(super) fn remove(&self, path: PathBuf) {
        self.sender.send(Message::Remove { path }).ok();
    }

    /// Waits until everything asked so far is on disk.
    pub(super) fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.sender.send(Message::Flush(done)).is_ok() {
            wait.recv().ok();
        }
    }

    /// The last write error since the previous call, if any.
    pub(super) fn take_error(&self) -> Option<String> {
        self.error.lock().ok().and_then(|mut slot| slot.take())
    }
}

fn run(receiver: &Receiver<Message>, delay: Duration, error: &Mutex<Option<String>>) {
    let mut pending: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut last_change = Instant::now();
    loop {
        let message = if pending.is_empty() {
            receiver.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            receiver.recv_timeout(delay.saturating_sub(last_change.elapsed()))
        };
        match message {
            Ok(Message::Write { path, text }) => {
                pending.insert(path, Some(text));
                last_change = Instant::now();
            }
            Ok(Message::Remove { path }) => {
                pending.insert(path, None);
                last_change = Instant::now();
            }
            Ok(Message::Flush(done)) => {
                write_pending(&mut pending, error);
                done.send(()).ok();
            }
            Err(RecvTimeoutError::Timeout) => write_pending(&mut pending, error),
            Err(RecvTimeoutError::Disconnected) => {
                write_pending(&mut pending, error);
                return;
            }
        }
    }
}

fn write_pending(pending: &mut HashMap<PathBuf, Option<String>>, error: &Mutex<Option<String>>) {
    for (path, text) in pending.drain() {
        let result = match text {
            Some(text) => path
                .parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .map_or(Ok(()), std::fs::create_dir_all)
                .and_then(|()| crate::fsutil::write_atomic(&path, text.as_bytes())),
            None => match std::fs::remove_file(&path) {
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
                other => other,
            },
        };
        if let Err(err) = result
            && let Ok(mut slot) = error.lock()
        {
            *slot = Some(format!("recovery file {}: {err}", path.display()));
        }
    }
}

/// Unsaved work found for the comparison just opened: restore it with
/// [`Session::restore_recovery`](super::Session::restore_recovery) or drop it with
/// [`RecoveryOffer::discard`].
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryOffer {
    /// The recovery file.
    pub path: PathBuf,
    /// The comparison it holds: the unsaved state as it was.
    pub comparison: Comparison,
    /// When it was written, if the system says.
    pub written: Option<std::time::SystemTime>,
}

impl RecoveryOffer {
    /// Reads the recovery file at `path`; `None` when there is none or it does not read as
    /// a comparison.
    #[must_use]
    pub fn read(path: &Path) -> Option<Self> {
        let (text, _) = crate::fsutil::read_text_bounded(path).ok()?;
        let comparison = Comparison::from_ron(&text).ok()?;
        let written = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Some(Self {
            path: path.to_path_buf(),
            comparison,
            written,
        })
    }

    /// Removes the recovery file (the user does not want it).
    ///
    /// # Errors
    /// When it cannot be removed (a missing file is no error).
    pub fn discard(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
}

/// The unsaved comparison as the recovery file holds it.
pub(super) fn recovery_text(comparison: &Comparison) -> Option<String> {
    comparison.to_ron().ok()
}
