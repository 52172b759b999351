//! Helpers of the core's integration tests.

use std::path::PathBuf;

/// The workspace's root directory (where `assets/` and `sample_audits/` are).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}
