//! One provider's completed audit (RON, format 1): answers keyed by question id.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ids::QuestionId;
use super::verdict::Verdict;

/// Whether the platform will be run as a managed service or by the customer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Managed service: every section is expected.
    #[default]
    Managed,
    /// Self-managed: sections tagged `managed-service` are not expected.
    SelfManaged,
}

/// How well an answer is backed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provenance {
    /// The provider said so.
    #[default]
    Stated,
    /// The provider showed a document.
    Evidenced,
    /// The auditor checked it themselves.
    Verified,
    /// The verdict is the provider's own self-assessment (a CAIQ's Yes, No or NA), accepted
    /// as it was given, not judged by the auditor.
    SelfAssessed,
}

impl Provenance {
    /// The word used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Stated => "Stated",
            Self::Evidenced => "Evidenced",
            Self::Verified => "Verified",
            Self::SelfAssessed => "SelfAssessed",
        }
    }

    /// The words shown to people: `self-assessed` for [`Self::SelfAssessed`].
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Stated => "stated",
            Self::Evidenced => "evidenced",
            Self::Verified => "verified",
            Self::SelfAssessed => "self-assessed",
        }
    }
}

/// Who carries a control under the shared-responsibility model (a CAIQ's "SSRM Control
/// Ownership" column).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Ownership {
    /// `CSP-owned`: the provider alone.
    CspOwned,
    /// `Shared CSP and CSC`: the provider and the customer.
    SharedCspCsc,
    /// `Shared CSP and 3rd-party`: the provider and a third party (nothing for the
    /// customer).
    SharedCsp3rdParty,
    /// `3rd-party outsourced`.
    ThirdParty,
    /// `CSC-owned`: the customer alone.
    CscOwned,
}

impl Ownership {
    /// Every ownership, in the order reports list them.
    pub const ALL: [Self; 5] = [
        Self::CspOwned,
        Self::SharedCspCsc,
        Self::SharedCsp3rdParty,
        Self::ThirdParty,
        Self::CscOwned,
    ];

    /// The word used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CspOwned => "CspOwned",
            Self::SharedCspCsc => "SharedCspCsc",
            Self::SharedCsp3rdParty => "SharedCsp3rdParty",
            Self::ThirdParty => "ThirdParty",
            Self::CscOwned => "CscOwned",
        }
    }

    /// The words of the CAIQ's list.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::CspOwned => "CSP-owned",
            Self::SharedCspCsc => "Shared CSP and CSC",
            Self::SharedCsp3rdParty => "Shared CSP and 3rd-party",
            Self::ThirdParty => "3rd-party outsourced",
            Self::CscOwned => "CSC-owned",
        }
    }

    /// Reads the CAIQ's words (case, spacing and `-` ignored; `third party` for `3rd-party`).
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text
            .to_lowercase()
            .replace("third", "3rd")
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        Some(match key.as_str() {
            "cspowned" | "csp" => Self::CspOwned,
            "cscowned" | "csc" | "customerowned" => Self::CscOwned,
            "3rdpartyoutsourced" | "3rdparty" => Self::ThirdParty,
            "sharedcspandcsc" | "sharedcspcsc" => Self::SharedCspCsc,
            "sharedcspand3rdparty" | "sharedcsp3rdparty" => Self::SharedCsp3rdParty,
            _ => return None,
        })
    }

    /// True when the customer has a part in it (customer-owned, or shared with the customer).
    #[must_use]
    pub fn involves_customer(self) -> bool {
        matches!(self, Self::CscOwned | Self::SharedCspCsc)
    }
}

/// A provider's own Yes, No or NA to a question (a CAIQ's "CSP CAIQ Answer").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Claim {
    /// `Yes`.
    Yes,
    /// `No`.
    No,
    /// `NA`: not applicable.
    NotApplicable,
}

impl Claim {
    /// Reads `Yes`, `No`, `NA` (also `N/A`, `Not applicable`), case and spacing ignored.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let key: String = text
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .flat_map(char::to_lowercase)
            .collect();
        match key.as_str() {
            "yes" => Some(Self::Yes),
            "no" => Some(Self::No),
            "na" | "notapplicable" => Some(Self::NotApplicable),
            _ => None,
        }
    }

    /// The word as the CAIQ writes it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Yes => "Yes",
            Self::No => "No",
            Self::NotApplicable => "NA",
        }
    }

    /// The verdict a self-assessment gives: Yes → Meets, No → Gap, NA → Not applicable.
    #[must_use]
    pub fn verdict(self) -> Verdict {
        match self {
            Self::Yes => Verdict::Meets,
            Self::No => Verdict::Gap,
            Self::NotApplicable => Verdict::NotApplicable,
        }
    }
}

/// The provider's answer to one question, as noted by the auditor.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    /// What the provider said.
    #[serde(default)]
    pub answer: String,
    /// The auditor's verdict; `None` while the entry is still blank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// How well the answer is backed.
    #[serde(default, skip_serializing_if = "is_default")]
    pub provenance: Provenance,
    /// Paths of evidence files, relative to the audit file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The auditor's own remark.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The provider's own answer to a yes/no question (a CAIQ's Yes, No or NA), exactly as
    /// given when it is none of these.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub claim: String,
    /// Who carries the control under the shared-responsibility model, as the provider says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ownership: Option<Ownership>,
    /// What the provider says the customer must do (a CAIQ's CSC responsibilities).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer_duties: String,
}

impl Answer {
    /// The provider's own Yes, No or NA, when `claim` is one of them.
    #[must_use]
    pub fn claim(&self) -> Option<Claim> {
        Claim::parse(&self.claim)
    }

    /// True when the provider said something: an answer text or a claim.
    #[must_use]
    pub fn has_content(&self) -> bool {
        !self.answer.trim().is_empty() || !self.claim.trim().is_empty()
    }
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// A document of the evidence package.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDocument {
    /// The evidence item it satisfies, e.g. `evidence.certificates`.
    pub item: QuestionId,
    /// Path relative to the audit file.
    pub file: String,
    /// SHA-256 of the file when it was received (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Expiry date (`YYYY-MM-DD`), for certificates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<String>,
}

/// Answers in file order. Kept as a list so that duplicate keys can be reported
/// instead of silently overwritten.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AnswerMap(pub Vec<(QuestionId, Answer)>);

impl AnswerMap {
    /// The first answer given to `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.0
            .iter()
            .find(|(key, _)| key.as_str() == id)
            .map(|(_, answer)| answer)
    }

    /// Number of entries, duplicates included.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is no entry.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Entries in file order.
    pub fn iter(&self) -> impl Iterator<Item = &(QuestionId, Answer)> {
        self.0.iter()
    }
}

impl Serialize for AnswerMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, answer) in &self.0 {
            map.serialize_entry(id, answer)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AnswerMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerMapVisitor;
        impl<'de> Visitor<'de> for AnswerMapVisitor {
            type Value = AnswerMap;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of question ids to answers")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<AnswerMap, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = access.next_entry::<QuestionId, Answer>()? {
                    entries.push(entry);
                }
                Ok(AnswerMap(entries))
            }
        }
        deserializer.deserialize_map(AnswerMapVisitor)
    }
}

/// One provider's audit, as read from its file.
///
/// Every field but `answers` has a default so that a missing `format` or `provider` is
/// reported by validation with a clear message rather than by the parser.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audit {
    /// File format version; 1 is the only one.
    #[serde(default)]
    pub format: Option<u32>,
    /// The questionnaire the answers refer to.
    #[serde(default = "default_questionnaire")]
    pub questionnaire: String,
    /// The version of the questionnaire the answers were given to, when the file says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire_version: Option<String>,
    /// The audited provider's name.
    #[serde(default)]
    pub provider: String,
    /// When the audit was done (`YYYY-MM-DD`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audited_on: Option<String>,
    /// Who did the audit.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub auditor: String,
    /// Managed or self-managed.
    #[serde(default)]
    pub scope: Scope,
    /// Answers by question id. A question with no entry was not asked.
    pub answers: AnswerMap,
    /// Documents of the evidence package.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<EvidenceDocument>,
}

fn default_questionnaire() -> String {
    super::BUILTIN_QUESTIONNAIRE_ID.to_owned()
}

impl Audit {
    /// Parses an audit from RON text, without any validation beyond the syntax.
    ///
    /// # Errors
    /// The parser's error, with its span.
    pub fn from_ron(text: &str) -> Result<Self, ron::error::SpannedError> {
        super::ron_options().from_str(text)
    }

    /// Writes the audit as pretty RON that [`Self::from_ron`] reads back equal.
    ///
    /// # Errors
    /// Only if serialization itself fails.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        super::ron_options().to_string_pretty(self, ron::ser::PrettyConfig::default())
    }

    /// The answer to `id`, if the question was asked.
    #[must_use]
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::{Audit, Provenance, Scope};
    use crate::model::Verdict;

    const SPEC_EXAMPLE: &str = r#"(
    format: 1,
    questionnaire: "infrastructure-provider-audit",
    provider: "Example Cloud AB",
    audited_on: "2026-10-14",
    auditor: "Platform team",
    scope: Managed, // or SelfManaged: managed-service sections are then not expected
    answers: {
        "tech.az.locations": (
            answer: "Three data centres in the Stockholm region, 20 to 40 km apart.",
            verdict: Meets,
            provenance: Evidenced, // Stated (the default) | Evidenced | Verified
            evidence: ["evidence/iso27001-certificate.pdf"],
            note: "Visited DC2 in May.",
        ),
    },
    documents: [
        (item: "evidence.certificates", file: "evidence/iso27001-certificate.pdf",
         sha256: "…", expires: "2027-05-01"),
    ],
)"#;

    #[test]
    fn the_specification_example_parses_as_written() {
        let audit = Audit::from_ron(SPEC_EXAMPLE).expect("the example parses");
        assert_eq!(audit.format, Some(1));
        assert_eq!(audit.provider, "Example Cloud AB");
        assert_eq!(audit.scope, Scope::Managed);
        let answer = audit.answer("tech.az.locations").expect("answered");
        assert_eq!(answer.verdict, Some(Verdict::Meets));
        assert_eq!(answer.provenance, Provenance::Evidenced);
        assert_eq!(answer.evidence, ["evidence/iso27001-certificate.pdf"]);
        assert_eq!(audit.documents[0].expires.as_deref(), Some("2027-05-01"));
    }

    #[test]
    fn only_format_provider_and_answers_are_required() {
        let audit = Audit::from_ron(r#"(format: 1, provider: "P", answers: {})"#).expect("parses");
        assert_eq!(audit.questionnaire, "infrastructure-provider-audit");
        assert_eq!(audit.scope, Scope::Managed);
        assert!(audit.answers.is_empty());
    }

    #[test]
    fn duplicate_keys_are_kept_for_validation() {
        let audit = Audit::from_ron(
            r#"(format: 1, provider: "P", answers: {"a.b": (verdict: Gap), "a.b": (verdict: Meets)})"#,
        )
        .expect("parses");
        assert_eq!(audit.answers.len(), 2);
        assert_eq!(
            audit.answer("a.b").and_then(|a| a.verdict),
            Some(Verdict::Gap)
        );
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_audit() {
        let audit = Audit::from_ron(SPEC_EXAMPLE).expect("parses");
        let text = audit.to_ron().expect("serializes");
        assert_eq!(Audit::from_ron(&text).expect("reads back"), audit);
    }
}
