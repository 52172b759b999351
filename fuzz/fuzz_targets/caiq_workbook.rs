//! Fuzz target, structure-aware: a provider's CSA CAIQ workbook as `import caiq` (and the
//! app's Import answers) reads it. The base is a valid CAIQ-shaped workbook with made-up
//! questions (the samples' `brassworks.xlsx`, embedded at build time); the input replaces one
//! of its XML parts (the first byte picks which: the questions sheet, the shared strings,
//! the workbook, ...) and the zip is built again around it. Nothing may panic; what reads
//! must import into a questionnaire and an audit whose files parse back.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use provider_audit::caiq;
use provider_audit::model::{Answer, Audit, Date, Questionnaire};

#[path = "common/zip_parts.rs"]
mod zip_parts;

/// A valid CAIQ-shaped workbook (made-up questions, never CSA's text).
const BASE: &[u8] = include_bytes!("../../sample_audits/caiq/brassworks.xlsx");

/// The parts of the base workbook: (name, bytes), in zip order.
fn base_parts() -> &'static Vec<(String, Vec<u8>)> {
    static PARTS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    PARTS.get_or_init(|| zip_parts::parts(BASE))
}

fuzz_target!(|data: &[u8]| {
    let Some(workbook) = zip_parts::with_part_replaced(base_parts(), data) else {
        return;
    };
    let Ok(read) = caiq::read_bytes(workbook, "fuzz.xlsx") else {
        return;
    };
    let Some(today) = Date::parse("2026-12-07") else {
        return;
    };
    let Ok(imported) = caiq::import(&read, Path::new("fuzz.xlsx"), "Fuzz Cloud", today) else {
        return;
    };
    for line in &imported.log {
        assert!(!line.contains('\n'), "a log line is one line: {line:?}");
    }
    // What is written must read back as what was imported.
    let questionnaire =
        Questionnaire::parse(&imported.questionnaire_text).expect("the questionnaire parses back");
    assert_eq!(
        questionnaire.items.len(),
        imported.questionnaire.items.len(),
        "the questionnaire file keeps every item"
    );
    let audit = Audit::from_ron(&imported.audit_text).expect("the audit parses back");
    // Every answer comes back as imported; the file's other entries (the canonical layout
    // lists every question) hold nothing.
    for (id, answer) in imported.audit.answers.iter() {
        assert_eq!(audit.answer(id.as_str()), Some(answer), "{id}");
    }
    for (id, answer) in audit.answers.iter() {
        if imported.audit.answer(id.as_str()).is_none() {
            assert_eq!(*answer, Answer::default(), "{id} was not imported");
        }
    }
});
