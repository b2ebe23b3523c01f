//! A pulse generator as a patient file sets it up: its leads (at the spine or at nerves),
//! contact impedances and faults, battery and stored programs.

use crate::device::Device;
use crate::device::battery::Battery;
use crate::device::impedance::{ContactFault, Impedances};
use crate::device::lead::{NerveLead, Placement};
use crate::device::programs::Programs;
use crate::device::spec::{ProgramSpec, locate_all};
use crate::files::Located;
use crate::patient::profile::check_scale;

/// Where a file's leads lie.
pub enum Leads<'a> {
    /// Epidural leads at the spine (spinal cord stimulation).
    Spine(&'a [Placement]),
    /// Leads at peripheral nerves (peripheral nerve stimulation).
    Nerves(&'a [NerveLead]),
}

/// The generator's values a file sets, whatever its leads reach.
pub struct Generator<'a> {
    /// Seed of the contact impedances.
    pub impedance_seed: u64,
    /// Faulty contacts present from the start.
    pub faults: &'a [ContactFault],
    /// Battery at the start, %.
    pub battery_percent: f64,
    /// Stored programs (1–4).
    pub programs: &'a [ProgramSpec],
}

impl<'a> Generator<'a> {
    /// The generator's values as a file's block holds them.
    pub fn new(
        impedance_seed: u64,
        faults: &'a [ContactFault],
        battery_percent: f64,
        programs: &'a [ProgramSpec],
    ) -> Generator<'a> {
        Generator {
            impedance_seed,
            faults,
            battery_percent,
            programs,
        }
    }
}

/// Builds the pulse generator on `leads`; problems found are added to `located`
/// (programs, with their place among several) and `problems` (field, message).
pub fn device(
    leads: Leads,
    generator: Generator,
    text: &str,
    located: &mut Vec<Located>,
    problems: &mut Vec<(&'static str, String)>,
) -> Option<Device> {
    let Generator {
        impedance_seed,
        faults,
        battery_percent,
        programs,
    } = generator;
    let (placements, nerve_leads) = match leads {
        Leads::Spine(l) => (l.to_vec(), Vec::new()),
        Leads::Nerves(l) => (Vec::new(), l.to_vec()),
    };
    check_scale(problems, "battery_percent", battery_percent, 0.0, 100.0);
    let mut built = Vec::new();
    for (i, spec) in programs.iter().enumerate() {
        match spec.to_program() {
            Ok(p) => built.push(p),
            Err(list) => located.extend(locate_all(text, i, list)),
        }
    }
    let mut impedances = Impedances::seeded(placements.len() + nerve_leads.len(), impedance_seed);
    for f in faults {
        if let Err(e) = impedances.inject(*f) {
            problems.push(("faults", e.to_string()));
        }
    }
    let programs = match Programs::new(built) {
        Ok(p) => p,
        Err(e) => {
            if located.is_empty() {
                problems.push(("programs", e.to_string()));
            }
            return None;
        }
    };
    let device = Device {
        placements,
        impedances,
        programs,
        active: 0,
        therapy_on: false,
        battery: Battery::at_percent(battery_percent),
        mri_mode: false,
        nerve_leads,
    };
    if located.is_empty() {
        for p in device.problems() {
            problems.push((p.field(), p.to_string()));
        }
    }
    Some(device)
}
