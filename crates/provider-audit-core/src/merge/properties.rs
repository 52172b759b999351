//! Property tests of the merge over comparisons made by the meeting's own edits:
//! merge(B, A, B) = A, merge(B, B, T) = T, swapping the sides gives the same content
//! (once every conflict is resolved the same way), and a clean merge always validates.

use proptest::prelude::*;
use proptest::sample::select;

use super::{Resolution, merge_comparisons, resolve_comparison, value_text};
use crate::compare::{Edit, apply};
use crate::model::{Comparison, Decision, Flag, QuestionId, Questionnaire, SignOff, Verdict};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn question() -> impl Strategy<Value = QuestionId> {
    let ids: Vec<QuestionId> = Questionnaire::builtin()
        .items
        .iter()
        .take(6)
        .map(|item| item.id.clone())
        .collect();
    select(ids)
}

fn section() -> impl Strategy<Value = crate::model::SectionId> {
    let ids: Vec<_> = Questionnaire::builtin()
        .sections
        .iter()
        .take(3)
        .map(|s| s.id.clone())
        .collect();
    select(ids)
}

fn edit() -> impl Strategy<Value = Edit> {
    let provider = select(vec!["Nordlys Cloud AB", "Hyperion GmbH"]);
    let flag = proptest::option::of(select(vec![Flag::Weak, Flag::FollowUp, Flag::Accepted]));
    let verdict =
        proptest::option::of(select(vec![Verdict::Meets, Verdict::Partial, Verdict::Gap]));
    let comment = select(vec!["", "vague", "ask again", "fine by us"]);
    let author = select(vec!["ak", "ch", "ml"]);
    let at = select(vec!["2026-12-01T10:00:00Z", "2026-12-02T10:00:00Z"]);
    prop_oneof![
        4 => (provider.clone(), question(), flag, verdict, comment, author.clone(), at).prop_map(
            |(provider, question, flag, verdict, comment, author, at)| Edit::Annotate {
                provider: provider.to_owned(),
                question,
                flag,
                verdict,
                comment: comment.to_owned(),
                author: author.to_owned(),
                at: at.to_owned(),
            }
        ),
        1 => (provider.clone(), question()).prop_map(|(provider, question)| Edit::RemoveAnnotation {
            provider: provider.to_owned(),
            question,
        }),
        2 => (section(), select(vec![0.0, 0.5, 1.0, 2.0, 3.0]))
            .prop_map(|(id, w)| Edit::SectionWeight(id, w)),
        1 => (question(), select(vec![1.0, 2.0])).prop_map(|(id, w)| Edit::QuestionWeight(id, w)),
        1 => (question(), any::<bool>()).prop_map(|(id, on)| Edit::MustHave(id, on)),
        1 => (provider.clone(), author.clone()).prop_map(|(provider, by)| Edit::Decide(Decision {
            provider: provider.to_owned(),
            decided_by: by.to_owned(),
            decided_on: "2026-12-01".to_owned(),
            ..Decision::default()
        })),
        1 => author.prop_map(|name| Edit::SignOff(SignOff {
            name: name.to_owned(),
            role: String::new(),
            date: "2026-12-01".to_owned(),
            provider: String::new(),
            basis_sha256: "ab".repeat(32),
        })),
    ]
}

fn edited(base: &Comparison, edits: Vec<Edit>) -> Comparison {
    edits.into_iter().fold(base.clone(), apply)
}

fn three() -> impl Strategy<Value = (Comparison, Comparison, Comparison)> {
    (
        proptest::collection::vec(edit(), 0..8),
        proptest::collection::vec(edit(), 0..6),
        proptest::collection::vec(edit(), 0..6),
    )
        .prop_map(|(b, a, t)| {
            let base = edited(
                &Comparison {
                    format: Some(1),
                    ..Comparison::default()
                },
                b,
            );
            let ours = edited(&base, a);
            let theirs = edited(&base, t);
            (base, ours, theirs)
        })
}

/// Every conflict resolved the same way whichever side is ours (the smaller value), then
/// every list in a fixed order: what the file says, independent of the order of the sides.
fn content(mut c: Comparison) -> String {
    while let Some(conflict) = c.conflicts.first().cloned() {
        let chosen = conflict.ours.clone().min(conflict.theirs.clone());
        resolve_comparison(&mut c, 0, Resolution::Value(chosen)).expect("resolves");
    }
    c.audits.sort_by(|a, b| a.path.cmp(&b.path));
    c.section_weights.sort_keys();
    c.question_weights.sort_keys();
    c.must_have.sort();
    c.annotations
        .sort_by(|a, b| (&a.provider, &a.question).cmp(&(&b.provider, &b.question)));
    c.superseded.sort_by_key(value_text);
    c.sign_offs.sort_by_key(value_text);
    value_text(&c)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn merging_with_an_unchanged_side_gives_the_other((base, ours, theirs) in three()) {
        let (merged, conflicts) = merge_comparisons(&base, &ours, &base);
        prop_assert_eq!(conflicts, 0);
        prop_assert_eq!(content(merged), content(ours));
        let (merged, conflicts) = merge_comparisons(&base, &base, &theirs);
        prop_assert_eq!(conflicts, 0);
        prop_assert_eq!(content(merged), content(theirs.clone()));
        // As files, the unchanged side gives the other byte for byte.
        let text = |c: &Comparison| crate::compare::to_text(c, "").expect("writes");
        let merged = super::merge_texts(&text(&base), &text(&base), &text(&theirs)).expect("merges");
        prop_assert_eq!(merged.text(Questionnaire::builtin()).expect("text"), text(&theirs));
    }

    #[test]
    fn the_sides_can_be_swapped((base, ours, theirs) in three()) {
        let (one, n1) = merge_comparisons(&base, &ours, &theirs);
        let (two, n2) = merge_comparisons(&base, &theirs, &ours);
        prop_assert_eq!(n1, n2);
        prop_assert_eq!(content(one), content(two));
    }

    #[test]
    fn a_clean_merge_loads_and_validates((base, ours, theirs) in three()) {
        let (merged, conflicts) = merge_comparisons(&base, &ours, &theirs);
        let text = crate::compare::to_text(&merged, "").expect("writes");
        let source = crate::validate::SourceFile::from_text(std::path::Path::new("m.comparison.ron"), &text);
        let (loaded, findings) = crate::validate::check_comparison(&source, Questionnaire::builtin());
        prop_assert!(!findings.iter().any(crate::validate::Finding::is_error), "{:?}", findings);
        prop_assert_eq!(loaded.as_ref(), Some(&merged));
        if conflicts == 0 {
            prop_assert!(merged.conflicts.is_empty());
        }
    }
}
