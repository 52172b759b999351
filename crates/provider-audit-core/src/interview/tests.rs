#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use super::{AuditEdit, AuditEditor, is_answered, next_where, progress, questions};
use crate::audit_file::AuditSaveError;
use crate::fsutil::sha256_hex;
use crate::model::{Audit, Date, QuestionId, Questionnaire, Verdict};
use crate::template::blank_audit;
use crate::undo::History;

fn id(text: &str) -> QuestionId {
    QuestionId::new(text)
}

#[test]
fn typing_one_answer_is_one_undo_step_and_a_verdict_another() {
    let mut history = History::new(Audit::default());
    for text in ["T", "Th", "Three", "Three sites"] {
        history.apply(AuditEdit::Answer(id("tech.az.locations"), text.to_owned()));
    }
    history.apply(AuditEdit::Verdict(
        id("tech.az.locations"),
        Some(Verdict::Meets),
    ));
    let answer = history
        .current()
        .answer("tech.az.locations")
        .expect("answered")
        .clone();
    assert_eq!(
        (answer.answer.as_str(), answer.verdict),
        ("Three sites", Some(Verdict::Meets))
    );
    assert!(history.undo());
    assert_eq!(
        history
            .current()
            .answer("tech.az.locations")
            .expect("kept")
            .verdict,
        None
    );
    assert!(history.undo());
    assert_eq!(
        history.current().answer("tech.az.locations"),
        None,
        "the whole typed answer is one step"
    );
    assert!(history.redo() && history.redo());
    assert_eq!(history.current().answer("tech.az.locations"), Some(&answer));
}

#[test]
fn evidence_is_added_once_and_removed() {
    let audit = Audit::default().apply_all([
        AuditEdit::AddEvidence(id("a.b"), "evidence/x.pdf".to_owned()),
        AuditEdit::AddEvidence(id("a.b"), "evidence/x.pdf".to_owned()),
    ]);
    assert_eq!(
        audit.answer("a.b").expect("entry").evidence,
        ["evidence/x.pdf"]
    );
    let audit = audit.apply_all([AuditEdit::RemoveEvidence(
        id("a.b"),
        "evidence/x.pdf".to_owned(),
    )]);
    assert!(audit.answer("a.b").expect("entry").evidence.is_empty());
}

#[test]
fn checklist_documents_are_added_with_their_hash_once_and_removed() {
    let document = crate::model::EvidenceDocument {
        item: id("evidence.certificates"),
        file: "evidence/iso.pdf".to_owned(),
        sha256: Some("ab".repeat(32)),
        expires: None,
    };
    let audit = Audit::default().apply_all([
        AuditEdit::AddDocument(document.clone()),
        AuditEdit::AddDocument(document.clone()),
    ]);
    assert_eq!(audit.documents, [document]);
    assert!(audit.answers.is_empty(), "no answer entry for a document");
    let audit = audit.apply_all([AuditEdit::RemoveDocument(
        id("evidence.certificates"),
        "evidence/iso.pdf".to_owned(),
    )]);
    assert!(audit.documents.is_empty());
}

trait ApplyAll {
    fn apply_all<const N: usize>(self, edits: [AuditEdit; N]) -> Self;
}

impl ApplyAll for Audit {
    fn apply_all<const N: usize>(self, edits: [AuditEdit; N]) -> Self {
        edits.into_iter().fold(self, crate::undo::Editable::apply)
    }
}

#[test]
fn conditional_follow_ups_apply_once_their_parent_is_answered() {
    let q = Questionnaire::builtin();
    let parent = q.position("tech.iaas.anti-affinity").expect("parent");
    let if_yes = q
        .position("tech.iaas.anti-affinity.max-group-size")
        .expect("follow-up");
    let audit = Audit::default();
    let before = questions(q, &audit);
    assert!(before.contains(&parent) && !before.contains(&if_yes));
    let audit = audit.apply_all([AuditEdit::Answer(
        id("tech.iaas.anti-affinity"),
        "Yes, soft and hard".to_owned(),
    )]);
    assert!(questions(q, &audit).contains(&if_yes));
}

#[test]
fn next_unanswered_and_progress_follow_the_answers() {
    let q = Questionnaire::builtin();
    let audit = Audit::default().apply_all([
        AuditEdit::Answer(id("tech.az.locations"), "Three sites".to_owned()),
        AuditEdit::Verdict(id("tech.az.locations"), Some(Verdict::Meets)),
        AuditEdit::Answer(id("tech.az.api-presentation"), "One API".to_owned()),
    ]);
    let order = questions(q, &audit);
    let first = order[0];
    assert_eq!(q.items[first].id.as_str(), "tech.az.locations");
    let next = next_where(&order, first, |i| !is_answered(q, &audit, i)).expect("one left");
    assert_eq!(q.items[next].id.as_str(), "tech.services.offered");
    let tech = progress(q, &audit)[q.section_position("tech").expect("tech")];
    assert_eq!((tech.answered, tech.judged), (2, 1));
    assert!(tech.questions > 50);
}

#[test]
fn the_editor_saves_reads_back_and_never_writes_over_an_outside_edit() {
    let q = Questionnaire::builtin();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.ron");
    let text = blank_audit(q, "Example AB", Date::parse("2026-12-03").expect("date"));
    std::fs::write(&path, &text).expect("write");
    let audit = Audit::from_ron(&text).expect("parses");
    let mut editor = AuditEditor::new(path.clone(), audit, Some(sha256_hex(text.as_bytes())));
    editor.edit(AuditEdit::Answer(
        id("org.iso27001"),
        "Certified since 2019".to_owned(),
    ));
    editor.edit(AuditEdit::Verdict(id("org.iso27001"), Some(Verdict::Meets)));
    assert!(editor.is_dirty());
    editor.save(q).expect("saved");
    assert!(!editor.is_dirty());
    let back = Audit::from_ron(&std::fs::read_to_string(&path).expect("read")).expect("parses");
    assert_eq!(&back, editor.audit());
    std::fs::write(&path, "// edited elsewhere\n").expect("outside edit");
    editor.edit(AuditEdit::Note(id("org.iso27001"), "scope?".to_owned()));
    let err = editor.save(q).expect_err("changed on disk");
    assert!(matches!(err, AuditSaveError::ChangedOnDisk { .. }));
    assert!(
        editor.is_dirty(),
        "the edit is still there to save elsewhere"
    );
    let elsewhere = dir.path().join("example-2.ron");
    editor
        .save_to_new(q, &elsewhere)
        .expect("saved as another file");
    assert_eq!(editor.path(), elsewhere);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "// edited elsewhere\n",
        "the outside edit is kept"
    );
}
