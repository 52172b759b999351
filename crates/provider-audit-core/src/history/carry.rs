//! Carrying last year's annotations over to this year's audit: an annotation of the
//! provider in an earlier comparison applies again where the answer did not change (same
//! text, same verdict) and the current comparison has none of its own.

use super::{AuditDiff, ChangeKind};
use crate::compare::{Edit, apply};
use crate::model::Comparison;

/// `current` with the annotations of `earlier` on the provider of `diff` added, for the
/// questions whose answer and verdict did not change from `diff.old` to `diff.new`; and
/// how many were carried over. Annotations `current` already has are left as they are.
#[must_use]
pub fn carry_over(
    earlier: &Comparison,
    current: &Comparison,
    diff: &AuditDiff,
) -> (Comparison, usize) {
    let changed = |question: &str| {
        diff.changes
            .iter()
            .any(|c| c.id == question && c.kind != ChangeKind::Evidence)
    };
    let mut result = current.clone();
    let mut carried = 0;
    for annotation in earlier
        .annotations
        .iter()
        .filter(|a| a.provider == diff.old.provider || a.provider == diff.new.provider)
    {
        let question = annotation.question.as_str();
        if changed(question) || result.annotation(&diff.new.provider, question).is_some() {
            continue;
        }
        result = apply(
            result,
            Edit::Annotate {
                provider: diff.new.provider.clone(),
                question: annotation.question.clone(),
                flag: annotation.flag,
                verdict: annotation.verdict,
                comment: annotation.comment.clone(),
                author: annotation.author.clone(),
                at: annotation.at.clone(),
            },
        );
        carried += 1;
    }
    (result, carried)
}
