//! The meeting's work on a comparison: edits (pure functions), the sensitivity of the
//! ranking to the section weights, the decision's basis, and saving without ever losing
//! the previous version. No UI here; the app applies these through its command handler.

mod edit;
mod save;
mod sensitivity;

pub use edit::{Edit, WEIGHT_DECIMALS, apply, basis, round_weight};
pub(crate) use save::write_keeping_history;
pub use save::{
    BACKUPS, SaveError, backup_path, leading_comments, nth_backup_path, recovery_path,
    relative_path, save, save_with_header, to_text,
};
pub use sensitivity::{
    SectionSensitivity, Sensitivity, SensitivityEntry, sensitivity, short as short_weight,
};
