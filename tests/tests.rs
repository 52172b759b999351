//! Integration tests of the app and of the binary: one test binary, one module per area
//! (as ripgrep does). The core's and the command line's own tests are in their crates.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test helper that cannot set up its input should fail the test loudly"
)]

mod util;

mod agreement;
mod app;
mod architecture;
mod binary;
mod caiq;
mod decide;
mod fixtures_load;
mod history;
mod hostile;
mod interview;
mod meeting;
mod merge_git;
mod session;
mod window;
