#![allow(clippy::expect_used, reason = "tests fail loudly on bad setup")]

use super::{ChangeKind, Direction, Piece, diff, word_diff};
use crate::model::{Audit, Comparison, Questionnaire, Verdict};

fn comparison(text: &str) -> Comparison {
    Comparison::from_ron(text).expect("parses")
}

fn audit(text: &str) -> Audit {
    Audit::from_ron(text).expect("parses")
}

const OLD: &str = r#"(format: 1, provider: "P", audited_on: "2025-11-20", answers: {
    "tech.az.locations": (answer: "Two sites.", verdict: Partial, evidence: ["Site list"]),
    "tech.az.api-presentation": (answer: "One API.", verdict: Meets),
    "tech.services.offered": (answer: "VMs and storage.", verdict: Meets),
    "tech.services.all-zones": (answer: "Yes.", verdict: Meets),
})"#;

const NEW: &str = r#"(format: 1, provider: "P AB", audited_on: "2026-11-20", answers: {
    "tech.az.locations": (answer: "Three sites.", verdict: Meets, evidence: ["Site list 2026"]),
    "tech.az.api-presentation": (answer: "One API for all zones.", verdict: Meets),
    "tech.services.offered": (answer: "VMs only.", verdict: Gap),
    "tech.iam.offered": (answer: "Yes, Keystone.", verdict: Meets),
})"#;

#[test]
fn every_kind_of_change_is_listed_worse_first_within_a_section() {
    let q = Questionnaire::builtin();
    let result = diff(
        q,
        (&audit(OLD), "old.ron"),
        (&audit(NEW), "new.ron"),
        &Comparison::default(),
    );
    assert!(result.renamed());
    let listed: Vec<(&str, ChangeKind, Direction)> = result
        .changes
        .iter()
        .map(|c| (c.id.as_str(), c.kind, c.direction))
        .collect();
    assert_eq!(
        listed,
        [
            (
                "tech.services.offered",
                ChangeKind::Verdict,
                Direction::Worse
            ),
            (
                "tech.services.all-zones",
                ChangeKind::Removed,
                Direction::Worse
            ),
            (
                "tech.az.api-presentation",
                ChangeKind::Answer,
                Direction::Same
            ),
            ("tech.az.locations", ChangeKind::Verdict, Direction::Better),
            ("tech.iam.offered", ChangeKind::Added, Direction::Better),
        ]
    );
    let located = &result.changes[3];
    assert_eq!(
        (located.old_verdict, located.new_verdict),
        (Some(Verdict::Partial), Some(Verdict::Meets))
    );
    assert_eq!(
        located.evidence,
        [
            "named document added: Site list 2026",
            "named document removed: Site list"
        ]
    );
    let tech = &result.sections[0];
    assert_eq!(tech.id, "tech");
    assert!(tech.old_score.is_some() && tech.new_score.is_some());
}

#[test]
fn an_audit_against_itself_has_no_changes() {
    let q = Questionnaire::builtin();
    let a = audit(OLD);
    let result = diff(q, (&a, "a.ron"), (&a, "a.ron"), &Comparison::default());
    assert!(result.changes.is_empty());
    assert!(!result.renamed());
}

#[test]
fn the_diff_backwards_mirrors_the_diff_forwards() {
    let q = Questionnaire::builtin();
    let (a, b) = (audit(OLD), audit(NEW));
    let forwards = diff(q, (&a, "a"), (&b, "b"), &Comparison::default());
    let backwards = diff(q, (&b, "b"), (&a, "a"), &Comparison::default());
    assert_eq!(forwards.changes.len(), backwards.changes.len());
    for change in &forwards.changes {
        let mirror = backwards
            .changes
            .iter()
            .find(|c| c.id == change.id)
            .expect("listed both ways");
        assert_eq!(
            (mirror.old_verdict, mirror.new_verdict),
            (change.new_verdict, change.old_verdict)
        );
        let expected = match change.direction {
            Direction::Better => Direction::Worse,
            Direction::Worse => Direction::Better,
            Direction::Same => Direction::Same,
        };
        assert_eq!(mirror.direction, expected, "{}", change.id);
        let expected_kind = match change.kind {
            ChangeKind::Added => ChangeKind::Removed,
            ChangeKind::Removed => ChangeKind::Added,
            other => other,
        };
        assert_eq!(mirror.kind, expected_kind, "{}", change.id);
    }
}

fn joined(pieces: &[Piece], keep_removed: bool) -> String {
    pieces
        .iter()
        .filter_map(|piece| match piece {
            Piece::Same(text) => Some(text.as_str()),
            Piece::Removed(text) if keep_removed => Some(text.as_str()),
            Piece::Added(text) if !keep_removed => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn word_diffs_give_both_texts_back_for_hostile_strings() {
    let texts = [
        ("", "new text"),
        ("old text", ""),
        ("He said \"yes\"", "He said \"no\" 👍🏽"),
        ("line one\nline two", "line one\r\nline 2\n"),
        ("עברית and العربية", "עברית or العربية 🇸🇪"),
        ("=HYPERLINK(\"x\")", "+1 -1 @sum"),
    ];
    for (old, new) in texts {
        let pieces = word_diff(old, new);
        assert_eq!(joined(&pieces, true), old);
        assert_eq!(joined(&pieces, false), new);
    }
    let pieces = word_diff("Two sites in Sweden.", "Three sites in Sweden.");
    assert_eq!(
        pieces,
        [
            Piece::Removed("Two".to_owned()),
            Piece::Added("Three".to_owned()),
            Piece::Same(" sites in Sweden.".to_owned()),
        ]
    );
}

#[test]
fn annotations_carry_over_where_the_answer_did_not_change() {
    let q = Questionnaire::builtin();
    let earlier = comparison(
        r#"(format: 1, audits: [], annotations: [
            (provider: "P", question: "tech.services.offered", flag: Some(Weak), comment: "VMs only?", author: "ak", at: "2025-11-20T10:00:00Z"),
            (provider: "P", question: "org.iso27001", flag: Some(FollowUp), comment: "Ask for the SoA", author: "ak", at: "2025-11-20T10:01:00Z"),
            (provider: "P", question: "tech.network.dns", flag: Some(Accepted), comment: "Own DNS", author: "ml", at: "2025-11-20T10:02:00Z"),
            (provider: "Other", question: "org.iso27001", flag: Some(Weak), comment: "not ours", author: "ml", at: "2025-11-20T10:03:00Z"),
        ])"#,
    );
    let old = audit(
        r#"(format: 1, provider: "P", audited_on: "2025-11-20", answers: {
            "tech.services.offered": (answer: "VMs.", verdict: Partial),
            "org.iso27001": (answer: "Yes.", verdict: Meets),
            "tech.network.dns": (answer: "Yes.", verdict: Meets),
        })"#,
    );
    let new = audit(
        r#"(format: 1, provider: "P AB", audited_on: "2026-11-20", answers: {
            "tech.services.offered": (answer: "VMs and storage.", verdict: Partial),
            "org.iso27001": (answer: "Yes.", verdict: Meets),
            "tech.network.dns": (answer: "Yes.", verdict: Meets),
        })"#,
    );
    let current = comparison(
        r#"(format: 1, audits: [], annotations: [
            (provider: "P AB", question: "tech.network.dns", flag: Some(Weak), comment: "new view", author: "cs", at: "2026-11-21T10:00:00Z"),
        ])"#,
    );
    let d = diff(
        q,
        (&old, "old.ron"),
        (&new, "new.ron"),
        &Comparison::default(),
    );
    let (result, carried) = super::carry_over(&earlier, &current, &d);
    assert_eq!(
        carried, 1,
        "only the unchanged answer without an annotation of its own"
    );
    let carried = result
        .annotation("P AB", "org.iso27001")
        .expect("carried over");
    assert_eq!(
        (carried.comment.as_str(), carried.author.as_str()),
        ("Ask for the SoA", "ak")
    );
    assert!(
        result.annotation("P AB", "tech.services.offered").is_none(),
        "the answer changed"
    );
    assert_eq!(
        result
            .annotation("P AB", "tech.network.dns")
            .map(|a| a.comment.as_str()),
        Some("new view"),
        "this year's annotation stays"
    );
}

#[test]
fn a_document_that_expired_between_the_audits_is_an_evidence_change() {
    let q = Questionnaire::builtin();
    let text = |date: &str, hash: &str| {
        format!(
            r#"(format: 1, provider: "P", audited_on: "{date}", answers: {{
                "evidence.certificates": (answer: "ISO 27001.", verdict: Meets),
            }}, documents: [
                (item: "evidence.certificates", file: "iso.pdf", sha256: "{hash}", expires: "2026-06-30"),
            ])"#
        )
    };
    let hash = "a".repeat(64);
    let old = audit(&text("2025-11-20", &hash));
    let new = audit(&text("2026-11-20", &hash));
    let result = diff(q, (&old, "old"), (&new, "new"), &Comparison::default());
    assert_eq!(result.changes.len(), 1);
    let change = &result.changes[0];
    assert_eq!(
        (change.kind, change.direction),
        (ChangeKind::Evidence, Direction::Same)
    );
    assert_eq!(change.evidence, ["document expired on 2026-06-30: iso.pdf"]);
    // Renewed with another file content: its hash changed, and it no longer expired.
    let renewed = audit(&text("2026-11-20", &"b".repeat(64)).replace("2026-06-30", "2029-06-30"));
    let result = diff(q, (&old, "old"), (&renewed, "new"), &Comparison::default());
    assert_eq!(
        result.changes[0].evidence,
        ["document changed (another SHA-256): iso.pdf"]
    );
}

const CLASS_OLD: &str = r#"(format: 1, provider: "P", audited_on: "2025-11-20", answers: {
    "tech.az.locations": (answer: "Two sites, 20 km apart.", verdict: Meets),
    "tech.az.api-presentation": (answer: "One API.", verdict: Meets),
    "tech.services.offered": (answer: "VMs and storage.", claim: "Yes"),
    "tech.services.all-zones": (answer: "All zones.", claim: "Yes", ownership: CspOwned),
    "tech.iam.offered": (answer: "Keystone \"v3\" - federated", claim: "Yes"),
    "tech.iam.rbac-services": (answer: "Backups.", claim: "No"),
})"#;

const CLASS_NEW: &str = r#"(format: 1, provider: "P", audited_on: "2026-11-20", answers: {
    "tech.az.locations": (answer: "Two sites, 20 km apart.", verdict: Partial),
    "tech.az.api-presentation": (answer: "One API for every zone.", verdict: Meets),
    "tech.services.offered": (answer: "VMs and storage.", claim: "No"),
    "tech.services.all-zones": (answer: "All zones.", claim: "Yes", ownership: SharedCspCsc),
    "tech.iam.offered": (answer: "keystone  “v3” — federated", claim: "Yes"),
    "tech.iam.rbac-services": (answer: "Backups.", claim: "Yes"),
    "tech.iam.roles-api": (answer: "Yes.", claim: "Yes"),
})"#;

#[test]
fn every_change_is_classified() {
    use super::ChangeClass;
    let q = Questionnaire::builtin();
    let result = diff(
        q,
        (&audit(CLASS_OLD), "old.ron"),
        (&audit(CLASS_NEW), "new.ron"),
        &Comparison::default(),
    );
    let class = |id: &str| result.changes.iter().find(|c| c.id == id).map(|c| c.class);
    assert_eq!(class("tech.az.locations"), Some(ChangeClass::Regression));
    assert_eq!(class("tech.az.api-presentation"), Some(ChangeClass::Text));
    assert_eq!(
        class("tech.services.offered"),
        Some(ChangeClass::Regression),
        "Yes → No"
    );
    assert_eq!(
        class("tech.iam.rbac-services"),
        Some(ChangeClass::Improvement),
        "No → Yes"
    );
    assert_eq!(
        class("tech.services.all-zones"),
        Some(ChangeClass::Ownership)
    );
    assert_eq!(class("tech.iam.offered"), Some(ChangeClass::Wording));
    assert_eq!(class("tech.iam.roles-api"), Some(ChangeClass::Added));
    assert_eq!(result.wording_changes, 1);
    let json = serde_json::to_string(&result).expect("json");
    assert!(json.contains(r#""class":"wording""#), "{json}");
    // Folded by default, listed on request.
    let folded = super::render(&result, super::Style::Text);
    assert!(
        folded.contains(
            "6 changes, and 1 wording change (spacing, quotes, dashes or capitals only) not listed"
        ),
        "{folded}"
    );
    assert!(!folded.contains("tech.iam.offered"), "{folded}");
    assert!(
        folded.contains("ownership tech.services.all-zones"),
        "{folded}"
    );
    let listed = super::render_with(&result, super::Style::Text, true);
    assert!(listed.contains("wording  tech.iam.offered"), "{listed}");
}

#[test]
fn two_versions_differing_only_in_wording_say_so_in_one_line() {
    let q = Questionnaire::builtin();
    let old = audit(CLASS_OLD);
    let mut new = old.clone();
    new.audited_on = Some("2026-11-20".to_owned());
    for (_, answer) in &mut new.answers.0 {
        answer.answer = format!(
            "  {}",
            answer.answer.replace(' ', "  ").replace('"', "\u{201d}")
        );
        if let Some(first) = answer.answer.trim_start().chars().next() {
            let upper: String = first.to_uppercase().collect();
            answer.answer = answer.answer.trim_start().replacen(first, &upper, 1);
        }
    }
    let result = diff(
        q,
        (&old, "old.ron"),
        (&new, "new.ron"),
        &Comparison::default(),
    );
    assert_eq!(result.wording_changes, result.changes.len());
    assert!(result.changes.len() >= 5);
    for style in [super::Style::Text, super::Style::Markdown] {
        let text = super::render(&result, style);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(
            text.contains(&format!(
                "{} wording changes, no answer changed",
                result.changes.len()
            )),
            "{text}"
        );
        assert!(!text.contains("tech."), "no change listed: {text}");
        assert!(lines.len() <= 4, "{text}");
    }
}
