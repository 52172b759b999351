//! `provider-audit merge BASE OURS THEIRS [--path P]`: git's merge driver (`%O %A %B %P`)
//! for comparisons and audits. Merges by meaning (see the core's `merge`), writes the
//! result over OURS atomically, and exits 0 when clean, 1 when conflicts remain (written
//! into the file as `conflicts`), 2 when a version cannot be used (OURS is then untouched,
//! and git reports the file as conflicted with our version in it).

use std::io::Write;
use std::path::{Path, PathBuf};

use provider_audit_core::merge::{MergedText, merge_texts};
use provider_audit_core::model::{BUILTIN_QUESTIONNAIRE_ID, Questionnaire};
use provider_audit_core::{fsutil, questionnaire_choice};

use super::{EXIT_COULD_NOT_RUN, EXIT_FINDINGS, EXIT_OK};

/// Arguments of `merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The common ancestor (git's `%O`).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (`%A`): the result is written over it.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (`%B`).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// The file's path in the repository (`%P`), for messages and to find an audit's
    /// questionnaire beside it.
    #[arg(long, value_name = "P")]
    pub path: Option<PathBuf>,
}

/// Runs `merge`; `questionnaire` is the global `--questionnaire`, if given.
///
/// # Errors
/// Only when writing to `out` or `err` fails; every other failure is exit code 2.
pub fn run(
    args: &MergeArgs,
    questionnaire: Option<&Path>,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<u8> {
    let shown = args
        .path
        .as_deref()
        .unwrap_or(&args.ours)
        .display()
        .to_string();
    match merge(args, questionnaire) {
        Ok((text, merged)) => {
            if let Err(error) = fsutil::write_atomic(&args.ours, text.as_bytes()) {
                writeln!(
                    err,
                    "provider-audit merge: {shown}: cannot write the result: {error}"
                )?;
                return Ok(EXIT_COULD_NOT_RUN);
            }
            let open = merged.open_conflicts();
            if open == 0 {
                return Ok(EXIT_OK);
            }
            writeln!(
                err,
                "provider-audit merge: {shown}: {} ({} from this merge) written into the file; \
                 resolve them in the app (take mine, take theirs or edit), then `git add` it",
                provider_audit_core::labels::plural(open, "conflict"),
                merged.new_conflicts
            )?;
            Ok(EXIT_FINDINGS)
        }
        Err(message) => {
            writeln!(
                err,
                "provider-audit merge: {shown}: {message}; our version is left as it was"
            )?;
            Ok(EXIT_COULD_NOT_RUN)
        }
    }
}

fn read(path: &Path) -> Result<String, String> {
    fsutil::read_text_bounded(path)
        .map(|(text, _)| text)
        .map_err(|error| format!("{}: {error}", path.display()))
}

fn merge(args: &MergeArgs, questionnaire: Option<&Path>) -> Result<(String, MergedText), String> {
    let base = read(&args.base)?;
    let ours = read(&args.ours)?;
    let theirs = read(&args.theirs)?;
    let merged = merge_texts(&base, &ours, &theirs).map_err(|error| error.to_string())?;
    let questionnaire = match merged.questionnaire_id() {
        None => Questionnaire::builtin().clone(),
        Some(id) => questionnaire_of(id, questionnaire, args)?,
    };
    let text = merged
        .text(&questionnaire)
        .map_err(|error| error.to_string())?;
    Ok((text, merged))
}

/// The questionnaire an audit answers: `--questionnaire`, the built-in one, or a
/// `*.questionnaire.ron` beside the audit in the repository.
fn questionnaire_of(
    id: &str,
    given: Option<&Path>,
    args: &MergeArgs,
) -> Result<Questionnaire, String> {
    if let Some(path) = given {
        let text = read(path)?;
        return Questionnaire::parse(&text).map_err(|error| format!("{}: {error}", path.display()));
    }
    if id == BUILTIN_QUESTIONNAIRE_ID {
        return Ok(Questionnaire::builtin().clone());
    }
    let folder = args
        .path
        .as_deref()
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let mut files = vec![args.ours.clone()];
    if let Ok(entries) = std::fs::read_dir(folder) {
        files.extend(
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.path())
                .filter(|path| {
                    path.to_string_lossy()
                        .ends_with(questionnaire_choice::QUESTIONNAIRE_SUFFIX)
                }),
        );
    }
    questionnaire_choice::choose(&files)
        .map(|chosen| chosen.questionnaire)
        .map_err(|error| error.to_string())
}
