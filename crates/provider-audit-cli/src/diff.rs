//! `provider-audit diff OLD NEW`: what changed between two audits of one provider (the
//! yearly review), as text, Markdown or JSON. The core's `history` module does the work.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use provider_audit_core::history::{self, Style};
use provider_audit_core::model::{Audit, Comparison, Date, Questionnaire};
use provider_audit_core::workspace::Workspace;

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::output::{Io, say};

/// Formats of `diff`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum DiffFormat {
    /// Text for the terminal, word changes as `[-old-]{+new+}`.
    Text,
    /// Markdown, word changes as ~~old~~ **new**.
    Markdown,
    /// JSON for scripts.
    Json,
}

/// The arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier audit.
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later audit.
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Score with this comparison's weights and overrides (default weights otherwise).
    #[arg(long, value_name = "FILE")]
    comparison: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    format: DiffFormat,
    /// List the wording changes too (spacing, quotes, dashes, the case of the first
    /// letter), folded into one line otherwise.
    #[arg(long)]
    wording: bool,
}

impl DiffArgs {
    /// The files named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        [&self.old, &self.new]
            .into_iter()
            .chain(&self.comparison)
            .cloned()
            .collect()
    }
}

/// Loads one file alone; its error findings are printed. `None` when it has errors.
fn load_alone(path: &Path, questionnaire: &Questionnaire, io: &mut Io) -> Option<Workspace> {
    let workspace = Workspace::load(&[path.to_path_buf()], questionnaire, Date::today());
    let mut failed = false;
    for finding in workspace.findings.iter().filter(|f| f.path == path) {
        say!(io, "{finding}");
        failed |= finding.is_error();
    }
    (!failed).then_some(workspace)
}

fn audit(path: &Path, questionnaire: &Questionnaire, io: &mut Io) -> Option<Audit> {
    load_alone(path, questionnaire, io)?
        .audits
        .into_iter()
        .next()
        .map(|loaded| loaded.audit)
}

/// Runs `diff`: exit 1 when a file had errors.
pub fn run(args: &DiffArgs, questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<u8> {
    let (old, new) = (
        audit(&args.old, questionnaire, io),
        audit(&args.new, questionnaire, io),
    );
    let comparison = match &args.comparison {
        Some(path) => match load_alone(path, questionnaire, io) {
            Some(workspace) if workspace.comparison.is_some() => workspace.comparison().clone(),
            _ => {
                say!(
                    io,
                    "provider-audit: error: {}: not a comparison that loads",
                    path.display()
                );
                return Ok(EXIT_FINDINGS);
            }
        },
        None => Comparison::default(),
    };
    let (Some(old), Some(new)) = (old, new) else {
        return Ok(EXIT_FINDINGS);
    };
    let diff = history::diff(
        questionnaire,
        (&old, &args.old.display().to_string()),
        (&new, &args.new.display().to_string()),
        &comparison,
    );
    if diff.renamed() {
        say!(
            io,
            "provider-audit: warning: the provider's name differs: `{}` in {}, `{}` in {}",
            old.provider,
            args.old.display(),
            new.provider,
            args.new.display()
        );
    }
    let out = match args.format {
        DiffFormat::Text => history::render_with(&diff, Style::Text, args.wording),
        DiffFormat::Markdown => history::render_with(&diff, Style::Markdown, args.wording),
        DiffFormat::Json => serde_json::to_string_pretty(&diff)? + "\n",
    };
    io.print(&out)?;
    Ok(EXIT_OK)
}
