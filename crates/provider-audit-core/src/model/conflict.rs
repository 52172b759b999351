//! A merge conflict kept in the file itself: both sides changed one field of one entry to
//! different values. The merged file holds "ours" until someone resolves the conflict; the
//! entry lists the value of the common ancestor and of both sides (as RON text), and who
//! made each change and when, where the file knows. Never conflict markers inside RON.
//!
//! Pure data; no file system, no UI.

use serde::{Deserialize, Serialize};

use super::ids::{QuestionId, SectionId};

/// Which entry of a comparison or an audit a conflict is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConflictOn {
    /// A top-level field of the file, by name (`format`, `auditor`, …).
    Field(String),
    /// An audit the comparison lists, by path.
    AuditRef(String),
    /// A section weight.
    SectionWeight(SectionId),
    /// A question weight.
    QuestionWeight(QuestionId),
    /// The annotation on one provider's answer to one question.
    Annotation {
        /// Provider name.
        provider: String,
        /// Question id.
        question: QuestionId,
    },
    /// The decision in force.
    Decision,
    /// The re-audit interval of one provider.
    Reaudit(String),
    /// An audit's answer to one question.
    Answer(QuestionId),
    /// A document of an audit's evidence package.
    Document {
        /// The evidence item.
        item: QuestionId,
        /// Its file.
        file: String,
    },
}

impl ConflictOn {
    /// In words: `annotation on Nordlys Cloud AB / tech.lb.source-ip`.
    #[must_use]
    pub fn describe(&self) -> String {
        match self {
            Self::Field(name) => format!("field `{name}`"),
            Self::AuditRef(path) => format!("audit {path}"),
            Self::SectionWeight(id) => format!("weight of section {id}"),
            Self::QuestionWeight(id) => format!("weight of question {id}"),
            Self::Annotation { provider, question } => {
                format!("annotation on {provider} / {question}")
            }
            Self::Decision => "the decision".to_owned(),
            Self::Reaudit(provider) => format!("re-audit interval of {provider}"),
            Self::Answer(id) => format!("answer to {id}"),
            Self::Document { item, file } => format!("document {file} ({item})"),
        }
    }
}

/// One field both sides of a merge changed to different values.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The entry.
    pub on: ConflictOn,
    /// The field of the entry (`comment`, `verdict`, …); empty when the entry as a whole
    /// conflicts (a value, or an entry removed on one side and changed on the other).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    /// The common ancestor's value as RON text; `None` when the entry did not exist.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Our value (the one the file holds until resolved); `None` when removed on our side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<String>,
    /// Their value; `None` when removed on their side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<String>,
    /// Who made our change, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ours_by: String,
    /// When our change was made, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ours_at: String,
    /// Who made their change, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theirs_by: String,
    /// When their change was made, when known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub theirs_at: String,
}

impl Conflict {
    /// In words, for a finding or a list: `annotation on P / q.id, comment: "a" (ak) vs "b" (ch)`.
    #[must_use]
    pub fn describe(&self) -> String {
        let side = |value: &Option<String>, by: &str| {
            let value = value.as_deref().unwrap_or("(removed)");
            if by.is_empty() {
                value.to_owned()
            } else {
                format!("{value} ({by})")
            }
        };
        let field = if self.field.is_empty() {
            String::new()
        } else {
            format!(", {}", self.field)
        };
        format!(
            "{}{field}: ours {} vs theirs {}",
            self.on.describe(),
            side(&self.ours, &self.ours_by),
            side(&self.theirs, &self.theirs_by)
        )
    }
}
