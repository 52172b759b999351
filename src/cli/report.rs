//! `provider-audit report FILE... [--comparison FILE] [--format markdown|csv] [-o FILE]`:
//! the text report of a comparison.

use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use provider_audit::export::report;
use provider_audit::fsutil;
use provider_audit::model::Questionnaire;

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK, output};

/// Formats of `report`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Markdown, for a Git forge or the minutes.
    Markdown,
    /// CSV (RFC 4180), one record per line, for a spreadsheet.
    Csv,
}

/// The arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Audit and comparison files.
    #[arg(value_name = "FILE", required_unless_present = "comparison")]
    files: Vec<PathBuf>,
    /// A comparison file whose audits, weights, must-haves, annotations and decision apply.
    #[arg(long, value_name = "FILE")]
    comparison: Option<PathBuf>,
    /// Output format [default: csv when the output file ends in .csv, else markdown].
    #[arg(long, value_enum)]
    format: Option<ReportFormat>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

impl ReportArgs {
    /// Every file named: the audits and comparisons, and `--comparison`.
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.files.iter().chain(&self.comparison).cloned().collect()
    }
}

/// Runs `report`: exit code 2 when no audit could be loaded, 1 when some file had an
/// error (the report is still written from the others), 0 otherwise.
pub fn run(args: ReportArgs, questionnaire: &Questionnaire) -> anyhow::Result<u8> {
    let format = args.format.unwrap_or_else(|| {
        let csv = args
            .output
            .as_ref()
            .and_then(|path| path.extension())
            .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
        if csv {
            ReportFormat::Csv
        } else {
            ReportFormat::Markdown
        }
    });
    let Some(session) = super::load_for_output(args.files, args.comparison, questionnaire) else {
        return Ok(EXIT_COULD_NOT_RUN);
    };
    let view = session.view();
    let text = match format {
        ReportFormat::Markdown => report::markdown(view),
        ReportFormat::Csv => report::csv(view)?,
    };
    match &args.output {
        None => output::print(&text)?,
        Some(path) => {
            fsutil::write_atomic(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(if session.workspace().has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
