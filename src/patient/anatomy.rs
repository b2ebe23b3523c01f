//! The spine and the body as the toy model sees them: vertebral levels, the cord segments
//! beneath them, dorsal CSF by level and posture, and body regions with their dermatomes.

use super::spine::Vertebra;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Length of each vertebra with its disc, mm (cervical ≈ 15, thoracic ≈ 22, lumbar ≈ 30).
fn vertebra_length_mm(v: usize) -> f64 {
    match v {
        0..=6 => 15.0,
        7..=18 => 22.0,
        _ => 30.0,
    }
}

/// Top of vertebra `v` (index from C1), mm down the canal from the top of C1.
pub fn vertebra_top_mm(v: usize) -> f64 {
    (0..v).map(vertebra_length_mm).sum()
}

/// Fractional vertebral position of depth `z_mm` (0.0 = top of C1, 15.5 = middle of T9).
pub fn vertebral_position(z_mm: f64) -> f64 {
    let mut top = 0.0;
    for v in 0..Vertebra::COUNT {
        let len = vertebra_length_mm(v);
        if z_mm < top + len || v + 1 == Vertebra::COUNT {
            return v as f64 + ((z_mm - top) / len).clamp(0.0, 1.0);
        }
        top += len;
    }
    Vertebra::COUNT as f64
}

/// Dermatome names, index 0 = C2; S3 stands for S3–S5.
pub const DERMATOMES: [&str; 27] = [
    "C2", "C3", "C4", "C5", "C6", "C7", "C8", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
    "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "S1", "S2", "S3",
];

/// Cord segment (in dermatome index units) whose roots enter under the middle of each
/// vertebra: the cord is shorter than the spine, so segments sit above their vertebrae
/// (cervical +1, upper thoracic +2, lower thoracic +3, conus at L1).
const SEGMENT_AT_VERTEBRA_MID: [f64; 21] = [
    0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.5, 8.5, 10.0, 11.0, 12.0, 13.0, 14.0, 15.5, 16.5, 17.5, 19.5,
    21.5, 23.5, 25.5, 26.5,
];

/// The name of the cord segment nearest `segment` (dermatome index units), "T11".
pub fn dermatome_name(segment: f64) -> &'static str {
    DERMATOMES[(segment.round().max(0.0) as usize).min(DERMATOMES.len() - 1)]
}

/// The cord segment entering at vertebral position `v` (dermatome index units).
pub fn segment_at(v: f64) -> f64 {
    let x = (v - 0.5).clamp(0.0, (Vertebra::COUNT - 1) as f64);
    let i = (x.floor() as usize).min(Vertebra::COUNT - 2);
    let t = x - i as f64;
    SEGMENT_AT_VERTEBRA_MID[i] * (1.0 - t) + SEGMENT_AT_VERTEBRA_MID[i + 1] * t
}

/// The root that leaves the canal at vertebral position `v` (dermatome index units): the
/// roots passing a contact on their way out run from this one down to [`segment_at`].
pub fn exiting_root_at(v: f64) -> f64 {
    v.clamp(0.0, (DERMATOMES.len() - 1) as f64)
}

/// Dorsal CSF thickness lying supine, mm, at the middle of each vertebra (Holsheimer 1994:
/// 1.5–4 mm at C4–C6, 4–8.5 mm at T5–T6, 2–6 mm at T11).
const CSF_SUPINE_MM: [f64; 21] = [
    3.0, 3.0, 2.8, 2.5, 2.4, 2.5, 3.0, 3.6, 4.2, 5.0, 5.6, 6.0, 6.0, 5.4, 4.6, 4.0, 3.6, 3.4, 3.2,
    3.0, 3.0,
];

/// The patient's posture: the cord moves away from the dorsal dura lying prone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default, Hash)]
pub enum Posture {
    /// Lying on the back: the cord sinks onto the dorsal dura; thresholds lowest.
    Supine,
    /// Sitting (how programming is usually done).
    #[default]
    Sitting,
    /// Standing.
    Standing,
    /// Lying face down: the cord falls away; thresholds highest.
    Prone,
}

impl Posture {
    /// Every posture.
    pub const ALL: [Posture; 4] = [
        Posture::Supine,
        Posture::Sitting,
        Posture::Standing,
        Posture::Prone,
    ];

    /// Lower-case name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Posture::Supine => "supine",
            Posture::Sitting => "sitting",
            Posture::Standing => "standing",
            Posture::Prone => "prone",
        }
    }

    /// Parses a command-line name.
    pub fn parse(text: &str) -> Result<Posture, UnknownPosture> {
        Posture::ALL
            .into_iter()
            .find(|p| p.name() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| UnknownPosture(text.to_string()))
    }

    /// Share of the full prone shift this posture adds to dorsal CSF.
    fn csf_share(self) -> f64 {
        match self {
            Posture::Supine => 0.0,
            Posture::Sitting => 0.15,
            Posture::Standing => 0.25,
            Posture::Prone => 1.0,
        }
    }
}

impl fmt::Display for Posture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A posture name that is none of the four, as given.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown posture '{0}' (expected supine, sitting, standing or prone)")]
pub struct UnknownPosture(pub String);

/// Extra dorsal CSF lying prone at vertebral position `v`, mm (≈ 2–3.5 mm at T11–T12).
fn prone_shift_mm(v: f64) -> f64 {
    if v < 7.0 {
        1.0
    } else if v < 15.0 {
        1.8
    } else {
        1.8 + 0.5 * (v - 15.0).min(2.0)
    }
}

fn interpolate_mid(table: &[f64; 21], v: f64) -> f64 {
    let x = (v - 0.5).clamp(0.0, 20.0);
    let i = (x.floor() as usize).min(19);
    let t = x - i as f64;
    table[i] * (1.0 - t) + table[i + 1] * t
}

/// Dorsal CSF thickness at vertebral position `v` in `posture`, before the patient's own
/// scale, mm.
pub fn csf_mm(v: f64, posture: Posture) -> f64 {
    interpolate_mid(&CSF_SUPINE_MM, v) + posture_shift_mm(v, posture)
}

/// What `posture` adds to the supine dorsal CSF thickness at vertebral position `v`, mm.
pub fn posture_shift_mm(v: f64, posture: Posture) -> f64 {
    posture.csf_share() * prone_shift_mm(v)
}

/// Half-width of the dorsal columns at segment `s`, mm: a little wider in the neck (the
/// cuneate tract of the arms), narrow below mid-thorax.
pub fn column_half_width_mm(s: f64) -> f64 {
    if s <= 7.0 {
        COLUMN_HALF_WIDTH_NECK_MM
    } else if s >= 12.0 {
        3.0
    } else {
        COLUMN_HALF_WIDTH_NECK_MM - (COLUMN_HALF_WIDTH_NECK_MM - 3.0) * (s - 7.0) / 5.0
    }
}

/// Half-width of the dorsal columns in the neck, mm.
const COLUMN_HALF_WIDTH_NECK_MM: f64 = 3.5;

/// Relative number of dorsal-column fibres a dermatome contributes (arm segments carry many).
pub fn dermatome_fibre_weight(d: usize) -> f64 {
    if (3..=7).contains(&d) { 3.0 } else { 1.0 }
}

/// CSF a cervical contact has under it beyond the midline's, mm, at segment `s` and
/// lateral offset `x_mm`. [MODEL] Over the dorsal columns the neck's dural sac lies close on
/// the broad, flat-backed cord, but the sac is far wider than the cord: a contact beyond the
/// columns' edge lies over the lateral recess, where the CSF deepens fast and the short
/// rootlets run out sideways and down to their foramina rather than up toward the dura. So
/// at high and mid-cervical levels a lateral contact needs more current than a medial one,
/// and caudal to mid-cervical, where the cord narrows, the order turns (He et al. 1994).
pub fn lateral_recess_mm(s: f64, x_mm: f64) -> f64 {
    let neck =
        ((RECESS_END_SEGMENT - s) / (RECESS_END_SEGMENT - RECESS_FULL_SEGMENT)).clamp(0.0, 1.0);
    let beyond = (x_mm.abs() - RECESS_FROM_MM).max(0.0);
    neck * RECESS_PER_MM2 * beyond * beyond
}

/// Segment down to which the lateral recess is whole (C6's, under the C5 vertebra).
const RECESS_FULL_SEGMENT: f64 = 4.0;
/// Segment from which there is none (C7's, under the C6 vertebra).
const RECESS_END_SEGMENT: f64 = 5.0;
/// Lateral offset from which a cervical contact leaves the columns for the recess, mm.
const RECESS_FROM_MM: f64 = 2.5;
/// How fast the recess deepens, mm of CSF per mm² beyond its start.
const RECESS_PER_MM2: f64 = 2.0;

/// Lateral distance of the dorsal-root entry zone from the midline at segment `s`, mm.
pub fn root_entry_mm(s: f64) -> f64 {
    if s <= 7.0 { 4.7 } else { 5.0 }
}

/// Body side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The patient's left (negative lateral offsets).
    Left,
    /// The patient's right.
    Right,
}

impl Side {
    /// Both sides, left first.
    pub const BOTH: [Side; 2] = [Side::Left, Side::Right];

    /// −1 for left, +1 for right: the sign of lateral positions on this side.
    pub fn sign(self) -> f64 {
        match self {
            Side::Left => -1.0,
            Side::Right => 1.0,
        }
    }

    /// Index 0 for left, 1 for right.
    pub fn index(self) -> usize {
        match self {
            Side::Left => 0,
            Side::Right => 1,
        }
    }

    /// "left" or "right".
    pub fn name(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
        }
    }
}

/// One body region of the map (ARCHITECTURE.md names), with its dermatomes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    /// snake_case name with side, e.g. `thigh_left`.
    pub name: &'static str,
    /// Words a patient uses, e.g. "left thigh".
    pub words: &'static str,
    /// The side of a paired region; `None` for a midline region felt on both sides.
    pub side: Option<Side>,
    /// First and last dermatome (indices into [`DERMATOMES`]).
    pub dermatomes: (usize, usize),
    /// How much deeper than usual its dorsal-column fibres lie, mm (low back, neck and
    /// perineum are hard to cover).
    pub depth_mm: f64,
}

impl Region {
    /// Share of dorsal-root paresthesia this region receives: roots feed mostly the large
    /// ventral-ramus territories, little the deep dorsal-ramus ones (back, neck).
    pub fn root_share(&self) -> f64 {
        1.0 / (1.0 + self.depth_mm)
    }
}

const fn region(
    name: &'static str,
    words: &'static str,
    side: Option<Side>,
    dermatomes: (usize, usize),
    depth_mm: f64,
) -> Region {
    Region {
        name,
        words,
        side,
        dermatomes,
        depth_mm,
    }
}

const L: Option<Side> = Some(Side::Left);
/// Extra depth of the low back's column fibres, mm.
const DEPTH_LOW_BACK: f64 = 0.7;
const R: Option<Side> = Some(Side::Right);

/// Every region of the body map.
pub const REGIONS: [Region; 27] = [
    region("head_back", "the back of my head", None, (0, 0), 0.3),
    region("neck", "my neck", None, (1, 2), 1.2),
    region("shoulder_left", "my left shoulder", L, (2, 3), 0.0),
    region("shoulder_right", "my right shoulder", R, (2, 3), 0.0),
    region("arm_left", "my left upper arm", L, (3, 4), 0.0),
    region("arm_right", "my right upper arm", R, (3, 4), 0.0),
    region("forearm_left", "my left forearm", L, (4, 7), 0.0),
    region("forearm_right", "my right forearm", R, (4, 7), 0.0),
    region("hand_left", "my left hand", L, (4, 6), 0.0),
    region("hand_right", "my right hand", R, (4, 6), 0.0),
    region("chest", "my chest", None, (8, 12), 0.0),
    region("upper_back", "my upper back", None, (8, 13), 0.6),
    region("abdomen", "my belly", None, (13, 18), 0.0),
    region("low_back", "my lower back", None, (19, 21), DEPTH_LOW_BACK),
    region("buttock_left", "my left buttock", L, (23, 25), 0.5),
    region("buttock_right", "my right buttock", R, (23, 25), 0.5),
    region("thigh_left", "my left thigh", L, (20, 22), 0.0),
    region("thigh_right", "my right thigh", R, (20, 22), 0.0),
    region("lower_leg_left", "my left calf", L, (22, 24), 0.0),
    region("lower_leg_right", "my right calf", R, (22, 24), 0.0),
    region("foot_left", "my left foot", L, (23, 24), 0.0),
    region("foot_right", "my right foot", R, (23, 24), 0.0),
    region("perineum", "my groin and saddle area", None, (25, 26), 1.3),
    // Territories of peripheral nerves (added for peripheral nerve stimulation, after
    // today's regions so their names and order keep working). The greater occipital nerve
    // (C2) and the supraorbital nerve (trigeminal V1) are reached at the nerve; their
    // fibres lie beyond any epidural lead's reach (`TERRITORY_DEPTH_MM`), and the
    // spinal cord's own C2 share stays with `head_back`.
    region(
        "scalp_left",
        "the left back of my head",
        L,
        (0, 0),
        TERRITORY_DEPTH_MM,
    ),
    region(
        "scalp_right",
        "the right back of my head",
        R,
        (0, 0),
        TERRITORY_DEPTH_MM,
    ),
    region(
        "forehead_left",
        "the left side of my forehead",
        L,
        (0, 0),
        TERRITORY_DEPTH_MM,
    ),
    region(
        "forehead_right",
        "the right side of my forehead",
        R,
        (0, 0),
        TERRITORY_DEPTH_MM,
    ),
];

/// Depth given to the regions only peripheral nerve stimulation reaches: so deep that no
/// epidural lead recruits their fibres and their dorsal-root share stays under 1 %.
pub const TERRITORY_DEPTH_MM: f64 = 200.0;

/// Index of a region by name, with a clear error naming the valid ones.
pub fn region_index(name: &str) -> Result<usize, UnknownRegion> {
    REGIONS
        .iter()
        .position(|r| r.name == name.trim())
        .ok_or_else(|| UnknownRegion(name.to_string()))
}

/// A body region name that is none of [`REGIONS`], as given (the message lists them).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown body region '{0}' (expected one of: {names})", names = region_names())]
pub struct UnknownRegion(pub String);

/// Every region's name, comma-separated.
fn region_names() -> String {
    REGIONS.map(|r| r.name).join(", ")
}

/// The body sides a region spans.
pub fn region_sides(r: &Region) -> &'static [Side] {
    match r.side {
        Some(Side::Left) => &[Side::Left],
        Some(Side::Right) => &[Side::Right],
        None => &Side::BOTH,
    }
}
