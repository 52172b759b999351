//! The `provider-audit` binary: a thin shell over the library (see `cli`).

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // Handle each error exactly once: here, for everything that made the run impossible.
            eprintln!("provider-audit: error: {err:#}");
            ExitCode::from(cli::EXIT_COULD_NOT_RUN)
        }
    }
}
