//! The merge rules on small comparisons and audits.

use super::{
    Resolution, merge_audits, merge_comparisons, merge_texts, resolve_audit, resolve_comparison,
};
use crate::compare::{Edit, apply};
use crate::model::{Audit, Comparison, ConflictOn, Decision, Flag, QuestionId, SignOff, Verdict};

fn annotate(c: Comparison, provider: &str, question: &str, comment: &str, by: &str) -> Comparison {
    apply(
        c,
        Edit::Annotate {
            provider: provider.to_owned(),
            question: QuestionId::new(question),
            flag: Some(Flag::Weak),
            verdict: None,
            comment: comment.to_owned(),
            author: by.to_owned(),
            at: format!("2026-12-0{}T10:00:00Z", by.len()),
        },
    )
}

fn base() -> Comparison {
    let c = Comparison {
        format: Some(1),
        ..Comparison::default()
    };
    let c = apply(c, Edit::SectionWeight("legal".into(), 2.0));
    annotate(c, "P", "a.one", "first", "ak")
}

#[test]
fn changes_to_different_entries_merge_cleanly() {
    let b = base();
    let ours = apply(
        annotate(b.clone(), "P", "a.two", "ours", "ak"),
        Edit::SectionWeight("legal".into(), 3.0),
    );
    let theirs = apply(
        annotate(b.clone(), "Q", "a.one", "theirs", "ch"),
        Edit::SectionWeight("tech".into(), 0.5),
    );
    let (merged, conflicts) = merge_comparisons(&b, &ours, &theirs);
    assert_eq!(conflicts, 0);
    assert!(merged.conflicts.is_empty());
    assert_eq!(merged.annotations.len(), 3);
    assert!((merged.section_weight("legal") - 3.0).abs() < 1e-9);
    assert!((merged.section_weight("tech") - 0.5).abs() < 1e-9);
    assert_eq!(
        merged.annotation("Q", "a.one").map(|a| a.comment.as_str()),
        Some("theirs")
    );
}

#[test]
fn different_fields_of_one_annotation_merge_and_the_latest_author_stays() {
    let b = base();
    let mut ours = b.clone();
    ours.annotations[0].flag = Some(Flag::FollowUp);
    ours.annotations[0].author = "ak".to_owned();
    ours.annotations[0].at = "2026-12-02T10:00:00Z".to_owned();
    let mut theirs = b.clone();
    theirs.annotations[0].comment = "reworded".to_owned();
    theirs.annotations[0].author = "ch".to_owned();
    theirs.annotations[0].at = "2026-12-03T10:00:00Z".to_owned();
    let (merged, conflicts) = merge_comparisons(&b, &ours, &theirs);
    assert_eq!(conflicts, 0, "{:?}", merged.conflicts);
    let note = &merged.annotations[0];
    assert_eq!(
        (note.flag, note.comment.as_str()),
        (Some(Flag::FollowUp), "reworded")
    );
    assert_eq!(note.author, "ch");
}

#[test]
fn the_same_field_changed_twice_is_one_conflict_that_resolves_either_way() {
    let b = base();
    let ours = annotate(b.clone(), "P", "a.one", "ours says", "ak");
    let theirs = annotate(b.clone(), "P", "a.one", "theirs says", "ch");
    let (merged, conflicts) = merge_comparisons(&b, &ours, &theirs);
    assert_eq!(conflicts, 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(
        conflict.on,
        ConflictOn::Annotation {
            provider: "P".to_owned(),
            question: QuestionId::new("a.one")
        }
    );
    assert_eq!(conflict.field, "comment");
    assert_eq!(conflict.ours_by, "ak");
    assert_eq!(conflict.theirs_by, "ch");
    assert_eq!(
        merged.annotations[0].comment, "ours says",
        "the file holds ours"
    );
    let text = merged.to_ron().expect("writes");
    assert!(!text.contains("<<<<<<<"));
    assert_eq!(Comparison::from_ron(&text).expect("reads back"), merged);

    let mut mine = merged.clone();
    resolve_comparison(&mut mine, 0, Resolution::Ours).expect("resolves");
    assert!(mine.conflicts.is_empty());
    assert_eq!(mine.annotations[0].comment, "ours says");
    let mut theirs_taken = merged.clone();
    resolve_comparison(&mut theirs_taken, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(theirs_taken.annotations[0].comment, "theirs says");
    let mut edited = merged.clone();
    resolve_comparison(
        &mut edited,
        0,
        Resolution::Value(Some(super::value_text("both, agreed"))),
    )
    .expect("resolves");
    assert_eq!(edited.annotations[0].comment, "both, agreed");
    let mut wrong = merged;
    assert!(resolve_comparison(&mut wrong, 0, Resolution::Value(Some("(".to_owned()))).is_err());
    assert_eq!(wrong.conflicts.len(), 1, "unchanged on error");
}

#[test]
fn weights_and_removal_against_change_conflict_without_losing_work() {
    let b = base();
    let ours = apply(b.clone(), Edit::SectionWeight("legal".into(), 3.0));
    let theirs = apply(
        apply(b.clone(), Edit::SectionWeight("legal".into(), 4.0)),
        Edit::RemoveAnnotation {
            provider: "P".to_owned(),
            question: QuestionId::new("a.one"),
        },
    );
    let ours = annotate(ours, "P", "a.one", "kept", "ak");
    let (merged, conflicts) = merge_comparisons(&b, &ours, &theirs);
    assert_eq!(conflicts, 2, "{:?}", merged.conflicts);
    assert!(
        merged.annotation("P", "a.one").is_some(),
        "changed on one side: kept"
    );
    let weight = merged
        .conflicts
        .iter()
        .position(|c| matches!(c.on, ConflictOn::SectionWeight(_)))
        .expect("weight conflict");
    let mut resolved = merged.clone();
    resolve_comparison(&mut resolved, weight, Resolution::Theirs).expect("resolves");
    assert!((resolved.section_weight("legal") - 4.0).abs() < 1e-9);
    let removal = resolved
        .conflicts
        .iter()
        .position(|c| matches!(c.on, ConflictOn::Annotation { .. }))
        .expect("annotation conflict");
    resolve_comparison(&mut resolved, removal, Resolution::Theirs).expect("resolves");
    assert!(
        resolved.annotation("P", "a.one").is_none(),
        "their removal taken"
    );
    assert!(resolved.conflicts.is_empty());
}

#[test]
fn sign_offs_decisions_and_must_haves_follow_their_own_rules() {
    let sign = |name: &str| SignOff {
        name: name.to_owned(),
        role: String::new(),
        date: "2026-12-01".to_owned(),
        provider: "P".to_owned(),
        basis_sha256: "ab".repeat(32),
    };
    let decide = |provider: &str| Decision {
        provider: provider.to_owned(),
        decided_by: "ak".to_owned(),
        decided_on: "2026-12-01".to_owned(),
        ..Decision::default()
    };
    let b = apply(base(), Edit::MustHave(QuestionId::new("m.one"), true));
    let mut ours = apply(b.clone(), Edit::Decide(decide("P")));
    ours.sign_offs.push(sign("A"));
    ours = apply(ours, Edit::MustHave(QuestionId::new("m.one"), false));
    let mut theirs = apply(b.clone(), Edit::Decide(decide("Q")));
    theirs.sign_offs.push(sign("B"));
    theirs = apply(theirs, Edit::MustHave(QuestionId::new("m.two"), true));
    let (merged, conflicts) = merge_comparisons(&b, &ours, &theirs);
    assert_eq!(merged.sign_offs.len(), 2, "both sign-offs kept");
    assert_eq!(merged.must_have, [QuestionId::new("m.two")]);
    assert_eq!(conflicts, 1, "two decisions: {:?}", merged.conflicts);
    let mut resolved = merged;
    resolve_comparison(&mut resolved, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(
        resolved.decision.as_ref().map(|d| d.provider.as_str()),
        Some("Q")
    );
    assert!(
        resolved.superseded.iter().any(|d| d.provider == "P"),
        "the decision set aside is kept"
    );
}

fn audit(text: &str) -> Audit {
    Audit::from_ron(text).expect("audit")
}

#[test]
fn audits_merge_by_question_and_field() {
    let b = audit(
        r#"(format: 1, provider: "P", auditor: "ak", answers: {"a.one": (answer: "x"), "a.two": (answer: "y")})"#,
    );
    let ours = audit(
        r#"(format: 1, provider: "P", auditor: "ak", answers: {"a.one": (answer: "x", verdict: Meets), "a.two": (answer: "y", note: "ours")})"#,
    );
    let theirs = audit(
        r#"(format: 1, provider: "P", auditor: "ch", answers: {"a.one": (answer: "x2"), "a.two": (answer: "y", note: "theirs"), "a.three": (answer: "z")})"#,
    );
    let (merged, conflicts) = merge_audits(&b, &ours, &theirs);
    assert_eq!(conflicts, 1, "{:?}", merged.conflicts);
    assert_eq!(merged.auditor, "ch", "changed on their side only");
    let one = merged.answer("a.one").expect("a.one");
    assert_eq!(
        (one.answer.as_str(), one.verdict),
        ("x2", Some(Verdict::Meets))
    );
    assert!(merged.answer("a.three").is_some());
    assert_eq!(merged.conflicts[0].field, "note");
    let mut resolved = merged;
    resolve_audit(&mut resolved, 0, Resolution::Theirs).expect("resolves");
    assert_eq!(
        resolved.answer("a.two").map(|a| a.note.as_str()),
        Some("theirs")
    );
    assert!(resolved.conflicts.is_empty());
}

#[test]
fn texts_keep_our_header_and_refuse_garbage() {
    let b = "// Meeting of 2026-11-27.\n(format: 1, audits: [(path: \"a.ron\")])\n";
    let ours = "// Meeting of 2026-11-27.\n// Present: A, B.\n(format: 1, audits: [(path: \"a.ron\")], section_weights: {\"legal\": 2.0})\n";
    let theirs = "(format: 1, audits: [(path: \"a.ron\"), (path: \"b.ron\")])\n";
    let merged = merge_texts(b, ours, theirs).expect("merges");
    let text = merged
        .text(crate::model::Questionnaire::builtin())
        .expect("text");
    assert!(
        text.starts_with("// Meeting of 2026-11-27.\n// Present: A, B.\n"),
        "{text}"
    );
    let c = Comparison::from_ron(&text).expect("reads");
    assert_eq!(c.audits.len(), 2);
    assert!((c.section_weight("legal") - 2.0).abs() < 1e-9);
    assert!(merge_texts(b, "<<<<<<< HEAD\n", theirs).is_err());
    assert!(merge_texts(b, ours, "(format: 1, provider: \"P\", answers: {})").is_err());
    assert!(merge_texts("", ours, theirs).is_ok(), "added on both sides");
}
