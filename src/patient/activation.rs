//! Which fibres a setting recruits: dorsal-column fibres per dermatome and side, and dorsal
//! roots near each cathode, from a strength–duration law, distance through CSF, lateral
//! offset and the shape of the field.

use super::anatomy::{self, DERMATOMES, REGIONS, Side};
use super::stimulus::{Pattern, Stimulus};

/// Rheobase of the most excitable dorsal-column fibres at the reference distance, mA.
pub const DC_RHEOBASE_MA: f64 = 1.6;
/// Chronaxie of thick dorsal-column fibres entering right under the lead, µs; thinner
/// fibres (from further caudal) add [`DC_CHRONAXIE_PER_SEGMENT_US`] per segment.
pub const DC_CHRONAXIE_US: f64 = 250.0;
/// Extra chronaxie per segment a fibre has travelled up the columns (it thins), µs.
pub const DC_CHRONAXIE_PER_SEGMENT_US: f64 = 18.0;
/// Threshold cost per segment travelled: fibres thin as they ascend (collaterals leave at
/// every segment), a little faster the further they go.
pub const DC_TRAVEL_COST: f64 = 0.08;
/// Growth of the travel cost with distance, per segment².
pub const DC_TRAVEL_COST_SQ: f64 = 0.004;

/// Threshold multiplier of a dorsal-column fibre that has travelled `t` segments.
fn travel_cost(t: f64) -> f64 {
    1.0 + DC_TRAVEL_COST * t + DC_TRAVEL_COST_SQ * t * t
}
/// Intrinsic rheobase of dorsal-root fibres, mA (higher than the columns', Idlett 2019).
pub const ROOT_RHEOBASE_MA: f64 = 1.7;
/// Share of the dorsal CSF between the dura and the dorsal roots at a cathode: the rootlets
/// cross the CSF toward the dura, so thickening CSF pushes the cord away faster than the
/// roots, and with thick CSF roots come first (Holsheimer & Wesselink 1997) and the usage
/// range narrows.
pub const ROOT_DEPTH_SHARE: f64 = 0.5;
/// Chronaxie of dorsal-root fibres, µs (longer than the columns').
pub const ROOT_CHRONAXIE_US: f64 = 400.0;
/// Distance at which the rheobases apply, mm.
pub const REFERENCE_MM: f64 = 4.0;
/// Dura and epidural tissue between contact and CSF, mm.
pub const DURA_MM: f64 = 0.5;
/// Spread of fibre thresholds within a group far from the contact (logistic scale, share of
/// threshold): fibres of many diameters.
pub const SPREAD: f64 = 0.02;
/// Extra spread from the depth of a group's fibres, mm: fibres spanning a millimetre or so
/// of depth differ more, relative to their distance, when the cord lies close to the
/// contact (thin CSF), which is one reason thin CSF gives a wider usage range.
pub const SPREAD_DEPTH_MM: f64 = 0.2;

/// Spread of thresholds within a group whose fibres lie `r_mm` from the contact.
pub fn spread_at(r_mm: f64) -> f64 {
    SPREAD + SPREAD_DEPTH_MM / r_mm.max(0.5)
}

/// The patient's body as activation sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    /// Posture now.
    pub posture: anatomy::Posture,
    /// The patient's own scale on dorsal CSF thickness.
    pub csf_scale: f64,
    /// This patient's dorsal CSF under the lead lying supine, when set from outside
    /// (`--csf-mm`): it replaces the anatomy table and the CSF scale; posture still shifts it.
    pub csf_override_mm: Option<f64>,
    /// The patient's own scale on every threshold.
    pub threshold_scale: f64,
    /// The patient's own scale on the recorded evoked response.
    pub ecap_scale: f64,
}

impl Body {
    /// Dorsal CSF thickness at depth `z_mm`, mm.
    pub fn csf_at(&self, z_mm: f64) -> f64 {
        let v = anatomy::vertebral_position(z_mm);
        match self.csf_override_mm {
            Some(supine) => supine + anatomy::posture_shift_mm(v, self.posture),
            None => anatomy::csf_mm(v, self.posture) * self.csf_scale,
        }
    }

    /// CSF between a contact at depth `z_mm`, `x_mm` from the midline, and the cord, mm:
    /// the dorsal CSF there, and in the neck the lateral recess beyond the columns.
    pub fn csf_under(&self, z_mm: f64, x_mm: f64) -> f64 {
        let s = anatomy::segment_at(anatomy::vertebral_position(z_mm));
        self.csf_at(z_mm) + anatomy::lateral_recess_mm(s, x_mm)
    }
}

/// Recruitment of a group of fibres with threshold `th` (mA) at amplitude `ma`.
pub fn recruited(ma: f64, th: f64, spread: f64) -> f64 {
    // A group out of reach (infinite threshold) fires not at all.
    if ma <= 0.0 || !th.is_finite() {
        return 0.0;
    }
    1.0 / (1.0 + (-(ma / th - 1.0) / spread).exp())
}

/// A cathode as activation sees it.
#[derive(Clone, Copy, Debug)]
struct Cathode {
    z_mm: f64,
    x_mm: f64,
    fraction: f64,
    column_factor: f64,
    root_factor: f64,
}

/// Dorsal roots passing one cathode on one side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RootGroup {
    /// Body side.
    pub side: Side,
    /// Amplitude (of the program) at which half the group fires, mA.
    pub threshold_ma: f64,
    /// Dermatome span of the roots (from the one leaving here to the one entering here).
    pub dermatomes: (f64, f64),
}

/// Everything about a configuration that does not depend on amplitude: the threshold of
/// every fibre group. Recruitment at any amplitude is then a few sigmoid evaluations.
#[derive(Clone, Debug, PartialEq)]
pub struct Activation {
    /// Every dorsal-column group that runs under the cathodes: (region index, threshold mA).
    /// Groups whose fibres do not run here (infinite threshold) are left out.
    groups: Vec<(usize, f64)>,
    /// Number of groups (dermatome × side) of each region, running here or not.
    group_count: [usize; REGIONS.len()],
    /// Lowest column threshold of each region, mA (infinite when none runs here).
    region_min: [f64; REGIONS.len()],
    /// Dorsal roots near each cathode.
    pub roots: Vec<RootGroup>,
    /// Lowest column threshold, mA.
    pub lowest_column_ma: f64,
    /// Share of each region's dermatomes inside each root group's span.
    root_overlap: Vec<Vec<f64>>,
    /// Spread of thresholds within each group (from the CSF under the cathodes).
    pub spread: f64,
}

/// Threshold multiplier for this waveform: five pulses of a burst sum in time; kHz trains
/// sum a little; tonic pulses closer together than a fibre's recovery sum too, so every
/// tonic threshold falls with rate, steeply from about 650–750 Hz (Abejón 2016: PT 7.25 →
/// 1.38 mA from 40 to 1200 Hz, with the perceived intensity's own fall included).
pub fn pattern_factor(stimulus: &Stimulus) -> f64 {
    match stimulus.pattern {
        Pattern::Tonic => 1.0 / (1.0 + (stimulus.rate_hz.max(0.0) / SUMMATION_HZ).powf(5.7)),
        Pattern::Burst => 0.8,
        Pattern::HighFrequency => 0.9,
    }
}

/// How much an anode `dz_mm` along the cord from a cathode shields it: fully at the
/// neighbouring contact (7 mm centre to centre), fading to nothing at three contacts.
fn anode_nearness(dz_mm: f64) -> f64 {
    (1.0 - (dz_mm - 7.0) / 14.0).clamp(0.0, 1.0)
}

/// Tonic rate at which temporal summation halves the fibre thresholds, Hz.
const SUMMATION_HZ: f64 = 950.0;

fn cathodes(stimulus: &Stimulus) -> Vec<Cathode> {
    let poles = &stimulus.poles;
    poles
        .iter()
        .filter(|c| c.cathode)
        .map(|c| {
            let (z, x) = (c.z_mm, c.lateral_mm);
            // Anodes above and below the cathode shield it (guarded + − +); a side's
            // shield is its anodes' current share (half the current saturates it) times
            // their nearness, so spreading the poles apart weakens it at any share (He et
            // al. 1994: wider separation, lower PT, roots relatively sooner).
            let mut share = [0.0_f64; 2];
            let mut near = [0.0_f64; 2];
            for a in poles.iter().filter(|a| !a.cathode) {
                let side = usize::from(a.z_mm > z);
                share[side] += 2.0 * a.fraction;
                near[side] += a.fraction * anode_nearness((a.z_mm - z).abs());
            }
            let s: f64 = (0..2)
                .filter(|&i| share[i] > 0.0)
                .map(|i| share[i].min(1.0) * near[i] * 2.0 / share[i])
                .sum();
            Cathode {
                z_mm: z,
                x_mm: x,
                fraction: c.fraction,
                column_factor: 1.0 + 0.075 * s,
                root_factor: 1.0 + 0.3 * s,
            }
        })
        .collect()
}

/// Cheapness of dorsal roots per unit distance by segment: large cervical roots and the
/// cauda equina are easy to excite.
fn root_curvature(s: f64) -> f64 {
    if s <= 7.0 {
        0.42
    } else if s < 22.0 {
        0.76
    } else {
        0.76 - 0.26 * ((s - 22.0) / 4.0).min(1.0)
    }
}

/// One cathode's fibre thresholds at full current, before the cathodes' fields add up.
struct Unit {
    /// Column thresholds in (region, side, dermatome) order, mA.
    columns: Vec<f64>,
    /// Root thresholds (left, right), mA.
    roots: [f64; 2],
    /// Dermatome span of the roots passing this cathode.
    span: (f64, f64),
}

/// Thresholds of every fibre group if cathode `c` carried all the current.
fn unit_thresholds(body: &Body, c: &Cathode, pw: f64, wf: f64) -> Unit {
    let v = anatomy::vertebral_position(c.z_mm);
    let s_c = anatomy::segment_at(v);
    let h = body.csf_under(c.z_mm, c.x_mm);
    let positions = column_positions(s_c);
    let mut columns = Vec::new();
    for region in REGIONS.iter() {
        for side in anatomy::region_sides(region) {
            for d in region.dermatomes.0..=region.dermatomes.1 {
                columns.push(match positions.iter().find(|(dd, _)| *dd == d) {
                    Some(&(_, m)) => {
                        let travel = (d as f64 - s_c).max(0.0);
                        let r2 = (h + DURA_MM + region.depth_mm).powi(2)
                            + (side.sign() * m - c.x_mm).powi(2);
                        let chronaxie = DC_CHRONAXIE_US + DC_CHRONAXIE_PER_SEGMENT_US * travel;
                        DC_RHEOBASE_MA * (1.0 + chronaxie / pw) * r2 / REFERENCE_MM.powi(2)
                            * travel_cost(travel)
                            * c.column_factor
                            * wf
                    }
                    None => f64::INFINITY,
                });
            }
        }
    }
    let roots = Side::BOTH.map(|side| {
        let x_root = side.sign() * anatomy::root_entry_mm(s_c);
        let r2 = (ROOT_DEPTH_SHARE * h + DURA_MM).powi(2) + (x_root - c.x_mm).powi(2);
        ROOT_RHEOBASE_MA * root_curvature(s_c) * (1.0 + ROOT_CHRONAXIE_US / pw) * r2
            / REFERENCE_MM.powi(2)
            * c.root_factor
            * wf
    });
    Unit {
        columns,
        roots,
        span: (anatomy::exiting_root_at(v), s_c),
    }
}

/// Threshold at cathode `j`'s site when every cathode drives: Σ_k share_k / threshold_k,
/// weighted by distance along the cord (`unit(k)` is cathode k's threshold alone).
fn combine(cath: &[Cathode], j: usize, unit: impl Fn(usize) -> f64) -> f64 {
    let drive: f64 = cath
        .iter()
        .enumerate()
        .map(|(k, ck)| ck.fraction / unit(k) * (-(ck.z_mm - cath[j].z_mm).abs() / 7.0).exp())
        .sum();
    if drive > 0.0 {
        1.0 / drive
    } else {
        f64::INFINITY
    }
}

/// Column groups of combined thresholds in (region, side, dermatome) order: the groups
/// that run here, how many groups each region has, and each region's lowest threshold.
type Layout = (
    Vec<(usize, f64)>,
    [usize; REGIONS.len()],
    [f64; REGIONS.len()],
);

fn layout_columns(combined: &[f64], any_cathode: bool) -> Layout {
    let mut groups = Vec::new();
    let mut count = [0; REGIONS.len()];
    let mut min = [f64::INFINITY; REGIONS.len()];
    let mut next = combined.iter();
    if any_cathode {
        for (ri, region) in REGIONS.iter().enumerate() {
            for _ in anatomy::region_sides(region) {
                for _ in region.dermatomes.0..=region.dermatomes.1 {
                    let th = next.next().copied().unwrap_or(f64::INFINITY);
                    count[ri] += 1;
                    if th.is_finite() {
                        groups.push((ri, th));
                        min[ri] = min[ri].min(th);
                    }
                }
            }
        }
    }
    (groups, count, min)
}

/// Share of each region's dermatomes inside each root group's span (on the group's side).
fn root_overlap(roots: &[RootGroup]) -> Vec<Vec<f64>> {
    roots
        .iter()
        .map(|g| {
            REGIONS
                .iter()
                .map(|r| {
                    let n = r.dermatomes.1 - r.dermatomes.0 + 1;
                    let inside = (r.dermatomes.0..=r.dermatomes.1)
                        .filter(|&d| {
                            (d as f64) >= g.dermatomes.0 - 0.5 && (d as f64) <= g.dermatomes.1 + 0.5
                        })
                        .count();
                    let on_side = r.side.is_none_or(|s| s == g.side);
                    if on_side {
                        r.root_share() * inside as f64 / n as f64
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

impl Activation {
    /// Thresholds of every fibre group for this stimulus on this body.
    /// Cathodes' fields add up (superposition), weighted by how far apart they lie along
    /// the cord, so two cathodes side by side act like one wide cathode.
    pub fn new(body: &Body, stimulus: &Stimulus) -> Activation {
        let pw = stimulus.pulse_width_us.max(1.0);
        let wf = pattern_factor(stimulus) * body.threshold_scale;
        let cath = cathodes(stimulus);
        let units: Vec<Unit> = cath
            .iter()
            .map(|c| unit_thresholds(body, c, pw, wf))
            .collect();
        let groups = units.first().map_or(0, |u| u.columns.len());
        let combined: Vec<f64> = (0..groups)
            .map(|g| {
                (0..cath.len())
                    .map(|j| combine(&cath, j, |k| units[k].columns[g]))
                    .fold(f64::INFINITY, f64::min)
            })
            .collect();
        let (groups, group_count, region_min) = layout_columns(&combined, !cath.is_empty());
        let mut roots = Vec::new();
        for (j, unit) in units.iter().enumerate() {
            for side in Side::BOTH {
                roots.push(RootGroup {
                    side,
                    threshold_ma: combine(&cath, j, |k| units[k].roots[side.index()]),
                    dermatomes: unit.span,
                });
            }
        }
        let lowest = combined.iter().copied().fold(f64::INFINITY, f64::min);
        let root_overlap = root_overlap(&roots);
        let spread = cath
            .iter()
            .map(|c| spread_at(body.csf_under(c.z_mm, c.x_mm) + DURA_MM))
            .fold(f64::INFINITY, f64::min);
        let spread = if spread.is_finite() {
            spread
        } else {
            spread_at(4.0)
        };
        Activation {
            groups,
            group_count,
            region_min,
            roots,
            lowest_column_ma: lowest,
            root_overlap,
            spread,
        }
    }

    /// Dorsal-column recruitment (0..1) of every region at amplitude `ma`; a midline region
    /// counts both halves.
    pub fn column_recruitment(&self, ma: f64) -> [f64; REGIONS.len()] {
        self.column_recruitment_in(ma, &[true; REGIONS.len()])
    }

    /// [`Activation::column_recruitment`] of the regions marked in `wanted` only (0 in
    /// the others).
    pub fn column_recruitment_in(
        &self,
        ma: f64,
        wanted: &[bool; REGIONS.len()],
    ) -> [f64; REGIONS.len()] {
        let mut out = [0.0; REGIONS.len()];
        if ma <= 0.0 {
            return out;
        }
        for &(r, th) in &self.groups {
            if wanted[r] {
                out[r] += recruited(ma, th, self.spread);
            }
        }
        for (o, &n) in out.iter_mut().zip(&self.group_count) {
            if n > 0 {
                *o /= n as f64;
            }
        }
        out
    }

    /// Dorsal-root recruitment of each root group at amplitude `ma`.
    pub fn root_recruitment(&self, ma: f64) -> Vec<f64> {
        self.root_recruitments(ma).collect()
    }

    /// Dorsal-root recruitment of each root group at amplitude `ma`, without allocating.
    pub fn root_recruitments(&self, ma: f64) -> impl Iterator<Item = f64> + '_ {
        self.roots
            .iter()
            .map(move |g| recruited(ma, g.threshold_ma, self.spread))
    }

    /// Segmental (root) paresthesia in every region at amplitude `ma`.
    pub fn root_paresthesia(&self, ma: f64) -> [f64; REGIONS.len()] {
        self.root_paresthesia_in(ma, &[true; REGIONS.len()])
    }

    /// [`Activation::root_paresthesia`] of the regions marked in `wanted` only (inlined: it
    /// runs for every region at every second of a simulation).
    #[inline]
    pub fn root_paresthesia_in(
        &self,
        ma: f64,
        wanted: &[bool; REGIONS.len()],
    ) -> [f64; REGIONS.len()] {
        let mut out = [0.0; REGIONS.len()];
        for (g, overlap) in self.roots.iter().zip(&self.root_overlap) {
            let p = recruited(ma, g.threshold_ma, self.spread);
            if p <= 0.0 {
                continue;
            }
            for ((o, share), &w) in out.iter_mut().zip(overlap).zip(wanted) {
                if w {
                    *o = f64::max(*o, p * share);
                }
            }
        }
        out
    }

    /// Lowest column threshold among a region's fibres, mA (infinite when none run here).
    pub fn region_threshold(&self, region: usize) -> f64 {
        self.region_min[region]
    }
}

/// Mediolateral position (mm from midline) of each dermatome's fibres in the dorsal columns
/// at segment `s`: the most caudal lie medial, each higher one is added laterally.
fn column_positions(s: f64) -> Vec<(usize, f64)> {
    let present: Vec<usize> = (0..DERMATOMES.len())
        .filter(|&d| d as f64 >= s - 0.5)
        .collect();
    let total: f64 = present
        .iter()
        .map(|&d| anatomy::dermatome_fibre_weight(d))
        .sum();
    let half_width = anatomy::column_half_width_mm(s);
    let mut caudal = 0.0;
    let mut out = Vec::with_capacity(present.len());
    for &d in present.iter().rev() {
        let w = anatomy::dermatome_fibre_weight(d);
        out.push((d, half_width * (caudal + 0.5 * w) / total));
        caudal += w;
    }
    out
}
