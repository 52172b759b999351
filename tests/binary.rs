//! Black-box runs of the real `provider-audit` binary: exit codes, which stream gets what,
//! and the joint of the command line with the desktop app. The commands themselves are
//! tested in process in `crates/provider-audit-cli/tests`.

use std::io::Read as _;
use std::process::{Command, Stdio};

use crate::util::{fixture, root, run, run_in};

#[test]
fn help_and_version_go_to_standard_output_with_exit_0() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    assert!(
        help.stdout.contains("Usage: provider-audit"),
        "{}",
        help.stdout
    );
    assert!(help.stderr.is_empty(), "{}", help.stderr);
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(
        version.stdout.starts_with("provider-audit "),
        "{}",
        version.stdout
    );
}

#[test]
fn a_usage_error_goes_to_standard_error_with_exit_2() {
    let result = run(&["summary", "--format", "yaml", "x.ron"]);
    assert_eq!(result.code, 2);
    assert!(result.stdout.is_empty(), "{}", result.stdout);
    assert!(
        result.stderr.contains("invalid value 'yaml'"),
        "{}",
        result.stderr
    );
}

#[test]
fn findings_go_to_standard_error_and_the_table_to_standard_output() {
    let result = run_in(
        &root().join("tests/fixtures"),
        &["summary", "alpha.ron", "beta.ron", "syntax-error.ron"],
    );
    assert_eq!(result.code, 1, "{}", result.stderr);
    assert!(
        result.stderr.contains("syntax-error.ron:"),
        "{}",
        result.stderr
    );
    assert!(
        !result.stdout.contains("syntax-error.ron:"),
        "{}",
        result.stdout
    );
    assert!(result.stdout.contains("Alpha"), "{}", result.stdout);
}

#[test]
fn check_exits_0_on_clean_files_and_1_on_errors() {
    let dir = root().join("tests/fixtures");
    assert_eq!(run_in(&dir, &["check", "alpha.ron"]).code, 0);
    assert_eq!(run_in(&dir, &["check", "syntax-error.ron"]).code, 1);
}

#[test]
fn an_unknown_command_is_named_with_the_nearest_one() {
    let result = run(&["sumary", "x.ron"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("unknown command 'sumary' (did you mean 'summary'?)"),
        "{}",
        result.stderr
    );
}

#[test]
fn a_reader_that_goes_away_is_not_an_error() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_provider-audit"))
        .args(["questionnaire", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut first = [0_u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The pipe is closed here, before the questionnaire is all written.
    let status = child.wait().expect("it ends");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut stderr)
        .expect("stderr");
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn without_a_display_the_app_says_so_in_words() {
    let output = Command::new(env!("CARGO_BIN_EXE_provider-audit"))
        .arg(fixture("alpha.ron"))
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "no display found (set DISPLAY or WAYLAND_DISPLAY, or use the command line: provider-audit --help)"
        ),
        "{stderr}"
    );
}
