//! Whether the recorded decision still holds on what is shown: the chosen provider's rank
//! now, who leads, and which part of the decision's basis (weights, must-haves, scores,
//! audits) differs from what is in force.

use std::collections::BTreeSet;

use crate::model::{DecisionBasis, Questionnaire};
use crate::scoring::ProviderScore;
use crate::workspace::{Workspace, short_hash};

/// The decision measured against the comparison in force.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionStatus {
    /// The chosen provider.
    pub chosen: String,
    /// Its rank now; `None` when no loaded audit has its name.
    pub chosen_rank: Option<usize>,
    /// True when it is knocked out now.
    pub chosen_knocked_out: bool,
    /// Who ranks first now.
    pub leader: Option<String>,
    /// What differs from the basis the decision was recorded on (empty when it still
    /// holds, or when no basis was recorded).
    pub changes: Vec<BasisChange>,
    /// True when the decision recorded its basis.
    pub has_basis: bool,
}

impl DecisionStatus {
    /// True when the chosen provider is first and not knocked out.
    #[must_use]
    pub fn chosen_is_first(&self) -> bool {
        self.chosen_rank == Some(1) && !self.chosen_knocked_out
    }

    /// True when the decision holds: the chosen provider is first and nothing of its basis
    /// changed.
    #[must_use]
    pub fn holds(&self) -> bool {
        self.chosen_is_first() && self.changes.is_empty()
    }

    /// One line for people: empty when the decision holds.
    #[must_use]
    pub fn warning(&self) -> Option<String> {
        if self.holds() {
            return None;
        }
        let mut parts = Vec::new();
        match (self.chosen_rank, &self.leader) {
            (None, _) => parts.push(format!("{} is not among the loaded audits", self.chosen)),
            (Some(_), _) if self.chosen_knocked_out => {
                parts.push(format!("{} is knocked out now", self.chosen));
            }
            (Some(rank), Some(leader)) if rank != 1 => {
                parts.push(format!(
                    "{leader} ranks first now ({} is {rank})",
                    self.chosen
                ));
            }
            _ => {}
        }
        if !self.changes.is_empty() {
            let what: Vec<String> = self.changes.iter().map(BasisChange::describe).collect();
            parts.push(format!("changed since the decision: {}", what.join("; ")));
        }
        Some(format!(
            "The decision for {} no longer matches what is shown: {}",
            self.chosen,
            parts.join("; ")
        ))
    }
}

/// One part of a decision's basis that differs from what is in force.
#[derive(Clone, Debug, PartialEq)]
pub enum BasisChange {
    /// A section weight differs: section label, weight then, weight now.
    SectionWeight(String, f64, f64),
    /// Question weights differ (ids).
    QuestionWeights(Vec<String>),
    /// Must-haves added or removed (ids).
    MustHaves {
        /// Must-haves now that were not then.
        added: Vec<String>,
        /// Must-haves then that are not now.
        removed: Vec<String>,
    },
    /// A provider's score or rank differs: provider, score then, score now.
    Score(String, f64, f64),
    /// An audit's file differs from the one decided on: its path.
    Audit(String),
    /// Another provider is chosen: the one then, the one now.
    Chosen(String, String),
}

impl BasisChange {
    /// In words.
    #[must_use]
    pub fn describe(&self) -> String {
        let weight = crate::compare::short_weight;
        match self {
            Self::SectionWeight(label, then, now) => {
                format!("{label} weight {} → {}", weight(*then), weight(*now))
            }
            Self::QuestionWeights(ids) => format!("question weights of {}", ids.join(", ")),
            Self::MustHaves { added, removed } => {
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("must-haves added: {}", added.join(", ")));
                }
                if !removed.is_empty() {
                    parts.push(format!("must-haves removed: {}", removed.join(", ")));
                }
                parts.join(", ")
            }
            Self::Score(provider, then, now) => format!("{provider} score {then:.1} → {now:.1}"),
            Self::Audit(path) => format!("audit {path}"),
            Self::Chosen(then, now) => format!("decision {then} → {now}"),
        }
    }
}

/// The status of the workspace's decision, if there is one.
pub(super) fn status(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    ranking: &[ProviderScore],
) -> Option<DecisionStatus> {
    let comparison = workspace.comparison();
    let decision = comparison.decision.as_ref()?;
    let chosen = ranking.iter().find(|s| s.provider == decision.provider);
    let changes = decision
        .basis
        .as_ref()
        .map(|basis| changes(questionnaire, workspace, ranking, basis))
        .unwrap_or_default();
    Some(DecisionStatus {
        chosen: decision.provider.clone(),
        chosen_rank: chosen.map(|s| s.rank),
        chosen_knocked_out: chosen.is_some_and(ProviderScore::knocked_out),
        leader: ranking.first().map(|s| s.provider.clone()),
        changes,
        has_basis: decision.basis.is_some(),
    })
}

fn changes(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    ranking: &[ProviderScore],
    basis: &DecisionBasis,
) -> Vec<BasisChange> {
    let comparison = workspace.comparison();
    let mut changes = Vec::new();
    for section in &questionnaire.sections {
        let id = section.id.as_str();
        let then = basis.section_weights.get(id).copied().unwrap_or(1.0);
        let now = comparison.section_weight(id);
        if (then - now).abs() > 1e-9 {
            changes.push(BasisChange::SectionWeight(section.label.clone(), then, now));
        }
    }
    let question_ids: BTreeSet<&str> = basis
        .question_weights
        .keys()
        .chain(comparison.question_weights.keys())
        .map(crate::model::QuestionId::as_str)
        .collect();
    let differing: Vec<String> = question_ids
        .into_iter()
        .filter(|id| {
            let then = basis
                .question_weights
                .iter()
                .find(|(q, _)| q.as_str() == *id)
                .map_or(1.0, |(_, w)| *w);
            (then - comparison.question_weight(id)).abs() > 1e-9
        })
        .map(str::to_owned)
        .collect();
    if !differing.is_empty() {
        changes.push(BasisChange::QuestionWeights(differing));
    }
    let then: BTreeSet<&str> = basis
        .must_have
        .iter()
        .map(crate::model::QuestionId::as_str)
        .collect();
    let now: BTreeSet<&str> = comparison
        .must_have
        .iter()
        .map(crate::model::QuestionId::as_str)
        .collect();
    let added: Vec<String> = now.difference(&then).map(|s| (*s).to_owned()).collect();
    let removed: Vec<String> = then.difference(&now).map(|s| (*s).to_owned()).collect();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(BasisChange::MustHaves { added, removed });
    }
    for recorded in &basis.scores {
        if let Some(score) = ranking.iter().find(|s| s.provider == recorded.provider) {
            // The basis keeps two decimals.
            let now = (score.score * 100.0).round() / 100.0;
            if (now - recorded.score).abs() > 0.005 {
                changes.push(BasisChange::Score(
                    recorded.provider.clone(),
                    recorded.score,
                    now,
                ));
            }
        }
    }
    for audit in &basis.audits {
        let Some(recorded) = audit.sha256.as_deref() else {
            continue;
        };
        let present = workspace
            .audits
            .iter()
            .any(|loaded| loaded.sha256.eq_ignore_ascii_case(recorded.trim()));
        if !present {
            changes.push(BasisChange::Audit(format!(
                "{} ({} no longer loaded)",
                audit.path,
                short_hash(recorded)
            )));
        }
    }
    changes
}
