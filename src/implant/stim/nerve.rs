//! Placing a percutaneous lead at a peripheral nerve: the implanting clinician moves the
//! introducer needle under ultrasound while test-stimulating, then deploys the lead.

use super::ctx::Ctx;
use crate::device::lead::LeadModel;
use crate::implant::command::Event;
use crate::implant::kind::ImplantKind;
use crate::implant::refusal::Refusal;
use crate::patient::nerve::NerveSite;

/// Moves lead `lead`'s introducer to `distance_mm` from its nerve.
pub(super) fn move_introducer(
    s: &mut Ctx,
    lead: usize,
    distance_mm: f64,
) -> Result<Vec<Event>, Refusal> {
    let Some(l) = s.device().nerve_leads.get(lead).copied() else {
        return Err(if super::site::at_nerves(s.device()) {
            Refusal::NoLead { lead }
        } else {
            s.only_for(ImplantKind::Pns)
        });
    };
    if l.deployed || l.model != LeadModel::Coiled {
        return Err(Refusal::LeadDeployed { lead });
    }
    let site = NerveSite {
        distance_mm,
        ..l.site
    };
    site.validate().map_err(|m| Refusal::Setting {
        field: "distance_mm".into(),
        message: m.to_string(),
    })?;
    s.device_mut().nerve_leads[lead].site = site;
    Ok(vec![Event::Changed(format!(
        "introducer of lead {} at {distance_mm:.1} mm from the {}",
        lead.saturating_add(1),
        site.nerve
    ))])
}

/// Deploys lead `lead` where its introducer is.
pub(super) fn deploy(s: &mut Ctx, lead: usize) -> Result<Vec<Event>, Refusal> {
    let Some(l) = s.device().nerve_leads.get(lead).copied() else {
        return Err(Refusal::NoLead { lead });
    };
    if l.deployed {
        return Err(Refusal::LeadDeployed { lead });
    }
    s.device_mut().nerve_leads[lead].deployed = true;
    Ok(vec![Event::Changed(format!(
        "lead {} deployed at {:.1} mm from the {}",
        lead.saturating_add(1),
        l.site.distance_mm,
        l.site.nerve
    ))])
}
