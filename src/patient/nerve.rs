//! Peripheral nerves as peripheral nerve stimulation (PNS) sees them: fibre classes with
//! their sizes, the nerves a lead is placed at (their fascicles, cutaneous territories and
//! muscles), and where a lead lies relative to a nerve. Facts: REFERENCES-PNS.md §2–3.
//! The thresholds live in [`super::nerve_activation`], the answers in
//! [`super::nerve_response`].

use super::anatomy::{REGIONS, Side, region_index};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Fibre classes of a peripheral nerve (textbook sizes; Kiernan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FibreClass {
    /// Aα motor axons, 12–20 µm, 70–120 m/s: a twitch of the nerve's muscle.
    AAlpha,
    /// Aβ touch and vibration afferents, 5–15 µm, 30–80 m/s: tingling (paresthesia).
    ABeta,
    /// Aδ afferents, 3–8 µm, 10–30 m/s: sharp, pricking pain.
    ADelta,
    /// C afferents, unmyelinated, 0.2–1.5 µm, 0.5–2.5 m/s: burning pain.
    C,
}

impl FibreClass {
    /// Every class, largest first.
    pub const ALL: [FibreClass; 4] = [
        FibreClass::AAlpha,
        FibreClass::ABeta,
        FibreClass::ADelta,
        FibreClass::C,
    ];

    /// The textbook name, e.g. `Aβ`.
    pub fn name(self) -> &'static str {
        match self {
            FibreClass::AAlpha => "Aα",
            FibreClass::ABeta => "Aβ",
            FibreClass::ADelta => "Aδ",
            FibreClass::C => "C",
        }
    }

    /// Diameter range, µm.
    pub fn diameter_um(self) -> (f64, f64) {
        match self {
            FibreClass::AAlpha => (12.0, 20.0),
            FibreClass::ABeta => (5.0, 15.0),
            FibreClass::ADelta => (3.0, 8.0),
            FibreClass::C => (0.2, 1.5),
        }
    }

    /// Conduction velocity range, m/s (≈ 6 m/s per µm of myelinated diameter).
    pub fn velocity_m_s(self) -> (f64, f64) {
        match self {
            FibreClass::AAlpha => (70.0, 120.0),
            FibreClass::ABeta => (30.0, 80.0),
            FibreClass::ADelta => (10.0, 30.0),
            FibreClass::C => (0.5, 2.5),
        }
    }

    /// Sensory (afferent) rather than motor.
    pub fn sensory(self) -> bool {
        self != FibreClass::AAlpha
    }

    /// Myelinated (all but C).
    pub fn myelinated(self) -> bool {
        self != FibreClass::C
    }

    /// Diameter of the class's most excitable fibres, the ones a rising current recruits
    /// first (the upper part of its range), µm.
    pub fn leading_diameter_um(self) -> f64 {
        match self {
            FibreClass::AAlpha => 16.0,
            FibreClass::ABeta => 12.0,
            FibreClass::ADelta => 4.5,
            FibreClass::C => 1.2,
        }
    }

    /// Chronaxie right at the electrode, µs (Ranck 1975: tens to ~200 µs for myelinated
    /// axons; sensory longer than motor, Mogyoros 1996; unmyelinated C fibres far longer).
    pub fn chronaxie_us(self) -> f64 {
        match self {
            FibreClass::AAlpha => 100.0,
            FibreClass::ABeta => 160.0,
            FibreClass::ADelta => 200.0,
            FibreClass::C => 1500.0,
        }
    }

    /// Index in [`FibreClass::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

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

const GON: &[Fascicle] = &[
    fascicle(0.0, 0.45, 0.35, &[("scalp", 0.45)], 0.0, ALL_WAY),
    fascicle(-0.4, -0.3, 0.35, &[("scalp", 0.35)], 0.0, ALL_WAY),
    fascicle(0.4, -0.35, 0.3, &[("scalp", 0.2)], 0.0, ALL_WAY),
    // The neck muscles' motor points lie under the nerve (semispinalis, trapezius).
    fascicle(0.0, -2.2, 0.5, &[], 1.0, ALL_WAY),
];
const SUPRAORBITAL: &[Fascicle] = &[
    fascicle(-0.3, 0.3, 0.4, &[("forehead", 0.6)], 0.0, ALL_WAY),
    fascicle(0.35, -0.3, 0.4, &[("forehead", 0.4)], 0.0, ALL_WAY),
];
const FEMORAL: &[Fascicle] = &[
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
];
const SCIATIC: &[Fascicle] = &[
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
];
const MEDIAL_BRANCH: &[Fascicle] = &[
    fascicle(0.0, 0.35, 0.4, &[("low_back", 0.5)], 0.0, ALL_WAY),
    fascicle(0.0, -0.35, 0.45, &[], 1.0, ALL_WAY),
];
const AXILLARY: &[Fascicle] = &[
    // Superior lateral cutaneous nerve of the arm.
    fascicle(
        0.0,
        0.5,
        0.3,
        &[("shoulder", 0.8), ("arm", 0.25)],
        0.0,
        ALL_WAY,
    ),
    fascicle(-0.4, -0.2, 0.35, &[], 0.5, ALL_WAY),
    fascicle(0.4, -0.25, 0.35, &[], 0.5, ALL_WAY),
];
const CLUNEAL: &[Fascicle] = &[
    fascicle(-0.3, 0.25, 0.4, &[("buttock", 0.5)], 0.0, ALL_WAY),
    fascicle(
        0.35,
        -0.25,
        0.4,
        &[("low_back", 0.2), ("buttock", 0.2)],
        0.0,
        ALL_WAY,
    ),
];
const ILIOINGUINAL: &[Fascicle] = &[
    fascicle(
        0.0,
        0.35,
        0.4,
        &[("perineum", 0.3), ("thigh", 0.15)],
        0.0,
        ALL_WAY,
    ),
    fascicle(0.0, -0.4, 0.4, &[], 1.0, 40.0),
];

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
        let info = |name, words, kind, radius_mm, fascicles, muscle, along_from| NerveInfo {
            name,
            words,
            kind,
            radius_mm,
            fascicles,
            muscle,
            along_from,
        };
        let twitch = |words, wanted| Some(Muscle { words, wanted });
        use NerveType::{Mixed, Sensory};
        match self {
            Nerve::GreaterOccipital => info(
                "greater_occipital",
                "greater occipital nerve",
                Sensory,
                1.5,
                GON,
                twitch("neck muscles", false),
                "its emergence at C1",
            ),
            Nerve::Supraorbital => info(
                "supraorbital",
                "supraorbital nerve",
                Sensory,
                0.6,
                SUPRAORBITAL,
                None,
                "the supraorbital notch",
            ),
            Nerve::Femoral => info(
                "femoral",
                "femoral nerve",
                Mixed,
                4.0,
                FEMORAL,
                twitch("quadriceps", false),
                "the inguinal ligament",
            ),
            Nerve::Sciatic => info(
                "sciatic",
                "sciatic nerve",
                Mixed,
                7.0,
                SCIATIC,
                twitch("hamstrings", false),
                "the gluteal fold",
            ),
            Nerve::LumbarMedialBranch => info(
                "lumbar_medial_branch",
                "lumbar medial branch",
                Mixed,
                0.5,
                MEDIAL_BRANCH,
                twitch("multifidus", true),
                "the mammillo-accessory notch",
            ),
            Nerve::Axillary => info(
                "axillary",
                "axillary nerve",
                Mixed,
                1.5,
                AXILLARY,
                twitch("deltoid", true),
                "the quadrangular space",
            ),
            Nerve::SuperiorCluneal => info(
                "superior_cluneal",
                "superior cluneal nerves",
                Sensory,
                0.5,
                CLUNEAL,
                None,
                "the iliac crest",
            ),
            Nerve::Ilioinguinal => info(
                "ilioinguinal",
                "ilioinguinal nerve",
                Mixed,
                0.7,
                ILIOINGUINAL,
                twitch("abdominal wall", false),
                "the anterior superior iliac spine",
            ),
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

/// Largest distance from a nerve accepted for a lead, mm.
pub const MAX_DISTANCE_MM: f64 = 40.0;
/// Largest depth under the skin accepted, mm.
pub const MAX_DEPTH_MM: f64 = 120.0;
/// Largest position along a nerve accepted, mm.
pub const MAX_ALONG_MM: f64 = 400.0;

/// Where a lead lies relative to a nerve (as ultrasound shows it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerveSite {
    /// The nerve.
    pub nerve: Nerve,
    /// The body side of the nerve.
    pub side: Side,
    /// Position along the nerve from its landmark ([`NerveInfo::along_from`]), mm.
    #[serde(default)]
    pub along_mm: f64,
    /// Distance from the lead's nearest contact to the nerve's surface, mm; negative
    /// inside the nerve's sheath (down to its radius).
    pub distance_mm: f64,
    /// Depth of the lead under the skin, mm.
    pub depth_mm: f64,
    /// For a lead of several contacts laid across the nerve: where the nerve passes under
    /// the lead, mm from its tip (contact 0's centre is at 1.5 mm). Ignored for a
    /// single-contact lead.
    #[serde(default)]
    pub crossing_mm: f64,
}

impl NerveSite {
    /// Checks every number is finite and inside the body.
    pub fn validate(&self) -> Result<(), SiteError> {
        let r = self.nerve.info().radius_mm;
        let d = self.distance_mm;
        if !d.is_finite() || d < -r || d > MAX_DISTANCE_MM {
            return Err(SiteError::Distance {
                nerve: self.nerve,
                distance_mm: d,
                radius_mm: r,
            });
        }
        let checks = [
            ("depth", self.depth_mm, 0.0, MAX_DEPTH_MM),
            ("position along the nerve", self.along_mm, 0.0, MAX_ALONG_MM),
            ("crossing", self.crossing_mm, 0.0, 60.0),
        ];
        for (what, mm, lo, hi) in checks {
            if !mm.is_finite() || mm < lo || mm > hi {
                return Err(SiteError::OutOfRange { what, mm, lo, hi });
            }
        }
        Ok(())
    }

    /// The lead sits inside the nerve's sheath (intraneural: thresholds fall, and the
    /// nerve may be injured).
    pub fn intraneural(&self) -> bool {
        self.distance_mm < 0.0
    }
}

/// Why a lead cannot lie where a [`NerveSite`] says.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum SiteError {
    /// Too far from the nerve, or deeper inside it than its radius.
    #[error(
        "distance from the {nerve} {distance_mm} mm is outside −{radius_mm}…{MAX_DISTANCE_MM} mm (negative: inside the nerve, at most its radius)"
    )]
    Distance {
        /// The nerve.
        nerve: Nerve,
        /// The distance given, mm.
        distance_mm: f64,
        /// The nerve's radius, mm.
        radius_mm: f64,
    },
    /// Depth, position along the nerve or crossing outside the body.
    #[error("{what} {mm} mm is outside {lo}–{hi} mm")]
    OutOfRange {
        /// The number, in words (`depth`, `crossing`, …).
        what: &'static str,
        /// The value given, mm.
        mm: f64,
        /// Smallest accepted, mm.
        lo: f64,
        /// Largest accepted, mm.
        hi: f64,
    },
}

impl fmt::Display for NerveSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} at {:.1} mm, {:.0} mm deep",
            self.side.name(),
            self.nerve,
            self.distance_mm,
            self.depth_mm
        )
    }
}
