//! The import against the upstream page, and against hostile pages.

use super::{ImportError, ImportOptions, import_markdown};
use crate::model::{Condition, ItemKind, Questionnaire};

const UPSTREAM: &str = include_str!("../../../../assets/upstream/provider-audit.md");

fn upstream_options() -> ImportOptions {
    ImportOptions {
        documents: Some("Evidence".to_owned()),
        section_tags: ["Legal issues", "Collaboration", "Environment Management"]
            .into_iter()
            .map(|s| (s.to_owned(), "managed-service".to_owned()))
            .collect(),
        ..ImportOptions::default()
    }
}

/// Everything of an item but its id.
fn shape(q: &Questionnaire) -> Vec<String> {
    q.items
        .iter()
        .map(|item| {
            format!(
                "{} | {} | {:?} | {:?} | {:?} | {:?} | {}",
                q.sections[item.section].title,
                item.depth,
                item.parent,
                item.kind,
                item.condition,
                item.tags,
                item.text
            )
        })
        .collect()
}

#[test]
fn the_upstream_page_gives_the_built_in_tree() {
    let imported = import_markdown(UPSTREAM, &upstream_options()).expect("imports");
    let text = imported.to_ron().expect("writes");
    let q = Questionnaire::parse(&text).expect("the written file reads back");
    let builtin = Questionnaire::builtin();
    let (ours, theirs) = (shape(&q), shape(builtin));
    let differences: Vec<String> = ours
        .iter()
        .zip(&theirs)
        .filter(|(a, b)| a != b)
        .map(|(a, b)| format!("imported {a}\n built-in {b}"))
        .collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(ours.len(), theirs.len());
    assert_eq!(q.title, builtin.title);
    assert_eq!(q.id, builtin.id);
    assert_eq!(q.regulations, builtin.regulations);
    assert!(
        text.contains("never\n// after"),
        "the ids comment is written"
    );
    // Rationale has no list, Overview asks no question: both left out, the latter noted.
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.message.contains("`Overview` asks no question")),
        "{:?}",
        imported.notes
    );
}

#[test]
fn upstream_ids_are_readable_and_stable() {
    let imported = import_markdown(UPSTREAM, &upstream_options()).expect("imports");
    let q = Questionnaire::from_file(imported.file).expect("valid");
    let ids: Vec<&str> = q.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids[0], "technical.availability-zones");
    assert_eq!(ids[1], "technical.availability-zones.data-centers");
    assert!(
        ids.contains(&"technical.storage-capabilities.block-storage.configure-user"),
        "{ids:?}"
    );
    let again = import_markdown(UPSTREAM, &upstream_options()).expect("imports");
    let again = Questionnaire::from_file(again.file).expect("valid");
    let again_ids: Vec<&str> = again.items.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(again_ids, ids, "same input, same ids");
}

#[test]
fn a_page_without_lists_is_a_clear_error() {
    let err = import_markdown(
        "# Title\n\nJust prose.\n\n## A\n\nMore prose.\n",
        &ImportOptions::default(),
    )
    .expect_err("no items");
    assert!(matches!(err, ImportError::NoItems), "{err}");
    let err = import_markdown("", &ImportOptions::default()).expect_err("empty");
    assert!(matches!(err, ImportError::NoItems), "{err}");
}

#[test]
fn ten_thousand_items_import_with_unique_ids() {
    let mut page = String::from("# Big\n\n## Many\n\n");
    for n in 0..10_000 {
        page.push_str(&format!("1. Is item {} ready?\n", n % 100));
    }
    let imported = import_markdown(&page, &ImportOptions::default()).expect("imports");
    let q = Questionnaire::from_file(imported.file).expect("valid");
    assert_eq!(q.items.len(), 10_000);
    assert_eq!(q.items[0].id.as_str(), "many.item-0");
    assert_eq!(q.items[100].id.as_str(), "many.item-0-ready");
    assert_eq!(q.items[200].id.as_str(), "many.item-0-ready-2");
}

#[test]
fn fifty_deep_nesting_is_a_clear_error_with_its_line() {
    let mut page = String::from("## Deep\n\n");
    for depth in 0..50 {
        page.push_str(&format!("{}- Level {depth}?\n", "  ".repeat(depth)));
    }
    let err = import_markdown(&page, &ImportOptions::default()).expect_err("too deep");
    assert_eq!(err.to_string().split(':').next(), Some("7"), "{err}");
    assert!(err.to_string().contains("deeper than four levels"), "{err}");
}

#[test]
fn html_tables_code_blocks_and_crlf_are_read_without_harm() {
    let page = "# Mixed\r\n\r\n## Ops\r\n\r\n<div>\r\n<ul><li>Not a list item?</li></ul>\r\n</div>\r\n\r\n\
        | a | b |\r\n| - | - |\r\n| 1 | 2 |\r\n\r\n```\r\n1. Not an item?\r\n```\r\n\r\n\
        1. Do you <b>really</b> back up?\r\n    1. If not, why?\r\n";
    let imported = import_markdown(page, &ImportOptions::default()).expect("imports");
    let q = Questionnaire::from_file(imported.file).expect("valid");
    let texts: Vec<&str> = q.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Do you <b>really</b> back up?", "If not, why?"]);
    assert_eq!(q.items[1].condition, Some(Condition::IfNot));
    assert_eq!(q.items[0].id.as_str(), "ops.really-back");
}

#[test]
fn non_latin_text_gets_readable_ids() {
    let page = "# Аудит\n\n## Безопасность\n\n1. Где находятся ваши центры обработки данных?\n1. 数据中心在哪里？\n1. 🙂\n1. 🙂\n";
    let imported = import_markdown(page, &ImportOptions::default()).expect("imports");
    let q = Questionnaire::from_file(imported.file).expect("valid");
    for item in &q.items {
        assert!(crate::model::is_valid_id(item.id.as_str()), "{}", item.id);
    }
    assert_eq!(
        q.items[0].text,
        "Где находятся ваши центры обработки данных?"
    );
    assert_eq!(q.sections[0].id.as_str(), "bezopasnost");
}

#[test]
fn documents_headings_tags_and_options() {
    let page = "# Mine\n\n## Checks\n\n- Backups:\n  - [For NFS] Are exports squashed?\n- Firewall\n  - Is there one?\n\n## Papers\n\n- Contract\n- Insurance\n";
    let options = ImportOptions {
        id: Some("mine".to_owned()),
        documents: Some("papers".to_owned()),
        ..ImportOptions::default()
    };
    let imported = import_markdown(page, &options).expect("imports");
    let q = Questionnaire::from_file(imported.file.clone()).expect("valid");
    let kinds: Vec<ItemKind> = q.items.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            ItemKind::Heading,
            ItemKind::Question,
            ItemKind::Heading,
            ItemKind::Question,
            ItemKind::Document,
            ItemKind::Document
        ]
    );
    assert!(q.items[1].has_tag("nfs"));
    assert_eq!(q.id, "mine");
    let missing = ImportOptions {
        documents: Some("Nowhere".to_owned()),
        ..ImportOptions::default()
    };
    let err = import_markdown(page, &missing).expect_err("no such section");
    assert!(err.to_string().contains("`Checks`, `Papers`"), "{err}");
    let bad_id = ImportOptions {
        id: Some("Not An Id".to_owned()),
        ..ImportOptions::default()
    };
    assert!(import_markdown(page, &bad_id).is_err());
}
