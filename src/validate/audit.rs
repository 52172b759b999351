//! Validation of one audit file against the questionnaire.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::finding::{Finding, Position};
use super::source::{SourceFile, syntax_finding};
use crate::fsutil;
use crate::model::{Audit, Date, ItemKind, Questionnaire};

/// What an audit is checked against.
#[derive(Clone, Copy, Debug)]
pub struct AuditContext<'a> {
    /// The questionnaire the audit must answer.
    pub questionnaire: &'a Questionnaire,
    /// The date against which documents expire.
    pub today: Date,
}

/// Parses and validates one audit. Returns the audit when it has no error (warnings
/// allowed), and every finding.
#[must_use]
pub fn check_audit(
    source: &SourceFile,
    context: AuditContext<'_>,
) -> (Option<Audit>, Vec<Finding>) {
    let audit = match Audit::from_ron(&source.text) {
        Ok(audit) => audit,
        Err(err) => return (None, vec![syntax_finding(source, &err)]),
    };
    let mut findings = Vec::new();
    let checker = Checker {
        source,
        context,
        findings: &mut findings,
    };
    checker.check(&audit);
    // File order reads best; findings without a position come first.
    findings.sort_by_key(|finding| finding.position);
    let usable = !findings.iter().any(Finding::is_error);
    (usable.then_some(audit), findings)
}

struct Checker<'a, 'f> {
    source: &'a SourceFile,
    context: AuditContext<'a>,
    findings: &'f mut Vec<Finding>,
}

impl Checker<'_, '_> {
    fn error(&mut self, position: Option<Position>, message: String) {
        self.findings
            .push(Finding::error(&self.source.path, position, message));
    }

    fn warning(&mut self, position: Option<Position>, message: String) {
        self.findings
            .push(Finding::warning(&self.source.path, position, message));
    }

    /// The opening parenthesis of the struct, wherever leading comments put it.
    fn start(&self) -> Option<Position> {
        self.source.locator.first_position()
    }

    fn check(mut self, audit: &Audit) {
        self.check_header(audit);
        self.check_answers(audit);
        self.check_documents(audit);
    }

    fn check_header(&mut self, audit: &Audit) {
        let locator = &self.source.locator;
        match audit.format {
            None => self.error(
                self.start(),
                "missing field `format` (expected `format: 1`)".to_owned(),
            ),
            Some(1) => {}
            Some(other) => self.error(
                locator.top_field_value("format"),
                format!("audit format {other} is not supported (expected 1)"),
            ),
        }
        let questionnaire = self.context.questionnaire;
        if audit.questionnaire != questionnaire.id {
            self.error(
                locator.top_field_value("questionnaire"),
                format!(
                    "audit answers questionnaire `{}`, but the questionnaire in use is `{}`",
                    audit.questionnaire, questionnaire.id
                ),
            );
        }
        if audit.provider.trim().is_empty() {
            let position = locator.top_field_value("provider").or_else(|| self.start());
            self.error(
                position,
                "missing provider name (`provider: \"...\"`)".to_owned(),
            );
        } else if audit
            .provider
            .chars()
            .any(|c| c.is_control() || is_bidi_control(c))
        {
            self.warning(
                locator.top_field_value("provider"),
                "provider name contains control or text-direction characters; they are shown as \u{fffd}"
                    .to_owned(),
            );
        }
        if let Some(date) = &audit.audited_on
            && Date::parse(date).is_none()
        {
            self.warning(
                locator.top_field_value("audited_on"),
                format!("`audited_on` is `{date}`, not a date in the form YYYY-MM-DD"),
            );
        }
    }

    fn check_answers(&mut self, audit: &Audit) {
        let questionnaire = self.context.questionnaire;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (id, answer) in audit.answers.iter() {
            let occurrence = seen.entry(id.as_str()).or_insert(0);
            let position = self.source.locator.key(id.as_str(), *occurrence);
            *occurrence += 1;
            if *occurrence == 2 {
                self.error(
                    position,
                    format!("question `{id}` is answered more than once; keep one entry"),
                );
            }
            let Some(item) = questionnaire.item(id.as_str()) else {
                let suggestion = questionnaire
                    .nearest_id(id.as_str())
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                self.warning(
                    position,
                    format!(
                        "unknown question id `{id}` (not in questionnaire `{}`){suggestion}",
                        questionnaire.id
                    ),
                );
                continue;
            };
            if item.kind == ItemKind::Heading {
                self.warning(
                    position,
                    format!("`{id}` is a heading, not a question: its answer is not scored"),
                );
            }
            if answer.verdict.is_none() && !answer.answer.trim().is_empty() {
                self.warning(
                    position,
                    format!("`{id}` has an answer but no verdict: counted as not asked"),
                );
            }
            for evidence in &answer.evidence {
                self.check_evidence_path(evidence);
            }
        }
    }

    fn check_evidence_path(&mut self, evidence: &str) {
        let resolved = self.resolve(evidence);
        if !resolved.is_file() {
            let position = self.source.locator.string(evidence, 0);
            self.warning(
                position,
                format!(
                    "evidence file `{evidence}` not found (looked for {})",
                    resolved.display()
                ),
            );
        }
    }

    fn resolve(&self, relative: &str) -> PathBuf {
        let base = self.source.path.parent().unwrap_or_else(|| Path::new("."));
        base.join(relative)
    }

    fn check_documents(&mut self, audit: &Audit) {
        let questionnaire = self.context.questionnaire;
        for document in &audit.documents {
            let position = self.source.locator.string(&document.file, 0);
            match questionnaire.item(document.item.as_str()) {
                None => self.warning(
                    self.source.locator.string(document.item.as_str(), 0),
                    format!("document for unknown item `{}`", document.item),
                ),
                Some(item) if item.kind != ItemKind::Document => self.warning(
                    self.source.locator.string(document.item.as_str(), 0),
                    format!("`{}` is not an evidence document item", document.item),
                ),
                Some(_) => {}
            }
            if let Some(expires) = &document.expires {
                match Date::parse(expires) {
                    None => self.warning(
                        self.source.locator.string(expires, 0),
                        format!("`expires` is `{expires}`, not a date in the form YYYY-MM-DD"),
                    ),
                    Some(date) if date < self.context.today => self.warning(
                        self.source.locator.string(expires, 0),
                        format!("document `{}` expired on {date}", document.file),
                    ),
                    Some(_) => {}
                }
            }
            let resolved = self.resolve(&document.file);
            match fsutil::sha256_file(&resolved) {
                Err(err) => self.warning(
                    position,
                    format!(
                        "document `{}` cannot be read: {err} (looked for {})",
                        document.file,
                        resolved.display()
                    ),
                ),
                Ok(actual) => {
                    if let Some(expected) = &document.sha256
                        && !actual.eq_ignore_ascii_case(expected.trim())
                    {
                        self.warning(
                                position,
                                format!(
                                    "document `{}` does not match its recorded SHA-256 (recorded {}, file has {})",
                                    document.file,
                                    short(expected),
                                    short(&actual)
                                ),
                            );
                    }
                }
            }
        }
    }
}

fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// Characters that reorder text on screen (right-to-left overrides and isolates).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}
