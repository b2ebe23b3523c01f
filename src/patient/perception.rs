//! What the patient feels: paresthesia by region, perception and discomfort thresholds,
//! side effects.

use super::activation::Activation;
use super::anatomy::{REGIONS, Side, dermatome_name};
use super::stimulus::{Pattern, Stimulus};

/// Synchronous share of a region's fibres firing at which the patient first notices tingling.
pub const PERCEPTION_LEVEL: f64 = 0.05;
/// Dorsal-root recruitment at which the segmental band becomes uncomfortable.
pub const ROOT_DISCOMFORT: f64 = 0.3;
/// Dorsal-root recruitment at which the patient notices a band.
pub const ROOT_NOTICED: f64 = 0.1;
/// Total synchronous firing (summed over regions) at which stimulation stops being comfortable.
pub const SENSATION_DISCOMFORT: f64 = 2.0;
/// Share of a region's fibres firing from which the patient draws the whole region as
/// tingling (coverage counts it fully).
pub const FULL_COVERAGE_EXTENT: f64 = 0.15;
/// Amplitude above the discomfort threshold at which muscles twitch (× DT).
pub const TWITCH_OVER_DT: f64 = 1.4;

/// How synchronously fibres fire: tonic trains drive them in lockstep and are felt at every
/// rate up to 1.2 kHz (Abejón 2016); burst much less; kHz trains fire them asynchronously and
/// are not felt (Sagalajev 2024).
pub fn synchrony(stimulus: &Stimulus) -> f64 {
    match stimulus.pattern {
        Pattern::Tonic => 1.0,
        Pattern::Burst => 0.15,
        Pattern::HighFrequency => 0.0,
    }
}

/// How loud the same recruitment feels at this rate, 1 at 40 Hz: perceived intensity grows
/// roughly with the logarithm of the rate while the fibres recruited stay the same (Gmel 2021).
pub fn loudness(stimulus: &Stimulus) -> f64 {
    let rate = stimulus.rate_hz.max(0.0);
    (1.0 + rate / 10.0).ln() / 5.0_f64.ln()
}

/// What reaches the patient per region at `ma`.
struct Sensation {
    /// Synchronous firing per region (synchrony × extent): what is detected and what grows
    /// uncomfortable. It does not depend on rate, so PT and DT fall with rate only as the
    /// fibres' own thresholds fall, and the usage range stays (Abejón 2016).
    detected: [f64; REGIONS.len()],
    /// How strong it feels: detected × [`loudness`] (Gmel 2021).
    felt: [f64; REGIONS.len()],
    /// Share of each region's fibres firing, column or root.
    extent: [f64; REGIONS.len()],
}

fn sensation(act: &Activation, stimulus: &Stimulus, ma: f64) -> Sensation {
    let sync = synchrony(stimulus);
    let gain = loudness(stimulus);
    let mut out = Sensation {
        detected: [0.0; REGIONS.len()],
        felt: [0.0; REGIONS.len()],
        extent: extent(act, ma),
    };
    for i in 0..REGIONS.len() {
        out.detected[i] = sync * out.extent[i];
        out.felt[i] = gain * out.detected[i];
    }
    out
}

/// Share of each region's fibres firing at `ma`, column or root (0..1).
pub fn extent(act: &Activation, ma: f64) -> [f64; REGIONS.len()] {
    extent_in(act, ma, &[true; REGIONS.len()])
}

/// [`extent`] of the regions marked in `wanted` only (0 in the others). Inlined: it runs
/// for every region at every second of a simulation.
#[inline]
pub fn extent_in(
    act: &Activation,
    ma: f64,
    wanted: &[bool; REGIONS.len()],
) -> [f64; REGIONS.len()] {
    let mut out = act.column_recruitment_in(ma, wanted);
    let root = act.root_paresthesia_in(ma, wanted);
    for (o, r) in out.iter_mut().zip(root) {
        *o = o.max(r);
    }
    out
}

/// Whether the patient feels anything at `ma`.
fn felt(act: &Activation, stimulus: &Stimulus, ma: f64) -> bool {
    synchrony(stimulus) > 0.0
        && sensation(act, stimulus, ma)
            .detected
            .iter()
            .any(|&f| f >= PERCEPTION_LEVEL)
}

/// Whether `ma` is at or above the discomfort threshold: the tingling as a whole has grown
/// too strong, or the roots fire enough to jolt. Asynchronous root firing (burst) is less
/// unpleasant than synchronous.
fn discomfort(act: &Activation, stimulus: &Stimulus, ma: f64) -> bool {
    let felt_share = synchrony(stimulus).max(0.4);
    act.root_recruitments(ma)
        .any(|r| r * felt_share >= ROOT_DISCOMFORT)
        || sensation(act, stimulus, ma).detected.iter().sum::<f64>() >= SENSATION_DISCOMFORT
}

/// Lowest amplitude (0.01 mA resolution, rounded up so that the amplitude shown already
/// has the property) in 0–`ceiling_ma` at which `pred` holds, if any: every threshold the
/// body reports, spinal or peripheral, is found this way.
pub(super) fn lowest_where(ceiling_ma: f64, pred: impl Fn(f64) -> bool) -> Option<f64> {
    if !pred(ceiling_ma) {
        return None;
    }
    let (mut lo, mut hi) = (0.0, ceiling_ma);
    while hi - lo > 0.002 {
        let mid = 0.5 * (lo + hi);
        if pred(mid) { hi = mid } else { lo = mid }
    }
    Some(((hi * 100.0).ceil() / 100.0).min(ceiling_ma))
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

/// What is felt at one amplitude (`Default`: nothing at all).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Perception {
    /// Paresthesia the patient feels per region (0..1, louder at higher rates), in [`REGIONS`]
    /// order: 0 where the region's synchronous firing is below [`PERCEPTION_LEVEL`], so the map and the patient's words always agree.
    pub paresthesia: [f64; REGIONS.len()],
    /// Share of each region's fibres firing, column or root, felt or not (0..1): what the
    /// dorsal horn receives.
    pub extent: [f64; REGIONS.len()],
    /// The waveform is not felt at any amplitude (kHz): the patient expects no tingling.
    pub paresthesia_free: bool,
    /// Dorsal-column recruitment per region regardless of whether it is felt (0..1).
    pub recruitment: [f64; REGIONS.len()],
    /// Highest dorsal-root recruitment (0..1).
    pub root_recruitment: f64,
    /// Regions where the roots give a band, most recruited first.
    pub band_regions: Vec<usize>,
    /// The side of the body the band lies on when the roots of one side alone fire
    /// noticeably (a lateral lead: its own side, Holsheimer & Wesselink 1997); `None` when
    /// both sides' do or none.
    pub band_side: Option<Side>,
    /// Side effects in plain words.
    pub side_effects: Vec<String>,
    /// Amplitude at or above the discomfort threshold.
    pub uncomfortable: bool,
    /// Far above the discomfort threshold: muscles twitch.
    pub twitch: bool,
}

/// What is felt at amplitude `ma` (`dt` is the discomfort threshold, when known).
pub fn perceive(act: &Activation, stimulus: &Stimulus, ma: f64, dt: Option<f64>) -> Perception {
    let sync = synchrony(stimulus);
    let recruitment = act.column_recruitment(ma);
    let root = act.root_paresthesia(ma);
    let root_recruitment = act.root_recruitments(ma).fold(0.0, f64::max);
    let Sensation {
        detected,
        felt,
        extent,
    } = sensation(act, stimulus, ma);
    let mut paresthesia = [0.0; REGIONS.len()];
    for i in 0..REGIONS.len() {
        if detected[i] >= PERCEPTION_LEVEL {
            paresthesia[i] = felt[i].min(1.0);
        }
    }
    let mut band_regions: Vec<usize> = (0..REGIONS.len())
        .filter(|&i| root[i] >= ROOT_NOTICED && paresthesia[i] > 0.0)
        .collect();
    band_regions.sort_by(|a, b| root[*b].total_cmp(&root[*a]));
    let band_side = if band_regions.is_empty() {
        None
    } else {
        one_side(act, ma)
    };
    let uncomfortable = ma > 0.0 && discomfort(act, stimulus, ma);
    let twitch = dt.is_some_and(|dt| ma >= TWITCH_OVER_DT * dt);
    let mut side_effects = Vec::new();
    if root_recruitment >= ROOT_NOTICED && sync > 0.0 {
        side_effects.push(format!(
            "segmental band from dorsal roots ({})",
            band_spans(act, ma)
        ));
    }
    if uncomfortable {
        side_effects.push("discomfort: above the discomfort threshold".to_string());
    }
    if twitch {
        side_effects.push("motor twitch: far above the discomfort threshold".to_string());
    }
    Perception {
        paresthesia,
        extent,
        paresthesia_free: sync <= 0.0,
        recruitment,
        root_recruitment,
        band_regions,
        band_side,
        side_effects,
        uncomfortable,
        twitch,
    }
}

/// The one side whose roots fire noticeably at `ma`, if only one side's do.
fn one_side(act: &Activation, ma: f64) -> Option<Side> {
    let mut firing = [false; 2];
    for (g, r) in act.roots.iter().zip(act.root_recruitments(ma)) {
        firing[g.side.index()] |= r >= ROOT_NOTICED;
    }
    match firing {
        [true, false] => Some(Side::Left),
        [false, true] => Some(Side::Right),
        _ => None,
    }
}

/// The dermatomes of the roots firing noticeably, one span per side, upper first:
/// "left T9–T11, right T10–T11".
fn band_spans(act: &Activation, ma: f64) -> String {
    let mut spans: [Option<(f64, f64)>; 2] = [None, None];
    for (g, r) in act.roots.iter().zip(act.root_recruitment(ma)) {
        if r < ROOT_NOTICED {
            continue;
        }
        let (a, b) = g.dermatomes;
        let (lo, hi) = (a.min(b), a.max(b));
        let slot = &mut spans[g.side.index()];
        *slot = Some(slot.map_or((lo, hi), |(l, h)| (l.min(lo), h.max(hi))));
    }
    Side::BOTH
        .iter()
        .filter_map(|side| {
            spans[side.index()].map(|(lo, hi)| {
                let (a, b) = (dermatome_name(lo), dermatome_name(hi));
                if a == b {
                    format!("{} {a}", side.name())
                } else {
                    format!("{} {a}–{b}", side.name())
                }
            })
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Share of the pain map covered by paresthesia (0..1), weighted by each region's pain: a
/// region counts where tingling is felt, by the share of its fibres firing (fully from
/// [`FULL_COVERAGE_EXTENT`]), so coverage does not change with rate at the same recruitment (Abejón 2016).
pub fn coverage(perception: &Perception, pain: &[f64; REGIONS.len()]) -> f64 {
    let total: f64 = pain.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    pain.iter()
        .zip(perception.paresthesia.iter().zip(&perception.extent))
        .map(|(v, (p, e))| {
            if *p > 0.0 {
                v * (e / FULL_COVERAGE_EXTENT).min(1.0)
            } else {
                0.0
            }
        })
        .sum::<f64>()
        / total
}
