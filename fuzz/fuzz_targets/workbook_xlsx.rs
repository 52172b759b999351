//! Fuzz target, structure-aware: the provider's filled workbook (xlsx) as `import` reads
//! it. The base is a real workbook of the built-in questionnaire, pre-filled with answers
//! (as `provider-audit workbook --from` writes it); the input replaces one of its parts
//! (the first byte picks which: a section sheet, the shared strings, the workbook, the
//! hidden meta sheet, ...) and the zip is built again around it, so that the fuzzer works
//! on sheet XML inside a valid container instead of on zip headers. Nothing may panic;
//! what imports must become an audit that writes and reads back.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use provider_audit::model::Questionnaire;
use provider_audit::workbook;

#[path = "common/import.rs"]
mod common;
#[path = "common/zip_parts.rs"]
mod zip_parts;

/// The parts of the base workbook: (name, bytes), in zip order.
fn base_parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| {
        let questionnaire = Questionnaire::builtin();
        let audit = provider_audit::synthetic::audits(questionnaire, 1, 7)
            .into_iter()
            .next()
            .expect("one synthetic audit");
        let request = workbook::Request {
            provider: Some("Fuzz Cloud AB"),
            sender: Some("Platform team"),
            from: Some(&audit),
        };
        let bytes = workbook::write(questionnaire, request).expect("the base workbook");
        zip_parts::parts(&bytes)
    })
}

fuzz_target!(|data: &[u8]| {
    if let Some(workbook) = zip_parts::with_part_replaced(base_parts(), data) {
        common::check("fuzz.xlsx", &workbook, false);
    }
});
