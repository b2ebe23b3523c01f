//! Access to the clinician programmer: log in with the PIN, log out, change the PIN (with
//! the old one; never during an exercise), and end a visit until the next one.

use super::super::{MAX_VISIT_GAP_S, MIN_VISIT_GAP_S, Session};
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
        AccessRequest::NextVisit { after_s } => {
            if role != Role::Clinician || s.role != Role::Clinician {
                return Err(Refusal::NotAllowed);
            }
            if !(MIN_VISIT_GAP_S..=MAX_VISIT_GAP_S).contains(after_s) {
                return Err(Refusal::VisitGap { after_s: *after_s });
            }
            s.away_until_s = s.t_s + after_s;
            Ok(vec![Event::Changed(
                "the patient goes home until the next visit".into(),
            )])
        }
    }
}
