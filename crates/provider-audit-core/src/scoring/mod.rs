//! The one scoring formula of the product, used by the app, the command line and the
//! exports alike.
//!
//! - Value of a verdict: Meets 1, Partial 0.5, Gap 0, `NoAnswer` 0, not asked 0;
//!   `NotApplicable` and out-of-scope questions are left out. An annotation's verdict
//!   override replaces the audit's verdict.
//! - Section score: weighted mean of its questions' values (question weight, default 1).
//! - Provider score: weighted mean of its section scores (section weight, default 1),
//!   from 0 to 100. Sections with nothing to score are left out.
//! - Gaps: questions valued below 1, by cause (Gap, `NoAnswer`, not asked, Partial); answers
//!   annotated Weak are counted beside them.
//! - Must-have: a must-have question in scope whose verdict is not Meets knocks the
//!   provider out, unless the answer is annotated Accepted.
//! - Ranking: providers not knocked out first, then by score, then by fewer gaps, then
//!   by name.
//!
//! Scope: items of a `managed-service` section are out of scope for a `SelfManaged`
//! audit; items tagged `nfs` or `hipaa`, and follow-ups with a condition ("If yes, ...",
//! "If not, ..."), count only when the audit answers them (so that a better answer to the
//! parent can never lower a score by bringing unasked follow-ups in). An evidence document
//! listed in the audit's `documents` counts as Meets unless answered otherwise.

mod status;

use std::cmp::Ordering;

use serde::Serialize;

pub use status::{CellStatus, statuses};

use crate::model::{Audit, Comparison, Flag, QuestionId, Questionnaire, Verdict};

/// Questions valued below 1, by cause, and answers annotated Weak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct GapCounts {
    /// Verdict Gap.
    pub gap: usize,
    /// Verdict `NoAnswer`.
    pub no_answer: usize,
    /// In scope but not asked.
    pub not_asked: usize,
    /// Verdict Partial.
    pub partial: usize,
    /// Answers annotated Weak (counted apart from the causes above).
    pub weak: usize,
}

impl GapCounts {
    /// Questions valued below 1 (Gap, `NoAnswer`, not asked, Partial).
    #[must_use]
    pub fn total(&self) -> usize {
        self.gap + self.no_answer + self.not_asked + self.partial
    }

    fn add(&mut self, other: &Self) {
        self.gap += other.gap;
        self.no_answer += other.no_answer;
        self.not_asked += other.not_asked;
        self.partial += other.partial;
        self.weak += other.weak;
    }
}

/// One provider's result in one section.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SectionScore {
    /// Index in [`Questionnaire::sections`].
    pub section: usize,
    /// Weighted mean of the values, 0 to 1; `None` when nothing in the section is scored.
    pub score: Option<f64>,
    /// The section's weight.
    pub weight: f64,
    /// Gaps by cause.
    pub gaps: GapCounts,
    /// Questions in scope (scored).
    pub in_scope: usize,
    /// Of those, how many have a verdict.
    pub asked: usize,
}

/// One provider's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProviderScore {
    /// Index of the audit in the slice given to [`rank`].
    pub audit: usize,
    /// The provider's name.
    pub provider: String,
    /// 1-based rank.
    pub rank: usize,
    /// 0 to 100.
    pub score: f64,
    /// Per section, in questionnaire order.
    pub sections: Vec<SectionScore>,
    /// Gaps over all sections.
    pub gaps: GapCounts,
    /// Share of in-scope questions that have a verdict, 0 to 1.
    pub coverage: f64,
    /// Must-have questions not met (and not accepted).
    pub knocked_out_by: Vec<QuestionId>,
    /// Must-have questions not met, but annotated Accepted.
    pub waived: Vec<QuestionId>,
    /// Answers annotated `FollowUp`.
    pub follow_ups: usize,
}

impl ProviderScore {
    /// True when a must-have question knocks the provider out.
    #[must_use]
    pub fn knocked_out(&self) -> bool {
        !self.knocked_out_by.is_empty()
    }
}

/// Scores one audit.
#[must_use]
pub fn score_audit(
    questionnaire: &Questionnaire,
    audit: &Audit,
    comparison: &Comparison,
) -> ProviderScore {
    let statuses = statuses(questionnaire, audit, comparison);
    let mut sections = Vec::with_capacity(questionnaire.sections.len());
    for (number, section) in questionnaire.sections.iter().enumerate() {
        let mut weighted = 0.0;
        let mut total_weight = 0.0;
        let mut gaps = GapCounts::default();
        let mut in_scope = 0;
        let mut asked = 0;
        for index in section.items.clone() {
            let item = &questionnaire.items[index];
            let status = statuses[index];
            let Some(value) = status.value() else {
                continue;
            };
            in_scope += 1;
            if status.is_asked() {
                asked += 1;
            }
            match status {
                CellStatus::NotAsked => gaps.not_asked += 1,
                CellStatus::Rated(Verdict::Gap) => gaps.gap += 1,
                CellStatus::Rated(Verdict::NoAnswer) => gaps.no_answer += 1,
                CellStatus::Rated(Verdict::Partial) => gaps.partial += 1,
                _ => {}
            }
            let weight = comparison.question_weight(item.id.as_str());
            weighted += weight * value;
            total_weight += weight;
        }
        gaps.weak = comparison
            .annotations
            .iter()
            .filter(|a| a.provider == audit.provider && a.flag == Some(Flag::Weak))
            .filter(|a| {
                questionnaire
                    .position(a.question.as_str())
                    .is_some_and(|index| questionnaire.items[index].section == number)
            })
            .count();
        sections.push(SectionScore {
            section: number,
            score: (total_weight > 0.0).then(|| (weighted / total_weight).clamp(0.0, 1.0)),
            weight: comparison.section_weight(section.id.as_str()),
            gaps,
            in_scope,
            asked,
        });
    }
    let mut gaps = GapCounts::default();
    let (mut in_scope, mut asked) = (0, 0);
    for section in &sections {
        gaps.add(&section.gaps);
        in_scope += section.in_scope;
        asked += section.asked;
    }
    let (knocked_out_by, waived) = knock_outs(questionnaire, audit, comparison, &statuses);
    #[expect(
        clippy::cast_precision_loss,
        reason = "question counts are far below 2^52"
    )]
    let coverage = if in_scope == 0 {
        0.0
    } else {
        asked as f64 / in_scope as f64
    };
    ProviderScore {
        audit: 0,
        provider: audit.provider.clone(),
        rank: 0,
        score: provider_score(&sections, |section| section.weight),
        sections,
        gaps,
        coverage,
        knocked_out_by,
        waived,
        follow_ups: comparison
            .annotations
            .iter()
            .filter(|a| a.provider == audit.provider && a.flag == Some(Flag::FollowUp))
            .count(),
    }
}

/// The provider formula's two sums over the scored sections, each weighing
/// `weight_of(section)`: the weighted sum of the section scores and the sum of the weights.
/// Sections with nothing to score are left out.
#[must_use]
pub fn weighted_sums(
    sections: &[SectionScore],
    weight_of: impl Fn(&SectionScore) -> f64,
) -> (f64, f64) {
    let (mut weighted, mut total_weight) = (0.0, 0.0);
    for section in sections {
        if let Some(score) = section.score {
            let weight = weight_of(section);
            weighted += weight * score;
            total_weight += weight;
        }
    }
    (weighted, total_weight)
}

/// A provider's score from its section results, 0 to 100: the weighted mean of the
/// scored sections' scores, each weighing `weight_of(section)`; 0 when nothing weighs.
/// [`score_audit`] uses it with the comparison's weights, the sensitivity of the ranking
/// with one weight changed.
#[must_use]
pub fn provider_score(sections: &[SectionScore], weight_of: impl Fn(&SectionScore) -> f64) -> f64 {
    let (weighted, total_weight) = weighted_sums(sections, weight_of);
    if total_weight > 0.0 {
        // Clamped: floating-point rounding must not show 100.00000000000001.
        (100.0 * weighted / total_weight).clamp(0.0, 100.0)
    } else {
        0.0
    }
}

fn knock_outs(
    questionnaire: &Questionnaire,
    audit: &Audit,
    comparison: &Comparison,
    statuses: &[CellStatus],
) -> (Vec<QuestionId>, Vec<QuestionId>) {
    let mut knocked_out_by = Vec::new();
    let mut waived = Vec::new();
    for id in &comparison.must_have {
        let Some(index) = questionnaire.position(id.as_str()) else {
            continue;
        };
        let status = statuses[index];
        if status.value().is_none() || status == CellStatus::Rated(Verdict::Meets) {
            continue;
        }
        let accepted = comparison
            .annotation(&audit.provider, id.as_str())
            .is_some_and(|a| a.flag == Some(Flag::Accepted));
        if accepted {
            waived.push(id.clone());
        } else {
            knocked_out_by.push(id.clone());
        }
    }
    (knocked_out_by, waived)
}

/// Scores every audit and ranks them: not knocked out first, then by score, then by
/// fewer gaps, then by name. `audit` in each result is the index in `audits`.
#[must_use]
pub fn rank(
    questionnaire: &Questionnaire,
    audits: &[&Audit],
    comparison: &Comparison,
) -> Vec<ProviderScore> {
    let mut scores: Vec<ProviderScore> = audits
        .iter()
        .enumerate()
        .map(|(index, audit)| ProviderScore {
            audit: index,
            ..score_audit(questionnaire, audit, comparison)
        })
        .collect();
    scores.sort_by(compare_for_ranking);
    for (position, score) in scores.iter_mut().enumerate() {
        score.rank = position + 1;
    }
    scores
}

/// The ranking's order: providers not knocked out first, then by higher score, then by
/// fewer gaps, then by name. [`Ordering::Less`] when `a` ranks before `b`.
#[must_use]
pub fn compare_for_ranking(a: &ProviderScore, b: &ProviderScore) -> Ordering {
    compare_with_scores(a, a.score, b, b.score)
}

/// The ranking's order with the scores `a_score` and `b_score` in place of `a.score` and
/// `b.score` (as another weight would make them); the rest as in [`compare_for_ranking`].
#[must_use]
pub fn compare_with_scores(
    a: &ProviderScore,
    a_score: f64,
    b: &ProviderScore,
    b_score: f64,
) -> Ordering {
    a.knocked_out()
        .cmp(&b.knocked_out())
        .then_with(|| b_score.total_cmp(&a_score))
        .then_with(|| a.gaps.total().cmp(&b.gaps.total()))
        .then_with(|| a.provider.cmp(&b.provider))
}

#[cfg(test)]
mod tests;
