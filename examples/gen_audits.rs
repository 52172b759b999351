//! Writes N full, realistic-sized synthetic audits (every question answered, answers of
//! 150 to 400 characters), deterministic from a seed:
//!
//! `cargo run --release --example gen_audits -- --providers 20 --out /tmp/audits [--seed 1]`

use std::path::PathBuf;

use provider_audit::model::Questionnaire;
use provider_audit::{fsutil, synthetic};

fn main() -> anyhow::Result<()> {
    let mut providers = 20_usize;
    let mut out = PathBuf::from("synthetic_audits");
    let mut seed = 1_u64;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args
            .next()
            .ok_or_else(|| anyhow::anyhow!("{arg} needs a value"))?;
        match arg.as_str() {
            "--providers" => providers = value.parse()?,
            "--out" => out = PathBuf::from(value),
            "--seed" => seed = value.parse()?,
            other => {
                anyhow::bail!("unknown option {other}; use --providers N --out DIR [--seed S]")
            }
        }
    }
    std::fs::create_dir_all(&out)?;
    for (index, audit) in synthetic::audits(Questionnaire::builtin(), providers, seed)
        .iter()
        .enumerate()
    {
        let path = out.join(format!("provider-{:03}.ron", index + 1));
        fsutil::write_atomic(&path, audit.to_ron()?.as_bytes())?;
    }
    eprintln!("wrote {providers} audits to {}", out.display());
    Ok(())
}
