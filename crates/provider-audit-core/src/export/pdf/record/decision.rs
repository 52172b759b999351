//! The decision pages: the chosen provider, who and when, the rationale, whether the
//! decision still holds, the weights and must-haves in force, the ranking with every score,
//! the basis recorded with the decision and the superseded decisions. Must not depend on UI
//! crates.

use super::super::flow::{CellText, Columns, Flow, Style};
use super::cell;
use super::hashes::hashes;
use crate::compare::short_weight;
use crate::labels::weight;
use crate::model::DecisionBasis;
use crate::view::{ComparisonView, DecisionView};

/// The title of the decision pages.
const DECISION: &str = "Decision and evidence";

/// The decision and evidence pages.
pub(crate) fn decision(flow: &mut Flow, view: &ComparisonView) {
    flow.title(DECISION);
    match &view.decision {
        Some(decision) => chosen(flow, view, decision),
        None => flow.paragraph(
            "No decision is recorded in this comparison.",
            Style::Strong,
            0.0,
        ),
    }
    weights(flow, view);
    ranking(flow, view);
    if let Some(basis) = view.decision.as_ref().and_then(|d| d.basis.as_ref()) {
        recorded_basis(flow, basis);
    }
    sign_offs(flow, view);
    superseded(flow, view);
    hashes(flow, view);
}

/// Who signed the decision: each sign-off, current or stale with what changed since.
fn sign_offs(flow: &mut Flow, view: &ComparisonView) {
    let Some(status) = view.sign_offs.as_ref().filter(|s| !s.nothing_to_show()) else {
        return;
    };
    flow.heading("Sign-offs");
    let style = if status.signed {
        Style::Strong
    } else {
        Style::Warning
    };
    flow.paragraph(&status.headline(), style, 0.0);
    for sign_off in &status.sign_offs {
        let style = if sign_off.current {
            Style::Body
        } else {
            Style::Warning
        };
        flow.paragraph(&sign_off.describe(), style, 0.0);
    }
}

fn who_when(decision: &DecisionView) -> String {
    let mut text = String::from("Decided");
    if !decision.decided_by.is_empty() {
        text.push_str(" by ");
        text.push_str(&decision.decided_by);
    }
    if !decision.decided_on.is_empty() {
        text.push_str(" on ");
        text.push_str(&decision.decided_on);
    }
    text
}

fn chosen(flow: &mut Flow, view: &ComparisonView, decision: &DecisionView) {
    flow.paragraph(&format!("Chosen: {}", decision.provider), Style::Large, 0.0);
    flow.paragraph(&who_when(decision), Style::Muted, 0.0);
    if !decision.provider_loaded {
        flow.paragraph(
            "The chosen provider is not among the loaded audits.",
            Style::Warning,
            0.0,
        );
    }
    flow.heading("Rationale");
    let rationale = if decision.rationale.is_empty() {
        "No rationale was written."
    } else {
        &decision.rationale
    };
    flow.paragraph(rationale, Style::Body, 0.0);
    flow.heading("Does the decision still hold?");
    if let Some(status) = &view.decision_status {
        match status.warning() {
            None if status.has_basis => flow.paragraph(
                &format!(
                    "Yes: {} ranks first, and the weights, must-haves, scores and audits are \
                     those the decision was taken on.",
                    status.chosen
                ),
                Style::Body,
                0.0,
            ),
            None => flow.paragraph(
                &format!(
                    "{} ranks first; no basis was recorded with the decision to compare with.",
                    status.chosen
                ),
                Style::Body,
                0.0,
            ),
            Some(warning) => {
                flow.paragraph(&warning, Style::Warning, 0.0);
                for change in &status.changes {
                    flow.paragraph(&format!("• {}", change.describe()), Style::Body, 24.0);
                }
            }
        }
    }
}

fn weights(flow: &mut Flow, view: &ComparisonView) {
    flow.heading("Weights and must-haves in force");
    let rows: Vec<Vec<CellText>> = view
        .sections
        .iter()
        .map(|s| {
            vec![
                cell(s.title.clone(), Style::Body),
                cell(s.id.clone(), Style::Muted),
                cell(weight(s.weight), Style::Strong),
            ]
        })
        .collect();
    flow.table(
        &Columns {
            columns: &[("Section", 0.5), ("Id", 0.3), ("Weight", 0.2)],
        },
        &rows,
    );
    if !view.question_weights.is_empty() {
        let rows: Vec<Vec<CellText>> = view
            .question_weights
            .iter()
            .map(|(question, w)| {
                vec![
                    cell(question.text.clone(), Style::Body),
                    cell(question.id.clone(), Style::Muted),
                    cell(weight(*w), Style::Strong),
                ]
            })
            .collect();
        flow.table(
            &Columns {
                columns: &[("Question weighted", 0.5), ("Id", 0.3), ("Weight", 0.2)],
            },
            &rows,
        );
    }
    if view.must_have.is_empty() {
        flow.paragraph("No must-have questions.", Style::Muted, 0.0);
    } else {
        let rows: Vec<Vec<CellText>> = view
            .must_have
            .iter()
            .map(|q| {
                vec![
                    cell(q.text.clone(), Style::Body),
                    cell(q.id.clone(), Style::Muted),
                    cell(q.section.clone(), Style::Body),
                ]
            })
            .collect();
        flow.table(
            &Columns {
                columns: &[("Must-have question", 0.5), ("Id", 0.3), ("Section", 0.2)],
            },
            &rows,
        );
    }
}

fn ranking(flow: &mut Flow, view: &ComparisonView) {
    flow.heading("Ranking and every provider's score");
    let rows: Vec<Vec<CellText>> = view
        .providers
        .iter()
        .map(|p| {
            let mut name = cell(p.name.clone(), Style::Strong);
            if p.chosen {
                name.push(("chosen".to_owned(), Style::Muted));
            }
            let mut must = Vec::new();
            if p.knocked_out() {
                must.push((
                    format!("knocked out by {}", p.knocked_out_by.join(", ")),
                    Style::Warning,
                ));
            }
            if !p.waived.is_empty() {
                must.push((
                    format!("accepted risk: {}", p.waived.join(", ")),
                    Style::Body,
                ));
            }
            if must.is_empty() {
                must.push(("—".to_owned(), Style::Muted));
            }
            vec![
                cell(p.rank.to_string(), Style::Strong),
                name,
                cell(format!("{:.1}", p.score), Style::Strong),
                cell(
                    format!(
                        "{} ({} gap, {} no answer, {} not asked, {} partial); {} weak",
                        p.gaps.total(),
                        p.gaps.gap,
                        p.gaps.no_answer,
                        p.gaps.not_asked,
                        p.gaps.partial,
                        p.gaps.weak
                    ),
                    Style::Body,
                ),
                must,
                cell(p.file.clone(), Style::Muted),
            ]
        })
        .collect();
    flow.table(
        &Columns {
            columns: &[
                ("Rank", 0.06),
                ("Provider", 0.2),
                ("Score", 0.08),
                ("Gaps", 0.26),
                ("Must-haves", 0.24),
                ("Audit file", 0.16),
            ],
        },
        &rows,
    );
    if let Some(sensitivity) = &view.sensitivity {
        for section in &sensitivity.sections {
            let Some(column) = view.sections.get(section.section) else {
                continue;
            };
            flow.paragraph(
                &format!(
                    "{} (weight {}).",
                    sensitivity.describe(section, &column.label),
                    short_weight(section.weight)
                ),
                Style::Muted,
                0.0,
            );
        }
    }
}

fn recorded_basis(flow: &mut Flow, basis: &DecisionBasis) {
    flow.heading("The basis recorded with the decision");
    let weights: Vec<String> = basis
        .section_weights
        .iter()
        .map(|(id, w)| format!("{} {}", id.as_str(), weight(*w)))
        .collect();
    flow.paragraph(
        &format!(
            "Section weights: {}",
            if weights.is_empty() {
                "all 1".to_owned()
            } else {
                format!("{} (others 1)", weights.join(", "))
            }
        ),
        Style::Body,
        0.0,
    );
    if !basis.question_weights.is_empty() {
        let weights: Vec<String> = basis
            .question_weights
            .iter()
            .map(|(id, w)| format!("{} {}", id.as_str(), weight(*w)))
            .collect();
        flow.paragraph(
            &format!("Question weights: {}", weights.join(", ")),
            Style::Body,
            0.0,
        );
    }
    let must: Vec<&str> = basis
        .must_have
        .iter()
        .map(crate::model::QuestionId::as_str)
        .collect();
    flow.paragraph(
        &format!(
            "Must-haves: {}",
            if must.is_empty() {
                "none".to_owned()
            } else {
                must.join(", ")
            }
        ),
        Style::Body,
        0.0,
    );
    let rows: Vec<Vec<CellText>> = basis
        .scores
        .iter()
        .map(|s| {
            vec![
                cell(s.rank.to_string(), Style::Strong),
                cell(s.provider.clone(), Style::Strong),
                cell(format!("{:.2}", s.score), Style::Body),
                cell(if s.knocked_out { "yes" } else { "no" }, Style::Body),
            ]
        })
        .collect();
    if !rows.is_empty() {
        flow.table(
            &Columns {
                columns: &[
                    ("Rank then", 0.12),
                    ("Provider", 0.48),
                    ("Score then", 0.2),
                    ("Knocked out then", 0.2),
                ],
            },
            &rows,
        );
    }
    let rows: Vec<Vec<CellText>> = basis
        .audits
        .iter()
        .map(|a| {
            vec![
                cell(a.path.clone(), Style::Body),
                cell(
                    a.sha256
                        .clone()
                        .unwrap_or_else(|| "not recorded".to_owned()),
                    Style::Muted,
                ),
            ]
        })
        .collect();
    if !rows.is_empty() {
        flow.table(
            &Columns {
                columns: &[("Audit decided on", 0.42), ("SHA-256 then", 0.58)],
            },
            &rows,
        );
    }
}

fn superseded(flow: &mut Flow, view: &ComparisonView) {
    if view.superseded.is_empty() {
        return;
    }
    flow.heading("Superseded decisions, oldest first");
    for old in &view.superseded {
        flow.gap(6.0);
        flow.paragraph(
            // "decided by C. Holm …": the names keep their capitals.
            &format!(
                "{}: {}",
                old.provider,
                who_when(old).replacen("Decided", "decided", 1)
            ),
            Style::Strong,
            0.0,
        );
        if !old.rationale.is_empty() {
            flow.paragraph(&old.rationale, Style::Body, 24.0);
        }
        if let Some(basis) = &old.basis {
            let scores: Vec<String> = basis
                .scores
                .iter()
                .map(|s| format!("{}. {} {:.2}", s.rank, s.provider, s.score))
                .collect();
            if !scores.is_empty() {
                flow.paragraph(
                    &format!("Scores then: {}", scores.join("; ")),
                    Style::Muted,
                    24.0,
                );
            }
        }
    }
}
