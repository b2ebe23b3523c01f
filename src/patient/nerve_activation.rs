//! Which fibres of a peripheral nerve a lead recruits: every fascicle's threshold for every
//! fibre class, from a strength–duration law whose chronaxie depends on the class and grows
//! with distance, a distance law that is flat near contact and close to the square of the
//! distance beyond a couple of millimetres, and a size law that favours large fibres more
//! the further the electrode is (REFERENCES-PNS §2).

use super::anatomy::{REGIONS, Side};
use super::nerve::{FibreClass, Muscle, Nerve, NerveSite, territory_region};
use super::stimulus::{Pattern, Stimulus};

/// Threshold scale, mA: a large sensory fibre right at a point cathode, at a long pulse,
/// behind the nerve's sheath, needs about `2 × THRESHOLD_SCALE_MA`. With the published
/// human chronaxies a twitch from 1 mm outside a femoral or axillary nerve then needs
/// 0.3–1 mA at 0.1 ms (nerve-locator practice, Klein 2012; Tsai 2008: 0.92 ± 0.33 mA).
pub const THRESHOLD_SCALE_MA: f64 = 0.0156;
/// Distance below which thresholds flatten to their floor, mm (Wiesmann 2014; beyond it
/// they grow roughly with the square of the distance, Ranck 1975). Taken at 3 mm, so the
/// nerve-locator's thresholds near the nerve rise without moving those a percutaneous
/// lead meets at 5–30 mm.
pub const FLAT_MM: f64 = 3.0;
/// Chronaxie grows with distance from the electrode (Rattay 2012), by half its value at
/// this distance, mm, and toward double far away.
pub const CHRONAXIE_GROWTH_MM: f64 = 10.0;
/// The nerve's sheath (epineurium) doubles thresholds seen from outside it: inside the
/// nerve they are about half (Bigeleisen 2009: 0.30 vs 0.60 mA).
pub const SHEATH_FACTOR: f64 = 2.0;
/// Motor axons need this much more current than sensory axons of the same class position:
/// human sensory axons are more excitable (Burke, Howells & Kiernan 2017; Gaines 2018).
pub const MOTOR_FACTOR: f64 = 2.2;
/// Unmyelinated C fibres need this much more on top of their small size.
pub const UNMYELINATED_FACTOR: f64 = 4.0;
/// Diameter at which the size law is neutral, µm.
pub const REFERENCE_DIAMETER_UM: f64 = 10.0;
/// Closest a fascicle can be to the electrode in the model, mm.
const MIN_DISTANCE_MM: f64 = 0.05;
/// Spread of thresholds inside one fascicle (logistic scale, share of its threshold):
/// fibre sizes vary widely, so recruitment rises over about ±25 %.
pub const FASCICLE_SPREAD: f64 = 0.12;

/// One cathode of a lead at a nerve, as the nerve sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NerveCathode {
    /// Where its lead lies.
    pub site: NerveSite,
    /// How far the contact sits across the nerve from the point right over it, mm (0 for
    /// a single-contact lead; for a lead laid across the nerve, the contact's distance
    /// from where the nerve passes under the lead).
    pub offset_mm: f64,
    /// Share of the cathodic current it carries (0..1).
    pub fraction: f64,
    /// Distance along the lead to the nearest anode, mm; `None` when the current returns
    /// through the case or a skin pad (monopolar).
    pub anode_gap_mm: Option<f64>,
}

/// Everything about a peripheral stimulation, except its amplitude, that nerves respond to.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NerveStimulus {
    /// Pattern, pulse width and rate (its spinal poles are empty).
    pub pulses: Stimulus,
    /// The cathodes, each at its nerve.
    pub cathodes: Vec<NerveCathode>,
}

/// Threshold multiplier for a waveform: pulses of a burst sum in time; kHz trains a little.
fn pattern_factor(p: Pattern) -> f64 {
    match p {
        Pattern::Tonic => 1.0,
        Pattern::Burst => 0.8,
        Pattern::HighFrequency => 0.9,
    }
}

/// Threshold of fibres of `class` at `r_mm` from a cathode at pulse width `pw_us`, mA,
/// before the sheath, dipole and patient factors.
pub fn class_threshold_ma(class: FibreClass, r_mm: f64, pw_us: f64) -> f64 {
    let r = r_mm.max(MIN_DISTANCE_MM);
    let chronaxie = class.chronaxie_us() * (1.0 + r / (r + CHRONAXIE_GROWTH_MM));
    // Near the electrode fibre size matters little; far away thresholds go as 1/diameter.
    let size_exponent = 0.5 + 0.5 * r / (r + 3.0);
    let size = (REFERENCE_DIAMETER_UM / class.leading_diameter_um()).powf(size_exponent);
    let kind = match class {
        FibreClass::AAlpha => MOTOR_FACTOR,
        FibreClass::C => UNMYELINATED_FACTOR,
        _ => 1.0,
    };
    THRESHOLD_SCALE_MA
        * kind
        * (1.0 + chronaxie / pw_us.max(1.0))
        * (1.0 + (r / FLAT_MM).powi(2))
        * size
}

/// Recruitment (0..1) of a fascicle's fibres with threshold `th` at amplitude `ma`.
pub fn recruited(ma: f64, th: f64) -> f64 {
    super::activation::recruited(ma, th, FASCICLE_SPREAD)
}

/// One nerve (on one side) that at least one cathode reaches.
#[derive(Clone, Debug, PartialEq)]
pub struct NerveGroup {
    /// The nerve.
    pub nerve: Nerve,
    /// Its side.
    pub side: Side,
    /// Per fascicle, the threshold of each class in [`FibreClass::ALL`] order, mA
    /// (infinite where the class does not run or the fascicle has left the nerve).
    pub thresholds: Vec<[f64; 4]>,
    /// Per fascicle, the body regions it supplies with their shares.
    pub territory: Vec<Vec<(usize, f64)>>,
    /// Per fascicle, its share of the nerve's motor axons (0 once it has left).
    pub motor: Vec<f64>,
    /// The lead sits inside this nerve.
    pub intraneural: bool,
}

/// A nerve group's recruitment at one amplitude.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct GroupReading {
    /// Recruitment of each class, in [`FibreClass::ALL`] order (sensory classes weighted
    /// by territory, Aα by motor share).
    pub classes: [f64; 4],
}

impl NerveGroup {
    /// Recruitment of every class at `ma`.
    pub fn reading(&self, ma: f64) -> GroupReading {
        let mut sums = [0.0; 4];
        let mut weights = [0.0; 4];
        for (f, th) in self.thresholds.iter().enumerate() {
            let sensory: f64 = self.territory[f].iter().map(|(_, s)| s).sum();
            for class in FibreClass::ALL {
                let w = if class.sensory() {
                    sensory
                } else {
                    self.motor[f]
                };
                if w > 0.0 && th[class.index()].is_finite() {
                    sums[class.index()] += w * recruited(ma, th[class.index()]);
                    weights[class.index()] += w;
                }
            }
        }
        let mut classes = [0.0; 4];
        for i in 0..4 {
            if weights[i] > 0.0 {
                classes[i] = sums[i] / weights[i];
            }
        }
        GroupReading { classes }
    }

    /// Recruitment of one class at `ma` (as in [`NerveGroup::reading`]).
    pub fn class_recruitment(&self, class: FibreClass, ma: f64) -> f64 {
        let (mut sum, mut weight) = (0.0, 0.0);
        for (f, th) in self.thresholds.iter().enumerate() {
            let w = if class.sensory() {
                self.territory[f].iter().map(|(_, s)| s).sum()
            } else {
                self.motor[f]
            };
            if w > 0.0 && th[class.index()].is_finite() {
                sum += w * recruited(ma, th[class.index()]);
                weight += w;
            }
        }
        if weight > 0.0 { sum / weight } else { 0.0 }
    }

    /// The muscle this nerve twitches.
    pub fn muscle(&self) -> Option<Muscle> {
        self.nerve.info().muscle
    }
}

/// Thresholds of every fibre group a nerve stimulus reaches.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct NerveActivation {
    /// The nerves reached.
    pub groups: Vec<NerveGroup>,
    /// Threshold of the skin's own pain fibres at the shallowest cathode (stinging at the
    /// lead), mA.
    pub skin_ma: f64,
}

/// Threshold of one fascicle and class for one cathode, mA.
fn cathode_threshold(
    c: &NerveCathode,
    f: &super::nerve::Fascicle,
    class: FibreClass,
    pw: f64,
) -> f64 {
    let big_r = c.site.nerve.info().radius_mm;
    let (ex, ey) = (c.offset_mm, big_r + c.site.distance_mm);
    let (fx, fy) = (f.x * big_r, f.y * big_r);
    let centre = ((ex - fx).powi(2) + (ey - fy).powi(2)).sqrt();
    let r = centre - f.radius * big_r;
    let inside_nerve = (f.x * f.x + f.y * f.y).sqrt() < 1.0;
    let sheath = if c.site.intraneural() && inside_nerve {
        1.0
    } else {
        SHEATH_FACTOR
    };
    // Close anodes on the same lead shape a dipole whose field falls off faster.
    let dipole = c
        .anode_gap_mm
        .map_or(1.0, |g| 1.0 + r.max(0.0) / (2.0 * g.max(1.0)));
    sheath * dipole * class_threshold_ma(class, r, pw)
}

/// Combines cathodes' thresholds for one fibre group: their drives add up.
fn combine(parts: impl Iterator<Item = (f64, f64)>) -> f64 {
    let drive: f64 = parts.map(|(fraction, th)| fraction / th).sum();
    if drive > 0.0 {
        1.0 / drive
    } else {
        f64::INFINITY
    }
}

impl NerveActivation {
    /// The thresholds of `stimulus` in a body whose thresholds scale by `threshold_scale`.
    pub fn new(threshold_scale: f64, stimulus: &NerveStimulus) -> NerveActivation {
        let pw = stimulus.pulses.pulse_width_us.max(1.0);
        let scale = threshold_scale * pattern_factor(stimulus.pulses.pattern);
        let mut keys: Vec<(Nerve, Side)> = Vec::new();
        for c in &stimulus.cathodes {
            if !keys.contains(&(c.site.nerve, c.site.side)) {
                keys.push((c.site.nerve, c.site.side));
            }
        }
        let groups = keys
            .into_iter()
            .map(|(nerve, side)| {
                let here: Vec<&NerveCathode> = stimulus
                    .cathodes
                    .iter()
                    .filter(|c| c.site.nerve == nerve && c.site.side == side)
                    .collect();
                group(nerve, side, &here, pw, scale)
            })
            .collect();
        let skin_ma = combine(stimulus.cathodes.iter().map(|c| {
            let r = c.site.depth_mm.max(0.5);
            // The skin's twigs lie behind the fascia as fascicles behind their sheath.
            let th = SHEATH_FACTOR * class_threshold_ma(FibreClass::ADelta, r, pw);
            (c.fraction, scale * th)
        }));
        NerveActivation { groups, skin_ma }
    }

    /// Aβ recruitment turned into tingling per region (before the waveform's synchrony).
    pub fn paresthesia(&self, ma: f64) -> [f64; REGIONS.len()] {
        let mut out = [0.0; REGIONS.len()];
        for g in &self.groups {
            for (th, regions) in g.thresholds.iter().zip(&g.territory) {
                if regions.is_empty() {
                    continue;
                }
                let p = recruited(ma, th[FibreClass::ABeta.index()]);
                for &(r, share) in regions {
                    out[r] += share * p;
                }
            }
        }
        out.map(|v| v.clamp(0.0, 1.0))
    }
}

fn group(nerve: Nerve, side: Side, cathodes: &[&NerveCathode], pw: f64, scale: f64) -> NerveGroup {
    let info = nerve.info();
    let along = cathodes.iter().map(|c| c.site.along_mm).fold(0.0, f64::max);
    let mut thresholds = Vec::new();
    let mut territory = Vec::new();
    let mut motor = Vec::new();
    for f in info.fascicles {
        let present = along < f.leaves_at_mm;
        let sensory = !f.territory.is_empty();
        let th = FibreClass::ALL.map(|class| {
            let runs = if class.sensory() {
                sensory
            } else {
                f.motor > 0.0
            };
            if !present || !runs {
                return f64::INFINITY;
            }
            scale
                * combine(
                    cathodes
                        .iter()
                        .map(|c| (c.fraction, cathode_threshold(c, f, class, pw))),
                )
        });
        thresholds.push(th);
        territory.push(if present {
            f.territory
                .iter()
                .filter_map(|(base, share)| territory_region(base, side).map(|r| (r, *share)))
                .collect()
        } else {
            Vec::new()
        });
        motor.push(if present { f.motor } else { 0.0 });
    }
    NerveGroup {
        nerve,
        side,
        thresholds,
        territory,
        motor,
        intraneural: cathodes.iter().any(|c| c.site.intraneural()),
    }
}
