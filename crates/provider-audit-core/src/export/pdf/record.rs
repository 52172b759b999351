//! What the record's text pages say, from the one derived view: the annotations (weak
//! answers, follow-ups, accepted risks, with comments, authors and times, and the follow-up
//! lists per provider), then the decision (provider, rationale, who and when, whether it
//! still holds, its basis, superseded decisions) and the whole SHA-256 of every input file
//! and evidence document. Nothing here computes a score, a rank or a list of its own: it
//! only lays out what the view holds. Must not depend on UI crates.

use super::flow::{CellText, Columns, Flow, Style};
use crate::compare::short_weight;
use crate::evidence::DocumentStatus;
use crate::labels::{one_line, plural, weight};
use crate::model::{DecisionBasis, Flag};
use crate::view::{AnnotationView, ComparisonView, DecisionView, InputKind};

/// The title of the annotations pages.
pub(super) const ANNOTATIONS: &str = "Annotations";
/// The title of the decision pages.
pub(super) const DECISION: &str = "Decision and evidence";

fn cell(text: impl Into<String>, style: Style) -> CellText {
    vec![(text.into(), style)]
}

fn question_cell(annotation: &AnnotationView) -> CellText {
    let mut cell = Vec::new();
    if !annotation.question.text.is_empty() {
        cell.push((annotation.question.text.clone(), Style::Body));
    }
    cell.push((annotation.question.id.clone(), Style::Muted));
    cell
}

fn verdict_text(annotation: &AnnotationView) -> String {
    let audit = annotation
        .audit_verdict
        .map_or("not judged", crate::model::Verdict::label);
    match annotation.verdict {
        Some(set) => format!("{audit} → {} (set in the comparison)", set.label()),
        None => audit.to_owned(),
    }
}

fn by_at(annotation: &AnnotationView) -> String {
    match (annotation.author.is_empty(), annotation.at.is_empty()) {
        (false, false) => format!("{}, {}", annotation.author, annotation.at),
        (false, true) => annotation.author.clone(),
        (true, false) => annotation.at.clone(),
        (true, true) => "—".to_owned(),
    }
}

/// The annotations pages.
pub(super) fn annotations(flow: &mut Flow, view: &ComparisonView) {
    flow.title(ANNOTATIONS);
    if view.annotations.is_empty() {
        flow.paragraph("No annotations were made.", Style::Muted, 0.0);
    }
    let count = |flag: Option<Flag>| view.annotations.iter().filter(|a| a.flag == flag).count();
    if !view.annotations.is_empty() {
        flow.paragraph(
            &format!(
                "{}: {} weak, {} for a follow-up, {} accepted as a known risk, {} without a flag \
             (a verdict set or a comment). Each with the provider's answer's verdict, the \
             comment, who wrote it and when.",
                plural(view.annotations.len(), "annotation"),
                count(Some(Flag::Weak)),
                count(Some(Flag::FollowUp)),
                count(Some(Flag::Accepted)),
                count(None),
            ),
            Style::Body,
            0.0,
        );
    }
    let groups = [
        (Some(Flag::Weak), "Weak answers"),
        (Some(Flag::FollowUp), "Follow-ups"),
        (Some(Flag::Accepted), "Accepted risks"),
        (None, "Other annotations"),
    ];
    for (flag, heading) in groups {
        let rows: Vec<Vec<CellText>> = view
            .annotations
            .iter()
            .filter(|a| a.flag == flag)
            .map(|a| {
                vec![
                    cell(a.provider.clone(), Style::Strong),
                    question_cell(a),
                    cell(verdict_text(a), Style::Body),
                    cell(
                        if a.comment.is_empty() {
                            "—".to_owned()
                        } else {
                            a.comment.clone()
                        },
                        Style::Body,
                    ),
                    cell(by_at(a), Style::Muted),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        flow.heading(&format!("{heading} ({})", rows.len()));
        flow.table(
            &Columns {
                columns: &[
                    ("Provider", 0.16),
                    ("Question", 0.30),
                    ("Verdict", 0.14),
                    ("Comment", 0.26),
                    ("By, at", 0.14),
                ],
            },
            &rows,
        );
    }
    flow.heading("Follow-up lists per provider");
    if view.follow_up_lists.is_empty() {
        flow.paragraph("No question is flagged for a follow-up.", Style::Muted, 0.0);
    }
    for list in &view.follow_up_lists {
        flow.gap(6.0);
        flow.paragraph(
            &format!(
                "{}: {}",
                list.provider,
                plural(list.items.len(), "question")
            ),
            Style::Strong,
            0.0,
        );
        for (number, item) in list.items.iter().enumerate() {
            let mut line = format!("{}. {}", number + 1, item.question.text);
            line.push_str(&format!(" ({})", item.question.id));
            if !item.comment.is_empty() {
                line.push_str(": ");
                line.push_str(&item.comment);
            }
            flow.paragraph(&line, Style::Body, 24.0);
        }
    }
}

/// The decision and evidence pages.
pub(super) fn decision(flow: &mut Flow, view: &ComparisonView) {
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
    superseded(flow, view);
    hashes(flow, view);
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
            &format!("{}: {}", old.provider, who_when(old).to_lowercase()),
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

fn document_status(status: DocumentStatus, expired: bool) -> String {
    let mut text = status.label().to_owned();
    if expired {
        text.push_str(", expired");
    }
    text
}

fn hashes(flow: &mut Flow, view: &ComparisonView) {
    flow.heading("Input files and their SHA-256");
    if view.unsaved {
        flow.paragraph(
            "The comparison has edits not saved to its file: its hash is that of the file, \
             not of what this record shows.",
            Style::Warning,
            0.0,
        );
    }
    let rows: Vec<Vec<CellText>> = view
        .inputs
        .iter()
        .map(|input| {
            let kind = match input.kind {
                InputKind::Comparison => "comparison".to_owned(),
                InputKind::Audit => format!(
                    "audit of {}",
                    input.provider.as_deref().map_or("?".to_owned(), one_line)
                ),
            };
            vec![
                cell(input.name.clone(), Style::Strong),
                cell(kind, Style::Body),
                cell(input.sha256.clone(), Style::Muted),
            ]
        })
        .collect();
    flow.table(
        &Columns {
            columns: &[("File", 0.22), ("What", 0.28), ("SHA-256", 0.5)],
        },
        &rows,
    );
    for drift in &view.drift {
        flow.paragraph(
            &format!(
                "Changed since the comparison was saved: {} (recorded {}, now {})",
                drift.listed_path,
                drift.recorded,
                drift.current.as_deref().unwrap_or("missing")
            ),
            Style::Warning,
            0.0,
        );
    }
    if !view.not_loaded.is_empty() {
        flow.paragraph(
            &format!(
                "Not loaded because of errors: {}",
                view.not_loaded.join(", ")
            ),
            Style::Warning,
            0.0,
        );
    }
    flow.heading("Evidence documents and their SHA-256");
    let rows: Vec<Vec<CellText>> = view
        .providers
        .iter()
        .flat_map(|p| {
            p.documents.iter().map(move |d| {
                let mut hash = Vec::new();
                match (&d.sha256, &d.recorded_sha256) {
                    (Some(read), Some(recorded)) if !read.eq_ignore_ascii_case(recorded) => {
                        hash.push((format!("read: {read}"), Style::Muted));
                        hash.push((format!("recorded: {recorded}"), Style::Warning));
                    }
                    (Some(read), _) => hash.push((read.clone(), Style::Muted)),
                    (None, Some(recorded)) => {
                        hash.push((format!("recorded: {recorded}"), Style::Muted));
                    }
                    (None, None) => hash.push(("—".to_owned(), Style::Muted)),
                }
                let mut what = cell(d.file.clone(), Style::Body);
                what.push((d.item.clone(), Style::Muted));
                vec![
                    cell(p.name.clone(), Style::Strong),
                    what,
                    cell(document_status(d.status, d.expired), Style::Body),
                    hash,
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        flow.paragraph("The audits list no evidence documents.", Style::Muted, 0.0);
    } else {
        flow.table(
            &Columns {
                columns: &[
                    ("Provider", 0.15),
                    ("Document", 0.30),
                    ("Status", 0.09),
                    ("SHA-256", 0.46),
                ],
            },
            &rows,
        );
    }
}
