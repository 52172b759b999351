//! The shared-responsibility pages (CAIQ audits only): per provider and CCM domain who
//! carries the controls, the verdicts that are the provider's self-assessment, and what the
//! customer still owns with each provider. Lays out what the view holds. Must not depend on
//! UI crates.

use super::super::flow::{CellText, Columns, Flow, Style};
use super::cell;
use crate::labels::plural;
use crate::view::{ComparisonView, OwnershipCounts};

fn counts_cells(counts: &OwnershipCounts) -> Vec<CellText> {
    [
        counts.csp,
        counts.shared,
        counts.third_party,
        counts.customer,
        counts.blank,
    ]
    .iter()
    .map(|n| cell(n.to_string(), Style::Body))
    .collect()
}

/// The shared-responsibility pages; nothing when no audit gives an ownership.
pub(crate) fn ownership(flow: &mut Flow, view: &ComparisonView) {
    if view.ownership.is_empty() {
        return;
    }
    flow.title("Shared responsibility");
    flow.paragraph(
        "Questions by who carries the control, as each provider states it in its CAIQ: \
         the provider (CSP), shared with the customer, a third party (outsourced, or shared \
         between the provider and a third party), the customer, or not given. \
         Self-assessed: verdicts that are the provider's own Yes/No/NA accepted as given.",
        Style::Body,
        0.0,
    );
    let rows: Vec<Vec<CellText>> = view
        .ownership
        .iter()
        .map(|row| {
            let self_assessed = view
                .providers
                .iter()
                .find(|p| p.name == row.provider)
                .map_or(0, |p| p.self_assessed);
            let mut cells = vec![cell(row.provider.clone(), Style::Strong)];
            cells.extend(counts_cells(&row.total));
            cells.push(cell(self_assessed.to_string(), Style::Body));
            cells
        })
        .collect();
    let totals = Columns {
        columns: &[
            ("Provider", 0.28),
            ("CSP", 0.1),
            ("Shared", 0.1),
            ("3rd party", 0.1),
            ("Customer", 0.1),
            ("Not given", 0.1),
            ("Self-assessed", 0.22),
        ],
    };
    flow.table(&totals, &rows);
    flow.heading("By domain");
    let mut rows = Vec::new();
    for row in &view.ownership {
        for (section, counts) in view.sections.iter().zip(&row.sections) {
            if counts.total() == 0 {
                continue;
            }
            let mut cells = vec![
                cell(row.provider.clone(), Style::Strong),
                cell(section.title.clone(), Style::Body),
            ];
            cells.extend(counts_cells(counts));
            rows.push(cells);
        }
    }
    let by_domain = Columns {
        columns: &[
            ("Provider", 0.2),
            ("Domain", 0.3),
            ("CSP", 0.1),
            ("Shared", 0.1),
            ("3rd party", 0.1),
            ("Customer", 0.1),
            ("Not given", 0.1),
        ],
    };
    flow.table(&by_domain, &rows);
    for row in &view.ownership {
        flow.heading(&format!(
            "What you still own with {} ({})",
            row.provider,
            plural(row.customer_parts.len(), "question")
        ));
        if row.customer_parts.is_empty() {
            flow.paragraph(
                "No control is customer-owned or shared, and no customer responsibility is listed.",
                Style::Muted,
                0.0,
            );
            continue;
        }
        let rows: Vec<Vec<CellText>> = row
            .customer_parts
            .iter()
            .map(|part| {
                let mut question = Vec::new();
                if !part.question.text.is_empty() {
                    question.push((part.question.text.clone(), Style::Body));
                }
                question.push((part.question.id.clone(), Style::Muted));
                vec![
                    question,
                    cell(
                        part.ownership
                            .map_or("not given", crate::model::Ownership::label),
                        Style::Body,
                    ),
                    cell(
                        if part.duties.is_empty() {
                            "—".to_owned()
                        } else {
                            part.duties.clone()
                        },
                        Style::Body,
                    ),
                ]
            })
            .collect();
        flow.table(
            &Columns {
                columns: &[
                    ("Question", 0.42),
                    ("Ownership", 0.18),
                    ("Customer responsibilities", 0.40),
                ],
            },
            &rows,
        );
    }
}
