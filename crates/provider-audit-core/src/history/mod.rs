//! Re-audits: what changed between two audits of one provider. [`diff`] lists every
//! question whose verdict, answer or evidence changed, or that was answered in only one of
//! them, with the direction of the change by the scoring formula's value of the verdicts,
//! and the section and overall scores of both. [`word_diff`] gives the word-level changes of
//! an answer's text (the `similar` crate). The command line's `diff` renders this.

mod carry;
mod render;
#[cfg(test)]
mod tests;

pub use carry::carry_over;
pub use render::{Style, marked_words, render, render_with};

use serde::Serialize;

use crate::model::{Answer, Audit, Comparison, Date, ItemKind, Questionnaire, Verdict};
use crate::scoring::score_audit;

/// What changed about one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The verdict changed.
    Verdict,
    /// The answer's text changed, the verdict is the same.
    Answer,
    /// Answered now, not before.
    Added,
    /// Answered before, not now.
    Removed,
    /// A document was added, removed, its hash changed, or it expired in between.
    Evidence,
}

/// What a change means for a re-audit: worse, better, moved ownership, only reworded, a real
/// text change, answered now or no longer. Wording changes (the text differs only in
/// spacing, quotes, dashes or the case of its first letter) are reported apart and folded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeClass {
    /// The verdict, or the provider's own Yes/No, is worse.
    Regression,
    /// The verdict, or the provider's own Yes/No, is better.
    Improvement,
    /// Who carries the control moved (shared-responsibility ownership).
    Ownership,
    /// A real change of the text, the verdict the same.
    Text,
    /// Only the wording changed: spacing, quotes, dashes, the case of the first letter.
    Wording,
    /// Answered now, not before.
    Added,
    /// Answered before, not now.
    Removed,
    /// Only the evidence changed.
    Evidence,
}

impl ChangeClass {
    /// The word used in reports and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Regression => "regression",
            Self::Improvement => "improvement",
            Self::Ownership => "ownership",
            Self::Text => "text",
            Self::Wording => "wording",
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Evidence => "evidence",
        }
    }
}

/// Text as compared for wording: spaces collapsed, typographic quotes and dashes made plain,
/// the first letter in lower case.
#[must_use]
pub fn wording_key(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => '-',
            c => c,
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    let joined = words.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The value of a provider's own Yes/No for the direction of a change (NA, blank or another
/// text: none).
fn claim_value(answer: Option<&Answer>) -> Option<u8> {
    match answer.and_then(Answer::claim) {
        Some(crate::model::Claim::Yes) => Some(1),
        Some(crate::model::Claim::No) => Some(0),
        _ => None,
    }
}

/// Whether a change is better or worse by the scoring formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The new verdict is worth less.
    Worse,
    /// Worth the same (or one side is left out of the scores).
    Same,
    /// The new verdict is worth more.
    Better,
}

impl Direction {
    /// The arrow shown beside a change.
    #[must_use]
    pub fn arrow(self) -> &'static str {
        match self {
            Self::Worse => "↓",
            Self::Same => "=",
            Self::Better => "↑",
        }
    }

    /// The word used in reports.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Worse => "worse",
            Self::Same => "same",
            Self::Better => "better",
        }
    }
}

impl ChangeKind {
    /// The word used in reports and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Verdict => "verdict",
            Self::Answer => "answer",
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Evidence => "evidence",
        }
    }
}

/// One changed question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    /// The question's id.
    pub id: String,
    /// What changed.
    pub kind: ChangeKind,
    /// The verdict before.
    pub old_verdict: Option<Verdict>,
    /// The verdict now.
    pub new_verdict: Option<Verdict>,
    /// Better, worse or the same.
    pub direction: Direction,
    /// What the change means: regression, improvement, ownership, text, wording, added,
    /// removed or evidence.
    pub class: ChangeClass,
    /// The section (index in the questionnaire), for grouping.
    #[serde(skip)]
    pub section: usize,
    /// The question's text, on one line.
    #[serde(skip)]
    pub question: String,
    /// The answer before.
    #[serde(skip)]
    pub old_answer: String,
    /// The answer now.
    #[serde(skip)]
    pub new_answer: String,
    /// What changed in the evidence, one line each.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

impl Change {
    /// The verdicts before and after, for people: `partial → meets`, `no verdict → gap`.
    #[must_use]
    pub fn verdicts(&self) -> String {
        let word = |verdict: Option<Verdict>| verdict.map_or("no verdict", Verdict::label);
        format!("{} → {}", word(self.old_verdict), word(self.new_verdict))
    }
}

/// One audit of the two.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Side {
    /// The file it was read from.
    pub file: String,
    /// The provider's name in it.
    pub provider: String,
    /// When it was done.
    pub audited_on: Option<String>,
    /// Its overall score, 0 to 100.
    pub score: f64,
}

/// A section's score in both audits, 0 to 100 (`None` when nothing in it is scored).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionChange {
    /// The section's id.
    pub id: String,
    /// The section's title.
    #[serde(skip)]
    pub title: String,
    /// The score before.
    pub old_score: Option<f64>,
    /// The score now.
    pub new_score: Option<f64>,
}

/// What changed between two audits of one provider.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditDiff {
    /// The earlier audit.
    pub old: Side,
    /// The later audit.
    pub new: Side,
    /// Every section's score in both.
    pub sections: Vec<SectionChange>,
    /// The changed questions: by section, worse first, then in questionnaire order.
    pub changes: Vec<Change>,
    /// How many of the changes are only wording (folded in the text and Markdown output).
    pub wording_changes: usize,
    /// Questions answered in one of the audits that the questionnaire no longer asks.
    pub not_in_questionnaire: Vec<String>,
}

impl AuditDiff {
    /// True when the provider's name differs (a warning: companies get renamed).
    #[must_use]
    pub fn renamed(&self) -> bool {
        self.old.provider != self.new.provider
    }
}

/// The value the formula gives a verdict; no verdict counts as not asked (0), Not applicable
/// is left out (`None`).
fn value(verdict: Option<Verdict>) -> Option<f64> {
    verdict.map_or(Some(0.0), Verdict::value)
}

fn direction(old: Option<Verdict>, new: Option<Verdict>) -> Direction {
    match (value(old), value(new)) {
        (Some(a), Some(b)) if b > a => Direction::Better,
        (Some(a), Some(b)) if b < a => Direction::Worse,
        _ => Direction::Same,
    }
}

fn has_answer(answer: Option<&Answer>) -> bool {
    answer.is_some_and(|a| a.has_content() || a.verdict.is_some())
}

/// The class of a change of `kind` between two answers.
fn classify(kind: ChangeKind, before: Option<&Answer>, after: Option<&Answer>) -> ChangeClass {
    match kind {
        ChangeKind::Added => return ChangeClass::Added,
        ChangeKind::Removed => return ChangeClass::Removed,
        _ => {}
    }
    let verdict = |a: Option<&Answer>| a.and_then(|a| a.verdict);
    match direction(verdict(before), verdict(after)) {
        Direction::Worse => return ChangeClass::Regression,
        Direction::Better => return ChangeClass::Improvement,
        Direction::Same => {}
    }
    match (claim_value(before), claim_value(after)) {
        (Some(a), Some(b)) if b < a => return ChangeClass::Regression,
        (Some(a), Some(b)) if b > a => return ChangeClass::Improvement,
        _ => {}
    }
    let field = |a: Option<&Answer>, f: fn(&Answer) -> String| a.map(f).unwrap_or_default();
    if before.and_then(|a| a.ownership) != after.and_then(|a| a.ownership) {
        return ChangeClass::Ownership;
    }
    let texts: [fn(&Answer) -> String; 3] = [
        |a| a.answer.clone(),
        |a| a.claim.clone(),
        |a| a.customer_duties.clone(),
    ];
    let changed: Vec<bool> = texts
        .iter()
        .map(|f| field(before, *f) != field(after, *f))
        .collect();
    if verdict(before) != verdict(after) {
        return ChangeClass::Text;
    }
    if !changed.iter().any(|c| *c) {
        return ChangeClass::Evidence;
    }
    let reworded = texts
        .iter()
        .all(|f| wording_key(&field(before, *f)) == wording_key(&field(after, *f)));
    if reworded {
        ChangeClass::Wording
    } else {
        ChangeClass::Text
    }
}

/// The evidence lines of one question: named documents added or removed, and the audit's
/// documents for it added, removed, with another hash, or expired between the two dates.
fn evidence_changes(id: &str, old: &Audit, new: &Audit) -> Vec<String> {
    let mut lines = Vec::new();
    let names = |audit: &Audit| -> Vec<String> {
        audit
            .answer(id)
            .map(|a| a.evidence.clone())
            .unwrap_or_default()
    };
    let (old_names, new_names) = (names(old), names(new));
    for name in new_names.iter().filter(|n| !old_names.contains(n)) {
        lines.push(format!("named document added: {name}"));
    }
    for name in old_names.iter().filter(|n| !new_names.contains(n)) {
        lines.push(format!("named document removed: {name}"));
    }
    let docs = |audit: &Audit| {
        audit
            .documents
            .iter()
            .filter(|d| d.item.as_str() == id)
            .cloned()
            .collect::<Vec<_>>()
    };
    let (old_docs, new_docs) = (docs(old), docs(new));
    let new_date = new.audited_on.as_deref().and_then(Date::parse);
    let old_date = old.audited_on.as_deref().and_then(Date::parse);
    for doc in &new_docs {
        match old_docs.iter().find(|d| d.file == doc.file) {
            None => lines.push(format!("document added: {}", doc.file)),
            Some(before) if before.sha256 != doc.sha256 => {
                lines.push(format!("document changed (another SHA-256): {}", doc.file));
            }
            Some(_) => {}
        }
        let expires = doc.expires.as_deref().and_then(Date::parse);
        if let (Some(expires), Some(now)) = (expires, new_date)
            && expires < now
            && old_date.is_none_or(|then| expires >= then)
        {
            lines.push(format!("document expired on {expires}: {}", doc.file));
        }
    }
    for doc in old_docs
        .iter()
        .filter(|d| !new_docs.iter().any(|n| n.file == d.file))
    {
        lines.push(format!("document removed: {}", doc.file));
    }
    lines
}

/// What changed from `old` to `new` (files named `old_file`, `new_file`), scored with the
/// weights and overrides of `comparison` (the default: [`Comparison::default`]).
#[must_use]
pub fn diff(
    questionnaire: &Questionnaire,
    (old, old_file): (&Audit, &str),
    (new, new_file): (&Audit, &str),
    comparison: &Comparison,
) -> AuditDiff {
    let old_score = score_audit(questionnaire, old, comparison);
    let new_score = score_audit(questionnaire, new, comparison);
    let percent = |score: Option<f64>| score.map(|s| (s * 1000.0).round() / 10.0);
    let sections = questionnaire
        .sections
        .iter()
        .enumerate()
        .map(|(number, section)| SectionChange {
            id: section.id.as_str().to_owned(),
            title: section.title.clone(),
            old_score: percent(old_score.sections[number].score),
            new_score: percent(new_score.sections[number].score),
        })
        .collect();
    let mut changes = Vec::new();
    for (number, section) in questionnaire.sections.iter().enumerate() {
        for index in section.items.clone() {
            let item = &questionnaire.items[index];
            if item.kind == ItemKind::Heading {
                continue;
            }
            let id = item.id.as_str();
            let (before, after) = (old.answer(id), new.answer(id));
            let old_verdict = before.and_then(|a| a.verdict);
            let new_verdict = after.and_then(|a| a.verdict);
            let text = |a: Option<&Answer>| a.map(|a| a.answer.clone()).unwrap_or_default();
            let evidence = evidence_changes(id, old, new);
            let provider_side = |a: Option<&Answer>| {
                a.map(|a| (a.claim.clone(), a.ownership, a.customer_duties.clone()))
            };
            let kind = match (has_answer(before), has_answer(after)) {
                (false, true) => Some(ChangeKind::Added),
                (true, false) => Some(ChangeKind::Removed),
                (false, false) => None,
                (true, true) if old_verdict != new_verdict => Some(ChangeKind::Verdict),
                (true, true)
                    if text(before) != text(after)
                        || provider_side(before) != provider_side(after) =>
                {
                    Some(ChangeKind::Answer)
                }
                (true, true) => (!evidence.is_empty()).then_some(ChangeKind::Evidence),
            };
            if let Some(kind) = kind {
                let class = classify(kind, before, after);
                changes.push((
                    index,
                    Change {
                        id: id.to_owned(),
                        kind,
                        old_verdict,
                        new_verdict,
                        direction: direction(old_verdict, new_verdict),
                        class,
                        section: number,
                        question: crate::labels::one_line(&crate::model::markdown::plain_text(
                            &item.text,
                        )),
                        old_answer: text(before),
                        new_answer: text(after),
                        evidence,
                    },
                ));
            }
        }
    }
    changes.sort_by_key(|(index, change)| (change.section, change.direction, *index));
    let mut not_in_questionnaire: Vec<String> = old
        .answers
        .iter()
        .chain(new.answers.iter())
        .map(|(id, _)| id.as_str().to_owned())
        .filter(|id| questionnaire.item(id).is_none())
        .collect();
    not_in_questionnaire.sort();
    not_in_questionnaire.dedup();
    let wording_changes = changes
        .iter()
        .filter(|(_, c)| c.class == ChangeClass::Wording)
        .count();
    AuditDiff {
        wording_changes,
        old: Side {
            file: old_file.to_owned(),
            provider: old.provider.clone(),
            audited_on: old.audited_on.clone(),
            score: (old_score.score * 10.0).round() / 10.0,
        },
        new: Side {
            file: new_file.to_owned(),
            provider: new.provider.clone(),
            audited_on: new.audited_on.clone(),
            score: (new_score.score * 10.0).round() / 10.0,
        },
        sections,
        changes: changes.into_iter().map(|(_, change)| change).collect(),
        not_in_questionnaire,
    }
}

/// A piece of a word-level diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text in both.
    Same(String),
    /// Text only in the old answer.
    Removed(String),
    /// Text only in the new answer.
    Added(String),
}

/// The word-level changes from `old` to `new`: joined, the `Same` and `Removed` pieces give
/// `old` back, the `Same` and `Added` pieces give `new`. Words changed one after another
/// (with only spaces between them) come as one removed and one added piece.
#[must_use]
pub fn word_diff(old: &str, new: &str) -> Vec<Piece> {
    let diff = similar::TextDiff::from_words(old, new);
    let changes: Vec<(similar::ChangeTag, &str)> = diff
        .iter_all_changes()
        .map(|change| (change.tag(), change.value()))
        .collect();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut removed = String::new();
    let mut added = String::new();
    let flush = |pieces: &mut Vec<Piece>, removed: &mut String, added: &mut String| {
        if !removed.is_empty() {
            pieces.push(Piece::Removed(std::mem::take(removed)));
        }
        if !added.is_empty() {
            pieces.push(Piece::Added(std::mem::take(added)));
        }
    };
    for (index, (tag, text)) in changes.iter().enumerate() {
        match tag {
            similar::ChangeTag::Delete => removed.push_str(text),
            similar::ChangeTag::Insert => added.push_str(text),
            similar::ChangeTag::Equal => {
                let in_run = !(removed.is_empty() && added.is_empty());
                let run_goes_on = changes
                    .get(index + 1)
                    .is_some_and(|(next, _)| *next != similar::ChangeTag::Equal);
                if in_run && run_goes_on && text.trim().is_empty() {
                    // Spaces between changed words belong to both sides of the change.
                    removed.push_str(text);
                    added.push_str(text);
                    continue;
                }
                flush(&mut pieces, &mut removed, &mut added);
                match pieces.last_mut() {
                    Some(Piece::Same(last)) => last.push_str(text),
                    _ => pieces.push(Piece::Same((*text).to_owned())),
                }
            }
        }
    }
    flush(&mut pieces, &mut removed, &mut added);
    pieces
}
