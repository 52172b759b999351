//! `provider-audit git-setup [DIR]`: registers the merge driver for the repository that
//! holds DIR: the lines in DIR's `.gitattributes` (comparisons and audits, questionnaires
//! left to git's own merge) and the `merge.provider-audit.*` entries in the repository's
//! git config (`git config`, run as a program). Running it twice changes nothing.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context as _;

use super::{EXIT_COULD_NOT_RUN, EXIT_OK};

/// Arguments of `git-setup`.
#[derive(Debug, clap::Args)]
pub struct GitSetupArgs {
    /// The folder of the comparisons and audits, in a git repository (default: the
    /// current folder). Its `.gitattributes` gets the lines.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The lines `.gitattributes` gets; the last one gives questionnaires back to git.
pub const ATTRIBUTES: [&str; 4] = [
    "# provider-audit: comparisons and audits are merged by meaning (provider-audit git-setup)",
    "*.comparison.ron merge=provider-audit",
    "*.ron merge=provider-audit",
    "*.questionnaire.ron merge=text",
];

/// The git config entries.
pub const CONFIG: [(&str, &str); 2] = [
    (
        "merge.provider-audit.name",
        "provider-audit: comparisons and audits merged by meaning",
    ),
    (
        "merge.provider-audit.driver",
        "provider-audit merge %O %A %B --path %P",
    ),
];

/// Runs `git-setup`.
///
/// # Errors
/// When writing to `out` or `err` fails.
pub fn run(args: &GitSetupArgs, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<u8> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    match setup(&dir) {
        Ok(changes) => {
            if changes.is_empty() {
                writeln!(out, "already set up: nothing changed")?;
            }
            for change in changes {
                writeln!(out, "{change}")?;
            }
            Ok(EXIT_OK)
        }
        Err(error) => {
            writeln!(err, "provider-audit git-setup: error: {error:#}")?;
            Ok(EXIT_COULD_NOT_RUN)
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> anyhow::Result<(bool, String)> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .context("cannot run git (is it installed?)")?;
    Ok((
        output.status.success(),
        String::from_utf8_lossy(&output.stdout)
            .trim_end()
            .to_owned(),
    ))
}

fn setup(dir: &Path) -> anyhow::Result<Vec<String>> {
    let (in_repo, _) = git(dir, &["rev-parse", "--git-dir"])?;
    anyhow::ensure!(in_repo, "{} is not in a git repository", dir.display());
    let mut changes = Vec::new();
    let attributes = dir.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", attributes.display()));
        }
    };
    let present: Vec<&str> = existing.lines().map(str::trim).collect();
    let missing: Vec<&str> = ATTRIBUTES
        .iter()
        .copied()
        .filter(|line| !present.contains(line))
        .collect();
    if !missing.is_empty() {
        let mut text = existing.clone();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        for line in &missing {
            text.push_str(line);
            text.push('\n');
        }
        provider_audit_core::fsutil::write_atomic(&attributes, text.as_bytes())
            .with_context(|| format!("cannot write {}", attributes.display()))?;
        changes.push(format!(
            "{}: added {}",
            attributes.display(),
            provider_audit_core::labels::plural(missing.len(), "line")
        ));
    }
    for (key, value) in CONFIG {
        let (_, current) = git(dir, &["config", "--local", "--get", key])?;
        if current != value {
            let (ok, _) = git(dir, &["config", "--local", key, value])?;
            anyhow::ensure!(ok, "git config {key} failed");
            changes.push(format!("git config {key} = {value}"));
        }
    }
    Ok(changes)
}
