//! The fibre classes of a peripheral nerve: sizes, speeds and how excitable each is.

use serde::{Deserialize, Serialize};

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

    /// Chronaxie right at the electrode, µs. Human peripheral axons (Mogyoros, Kiernan &
    /// Burke 1996, threshold tracking at the median nerve: strength–duration time constant
    /// sensory 665 ± 182 µs, motor 459 ± 126 µs; REFERENCES §7) rather than the tens of µs
    /// of microelectrode work: the values here grow with distance (by a third at 5 mm,
    /// about where a surface electrode meets the median nerve) to the published ones.
    /// Aδ is taken longer than Aβ, and unmyelinated C fibres far longer.
    pub fn chronaxie_us(self) -> f64 {
        match self {
            FibreClass::AAlpha => 350.0,
            FibreClass::ABeta => 500.0,
            FibreClass::ADelta => 650.0,
            FibreClass::C => 1500.0,
        }
    }

    /// Index in [`FibreClass::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}
