//! Validation of a questionnaire file: every broken rule, each with its line and column
//! (duplicate ids, empty texts, a condition without a parent, unknown scope tags, ids that
//! are not lowercase and dotted, nesting deeper than four levels).

use std::collections::{HashMap, HashSet};

use super::finding::{Finding, Position};
use super::source::{SourceFile, syntax_finding};
use crate::model::{
    ItemFile, KNOWN_SCOPE_TAGS, MAX_DEPTH, Questionnaire, QuestionnaireFile, is_valid_id,
};

/// Parses and validates a questionnaire file. Returns the questionnaire when it has no
/// error (warnings allowed), and every finding in file order.
#[must_use]
pub fn check_questionnaire(source: &SourceFile) -> (Option<Questionnaire>, Vec<Finding>) {
    let file: QuestionnaireFile = match crate::model::ron_options().from_str(&source.text) {
        Ok(file) => file,
        Err(err) => return (None, vec![syntax_finding(source, &err)]),
    };
    let mut checker = Checker {
        source,
        findings: Vec::new(),
        seen_strings: HashMap::new(),
        ids: HashSet::new(),
        known_tags: KNOWN_SCOPE_TAGS
            .iter()
            .map(|t| (*t).to_owned())
            .chain(file.scope_tags.iter().cloned())
            .collect(),
        replaced: Vec::new(),
    };
    checker.check(&file);
    let mut findings = checker.findings;
    findings.sort_by_key(|finding| finding.position);
    if findings.iter().any(Finding::is_error) {
        return (None, findings);
    }
    match Questionnaire::from_file(file) {
        Ok(questionnaire) => (Some(questionnaire), findings),
        Err(err) => {
            findings.push(Finding::error(&source.path, None, err.to_string()));
            (None, findings)
        }
    }
}

struct Checker<'a> {
    source: &'a SourceFile,
    findings: Vec<Finding>,
    /// How many times each string literal was met, to find the next one in the file.
    seen_strings: HashMap<String, usize>,
    ids: HashSet<String>,
    known_tags: HashSet<String>,
    /// Ids named in `replaces`, with where and by which item.
    replaced: Vec<(String, Option<Position>, String)>,
}

impl Checker<'_> {
    /// The position of the next occurrence of string `value`, in file order.
    fn next_string(&mut self, value: &str) -> Option<Position> {
        let seen = self.seen_strings.entry(value.to_owned()).or_insert(0);
        let position = self.source.locator.string(value, *seen);
        *seen += 1;
        position
    }

    fn error(&mut self, position: Option<Position>, message: String) {
        self.findings
            .push(Finding::error(&self.source.path, position, message));
    }

    fn check(&mut self, file: &QuestionnaireFile) {
        if file.format != 1 {
            let position = self.source.locator.top_field_value("format");
            self.error(
                position,
                format!(
                    "questionnaire format {} is not supported (expected 1)",
                    file.format
                ),
            );
        }
        self.next_string(&file.id);
        if !is_valid_id(&file.id) {
            let position = self.source.locator.top_field_value("id");
            self.error(
                position,
                format!(
                    "questionnaire id `{}` must be lowercase and dotted",
                    file.id
                ),
            );
        }
        let mut sections = HashSet::new();
        for section in &file.sections {
            let position = self.next_string(section.id.as_str());
            if !is_valid_id(section.id.as_str()) {
                self.error(
                    position,
                    format!("section id `{}` must be lowercase and dotted", section.id),
                );
            } else if !sections.insert(section.id.as_str()) {
                self.error(
                    position,
                    format!("section id `{}` appears twice", section.id),
                );
            }
            self.tags(&section.tags);
            // An explicit stack rather than recursion: deep files cannot overflow it.
            let mut stack: Vec<(&ItemFile, usize, bool)> =
                section.items.iter().rev().map(|i| (i, 0, false)).collect();
            while let Some((item, depth, has_parent)) = stack.pop() {
                self.item(item, depth, has_parent);
                stack.extend(
                    item.items
                        .iter()
                        .rev()
                        .map(|child| (child, depth + 1, true)),
                );
            }
        }
        self.check_replaces();
    }

    /// An id in `replaces` must be gone from this version, and replaced by one item only.
    fn check_replaces(&mut self) {
        let mut by: HashMap<String, String> = HashMap::new();
        for (old, position, item) in std::mem::take(&mut self.replaced) {
            if self.ids.contains(&old) {
                self.error(
                    position,
                    format!("`{item}` replaces `{old}`, which is still an item of this version"),
                );
            } else if let Some(first) = by.get(&old) {
                self.error(
                    position,
                    format!("`{old}` is replaced by both `{first}` and `{item}`; keep one"),
                );
            } else {
                by.insert(old, item);
            }
        }
    }

    fn item(&mut self, item: &ItemFile, depth: usize, has_parent: bool) {
        let id = item.id.as_str();
        let position = self.next_string(id);
        if !is_valid_id(id) {
            self.error(
                position,
                format!("item id `{id}` must be lowercase and dotted"),
            );
        } else if !self.ids.insert(id.to_owned()) {
            self.error(position, format!("item id `{id}` appears twice"));
        }
        if depth > MAX_DEPTH {
            self.error(
                position,
                format!("item `{id}` is nested deeper than four levels"),
            );
        }
        if item.condition.is_some() && !has_parent {
            self.error(
                position,
                format!("item `{id}` has a condition but no parent to apply it to"),
            );
        }
        for replaced in &item.replaces {
            let position = self.next_string(replaced.as_str());
            self.replaced
                .push((replaced.as_str().to_owned(), position, id.to_owned()));
        }
        self.tags(&item.tags);
        if item.text.trim().is_empty() {
            let position = self.next_string(&item.text).or(position);
            self.error(position, format!("item `{id}` has an empty text"));
        } else {
            self.next_string(&item.text);
        }
    }

    fn tags(&mut self, tags: &[String]) {
        for tag in tags {
            let position = self.next_string(tag);
            if !self.known_tags.contains(tag) {
                self.findings.push(Finding::warning(
                    &self.source.path,
                    position,
                    format!(
                        "unknown scope tag `{tag}` (known: {}); declare it in `scope_tags` if it is meant",
                        {
                            let mut known: Vec<&str> =
                                self.known_tags.iter().map(String::as_str).collect();
                            known.sort_unstable();
                            known.join(", ")
                        }
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::check_questionnaire;
    use crate::validate::SourceFile;

    #[test]
    fn every_broken_rule_is_found_with_its_position() {
        let text = r#"(
    format: 1,
    id: "mine",
    title: "Mine",
    sections: [(id: "ops", title: "Ops", items: [
        (id: "ops.backup", text: "Backups?"),
        (id: "ops.backup", text: "Again?"),
        (id: "ops.empty", text: " "),
        (id: "ops.orphan", condition: IfNot, text: "If not, why?"),
        (id: "ops.tagged", tags: ["gpu"], text: "GPUs?"),
    ])],
)"#;
        let source = SourceFile::from_text(Path::new("q.ron"), text);
        let (questionnaire, findings) = check_questionnaire(&source);
        assert!(questionnaire.is_none());
        let lines: Vec<String> = findings.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "q.ron:7:14: error: item id `ops.backup` appears twice",
                "q.ron:8:33: error: item `ops.empty` has an empty text",
                "q.ron:9:14: error: item `ops.orphan` has a condition but no parent to apply it to",
                "q.ron:10:35: warning: unknown scope tag `gpu` (known: hipaa, managed-service, nfs); declare it in `scope_tags` if it is meant",
            ]
        );
    }

    #[test]
    fn the_built_in_questionnaire_is_clean() {
        let text = include_str!("../../../../assets/provider-audit.questionnaire.ron");
        let source = SourceFile::from_text(Path::new("builtin.ron"), text);
        let (questionnaire, findings) = check_questionnaire(&source);
        assert!(findings.is_empty(), "{findings:?}");
        assert_eq!(questionnaire.map(|q| q.items.len()), Some(142));
    }
}
