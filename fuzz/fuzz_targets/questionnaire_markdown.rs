//! Fuzz target: any text as a Markdown checklist for `questionnaire import`, with and
//! without options naming sections. Nothing may panic; a page that imports must give a
//! questionnaire file that parses back as a valid questionnaire with the same items.

#![no_main]

use libfuzzer_sys::fuzz_target;
use provider_audit::model::Questionnaire;
use provider_audit::questionnaire_import::{ImportOptions, import_markdown};

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let plain = ImportOptions::default();
    // The first heading's text names a section for `--documents` and `--section-tag`.
    let first_heading = markdown
        .lines()
        .find_map(|line| line.strip_prefix("## "))
        .map(str::to_owned);
    let named = ImportOptions {
        id: Some("fuzz.questionnaire".to_owned()),
        documents: first_heading.clone(),
        section_tags: first_heading
            .map(|h| vec![(h, "managed-service".to_owned())])
            .unwrap_or_default(),
        ..ImportOptions::default()
    };
    for options in [plain, named] {
        let Ok(imported) = import_markdown(markdown, &options) else {
            continue;
        };
        let text = match imported.to_ron() {
            Ok(text) => text,
            Err(err) => panic!("an imported questionnaire cannot be written: {err}"),
        };
        match Questionnaire::parse(&text) {
            Ok(questionnaire) => assert_eq!(
                questionnaire.items.len(),
                imported
                    .file
                    .sections
                    .iter()
                    .map(count_items)
                    .sum::<usize>(),
                "the items written are the items read back\n{text}"
            ),
            Err(err) => panic!("an imported questionnaire does not read back: {err}\n{text}"),
        }
    }
});

fn count_items(section: &provider_audit::model::SectionFile) -> usize {
    fn count(items: &[provider_audit::model::ItemFile]) -> usize {
        items.iter().map(|item| 1 + count(&item.items)).sum()
    }
    count(&section.items)
}
