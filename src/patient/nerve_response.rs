//! What a patient feels when a peripheral nerve is stimulated: tingling in the nerve's
//! territory, a twitch of its muscle above the motor threshold (wanted for some targets,
//! painful for others), pricking pain once Aδ fibres fire; thresholds; and relief through
//! the same dorsal-horn gate as spinal cord stimulation, with PNS's own time course
//! (REFERENCES-PNS §2–4).

use super::anatomy::REGIONS;
use super::gate::{self, GateInput, Path, SlowGate};
use super::nerve::{FibreClass, Muscle};
use super::nerve_activation::{NerveActivation, NerveStimulus, recruited};
use super::perception::{PERCEPTION_LEVEL, Perception, lowest_where, synchrony};
use super::{Patient, Response};

/// Motor recruitment at which a twitch is visible: the motor threshold.
pub const TWITCH_LEVEL: f64 = 0.1;
/// Recruitment of a wanted muscle that turns from a contraction into a cramp.
pub const CRAMP_LEVEL: f64 = 0.6;
/// Aδ recruitment felt as sharp, pricking pain (the usual discomfort threshold).
pub const ADELTA_DISCOMFORT: f64 = 0.5;
/// C recruitment felt as burning.
pub const C_DISCOMFORT: f64 = 0.1;
/// Skin pain-fibre recruitment at the lead felt as stinging.
pub const SKIN_DISCOMFORT: f64 = 0.3;

/// Onset of relief while the nerve is stimulated, s (as tonic spinal cord stimulation).
pub const ONSET_S: f64 = 120.0;
/// Wash-out of relief after stimulation stops, s: pain returns within hours (Wall & Sweet
/// 1967: 4 of 8 patients still relieved 30 min after 2 min at 100 Hz; Nguyen 2015).
pub const WASHOUT_S: f64 = 2.0 * 3600.0;
/// Build-up of the carry-over of the 60-day percutaneous therapy, s (weeks of use).
pub const CARRY_ONSET_S: f64 = 14.0 * 86_400.0;
/// Decay of that carry-over, s: months after the lead is out (Gilmore 2019/2020; the
/// mechanism is a hypothesis).
pub const CARRY_DECAY_S: f64 = 180.0 * 86_400.0;

/// Motor response at one amplitude.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MotorResponse {
    /// The muscle.
    pub muscle: Muscle,
    /// Its recruitment (0..1).
    pub recruitment: f64,
}

/// Everything the nerve does at one amplitude, beyond what [`Perception`] holds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NerveReading {
    /// Recruitment of each class over all nerves reached, in [`FibreClass::ALL`] order
    /// (the highest of any nerve).
    pub classes: [f64; 4],
    /// The strongest twitch, if a muscle twitches (recruitment at or above [`TWITCH_LEVEL`]).
    pub motor: Option<MotorResponse>,
    /// Stinging at the lead from the skin's own pain fibres (0..1).
    pub skin: f64,
    /// A cathode sits inside a nerve.
    pub intraneural: bool,
}

/// What every nerve does at `ma`.
pub fn reading(act: &NerveActivation, ma: f64) -> NerveReading {
    let mut out = NerveReading {
        skin: recruited(ma, act.skin_ma),
        ..NerveReading::default()
    };
    for g in &act.groups {
        let r = g.reading(ma);
        for (o, v) in out.classes.iter_mut().zip(r.classes) {
            *o = f64::max(*o, v);
        }
        let m = r.classes[FibreClass::AAlpha.index()];
        if let Some(muscle) = g.muscle()
            && m >= TWITCH_LEVEL
            && out.motor.is_none_or(|x| m > x.recruitment)
        {
            out.motor = Some(MotorResponse {
                muscle,
                recruitment: m,
            });
        }
        out.intraneural |= g.intraneural;
    }
    out
}

/// Whether `ma` is uncomfortable: pricking (Aδ) or burning (C) pain, an unwanted twitch,
/// a wanted muscle cramping, or stinging at the lead.
fn uncomfortable(act: &NerveActivation, stimulus: &NerveStimulus, ma: f64) -> bool {
    if ma <= 0.0 {
        return false;
    }
    let felt_share = synchrony(&stimulus.pulses).max(0.4);
    // Nerve by nerve (a class's recruitment is the highest of any nerve), stopping at the
    // first reason.
    recruited(ma, act.skin_ma) * felt_share >= SKIN_DISCOMFORT
        || act.groups.iter().any(|g| {
            let motor = || {
                g.muscle().is_some_and(|m| {
                    let r = g.class_recruitment(FibreClass::AAlpha, ma);
                    r >= TWITCH_LEVEL && (!m.wanted || r >= CRAMP_LEVEL)
                })
            };
            motor()
                || g.class_recruitment(FibreClass::ADelta, ma) * felt_share >= ADELTA_DISCOMFORT
                || g.class_recruitment(FibreClass::C, ma) >= C_DISCOMFORT
        })
}

fn felt(act: &NerveActivation, stimulus: &NerveStimulus, ma: f64) -> bool {
    let sync = synchrony(&stimulus.pulses);
    sync > 0.0
        && act
            .paresthesia(ma)
            .iter()
            .any(|p| sync * p >= PERCEPTION_LEVEL)
}

/// Perception threshold: first tingling, mA.
pub fn perception_threshold(
    act: &NerveActivation,
    stimulus: &NerveStimulus,
    ceiling_ma: f64,
) -> Option<f64> {
    lowest_where(ceiling_ma, |ma| felt(act, stimulus, ma))
}

/// Discomfort threshold: the lowest amplitude the patient finds uncomfortable, mA.
pub fn discomfort_threshold(
    act: &NerveActivation,
    stimulus: &NerveStimulus,
    ceiling_ma: f64,
) -> Option<f64> {
    lowest_where(ceiling_ma, |ma| uncomfortable(act, stimulus, ma))
}

/// Motor threshold: the lowest amplitude at which a muscle visibly twitches, mA (`None`
/// for a purely sensory nerve or beyond `ceiling_ma`).
pub fn motor_threshold(act: &NerveActivation, ceiling_ma: f64) -> Option<f64> {
    let twitches = |ma: f64| {
        act.groups.iter().any(|g| {
            g.muscle().is_some() && g.class_recruitment(FibreClass::AAlpha, ma) >= TWITCH_LEVEL
        })
    };
    lowest_where(ceiling_ma, twitches)
}

/// Threshold of one class (its recruitment reaching `level`), mA, for teaching.
pub fn class_threshold(
    act: &NerveActivation,
    class: FibreClass,
    level: f64,
    ceiling_ma: f64,
) -> Option<f64> {
    lowest_where(ceiling_ma, |ma| {
        reading(act, ma).classes[class.index()] >= level
    })
}

fn side_effects(r: &NerveReading, uncomfortable: bool, sync: f64) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(m) = r.motor {
        out.push(if m.muscle.wanted {
            format!(
                "{} contraction: the wanted sign of a good placement",
                m.muscle.words
            )
        } else {
            format!("{} twitch: unwanted and painful", m.muscle.words)
        });
    }
    if sync > 0.0 && r.classes[FibreClass::ADelta.index()] >= 0.1 {
        out.push("sharp, pricking pain from Aδ fibres".into());
    }
    if r.classes[FibreClass::C.index()] >= 0.05 {
        out.push("burning from C fibres".into());
    }
    if r.skin >= 0.1 {
        out.push("stinging in the skin over the lead".into());
    }
    if r.intraneural {
        out.push(
            "the lead is inside the nerve: thresholds are low and the nerve may be injured".into(),
        );
    }
    if uncomfortable {
        out.push("discomfort: above the discomfort threshold".into());
    }
    out
}

/// What is felt at `ma`, with the nerve's own reading.
pub fn perceive(
    act: &NerveActivation,
    stimulus: &NerveStimulus,
    ma: f64,
) -> (Perception, NerveReading) {
    let sync = synchrony(&stimulus.pulses);
    let recruitment = act.paresthesia(ma);
    // Felt only where the synchronous firing reaches perception, as along the spine.
    let paresthesia = recruitment.map(|p| {
        let felt = sync * p;
        if felt >= PERCEPTION_LEVEL {
            felt.min(1.0)
        } else {
            0.0
        }
    });
    let r = reading(act, ma);
    let uncomfortable = uncomfortable(act, stimulus, ma);
    let perception = Perception {
        paresthesia,
        extent: recruitment,
        paresthesia_free: sync <= 0.0,
        recruitment,
        root_recruitment: 0.0,
        band_regions: Vec::new(),
        band_side: None,
        side_effects: side_effects(&r, uncomfortable, sync),
        uncomfortable,
        twitch: r.motor.is_some(),
    };
    (perception, r)
}

/// Tingling at which a nerve's territory counts as fully covered.
const FULL_COVERAGE_TINGLING: f64 = 0.4;

/// Share of the pain map covered by tingling (0..1), weighted by each region's pain. A
/// nerve's territory is felt as a whole, so a region counts by how strongly it tingles (fully
/// from [`FULL_COVERAGE_TINGLING`]) — distance from the nerve, not the share of one
/// territory's fibres, decides coverage.
fn coverage(paresthesia: &[f64; REGIONS.len()], pain: &[f64; REGIONS.len()]) -> f64 {
    let total: f64 = pain.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    pain.iter()
        .zip(paresthesia)
        .map(|(v, p)| v * (p / FULL_COVERAGE_TINGLING).min(1.0))
        .sum::<f64>()
        / total
}

/// The fast physiology of a nerve stimulus at `ma`: what is felt and the gate's targets.
/// Tingling over the painful area drives the same dorsal-horn gate as tonic spinal cord
/// stimulation (paresthesia-based; burst is felt less, kHz not at all).
pub fn respond(
    patient: &Patient,
    act: &NerveActivation,
    stimulus: &NerveStimulus,
    ma: f64,
) -> (Response, NerveReading) {
    let (perception, reading) = perceive(act, stimulus, ma);
    let follow = super::tonic_follow_hz(stimulus.pulses.rate_hz);
    // The dorsal horn receives the synchronous firing, felt or not (as along the spine).
    let sync = synchrony(&stimulus.pulses);
    let drive = |r: usize| sync * perception.extent[r] * follow;
    let mut targets = [[0.0; REGIONS.len()]; 3];
    let mut worst = 0;
    for (r, &vas) in patient.pain.iter().enumerate() {
        if vas > patient.pain[worst] {
            worst = r;
        }
        if vas > 0.0 && ma > 0.0 {
            targets[Path::Tonic as usize][r] = gate::closure(vas, drive(r), 0.0);
        }
    }
    let row = &targets[Path::Tonic as usize];
    let best = (0..REGIONS.len())
        .max_by(|a, b| row[*a].total_cmp(&row[*b]))
        .unwrap_or(worst);
    let gate_region = if row[best] > 0.01 { best } else { worst };
    let abeta_hz = if ma > 0.0 { drive(gate_region) } else { 0.0 };
    let gate = gate::steady(GateInput {
        abeta_hz,
        ..GateInput::pain(patient.pain[gate_region])
    });
    let coverage = coverage(&perception.paresthesia, &patient.pain);
    let response = Response {
        perception,
        targets,
        gate,
        gate_region,
        coverage,
    };
    (response, reading)
}

/// Steps of the gate-closure table over tingling intensity (0..1) in [`ReliefTable`].
const TABLE_STEPS: usize = 1024;

/// What a relief map needs of the patient and the pulses, computed once: for each painful
/// region, the gate's closure over tingling intensity on a fine grid (linear
/// interpolation between grid points moves relief by well under 0.01 %).
#[derive(Clone, Debug)]
pub struct ReliefTable {
    /// (region, VAS, closure at intensity k / TABLE_STEPS for k = 0..=TABLE_STEPS).
    regions: Vec<(usize, f64, Vec<f64>)>,
    /// Pain-weighted overall VAS without stimulation (times the sum of pain).
    base: f64,
    total: f64,
    responder: f64,
}

impl ReliefTable {
    /// The table for `patient` under pulses like `stimulus`'s (pattern and rate).
    pub fn new(patient: &Patient, stimulus: &NerveStimulus) -> ReliefTable {
        let sync = synchrony(&stimulus.pulses);
        let follow = super::tonic_follow_hz(stimulus.pulses.rate_hz);
        let regions = (0..REGIONS.len())
            .filter(|&r| patient.pain[r] > 0.0)
            .map(|r| {
                let vas = patient.pain[r];
                let closures = (0..=TABLE_STEPS)
                    .map(|k| {
                        let p = k as f64 / TABLE_STEPS as f64;
                        gate::closure(vas, sync * p * follow, 0.0)
                    })
                    .collect();
                (r, vas, closures)
            })
            .collect();
        ReliefTable {
            regions,
            base: patient.pain.iter().map(|v| v * v).sum(),
            total: patient.pain.iter().sum(),
            responder: patient.responder,
        }
    }

    fn closure(table: &[f64], p: f64) -> f64 {
        let x = p.clamp(0.0, 1.0) * TABLE_STEPS as f64;
        let k = (x.floor() as usize).min(TABLE_STEPS - 1);
        let t = x - k as f64;
        table[k] * (1.0 - t) + table[k + 1] * t
    }

    /// Steady relief (%) of `act` at each amplitude, appended to `out`: the Aβ tingling of
    /// painful regions through the gate, as [`respond`] and [`super::pain`] give it
    /// without fluctuation.
    pub fn relief(&self, act: &NerveActivation, amplitudes: &[f64], out: &mut Vec<f64>) {
        // Aβ thresholds of every fascicle, and per painful region the fascicles supplying it.
        let mut thresholds = Vec::new();
        let mut supply: Vec<Vec<(usize, f64)>> = vec![Vec::new(); self.regions.len()];
        for g in &act.groups {
            for (th, territory) in g.thresholds.iter().zip(&g.territory) {
                let i = thresholds.len();
                thresholds.push(th[FibreClass::ABeta.index()]);
                for (j, (r, _, _)) in self.regions.iter().enumerate() {
                    for (region, share) in territory {
                        if region == r {
                            supply[j].push((i, *share));
                        }
                    }
                }
            }
        }
        let efficacy = Path::Tonic.efficacy();
        let base = self.base / self.total;
        let mut rec = vec![0.0; thresholds.len()];
        for &ma in amplitudes {
            for (x, th) in rec.iter_mut().zip(&thresholds) {
                *x = recruited(ma, *th);
            }
            let mut now = 0.0;
            for ((_, vas, table), supply) in self.regions.iter().zip(&supply) {
                let p: f64 = supply.iter().map(|(i, share)| share * rec[*i]).sum();
                let closure = if ma > 0.0 {
                    Self::closure(table, p)
                } else {
                    0.0
                };
                now += vas * vas * (1.0 - self.responder * efficacy * closure);
            }
            let vas = (now / self.total).clamp(0.0, 10.0);
            out.push(if base > 0.0 {
                (100.0 * (1.0 - vas / base)).clamp(0.0, 100.0)
            } else {
                0.0
            });
        }
    }
}

/// The slow states of peripheral nerve stimulation: the gate's closure (as for spinal cord
/// stimulation, with PNS's onset and wash-out) and, for the 60-day percutaneous therapy,
/// a carry-over that builds over weeks and fades over months.
#[derive(Clone, Debug, PartialEq)]
pub struct NerveCourse {
    /// Carry-over per region (0..1), as a share of gate closure.
    pub carry: [f64; REGIONS.len()],
}

impl Default for NerveCourse {
    fn default() -> Self {
        NerveCourse {
            carry: [0.0; REGIONS.len()],
        }
    }
}

impl NerveCourse {
    /// Moves the gate's states toward `targets` with PNS's time constants, and the
    /// carry-over (when `carries`) toward the gate's closure while stimulating.
    pub fn advance(
        &mut self,
        slow: &mut SlowGate,
        targets: &[[f64; REGIONS.len()]; 3],
        dt_s: f64,
        carries: bool,
    ) {
        for (g, &target) in slow
            .state
            .iter_mut()
            .flatten()
            .zip(targets.iter().flatten())
        {
            let tau = if target > *g { ONSET_S } else { WASHOUT_S };
            *g = target + (*g - target) * (-dt_s / tau).exp();
        }
        for (r, c) in self.carry.iter_mut().enumerate() {
            let target = if carries {
                targets[Path::Tonic as usize][r]
            } else {
                0.0
            };
            if target > *c {
                *c = target + (*c - target) * (-dt_s / CARRY_ONSET_S).exp();
            } else {
                *c *= (-dt_s / CARRY_DECAY_S).exp();
            }
        }
    }

    /// The gate's states with the carry-over folded in (either keeps the gate closed).
    pub fn combined(&self, slow: &SlowGate) -> SlowGate {
        let mut out = slow.clone();
        let row = &mut out.state[Path::Tonic as usize];
        for (g, c) in row.iter_mut().zip(self.carry) {
            *g = 1.0 - (1.0 - *g) * (1.0 - c);
        }
        out
    }
}
