//! The text report of a comparison, in Markdown (for a Git forge or the minutes) and in
//! CSV (for a spreadsheet): the ranking, scores and gaps per section, knock-outs, weights,
//! every annotation and follow-up, the decision and the SHA-256 of every input file.
//! Written from the same view model as the image, so the two never disagree. The Markdown
//! is here; the CSV in `csv_report.rs`. Must not depend on UI crates.

use std::fmt::Write as _;

mod csv_report;

pub use csv_report::{CSV_HEADER, CsvRecord, csv, read_csv};

use crate::labels;
use crate::model::Flag;
use crate::view::{AnnotationView, ComparisonView, DateSource, InputKind, ProviderRow};

/// A score as the reports write it: one decimal.
fn score(value: f64) -> String {
    format!("{value:.1}")
}

/// Text from a user's file made safe inside a Markdown paragraph or table cell: on one
/// line, with the characters that Markdown or HTML would interpret escaped.
fn md(text: &str) -> String {
    labels::markdown_escape(&labels::one_line(text))
}

/// An id or file name as inline code; backticks inside cannot occur in valid ids but are
/// replaced all the same.
fn code(text: &str) -> String {
    let text = labels::one_line(text).replace('`', "'").replace('|', "\\|");
    format!("`{text}`")
}

fn flag_label(flag: Option<Flag>) -> &'static str {
    flag.map_or("note", labels::flag_label)
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
    facts.push(labels::plural(view.weak_answers(), "weak answer"));
    facts.push(labels::plural(view.follow_ups(), "follow-up"));
    let _ = writeln!(out, "{}\n", facts.join(" · "));

    warnings(&mut out, view);
    decision(&mut out, view);
    ranking(&mut out, view);
    sections(&mut out, view);
    gaps(&mut out, view);
    ownership(&mut out, view);
    weights(&mut out, view);
    annotations(&mut out, view);
    for history in &view.histories {
        out.push_str(&crate::history::render(
            &history.diff,
            crate::history::Style::Markdown,
        ));
        out.push('\n');
    }
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
            let _ = write!(out, " *×{}* |", labels::weight(section.weight));
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

/// The shared-responsibility section (CAIQ audits only) and the self-assessed verdicts.
fn ownership(out: &mut String, view: &ComparisonView) {
    let self_assessed: Vec<String> = view
        .providers
        .iter()
        .filter(|p| p.self_assessed > 0)
        .map(|p| format!("{} {}", md(&p.name), p.self_assessed))
        .collect();
    if view.ownership.is_empty() && self_assessed.is_empty() {
        return;
    }
    out.push_str(
        "## Shared responsibility

",
    );
    if !self_assessed.is_empty() {
        let _ = writeln!(
            out,
            "Self-assessed verdicts (the provider's own Yes/No/NA accepted as given, not judged): {}.
",
            self_assessed.join(", ")
        );
    }
    if view.ownership.is_empty() {
        return;
    }
    out.push_str(
        "Questions by who carries the control, as each provider states it: CSP / shared with \
         you / third party / yours (customer) / not given.\n\n| Provider | CSP | Shared | 3rd party | Customer | Not given |\n|---|---:|---:|---:|---:|---:|\n",
    );
    for row in &view.ownership {
        let t = &row.total;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            md(&row.provider),
            t.csp,
            t.shared,
            t.third_party,
            t.customer,
            t.blank
        );
    }
    out.push_str("\nBy domain, each cell CSP/shared/3rd party/customer/not given:\n\n| Provider |");
    for section in &view.sections {
        let _ = write!(out, " {} |", md(&section.label));
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(view.sections.len()));
    out.push('\n');
    for row in &view.ownership {
        let _ = write!(out, "| {} |", md(&row.provider));
        for c in &row.sections {
            let _ = write!(
                out,
                " {}/{}/{}/{}/{} |",
                c.csp, c.shared, c.third_party, c.customer, c.blank
            );
        }
        out.push('\n');
    }
    out.push('\n');
    for row in &view.ownership {
        let _ = writeln!(out, "### What you still own with {}\n", md(&row.provider));
        if row.customer_parts.is_empty() {
            out.push_str("No control is customer-owned or shared, and no customer responsibility is listed.\n\n");
            continue;
        }
        for part in &row.customer_parts {
            let ownership = part
                .ownership
                .map_or("ownership not given", crate::model::Ownership::label);
            let _ = write!(
                out,
                "- {} {} ({ownership})",
                code(&part.question.id),
                md(&part.question.text)
            );
            if !part.duties.is_empty() {
                let _ = write!(out, ": {}", md(&part.duties));
            }
            out.push('\n');
        }
        out.push('\n');
    }
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
            .map(|s| format!("{} ×{}", md(&s.label), labels::weight(s.weight)))
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
                labels::weight(*value),
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

#[cfg(test)]
mod tests {
    use super::csv_report::write_csv;
    use super::{CSV_HEADER, CsvRecord, code, md, read_csv};
    use crate::export::ComparisonView;
    use crate::model::{Date, Questionnaire};
    use crate::workspace::Workspace;

    #[test]
    fn markdown_specials_in_user_text_are_escaped() {
        assert_eq!(md("a|b *c* <script>"), "a\\|b \\*c\\* \\<script\\>");
        assert_eq!(md("line\nbreak"), "line break");
        assert_eq!(code("tech.az.locations"), "`tech.az.locations`");
    }

    /// The line a record with `comment` is written as, after the header.
    fn comment_line(comment: &str) -> String {
        let record = CsvRecord {
            comment: comment.to_owned(),
            ..CsvRecord::new("annotation")
        };
        let text = write_csv(vec![record]).expect("written");
        let line = text.split_once("\r\n").expect("a header").1;
        line.strip_suffix("\r\n").expect("CRLF").to_owned()
    }

    #[test]
    fn csv_fields_are_quoted_and_defused() {
        let empty = ",".repeat(15);
        let line = |cell: &str| format!("annotation{empty},{cell},,,,");
        assert_eq!(comment_line("plain"), line("plain"));
        assert_eq!(comment_line("a, b"), line("\"a, b\""));
        assert_eq!(comment_line("say \"hi\""), line("\"say \"\"hi\"\"\""));
        assert_eq!(comment_line("two\nlines"), line("\"two\nlines\""));
        for formula in ["=HYPERLINK(1)", "+1", "-1", "@SUM(A1)", "\tx"] {
            assert_eq!(comment_line(formula), line(&format!("'{formula}")));
        }
        assert_eq!(comment_line("a=1"), line("a=1"), "only a leading sign");
    }

    #[test]
    fn every_field_is_defused() {
        let mut record = CsvRecord::default();
        for field in record.fields_mut() {
            "=1".clone_into(field);
        }
        let text = write_csv(vec![record]).expect("written");
        let line = text.split_once("\r\n").expect("a header").1;
        assert_eq!(line, format!("{}\r\n", ["'=1"; CSV_HEADER.len()].join(",")));
    }

    #[test]
    fn the_header_names_the_record_fields() {
        let text = write_csv(Vec::new()).expect("written");
        assert_eq!(text, format!("{}\r\n", CSV_HEADER.join(",")));
        let record = CsvRecord {
            provider: "Nordlys Cloud AB".to_owned(),
            rank: "2".to_owned(),
            file_sha256: "ab12".to_owned(),
            ..CsvRecord::new("provider")
        };
        let text = write_csv(vec![record.clone()]).expect("written");
        assert_eq!(read_csv(&text).expect("read back"), [record]);
    }

    #[test]
    fn a_misspelt_or_missing_column_is_an_error() {
        let header = CSV_HEADER.join(",");
        let row = format!("provider{}\r\n", ",".repeat(CSV_HEADER.len() - 1));
        assert!(read_csv(&format!("{header}\r\n{row}")).is_ok());
        let misspelt = header.replace("follow_ups", "followups");
        let err = read_csv(&format!("{misspelt}\r\n{row}")).expect_err("misspelt");
        assert!(err.to_string().contains("followups"), "{err}");
        let short = header.replace(",file_sha256", "");
        let row = format!("provider{}\r\n", ",".repeat(CSV_HEADER.len() - 2));
        let err = read_csv(&format!("{short}\r\n{row}")).expect_err("missing");
        assert!(err.to_string().contains("file_sha256"), "{err}");
    }

    /// The CSV report of the alpha and beta fixtures with their comparison.
    fn fixture_csv(today: Date) -> String {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
        let paths: Vec<_> = ["alpha.ron", "beta.ron", "comparison.ron"]
            .iter()
            .map(|file| dir.join(file))
            .collect();
        let questionnaire = Questionnaire::builtin();
        let workspace = Workspace::load(&paths, questionnaire, today);
        let view = ComparisonView::of_workspace(questionnaire, &workspace, today);
        super::csv(&view).expect("written")
    }

    #[test]
    fn the_csv_report_reads_back_record_by_record() {
        let text = fixture_csv(Date::parse("2026-11-30").expect("date"));
        assert!(text.starts_with("record,provider,rank,"), "{text}");
        let records = read_csv(&text).expect("read back");
        let count = |kind: &str| records.iter().filter(|r| r.record == kind).count();
        assert_eq!(count("provider"), 2);
        assert_eq!(count("section"), 2 * 6);
        assert_eq!(count("annotation"), 2);
        assert_eq!(count("decision"), 1);
        assert_eq!(count("input"), 3);
        let first = &records[0];
        assert_eq!(
            (first.provider.as_str(), first.rank.as_str()),
            ("Alpha Cloud AB", "1")
        );
        assert!(first.status.starts_with("chosen"), "{first:?}");
        let note = records
            .iter()
            .find(|r| r.record == "annotation" && r.question == "tech.az.locations")
            .expect("annotation");
        assert_eq!(
            (note.flag.as_str(), note.verdict.as_str(), note.by.as_str()),
            ("FollowUp", "Gap", "ml")
        );
    }
}
