//! `provider-audit summary`: ranking, scores, gaps and knock-outs, in text and JSON,
//! with a comparison's weights, must-haves and annotations applied.

use crate::util::{root, run_in};

fn fixtures() -> std::path::PathBuf {
    root().join("tests/fixtures")
}

fn summary_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["summary", "--format", "json"];
    all.extend_from_slice(args);
    let result = run_in(&fixtures(), &all);
    assert_eq!(result.code, 0, "{}", result.stderr);
    serde_json::from_str(&result.stdout).expect("valid JSON")
}

#[test]
fn json_has_the_specified_keys() {
    let json = summary_json(&["alpha.ron", "beta.ron"]);
    let providers = json["providers"].as_array().expect("providers");
    assert_eq!(providers.len(), 2);
    for provider in providers {
        for key in [
            "name",
            "file",
            "rank",
            "score",
            "gaps",
            "knocked_out",
            "sections",
        ] {
            assert!(provider.get(key).is_some(), "missing {key}: {provider}");
        }
        assert_eq!(provider["sections"].as_array().expect("sections").len(), 6);
    }
    assert_eq!(providers[0]["name"], "Alpha Cloud AB");
    assert_eq!(providers[0]["rank"], 1);
    assert_eq!(providers[1]["rank"], 2);
}

#[test]
fn a_comparison_applies_must_haves_overrides_and_annotations() {
    let json = summary_json(&["comparison.ron"]);
    let providers = json["providers"].as_array().expect("providers");
    let alpha = &providers[0];
    let beta = &providers[1];
    assert_eq!(alpha["name"], "Alpha Cloud AB");
    assert_eq!(alpha["knocked_out"], false);
    assert_eq!(alpha["gaps_by_cause"]["weak"], 1);
    assert_eq!(beta["name"], "Beta Hosting GmbH");
    assert_eq!(beta["knocked_out"], true);
    assert_eq!(beta["knocked_out_by"][0], "legal.eu-jurisdiction.operation");
    assert_eq!(beta["follow_ups"], 1);
    // The override turns Beta's Partial on tech.az.locations into a Gap.
    let beta_tech = &beta["sections"][0];
    assert_eq!(beta_tech["gaps_by_cause"]["gap"], 1);
    assert_eq!(beta_tech["gaps_by_cause"]["partial"], 0);
    let legal = beta["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|s| s["id"] == "legal")
        .expect("legal");
    assert_eq!(legal["weight"], 2.0);
    assert_eq!(json["decision"]["provider"], "Alpha Cloud AB");
}

#[test]
fn naming_the_comparison_and_its_audits_loads_each_audit_once() {
    let direct = summary_json(&["comparison.ron"]);
    let both = summary_json(&["alpha.ron", "beta.ron", "--comparison", "comparison.ron"]);
    assert_eq!(both["providers"].as_array().map(Vec::len), Some(2));
    assert_eq!(direct["providers"], both["providers"]);
}

#[test]
fn text_is_an_aligned_table_with_knock_outs_and_the_decision() {
    let result = run_in(&fixtures(), &["summary", "comparison.ron"]);
    assert_eq!(result.code, 0, "{}", result.stderr);
    let lines: Vec<&str> = result.stdout.lines().collect();
    let header = lines
        .iter()
        .find(|l| l.trim_start().starts_with("Rank"))
        .expect("header");
    assert!(
        header.contains("Technical") && header.contains("Legal"),
        "{header}"
    );
    let alpha = lines
        .iter()
        .find(|l| l.contains("Alpha Cloud AB"))
        .expect("row");
    let beta = lines
        .iter()
        .find(|l| l.contains("Beta Hosting GmbH") && l.contains("out"))
        .expect("row");
    assert_eq!(
        alpha.find("Alpha"),
        beta.find("Beta"),
        "provider column aligned"
    );
    assert!(result.stdout.contains(
        "Knocked out by must-have questions:\n  Beta Hosting GmbH: legal.eu-jurisdiction.operation"
    ));
    assert!(
        result
            .stdout
            .contains("Decision: Alpha Cloud AB (by Platform board, 2026-11-30)")
    );
}

#[test]
fn one_bad_file_is_reported_and_the_others_summarised() {
    let result = run_in(
        &fixtures(),
        &["summary", "alpha.ron", "syntax-error.ron", "beta.ron"],
    );
    assert_eq!(result.code, 1);
    assert!(
        result
            .stderr
            .contains("syntax-error.ron:4:5: error: Expected comma"),
        "{}",
        result.stderr
    );
    assert!(
        result.stdout.contains("Alpha Cloud AB") && result.stdout.contains("Beta Hosting GmbH")
    );
}

#[test]
fn nothing_loadable_exits_with_2() {
    let result = run_in(&fixtures(), &["summary", "no-such-file.ron"]);
    assert_eq!(result.code, 2);
    assert!(
        result
            .stderr
            .contains("no-such-file.ron: error: no such file"),
        "{}",
        result.stderr
    );
}

#[test]
fn the_samples_rank_in_a_defensible_order() {
    let result = run_in(
        &root(),
        &[
            "summary",
            "--format",
            "json",
            "sample_audits/nordlys.ron",
            "sample_audits/hyperion.ron",
            "sample_audits/kvarnby.ron",
            "sample_audits/eisenwald.ron",
            "sample_audits/skarv.ron",
        ],
    );
    assert_eq!(result.code, 0, "{}", result.stderr);
    let json: serde_json::Value = serde_json::from_str(&result.stdout).expect("json");
    let names: Vec<&str> = json["providers"]
        .as_array()
        .expect("providers")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(names.first(), Some(&"Nordlys Cloud AB"));
    assert_eq!(
        names.last(),
        Some(&"Skarv Networks Oy"),
        "the audit in progress ranks last"
    );
}

/// The samples in a temporary folder, with the meeting's Collaboration weight at `weight`.
fn samples_with_collaboration_weight(weight: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for entry in std::fs::read_dir(root().join("sample_audits")).expect("samples") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let name = path.file_name().expect("name");
            let mut text = std::fs::read_to_string(&path).expect("read");
            if name == "selection-meeting.comparison.ron" {
                text = text.replace("\"collab\": 1.0,", &format!("\"collab\": {weight},"));
            }
            std::fs::write(dir.path().join(name), text).expect("write");
        }
    }
    dir
}

#[test]
fn a_decision_whose_provider_no_longer_leads_is_flagged_in_text_and_json() {
    let dir = samples_with_collaboration_weight("0.1");
    let text = run_in(dir.path(), &["summary", "selection-meeting.comparison.ron"]);
    assert!(
        text.stdout.contains(
            "WARNING: The decision for Nordlys Cloud AB no longer matches what is shown: \
             Eisenwald Cloud GmbH ranks first now (Nordlys Cloud AB is 2)"
        ),
        "{}",
        text.stdout
    );
    let json = run_in(
        dir.path(),
        &[
            "summary",
            "--format",
            "json",
            "selection-meeting.comparison.ron",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(json["decision"]["holds"], false);
    assert_eq!(json["decision"]["leader"], "Eisenwald Cloud GmbH");

    let unchanged = samples_with_collaboration_weight("1.0");
    let json = run_in(
        unchanged.path(),
        &[
            "summary",
            "--format",
            "json",
            "selection-meeting.comparison.ron",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    assert_eq!(json["decision"]["holds"], true, "the meeting's own weights");
    let text = run_in(
        unchanged.path(),
        &["summary", "selection-meeting.comparison.ron"],
    );
    assert!(
        !text.stdout.contains("WARNING: The decision"),
        "{}",
        text.stdout
    );
}

#[test]
fn json_has_the_sensitivity_of_every_section() {
    let json = run_in(
        &root().join("sample_audits"),
        &[
            "summary",
            "--format",
            "json",
            "selection-meeting.comparison.ron",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&json.stdout).expect("JSON");
    let sensitivity = json["sensitivity"].as_array().expect("sensitivity");
    assert_eq!(sensitivity.len(), 6, "one entry per section");
    let collab = sensitivity
        .iter()
        .find(|s| s["section"] == "collab")
        .expect("collab");
    let low = collab["low"]
        .as_f64()
        .expect("Nordlys loses the lead at a lower weight");
    assert!(low > 0.1 && low < 1.0, "{collab}");
    assert_eq!(collab["challenger"], "Eisenwald Cloud GmbH");
}

#[test]
fn a_comparison_alone_brings_its_audits_to_summary_export_and_report() {
    let dir = root().join("sample_audits");
    let summary = run_in(
        &dir,
        &[
            "summary",
            "--comparison",
            "selection-meeting.comparison.ron",
        ],
    );
    assert_eq!(summary.code, 0, "{}", summary.stderr);
    assert!(summary.stdout.contains("Nordlys Cloud AB"));
    let out = tempfile::tempdir().expect("temp dir");
    let image = out.path().join("c.svg");
    let report = out.path().join("r.md");
    for args in [
        vec![
            "export",
            "--comparison",
            "selection-meeting.comparison.ron",
            "-o",
        ],
        vec![
            "report",
            "--comparison",
            "selection-meeting.comparison.ron",
            "-o",
        ],
    ] {
        let target = if args[0] == "export" { &image } else { &report };
        let mut args = args;
        let target_text = target.display().to_string();
        args.push(&target_text);
        let run = run_in(&dir, &args);
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        assert!(target.is_file(), "{args:?} wrote its file");
    }
}

#[test]
fn a_mistyped_command_is_named_with_the_nearest_one_instead_of_opening_the_app() {
    let run = run_in(&root().join("sample_audits"), &["chek", "nordlys.ron"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("unknown command 'chek' (did you mean 'check'?)"),
        "{}",
        run.stderr
    );
    let run = run_in(&root().join("sample_audits"), &["missing.ron"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("no such file: missing.ron"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_counts_the_answers_still_to_judge() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = std::fs::read_to_string(fixtures().join("alpha.ron"))
        .expect("read")
        .replace(
            "answers: {",
            "answers: {\n        \"tech.iam.offered\": (answer: \"Keystone, with SSO\"),\n        \"tech.iam.roles-api\": (answer: \"   \"),",
        );
    std::fs::write(dir.path().join("alpha.ron"), text).expect("write");
    let run = run_in(dir.path(), &["summary", "--format", "json", "alpha.ron"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let before = run_in(&fixtures(), &["summary", "--format", "json", "alpha.ron"]);
    let before: serde_json::Value = serde_json::from_str(&before.stdout).expect("JSON");
    let judged = before["providers"][0]["to_judge"].as_u64().expect("count");
    assert_eq!(
        json["providers"][0]["to_judge"].as_u64(),
        Some(judged + 1),
        "an answer with text and no verdict is to judge; a blank one is not"
    );
}

#[test]
fn files_without_a_command_open_the_app_and_no_argument_opens_it_empty() {
    let dir = root().join("tests/fixtures");
    let run = run_in(&dir, &["alpha.ron", "beta.ron"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.opened_app,
        Some(vec!["alpha.ron".into(), "beta.ron".into()])
    );
    let empty = run_in(&dir, &[]);
    assert_eq!(empty.opened_app, Some(Vec::new()));
    let typo = run_in(&dir, &["sumary"]);
    assert_eq!(typo.code, 2);
    assert_eq!(typo.opened_app, None, "a mistyped command opens nothing");
}
