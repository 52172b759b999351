#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use super::{AuditEdit, AuditEditor, is_answered, next_where, progress, questions};
use crate::audit_file::AuditSaveError;
use crate::fsutil::sha256_hex;
use crate::model::{Audit, Date, QuestionId, Questionnaire, Verdict};
use crate::session::History;
use crate::template::blank_audit;

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
        edits
            .into_iter()
            .fold(self, crate::session::Editable::apply)
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

/// A made-up CAIQ imported: its questionnaire and audit.
fn caiq_audit() -> (crate::model::Questionnaire, Audit) {
    use crate::caiq::sample::{SampleRow, SampleWorkbook};
    let row = |id: &str, answer: &str, ownership: &str, description: &str| SampleRow {
        id: id.to_owned(),
        question: format!("Made-up {id}?"),
        answer: answer.to_owned(),
        ownership: ownership.to_owned(),
        description: description.to_owned(),
        control_id: id.rsplit_once('.').map_or("", |(c, _)| c).to_owned(),
        control_title: "Made-up control".to_owned(),
        domain: "Made-up domain".to_owned(),
        ..SampleRow::default()
    };
    let rows = vec![
        row("KCU-01.1", "Yes", "CSP-owned", "kept"),
        row("KCU-01.2", "Yes", "CSP-owned", ""),
        row("KCU-01.3", "NA", "CSP-owned", "n/a"),
        row("KCU-01.4", "No", "CSP-owned", "not yet"),
        row("KCU-01.5", "Yes", "Shared CSP and CSC", "shared"),
        row("KCU-01.6", "", "", ""),
        row("KCU-01.7", "Sometimes", "CSP-owned", "text"),
    ];
    let bytes = SampleWorkbook::new("4.0.3", rows)
        .to_bytes()
        .expect("written");
    let caiq = crate::caiq::read_bytes(bytes, "made-up.xlsx").expect("read");
    let imported = crate::caiq::import(
        &caiq,
        std::path::Path::new("made-up.xlsx"),
        "Made-up Cloud",
        crate::model::Date::parse("2026-12-06").expect("date"),
    )
    .expect("imported");
    (imported.questionnaire, imported.audit)
}

#[test]
fn accepting_the_self_assessment_judges_the_rest_in_one_undo_step() {
    use crate::model::Provenance;
    let (q, audit) = caiq_audit();
    let mut editor = AuditEditor::new(std::path::PathBuf::from("made-up.ron"), audit, None);
    editor.edit(AuditEdit::Verdict(id("kcu-01.4"), Some(Verdict::Partial)));
    assert_eq!(super::self_assessable(editor.audit()), 4);
    editor.edit(AuditEdit::AcceptSelfAssessment);
    let judged = |editor: &AuditEditor, key: &str| {
        editor
            .audit()
            .answer(key)
            .map(|a| (a.verdict, a.provenance))
    };
    assert_eq!(
        judged(&editor, "kcu-01.1"),
        Some((Some(Verdict::Meets), Provenance::SelfAssessed))
    );
    assert_eq!(
        judged(&editor, "kcu-01.3"),
        Some((Some(Verdict::NotApplicable), Provenance::SelfAssessed))
    );
    assert_eq!(
        judged(&editor, "kcu-01.4"),
        Some((Some(Verdict::Partial), Provenance::Stated)),
        "a verdict already given stays"
    );
    assert_eq!(
        judged(&editor, "kcu-01.6").and_then(|(v, _)| v),
        None,
        "a blank stays unjudged"
    );
    assert_eq!(
        judged(&editor, "kcu-01.7").map(|(v, _)| v),
        Some(None),
        "another text stays unjudged"
    );
    assert_eq!(super::self_assessable(editor.audit()), 0);
    // One verdict overridden afterwards, then everything undone in two steps.
    editor.edit(AuditEdit::Verdict(id("kcu-01.5"), Some(Verdict::Partial)));
    assert!(editor.undo());
    assert!(editor.undo());
    assert_eq!(
        judged(&editor, "kcu-01.1"),
        Some((None, Provenance::Stated))
    );
    assert_eq!(
        judged(&editor, "kcu-01.4"),
        Some((Some(Verdict::Partial), Provenance::Stated))
    );
    // The self-assessed provenance is written and read back.
    editor.edit(AuditEdit::AcceptSelfAssessment);
    let text = crate::template::audit_text(&q, editor.audit(), "");
    assert!(
        text.contains("verdict: Meets, provenance: SelfAssessed"),
        "{text}"
    );
    let mut back = Audit::from_ron(&text).expect("parses");
    // The file lists every question; the blank ones were not in the audit.
    back.answers
        .0
        .retain(|(_, a)| *a != crate::model::Answer::default());
    assert_eq!(&back, editor.audit());
}

#[test]
fn the_reading_order_puts_no_na_blank_shared_and_undescribed_answers_first() {
    let (q, audit) = caiq_audit();
    let order: Vec<&str> = super::reading_order(&q, &audit)
        .into_iter()
        .map(|index| q.items[index].id.as_str())
        .collect();
    assert_eq!(
        order,
        [
            "kcu-01.4", "kcu-01.3", "kcu-01.6", "kcu-01.7", "kcu-01.5", "kcu-01.2", "kcu-01.1"
        ]
    );
    let reasons = super::read_first(audit.answer("kcu-01.6"));
    assert_eq!(
        reasons,
        [super::ReadFirst::NoClaim, super::ReadFirst::NoDescription]
    );
}
