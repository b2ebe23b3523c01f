//! What the patient feels: paresthesia by region, perception and discomfort thresholds,
//! side effects.

use super::activation::Activation;
use super::anatomy::{DERMATOMES, REGIONS};
use super::stimulus::{Pattern, Stimulus};

/// Paresthesia intensity at which the patient first notices tingling.
pub const PERCEPTION_LEVEL: f64 = 0.05;
/// Dorsal-root recruitment at which the segmental band becomes uncomfortable.
pub const ROOT_DISCOMFORT: f64 = 0.3;
/// Dorsal-root recruitment at which the patient notices a band.
pub const ROOT_NOTICED: f64 = 0.1;
/// Drive above the most excitable column fibres' threshold that becomes uncomfortable.
pub const COLUMN_OVERDRIVE: f64 = 1.8;
/// Amplitude above the discomfort threshold at which muscles twitch (× DT).
pub const TWITCH_OVER_DT: f64 = 1.4;

/// How synchronously fibres fire: tonic trains drive them in lockstep and are felt; burst
/// much less; kHz trains fire them asynchronously and are not felt (Sagalajev 2024).
pub fn synchrony(stimulus: &Stimulus) -> f64 {
    match stimulus.pattern {
        Pattern::Tonic if stimulus.rate_hz <= 500.0 => 1.0,
        Pattern::Tonic => 1.0 - 0.6 * ((stimulus.rate_hz - 500.0) / 700.0).min(1.0),
        Pattern::Burst => 0.15,
        Pattern::HighFrequency => 0.0,
    }
}

/// What is felt at one amplitude.
#[derive(Clone, Debug, PartialEq)]
pub struct Perception {
    /// Paresthesia per region (0..1), in [`REGIONS`] order.
    pub paresthesia: [f64; REGIONS.len()],
    /// Dorsal-column recruitment per region regardless of whether it is felt (0..1).
    pub recruitment: [f64; REGIONS.len()],
    /// Highest dorsal-root recruitment (0..1).
    pub root_recruitment: f64,
    /// Regions where the roots give a band, most recruited first.
    pub band_regions: Vec<usize>,
    /// Side effects in plain words.
    pub side_effects: Vec<String>,
    /// Amplitude at or above the discomfort threshold.
    pub uncomfortable: bool,
    /// Far above the discomfort threshold: muscles twitch.
    pub twitch: bool,
}

/// Whether the patient feels anything at `ma`.
fn felt(act: &Activation, stimulus: &Stimulus, ma: f64) -> bool {
    let sync = synchrony(stimulus);
    if sync <= 0.0 {
        return false;
    }
    let col = act.column_recruitment(ma);
    let root = act.root_paresthesia(ma);
    col.iter()
        .zip(root.iter())
        .any(|(c, r)| sync * c.max(*r) >= PERCEPTION_LEVEL)
}

/// Whether `ma` is at or above the discomfort threshold. Asynchronous root firing (burst)
/// is less unpleasant than synchronous.
fn discomfort(act: &Activation, stimulus: &Stimulus, ma: f64) -> bool {
    let felt_share = synchrony(stimulus).max(0.4);
    act.root_recruitment(ma)
        .iter()
        .any(|&r| r * felt_share >= ROOT_DISCOMFORT)
        || ma >= COLUMN_OVERDRIVE * act.lowest_column_ma
}

/// Lowest amplitude (0.01 mA resolution) in 0–`ceiling_ma` at which `pred` holds, if any.
fn lowest_where(ceiling_ma: f64, pred: impl Fn(f64) -> bool) -> Option<f64> {
    if !pred(ceiling_ma) {
        return None;
    }
    let (mut lo, mut hi) = (0.0, ceiling_ma);
    while hi - lo > 0.005 {
        let mid = 0.5 * (lo + hi);
        if pred(mid) { hi = mid } else { lo = mid }
    }
    Some((hi * 100.0).round() / 100.0)
}

/// Perception threshold: the lowest amplitude up to `ceiling_ma` (the most the implant
/// delivers) at which tingling is first felt, mA.
pub fn perception_threshold(act: &Activation, stimulus: &Stimulus, ceiling_ma: f64) -> Option<f64> {
    lowest_where(ceiling_ma, |ma| felt(act, stimulus, ma))
}

/// Discomfort threshold: the lowest amplitude up to `ceiling_ma` the patient finds
/// uncomfortable, mA.
pub fn discomfort_threshold(act: &Activation, stimulus: &Stimulus, ceiling_ma: f64) -> Option<f64> {
    lowest_where(ceiling_ma, |ma| discomfort(act, stimulus, ma))
}

/// What is felt at amplitude `ma` (`dt` is the discomfort threshold, when known).
pub fn perceive(act: &Activation, stimulus: &Stimulus, ma: f64, dt: Option<f64>) -> Perception {
    let sync = synchrony(stimulus);
    let recruitment = act.column_recruitment(ma);
    let root = act.root_paresthesia(ma);
    let root_recruitment = act.root_recruitment(ma).into_iter().fold(0.0, f64::max);
    let mut paresthesia = [0.0; REGIONS.len()];
    for (i, p) in paresthesia.iter_mut().enumerate() {
        *p = (sync * recruitment[i].max(root[i])).clamp(0.0, 1.0);
    }
    let mut band_regions: Vec<usize> = (0..REGIONS.len())
        .filter(|&i| root[i] >= ROOT_NOTICED)
        .collect();
    band_regions.sort_by(|a, b| root[*b].total_cmp(&root[*a]));
    let uncomfortable = ma > 0.0 && discomfort(act, stimulus, ma);
    let twitch = dt.is_some_and(|dt| ma >= TWITCH_OVER_DT * dt);
    let mut side_effects = Vec::new();
    if root_recruitment >= ROOT_NOTICED && sync > 0.0 {
        let span = act
            .roots
            .iter()
            .zip(act.root_recruitment(ma))
            .filter(|(_, r)| *r >= ROOT_NOTICED)
            .map(|(g, _)| {
                format!(
                    "{} {}–{}",
                    g.side.name(),
                    dermatome(g.dermatomes.0),
                    dermatome(g.dermatomes.1)
                )
            })
            .collect::<Vec<_>>()
            .join(", ");
        side_effects.push(format!("segmental band from dorsal roots ({span})"));
    }
    if uncomfortable {
        side_effects.push("discomfort: above the discomfort threshold".to_string());
    }
    if twitch {
        side_effects.push("motor twitch: far above the discomfort threshold".to_string());
    }
    Perception {
        paresthesia,
        recruitment,
        root_recruitment,
        band_regions,
        side_effects,
        uncomfortable,
        twitch,
    }
}

fn dermatome(d: f64) -> &'static str {
    DERMATOMES[(d.round().max(0.0) as usize).min(DERMATOMES.len() - 1)]
}

/// Share of the pain map covered by paresthesia (0..1), weighted by each region's pain.
/// A region counts as fully covered from an intensity of 0.4.
pub fn coverage(paresthesia: &[f64; REGIONS.len()], pain: &[f64; REGIONS.len()]) -> f64 {
    let total: f64 = pain.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    pain.iter()
        .zip(paresthesia)
        .map(|(v, p)| v * (p / 0.4).min(1.0))
        .sum::<f64>()
        / total
}
