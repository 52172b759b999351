//! `provider-audit check FILE...`: every finding, one per line.

use std::fmt::Write as _;
use std::path::PathBuf;

use provider_audit::labels::plural;
use provider_audit::model::{Date, Questionnaire};
use provider_audit::validate::Severity;
use provider_audit::workspace::Workspace;

use super::{EXIT_FINDINGS, EXIT_OK, output};

/// Runs `check`; exit code 1 when any finding is an error.
pub fn run(files: &[PathBuf], questionnaire: &Questionnaire) -> anyhow::Result<u8> {
    let workspace = Workspace::load(files, questionnaire, Date::today());
    let mut text = String::new();
    for finding in &workspace.findings {
        let _ = writeln!(text, "{finding}");
    }
    output::print(&text)?;
    let errors = workspace
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let warnings = workspace.findings.len() - errors;
    let audits = workspace.audits.len() + workspace.history.len();
    for notice in workspace.history_notices() {
        eprintln!("note: {}", provider_audit::labels::one_line(&notice));
    }
    eprintln!(
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
