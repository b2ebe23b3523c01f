//! A count of frames drawn, printed as frames per second (`SCS_SIM_FRAME_LOG=1`).

use web_time::Instant;

/// Frames drawn, printed to stderr as frames per second every [`FrameLog::EVERY_S`].
#[derive(Debug)]
pub struct FrameLog {
    since: Instant,
    frames: u32,
}

impl FrameLog {
    /// Seconds between two lines.
    const EVERY_S: f64 = 5.0;

    pub fn new() -> FrameLog {
        FrameLog {
            since: Instant::now(),
            frames: 0,
        }
    }

    /// Counts a frame; prints the rate when the period is over. Wall time only: the log
    /// measures the window, never the simulation.
    pub fn frame(&mut self) {
        self.frames += 1;
        let elapsed = self.since.elapsed().as_secs_f64();
        if elapsed >= Self::EVERY_S {
            eprintln!(
                "scs-sim: {:.1} frames per second ({} frames in {elapsed:.1} s)",
                f64::from(self.frames) / elapsed,
                self.frames
            );
            *self = FrameLog::new();
        }
    }
}
