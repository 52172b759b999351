//! What is due: audits past or near their re-audit date (the comparison's interval, 12
//! months by default, per provider or for all), evidence documents expired or expiring,
//! stale sign-offs of the decision and merge conflicts not resolved yet. The command line
//! (`provider-audit due`, for cron and CI jobs) and the app's overview list the same.
//!
//! Pure: reads the loaded workspace (the sign-offs and conflicts as the view derives them,
//! without deriving the rest of it); the day is given, no clock, no UI.

use serde::Serialize;

use crate::model::{Date, Questionnaire};
use crate::workspace::Workspace;

/// What kind of thing is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// A merge conflict not resolved yet.
    Conflict,
    /// A sign-off made on another basis than the one in force.
    StaleSignOff,
    /// An audit past or near its re-audit date.
    Reaudit,
    /// An evidence document expired or expiring.
    Evidence,
}

/// One thing due.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DueItem {
    /// What kind.
    pub kind: DueKind,
    /// The file it is in.
    pub file: String,
    /// The provider, where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// The day it is due (`YYYY-MM-DD`), where there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_on: Option<String>,
    /// Days from today to `due_on` (negative: overdue).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_left: Option<i64>,
    /// In words, for people.
    pub message: String,
}

/// Everything due on `today` or within `within_days` after it: conflicts first, then
/// stale sign-offs, then re-audits and documents by date.
#[must_use]
pub fn due(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    today: Date,
    within_days: u32,
) -> Vec<DueItem> {
    let horizon = today.plus_days(i64::from(within_days));
    let comparison = workspace.comparison();
    let mut items: Vec<DueItem> = crate::view::conflicts(workspace)
        .iter()
        .map(|c| DueItem {
            kind: DueKind::Conflict,
            file: c.path.clone(),
            provider: None,
            due_on: None,
            days_left: None,
            message: format!("merge conflict: {}", c.conflict.describe()),
        })
        .collect();
    let comparison_file = workspace
        .comparison
        .as_ref()
        .map(|c| c.path.display().to_string())
        .unwrap_or_default();
    // Scoring is needed only to know whether sign-offs are current.
    let sign_offs = if comparison.sign_offs.is_empty() {
        None
    } else {
        let ranking = workspace.ranking(questionnaire);
        let basis = crate::view::current_basis(comparison, &ranking, workspace);
        crate::view::signoff::status(questionnaire, comparison, &basis)
    };
    if let Some(status) = &sign_offs {
        items.extend(status.stale().map(|s| DueItem {
            kind: DueKind::StaleSignOff,
            file: comparison_file.clone(),
            provider: (!s.provider.is_empty()).then(|| s.provider.clone()),
            due_on: None,
            days_left: None,
            message: format!("sign-off to renew: {}", s.describe()),
        }));
    }
    let mut dated = Vec::new();
    for loaded in &workspace.audits {
        let audit = &loaded.audit;
        let file = loaded.path.display().to_string();
        let months = comparison.reaudit_months_of(&audit.provider);
        match audit.audited_on.as_deref().and_then(Date::parse) {
            Some(audited) => {
                if let Some(due_on) = audited.plus_months(months)
                    && due_on <= horizon
                {
                    let days = today.days_until(due_on);
                    dated.push(DueItem {
                        kind: DueKind::Reaudit,
                        file: file.clone(),
                        provider: Some(audit.provider.clone()),
                        due_on: Some(due_on.to_string()),
                        days_left: Some(days),
                        message: format!(
                            "re-audit of {} due {due_on}, {} (audited {audited}, every {months} months)",
                            audit.provider,
                            relative(days)
                        ),
                    });
                }
            }
            None => items.push(DueItem {
                kind: DueKind::Reaudit,
                file: file.clone(),
                provider: Some(audit.provider.clone()),
                due_on: None,
                days_left: None,
                message: format!(
                    "re-audit of {}: the audit has no `audited_on` date",
                    audit.provider
                ),
            }),
        }
        for document in &audit.documents {
            let Some(expires) = document.expires.as_deref().and_then(Date::parse) else {
                continue;
            };
            if expires <= horizon {
                let days = today.days_until(expires);
                let verb = if expires < today {
                    "expired"
                } else {
                    "expires"
                };
                dated.push(DueItem {
                    kind: DueKind::Evidence,
                    file: file.clone(),
                    provider: Some(audit.provider.clone()),
                    due_on: Some(expires.to_string()),
                    days_left: Some(days),
                    message: format!(
                        "{} of {} ({}) {verb} on {expires}, {}",
                        document.file,
                        audit.provider,
                        document.item,
                        relative(days)
                    ),
                });
            }
        }
    }
    dated.sort_by(|a, b| (&a.due_on, a.kind, &a.file).cmp(&(&b.due_on, b.kind, &b.file)));
    items.extend(dated);
    items
}

/// `3 days overdue`, `today`, `in 12 days`.
fn relative(days: i64) -> String {
    let count = |d: i64| usize::try_from(d.unsigned_abs()).unwrap_or(usize::MAX);
    match days {
        d if d < 0 => format!("{} overdue", crate::labels::plural(count(d), "day")),
        0 => "today".to_owned(),
        d => format!("in {}", crate::labels::plural(count(d), "day")),
    }
}
