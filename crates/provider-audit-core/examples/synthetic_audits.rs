//! Writes N full synthetic audits as the top-level example `gen_audits` does, built with the
//! core alone (no GUI, no dev-dependencies), for benchmarks on a machine without the app's
//! build: `cargo run --release -p provider-audit-core --example synthetic_audits -- 100 DIR [SEED]`.

use std::path::PathBuf;
use std::process::ExitCode;

use provider_audit_core::model::Questionnaire;
use provider_audit_core::{fsutil, synthetic};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (
        args.first().and_then(|n| n.parse::<usize>().ok()),
        args.get(1).map(PathBuf::from),
    ) else {
        eprintln!("usage: synthetic_audits COUNT DIR [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    if let Err(err) = std::fs::create_dir_all(&out) {
        eprintln!("{}: {err}", out.display());
        return ExitCode::from(2);
    }
    for (index, audit) in synthetic::audits(Questionnaire::builtin(), count, seed)
        .iter()
        .enumerate()
    {
        let path = out.join(format!("provider-{:03}.ron", index + 1));
        let written = audit
            .to_ron()
            .map_err(|err| err.to_string())
            .and_then(|text| {
                fsutil::write_atomic(&path, text.as_bytes()).map_err(|err| err.to_string())
            });
        if let Err(err) = written {
            eprintln!("{}: {err}", path.display());
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
