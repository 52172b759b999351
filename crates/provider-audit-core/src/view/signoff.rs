//! The sign-offs of the decision as every output shows them: who signed, whether each
//! sign-off is current (made on the basis in force) or stale, and then what changed since;
//! and whether the decision is signed (every required signer has a current sign-off).

use std::collections::BTreeSet;

use super::BasisChange;
use crate::model::{Comparison, DecisionBasis, Questionnaire};
use crate::signoff::{basis_sha256, same_name};

/// One sign-off.
#[derive(Clone, Debug, PartialEq)]
pub struct SignOffView {
    /// Who signed.
    pub name: String,
    /// In which role (may be empty).
    pub role: String,
    /// When.
    pub date: String,
    /// The provider chosen when signed.
    pub provider: String,
    /// True when signed on the basis in force.
    pub current: bool,
    /// For a stale sign-off, what differs from the basis it was made on (empty when that
    /// basis is not recorded in the file: `basis_known` is then false).
    pub changes: Vec<BasisChange>,
    /// True when the basis signed is one of the decisions' recorded bases.
    pub basis_known: bool,
}

impl SignOffView {
    /// `A. Karlsson (security officer), 2026-12-01`, and `stale: …` when it is.
    #[must_use]
    pub fn describe(&self) -> String {
        let role = if self.role.is_empty() {
            String::new()
        } else {
            format!(" ({})", self.role)
        };
        let mut text = format!("{}{role}, {}", self.name, self.date);
        if !self.current {
            let what: Vec<String> = self.changes.iter().map(BasisChange::describe).collect();
            text.push_str(&if what.is_empty() {
                " — stale: signed on another basis".to_owned()
            } else {
                format!(" — stale: changed since: {}", what.join("; "))
            });
        }
        text
    }
}

/// The decision's sign-offs and whether it is signed.
#[derive(Clone, Debug, PartialEq)]
pub struct SignOffStatus {
    /// The SHA-256 of the decision on the basis in force: what a sign-off now records.
    pub current_basis_sha256: String,
    /// Every sign-off, oldest first.
    pub sign_offs: Vec<SignOffView>,
    /// Names who must sign, as the comparison lists them.
    pub required: Vec<String>,
    /// Required names without a current sign-off.
    pub missing: Vec<String>,
    /// True when the decision is signed: every required signer has a current sign-off
    /// (with none required: at least one current sign-off).
    pub signed: bool,
}

impl SignOffStatus {
    /// One line: `Signed by …` or `Not signed yet: waiting for …`.
    #[must_use]
    pub fn headline(&self) -> String {
        let current: Vec<&str> = self
            .sign_offs
            .iter()
            .filter(|s| s.current)
            .map(|s| s.name.as_str())
            .collect();
        if self.signed {
            format!("Signed by {}", current.join(", "))
        } else if self.missing.is_empty() {
            "Not signed yet".to_owned()
        } else {
            format!("Not signed yet: waiting for {}", self.missing.join(", "))
        }
    }

    /// True when there is nothing to show: no sign-off and no one required to sign (the
    /// outputs then leave the sign-offs out).
    #[must_use]
    pub fn nothing_to_show(&self) -> bool {
        self.sign_offs.is_empty() && self.required.is_empty()
    }

    /// Sign-offs that no longer match the basis in force.
    pub fn stale(&self) -> impl Iterator<Item = &SignOffView> {
        self.sign_offs.iter().filter(|s| !s.current)
    }
}

/// The status, when there is a decision or a sign-off.
pub(crate) fn status(
    questionnaire: &Questionnaire,
    comparison: &Comparison,
    current_basis: &DecisionBasis,
) -> Option<SignOffStatus> {
    if comparison.decision.is_none() && comparison.sign_offs.is_empty() {
        return None;
    }
    let provider = comparison
        .decision
        .as_ref()
        .map_or("", |d| d.provider.as_str());
    let current_hash = basis_sha256(provider, current_basis);
    let recorded: Vec<(&str, &DecisionBasis)> = comparison
        .decision
        .iter()
        .chain(comparison.superseded.iter().rev())
        .filter_map(|d| d.basis.as_ref().map(|b| (d.provider.as_str(), b)))
        .collect();
    let sign_offs: Vec<SignOffView> = comparison
        .sign_offs
        .iter()
        .map(|s| {
            let current = comparison.decision.is_some() && s.basis_sha256 == current_hash;
            let signed_on = recorded
                .iter()
                .find(|(p, b)| basis_sha256(p, b) == s.basis_sha256);
            let changes = match (current, signed_on) {
                (false, Some((then_provider, then))) => {
                    let mut changes = Vec::new();
                    if *then_provider != provider {
                        changes.push(BasisChange::Chosen(
                            (*then_provider).to_owned(),
                            provider.to_owned(),
                        ));
                    }
                    changes.extend(basis_changes(questionnaire, then, current_basis));
                    changes
                }
                _ => Vec::new(),
            };
            SignOffView {
                name: s.name.trim().to_owned(),
                role: s.role.trim().to_owned(),
                date: s.date.trim().to_owned(),
                provider: s.provider.clone(),
                current,
                changes,
                basis_known: signed_on.is_some(),
            }
        })
        .collect();
    let missing: Vec<String> = comparison
        .required_signers
        .iter()
        .filter(|name| {
            !sign_offs
                .iter()
                .any(|s| s.current && same_name(&s.name, name))
        })
        .map(|name| name.trim().to_owned())
        .collect();
    let signed =
        comparison.decision.is_some() && missing.is_empty() && sign_offs.iter().any(|s| s.current);
    Some(SignOffStatus {
        current_basis_sha256: current_hash,
        sign_offs,
        required: comparison
            .required_signers
            .iter()
            .map(|n| n.trim().to_owned())
            .collect(),
        missing,
        signed,
    })
}

/// What differs between two bases: weights, must-haves, scores, audits.
#[must_use]
pub fn basis_changes(
    questionnaire: &Questionnaire,
    then: &DecisionBasis,
    now: &DecisionBasis,
) -> Vec<BasisChange> {
    let mut changes = Vec::new();
    let sections: BTreeSet<&str> = then
        .section_weights
        .keys()
        .chain(now.section_weights.keys())
        .map(crate::model::SectionId::as_str)
        .collect();
    for id in sections {
        let weight = |b: &DecisionBasis| b.section_weights.get(id).copied().unwrap_or(1.0);
        let (w_then, w_now) = (weight(then), weight(now));
        if (w_then - w_now).abs() > 1e-9 {
            let label = questionnaire.section_position(id).map_or_else(
                || id.to_owned(),
                |i| questionnaire.sections[i].label.clone(),
            );
            changes.push(BasisChange::SectionWeight(label, w_then, w_now));
        }
    }
    let questions: BTreeSet<&str> = then
        .question_weights
        .keys()
        .chain(now.question_weights.keys())
        .map(crate::model::QuestionId::as_str)
        .collect();
    let differing: Vec<String> = questions
        .into_iter()
        .filter(|id| {
            let weight = |b: &DecisionBasis| b.question_weights.get(*id).copied().unwrap_or(1.0);
            (weight(then) - weight(now)).abs() > 1e-9
        })
        .map(str::to_owned)
        .collect();
    if !differing.is_empty() {
        changes.push(BasisChange::QuestionWeights(differing));
    }
    let must = |b: &DecisionBasis| -> BTreeSet<String> {
        b.must_have.iter().map(|q| q.as_str().to_owned()).collect()
    };
    let (m_then, m_now) = (must(then), must(now));
    let added: Vec<String> = m_now.difference(&m_then).cloned().collect();
    let removed: Vec<String> = m_then.difference(&m_now).cloned().collect();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(BasisChange::MustHaves { added, removed });
    }
    for recorded in &then.scores {
        if let Some(score) = now.scores.iter().find(|s| s.provider == recorded.provider)
            && (score.score - recorded.score).abs() > 0.005
        {
            changes.push(BasisChange::Score(
                recorded.provider.clone(),
                recorded.score,
                score.score,
            ));
        }
    }
    let hashes = |b: &DecisionBasis| -> BTreeSet<String> {
        b.audits
            .iter()
            .filter_map(|a| a.sha256.as_deref())
            .map(|h| h.trim().to_ascii_lowercase())
            .collect()
    };
    let now_hashes = hashes(now);
    for audit in &then.audits {
        if let Some(hash) = audit.sha256.as_deref()
            && !now_hashes.contains(&hash.trim().to_ascii_lowercase())
        {
            changes.push(BasisChange::Audit(format!(
                "{} ({} changed since)",
                audit.path,
                crate::labels::short_hash(hash)
            )));
        }
    }
    changes
}
