//! provider-audit-core: the domain core of provider-audit, shared by the command line and
//! the desktop app. It has no UI dependency: egui, eframe, winit and rfd are not in its
//! dependency tree, so the compiler keeps the boundary.
//!
//! - [`model`]: the questionnaire, audits, comparisons and their file formats;
//! - [`validate`]: reading files and collecting every finding with file, line and column;
//! - [`scoring`]: the one scoring formula, gaps, knock-outs and the ranking;
//! - [`workspace`]: loading a set of audit and comparison files into one consistent view;
//! - [`compare`]: the meeting's edits, the sensitivity of the ranking, saving comparisons;
//! - [`session`]: the meeting's state in one place: files, edits with undo and redo, saving,
//!   the one guarded path for closing, replacing and writing documents, crash recovery;
//! - [`text`]: the Markdown of items as segments and as plain text (one parser for all);
//! - [`undo`]: the edit history (undo, redo, the saved point) below every document and editor;
//! - [`evidence`]: the evidence documents, their hashes and expiry;
//! - [`palette`]: the colours of the app and the exported image, light and dark;
//! - [`view`]: the one derived view of a comparison that every output renders;
//! - [`caiq`]: a provider's completed CSA CAIQ v4 workbook read as a questionnaire and an audit;
//! - [`workbook`]: the questionnaire as a spreadsheet for providers, and their answers read back;
//! - [`export`]: the comparison image (PNG, SVG), the section matrix, the text report and the
//!   meeting's record as one PDF/A document;
//! - [`labels`]: counted nouns, weights, flag and status words, text cut between grapheme
//!   clusters, and the one sanitiser for text from users' files;
//! - [`history`]: re-audits: what changed between two audits of one provider;
//! - [`interview`]: filling in and judging an audit: its edits, its editor, where to go next;
//! - [`questionnaire_choice`]: which questionnaire a set of files is read against;
//! - [`questionnaire_import`]: a questionnaire of one's own from a Markdown checklist;
//! - [`ops`]: the use cases both front ends run (new audit, workbook, import, exports),
//!   with typed requests and errors;
//! - [`fsutil`]: bounded reads and atomic writes;
//! - [`template`]: the canonical layout of an audit file (`provider-audit new` and the app);
//! - [`audit_file`]: saving an audit in that layout, never over an outside edit;
//! - [`synthetic`]: deterministic synthetic audits for benchmarks and load tests.

pub mod audit_file;
pub mod caiq;
pub mod compare;
pub mod due;
pub mod evidence;
pub mod export;
pub mod fsutil;
mod hash;
pub mod history;
pub mod interview;
pub mod labels;
pub mod merge;
pub mod model;
pub mod ops;
pub mod palette;
pub mod parallel;
pub mod questionnaire_choice;
pub mod questionnaire_import;
pub mod scoring;
pub mod session;
pub mod signoff;
pub mod synthetic;
pub mod template;
pub mod text;
pub mod undo;
pub mod validate;
pub mod view;
pub mod workbook;
pub mod workspace;
