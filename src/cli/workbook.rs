//! `provider-audit workbook` (the questionnaire as a spreadsheet for a provider) and
//! `provider-audit import` (the provider's answers read back into an audit).

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::Args;
use provider_audit::fsutil;
use provider_audit::model::{Audit, Date, Questionnaire};
use provider_audit::workbook::{self, Request};

use super::{EXIT_COULD_NOT_RUN, EXIT_OK};

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
fn read_audit(path: &Path, questionnaire: &Questionnaire) -> anyhow::Result<Audit> {
    let workspace = provider_audit::workspace::Workspace::load(
        &[path.to_path_buf()],
        questionnaire,
        Date::today(),
    );
    for finding in workspace.findings.iter().filter(|f| f.is_error()) {
        eprintln!("{finding}");
    }
    workspace
        .audits
        .into_iter()
        .next()
        .map(|loaded| loaded.audit)
        .with_context(|| format!("{} cannot be used: see its errors", path.display()))
}

/// Runs `workbook`.
pub fn run_workbook(args: &WorkbookArgs, questionnaire: &Questionnaire) -> anyhow::Result<u8> {
    let from = args
        .from
        .as_deref()
        .map(|path| read_audit(path, questionnaire))
        .transpose()?;
    let provider = args
        .provider
        .as_deref()
        .or(from.as_ref().map(|a| a.provider.as_str()));
    let bytes = workbook::write(
        questionnaire,
        Request {
            provider,
            sender: args.sender.as_deref(),
            from: from.as_ref(),
        },
    )?;
    write_new(&args.output, &bytes)?;
    eprintln!("wrote {}", args.output.display());
    Ok(EXIT_OK)
}

/// Runs `import`: exit 2 when nothing could be imported (nothing is written then).
pub fn run_import(args: &ImportArgs, questionnaire: &Questionnaire) -> anyhow::Result<u8> {
    let imported = match workbook::read(&args.input, questionnaire, args.force) {
        Ok(imported) => imported,
        Err(err) => {
            eprintln!("provider-audit: error: {err}");
            return Ok(EXIT_COULD_NOT_RUN);
        }
    };
    let merge = args
        .merge
        .as_deref()
        .map(|path| read_audit(path, questionnaire))
        .transpose()?;
    let provider = args
        .provider
        .clone()
        .or_else(|| merge.as_ref().map(|a| a.provider.clone()))
        .or_else(|| imported.provider.clone());
    let Some(provider) = provider else {
        eprintln!(
            "provider-audit: error: {}: the workbook names no provider: give one with --provider",
            args.input.display()
        );
        return Ok(EXIT_COULD_NOT_RUN);
    };
    let result = workbook::imported_audit(
        questionnaire,
        &imported,
        &args.input,
        &provider,
        merge,
        Date::today(),
    );
    for line in &result.log {
        eprintln!("{line}");
    }
    let text = result.text;
    write_new(&args.output, text.as_bytes())?;
    eprintln!(
        "wrote {}: {} answers to judge",
        args.output.display(),
        imported.rows.len()
    );
    Ok(EXIT_OK)
}

/// Writes a new file, never over an existing one.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    match fsutil::write_new_atomic(path, bytes) {
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => anyhow::bail!(
            "{} already exists; choose another file name",
            path.display()
        ),
        written => written.with_context(|| format!("cannot write {}", path.display())),
    }
}
