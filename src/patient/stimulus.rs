//! A stimulus as the body receives it: how the fibres are driven in time and where each
//! active contact sits along the cord with its share of the current. The implant side
//! turns its programs and lead placements into one of these; the body never sees a device.

/// How a pulse train drives the fibres.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Pattern {
    /// One pulse per period: fibres fire in lockstep and are felt.
    #[default]
    Tonic,
    /// Short bursts of pulses: felt much less, acting below the perception threshold.
    Burst,
    /// 1–10 kHz trains: fibres fire asynchronously and nothing is felt.
    HighFrequency,
}

/// One active contact as the cord sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pole {
    /// Depth of the contact's centre down the canal from the top of C1, mm.
    pub z_mm: f64,
    /// Lateral offset from the physiological midline, mm; negative is left.
    pub lateral_mm: f64,
    /// Share of the cathodic (or anodic) current this contact carries, 0..1.
    pub fraction: f64,
    /// A cathode (current leaves the tissue here and excites fibres); otherwise an anode.
    pub cathode: bool,
}

/// Everything about a stimulation, except its amplitude, that the body responds to.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Stimulus {
    /// How the fibres are driven.
    pub pattern: Pattern,
    /// Width of one cathodic phase, µs.
    pub pulse_width_us: f64,
    /// Pulse rate (tonic, high frequency) or burst repetition rate (burst), Hz.
    pub rate_hz: f64,
    /// Pulses in one burst.
    pub burst_pulses: u32,
    /// Pulse rate inside a burst, Hz.
    pub burst_rate_hz: f64,
    /// The active contacts (the case, a distant anode, is not among them); empty when no
    /// complete circuit is driven.
    pub poles: Vec<Pole>,
}
