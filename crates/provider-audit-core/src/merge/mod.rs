//! The semantic three-way merge of comparison and audit files (the git merge driver's
//! core): entries are matched by meaning (annotations by provider and question, weights by
//! section, answers by question id) and merged field by field. A field both sides changed
//! differently becomes a conflict entry in the file (`conflicts: [...]`), never conflict
//! markers; the file stays valid RON that every reader loads. Comments, header and entry
//! order are kept as the app's save keeps them (our side's).
//!
//! Pure functions over text and the model; no file system, no UI, no clock.

mod audit;
mod comparison;
mod resolve;
mod text;
pub(crate) mod three_way;

pub use audit::merge_audits;
pub use comparison::merge_comparisons;
pub use resolve::{Resolution, ResolveError, resolve_audit, resolve_comparison};
pub use text::{MergeError, MergedFile, MergedText, Side, merge_texts};
pub use three_way::{ValueError, parse as parse_value, value_text};

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
