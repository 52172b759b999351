//! `provider-audit questionnaire [--format markdown|json]`.

use std::fmt::Write as _;

use provider_audit_core::model::{ItemKind, Questionnaire};
use serde::Serialize;

use super::{EXIT_OK, ListFormat};
use crate::output::Io;

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    section: &'a str,
    parent: Option<&'a str>,
    depth: usize,
    kind: &'a str,
    text: &'a str,
    tags: &'a [String],
    condition: Option<&'a str>,
}

/// Prints the questionnaire.
pub fn run(questionnaire: &Questionnaire, format: ListFormat, io: &mut Io) -> anyhow::Result<u8> {
    let text = match format {
        ListFormat::Json => json(questionnaire)?,
        ListFormat::Markdown => markdown(questionnaire),
    };
    io.print(&text)?;
    Ok(EXIT_OK)
}

fn json(questionnaire: &Questionnaire) -> anyhow::Result<String> {
    let items: Vec<JsonItem<'_>> = questionnaire
        .items
        .iter()
        .map(|item| JsonItem {
            id: item.id.as_str(),
            section: questionnaire.sections[item.section].id.as_str(),
            parent: item.parent.map(|p| questionnaire.items[p].id.as_str()),
            depth: item.depth,
            kind: item.kind.as_str(),
            text: &item.text,
            tags: &item.tags,
            condition: item
                .condition
                .map(provider_audit_core::model::Condition::as_str),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items)?;
    text.push('\n');
    Ok(text)
}

fn markdown(questionnaire: &Questionnaire) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", questionnaire.title);
    if !questionnaire.version.is_empty() {
        let _ = writeln!(out, "Version: {}\n", questionnaire.version);
    }
    if !questionnaire.source.is_empty() {
        let _ = writeln!(out, "Source: {}\n", questionnaire.source);
    }
    if !questionnaire.regulations.is_empty() {
        out.push_str("Regulations:\n\n");
        for regulation in &questionnaire.regulations {
            let _ = writeln!(out, "- {regulation}");
        }
        out.push('\n');
    }
    for (number, section) in questionnaire.sections.iter().enumerate() {
        let _ = writeln!(out, "## {} (`{}`)\n", section.title, section.id);
        if !section.tags.is_empty() {
            let _ = writeln!(out, "Scope: {}\n", section.tags.join(", "));
        }
        for item in questionnaire.section_items(number) {
            let indent = "    ".repeat(item.depth);
            let mut marks = Vec::new();
            match item.kind {
                ItemKind::Heading => marks.push("heading".to_owned()),
                ItemKind::Document => marks.push("document".to_owned()),
                ItemKind::Question => {}
            }
            if let Some(condition) = item.condition {
                marks.push(condition.as_str().to_owned());
            }
            for tag in &item.tags {
                if !section.tags.contains(tag) {
                    marks.push(tag.clone());
                }
            }
            let marks = if marks.is_empty() {
                String::new()
            } else {
                format!(" _({})_", marks.join(", "))
            };
            let _ = writeln!(out, "{indent}1. {} `{}`{marks}", item.text, item.id);
        }
        out.push('\n');
    }
    out
}
