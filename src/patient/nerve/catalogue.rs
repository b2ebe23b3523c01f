//! The nerves a PNS lead is placed at: each one's fascicles with their cutaneous
//! territories and motor share, its muscle, and where "along the nerve" starts
//! (REFERENCES-PNS §3); the territory a nerve supplies on one side of the body.

use crate::patient::anatomy::{REGIONS, Side, region_index};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Whether a nerve carries motor axons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NerveType {
    /// Only (or mainly) sensory.
    Sensory,
    /// Sensory and motor axons.
    Mixed,
}

/// A fascicle in the nerve's cross-section, or a muscle's motor point next to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Fascicle {
    /// Centre across the nerve, in nerve radii (0 = the nerve's axis).
    pub x: f64,
    /// Centre toward the lead (positive: the side facing a lead placed at the nerve).
    pub y: f64,
    /// Radius, in nerve radii.
    pub radius: f64,
    /// Cutaneous territory: (region without its side, e.g. `thigh`, share of that region
    /// this fascicle supplies).
    pub territory: &'static [(&'static str, f64)],
    /// Share of the nerve's motor axons that run here (0 for a purely sensory fascicle).
    pub motor: f64,
    /// The fascicle leaves the nerve this far along it, mm: a lead placed further along
    /// does not reach it (`f64::INFINITY` when it runs the whole way).
    pub leaves_at_mm: f64,
}

const fn fascicle(
    x: f64,
    y: f64,
    radius: f64,
    territory: &'static [(&'static str, f64)],
    motor: f64,
    leaves_at_mm: f64,
) -> Fascicle {
    Fascicle {
        x,
        y,
        radius,
        territory,
        motor,
        leaves_at_mm,
    }
}

const ALL_WAY: f64 = f64::INFINITY;

/// The muscle a nerve's motor axons twitch, and whether a twitch is wanted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Muscle {
    /// In a patient's or clinician's words, e.g. `neck muscles`.
    pub words: &'static str,
    /// A contraction is the wanted sign of a good placement (multifidus for the lumbar
    /// medial branch, deltoid for the axillary nerve); otherwise it is discomfort.
    pub wanted: bool,
}

/// What a nerve is made of and where it is felt.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NerveInfo {
    /// Name on the command line and in files, e.g. `greater_occipital`.
    pub name: &'static str,
    /// In words, e.g. `greater occipital nerve`.
    pub words: &'static str,
    /// Sensory or mixed.
    pub kind: NerveType,
    /// Radius of the nerve where leads are placed, mm.
    pub radius_mm: f64,
    /// The fascicles (and, for a mainly sensory nerve near muscles, the motor points next to it).
    pub fascicles: &'static [Fascicle],
    /// The muscle its motor axons (or the motor points beside it) twitch.
    pub muscle: Option<Muscle>,
    /// What "along the nerve" is measured from.
    pub along_from: &'static str,
}

/// Nerves a PNS lead may be placed at (REFERENCES-PNS §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Nerve {
    /// Greater occipital nerve (C2 dorsal ramus), mainly sensory: back of the scalp.
    GreaterOccipital,
    /// Supraorbital / supratrochlear nerve (trigeminal V1), sensory: forehead.
    Supraorbital,
    /// Femoral nerve, mixed: front of the thigh, inner leg (saphenous); quadriceps.
    Femoral,
    /// Sciatic nerve, mixed: back of the thigh, leg below the knee, foot; hamstrings.
    Sciatic,
    /// Lumbar medial branch of the dorsal ramus, mixed: low back; multifidus.
    LumbarMedialBranch,
    /// Axillary nerve (deltoid motor points), mixed: lateral shoulder; deltoid.
    Axillary,
    /// Superior cluneal nerves (L1–L3 lateral branches), sensory: upper buttock, low back.
    SuperiorCluneal,
    /// Ilioinguinal nerve (L1), mixed: groin and upper inner thigh; abdominal wall.
    Ilioinguinal,
}

/// A nerve's muscle: a twitch is `wanted` as the sign of a good placement, or not.
const fn twitch(words: &'static str, wanted: bool) -> Option<Muscle> {
    Some(Muscle { words, wanted })
}

impl Nerve {
    /// Every nerve.
    pub const ALL: [Nerve; 8] = [
        Nerve::GreaterOccipital,
        Nerve::Supraorbital,
        Nerve::Femoral,
        Nerve::Sciatic,
        Nerve::LumbarMedialBranch,
        Nerve::Axillary,
        Nerve::SuperiorCluneal,
        Nerve::Ilioinguinal,
    ];

    /// What the nerve is made of and where it is felt.
    pub fn info(self) -> NerveInfo {
        match self {
            Nerve::GreaterOccipital => GREATER_OCCIPITAL,
            Nerve::Supraorbital => SUPRAORBITAL,
            Nerve::Femoral => FEMORAL,
            Nerve::Sciatic => SCIATIC,
            Nerve::LumbarMedialBranch => LUMBAR_MEDIAL_BRANCH,
            Nerve::Axillary => AXILLARY,
            Nerve::SuperiorCluneal => SUPERIOR_CLUNEAL,
            Nerve::Ilioinguinal => ILIOINGUINAL,
        }
    }

    /// The name on the command line and in files, e.g. `greater_occipital`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// Parses a name (`femoral`, `greater_occipital`; `-` may stand for `_`).
    pub fn parse(text: &str) -> Result<Nerve, UnknownNerve> {
        let wanted = text.trim().to_ascii_lowercase().replace('-', "_");
        Nerve::ALL
            .into_iter()
            .find(|n| n.name() == wanted)
            .ok_or_else(|| UnknownNerve(text.chars().take(40).collect()))
    }

    /// Sensory or mixed.
    pub fn kind(self) -> NerveType {
        self.info().kind
    }
}

impl fmt::Display for Nerve {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.info().words)
    }
}

/// A nerve name that is none of [`Nerve::ALL`]: its first 40 characters (the message
/// lists the names).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown nerve '{0}' (expected one of: {names})", names = Nerve::ALL.map(Nerve::name).join(", "))]
pub struct UnknownNerve(pub String);

/// The body region `base` on `side` (`thigh` → `thigh_left`), or the midline region `base`.
pub fn territory_region(base: &str, side: Side) -> Option<usize> {
    region_index(&format!("{base}_{}", side.name()))
        .or_else(|_| region_index(base))
        .ok()
}

/// The share of each body region a nerve on `side` supplies (its cutaneous territory).
pub fn territory(nerve: Nerve, side: Side) -> [f64; REGIONS.len()] {
    let mut out = [0.0; REGIONS.len()];
    for f in nerve.info().fascicles {
        for (base, share) in f.territory {
            if let Some(r) = territory_region(base, side) {
                out[r] += share;
            }
        }
    }
    out
}

const GREATER_OCCIPITAL: NerveInfo = NerveInfo {
    name: "greater_occipital",
    words: "greater occipital nerve",
    kind: NerveType::Sensory,
    radius_mm: 1.5,
    fascicles: &[
        fascicle(0.0, 0.45, 0.35, &[("scalp", 0.45)], 0.0, ALL_WAY),
        fascicle(-0.4, -0.3, 0.35, &[("scalp", 0.35)], 0.0, ALL_WAY),
        fascicle(0.4, -0.35, 0.3, &[("scalp", 0.2)], 0.0, ALL_WAY),
        // The neck muscles' motor points lie under the nerve (semispinalis, trapezius).
        fascicle(0.0, -2.2, 0.5, &[], 1.0, ALL_WAY),
    ],
    muscle: twitch("neck muscles", false),
    along_from: "its emergence at C1",
};

const SUPRAORBITAL: NerveInfo = NerveInfo {
    name: "supraorbital",
    words: "supraorbital nerve",
    kind: NerveType::Sensory,
    radius_mm: 0.6,
    fascicles: &[
        fascicle(-0.3, 0.3, 0.4, &[("forehead", 0.6)], 0.0, ALL_WAY),
        fascicle(0.35, -0.3, 0.4, &[("forehead", 0.4)], 0.0, ALL_WAY),
    ],
    muscle: None,
    along_from: "the supraorbital notch",
};

const FEMORAL: NerveInfo = NerveInfo {
    name: "femoral",
    words: "femoral nerve",
    kind: NerveType::Mixed,
    radius_mm: 4.0,
    fascicles: &[
        // Anterior division: anterior cutaneous branches (front of the thigh).
        fascicle(-0.35, 0.55, 0.25, &[("thigh", 0.4)], 0.0, 60.0),
        fascicle(0.35, 0.5, 0.25, &[("thigh", 0.3)], 0.0, 60.0),
        // Posterior division: the saphenous nerve (inner leg and foot) and the quadriceps.
        fascicle(
            0.0,
            0.0,
            0.28,
            &[("lower_leg", 0.25), ("foot", 0.1)],
            0.0,
            ALL_WAY,
        ),
        fascicle(-0.45, -0.4, 0.3, &[], 0.5, 120.0),
        fascicle(0.45, -0.45, 0.3, &[], 0.5, 120.0),
    ],
    muscle: twitch("quadriceps", false),
    along_from: "the inguinal ligament",
};

const SCIATIC: NerveInfo = NerveInfo {
    name: "sciatic",
    words: "sciatic nerve",
    kind: NerveType::Mixed,
    radius_mm: 7.0,
    fascicles: &[
        fascicle(0.0, 0.72, 0.2, &[("thigh", 0.3)], 0.0, 150.0),
        // Common peroneal division (lateral leg, top of the foot).
        fascicle(
            -0.42,
            0.35,
            0.3,
            &[("lower_leg", 0.35), ("foot", 0.3)],
            0.0,
            ALL_WAY,
        ),
        // Tibial division (calf, sole).
        fascicle(
            0.4,
            0.3,
            0.32,
            &[("lower_leg", 0.2), ("foot", 0.45)],
            0.0,
            ALL_WAY,
        ),
        fascicle(
            0.0,
            -0.15,
            0.3,
            &[("lower_leg", 0.2), ("foot", 0.15)],
            0.0,
            ALL_WAY,
        ),
        fascicle(-0.45, -0.5, 0.28, &[], 0.5, 250.0),
        fascicle(0.45, -0.5, 0.28, &[], 0.5, 250.0),
    ],
    muscle: twitch("hamstrings", false),
    along_from: "the gluteal fold",
};

const LUMBAR_MEDIAL_BRANCH: NerveInfo = NerveInfo {
    name: "lumbar_medial_branch",
    words: "lumbar medial branch",
    kind: NerveType::Mixed,
    radius_mm: 0.5,
    fascicles: &[
        fascicle(0.0, 0.35, 0.4, &[("low_back", 0.5)], 0.0, ALL_WAY),
        fascicle(0.0, -0.35, 0.45, &[], 1.0, ALL_WAY),
    ],
    muscle: twitch("multifidus", true),
    along_from: "the mammillo-accessory notch",
};

const AXILLARY: NerveInfo = NerveInfo {
    name: "axillary",
    words: "axillary nerve",
    kind: NerveType::Mixed,
    radius_mm: 1.5,
    fascicles: &[
        // Superior lateral cutaneous nerve of the arm.
        fascicle(
            0.0,
            0.5,
            0.3,
            &[("shoulder", 0.8), ("arm", 0.25)],
            0.0,
            ALL_WAY,
        ),
        // The deltoid's motor fascicles, on the side away from a posterior approach (so a
        // twitch from just outside needs the nerve-locator's 0.3–1 mA, REFERENCES §7).
        fascicle(-0.35, -0.55, 0.28, &[], 0.5, ALL_WAY),
        fascicle(0.35, -0.55, 0.28, &[], 0.5, ALL_WAY),
    ],
    muscle: twitch("deltoid", true),
    along_from: "the quadrangular space",
};

const SUPERIOR_CLUNEAL: NerveInfo = NerveInfo {
    name: "superior_cluneal",
    words: "superior cluneal nerves",
    kind: NerveType::Sensory,
    radius_mm: 0.5,
    fascicles: &[
        fascicle(-0.3, 0.25, 0.4, &[("buttock", 0.5)], 0.0, ALL_WAY),
        fascicle(
            0.35,
            -0.25,
            0.4,
            &[("low_back", 0.2), ("buttock", 0.2)],
            0.0,
            ALL_WAY,
        ),
    ],
    muscle: None,
    along_from: "the iliac crest",
};

const ILIOINGUINAL: NerveInfo = NerveInfo {
    name: "ilioinguinal",
    words: "ilioinguinal nerve",
    kind: NerveType::Mixed,
    radius_mm: 0.7,
    fascicles: &[
        fascicle(
            0.0,
            0.35,
            0.4,
            &[("perineum", 0.3), ("thigh", 0.15)],
            0.0,
            ALL_WAY,
        ),
        fascicle(0.0, -0.4, 0.4, &[], 1.0, 40.0),
    ],
    muscle: twitch("abdominal wall", false),
    along_from: "the anterior superior iliac spine",
};
