//! Access to the clinician programmer: log in with the PIN, log out, change the PIN (with
//! the old one; never during an exercise).

use super::super::Session;
use crate::implant::command::{AccessRequest, Event, Role};
use crate::implant::refusal::Refusal;

/// Applies an access request sent by `role`.
pub(super) fn apply(
    s: &mut Session,
    role: Role,
    request: &AccessRequest,
) -> Result<Vec<Event>, Refusal> {
    match request {
        AccessRequest::EnterClinician { pin } => {
            if s.role != Role::Clinician {
                let now = s.t_s;
                s.access.attempt(pin, now)?;
                s.role = Role::Clinician;
            }
            Ok(vec![Event::Changed("clinician programmer unlocked".into())])
        }
        AccessRequest::LeaveClinician => {
            s.role = Role::Patient;
            Ok(vec![Event::Changed("back to the patient remote".into())])
        }
        AccessRequest::SetClinicianPin { old, new } => {
            if role != Role::Clinician || s.role != Role::Clinician {
                return Err(Refusal::NotAllowed);
            }
            if s.exercise.is_some() {
                return Err(Refusal::PinChangeInExercise);
            }
            s.access.change_pin(old, new)?;
            Ok(vec![Event::Changed("clinician PIN changed".into())])
        }
    }
}
