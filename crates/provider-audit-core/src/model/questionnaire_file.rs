//! The questionnaire file format (RON, format 1) as written: nested sections and items.
//!
//! [`super::Questionnaire`] reads these and flattens them; the Markdown import builds them
//! and writes them out. Pure data: no checks here beyond what serde does.

use serde::{Deserialize, Serialize};

use super::ids::{QuestionId, SectionId};
use super::questionnaire::{Condition, ItemKind};

/// A questionnaire file as written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionnaireFile {
    /// The file format: 1.
    pub format: u32,
    /// The id audits name in their `questionnaire` field.
    pub id: String,
    /// The questionnaire's version; audits of an older version still load.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// Title for people.
    pub title: String,
    /// Where the questionnaire comes from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Regulations the questionnaire maps to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regulations: Vec<String>,
    /// Scope tags this questionnaire uses besides the known ones (`nfs`, `hipaa`,
    /// `managed-service`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scope_tags: Vec<String>,
    /// Sections in order.
    pub sections: Vec<SectionFile>,
}

/// A section as written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    /// Stable id.
    pub id: SectionId,
    /// Short label for tables and charts; the title when empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Full title.
    pub title: String,
    /// Scope tags applying to every item of the section.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Top-level items.
    #[serde(default)]
    pub items: Vec<ItemFile>,
}

/// An item as written, with its sub-items.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    /// Stable id.
    pub id: QuestionId,
    /// Question (the default), heading or document.
    #[serde(default, skip_serializing_if = "is_question")]
    pub kind: ItemKind,
    /// Condition on the parent's answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<Condition>,
    /// Ids of earlier versions that this item replaces: their answers read as this item's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<QuestionId>,
    /// Scope tags of the item, inherited by its sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// The item's text, Markdown.
    pub text: String,
    /// Sub-items.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemFile>,
}

#[expect(
    clippy::trivially_copy_pass_by_ref,
    reason = "serde's skip_serializing_if passes a reference"
)]
fn is_question(kind: &ItemKind) -> bool {
    *kind == ItemKind::Question
}

impl QuestionnaireFile {
    /// Writes the file as pretty RON, strings as a person types them.
    ///
    /// # Errors
    /// Only if serialization itself fails.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        super::ron_options().to_string_pretty(
            self,
            ron::ser::PrettyConfig::default().escape_strings(false),
        )
    }
}
