//! The selection meeting's work (RON, format 1): which audits, weights, must-haves,
//! annotations and the decision. Audit files are never modified; everything the meeting
//! adds lives here.

use std::collections::BTreeMap;

use indexmap::IndexMap;

use serde::{Deserialize, Serialize};

use super::conflict::Conflict;
use super::ids::{QuestionId, SectionId};
use super::signoff::{DEFAULT_REAUDIT_MONTHS, SignOff};
use super::verdict::Verdict;

/// An audit taking part in the comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditRef {
    /// Path relative to the comparison file.
    pub path: String,
    /// SHA-256 of the audit file when the comparison was saved (hex).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

/// What an annotation says about an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Flag {
    /// A weak answer.
    Weak,
    /// Needs digging: a question to send back to the provider.
    FollowUp,
    /// A known risk, accepted: waives a must-have knock-out.
    Accepted,
}

impl Flag {
    /// The word used in files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Weak => "Weak",
            Self::FollowUp => "FollowUp",
            Self::Accepted => "Accepted",
        }
    }
}

/// The meeting's note on one provider's answer to one question.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotation {
    /// Provider name, as in the audit.
    pub provider: String,
    /// Question id.
    pub question: QuestionId,
    /// Weak, follow-up or accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    /// A verdict that replaces the audit's in every score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    /// When (RFC 3339).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub at: String,
}

/// The provider chosen, and why.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The chosen provider's name.
    pub provider: String,
    /// Why.
    #[serde(default)]
    pub rationale: String,
    /// Who decided.
    #[serde(default)]
    pub decided_by: String,
    /// When (`YYYY-MM-DD`).
    #[serde(default)]
    pub decided_on: String,
    /// What the decision was based on: weights, must-haves, scores and input hashes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<DecisionBasis>,
}

/// A snapshot of what a decision was based on, recorded when it is taken, so that it
/// stays traceable after the weights or the audits change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionBasis {
    /// Section weights in force.
    #[serde(default)]
    pub section_weights: BTreeMap<SectionId, f64>,
    /// Question weights in force.
    #[serde(default)]
    pub question_weights: BTreeMap<QuestionId, f64>,
    /// Must-have questions in force.
    #[serde(default)]
    pub must_have: Vec<QuestionId>,
    /// Each provider's score (0 to 100) and whether it was knocked out.
    #[serde(default)]
    pub scores: Vec<BasisScore>,
    /// The audits and their SHA-256.
    #[serde(default)]
    pub audits: Vec<AuditRef>,
}

/// One provider's result in a decision's basis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasisScore {
    /// Provider name.
    pub provider: String,
    /// Rank at the time.
    pub rank: usize,
    /// Score from 0 to 100.
    pub score: f64,
    /// Knocked out by a must-have.
    #[serde(default)]
    pub knocked_out: bool,
}

/// The largest weight, for sections and questions alike: the scores use at most this
/// (larger ones, up to `f64::MAX`, would also overflow the weighted means), validation
/// warns about larger ones, and the ranking's sensitivity looks at weights up to it.
pub const MAX_WEIGHT: f64 = 10.0;

/// A weight as the formula uses it: not a number or negative is 0, at most [`MAX_WEIGHT`].
fn usable_weight(weight: f64) -> f64 {
    if weight.is_nan() || weight < 0.0 {
        0.0
    } else {
        weight.min(MAX_WEIGHT)
    }
}

/// A comparison file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// File format version; 1 is the only one.
    #[serde(default)]
    pub format: Option<u32>,
    /// The audits compared.
    pub audits: Vec<AuditRef>,
    /// Section weights (default 1).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub section_weights: IndexMap<SectionId, f64>,
    /// Question weights (default 1).
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub question_weights: IndexMap<QuestionId, f64>,
    /// Questions a provider must meet, or be knocked out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub must_have: Vec<QuestionId>,
    /// Annotations on answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub annotations: Vec<Annotation>,
    /// The decision, once taken.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Earlier decisions, replaced or withdrawn since, oldest first: never lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub superseded: Vec<Decision>,
    /// Names who must sign the decision: it is signed when each has a current sign-off.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required_signers: Vec<String>,
    /// Sign-offs of the decision, oldest first: never removed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sign_offs: Vec<SignOff>,
    /// Months between audits of every provider (default 12).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaudit_months: Option<u32>,
    /// Months between audits of one provider, by name; overrides `reaudit_months`.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub reaudit_months_by_provider: IndexMap<String, u32>,
    /// Merge conflicts not resolved yet.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl Comparison {
    /// Parses a comparison from RON text, without validation beyond the syntax.
    ///
    /// # Errors
    /// The parser's error, with its span.
    pub fn from_ron(text: &str) -> Result<Self, ron::error::SpannedError> {
        super::ron_options().from_str(text)
    }

    /// Writes the comparison as pretty RON that [`Self::from_ron`] reads back equal.
    ///
    /// # Errors
    /// Only if serialization itself fails.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        super::ron_options().to_string_pretty(self, ron::ser::PrettyConfig::default())
    }

    /// Writes the comparison as RON with strings the way a person types them: `today's`
    /// stays `today's`, a line break is a line break, and text with a `"` becomes a raw
    /// string (`r#"..."#`) instead of gaining backslashes.
    ///
    /// # Errors
    /// When a value cannot be written as RON.
    pub fn to_ron_as_typed(&self) -> Result<String, ron::Error> {
        super::ron_options().to_string_pretty(
            self,
            ron::ser::PrettyConfig::default().escape_strings(false),
        )
    }

    /// The weight of section `id` (default 1), within 0 to [`MAX_WEIGHT`].
    #[must_use]
    pub fn section_weight(&self, id: &str) -> f64 {
        usable_weight(self.section_weights.get(id).copied().unwrap_or(1.0))
    }

    /// The weight of question `id` (default 1), within 0 to [`MAX_WEIGHT`].
    #[must_use]
    pub fn question_weight(&self, id: &str) -> f64 {
        usable_weight(self.question_weights.get(id).copied().unwrap_or(1.0))
    }

    /// True when `id` is a must-have question.
    #[must_use]
    pub fn is_must_have(&self, id: &str) -> bool {
        self.must_have.iter().any(|q| q.as_str() == id)
    }

    /// Months between two audits of `provider`: its own interval, else the comparison's,
    /// else [`DEFAULT_REAUDIT_MONTHS`].
    #[must_use]
    pub fn reaudit_months_of(&self, provider: &str) -> u32 {
        self.reaudit_months_by_provider
            .get(provider)
            .copied()
            .or(self.reaudit_months)
            .unwrap_or(DEFAULT_REAUDIT_MONTHS)
    }

    /// The annotation on `provider`'s answer to `question`, if any (the last one wins).
    #[must_use]
    pub fn annotation(&self, provider: &str, question: &str) -> Option<&Annotation> {
        self.annotations
            .iter()
            .rev()
            .find(|a| a.provider == provider && a.question.as_str() == question)
    }
}

#[cfg(test)]
mod tests {
    use super::{Comparison, Flag};
    use crate::model::Verdict;

    const SPEC_EXAMPLE: &str = r#"(
    format: 1,
    audits: [(path: "nordlys.ron", sha256: "…"), (path: "hyperion.ron")],
    section_weights: {"legal": 2.0},
    question_weights: {"tech.az.locations": 3.0},
    must_have: ["legal.eu-jurisdiction.operation"],
    annotations: [
        (provider: "Nordlys Cloud AB", question: "tech.lb.source-ip", flag: Weak,
         verdict: Partial, comment: "PROXY protocol only on request", author: "ak",
         at: "2026-11-30T10:12:00Z"),
    ],
    decision: (provider: "Nordlys Cloud AB", rationale: "…", decided_by: "…",
               decided_on: "2026-11-30"),
)"#;

    #[test]
    fn the_specification_example_parses_as_written() {
        let comparison = Comparison::from_ron(SPEC_EXAMPLE).expect("parses");
        assert_eq!(comparison.audits.len(), 2);
        assert!((comparison.section_weight("legal") - 2.0).abs() < f64::EPSILON);
        assert!((comparison.section_weight("tech") - 1.0).abs() < f64::EPSILON);
        assert!(comparison.is_must_have("legal.eu-jurisdiction.operation"));
        let note = comparison
            .annotation("Nordlys Cloud AB", "tech.lb.source-ip")
            .expect("annotated");
        assert_eq!(note.flag, Some(Flag::Weak));
        assert_eq!(note.verdict, Some(Verdict::Partial));
        assert_eq!(
            comparison.decision.as_ref().map(|d| d.provider.as_str()),
            Some("Nordlys Cloud AB")
        );
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_comparison() {
        let comparison = Comparison::from_ron(SPEC_EXAMPLE).expect("parses");
        let text = comparison.to_ron().expect("serializes");
        assert_eq!(Comparison::from_ron(&text).expect("reads back"), comparison);
    }
}
