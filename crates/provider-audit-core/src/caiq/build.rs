//! The questionnaire a CAIQ answers (made from the user's own file) and the provider's audit.

use std::fmt::Write as _;
use std::path::Path;

use super::{Caiq, CaiqError};
use crate::labels::one_line;
use crate::model::{
    Answer, Audit, Claim, Date, ItemFile, ItemKind, Ownership, QuestionId, Questionnaire,
    QuestionnaireFile, SectionFile, SectionId,
};

/// The id of every questionnaire made from a CAIQ; its version is the CAIQ's.
pub const QUESTIONNAIRE_ID: &str = "csa-caiq";

const TITLE: &str = "CSA Consensus Assessments Initiative Questionnaire";

/// The comment at the top of a questionnaire file made from a CAIQ.
const HEADER: &str = "\
// The questions of a CSA CAIQ, made by `provider-audit import caiq` from the workbook named
// in `source` below. The question text is the Cloud Security Alliance's: keep this file for
// your own use, do not publish or redistribute it.
//
// Sections are the CCM domains, headings the CCM controls, items the CAIQ questions; ids are
// the CAIQ's question ids in lowercase without `&` (`A&A-01.1` is `aa-01.1`).
";

/// A CAIQ question id as a questionnaire id: lowercase, `&` dropped (`A&A-01.1` →
/// `aa-01.1`).
fn item_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The file name of the questionnaire of CAIQ version `version`:
/// `csa-caiq-4.0.3.questionnaire.ron`.
#[must_use]
pub fn questionnaire_file_name(version: &str) -> String {
    let version: String = version
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect();
    if version.is_empty() {
        format!(
            "{QUESTIONNAIRE_ID}{}",
            crate::questionnaire_choice::QUESTIONNAIRE_SUFFIX
        )
    } else {
        format!(
            "{QUESTIONNAIRE_ID}-{version}{}",
            crate::questionnaire_choice::QUESTIONNAIRE_SUFFIX
        )
    }
}

/// The questionnaire the CAIQ answers: a section per CCM domain (in order of first
/// appearance), a heading per control with its title, the questions under it. `source`
/// names the file it was made from.
#[must_use]
pub fn questionnaire_file(caiq: &Caiq, source: &str) -> QuestionnaireFile {
    let mut sections: Vec<SectionFile> = Vec::new();
    for row in &caiq.rows {
        let id = item_id(&row.id);
        let domain_code = row.id.split('-').next().unwrap_or_default();
        let section_id = item_id(domain_code);
        let position = sections
            .iter()
            .position(|s| s.id.as_str() == section_id)
            .unwrap_or_else(|| {
                sections.push(SectionFile {
                    id: SectionId::new(section_id.clone()),
                    label: domain_code.to_owned(),
                    title: if row.domain.is_empty() {
                        domain_code.to_owned()
                    } else {
                        row.domain.clone()
                    },
                    tags: Vec::new(),
                    items: Vec::new(),
                });
                sections.len() - 1
            });
        let section = &mut sections[position];
        let control = item_id(&row.control_id);
        let heading = section
            .items
            .iter()
            .position(|item| item.id.as_str() == control)
            .unwrap_or_else(|| {
                let text = if row.control_title.is_empty() {
                    row.control_id.clone()
                } else {
                    format!("{}: {}", row.control_id, row.control_title)
                };
                section.items.push(ItemFile {
                    id: QuestionId::new(control.clone()),
                    kind: ItemKind::Heading,
                    condition: None,
                    replaces: Vec::new(),
                    tags: Vec::new(),
                    text,
                    items: Vec::new(),
                });
                section.items.len() - 1
            });
        section.items[heading].items.push(ItemFile {
            id: QuestionId::new(id),
            kind: ItemKind::Question,
            condition: None,
            replaces: Vec::new(),
            tags: Vec::new(),
            text: if row.question.is_empty() {
                row.id.clone()
            } else {
                row.question.clone()
            },
            items: Vec::new(),
        });
    }
    QuestionnaireFile {
        format: 1,
        id: QUESTIONNAIRE_ID.to_owned(),
        version: caiq.version.clone(),
        title: TITLE.to_owned(),
        source: one_line(source),
        regulations: Vec::new(),
        scope_tags: Vec::new(),
        sections,
    }
}

/// A CAIQ imported: the questionnaire it answers, the audit and the log.
#[derive(Clone, Debug)]
pub struct ImportedCaiq {
    /// The questionnaire file.
    pub questionnaire_file: QuestionnaireFile,
    /// The questionnaire, flattened.
    pub questionnaire: Questionnaire,
    /// The questionnaire file's text, with its comment on top.
    pub questionnaire_text: String,
    /// The questionnaire file's name: `csa-caiq-4.0.3.questionnaire.ron`.
    pub questionnaire_name: String,
    /// The provider's audit: every answer as given, no verdict.
    pub audit: Audit,
    /// The audit file's text (the log as its leading comment block, then the canonical
    /// layout).
    pub audit_text: String,
    /// The import log, one line per entry.
    pub log: Vec<String>,
}

/// The questionnaire and the audit of `provider` a CAIQ read from `source` gives, dated
/// `today`. Each answer keeps the provider's Yes/No/NA (`claim`), the implementation
/// description (the answer's text), the ownership and the CSC responsibilities; no verdict.
///
/// # Errors
/// [`CaiqError::Invalid`] if the questionnaire made breaks a rule of the format.
pub fn import(
    caiq: &Caiq,
    source: &Path,
    provider: &str,
    today: Date,
) -> Result<ImportedCaiq, CaiqError> {
    let file_name = source.file_name().map_or_else(
        || source.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let source_text = format!("{file_name}, sheet {}", caiq.sheet);
    let questionnaire_file = questionnaire_file(caiq, &source_text);
    let questionnaire =
        Questionnaire::from_file(questionnaire_file.clone()).map_err(|err| CaiqError::Invalid {
            path: source.display().to_string(),
            reason: err.to_string(),
        })?;
    let questionnaire_text = questionnaire_file
        .to_ron()
        .map(|text| {
            let mut text = format!("{HEADER}{text}");
            if !text.ends_with('\n') {
                text.push('\n');
            }
            text
        })
        .map_err(|err| CaiqError::Invalid {
            path: source.display().to_string(),
            reason: err.to_string(),
        })?;
    let mut audit = Audit {
        format: Some(1),
        questionnaire: QUESTIONNAIRE_ID.to_owned(),
        questionnaire_version: (!caiq.version.is_empty()).then(|| caiq.version.clone()),
        provider: provider.to_owned(),
        audited_on: Some(today.to_string()),
        ..Audit::default()
    };
    let mut counts = [0_usize; 5];
    for row in &caiq.rows {
        let answer = Answer {
            answer: row.description.clone(),
            claim: row.answer.clone(),
            ownership: Ownership::parse(&row.ownership),
            customer_duties: row.customer_duties.clone(),
            ..Answer::default()
        };
        match answer.claim() {
            Some(Claim::Yes) => counts[0] += 1,
            Some(Claim::No) => counts[1] += 1,
            Some(Claim::NotApplicable) => counts[2] += 1,
            None if row.answer.is_empty() => counts[3] += 1,
            None => counts[4] += 1,
        }
        if answer != Answer::default() {
            audit
                .answers
                .0
                .push((QuestionId::new(item_id(&row.id)), answer));
        }
    }
    let owned = audit
        .answers
        .iter()
        .filter(|(_, a)| a.ownership.is_some())
        .count();
    let mut log = vec![
        format!(
            "{} questions read from sheet {} (CSA CAIQ{}) for provider {}",
            caiq.rows.len(),
            one_line(&caiq.sheet),
            if caiq.version.is_empty() {
                String::new()
            } else {
                format!(" v{}", caiq.version)
            },
            one_line(provider)
        ),
        format!(
            "answers: {} yes, {} no, {} NA, {} blank, {} other; ownership given for {owned}; nothing judged yet",
            counts[0], counts[1], counts[2], counts[3], counts[4]
        ),
    ];
    log.extend(caiq.notes.iter().map(ToString::to_string));
    let mut header = format!(
        "// Imported from {} (CSA CAIQ) on {today}.\n",
        one_line(&file_name)
    );
    for line in &log {
        let _ = writeln!(header, "// {}", one_line(line));
    }
    let audit_text = crate::template::audit_text(&questionnaire, &audit, &header);
    Ok(ImportedCaiq {
        questionnaire_name: questionnaire_file_name(&caiq.version),
        questionnaire_file,
        questionnaire,
        questionnaire_text,
        audit,
        audit_text,
        log,
    })
}
