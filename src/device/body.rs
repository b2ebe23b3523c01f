//! What the implant delivers, in the body's terms: a program's pulses and its active
//! contacts, placed where the leads lie, become a [`Stimulus`] the physiology responds to.

use super::Device;
use super::lead::{
    Electrodes, LeadModel, NerveLead, Placement, Polarity, contact_offset_mm, contact_z_mm,
};
use super::program::{Settings, Waveform};
use crate::patient::nerve_activation::{NerveCathode, NerveStimulus};
use crate::patient::stimulus::{Pattern, Pole, Stimulus};

/// How a waveform drives the fibres.
pub fn pattern(waveform: Waveform) -> Pattern {
    match waveform {
        Waveform::Tonic => Pattern::Tonic,
        Waveform::Burst => Pattern::Burst,
        Waveform::HighFrequency => Pattern::HighFrequency,
    }
}

/// The stimulus of `settings` on `electrodes`, with each active contact placed along the
/// cord by its lead's placement (a lead without one lies where the first does; with no
/// placement at all a contact sits at the top of C1 on the midline).
pub fn stimulus(
    settings: &Settings,
    electrodes: &Electrodes,
    placements: &[Placement],
) -> Stimulus {
    let place = |lead: usize, contact: usize| {
        let p = placements.get(lead).or(placements.first());
        p.map_or((0.0, 0.0), |p| {
            (contact_z_mm(p.level, contact), p.lateral_mm)
        })
    };
    let poles = electrodes
        .active()
        .iter()
        .map(|c| {
            let (z_mm, lateral_mm) = place(c.lead, c.contact);
            Pole {
                z_mm,
                lateral_mm,
                fraction: c.fraction,
                cathode: c.polarity == Polarity::Cathode,
            }
        })
        .collect();
    Stimulus {
        pattern: pattern(settings.waveform),
        pulse_width_us: settings.pulse_width_us,
        rate_hz: settings.rate_hz,
        burst_pulses: settings.burst_pulses,
        burst_rate_hz: settings.burst_rate_hz,
        poles,
    }
}

impl Device {
    /// What the running program delivers to the body: its settings on the contacts the
    /// device actually drives (no poles when no complete circuit remains).
    pub fn stimulus(&self) -> Stimulus {
        let electrodes = self
            .usable_electrodes()
            .unwrap_or_else(|| Electrodes::equal_split(Vec::new(), false));
        stimulus(&self.program().settings, &electrodes, &self.placements)
    }
}

/// The nerve stimulus of `settings` on `electrodes`, each cathode at the nerve its lead
/// lies at: a single-contact lead right at its site, a lead of several contacts laid across
/// the nerve with each contact offset from where the nerve passes under it.
pub fn nerve_stimulus(
    settings: &Settings,
    electrodes: &Electrodes,
    leads: &[NerveLead],
) -> NerveStimulus {
    let active = electrodes.active();
    let cathodes = active
        .iter()
        .filter(|c| c.polarity == Polarity::Cathode)
        .filter_map(|c| {
            let lead = leads.get(c.lead)?;
            let offset_mm = match lead.model {
                LeadModel::Coiled => 0.0,
                LeadModel::Cylindrical => contact_offset_mm(c.contact) - lead.site.crossing_mm,
            };
            let anode_gap_mm = active
                .iter()
                .filter(|a| a.polarity == Polarity::Anode && a.lead == c.lead)
                .map(|a| (contact_offset_mm(a.contact) - contact_offset_mm(c.contact)).abs())
                .reduce(f64::min);
            Some(NerveCathode {
                site: lead.site,
                offset_mm,
                fraction: c.fraction,
                anode_gap_mm,
            })
        })
        .collect();
    NerveStimulus {
        pulses: stimulus(settings, &Electrodes::equal_split(Vec::new(), false), &[]),
        cathodes,
    }
}

impl Device {
    /// What the running program delivers to the nerves its leads lie at (no cathodes when
    /// no complete circuit remains).
    pub fn nerve_stimulus(&self) -> NerveStimulus {
        let electrodes = self
            .usable_electrodes()
            .unwrap_or_else(|| Electrodes::equal_split(Vec::new(), false));
        nerve_stimulus(&self.program().settings, &electrodes, &self.nerve_leads)
    }
}
