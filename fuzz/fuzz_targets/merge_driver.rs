//! Fuzz target: the semantic merge driver (`provider-audit merge BASE OURS THEIRS`) fed three
//! texts split from one input at the first two NUL bytes, as comparison or audit files. It
//! must never panic; whatever it merges must write a file that reads back with the same
//! content; and merging a file with itself (no change on either side) must give it back.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_audit::merge::{MergedFile, merge_texts};
use provider_audit::model::{Answer, Audit, Comparison, Questionnaire};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut parts = text.splitn(3, '\0');
    let (Some(base), Some(ours), Some(theirs)) = (parts.next(), parts.next(), parts.next()) else {
        return;
    };
    let questionnaire = Questionnaire::builtin();
    if let Ok(merged) = merge_texts(base, ours, theirs) {
        let written = merged.text(questionnaire).expect("the merged file writes");
        match &merged.file {
            MergedFile::Comparison(comparison) => {
                let back = Comparison::from_ron(&written).expect("the merged comparison reads");
                assert_eq!(back.conflicts.len(), comparison.conflicts.len());
            }
            MergedFile::Audit(audit) => {
                let back = Audit::from_ron(&written).expect("the merged audit reads");
                assert_eq!(back.conflicts.len(), audit.conflicts.len());
                // Every merged answer is written; the canonical layout's other entries
                // (every question of the questionnaire) hold nothing.
                for (id, answer) in audit.answers.iter() {
                    assert_eq!(back.answer(id.as_str()), Some(answer), "{id}");
                }
                for (id, answer) in back.answers.iter() {
                    if audit.answer(id.as_str()).is_none() {
                        assert_eq!(*answer, Answer::default(), "{id} was not merged");
                    }
                }
            }
        }
    }
    // No change on either side: the result is our file as it was.
    if let Ok(same) = merge_texts(ours, ours, ours) {
        assert_eq!(
            same.new_conflicts, 0,
            "a file merged with itself has no conflict"
        );
        let written = same.text(questionnaire).expect("writes");
        assert_eq!(
            written, ours,
            "a file merged with itself is given back as it was"
        );
    }
});
