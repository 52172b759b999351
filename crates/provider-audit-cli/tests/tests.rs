//! Tests of the command line, run in process through `provider_audit_cli::run` (no GUI
//! crate is built for them): one test binary, one module per command.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test helper that cannot set up its input should fail the test loudly"
)]

mod util;

mod cli_caiq;
mod cli_check;
mod cli_diff;
mod cli_new;
mod cli_questionnaire;
mod cli_questionnaire_import;
mod cli_summary;
mod cli_workbook;
mod export;
mod man_page;
mod questionnaire_versions;
