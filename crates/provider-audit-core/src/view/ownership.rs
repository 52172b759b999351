//! The shared-responsibility split of the view: per provider and section, how many questions
//! the provider owns, shares with the customer, leaves to a third party or to the customer,
//! or gives no ownership for; and per provider what the customer still owns.

use serde::Serialize;

use super::QuestionRef;
use crate::model::{ItemKind, Ownership, Questionnaire};
use crate::scoring::ProviderScore;
use crate::workspace::Workspace;

/// Questions by who carries them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OwnershipCounts {
    /// CSP-owned.
    pub csp: usize,
    /// Shared between the provider and the customer.
    pub shared: usize,
    /// Outsourced to a third party, or shared between the provider and a third party.
    pub third_party: usize,
    /// Customer-owned.
    pub customer: usize,
    /// No ownership given (or the question not answered).
    pub blank: usize,
}

impl OwnershipCounts {
    /// Counts one question of ownership `ownership`.
    pub fn add(&mut self, ownership: Option<Ownership>) {
        match ownership {
            Some(Ownership::CspOwned) => self.csp += 1,
            Some(Ownership::SharedCspCsc) => self.shared += 1,
            Some(Ownership::ThirdParty | Ownership::SharedCsp3rdParty) => self.third_party += 1,
            Some(Ownership::CscOwned) => self.customer += 1,
            None => self.blank += 1,
        }
    }

    /// All the questions counted.
    #[must_use]
    pub fn total(&self) -> usize {
        self.csp + self.shared + self.third_party + self.customer + self.blank
    }

    /// The counts added up.
    #[must_use]
    pub fn plus(self, other: Self) -> Self {
        Self {
            csp: self.csp + other.csp,
            shared: self.shared + other.shared,
            third_party: self.third_party + other.third_party,
            customer: self.customer + other.customer,
            blank: self.blank + other.blank,
        }
    }
}

/// One question whose control the customer owns or shares, or for which the provider lists
/// customer responsibilities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CustomerPart {
    /// The question.
    pub question: QuestionRef,
    /// Its ownership as the provider gives it.
    pub ownership: Option<Ownership>,
    /// The provider's CSC responsibilities text, on one line.
    pub duties: String,
}

/// One provider's shared-responsibility split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OwnershipRow {
    /// The provider's name.
    pub provider: String,
    /// Counts per section, in questionnaire order.
    pub sections: Vec<OwnershipCounts>,
    /// Counts over all sections.
    pub total: OwnershipCounts,
    /// What the customer still owns, in questionnaire order.
    pub customer_parts: Vec<CustomerPart>,
}

/// The rows, in ranking order; none when no audit gives any ownership or customer duty.
pub(super) fn rows(
    questionnaire: &Questionnaire,
    workspace: &Workspace,
    ranking: &[ProviderScore],
) -> Vec<OwnershipRow> {
    let any = workspace.audits.iter().any(|loaded| {
        loaded
            .audit
            .answers
            .iter()
            .any(|(_, a)| a.ownership.is_some() || !a.customer_duties.trim().is_empty())
    });
    if !any {
        return Vec::new();
    }
    ranking
        .iter()
        .filter_map(|score| {
            let audit = &workspace.audits.get(score.audit)?.audit;
            let mut sections = vec![OwnershipCounts::default(); questionnaire.sections.len()];
            let mut customer_parts = Vec::new();
            for item in &questionnaire.items {
                if item.kind == ItemKind::Heading {
                    continue;
                }
                let answer = audit.answer(item.id.as_str());
                let ownership = answer.and_then(|a| a.ownership);
                sections[item.section].add(ownership);
                let duties = answer
                    .map(|a| crate::labels::one_line(&a.customer_duties))
                    .unwrap_or_default();
                if ownership.is_some_and(Ownership::involves_customer) || !duties.is_empty() {
                    customer_parts.push(CustomerPart {
                        question: super::question_ref(questionnaire, item.id.as_str()),
                        ownership,
                        duties,
                    });
                }
            }
            let total = sections
                .iter()
                .fold(OwnershipCounts::default(), |sum, s| sum.plus(*s));
            Some(OwnershipRow {
                provider: score.provider.clone(),
                sections,
                total,
                customer_parts,
            })
        })
        .collect()
}
