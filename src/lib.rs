//! provider-audit: compare completed infrastructure provider audits side by side.
//!
//! The domain core lives in the `provider-audit-core` crate (no UI in its dependency
//! tree); its modules are re-exported here so that the app and the command line name
//! them the same way. The desktop app is [`app`]: it draws the core's results and emits
//! commands.

pub use provider_audit_core::{
    audit_file, caiq, compare, evidence, export, fsutil, history, interview, labels, model,
    palette, questionnaire_choice, questionnaire_import, scoring, session, synthetic, template,
    validate, view, workbook, workspace,
};

pub mod app;
