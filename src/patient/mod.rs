//! The toy physiology: anatomy, fibre activation, perception, the gate and relief.
//! A toy for intuition, not a clinical tool: every arrow points the way REFERENCES.md says.

pub mod activation;
pub mod anatomy;
pub mod cord_motion;
pub mod ecap;
pub mod gate;
pub mod interview;
pub mod nerve;
pub mod nerve_activation;
pub mod nerve_response;
pub mod nerve_words;
pub mod perception;
pub mod pharmacology;
pub mod profile;
pub mod spine;
pub mod stimulus;
pub mod words;

use activation::Activation;
use anatomy::REGIONS;
use gate::{GateActivity, GateInput, Path, SlowGate};
use perception::Perception;
pub use profile::Patient;

use stimulus::{Pattern, Stimulus};

/// Aβ firing a tonic train drives in fully recruited fibres at `rate_hz`, Hz: fibres follow
/// low rates, and the gate saturates at high ones.
pub(crate) fn tonic_follow_hz(rate_hz: f64) -> f64 {
    80.0 * rate_hz / (rate_hz + 20.0)
}

/// Inhibitory drive of burst at full subperception dose, Hz.
const BURST_DRIVE_HZ: f64 = 30.0;

/// Dose of burst in a region: burst is programmed below its paresthesia threshold
/// (≈ 60–70 %), acting on the dorsal horn of the segments whose fibres it nearly fires.
fn burst_dose(ma: f64, region_threshold_ma: f64) -> f64 {
    ((ma / region_threshold_ma - 0.25) / 0.4).clamp(0.0, 1.0)
}
/// Direct inhibitory drive of a well-placed kHz train at full dose, Hz.
const HF_DRIVE_HZ: f64 = 30.0;

/// Amplitude scale of kHz stimulation's dose, mA (approximate: REFERENCES §7 puts usual
/// 10 kHz amplitudes at 1.5–3.5 mA with little relief well below 1 mA; with it the dose
/// grows about evenly through 1–5 mA, the gate half closed near 1 mA on a well-placed
/// lead and mostly closed by 3 mA).
const HF_DOSE_MA: f64 = 14.0;

/// Dose factor of kHz stimulation (clinically 1–5 mA; sub-perception kHz therapy needs
/// enough charge per second): none below 0.3 mA, rising about evenly with amplitude.
fn hf_dose(ma: f64) -> f64 {
    if ma <= 0.3 {
        0.0
    } else {
        1.0 - (-(ma - 0.3) / HF_DOSE_MA).exp()
    }
}

/// How well kHz stimulation at these cord segments reaches a region's dorsal horn:
/// it acts on the segments at and a few below the cathode (T8–T11 for back and legs).
fn hf_match(segments: &[f64], region: usize) -> f64 {
    let r = &REGIONS[region];
    let centre = 0.5 * (r.dermatomes.0 + r.dermatomes.1) as f64;
    segments
        .iter()
        .map(|s| (-((centre - (s + 2.0)) / 3.0).powi(2) / 2.0).exp())
        .fold(0.0, f64::max)
}

/// Cord segments under the cathodes (where 10 kHz acts).
fn cathode_segments(act: &Activation) -> Vec<f64> {
    act.roots.iter().map(|g| g.dermatomes.1).collect()
}

/// What region `r`'s dorsal horn receives from `stimulus` at `ma`, Hz: (Aβ firing, direct
/// drive onto the inhibitory interneurons). `extent` is the share of the region's fibres
/// firing.
/// `khz_scale` is how strongly this person's dorsal horn answers kHz charge (1 typical).
fn region_input(
    act: &Activation,
    stimulus: &Stimulus,
    segments: &[f64],
    (ma, khz_scale): (f64, f64),
    extent: f64,
    r: usize,
) -> (f64, f64) {
    match stimulus.pattern {
        Pattern::Tonic => (extent * tonic_follow_hz(stimulus.rate_hz), 0.0),
        Pattern::Burst => (
            0.0,
            burst_dose(ma, act.region_threshold(r)) * BURST_DRIVE_HZ,
        ),
        Pattern::HighFrequency => (
            0.0,
            hf_match(segments, r) * hf_dose(ma * khz_scale) * HF_DRIVE_HZ,
        ),
    }
}

/// Steady relief (%) of `stimulus` at each amplitude of `amplitudes`, exactly as
/// [`respond`] and [`Response::steady_pain`] give it, without perception's words and side
/// effects: for maps and searches that need relief only.
pub fn steady_relief(
    patient: &Patient,
    act: &Activation,
    stimulus: &Stimulus,
    amplitudes: &[f64],
) -> Vec<f64> {
    let segments = cathode_segments(act);
    let painful: Vec<(usize, f64, f64)> = (0..REGIONS.len())
        .filter(|&r| patient.pain[r] > 0.0)
        .map(|r| {
            (
                r,
                patient.pain[r],
                gate::resting_projection_hz(patient.pain[r]),
            )
        })
        .collect();
    // Only tonic reads the fibres' extent, and only in painful regions.
    let mut wanted = [false; REGIONS.len()];
    if stimulus.pattern == Pattern::Tonic {
        for &(r, _, _) in &painful {
            wanted[r] = true;
        }
    }
    // pain() with one path acting and only painful regions weighing in, term for term.
    let total: f64 = patient.pain.iter().sum();
    let base = patient.pain.iter().map(|w| w * w).sum::<f64>() / total;
    let efficacy = Path::of(stimulus.pattern).efficacy();
    amplitudes
        .iter()
        .map(|&ma| {
            let extent = if ma > 0.0 {
                perception::extent_in(act, ma, &wanted)
            } else {
                [0.0; REGIONS.len()]
            };
            let mut now = 0.0;
            for &(r, vas, off) in &painful {
                let closure = if ma > 0.0 {
                    let (abeta, direct) = region_input(
                        act,
                        stimulus,
                        &segments,
                        (ma, patient.khz_scale),
                        extent[r],
                        r,
                    );
                    gate::closure_from(off, vas, abeta, direct)
                } else {
                    0.0
                };
                let relief = 1.0 - (1.0 - efficacy * closure);
                now += vas * (vas * (1.0 - patient.responder * relief));
            }
            let vas = (now / total).clamp(0.0, 10.0);
            if base > 0.0 {
                (100.0 * (1.0 - vas / base)).clamp(0.0, 100.0)
            } else {
                0.0
            }
        })
        .collect()
}

/// The physiology's answer for one setting at one instant.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// What is felt.
    pub perception: Perception,
    /// Target gate closure per path and region (what the slow states move toward).
    pub targets: [[f64; REGIONS.len()]; 3],
    /// The gate of one painful region at this instant (for teaching): the one the
    /// stimulation closes most, or else the most painful.
    pub gate: GateActivity,
    /// Which region [`Response::gate`] shows.
    pub gate_region: usize,
    /// Share of the pain map covered by paresthesia (0..1).
    pub coverage: f64,
}

/// Evaluates the fast physiology: perception and the gate targets at amplitude `ma` of
/// `stimulus` (whose activation is `act`; `dt` is the discomfort threshold, when known).
pub fn respond(
    patient: &Patient,
    act: &Activation,
    stimulus: &Stimulus,
    ma: f64,
    dt: Option<f64>,
) -> Response {
    let perception = perception::perceive(act, stimulus, ma, dt);
    let path = Path::of(stimulus.pattern);
    let segments = cathode_segments(act);
    let inputs = |r: usize| {
        region_input(
            act,
            stimulus,
            &segments,
            (ma, patient.khz_scale),
            perception.extent[r],
            r,
        )
    };
    let mut targets = [[0.0; REGIONS.len()]; 3];
    let mut worst = 0;
    for (r, &vas) in patient.pain.iter().enumerate() {
        if vas > patient.pain[worst] {
            worst = r;
        }
        if vas > 0.0 && ma > 0.0 {
            let (abeta, direct) = inputs(r);
            targets[path as usize][r] = gate::closure(vas, abeta, direct);
        }
    }
    let row = &targets[path as usize];
    let best = (0..REGIONS.len())
        .max_by(|a, b| row[*a].total_cmp(&row[*b]))
        .unwrap_or(worst);
    let gate_region = if row[best] > 0.01 { best } else { worst };
    let (abeta_hz, direct_hz) = if ma > 0.0 {
        inputs(gate_region)
    } else {
        (0.0, 0.0)
    };
    let gate = gate::steady(GateInput {
        abeta_hz,
        direct_hz,
        ..GateInput::pain(patient.pain[gate_region])
    });
    let coverage = perception::coverage(&perception, &patient.pain);
    Response {
        perception,
        targets,
        gate,
        gate_region,
        coverage,
    }
}

impl Response {
    /// The body with nothing stimulating it (as under a drug pump): nothing felt, no gate
    /// closing, and the gate shown is that of the most painful region, at rest.
    pub fn resting(patient: &Patient) -> Response {
        let worst = (0..REGIONS.len()).fold(0, |w, r| {
            if patient.pain[r] > patient.pain[w] {
                r
            } else {
                w
            }
        });
        Response {
            perception: Perception::default(),
            targets: [[0.0; REGIONS.len()]; 3],
            gate: gate::steady(GateInput::pain(patient.pain[worst])),
            gate_region: worst,
            coverage: 0.0,
        }
    }
}

impl Patient {
    /// This person's body as fibre activation sees it: posture, CSF and threshold scales.
    pub fn body(&self) -> activation::Body {
        activation::Body {
            posture: self.posture,
            csf_scale: self.csf_scale,
            csf_override_mm: self.csf_override_mm,
            threshold_scale: self.threshold_scale,
            ecap_scale: self.ecap_scale,
        }
    }
}

/// Pain now: per-region VAS, the pain-weighted overall VAS, and relief in percent.
#[derive(Clone, Debug, PartialEq)]
pub struct Pain {
    /// VAS per region.
    pub regions: [f64; REGIONS.len()],
    /// Overall VAS (pain-weighted mean over painful regions), 0–10.
    pub vas: f64,
    /// Relief against no stimulation, 0–100 %.
    pub relief_percent: f64,
}

impl Response {
    /// The pain this response settles to once every slow state has reached its target
    /// (steady state, no fluctuation).
    pub fn steady_pain(&self, patient: &Patient) -> Pain {
        pain(
            patient,
            &SlowGate {
                state: self.targets,
            },
            0.0,
        )
    }
}

/// Overall pain without any stimulation (VAS), the baseline relief is measured against.
pub fn baseline_vas(patient: &Patient) -> f64 {
    pain(patient, &SlowGate::default(), 0.0).vas
}

/// Pain given the slow gate states and an additive fluctuation on the overall VAS.
pub fn pain(patient: &Patient, slow: &SlowGate, noise: f64) -> Pain {
    let mut regions = [0.0; REGIONS.len()];
    for (r, out) in regions.iter_mut().enumerate() {
        *out = patient.pain[r] * (1.0 - patient.responder * slow.relief(r));
    }
    Pain::of(patient, regions, noise)
}

impl Pain {
    /// Pain from per-region VAS: the overall VAS is the mean weighted by the patient's own
    /// pain map, plus an additive fluctuation `noise`; relief is measured against the
    /// patient's baseline. Every implant's body model reports pain through this.
    pub fn of(patient: &Patient, regions: [f64; REGIONS.len()], noise: f64) -> Pain {
        let total: f64 = patient.pain.iter().sum();
        let weighted = |v: &[f64; REGIONS.len()]| {
            if total > 0.0 {
                patient.pain.iter().zip(v).map(|(w, x)| w * x).sum::<f64>() / total
            } else {
                0.0
            }
        };
        let base = weighted(&patient.pain);
        let vas = (weighted(&regions) + noise).clamp(0.0, 10.0);
        let relief_percent = if base > 0.0 {
            (100.0 * (1.0 - vas / base)).clamp(0.0, 100.0)
        } else {
            0.0
        };
        Pain {
            regions,
            vas,
            relief_percent,
        }
    }
}
