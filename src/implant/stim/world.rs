//! Events of a stimulator's world: hardware faults, lead placement and migration, the CSF
//! under the leads and the battery. A teacher or an exercise sets them; the patient's
//! charger too. (Posture, telemetry and the pain map belong to every session.)

use super::ctx::Ctx;
use crate::device::battery::{Battery, BatteryState};
use crate::implant::command::{Event, WorldEvent};
use crate::implant::kind::ImplantKind;
use crate::implant::refusal::Refusal;
use crate::patient::nerve::NerveSite;

/// Applies an event of the world.
pub(super) fn apply(s: &mut Ctx, event: &WorldEvent) -> Result<Vec<Event>, Refusal> {
    match event {
        WorldEvent::Recharge => {
            s.device_mut().battery.recharge();
            Ok(vec![Event::Changed("battery recharged".into())])
        }
        WorldEvent::SetBattery(p) => {
            if !p.is_finite() || !(0.0..=100.0).contains(p) {
                return Err(Refusal::Scene(format!(
                    "battery level {p} % is outside 0–100 %"
                )));
            }
            s.device_mut().battery = Battery::at_percent(*p);
            if s.device_mut().battery.state() == BatteryState::Depleted {
                s.device_mut().therapy_on = false;
            }
            Ok(vec![Event::Changed(format!("battery at {p} %"))])
        }
        WorldEvent::BookMri { at_s, minutes } => super::mri_rules::book(s, *at_s, *minutes),
        WorldEvent::Jolt(jolt) => {
            let t = s.host.t_s;
            s.stim.jolt(*jolt, t);
            Ok(vec![Event::Changed(format!("{} at {t:.0} s", jolt.name()))])
        }
        WorldEvent::InjectFault(f) => {
            s.device_mut()
                .impedances
                .inject(*f)
                .map_err(|e| Refusal::Scene(e.to_string()))?;
            Ok(vec![Event::Changed(format!(
                "contact {} on lead {}: {}",
                f.contact,
                f.lead.saturating_add(1),
                f.fault.describe()
            ))])
        }
        WorldEvent::PlaceNerveLead {
            lead,
            site,
            deployed,
        } => place_nerve_lead(s, *lead, site, *deployed),
        WorldEvent::PlaceLead { lead, placement } => {
            if super::site::at_nerves(s.device()) {
                return Err(s.only_for(ImplantKind::Scs));
            }
            placement
                .validate()
                .map_err(|e| Refusal::Scene(e.to_string()))?;
            let slot = s
                .device_mut()
                .placements
                .get_mut(*lead)
                .ok_or(Refusal::NoLead { lead: *lead })?;
            *slot = *placement;
            Ok(vec![Event::Changed(format!(
                "lead {} at {} {:+.1} mm",
                lead.saturating_add(1),
                placement.level,
                placement.lateral_mm
            ))])
        }
        WorldEvent::SetLink(_)
        | WorldEvent::SetPain(_)
        | WorldEvent::SetPosture(_)
        | WorldEvent::Pump(_) => Err(s.not_mine(event.clone())),
        WorldEvent::SetCsf(mm) => {
            if let Some(v) = mm
                && (!v.is_finite() || !(0.5..=12.0).contains(v))
            {
                return Err(Refusal::Scene(format!(
                    "dorsal CSF {v} mm is outside 0.5–12 mm"
                )));
            }
            s.host.patient.csf_override_mm = *mm;
            Ok(vec![Event::Changed("dorsal CSF set".into())])
        }
    }
}

fn place_nerve_lead(
    s: &mut Ctx,
    lead: usize,
    site: &NerveSite,
    deployed: bool,
) -> Result<Vec<Event>, Refusal> {
    if !super::site::at_nerves(s.device()) {
        return Err(s.only_for(ImplantKind::Pns));
    }
    site.validate().map_err(|e| Refusal::Scene(e.to_string()))?;
    let slot = s
        .device_mut()
        .nerve_leads
        .get_mut(lead)
        .ok_or(Refusal::NoLead { lead })?;
    slot.site = *site;
    slot.deployed = deployed;
    Ok(vec![Event::Changed(format!(
        "lead {} at the {site}",
        lead.saturating_add(1)
    ))])
}
