//! The rules behind `Session::apply`, one file per sender: what the command's group needs
//! is checked here once, then the group's own rules run. The GUI, the command line, replay
//! and tests all obey the same rules.

mod access;
mod programmer;
mod programs;
mod remote;
mod world;

use super::Session;
use super::command::{Command, Event, Role};
use super::refusal::Refusal;

/// Applies `command` as `role`, or says why not. The state is untouched on refusal.
pub(super) fn apply(s: &mut Session, role: Role, command: &Command) -> Result<Vec<Event>, Refusal> {
    match command {
        Command::Remote(key) => remote::apply(s, role, key),
        Command::Programmer(edit) => {
            if role != Role::Clinician {
                return Err(Refusal::NotAllowed);
            }
            programmer::apply(s, edit)
        }
        Command::World(event) => world::apply(s, event),
        Command::Access(request) => access::apply(s, role, request),
    }
}
