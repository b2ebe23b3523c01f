//! A drug pump's commands and the refusals between implants: a pump session takes pump
//! commands only (every stimulator command is refused with a sentence), and a stimulator
//! refuses pump commands. Permission follows the group as for a stimulator: the remote
//! obeys lock and link, the programmer needs the clinician, the scene the teacher or the
//! exercise.

use super::super::Session;
use crate::implant::command::{Command, Event, ProgrammerEdit, RemoteKey, WorldEvent};
use crate::implant::pump::{PumpEdit, PumpEvent, PumpKey};
use crate::implant::refusal::Refusal;

/// Whether `command` is a pump command.
fn is_pump(command: &Command) -> bool {
    matches!(
        command,
        Command::Remote(RemoteKey::Pump(_))
            | Command::Programmer(ProgrammerEdit::Pump(_))
            | Command::World(WorldEvent::Pump(_))
    )
}

/// Commands that belong to neither kind: the remote's lock, telemetry, posture and pain.
fn shared(command: &Command) -> bool {
    matches!(
        command,
        Command::Access(_)
            | Command::Remote(RemoteKey::Lock | RemoteKey::Unlock)
            | Command::World(
                WorldEvent::SetLink(_) | WorldEvent::SetPosture(_) | WorldEvent::SetPain(_)
            )
    )
}

/// Refuses a command meant for the other kind of implant; `None` lets it through.
pub(super) fn wrong_implant(s: &Session, command: &Command) -> Option<Refusal> {
    let pump = s.pump().is_some();
    if shared(command) || pump == is_pump(command) {
        return None;
    }
    Some(Refusal::WrongImplant(if pump {
        "This patient has a drug pump, not a stimulator: use the pump's programmer, remote and refill".into()
    } else {
        "This patient has a stimulator, not a drug pump: there is no reservoir, drug or bolus to program".into()
    }))
}

fn pump_refused(e: crate::implant::pump::PumpRefusal) -> Refusal {
    Refusal::Pump(e)
}

/// The pump's remote key (the caller checked lock and link).
pub(super) fn remote(s: &mut Session, key: &PumpKey) -> Result<Vec<Event>, Refusal> {
    let t = s.t_s;
    let Some(p) = s.pump_mut() else {
        return Err(Refusal::WrongImplant(
            "This implant is not a drug pump".into(),
        ));
    };
    match key {
        PumpKey::Bolus => p
            .pump
            .patient_bolus(t)
            .map(|w| vec![Event::Changed(w)])
            .map_err(pump_refused),
    }
}

/// A pump programmer task (the caller checked the clinician).
pub(super) fn programmer(s: &mut Session, edit: &PumpEdit) -> Result<Vec<Event>, Refusal> {
    let t = s.t_s;
    let Some(p) = s.pump_mut() else {
        return Err(Refusal::WrongImplant(
            "This implant is not a drug pump".into(),
        ));
    };
    let naive = p.body.opioid_naive;
    p.pump
        .program(edit, t, naive)
        .map(|w| vec![Event::Changed(w)])
        .map_err(pump_refused)
}

/// An event of the scene on the pump (the caller checked who may send it).
pub(super) fn world(s: &mut Session, event: &PumpEvent) -> Result<Vec<Event>, Refusal> {
    let t = s.t_s;
    let Some(p) = s.pump_mut() else {
        return Err(Refusal::WrongImplant(
            "This implant is not a drug pump".into(),
        ));
    };
    p.pump
        .world(event, t)
        .map(|w| vec![Event::Changed(w)])
        .map_err(pump_refused)
}
