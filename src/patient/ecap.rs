//! The evoked compound action potential (ECAP): the summed answer of the dorsal-column
//! fibres a pulse recruits, as recording contacts of the same lead see it (the shared
//! notes' REFERENCES-ECAP.md). It follows from the same fibre thresholds as perception, so
//! its threshold tracks the perception threshold across postures and pulse widths, and it
//! grows with how close the cord lies twice over: closer fibres are recruited at lower
//! currents, and each is recorded bigger.

use super::activation::{Activation, Body, DURA_MM, REFERENCE_MM};
use super::stimulus::Stimulus;

/// Smallest ECAP the recording resolves above its noise, µV: the ECAP threshold is the
/// lowest current whose ECAP reaches it (*approximate*: a few µV).
pub const NOISE_FLOOR_UV: f64 = 4.0;
/// ECAP per unit of dorsal-column recruitment summed over the body's regions, at the
/// reference distance, µV (*approximate*: chosen so the threshold lies near perception and
/// comfortable stimulation gives tens to a few hundred µV, as published).
pub const UV_PER_RECRUITMENT: f64 = 40.0;
/// Weight of the dorsal roots' volley beside the columns': root fibres entering near the
/// cathode fire with them and are recorded too (with thick CSF they come first, and the
/// ECAP threshold still follows perception, as published) (*approximate*).
pub const ROOT_WEIGHT: f64 = 2.5;
/// How fast the recorded size of each fibre's volley falls with the cord's distance from
/// the lead (a power of distance): the slope of the growth curve falls as the cord moves
/// away (Saluda US 11,191,966: stimulation and measurement both depend on distance).
pub const RECORDING_DISTANCE_POWER: f64 = 1.0;
/// Conduction velocity of the dorsal-column Aβ volley, mm/ms (30–80 m/s).
pub const CONDUCTION_MM_PER_MS: f64 = 50.0;
/// Time from the pulse to the volley's start (pulse and activation), ms (*approximate*).
pub const ACTIVATION_DELAY_MS: f64 = 0.2;
/// Rate at which the ECAP has shrunk to half, Hz: higher rates give slightly smaller ECAPs
/// at the same current (Gmel 2021, 2–455 Hz) — the ECAP is not a loudness meter.
pub const RATE_HALVING_HZ: f64 = 2000.0;
/// Stimulus artifact on the recording contacts per mA of the pulse, as the pulse ends, µV;
/// it decays exponentially (Chakravarthy 2022: "decaying exponential and linear
/// components", both growing with current) (*approximate*).
pub const ARTIFACT_UV_PER_MA: f64 = 150.0;
/// Decay time of the artifact's exponential part, ms.
pub const ARTIFACT_DECAY_MS: f64 = 0.3;
/// The artifact's slow, linear part per mA, µV.
pub const ARTIFACT_RESIDUE_UV_PER_MA: f64 = 1.5;
/// Width of one phase of the P1–N1–P2 wave at the first recording contact, ms; it
/// broadens with distance travelled.
pub const PHASE_MS: f64 = 0.25;

/// How one configuration's evoked response is recorded: the fibre thresholds it reaches,
/// how far the cord lies under its cathode, and where it is recorded.
#[derive(Clone, Copy, Debug)]
pub struct Ecap<'a> {
    act: &'a Activation,
    /// Cathode to cord: dura and dorsal CSF, mm.
    cord_mm: f64,
    /// Cathode to the recording contact along the lead, mm.
    record_mm: f64,
    /// The rate's shrinking of the volley (1 at low rates) times the patient's own scale.
    rate_factor: f64,
}

impl<'a> Ecap<'a> {
    /// The recording of `stimulus` (its fibre thresholds `act`) in `body`, on a contact
    /// `record_mm` along the lead from the main cathode; `None` without a cathode or with
    /// a waveform that recruits asynchronously (kHz: no volley to record).
    pub fn new(
        act: &'a Activation,
        body: &Body,
        stimulus: &Stimulus,
        record_mm: f64,
    ) -> Option<Ecap<'a>> {
        if stimulus.pattern == super::stimulus::Pattern::HighFrequency {
            return None;
        }
        let cathode = stimulus
            .poles
            .iter()
            .filter(|p| p.cathode)
            .max_by(|a, b| a.fraction.total_cmp(&b.fraction))?;
        Some(Ecap {
            act,
            cord_mm: DURA_MM + body.csf_under(cathode.z_mm, cathode.lateral_mm),
            record_mm: record_mm.abs().max(1.0),
            rate_factor: body.ecap_scale / (1.0 + stimulus.rate_hz.max(0.0) / RATE_HALVING_HZ),
        })
    }

    /// Distance from the cathode to the cord, mm.
    pub fn cord_mm(&self) -> f64 {
        self.cord_mm
    }

    /// The ECAP's size (P2 − N1), µV, at `ma` with the cord `delta_mm` farther from the
    /// lead than its posture puts it (negative: closer — a cough, a heartbeat). Smooth and
    /// without noise: below [`NOISE_FLOOR_UV`] a real recording shows nothing.
    pub fn amplitude_uv(&self, ma: f64, delta_mm: f64) -> f64 {
        let now = (self.cord_mm + delta_mm).max(DURA_MM + 0.1);
        // Thresholds grow with the square of distance (activation.rs), so moving the cord
        // is the same as scaling the current.
        let reach = (self.cord_mm / now).powi(2);
        let at = ma * reach;
        let recruited: f64 = self.act.column_recruitment(at).iter().sum::<f64>()
            + ROOT_WEIGHT * self.act.root_recruitments(at).sum::<f64>();
        let gain = (REFERENCE_MM / now).powf(RECORDING_DISTANCE_POWER);
        UV_PER_RECRUITMENT * gain * recruited * self.rate_factor
    }

    /// The ECAP threshold: the lowest current up to `ceiling_ma` whose ECAP reaches the
    /// noise floor, mA (to 0.01 mA, found as perception's thresholds are).
    pub fn threshold_ma(&self, ceiling_ma: f64) -> Option<f64> {
        super::perception::lowest_where(ceiling_ma, |ma| {
            self.amplitude_uv(ma, 0.0) >= NOISE_FLOOR_UV
        })
    }

    /// The lowest current up to `ceiling_ma` whose ECAP at rest reaches `target_uv`, mA
    /// (where a closed loop holding that target settles).
    pub fn current_for(&self, target_uv: f64, ceiling_ma: f64) -> Option<f64> {
        super::perception::lowest_where(ceiling_ma, |ma| self.amplitude_uv(ma, 0.0) >= target_uv)
    }

    /// The growth curve's slope at `ma`, µV/mA (a central difference).
    pub fn slope_uv_per_ma(&self, ma: f64, delta_mm: f64) -> f64 {
        let h = 0.05;
        (self.amplitude_uv(ma + h, delta_mm) - self.amplitude_uv((ma - h).max(0.0), delta_mm))
            / (ma + h - (ma - h).max(0.0))
    }

    /// When the volley's main (N1) peak reaches the recording contact after the pulse, ms.
    pub fn latency_ms(&self) -> f64 {
        ACTIVATION_DELAY_MS + self.record_mm / CONDUCTION_MM_PER_MS + PHASE_MS
    }

    /// The recording at `t_ms` after a pulse of `ma`: the P1–N1–P2 wave (N1 negative) on
    /// top of the stimulus artifact, µV — the trace a programmer draws.
    pub fn trace_uv(&self, ma: f64, delta_mm: f64, t_ms: f64) -> f64 {
        let size = self.amplitude_uv(ma, delta_mm);
        // Farther contacts see a later, broader wave.
        let width = PHASE_MS * (1.0 + self.record_mm / 60.0);
        let n1 = self.latency_ms();
        let wave =
            |centre: f64, weight: f64| weight * (-((t_ms - centre) / (0.6 * width)).powi(2)).exp();
        // P2 − N1 equals `size`: N1 at −0.6, P2 at +0.4 of it; P1 small.
        let ecap = size * (wave(n1 - width, 0.15) - wave(n1, 0.6) + wave(n1 + width, 0.4));
        ecap + self.artifact_uv(ma, t_ms)
    }

    /// The stimulus artifact at `t_ms` after a pulse of `ma`, µV (none before the pulse).
    pub fn artifact_uv(&self, ma: f64, t_ms: f64) -> f64 {
        if t_ms < 0.0 {
            return 0.0;
        }
        ma * (ARTIFACT_UV_PER_MA * (-t_ms / ARTIFACT_DECAY_MS).exp() + ARTIFACT_RESIDUE_UV_PER_MA)
    }
}
