//! `provider-audit sign --comparison X --name N [--role R]`: records a sign-off of the
//! comparison's decision: name, role, today's date and the SHA-256 of the decision's basis
//! in force. A decision that no longer matches its basis is not signed.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use provider_audit_core::compare::Edit;
use provider_audit_core::model::{Date, Questionnaire};
use provider_audit_core::session::Session;

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK};

/// Arguments of `sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The comparison whose decision is signed (its audits are loaded with it).
    #[arg(long, value_name = "FILE")]
    pub comparison: PathBuf,
    /// Who signs.
    #[arg(long)]
    pub name: String,
    /// In which role.
    #[arg(long, default_value = "")]
    pub role: String,
}

impl SignArgs {
    /// The files named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        vec![self.comparison.clone()]
    }
}

/// Runs `sign`: exit 0 when signed, 1 when the decision cannot be signed, 2 when the
/// comparison cannot be loaded or saved.
///
/// # Errors
/// When writing to `out` or `err` fails.
pub fn run(
    args: &SignArgs,
    questionnaire: &Questionnaire,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let today = Date::today();
    let mut session = Session::open(
        Arc::new(questionnaire.clone()),
        vec![args.comparison.clone()],
        today,
    );
    for finding in session.workspace().findings.iter().filter(|f| f.is_error()) {
        writeln!(err, "{finding}")?;
    }
    if session.workspace().comparison.is_none() {
        writeln!(
            err,
            "provider-audit sign: error: {} could not be loaded as a comparison",
            args.comparison.display()
        )?;
        return Ok(EXIT_COULD_NOT_RUN);
    }
    let sign_off = match session.sign_off(&args.name, &args.role, today) {
        Ok(sign_off) => sign_off,
        Err(error) => {
            writeln!(err, "provider-audit sign: {error}")?;
            return Ok(EXIT_FINDINGS);
        }
    };
    session.edit(Edit::SignOff(sign_off));
    if let Err(error) = session.save() {
        writeln!(err, "provider-audit sign: error: {error}")?;
        return Ok(EXIT_COULD_NOT_RUN);
    }
    if let Some(status) = &session.view().sign_offs {
        writeln!(
            out,
            "{}",
            provider_audit_core::labels::printable(&status.headline())
        )?;
    }
    Ok(EXIT_OK)
}
