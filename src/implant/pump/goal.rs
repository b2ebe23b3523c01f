//! What a drug-pump exercise asks for (judged in [`super::judge`]).

use crate::patient::pharmacology::Drug;
use serde::{Deserialize, Serialize};

/// What a pump exercise asks for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PumpGoal {
    /// A refill done right: the prescribed drug and concentration in the reservoir (at
    /// least `min_volume_ml`), the pump's record matching it, no drug in the pocket or the
    /// access port, and a discrepancy (if the aspirate showed one) flagged.
    Refill {
        /// The drug.
        drug: Drug,
        /// Its concentration, mg/mL.
        concentration_mg_per_ml: f64,
        /// Least volume in the reservoir at the end, mL.
        min_volume_ml: f64,
    },
    /// A refill as the attempt's own prescription says: the drug and concentration the
    /// pump is programmed for in the reservoir (at least `min_volume_ml`), the record
    /// matching it, no drug in the pocket or the access port, and a discrepancy flagged
    /// when, and only when, the aspirate showed one over the pump's limit.
    RefillAsPrescribed {
        /// Least volume in the reservoir at the end, mL.
        min_volume_ml: f64,
    },
    /// A change of concentration at the same daily dose, to the one the new order on file
    /// names (the attempt's): the new drug in the reservoir and at the catheter tip, the
    /// programmer told it at the prescribed daily dose, and the dose reaching the tip never
    /// more than `max_error_percent` off the prescription while the old drug cleared the
    /// line.
    ConcentrationChange {
        /// Largest error of the dose at the tip over any 6 h, %.
        max_error_percent: f64,
    },
    /// Ziconotide titrated to a dose in range with relief, no dose rule broken (a refusal
    /// counts), no confusion or psychiatric effects, and (when asked) not far above the
    /// least dose that relieves this patient.
    Titration {
        /// Least daily dose at the end, mg/day.
        min_dose_mg: f64,
        /// Least relief at the end, %.
        min_relief_percent: f64,
        /// When set, the dose at the end may lie at most this far above the least dose that
        /// gives `min_relief_percent` in this patient once settled, mg/day: no more of a
        /// drug with a narrow window than the patient needs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_above_needed_mg: Option<f64>,
    },
    /// The patient's bolus (myPTM-style) set within the prescription's rules, which are
    /// shares of the daily dose the pump gives: each bolus `bolus_percent` of it (within
    /// a tenth either way), a lockout of at least `min_lockout_h`, and all a day's boluses
    /// together at most `max_daily_percent` of it, with at least `min_per_day` allowed.
    PatientBolus {
        /// Each bolus as a share of the daily dose, %.
        bolus_percent: f64,
        /// Least lockout between boluses, h.
        min_lockout_h: f64,
        /// Most a day's boluses may add, as a share of the daily dose, %.
        max_daily_percent: f64,
        /// Least boluses a day the patient is allowed.
        min_per_day: u32,
    },
    /// An MRI day with a pump: interrogated within `max_check_minutes` after the scan
    /// (which restarts a rotor still stopped), delivering at the end at the dose it had,
    /// and the dose missed while it stood still handled by the prescription's rule: more
    /// than `replace_over_percent` of the daily dose missed is given back as one clinician
    /// bolus of the missed amount (within a tenth); less is left alone.
    MriDay {
        /// Longest wait after the scan before the pump is interrogated, minutes.
        max_check_minutes: f64,
        /// A missed dose above this share of the daily dose is replaced, %.
        replace_over_percent: f64,
    },
    /// Withdrawal caught in time: delivery restored as the prescription on file says
    /// (whatever stopped it: an empty reservoir, a stopped pump, a slip in the programmed
    /// dose or concentration) — the prescribed drug in the reservoir, at least
    /// `min_volume_ml` of it, programmed at the prescribed concentration and daily dose,
    /// delivering — and withdrawal never past `max_withdrawal`.
    Withdrawal {
        /// Least volume in the reservoir at the end, mL.
        min_volume_ml: f64,
        /// Worst withdrawal allowed (0..1; seizures from 0.45).
        max_withdrawal: f64,
    },
}
