//! Edits of a comparison, each a pure function of the comparison and the edit.

use crate::model::{
    Annotation, AuditRef, BasisScore, Comparison, Decision, DecisionBasis, Flag, QuestionId,
    SectionId, Verdict,
};
use crate::scoring::ProviderScore;

/// One change the meeting makes to a comparison.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set (or replace) the annotation on `provider`'s answer to `question`. An
    /// annotation with no flag, no verdict and no comment removes it.
    Annotate {
        /// Provider name.
        provider: String,
        /// Question id.
        question: QuestionId,
        /// Weak, follow-up or accepted.
        flag: Option<Flag>,
        /// Verdict override.
        verdict: Option<Verdict>,
        /// Comment.
        comment: String,
        /// Who.
        author: String,
        /// When (RFC 3339).
        at: String,
    },
    /// Remove the annotation on `provider`'s answer to `question`.
    RemoveAnnotation {
        /// Provider name.
        provider: String,
        /// Question id.
        question: QuestionId,
    },
    /// Set a section's weight (1 removes the entry, as it is the default).
    SectionWeight(SectionId, f64),
    /// Set a question's weight (1 removes the entry).
    QuestionWeight(QuestionId, f64),
    /// Make a question a must-have, or not.
    MustHave(QuestionId, bool),
    /// Record the decision; the one it replaces is kept among the superseded ones.
    Decide(Decision),
    /// Withdraw the decision; it is kept among the superseded ones.
    Undecide,
    /// Replace the whole comparison (autosaved work restored).
    Replace(Box<Comparison>),
}

/// A comparison's edits are undone and redone by [`History`](crate::undo::History).
impl crate::undo::Editable for Comparison {
    type Edit = Edit;

    fn apply(self, edit: Edit) -> Self {
        apply(self, edit)
    }

    fn merges(last: &Edit, next: &Edit) -> bool {
        match (last, next) {
            (Edit::SectionWeight(x, _), Edit::SectionWeight(y, _)) => x == y,
            (Edit::QuestionWeight(x, _), Edit::QuestionWeight(y, _)) => x == y,
            _ => false,
        }
    }
}

/// Applies `edit` to `comparison`, returning the new comparison.
#[must_use]
pub fn apply(mut comparison: Comparison, edit: Edit) -> Comparison {
    match edit {
        Edit::Annotate {
            provider,
            question,
            flag,
            verdict,
            comment,
            author,
            at,
        } => {
            comparison
                .annotations
                .retain(|a| !(a.provider == provider && a.question == question));
            if flag.is_some() || verdict.is_some() || !comment.trim().is_empty() {
                comparison.annotations.push(Annotation {
                    provider,
                    question,
                    flag,
                    verdict,
                    comment,
                    author,
                    at,
                });
            }
        }
        Edit::RemoveAnnotation { provider, question } => comparison
            .annotations
            .retain(|a| !(a.provider == provider && a.question == question)),
        Edit::SectionWeight(section, weight) => {
            set_weight(&mut comparison.section_weights, section, weight);
        }
        Edit::QuestionWeight(question, weight) => {
            set_weight(&mut comparison.question_weights, question, weight);
        }
        Edit::MustHave(question, on) => {
            comparison.must_have.retain(|q| *q != question);
            if on {
                comparison.must_have.push(question);
            }
        }
        Edit::Decide(decision) => {
            if let Some(earlier) = comparison.decision.replace(decision) {
                comparison.superseded.push(earlier);
            }
        }
        Edit::Undecide => {
            if let Some(earlier) = comparison.decision.take() {
                comparison.superseded.push(earlier);
            }
        }
        Edit::Replace(replacement) => comparison = *replacement,
    }
    comparison
}

/// Sets a weight; the default (1) is not stored. A weight already in the file keeps its
/// place; a new one goes last.
fn set_weight<K: std::hash::Hash + Eq>(
    weights: &mut indexmap::IndexMap<K, f64>,
    key: K,
    weight: f64,
) {
    let weight = round_weight(sanitize(weight));
    if (weight - 1.0).abs() < f64::EPSILON {
        weights.shift_remove(&key);
    } else {
        weights.insert(key, weight);
    }
}

/// How many decimals of a weight the app shows, and the precision an edit keeps.
pub const WEIGHT_DECIMALS: i32 = 2;

/// `weight` rounded to [`WEIGHT_DECIMALS`] decimals: the value the user sees is the value
/// stored, and it is written as the shortest text that reads back to it (a slider at 0.70
/// gives `0.7` in the file, never `0.7000000000000001`).
#[must_use]
pub fn round_weight(weight: f64) -> f64 {
    let scale = 10_f64.powi(WEIGHT_DECIMALS);
    let scaled = (weight * scale).round();
    if scaled.is_finite() {
        // An integer divided by a power of ten: the nearest double to the decimal shown.
        scaled / scale
    } else {
        weight
    }
}

/// Weights are finite and never negative; anything else becomes 0.
fn sanitize(weight: f64) -> f64 {
    if weight.is_finite() && weight > 0.0 {
        weight
    } else {
        0.0
    }
}

/// The basis of a decision taken now: the weights and must-haves in force, every
/// provider's rank and score, and the audits with their current SHA-256.
#[must_use]
pub fn basis(
    comparison: &Comparison,
    ranking: &[ProviderScore],
    audits: Vec<AuditRef>,
) -> DecisionBasis {
    DecisionBasis {
        section_weights: comparison
            .section_weights
            .iter()
            .map(|(id, weight)| (id.clone(), *weight))
            .collect(),
        question_weights: comparison
            .question_weights
            .iter()
            .map(|(id, weight)| (id.clone(), *weight))
            .collect(),
        must_have: comparison.must_have.clone(),
        scores: ranking
            .iter()
            .map(|score| BasisScore {
                provider: score.provider.clone(),
                rank: score.rank,
                score: (score.score * 100.0).round() / 100.0,
                knocked_out: score.knocked_out(),
            })
            .collect(),
        audits,
    }
}

#[cfg(test)]
mod tests {
    use super::{Edit, apply};

    #[test]
    fn a_weight_is_kept_as_shown_and_written_as_typed() {
        // 0.1 * 7 is 0.7000000000000001: what a slider or a sum can give.
        let dragged = 0.1 * 7.0;
        assert_ne!(dragged.to_bits(), 0.7_f64.to_bits());
        let mut comparison = apply(
            Comparison::default(),
            Edit::SectionWeight("tech".into(), dragged),
        );
        comparison = apply(
            comparison,
            Edit::QuestionWeight(QuestionId::new("a.b"), 1.1 + 2.2),
        );
        assert_eq!(comparison.section_weights.get("tech"), Some(&0.7));
        assert_eq!(
            comparison.question_weights.get(&QuestionId::new("a.b")),
            Some(&3.3)
        );
        let text = comparison.to_ron_as_typed().expect("ron");
        assert!(text.contains("\"tech\": 0.7,"), "{text}");
        assert!(text.contains(": 3.3,"), "{text}");
        assert!(!text.contains("000000"), "{text}");
        // A weight that rounds to the default is no entry at all.
        let back = apply(comparison, Edit::SectionWeight("tech".into(), 0.999_999));
        assert!(back.section_weights.is_empty());
    }
    use crate::model::{Comparison, Decision, Flag, QuestionId, Verdict};

    fn annotate(flag: Option<Flag>, verdict: Option<Verdict>, comment: &str) -> Edit {
        Edit::Annotate {
            provider: "P".to_owned(),
            question: QuestionId::new("a.b"),
            flag,
            verdict,
            comment: comment.to_owned(),
            author: "ak".to_owned(),
            at: "2026-11-30T10:00:00Z".to_owned(),
        }
    }

    #[test]
    fn annotating_replaces_and_empty_annotations_remove() {
        let c = apply(
            Comparison::default(),
            annotate(Some(Flag::Weak), None, "vague"),
        );
        assert_eq!(c.annotations.len(), 1);
        let c = apply(
            c,
            annotate(Some(Flag::FollowUp), Some(Verdict::Gap), "ask again"),
        );
        assert_eq!(c.annotations.len(), 1, "one annotation per answer");
        let note = c.annotation("P", "a.b").expect("annotated");
        assert_eq!(
            (note.flag, note.verdict),
            (Some(Flag::FollowUp), Some(Verdict::Gap))
        );
        let c = apply(c, annotate(None, None, "  "));
        assert!(c.annotations.is_empty());
        let c = apply(
            apply(c, annotate(Some(Flag::Accepted), None, "")),
            Edit::RemoveAnnotation {
                provider: "P".to_owned(),
                question: QuestionId::new("a.b"),
            },
        );
        assert!(c.annotations.is_empty());
    }

    #[test]
    fn weights_default_to_one_and_are_never_negative() {
        let c = apply(
            Comparison::default(),
            Edit::SectionWeight("legal".into(), 2.0),
        );
        assert!((c.section_weight("legal") - 2.0).abs() < f64::EPSILON);
        let c = apply(c, Edit::SectionWeight("legal".into(), 1.0));
        assert!(c.section_weights.is_empty(), "the default is not stored");
        let c = apply(c, Edit::QuestionWeight(QuestionId::new("a.b"), -3.0));
        assert!(c.question_weight("a.b").abs() < f64::EPSILON);
        let c = apply(c, Edit::QuestionWeight(QuestionId::new("a.b"), f64::NAN));
        assert!(c.question_weight("a.b").abs() < f64::EPSILON);
    }

    #[test]
    fn must_haves_toggle_without_duplicates() {
        let id = QuestionId::new("a.b");
        let c = apply(Comparison::default(), Edit::MustHave(id.clone(), true));
        let c = apply(c, Edit::MustHave(id.clone(), true));
        assert_eq!(c.must_have, std::slice::from_ref(&id));
        let c = apply(c, Edit::MustHave(id, false));
        assert!(c.must_have.is_empty());
    }

    #[test]
    fn deciding_and_withdrawing() {
        let decision = Decision {
            provider: "P".to_owned(),
            ..Decision::default()
        };
        let c = apply(Comparison::default(), Edit::Decide(decision.clone()));
        assert_eq!(c.decision, Some(decision.clone()));
        assert!(c.superseded.is_empty());
        let other = Decision {
            provider: "Q".to_owned(),
            ..Decision::default()
        };
        let c = apply(c, Edit::Decide(other.clone()));
        assert_eq!(c.decision, Some(other.clone()));
        assert_eq!(
            c.superseded,
            std::slice::from_ref(&decision),
            "the earlier one is kept"
        );
        let c = apply(c, Edit::Undecide);
        assert_eq!(c.decision, None);
        assert_eq!(c.superseded, [decision, other], "oldest first");
    }
}
