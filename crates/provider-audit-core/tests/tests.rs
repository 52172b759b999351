//! Integration tests of the core: one test binary, one module per area. They build no GUI
//! crate (`cargo test -p provider-audit-core`).

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test helper that cannot set up its input should fail the test loudly"
)]

mod util;

mod crash;
mod properties;
mod upstream_questionnaire;
