//! The auditor's verdict on one answer, and its value in the scoring formula.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The auditor's judgement of a provider's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Verdict {
    /// The answer meets the need.
    Meets,
    /// The answer meets part of the need.
    Partial,
    /// The provider does not meet the need.
    Gap,
    /// Asked, but not answered, or answered evasively.
    NoAnswer,
    /// The question does not apply to this provider; left out of the scores.
    NotApplicable,
}

impl Verdict {
    /// Every verdict, in the order used by legends and charts.
    pub const ALL: [Self; 5] = [
        Self::Meets,
        Self::Partial,
        Self::Gap,
        Self::NoAnswer,
        Self::NotApplicable,
    ];

    /// The value of the verdict in the scoring formula; `None` leaves the question out.
    #[must_use]
    pub fn value(self) -> Option<f64> {
        match self {
            Self::Meets => Some(1.0),
            Self::Partial => Some(0.5),
            Self::Gap | Self::NoAnswer => Some(0.0),
            Self::NotApplicable => None,
        }
    }

    /// The word used in files (`Meets`, `NoAnswer`, ...).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Meets => "Meets",
            Self::Partial => "Partial",
            Self::Gap => "Gap",
            Self::NoAnswer => "NoAnswer",
            Self::NotApplicable => "NotApplicable",
        }
    }

    /// A label for people: "no answer" rather than `NoAnswer`.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Meets => "meets",
            Self::Partial => "partial",
            Self::Gap => "gap",
            Self::NoAnswer => "no answer",
            Self::NotApplicable => "not applicable",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
