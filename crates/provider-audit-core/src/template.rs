//! The blank audit written by `provider-audit new`: every question as a comment above
//! its entry, so that an administrator can fill it in a text editor without reading any
//! documentation.

use std::fmt::Write;

use crate::labels::one_line;
use crate::model::{Condition, Date, ItemKind, Questionnaire};

const WRAP_AT: usize = 96;

/// A blank audit for `provider`, dated `today`, answering nothing yet.
#[must_use]
pub fn blank_audit(questionnaire: &Questionnaire, provider: &str, today: Date) -> String {
    let mut out = String::new();
    let title = &questionnaire.title;
    let _ = writeln!(out, "// {title}: audit of {}", one_line(provider));
    for line in [
        "//",
        "// Ask every question as an open question and note the answer in full sentences.",
        "// For each entry fill in:",
        "//   answer:     what the provider said;",
        "//   verdict:    your judgement, one of Meets | Partial | Gap | NoAnswer | NotApplicable",
        "//               (NoAnswer: asked, but not answered or answered evasively);",
        "//   provenance: Stated (the default) | Evidenced | Verified (you checked it yourself);",
        "//   evidence:   [\"evidence/file.pdf\"], paths relative to this file;",
        "//   note:       your own remark, e.g. what to dig into.",
        "// An entry with an empty answer and no verdict counts as not asked.",
        "// Check the file with: provider-audit check <this file>",
        "(",
        "    format: 1,",
    ] {
        out.push_str(line);
        out.push('\n');
    }
    let _ = writeln!(out, "    questionnaire: {},", ron_string(&questionnaire.id));
    let _ = writeln!(out, "    provider: {},", ron_string(provider));
    let _ = writeln!(out, "    audited_on: \"{today}\",");
    out.push_str("    auditor: \"\",\n");
    out.push_str("    scope: Managed, // or SelfManaged: the managed-service sections are then not expected\n");
    out.push_str("    answers: {\n");
    for (number, section) in questionnaire.sections.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n        // ==== {} ({}) ====",
            section.title, section.id
        );
        if section.tags.iter().any(|t| t == "managed-service") {
            out.push_str("        // Not expected when scope is SelfManaged.\n");
        }
        for item in questionnaire.section_items(number) {
            let indent = "    ".repeat(item.depth);
            let mut text = item.text.clone();
            if let Some(condition) = item.condition {
                text.push_str(match condition {
                    Condition::IfYes => " [only if the answer above is yes]",
                    Condition::IfNot => " [only if the answer above is no]",
                });
            }
            out.push('\n');
            for line in wrap(&text, WRAP_AT.saturating_sub(indent.len())) {
                let _ = writeln!(out, "        // {indent}{line}");
            }
            if item.kind == ItemKind::Heading {
                continue;
            }
            let _ = writeln!(
                out,
                "        {}: (answer: \"\"),",
                ron_string(item.id.as_str())
            );
        }
    }
    out.push_str("    },\n");
    out.push_str("    documents: [\n");
    out.push_str("        // (item: \"evidence.certificates\", file: \"evidence/iso27001-certificate.pdf\",\n");
    out.push_str("        //  sha256: \"<sha256sum of the file>\", expires: \"YYYY-MM-DD\"),\n");
    out.push_str("    ],\n");
    out.push_str(")\n");
    out
}

fn ron_string(text: &str) -> String {
    ron::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
}

/// Splits `text` into lines of at most `width` characters at spaces (a longer word,
/// such as a link, stays whole on its own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::{blank_audit, wrap};
    use crate::model::{Audit, Date, ItemKind, Questionnaire};

    #[test]
    fn blank_audit_parses_and_lists_every_answerable_item() {
        let q = Questionnaire::builtin();
        let today = Date::parse("2026-11-30").expect("date");
        let text = blank_audit(q, "Example \"Quoted\" AB", today);
        let audit = Audit::from_ron(&text).expect("the blank audit parses");
        assert_eq!(audit.provider, "Example \"Quoted\" AB");
        assert_eq!(audit.audited_on.as_deref(), Some("2026-11-30"));
        let answerable = q
            .items
            .iter()
            .filter(|i| i.kind != ItemKind::Heading)
            .count();
        assert_eq!(audit.answers.len(), answerable);
        assert!(audit.answers.iter().all(|(_, a)| a.verdict.is_none()));
        assert!(text.contains("        //     Where are your data centers located?\n        \"tech.az.locations\": (answer: \"\"),"));
    }

    #[test]
    fn wrap_breaks_at_spaces_and_keeps_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(
            wrap("https://example.com/long x", 5),
            ["https://example.com/long", "x"]
        );
    }
}
