//! Fuzz target: any text read as a questionnaire file. Nothing may panic; a questionnaire
//! that loads keeps its own rules (ids unique, parents before children, depth bounded).

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_audit::model::Questionnaire;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(questionnaire) = Questionnaire::parse(text) else {
        return;
    };
    for (index, item) in questionnaire.items.iter().enumerate() {
        assert_eq!(questionnaire.position(item.id.as_str()), Some(index));
        if let Some(parent) = item.parent {
            assert!(parent < index, "a parent comes before its children");
            assert_eq!(questionnaire.items[parent].depth + 1, item.depth);
        }
        assert!(item.depth <= 3);
        let section = questionnaire.section_of(index);
        assert!(section.items.contains(&index));
    }
    let _ = questionnaire.nearest_id("tech.az.location");
});
