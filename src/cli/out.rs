//! Standard output for the commands: every write returns its error, so a closed pipe
//! (`| head -1`) ends the program quietly and a full disk (`> /dev/full`) with one
//! sentence, never with a panic.

use std::fmt::Display;
use std::io::{self, BufWriter, StdoutLock, Write};

/// Writing the output failed: the reader went away or the disk is full.
#[derive(Debug, thiserror::Error)]
#[error("cannot write the output: {}", plain(.0))]
pub struct WriteFailed(pub io::Error);

impl WriteFailed {
    /// Whether the reader closed its end (`| head -1`): nothing is wrong, the program
    /// ends quietly.
    pub fn is_broken_pipe(&self) -> bool {
        self.0.kind() == io::ErrorKind::BrokenPipe
    }
}

/// The system's words without the error number ("No space left on device").
fn plain(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// Buffered standard output whose writes report failures as [`WriteFailed`].
pub struct Out {
    w: BufWriter<StdoutLock<'static>>,
}

impl Out {
    /// Standard output, buffered.
    pub fn stdout() -> Out {
        Out {
            w: BufWriter::with_capacity(64 * 1024, io::stdout().lock()),
        }
    }

    /// Writes text as it is.
    pub fn text(&mut self, s: &str) -> Result<(), WriteFailed> {
        self.w.write_all(s.as_bytes()).map_err(WriteFailed)
    }

    /// Writes one line.
    pub fn line(&mut self, s: impl Display) -> Result<(), WriteFailed> {
        writeln!(self.w, "{s}").map_err(WriteFailed)
    }

    /// Hands everything written so far to the system.
    pub fn flush(&mut self) -> Result<(), WriteFailed> {
        self.w.flush().map_err(WriteFailed)
    }
}
