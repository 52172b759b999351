//! Helpers to run the command line in process and to find fixture files.
//!
//! A run works in a directory, as a user does: the paths the tests give are relative to it
//! and the output names them so. The process has one working directory, so runs take a
//! lock and change to their directory for the run's duration; no test here reads a relative
//! path outside a run.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The workspace's root directory (where `tests/fixtures` and `sample_audits` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    root().join("tests").join("fixtures").join(name)
}

/// What a run of the command line gave.
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The files the desktop app was asked to open, when the run asked for it.
    pub opened_app: Option<Vec<PathBuf>>,
}

static WORKING_DIRECTORY: Mutex<()> = Mutex::new(());

/// Runs the command line with `args` in directory `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let _lock = WORKING_DIRECTORY
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    let previous = std::env::current_dir().expect("a working directory");
    std::env::set_current_dir(dir).expect("the test's directory exists");
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut opened_app = None;
    let code = provider_audit_cli::run(
        std::iter::once("provider-audit").chain(args.iter().copied()),
        &mut stdout,
        &mut stderr,
        &mut |paths| {
            opened_app = Some(paths);
            Ok(())
        },
    );
    std::env::set_current_dir(previous).expect("back to the previous directory");
    Run {
        code: exit_code_number(code),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
        opened_app,
    }
}

/// Runs the command line with `args` in the workspace's root.
pub fn run(args: &[&str]) -> Run {
    run_in(&root(), args)
}

/// The number of an exit code (`ExitCode` hides it; its `Debug` shows it).
fn exit_code_number(code: std::process::ExitCode) -> i32 {
    let text = format!("{code:?}");
    text.chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .expect("an exit code has a number")
}
