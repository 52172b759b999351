//! `provider-audit new --provider NAME [-o FILE]`: a blank audit.

use std::path::Path;

use anyhow::Context as _;
use provider_audit::fsutil;
use provider_audit::model::{Date, Questionnaire};
use provider_audit::template::blank_audit;

use super::{EXIT_OK, output};

/// Writes the blank audit to `output` (never overwriting a file) or standard output.
pub fn run(
    questionnaire: &Questionnaire,
    provider: &str,
    output: Option<&Path>,
) -> anyhow::Result<u8> {
    if provider.trim().is_empty() {
        anyhow::bail!("the provider name is empty");
    }
    let text = blank_audit(questionnaire, provider, Date::today());
    match output {
        None => output::print(&text)?,
        Some(path) => {
            match fsutil::write_new_atomic(path, text.as_bytes()) {
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
                    "{} already exists; choose another file name",
                    path.display()
                ),
                written => {
                    written.with_context(|| format!("cannot write {}", path.display()))?;
                }
            }
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(EXIT_OK)
}
