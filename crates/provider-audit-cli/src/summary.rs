//! `provider-audit summary FILE... [--comparison FILE] [--format text|json]`.

use std::fmt::Write as _;
use std::path::PathBuf;

use std::sync::Arc;

use provider_audit_core::model::{Date, Questionnaire};
use provider_audit_core::scoring::GapCounts;
use provider_audit_core::session::Session;
use provider_audit_core::validate::Finding;
use provider_audit_core::view::{
    BasisChange, ComparisonView, DecisionStatus, ProviderRow, SignOffView,
};
use provider_audit_core::workspace::Workspace;
use serde::Serialize;

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK, SummaryFormat};
use crate::output::{Io, say};

/// Runs `summary`: exit code 2 when no audit could be loaded, 1 when some file had an
/// error (the others are still summarised), 0 otherwise.
pub fn run(
    files: &[PathBuf],
    questionnaire: &Questionnaire,
    format: SummaryFormat,
    io: &mut Io,
) -> anyhow::Result<u8> {
    let session = Session::open(
        Arc::new(questionnaire.clone()),
        files.to_vec(),
        Date::today(),
    );
    let workspace = session.workspace();
    let view = session.view();
    let text = match format {
        SummaryFormat::Text => {
            for finding in &workspace.findings {
                say!(io, "{finding}");
            }
            for notice in workspace.history_notices() {
                say!(
                    io,
                    "note: {}",
                    provider_audit_core::labels::one_line(&notice)
                );
            }
            text_report(workspace, view)
        }
        SummaryFormat::Json => json_report(workspace, questionnaire, view)?,
    };
    if workspace.audits.is_empty() {
        say!(io, "provider-audit: error: no audit could be loaded");
        return Ok(EXIT_COULD_NOT_RUN);
    }
    io.print(&text)?;
    Ok(if workspace.has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// A section score (0 to 100) as the table shows it.
fn format_score(score: Option<f64>) -> String {
    score.map_or_else(|| "-".to_owned(), |s| format!("{s:.1}"))
}

fn text_report(workspace: &Workspace, view: &ComparisonView) -> String {
    let mut header = vec![
        "Rank".to_owned(),
        "Provider".to_owned(),
        "Score".to_owned(),
        "Gaps".to_owned(),
        "Weak".to_owned(),
        "Asked".to_owned(),
    ];
    header.extend(view.sections.iter().map(|s| s.label.clone()));
    let mut rows = vec![header];
    for provider in &view.providers {
        let mut row = vec![
            if provider.knocked_out() {
                format!("{} out", provider.rank)
            } else {
                provider.rank.to_string()
            },
            printable(&provider.name),
            format!("{:.1}", provider.score),
            provider.gaps.total().to_string(),
            provider.gaps.weak.to_string(),
            format!("{:.0}%", provider.coverage * 100.0),
        ];
        row.extend(
            provider
                .sections
                .iter()
                .map(|s| format!("{} ({})", format_score(s.score), s.gaps.total())),
        );
        rows.push(row);
    }
    let mut out = String::new();
    let source = workspace.comparison.as_ref().map_or_else(
        || "no comparison: all weights 1".to_owned(),
        |c| format!("comparison {}", c.path.display()),
    );
    let _ = writeln!(out, "{} ({source})", view.title);
    let _ = writeln!(
        out,
        "Section cells: score 0-100 (gaps). Gaps: questions valued below 1.\n"
    );
    out.push_str(&table(&rows));
    question_lists(&mut out, "Knocked out by must-have questions:", view, |p| {
        &p.knocked_out_by
    });
    question_lists(
        &mut out,
        "Must-haves not met, accepted as known risks:",
        view,
        |p| &p.waived,
    );
    if let Some(decision) = &view.decision {
        let _ = writeln!(
            out,
            "\nDecision: {} (by {}, {})",
            printable(&decision.provider),
            printable(&decision.decided_by),
            printable(&decision.decided_on)
        );
        if !decision.rationale.is_empty() {
            let _ = writeln!(out, "  {}", printable(&decision.rationale));
        }
        if let Some(warning) = view
            .decision_status
            .as_ref()
            .and_then(DecisionStatus::warning)
        {
            let _ = writeln!(out, "WARNING: {}", printable(&warning));
        }
    }
    if let Some(status) = view.sign_offs.as_ref().filter(|s| !s.nothing_to_show()) {
        let _ = writeln!(out, "{}", printable(&status.headline()));
        for sign_off in &status.sign_offs {
            let _ = writeln!(out, "  {}", printable(&sign_off.describe()));
        }
    }
    if !view.conflicts.is_empty() {
        let _ = writeln!(
            out,
            "\nUNRESOLVED: {} (resolve in the app: take mine, take theirs or edit):",
            provider_audit_core::labels::plural(view.conflicts.len(), "merge conflict")
        );
        for conflict in &view.conflicts {
            let _ = writeln!(
                out,
                "  {}: {}",
                printable(&conflict.file),
                printable(&conflict.conflict.describe())
            );
        }
    }
    if !workspace.drift.is_empty() {
        out.push_str("\nWARNING: audits changed since the comparison was saved:\n");
        for drift in &workspace.drift {
            let _ = writeln!(out, "  {}", drift.listed_path);
        }
    }
    out
}

/// Control and text-direction characters from files never reach the terminal raw.
use provider_audit_core::labels::printable;

/// Under `heading`, each provider that has questions in `ids`, with them.
fn question_lists(
    out: &mut String,
    heading: &str,
    view: &ComparisonView,
    ids: impl Fn(&ProviderRow) -> &Vec<String>,
) {
    let listed: Vec<&ProviderRow> = view
        .providers
        .iter()
        .filter(|p| !ids(p).is_empty())
        .collect();
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for provider in listed {
        let _ = writeln!(
            out,
            "  {}: {}",
            printable(&provider.name),
            ids(provider).join(", ")
        );
    }
}

fn table(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (column, cell) in row.iter().enumerate() {
            let pad = widths[column] - cell.chars().count();
            // Text columns (provider) left-aligned, numbers right-aligned.
            if column == 1 {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            } else {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[derive(Serialize)]
struct JsonGaps {
    total: usize,
    gap: usize,
    no_answer: usize,
    not_asked: usize,
    partial: usize,
    weak: usize,
}

impl From<&GapCounts> for JsonGaps {
    fn from(gaps: &GapCounts) -> Self {
        Self {
            total: gaps.total(),
            gap: gaps.gap,
            no_answer: gaps.no_answer,
            not_asked: gaps.not_asked,
            partial: gaps.partial,
            weak: gaps.weak,
        }
    }
}

#[derive(Serialize)]
struct JsonSection<'a> {
    id: &'a str,
    label: &'a str,
    score: Option<f64>,
    weight: f64,
    gaps: usize,
    gaps_by_cause: JsonGaps,
    in_scope: usize,
    asked: usize,
}

#[derive(Serialize)]
struct JsonProvider<'a> {
    name: &'a str,
    file: String,
    rank: usize,
    score: f64,
    gaps: usize,
    gaps_by_cause: JsonGaps,
    coverage: f64,
    knocked_out: bool,
    knocked_out_by: Vec<&'a str>,
    waived: Vec<&'a str>,
    follow_ups: usize,
    /// Answers with text and no verdict yet.
    to_judge: usize,
    sections: Vec<JsonSection<'a>>,
}

#[derive(Serialize)]
struct JsonFinding {
    path: String,
    line: Option<usize>,
    col: Option<usize>,
    severity: &'static str,
    message: String,
}

impl From<&Finding> for JsonFinding {
    fn from(finding: &Finding) -> Self {
        Self {
            path: finding.path.display().to_string(),
            line: finding.position.map(|p| p.line),
            col: finding.position.map(|p| p.col),
            severity: finding.severity.as_str(),
            message: finding.message.clone(),
        }
    }
}

#[derive(Serialize)]
struct JsonDecision<'a> {
    provider: &'a str,
    rationale: &'a str,
    decided_by: &'a str,
    decided_on: &'a str,
    /// False when the chosen provider is no longer first or its basis changed.
    holds: bool,
    /// Who ranks first now.
    leader: Option<&'a str>,
    /// What of the decision's basis differs from what is in force, in words.
    changes: Vec<String>,
    /// True when every required signer has a current sign-off.
    signed: bool,
    /// Each sign-off in words, `— stale: …` when made on another basis.
    sign_offs: Vec<String>,
    /// Required signers without a current sign-off.
    waiting_for: Vec<String>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    questionnaire: &'a str,
    comparison: Option<String>,
    sensitivity: Vec<provider_audit_core::compare::SensitivityEntry>,
    providers: Vec<JsonProvider<'a>>,
    decision: Option<JsonDecision<'a>>,
    changed_audits: Vec<&'a str>,
    /// Merge conflicts not resolved yet, `file: what` in words.
    conflicts: Vec<String>,
    findings: Vec<JsonFinding>,
    /// The shared-responsibility split: provider → section id → counts (CAIQ audits only).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    ownership: std::collections::BTreeMap<
        &'a str,
        std::collections::BTreeMap<&'a str, provider_audit_core::view::OwnershipCounts>,
    >,
}

fn json_report(
    workspace: &Workspace,
    questionnaire: &Questionnaire,
    view: &ComparisonView,
) -> anyhow::Result<String> {
    let providers = view
        .providers
        .iter()
        .map(|provider| JsonProvider {
            name: &provider.name,
            file: provider.path.clone(),
            rank: provider.rank,
            // Scores on the same 0-100 scale as the table, unrounded.
            score: provider.score,
            gaps: provider.gaps.total(),
            gaps_by_cause: (&provider.gaps).into(),
            coverage: provider.coverage,
            knocked_out: provider.knocked_out(),
            knocked_out_by: provider.knocked_out_by.iter().map(String::as_str).collect(),
            waived: provider.waived.iter().map(String::as_str).collect(),
            follow_ups: provider.follow_ups,
            to_judge: provider.to_judge,
            sections: provider
                .sections
                .iter()
                .zip(&view.sections)
                .map(|(cell, section)| JsonSection {
                    id: &section.id,
                    label: &section.label,
                    score: cell.score,
                    weight: section.weight,
                    gaps: cell.gaps.total(),
                    gaps_by_cause: (&cell.gaps).into(),
                    in_scope: cell.in_scope,
                    asked: cell.asked,
                })
                .collect(),
        })
        .collect();
    let summary = JsonSummary {
        questionnaire: &questionnaire.id,
        sensitivity: view
            .sensitivity
            .as_ref()
            .map(|s| s.entries(questionnaire))
            .unwrap_or_default(),
        comparison: workspace
            .comparison
            .as_ref()
            .map(|c| c.path.display().to_string()),
        providers,
        decision: view.decision.as_ref().map(|d| {
            let status = view.decision_status.as_ref();
            JsonDecision {
                provider: &d.provider,
                rationale: &d.rationale,
                decided_by: &d.decided_by,
                decided_on: &d.decided_on,
                holds: status.is_none_or(DecisionStatus::holds),
                leader: status.and_then(|s| s.leader.as_deref()),
                changes: status
                    .map(|s| s.changes.iter().map(BasisChange::describe).collect())
                    .unwrap_or_default(),
                signed: view.sign_offs.as_ref().is_some_and(|s| s.signed),
                sign_offs: view
                    .sign_offs
                    .iter()
                    .flat_map(|s| s.sign_offs.iter().map(SignOffView::describe))
                    .collect(),
                waiting_for: view
                    .sign_offs
                    .as_ref()
                    .map(|s| s.missing.clone())
                    .unwrap_or_default(),
            }
        }),
        changed_audits: workspace
            .drift
            .iter()
            .map(|d| d.listed_path.as_str())
            .collect(),
        conflicts: view
            .conflicts
            .iter()
            .map(|c| format!("{}: {}", c.file, c.conflict.describe()))
            .collect(),
        findings: workspace.findings.iter().map(JsonFinding::from).collect(),
        ownership: view
            .ownership
            .iter()
            .map(|row| {
                let sections = view
                    .sections
                    .iter()
                    .zip(&row.sections)
                    .map(|(section, counts)| (section.id.as_str(), *counts))
                    .collect();
                (row.provider.as_str(), sections)
            })
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&summary)?;
    text.push('\n');
    Ok(text)
}
