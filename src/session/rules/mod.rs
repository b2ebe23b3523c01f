//! The rules behind `Session::apply`, one file per sender: what the command's group needs
//! is checked here once, then the group's own rules run. The GUI, the command line, replay
//! and tests all obey the same rules.

mod access;
mod nerve;
mod programmer;
mod programs;
mod pump;
mod remote;
mod world;

use super::Session;
use crate::implant::command::{Command, Event, Role};
use crate::implant::refusal::Refusal;

/// An exercise sets its scene at its start, and only then.
fn setting_up(s: &Session, role: Role) -> bool {
    role == Role::Exercise && s.exercise.is_some() && s.t_s == 0.0
}

/// Applies `command` as `role`, or says why not. The state is untouched on refusal.
pub(super) fn apply(s: &mut Session, role: Role, command: &Command) -> Result<Vec<Event>, Refusal> {
    if let Some(refusal) = pump::wrong_implant(s, command) {
        return Err(refusal);
    }
    match command {
        Command::Remote(key) => remote::apply(s, role, key),
        Command::Programmer(edit) => {
            // The clinician programs once logged in; an exercise sets up its scene.
            let logged_in = role == Role::Clinician && s.role == Role::Clinician;
            if !(logged_in || setting_up(s, role)) {
                return Err(Refusal::NotAllowed);
            }
            // A single-contact lead has no contacts past the first: an edit that uses
            // one (a file's program, steering, a tap) leaves the device as it was.
            let before = s.device().at_nerves().then(|| s.device().clone());
            let events = programmer::apply(s, edit)?;
            if let Some(before) = before
                && let Some((lead, contact)) =
                    s.device().missing_contact(&s.device().program().electrodes)
            {
                *s.device_mut() = before;
                return Err(Refusal::NoSuchContact { lead, contact });
            }
            Ok(events)
        }
        Command::World(event) => {
            // In an exercise the scene belongs to the exercise and the teacher: the
            // trainee solves it by programming, not by moving the patient or the lead.
            let scene = role == Role::Teacher || setting_up(s, role);
            if s.exercise.is_some() && !scene {
                return Err(Refusal::SceneNotYours);
            }
            world::apply(s, event)
        }
        Command::Access(request) => access::apply(s, role, request),
    }
}
