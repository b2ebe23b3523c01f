//! Why the pump, its programmer or its remote refused: device wording for the clinician,
//! plain words for the patient (the remote's refusals name when the next dose is possible).

use super::clock::clock_words;
use crate::patient::pharmacology::Drug;
use serde::{Deserialize, Serialize};

/// Why a pump command was refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum PumpRefusal {
    /// A value outside what the pump or the drug allows; `field` names it.
    #[error("{message}")]
    Value {
        /// The setting (`daily_dose_mg`, `concentration_mg_per_ml`, `volume_ml`, …).
        field: String,
        /// The device's words.
        message: String,
    },
    /// The computed rate is below the pump's floor.
    #[error(
        "Rate {rate_ml_per_day:.4} mL/day is below the pump's minimum of 0.048 mL/day: lower the concentration or raise the dose"
    )]
    BelowMinimumRate {
        /// The rate the dose needs, mL/day.
        rate_ml_per_day: f64,
    },
    /// The computed rate is above the pump's ceiling.
    #[error(
        "Rate {rate_ml_per_day:.2} mL/day is above the pump's maximum of {max:.1} mL/day: raise the concentration"
    )]
    AboveMaximumRate {
        /// The rate the dose needs, mL/day.
        rate_ml_per_day: f64,
        /// The ceiling, mL/day.
        max: f64,
    },
    /// A ziconotide dose rule (start ≤ 2.4 µg/day, steps ≤ 2.4 µg/day at most 3 a week,
    /// at most 19.2 µg/day).
    #[error("{0}")]
    Ziconotide(String),
    /// The patient pressed the bolus button during the lockout.
    #[error("Next dose available at {} (in {})", clock_words(*next_at_s), wait_words(*wait_s))]
    Lockout {
        /// When the next bolus is possible, session seconds.
        next_at_s: f64,
        /// Seconds to wait.
        wait_s: f64,
    },
    /// The patient has had the day's maximum of boluses.
    #[error("Daily limit reached: next dose available at {} (in {})", clock_words(*next_at_s), wait_words(*wait_s))]
    DailyLimit {
        /// When the next bolus is possible, session seconds.
        next_at_s: f64,
        /// Seconds to wait.
        wait_s: f64,
    },
    /// No patient bolus is programmed.
    #[error("No extra doses are set up on your pump: ask your clinic")]
    NoBolus,
    /// The drug allows no patient bolus.
    #[error("Your pump cannot give extra doses of {0}")]
    NoBolusForDrug(Drug),
    /// An opioid bolus for an opioid-naïve patient.
    #[error("Opioid boluses are contraindicated in an opioid-naïve patient (REFERENCES-IDDS §2)")]
    OpioidNaive,
    /// The pump is not delivering (stopped, stalled, in the magnet, empty, end of service).
    #[error("Your pump is not giving medicine now ({0}): call your clinic")]
    NotDelivering(String),
    /// A refill or a change that needs the pump's record first.
    #[error("Interrogate the pump first: the expected residual comes from its record")]
    InterrogateFirst,
    /// A refill step with no refill begun, or a second refill begun.
    #[error("{0}")]
    RefillStep(String),
    /// The catheter access port's screen stops the refill kit's needle.
    #[error(
        "The needle stops at the screen: this is the catheter access port, not the reservoir; it leads straight to the spinal fluid"
    )]
    CapScreen,
    /// More than the reservoir holds.
    #[error("The reservoir holds {capacity_ml:.0} mL: {asked_ml:.1} mL will not fit")]
    Overfill {
        /// The reservoir's capacity, mL.
        capacity_ml: f64,
        /// What was asked, mL.
        asked_ml: f64,
    },
    /// A bridge bolus with the same drug all along the catheter.
    #[error("Nothing to bridge: the catheter already holds the programmed drug and concentration")]
    NothingToBridge,
}

/// A wait in hours and minutes.
pub fn wait_words(wait_s: f64) -> String {
    let min = (wait_s / 60.0).ceil().max(0.0) as u64;
    match (min / 60, min % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

impl PumpRefusal {
    /// A value the programmer refuses, naming its field.
    pub(super) fn value(field: &str, message: String) -> PumpRefusal {
        PumpRefusal::Value {
            field: field.into(),
            message,
        }
    }
}
