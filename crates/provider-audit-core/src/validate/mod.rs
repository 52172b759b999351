//! Reading user files and validating them: every finding is collected, with the file,
//! line and column, instead of stopping at the first.
//!
//! Errors make a file unusable (it is not loaded); warnings are reported and the file is
//! used. Nothing here panics on user input, whatever the bytes.

mod audit;
mod comparison;
mod finding;
mod locate;
mod questionnaire;
mod source;

pub use audit::{AuditContext, check_audit};
pub use comparison::check_comparison;
pub use finding::{Finding, Position, Severity};
pub use locate::Locator;
pub use questionnaire::check_questionnaire;
pub use source::{FileKind, SourceFile, classify, classify_text, read_listed_source, read_source};
