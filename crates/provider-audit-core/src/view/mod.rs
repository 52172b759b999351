//! The one derived view of a comparison: everything the app, `summary` (text and JSON),
//! the Markdown and CSV report, the comparison image and the section image show, derived
//! once per change of the session (never per frame, never by a renderer): the ranking, the
//! section scores, every cell's status and markers, knock-outs and waivers, evidence health,
//! drift, the decision and whether its basis still holds, the weak-answer and follow-up
//! lists, the input hashes and the sensitivity of the ranking. Renderers only read it.
//!
//! Deterministic: a fixed order (ranking order, file order, names sorted), no clock, no file
//! reads (evidence files were hashed when they were loaded). Must not depend on UI crates.

mod decision;
mod history;
mod ownership;

use std::path::Path;

pub use decision::{BasisChange, DecisionStatus};
pub use history::{HistoryPoint, ProviderHistory};
pub use ownership::{CustomerPart, OwnershipCounts, OwnershipRow};

use crate::compare::{Sensitivity, sensitivity};
use crate::evidence::DocumentCheck;
use crate::model::{Date, Flag, Questionnaire, Verdict};
use crate::scoring::{CellStatus, GapCounts, ProviderScore, statuses};
use crate::workspace::Workspace;

/// Everything the outputs show; see the module documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct ComparisonView {
    /// The questionnaire's title.
    pub title: String,
    /// The date the image carries: the decision's, else the newest audit's.
    pub date: Option<ViewDate>,
    /// The comparison file's name, when one applies.
    pub comparison_file: Option<String>,
    /// The questionnaire's sections, in order.
    pub sections: Vec<SectionColumn>,
    /// Providers in ranking order.
    pub providers: Vec<ProviderRow>,
    /// The decision, once taken.
    pub decision: Option<DecisionView>,
    /// Earlier decisions, replaced or withdrawn since, oldest first.
    pub superseded: Vec<DecisionView>,
    /// Must-have questions, in the comparison's order.
    pub must_have: Vec<QuestionRef>,
    /// Question weights other than 1, by question id.
    pub question_weights: Vec<(QuestionRef, f64)>,
    /// Every annotation, in the comparison's order.
    pub annotations: Vec<AnnotationView>,
    /// Every file the view is made of, sorted by name.
    pub inputs: Vec<InputFile>,
    /// Audits changed since the comparison recorded them.
    pub drift: Vec<DriftView>,
    /// Names of files that could not be loaded (errors), sorted.
    pub not_loaded: Vec<String>,
    /// The scores in rank order, as scoring gives them (the rows of `providers` and of
    /// `cells` are in this order too).
    pub ranking: Vec<ProviderScore>,
    /// Every provider's cell for every questionnaire item, `[rank order][item]`.
    pub cells: Vec<Vec<Cell>>,
    /// How far each section weight can move before another provider leads (`None` with
    /// fewer than two providers).
    pub sensitivity: Option<Sensitivity>,
    /// The questions flagged for a follow-up, per provider in ranking order (providers
    /// without any are left out).
    pub follow_up_lists: Vec<FollowUpList>,
    /// Whether the recorded decision still holds on what is shown.
    pub decision_status: Option<DecisionStatus>,
    /// True when the comparison shown has edits not saved to its file.
    pub unsaved: bool,
    /// Providers audited more than once, in ranking order: scores over time and what
    /// changed since the previous audit.
    pub histories: Vec<ProviderHistory>,
    /// The shared-responsibility split per provider (ranking order) and section, and what
    /// the customer still owns; empty when no audit gives an ownership (not a CAIQ).
    pub ownership: Vec<OwnershipRow>,
}

/// One provider's status on one questionnaire item, with the comparison's marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// What the scoring sees.
    pub status: CellStatus,
    /// The comparison's flag on the answer.
    pub flag: Option<Flag>,
    /// True when the comparison overrides the audit's verdict.
    pub overridden: bool,
    /// True when an annotation exists for the answer.
    pub annotated: bool,
    /// True when the audit's verdict is the provider's self-assessment, accepted as given.
    pub self_assessed: bool,
}

/// The follow-up questions for one provider, ready to send back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FollowUpList {
    /// The provider's name.
    pub provider: String,
    /// The questions, in the comparison's order, with the comments.
    pub items: Vec<AnnotationView>,
}

/// Where the image's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateSource {
    /// The decision's date.
    Decision,
    /// The newest `audited_on` of the audits.
    LatestAudit,
}

/// The date shown on the image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ViewDate {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Where it comes from.
    pub source: DateSource,
}

/// One section of the questionnaire, a column of the heat map.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionColumn {
    /// Section id.
    pub id: String,
    /// Short label.
    pub label: String,
    /// Full title.
    pub title: String,
    /// The section's weight in the comparison.
    pub weight: f64,
}

/// One provider: a row of the ranking, the heat map and the gap bars.
#[derive(Clone, Debug, PartialEq)]
pub struct ProviderRow {
    /// The provider's name.
    pub name: String,
    /// Index of the audit in the workspace.
    pub audit: usize,
    /// The audit's path as loaded.
    pub path: String,
    /// The audit's file name.
    pub file: String,
    /// 1-based rank.
    pub rank: usize,
    /// Score from 0 to 100.
    pub score: f64,
    /// Gaps over all sections, by cause, and answers annotated Weak.
    pub gaps: GapCounts,
    /// Answers annotated `FollowUp`.
    pub follow_ups: usize,
    /// Share of in-scope questions with a verdict, 0 to 1.
    pub coverage: f64,
    /// Must-have questions not met: the provider is knocked out.
    pub knocked_out_by: Vec<String>,
    /// Must-have questions not met but accepted as a known risk.
    pub waived: Vec<String>,
    /// True for the provider the decision chose.
    pub chosen: bool,
    /// When the audit was done, as written in it.
    pub audited_on: Option<String>,
    /// Who did the audit.
    pub auditor: String,
    /// Answers that have text and no verdict yet: to be judged.
    pub to_judge: usize,
    /// Verdicts that are the provider's self-assessment accepted as given.
    pub self_assessed: usize,
    /// One cell per section, in questionnaire order.
    pub sections: Vec<SectionCell>,
    /// The audit's evidence documents, checked against their SHA-256 when loaded and, for
    /// expiry, against the view's date (so that the output does not depend on the day it
    /// is made).
    pub documents: Vec<DocumentCheck>,
}

impl ProviderRow {
    /// True when a must-have question knocks the provider out.
    #[must_use]
    pub fn knocked_out(&self) -> bool {
        !self.knocked_out_by.is_empty()
    }
}

/// One provider in one section: a heat-map cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectionCell {
    /// Score from 0 to 100; `None` when nothing in the section is scored.
    pub score: Option<f64>,
    /// Gaps by cause.
    pub gaps: GapCounts,
    /// Questions in scope.
    pub in_scope: usize,
    /// Of those, how many have a verdict.
    pub asked: usize,
}

/// The decision recorded in the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionView {
    /// The chosen provider.
    pub provider: String,
    /// Why.
    pub rationale: String,
    /// Who decided.
    pub decided_by: String,
    /// When, as written.
    pub decided_on: String,
    /// False when no loaded audit has the chosen provider's name.
    pub provider_loaded: bool,
    /// What it was based on, as recorded when it was taken (weights, must-haves, every
    /// provider's score, the audits' SHA-256), if it was recorded.
    pub basis: Option<crate::model::DecisionBasis>,
}

/// A question, by id and plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionRef {
    /// The question id.
    pub id: String,
    /// Its text as plain text (empty when the id is unknown).
    pub text: String,
    /// The label of its section (empty when the id is unknown).
    pub section: String,
    /// The id of its section (empty when the id is unknown).
    pub section_id: String,
}

/// One annotation of the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnotationView {
    /// Provider name, as in the audit.
    pub provider: String,
    /// The question annotated.
    pub question: QuestionRef,
    /// Weak, follow-up or accepted.
    pub flag: Option<Flag>,
    /// The verdict that replaces the audit's, if any.
    pub verdict: Option<Verdict>,
    /// The audit's own verdict, when the provider's audit is loaded.
    pub audit_verdict: Option<Verdict>,
    /// Free text.
    pub comment: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: String,
}

/// What an input file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    /// The comparison file.
    Comparison,
    /// An audit.
    Audit,
}

/// One input file and its hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputFile {
    /// Comparison or audit.
    pub kind: InputKind,
    /// The file name.
    pub name: String,
    /// The path as loaded.
    pub path: String,
    /// SHA-256, lowercase hex.
    pub sha256: String,
    /// For audits, the provider's name.
    pub provider: Option<String>,
}

/// An audit changed since the comparison recorded it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriftView {
    /// The audit path as the comparison lists it.
    pub listed_path: String,
    /// The hash the comparison recorded.
    pub recorded: String,
    /// The hash now; `None` when the file is gone.
    pub current: Option<String>,
}

fn provider_row(
    score: &ProviderScore,
    loaded: &crate::workspace::LoadedAudit,
    decision: Option<&DecisionView>,
    documents: Vec<DocumentCheck>,
) -> ProviderRow {
    let ids =
        |ids: &[crate::model::QuestionId]| ids.iter().map(|id| id.as_str().to_owned()).collect();
    ProviderRow {
        name: score.provider.clone(),
        audit: score.audit,
        path: loaded.path.display().to_string(),
        file: file_name(&loaded.path),
        rank: score.rank,
        score: score.score,
        gaps: score.gaps,
        follow_ups: score.follow_ups,
        coverage: score.coverage,
        knocked_out_by: ids(&score.knocked_out_by),
        waived: ids(&score.waived),
        chosen: decision.is_some_and(|d| d.provider == score.provider),
        audited_on: loaded.audit.audited_on.clone(),
        auditor: loaded.audit.auditor.clone(),
        to_judge: loaded
            .audit
            .answers
            .iter()
            .filter(|(_, a)| a.verdict.is_none() && a.has_content())
            .count(),
        self_assessed: loaded
            .audit
            .answers
            .iter()
            .filter(|(_, a)| {
                a.verdict.is_some() && a.provenance == crate::model::Provenance::SelfAssessed
            })
            .count(),
        sections: score
            .sections
            .iter()
            .map(|s| SectionCell {
                score: s.score.map(|value| value * 100.0),
                gaps: s.gaps,
                in_scope: s.in_scope,
                asked: s.asked,
            })
            .collect(),
        documents,
    }
}

/// The documents as checked at load, with expiry judged on `date` (none expired without
/// a date, so that the output does not depend on the day it is made).
fn documents_on(checked: &[DocumentCheck], date: Option<Date>) -> Vec<DocumentCheck> {
    checked
        .iter()
        .map(|document| DocumentCheck {
            expired: match (document.expires, date) {
                (Some(expires), Some(date)) => expires < date,
                _ => false,
            },
            ..document.clone()
        })
        .collect()
}

fn cells_of(
    questionnaire: &Questionnaire,
    audit: &crate::model::Audit,
    comparison: &crate::model::Comparison,
) -> Vec<Cell> {
    statuses(questionnaire, audit, comparison)
        .into_iter()
        .zip(&questionnaire.items)
        .map(|(status, item)| {
            let annotation = comparison.annotation(&audit.provider, item.id.as_str());
            let overridden = annotation.is_some_and(|a| a.verdict.is_some());
            Cell {
                status,
                flag: annotation.and_then(|a| a.flag),
                overridden,
                annotated: annotation.is_some(),
                self_assessed: !overridden
                    && audit.answer(item.id.as_str()).is_some_and(|a| {
                        a.verdict.is_some()
                            && a.provenance == crate::model::Provenance::SelfAssessed
                    }),
            }
        })
        .collect()
}

fn follow_up_lists(ranking: &[ProviderScore], annotations: &[AnnotationView]) -> Vec<FollowUpList> {
    ranking
        .iter()
        .filter_map(|score| {
            let items: Vec<AnnotationView> = annotations
                .iter()
                .filter(|a| a.provider == score.provider && a.flag == Some(Flag::FollowUp))
                .cloned()
                .collect();
            (!items.is_empty()).then(|| FollowUpList {
                provider: score.provider.clone(),
                items,
            })
        })
        .collect()
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

pub(crate) fn question_ref(questionnaire: &Questionnaire, id: &str) -> QuestionRef {
    let item = questionnaire.item(id);
    QuestionRef {
        id: id.to_owned(),
        text: item.map_or_else(String::new, |item| crate::export::text::plain(&item.text)),
        section: item.map_or_else(String::new, |item| {
            questionnaire.sections[item.section].label.clone()
        }),
        section_id: item.map_or_else(String::new, |item| {
            questionnaire.sections[item.section].id.as_str().to_owned()
        }),
    }
}

/// What a view is derived from: the loaded files with the comparison in force, each
/// audit's evidence documents as checked at load, and whether there are unsaved edits.
#[derive(Clone, Copy, Debug)]
pub struct ViewInput<'a> {
    /// The questionnaire.
    pub questionnaire: &'a Questionnaire,
    /// Audits, comparison, findings and drift.
    pub workspace: &'a Workspace,
    /// Each audit's documents (indices as in the workspace); empty lists where not checked.
    pub evidence: &'a [Vec<DocumentCheck>],
    /// True when the comparison has edits not saved yet.
    pub unsaved: bool,
}

impl ComparisonView {
    /// Derives the view: scores and ranks the audits, and gathers what every output shows.
    #[must_use]
    pub fn derive(input: ViewInput<'_>) -> Self {
        let ViewInput {
            questionnaire,
            workspace,
            evidence,
            unsaved,
        } = input;
        let ranking = workspace.ranking(questionnaire);
        let comparison = workspace.comparison();
        let decision_view = |d: &crate::model::Decision| DecisionView {
            provider: d.provider.clone(),
            rationale: d.rationale.trim().to_owned(),
            decided_by: d.decided_by.trim().to_owned(),
            decided_on: d.decided_on.trim().to_owned(),
            provider_loaded: workspace
                .audits
                .iter()
                .any(|a| a.audit.provider == d.provider),
            basis: d.basis.clone(),
        };
        let decision = comparison.decision.as_ref().map(decision_view);
        let superseded = comparison.superseded.iter().map(decision_view).collect();
        let date = view_date(workspace, decision.as_ref());
        let reference_date = date.as_ref().and_then(|d| Date::parse(&d.date));
        let providers = ranking
            .iter()
            .filter_map(|score| {
                let loaded = workspace.audits.get(score.audit)?;
                let documents = documents_on(
                    evidence.get(score.audit).map_or(&[], Vec::as_slice),
                    reference_date,
                );
                Some(provider_row(score, loaded, decision.as_ref(), documents))
            })
            .collect();
        let cells = ranking
            .iter()
            .map(|score| {
                workspace
                    .audits
                    .get(score.audit)
                    .map_or_else(Vec::new, |loaded| {
                        cells_of(questionnaire, &loaded.audit, comparison)
                    })
            })
            .collect();
        let annotations: Vec<AnnotationView> = comparison
            .annotations
            .iter()
            .map(|a| AnnotationView {
                provider: a.provider.clone(),
                question: question_ref(questionnaire, a.question.as_str()),
                flag: a.flag,
                verdict: a.verdict,
                audit_verdict: workspace
                    .audits
                    .iter()
                    .find(|loaded| loaded.audit.provider == a.provider)
                    .and_then(|loaded| loaded.audit.answer(a.question.as_str()))
                    .and_then(|answer| answer.verdict),
                comment: a.comment.trim().to_owned(),
                author: a.author.trim().to_owned(),
                at: a.at.trim().to_owned(),
            })
            .collect();
        let follow_up_lists = follow_up_lists(&ranking, &annotations);
        let decision_status = decision::status(questionnaire, workspace, &ranking);
        let names: Vec<&str> = ranking.iter().map(|s| s.provider.as_str()).collect();
        let histories = history::histories(questionnaire, workspace, &names);
        let ownership = ownership::rows(questionnaire, workspace, &ranking);
        Self {
            title: questionnaire.title_with_version(),
            date,
            comparison_file: workspace.comparison.as_ref().map(|c| file_name(&c.path)),
            sections: questionnaire
                .sections
                .iter()
                .map(|s| SectionColumn {
                    id: s.id.as_str().to_owned(),
                    label: s.label.clone(),
                    title: s.title.clone(),
                    weight: comparison.section_weight(s.id.as_str()),
                })
                .collect(),
            providers,
            decision,
            superseded,
            must_have: comparison
                .must_have
                .iter()
                .map(|id| question_ref(questionnaire, id.as_str()))
                .collect(),
            question_weights: comparison
                .question_weights
                .iter()
                .filter(|(_, weight)| (**weight - 1.0).abs() > f64::EPSILON)
                .map(|(id, weight)| (question_ref(questionnaire, id.as_str()), *weight))
                .collect(),
            annotations,
            inputs: inputs(workspace),
            drift: workspace
                .drift
                .iter()
                .map(|d| DriftView {
                    listed_path: d.listed_path.clone(),
                    recorded: d.recorded.trim().to_owned(),
                    current: d.current.clone(),
                })
                .collect(),
            not_loaded: not_loaded(workspace),
            sensitivity: sensitivity(questionnaire, comparison, &ranking),
            cells,
            ranking,
            follow_up_lists,
            decision_status,
            unsaved,
            histories,
            ownership,
        }
    }

    /// The derived view of `workspace` as the command line loads it: evidence checked on
    /// `today`, nothing unsaved.
    #[must_use]
    pub fn of_workspace(questionnaire: &Questionnaire, workspace: &Workspace, today: Date) -> Self {
        let evidence: Vec<Vec<DocumentCheck>> = workspace
            .audits
            .iter()
            .map(|loaded| crate::evidence::check_documents(&loaded.audit, &loaded.path, today))
            .collect();
        Self::derive(ViewInput {
            questionnaire,
            workspace,
            evidence: &evidence,
            unsaved: false,
        })
    }

    /// The cell of the provider in column `column` (rank order) for item `item`.
    #[must_use]
    pub fn cell(&self, column: usize, item: usize) -> Option<Cell> {
        self.cells.get(column)?.get(item).copied()
    }

    /// The provider in first place, when there is one.
    #[must_use]
    pub fn leader(&self) -> Option<&ProviderRow> {
        self.providers.first()
    }

    /// Answers annotated Weak, over all providers.
    #[must_use]
    pub fn weak_answers(&self) -> usize {
        self.providers.iter().map(|p| p.gaps.weak).sum()
    }

    /// Answers flagged for a follow-up, over all providers.
    #[must_use]
    pub fn follow_ups(&self) -> usize {
        self.providers.iter().map(|p| p.follow_ups).sum()
    }

    /// True when every section weight is 1.
    #[must_use]
    pub fn equal_weights(&self) -> bool {
        self.sections
            .iter()
            .all(|s| (s.weight - 1.0).abs() <= f64::EPSILON)
    }
}

fn view_date(workspace: &Workspace, decision: Option<&DecisionView>) -> Option<ViewDate> {
    if let Some(date) = decision.and_then(|d| Date::parse(&d.decided_on)) {
        return Some(ViewDate {
            date: date.to_string(),
            source: DateSource::Decision,
        });
    }
    workspace
        .audits
        .iter()
        .filter_map(|a| a.audit.audited_on.as_deref().and_then(Date::parse))
        .max()
        .map(|date| ViewDate {
            date: date.to_string(),
            source: DateSource::LatestAudit,
        })
}

fn inputs(workspace: &Workspace) -> Vec<InputFile> {
    let mut inputs: Vec<InputFile> = workspace
        .comparison
        .iter()
        .map(|c| InputFile {
            kind: InputKind::Comparison,
            name: file_name(&c.path),
            path: c.path.display().to_string(),
            sha256: c.sha256.clone(),
            provider: None,
        })
        .chain(
            workspace
                .audits
                .iter()
                .chain(&workspace.history)
                .map(|a| InputFile {
                    kind: InputKind::Audit,
                    name: file_name(&a.path),
                    path: a.path.display().to_string(),
                    sha256: a.sha256.clone(),
                    provider: Some(a.audit.provider.clone()),
                }),
        )
        .collect();
    // Independent of the order the files were named in.
    inputs.sort_by(|a, b| {
        (a.kind, &a.name, &a.sha256, &a.path).cmp(&(b.kind, &b.name, &b.sha256, &b.path))
    });
    inputs
}

fn not_loaded(workspace: &Workspace) -> Vec<String> {
    let loaded: Vec<&Path> = workspace
        .audits
        .iter()
        .map(|a| a.path.as_path())
        .chain(workspace.comparison.iter().map(|c| c.path.as_path()))
        .collect();
    let mut names: Vec<String> = workspace
        .findings
        .iter()
        .filter(|f| f.is_error() && !loaded.contains(&f.path.as_path()))
        .map(|f| file_name(&f.path))
        .collect();
    names.sort();
    names.dedup();
    names
}
