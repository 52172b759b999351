//! A questionnaire of one's own from a Markdown page of headings and nested lists (the
//! shape of the upstream Infrastructure Provider Audit page), written as a questionnaire
//! file for the user to review and edit.
//!
//! - sections from headings (the first level-1 heading is the title), items from list
//!   entries at every depth;
//! - a heading item when the text ends with ":" or, having sub-items, asks no question;
//! - conditions from "If yes, ..." / "If not, ..."; scope tags from a bracketed prefix
//!   (`[For NFS]`, `[HIPAA only]`); an inline follow-up ("...? 1. ...") split off;
//! - the documents of one section (`documents`), section tags given by the user;
//! - ids from the section's and the item's key words, unique, never a position or a hash.
//!
//! Pure: text in, text out; no file system, no UI.

mod outline;
mod words;

use std::collections::{HashMap, HashSet};

use crate::model::{
    ItemFile, ItemKind, MAX_DEPTH, QuestionId, Questionnaire, QuestionnaireFile, SectionFile,
    SectionId, is_valid_id,
};
use crate::validate::Position;

use outline::{OutlineItem, OutlineSection};

/// What the user says about the page, beyond its text.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The questionnaire's id; made from the title when `None`.
    pub id: Option<String>,
    /// The title; the page's first level-1 heading when `None`.
    pub title: Option<String>,
    /// Where the page comes from (written in the file's `source`).
    pub source: String,
    /// The section (heading text or section id) whose items are documents to collect.
    pub documents: Option<String>,
    /// Scope tags for whole sections: (heading text or section id, tag).
    pub section_tags: Vec<(String, String)>,
}

/// Something the import did that the user should know about when reviewing the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportNote {
    /// Where in the page.
    pub position: Option<Position>,
    /// What was done.
    pub message: String,
}

/// A page imported: the questionnaire file, and notes for the review.
#[derive(Clone, Debug)]
pub struct Imported {
    /// The questionnaire file, ready to write.
    pub file: QuestionnaireFile,
    /// What the user should review.
    pub notes: Vec<ImportNote>,
}

/// Why a page cannot be imported.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No list item anywhere.
    #[error(
        "no list items found: a questionnaire page is headings, each followed by a list \
         (`1.` or `-`) of questions"
    )]
    NoItems,
    /// Lists nested deeper than the format allows.
    #[error(
        "{}:{}: a list item nested deeper than four levels; a questionnaire has at most four",
        position.line, position.col
    )]
    TooDeep {
        /// The first item too deep.
        position: Position,
    },
    /// A section named in the options is not on the page.
    #[error("no section `{name}` on the page (sections: {available})")]
    NoSuchSection {
        /// The name given.
        name: String,
        /// The sections there are.
        available: String,
    },
    /// The id given is not lowercase and dotted.
    #[error("questionnaire id `{id}` must be lowercase letters, digits, `-` and `.`")]
    InvalidId {
        /// The id given.
        id: String,
    },
    /// The result does not make a valid questionnaire (a bug in the import if it happens).
    #[error("the imported questionnaire is not valid: {0}")]
    Invalid(String),
}

/// The comment at the top of every imported file.
const HEADER: &str = "\
// A questionnaire imported from Markdown by `provider-audit questionnaire import`.
// Review it before use: kinds (Question, Heading, Document), conditions (IfYes, IfNot),
// scope tags and texts can all be edited.
//
// Ids may be edited freely before the first audit against this questionnaire, and never
// after: audits name their answers by id. To reword, split or retire an item later, raise
// `version` and list the old ids in the new item's `replaces: [\"old.id\"]`.
";

impl Imported {
    /// The questionnaire file as RON, with the review comment on top.
    ///
    /// # Errors
    /// Only if serialization itself fails.
    pub fn to_ron(&self) -> Result<String, ron::Error> {
        let mut text = format!("{HEADER}{}", self.file.to_ron()?);
        if !text.ends_with('\n') {
            text.push('\n');
        }
        Ok(text)
    }
}

/// Imports a Markdown page as a questionnaire file.
///
/// # Errors
/// A page with no list items, nested deeper than four levels, a section named in
/// `options` that is not on the page, or an unusable id.
pub fn import_markdown(markdown: &str, options: &ImportOptions) -> Result<Imported, ImportError> {
    let outline = outline::read(markdown, MAX_DEPTH);
    if let Some(position) = outline.too_deep {
        return Err(ImportError::TooDeep { position });
    }
    let title = options
        .title
        .clone()
        .or_else(|| outline.title.clone())
        .unwrap_or_else(|| "Questionnaire".to_owned());
    let id = match &options.id {
        Some(id) if is_valid_id(id) => id.clone(),
        Some(id) => return Err(ImportError::InvalidId { id: id.clone() }),
        None => words::segment(&words::key_words(&title), usize::MAX),
    };
    let id = if id.is_empty() {
        "questionnaire".to_owned()
    } else {
        id
    };
    let mut notes = Vec::new();
    if id == crate::model::BUILTIN_QUESTIONNAIRE_ID {
        notes.push(ImportNote {
            position: None,
            message: format!(
                "the id `{id}` is the built-in questionnaire's; audits naming it are read \
                 against this file only where it is named among the files (give --id to tell \
                 them apart)"
            ),
        });
    }
    let sections: Vec<&OutlineSection> = outline
        .sections
        .iter()
        .filter(|section| !section.items.is_empty())
        .collect();
    if sections.is_empty() {
        return Err(ImportError::NoItems);
    }
    let titles: Vec<String> = sections
        .iter()
        .map(|s| {
            if s.title.is_empty() {
                title.clone()
            } else {
                s.title.clone()
            }
        })
        .collect();
    let mut taken = HashSet::new();
    let section_ids: Vec<String> = titles
        .iter()
        .map(|t| unique_section_id(t, &mut taken))
        .collect();
    let find = |name: &str| {
        titles
            .iter()
            .zip(&section_ids)
            .position(|(title, id)| names_section(title, id, name))
            .ok_or_else(|| ImportError::NoSuchSection {
                name: name.to_owned(),
                available: titles
                    .iter()
                    .map(|t| format!("`{t}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            })
    };
    let documents = options.documents.as_deref().map(find).transpose()?;
    for (name, _) in &options.section_tags {
        find(name)?;
    }
    let page_asks = sections.iter().any(|s| s.items.iter().any(asks_anywhere));
    let mut file_sections = Vec::new();
    for (number, section) in sections.iter().enumerate() {
        let is_documents = documents == Some(number);
        if page_asks && !is_documents && !section.items.iter().any(asks_anywhere) {
            notes.push(ImportNote {
                position: section.position,
                message: format!(
                    "section `{}` asks no question; left out (name it with --documents if it \
                     lists documents to collect)",
                    titles[number]
                ),
            });
            continue;
        }
        let section_id = &section_ids[number];
        let mut builder = SectionBuilder {
            ids: HashSet::new(),
            repeats: HashMap::new(),
            documents: is_documents,
            page_asks,
            notes: &mut notes,
        };
        let items = section
            .items
            .iter()
            .map(|item| builder.item(item, section_id, 0, false))
            .collect();
        let tags = options
            .section_tags
            .iter()
            .filter(|(name, _)| names_section(&titles[number], section_id, name))
            .map(|(_, tag)| tag.clone())
            .collect();
        file_sections.push(SectionFile {
            id: SectionId::new(section_id.clone()),
            label: String::new(),
            title: titles[number].clone(),
            tags,
            items,
        });
    }
    let mut scope_tags: Vec<String> = Vec::new();
    collect_tags(&file_sections, &mut scope_tags);
    let file = QuestionnaireFile {
        format: 1,
        id,
        version: "1".to_owned(),
        title,
        source: options.source.clone(),
        regulations: outline.tags,
        scope_tags,
        sections: file_sections,
    };
    Questionnaire::from_file(file.clone()).map_err(|err| ImportError::Invalid(err.to_string()))?;
    Ok(Imported { file, notes })
}

/// Builds the items of one section, keeping their ids unique within it.
struct SectionBuilder<'n> {
    ids: HashSet<String>,
    /// The next repeat number for a wording that repeats exactly.
    repeats: HashMap<String, usize>,
    documents: bool,
    page_asks: bool,
    notes: &'n mut Vec<ImportNote>,
}

impl SectionBuilder<'_> {
    fn item(&mut self, item: &OutlineItem, parent: &str, depth: usize, split: bool) -> ItemFile {
        // An inline follow-up becomes the first sub-item (unless that is already too deep).
        if !split
            && depth < MAX_DEPTH
            && let Some((question, follow_up)) = words::inline_follow_up(&item.text)
        {
            self.notes.push(ImportNote {
                position: Some(item.position),
                message: format!("the follow-up \"{follow_up}\" is split into its own sub-item"),
            });
            let mut children = vec![OutlineItem {
                text: follow_up.to_owned(),
                position: item.position,
                children: Vec::new(),
                lead_in: false,
            }];
            children.extend(item.children.iter().cloned());
            let whole = OutlineItem {
                text: question.to_owned(),
                position: item.position,
                children,
                lead_in: false,
            };
            return self.item(&whole, parent, depth, true);
        }
        let text = item.text.clone();
        let id = self.unique_id(parent, &text);
        let mut condition = words::condition(&text);
        if condition.is_some() && depth == 0 {
            self.notes.push(ImportNote {
                position: Some(item.position),
                message: format!(
                    "`{id}` reads as a condition but has no parent; kept as a question"
                ),
            });
            condition = None;
        }
        let has_children = !item.children.is_empty();
        let kind = if text.trim_end().ends_with(':')
            || (has_children && self.page_asks && !text.contains('?'))
        {
            ItemKind::Heading
        } else if self.documents {
            ItemKind::Document
        } else {
            ItemKind::Question
        };
        let items = item
            .children
            .iter()
            .map(|child| self.item(child, &id, depth + 1, false))
            .collect();
        ItemFile {
            id: QuestionId::new(id),
            kind,
            condition,
            replaces: Vec::new(),
            tags: words::scope_tags(&text),
            text,
            items,
        }
    }

    /// `parent` + the fewest key words of `text` that make an id not yet used; when the
    /// wording repeats exactly, a counter of repeats (`-2`, `-3`).
    fn unique_id(&mut self, parent: &str, text: &str) -> String {
        let mut key = words::key_words(text);
        if key.is_empty() {
            key.push("item".to_owned());
        }
        let mut candidate = String::new();
        for count in 2..=key.len().max(2) {
            candidate = format!("{parent}.{}", words::segment(&key, count));
            if !self.ids.contains(&candidate) {
                self.ids.insert(candidate.clone());
                return candidate;
            }
        }
        let repeat = self.repeats.entry(candidate.clone()).or_insert(2);
        loop {
            let numbered = format!("{candidate}-{repeat}");
            *repeat += 1;
            if self.ids.insert(numbered.clone()) {
                return numbered;
            }
        }
    }
}

/// True when the item or any sub-item asks a question.
fn asks_anywhere(item: &OutlineItem) -> bool {
    let mut stack = vec![item];
    while let Some(item) = stack.pop() {
        if item.text.contains('?') {
            return true;
        }
        stack.extend(&item.children);
    }
    false
}

/// A section id from the first key word of its title (more words when taken).
fn unique_section_id(title: &str, taken: &mut HashSet<String>) -> String {
    let mut key = words::key_words(title);
    if key.is_empty() {
        key.push("section".to_owned());
    }
    let mut candidate = String::new();
    for count in 1..=key.len() {
        candidate = words::segment(&key, count);
        if taken.insert(candidate.clone()) {
            return candidate;
        }
    }
    let mut repeat = 2_usize;
    loop {
        let numbered = format!("{candidate}-{repeat}");
        if taken.insert(numbered.clone()) {
            return numbered;
        }
        repeat += 1;
    }
}

/// True when `name` names the section: its heading (any case) or its id.
fn names_section(title: &str, id: &str, name: &str) -> bool {
    title.eq_ignore_ascii_case(name.trim()) || id == name.trim()
}

/// Every scope tag used, in order of first use, less the known ones.
fn collect_tags(sections: &[SectionFile], out: &mut Vec<String>) {
    let mut add = |tag: &String| {
        if !crate::model::KNOWN_SCOPE_TAGS.contains(&tag.as_str()) && !out.contains(tag) {
            out.push(tag.clone());
        }
    };
    for section in sections {
        section.tags.iter().for_each(&mut add);
        let mut stack: Vec<&ItemFile> = section.items.iter().collect();
        while let Some(item) = stack.pop() {
            item.tags.iter().for_each(&mut add);
            stack.extend(&item.items);
        }
    }
}

#[cfg(test)]
mod tests;
