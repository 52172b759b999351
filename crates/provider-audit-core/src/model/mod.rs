//! The domain model: questionnaire, audit, comparison and the small types they share.
//!
//! Pure data and parsing; no file system access beyond what callers hand in, no UI.

mod audit;
mod comparison;
pub mod date;
mod ids;
pub mod markdown;
mod questionnaire;
mod questionnaire_file;
mod verdict;
pub mod versions;

pub use audit::{Answer, AnswerMap, Audit, Claim, EvidenceDocument, Ownership, Provenance, Scope};
pub use comparison::{
    Annotation, AuditRef, BasisScore, Comparison, Decision, DecisionBasis, Flag, MAX_WEIGHT,
};
pub use date::Date;
pub use ids::{QuestionId, SectionId, is_valid_id};
pub use questionnaire::{
    BUILTIN_QUESTIONNAIRE_ID, Condition, Item, ItemKind, KNOWN_SCOPE_TAGS, MAX_DEPTH,
    Questionnaire, QuestionnaireError, Section,
};
pub use questionnaire_file::{ItemFile, QuestionnaireFile, SectionFile};
pub use verdict::Verdict;

/// The RON options every file of the product is read and written with.
///
/// `implicit_some` lets optional fields be written as bare values (`verdict: Meets`, not
/// `verdict: Some(Meets)`), as the file formats in the specification show them.
#[must_use]
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
