//! Time in one place: wall time becomes simulated time at the chosen speed (moving the
//! clinician's amplitude ramp with it), and the running session is autosaved.

use super::prefs::Speed;
use crate::files;
use crate::session::Session;
use crate::session::ramp::Ramp;
use crate::session::record::Recording;
use std::path::PathBuf;

/// Longest wall-time step taken in one frame, s (a stalled window does not leap ahead).
const MAX_FRAME_S: f64 = 0.1;
/// Wall seconds between autosaves of a changed session.
const AUTOSAVE_EVERY_S: f64 = 5.0;

/// The window's clock: speed to resume at, and when the session was last autosaved.
pub struct Clock {
    resume_speed: Speed,
    autosave: Option<PathBuf>,
    last_save: f64,
    dirty: bool,
}

impl Clock {
    /// A clock starting at `speed`, autosaving to `autosave` if given.
    pub fn new(speed: Speed, autosave: Option<PathBuf>) -> Clock {
        Clock {
            resume_speed: if speed == Speed::Paused {
                Speed::X10
            } else {
                speed
            },
            autosave,
            last_save: 0.0,
            dirty: false,
        }
    }

    /// Notes that the session changed (it will be autosaved).
    pub fn touch(&mut self) {
        self.dirty = true;
    }

    /// Pauses `speed`, or resumes it at the last running speed.
    pub fn toggle_pause(&mut self, speed: &mut Speed) {
        if *speed == Speed::Paused {
            *speed = self.resume_speed;
        } else {
            self.resume_speed = *speed;
            *speed = Speed::Paused;
        }
    }

    /// Moves `session` on by `wall_dt` seconds of wall time at `speed`, and the ramp with it.
    pub fn advance(&mut self, session: &mut Session, ramp: &mut Ramp, speed: Speed, wall_dt: f64) {
        let factor = speed.factor();
        if factor == 0.0 {
            return;
        }
        let before = session.t_s;
        session.step(wall_dt.clamp(0.0, MAX_FRAME_S) * factor);
        let _ = ramp.advance(session, before);
        self.dirty = true;
    }

    /// Moves `session` on by `simulated_s` seconds at once, in the steps the window would
    /// take at 60× (tests and teachers skipping ahead).
    pub fn advance_by(&mut self, session: &mut Session, ramp: &mut Ramp, simulated_s: f64) {
        let step_s = MAX_FRAME_S * Speed::X60.factor();
        let steps = (simulated_s / step_s).ceil() as usize;
        for _ in 0..steps {
            self.advance(session, ramp, Speed::X60, MAX_FRAME_S);
        }
    }

    /// Saves the session if it changed and the last save is old enough; `Some` with the
    /// outcome when it tried.
    pub fn autosave(
        &mut self,
        session: &Session,
        patient_id: &str,
        now: f64,
    ) -> Option<Result<(), String>> {
        let path = self.autosave.as_ref()?;
        if !self.dirty || now - self.last_save < AUTOSAVE_EVERY_S {
            return None;
        }
        self.last_save = now;
        self.dirty = false;
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let rec = Recording::of(session, patient_id);
        Some(files::save_ron(path, &rec).map_err(|e| format!("Autosave failed: {e}")))
    }

    /// A clean exit: removes the autosave, so nothing is offered back next time.
    pub fn forget_autosave(&self) {
        if let Some(path) = &self.autosave {
            let _ = std::fs::remove_file(path);
        }
    }
}
