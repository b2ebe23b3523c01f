//! A stimulator's own commands, by who sends them: the remote's keys, the clinician
//! programmer's edits and the scene's events. The session has checked the sender, the
//! remote's lock and link, and that the command is a stimulator's.

use super::ctx::Ctx;
use super::stimulator::Stimulator;
use super::{programmer, remote_keys, world};
use crate::implant::command::{Command, Event, ProgrammerEdit};
use crate::implant::refusal::Refusal;
use crate::implant::therapy::Host;

/// Applies one of the stimulator's commands; the stimulator is untouched on refusal.
pub(super) fn apply(
    stim: &mut Stimulator,
    host: &mut Host,
    command: &Command,
) -> Result<Vec<Event>, Refusal> {
    let mut s = Ctx { stim, host };
    match command {
        Command::Remote(key) => remote_keys::apply(&mut s, key),
        Command::Programmer(edit) => program(&mut s, edit),
        Command::World(event) => world::apply(&mut s, event),
        Command::Access(_) => Err(s.not_mine(command.clone())),
    }
}

/// A programmer edit. A single-contact lead has no contacts past the first: an edit that
/// uses one (a file's program, steering, a tap) leaves the device as it was.
fn program(s: &mut Ctx, edit: &ProgrammerEdit) -> Result<Vec<Event>, Refusal> {
    let before = super::site::at_nerves(s.device()).then(|| s.device().clone());
    let events = programmer::apply(s, edit)?;
    if let Some(before) = before
        && let Some((lead, contact)) = s.device().missing_contact(&s.device().program().electrodes)
    {
        *s.device_mut() = before;
        return Err(Refusal::NoSuchContact { lead, contact });
    }
    Ok(events)
}
