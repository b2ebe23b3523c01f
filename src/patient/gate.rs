//! The gate in the dorsal horn: a small rate model (Melzack & Wall; weights after the
//! teaching model in REFERENCES §3) solved at steady state, and slow states that give
//! onset and wash-out over minutes (10 kHz: wash-in over hours to days).

use super::anatomy::REGIONS;
use super::stimulus::Pattern;

/// Sigmoid rate function `R_max · ½ (1 + tanh((x − θ)/σ))`.
fn rate(x: f64, r_max: f64, theta: f64, sigma: f64) -> f64 {
    r_max * 0.5 * (1.0 + tanh((x - theta) / sigma))
}

/// tanh from one exponential (the library's is several times slower; the two agree to
/// about 1e-16, far below anything the model resolves).
fn tanh(x: f64) -> f64 {
    let e = (-2.0 * x.abs()).exp();
    ((1.0 - e) / (1.0 + e)).copysign(x)
}

/// Inputs to one region's dorsal horn, in Hz.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct GateInput {
    /// Aβ (large, touch) fibre firing driven by stimulation.
    pub abeta_hz: f64,
    /// Drive onto the inhibitory interneurons that bypasses Aβ firing (kHz stimulation).
    pub direct_hz: f64,
    /// C-fibre (slow pain) firing.
    pub c_hz: f64,
    /// Aδ (fast pain) firing.
    pub adelta_hz: f64,
}

impl GateInput {
    /// Pain-fibre input of a region whose pain is `vas` (0–10).
    pub fn pain(vas: f64) -> GateInput {
        let c_hz = 2.0 + 1.2 * vas;
        GateInput {
            c_hz,
            adelta_hz: 0.5 * c_hz,
            ..GateInput::default()
        }
    }
}

/// Activity of the network's cells, Hz.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct GateActivity {
    /// Inputs.
    pub input: GateInput,
    /// Inhibitory interneuron (substantia gelatinosa), max 80 Hz.
    pub inhibitory_hz: f64,
    /// Excitatory interneuron, max 60 Hz.
    pub excitatory_hz: f64,
    /// Projection (wide-dynamic-range, "T") neuron, max 50 Hz: the pain signal sent up.
    pub projection_hz: f64,
}

/// Steady-state activity for these inputs (the network is feed-forward, so one pass).
pub fn steady(input: GateInput) -> GateActivity {
    // Inhibitory interneurons fire tonically (40 Hz at rest) and rise steeply with the first
    // Aβ input, so a few fibres firing below perception already close the gate a little
    // (Wolter 2012) and a comfortable tingling closes most of it.
    let inhibitory_hz = rate(0.6 * input.abeta_hz + input.direct_hz, 80.0, 0.0, 7.0);
    let excitatory_hz = rate(0.6 * input.c_hz - 0.05 * inhibitory_hz, 60.0, 4.0, 3.0);
    let projection_hz = rate(
        0.3 * input.adelta_hz + 0.4 * input.c_hz + 0.4 * excitatory_hz - 0.15 * inhibitory_hz
            + 0.05 * input.abeta_hz,
        50.0,
        20.0,
        8.0,
    );
    GateActivity {
        input,
        inhibitory_hz,
        excitatory_hz,
        projection_hz,
    }
}

/// How far the gate closes for this stimulation input in a region with pain `vas`:
/// 0 = projection neuron fires as without stimulation, 1 = silent.
pub fn closure(vas: f64, abeta_hz: f64, direct_hz: f64) -> f64 {
    closure_from(resting_projection_hz(vas), vas, abeta_hz, direct_hz)
}

/// Projection-neuron firing without stimulation in a region with pain `vas`, Hz.
pub fn resting_projection_hz(vas: f64) -> f64 {
    steady(GateInput::pain(vas)).projection_hz
}

/// [`closure`] given the region's [`resting_projection_hz`] `off`.
pub fn closure_from(off: f64, vas: f64, abeta_hz: f64, direct_hz: f64) -> f64 {
    let on = steady(GateInput {
        abeta_hz,
        direct_hz,
        ..GateInput::pain(vas)
    })
    .projection_hz;
    if off <= 0.0 {
        0.0
    } else {
        (1.0 - on / off).clamp(0.0, 1.0)
    }
}

/// Time constant of 10 kHz wash-in, s: 12 h, so half the relief comes after about 8 h,
/// most within a day and all by three days (approximate; manufacturer practice and the
/// multi-day evaluations of SENZA-RCT, REFERENCES §7).
pub const HF_WASH_IN_S: f64 = 12.0 * 3600.0;

/// The three routes to relief, each with its own slow state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Path {
    /// Paresthesia-based: Aβ firing over the painful area closes the gate.
    Tonic = 0,
    /// Burst: subperception Aβ drive plus a slower, partly supraspinal route.
    Burst = 1,
    /// 1–10 kHz: acts on dorsal-horn inhibition directly, without paresthesia.
    HighFrequency = 2,
}

impl Path {
    /// The path a pattern of stimulation acts through.
    pub fn of(p: Pattern) -> Path {
        match p {
            Pattern::Tonic => Path::Tonic,
            Pattern::Burst => Path::Burst,
            Pattern::HighFrequency => Path::HighFrequency,
        }
    }

    /// Share of a fully closed gate that becomes relief (SUNBURST: burst beats tonic;
    /// SENZA: 10 kHz beats tonic).
    pub fn efficacy(self) -> f64 {
        [0.85, 0.85, 0.9][self as usize]
    }

    /// Time constant of onset, s: tonic within minutes; 10 kHz builds over hours to days
    /// (REFERENCES §7: programmers give a new 10 kHz program 1–3 days), [`HF_WASH_IN_S`].
    pub fn onset_s(self) -> f64 {
        [120.0, 180.0, HF_WASH_IN_S][self as usize]
    }

    /// Time constant of wash-out after stimulation stops, s (Qin 2007: 8–10 minutes).
    pub fn washout_s(self) -> f64 {
        [360.0, 900.0, 2400.0][self as usize]
    }
}

/// Slow gate-closure states, per path and region (0..1).
#[derive(Clone, Debug, PartialEq)]
pub struct SlowGate {
    /// `state[path][region]`.
    pub state: [[f64; REGIONS.len()]; 3],
}

impl Default for SlowGate {
    fn default() -> Self {
        SlowGate {
            state: [[0.0; REGIONS.len()]; 3],
        }
    }
}

impl SlowGate {
    /// Moves every state toward its target over `dt_s` (exact exponential step).
    pub fn advance(&mut self, targets: &[[f64; REGIONS.len()]; 3], dt_s: f64) {
        for (p, path) in [Path::Tonic, Path::Burst, Path::HighFrequency]
            .into_iter()
            .enumerate()
        {
            for (g, &target) in self.state[p].iter_mut().zip(&targets[p]) {
                let tau = if target > *g {
                    path.onset_s()
                } else {
                    path.washout_s()
                };
                *g = target + (*g - target) * (-dt_s / tau).exp();
            }
        }
    }

    /// Relief (0..1) in a region from all paths, before the patient's responder factor.
    pub fn relief(&self, region: usize) -> f64 {
        let paths = [Path::Tonic, Path::Burst, Path::HighFrequency];
        1.0 - paths
            .iter()
            .map(|p| 1.0 - p.efficacy() * self.state[*p as usize][region])
            .product::<f64>()
    }
}
