//! The built-in questionnaire keeps every item of the upstream Markdown page
//! (`assets/upstream/provider-audit.md`): replace that file with a newer copy and this
//! test names every item that changed.

use provider_audit_core::model::{ItemKind, Questionnaire};

use crate::util::root;

/// One list item of the upstream page: section heading, depth and text.
#[derive(Debug, PartialEq)]
struct UpstreamItem {
    section: String,
    depth: usize,
    text: String,
}

fn upstream_items() -> (Vec<UpstreamItem>, Vec<String>) {
    let text = std::fs::read_to_string(root().join("assets/upstream/provider-audit.md"))
        .expect("upstream page");
    let mut items = Vec::new();
    let mut section = String::new();
    let mut tags = Vec::new();
    let mut in_front_matter = false;
    for (number, line) in text.lines().enumerate() {
        if line == "---" {
            in_front_matter = number == 0;
            continue;
        }
        if in_front_matter {
            if let Some(tag) = line.trim().strip_prefix("- ") {
                tags.push(tag.to_owned());
            }
            continue;
        }
        if let Some(heading) = line.strip_prefix("## ") {
            heading.trim().clone_into(&mut section);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let Some(item) = line.trim_start().strip_prefix("1. ") else {
            continue;
        };
        let depth = indent / 4;
        // An item carrying its follow-up inline ("... test? 1. Can you share ...").
        if let Some((question, follow_up)) = item.split_once(" 1. ") {
            items.push(UpstreamItem {
                section: section.clone(),
                depth,
                text: question.to_owned(),
            });
            items.push(UpstreamItem {
                section: section.clone(),
                depth: depth + 1,
                text: follow_up.to_owned(),
            });
        } else {
            items.push(UpstreamItem {
                section: section.clone(),
                depth,
                text: item.to_owned(),
            });
        }
    }
    (items, tags)
}

#[test]
fn every_upstream_item_is_in_the_built_in_questionnaire_in_order() {
    let (upstream, _) = upstream_items();
    assert_eq!(upstream.len(), 142, "141 items upstream, one split in two");
    let q = Questionnaire::builtin();
    let built_in: Vec<UpstreamItem> = q
        .items
        .iter()
        .map(|item| UpstreamItem {
            section: q.sections[item.section].title.clone(),
            depth: item.depth,
            text: item.text.clone(),
        })
        .collect();
    let differences: Vec<String> = upstream
        .iter()
        .zip(&built_in)
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(index, (a, b))| format!("item {index}: upstream {a:?}\n  built-in {b:?}"))
        .collect();
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(upstream.len(), built_in.len());
}

#[test]
fn the_regulation_tags_are_carried_over() {
    let (_, tags) = upstream_items();
    assert_eq!(Questionnaire::builtin().regulations, tags);
}

#[test]
fn evidence_items_are_documents_and_scope_markers_are_tags() {
    let (upstream, _) = upstream_items();
    let q = Questionnaire::builtin();
    for (item, original) in q.items.iter().zip(&upstream) {
        assert_eq!(
            item.kind == ItemKind::Document,
            original.section == "Evidence",
            "{}",
            item.id
        );
        assert_eq!(
            item.text.starts_with("[For NFS]"),
            item.has_tag("nfs") && item.text.contains("NFS"),
            "{}",
            item.id
        );
        if original.text.starts_with("If not,") {
            assert_eq!(
                item.condition,
                Some(provider_audit_core::model::Condition::IfNot),
                "{}",
                item.id
            );
        }
        if original.text.starts_with("If yes,") {
            assert_eq!(
                item.condition,
                Some(provider_audit_core::model::Condition::IfYes),
                "{}",
                item.id
            );
        }
        if original.text.starts_with("[HIPAA only]") {
            assert!(item.has_tag("hipaa"), "{}", item.id);
        }
        let managed = ["Legal issues", "Collaboration", "Environment Management"]
            .contains(&original.section.as_str());
        assert_eq!(item.has_tag("managed-service"), managed, "{}", item.id);
    }
}

#[test]
fn the_upstream_copy_is_the_attributed_one() {
    let bytes =
        std::fs::read(root().join("assets/upstream/provider-audit.md")).expect("upstream page");
    let hash = provider_audit_core::fsutil::sha256_hex(&bytes);
    assert_eq!(
        hash, "90b4750519f70dbe2f74d475eca23e3721956ecaa9972ce801048838367ba88b",
        "SOURCE.txt names this hash"
    );
}
