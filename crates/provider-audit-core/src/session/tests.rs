#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Loaded, Session, SessionError};
use crate::compare::Edit;
use crate::model::{Comparison, Date, Decision, Flag, QuestionId, Questionnaire, Verdict};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// A folder with the two fixture audits and the fixture comparison.
fn meeting() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["alpha.ron", "beta.ron", "comparison.ron"] {
        std::fs::copy(fixtures().join(name), dir.path().join(name)).expect("copy fixture");
    }
    let comparison = dir.path().join("comparison.ron");
    (dir, comparison)
}

fn today() -> Date {
    Date::parse("2026-12-01").expect("date")
}

fn open(paths: Vec<PathBuf>) -> Session {
    Session::open(Arc::new(Questionnaire::builtin().clone()), paths, today())
}

fn reload(session: &mut Session) {
    let loaded = Loaded::read(session.questionnaire(), session.reload_paths(), today());
    session.install(loaded);
}

fn decide(provider: &str) -> Edit {
    Edit::Decide(Decision {
        provider: provider.to_owned(),
        rationale: "Lowest risk".to_owned(),
        decided_by: "Platform board".to_owned(),
        decided_on: "2026-12-01".to_owned(),
        ..Decision::default()
    })
}

fn follow_up() -> Edit {
    Edit::Annotate {
        provider: "Beta Hosting GmbH".to_owned(),
        question: QuestionId::new("org.iso27001"),
        flag: Some(Flag::FollowUp),
        verdict: None,
        comment: "Ask for the certificate".to_owned(),
        author: "ak".to_owned(),
        at: "2026-12-01T10:00:00Z".to_owned(),
    }
}

fn saved(path: &Path) -> Comparison {
    Comparison::from_ron(&std::fs::read_to_string(path).expect("saved file")).expect("parses")
}

#[test]
fn save_as_then_reload_keeps_the_new_file_and_its_edits() {
    let (dir, original) = meeting();
    let mut session = open(vec![original.clone()]);
    assert_eq!(session.workspace().audits.len(), 2);
    let copy = dir.path().join("meeting2.comparison.ron");
    session.save_as(&copy).expect("save as");
    assert_eq!(session.comparison_path(), Some(copy.as_path()));
    session.edit(decide("Beta Hosting GmbH"));
    session.edit(follow_up());
    assert!(session.is_dirty());
    assert_eq!(session.save().expect("save"), copy);
    reload(&mut session);
    assert_eq!(session.comparison_path(), Some(copy.as_path()));
    assert!(
        !session.is_dirty(),
        "reloading what was saved leaves nothing unsaved"
    );
    session.save().expect("save again");
    let written = saved(&copy);
    assert_eq!(
        written.decision.as_ref().map(|d| d.provider.as_str()),
        Some("Beta Hosting GmbH")
    );
    assert!(
        written
            .annotation("Beta Hosting GmbH", "org.iso27001")
            .is_some_and(|a| a.flag == Some(Flag::FollowUp))
    );
    let untouched = saved(&original);
    assert_eq!(
        untouched.decision.as_ref().map(|d| d.provider.as_str()),
        Some("Alpha Cloud AB"),
        "the file the comparison was first loaded from is not written by Save after Save as"
    );
}

#[test]
fn reload_with_unsaved_edits_keeps_them() {
    let (_dir, original) = meeting();
    let mut session = open(vec![original]);
    session.edit(Edit::SectionWeight("tech".into(), 3.0));
    reload(&mut session);
    assert!(session.is_dirty());
    assert!((session.comparison().section_weight("tech") - 3.0).abs() < f64::EPSILON);
    assert!((session.workspace().comparison().section_weight("tech") - 3.0).abs() < f64::EPSILON);
}

#[test]
fn reload_after_the_file_changed_on_disk_applies_the_unsaved_edits_on_it() {
    let (_dir, original) = meeting();
    let mut session = open(vec![original.clone()]);
    session.edit(Edit::SectionWeight("tech".into(), 3.0));
    // Someone else adds a must-have to the file meanwhile.
    let mut other = saved(&original);
    other.must_have.push(QuestionId::new("org.iso27001"));
    std::fs::write(&original, other.to_ron().expect("ron")).expect("write");
    reload(&mut session);
    let comparison = session.comparison();
    assert!(
        comparison.is_must_have("org.iso27001"),
        "the file's change is in"
    );
    assert!((comparison.section_weight("tech") - 3.0).abs() < f64::EPSILON);
    assert!(session.is_dirty(), "the re-applied edit is still unsaved");
    assert!(session.undo());
    assert!((session.comparison().section_weight("tech") - 1.0).abs() < f64::EPSILON);
    assert!(session.comparison().is_must_have("org.iso27001"));
}

#[test]
fn every_kind_of_edit_is_undone_and_redone() {
    let (_dir, original) = meeting();
    let mut session = open(vec![original]);
    let before = session.comparison().clone();
    let edits = [
        Edit::SectionWeight("tech".into(), 2.5),
        Edit::QuestionWeight(QuestionId::new("org.iso27001"), 4.0),
        Edit::MustHave(QuestionId::new("org.iso27001"), true),
        follow_up(),
        Edit::Annotate {
            provider: "Alpha Cloud AB".to_owned(),
            question: QuestionId::new("org.iso27001"),
            flag: None,
            verdict: Some(Verdict::Gap),
            comment: String::new(),
            author: "ak".to_owned(),
            at: "2026-12-01T10:00:00Z".to_owned(),
        },
        Edit::RemoveAnnotation {
            provider: "Beta Hosting GmbH".to_owned(),
            question: QuestionId::new("tech.az.locations"),
        },
        decide("Beta Hosting GmbH"),
        Edit::Undecide,
        Edit::Replace(Box::default()),
    ];
    let mut states = vec![before.clone()];
    for edit in edits {
        session.edit(edit);
        assert_ne!(
            session.comparison(),
            states.last().expect("a state"),
            "each edit changes something"
        );
        states.push(session.comparison().clone());
    }
    for state in states.iter().rev().skip(1) {
        assert!(session.undo());
        assert_eq!(session.comparison(), state);
        assert_eq!(
            session.workspace().comparison(),
            state,
            "the workspace follows"
        );
    }
    assert!(!session.undo(), "nothing left to undo");
    assert!(!session.is_dirty(), "back at the state loaded");
    for state in states.iter().skip(1) {
        assert!(session.redo());
        assert_eq!(session.comparison(), state);
    }
    assert!(!session.redo());
    assert!(session.is_dirty());
}

#[test]
fn an_edit_after_undo_drops_the_redo_and_dirty_follows_the_saved_point() {
    let (_dir, original) = meeting();
    let mut session = open(vec![original]);
    session.edit(Edit::SectionWeight("tech".into(), 2.0));
    session.save().expect("save");
    assert!(!session.is_dirty());
    session.undo();
    assert!(session.is_dirty(), "undoing past the save is a change");
    session.redo();
    assert!(!session.is_dirty(), "redoing to the saved point is not");
    session.undo();
    session.edit(Edit::SectionWeight("legal".into(), 0.5));
    assert!(!session.can_redo());
    assert!(session.is_dirty());
}

#[test]
fn save_without_a_file_asks_for_one_and_save_as_lists_the_audits() {
    let (dir, _) = meeting();
    let mut session = open(vec![
        dir.path().join("alpha.ron"),
        dir.path().join("beta.ron"),
    ]);
    session.edit(Edit::MustHave(QuestionId::new("org.iso27001"), true));
    assert!(matches!(session.save(), Err(SessionError::NoPath)));
    let path = dir.path().join("new.comparison.ron");
    session.save_as(&path).expect("save as");
    let written = saved(&path);
    let listed: Vec<&str> = written.audits.iter().map(|a| a.path.as_str()).collect();
    assert_eq!(listed, ["alpha.ron", "beta.ron"]);
    assert!(written.audits.iter().all(|a| a.sha256.is_some()));
    assert!(
        session.paths().contains(&path),
        "a reload reads the new file"
    );
    reload(&mut session);
    assert!(session.comparison().is_must_have("org.iso27001"));
    assert!(!session.is_dirty());
}

#[test]
fn a_failed_save_changes_nothing() {
    let (dir, original) = meeting();
    let mut session = open(vec![original.clone()]);
    session.edit(Edit::SectionWeight("tech".into(), 2.0));
    let nowhere = dir.path().join("missing-folder/x.comparison.ron");
    assert!(session.save_as(&nowhere).is_err());
    assert!(session.is_dirty());
    assert_eq!(session.comparison_path(), Some(original.as_path()));
}

#[test]
fn dragging_a_weight_is_one_undo_step() {
    let (_dir, original) = meeting();
    let mut session = open(vec![original]);
    for step in 1..=20 {
        session.edit(Edit::SectionWeight(
            "tech".into(),
            1.0 + f64::from(step) / 10.0,
        ));
    }
    assert!((session.comparison().section_weight("tech") - 3.0).abs() < 1e-9);
    assert!(session.undo());
    assert!((session.comparison().section_weight("tech") - 1.0).abs() < 1e-9);
    assert!(!session.undo(), "the drag was one step");
}

#[test]
fn saving_keeps_the_order_of_the_audits_the_file_lists() {
    let (dir, original) = meeting();
    let text = std::fs::read_to_string(&original).expect("read").replace(
        r#"audits: [(path: "alpha.ron"), (path: "beta.ron")]"#,
        r#"audits: [(path: "beta.ron"), (path: "alpha.ron")]"#,
    );
    std::fs::write(&original, text).expect("write");
    // Opened as a shell glob gives them: alphabetical, the comparison among them.
    let mut session = open(vec![
        dir.path().join("alpha.ron"),
        dir.path().join("beta.ron"),
        original.clone(),
    ]);
    session.edit(Edit::SectionWeight("tech".into(), 2.0));
    session.save().expect("save");
    let listed: Vec<String> = saved(&original)
        .audits
        .into_iter()
        .map(|a| a.path)
        .collect();
    assert_eq!(listed, ["beta.ron", "alpha.ron"]);
}

#[test]
fn the_audit_being_edited_moves_the_ranking_and_saves_to_its_file() {
    use crate::interview::AuditEdit;
    let (dir, original) = meeting();
    let mut session = open(vec![original]);
    let score = |session: &Session, provider: &str| {
        session
            .view()
            .providers
            .iter()
            .find(|p| p.name == provider)
            .map(|p| p.score)
            .expect("ranked")
    };
    let before = score(&session, "Beta Hosting GmbH");
    assert!(session.start_editing("Beta Hosting GmbH"));
    for id in [
        "tech.iam.offered",
        "tech.iam.roles-api",
        "tech.iam.rbac-services",
    ] {
        session.edit_audit(AuditEdit::Answer(QuestionId::new(id), "Yes".to_owned()));
        session.edit_audit(AuditEdit::Verdict(
            QuestionId::new(id),
            Some(Verdict::Meets),
        ));
    }
    let after = score(&session, "Beta Hosting GmbH");
    assert!(after > before, "{before} → {after}");
    assert!(session.audit_is_dirty());
    session.save_audit().expect("saved");
    assert!(!session.audit_is_dirty());
    let written = std::fs::read_to_string(dir.path().join("beta.ron")).expect("read");
    let audit = crate::model::Audit::from_ron(&written).expect("parses");
    assert_eq!(
        audit.answer("tech.iam.roles-api").and_then(|a| a.verdict),
        Some(Verdict::Meets)
    );
    // A reload keeps showing the saved answers.
    reload(&mut session);
    assert!((score(&session, "Beta Hosting GmbH") - after).abs() < 1e-9);
    assert!(
        session.undo_audit(),
        "edits can still be undone after saving"
    );
    assert!(session.audit_is_dirty());
}
