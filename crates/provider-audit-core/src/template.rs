//! The blank audit written by `provider-audit new`: every question as a comment above
//! its entry, so that an administrator can fill it in a text editor without reading any
//! documentation.

use std::fmt::Write;

use crate::labels::one_line;
use crate::model::{Answer, Audit, Condition, Date, ItemKind, Provenance, Questionnaire, Scope};

const WRAP_AT: usize = 96;

/// The instructions at the top of an audit file that has no comment block of its own.
const INSTRUCTIONS: [&str; 11] = [
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
];

/// A blank audit for `provider`, dated `today`, answering nothing yet.
#[must_use]
pub fn blank_audit(questionnaire: &Questionnaire, provider: &str, today: Date) -> String {
    audit_text(questionnaire, &blank(questionnaire, provider, today), "")
}

/// A blank audit of `questionnaire` for `provider`, dated `today`.
#[must_use]
pub fn blank(questionnaire: &Questionnaire, provider: &str, today: Date) -> Audit {
    Audit {
        format: Some(1),
        questionnaire: questionnaire.id.clone(),
        questionnaire_version: (!questionnaire.version.is_empty())
            .then(|| questionnaire.version.clone()),
        provider: provider.to_owned(),
        audited_on: Some(today.to_string()),
        ..Audit::default()
    }
}

/// `audit` in the canonical layout of an audit file: `header` (the file's own leading
/// comment block; the instructions when empty), then every entry of the questionnaire in
/// its order with the question as a comment above it, answered or not, then any answer to
/// an id the questionnaire does not have, then the evidence documents. Strings are written
/// as a person types them (a raw string `r#"…"#` where the text has a `"` or a `\`), so
/// that a changed answer is a small diff.
#[must_use]
pub fn audit_text(questionnaire: &Questionnaire, audit: &Audit, header: &str) -> String {
    let mut out = String::new();
    if header.trim().is_empty() {
        let _ = writeln!(
            out,
            "// {}: audit of {}",
            questionnaire.title,
            one_line(&audit.provider)
        );
        for line in INSTRUCTIONS {
            out.push_str(line);
            out.push('\n');
        }
    } else {
        out.push_str(header);
        if !header.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("(\n    format: 1,\n");
    let _ = writeln!(out, "    questionnaire: {},", typed(&audit.questionnaire));
    if let Some(version) = &audit.questionnaire_version {
        let _ = writeln!(out, "    questionnaire_version: {},", typed(version));
    }
    let _ = writeln!(out, "    provider: {},", typed(&audit.provider));
    if let Some(date) = &audit.audited_on {
        let _ = writeln!(out, "    audited_on: {},", typed(date));
    }
    let _ = writeln!(out, "    auditor: {},", typed(&audit.auditor));
    out.push_str(match audit.scope {
        Scope::Managed => {
            "    scope: Managed, // or SelfManaged: the managed-service sections are then not expected\n"
        }
        Scope::SelfManaged => {
            "    scope: SelfManaged, // or Managed: every section is expected\n"
        }
    });
    out.push_str("    answers: {\n");
    answers_text(&mut out, questionnaire, audit);
    out.push_str("    },\n    documents: [\n");
    for document in &audit.documents {
        let _ = write!(
            out,
            "        (item: {}, file: {}",
            typed(document.item.as_str()),
            typed(&document.file)
        );
        if let Some(sha256) = &document.sha256 {
            let _ = write!(out, ", sha256: {}", typed(sha256));
        }
        if let Some(expires) = &document.expires {
            let _ = write!(out, ", expires: {}", typed(expires));
        }
        out.push_str("),\n");
    }
    if audit.documents.is_empty() {
        out.push_str("        // (item: \"evidence.certificates\", file: \"evidence/iso27001-certificate.pdf\",\n");
        out.push_str(
            "        //  sha256: \"<sha256sum of the file>\", expires: \"YYYY-MM-DD\"),\n",
        );
    }
    out.push_str("    ],\n");
    conflicts_text(&mut out, &audit.conflicts);
    out.push_str(")\n");
    out
}

/// Merge conflicts not resolved yet, one per line (nothing when there are none).
fn conflicts_text(out: &mut String, conflicts: &[crate::model::Conflict]) {
    if conflicts.is_empty() {
        return;
    }
    out.push_str(
        "    // Merge conflicts: both sides changed these; the file holds ours until resolved.\n",
    );
    out.push_str("    conflicts: [\n");
    for conflict in conflicts {
        let _ = writeln!(out, "        {},", crate::merge::value_text(conflict));
    }
    out.push_str("    ],\n");
}

/// Every entry of the questionnaire, in its order, with the question above it; then the
/// answers to ids it does not have, or to its headings.
fn answers_text(out: &mut String, questionnaire: &Questionnaire, audit: &Audit) {
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
            let blank = Answer::default();
            let answer = audit.answer(item.id.as_str()).unwrap_or(&blank);
            let _ = writeln!(
                out,
                "        {}: {},",
                typed(item.id.as_str()),
                entry_text(answer)
            );
        }
    }
    let unknown: Vec<&(crate::model::QuestionId, Answer)> = audit
        .answers
        .iter()
        .filter(|(id, _)| {
            questionnaire
                .item(id.as_str())
                .is_none_or(|item| item.kind == ItemKind::Heading)
        })
        .collect();
    if !unknown.is_empty() {
        out.push_str(
            "\n        // ==== Not questions of the questionnaire (kept as they were) ====\n",
        );
        for (id, answer) in unknown {
            let _ = writeln!(
                out,
                "        {}: {},",
                typed(id.as_str()),
                entry_text(answer)
            );
        }
    }
}

/// One answer's entry: `(answer: "…", verdict: …, …)`, only the fields it has.
fn entry_text(answer: &Answer) -> String {
    let mut fields = vec![format!("answer: {}", typed(&answer.answer))];
    if let Some(verdict) = answer.verdict {
        fields.push(format!("verdict: {}", verdict.as_str()));
    }
    if answer.provenance != Provenance::default() {
        fields.push(format!("provenance: {}", answer.provenance.as_str()));
    }
    if !answer.evidence.is_empty() {
        let files: Vec<String> = answer.evidence.iter().map(|f| typed(f)).collect();
        fields.push(format!("evidence: [{}]", files.join(", ")));
    }
    if !answer.note.is_empty() {
        fields.push(format!("note: {}", typed(&answer.note)));
    }
    if !answer.claim.is_empty() {
        fields.push(format!("claim: {}", typed(&answer.claim)));
    }
    if let Some(ownership) = answer.ownership {
        fields.push(format!("ownership: {}", ownership.as_str()));
    }
    if !answer.customer_duties.is_empty() {
        fields.push(format!(
            "customer_duties: {}",
            typed(&answer.customer_duties)
        ));
    }
    format!("({})", fields.join(", "))
}

/// A string as RON, written the way a person types it: plain quotes, real line breaks, a
/// raw string where the text has a `"` or a `\\`.
fn typed(text: &str) -> String {
    ron::ser::to_string_pretty(
        text,
        ron::ser::PrettyConfig::default().escape_strings(false),
    )
    .unwrap_or_else(|_| ron_string(text))
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
    use super::{audit_text, blank_audit, wrap};
    use crate::model::{Audit, Date, ItemKind, Provenance, Questionnaire, Scope};

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

    /// Text that a provider's answer or an auditor's note may hold.
    const HOSTILE: [&str; 9] = [
        "He said \"yes\" to it",
        "C:\\path\\to\\file and a trailing backslash \\",
        "a comment close */ and // a line comment",
        "first line\nsecond line\n\nfourth",
        "right-to-left \u{202e}gnp.exe and an isolate \u{2067}x\u{2069}",
        "r#\"raw\"# and \"#\" and ##",
        "today's answer, l'été, 東京, ٱلْعَرَبِيَّة",
        "tab\tand carriage\rreturn",
        "",
    ];

    #[test]
    fn an_audit_is_written_in_the_canonical_layout_and_read_back_equal() {
        let q = Questionnaire::builtin();
        let mut audit = Audit::from_ron(&blank_audit(
            q,
            "Hostile \"Cloud\" AB",
            Date::parse("2026-12-03").expect("date"),
        ))
        .expect("blank parses");
        audit.auditor = "A. Karlsson".to_owned();
        audit.scope = Scope::SelfManaged;
        for (index, (_, answer)) in audit.answers.0.iter_mut().enumerate().take(40) {
            answer.answer = HOSTILE[index % HOSTILE.len()].to_owned();
            answer.note = HOSTILE[(index + 3) % HOSTILE.len()].to_owned();
            answer.verdict = (index % 3 == 0).then_some(crate::model::Verdict::Partial);
            answer.provenance = if index % 2 == 0 {
                Provenance::Evidenced
            } else {
                Provenance::Stated
            };
            if index % 5 == 0 {
                answer.evidence = vec!["evidence/a \"b\".pdf".to_owned()];
            }
            if index % 4 == 1 {
                answer.claim = ["Yes", "No", "NA", "Partly \"so\""][(index / 4) % 4].to_owned();
                answer.ownership = Some(crate::model::Ownership::ALL[index % 5]);
                answer.customer_duties = HOSTILE[(index + 5) % HOSTILE.len()].to_owned();
                answer.provenance = Provenance::SelfAssessed;
            }
        }
        audit.answers.0[0].1.answer = "x".repeat(100 * 1024);
        audit.documents.push(crate::model::EvidenceDocument {
            item: crate::model::QuestionId::new("evidence.certificates"),
            file: "evidence/cert.pdf".to_owned(),
            sha256: Some("ab".repeat(32)),
            expires: Some("2027-01-31".to_owned()),
        });
        let header =
            "// Audit of Hostile Cloud AB, call of 2026-12-03.\n// Present: A. Karlsson.\n";
        let text = audit_text(q, &audit, header);
        assert!(text.starts_with(header), "the file's own comments stay");
        let back = Audit::from_ron(&text).expect("reads back");
        assert_eq!(back, audit);
        assert!(
            text.contains("today's answer"),
            "no backslash before an apostrophe"
        );
        // Writing again what was read gives the same bytes: a changed answer is a small diff.
        assert_eq!(audit_text(q, &back, header), text);
    }

    #[test]
    fn answers_to_unknown_ids_are_kept_after_the_questionnaire() {
        let q = Questionnaire::builtin();
        let audit = Audit::from_ron(
            r#"(format: 1, provider: "P", answers: {"custom.extra": (answer: "kept", verdict: Meets), "org.iso27001": (answer: "yes")})"#,
        )
        .expect("parses");
        let text = audit_text(q, &audit, "");
        let back = Audit::from_ron(&text).expect("reads back");
        assert_eq!(back.answer("custom.extra"), audit.answer("custom.extra"));
        assert_eq!(back.answer("org.iso27001"), audit.answer("org.iso27001"));
        assert!(text.find("org.iso27001") < text.find("custom.extra"));
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
