//! Limits on the numbers of a drug-pump exercise's goal (the other goals' are checked in
//! [`super::exercise`]): a NaN, an infinity or a value no pump could meet is refused when
//! the exercise file is read, by the programmer's own limits (concentration, reservoir,
//! rate).

use crate::implant::pump::device::{CAPACITIES_ML, MAX_RATE_ML_PER_DAY};
use crate::implant::pump::fill::MAX_CONCENTRATION_MG_PER_ML;
use crate::implant::pump::goal::PumpGoal;

/// What to say of a patient bolus goal's numbers (bolus share, lockout, a day's share,
/// boluses a day) when one is out of range.
const BOLUS_WORDS: [&str; 4] = [
    "bolus_percent must be above 0 and at most 100",
    "min_lockout_h must be above 0 and at most 24",
    "max_daily_percent must be above 0 and at most 100",
    "min_per_day must be 1–24",
];

/// What to say of a titration's least dose and relief, and of the worst withdrawal, when
/// one is out of range.
const OTHER_WORDS: [&str; 3] = [
    "min_dose_mg must be above 0 and at most 2400",
    "min_relief_percent must be above 0 and at most 100",
    "max_withdrawal must be above 0 and at most 1",
];

/// What to say of an MRI day goal's numbers (minutes to the check, the share of the daily
/// dose a missed dose must pass to be replaced) when one is out of range.
const MRI_WORDS: [&str; 2] = [
    "max_check_minutes must be above 0 and at most 1440",
    "replace_over_percent must be above 0 and at most 100",
];

impl PumpGoal {
    /// What is wrong with the goal's numbers, if anything: each must be a number above 0
    /// and at most what a pump can hold or deliver.
    pub fn problem(&self) -> Option<&'static str> {
        self.limits()
            .into_iter()
            .find(|&(v, most, _)| !v.is_finite() || v <= 0.0 || v > most)
            .map(|(_, _, problem)| problem)
    }

    /// Each number of the goal with the largest it may be and what to say when it is not
    /// above 0 or above that.
    fn limits(&self) -> Vec<(f64, f64, &'static str)> {
        const CONCENTRATION: &str = "concentration_mg_per_ml must be above 0 and at most 100";
        const VOLUME: &str = "min_volume_ml must be above 0 and at most 40";
        let largest_ml = CAPACITIES_ML[CAPACITIES_ML.len() - 1];
        let most_mg_a_day = MAX_CONCENTRATION_MG_PER_ML * MAX_RATE_ML_PER_DAY;
        match *self {
            PumpGoal::Refill {
                concentration_mg_per_ml,
                min_volume_ml,
                ..
            } => vec![
                (
                    concentration_mg_per_ml,
                    MAX_CONCENTRATION_MG_PER_ML,
                    CONCENTRATION,
                ),
                (min_volume_ml, largest_ml, VOLUME),
            ],
            PumpGoal::RefillAsPrescribed { min_volume_ml } => {
                vec![(min_volume_ml, largest_ml, VOLUME)]
            }
            PumpGoal::ConcentrationChange { max_error_percent } => vec![(
                max_error_percent,
                100.0,
                "max_error_percent must be above 0 and at most 100",
            )],
            PumpGoal::Titration {
                min_dose_mg,
                min_relief_percent,
                max_above_needed_mg,
            } => {
                let mut v = vec![
                    (min_dose_mg, most_mg_a_day, OTHER_WORDS[0]),
                    (min_relief_percent, 100.0, OTHER_WORDS[1]),
                ];
                if let Some(above) = max_above_needed_mg {
                    v.push((
                        above,
                        most_mg_a_day,
                        "max_above_needed_mg must be above 0 and at most 2400",
                    ));
                }
                v
            }
            PumpGoal::PatientBolus {
                bolus_percent,
                min_lockout_h,
                max_daily_percent,
                min_per_day,
            } => vec![
                (bolus_percent, 100.0, BOLUS_WORDS[0]),
                (min_lockout_h, 24.0, BOLUS_WORDS[1]),
                (max_daily_percent, 100.0, BOLUS_WORDS[2]),
                (f64::from(min_per_day), 24.0, BOLUS_WORDS[3]),
            ],
            PumpGoal::MriDay {
                max_check_minutes,
                replace_over_percent,
            } => vec![
                (max_check_minutes, 24.0 * 60.0, MRI_WORDS[0]),
                (replace_over_percent, 100.0, MRI_WORDS[1]),
            ],
            PumpGoal::Withdrawal {
                min_volume_ml,
                max_withdrawal,
            } => vec![
                (min_volume_ml, largest_ml, VOLUME),
                (max_withdrawal, 1.0, OTHER_WORDS[2]),
            ],
        }
    }
}
