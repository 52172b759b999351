//! The status of every item for one audit: what the scoring formula sees in each cell.

use crate::model::{Audit, Comparison, ItemKind, Questionnaire, Scope, Verdict};

/// What one audit says about one item, after scope rules and overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellStatus {
    /// A heading: no answer expected.
    Heading,
    /// Out of scope for this audit (self-managed scope, or an unanswered `nfs`/`hipaa`
    /// item or follow-up).
    OutOfScope,
    /// In scope, no verdict yet.
    NotAsked,
    /// The effective verdict (the comparison's override, else the audit's).
    Rated(Verdict),
}

impl CellStatus {
    /// The value in the formula; `None` when the item is left out.
    #[must_use]
    pub fn value(self) -> Option<f64> {
        match self {
            Self::Heading | Self::OutOfScope => None,
            Self::NotAsked => Some(0.0),
            Self::Rated(verdict) => verdict.value(),
        }
    }

    /// True when the item has a verdict.
    #[must_use]
    pub fn is_asked(self) -> bool {
        matches!(self, Self::Rated(_))
    }

    /// The verdict, if any.
    #[must_use]
    pub fn verdict(self) -> Option<Verdict> {
        match self {
            Self::Rated(verdict) => Some(verdict),
            _ => None,
        }
    }
}

/// The status of every item of `questionnaire` (same indices) for `audit`.
#[must_use]
pub fn statuses(
    questionnaire: &Questionnaire,
    audit: &Audit,
    comparison: &Comparison,
) -> Vec<CellStatus> {
    let mut result: Vec<CellStatus> = Vec::with_capacity(questionnaire.items.len());
    // Each item's answer, the first given to its id (as `Audit::answer`), found in one
    // pass instead of a search of the answers per item.
    let mut answers: crate::hash::HashMap<&str, &crate::model::Answer> =
        crate::hash::HashMap::with_capacity_and_hasher(
            audit.answers.len(),
            foldhash::fast::RandomState::default(),
        );
    for (id, answer) in audit.answers.iter() {
        answers.entry(id.as_str()).or_insert(answer);
    }
    for item in &questionnaire.items {
        let status = if item.kind == ItemKind::Heading {
            CellStatus::Heading
        } else {
            let verdict = comparison
                .annotation(&audit.provider, item.id.as_str())
                .and_then(|a| a.verdict)
                .or_else(|| {
                    answers
                        .get(item.id.as_str())
                        .and_then(|answer| answer.verdict)
                })
                .or_else(|| {
                    (item.kind == ItemKind::Document
                        && audit.documents.iter().any(|d| d.item == item.id))
                    .then_some(Verdict::Meets)
                });
            let out_of_scope = audit.scope == Scope::SelfManaged && item.has_tag("managed-service");
            let conditional_scope = item.has_tag("nfs") || item.has_tag("hipaa");
            // A follow-up ("If yes, ..."/"If not, ...") counts only when it has a verdict:
            // whether it applies depends on the parent's answer, and counting it as not
            // asked when the parent improves would let a better answer lower the score.
            let follow_up = item.condition.is_some();
            match verdict {
                _ if out_of_scope => CellStatus::OutOfScope,
                Some(verdict) => CellStatus::Rated(verdict),
                None if conditional_scope || follow_up => CellStatus::OutOfScope,
                None => CellStatus::NotAsked,
            }
        };
        result.push(status);
    }
    result
}
