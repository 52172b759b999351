//! What every import target checks of a file that `import` accepts: it becomes an audit
//! file that reads back as the audit imported, with or without `--force`.

use provider_audit::model::{Audit, Date, Questionnaire};
use provider_audit::workbook;

/// Imports `bytes` (named `name`) as `provider-audit import` does; panics on a broken
/// invariant.
pub fn check(name: &str, bytes: &[u8], is_csv: bool) {
    let questionnaire = Questionnaire::builtin();
    for force in [false, true] {
        let Ok(imported) = workbook::read_bytes(name, bytes.to_vec(), is_csv, questionnaire, force)
        else {
            continue;
        };
        let today = Date::parse("2026-11-30").unwrap_or_else(Date::today);
        let result = workbook::imported_audit(
            questionnaire,
            &imported,
            std::path::Path::new(name),
            "Fuzz Cloud AB",
            None,
            today,
        );
        match Audit::from_ron(&result.text) {
            Ok(audit) => assert_eq!(audit, result.audit, "written as\n{}", result.text),
            Err(err) => panic!(
                "an imported audit does not read back: {err}\n{}",
                result.text
            ),
        }
    }
}
