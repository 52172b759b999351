//! Scoring tests with expectations computed by hand (see the comment above each).

use std::fmt::Write as _;

use super::{CellStatus, rank, score_audit, statuses};
use crate::model::{
    Annotation, Audit, Comparison, Flag, QuestionId, Questionnaire, Scope, Verdict,
};

const QUESTIONNAIRE: &str = r#"(
    format: 1, id: "test", title: "Test",
    sections: [
        (id: "a", label: "A", title: "Section A", items: [
            (id: "a.one", text: "One?"),
            (id: "a.two", text: "Two?", items: [
                (id: "a.two.if-not", condition: IfNot, text: "If not, why?"),
            ]),
            (id: "a.three", text: "Three?", items: [
                (id: "a.three.if-yes", condition: IfYes, text: "If yes, how?"),
            ]),
            (id: "a.group", kind: Heading, text: "Group:"),
        ]),
        (id: "b", label: "B", title: "Section B", tags: ["managed-service"], items: [
            (id: "b.one", text: "One?"),
            (id: "b.two", text: "Two?"),
        ]),
        (id: "c", label: "C", title: "Section C", items: [
            (id: "c.nfs", tags: ["nfs"], text: "[For NFS] Mapping?"),
        ]),
    ],
)"#;

fn questionnaire() -> Questionnaire {
    Questionnaire::parse(QUESTIONNAIRE).expect("test questionnaire parses")
}

fn audit(provider: &str, verdicts: &[(&str, Verdict)]) -> Audit {
    let mut text =
        format!("(format: 1, questionnaire: \"test\", provider: \"{provider}\", answers: {{");
    for (id, verdict) in verdicts {
        let _ = write!(text, "\"{id}\": (answer: \"...\", verdict: {verdict}),");
    }
    text.push_str("})");
    Audit::from_ron(&text).expect("test audit parses")
}

/// `a.one` Meets, `a.two` Partial, `a.three` Gap, `b.one` Meets, `b.two` `NoAnswer`.
fn p1() -> Audit {
    audit(
        "P1",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Partial),
            ("a.three", Verdict::Gap),
            ("b.one", Verdict::Meets),
            ("b.two", Verdict::NoAnswer),
        ],
    )
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

fn annotation(
    provider: &str,
    question: &str,
    flag: Option<Flag>,
    verdict: Option<Verdict>,
) -> Annotation {
    Annotation {
        provider: provider.to_owned(),
        question: QuestionId::new(question),
        flag,
        verdict,
        comment: String::new(),
        author: String::new(),
        at: String::new(),
    }
}

#[test]
fn statuses_apply_scope_follow_ups_and_headings() {
    let q = questionnaire();
    let s = statuses(&q, &p1(), &Comparison::default());
    let by_id = |id: &str| s[q.position(id).expect("known id")];
    assert_eq!(
        by_id("a.two.if-not"),
        CellStatus::OutOfScope,
        "an unanswered follow-up is left out, whatever its parent's answer"
    );
    assert_eq!(by_id("a.three.if-yes"), CellStatus::OutOfScope);
    assert_eq!(by_id("a.group"), CellStatus::Heading);
    assert_eq!(
        by_id("c.nfs"),
        CellStatus::OutOfScope,
        "nfs counts only when answered"
    );
}

#[test]
fn section_and_provider_scores_with_default_weights() {
    // A: a.one 1, a.two 0.5, a.three 0 (follow-ups unanswered: left out) -> 1.5 / 3 = 0.5.
    // B: b.one 1, b.two 0 -> 0.5. C: nothing in scope -> left out.
    // Provider: (0.5 + 0.5) / 2 = 0.5 -> 50.
    let q = questionnaire();
    let score = score_audit(&q, &p1(), &Comparison::default());
    assert!(close(score.sections[0].score.expect("A scored"), 0.5));
    assert!(close(score.sections[1].score.expect("B scored"), 0.5));
    assert_eq!(score.sections[2].score, None);
    assert!(close(score.score, 50.0), "{}", score.score);
    let gaps = score.sections[0].gaps;
    assert_eq!(
        (gaps.gap, gaps.no_answer, gaps.not_asked, gaps.partial),
        (1, 0, 0, 1)
    );
    assert_eq!(score.gaps.total(), 3);
    assert_eq!(score.gaps.no_answer, 1);
    // All 5 in-scope questions have a verdict.
    assert!(close(score.coverage, 1.0));
}

#[test]
fn weights_change_the_means() {
    // Question weight a.one = 2: A = (2 + 0.5 + 0) / 4 = 0.625.
    // Section weight b = 3: provider = (0.625 * 1 + 0.5 * 3) / 4 = 0.53125 -> 53.125.
    let q = questionnaire();
    let mut comparison = Comparison::default();
    comparison
        .question_weights
        .insert(QuestionId::new("a.one"), 2.0);
    comparison.section_weights.insert("b".into(), 3.0);
    let score = score_audit(&q, &p1(), &comparison);
    assert!(close(score.sections[0].score.expect("A scored"), 0.625));
    assert!(close(score.score, 53.125), "{}", score.score);
    // Section weight b = 0 leaves B out: provider = A alone = 0.5 -> 50.
    comparison.section_weights.insert("b".into(), 0.0);
    comparison.question_weights.clear();
    let score = score_audit(&q, &p1(), &comparison);
    assert!(close(score.score, 50.0), "{}", score.score);
}

#[test]
fn self_managed_scope_leaves_managed_service_sections_out() {
    // B is out of scope: provider = A alone = 0.5 -> 50.
    let q = questionnaire();
    let mut audit = p1();
    audit.scope = Scope::SelfManaged;
    let score = score_audit(&q, &audit, &Comparison::default());
    assert_eq!(score.sections[1].score, None);
    assert_eq!(score.sections[1].in_scope, 0);
    assert!(close(score.score, 50.0), "{}", score.score);
}

#[test]
fn overrides_replace_verdicts() {
    // Override a.three to Meets: A = (1 + 0.5 + 1) / 3 = 5/6; its "if yes" follow-up is
    // unanswered and stays out. Provider = (5/6 + 0.5) / 2 = 2/3 -> 66.67.
    let q = questionnaire();
    let mut comparison = Comparison::default();
    comparison.annotations.push(annotation(
        "P1",
        "a.three",
        Some(Flag::Weak),
        Some(Verdict::Meets),
    ));
    let score = score_audit(&q, &p1(), &comparison);
    assert!(close(score.sections[0].score.expect("A scored"), 5.0 / 6.0));
    assert!(close(score.score, 200.0 / 3.0), "{}", score.score);
    assert_eq!(score.sections[0].gaps.weak, 1);
    assert_eq!(score.gaps.weak, 1);
}

#[test]
fn must_haves_knock_out_unless_accepted() {
    let q = questionnaire();
    let mut comparison = Comparison {
        must_have: vec![QuestionId::new("a.two"), QuestionId::new("a.one")],
        ..Comparison::default()
    };
    let score = score_audit(&q, &p1(), &comparison);
    assert_eq!(score.knocked_out_by, [QuestionId::new("a.two")]);
    comparison
        .annotations
        .push(annotation("P1", "a.two", Some(Flag::Accepted), None));
    let score = score_audit(&q, &p1(), &comparison);
    assert!(!score.knocked_out());
    assert_eq!(score.waived, [QuestionId::new("a.two")]);
}

#[test]
fn must_have_not_asked_knocks_out_but_out_of_scope_does_not() {
    // a.one is not asked (in scope: knocks out); the unanswered follow-up and the nfs item
    // are out of scope (no knock-out).
    let q = questionnaire();
    let comparison = Comparison {
        must_have: vec![
            QuestionId::new("a.one"),
            QuestionId::new("a.two.if-not"),
            QuestionId::new("c.nfs"),
        ],
        ..Comparison::default()
    };
    let partial = audit("P", &[("a.two", Verdict::Partial)]);
    let score = score_audit(&q, &partial, &comparison);
    assert_eq!(score.knocked_out_by, [QuestionId::new("a.one")]);
}

#[test]
fn ranking_puts_knocked_out_providers_last_then_score_then_gaps() {
    let q = questionnaire();
    // P2 answers everything Meets (100) but fails the must-have b.two by not answering it.
    let all_meets = audit(
        "P2",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Meets),
            ("a.three", Verdict::Meets),
            ("a.three.if-yes", Verdict::Meets),
            ("b.one", Verdict::Meets),
        ],
    );
    // P3 is P1 with its "if not" follow-up marked NotApplicable: the same score and gaps.
    let mut fewer_gaps = p1();
    fewer_gaps.provider = "P3".to_owned();
    let mut p3_text = fewer_gaps.to_ron().expect("serializes");
    p3_text = p3_text.replace(
        "answers: {",
        "answers: {\"a.two.if-not\": (verdict: NotApplicable),",
    );
    let fewer_gaps = Audit::from_ron(&p3_text).expect("parses");
    let mut comparison = Comparison {
        must_have: vec![QuestionId::new("b.two")],
        ..Comparison::default()
    };
    let p1 = p1();
    let ranking = rank(&q, &[&all_meets, &p1, &fewer_gaps], &comparison);
    let order: Vec<(&str, usize)> = ranking
        .iter()
        .map(|s| (s.provider.as_str(), s.rank))
        .collect();
    // P1 and P3 are both knocked out by b.two (NoAnswer) as well; P2 by not answering it.
    // All three knocked out: then by score. P2: B = 1 / 2 = 0.5 (b.two not asked),
    // A = 1 -> 75. P1 and P3: A = 1.5 / 3 = 0.5, B = 0.5 -> 50, with 3 gaps each: by name.
    assert_eq!(order, [("P2", 1), ("P1", 2), ("P3", 3)]);
    assert!(ranking.iter().all(super::ProviderScore::knocked_out));
    comparison
        .annotations
        .push(annotation("P1", "b.two", Some(Flag::Accepted), None));
    let ranking = rank(&q, &[&all_meets, &p1, &fewer_gaps], &comparison);
    assert_eq!(
        ranking[0].provider, "P1",
        "the only provider not knocked out leads"
    );
    assert_eq!(ranking[0].audit, 1, "audit index refers to the input slice");
}

#[test]
fn ties_on_score_are_broken_by_fewer_gaps() {
    // Section B weighs 0, so only A counts.
    let q = questionnaire();
    let t = audit(
        "T",
        &[
            ("a.one", Verdict::Partial),
            ("a.two", Verdict::Partial),
            ("a.three", Verdict::Partial),
        ],
    );
    let u = audit(
        "U",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Meets),
            ("a.two.if-not", Verdict::NotApplicable),
            ("a.three", Verdict::Gap),
        ],
    );
    let mut comparison = Comparison::default();
    comparison.section_weights.insert("b".into(), 0.0);
    // Unanswered follow-ups are left out. T: A = (0.5 + 0.5 + 0.5) / 3 = 0.5; U: A = 2 / 3.
    let ranking = rank(&q, &[&t, &u], &comparison);
    assert_eq!(ranking[0].provider, "U");
    // Equal scores, A = 2 / 3 for both: Zed has one gap (a.three), Abe two (the partials).
    // Zed comes after Abe by name, so only the gaps can put it first.
    let zed = audit(
        "Zed",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Meets),
            ("a.three", Verdict::Gap),
        ],
    );
    let abe = audit(
        "Abe",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Partial),
            ("a.three", Verdict::Partial),
        ],
    );
    for audits in [[&abe, &zed], [&zed, &abe]] {
        let ranking = rank(&q, &audits, &comparison);
        assert!(close(ranking[0].score, ranking[1].score));
        assert_eq!(ranking[0].gaps.total() + 1, ranking[1].gaps.total());
        assert_eq!(
            ranking[0].provider, "Zed",
            "fewer gaps first, whatever the name"
        );
    }
    // Equal scores: U2 like U but with the Gap turned into a not-asked question.
    let u2 = audit(
        "U2",
        &[
            ("a.one", Verdict::Meets),
            ("a.two", Verdict::Meets),
            ("a.two.if-not", Verdict::NotApplicable),
        ],
    );
    let ranking = rank(&q, &[&u2, &u], &comparison);
    assert!(close(ranking[0].score, ranking[1].score));
    assert_eq!(ranking[0].gaps.total(), ranking[1].gaps.total());
    assert_eq!(ranking[0].provider, "U", "equal score and gaps: by name");
}
