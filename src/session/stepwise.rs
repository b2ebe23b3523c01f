//! A checked replay moved on a slice at a time: the window restores a long autosave (up to
//! 30 simulated days) across many frames with its progress shown, instead of freezing
//! until the whole recording is replayed. [`super::record::Recording::replay_until`] is
//! the same replay taken in one go.

use super::Session;
use super::record::{Recording, ReplayError};
use super::replay::replay_entry;
use crate::library;

/// A replay under way: the recording, the session rebuilt so far and the next entry.
#[derive(Debug)]
pub struct Stepwise {
    recording: Recording,
    session: Session,
    next: usize,
    /// The simulated time the replay stops at, s.
    until_s: f64,
}

impl Stepwise {
    /// Starts replaying `recording` up to simulated time `until_s` (clamped to the
    /// recording; a time that is not a number is 0); nothing is replayed yet.
    pub fn start(recording: Recording, until_s: f64) -> Result<Stepwise, ReplayError> {
        let (patient, implant) = library::open(&recording.patient)?;
        let mut session = Session::hosting(patient, implant, recording.role, recording.seed);
        session.exercise = recording.exercise.clone();
        session.patient_moves = recording.patient_moves;
        let until_s = if until_s.is_finite() {
            until_s.clamp(0.0, recording.t_s.max(0.0))
        } else {
            0.0
        };
        Ok(Stepwise {
            recording,
            session,
            next: 0,
            until_s,
        })
    }

    /// Replays at most `simulated_s` more seconds (every entry on the way, checked); true
    /// once the whole replay is done.
    pub fn step(&mut self, simulated_s: f64) -> Result<bool, ReplayError> {
        let stop = (self.session.t_s + simulated_s.max(0.0)).min(self.until_s);
        while let Some(entry) = self.recording.log.get(self.next) {
            if entry.t_s > stop || entry.t_s > self.until_s {
                break;
            }
            replay_entry(&mut self.session, self.next, entry)?;
            self.next += 1;
        }
        self.session.advance_to(stop);
        Ok(self.done())
    }

    /// Whether the replay has reached its end.
    pub fn done(&self) -> bool {
        self.session.t_s >= self.until_s
            && self
                .recording
                .log
                .get(self.next)
                .is_none_or(|e| e.t_s > self.until_s)
    }

    /// How far the replay has come, 0 to 1 (of simulated time).
    pub fn fraction(&self) -> f64 {
        if self.until_s <= 0.0 {
            1.0
        } else {
            (self.session.t_s / self.until_s).clamp(0.0, 1.0)
        }
    }

    /// The recording being replayed.
    pub fn recording(&self) -> &Recording {
        &self.recording
    }

    /// The session rebuilt, and the recording (call once [`Stepwise::done`]).
    pub fn finish(self) -> (Session, Recording) {
        (self.session, self.recording)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{RemoteKey, Role};

    #[test]
    fn a_replay_in_slices_is_the_replay_in_one_go() {
        let (p, d) = crate::library::default_patient();
        let mut s = Session::new(p, d, Role::Patient, 7);
        s.step(5.0);
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.step(100.0);
        s.apply(RemoteKey::AmplitudeUp).unwrap();
        s.step(33.5);
        let rec = Recording::of(&s, "fbss");
        let whole = rec.replay().unwrap();
        let end = rec.t_s;
        let mut slices = Stepwise::start(rec, end).unwrap();
        assert!(slices.fraction() < 1.0 || slices.done());
        let mut steps = 0;
        while !slices.step(7.0).unwrap() {
            steps += 1;
            assert!(steps < 100, "it ends");
        }
        assert!(steps > 10, "in slices");
        let (session, _) = slices.finish();
        assert_eq!(session.view(), whole.view());
        assert_eq!(session.log, whole.log);
        assert_eq!(session.t_s, whole.t_s);
    }
}
