//! `provider-audit report FILE... [--comparison FILE] [--format markdown|csv] [-o FILE]`:
//! the text report of a comparison.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use provider_audit_core::model::Questionnaire;
use provider_audit_core::ops::{self, Export};

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK};
use crate::output::{Io, say};

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
pub fn run(args: ReportArgs, questionnaire: &Questionnaire, io: &mut Io) -> anyhow::Result<u8> {
    let csv = match args.format {
        Some(format) => format == ReportFormat::Csv,
        None => args.output.as_deref().is_some_and(ops::is_csv),
    };
    let Some(session) = super::load_for_output(args.files, args.comparison, questionnaire, io)
    else {
        return Ok(EXIT_COULD_NOT_RUN);
    };
    let what = Export::Report { csv };
    match &args.output {
        None => {
            let bytes = ops::render(session.view(), questionnaire, &what, Path::new("-"))?;
            io.print(&String::from_utf8_lossy(&bytes))?;
        }
        Some(path) => {
            ops::export(session.view(), questionnaire, &what, path)?;
            say!(io, "wrote {}", path.display());
        }
    }
    Ok(if session.workspace().has_errors() {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}
