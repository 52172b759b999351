//! The model-based test of the session: random sequences of open, edit, undo, redo, save,
//! save as, close, close all, reload, an outside edit, an outside delete and re-create, and
//! quit (answering every question each way) run through a [`Session`] in a temporary
//! folder, and after every step are checked against a small reference model:
//!
//! - no edit the user made is gone unless the user chose to discard it (the session's
//!   comparison is the model's, whose undo and redo keep whole snapshots);
//! - no file on disk was written over unless its content was the one the session loaded or
//!   wrote, or the user confirmed;
//! - the recovery file, where one exists, restores exactly the unsaved state, and there is
//!   none when nothing is unsaved.

#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]
#![allow(
    clippy::panic,
    reason = "a property that does not hold is a test failure"
)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use proptest::prelude::*;

use super::{Choice, Conflict, Guard, Intent, Outcome, RecoveryOffer, Session, SessionError};
use crate::compare::Edit;
use crate::model::{Comparison, Date, QuestionId, Questionnaire};

/// What the user (or someone else, on disk) does.
#[derive(Clone, Debug)]
enum Step {
    Edit(Edit),
    Undo,
    Redo,
    Save(Answer),
    /// Save as the first (0) or the second (1) comparison file.
    SaveAs(usize, Answer),
    /// Close the comparison file.
    Close(Answer),
    CloseAll(Answer),
    /// Open the first or the second comparison file.
    Open(usize, Answer),
    Reload,
    /// Someone sets the legal weight of the first or second file in a text editor.
    OutsideEdit(usize, u8),
    /// Someone deletes the file, or puts back what was deleted.
    OutsideDelete(usize),
    OutsideRecreate(usize),
    /// Quit, then start again on the same files.
    Quit(Answer),
}

/// How the user answers a question, if one is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Answer {
    Save,
    Discard,
    Overwrite,
    Cancel,
}

impl Answer {
    fn choice(self) -> Choice {
        match self {
            Self::Save => Choice::Save,
            Self::Discard => Choice::Discard,
            Self::Overwrite => Choice::Overwrite,
            Self::Cancel => Choice::Cancel,
        }
    }
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        Just(Answer::Save),
        Just(Answer::Discard),
        Just(Answer::Overwrite),
        Just(Answer::Cancel),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (prop_oneof![Just("tech"), Just("legal")], 0_u8..4).prop_map(|(section, w)| {
            Edit::SectionWeight(section.into(), [0.5, 1.0, 2.0, 0.1 * 7.0][usize::from(w)])
        }),
        (
            prop_oneof![Just("org.iso27001"), Just("legal.dpa")],
            any::<bool>()
        )
            .prop_map(|(id, on)| Edit::MustHave(QuestionId::new(id), on)),
        (0_u8..3).prop_map(|n| Edit::Annotate {
            provider: "Beta Hosting GmbH".to_owned(),
            question: QuestionId::new("org.iso27001"),
            flag: None,
            verdict: None,
            comment: format!("note {n}"),
            author: "ak".to_owned(),
            at: "2026-12-01T10:00:00Z".to_owned(),
        }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => edit().prop_map(Step::Edit),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        2 => answer().prop_map(Step::Save),
        1 => (0_usize..2, answer()).prop_map(|(n, a)| Step::SaveAs(n, a)),
        1 => answer().prop_map(Step::Close),
        1 => answer().prop_map(Step::CloseAll),
        1 => (0_usize..2, answer()).prop_map(|(n, a)| Step::Open(n, a)),
        1 => Just(Step::Reload),
        1 => (0_usize..2, 0_u8..3).prop_map(|(n, w)| Step::OutsideEdit(n, w)),
        1 => (0_usize..2).prop_map(Step::OutsideDelete),
        1 => (0_usize..2).prop_map(Step::OutsideRecreate),
        1 => answer().prop_map(Step::Quit),
    ]
}

/// The reference: the comparison the user has, with undo and redo as whole snapshots, and
/// what the session knows of the files.
#[derive(Clone, Debug)]
struct Model {
    current: Comparison,
    /// Each applied edit with the state before it.
    done: Vec<(Comparison, Edit)>,
    /// Each undone edit with the state after it.
    undone: Vec<(Comparison, Edit)>,
    /// How many edits were applied at the last load or save; `None` when that state was
    /// undone past and replaced.
    saved_at: Option<usize>,
    /// The state at the last load or save.
    saved_state: Comparison,
    /// The comparison's file.
    path: Option<PathBuf>,
    /// Its bytes as the session last read or wrote them (`None`: it was missing).
    known: Option<Vec<u8>>,
}

impl Model {
    fn loaded(comparison: Comparison, path: Option<PathBuf>, known: Option<Vec<u8>>) -> Self {
        Self {
            saved_state: comparison.clone(),
            current: comparison,
            done: Vec::new(),
            undone: Vec::new(),
            saved_at: Some(0),
            path,
            known,
        }
    }

    fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }

    fn apply(&mut self, edit: Edit) {
        self.undone.clear();
        if self.saved_at.is_some_and(|saved| saved > self.done.len()) {
            self.saved_at = None;
        }
        let saved_here = self.saved_at == Some(self.done.len());
        let merges = |last: &Edit| match (last, &edit) {
            (Edit::SectionWeight(x, _), Edit::SectionWeight(y, _)) => x == y,
            (Edit::QuestionWeight(x, _), Edit::QuestionWeight(y, _)) => x == y,
            _ => false,
        };
        let next = crate::compare::apply(self.current.clone(), edit.clone());
        match self.done.last_mut() {
            Some((_, last)) if !saved_here && merges(last) => *last = edit,
            _ => self.done.push((self.current.clone(), edit)),
        }
        self.current = next;
    }

    fn undo(&mut self) {
        if let Some((before, edit)) = self.done.pop() {
            let after = std::mem::replace(&mut self.current, before);
            self.undone.push((after, edit));
        }
    }

    fn redo(&mut self) {
        if let Some((after, edit)) = self.undone.pop() {
            let before = std::mem::replace(&mut self.current, after);
            self.done.push((before, edit));
        }
    }

    /// The file changed on disk and was read again: the unsaved edits on its content.
    fn rebase(&mut self, base: Comparison) {
        let from = self.saved_at.unwrap_or(0).min(self.done.len());
        let unsaved: Vec<Edit> = self.done[from..].iter().map(|(_, e)| e.clone()).collect();
        let (path, known) = (self.path.take(), self.known.take());
        *self = Self::loaded(base, path, known);
        for edit in unsaved {
            self.apply(edit);
        }
    }

    fn saved(&mut self, path: PathBuf, bytes: Vec<u8>) {
        self.saved_at = Some(self.done.len());
        self.saved_state = self.current.clone();
        self.path = Some(path);
        self.known = Some(bytes);
    }

    /// The state at the last save, for a discard.
    fn discarded(&mut self) {
        let saved = self.saved_state.clone();
        *self = Self::loaded(saved, self.path.take(), self.known.take());
    }
}

/// The folder of one run: the two audits and two comparison files.
struct World {
    _dir: tempfile::TempDir,
    files: [PathBuf; 2],
    fallback: PathBuf,
    /// What an outside delete took away, per file, to put back.
    deleted: [Option<Vec<u8>>; 2],
}

fn today() -> Date {
    Date::parse("2026-12-01").expect("date")
}

fn questionnaire() -> Arc<Questionnaire> {
    Arc::new(Questionnaire::builtin().clone())
}

impl World {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        for name in ["alpha.ron", "beta.ron"] {
            std::fs::copy(fixtures.join(name), dir.path().join(name)).expect("copy");
        }
        let text = std::fs::read_to_string(fixtures.join("comparison.ron")).expect("fixture");
        let files = [
            dir.path().join("first.comparison.ron"),
            dir.path().join("second.comparison.ron"),
        ];
        std::fs::write(&files[0], format!("// The first meeting.\n{text}")).expect("write");
        std::fs::write(&files[1], format!("// The second meeting.\n{text}")).expect("write");
        let fallback = dir.path().join("unsaved.comparison.ron");
        Self {
            _dir: dir,
            files,
            fallback,
            deleted: [None, None],
        }
    }

    fn bytes(&self) -> [Option<Vec<u8>>; 2] {
        [
            std::fs::read(&self.files[0]).ok(),
            std::fs::read(&self.files[1]).ok(),
        ]
    }

    /// A session on `path` (recovery on), and the model of what it loaded.
    fn start(&self, path: &Path) -> (Session, Model) {
        let mut session = Session::open(questionnaire(), vec![path.to_path_buf()], today());
        session
            .enable_recovery(self.fallback.clone(), Duration::from_millis(1))
            .expect("recovery thread");
        let model = self.model_of(&session);
        (session, model)
    }

    fn model_of(&self, session: &Session) -> Model {
        let path = session.comparison_path().map(Path::to_path_buf);
        let known = path.as_deref().and_then(|p| std::fs::read(p).ok());
        Model::loaded(session.comparison().clone(), path, known)
    }
}

/// True when the file at `path` is not what the session knows of it: written over, it would
/// lose someone else's edit.
fn changed_outside(model: &Model, path: &Path) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => model.path.as_deref() != Some(path) || model.known.as_ref() != Some(&bytes),
        Err(_) => false,
    }
}

/// Runs `steps`, checking after each.
fn run(steps: &[Step]) {
    let mut world = World::new();
    let (mut session, mut model) = world.start(&world.files[0].clone());
    for (number, step) in steps.iter().enumerate() {
        let before = world.bytes();
        // The files the step may write: (path, because the user confirmed overwriting).
        let mut may_write: Vec<PathBuf> = Vec::new();
        let mut restart: Option<PathBuf> = None;
        match step {
            Step::Edit(edit) => {
                session.edit(edit.clone());
                model.apply(edit.clone());
            }
            Step::Undo => {
                session.undo();
                model.undo();
            }
            Step::Redo => {
                session.redo();
                model.redo();
            }
            Step::Save(answer) => save(&mut session, &mut model, None, *answer, &mut may_write),
            Step::SaveAs(n, answer) => {
                let target = world.files[*n].clone();
                save(
                    &mut session,
                    &mut model,
                    Some(target),
                    *answer,
                    &mut may_write,
                );
            }
            Step::Close(answer) => {
                if let Some(path) = model.path.clone() {
                    let intent = Intent::CloseFile(path);
                    if let Some(Outcome::Read(paths)) =
                        close(&mut session, &mut model, &intent, *answer, &mut may_write)
                    {
                        session.read_and_install(paths);
                        model = Model::loaded(Comparison::default(), None, None);
                    }
                }
            }
            Step::CloseAll(answer) => {
                if let Some(outcome) = close(
                    &mut session,
                    &mut model,
                    &Intent::CloseAll,
                    *answer,
                    &mut may_write,
                ) {
                    assert_eq!(outcome, Outcome::Closed);
                    model = Model::loaded(Comparison::default(), None, None);
                }
            }
            Step::Open(n, answer) => {
                let target = world.files[*n].clone();
                let intent = Intent::Open(vec![target.clone()]);
                let replaces = model.path.as_deref() != Some(target.as_path()) && target.exists();
                if let Some(Outcome::Read(paths)) =
                    close(&mut session, &mut model, &intent, *answer, &mut may_write)
                {
                    session.read_and_install(paths);
                    if replaces {
                        model = world.model_of(&session);
                    } else {
                        reloaded(&mut model, &session);
                    }
                }
            }
            Step::Reload => {
                assert_eq!(session.guard(&Intent::Reload), Guard::Proceed);
                let Outcome::Read(paths) = session
                    .resolve(Intent::Reload, Choice::Proceed)
                    .expect("reload")
                else {
                    panic!("a reload reads files");
                };
                session.read_and_install(paths);
                reloaded(&mut model, &session);
            }
            Step::OutsideEdit(n, weight) => {
                let path = &world.files[*n];
                if let Ok(text) = std::fs::read_to_string(path) {
                    let mut comparison = Comparison::from_ron(&text).expect("parses");
                    comparison
                        .section_weights
                        .insert("legal".into(), [3.0, 4.0, 5.0][usize::from(*weight)]);
                    let text = comparison.to_ron().expect("ron");
                    std::fs::write(path, format!("// Edited outside, step {number}.\n{text}"))
                        .expect("outside edit");
                }
            }
            Step::OutsideDelete(n) => {
                if let Ok(bytes) = std::fs::read(&world.files[*n]) {
                    std::fs::remove_file(&world.files[*n]).expect("delete");
                    world.deleted[*n] = Some(bytes);
                }
            }
            Step::OutsideRecreate(n) => {
                if let Some(bytes) = world.deleted[*n].take()
                    && !world.files[*n].exists()
                {
                    std::fs::write(&world.files[*n], bytes).expect("re-create");
                }
            }
            Step::Quit(answer) => {
                if close(
                    &mut session,
                    &mut model,
                    &Intent::Quit,
                    *answer,
                    &mut may_write,
                )
                .is_some()
                {
                    restart = Some(model.path.clone().unwrap_or_else(|| world.files[0].clone()));
                }
            }
        }
        let outside = matches!(
            step,
            Step::OutsideEdit(..) | Step::OutsideDelete(_) | Step::OutsideRecreate(_)
        );
        // No file written over unless the session knew it as it was or the user confirmed.
        if !outside {
            for (n, old) in before.iter().enumerate() {
                let now = std::fs::read(&world.files[n]).ok();
                if now != *old && old.is_some() {
                    assert!(
                        may_write.contains(&world.files[n]),
                        "step {number} {step:?} wrote over {} unasked",
                        world.files[n].display()
                    );
                }
            }
        }
        // No edit lost: the session holds what the user has.
        assert_eq!(
            session.comparison(),
            &model.current,
            "step {number} {step:?}: the comparison is not what the user made"
        );
        assert_eq!(
            session.is_dirty(),
            model.is_dirty(),
            "step {number} {step:?}"
        );
        // The recovery file restores exactly the unsaved state, and is gone when saved.
        session.flush_recovery();
        let recovery = session.current_recovery_path().expect("recovery is on");
        if session.is_dirty() {
            let offer = RecoveryOffer::read(&recovery).expect("a recovery file while unsaved");
            assert_eq!(
                &offer.comparison,
                session.comparison(),
                "step {number} {step:?}"
            );
        } else {
            assert!(
                !recovery.exists(),
                "step {number} {step:?}: a stale recovery file at the saved state"
            );
        }
        if let Some(path) = restart {
            session.flush_recovery();
            drop(session);
            let started = world.start(&path);
            session = started.0;
            model = started.1;
            assert_eq!(
                session.recovery_offer(),
                None,
                "step {number}: nothing unsaved was left behind, nothing is offered"
            );
        }
    }
}

/// Save (`target` `None`) or Save as, answering the question if one is asked.
fn save(
    session: &mut Session,
    model: &mut Model,
    target: Option<PathBuf>,
    answer: Answer,
    may_write: &mut Vec<PathBuf>,
) {
    let path = target.clone().or_else(|| model.path.clone());
    let intent = target.map_or(Intent::Save, Intent::SaveAs);
    let Some(path) = path else {
        assert!(matches!(
            session.resolve(intent, Choice::Proceed),
            Err(SessionError::NoPath)
        ));
        return;
    };
    let guard = session.guard(&intent);
    let conflict = changed_outside(model, &path);
    if conflict {
        let expected = if model.path.as_deref() == Some(path.as_path()) {
            Conflict::ChangedOnDisk { path: path.clone() }
        } else {
            Conflict::Exists { path: path.clone() }
        };
        assert_eq!(guard, Guard::Confirm(expected));
        // Without the confirmation nothing is written.
        assert!(session.resolve(intent.clone(), Choice::Proceed).is_err());
    } else {
        assert_eq!(guard, Guard::Proceed);
    }
    let choice = if conflict {
        answer.choice()
    } else {
        Choice::Proceed
    };
    if choice == Choice::Overwrite || !conflict {
        may_write.push(path.clone());
    }
    match session.resolve(intent, choice) {
        Ok(Outcome::Saved(written)) => {
            assert_eq!(written, path);
            model.saved(path.clone(), std::fs::read(&path).expect("written"));
        }
        Ok(Outcome::Cancelled) => assert_eq!(choice, Choice::Cancel),
        Ok(other) => panic!("a save ends in {other:?}"),
        Err(err) => assert!(
            conflict && choice != Choice::Overwrite,
            "save refused without a reason: {err}"
        ),
    }
}

/// A closing intent answered with `answer` when asked; `Some(outcome)` when it went ahead.
fn close(
    session: &mut Session,
    model: &mut Model,
    intent: &Intent,
    answer: Answer,
    may_write: &mut Vec<PathBuf>,
) -> Option<Outcome> {
    let guard = session.guard(intent);
    let would_lose = model.is_dirty()
        && match intent {
            Intent::CloseFile(_) | Intent::CloseAll | Intent::Quit => true,
            Intent::Open(paths) => paths
                .iter()
                .any(|p| model.path.as_ref() != Some(p) && p.exists()),
            _ => false,
        };
    assert_eq!(
        matches!(guard, Guard::Ask { .. }),
        would_lose,
        "{intent:?}: {guard:?}"
    );
    if !would_lose {
        return Some(
            session
                .resolve(intent.clone(), Choice::Proceed)
                .expect("nothing to ask"),
        );
    }
    // Going on without an answer is refused.
    assert!(matches!(
        session.resolve(intent.clone(), Choice::Proceed),
        Err(SessionError::WouldLose { .. })
    ));
    let saves = matches!(answer, Answer::Save | Answer::Overwrite);
    if let (true, Some(path)) = (saves, &model.path)
        && (answer == Answer::Overwrite || !changed_outside(model, path))
    {
        may_write.push(path.clone());
    }
    match session.resolve(intent.clone(), answer.choice()) {
        Ok(Outcome::Cancelled) => {
            assert_eq!(answer, Answer::Cancel);
            None
        }
        Ok(outcome) => {
            match answer {
                Answer::Discard => model.discarded(),
                _ => {
                    let path = model.path.clone().expect("saved to its file");
                    let bytes = std::fs::read(&path).expect("written");
                    model.saved(path, bytes);
                }
            }
            Some(outcome)
        }
        Err(SessionError::NoPath) => {
            assert!(saves && model.path.is_none());
            None
        }
        Err(SessionError::ChangedOnDisk { .. }) => {
            let path = model.path.as_deref().expect("a file");
            assert!(answer == Answer::Save && changed_outside(model, path));
            None
        }
        Err(err) => panic!("{intent:?} {answer:?}: {err}"),
    }
}

/// The session read its files again: unsaved edits on the file's new content, if it
/// changed. A comparison file that was listed among the open files while missing, and is
/// back, is read now: the model takes it (with the unsaved edits on it).
fn reloaded(model: &mut Model, session: &Session) {
    if model.path.is_none()
        && let Some(path) = session.comparison_path()
    {
        model.path = Some(path.to_path_buf());
        model.known = None;
    }
    let Some(path) = model.path.clone() else {
        return;
    };
    let Ok(bytes) = std::fs::read(&path) else {
        return;
    };
    if model.known.as_ref() != Some(&bytes) {
        let text = String::from_utf8(bytes.clone()).expect("utf-8");
        let base = Comparison::from_ron(&text).expect("parses");
        model.known = Some(bytes);
        model.rebase(base);
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 32,
        failure_persistence: None,
        .. ProptestConfig::default()
    })]

    #[test]
    fn no_work_is_lost_or_overwritten_unasked(steps in proptest::collection::vec(step(), 1..40)) {
        run(&steps);
    }
}
