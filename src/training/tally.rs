//! What the trainee did along the replay of a session: every action with its time, how
//! many adjustments that was (a run of amplitude steps counts once) and the safety
//! warnings their actions brought up.

use super::exercise::{Exercise, Goal};
use crate::device::Device;
use crate::device::program::Program;
use crate::device::safety::WarningCode;
use crate::implant::Stimulator;
use crate::implant::goal::Verdict;
use crate::session::action_words::action_words;
use crate::session::command::AccessRequest;
use crate::session::replay::{Divergence, replay_entry};
use crate::session::{Command, LogEntry, ProgrammerEdit, RemoteKey, Role, Session};
use serde::{Deserialize, Serialize};

/// One action of the trainee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Simulated time, s.
    pub t_s: f64,
    /// What was done.
    pub action: String,
    /// Why it was refused, if it was.
    pub refused: Option<String>,
}

/// The actions, adjustments and warnings of a replay so far.
#[derive(Default)]
pub(crate) struct Tally {
    /// Every action with its time.
    pub(crate) timeline: Vec<Action>,
    /// Accepted programming and remote actions.
    pub(crate) adjustments: usize,
    /// Safety warnings the trainee's actions brought up, in order.
    pub(crate) warnings: Vec<WarningCode>,
    /// The last adjustment was an amplitude change (a run of them is one titration).
    titrating: bool,
    /// The program running was last chosen on the patient's remote, and the clinician
    /// has not programmed it since.
    running_by_remote: bool,
}

impl Tally {
    /// Replays `entry` (the `index`th of the log) on `s` and tallies it; errors if its
    /// outcome differs from the recorded one.
    pub(crate) fn replay(
        &mut self,
        s: &mut Session,
        index: usize,
        entry: &LogEntry,
        goal: &Goal,
    ) -> Result<(), Box<Divergence>> {
        s.advance_to(entry.t_s);
        let before = s.implant().clone();
        let before_device = before.stimulator().map(Stimulator::device);
        let up_before: Vec<WarningCode> = s.view().alerts.iter().map(|w| w.code).collect();
        replay_entry(s, index, entry)?;
        // Only what changes something counts: a key that does nothing (therapy on when it
        // is on, an amplitude step at the limit) is not an adjustment.
        if entry.refused.is_none() && *s.implant() != before {
            let after = s.device();
            self.count(
                &entry.command,
                before_device.map(Device::program),
                after.map(Device::program),
            );
            self.note_program(entry.role, &entry.command, before_device, after);
        }
        self.timeline.push(Action {
            t_s: entry.t_s,
            action: action_words(&entry.command, before_device),
            refused: entry.refused.as_ref().map(ToString::to_string),
        });
        self.warn(s, goal, &up_before);
        Ok(())
    }

    /// Counts an accepted command's adjustments: a run of amplitude changes (a ramp, a
    /// held key) is one titration.
    fn count(&mut self, command: &Command, before: Option<&Program>, after: Option<&Program>) {
        let amplitude = is_amplitude(command);
        let adjustments = adjustments_in(command, before, after);
        if !(amplitude && self.titrating) {
            self.adjustments += adjustments;
        }
        if adjustments > 0 || amplitude {
            self.titrating = amplitude;
        }
        // A change at the next visit is a new adjustment, not the same titration.
        if matches!(command, Command::Access(AccessRequest::NextVisit { .. })) {
            self.titrating = false;
        }
    }

    /// Follows who chose the program running: a switch on the remote, or the clinician's
    /// programming.
    fn note_program(
        &mut self,
        role: Role,
        command: &Command,
        before: Option<&Device>,
        after: Option<&Device>,
    ) {
        let switched = before.map(|d| d.active) != after.map(|d| d.active);
        if switched {
            self.running_by_remote = role == Role::Patient;
        } else if matches!(command, Command::Programmer(_)) {
            self.running_by_remote = false;
        }
    }

    /// The verdict, unless the program running at the end is one the patient's remote
    /// switched to and the exercise asks for the clinician's programming: a stored
    /// program is not the trainee's fix.
    pub(crate) fn switched_by_remote(&self, exercise: &Exercise, verdict: Verdict) -> Verdict {
        if !self.running_by_remote || exercise.remote_programs || !verdict.met {
            return verdict;
        }
        Verdict::new(
            false,
            verdict.progress / 2.0,
            format!(
                "{}, but the program running was switched to on the patient's remote, not programmed",
                verdict.detail
            ),
        )
    }

    /// Adds the safety warnings up in `s` that were not up before the action. Only what
    /// the trainee's action brought up counts: a warning the exercise starts with is the
    /// problem to solve, and one the task requires costs nothing.
    fn warn(&mut self, s: &Session, goal: &Goal, up_before: &[WarningCode]) {
        for w in s.view().alerts {
            let counts =
                w.code.is_safety() && !goal.requires(w.code) && !up_before.contains(&w.code);
            if counts && !self.warnings.contains(&w.code) {
                self.warnings.push(w.code);
            }
        }
    }
}

/// An amplitude change from the programmer or the remote.
fn is_amplitude(command: &Command) -> bool {
    matches!(
        command,
        Command::Programmer(ProgrammerEdit::SetAmplitude(_))
            | Command::Remote(RemoteKey::AmplitudeUp | RemoteKey::AmplitudeDown)
    )
}

/// How many adjustments an accepted command was: remote keys and programmer edits count,
/// a loaded program counts each setting it changed; world events and logins do not.
fn adjustments_in(command: &Command, before: Option<&Program>, after: Option<&Program>) -> usize {
    match command {
        Command::Programmer(ProgrammerEdit::LoadProgram(_)) => {
            let (Some(before), Some(after)) = (before, after) else {
                return 1;
            };
            let (a, b) = (&before.settings, &after.settings);
            let changed = [
                a.amplitude_ma != b.amplitude_ma,
                a.pulse_width_us != b.pulse_width_us,
                a.rate_hz != b.rate_hz,
                a.waveform != b.waveform,
                a.burst_pulses != b.burst_pulses || a.burst_rate_hz != b.burst_rate_hz,
                a.cycling != b.cycling,
                a.soft_start_s != b.soft_start_s,
                before.electrodes != after.electrodes,
                before.window != after.window,
            ];
            changed.iter().filter(|c| **c).count().max(1)
        }
        Command::Programmer(ProgrammerEdit::AskPatient(_) | ProgrammerEdit::CheckImpedances) => 0,
        Command::Programmer(_) | Command::Remote(_) => 1,
        Command::World(_) | Command::Access(_) => 0,
    }
}
