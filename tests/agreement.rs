//! What the app draws agrees with `summary --format json`, the CSV report, the comparison
//! image and the PDF record: the same ranks, scores, gaps, knock-outs and the chosen
//! provider, and the same score and gaps in every section, for the sample meeting and for
//! generated sets. The app's side is read from what the window draws (its accessible
//! labels, through kittest), not from the value the command line also prints, so a view
//! that computed a score or a "chosen" of its own would fail here.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use provider_audit::app::{Prefs, ProviderAuditApp};
use provider_audit::model::Questionnaire;

use crate::util::root;

/// What a renderer says of one provider.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Provider {
    name: String,
    rank: usize,
    score: String,
    gaps: usize,
    chosen: bool,
    knocked_out: bool,
}

/// Provider name and section label → score as shown (or "–") and gaps.
type Sections = BTreeMap<(String, String), (String, usize)>;

/// Runs the command line in process with `args`; it must run (findings allowed).
fn cli(args: &[String]) -> String {
    let mut all = vec!["provider-audit".to_owned()];
    all.extend(args.iter().cloned());
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = provider_audit_cli::run(all, &mut out, &mut err, &mut |_| Ok(()));
    let stderr = String::from_utf8_lossy(&err);
    assert!(
        code == std::process::ExitCode::SUCCESS || stderr.contains("error"),
        "{args:?}: {stderr}"
    );
    String::from_utf8(out).expect("UTF-8")
}

fn names(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|f| f.display().to_string()).collect()
}

/// Reads the overview as drawn: the Overall row and every section cell of the heat map.
fn app_view(files: &[PathBuf], questionnaire: &Questionnaire) -> (Vec<Provider>, Sections) {
    let app = ProviderAuditApp::new(Prefs::default(), files.to_vec());
    let mut harness = egui_kittest::Harness::builder()
        .with_size(egui::vec2(2400.0, 1400.0))
        .build_ui_state(|ui, app: &mut ProviderAuditApp| app.show(ui), app);
    harness.run();
    let providers: Vec<String> = harness
        .state()
        .model
        .view()
        .providers
        .iter()
        .map(|p| p.name.clone())
        .collect();
    let mut drawn = Vec::new();
    let mut sections = Sections::new();
    for name in &providers {
        let prefix = format!("Overall, {name}: ");
        let label = drawn_label(&harness, &prefix);
        drawn.push(parse_overall(name, &label[prefix.len()..]));
        for section in &questionnaire.sections {
            let prefix = format!("{}, {name}: ", section.label);
            let label = drawn_label(&harness, &prefix);
            let (score, gaps) = label[prefix.len()..].split_once(", ").expect("score, gaps");
            let gaps = gaps.trim_end_matches(" gaps").parse().expect("gaps");
            sections.insert(
                (name.clone(), section.label.clone()),
                (score.to_owned(), gaps),
            );
        }
    }
    drawn.sort_by_key(|p| p.rank);
    (drawn, sections)
}

/// The accessible label that starts with `prefix` (exactly one node has it).
fn drawn_label(harness: &egui_kittest::Harness<'_, ProviderAuditApp>, prefix: &str) -> String {
    let node = harness.get_by_label_contains(prefix).accesskit_node();
    // AccessKit keeps a label's text as its value, a button's as its label.
    node.label().or_else(|| node.value()).expect("a label")
}

/// `93.0, 12 gaps, rank 1, chosen, knocked out` (the last two when they hold).
fn parse_overall(name: &str, text: &str) -> Provider {
    let parts: Vec<&str> = text.split(", ").collect();
    Provider {
        name: name.to_owned(),
        score: parts[0].to_owned(),
        gaps: parts[1].trim_end_matches(" gaps").parse().expect("gaps"),
        rank: parts[2].trim_start_matches("rank ").parse().expect("rank"),
        chosen: parts.contains(&"chosen"),
        knocked_out: parts.contains(&"knocked out"),
    }
}

fn summary_view(files: &[PathBuf]) -> (Vec<Provider>, Sections) {
    let mut args = vec![
        "summary".to_owned(),
        "--format".to_owned(),
        "json".to_owned(),
    ];
    args.extend(names(files));
    let json: serde_json::Value = serde_json::from_str(&cli(&args)).expect("JSON");
    let chosen = json["decision"]["provider"].as_str().map(str::to_owned);
    let mut providers = Vec::new();
    let mut sections = Sections::new();
    for p in json["providers"].as_array().expect("providers") {
        let name = p["name"].as_str().expect("name").to_owned();
        providers.push(Provider {
            rank: usize::try_from(p["rank"].as_u64().expect("rank")).expect("small"),
            score: format!("{:.1}", p["score"].as_f64().expect("score")),
            gaps: usize::try_from(p["gaps"].as_u64().expect("gaps")).expect("small"),
            chosen: chosen.as_deref() == Some(name.as_str()),
            knocked_out: p["knocked_out"].as_bool().expect("knocked_out"),
            name: name.clone(),
        });
        for s in p["sections"].as_array().expect("sections") {
            let score = s["score"]
                .as_f64()
                .map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
            let gaps = usize::try_from(s["gaps"].as_u64().expect("gaps")).expect("small");
            sections.insert(
                (name.clone(), s["label"].as_str().expect("label").to_owned()),
                (score, gaps),
            );
        }
    }
    (providers, sections)
}

fn report_view(
    dir: &Path,
    files: &[PathBuf],
    questionnaire: &Questionnaire,
) -> (Vec<Provider>, Sections) {
    let out = dir.join("report.csv");
    let mut args = vec![
        "report".to_owned(),
        "-o".to_owned(),
        out.display().to_string(),
    ];
    args.extend(names(files));
    cli(&args);
    let text = std::fs::read_to_string(&out).expect("report");
    let mut reader = csv_records(&text);
    let header = reader.remove(0);
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (record, provider, rank, section, score, gaps, status) = (
        column("record"),
        column("provider"),
        column("rank"),
        column("section"),
        column("score"),
        column("gaps"),
        column("status"),
    );
    let label_of = |id: &str| {
        questionnaire
            .sections
            .iter()
            .find(|s| s.id.as_str() == id)
            .map(|s| s.label.clone())
            .expect("a section id")
    };
    let mut providers = Vec::new();
    let mut sections = Sections::new();
    for fields in reader {
        match fields[record].as_str() {
            "provider" => providers.push(Provider {
                name: fields[provider].clone(),
                rank: fields[rank].parse().expect("rank"),
                score: fields[score].clone(),
                gaps: fields[gaps].parse().expect("gaps"),
                chosen: fields[status].split("; ").any(|s| s == "chosen"),
                knocked_out: fields[status].contains("knocked out"),
            }),
            "section" => {
                let shown = if fields[score].is_empty() {
                    "–".to_owned()
                } else {
                    fields[score].clone()
                };
                sections.insert(
                    (fields[provider].clone(), label_of(&fields[section])),
                    (shown, fields[gaps].parse().expect("gaps")),
                );
            }
            _ => {}
        }
    }
    (providers, sections)
}

/// RFC 4180 records (quoted fields with commas, quotes and line breaks).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut field)),
            ('\n', false) => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

/// The image shows each provider's name and score, in rank order.
fn check_image(dir: &Path, files: &[PathBuf], expected: &[Provider]) {
    let out = dir.join("out.svg");
    let mut args = vec![
        "export".to_owned(),
        "-o".to_owned(),
        out.display().to_string(),
    ];
    args.extend(names(files));
    cli(&args);
    let svg = std::fs::read_to_string(&out).expect("image");
    let texts = crate::util::svg_texts(&svg);
    let mut last = 0;
    for provider in expected {
        let at = texts
            .iter()
            .position(|t| *t == provider.name)
            .unwrap_or_else(|| panic!("{} is drawn", provider.name));
        assert!(at >= last, "{} is drawn in rank order", provider.name);
        last = at;
        assert!(
            texts[at..].contains(&provider.score),
            "{}'s score {} is drawn after its name",
            provider.name,
            provider.score
        );
    }
}

/// The PDF record's text has each provider with its score, and names the chosen one.
fn check_pdf(dir: &Path, files: &[PathBuf], expected: &[Provider]) {
    let out = dir.join("record.pdf");
    let mut args = vec![
        "export".to_owned(),
        "-o".to_owned(),
        out.display().to_string(),
    ];
    args.extend(names(files));
    cli(&args);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &out.display().to_string(), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = String::from_utf8_lossy(&text.stdout);
    for provider in expected {
        let line = text
            .lines()
            .find(|l| l.contains(&provider.name) && l.contains(&provider.score))
            .unwrap_or_else(|| {
                panic!(
                    "a line of the record has {} with {}",
                    provider.name, provider.score
                )
            });
        assert!(!line.is_empty());
    }
}

fn all_agree(files: &[PathBuf]) -> Vec<Provider> {
    let dir = tempfile::tempdir().expect("temp dir");
    let questionnaire = Questionnaire::builtin();
    let (app, app_sections) = app_view(files, questionnaire);
    assert!(app.len() >= 2, "a comparison of several providers");
    assert!(!app_sections.is_empty());
    let (summary, summary_sections) = summary_view(files);
    assert_eq!(summary, app, "summary --format json");
    assert_eq!(summary_sections, app_sections, "summary's sections");
    let (report, report_sections) = report_view(dir.path(), files, questionnaire);
    assert_eq!(report, app, "report CSV");
    assert_eq!(report_sections, app_sections, "report's sections");
    check_image(dir.path(), files, &app);
    check_pdf(dir.path(), files, &app);
    app
}

#[test]
fn the_sample_meeting_reads_the_same_everywhere() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("sample_audits"))
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let app = all_agree(&files);
    assert!(
        app.iter().any(|p| p.chosen) && app.iter().any(|p| p.knocked_out),
        "the samples have a chosen provider and knock-outs to compare: {app:?}"
    );
}

#[test]
fn generated_sets_read_the_same_everywhere() {
    let questionnaire = Questionnaire::builtin();
    for (count, seed) in [(3, 7_u64), (8, 99)] {
        let dir = tempfile::tempdir().expect("temp dir");
        let files: Vec<PathBuf> = provider_audit::synthetic::audits(questionnaire, count, seed)
            .iter()
            .enumerate()
            .map(|(index, audit)| {
                let path = dir.path().join(format!("provider-{index:03}.ron"));
                std::fs::write(&path, audit.to_ron().expect("serializes")).expect("writes");
                path
            })
            .collect();
        all_agree(&files);
    }
}
