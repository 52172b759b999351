//! The CAIQ import, in process: a made-up CAIQ-shaped workbook of 283 questions (17 domains,
//! the size of CAIQ v4.1) read, turned into its questionnaire and audit, and both files'
//! text written to memory. Median of 30 runs. `cargo bench -p provider-audit-core --bench caiq`.

#![allow(
    clippy::expect_used,
    clippy::print_stdout,
    reason = "a benchmark report: it prints, and fails loudly on bad setup"
)]

use std::time::{Duration, Instant};

use provider_audit_core::caiq::{self, sample};
use provider_audit_core::model::Date;

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let mut rows = sample::made_up_rows(17, 6, 3, 5);
    rows.truncate(283);
    let bytes = sample::SampleWorkbook::new("4.1", rows)
        .to_bytes()
        .expect("written");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench-cloud.xlsx");
    std::fs::write(&path, &bytes).expect("write");
    let today = Date::parse("2026-12-06").expect("date");
    let mut written = 0;
    let runs: Vec<Duration> = (0..30)
        .map(|_| {
            let start = Instant::now();
            let read = caiq::read(&path).expect("read");
            let imported = caiq::import(&read, &path, "Bench Cloud", today).expect("imported");
            written = imported.audit_text.len() + imported.questionnaire_text.len();
            start.elapsed()
        })
        .collect();
    println!(
        "CAIQ of 283 questions ({} KiB xlsx) read and imported ({} KiB of RON): median {:>7.2} ms",
        bytes.len() / 1024,
        written / 1024,
        median(runs)
    );
}
