//! Identifier newtypes: question and section ids are never bare strings.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// The stable, human-readable id of a questionnaire item, e.g. `tech.iam.roles-api`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct QuestionId(String);

/// The id of a questionnaire section, e.g. `legal`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SectionId(String);

macro_rules! string_id {
    ($name:ident) => {
        impl $name {
            /// Wraps a string as an id (no validation: see [`is_valid_id`]).
            #[must_use]
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as text.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }
    };
}

string_id!(QuestionId);
string_id!(SectionId);

/// True when `id` is lowercase and dotted: segments of `a-z`, `0-9` and `-`, separated by dots.
#[must_use]
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|segment| {
            !segment.is_empty()
                && segment
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::is_valid_id;

    #[test]
    fn ids_are_lowercase_dotted_segments() {
        assert!(is_valid_id("tech.iam.roles-api"));
        assert!(is_valid_id("collab.on-call.24x7"));
        assert!(!is_valid_id("Tech.iam"));
        assert!(!is_valid_id("tech..iam"));
        assert!(!is_valid_id("tech.iam "));
        assert!(!is_valid_id(""));
    }
}
