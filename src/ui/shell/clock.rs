//! Time in one place: real elapsed wall time becomes simulated time at the chosen speed
//! (moving the clinician's amplitude ramp with it), and the running session is autosaved.
//! Nothing here assumes a frame rate: a window drawn at 4 frames a second runs 10× as
//! fast as one drawn at 60.

use crate::session::Session;
use crate::session::ramp::{RAMP_EVERY_S, Ramp};
use crate::session::record::Recording;
use crate::ui::platform::autosave::Autosave;
use crate::ui::prefs::Speed;
use web_time::{Duration, Instant};

/// Longest wall-time step taken in one frame, s (a stalled window does not leap ahead).
/// Longer than the slowest repaint while time runs (one frame a simulated second at 1×),
/// so that a window repainted only when the picture changes keeps its speed.
pub const MAX_FRAME_S: f64 = 1.5;
/// The scope animates at most this many frames per wall second.
pub const SCOPE_FPS: f64 = 30.0;
/// Wall-time step of [`Clock::advance_by`], s (6 simulated seconds at 60×).
const SKIP_STEP_S: f64 = 0.1;
/// Wall time a frame may spend on the days at home before it draws.
const HOME_FRAME_BUDGET: Duration = Duration::from_millis(40);
/// Simulated seconds moved between looks at the wall clock while the patient is at home.
const HOME_SLICE_S: f64 = 600.0;
/// Most simulated time a frame passes at home, s: however fast the machine, the days go by
/// one at a time, so the bar is seen to move and a frame never jumps a whole visit gap.
const HOME_MOST_PER_FRAME_S: f64 = 86_400.0;
/// How the status line starts when an autosave failed.
pub const AUTOSAVE_FAILED: &str = "Autosave failed";
/// Wall seconds between autosaves of a changed session.
const AUTOSAVE_EVERY_S: f64 = 5.0;

/// The window's clock: speed to resume at, and when the session was last autosaved.
pub struct Clock {
    resume_speed: Speed,
    autosave: Option<Autosave>,
    last_save: f64,
    dirty: bool,
    /// Wall time of the last frame, s (egui's clock).
    last_frame: Option<f64>,
}

impl Clock {
    /// A clock starting at `speed`, autosaving to `autosave` if given.
    pub fn new(speed: Speed, autosave: Option<Autosave>) -> Clock {
        Clock {
            resume_speed: if speed == Speed::Paused {
                Speed::X10
            } else {
                speed
            },
            autosave,
            last_save: 0.0,
            dirty: false,
            last_frame: None,
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

    /// The wall time elapsed since the last frame, s, for a frame drawn at wall time `now`
    /// (0 on the first frame; at most [`MAX_FRAME_S`], so a stall does not leap hours).
    pub fn wall_dt(&mut self, now: f64) -> f64 {
        let dt = self
            .last_frame
            .map_or(0.0, |last| (now - last).clamp(0.0, MAX_FRAME_S));
        self.last_frame = Some(now);
        dt
    }

    /// Moves `session` on by `wall_dt` seconds of wall time at `factor` simulated seconds
    /// per wall second (at most [`MAX_FRAME_S`] of wall time), and the ramp with it: a
    /// running ramp is moved on every [`RAMP_EVERY_S`] simulated seconds, however long the
    /// frame.
    pub fn advance(&mut self, session: &mut Session, ramp: &mut Ramp, factor: f64, wall_dt: f64) {
        if factor <= 0.0 {
            return;
        }
        let mut left = wall_dt.clamp(0.0, MAX_FRAME_S) * factor;
        while left > 0.0 {
            let step = if ramp.is_running() {
                left.min(RAMP_EVERY_S)
            } else {
                left
            };
            let before = session.t_s;
            session.step(step);
            let _ = ramp.advance(session, before);
            left -= step;
        }
        self.dirty = true;
    }

    /// Moves `session` on by `simulated_s` seconds at once, in the steps the window would
    /// take at 60× (tests and teachers skipping ahead).
    pub fn advance_by(&mut self, session: &mut Session, ramp: &mut Ramp, simulated_s: f64) {
        let step_s = SKIP_STEP_S * Speed::X60.factor();
        let steps = (simulated_s / step_s).ceil() as usize;
        for _ in 0..steps {
            self.advance(session, ramp, Speed::X60.factor(), SKIP_STEP_S);
        }
    }

    /// Moves `session` on towards its next visit (the patient at home) for this frame's
    /// share of wall time (and at most a day), so that a week at home shows its progress
    /// instead of freezing the window; true while the patient is still at home.
    pub fn pass_time_at_home(&mut self, session: &mut Session) -> bool {
        let started = Instant::now();
        let until = session
            .away_until_s
            .min(session.t_s + HOME_MOST_PER_FRAME_S);
        while session.t_s < until {
            let next = (session.t_s + HOME_SLICE_S).min(until);
            session.advance_to(next);
            self.dirty = true;
            if started.elapsed() >= HOME_FRAME_BUDGET {
                break;
            }
        }
        session.t_s < session.away_until_s
    }

    /// Saves the session if it changed and the last save is old enough; `Some` with the
    /// outcome when it tried.
    pub fn autosave(
        &mut self,
        session: &Session,
        (patient_id, trainee): (&str, &str),
        now: f64,
    ) -> Option<Result<(), String>> {
        let to = self.autosave.as_ref()?;
        if !self.dirty || now - self.last_save < AUTOSAVE_EVERY_S {
            return None;
        }
        self.last_save = now;
        self.dirty = false;
        let rec = Recording::of(session, patient_id).whose(Some(trainee), None);
        Some(
            to.write(&rec)
                .map_err(|e| format!("{AUTOSAVE_FAILED}: {e}")),
        )
    }

    /// A clean exit: removes the autosave, so nothing is offered back next time.
    pub fn forget_autosave(&self) {
        if let Some(to) = &self.autosave {
            to.remove();
        }
    }
}

/// Wall seconds until the picture changes while time runs `factor` times real time from
/// simulated time
/// `t_s` (the clock's speed, or a replay's): the physiology (and the clock shown) moves on a one-second grid, so one frame a
/// simulated second, at most [`SCOPE_FPS`] frames a wall second; a moving scope
/// (`scope_moves`) is drawn at [`SCOPE_FPS`]. `None` when paused: egui repaints on input.
pub fn repaint_after(factor: f64, t_s: f64, scope_moves: bool) -> Option<f64> {
    if factor <= 0.0 {
        return None;
    }
    let fastest = 1.0 / SCOPE_FPS;
    if scope_moves {
        return Some(fastest);
    }
    // Simulated seconds to the next whole second (a whole second if on the grid).
    let to_grid = 1.0 - (t_s - t_s.floor());
    let to_grid = if to_grid < 1e-6 { 1.0 } else { to_grid };
    Some((to_grid / factor).clamp(fastest, MAX_FRAME_S - 0.25))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let (p, d) = crate::library::default_patient();
        Session::new(p, d, crate::session::Role::Patient, 1)
    }

    #[test]
    fn simulated_time_follows_the_real_frame_time_not_a_frame_rate() {
        let mut clock = Clock::new(Speed::X10, None);
        let mut s = session();
        let mut ramp = Ramp::default();
        // A slow frame of 0.2 s at 10×: two simulated seconds.
        clock.advance(&mut s, &mut ramp, Speed::X10.factor(), 0.2);
        assert!((s.t_s - 2.0).abs() < 1e-9, "{}", s.t_s);
        // Five frames a second for one wall second at 10×: ten simulated seconds.
        let mut s = session();
        assert_eq!(clock.wall_dt(100.0), 0.0, "the first frame has no past");
        for k in 1..=5 {
            let dt = clock.wall_dt(100.0 + 0.2 * f64::from(k));
            clock.advance(&mut s, &mut ramp, Speed::X10.factor(), dt);
        }
        assert!((s.t_s - 10.0).abs() < 1e-6, "{}", s.t_s);
    }

    #[test]
    fn a_frame_at_home_passes_at_most_a_day_however_fast_the_machine() {
        let mut clock = Clock::new(Speed::X10, None);
        let mut s = session();
        s.away_until_s = 3.0 * 86_400.0;
        assert!(
            clock.pass_time_at_home(&mut s),
            "still at home after a frame"
        );
        assert!(s.t_s > 0.0 && s.t_s <= 86_400.0, "{} s", s.t_s);
    }

    #[test]
    fn a_stalled_frame_moves_at_most_one_and_a_half_wall_seconds() {
        let mut clock = Clock::new(Speed::X60, None);
        clock.wall_dt(0.0);
        let dt = clock.wall_dt(3600.0);
        assert_eq!(dt, MAX_FRAME_S);
        let mut s = session();
        clock.advance(&mut s, &mut Ramp::default(), Speed::X60.factor(), dt);
        assert!((s.t_s - 90.0).abs() < 1e-9, "{}", s.t_s);
    }

    #[test]
    fn repaints_follow_the_one_second_grid_and_the_scope() {
        // Paused: nothing to repaint until input.
        assert_eq!(repaint_after(Speed::Paused.factor(), 12.3, true), None);
        // 1×, no moving scope: at the next whole simulated second.
        let after = repaint_after(Speed::X1.factor(), 12.25, false).unwrap();
        assert!((after - 0.75).abs() < 1e-9, "{after}");
        // 10×: ten frames a wall second.
        let after = repaint_after(Speed::X10.factor(), 12.0, false).unwrap();
        assert!((after - 0.1).abs() < 1e-9, "{after}");
        // 60× or a moving scope: at most 30 frames a second.
        let cap = 1.0 / SCOPE_FPS;
        assert!((repaint_after(Speed::X60.factor(), 12.0, false).unwrap() - cap).abs() < 1e-9);
        assert!((repaint_after(Speed::X1.factor(), 12.0, true).unwrap() - cap).abs() < 1e-9);
    }
}
