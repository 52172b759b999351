//! Validation of a comparison file on its own (its audits are checked when the
//! workspace loads them).

use super::audit::{excerpt, suggestion};
use super::finding::{Finding, Position};
use super::source::{SourceFile, syntax_finding};
use crate::model::{Comparison, MAX_WEIGHT, Questionnaire};

/// Parses and validates a comparison. Returns it when it has no error, and every finding.
#[must_use]
pub fn check_comparison(
    source: &SourceFile,
    questionnaire: &Questionnaire,
) -> (Option<Comparison>, Vec<Finding>) {
    let comparison = match Comparison::from_ron(&source.text) {
        Ok(comparison) => comparison,
        Err(err) => return (None, vec![syntax_finding(source, &err)]),
    };
    let locator = &source.locator;
    let path = source.path.as_path();
    let mut findings = Vec::new();
    match comparison.format {
        None => findings.push(Finding::error(
            path,
            locator.first_position(),
            "missing field `format` (expected `format: 1`)",
        )),
        Some(1) => {}
        Some(other) => findings.push(Finding::error(
            path,
            locator.top_field_value("format"),
            format!("comparison format {other} is not supported (expected 1)"),
        )),
    }
    for (id, weight) in &comparison.section_weights {
        let position = locator.key(id.as_str(), 0);
        if questionnaire.section_position(id.as_str()).is_none() {
            findings.push(Finding::warning(
                path,
                position,
                format!(
                    "unknown section `{}` in `section_weights`",
                    excerpt(id.as_str())
                ),
            ));
        }
        check_weight(
            "section",
            id.as_str(),
            *weight,
            path,
            position,
            &mut findings,
        );
    }
    for (id, weight) in &comparison.question_weights {
        let position = locator.key(id.as_str(), 0);
        unknown_question(
            questionnaire,
            id.as_str(),
            "question_weights",
            path,
            position,
            &mut findings,
        );
        check_weight(
            "question",
            id.as_str(),
            *weight,
            path,
            position,
            &mut findings,
        );
    }
    for id in &comparison.must_have {
        let position = locator.string(id.as_str(), 0);
        unknown_question(
            questionnaire,
            id.as_str(),
            "must_have",
            path,
            position,
            &mut findings,
        );
    }
    let mut occurrences = std::collections::HashMap::new();
    for annotation in &comparison.annotations {
        let id = annotation.question.as_str();
        let occurrence = occurrences.entry(id).or_insert(0_usize);
        let position = locator.string(id, *occurrence);
        *occurrence += 1;
        unknown_question(
            questionnaire,
            id,
            "annotations",
            path,
            position,
            &mut findings,
        );
    }
    findings.extend(conflict_findings(
        &comparison.conflicts,
        path,
        locator.top_field("conflicts"),
    ));
    let usable = !findings.iter().any(Finding::is_error);
    (usable.then_some(comparison), findings)
}

/// One warning per merge conflict not resolved yet (the file is used: it holds our side's
/// values until the conflict is resolved; `check` still exits 1 while any remain).
pub(crate) fn conflict_findings(
    conflicts: &[crate::model::Conflict],
    path: &std::path::Path,
    position: Option<Position>,
) -> Vec<Finding> {
    conflicts
        .iter()
        .map(|conflict| {
            Finding::warning(
                path,
                position,
                format!(
                    "unresolved merge conflict on {}; resolve it in the app (take mine, take theirs or edit)",
                    crate::labels::one_line(&conflict.describe())
                ),
            )
        })
        .collect()
}

/// A weight must be a number, 0 or more: an error otherwise. Above
/// [`MAX_WEIGHT`] it is a warning, as the scores use [`MAX_WEIGHT`] instead.
fn check_weight(
    what: &str,
    id: &str,
    weight: f64,
    path: &std::path::Path,
    position: Option<Position>,
    findings: &mut Vec<Finding>,
) {
    if !weight.is_finite() || weight < 0.0 {
        findings.push(Finding::error(
            path,
            position,
            format!(
                "weight of {what} `{}` must be a number, 0 or more, not {weight}",
                excerpt(id)
            ),
        ));
    } else if weight > MAX_WEIGHT {
        findings.push(Finding::warning(
            path,
            position,
            format!(
                "weight of {what} `{}` is {weight}, above the largest weight {MAX_WEIGHT}: \
                 {MAX_WEIGHT} is used",
                excerpt(id)
            ),
        ));
    }
}

fn unknown_question(
    questionnaire: &Questionnaire,
    id: &str,
    field: &str,
    path: &std::path::Path,
    position: Option<Position>,
    findings: &mut Vec<Finding>,
) {
    if questionnaire.item(id).is_none() {
        let suggestion = suggestion(questionnaire, id);
        findings.push(Finding::warning(
            path,
            position,
            format!(
                "unknown question id `{}` in `{field}`{suggestion}",
                excerpt(id)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::check_comparison;
    use crate::model::Questionnaire;
    use crate::validate::source::SourceFile;

    fn findings(text: &str) -> (bool, Vec<String>) {
        let source = SourceFile::from_text(Path::new("c.ron"), text);
        let (comparison, findings) = check_comparison(&source, Questionnaire::builtin());
        (
            comparison.is_some(),
            findings.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn a_weight_above_the_largest_is_a_warning_naming_it() {
        let (usable, findings) = findings(
            "(\n    format: 1,\n    audits: [],\n    section_weights: {\"legal\": 12.5, \"tech\": 10.0},\n)",
        );
        assert!(usable, "a warning leaves the comparison usable");
        assert_eq!(
            findings,
            [
                "c.ron:4:23: warning: weight of section `legal` is 12.5, above the largest \
                 weight 10: 10 is used"
            ]
        );
    }

    #[test]
    fn a_negative_or_infinite_weight_is_an_error() {
        let (usable, findings) = findings(
            "(\n    format: 1,\n    audits: [],\n    section_weights: {\"legal\": -1.0},\n    \
             question_weights: {\"org.iso27001\": inf},\n)",
        );
        assert!(!usable);
        assert_eq!(
            findings,
            [
                "c.ron:4:23: error: weight of section `legal` must be a number, 0 or more, not -1",
                "c.ron:5:24: error: weight of question `org.iso27001` must be a number, 0 or \
                 more, not inf",
            ]
        );
    }
}
