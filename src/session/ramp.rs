//! The threshold-finding ramp of the clinician programmer: the amplitude rises by one step
//! every few simulated seconds while the clinician is logged in, and stops at the device's
//! maximum or at the first refusal.

use super::{Command, Event, ProgrammerEdit, Refusal, Role, Session};
use crate::device::program::{AMPLITUDE_STEP_MA, MAX_AMPLITUDE_MA};

/// Amplitude added at each step of the ramp, mA.
pub const RAMP_STEP_MA: f64 = AMPLITUDE_STEP_MA;
/// Simulated seconds between steps of the ramp.
pub const RAMP_EVERY_S: f64 = 2.0;

/// A running or stopped amplitude ramp.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ramp {
    running: bool,
}

impl Ramp {
    /// Whether the ramp is running.
    pub fn is_running(self) -> bool {
        self.running
    }

    /// Starts (`true`) or stops (`false`) the ramp.
    pub fn set_running(&mut self, running: bool) {
        self.running = running;
    }

    /// True when simulated time moving from `before_t_s` to `now_t_s` crossed a step time
    /// (a multiple of [`RAMP_EVERY_S`]).
    pub fn due(before_t_s: f64, now_t_s: f64) -> bool {
        (before_t_s / RAMP_EVERY_S).floor() < (now_t_s / RAMP_EVERY_S).floor()
    }

    /// The next step's command for `session`: one step up, or `None` when that would pass
    /// the device's maximum amplitude.
    pub fn next_command(session: &Session) -> Option<Command> {
        let next = session.device().program().settings.amplitude_ma + RAMP_STEP_MA;
        // Steps are snapped to the device's resolution; allow for rounding.
        (next <= MAX_AMPLITUDE_MA + 1e-9)
            .then(|| ProgrammerEdit::SetAmplitude(next.min(MAX_AMPLITUDE_MA)).into())
    }

    /// Moves the ramp on after `session` advanced from `before_t_s` to its present time:
    /// if running, the clinician is logged in and a step is due, applies the next step as
    /// the clinician. Stops at the maximum or at a refusal. Returns what the step caused.
    pub fn advance(
        &mut self,
        session: &mut Session,
        before_t_s: f64,
    ) -> Option<Result<Vec<Event>, Refusal>> {
        if !self.running || session.role != Role::Clinician || !Ramp::due(before_t_s, session.t_s) {
            return None;
        }
        let Some(command) = Ramp::next_command(session) else {
            self.running = false;
            return None;
        };
        let result = session.apply_as(Role::Clinician, command);
        if result.is_err() {
            self.running = false;
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinician::DEFAULT_PIN;
    use crate::library;
    use crate::session::AccessRequest;

    fn clinician_session(amplitude_ma: f64) -> Session {
        let (patient, device) = library::default_patient();
        let mut s = Session::new(patient, device, Role::Patient, 1);
        s.apply(AccessRequest::EnterClinician {
            pin: DEFAULT_PIN.into(),
        })
        .ok();
        s.apply(ProgrammerEdit::SetAmplitude(amplitude_ma)).ok();
        s
    }

    fn amplitude(s: &Session) -> f64 {
        s.device().program().settings.amplitude_ma
    }

    #[test]
    fn a_step_is_due_when_an_even_second_is_crossed() {
        assert!(Ramp::due(1.9, 2.0));
        assert!(Ramp::due(0.0, 2.5));
        assert!(!Ramp::due(2.0, 3.9));
        assert!(!Ramp::due(4.0, 4.0));
    }

    #[test]
    fn it_raises_the_amplitude_one_step_every_two_seconds() {
        let mut s = clinician_session(1.0);
        assert_eq!(s.role, Role::Clinician);
        let mut ramp = Ramp::default();
        ramp.set_running(true);
        for _ in 0..10 {
            let before = s.t_s;
            s.step(1.0);
            let _ = ramp.advance(&mut s, before);
        }
        assert!((amplitude(&s) - 1.5).abs() < 1e-9, "{}", amplitude(&s));
        assert!(ramp.is_running());
    }

    #[test]
    fn it_does_nothing_when_stopped_or_without_the_clinician() {
        let mut s = clinician_session(1.0);
        let mut ramp = Ramp::default();
        let before = s.t_s;
        s.step(2.0);
        assert!(ramp.advance(&mut s, before).is_none());
        assert_eq!(amplitude(&s), 1.0);
        ramp.set_running(true);
        s.apply(AccessRequest::LeaveClinician).ok();
        let before = s.t_s;
        s.step(2.0);
        assert!(ramp.advance(&mut s, before).is_none());
        assert_eq!(amplitude(&s), 1.0);
        assert!(ramp.is_running(), "it waits for the clinician");
    }

    #[test]
    fn it_stops_at_the_device_maximum() {
        let mut s = clinician_session(MAX_AMPLITUDE_MA - RAMP_STEP_MA);
        let mut ramp = Ramp::default();
        ramp.set_running(true);
        for _ in 0..4 {
            let before = s.t_s;
            s.step(2.0);
            let _ = ramp.advance(&mut s, before);
        }
        assert!((amplitude(&s) - MAX_AMPLITUDE_MA).abs() < 1e-9);
        assert!(!ramp.is_running());
        assert!(Ramp::next_command(&s).is_none());
    }
}
