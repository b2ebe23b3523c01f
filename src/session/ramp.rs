//! The threshold-finding ramp of the clinician programmer: the amplitude rises by one step
//! every few simulated seconds while the clinician is logged in and stimulation is on. It
//! starts only with stimulation on, and stops at the device's maximum, at the first
//! refusal, at the first safety warning (`WarningCode::is_safety`) or when the patient
//! complains that it is uncomfortable.

use super::{Command, Event, ProgrammerEdit, Refusal, Role, Session};
use crate::device::program::{AMPLITUDE_STEP_MA, MAX_AMPLITUDE_MA};
use crate::device::safety::WarningCode;

/// Amplitude added at each step of the ramp, mA.
pub const RAMP_STEP_MA: f64 = AMPLITUDE_STEP_MA;
/// Simulated seconds between steps of the ramp.
pub const RAMP_EVERY_S: f64 = 2.0;

/// Why the ramp did not start, or stopped.
#[derive(Clone, Debug, PartialEq)]
pub enum RampStop {
    /// Stimulation is off (or the device is in MRI mode): nothing would reach the patient.
    StimulationOff,
    /// A safety warning is up (its code and the device's words).
    Warning(WarningCode, String),
    /// The patient says the stimulation is uncomfortable.
    Complaint,
    /// The device's maximum amplitude was reached.
    Maximum,
    /// The device refused the next step.
    Refused(Refusal),
}

impl std::fmt::Display for RampStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RampStop::StimulationOff => {
                f.write_str("Turn stimulation on first: the ramp needs stimulation on")
            }
            RampStop::Warning(_, message) => write!(f, "Ramp stopped at a warning: {message}"),
            RampStop::Complaint => {
                f.write_str("Ramp stopped: the patient says it is uncomfortable")
            }
            RampStop::Maximum => f.write_str("Ramp stopped at the device's maximum amplitude"),
            RampStop::Refused(r) => write!(f, "Ramp stopped: {r}"),
        }
    }
}

/// A running or stopped amplitude ramp, with why it last stopped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ramp {
    running: bool,
    stopped: Option<RampStop>,
}

impl Ramp {
    /// Whether the ramp is running.
    pub fn is_running(&self) -> bool {
        self.running
    }

    /// Why the ramp last stopped by itself (or refused to start), if it did.
    pub fn stopped(&self) -> Option<&RampStop> {
        self.stopped.as_ref()
    }

    /// Starts the ramp on `session`, or says why it cannot run now (stimulation off, a
    /// safety warning up, the patient complaining); the reason is kept for [`Ramp::stopped`].
    pub fn start(&mut self, session: &Session) -> Result<(), RampStop> {
        match Ramp::blocked(session) {
            Some(why) => {
                self.stop_with(why.clone());
                Err(why)
            }
            None => {
                self.running = true;
                self.stopped = None;
                Ok(())
            }
        }
    }

    /// Stops the ramp (the clinician's choice: no reason kept).
    pub fn stop(&mut self) {
        self.running = false;
        self.stopped = None;
    }

    fn stop_with(&mut self, why: RampStop) {
        self.running = false;
        self.stopped = Some(why);
    }

    /// What keeps the ramp from (going on) running on `session` now: stimulation off, the
    /// first safety warning about the current delivered, or the patient's complaint. The
    /// warning that the patient's window reaches above the charge-density limit is about
    /// the remote's range, not the present current, so it does not stop the ramp.
    pub fn blocked(session: &Session) -> Option<RampStop> {
        let Some(d) = session.device() else {
            return Some(RampStop::StimulationOff);
        };
        if !d.therapy_on || d.mri_mode {
            return Some(RampStop::StimulationOff);
        }
        let view = session.view();
        if view.response.perception.uncomfortable {
            return Some(RampStop::Complaint);
        }
        view.alerts
            .iter()
            .find(|w| w.code.stops_titration())
            .map(|w| RampStop::Warning(w.code, w.message.clone()))
    }

    /// True when simulated time moving from `before_t_s` to `now_t_s` crossed a step time
    /// (a multiple of [`RAMP_EVERY_S`]).
    pub fn due(before_t_s: f64, now_t_s: f64) -> bool {
        (before_t_s / RAMP_EVERY_S).floor() < (now_t_s / RAMP_EVERY_S).floor()
    }

    /// The next step's command for `session`: one step up, or `None` when that would pass
    /// the device's maximum amplitude.
    pub fn next_command(session: &Session) -> Option<Command> {
        let next = session.device()?.program().settings.amplitude_ma + RAMP_STEP_MA;
        // Steps are snapped to the device's resolution; allow for rounding.
        (next <= MAX_AMPLITUDE_MA + 1e-9)
            .then(|| ProgrammerEdit::SetAmplitude(next.min(MAX_AMPLITUDE_MA)).into())
    }

    /// Moves the ramp on after `session` advanced from `before_t_s` to its present time:
    /// if running, the clinician is logged in and a step is due, applies the next step as
    /// the clinician. Stops (keeping why) when stimulation goes off, at the maximum, at a
    /// refusal, at the first safety warning or at the patient's complaint. Returns what the
    /// step caused.
    pub fn advance(
        &mut self,
        session: &mut Session,
        before_t_s: f64,
    ) -> Option<Result<Vec<Event>, Refusal>> {
        if !self.running || session.role != Role::Clinician || !Ramp::due(before_t_s, session.t_s) {
            return None;
        }
        if let Some(why) = Ramp::blocked(session) {
            self.stop_with(why);
            return None;
        }
        let Some(command) = Ramp::next_command(session) else {
            self.stop_with(RampStop::Maximum);
            return None;
        };
        let result = session.apply_as(Role::Clinician, command);
        match &result {
            Err(r) => self.stop_with(RampStop::Refused(r.clone())),
            Ok(_) => {
                if let Some(why) = Ramp::blocked(session) {
                    self.stop_with(why);
                }
            }
        }
        Some(result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clinician::DEFAULT_PIN;
    use crate::library;
    use crate::session::{AccessRequest, RemoteKey};

    /// The default patient, the clinician logged in, stimulation on at `amplitude_ma`.
    fn clinician_session(amplitude_ma: f64) -> Session {
        let (patient, device) = library::default_patient();
        let mut s = Session::new(patient, device, Role::Patient, 1);
        s.apply(AccessRequest::EnterClinician {
            pin: DEFAULT_PIN.into(),
        })
        .ok();
        s.apply(RemoteKey::TherapyOn).ok();
        s.apply(ProgrammerEdit::SetAmplitude(amplitude_ma)).ok();
        s
    }

    fn amplitude(s: &Session) -> f64 {
        s.device().unwrap().program().settings.amplitude_ma
    }

    fn run(s: &mut Session, ramp: &mut Ramp, seconds: usize) {
        for _ in 0..seconds {
            let before = s.t_s;
            s.step(1.0);
            let _ = ramp.advance(s, before);
        }
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
        ramp.start(&s).unwrap();
        run(&mut s, &mut ramp, 10);
        assert!((amplitude(&s) - 1.5).abs() < 1e-9, "{}", amplitude(&s));
        assert!(ramp.is_running());
    }

    #[test]
    fn it_refuses_to_start_with_stimulation_off() {
        let mut s = clinician_session(1.0);
        s.apply(RemoteKey::TherapyOff).unwrap();
        let mut ramp = Ramp::default();
        assert_eq!(ramp.start(&s), Err(RampStop::StimulationOff));
        assert!(!ramp.is_running());
        assert_eq!(ramp.stopped(), Some(&RampStop::StimulationOff));
        run(&mut s, &mut ramp, 10);
        assert_eq!(amplitude(&s), 1.0, "nothing climbs with therapy off");
    }

    #[test]
    fn it_stops_when_stimulation_goes_off() {
        let mut s = clinician_session(1.0);
        let mut ramp = Ramp::default();
        ramp.start(&s).unwrap();
        s.apply(RemoteKey::TherapyOff).unwrap();
        run(&mut s, &mut ramp, 6);
        assert_eq!(amplitude(&s), 1.0);
        assert_eq!(ramp.stopped(), Some(&RampStop::StimulationOff));
    }

    #[test]
    fn it_stops_at_the_first_safety_warning_or_the_complaint() {
        let mut s = clinician_session(1.0);
        let mut ramp = Ramp::default();
        ramp.start(&s).unwrap();
        run(&mut s, &mut ramp, 600);
        assert!(!ramp.is_running());
        let why = ramp.stopped().cloned().unwrap();
        assert!(
            matches!(why, RampStop::Complaint | RampStop::Warning(..)),
            "{why:?}"
        );
        if let RampStop::Warning(code, _) = &why {
            assert!(code.is_safety());
        }
        // It went no further than one step past the first blocking amplitude.
        let top = amplitude(&s);
        let mut probe = clinician_session(top - RAMP_STEP_MA);
        probe.step(1.0);
        assert!(
            Ramp::blocked(&probe).is_none(),
            "one step below the stop ({top} mA) nothing blocked it"
        );
        assert!(Ramp::blocked(&s).is_some());
        assert!(top < MAX_AMPLITUDE_MA, "{top}");
        // And it will not start again over the warning or the complaint.
        assert!(ramp.start(&s).is_err());
    }

    #[test]
    fn it_does_nothing_without_the_clinician() {
        let mut s = clinician_session(1.0);
        let mut ramp = Ramp::default();
        ramp.start(&s).unwrap();
        s.apply(AccessRequest::LeaveClinician).ok();
        run(&mut s, &mut ramp, 2);
        assert_eq!(amplitude(&s), 1.0);
        assert!(ramp.is_running(), "it waits for the clinician");
        ramp.stop();
        assert!(!ramp.is_running());
        assert_eq!(ramp.stopped(), None);
    }

    #[test]
    fn it_stops_at_the_device_maximum() {
        let s = clinician_session(MAX_AMPLITUDE_MA);
        assert!(Ramp::next_command(&s).is_none());
        let s = clinician_session(MAX_AMPLITUDE_MA - RAMP_STEP_MA);
        assert!(Ramp::next_command(&s).is_some());
    }
}
