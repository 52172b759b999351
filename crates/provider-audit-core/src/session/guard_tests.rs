//! Regressions of work lost or overwritten, each replayed through the session: closing with
//! unsaved edits, an audit missing at save time, a comparison edited on disk, the recovery
//! file, Save as and its header, file modes and weights.

#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::{Choice, Conflict, Guard, Intent, Outcome, Session, SessionError, Unsaved};
use crate::compare::Edit;
use crate::model::{Comparison, Date, QuestionId, Questionnaire};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A folder with the two fixture audits and the fixture comparison, under a comment block.
fn meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["alpha.ron", "beta.ron"] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).expect("copy fixture");
    }
    let comparison = dir.path().join("meeting.comparison.ron");
    let text = std::fs::read_to_string(fixtures().join("comparison.ron")).expect("fixture");
    std::fs::write(&comparison, format!("{HEADER}{text}")).expect("write");
    (dir, comparison)
}

const HEADER: &str = "// Meeting of 2026-11-27.\n// Present: C. Holm, A. Karlsson.\n// Legal counts double: the contract is for ten years.\n\n";

fn open(paths: Vec<PathBuf>) -> Session {
    let today = Date::parse("2026-12-01").expect("date");
    Session::open(Arc::new(Questionnaire::builtin().clone()), paths, today)
}

fn weight(section: &str, value: f64) -> Edit {
    Edit::SectionWeight(section.into(), value)
}

fn saved(path: &Path) -> Comparison {
    Comparison::from_ron(&std::fs::read_to_string(path).expect("saved file")).expect("parses")
}

/// Waits (up to a generous bound, the machine may be busy) for `done`.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(20), "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn close_all_with_unsaved_edits_asks_and_never_drops_them_silently() {
    let (_dir, path) = meeting();
    let mut session = open(vec![path.clone()]);
    assert_eq!(session.guard(&Intent::CloseAll), Guard::Proceed);
    session.edit(weight("tech", 3.0));
    let unsaved = vec![Unsaved::Comparison {
        path: Some(path.clone()),
    }];
    assert_eq!(
        session.guard(&Intent::CloseAll),
        Guard::Ask {
            unsaved: unsaved.clone()
        }
    );
    assert_eq!(
        session.guard(&Intent::Quit),
        Guard::Ask {
            unsaved: unsaved.clone()
        }
    );
    assert_eq!(
        session.guard(&Intent::CloseFile(path.clone())),
        Guard::Ask {
            unsaved: unsaved.clone()
        }
    );
    // Closing an audit keeps the comparison's edits: nothing to ask.
    let alpha = path.with_file_name("alpha.ron");
    assert_eq!(session.guard(&Intent::CloseFile(alpha)), Guard::Proceed);
    // Going on without an answer is refused; Cancel changes nothing.
    assert!(matches!(
        session.resolve(Intent::CloseAll, Choice::Proceed),
        Err(SessionError::WouldLose { .. })
    ));
    assert_eq!(
        session
            .resolve(Intent::CloseAll, Choice::Cancel)
            .expect("cancel"),
        Outcome::Cancelled
    );
    assert!(session.is_dirty());
    assert!(session.can_undo());
    // Save, then close: the edit is in the file.
    assert_eq!(
        session
            .resolve(Intent::CloseAll, Choice::Save)
            .expect("saved and closed"),
        Outcome::Closed
    );
    assert!(session.paths().is_empty());
    assert!((saved(&path).section_weight("tech") - 3.0).abs() < 1e-9);
    // Discard drops it, as chosen.
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 5.0));
    assert_eq!(
        session
            .resolve(Intent::Quit, Choice::Discard)
            .expect("discarded"),
        Outcome::Quit
    );
    assert!(!session.is_dirty());
    assert!((saved(&path).section_weight("tech") - 3.0).abs() < 1e-9);
}

#[test]
fn opening_another_comparison_over_unsaved_edits_asks_and_replaces_it() {
    let (dir, path) = meeting();
    let other = dir.path().join("other.comparison.ron");
    std::fs::copy(&path, &other).expect("copy");
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 3.0));
    let audit = dir.path().join("alpha.ron");
    assert_eq!(
        session.guard(&Intent::Open(vec![audit])),
        Guard::Proceed,
        "adding an audit replaces nothing"
    );
    let intent = Intent::Open(vec![other.clone()]);
    assert!(matches!(session.guard(&intent), Guard::Ask { .. }));
    let Outcome::Read(paths) = session.resolve(intent, Choice::Save).expect("saved") else {
        panic!("expected files to read");
    };
    assert!(
        !paths.contains(&path) && paths.contains(&other),
        "{paths:?}"
    );
    session.read_and_install(paths);
    assert_eq!(session.comparison_path(), Some(other.as_path()));
    assert!(!session.is_dirty());
    assert!((saved(&path).section_weight("tech") - 3.0).abs() < 1e-9);
}

#[test]
fn a_missing_audit_at_save_time_keeps_its_entry_and_its_drift() {
    let (dir, path) = meeting();
    let mut session = open(vec![path.clone()]);
    session.save().expect("recorded with the audits' hashes");
    let recorded = saved(&path).audits;
    assert!(recorded.iter().all(|a| a.sha256.is_some()));
    // The audit changes after the decision: the decision was made on other evidence.
    let alpha = dir.path().join("alpha.ron");
    let text = std::fs::read_to_string(&alpha).expect("read");
    std::fs::write(&alpha, format!("{text}\n// Re-read on 2026-12-02.\n")).expect("write");
    session.read_and_install(session.reload_paths());
    let drift_before = session.workspace().drift.clone();
    assert_eq!(drift_before.len(), 1, "{drift_before:?}");
    // Moved away for a moment; reload, save; moved back; reload.
    let away = dir.path().join("alpha.ron.away");
    std::fs::rename(&alpha, &away).expect("move away");
    session.read_and_install(session.reload_paths());
    assert_eq!(session.workspace().audits.len(), 1);
    session.edit(weight("tech", 2.0));
    session.save().expect("saved while the audit is missing");
    assert_eq!(
        saved(&path).audits,
        recorded,
        "the entry stays, with the hash it was recorded with"
    );
    std::fs::rename(&away, &alpha).expect("move back");
    session.read_and_install(session.reload_paths());
    assert_eq!(session.workspace().audits.len(), 2, "the audit is back");
    assert_eq!(
        session.workspace().drift,
        drift_before,
        "and so is the warning that the decision was made on other evidence"
    );
}

#[test]
fn a_comparison_changed_on_disk_is_not_overwritten_without_a_confirmation() {
    let (_dir, path) = meeting();
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 3.0));
    let outside = std::fs::read_to_string(&path)
        .expect("read")
        .replace("\"legal\": 2.0", "\"legal\": 4.0");
    std::fs::write(&path, &outside).expect("edited in a text editor");
    assert!(session.comparison_changed_on_disk());
    assert_eq!(
        session.guard(&Intent::Save),
        Guard::Confirm(Conflict::ChangedOnDisk { path: path.clone() })
    );
    assert!(matches!(
        session.save(),
        Err(SessionError::ChangedOnDisk { .. })
    ));
    assert!(matches!(
        session.resolve(Intent::Save, Choice::Proceed),
        Err(SessionError::ChangedOnDisk { .. })
    ));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        outside,
        "the outside edit is kept"
    );
    // Save as stays possible...
    let copy = path.with_file_name("copy.comparison.ron");
    assert_eq!(session.guard(&Intent::SaveAs(copy.clone())), Guard::Proceed);
    // ...and so does reload, which applies the unsaved edit on the outside one.
    let mut reloaded = session.clone();
    reloaded.read_and_install(reloaded.reload_paths());
    assert!((reloaded.comparison().section_weight("legal") - 4.0).abs() < 1e-9);
    assert!((reloaded.comparison().section_weight("tech") - 3.0).abs() < 1e-9);
    assert_eq!(reloaded.guard(&Intent::Save), Guard::Proceed);
    // Overwriting after the confirmation.
    assert_eq!(
        session
            .resolve(Intent::Save, Choice::Overwrite)
            .expect("overwritten"),
        Outcome::Saved(path.clone())
    );
    assert!((saved(&path).section_weight("legal") - 2.0).abs() < 1e-9);
    assert!(!session.comparison_changed_on_disk());
    // A file deleted meanwhile is written again without asking (it replaces nothing).
    std::fs::remove_file(&path).expect("deleted");
    session.edit(weight("tech", 1.5));
    assert_eq!(session.guard(&Intent::Save), Guard::Proceed);
    session.save().expect("written again");
}

#[test]
fn save_as_keeps_the_comment_block_and_the_order_of_the_entries() {
    let (dir, path) = meeting();
    let text = std::fs::read_to_string(&path).expect("read").replace(
        r#"audits: [(path: "alpha.ron"), (path: "beta.ron")]"#,
        r#"audits: [(path: "beta.ron"), (path: "alpha.ron")]"#,
    );
    std::fs::write(&path, text).expect("write");
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 3.0));
    session.edit(weight("env", 0.5));
    std::fs::create_dir(dir.path().join("meetings")).expect("dir");
    for copy in [
        dir.path().join("copy.comparison.ron"),
        dir.path().join("meetings/copy.comparison.ron"),
    ] {
        session.save_as(&copy).expect("save as");
        let written = std::fs::read_to_string(&copy).expect("read");
        assert!(written.starts_with(HEADER), "{written}");
        let listed: Vec<String> = saved(&copy).audits.into_iter().map(|a| a.path).collect();
        let prefix = if copy.parent() == Some(dir.path()) {
            ""
        } else {
            "../"
        };
        assert_eq!(
            listed,
            [format!("{prefix}beta.ron"), format!("{prefix}alpha.ron")]
        );
        let legal = written.find("\"legal\"").expect("legal");
        let tech = written.find("\"tech\"").expect("tech");
        let env = written.find("\"env\"").expect("env");
        assert!(legal < tech && tech < env, "{written}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn saving_keeps_the_mode_of_a_shared_comparison() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, path) = meeting();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 3.0));
    session.save().expect("saved");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn a_weight_set_to_0_70_is_saved_as_0_7() {
    let (_dir, path) = meeting();
    let mut session = open(vec![path.clone()]);
    session.edit(weight("tech", 0.1 * 7.0));
    session.save().expect("saved");
    let text = std::fs::read_to_string(&path).expect("read");
    assert!(text.contains("\"tech\": 0.7,"), "{text}");
    assert!(!text.contains("0000"), "{text}");
}

#[test]
fn the_recovery_file_follows_the_unsaved_state_without_any_repaint() {
    let (dir, path) = meeting();
    let fallback = dir.path().join("unsaved.comparison.ron");
    let mut session = open(vec![path.clone()]);
    session
        .enable_recovery(fallback, Duration::from_millis(20))
        .expect("recovery thread");
    let recovery = crate::compare::recovery_path(&path);
    assert_eq!(session.current_recovery_path(), Some(recovery.clone()));
    session.edit(weight("tech", 3.0));
    session.edit(Edit::MustHave(QuestionId::new("org.iso27001"), true));
    // Nobody calls anything: the session's thread writes it.
    let unsaved = session.comparison().clone();
    eventually("the recovery file is written", || {
        super::RecoveryOffer::read(&recovery).is_some_and(|o| o.comparison == unsaved)
    });
    // Undo back to the saved state: the recovery file goes.
    assert!(session.undo() && session.undo());
    assert!(!session.is_dirty());
    eventually("the recovery file is removed", || !recovery.exists());
    // Edits, then a crash (the session is gone without saving).
    session.edit(weight("legal", 0.25));
    let lost = session.comparison().clone();
    session.flush_recovery();
    drop(session);
    // Opened again, and opened over other files (Open recent): the work is offered.
    let mut fresh = open(vec![path.with_file_name("beta.ron")]);
    fresh
        .enable_recovery(dir.path().join("unsaved.comparison.ron"), RECOVERY)
        .expect("recovery thread");
    assert_eq!(fresh.recovery_offer(), None, "nothing for an audit alone");
    let Outcome::Read(paths) = fresh
        .resolve(Intent::Open(vec![path.clone()]), Choice::Proceed)
        .expect("open")
    else {
        panic!("expected files to read");
    };
    fresh.read_and_install(paths);
    let offer = fresh.recovery_offer().expect("the unsaved work is offered");
    assert_eq!(offer.comparison, lost);
    fresh.restore_recovery(offer);
    assert_eq!(fresh.comparison(), &lost, "exactly the unsaved state");
    assert!(fresh.is_dirty());
    // Saved: the recovery file goes.
    fresh.save().expect("saved");
    fresh.flush_recovery();
    assert!(!recovery.exists());
    assert_eq!(fresh.recovery_offer(), None);
}

const RECOVERY: Duration = Duration::from_millis(20);
