//! Events of the world that every session has, whatever is implanted: the patient's
//! posture, the remote's telemetry link and the pain map. A teacher or an exercise sets
//! them; the implant's own events go to the implant.

use super::super::Session;
use crate::implant::command::{Event, WorldEvent};
use crate::implant::refusal::Refusal;
use crate::patient::anatomy::REGIONS;

/// Applies a shared event of the world; `None` when the event is the implant's.
pub(super) fn apply(s: &mut Session, event: &WorldEvent) -> Option<Result<Vec<Event>, Refusal>> {
    Some(match event {
        WorldEvent::SetPosture(p) => {
            s.patient.posture = *p;
            Ok(vec![Event::Changed(format!("posture {p}"))])
        }
        WorldEvent::SetLink(l) => {
            s.remote.link = *l;
            Ok(vec![Event::Changed(l.label().into())])
        }
        WorldEvent::SetPain(map) => set_pain(s, map),
        _ => return None,
    })
}

fn set_pain(s: &mut Session, map: &[f64]) -> Result<Vec<Event>, Refusal> {
    if map.len() != REGIONS.len() {
        return Err(Refusal::PainMapLength { got: map.len() });
    }
    if let Some((region, vas)) = map
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || !(0.0..=10.0).contains(*v))
    {
        return Err(Refusal::PainOutOfRange { region, vas: *vas });
    }
    s.patient.pain.copy_from_slice(map);
    Ok(vec![Event::Changed("pain map replaced".into())])
}
