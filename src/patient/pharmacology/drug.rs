//! The drugs an intrathecal pump delivers and what the body does with them: CSF kinetics,
//! spread from the catheter tip, potency, timing of effects and side effects, withdrawal.
//! Numbers come from `REFERENCES-IDDS.md` (the shared notes) where it gives them; every
//! other constant is marked *not confirmed* and chosen to give the published timing.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Body weight the per-kilogram morphine figures are scaled by when a patient file gives
/// none, kg.
pub const DEFAULT_WEIGHT_KG: f64 = 70.0;

/// Drugs given intrathecally (REFERENCES-IDDS §4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Drug {
    /// Morphine, the hydrophilic reference opioid.
    Morphine,
    /// Hydromorphone, about five times morphine's intrathecal potency.
    Hydromorphone,
    /// Fentanyl, lipophilic: fast, short and close to the tip.
    Fentanyl,
    /// Ziconotide, an N-type calcium channel blocker titrated slowly.
    Ziconotide,
    /// Baclofen, for spasticity; abrupt withdrawal is dangerous.
    Baclofen,
    /// Bupivacaine, a local anaesthetic added for neuropathic pain.
    Bupivacaine,
    /// Clonidine, an α2 agonist; withdrawal gives rebound hypertension.
    Clonidine,
}

/// Families of drugs sharing their side effects and withdrawal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// µ-opioids: sedation, respiratory depression, opioid withdrawal.
    Opioid,
    /// Ziconotide: dizziness, confusion, psychiatric effects; no withdrawal.
    Ziconotide,
    /// Baclofen: drowsiness and hypotonia in overdose; dangerous withdrawal.
    Baclofen,
    /// Local anaesthetic: numbness and weakness; no withdrawal.
    LocalAnaesthetic,
    /// α2 agonist: hypotension and bradycardia; rebound on withdrawal.
    Alpha2,
}

/// How one drug behaves in the CSF and what it does (a toy, with sources named).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Kinetics {
    /// CSF volume of distribution, mL per kg of body weight (`per_kg`) or absolute.
    pub csf_volume_ml: f64,
    /// CSF clearance, mL/min (absolute or per kg, as `per_kg` says).
    pub csf_clearance_ml_per_min: f64,
    /// Whether volume and clearance are per kilogram of body weight.
    pub per_kg: bool,
    /// Spread of a continuous infusion along the cord, segments for a fall to 1/e.
    pub infusion_spread_segments: f64,
    /// Spread of a bolus, segments for a fall to 1/e (boluses spread further).
    pub bolus_spread_segments: f64,
    /// Rate at which the effect site follows the CSF, per hour (onset).
    pub onset_per_h: f64,
    /// Rate at which drug rising in the CSF reaches the brainstem, per hour (0: it does
    /// not rise).
    pub rostral_per_h: f64,
    /// Concentration at the segment giving half the drug's maximal relief, ng/mL.
    pub ec50_ng_per_ml: f64,
    /// Steepness of the concentration–relief curve.
    pub hill: f64,
    /// Largest share of a region's pain the drug can take away.
    pub max_relief: f64,
    /// Brainstem concentration giving half-maximal sedation in a drug-naïve person, ng/mL.
    pub central_ec50_ng_per_ml: f64,
    /// Plasma clearance, L/min (drug leaving the CSF ends in the blood).
    pub plasma_clearance_l_per_min: f64,
    /// Plasma volume of distribution, L.
    pub plasma_volume_l: f64,
    /// Time constant of physical dependence, days (0: none).
    pub dependence_days: f64,
    /// Time constant over which withdrawal builds once delivery stops, h.
    pub withdrawal_h: f64,
    /// Lag of the central side effects behind the brainstem level, h (0: none).
    pub adverse_lag_h: f64,
}

impl Drug {
    /// Every drug, in a fixed order (the index of each).
    pub const ALL: [Drug; 7] = [
        Drug::Morphine,
        Drug::Hydromorphone,
        Drug::Fentanyl,
        Drug::Ziconotide,
        Drug::Baclofen,
        Drug::Bupivacaine,
        Drug::Clonidine,
    ];

    /// Position in [`Drug::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The stable name, as files and the command line write it.
    pub fn name(self) -> &'static str {
        match self {
            Drug::Morphine => "morphine",
            Drug::Hydromorphone => "hydromorphone",
            Drug::Fentanyl => "fentanyl",
            Drug::Ziconotide => "ziconotide",
            Drug::Baclofen => "baclofen",
            Drug::Bupivacaine => "bupivacaine",
            Drug::Clonidine => "clonidine",
        }
    }

    /// Parses a drug's name (any case).
    pub fn parse(text: &str) -> Result<Drug, UnknownDrug> {
        let lower = text.trim().to_ascii_lowercase();
        Drug::ALL
            .into_iter()
            .find(|d| d.name() == lower)
            .ok_or_else(|| UnknownDrug(text.to_string()))
    }

    /// The family whose side effects and withdrawal it shares.
    pub fn family(self) -> Family {
        match self {
            Drug::Morphine | Drug::Hydromorphone | Drug::Fentanyl => Family::Opioid,
            Drug::Ziconotide => Family::Ziconotide,
            Drug::Baclofen => Family::Baclofen,
            Drug::Bupivacaine => Family::LocalAnaesthetic,
            Drug::Clonidine => Family::Alpha2,
        }
    }

    /// Doses of this drug are written in micrograms on the programmer (ziconotide,
    /// baclofen, clonidine) rather than milligrams.
    pub fn in_micrograms(self) -> bool {
        matches!(self, Drug::Ziconotide | Drug::Baclofen | Drug::Clonidine)
    }

    /// Whether stopping it abruptly gives withdrawal (REFERENCES-IDDS §4: ziconotide and
    /// bupivacaine none; baclofen, clonidine and opioids yes).
    pub fn withdraws(self) -> bool {
        self.kinetics().dependence_days > 0.0
    }

    /// The drug's kinetics and potency (each drug's constant says where its numbers come
    /// from).
    pub fn kinetics(self) -> Kinetics {
        match self {
            Drug::Morphine => MORPHINE,
            Drug::Hydromorphone => HYDROMORPHONE,
            Drug::Fentanyl => FENTANYL,
            Drug::Ziconotide => ZICONOTIDE,
            Drug::Baclofen => BACLOFEN,
            Drug::Bupivacaine => BUPIVACAINE,
            Drug::Clonidine => CLONIDINE,
        }
    }

    /// CSF volume of distribution for this body weight, mL.
    pub fn csf_volume_ml(self, weight_kg: f64) -> f64 {
        let k = self.kinetics();
        if k.per_kg {
            k.csf_volume_ml * weight_kg
        } else {
            k.csf_volume_ml
        }
    }

    /// CSF clearance for this body weight, mL/min.
    pub fn csf_clearance_ml_per_min(self, weight_kg: f64) -> f64 {
        let k = self.kinetics();
        if k.per_kg {
            k.csf_clearance_ml_per_min * weight_kg
        } else {
            k.csf_clearance_ml_per_min
        }
    }

    /// CSF elimination half-life, h: ln 2 × volume ÷ clearance.
    pub fn csf_half_life_h(self, weight_kg: f64) -> f64 {
        std::f64::consts::LN_2 * self.csf_volume_ml(weight_kg)
            / self.csf_clearance_ml_per_min(weight_kg)
            / 60.0
    }

    /// Steady-state CSF concentration of a continuous infusion of `mg_per_day`, ng/mL:
    /// dose rate ÷ clearance.
    pub fn steady_csf_ng_per_ml(self, mg_per_day: f64, weight_kg: f64) -> f64 {
        mg_per_day * 1e6 / 1440.0 / self.csf_clearance_ml_per_min(weight_kg)
    }
}

/// Morphine (Nordberg 1984, Anesthesiology): CSF volume 0.88–1.06 mL/kg and clearance
/// 2.8–3.4 µL/kg/min, of which 0.97 mL/kg and 3.1 µL/kg/min (the middles) are taken; onset
/// 60–120 min (`onset_per_h` 1.3: 63 % in 45 min); respiratory depression peaks 8–10 h
/// after a bolus (REFERENCES-IDDS §4): rostral spread reaching the brainstem at 0.058/h
/// makes it peak 9 h later against the CSF's own elimination: later than the deepest fall
/// of the CO₂ response (3.5–7.5 h after 0.6 mg, Bailey 1993), as the resting rate is the
/// later sign. The central half-effect concentration (1,500 ng/mL, approximate) is chosen
/// so that 0.6 mg in an opioid-naïve adult slows breathing by about 3 breaths/min with
/// sedation, and 1 mg to below 10/min (REFERENCES §7's teaching shape).
const MORPHINE: Kinetics = Kinetics {
    csf_volume_ml: 0.97,
    csf_clearance_ml_per_min: 0.0031,
    per_kg: true,
    infusion_spread_segments: 2.0,
    bolus_spread_segments: 5.0,
    onset_per_h: 1.3,
    rostral_per_h: 0.058,
    ec50_ng_per_ml: 9_000.0,
    hill: 1.5,
    max_relief: 0.8,
    central_ec50_ng_per_ml: 1_500.0,
    plasma_clearance_l_per_min: 1.2,
    plasma_volume_l: 230.0,
    dependence_days: 7.0,
    withdrawal_h: 12.0,
    adverse_lag_h: 0.0,
};

/// Hydromorphone: about 5× morphine's potency; its CSF kinetics are not confirmed and
/// taken as morphine's.
const HYDROMORPHONE: Kinetics = Kinetics {
    ec50_ng_per_ml: MORPHINE.ec50_ng_per_ml / 5.0,
    central_ec50_ng_per_ml: MORPHINE.central_ec50_ng_per_ml / 5.0,
    ..MORPHINE
};

/// Fentanyl: lipophilic, onset < 10 min, lasts 1–4 h, respiratory depression 5–20 min
/// after a bolus, a narrow band; clearance and volume not confirmed (chosen for a CSF
/// half-life near 1 h); its central half-effect concentration keeps its old ratio to
/// morphine's (REFERENCES §7: no agreed intrathecal ratio).
const FENTANYL: Kinetics = Kinetics {
    csf_volume_ml: 60.0,
    csf_clearance_ml_per_min: 0.7,
    per_kg: false,
    infusion_spread_segments: 0.8,
    bolus_spread_segments: 1.5,
    onset_per_h: 20.0,
    rostral_per_h: 20.0,
    ec50_ng_per_ml: 400.0,
    hill: 1.5,
    max_relief: 0.8,
    central_ec50_ng_per_ml: 225.0,
    plasma_clearance_l_per_min: 0.9,
    plasma_volume_l: 280.0,
    dependence_days: 7.0,
    withdrawal_h: 8.0,
    adverse_lag_h: 0.0,
};

/// Ziconotide: CSF clearance 0.38 mL/min, volume 155 mL (Prialt label), so a CSF
/// half-life of 4.7 h; relief often only from 8–10 µg/day. Its side effects lag the level
/// by days (the label's warning; confusion first seen a median 31 days into slow
/// titration, Webster 2001): a 3-day lag, approximate.
const ZICONOTIDE: Kinetics = Kinetics {
    csf_volume_ml: 155.0,
    csf_clearance_ml_per_min: 0.38,
    per_kg: false,
    infusion_spread_segments: 6.0,
    bolus_spread_segments: 8.0,
    onset_per_h: 0.1,
    rostral_per_h: 0.2,
    ec50_ng_per_ml: 16.0,
    hill: 3.0,
    max_relief: 0.75,
    central_ec50_ng_per_ml: 30.0,
    plasma_clearance_l_per_min: 0.2,
    plasma_volume_l: 30.0,
    dependence_days: 0.0,
    withdrawal_h: 0.0,
    adverse_lag_h: 72.0,
};

/// Baclofen: CSF half-life 0.9–5 h, clearance 13–80 mL/h (Heetla 2016): 30 mL/h and
/// 1.5 h taken, giving 65 mL; infusion onset 6–8 h, peak 24–48 h.
const BACLOFEN: Kinetics = Kinetics {
    csf_volume_ml: 65.0,
    csf_clearance_ml_per_min: 0.5,
    per_kg: false,
    infusion_spread_segments: 3.0,
    bolus_spread_segments: 5.0,
    onset_per_h: 0.1,
    rostral_per_h: 0.15,
    ec50_ng_per_ml: 150.0,
    hill: 1.5,
    max_relief: 0.85,
    central_ec50_ng_per_ml: 2500.0,
    plasma_clearance_l_per_min: 0.12,
    plasma_volume_l: 50.0,
    dependence_days: 5.0,
    withdrawal_h: 35.0,
    adverse_lag_h: 0.0,
};

/// Bupivacaine: kinetics not confirmed (a half-life near 1–2 h chosen).
const BUPIVACAINE: Kinetics = Kinetics {
    csf_volume_ml: 60.0,
    csf_clearance_ml_per_min: 0.5,
    per_kg: false,
    infusion_spread_segments: 1.5,
    bolus_spread_segments: 3.0,
    onset_per_h: 3.0,
    rostral_per_h: 0.0,
    ec50_ng_per_ml: 15_000.0,
    hill: 2.0,
    max_relief: 0.6,
    central_ec50_ng_per_ml: 60_000.0,
    plasma_clearance_l_per_min: 0.5,
    plasma_volume_l: 70.0,
    dependence_days: 0.0,
    withdrawal_h: 0.0,
    adverse_lag_h: 0.0,
};

/// Clonidine: kinetics not confirmed (a half-life near 1–2 h chosen).
const CLONIDINE: Kinetics = Kinetics {
    csf_volume_ml: 60.0,
    csf_clearance_ml_per_min: 0.4,
    per_kg: false,
    infusion_spread_segments: 3.0,
    bolus_spread_segments: 5.0,
    onset_per_h: 1.0,
    rostral_per_h: 0.5,
    ec50_ng_per_ml: 150.0,
    hill: 1.5,
    max_relief: 0.4,
    central_ec50_ng_per_ml: 200.0,
    plasma_clearance_l_per_min: 0.2,
    plasma_volume_l: 150.0,
    dependence_days: 5.0,
    withdrawal_h: 12.0,
    adverse_lag_h: 0.0,
};

impl fmt::Display for Drug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A drug name that is none of [`Drug::ALL`], as given (the message lists the names).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown drug '{0}' (expected {names})", names = drug_names())]
pub struct UnknownDrug(pub String);

/// Every drug's name, comma-separated.
fn drug_names() -> String {
    Drug::ALL.map(Drug::name).join(", ")
}
