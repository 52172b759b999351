//! `provider-audit check FILE...`: every finding, one per line.

use std::fmt::Write as _;
use std::path::PathBuf;

use provider_audit_core::labels::plural;
use provider_audit_core::model::{Date, Questionnaire};
use provider_audit_core::validate::Severity;
use provider_audit_core::workspace::Workspace;

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::output::{Io, say};

/// Runs `check`; exit code 1 when any finding is an error.
pub fn run(files: &[PathBuf], questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<u8> {
    let workspace = Workspace::load(files, questionnaire, Date::today());
    let mut text = String::new();
    for finding in &workspace.findings {
        let _ = writeln!(text, "{finding}");
    }
    io.print(&text)?;
    let errors = workspace
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = workspace.findings.len() - errors;
    let audits = workspace.audits.len() + workspace.history.len();
    for notice in workspace.history_notices() {
        say!(
            io,
            "note: {}",
            provider_audit_core::labels::one_line(&notice)
        );
    }
    say!(
        io,
        "{} loaded, {}, {}",
        plural(audits, "audit"),
        plural(errors, "error"),
        plural(warnings, "warning")
    );
    // Merge conflicts are warnings (the files are used), but `check` fails while any remain.
    let conflicts = workspace.comparison().conflicts.len()
        + workspace
            .audits
            .iter()
            .chain(&workspace.history)
            .map(|a| a.audit.conflicts.len())
            .sum::<usize>();
    if conflicts > 0 {
        eprintln!("{} not resolved", plural(conflicts, "merge conflict"));
    }
    Ok(if errors > 0 || conflicts > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
