//! The text report of a comparison, in Markdown (for a Git forge or the minutes) and in
//! CSV (for a spreadsheet): the ranking, scores and gaps per section, knock-outs, weights,
//! every annotation and follow-up, the decision and the SHA-256 of every input file.
//! Written from the same view model as the image, so the two never disagree.
//! Must not depend on UI crates.

use std::fmt::Write as _;

use crate::model::{Flag, Verdict};
use crate::view::{AnnotationView, ComparisonView, DateSource, InputKind, ProviderRow};

/// A score as the reports write it: one decimal.
fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// A weight as people write it: 2, 1.5, 0.25.
fn weight(value: f64) -> String {
    let text = format!("{value:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Text from a user's file made safe inside a Markdown paragraph or table cell: on one
/// line, with the characters that Markdown or HTML would interpret escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in super::text::one_line(text).chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '{' | '}'
            | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// An id or file name as inline code; backticks inside cannot occur in valid ids but are
/// replaced all the same.
fn code(text: &str) -> String {
    let text = super::text::one_line(text)
        .replace('`', "'")
        .replace('|', "\\|");
    format!("`{text}`")
}

fn flag_label(flag: Option<Flag>) -> &'static str {
    match flag {
        Some(Flag::Weak) => "weak",
        Some(Flag::FollowUp) => "follow-up",
        Some(Flag::Accepted) => "accepted risk",
        None => "note",
    }
}

/// The report as Markdown.
#[must_use]
pub fn markdown(view: &ComparisonView) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}: comparison of {} providers\n",
        md(&view.title),
        view.providers.len()
    );
    let mut facts = Vec::new();
    if let Some(date) = &view.date {
        let caption = match date.source {
            DateSource::Decision => "Decided on",
            DateSource::LatestAudit => "Latest audit",
        };
        facts.push(format!("{caption} {}", date.date));
    }
    facts.push(match &view.comparison_file {
        Some(file) => format!("comparison {}", code(file)),
        None => "no comparison file: all weights 1".to_owned(),
    });
    facts.push(format!("{} weak answers", view.weak_answers()));
    facts.push(format!("{} follow-ups", view.follow_ups()));
    let _ = writeln!(out, "{}\n", facts.join(" · "));

    warnings(&mut out, view);
    decision(&mut out, view);
    ranking(&mut out, view);
    sections(&mut out, view);
    gaps(&mut out, view);
    weights(&mut out, view);
    annotations(&mut out, view);
    documents(&mut out, view);
    inputs(&mut out, view);
    out.push_str(
        "Scoring: an answer counts 1 if it meets the need, 0.5 if partial, 0 for a gap, no answer \
         or not asked; not applicable and out-of-scope questions are left out. A section's score is \
         the weighted mean of its questions, a provider's the weighted mean of its sections, \
         0 to 100. Gaps are the questions valued below 1. A must-have question not met, unless \
         accepted as a known risk, knocks the provider out: it ranks last whatever its score.\n",
    );
    out
}

fn warnings(out: &mut String, view: &ComparisonView) {
    if !view.drift.is_empty() {
        out.push_str(
            "> **Warning:** audits changed since the comparison was saved; \
             the decision was made on other evidence.\n>\n",
        );
        for drift in &view.drift {
            let now = drift
                .current
                .as_deref()
                .map_or_else(|| "missing".to_owned(), code);
            let _ = writeln!(
                out,
                "> - {}: recorded {}, now {now}",
                code(&drift.listed_path),
                code(&drift.recorded)
            );
        }
        out.push('\n');
    }
    if !view.not_loaded.is_empty() {
        let files: Vec<String> = view.not_loaded.iter().map(|f| code(f)).collect();
        let _ = writeln!(
            out,
            "> **Warning:** not loaded because of errors (see `provider-audit check`): {}. \
             This report is incomplete.\n",
            files.join(", ")
        );
    }
}

fn decision(out: &mut String, view: &ComparisonView) {
    out.push_str("## Decision\n\n");
    let Some(decision) = &view.decision else {
        out.push_str("No decision recorded yet.\n\n");
        return;
    };
    let _ = write!(out, "**{}**", md(&decision.provider));
    if !decision.provider_loaded {
        out.push_str(" (not among the loaded audits)");
    }
    if !decision.decided_by.is_empty() {
        let _ = write!(out, ", decided by {}", md(&decision.decided_by));
    }
    if !decision.decided_on.is_empty() {
        let _ = write!(out, " on {}", md(&decision.decided_on));
    }
    out.push_str(".\n\n");
    if let Some(warning) = view
        .decision_status
        .as_ref()
        .and_then(crate::view::DecisionStatus::warning)
    {
        let _ = writeln!(out, "**Warning:** {}\n", md(&warning));
    }
    if !decision.rationale.is_empty() {
        for line in decision.rationale.lines() {
            let line = md(line);
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {line}");
            }
        }
        out.push('\n');
    }
    superseded(out, view);
}

/// Earlier decisions, replaced or withdrawn since: who, when, which provider and why.
fn superseded(out: &mut String, view: &ComparisonView) {
    if view.superseded.is_empty() {
        return;
    }
    out.push_str("### Superseded decisions\n\n");
    for earlier in &view.superseded {
        let _ = writeln!(
            out,
            "- **{}**, decided by {} on {}: {}",
            md(&earlier.provider),
            md(&earlier.decided_by),
            md(&earlier.decided_on),
            md(&earlier.rationale.replace('\n', " "))
        );
    }
    out.push('\n');
}

fn status(provider: &ProviderRow) -> String {
    let mut parts = Vec::new();
    if provider.chosen {
        parts.push("**chosen**".to_owned());
    }
    if provider.knocked_out() {
        let ids: Vec<String> = provider.knocked_out_by.iter().map(|id| code(id)).collect();
        parts.push(format!("knocked out by {}", ids.join(", ")));
    }
    if !provider.waived.is_empty() {
        let ids: Vec<String> = provider.waived.iter().map(|id| code(id)).collect();
        parts.push(format!("accepted risk on {}", ids.join(", ")));
    }
    parts.join("; ")
}

fn ranking(out: &mut String, view: &ComparisonView) {
    out.push_str("## Ranking\n\n");
    out.push_str(
        "| Rank | Provider | Score | Gaps | Weak | Follow-ups | Asked | Audited | Status |\n",
    );
    out.push_str("|---:|---|---:|---:|---:|---:|---:|---|---|\n");
    for p in &view.providers {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {:.0}% | {} | {} |",
            p.rank,
            md(&p.name),
            score(p.score),
            p.gaps.total(),
            p.gaps.weak,
            p.follow_ups,
            p.coverage * 100.0,
            p.audited_on.as_deref().map(md).unwrap_or_default(),
            status(p)
        );
    }
    out.push('\n');
}

fn sections(out: &mut String, view: &ComparisonView) {
    out.push_str("## Scores by section\n\nEach cell: section score 0–100 (gaps).\n\n");
    out.push_str("| Provider |");
    for section in &view.sections {
        let _ = write!(out, " {} |", md(&section.label));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(view.sections.len()));
    out.push('\n');
    if !view.equal_weights() {
        out.push_str("| *weight* |");
        for section in &view.sections {
            let _ = write!(out, " *×{}* |", weight(section.weight));
        }
        out.push('\n');
    }
    for p in &view.providers {
        let _ = write!(out, "| {} |", md(&p.name));
        for cell in &p.sections {
            match cell.score {
                Some(value) => {
                    let _ = write!(out, " {} ({}) |", score(value), cell.gaps.total());
                }
                None => out.push_str(" – |"),
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

fn gaps(out: &mut String, view: &ComparisonView) {
    out.push_str("## Gaps by cause\n\n");
    out.push_str("| Provider | Gap | No answer | Not asked | Partial | Total | Weak answers |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for p in &view.providers {
        let g = &p.gaps;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&p.name),
            g.gap,
            g.no_answer,
            g.not_asked,
            g.partial,
            g.total(),
            g.weak
        );
    }
    out.push('\n');
}

fn weights(out: &mut String, view: &ComparisonView) {
    if view.must_have.is_empty() && view.question_weights.is_empty() && view.equal_weights() {
        return;
    }
    out.push_str("## Weights and must-have questions\n\n");
    if !view.equal_weights() {
        let list: Vec<String> = view
            .sections
            .iter()
            .filter(|s| (s.weight - 1.0).abs() > f64::EPSILON)
            .map(|s| format!("{} ×{}", md(&s.label), weight(s.weight)))
            .collect();
        let _ = writeln!(out, "Section weights (others 1): {}.\n", list.join(", "));
    }
    if !view.question_weights.is_empty() {
        out.push_str("Question weights (others 1):\n\n");
        for (question, value) in &view.question_weights {
            let _ = writeln!(
                out,
                "- {} ×{}: {}",
                code(&question.id),
                weight(*value),
                md(&question.text)
            );
        }
        out.push('\n');
    }
    if !view.must_have.is_empty() {
        out.push_str("Must-have questions:\n\n");
        for question in &view.must_have {
            let _ = writeln!(out, "- {}: {}", code(&question.id), md(&question.text));
        }
        out.push('\n');
    }
}

fn annotation_line(a: &AnnotationView) -> String {
    let mut line = format!("{} ({})", code(&a.question.id), md(&a.question.section));
    if !a.question.text.is_empty() {
        let _ = write!(line, " {}", md(&a.question.text));
    }
    if let Some(verdict) = a.verdict {
        let from = a
            .audit_verdict
            .map_or_else(String::new, |v| format!(" (audit: {})", v.label()));
        let _ = write!(line, " — verdict set to **{}**{from}", verdict.label());
    }
    if !a.comment.is_empty() {
        let _ = write!(line, " — {}", md(&a.comment));
    }
    let who: Vec<String> = [&a.author, &a.at]
        .iter()
        .filter(|s| !s.is_empty())
        .map(|s| md(s))
        .collect();
    if !who.is_empty() {
        let _ = write!(line, " *({})*", who.join(", "));
    }
    line
}

fn annotations(out: &mut String, view: &ComparisonView) {
    let follow_ups: Vec<&AnnotationView> = view
        .annotations
        .iter()
        .filter(|a| a.flag == Some(Flag::FollowUp))
        .collect();
    out.push_str("## Follow-ups\n\n");
    if follow_ups.is_empty() {
        out.push_str("None.\n\n");
    } else {
        for a in follow_ups {
            let _ = writeln!(out, "- [ ] **{}**: {}", md(&a.provider), annotation_line(a));
        }
        out.push('\n');
    }
    out.push_str("## Annotations\n\n");
    let others: Vec<&AnnotationView> = view
        .annotations
        .iter()
        .filter(|a| a.flag != Some(Flag::FollowUp))
        .collect();
    if others.is_empty() {
        out.push_str("None besides the follow-ups.\n\n");
        return;
    }
    // Grouped by provider in ranking order, then any provider no audit has.
    let mut names: Vec<&str> = view.providers.iter().map(|p| p.name.as_str()).collect();
    for a in &others {
        if !names.contains(&a.provider.as_str()) {
            names.push(&a.provider);
        }
    }
    for name in names {
        let of_provider: Vec<&&AnnotationView> =
            others.iter().filter(|a| a.provider == name).collect();
        if of_provider.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", md(name));
        for a in of_provider {
            let _ = writeln!(out, "- **{}**: {}", flag_label(a.flag), annotation_line(a));
        }
        out.push('\n');
    }
}

/// The evidence documents of every provider: verified against their SHA-256, expired or not
/// on the report's date.
fn documents(out: &mut String, view: &ComparisonView) {
    out.push_str("## Evidence documents\n\n");
    let date = view
        .date
        .as_ref()
        .map_or_else(String::new, |d| format!(" (expiry as of {})", d.date));
    let _ = writeln!(
        out,
        "SHA-256 compared with the one recorded in the audit{date}.\n"
    );
    out.push_str("| Provider | Item | File | State | Expires |\n|---|---|---|---|---|\n");
    for provider in &view.providers {
        if provider.documents.is_empty() {
            let _ = writeln!(out, "| {} | | *no documents* | | |", md(&provider.name));
        }
        for document in &provider.documents {
            let expires = match (document.expires, document.expired) {
                (Some(date), true) => format!("**{date}, expired**"),
                (Some(date), false) => date.to_string(),
                (None, _) => String::new(),
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {expires} |",
                md(&provider.name),
                code(&document.item),
                code(&document.file),
                document.status.label()
            );
        }
    }
    out.push('\n');
}

fn inputs(out: &mut String, view: &ComparisonView) {
    out.push_str("## Input files\n\n| File | Provider | SHA-256 |\n|---|---|---|\n");
    for input in &view.inputs {
        let provider = match input.kind {
            InputKind::Comparison => "*comparison*".to_owned(),
            InputKind::Audit => input.provider.as_deref().map(md).unwrap_or_default(),
        };
        let _ = writeln!(
            out,
            "| {} | {provider} | {} |",
            code(&input.path),
            code(&input.sha256)
        );
    }
    out.push('\n');
}

/// The columns of the CSV report.
pub const CSV_HEADER: [&str; 21] = [
    "record",
    "provider",
    "rank",
    "section",
    "question",
    "score",
    "gaps",
    "gap",
    "no_answer",
    "not_asked",
    "partial",
    "weak",
    "follow_ups",
    "status",
    "flag",
    "verdict",
    "comment",
    "by",
    "date",
    "file",
    "file_sha256",
];

/// One CSV field: quoted when it must be (RFC 4180), and prefixed with `'` when a
/// spreadsheet would read it as a formula.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

#[derive(Default)]
struct CsvRecord {
    fields: [String; CSV_HEADER.len()],
}

impl CsvRecord {
    fn new(record: &str) -> Self {
        let mut row = Self::default();
        record.clone_into(&mut row.fields[0]);
        row
    }

    fn set(mut self, column: &str, value: impl std::fmt::Display) -> Self {
        if let Some(index) = CSV_HEADER.iter().position(|c| *c == column) {
            self.fields[index] = value.to_string();
        }
        self
    }

    fn gaps(self, gaps: &crate::scoring::GapCounts) -> Self {
        self.set("gaps", gaps.total())
            .set("gap", gaps.gap)
            .set("no_answer", gaps.no_answer)
            .set("not_asked", gaps.not_asked)
            .set("partial", gaps.partial)
            .set("weak", gaps.weak)
    }

    fn write(&self, out: &mut String) {
        let fields: Vec<String> = self.fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
}

/// The report as CSV (RFC 4180, CRLF line ends), one record per line, its kind in the
/// first column: `provider` (one per provider), `section` (one per provider and
/// section, by section id), `annotation`, `decision`, `drift` and `input` (one per
/// file). Columns a record does not use are empty.
#[must_use]
pub fn csv(view: &ComparisonView) -> String {
    let mut out = String::new();
    out.push_str(&CSV_HEADER.join(","));
    out.push_str("\r\n");
    for p in &view.providers {
        let mut status = Vec::new();
        if p.chosen {
            status.push("chosen".to_owned());
        }
        if p.knocked_out() {
            status.push(format!("knocked out by {}", p.knocked_out_by.join(" ")));
        }
        if !p.waived.is_empty() {
            status.push(format!("accepted risk on {}", p.waived.join(" ")));
        }
        CsvRecord::new("provider")
            .set("provider", &p.name)
            .set("rank", p.rank)
            .set("score", score(p.score))
            .gaps(&p.gaps)
            .set("follow_ups", p.follow_ups)
            .set("status", status.join("; "))
            .set("date", p.audited_on.as_deref().unwrap_or_default())
            .set("file", &p.file)
            .write(&mut out);
    }
    for p in &view.providers {
        for (section, cell) in view.sections.iter().zip(&p.sections) {
            CsvRecord::new("section")
                .set("provider", &p.name)
                .set("rank", p.rank)
                .set("section", &section.id)
                .set("score", cell.score.map(score).unwrap_or_default())
                .gaps(&cell.gaps)
                .write(&mut out);
        }
    }
    for a in &view.annotations {
        CsvRecord::new("annotation")
            .set("provider", &a.provider)
            .set("section", &a.question.section_id)
            .set("question", &a.question.id)
            .set("flag", a.flag.map(Flag::as_str).unwrap_or_default())
            .set(
                "verdict",
                a.verdict.map(Verdict::as_str).unwrap_or_default(),
            )
            .set("comment", &a.comment)
            .set("by", &a.author)
            .set("date", &a.at)
            .write(&mut out);
    }
    if let Some(d) = &view.decision {
        CsvRecord::new("decision")
            .set("provider", &d.provider)
            .set("status", "chosen")
            .set("comment", &d.rationale)
            .set("by", &d.decided_by)
            .set("date", &d.decided_on)
            .write(&mut out);
    }
    for drift in &view.drift {
        CsvRecord::new("drift")
            .set(
                "status",
                format!("changed since recorded {}", drift.recorded),
            )
            .set("file", &drift.listed_path)
            .set("file_sha256", drift.current.as_deref().unwrap_or("missing"))
            .write(&mut out);
    }
    for input in &view.inputs {
        let kind = match input.kind {
            InputKind::Comparison => "comparison",
            InputKind::Audit => "audit",
        };
        CsvRecord::new("input")
            .set("provider", input.provider.as_deref().unwrap_or_default())
            .set("status", kind)
            .set("file", &input.path)
            .set("file_sha256", &input.sha256)
            .write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{code, csv_field, md, weight};

    #[test]
    fn markdown_specials_in_user_text_are_escaped() {
        assert_eq!(md("a|b *c* <script>"), "a\\|b \\*c\\* \\<script\\>");
        assert_eq!(md("line\nbreak"), "line break");
        assert_eq!(code("tech.az.locations"), "`tech.az.locations`");
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn weights_print_short() {
        assert_eq!(weight(2.0), "2");
        assert_eq!(weight(0.5), "0.5");
    }
}
