//! Benchmarks of the core and the app's frame (a bench binary: medians, no assertions).
//!
//! `cargo bench --bench core` prints, for synthetic full audits:
//! - load (read + parse + validate) and score, for 5, 20, 100 and 500 audits;
//! - CPU time of one UI frame (layout, painting and tessellation, headless egui context)
//!   for the overview and the largest section with 5, 20 and 100 providers, and for
//!   100 providers × 500 questions;
//! - typing into the interview's answer field with 20 providers, and saving a full audit;
//! - one UI frame with ten providers' CSA CAIQs of 283 questions each (made-up questions,
//!   the self-assessment accepted): overview, the largest domain, the Responsibility view.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark report: it prints, and fails loudly on bad setup"
)]

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use provider_audit::app::{Model, Prefs, ProviderAuditApp, View};
use provider_audit::model::{Date, Questionnaire};
use provider_audit::synthetic;
use provider_audit::workspace::Workspace;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn write_audits(
    dir: &std::path::Path,
    questionnaire: &Questionnaire,
    count: usize,
) -> Vec<PathBuf> {
    synthetic::audits(questionnaire, count, 42)
        .iter()
        .enumerate()
        .map(|(index, audit)| {
            let path = dir.join(format!("provider-{index:03}.ron"));
            std::fs::write(&path, audit.to_ron().expect("serializes")).expect("writes");
            path
        })
        .collect()
}

fn bench_load(questionnaire: &Questionnaire, count: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = write_audits(dir.path(), questionnaire, count);
    let today = Date::today();
    let runs = if count >= 500 { 5 } else { 15 };
    let samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let workspace = Workspace::load(&paths, questionnaire, today);
            let ranking = workspace.ranking(questionnaire);
            assert_eq!(ranking.len(), count);
            start.elapsed()
        })
        .collect();
    println!(
        "load + validate + score, {count:>3} audits: median {:>8.2} ms",
        median(samples).as_secs_f64() * 1e3
    );
}

/// One frame's input: a 1600x1000 window.
fn window() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    }
}

/// Lays out, paints and tessellates one frame of `app`.
fn frame(ctx: &egui::Context, app: &mut ProviderAuditApp) {
    let output = ctx.run_ui(window(), |ui| app.show(ui));
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    assert!(!primitives.is_empty());
}

fn bench_frame(
    label: &str,
    questionnaire: Questionnaire,
    providers: usize,
    view: View,
    section: usize,
) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = write_audits(dir.path(), &questionnaire, providers);
    let model = Model::load(Arc::new(questionnaire), paths);
    let prefs = Prefs {
        view,
        section,
        ..Prefs::default()
    };
    time_frames(label, &mut ProviderAuditApp::from_model(prefs, model));
}

/// Prints the median of 60 frames of `app`, after 5 to warm up (fonts, galley caches, the
/// first layout).
fn time_frames(label: &str, app: &mut ProviderAuditApp) {
    let ctx = egui::Context::default();
    for _ in 0..5 {
        frame(&ctx, app);
    }
    let samples: Vec<Duration> = (0..60)
        .map(|_| {
            let start = Instant::now();
            frame(&ctx, app);
            start.elapsed()
        })
        .collect();
    println!(
        "frame, {label:<40} median {:>6.2} ms",
        median(samples).as_secs_f64() * 1e3
    );
}

/// Typing into the interview's answer field with 20 providers loaded: each frame applies one
/// more letter to the audit being edited (the session derives the view again) and draws.
fn bench_typing(questionnaire: &Questionnaire) {
    let dir = tempfile::tempdir().expect("temp dir");
    let paths = write_audits(dir.path(), questionnaire, 20);
    let model = Model::load(Arc::new(questionnaire.clone()), paths);
    let prefs = Prefs {
        view: View::Interview,
        ..Prefs::default()
    };
    let mut app = ProviderAuditApp::from_model(prefs, model);
    let provider = app.model.view().providers[0].name.clone();
    app.apply(provider_audit::app::Command::EditAudit(provider, None));
    let id = questionnaire.items[1].id.clone();
    let ctx = egui::Context::default();
    for _ in 0..5 {
        frame(&ctx, &mut app);
    }
    let mut text = String::new();
    let samples: Vec<Duration> = (0..60)
        .map(|n| {
            text.push(if n % 6 == 5 { ' ' } else { 'a' });
            let start = Instant::now();
            app.push(provider_audit::app::Command::AuditEdit(
                provider_audit::interview::AuditEdit::Answer(id.clone(), text.clone()),
            ));
            frame(&ctx, &mut app);
            start.elapsed()
        })
        .collect();
    println!(
        "frame, typing an answer, 20 providers          median {:>6.2} ms",
        median(samples).as_secs_f64() * 1e3
    );
}

/// Writing an audit of every question (142 items) in the canonical layout, atomically, with
/// its backups.
fn bench_save_audit(questionnaire: &Questionnaire) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("audit.ron");
    let mut rng = synthetic::Rng::new(7);
    let audit = synthetic::audit(questionnaire, "Saved Cloud AB", &mut rng);
    let mut on_disk = None;
    let samples: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            let bytes = provider_audit::audit_file::save_audit(
                &path,
                questionnaire,
                &audit,
                on_disk.as_deref(),
            )
            .expect("saved");
            let elapsed = start.elapsed();
            on_disk = Some(provider_audit::fsutil::sha256_hex(&bytes));
            elapsed
        })
        .collect();
    println!(
        "save an audit of {} answers: median {:>8.2} ms",
        audit.answers.len(),
        median(samples).as_secs_f64() * 1e3
    );
}

/// Ten providers' CAIQs of 283 made-up questions (the size of CAIQ v4.1), imported as
/// `import caiq` does, the self-assessment accepted; one frame of `view`.
fn bench_caiq_frame(label: &str, view: View, section: usize) {
    use provider_audit::caiq::{self, sample};
    use provider_audit::interview::AuditEdit;
    use provider_audit::session::Editable as _;
    let mut rows = sample::made_up_rows(17, 6, 3, 5);
    rows.truncate(283);
    let bytes = sample::SampleWorkbook::new("4.1", rows)
        .to_bytes()
        .expect("written");
    let read = caiq::read_bytes(bytes, "bench.xlsx").expect("read");
    let today = Date::parse("2026-12-07").expect("date");
    let dir = tempfile::tempdir().expect("temp dir");
    let mut questionnaire = None;
    let paths: Vec<PathBuf> = (1..=10)
        .map(|index| {
            let provider = format!("CAIQ Cloud {index:02}");
            let imported =
                caiq::import(&read, std::path::Path::new("bench.xlsx"), &provider, today)
                    .expect("imported");
            let audit = imported.audit.apply(AuditEdit::AcceptSelfAssessment);
            let path = dir.path().join(format!("caiq-{index:02}.ron"));
            std::fs::write(&path, audit.to_ron().expect("serializes")).expect("writes");
            questionnaire = Some(imported.questionnaire);
            path
        })
        .collect();
    let questionnaire = questionnaire.expect("ten imports");
    let largest = questionnaire
        .sections
        .iter()
        .map(|s| s.label.clone())
        .nth(section)
        .unwrap_or_default();
    let model = Model::load(Arc::new(questionnaire), paths);
    assert_eq!(model.provider_count(), 10);
    let prefs = Prefs {
        view,
        section,
        ..Prefs::default()
    };
    let label = if view == View::Matrix {
        format!("{label} {largest}")
    } else {
        label.to_owned()
    };
    time_frames(&label, &mut ProviderAuditApp::from_model(prefs, model));
}

fn main() {
    if std::env::args().any(|arg| arg == "caiq") {
        // `cargo bench --bench core -- caiq`: only the CAIQ frames.
        bench_caiq_frame("10 CAIQs x 283, overview", View::Overview, 0);
        bench_caiq_frame("10 CAIQs x 283, domain", View::Matrix, 0);
        bench_caiq_frame("10 CAIQs x 283, responsibility", View::Responsibility, 0);
        return;
    }
    let builtin = Questionnaire::builtin();
    bench_save_audit(builtin);
    for count in [5, 20, 100, 500] {
        bench_load(builtin, count);
    }
    for providers in [5, 20, 100] {
        bench_frame(
            &format!("overview, {providers} providers"),
            builtin.clone(),
            providers,
            View::Overview,
            0,
        );
        bench_frame(
            &format!("Technical (76 items), {providers} providers"),
            builtin.clone(),
            providers,
            View::Matrix,
            0,
        );
    }
    bench_frame(
        "100 providers x 500 questions",
        synthetic::large_questionnaire(500),
        100,
        View::Matrix,
        0,
    );
    bench_typing(builtin);
    bench_caiq_frame("10 CAIQs x 283, overview", View::Overview, 0);
    bench_caiq_frame("10 CAIQs x 283, domain", View::Matrix, 0);
    bench_caiq_frame("10 CAIQs x 283, responsibility", View::Responsibility, 0);
}
