//! Property tests: whatever the core writes it reads back equal (audits and comparisons
//! with arbitrary text), and the scoring formula stays within 0 to 100 and never lowers a
//! score when a verdict improves.

use proptest::collection::{btree_map, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use provider_audit_core::model::{
    Annotation, Answer, AnswerMap, Audit, AuditRef, BasisScore, Comparison, Condition, Decision,
    DecisionBasis, EvidenceDocument, Flag, ItemKind, Provenance, QuestionId, Questionnaire, Scope,
    SectionId, Verdict,
};
use provider_audit_core::scoring::{ProviderScore, score_audit};

/// Cases per property: enough to find the bugs these catch, few enough for a fast suite.
const CASES: u32 = 256;

/// [`CASES`] cases; failures are printed with their minimal input, not saved to files.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: CASES,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn builtin() -> &'static Questionnaire {
    Questionnaire::builtin()
}

fn builtin_ids() -> Vec<QuestionId> {
    builtin().items.iter().map(|item| item.id.clone()).collect()
}

fn section_ids() -> Vec<SectionId> {
    builtin()
        .sections
        .iter()
        .map(|section| section.id.clone())
        .collect()
}

/// Any text: arbitrary Unicode, and text dense in what escaping must get right (quotes,
/// backslashes, control characters, text-direction overrides, RON syntax).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\"\\\\\\x00-\\x1f\\x7f\u{202e}\u{2066}\u{feff}\u{fffd}(){}\\[\\]:,/*#r'a-zé ]{0,24}",
    ]
}

/// A builtin id most of the time, and any text as an id otherwise.
fn question_id() -> impl Strategy<Value = QuestionId> {
    prop_oneof![
        3 => select(builtin_ids()),
        1 => text().prop_map(QuestionId::new),
    ]
}

fn verdict() -> impl Strategy<Value = Verdict> {
    select(Verdict::ALL.to_vec())
}

fn provenance() -> impl Strategy<Value = Provenance> {
    select(vec![
        Provenance::Stated,
        Provenance::Evidenced,
        Provenance::Verified,
    ])
}

fn scope() -> impl Strategy<Value = Scope> {
    select(vec![Scope::Managed, Scope::SelfManaged])
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        text(),
        option::of(verdict()),
        provenance(),
        vec(text(), 0..3),
        text(),
    )
        .prop_map(|(answer, verdict, provenance, evidence, note)| Answer {
            answer,
            verdict,
            provenance,
            evidence,
            note,
            ..Answer::default()
        })
}

fn document() -> impl Strategy<Value = EvidenceDocument> {
    (
        question_id(),
        text(),
        option::of(text()),
        option::of(text()),
    )
        .prop_map(|(item, file, sha256, expires)| EvidenceDocument {
            item,
            file,
            sha256,
            expires,
        })
}

fn audit() -> impl Strategy<Value = Audit> {
    (
        option::of(any::<u32>()),
        text(),
        text(),
        option::of(text()),
        text(),
        scope(),
        vec((question_id(), answer()), 0..8),
        vec(document(), 0..3),
    )
        .prop_map(
            |(format, questionnaire, provider, audited_on, auditor, scope, answers, documents)| {
                Audit {
                    format,
                    questionnaire,
                    questionnaire_version: None,
                    provider,
                    audited_on,
                    auditor,
                    scope,
                    answers: AnswerMap(answers),
                    documents,
                    ..Audit::default()
                }
            },
        )
}

/// Any number RON can carry: every float but NaN (which is never equal to itself).
fn number() -> impl Strategy<Value = f64> {
    use proptest::num::f64::{INFINITE, NEGATIVE, NORMAL, POSITIVE, SUBNORMAL, ZERO};
    POSITIVE | NEGATIVE | NORMAL | SUBNORMAL | ZERO | INFINITE
}

fn annotation() -> impl Strategy<Value = Annotation> {
    (
        text(),
        question_id(),
        option::of(select(vec![Flag::Weak, Flag::FollowUp, Flag::Accepted])),
        option::of(verdict()),
        text(),
        text(),
        text(),
    )
        .prop_map(
            |(provider, question, flag, verdict, comment, author, at)| Annotation {
                provider,
                question,
                flag,
                verdict,
                comment,
                author,
                at,
            },
        )
}

fn audit_ref() -> impl Strategy<Value = AuditRef> {
    (text(), option::of(text())).prop_map(|(path, sha256)| AuditRef { path, sha256 })
}

fn section_id() -> impl Strategy<Value = SectionId> {
    prop_oneof![
        3 => select(section_ids()),
        1 => text().prop_map(SectionId::new),
    ]
}

fn basis() -> impl Strategy<Value = DecisionBasis> {
    (
        btree_map(section_id(), number(), 0..3),
        btree_map(question_id(), number(), 0..3),
        vec(question_id(), 0..3),
        vec(
            (text(), any::<usize>(), number(), any::<bool>()).prop_map(
                |(provider, rank, score, knocked_out)| BasisScore {
                    provider,
                    rank,
                    score,
                    knocked_out,
                },
            ),
            0..3,
        ),
        vec(audit_ref(), 0..3),
    )
        .prop_map(
            |(section_weights, question_weights, must_have, scores, audits)| DecisionBasis {
                section_weights,
                question_weights,
                must_have,
                scores,
                audits,
            },
        )
}

fn decision() -> impl Strategy<Value = Decision> {
    (text(), text(), text(), text(), option::of(basis())).prop_map(
        |(provider, rationale, decided_by, decided_on, basis)| Decision {
            provider,
            rationale,
            decided_by,
            decided_on,
            basis,
        },
    )
}

fn comparison() -> impl Strategy<Value = Comparison> {
    (
        option::of(any::<u32>()),
        vec(audit_ref(), 0..4),
        btree_map(section_id(), number(), 0..4),
        btree_map(question_id(), number(), 0..6),
        vec(question_id(), 0..4),
        vec(annotation(), 0..5),
        option::of(decision()),
    )
        .prop_map(
            |(
                format,
                audits,
                section_weights,
                question_weights,
                must_have,
                annotations,
                decision,
            )| {
                Comparison {
                    format,
                    audits,
                    section_weights: section_weights.into_iter().collect(),
                    question_weights: question_weights.into_iter().collect(),
                    must_have,
                    annotations,
                    decision,
                    ..Comparison::default()
                }
            },
        )
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_audit_the_core_writes_reads_back_equal(audit in audit()) {
        let text = audit.to_ron().expect("an audit can always be written");
        let read = Audit::from_ron(&text);
        prop_assert!(read.is_ok(), "{:?} in\n{text}", read.err());
        prop_assert_eq!(read.expect("checked"), audit, "written as\n{}", text);
    }

    /// What the interview writes, in the canonical layout of an audit file, reads back as
    /// the audit it held: every answer (any text), verdict, provenance, evidence and note,
    /// the header fields and the documents; the questions it did not answer come back blank.
    #[test]
    fn any_audit_the_app_writes_in_the_canonical_layout_reads_back_the_same(audit in audit()) {
        // An audit the app holds loaded without errors: format 1, one entry per question.
        let mut audit = audit;
        audit.format = Some(1);
        let mut seen = std::collections::HashSet::new();
        audit.answers.0.retain(|(id, _)| seen.insert(id.clone()));
        let text = provider_audit_core::template::audit_text(builtin(), &audit, "");
        let read = Audit::from_ron(&text);
        prop_assert!(read.is_ok(), "{:?} in\n{text}", read.err());
        let read = read.expect("checked");
        for (id, answer) in audit.answers.iter() {
            prop_assert_eq!(read.answer(id.as_str()), Some(answer), "{} in\n{}", id, text);
        }
        for (id, answer) in read.answers.iter() {
            if audit.answer(id.as_str()).is_none() {
                prop_assert_eq!(answer, &provider_audit_core::model::Answer::default(), "{} was not answered", id);
            }
        }
        prop_assert_eq!(&read.provider, &audit.provider);
        prop_assert_eq!(&read.questionnaire, &audit.questionnaire);
        prop_assert_eq!(&read.audited_on, &audit.audited_on);
        prop_assert_eq!(&read.auditor, &audit.auditor);
        prop_assert_eq!(read.scope, audit.scope);
        prop_assert_eq!(&read.documents, &audit.documents);
    }

    #[test]
    fn any_comparison_the_core_writes_reads_back_equal(comparison in comparison()) {
        let text = comparison.to_ron().expect("a comparison can always be written");
        let read = Comparison::from_ron(&text);
        prop_assert!(read.is_ok(), "{:?} in\n{text}", read.err());
        prop_assert_eq!(read.expect("checked"), comparison, "written as\n{}", text);
    }
}

// ---------------------------------------------------------------------------------------
// Scoring

/// A verdict as in real audits: mostly Meets, so that sections score high (where a new 0
/// weighs most).
fn scored_verdict() -> impl Strategy<Value = Verdict> {
    prop_oneof![3 => Just(Verdict::Meets), 2 => verdict()]
}

/// An audit for scoring: most answerable builtin items answered (mostly Meets, so that
/// sections score high, where a new 0 weighs most), a few unknown ids, any scope,
/// sometimes a document.
fn scored_audit() -> impl Strategy<Value = Audit> {
    let items = answerable();
    (
        scope(),
        vec(option::weighted(0.8, scored_verdict()), items.len()),
        vec((text().prop_map(QuestionId::new), verdict()), 0..3),
        vec(select(builtin_ids()), 0..3),
    )
        .prop_map(move |(scope, verdicts, unknown, documents)| {
            let q = builtin();
            let answer = |verdict| Answer {
                verdict: Some(verdict),
                ..Answer::default()
            };
            let mut answers: Vec<(QuestionId, Answer)> = items
                .iter()
                .zip(verdicts)
                .filter_map(|(&index, verdict)| Some((q.items[index].id.clone(), answer(verdict?))))
                .collect();
            answers.extend(
                unknown
                    .into_iter()
                    .map(|(id, verdict)| (id, answer(verdict))),
            );
            Audit {
                format: Some(1),
                provider: "P".to_owned(),
                scope,
                answers: AnswerMap(answers),
                documents: documents
                    .into_iter()
                    .map(|item| EvidenceDocument {
                        item,
                        file: "evidence.pdf".to_owned(),
                        sha256: None,
                        expires: None,
                    })
                    .collect(),
                ..Audit::default()
            }
        })
}

/// A weight as the validation lets it through: finite and not negative. Bounded here, see
/// `huge_weights_make_the_score_nan`.
fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(0.0),
        Just(1.0),
        0.0..=1_000.0_f64,
        proptest::num::f64::SUBNORMAL.prop_map(f64::abs),
    ]
}

/// A comparison for scoring: weights, must-haves and annotations (some overriding a
/// verdict) on provider `P`.
fn scored_comparison() -> impl Strategy<Value = Comparison> {
    (
        btree_map(select(section_ids()), weight(), 0..6),
        btree_map(question_id(), weight(), 0..20),
        vec(select(builtin_ids()), 0..4),
        vec(
            (
                select(builtin_ids()),
                option::of(select(vec![Flag::Weak, Flag::FollowUp, Flag::Accepted])),
                option::of(verdict()),
            ),
            0..10,
        ),
    )
        .prop_map(
            |(section_weights, question_weights, must_have, annotations)| Comparison {
                format: Some(1),
                section_weights: section_weights.into_iter().collect(),
                question_weights: question_weights.into_iter().collect(),
                must_have,
                annotations: annotations
                    .into_iter()
                    .map(|(question, flag, verdict)| Annotation {
                        provider: "P".to_owned(),
                        question,
                        flag,
                        verdict,
                        comment: String::new(),
                        author: String::new(),
                        at: String::new(),
                    })
                    .collect(),
                ..Comparison::default()
            },
        )
}

/// How far the provider score may stray past 100 by rounding: `100 * weighted / total`
/// rounds twice, and gives 100.00000000000001 for some totals (see
/// `rounding_can_lift_the_score_past_100`).
const ROUNDING: f64 = 1e-9;

fn assert_within_bounds(score: &ProviderScore) -> Result<(), TestCaseError> {
    prop_assert!(
        (0.0..=100.0 + ROUNDING).contains(&score.score),
        "provider score {}",
        score.score
    );
    for section in &score.sections {
        if let Some(value) = section.score {
            prop_assert!(
                (0.0..=1.0).contains(&value),
                "section {} score {value}",
                section.section
            );
        }
    }
    prop_assert!((0.0..=1.0).contains(&score.coverage));
    Ok(())
}

/// The three levels of an improvement: worthless, partial, meets.
const LEVELS: [&[Verdict]; 3] = [
    &[Verdict::NoAnswer, Verdict::Gap],
    &[Verdict::Partial],
    &[Verdict::Meets],
];

/// A verdict and a better one.
fn improvement() -> impl Strategy<Value = (Verdict, Verdict)> {
    (0..2_usize, 1..3_usize, any::<prop::sample::Index>())
        .prop_filter("the second level is higher", |(from, step, _)| {
            from + step < 3
        })
        .prop_map(|(from, step, pick)| {
            let worse = LEVELS[from];
            (pick.get(worse).to_owned(), LEVELS[from + step][0])
        })
}

/// `audit` with `verdict` as its only answer to item `index`.
fn with_verdict(audit: &Audit, index: usize, verdict: Verdict) -> Audit {
    let id = &builtin().items[index].id;
    let mut changed = audit.clone();
    changed.answers.0.retain(|(key, _)| key != id);
    changed.answers.0.push((
        id.clone(),
        Answer {
            verdict: Some(verdict),
            ..Answer::default()
        },
    ));
    changed
}

/// True when no item has `index` as parent and a condition on it: the item's verdict then
/// changes nothing but its own value.
fn has_no_conditional_children(index: usize) -> bool {
    !builtin()
        .items
        .iter()
        .any(|item| item.parent == Some(index) && item.condition.is_some())
}

/// Scores of `audit` before and after improving item `index` from `from` to `to`, with the
/// comparison's own overrides on that item removed (they would hide the change).
fn before_and_after(
    audit: &Audit,
    comparison: &Comparison,
    index: usize,
    (from, to): (Verdict, Verdict),
) -> (ProviderScore, ProviderScore) {
    let q = builtin();
    let mut comparison = comparison.clone();
    comparison
        .annotations
        .retain(|annotation| annotation.question != q.items[index].id);
    let before = score_audit(q, &with_verdict(audit, index, from), &comparison);
    let after = score_audit(q, &with_verdict(audit, index, to), &comparison);
    (before, after)
}

fn assert_not_lower(before: &ProviderScore, after: &ProviderScore) -> Result<(), TestCaseError> {
    prop_assert!(
        after.score >= before.score - ROUNDING,
        "provider score fell from {} to {}",
        before.score,
        after.score
    );
    for (old, new) in before.sections.iter().zip(&after.sections) {
        if let (Some(old_score), Some(new_score)) = (old.score, new.score) {
            prop_assert!(
                new_score >= old_score - ROUNDING,
                "section `{}` fell from {old_score} to {new_score}",
                builtin().sections[old.section].id
            );
        }
    }
    Ok(())
}

/// Answerable items (questions and documents).
fn answerable() -> Vec<usize> {
    builtin()
        .items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.kind != ItemKind::Heading)
        .map(|(index, _)| index)
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn scores_stay_within_0_and_100(audit in scored_audit(), comparison in scored_comparison()) {
        let score = score_audit(builtin(), &audit, &comparison);
        assert_within_bounds(&score)?;
    }

    /// Improving one verdict never lowers the provider's score nor any section's, for items
    /// without conditional follow-ups. Items with "If yes"/"If not" follow-ups are left out
    /// here because improving them can bring an unanswered follow-up into scope as "not
    /// asked" (value 0), which lowers the section: see
    /// `improving_a_parent_can_lower_the_score_through_its_follow_ups`.
    #[test]
    fn improving_a_verdict_never_lowers_a_score(
        audit in scored_audit(),
        comparison in scored_comparison(),
        item in select(answerable().into_iter().filter(|&i| has_no_conditional_children(i)).collect::<Vec<_>>()),
        change in improvement(),
    ) {
        let (before, after) = before_and_after(&audit, &comparison, item, change);
        assert_not_lower(&before, &after)?;
    }
}

proptest! {
    #![proptest_config(config())]

    /// The same property over every answerable item, follow-up parents included (it failed
    /// before follow-ups counted only when answered; see
    /// `improving_a_parent_never_lowers_the_score_through_its_follow_ups`).
    #[test]
    fn improving_any_verdict_never_lowers_a_score(
        audit in scored_audit(),
        comparison in scored_comparison(),
        item in prop_oneof![
            select(answerable()),
            // Parents of follow-ups, where the property is most at risk, half of the time.
            select(answerable().into_iter().filter(|&i| !has_no_conditional_children(i)).collect::<Vec<_>>()),
        ],
        change in improvement(),
    ) {
        let (before, after) = before_and_after(&audit, &comparison, item, change);
        assert_not_lower(&before, &after)?;
    }
}

/// The smallest case the full property once found: an "If yes" follow-up parent improved
/// from Gap to Partial brought its unanswered follow-up into scope as not asked (value 0),
/// so a section scoring more than 0.5 fell. Follow-ups now count only when answered.
#[test]
fn improving_a_parent_never_lowers_the_score_through_its_follow_ups() {
    let q = builtin();
    let (parent, child) = q
        .items
        .iter()
        .enumerate()
        .find_map(|(index, item)| {
            (item.condition == Some(Condition::IfYes))
                .then(|| (item.parent.expect("a parent"), index))
        })
        .expect("the questionnaire has an \"If yes\" follow-up");
    let section = q.items[parent].section;
    // Every other question of the section meets; the follow-up is not asked.
    let mut audit = Audit {
        format: Some(1),
        provider: "P".to_owned(),
        ..Audit::default()
    };
    for index in q.sections[section].items.clone() {
        if index != parent && index != child && q.items[index].kind != ItemKind::Heading {
            audit.answers.0.push((
                q.items[index].id.clone(),
                Answer {
                    verdict: Some(Verdict::Meets),
                    ..Answer::default()
                },
            ));
        }
    }
    let comparison = Comparison::default();
    let (before, after) = before_and_after(
        &audit,
        &comparison,
        parent,
        (Verdict::Gap, Verdict::Partial),
    );
    let before_section = before.sections[section].score.expect("scored");
    let after_section = after.sections[section].score.expect("scored");
    assert!(
        after_section >= before_section,
        "`{}` improved from Gap to Partial, its follow-up `{}` not asked: section `{}` fell from \
         {before_section} to {after_section}, the provider from {} to {}",
        q.items[parent].id,
        q.items[child].id,
        q.sections[section].id,
        before.score,
        after.score
    );
}

/// An audit that meets every question.
fn meets_everything() -> Audit {
    let mut audit = Audit {
        format: Some(1),
        provider: "P".to_owned(),
        ..Audit::default()
    };
    for item in builtin()
        .items
        .iter()
        .filter(|item| item.kind != ItemKind::Heading)
    {
        audit.answers.0.push((
            item.id.clone(),
            Answer {
                verdict: Some(Verdict::Meets),
                ..Answer::default()
            },
        ));
    }
    audit
}

/// A provider that meets everything scores `100 * w / w` with `w` the sum of the section
/// weights; computed as `(100 * w) / w`, that was 100.00000000000001 for some `w` before the
/// score was clamped (found by the property tests).
#[test]
fn rounding_never_lifts_the_score_past_100() {
    let q = builtin();
    let mut comparison = Comparison::default();
    for section in &q.sections {
        comparison.section_weights.insert(section.id.clone(), 0.0);
    }
    comparison
        .section_weights
        .insert(q.sections[0].id.clone(), 2.900_000_000_000_000_4);
    let score = score_audit(q, &meets_everything(), &comparison);
    assert!(score.score <= 100.0, "score {}", score.score);
}

/// Weights near `f64::MAX` once overflowed the weighted mean into NaN (found by the
/// property tests); weights are now capped at `MAX_WEIGHT` and validation warns about larger
/// ones.
#[test]
fn huge_weights_keep_the_score_within_bounds() {
    let q = builtin();
    let mut comparison = Comparison::default();
    for section in &q.sections {
        comparison
            .section_weights
            .insert(section.id.clone(), f64::MAX);
    }
    let score = score_audit(q, &meets_everything(), &comparison);
    assert!(
        (0.0..=100.0).contains(&score.score),
        "score {} with every section weighing f64::MAX",
        score.score
    );
}

/// Markdown made of the pieces a checklist page has, in any order and nesting.
fn markdown_page() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("# Title".to_owned()),
        "## [A-Za-zäö ]{0,12}".prop_map(|s| format!("## {s}")),
        (0..8_usize, "[A-Za-z ?:,\\[\\]()é日]{0,20}")
            .prop_map(|(indent, text)| format!("{}1. {text}", "    ".repeat(indent))),
        (0..8_usize, "[A-Za-z ?]{0,12}")
            .prop_map(|(indent, text)| format!("{}- [ ] If not, {text}", "  ".repeat(indent))),
        Just("```".to_owned()),
        Just("<div>".to_owned()),
        Just("| a | b |".to_owned()),
        Just(String::new()),
        Just("---".to_owned()),
    ];
    vec(line, 0..40).prop_map(|lines| lines.join("\r\n"))
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_markdown_imports_to_a_valid_questionnaire_or_a_clear_error(page in markdown_page()) {
        use provider_audit_core::questionnaire_import::{ImportOptions, import_markdown};
        match import_markdown(&page, &ImportOptions::default()) {
            Ok(imported) => {
                let text = imported.to_ron().expect("writes");
                let source = provider_audit_core::validate::SourceFile::from_text(
                    std::path::Path::new("imported.ron"),
                    &text,
                );
                let (questionnaire, findings) =
                    provider_audit_core::validate::check_questionnaire(&source);
                prop_assert!(questionnaire.is_some(), "{findings:?}\n{text}");
                prop_assert!(
                    !findings.iter().any(provider_audit_core::validate::Finding::is_error),
                    "{findings:?}\n{text}");
            }
            Err(err) => prop_assert!(
                !matches!(err, provider_audit_core::questionnaire_import::ImportError::Invalid(_)),
                "{err}"
            ),
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Re-audits: an audit against itself has no change, and the diff backwards mirrors the
    /// diff forwards (old and new swapped, added for removed, better for worse).
    #[test]
    fn diffs_of_audits_are_empty_on_themselves_and_mirror_each_other(
        a in scored_audit(),
        b in scored_audit(),
    ) {
        use provider_audit_core::history::{ChangeKind, Direction, diff};
        let none = Comparison::default();
        let same = diff(builtin(), (&a, "a"), (&a, "a"), &none);
        prop_assert!(same.changes.is_empty(), "{:?}", same.changes);
        let forwards = diff(builtin(), (&a, "a"), (&b, "b"), &none);
        let backwards = diff(builtin(), (&b, "b"), (&a, "a"), &none);
        prop_assert_eq!(forwards.changes.len(), backwards.changes.len());
        for change in &forwards.changes {
            let mirror = backwards.changes.iter().find(|c| c.id == change.id);
            prop_assert!(mirror.is_some(), "{} listed one way only", change.id);
            let mirror = mirror.expect("checked");
            prop_assert_eq!((mirror.old_verdict, mirror.new_verdict), (change.new_verdict, change.old_verdict));
            let kind = match change.kind {
                ChangeKind::Added => ChangeKind::Removed,
                ChangeKind::Removed => ChangeKind::Added,
                other => other,
            };
            prop_assert_eq!(mirror.kind, kind);
            let direction = match change.direction {
                Direction::Better => Direction::Worse,
                Direction::Worse => Direction::Better,
                Direction::Same => Direction::Same,
            };
            prop_assert_eq!(mirror.direction, direction);
        }
        for (old, new) in forwards.sections.iter().zip(&backwards.sections) {
            prop_assert_eq!((old.old_score, old.new_score), (new.new_score, new.old_score));
        }
    }
}
