//! `provider-audit new --provider NAME [-o FILE]`: a blank audit.

use std::path::Path;

use provider_audit_core::model::{Date, Questionnaire, Scope};
use provider_audit_core::ops::{self, NewAudit};

use super::EXIT_OK;
use crate::output::{Io, say};

/// Writes the blank audit to `output` (never overwriting a file) or standard output.
pub fn run(
    questionnaire: &Questionnaire,
    provider: &str,
    output: Option<&Path>,
    io: &mut Io,
) -> anyhow::Result<u8> {
    let text = ops::new_audit_text(&NewAudit {
        questionnaire,
        provider,
        auditor: "",
        date: Date::today(),
        scope: Scope::Managed,
    })?;
    match output {
        None => io.print(&text)?,
        Some(path) => {
            ops::write_new(path, text.as_bytes())?;
            say!(io, "wrote {}", path.display());
        }
    }
    Ok(EXIT_OK)
}
