//! The `provider-audit` binary: the command line (the `provider-audit-cli` library) joined
//! with the desktop app, which opens for `provider-audit [FILE]...`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    provider_audit_cli::run(
        std::env::args_os(),
        &mut stdout.lock(),
        &mut stderr.lock(),
        &mut provider_audit::app::run,
    )
}
