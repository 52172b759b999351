//! `provider-audit due FILE... [--within 30d] [--format text|json]`: what is due on the
//! audits and the comparison named: re-audits, evidence expiring, stale sign-offs, merge
//! conflicts. Exit 0 when nothing is due, 1 when something is (for cron and CI jobs).

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;

use provider_audit_core::due::due;
use provider_audit_core::model::{Date, Questionnaire};
use provider_audit_core::workspace::Workspace;

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK, SummaryFormat};

/// Arguments of `due`.
#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// Audit and comparison files (a comparison brings its audits).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Also list what falls due within this time: `30d`, `6w` or a number of days.
    #[arg(long, value_name = "TIME", default_value = "30d", value_parser = parse_within)]
    pub within: u32,
    /// Output format.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

impl DueArgs {
    /// The files named, for choosing the questionnaire.
    #[must_use]
    pub fn named_files(&self) -> Vec<PathBuf> {
        self.files.clone()
    }
}

/// `30d`, `6w` or `30` as days.
fn parse_within(text: &str) -> Result<u32, String> {
    let text = text.trim();
    let (number, factor) = if let Some(days) = text.strip_suffix('d') {
        (days, 1)
    } else if let Some(weeks) = text.strip_suffix('w') {
        (weeks, 7)
    } else {
        (text, 1)
    };
    number
        .parse::<u32>()
        .ok()
        .and_then(|n| n.checked_mul(factor))
        .filter(|days| *days <= 36_600)
        .ok_or_else(|| format!("`{text}` is not a time such as 30d, 6w or 45"))
}

/// Runs `due`.
///
/// # Errors
/// When writing to `out` or `err` fails.
pub fn run(
    args: &DueArgs,
    questionnaire: &Questionnaire,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let today = Date::today();
    let workspace = Workspace::load(&args.files, questionnaire, today);
    for finding in workspace.findings.iter().filter(|f| f.is_error()) {
        writeln!(err, "{finding}")?;
    }
    if workspace.audits.is_empty() && workspace.comparison.is_none() {
        writeln!(
            err,
            "provider-audit due: error: no audit or comparison could be loaded"
        )?;
        return Ok(EXIT_COULD_NOT_RUN);
    }
    let items = due(questionnaire, &workspace, today, args.within);
    match args.format {
        SummaryFormat::Json => {
            writeln!(out, "{}", serde_json::to_string_pretty(&items)?)?;
        }
        SummaryFormat::Text => {
            let mut text = String::new();
            if items.is_empty() {
                let _ = writeln!(
                    text,
                    "Nothing due within {} of {today}",
                    provider_audit_core::labels::plural(args.within as usize, "day")
                );
            }
            for item in &items {
                let _ = writeln!(
                    text,
                    "{}: {}",
                    provider_audit_core::labels::printable(&item.file),
                    provider_audit_core::labels::printable(&item.message)
                );
            }
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(if items.is_empty() {
        EXIT_OK
    } else {
        EXIT_FINDINGS
    })
}
