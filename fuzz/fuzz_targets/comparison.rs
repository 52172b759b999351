//! Fuzz target: any text read as a comparison file, parsed and validated as `check` does,
//! then used to score the built-in questionnaire and written back. Nothing may panic, and
//! whatever loads must write the same text again after a round trip.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use provider_audit::model::{Audit, Comparison, Questionnaire};
use provider_audit::scoring::rank;
use provider_audit::validate::{SourceFile, check_comparison, classify};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = SourceFile::from_text(Path::new("fuzz/comparison.ron"), text);
    let _ = classify(&source);
    let questionnaire = Questionnaire::builtin();
    let (comparison, findings) = check_comparison(&source, questionnaire);
    for finding in &findings {
        let line = finding.to_string();
        assert!(!line.contains('\n'), "a finding is one line: {line:?}");
    }
    let Some(comparison) = comparison else {
        return;
    };
    let audit = Audit {
        format: Some(1),
        provider: comparison
            .annotations
            .first()
            .map(|a| a.provider.clone())
            .unwrap_or_default(),
        ..Audit::default()
    };
    let _ = rank(questionnaire, &[&audit], &comparison);
    // Text, not values: NaN in a recorded score is never equal to itself.
    let written = match comparison.to_ron() {
        Ok(written) => written,
        Err(err) => panic!("a loaded comparison cannot be written: {err}"),
    };
    let read = match Comparison::from_ron(&written) {
        Ok(read) => read,
        Err(err) => panic!("a written comparison does not read back: {err}\n{written}"),
    };
    match read.to_ron() {
        Ok(again) => assert_eq!(again, written),
        Err(err) => panic!("a comparison read back cannot be written: {err}"),
    }
});
