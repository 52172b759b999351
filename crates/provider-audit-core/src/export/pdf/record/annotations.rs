//! The annotations pages: weak answers, follow-ups, accepted risks and other annotations
//! with the verdicts, comments, authors and times, then the follow-up list of each provider.
//! Must not depend on UI crates.

use super::super::flow::{CellText, Columns, Flow, Style};
use super::cell;
use crate::labels::plural;
use crate::model::Flag;
use crate::view::{AnnotationView, ComparisonView};

/// The title of the annotations pages.
const ANNOTATIONS: &str = "Annotations";

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
pub(crate) fn annotations(flow: &mut Flow, view: &ComparisonView) {
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
