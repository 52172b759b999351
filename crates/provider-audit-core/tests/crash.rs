//! Saving survives being killed at any moment: a child process saves a comparison in a
//! loop and is killed with SIGKILL at pseudo-random moments; the file on disk must always
//! be the old or the new version, never damaged or missing.
//!
//! The child is this test binary itself, re-run on `crash::save_loop_child` with
//! `PROVIDER_AUDIT_SAVE_LOOP` naming the file. `PROVIDER_AUDIT_CRASH_ITERATIONS` sets the
//! number of kills (200 by default; the hardening run uses 1000).

use std::process::{Command, Stdio};
use std::time::Duration;

use provider_audit_core::compare::save;
use provider_audit_core::model::{AuditRef, Comparison, QuestionId};
use provider_audit_core::synthetic::Rng;

/// Two versions of about 45 KiB.
fn versions() -> (Comparison, Comparison) {
    let make = |weight: f64| Comparison {
        format: Some(1),
        audits: (0..300)
            .map(|n| AuditRef {
                path: format!("audits/provider-{n:04}.ron"),
                sha256: Some(format!("{n:064x}")),
            })
            .collect(),
        must_have: vec![QuestionId::new("legal.dpa")],
        section_weights: [("legal".into(), weight)].into_iter().collect(),
        ..Comparison::default()
    };
    (make(1.5), make(2.5))
}

#[test]
#[expect(
    clippy::print_stdout,
    reason = "the child tells its parent on standard output that it runs"
)]
fn save_loop_child() {
    let Some(path) = std::env::var_os("PROVIDER_AUDIT_SAVE_LOOP") else {
        return; // Only runs as the child of the test below.
    };
    let (a, b) = versions();
    for round in 0_u64.. {
        save(
            std::path::Path::new(&path),
            if round % 2 == 0 { &b } else { &a },
        )
        .expect("save");
        if round == 0 {
            // Tell the parent the loop runs, so that every kill lands during saving.
            println!("\nprovider-audit-save-loop-started");
            std::io::Write::flush(&mut std::io::stdout()).expect("flush");
        }
    }
}

#[test]
fn the_comparison_on_disk_is_always_the_old_or_the_new_version() {
    let iterations: usize = std::env::var("PROVIDER_AUDIT_CRASH_ITERATIONS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(200);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("meeting.comparison.ron");
    let (a, b) = versions();
    save(&path, &a).expect("first version");
    let mut rng = Rng::new(2026);
    let (mut saw_a, mut saw_b) = (0, 0);
    for iteration in 0..iterations {
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args([
                "--exact",
                "crash::save_loop_child",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("PROVIDER_AUDIT_SAVE_LOOP", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("child starts");
        let stdout = child.stdout.take().expect("piped");
        let started = std::io::BufRead::lines(std::io::BufReader::new(stdout))
            .map_while(Result::ok)
            .any(|line| line.contains("provider-audit-save-loop-started"));
        assert!(
            started,
            "iteration {iteration}: the child never started saving"
        );
        std::thread::sleep(Duration::from_micros(rng.below(100_000) as u64));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
            panic!("iteration {iteration}: file missing or unreadable: {err}")
        });
        let comparison = Comparison::from_ron(&text)
            .unwrap_or_else(|err| panic!("iteration {iteration}: damaged file: {err}"));
        if comparison == a {
            saw_a += 1;
        } else if comparison == b {
            saw_b += 1;
        } else {
            panic!("iteration {iteration}: neither version");
        }
        if let Ok(backup) = std::fs::read_to_string(dir.path().join("meeting.comparison.ron.bak")) {
            let backup = Comparison::from_ron(&backup)
                .unwrap_or_else(|err| panic!("iteration {iteration}: damaged backup: {err}"));
            assert!(
                backup == a || backup == b,
                "iteration {iteration}: backup is neither version"
            );
        }
    }
    assert_eq!(saw_a + saw_b, iterations);
    assert!(
        saw_a > 0 && saw_b > 0,
        "kills landed at different moments: {saw_a} old, {saw_b} new"
    );
}
