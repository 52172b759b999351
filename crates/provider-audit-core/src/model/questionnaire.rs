//! The questionnaire: a tree of sections and items, flattened for fast lookup.
//!
//! The file format (RON) nests items; [`Questionnaire`] keeps them in document order
//! (pre-order) with their depth, parent and effective scope tags, which is what the
//! scoring, the matrix and the exports all walk.

// The id maps hash with foldhash: looked up for every answer of every audit loaded.
use crate::hash::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::ids::{QuestionId, SectionId, is_valid_id};
use super::questionnaire_file::{ItemFile, QuestionnaireFile, SectionFile};

/// The id of the built-in Infrastructure Provider Audit.
pub const BUILTIN_QUESTIONNAIRE_ID: &str = "infrastructure-provider-audit";

const BUILTIN_SOURCE: &str = include_str!("../../../../assets/provider-audit.questionnaire.ron");

/// Scope tags every questionnaire may use without declaring them in `scope_tags`.
pub const KNOWN_SCOPE_TAGS: &[&str] = &["nfs", "hipaa", "managed-service"];

/// The deepest nesting allowed: top-level items have depth 0, so four levels is depth 3.
pub const MAX_DEPTH: usize = 3;

/// What an item asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ItemKind {
    /// A question; an answer is expected.
    #[default]
    Question,
    /// A heading that groups sub-items; no answer expected.
    Heading,
    /// A document to collect for the evidence package.
    Document,
}

impl ItemKind {
    /// The lowercase word used in the JSON listing.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Question => "question",
            Self::Heading => "heading",
            Self::Document => "document",
        }
    }

    /// True for items that take an answer (questions and documents).
    #[must_use]
    pub fn is_answerable(self) -> bool {
        !matches!(self, Self::Heading)
    }
}

/// When a follow-up applies, depending on its parent's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Condition {
    /// "If yes, ...": applies when the parent is answered positively (Meets or Partial).
    IfYes,
    /// "If not, ...": applies when the parent is answered negatively (Partial or Gap).
    IfNot,
}

impl Condition {
    /// The lowercase word used in listings.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::IfYes => "if-yes",
            Self::IfNot => "if-not",
        }
    }
}

/// One item of the questionnaire, in document order.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Stable id.
    pub id: QuestionId,
    /// Index of the section in [`Questionnaire::sections`].
    pub section: usize,
    /// Index of the parent item in [`Questionnaire::items`], if any.
    pub parent: Option<usize>,
    /// 0 for top-level items, up to [`MAX_DEPTH`].
    pub depth: usize,
    /// Question, heading or document.
    pub kind: ItemKind,
    /// Condition on the parent's answer, for follow-ups.
    pub condition: Option<Condition>,
    /// Scope tags: the item's own, its ancestors' and its section's.
    pub tags: Vec<String>,
    /// The item's text, Markdown as in the source page.
    pub text: String,
    /// Ids of earlier versions of the questionnaire that this item replaces.
    pub replaces: Vec<QuestionId>,
    /// True when the item has sub-items.
    pub has_children: bool,
}

impl Item {
    /// True when the item carries scope tag `tag` (directly or inherited).
    #[must_use]
    pub fn has_tag(&self, tag: &str) -> bool {
        self.tags.iter().any(|t| t == tag)
    }
}

/// A section of the questionnaire.
#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    /// Stable id (`tech`, `legal`, ...).
    pub id: SectionId,
    /// Short label for tables and charts ("Legal").
    pub label: String,
    /// Full title as in the source page ("Legal issues").
    pub title: String,
    /// Scope tags applying to every item of the section.
    pub tags: Vec<String>,
    /// The section's items: a range of [`Questionnaire::items`].
    pub items: std::ops::Range<usize>,
}

/// A questionnaire, flattened in document order.
#[derive(Clone, Debug)]
pub struct Questionnaire {
    /// The questionnaire's id, which audits name in their `questionnaire` field.
    pub id: String,
    /// The questionnaire's version (empty when the file gives none).
    pub version: String,
    /// Title for people.
    pub title: String,
    /// Scope tags declared by the file besides the known ones.
    pub scope_tags: Vec<String>,
    /// Where the questionnaire comes from.
    pub source: String,
    /// Regulations the questionnaire maps to.
    pub regulations: Vec<String>,
    /// Sections in order.
    pub sections: Vec<Section>,
    /// Every item in document order.
    pub items: Vec<Item>,
    index: HashMap<QuestionId, usize>,
    section_index: HashMap<SectionId, usize>,
    /// Ids of earlier versions -> the item that replaces them.
    replaced: HashMap<QuestionId, usize>,
}

/// Why a questionnaire file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum QuestionnaireError {
    /// The RON did not parse.
    #[error("{line}:{col}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What the parser said.
        message: String,
    },
    /// The file parsed but breaks a rule of the format.
    #[error("{0}")]
    Invalid(String),
}

impl Questionnaire {
    /// The title for people, with the version when the file gives one:
    /// `Platform requirements (version 2)`.
    #[must_use]
    pub fn title_with_version(&self) -> String {
        if self.version.trim().is_empty() {
            self.title.clone()
        } else {
            format!("{} (version {})", self.title, self.version.trim())
        }
    }

    /// The built-in Infrastructure Provider Audit.
    ///
    /// # Panics
    /// Never in a release: the asset is compiled in and parsed by this module's tests.
    #[must_use]
    #[expect(
        clippy::expect_used,
        reason = "the built-in asset is checked by the unit tests of this module"
    )]
    pub fn builtin() -> &'static Self {
        static BUILTIN: OnceLock<Questionnaire> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Self::parse(BUILTIN_SOURCE).expect("the built-in questionnaire is valid")
        })
    }

    /// Parses a questionnaire file (RON, format 1) and checks its rules.
    ///
    /// # Errors
    /// A syntax error with its position, or the first broken rule (duplicate id, an id
    /// that is not lowercase and dotted, nesting deeper than four levels, a top-level
    /// follow-up).
    pub fn parse(text: &str) -> Result<Self, QuestionnaireError> {
        let file: QuestionnaireFile =
            super::ron_options()
                .from_str(text)
                .map_err(|err| QuestionnaireError::Syntax {
                    line: err.span.start.line,
                    col: err.span.start.col,
                    message: err.code.to_string(),
                })?;
        Self::from_file(file)
    }

    /// Flattens a questionnaire file and checks its rules.
    ///
    /// # Errors
    /// The first broken rule, as [`Self::parse`].
    pub fn from_file(file: QuestionnaireFile) -> Result<Self, QuestionnaireError> {
        if file.format != 1 {
            return Err(QuestionnaireError::Invalid(format!(
                "questionnaire format {} is not supported (expected 1)",
                file.format
            )));
        }
        let mut questionnaire = Self {
            id: file.id,
            version: file.version,
            title: file.title,
            scope_tags: file.scope_tags,
            source: file.source,
            regulations: file.regulations,
            sections: Vec::new(),
            items: Vec::new(),
            index: HashMap::default(),
            section_index: HashMap::default(),
            replaced: HashMap::default(),
        };
        for section in file.sections {
            questionnaire.add_section(section)?;
        }
        Ok(questionnaire)
    }

    fn add_section(&mut self, section: SectionFile) -> Result<(), QuestionnaireError> {
        if !is_valid_id(section.id.as_str()) {
            return Err(QuestionnaireError::Invalid(format!(
                "section id `{}` must be lowercase and dotted",
                section.id
            )));
        }
        let section_number = self.sections.len();
        if self
            .section_index
            .insert(section.id.clone(), section_number)
            .is_some()
        {
            return Err(QuestionnaireError::Invalid(format!(
                "section id `{}` appears twice",
                section.id
            )));
        }
        let start = self.items.len();
        let label = if section.label.is_empty() {
            section.title.clone()
        } else {
            section.label
        };
        self.sections.push(Section {
            id: section.id,
            label,
            title: section.title,
            tags: section.tags.clone(),
            items: start..start,
        });
        let mut stack = vec![(None, 0_usize, section.tags, section.items.into_iter())];
        // An explicit stack rather than recursion: deep files cannot overflow it.
        while let Some((parent, depth, tags, mut children)) = stack.pop() {
            let Some(child) = children.next() else {
                continue;
            };
            let parent_tags = tags.clone();
            stack.push((parent, depth, tags, children));
            let index = self.add_item(section_number, parent, depth, &parent_tags, &child)?;
            if !child.items.is_empty() {
                self.items[index].has_children = true;
                let child_tags = self.items[index].tags.clone();
                stack.push((Some(index), depth + 1, child_tags, child.items.into_iter()));
            }
        }
        self.sections[section_number].items = start..self.items.len();
        Ok(())
    }

    fn add_item(
        &mut self,
        section: usize,
        parent: Option<usize>,
        depth: usize,
        parent_tags: &[String],
        item: &ItemFile,
    ) -> Result<usize, QuestionnaireError> {
        if !is_valid_id(item.id.as_str()) {
            return Err(QuestionnaireError::Invalid(format!(
                "item id `{}` must be lowercase and dotted",
                item.id
            )));
        }
        if depth > MAX_DEPTH {
            return Err(QuestionnaireError::Invalid(format!(
                "item `{}` is nested deeper than four levels",
                item.id
            )));
        }
        if item.condition.is_some() && parent.is_none() {
            return Err(QuestionnaireError::Invalid(format!(
                "item `{}` has a condition but no parent to apply it to",
                item.id
            )));
        }
        let index = self.items.len();
        if self.index.insert(item.id.clone(), index).is_some() {
            return Err(QuestionnaireError::Invalid(format!(
                "item id `{}` appears twice",
                item.id
            )));
        }
        for old in &item.replaces {
            self.replaced.entry(old.clone()).or_insert(index);
        }
        let mut tags = parent_tags.to_vec();
        for tag in &item.tags {
            if !tags.contains(tag) {
                tags.push(tag.clone());
            }
        }
        self.items.push(Item {
            id: item.id.clone(),
            section,
            parent,
            depth,
            kind: item.kind,
            condition: item.condition,
            tags,
            text: item.text.clone(),
            replaces: item.replaces.clone(),
            has_children: false,
        });
        Ok(index)
    }

    /// The index of item `id` in [`Self::items`].
    #[must_use]
    pub fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The item with id `id`.
    #[must_use]
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.position(id).map(|index| &self.items[index])
    }

    /// The item that replaces `old`, an id of an earlier version (see `replaces`).
    #[must_use]
    pub fn replaced_by(&self, old: &str) -> Option<&Item> {
        if self.index.contains_key(old) {
            return None;
        }
        self.replaced.get(old).map(|&index| &self.items[index])
    }

    /// The index of section `id` in [`Self::sections`].
    #[must_use]
    pub fn section_position(&self, id: &str) -> Option<usize> {
        self.section_index.get(id).copied()
    }

    /// The items of section number `section`.
    #[must_use]
    pub fn section_items(&self, section: usize) -> &[Item] {
        self.sections
            .get(section)
            .map_or(&[], |s| &self.items[s.items.clone()])
    }

    /// The id closest to `unknown` by edit distance, to suggest in a warning.
    #[must_use]
    pub fn nearest_id(&self, unknown: &str) -> Option<&QuestionId> {
        self.items
            .iter()
            .map(|item| (strsim::levenshtein(unknown, item.id.as_str()), &item.id))
            .min_by_key(|(distance, _)| *distance)
            .filter(|(distance, id)| *distance <= id.as_str().len().max(unknown.len()) / 2)
            .map(|(_, id)| id)
    }

    /// The section id the item at `index` belongs to.
    #[must_use]
    pub fn section_of(&self, index: usize) -> &Section {
        &self.sections[self.items[index].section]
    }
}

#[cfg(test)]
mod tests {
    use super::{ItemKind, QuestionId, Questionnaire};

    #[test]
    fn builtin_parses_with_every_item() {
        let q = Questionnaire::builtin();
        assert_eq!(q.id, super::BUILTIN_QUESTIONNAIRE_ID);
        // 141 list items upstream, plus the pentest follow-up split into its own item.
        assert_eq!(q.items.len(), 142);
        let per_section: Vec<(&str, usize)> = q
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.items.len()))
            .collect();
        assert_eq!(
            per_section,
            [
                ("tech", 76),
                ("org", 41),
                ("legal", 9),
                ("collab", 6),
                ("env", 5),
                ("evidence", 5)
            ]
        );
        assert_eq!(q.regulations.len(), 18);
    }

    #[test]
    fn builtin_carries_kinds_conditions_and_tags() {
        let q = Questionnaire::builtin();
        let heading = q.item("tech.az").expect("heading exists");
        assert_eq!(heading.kind, ItemKind::Heading);
        let if_not = q.item("tech.netsec.ntp.private-server").expect("exists");
        assert_eq!(if_not.condition, Some(super::Condition::IfNot));
        assert_eq!(if_not.depth, 2);
        let nfs = q.item("tech.storage.block.nfs-id-mapping").expect("exists");
        assert!(nfs.has_tag("nfs"));
        let hipaa_child = q.item("legal.baa.sign").expect("exists");
        assert!(hipaa_child.has_tag("hipaa"), "tags are inherited");
        assert!(hipaa_child.has_tag("managed-service"), "section tags too");
        assert!(
            !q.item("org.pentest")
                .expect("exists")
                .has_tag("managed-service")
        );
        let deepest = q
            .item("tech.network.private.overlap.docker")
            .expect("exists");
        assert_eq!(deepest.depth, 3);
        let doc = q.item("evidence.certificates").expect("exists");
        assert_eq!(doc.kind, ItemKind::Document);
        let findings = q.item("org.pentest.findings").expect("split follow-up");
        assert_eq!(findings.parent, q.position("org.pentest"));
    }

    #[test]
    fn nearest_id_suggests_close_ids_only() {
        let q = Questionnaire::builtin();
        assert_eq!(
            q.nearest_id("tech.iam.role-api").map(QuestionId::as_str),
            Some("tech.iam.roles-api")
        );
        assert_eq!(q.nearest_id("completely.unrelated.words.here.xyz"), None);
    }

    #[test]
    fn rejects_broken_questionnaires() {
        let duplicate = r#"(format: 1, id: "x", title: "X", sections: [(id: "a", title: "A", items: [
            (id: "a.one", text: "One?"), (id: "a.one", text: "Again?")])])"#;
        let err = Questionnaire::parse(duplicate).expect_err("duplicate id");
        assert!(err.to_string().contains("`a.one` appears twice"), "{err}");

        let too_deep = r#"(format: 1, id: "x", title: "X", sections: [(id: "a", title: "A", items: [
            (id: "a.1", text: "1", items: [(id: "a.2", text: "2", items: [(id: "a.3", text: "3",
            items: [(id: "a.4", text: "4", items: [(id: "a.5", text: "5")])])])])])])"#;
        let err = Questionnaire::parse(too_deep).expect_err("five levels");
        assert!(err.to_string().contains("deeper than four levels"), "{err}");

        let syntax = "(format: 1, id: \"x\",\n title: }";
        let err = Questionnaire::parse(syntax).expect_err("syntax");
        assert!(err.to_string().starts_with("2:"), "{err}");
    }
}
