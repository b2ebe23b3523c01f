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

/// The output of a `simulate` run that may save a session. With a session to save, a
/// reader that goes away (or a full disk) does not stop the run: the rest of the output
/// is skipped, the session is saved, and then the write error is reported.
pub struct RunOut<'a> {
    out: &'a mut Out,
    saving: bool,
    failed: Option<WriteFailed>,
}

impl<'a> RunOut<'a> {
    /// Output to `out`; `saving`: a session is saved at the end of the run.
    pub fn new(out: &'a mut Out, saving: bool) -> RunOut<'a> {
        RunOut {
            out,
            saving,
            failed: None,
        }
    }

    /// Writes with `write`, unless an earlier write failed. A failure ends the run
    /// unless a session is to be saved; then it is kept for [`RunOut::finish`].
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut Out) -> Result<(), WriteFailed>,
    ) -> Result<(), WriteFailed> {
        if self.failed.is_some() {
            return Ok(());
        }
        match write(self.out) {
            Err(e) if self.saving => {
                self.failed = Some(e);
                Ok(())
            }
            result => result,
        }
    }

    /// The write failure kept while the run went on, if any (after the session is saved).
    pub fn finish(self) -> Result<(), WriteFailed> {
        self.failed.map_or(Ok(()), Err)
    }
}

/// How `simulate` prints its series.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The summary and about twenty rows.
    Text,
    /// Every row as CSV with a header.
    Csv,
    /// `{"series": [...], "summary": {...}}`, the rows streamed as they come.
    Json,
}
