//! Placing a percutaneous lead at a peripheral nerve: the implanting clinician moves the
//! introducer needle under ultrasound while test-stimulating, then deploys the lead; and
//! withdrawing it (it is MR unsafe: it comes out before a scan).

use super::ctx::Ctx;
use super::stimulator::Stimulator;
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
    s.stim.check_not_withdrawn(lead)?;
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
    s.stim.check_not_withdrawn(lead)?;
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

/// Withdraws percutaneous lead `lead`: stimulation stops (the wearable generator comes off
/// for it) and cannot start again through it.
pub(super) fn withdraw(s: &mut Ctx, lead: usize) -> Result<Vec<Event>, Refusal> {
    let Some(l) = s.device().nerve_leads.get(lead).copied() else {
        return Err(if super::site::at_nerves(s.device()) {
            Refusal::NoLead { lead }
        } else {
            s.only_for(ImplantKind::Pns)
        });
    };
    if l.model != LeadModel::Coiled {
        return Err(Refusal::NotPercutaneous { lead });
    }
    s.stim.check_not_withdrawn(lead)?;
    s.stim.withdrawn.push(lead);
    s.device_mut().therapy_on = false;
    if s.stim.percutaneous_out() {
        s.stim.mri.safe_since_s = Some(s.host.t_s);
    }
    Ok(vec![
        Event::Therapy(false),
        Event::Changed(format!(
            "lead {} withdrawn whole from beside the {}: stimulation through it has ended",
            lead.saturating_add(1),
            l.site.nerve
        )),
    ])
}

impl Stimulator {
    /// Refuses a command for lead `lead` once it has been withdrawn.
    pub(super) fn check_not_withdrawn(&self, lead: usize) -> Result<(), Refusal> {
        if self.withdrawn.contains(&lead) {
            return Err(Refusal::LeadWithdrawn { lead });
        }
        Ok(())
    }

    /// Whether percutaneous lead `lead` has been withdrawn.
    pub fn is_withdrawn(&self, lead: usize) -> bool {
        self.withdrawn.contains(&lead)
    }

    /// The first withdrawn lead, if any (no stimulation while one is out: the model has
    /// one generator for every lead).
    pub(super) fn first_withdrawn(&self) -> Option<usize> {
        self.withdrawn.iter().copied().min()
    }

    /// Whether every percutaneous lead has been withdrawn (false when there was none).
    pub fn percutaneous_out(&self) -> bool {
        let mut coiled = self
            .device
            .nerve_leads
            .iter()
            .enumerate()
            .filter(|(_, l)| l.model == LeadModel::Coiled)
            .peekable();
        coiled.peek().is_some() && coiled.all(|(i, _)| self.withdrawn.contains(&i))
    }
}
