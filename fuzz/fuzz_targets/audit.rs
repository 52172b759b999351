//! Fuzz target: any text read as an audit file, parsed and validated as `check` does,
//! then scored and written back. Nothing may panic, and whatever loads must read back equal.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use provider_audit::model::{Audit, Comparison, Date, Questionnaire};
use provider_audit::scoring::rank;
use provider_audit::validate::{AuditContext, SourceFile, check_audit, classify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::from_text(Path::new("fuzz/audit.ron"), text);
    let _ = classify(&source);
    let questionnaire = Questionnaire::builtin();
    let context = AuditContext {
        questionnaire,
        today: Date::parse("2026-11-30").unwrap_or_else(Date::today),
    };
    let (audit, findings) = check_audit(&source, context);
    for finding in &findings {
        let line = finding.to_string();
        assert!(!line.contains('\n'), "a finding is one line: {line:?}");
    }
    let Some(audit) = audit else {
        return;
    };
    let ranking = rank(questionnaire, &[&audit], &Comparison::default());
    assert!(ranking.iter().all(|s| (0.0..=100.0).contains(&s.score)));
    let written = match audit.to_ron() {
        Ok(written) => written,
        Err(err) => panic!("a loaded audit cannot be written: {err}"),
    };
    match Audit::from_ron(&written) {
        Ok(read) => assert_eq!(read, audit, "written as\n{written}"),
        Err(err) => panic!("a written audit does not read back: {err}\n{written}"),
    }
});
