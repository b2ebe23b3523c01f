//! What the drugs on board do: relief by body region (the segments near the catheter tip
//! first), side effects with their timing (through the effect site and the brainstem),
//! vital signs, and the signs of withdrawal.

use super::compartments::Pharmacology;
use super::drug::{Drug, Family};
use super::tolerance;
use crate::patient::anatomy::REGIONS;
use crate::patient::{Pain, Patient};
use std::fmt;

/// Breaths a minute at rest without opioids.
pub const RESTING_RESPIRATORY_RATE: f64 = 14.0;
/// Heart rate at rest, beats a minute.
pub const RESTING_HEART_RATE: f64 = 72.0;
/// Systolic blood pressure at rest, mmHg.
pub const RESTING_SYSTOLIC: f64 = 125.0;
/// Body temperature, °C.
pub const RESTING_TEMPERATURE: f64 = 36.8;
/// Respiratory rate below which breathing is depressed, breaths a minute.
pub const DEPRESSED_BREATHING: f64 = 10.0;

/// Vital signs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Vitals {
    /// Breaths a minute.
    pub respiratory_rate_per_min: f64,
    /// Beats a minute.
    pub heart_rate_bpm: f64,
    /// Systolic blood pressure, mmHg.
    pub systolic_mmhg: f64,
    /// Body temperature, °C.
    pub temperature_c: f64,
}

/// A sign a nurse or the patient notices; each safety event has its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sign {
    /// Drowsy (opioids, baclofen overdose).
    Sedation,
    /// Slow, shallow breathing (opioid or baclofen overdose).
    RespiratoryDepression,
    /// Itching from an opioid.
    OpioidItch,
    /// Nausea.
    Nausea,
    /// Dizziness (ziconotide).
    Dizziness,
    /// Confusion (ziconotide).
    Confusion,
    /// Hallucinations, paranoia (ziconotide's psychiatric effects).
    PsychiatricEffects,
    /// Floppy muscles (baclofen overdose).
    Hypotonia,
    /// Numbness near the tip's segments (bupivacaine).
    Numbness,
    /// Leg weakness (bupivacaine).
    LegWeakness,
    /// Low blood pressure (clonidine).
    Hypotension,
    /// Slow heart (clonidine).
    Bradycardia,
    /// Yawning, sweating, runny nose, cramps (opioid withdrawal).
    OpioidWithdrawal,
    /// Itching, the first sign of baclofen withdrawal.
    WithdrawalItch,
    /// Spasticity back, worse than before (baclofen withdrawal).
    ReturningSpasticity,
    /// Fast heart (baclofen or clonidine withdrawal).
    Tachycardia,
    /// Seizures (baclofen withdrawal).
    Seizures,
    /// Hallucinations (baclofen withdrawal).
    Hallucinations,
    /// High fever (baclofen withdrawal).
    HighFever,
    /// Rigidity (baclofen withdrawal).
    Rigidity,
    /// Muscle breakdown (baclofen withdrawal).
    Rhabdomyolysis,
    /// Rebound high blood pressure (clonidine withdrawal).
    ReboundHypertension,
}

impl Sign {
    /// The sign in plain words.
    pub fn words(self) -> &'static str {
        match self {
            Sign::Sedation => "drowsy (sedation)",
            Sign::RespiratoryDepression => "slow, shallow breathing (respiratory depression)",
            Sign::OpioidItch => "itching",
            Sign::Nausea => "nausea",
            Sign::Dizziness => "dizziness",
            Sign::Confusion => "confusion",
            Sign::PsychiatricEffects => "hallucinations or paranoia (psychiatric effects)",
            Sign::Hypotonia => "floppy, weak muscles (hypotonia)",
            Sign::Numbness => "numbness",
            Sign::LegWeakness => "leg weakness",
            Sign::Hypotension => "low blood pressure",
            Sign::Bradycardia => "slow heart rate",
            Sign::OpioidWithdrawal => "yawning, sweating, runny nose, cramps (opioid withdrawal)",
            Sign::WithdrawalItch => "itching without a rash (baclofen withdrawal)",
            Sign::ReturningSpasticity => "spasticity coming back (baclofen withdrawal)",
            Sign::Tachycardia => "fast heart rate",
            Sign::Seizures => "seizures",
            Sign::Hallucinations => "hallucinations",
            Sign::HighFever => "high fever",
            Sign::Rigidity => "rigidity",
            Sign::Rhabdomyolysis => "muscle breakdown (rhabdomyolysis)",
            Sign::ReboundHypertension => "rebound high blood pressure",
        }
    }
}

impl fmt::Display for Sign {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.words())
    }
}

/// Effects of every drug on board at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Effects {
    /// Pain (or, for spasticity, symptom severity) by region and overall.
    pub pain: Pain,
    /// Central depression 0..1 (opioids, baclofen): drowsiness and slow breathing.
    pub sedation: f64,
    /// Vital signs.
    pub vitals: Vitals,
    /// Signs present, most serious last.
    pub signs: Vec<Sign>,
    /// Withdrawal, 0..1, worst of any drug.
    pub withdrawal: f64,
}

impl Effects {
    /// Whether `sign` is present.
    pub fn has(&self, sign: Sign) -> bool {
        self.signs.contains(&sign)
    }

    /// The signs in words.
    pub fn words(&self) -> Vec<String> {
        self.signs.iter().map(|s| s.words().to_string()).collect()
    }
}

/// Share of the maximal effect at `x` multiples of the half-effect concentration.
fn occupancy(x: f64, hill: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let p = x.powf(hill);
    p / (1.0 + p)
}

/// Relief (0..1) of each region from every drug on board, at the region's segment
/// nearest the catheter tip.
fn relief(ph: &Pharmacology) -> [f64; REGIONS.len()] {
    std::array::from_fn(|r| ph.relief_at(ph.region_segment(r)))
}

impl Pharmacology {
    /// Relief (0..1) every drug on board gives at cord `segment` (dermatome index units):
    /// each drug's occupancy there (less with tolerance), combined. What the window draws
    /// along the cord, and what each region's relief is made of.
    pub fn relief_at(&self, segment: f64) -> f64 {
        let mut left = 1.0;
        for d in Drug::ALL {
            let s = self.drug(d);
            if s.effect_infused <= 0.0 && s.effect_bolus <= 0.0 {
                continue;
            }
            let k = d.kinetics();
            let ec50 =
                k.ec50_ng_per_ml * (1.0 + self.analgesic_tolerance(d)) / self.relief_sensitivity;
            left *= 1.0 - k.max_relief * occupancy(self.at_segment(d, segment) / ec50, k.hill);
        }
        1.0 - left
    }
}

impl Pharmacology {
    /// How much less a drug relieves for the tolerance built, as a rise of its
    /// half-effect concentration (× 1 + this): an opioid's long tolerance, its own plus
    /// the other opioids' in part; any other drug's dependence, a little.
    pub fn analgesic_tolerance(&self, d: Drug) -> f64 {
        match d.family() {
            Family::Opioid => tolerance::shared(&self.drugs, d, |s| s.tolerance),
            _ => 0.1 * self.drug(d).dependence,
        }
    }
}

/// Central occupancy of one drug (brainstem plus what the blood brings); an opioid's
/// central tolerance is shared by the family.
fn central(ph: &Pharmacology, d: Drug) -> f64 {
    let s = ph.drug(d);
    let k = d.kinetics();
    let tolerance = 1.0 + 3.0 * tolerance::shared(&ph.drugs, d, |s| s.dependence);
    let systemic = match d.family() {
        Family::Opioid | Family::Baclofen => ph.systemic_equivalent(d),
        _ => 0.0,
    };
    occupancy(
        (s.brainstem + systemic) * ph.central_sensitivity / (k.central_ec50_ng_per_ml * tolerance),
        1.5,
    )
}

impl Pharmacology {
    /// Effects, side effects and vital signs now, for `patient`.
    pub fn effects(&self, patient: &Patient) -> Effects {
        evaluate(self, patient)
    }
}

/// Effects of everything on board in `patient`.
fn evaluate(ph: &Pharmacology, patient: &Patient) -> Effects {
    let relief = relief(ph);
    let worst = |f: Family, what: &dyn Fn(Drug) -> f64| {
        Drug::ALL
            .into_iter()
            .filter(|d| d.family() == f)
            .map(what)
            .fold(0.0, f64::max)
    };
    let w_opioid = ph.opioid_withdrawal;
    let w_baclofen = ph.drug(Drug::Baclofen).withdrawal;
    let w_clonidine = ph.drug(Drug::Clonidine).withdrawal;
    let pain = pain(patient, &relief, 0.3 * w_baclofen + 0.2 * w_opioid);
    let opioid = worst(Family::Opioid, &|d| central(ph, d));
    let sedation = 1.0 - (1.0 - opioid) * (1.0 - central(ph, Drug::Baclofen));
    let clonidine = central(ph, Drug::Clonidine);
    let zico = ph.drug(Drug::Ziconotide).adverse * ph.central_sensitivity
        / Drug::Ziconotide.kinetics().central_ec50_ng_per_ml;
    let vitals = Vitals {
        respiratory_rate_per_min: (RESTING_RESPIRATORY_RATE - 12.0 * sedation * sedation).max(2.0),
        heart_rate_bpm: RESTING_HEART_RATE - 20.0 * clonidine
            + 25.0 * w_opioid
            + 80.0 * w_baclofen
            + 40.0 * w_clonidine,
        systolic_mmhg: RESTING_SYSTOLIC - 30.0 * clonidine + 60.0 * w_clonidine,
        temperature_c: RESTING_TEMPERATURE + 3.2 * ((w_baclofen - 0.5) / 0.5).clamp(0.0, 1.0),
    };
    let mut signs = Vec::new();
    let mut add = |on: bool, s: Sign| {
        if on {
            signs.push(s);
        }
    };
    add(sedation > 0.35, Sign::Sedation);
    add(
        vitals.respiratory_rate_per_min < DEPRESSED_BREATHING,
        Sign::RespiratoryDepression,
    );
    add(opioid > 0.25, Sign::OpioidItch);
    add(opioid > 0.3 || zico > 0.6, Sign::Nausea);
    add(zico > 0.6, Sign::Dizziness);
    add(zico > 1.0, Sign::Confusion);
    add(zico > 1.5, Sign::PsychiatricEffects);
    add(central(ph, Drug::Baclofen) > 0.3, Sign::Hypotonia);
    local_signs(ph, &mut add);
    add(vitals.systolic_mmhg < 100.0, Sign::Hypotension);
    add(vitals.heart_rate_bpm < 55.0, Sign::Bradycardia);
    add(w_opioid > 0.15, Sign::OpioidWithdrawal);
    add(w_baclofen > 0.1, Sign::WithdrawalItch);
    add(w_baclofen > 0.1, Sign::ReturningSpasticity);
    add(vitals.heart_rate_bpm > 100.0, Sign::Tachycardia);
    add(w_clonidine > 0.2, Sign::ReboundHypertension);
    add(w_baclofen > 0.45, Sign::Seizures);
    add(w_baclofen > 0.45, Sign::Hallucinations);
    add(vitals.temperature_c > 38.5, Sign::HighFever);
    add(w_baclofen > 0.65, Sign::Rigidity);
    add(w_baclofen > 0.65, Sign::Rhabdomyolysis);
    Effects {
        pain,
        sedation,
        vitals,
        signs,
        withdrawal: w_opioid.max(w_baclofen).max(w_clonidine),
    }
}

/// Bupivacaine's local signs, by its concentration at the tip's segment.
fn local_signs(ph: &Pharmacology, add: &mut impl FnMut(bool, Sign)) {
    let d = Drug::Bupivacaine;
    let x = ph.at_segment(d, ph.tip_segment) / d.kinetics().ec50_ng_per_ml;
    add(x > 1.5, Sign::Numbness);
    // Lumbar segments (L1 and below) carry the legs' motor roots.
    add(x > 3.0 && ph.tip_segment >= 19.0, Sign::LegWeakness);
}

/// Pain by region after `relief`, with withdrawal's rebound (`rebound` of the untreated
/// pain added back).
fn pain(patient: &Patient, relief: &[f64; REGIONS.len()], rebound: f64) -> Pain {
    let mut regions = [0.0; REGIONS.len()];
    for (r, out) in regions.iter_mut().enumerate() {
        let base = patient.pain[r];
        *out = (base * (1.0 - patient.responder * relief[r]) + base * rebound).min(10.0);
    }
    Pain::of(patient, regions, 0.0)
}
