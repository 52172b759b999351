//! Validation of one audit file against the questionnaire.

use std::path::{Path, PathBuf};

use super::finding::{Finding, Position};
use super::source::{SourceFile, syntax_finding};
use crate::evidence::{self, FileState, leaves_folder};
use crate::labels;
use crate::model::{Audit, Date, ItemKind, Questionnaire, versions};

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
    let mut audit = match Audit::from_ron(&source.text) {
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
    findings.extend(super::comparison::conflict_findings(
        &audit.conflicts,
        &source.path,
        source.locator.top_field("conflicts"),
    ));
    // File order reads best; findings without a position come first.
    findings.sort_by_key(|finding| finding.position);
    let usable = !findings.iter().any(Finding::is_error);
    // An audit of an earlier version reads its replaced ids as the new ones (in memory).
    versions::read_against(&mut audit, context.questionnaire);
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
                    excerpt(&audit.questionnaire),
                    questionnaire.id
                ),
            );
        }
        if audit.questionnaire == questionnaire.id
            && let Some(version) = versions::earlier_version(audit, questionnaire)
        {
            self.warning(
                locator.top_field_value("questionnaire_version"),
                format!(
                    "audit answers version {} of questionnaire `{}`; version {} is in use: \
                     replaced questions read as their new ids, new questions count as not asked",
                    excerpt(version),
                    questionnaire.id,
                    if questionnaire.version.is_empty() {
                        "(none)"
                    } else {
                        &questionnaire.version
                    }
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
            .any(|c| labels::is_unsafe(c, labels::Medium::Line))
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
                format!(
                    "`audited_on` is `{}`, not a date in the form YYYY-MM-DD",
                    excerpt(date)
                ),
            );
        }
    }

    fn check_answers(&mut self, audit: &Audit) {
        let questionnaire = self.context.questionnaire;
        let source: &SourceFile = self.source;
        let mut seen: crate::hash::HashMap<&str, usize> = crate::hash::HashMap::default();
        for (id, answer) in audit.answers.iter() {
            let occurrence = seen.entry(id.as_str()).or_insert(0);
            // Positions are worked out only for a finding: a clean answer needs none.
            let this = *occurrence;
            let position = || source.locator.key(id.as_str(), this);
            *occurrence += 1;
            if *occurrence == 2 {
                self.error(
                    position(),
                    format!(
                        "question `{}` is answered more than once; keep one entry",
                        excerpt(id.as_str())
                    ),
                );
            }
            let Some(item) = questionnaire.item(id.as_str()) else {
                if let Some(message) = version_note(audit, questionnaire, id.as_str()) {
                    self.warning(position(), message);
                    continue;
                }
                let suggestion = suggestion(questionnaire, id.as_str());
                self.warning(
                    position(),
                    format!(
                        "unknown question id `{}` (not in questionnaire `{}`){suggestion}",
                        excerpt(id.as_str()),
                        questionnaire.id
                    ),
                );
                continue;
            };
            if item.kind == ItemKind::Heading {
                self.warning(
                    position(),
                    format!("`{id}` is a heading, not a question: its answer is not scored"),
                );
            }
            if answer.verdict.is_none() && !answer.answer.trim().is_empty() {
                self.warning(
                    position(),
                    format!("`{id}` has an answer but no verdict: counted as not asked"),
                );
            }
            if !answer.claim.trim().is_empty() && answer.claim().is_none() {
                self.warning(
                    position(),
                    format!(
                        "`{id}`: the provider's own answer (`claim`) is `{}`, not Yes, No or NA: \
                         it is kept as text and not taken as a self-assessment",
                        excerpt(&answer.claim)
                    ),
                );
            }
            for evidence in &answer.evidence {
                if let Some(message) = self.evidence_problem(evidence) {
                    // The first such string after this answer's key: the same file may be
                    // named by several answers.
                    let evidence_position = source.locator.string_after(evidence, position(), 0);
                    self.warning(evidence_position, message);
                }
            }
        }
    }

    /// What is wrong with an answer's evidence path, if anything.
    fn evidence_problem(&self, evidence: &str) -> Option<String> {
        if leaves_folder(evidence) {
            return Some(format!(
                "evidence file `{}` is outside the audit's folder; it is not read \
                 (keep evidence beside the audit, with a relative path)",
                excerpt(evidence)
            ));
        }
        let resolved = self.resolve(evidence);
        match std::fs::metadata(&resolved) {
            Ok(metadata) if metadata.is_file() => None,
            Ok(metadata) => Some(format!(
                "evidence file `{}` is {}, not a file (looked for {})",
                excerpt(evidence),
                if metadata.is_dir() {
                    "a directory"
                } else {
                    "a device, pipe or socket"
                },
                resolved.display()
            )),
            Err(_) => Some(format!(
                "evidence file `{}` not found (looked for {})",
                excerpt(evidence),
                resolved.display()
            )),
        }
    }

    fn resolve(&self, relative: &str) -> PathBuf {
        let base = self.source.path.parent().unwrap_or_else(|| Path::new("."));
        base.join(relative)
    }

    fn check_documents(&mut self, audit: &Audit) {
        let questionnaire = self.context.questionnaire;
        // Positions are looked for after the `documents` field: the same file is often
        // named as an answer's evidence too.
        let source: &SourceFile = self.source;
        let locator = &source.locator;
        // Worked out once, for the first finding that needs a position.
        let documents_start = std::cell::OnceCell::new();
        let position_of = |value: &str| {
            locator.string_after(
                value,
                *documents_start.get_or_init(|| locator.top_field("documents")),
                0,
            )
        };
        for document in &audit.documents {
            let item_position = || position_of(document.item.as_str());
            let position = || position_of(&document.file);
            let expires_position = || document.expires.as_deref().and_then(position_of);
            match questionnaire.item(document.item.as_str()) {
                None => self.warning(
                    item_position(),
                    format!(
                        "document for unknown item `{}`",
                        excerpt(document.item.as_str())
                    ),
                ),
                Some(item) if item.kind != ItemKind::Document => self.warning(
                    item_position(),
                    format!("`{}` is not an evidence document item", document.item),
                ),
                Some(_) => {}
            }
            if let Some(expires) = &document.expires {
                match Date::parse(expires) {
                    None => self.warning(
                        expires_position(),
                        format!(
                            "`expires` is `{}`, not a date in the form YYYY-MM-DD",
                            excerpt(expires)
                        ),
                    ),
                    Some(date) if date < self.context.today => self.warning(
                        expires_position(),
                        format!("document `{}` expired on {date}", excerpt(&document.file)),
                    ),
                    Some(_) => {}
                }
            }
            let base = self.source.path.parent().unwrap_or_else(|| Path::new("."));
            match evidence::file_state(base, &document.file) {
                FileState::Outside => self.warning(
                    position(),
                    format!(
                        "document `{}` is outside the audit's folder; it is not read \
                         (keep documents beside the audit, with a relative path)",
                        excerpt(&document.file)
                    ),
                ),
                FileState::NotAFile(resolved) => self.warning(
                    position(),
                    format!(
                        "document `{}` is a device, pipe or socket, not a file (looked for {})",
                        excerpt(&document.file),
                        resolved.display()
                    ),
                ),
                FileState::Unreadable { resolved, reason } => self.warning(
                    position(),
                    format!(
                        "document `{}` cannot be read: {reason} (looked for {})",
                        excerpt(&document.file),
                        resolved.display()
                    ),
                ),
                FileState::Hashed(actual) => {
                    if let Some(expected) = &document.sha256
                        && !actual.eq_ignore_ascii_case(expected.trim())
                    {
                        self.warning(
                            position(),
                            format!(
                                "document `{}` does not match its recorded SHA-256 (recorded {}, file has {})",
                                excerpt(&document.file),
                                labels::short_hash(expected),
                                labels::short_hash(&actual)
                            ),
                        );
                    }
                }
            }
        }
    }
}

/// The longest id, path or name quoted whole in a message, in characters as people see
/// them (grapheme clusters); longer ones are cut.
const EXCERPT_CHARS: usize = 120;

/// `text` as quoted in a message: cut to [`EXCERPT_CHARS`] characters with an ellipsis.
pub(crate) fn excerpt(text: &str) -> String {
    labels::ellipsize(text, EXCERPT_CHARS)
}

/// What to say of an answer to `id`, not an item of the questionnaire in use, when
/// versions explain it: replaced by a newer item, or answered in an earlier version and
/// no longer asked.
fn version_note(audit: &Audit, questionnaire: &Questionnaire, id: &str) -> Option<String> {
    if let Some(item) = questionnaire.replaced_by(id) {
        let answered_too = audit.answers.iter().any(|(key, _)| *key == item.id);
        return Some(if answered_too {
            format!(
                "`{}` was replaced by `{}`, which is answered too: the answer to `{}` is used",
                excerpt(id),
                item.id,
                item.id
            )
        } else {
            format!(
                "`{}` was replaced by `{}`: its answer is read as the answer to `{}`",
                excerpt(id),
                item.id,
                item.id
            )
        });
    }
    let version = versions::earlier_version(audit, questionnaire)?;
    Some(format!(
        "`{}` was answered in version {}, no longer asked; the answer is kept, not scored",
        excerpt(id),
        excerpt(version)
    ))
}

/// "; did you mean `id`?" for an unknown id close to a known one, else nothing. Ids far
/// longer than any in the questionnaire are not compared (the edit distance is quadratic).
pub(crate) fn suggestion(questionnaire: &Questionnaire, unknown: &str) -> String {
    if unknown.len() > 2 * EXCERPT_CHARS {
        return String::new();
    }
    questionnaire
        .nearest_id(unknown)
        .map(|near| format!("; did you mean `{near}`?"))
        .unwrap_or_default()
}
