//! Where a command writes: its standard output and standard error, given by the caller
//! (the terminal for the binary, buffers in tests). A closed pipe on standard output is not
//! an error (`provider-audit summary ... | head`): the reader has what it wanted.

use std::io::{self, Write};

/// The two streams of a run.
pub struct Io<'a> {
    /// Standard output: the command's result (a table, JSON, a report).
    pub out: &'a mut dyn Write,
    /// Standard error: findings, notes and what was written where.
    pub err: &'a mut dyn Write,
}

impl Io<'_> {
    /// Writes `text` to standard output and flushes it; a closed pipe is not an error.
    ///
    /// # Errors
    /// Any other I/O error.
    pub fn print(&mut self, text: &str) -> io::Result<()> {
        match self
            .out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush())
        {
            Err(err) if err.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            other => other,
        }
    }
}

/// One line to standard error. A failed write to standard error is ignored: there is
/// nowhere left to report it.
macro_rules! say {
    ($io:expr, $($arg:tt)*) => {{
        let _ = ::std::writeln!($io.err, $($arg)*);
    }};
}
pub(crate) use say;
