//! Integration tests: one test binary, one module per area (as ripgrep does).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test helper that cannot set up its input should fail the test loudly"
)]

mod util;

mod agreement;
mod app;
mod architecture;
mod cli_check;
mod cli_diff;
mod cli_new;
mod cli_questionnaire;
mod cli_questionnaire_import;
mod cli_summary;
mod cli_workbook;
mod crash;
mod decide;
mod export;
mod fixtures_load;
mod history;
mod hostile;
mod interview;
mod meeting;
mod merge_git;
mod properties;
mod questionnaire_versions;
mod session;
mod upstream_questionnaire;
