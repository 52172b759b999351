//! Sign-offs of a decision: the SHA-256 of the decision's basis (the provider chosen, the
//! weights and must-haves in force, every provider's rank and score, the audits' SHA-256),
//! signing, and whether a sign-off is still current. The basis is the one the decision
//! records (see [`compare::basis`](crate::compare::basis)); its hash leaves out the paths
//! the audits were opened by, so that it is the same on every clone.
//!
//! Pure functions; no file system, no clock (the date is given), no UI.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::fsutil::sha256_hex;
use crate::model::{Comparison, Date, DecisionBasis, SignOff};
use crate::view::BasisChange;

/// The SHA-256 (hex) of the decision for `provider` on `basis`: computed over a canonical
/// text (weights of 1 left out, ids sorted, scores to two decimals, audits by SHA-256).
#[must_use]
pub fn basis_sha256(provider: &str, basis: &DecisionBasis) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "provider {}", provider.trim());
    for (id, weight) in &basis.section_weights {
        if (weight - 1.0).abs() > 1e-9 {
            let _ = writeln!(text, "section {id} {weight}");
        }
    }
    for (id, weight) in &basis.question_weights {
        if (weight - 1.0).abs() > 1e-9 {
            let _ = writeln!(text, "question {id} {weight}");
        }
    }
    let must: BTreeSet<&str> = basis
        .must_have
        .iter()
        .map(crate::model::QuestionId::as_str)
        .collect();
    for id in must {
        let _ = writeln!(text, "must-have {id}");
    }
    let scores: BTreeMap<&str, String> = basis
        .scores
        .iter()
        .map(|s| {
            (
                s.provider.as_str(),
                format!("{} {:.2} {}", s.rank, s.score, s.knocked_out),
            )
        })
        .collect();
    for (provider, score) in scores {
        let _ = writeln!(text, "score {provider} {score}");
    }
    let audits: BTreeSet<String> = basis
        .audits
        .iter()
        .filter_map(|a| a.sha256.as_deref())
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for hash in audits {
        let _ = writeln!(text, "audit {hash}");
    }
    sha256_hex(text.as_bytes())
}

/// Why a sign-off cannot be recorded.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SignError {
    /// Nothing to sign.
    #[error("there is no decision to sign")]
    NoDecision,
    /// A sign-off names who signs.
    #[error("a sign-off needs a name")]
    NoName,
    /// The decision no longer matches what is shown: signing it would sign something else.
    #[error(
        "the decision no longer matches the weights or audits in force ({0}); record it again before signing"
    )]
    DecisionDoesNotHold(String),
    /// The same person already signed this basis.
    #[error("{0} already signed the decision on this basis")]
    AlreadySigned(String),
}

/// A sign-off by `name` (in `role`) on `date` of the decision of `comparison`, whose basis
/// in force hashes to `current_basis_sha256` (the view's
/// [`SignOffStatus::current_basis_sha256`](crate::view::SignOffStatus)). `changed` is
/// what differs from the decision's recorded basis (the view's decision status): a
/// decision that no longer holds is not signed.
///
/// # Errors
/// No decision, no name, a decision that no longer holds, or the same person's current
/// sign-off already there.
pub fn sign_off(
    comparison: &Comparison,
    current_basis_sha256: &str,
    changed: &[BasisChange],
    name: &str,
    role: &str,
    date: Date,
) -> Result<SignOff, SignError> {
    let decision = comparison.decision.as_ref().ok_or(SignError::NoDecision)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(SignError::NoName);
    }
    if !changed.is_empty() {
        let what: Vec<String> = changed.iter().map(BasisChange::describe).collect();
        return Err(SignError::DecisionDoesNotHold(what.join("; ")));
    }
    if comparison
        .sign_offs
        .iter()
        .any(|s| same_name(&s.name, name) && s.basis_sha256 == current_basis_sha256)
    {
        return Err(SignError::AlreadySigned(name.to_owned()));
    }
    Ok(SignOff {
        name: name.to_owned(),
        role: role.trim().to_owned(),
        date: date.to_string(),
        provider: decision.provider.clone(),
        basis_sha256: current_basis_sha256.to_owned(),
    })
}

/// Names are matched without regard to case or surrounding spaces.
#[must_use]
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::basis_sha256;
    use crate::model::{AuditRef, BasisScore, DecisionBasis, QuestionId, SectionId};

    fn basis() -> DecisionBasis {
        DecisionBasis {
            section_weights: [
                (SectionId::new("legal"), 2.0),
                (SectionId::new("tech"), 1.0),
            ]
            .into_iter()
            .collect(),
            must_have: vec![QuestionId::new("b.q"), QuestionId::new("a.q")],
            scores: vec![BasisScore {
                provider: "P".to_owned(),
                rank: 1,
                score: 71.254,
                knocked_out: false,
            }],
            audits: vec![AuditRef {
                path: "one/p.ron".to_owned(),
                sha256: Some("AB".repeat(32)),
            }],
            ..DecisionBasis::default()
        }
    }

    #[test]
    fn the_hash_ignores_paths_order_and_default_weights_but_not_what_counts() {
        let reference = basis_sha256("P", &basis());
        let mut moved = basis();
        moved.audits[0].path = "elsewhere/p.ron".to_owned();
        moved.audits[0].sha256 = Some("ab".repeat(32));
        moved.must_have.reverse();
        moved.section_weights.remove("tech");
        assert_eq!(basis_sha256("P", &moved), reference);
        let mut weighted = basis();
        weighted.section_weights.insert(SectionId::new("tech"), 3.0);
        assert_ne!(basis_sha256("P", &weighted), reference);
        assert_ne!(basis_sha256("Q", &basis()), reference);
        let mut audited = basis();
        audited.audits[0].sha256 = Some("cd".repeat(32));
        assert_ne!(basis_sha256("P", &audited), reference);
    }
}
