//! Sign-offs of a decision and the re-audit interval: who signed, in which role, on which
//! day, and the SHA-256 of the decision's basis they signed. Pure data; the hash and whether
//! a sign-off is still current are computed in `crate::signoff` and the view.

use serde::{Deserialize, Serialize};

/// One person's sign-off of the decision.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// Who signed.
    pub name: String,
    /// In which role (security officer, platform lead, …).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// When (`YYYY-MM-DD`).
    pub date: String,
    /// The provider the decision chose when it was signed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub provider: String,
    /// SHA-256 of the decision's basis signed (see `signoff::basis_sha256`), hex.
    pub basis_sha256: String,
}

/// The re-audit interval when a comparison gives none: twelve months.
pub const DEFAULT_REAUDIT_MONTHS: u32 = 12;
