//! Per-contact impedance, with open- and short-circuit faults.

use super::lead::{CONTACTS_PER_LEAD, Electrodes, NoSuchContact, Polarity};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// Impedance of the pulse generator's case as a return electrode, Ω.
pub const CASE_OHM: f64 = 100.0;
/// Share of a contact's reading that is the body's bulk path to the case.
pub const BULK_SHARE: f64 = 0.5;
/// Tissue between two epidural contacts a few millimetres apart, Ω.
pub const BETWEEN_CONTACTS_OHM: f64 = 150.0;
/// Above this a contact reads as an open circuit (broken lead), Ω.
pub const OPEN_ABOVE_OHM: f64 = 10_000.0;
/// Below this a contact reads as a short circuit, Ω.
pub const SHORT_BELOW_OHM: f64 = 100.0;
/// What an open contact reads, Ω.
pub const OPEN_OHM: f64 = 40_000.0;
/// What a shorted contact reads, Ω.
pub const SHORT_OHM: f64 = 40.0;
/// Range of healthy contact impedances, Ω.
pub const HEALTHY_RANGE_OHM: (f64, f64) = (400.0, 1500.0);

/// A fault on one contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// The conductor is broken: no current can flow.
    Open,
    /// The contact is shorted to another: current would bypass the tissue.
    Short,
}

impl Fault {
    /// Device wording of the fault.
    pub fn describe(self) -> &'static str {
        match self {
            Fault::Open => "open circuit",
            Fault::Short => "short circuit",
        }
    }
}

/// A fault on one contact, as a patient file lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFault {
    /// Lead index, 0 or 1.
    pub lead: usize,
    /// Contact index, 0–7.
    pub contact: usize,
    /// What is wrong.
    pub fault: Fault,
}

/// Measured impedance of every contact.
#[derive(Clone, Debug, PartialEq)]
pub struct Impedances {
    ohms: Vec<[f64; CONTACTS_PER_LEAD]>,
}

impl Impedances {
    /// Healthy impedances for `leads` leads drawn from `seed` (a spread of several hundred
    /// ohms to about 1.5 kΩ, as measured in patients).
    pub fn seeded(leads: usize, seed: u64) -> Impedances {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let (lo, hi) = HEALTHY_RANGE_OHM;
        let ohms = (0..leads)
            .map(|_| {
                std::array::from_fn(|_| {
                    (lo.ln() + rng.random::<f64>() * (hi.ln() - lo.ln()))
                        .exp()
                        .round()
                })
            })
            .collect();
        Impedances { ohms }
    }

    /// Puts a fault on a contact; refuses contacts that do not exist.
    pub fn inject(&mut self, fault: ContactFault) -> Result<(), NoSuchContact> {
        let slot = self
            .ohms
            .get_mut(fault.lead)
            .and_then(|l| l.get_mut(fault.contact))
            .ok_or(NoSuchContact {
                lead: fault.lead,
                contact: fault.contact,
            })?;
        *slot = match fault.fault {
            Fault::Open => OPEN_OHM,
            Fault::Short => SHORT_OHM,
        };
        Ok(())
    }

    /// Reading of one contact, Ω.
    pub fn ohm(&self, lead: usize, contact: usize) -> f64 {
        self.ohms
            .get(lead)
            .and_then(|l| l.get(contact))
            .copied()
            .unwrap_or(OPEN_OHM)
    }

    /// Number of leads measured.
    pub fn leads(&self) -> usize {
        self.ohms.len()
    }

    /// The fault a reading shows, if any.
    pub fn fault(&self, lead: usize, contact: usize) -> Option<Fault> {
        let z = self.ohm(lead, contact);
        if z > OPEN_ABOVE_OHM {
            Some(Fault::Open)
        } else if z < SHORT_BELOW_OHM {
            Some(Fault::Short)
        } else {
            None
        }
    }

    /// Every faulty contact, as (lead, contact, fault).
    pub fn faults(&self) -> Vec<ContactFault> {
        (0..self.ohms.len())
            .flat_map(|lead| (0..CONTACTS_PER_LEAD).map(move |contact| (lead, contact)))
            .filter_map(|(lead, contact)| {
                self.fault(lead, contact).map(|fault| ContactFault {
                    lead,
                    contact,
                    fault,
                })
            })
            .collect()
    }

    /// The configuration the device actually drives: faulty contacts are disabled. `None`
    /// when no complete circuit (a cathode and a return path) remains.
    pub fn usable(&self, electrodes: &Electrodes) -> Option<Electrodes> {
        let mut out = electrodes.clone();
        for (lead, contacts) in out.leads.iter_mut().enumerate() {
            for (contact, p) in contacts.iter_mut().enumerate() {
                if self.fault(lead, contact).is_some() {
                    *p = Polarity::Off;
                }
            }
        }
        for (lead, weights) in out.weights.iter_mut().enumerate() {
            for (contact, w) in weights.iter_mut().enumerate() {
                if out.leads[lead][contact] == Polarity::Off {
                    *w = 0.0;
                }
            }
        }
        let has = |p| out.leads.iter().flatten().any(|&q| q == p);
        (has(Polarity::Cathode) && (has(Polarity::Anode) || out.case_anode)).then_some(out)
    }

    /// Effective load of a configuration, Ω: the voltage the current sources need per mA.
    /// Each contact has its own current source, so each side needs the highest share·Z of
    /// its contacts. A contact's reading is measured to the case and so includes the body's
    /// bulk path to the case ([`BULK_SHARE`] of it); between two epidural contacts the current
    /// crosses only [`BETWEEN_CONTACTS_OHM`] of tissue instead, so a bipole or tripole reads
    /// several hundred ohms to about 1 kΩ, as measured in patients.
    pub fn load_ohm(&self, electrodes: &Electrodes) -> f64 {
        let own = |z: f64| (1.0 - BULK_SHARE) * z;
        let case = electrodes.case_fraction();
        let mut cathode = 0.0_f64;
        let mut bulk = 0.0_f64;
        let mut anode = case * CASE_OHM;
        let mut contact_anodes = false;
        for c in electrodes.active() {
            let z = self.ohm(c.lead, c.contact);
            match c.polarity {
                Polarity::Anode => contact_anodes = true,
                Polarity::Cathode => bulk = bulk.max(c.fraction * BULK_SHARE * z),
                Polarity::Off => {}
            }
            let v = c.fraction * own(z);
            match c.polarity {
                Polarity::Cathode => cathode = cathode.max(v),
                Polarity::Anode => anode = anode.max(v),
                Polarity::Off => {}
            }
        }
        let between = if contact_anodes {
            (1.0 - case) * BETWEEN_CONTACTS_OHM
        } else {
            0.0
        };
        cathode + anode.max(case * CASE_OHM + case * bulk) + between
    }
}
