//! The four renderers of one comparison agree: the app, `summary --format json`, the CSV
//! report and the comparison image show the same ranks, scores and follow-ups, for the
//! sample meeting and for generated sets, because they all render the core's one view.

use std::path::{Path, PathBuf};

use provider_audit::app::{Prefs, ProviderAuditApp};
use provider_audit::model::Questionnaire;

use crate::util::{root, run_in};

/// What each renderer says of one provider: name, rank, score as shown, follow-ups.
type Row = (String, usize, String, usize);

fn app_rows(files: &[PathBuf]) -> Vec<Row> {
    let app = ProviderAuditApp::new(Prefs::default(), files.to_vec());
    app.model
        .view()
        .providers
        .iter()
        .map(|p| {
            (
                p.name.clone(),
                p.rank,
                format!("{:.1}", p.score),
                p.follow_ups,
            )
        })
        .collect()
}

fn args(files: &[PathBuf]) -> Vec<String> {
    files.iter().map(|f| f.display().to_string()).collect()
}

/// Runs the binary in `dir` with `head` then the files; it must run (findings allowed).
fn run_with(dir: &Path, head: &[&str], files: &[PathBuf]) -> crate::util::Run {
    let files = args(files);
    let mut command: Vec<&str> = head.to_vec();
    command.extend(files.iter().map(String::as_str));
    let run = run_in(dir, &command);
    assert!(run.code <= 1, "{head:?}: {}", run.stderr);
    run
}

fn summary_rows(dir: &Path, files: &[PathBuf]) -> Vec<Row> {
    let run = run_with(dir, &["summary", "--format", "json"], files);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    json["providers"]
        .as_array()
        .expect("providers")
        .iter()
        .map(|p| {
            (
                p["name"].as_str().expect("name").to_owned(),
                usize::try_from(p["rank"].as_u64().expect("rank")).expect("small"),
                format!("{:.1}", p["score"].as_f64().expect("score")),
                usize::try_from(p["follow_ups"].as_u64().expect("count")).expect("small"),
            )
        })
        .collect()
}

fn report_rows(dir: &Path, files: &[PathBuf]) -> Vec<Row> {
    run_with(dir, &["report", "-o", "report.csv"], files);
    let text = std::fs::read_to_string(dir.join("report.csv")).expect("report");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).expect(name);
    let (provider, rank, score, follow_ups) = (
        column("provider"),
        column("rank"),
        column("score"),
        column("follow_ups"),
    );
    lines
        .filter(|line| line.starts_with("provider,"))
        .map(|line| {
            // Provider names of these sets have no comma or quote.
            let fields: Vec<&str> = line.split(',').collect();
            (
                fields[provider].to_owned(),
                fields[rank].parse().expect("rank"),
                fields[score].to_owned(),
                fields[follow_ups].parse().expect("count"),
            )
        })
        .collect()
}

/// The image shows each provider's name and score; names come in rank order.
fn check_image(dir: &Path, files: &[PathBuf], expected: &[Row]) {
    run_with(dir, &["export", "-o", "out.svg"], files);
    let svg = std::fs::read_to_string(dir.join("out.svg")).expect("image");
    let texts = crate::util::svg_texts(&svg);
    let mut last = 0;
    for (name, _, score, _) in expected {
        let at = texts
            .iter()
            .position(|t| t == name)
            .unwrap_or_else(|| panic!("{name} is drawn"));
        assert!(at >= last, "{name} is drawn in rank order");
        last = at;
        assert!(
            texts[at..].iter().any(|t| t == score),
            "{name}'s score {score} is drawn after its name"
        );
    }
}

fn all_agree(dir: &Path, files: &[PathBuf]) {
    let app = app_rows(files);
    assert!(app.len() >= 2, "a comparison of several providers");
    assert_eq!(summary_rows(dir, files), app, "summary --format json");
    assert_eq!(report_rows(dir, files), app, "report CSV");
    check_image(dir, files, &app);
}

#[test]
fn the_sample_meeting_reads_the_same_everywhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("sample_audits"))
        .expect("samples")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    files.sort();
    let app = app_rows(&files);
    assert!(
        app.iter().any(|(_, _, _, follow_ups)| *follow_ups > 0),
        "the samples have follow-ups to compare"
    );
    all_agree(dir.path(), &files);
}

#[test]
fn generated_sets_read_the_same_everywhere() {
    let questionnaire = Questionnaire::builtin();
    for (count, seed) in [(3, 7_u64), (12, 99)] {
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
        all_agree(dir.path(), &files);
    }
}
