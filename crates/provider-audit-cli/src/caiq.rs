//! `provider-audit import caiq`: a cloud provider's completed CSA CAIQ v4 workbook read into
//! an audit (answers unjudged), with the questionnaire it answers written beside it unless
//! that version is there already. Writes only to the `out`/`err` writers it is given.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::{Args, Subcommand};
use provider_audit_core::caiq;
use provider_audit_core::fsutil;
use provider_audit_core::labels::one_line;
use provider_audit_core::model::{Date, Questionnaire};

use super::workbook;
use super::{EXIT_COULD_NOT_RUN, EXIT_OK};

/// The arguments of `import`: a provider's answers to our questionnaire (`import FILE`), or
/// a CAIQ (`import caiq FILE`).
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct ImportCommand {
    /// What kind of file, when it is not a workbook of our questionnaire.
    #[command(subcommand)]
    pub kind: Option<ImportKind>,
    /// The workbook or CSV file of our questionnaire.
    #[command(flatten)]
    pub workbook: Option<workbook::ImportArgs>,
}

impl ImportCommand {
    /// The audit named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.workbook
            .as_ref()
            .map(workbook::ImportArgs::named_files)
            .unwrap_or_default()
    }
}

/// The kinds of `import`.
#[derive(Debug, Subcommand)]
pub enum ImportKind {
    /// Read a provider's completed CSA CAIQ v4 workbook (.xlsx) into a new audit, unjudged,
    /// and write the questionnaire it answers beside it (`csa-caiq-VERSION.questionnaire.ron`).
    Caiq(CaiqArgs),
}

/// The arguments of `import caiq`.
#[derive(Debug, Args)]
pub struct CaiqArgs {
    /// The provider's CAIQ v4 workbook (.xlsx), as published in the CSA STAR registry or
    /// their trust centre.
    #[arg(value_name = "FILE")]
    pub input: PathBuf,
    /// The audit to write; never overwritten.
    #[arg(short, long, value_name = "AUDIT")]
    pub output: PathBuf,
    /// The provider's name (default: the workbook's file name).
    #[arg(long)]
    pub provider: Option<String>,
}

/// The provider's name from a file name: its stem, `_` as spaces.
fn provider_from_file(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    one_line(&stem.replace('_', " "))
}

/// The questionnaire file of `id` and `version` in `folder`, if there is one.
fn existing_questionnaire(
    folder: &Path,
    id: &str,
    version: &str,
) -> Option<(PathBuf, Questionnaire)> {
    provider_audit_core::questionnaire_choice::questionnaires_beside(folder, id)
        .into_iter()
        .filter(|(_, questionnaire)| questionnaire.version == version)
        .min_by(|a, b| a.0.cmp(&b.0))
}

/// Runs `import caiq`: exit 2 when nothing could be imported (nothing is written then).
///
/// # Errors
/// Only when writing to `out` or `err` fails.
pub fn run(args: &CaiqArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let _ = out;
    let caiq = match caiq::read(&args.input) {
        Ok(caiq) => caiq,
        Err(error) => {
            writeln!(err, "provider-audit: error: {error}")?;
            return Ok(EXIT_COULD_NOT_RUN);
        }
    };
    let provider = match &args.provider {
        Some(provider) if !provider.trim().is_empty() => provider.trim().to_owned(),
        _ => {
            let provider = provider_from_file(&args.input);
            if provider.is_empty() {
                writeln!(
                    err,
                    "provider-audit: error: {}: no provider name in the file name: give one with --provider",
                    args.input.display()
                )?;
                return Ok(EXIT_COULD_NOT_RUN);
            }
            writeln!(
                err,
                "provider: {provider} (from the file name; give another with --provider)"
            )?;
            provider
        }
    };
    let imported = match caiq::import(&caiq, &args.input, &provider, Date::today()) {
        Ok(imported) => imported,
        Err(error) => {
            writeln!(err, "provider-audit: error: {error}")?;
            return Ok(EXIT_COULD_NOT_RUN);
        }
    };
    if args.output.exists() {
        writeln!(
            err,
            "provider-audit: error: {} already exists; choose another file name",
            args.output.display()
        )?;
        return Ok(EXIT_COULD_NOT_RUN);
    }
    for line in &imported.log {
        writeln!(err, "{line}")?;
    }
    let folder = args.output.parent().unwrap_or_else(|| Path::new(""));
    let version = &imported.questionnaire.version;
    let mut written_questionnaire = None;
    if let Some((path, existing)) = existing_questionnaire(folder, caiq::QUESTIONNAIRE_ID, version)
    {
        let missing = imported
            .audit
            .answers
            .iter()
            .filter(|(id, _)| existing.item(id.as_str()).is_none())
            .count();
        writeln!(
            err,
            "questionnaire {} version {version} is there already: {} (kept)",
            caiq::QUESTIONNAIRE_ID,
            path.display()
        )?;
        if missing > 0 {
            writeln!(
                err,
                "note: {missing} answers are to questions {} does not have: `check` will name them",
                path.display()
            )?;
        }
    } else {
        let path = folder.join(&imported.questionnaire_name);
        write_new(&path, imported.questionnaire_text.as_bytes())?;
        writeln!(
            err,
            "wrote {} (the questions of your CAIQ: CSA's text, for your own use only)",
            path.display()
        )?;
        written_questionnaire = Some(path);
    }
    if let Err(error) = write_new(&args.output, imported.audit_text.as_bytes()) {
        if let Some(path) = written_questionnaire {
            let _ = std::fs::remove_file(path);
        }
        return Err(error);
    }
    writeln!(
        err,
        "wrote {}: {} answers of {} to judge (nothing judged yet)",
        args.output.display(),
        imported.audit.answers.len(),
        one_line(&provider)
    )?;
    Ok(EXIT_OK)
}

/// Writes a new file, never over an existing one.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    match fsutil::write_new_atomic(path, bytes) {
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} already exists; choose another file name",
            path.display()
        ),
        written => written.with_context(|| format!("cannot write {}", path.display())),
    }
}
