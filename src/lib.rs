//! provider-audit: compare completed infrastructure provider audits side by side.
//!
//! The library is the domain core shared by the command line and the desktop app:
//! - [`model`]: the questionnaire, audits, comparisons and their file formats;
//! - [`validate`]: reading files and collecting every finding with file, line and column;
//! - [`scoring`]: the one scoring formula, gaps, knock-outs and the ranking;
//! - [`workspace`]: loading a set of audit and comparison files into one consistent view;
//! - [`compare`]: the meeting's edits, the sensitivity of the ranking, saving comparisons;
//! - [`evidence`]: the evidence documents, their hashes and expiry;
//! - [`palette`]: the colours of the app and the exported image, light and dark;
//! - [`export`]: the comparison image (PNG, SVG), the section matrix and the text report;
//! - [`fsutil`]: bounded reads and atomic writes;
//! - [`synthetic`]: deterministic synthetic audits for benchmarks and load tests.
//!
//! None of these modules depends on egui, eframe or rfd; `tests/architecture.rs` fails when one does.
//! The desktop app lives apart, in [`app`]: it draws the core's results and emits commands.

pub mod app;
pub mod compare;
pub mod evidence;
pub mod export;
pub mod fsutil;
pub mod model;
pub mod palette;
pub mod scoring;
pub mod synthetic;
pub mod template;
pub mod validate;
pub mod workspace;
