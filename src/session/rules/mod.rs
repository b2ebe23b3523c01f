//! The rules behind `Session::apply`: a command for another kind of implant is refused by
//! the implant first; then what the command's group needs is checked here once (who may
//! send it, the remote's lock and link); the session's own commands (access, the remote's
//! lock, posture, link, pain map) are applied here and everything else by the implant
//! ([`crate::implant::Therapy::apply`]). The GUI, the command line, replay and tests all
//! obey the same rules.

mod access;
mod remote;
mod world;

use super::Session;
use crate::implant::Host;
use crate::implant::command::{Command, Event, Role, WorldEvent};
use crate::implant::refusal::Refusal;

/// An exercise sets its scene at its start, and only then.
fn setting_up(s: &Session, role: Role) -> bool {
    role == Role::Exercise && s.exercise.is_some() && s.t_s == 0.0
}

/// Applies `command` as `role`, or says why not. The state is untouched on refusal.
pub(super) fn apply(s: &mut Session, role: Role, command: &Command) -> Result<Vec<Event>, Refusal> {
    if let Some(refusal) = s.implant.therapy().foreign(command) {
        return Err(refusal);
    }
    // Between visits the patient is at home: the window moves time past it at once, so
    // only a forged or raced entry meets this.
    if matches!(role, Role::Patient | Role::Clinician) && s.t_s < s.away_until_s {
        return Err(Refusal::AtHome {
            until_s: s.away_until_s,
        });
    }
    let own = match command {
        Command::Access(request) => return access::apply(s, role, request),
        Command::Remote(key) => remote::apply(s, role, key),
        Command::Programmer(_) => {
            // The clinician programs once logged in; an exercise sets up its scene.
            let logged_in = role == Role::Clinician && s.role == Role::Clinician;
            if !(logged_in || setting_up(s, role)) {
                return Err(Refusal::NotAllowed);
            }
            None
        }
        Command::World(event) => {
            // In an exercise the scene belongs to the exercise, set at its start: the
            // trainee solves it by programming, not by moving the patient or the lead,
            // and no one else (a teacher's event in a file is a forged one) changes it —
            // unless the exercise lets the patient be asked to move (a loop's check).
            let asked = s.patient_moves
                && role == Role::Patient
                && matches!(event, WorldEvent::SetPosture(_) | WorldEvent::Jolt(_));
            if s.exercise.is_some() && !setting_up(s, role) && !asked {
                return Err(Refusal::SceneNotYours);
            }
            world::apply(s, event)
        }
    };
    if let Some(done) = own {
        return done;
    }
    let mut host = Host {
        patient: &mut s.patient,
        t_s: s.t_s,
        seed: s.seed,
        noise: s.noise,
    };
    s.implant.therapy_mut().apply(&mut host, command)
}
