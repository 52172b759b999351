//! provider-audit-cli: the command line as a library. Argument parsing and one module per
//! subcommand, over the domain core; no GUI crate is in its dependency tree. [`run`] takes
//! the arguments and the two output streams and returns the exit code, so the commands are
//! tested in process; the `provider-audit` binary joins it with the desktop app, which it
//! opens through the `open_app` callback.

mod caiq;
mod check;
mod diff;
mod due;
mod export;
mod git_setup;
mod merge;
mod new;
pub mod output;
mod questionnaire;
mod questionnaire_import;
mod report;
mod sign;
mod summary;
mod workbook;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use output::{Io, say};
use provider_audit_core::model::Questionnaire;

/// Exit code: success, no errors.
pub const EXIT_OK: u8 = 0;
/// Exit code: the command ran and found errors in the input.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the command could not run.
pub const EXIT_COULD_NOT_RUN: u8 = 2;

/// The command line's definition (for the manual page and shell completions).
#[must_use]
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Compare completed infrastructure provider audits side by side.
#[derive(Debug, Parser)]
#[command(
    name = "provider-audit",
    version,
    // Said here: the crate's own description is about the library, not the program.
    about = "Compare completed infrastructure provider audits side by side",
    override_usage = "provider-audit [OPTIONS] [FILE]...\n       provider-audit [OPTIONS] <COMMAND>",
    after_help = "With FILE arguments (audits and/or a comparison) and no command, opens the desktop app."
)]
struct Cli {
    /// Use this questionnaire file. Without it: the one the audits name, found among the
    /// files or as `*.questionnaire.ron` beside them; the built-in Infrastructure Provider
    /// Audit when they name it.
    #[arg(long, global = true, value_name = "FILE")]
    questionnaire: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate audit, comparison and questionnaire files: one line per finding, `path:line:col: error|warning: message`.
    Check {
        /// Audit and comparison files.
        #[arg(value_name = "FILE", required_unless_present = "comparison")]
        files: Vec<PathBuf>,
        /// A comparison to check with its audits: an audit that no longer matches the
        /// SHA-256 the comparison or its decision recorded is an error.
        #[arg(long, value_name = "FILE")]
        comparison: Option<PathBuf>,
    },
    /// Write a blank audit with every question as a comment above its entry.
    New {
        /// The provider's name.
        #[arg(long)]
        provider: String,
        /// Write to this file (never overwritten) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the questionnaire; or import one of your own from Markdown, or check one.
    #[command(name = "questionnaire", args_conflicts_with_subcommands = true)]
    ShowQuestionnaire {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ListFormat::Markdown)]
        format: ListFormat,
        #[command(subcommand)]
        action: Option<QuestionnaireAction>,
    },
    /// Ranking, scores, gaps per section and knock-outs.
    Summary {
        /// Audit and comparison files.
        #[arg(value_name = "FILE", required_unless_present = "comparison")]
        files: Vec<PathBuf>,
        /// A comparison file whose audits, weights, must-haves and annotations apply.
        #[arg(long, value_name = "FILE")]
        comparison: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
        format: SummaryFormat,
    },
    /// Draw the comparison image (PNG or SVG, from the extension of `-o`), or with
    /// `--section` one section's questions x providers.
    Export(export::ExportArgs),
    /// Write the text report: ranking, scores, gaps per section, annotations, follow-ups,
    /// the decision and the input files' hashes (Markdown or CSV).
    Report(report::ReportArgs),
    /// Write the questionnaire as a workbook (.xlsx) for a provider to fill in.
    Workbook(workbook::WorkbookArgs),
    /// Read a provider's answers (xlsx, xls, ods or csv) into a new audit, unjudged; or with
    /// `import caiq` a provider's completed CSA CAIQ v4 workbook.
    Import(caiq::ImportCommand),
    /// What changed between two audits of one provider: verdicts, answers (word by word),
    /// evidence, and the scores of both.
    Diff(diff::DiffArgs),
    /// Git's merge driver for comparisons and audits (`%O %A %B %P`): merges by meaning.
    Merge(merge::MergeArgs),
    /// Register the merge driver in a git repository (.gitattributes and git config).
    GitSetup(git_setup::GitSetupArgs),
    /// Sign the comparison's decision on the basis in force.
    Sign(sign::SignArgs),
    /// What is due: re-audits, expiring evidence, stale sign-offs, merge conflicts.
    Due(due::DueArgs),
    /// Files to open in the desktop app (`provider-audit FILE...`).
    #[command(external_subcommand)]
    Open(Vec<OsString>),
}

/// What `questionnaire` does besides printing.
#[derive(Debug, Subcommand)]
enum QuestionnaireAction {
    /// Turn a Markdown page of headings and nested lists into a questionnaire file to review.
    Import(questionnaire_import::ImportArgs),
    /// Validate questionnaire files: one line per finding, `path:line:col: error|warning: message`.
    Check {
        /// Questionnaire files.
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
    },
}

/// Formats of `questionnaire`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ListFormat {
    /// A Markdown page with the ids.
    Markdown,
    /// A JSON array of items.
    Json,
}

/// Formats of `summary`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SummaryFormat {
    /// An aligned table for the terminal.
    Text,
    /// JSON for scripts.
    Json,
}

/// Runs the command line `args` (the program name first, as `std::env::args_os` gives it),
/// writing to `out` and `err`, and returns the exit code: 0 success, 1 findings in the
/// input, 2 the command could not run. With files and no command, or no argument at all,
/// `open_app` is called with the files to show in the desktop app.
pub fn run<I, T>(
    args: I,
    out: &mut dyn Write,
    err: &mut dyn Write,
    open_app: &mut dyn FnMut(Vec<PathBuf>) -> anyhow::Result<()>,
) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut io = Io { out, err };
    match run_io(args, &mut io, open_app) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            // Handle each error exactly once: here, for everything that made the run impossible.
            say!(io, "provider-audit: error: {error:#}");
            ExitCode::from(EXIT_COULD_NOT_RUN)
        }
    }
}

fn run_io<I, T>(
    args: I,
    io: &mut Io,
    open_app: &mut dyn FnMut(Vec<PathBuf>) -> anyhow::Result<()>,
) -> anyhow::Result<u8>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            // clap's help and version go to stdout (exit 0), usage errors to stderr (exit 2).
            let text = error.render().to_string();
            if error.use_stderr() {
                say!(io, "{}", text.trim_end());
                return Ok(EXIT_COULD_NOT_RUN);
            }
            io.print(&text)?;
            return Ok(EXIT_OK);
        }
    };
    // Importing and checking questionnaires needs none to be in use.
    match cli.command {
        Some(Command::ShowQuestionnaire {
            action: Some(QuestionnaireAction::Import(args)),
            ..
        }) => return questionnaire_import::run_import(args, io),
        Some(Command::ShowQuestionnaire {
            action: Some(QuestionnaireAction::Check { files }),
            ..
        }) => return questionnaire_import::run_check(&files, io),
        Some(Command::Import(caiq::ImportCommand {
            kind: Some(caiq::ImportKind::Caiq(args)),
            ..
        })) => return caiq::run(&args, &mut *io.out, &mut *io.err),
        Some(Command::Merge(args)) => {
            return merge::run(
                &args,
                cli.questionnaire.as_deref(),
                &mut *io.out,
                &mut *io.err,
            );
        }
        Some(Command::GitSetup(args)) => return git_setup::run(&args, &mut *io.out, &mut *io.err),
        _ => {}
    }
    let questionnaire = match cli.questionnaire.as_deref() {
        Some(path) => load_questionnaire(path)?,
        None => chosen_questionnaire(cli.command.as_ref(), io)?,
    };
    let code = match cli.command {
        Some(Command::Check {
            mut files,
            comparison,
        }) => {
            files.extend(comparison);
            check::run(&files, &questionnaire, io)?
        }
        Some(Command::New { provider, output }) => {
            new::run(&questionnaire, &provider, output.as_deref(), io)?
        }
        Some(Command::ShowQuestionnaire { format, .. }) => {
            questionnaire::run(&questionnaire, format, io)?
        }
        Some(Command::Summary {
            mut files,
            comparison,
            format,
        }) => {
            files.extend(comparison);
            summary::run(&files, &questionnaire, format, io)?
        }
        Some(Command::Export(args)) => export::run(args, &questionnaire, io)?,
        Some(Command::Report(args)) => report::run(args, &questionnaire, io)?,
        Some(Command::Workbook(args)) => workbook::run_workbook(&args, &questionnaire, io)?,
        Some(Command::Import(caiq::ImportCommand {
            workbook: Some(args),
            ..
        })) => workbook::run_import(&args, &questionnaire, io)?,
        Some(Command::Import(_)) => EXIT_COULD_NOT_RUN,
        Some(Command::Diff(args)) => diff::run(&args, &questionnaire, io)?,
        Some(Command::Sign(args)) => sign::run(&args, &questionnaire, &mut *io.out, &mut *io.err)?,
        Some(Command::Due(args)) => due::run(&args, &questionnaire, &mut *io.out, &mut *io.err)?,
        Some(Command::Merge(_) | Command::GitSetup(_)) => EXIT_OK,
        None => {
            open_app(Vec::new())?;
            EXIT_OK
        }
        Some(Command::Open(files)) => {
            if let Some(message) = unknown_command(&files) {
                say!(io, "provider-audit: error: {message}");
                return Ok(EXIT_COULD_NOT_RUN);
            }
            open_app(files.into_iter().map(PathBuf::from).collect())?;
            EXIT_OK
        }
    };
    Ok(code)
}

/// The commands, for "did you mean".
const COMMANDS: &[&str] = &[
    "check",
    "new",
    "questionnaire",
    "summary",
    "export",
    "report",
    "workbook",
    "import",
    "diff",
    "merge",
    "git-setup",
    "sign",
    "due",
];

/// When the first argument is neither a command nor an existing file, the message that
/// says so (with the nearest command), instead of opening the app on files that are not.
fn unknown_command(arguments: &[OsString]) -> Option<String> {
    let first = arguments.first()?;
    if std::path::Path::new(first).exists() {
        return None;
    }
    let word = first.to_string_lossy();
    let nearest = COMMANDS
        .iter()
        .map(|command| (strsim::levenshtein(&word, command), *command))
        .min()
        .filter(|(distance, _)| *distance <= 2)
        .map(|(_, command)| format!(" (did you mean '{command}'?)"))
        .unwrap_or_default();
    let looks_like_a_file = word.contains(['.', '/', '\\']);
    Some(if looks_like_a_file {
        format!("no such file: {word}")
    } else {
        format!("unknown command '{word}'{nearest}; see provider-audit --help")
    })
}

/// Loads `files` plus an optional `--comparison` for a command that writes an output:
/// every finding goes to standard error, and `None` (after saying so) when no audit loaded.
fn load_for_output(
    mut files: Vec<PathBuf>,
    comparison: Option<PathBuf>,
    questionnaire: &Questionnaire,
    io: &mut Io,
) -> Option<provider_audit_core::session::Session> {
    files.extend(comparison);
    let session = provider_audit_core::session::Session::open(
        std::sync::Arc::new(questionnaire.clone()),
        files,
        provider_audit_core::model::Date::today(),
    );
    for finding in &session.workspace().findings {
        say!(io, "{finding}");
    }
    if session.workspace().audits.is_empty() {
        say!(
            io,
            "provider-audit: error: no audit could be loaded; nothing to write"
        );
        return None;
    }
    Some(session)
}

fn load_questionnaire(path: &std::path::Path) -> anyhow::Result<Questionnaire> {
    let source = provider_audit_core::validate::read_source(path)
        .map_err(|finding| anyhow::anyhow!("{finding}"))?;
    Questionnaire::parse(&source.text)
        .map_err(|err| anyhow::anyhow!("{}:{err}", path.display()))
        .with_context(|| "the questionnaire cannot be used")
}

/// Without `--questionnaire`: the one the files name (found among them or beside the
/// audits), the built-in one when they name none.
fn chosen_questionnaire(command: Option<&Command>, io: &mut Io) -> anyhow::Result<Questionnaire> {
    let files: Vec<PathBuf> = match command {
        Some(
            Command::Check { files, comparison }
            | Command::Summary {
                files, comparison, ..
            },
        ) => files.iter().chain(comparison).cloned().collect(),
        Some(Command::Export(args)) => args.named_files(),
        Some(Command::Report(args)) => args.named_files(),
        Some(Command::Diff(args)) => args.named_files(),
        Some(Command::Workbook(args)) => args.named_files(),
        Some(Command::Import(args)) => args.named_files(),
        Some(Command::Sign(args)) => args.named_files(),
        Some(Command::Due(args)) => args.named_files(),
        _ => Vec::new(),
    };
    if files.is_empty() {
        return Ok(Questionnaire::builtin().clone());
    }
    match provider_audit_core::questionnaire_choice::choose(&files) {
        Ok(chosen) => Ok(chosen.questionnaire),
        // `check` goes on: each audit that does not fit is a finding of its own.
        Err(err) if matches!(command, Some(Command::Check { .. })) => {
            say!(io, "provider-audit: note: {err}");
            Ok(Questionnaire::builtin().clone())
        }
        Err(err) => Err(err.into()),
    }
}
