//! The spreadsheet round trip, in process: the workbook of the built-in questionnaire
//! (142 items) pre-filled from a full audit, and the import of that filled workbook into an
//! audit file's text. Median of 30 runs each. `cargo bench -p provider-audit-core --bench workbook`.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark report: it prints, and fails loudly on bad setup"
)]

use std::time::{Duration, Instant};

use provider_audit_core::model::{Date, Questionnaire};
use provider_audit_core::{synthetic, workbook};

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let questionnaire = Questionnaire::builtin();
    let mut rng = synthetic::Rng::new(11);
    let audit = synthetic::audit(questionnaire, "Bench Cloud AB", &mut rng);
    let request = workbook::Request {
        provider: Some("Bench Cloud AB"),
        sender: Some("Platform team"),
        from: Some(&audit),
    };
    let mut bytes = Vec::new();
    let written: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            bytes = workbook::write(questionnaire, request).expect("written");
            start.elapsed()
        })
        .collect();
    println!(
        "workbook of {} items, pre-filled ({} answers, {} KiB): median {:>7.2} ms",
        questionnaire.items.len(),
        audit.answers.len(),
        bytes.len() / 1024,
        median(written)
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("filled.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let today = Date::parse("2026-12-04").expect("date");
    let mut answers = 0;
    let imported: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            let read = workbook::read(&path, questionnaire, false).expect("read");
            let result = workbook::imported_audit(
                questionnaire,
                &read,
                &path,
                "Bench Cloud AB",
                None,
                today,
            );
            answers = read.rows.len();
            std::hint::black_box(result.text);
            start.elapsed()
        })
        .collect();
    println!(
        "import of the filled workbook ({answers} answers) into an audit file: median {:>7.2} ms",
        median(imported)
    );
}
