//! Practice patients made from a seed: plausible anatomy, pain and lead placement, so every
//! student gets a different patient that the teacher can reproduce from the seed.

use crate::device::Device;
use crate::device::battery::Battery;
use crate::device::impedance::Impedances;
use crate::device::lead::{Electrodes, Placement, Vertebra};
use crate::device::program::{Notes, PatientWindow, Program, Waveform};
use crate::device::programs::Programs;
use crate::patient::Patient;
use crate::patient::anatomy::{Posture, REGIONS, region_index};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Prefix of a generated patient's id: `practice:SEED`.
pub const PREFIX: &str = "practice:";

/// Pain syndromes a practice patient may have: (diagnosis, painful regions, lead level).
const SYNDROMES: [(&str, &[&str], &str); 5] = [
    (
        "Failed back surgery syndrome",
        &["low_back", "thigh_left", "thigh_right", "lower_leg_left"],
        "T9",
    ),
    (
        "Left leg radiculopathy",
        &["thigh_left", "lower_leg_left", "foot_left"],
        "T9",
    ),
    (
        "Right leg radiculopathy",
        &["thigh_right", "lower_leg_right", "foot_right"],
        "T9",
    ),
    (
        "CRPS of the left foot",
        &["foot_left", "lower_leg_left"],
        "T11",
    ),
    (
        "Painful neuropathy of both feet",
        &[
            "foot_left",
            "foot_right",
            "lower_leg_left",
            "lower_leg_right",
        ],
        "T10",
    ),
];

const NAMES: [&str; 8] = ["Alex", "Sam", "Robin", "Kim", "Jo", "Lee", "Pat", "Chris"];

/// The practice patient of `seed`, with an implant carrying one tonic program at 0 mA.
pub fn practice(seed: u64) -> (Patient, Device) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (diagnosis, regions, level) = SYNDROMES[rng.random_range(0..SYNDROMES.len())];
    let mut pain = [0.0; REGIONS.len()];
    for r in regions {
        if let Ok(i) = region_index(r) {
            pain[i] = (rng.random_range(40..=85) as f64) / 10.0;
        }
    }
    let base = Vertebra::parse(level).map_or(15, |v| v.index());
    let level = Vertebra::clamped(base + rng.random_range(0..=2) - 1);
    let lateral_mm = (rng.random_range(-20..=20) as f64) / 10.0;
    let name = NAMES[rng.random_range(0..NAMES.len())];
    let age = rng.random_range(28..=78);
    let patient = Patient {
        id: format!("{PREFIX}{seed}"),
        name: name.to_string(),
        age,
        diagnosis: diagnosis.to_string(),
        history: format!(
            "Practice patient {seed}: {diagnosis}. A single lead was placed with its tip at {level}, {:.1} mm {} of midline.",
            lateral_mm.abs(),
            if lateral_mm < 0.0 { "left" } else { "right" }
        ),
        pain,
        posture: Posture::Sitting,
        csf_scale: rng.random_range(0.85..1.15),
        threshold_scale: rng.random_range(0.8..1.2),
        responder: rng.random_range(0.6..1.0),
        ecap_scale: 1.0,
        khz_scale: 1.0,
        csf_override_mm: None,
    };
    let program = Program {
        name: "Practice".into(),
        settings: Waveform::Tonic.defaults(),
        electrodes: Electrodes::equal_split(vec![[0, 1, 2, 1, 0, 0, 0, 0].map(polarity)], false),
        window: PatientWindow {
            min_ma: 0.0,
            max_ma: 10.0,
        },
        step_ma: 0.1,
        notes: Notes::default(),
        closed_loop: None,
        patient_loop: Default::default(),
    };
    let device = Device {
        placements: vec![Placement { level, lateral_mm }],
        impedances: Impedances::seeded(1, seed),
        programs: Programs::one(program),
        active: 0,
        therapy_on: false,
        battery: Battery::at_percent(rng.random_range(40.0..100.0)),
        mri_mode: false,
        nerve_leads: Vec::new(),
    };
    (patient, device)
}

/// Prefix of a trial-population patient's id: `trial:SEED`.
pub const TRIAL_PREFIX: &str = "trial:";

/// Regions of a leg on one side: buttock, thigh, calf, foot.
const LEG: [&str; 4] = ["buttock", "thigh", "lower_leg", "foot"];

/// Chronic back and/or leg pain as in a pivotal trial's population (SENZA-RCT: back and
/// leg pain, two percutaneous leads over T8–T11): which leg regions hurt and how much.
fn trial_pain(rng: &mut ChaCha8Rng) -> [f64; REGIONS.len()] {
    let mut pain = [0.0; REGIONS.len()];
    let mut set = |name: &str, vas: f64| {
        if let Ok(i) = region_index(name) {
            pain[i] = vas;
        }
    };
    let back = rng.random_bool(0.85);
    let legs = !back || rng.random_bool(0.85);
    if back {
        set("low_back", rng.random_range(50..=90) as f64 / 10.0);
    }
    if legs {
        let sides: &[&str] = match rng.random_range(0..10) {
            0..=3 => &["left"],
            4..=7 => &["right"],
            _ => &["left", "right"],
        };
        // Radicular pain runs from the thigh (sometimes the buttock) down to the calf or foot.
        let from = usize::from(!rng.random_bool(0.25));
        let to = rng.random_range(2..=3);
        for side in sides {
            for part in &LEG[from..=to] {
                set(
                    &format!("{part}_{side}"),
                    rng.random_range(40..=85) as f64 / 10.0,
                );
            }
        }
    }
    pain
}

/// A trial's two leads: tips mostly at T8 (SENZA: T8–T11 covered by two staggered leads),
/// some a level off, the second up to a level lower, 1.5–4 mm apart around the midline.
fn trial_leads(rng: &mut ChaCha8Rng) -> Vec<Placement> {
    let t8 = Vertebra::parse("T8").map_or(14, |v| v.index());
    let first = match rng.random_range(0..20) {
        0..=2 => t8 - 1,
        3..=14 => t8,
        _ => t8 + 1,
    };
    let second = first + rng.random_range(0..=1);
    let centre = rng.random_range(-15..=15) as f64 / 10.0;
    let gap = rng.random_range(15..=40) as f64 / 10.0;
    vec![
        Placement {
            level: Vertebra::clamped(first),
            lateral_mm: centre - 0.5 * gap,
        },
        Placement {
            level: Vertebra::clamped(second),
            lateral_mm: centre + 0.5 * gap,
        },
    ]
}

/// A patient of a trial-like population made from `seed`: back and/or leg pain, two leads
/// near T8–T9 with the spread of percutaneous placement, anatomy (CSF, thresholds) across
/// its published spread, and a share of people who respond poorly to any stimulation.
pub fn trial(seed: u64) -> (Patient, Device) {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x005E_ED71_21A1);
    let pain = trial_pain(&mut rng);
    let placements = trial_leads(&mut rng);
    // Most people's gate closes well; some respond poorly whatever is programmed.
    let responder = if rng.random_bool(0.82) {
        rng.random_range(0.8..1.0)
    } else {
        rng.random_range(0.15..0.6)
    };
    let patient = Patient {
        id: format!("{TRIAL_PREFIX}{seed}"),
        name: NAMES[rng.random_range(0..NAMES.len())].to_string(),
        age: rng.random_range(30..=80),
        diagnosis: "Chronic back and/or leg pain".into(),
        history: format!(
            "Trial patient {seed}: two leads with tips at {} and {}.",
            placements[0].level.name(),
            placements[1].level.name()
        ),
        pain,
        posture: Posture::Sitting,
        csf_scale: rng.random_range(0.8..1.25),
        threshold_scale: rng.random_range(0.75..1.3),
        responder,
        ecap_scale: 1.0,
        khz_scale: 1.0,
        csf_override_mm: None,
    };
    let mut impedances = Impedances::seeded(2, seed);
    // An occasional broken contact, as in clinic.
    if rng.random_bool(0.05) {
        let fault = crate::device::impedance::ContactFault {
            lead: rng.random_range(0..2),
            contact: rng.random_range(0..8),
            fault: crate::device::impedance::Fault::Open,
        };
        let _ = impedances.inject(fault);
    }
    let program = Program {
        name: "Trial".into(),
        settings: Waveform::Tonic.defaults(),
        electrodes: Electrodes::equal_split(
            vec![[0, 1, 2, 1, 0, 0, 0, 0].map(polarity), [0; 8].map(polarity)],
            false,
        ),
        window: PatientWindow {
            min_ma: 0.0,
            max_ma: 10.0,
        },
        step_ma: 0.1,
        notes: Notes::default(),
        closed_loop: None,
        patient_loop: Default::default(),
    };
    let device = Device {
        placements,
        impedances,
        programs: Programs::one(program),
        active: 0,
        therapy_on: false,
        battery: Battery::at_percent(100.0),
        mri_mode: false,
        nerve_leads: Vec::new(),
    };
    (patient, device)
}

fn polarity(code: u8) -> crate::device::lead::Polarity {
    use crate::device::lead::Polarity;
    match code {
        1 => Polarity::Anode,
        2 => Polarity::Cathode,
        _ => Polarity::Off,
    }
}

/// The seed of a practice patient id (`practice:42` → 42).
pub fn seed_of(id: &str) -> Option<u64> {
    id.strip_prefix(PREFIX)?.parse().ok()
}
