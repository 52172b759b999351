//! The re-audits in the view: for each provider audited more than once, its scores over
//! time and what changed from its previous audit to the current one.

use crate::history::{self, AuditDiff, Direction};
use crate::model::Questionnaire;
use crate::scoring::score_audit;
use crate::workspace::{LoadedAudit, Workspace};

/// One audit of a provider, a point in its history.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryPoint {
    /// `audited_on`.
    pub date: Option<String>,
    /// The audit's file name.
    pub file: String,
    /// Score from 0 to 100, with the comparison's weights.
    pub score: f64,
    /// Section scores from 0 to 100, in questionnaire order.
    pub sections: Vec<Option<f64>>,
}

/// A provider audited more than once.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderHistory {
    /// The provider's name (as the current audit writes it).
    pub provider: String,
    /// Every audit, oldest first; the current one is the last.
    pub points: Vec<HistoryPoint>,
    /// From the previous audit to the current one.
    pub diff: AuditDiff,
}

impl ProviderHistory {
    /// The direction of the change of item `id` since the previous audit, when its verdict
    /// changed (or it was answered in only one of them).
    #[must_use]
    pub fn verdict_change(&self, id: &str) -> Option<(Direction, &history::Change)> {
        self.diff
            .changes
            .iter()
            .find(|c| c.id == id && c.kind != history::ChangeKind::Answer)
            .filter(|c| c.old_verdict != c.new_verdict)
            .map(|c| (c.direction, c))
    }
}

fn point(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    loaded: &LoadedAudit,
) -> HistoryPoint {
    let score = score_audit(questionnaire, &loaded.audit, workspace.comparison());
    HistoryPoint {
        date: loaded.audit.audited_on.clone(),
        file: super::file_name(&loaded.path),
        score: score.score,
        sections: score
            .sections
            .iter()
            .map(|s| s.score.map(|v| v * 100.0))
            .collect(),
    }
}

/// The histories of the providers of `workspace` that have earlier audits, in the order
/// of `current` (provider names, ranking order).
#[must_use]
pub fn histories(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    current: &[&str],
) -> Vec<ProviderHistory> {
    current
        .iter()
        .filter_map(|provider| {
            let now = workspace
                .audits
                .iter()
                .find(|a| a.audit.provider == *provider)?;
            let earlier = workspace.history_of(provider);
            let previous: &LoadedAudit = earlier.last()?;
            let file = |a: &LoadedAudit| a.path.display().to_string();
            let diff = history::diff(
                questionnaire,
                (&previous.audit, &file(previous)),
                (&now.audit, &file(now)),
                workspace.comparison(),
            );
            let points = earlier
                .iter()
                .copied()
                .chain(std::iter::once(now))
                .map(|loaded| point(questionnaire, workspace, loaded))
                .collect();
            Some(ProviderHistory {
                provider: (*provider).to_owned(),
                points,
                diff,
            })
        })
        .collect()
}
