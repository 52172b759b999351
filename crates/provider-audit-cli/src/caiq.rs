//! `provider-audit import caiq`: a cloud provider's completed CSA CAIQ v4 workbook read into
//! an audit (answers unjudged), with the questionnaire it answers written beside it unless
//! that version is there already. Writes only to the `out`/`err` writers it is given.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use provider_audit_core::labels::one_line;
use provider_audit_core::model::Date;
use provider_audit_core::ops;

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

/// Runs `import caiq`: exit 2 when nothing could be imported (nothing is written then).
///
/// # Errors
/// Only when writing to `out` or `err` fails.
pub fn run(args: &CaiqArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let _ = out;
    let imported = match ops::import_caiq(ops::ImportCaiq {
        input: &args.input,
        output: &args.output,
        provider: args.provider.as_deref(),
        today: Date::today(),
    }) {
        Ok(imported) => imported,
        Err(ops::OpsError::NoProvider { path }) => {
            writeln!(
                err,
                "provider-audit: error: {}: no provider name in the file name: give one with --provider",
                path.display()
            )?;
            return Ok(EXIT_COULD_NOT_RUN);
        }
        Err(error) => {
            writeln!(err, "provider-audit: error: {error}")?;
            return Ok(EXIT_COULD_NOT_RUN);
        }
    };
    if imported.provider_from_file {
        writeln!(
            err,
            "provider: {} (from the file name; give another with --provider)",
            imported.provider
        )?;
    }
    for line in &imported.log {
        writeln!(err, "{line}")?;
    }
    let (id, version) = (&imported.questionnaire_id, &imported.questionnaire_version);
    match &imported.questionnaire {
        ops::CaiqQuestionnaire::Kept { path, missing } => {
            writeln!(
                err,
                "questionnaire {id} version {version} is there already: {} (kept)",
                path.display()
            )?;
            if *missing > 0 {
                writeln!(
                    err,
                    "note: {missing} answers are to questions {} does not have: `check` will name them",
                    path.display()
                )?;
            }
        }
        ops::CaiqQuestionnaire::Written(path) => writeln!(
            err,
            "wrote {} (the questions of your CAIQ: CSA's text, for your own use only)",
            path.display()
        )?,
    }
    writeln!(
        err,
        "wrote {}: {} answers of {} to judge (nothing judged yet)",
        imported.audit.display(),
        imported.answers,
        one_line(&imported.provider)
    )?;
    Ok(EXIT_OK)
}
