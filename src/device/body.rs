//! What the implant delivers, in the body's terms: a program's pulses and its active
//! contacts, placed where the leads lie, become a [`Stimulus`] the physiology responds to.

use super::Device;
use super::lead::{Electrodes, Placement, Polarity, contact_z_mm};
use super::program::{Settings, Waveform};
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
