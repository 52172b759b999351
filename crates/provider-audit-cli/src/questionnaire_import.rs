//! `provider-audit questionnaire import PAGE.md -o NAME.questionnaire.ron` and
//! `provider-audit questionnaire check FILE...`: a questionnaire of one's own.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context as _;
use provider_audit_core::fsutil;
use provider_audit_core::labels::plural;
use provider_audit_core::questionnaire_import::{ImportOptions, import_markdown};
use provider_audit_core::validate::{
    FileKind, Finding, check_questionnaire, classify, read_source,
};

use super::{EXIT_FINDINGS, EXIT_OK};
use crate::output::{Io, say};

/// Arguments of `questionnaire import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The Markdown page: headings, each followed by a (nested) list of questions.
    #[arg(value_name = "PAGE.md")]
    page: PathBuf,
    /// The questionnaire file to write (never overwritten).
    #[arg(short, long, value_name = "NAME.questionnaire.ron")]
    output: PathBuf,
    /// The questionnaire's id, which audits name (default: from the title).
    #[arg(long)]
    id: Option<String>,
    /// The title (default: the page's first level-1 heading).
    #[arg(long)]
    title: Option<String>,
    /// The section (heading text or id) that lists documents to collect.
    #[arg(long, value_name = "SECTION")]
    documents: Option<String>,
    /// A scope tag for a whole section, as `SECTION=TAG` (repeatable).
    #[arg(long = "section-tag", value_name = "SECTION=TAG", value_parser = section_tag)]
    section_tags: Vec<(String, String)>,
}

fn section_tag(value: &str) -> Result<(String, String), String> {
    value
        .rsplit_once('=')
        .filter(|(section, tag)| !section.trim().is_empty() && !tag.trim().is_empty())
        .map(|(section, tag)| (section.trim().to_owned(), tag.trim().to_owned()))
        .ok_or_else(|| format!("expected SECTION=TAG, got `{value}`"))
}

/// Imports the page and writes the questionnaire file.
pub fn run_import(args: ImportArgs, io: &mut Io) -> anyhow::Result<u8> {
    if args.output.exists() {
        anyhow::bail!(
            "{} already exists; choose another file name",
            args.output.display()
        );
    }
    let (markdown, _) = fsutil::read_text_bounded(&args.page)
        .with_context(|| format!("cannot read {}", args.page.display()))?;
    let source = args
        .page
        .file_name()
        .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
    let options = ImportOptions {
        id: args.id,
        title: args.title,
        source,
        documents: args.documents,
        section_tags: args.section_tags,
    };
    let imported = import_markdown(&markdown, &options)
        .map_err(|err| anyhow::anyhow!("{}: {err}", args.page.display()))?;
    for note in &imported.notes {
        let at = note
            .position
            .map(|p| format!(":{}:{}", p.line, p.col))
            .unwrap_or_default();
        say!(io, "{}{at}: note: {}", args.page.display(), note.message);
    }
    let text = imported.to_ron()?;
    provider_audit_core::ops::write_new(&args.output, text.as_bytes())?;
    let items: usize = imported.file.sections.iter().map(count_items).sum();
    say!(
        io,
        "wrote {} ({}, {}, id `{}`); review it, and edit ids only before the first audit",
        args.output.display(),
        plural(imported.file.sections.len(), "section"),
        plural(items, "item"),
        imported.file.id
    );
    Ok(EXIT_OK)
}

fn count_items(section: &provider_audit_core::model::SectionFile) -> usize {
    let mut stack: Vec<&provider_audit_core::model::ItemFile> = section.items.iter().collect();
    let mut count = 0;
    while let Some(item) = stack.pop() {
        count += 1;
        stack.extend(&item.items);
    }
    count
}

/// Checks questionnaire files: one line per finding; exit code 1 when any is an error.
pub fn run_check(files: &[PathBuf], io: &mut Io) -> anyhow::Result<u8> {
    let mut findings: Vec<Finding> = Vec::new();
    let mut usable = 0;
    for path in files {
        let source = match read_source(path) {
            Ok(source) => source,
            Err(finding) => {
                findings.push(finding);
                continue;
            }
        };
        if classify(&source) != FileKind::Questionnaire {
            findings.push(Finding::error(
                path,
                source.locator.first_position(),
                "not a questionnaire (a questionnaire file has a `sections` field)",
            ));
            continue;
        }
        let (questionnaire, file_findings) = check_questionnaire(&source);
        usable += usize::from(questionnaire.is_some());
        findings.extend(file_findings);
    }
    let mut text = String::new();
    for finding in &findings {
        let _ = writeln!(text, "{finding}");
    }
    io.print(&text)?;
    let errors = findings.iter().filter(|f| f.is_error()).count();
    say!(
        io,
        "{} usable, {}, {}",
        plural(usable, "questionnaire"),
        plural(errors, "error"),
        plural(findings.len() - errors, "warning")
    );
    Ok(if errors > 0 { EXIT_FINDINGS } else { EXIT_OK })
}
