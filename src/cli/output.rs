//! Writing to standard output without panicking when the reader goes away
//! (`provider-audit summary ... | head`).

use std::io::{self, Write};

/// Writes `text` to standard output. A closed pipe is not an error: the reader has
/// what it wanted.
///
/// # Errors
/// Any other I/O error.
pub fn print(text: &str) -> io::Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}
