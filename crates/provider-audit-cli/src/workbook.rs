//! `provider-audit workbook` (the questionnaire as a spreadsheet for a provider) and
//! `provider-audit import` (the provider's answers read back into an audit).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use provider_audit_core::model::{Audit, Date, Questionnaire};
use provider_audit_core::ops::{self, ImportAnswers, OpsError};
use provider_audit_core::workbook::Request;

use super::{EXIT_COULD_NOT_RUN, EXIT_OK};
use crate::output::{Io, say};

/// The arguments of `workbook`.
#[derive(Debug, Args)]
pub struct WorkbookArgs {
    /// The provider asked to answer (named in the title and kept for the import).
    #[arg(long)]
    provider: Option<String>,
    /// Who sends it, named in the title.
    #[arg(long)]
    sender: Option<String>,
    /// Pre-fill the answers, evidence and comments from this audit (a re-audit).
    #[arg(long, value_name = "AUDIT")]
    from: Option<PathBuf>,
    /// The workbook to write (.xlsx); never overwritten.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
}

/// The arguments of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The provider's answers: .xlsx, .xls, .ods or .csv (`id,question,answer,evidence,comment`).
    #[arg(value_name = "FILE")]
    input: PathBuf,
    /// The audit to write; never overwritten.
    #[arg(short, long, value_name = "AUDIT")]
    output: PathBuf,
    /// The provider's name (default: the one the workbook was made for).
    #[arg(long)]
    provider: Option<String>,
    /// Fill in this existing audit: unchanged answers keep their verdict.
    #[arg(long, value_name = "AUDIT")]
    merge: Option<PathBuf>,
    /// Read a workbook of another questionnaire (or version), matching rows by their text.
    #[arg(long)]
    force: bool,
}

impl WorkbookArgs {
    /// The audit named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.from.iter().cloned().collect()
    }
}

impl ImportArgs {
    /// The audit named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.merge.iter().cloned().collect()
    }
}

/// Reads an audit without errors, or says why.
fn read_audit(path: &Path, questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<Audit> {
    let workspace = provider_audit_core::workspace::Workspace::load(
        &[path.to_path_buf()],
        questionnaire,
        Date::today(),
    );
    for finding in workspace.findings.iter().filter(|f| f.is_error()) {
        say!(io, "{finding}");
    }
    workspace
        .audits
        .into_iter()
        .next()
        .map(|loaded| loaded.audit)
        .with_context(|| format!("{} cannot be used: see its errors", path.display()))
}

/// Runs `workbook`.
pub fn run_workbook(
    args: &WorkbookArgs,
    questionnaire: &Questionnaire,
    io: &mut Io,
) -> anyhow::Result<u8> {
    let from = args
        .from
        .as_deref()
        .map(|path| read_audit(path, questionnaire, io))
        .transpose()?;
    let provider = args
        .provider
        .as_deref()
        .or(from.as_ref().map(|a| a.provider.as_str()));
    ops::send_workbook(
        questionnaire,
        Request {
            provider,
            sender: args.sender.as_deref(),
            from: from.as_ref(),
        },
        &args.output,
    )?;
    say!(io, "wrote {}", args.output.display());
    Ok(EXIT_OK)
}

/// Runs `import`: exit 2 when nothing could be imported (nothing is written then).
pub fn run_import(
    args: &ImportArgs,
    questionnaire: &Questionnaire,
    io: &mut Io,
) -> anyhow::Result<u8> {
    let merge = args
        .merge
        .as_deref()
        .map(|path| read_audit(path, questionnaire, io))
        .transpose()?;
    let imported = match ops::import_answers(ImportAnswers {
        questionnaire,
        input: &args.input,
        provider: args.provider.as_deref(),
        merge,
        force: args.force,
        today: Date::today(),
    }) {
        Ok(imported) => imported,
        Err(OpsError::NoProvider { path }) => {
            say!(
                io,
                "provider-audit: error: {}: the workbook names no provider: give one with --provider",
                path.display()
            );
            return Ok(EXIT_COULD_NOT_RUN);
        }
        Err(err) => {
            say!(io, "provider-audit: error: {err}");
            return Ok(EXIT_COULD_NOT_RUN);
        }
    };
    for line in &imported.log {
        say!(io, "{line}");
    }
    ops::write_new(&args.output, imported.text.as_bytes())?;
    say!(
        io,
        "wrote {}: {} answers to judge",
        args.output.display(),
        imported.answers
    );
    Ok(EXIT_OK)
}
