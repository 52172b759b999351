//! The whole SHA-256 of every input file and every evidence document, with the files that
//! changed or could not be loaded. Must not depend on UI crates.

use super::super::flow::{CellText, Columns, Flow, Style};
use super::cell;
use crate::evidence::DocumentStatus;
use crate::labels::one_line;
use crate::view::{ComparisonView, InputKind};

fn document_status(status: DocumentStatus, expired: bool) -> String {
    let mut text = status.label().to_owned();
    if expired {
        text.push_str(", expired");
    }
    text
}

/// The input files and evidence documents, each with its whole SHA-256.
pub(super) fn hashes(flow: &mut Flow, view: &ComparisonView) {
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
