//! The expert's way through a drug-pump exercise in words, read from the attempt where
//! the exercise varies (its prescription, its residual, its scan), so the debrief advises
//! this attempt's numbers; otherwise the words the exercise file declares.

use crate::implant::pump::goal::PumpGoal;
use crate::implant::pump::units::trim;
use crate::implant::pump::{PumpImplant, clock_words};
use crate::session::Session;

/// Where a check after a scan happens, s after it ends (the walk back from the scanner).
const CHECK_AFTER_S: f64 = 120.0;

/// The expert's words for `goal` on the attempt started in `start`, when they depend on
/// it (`None`: the file's words serve every attempt).
pub(super) fn pump_words(goal: &PumpGoal, start: &Session) -> Option<Vec<String>> {
    let pump = &start.implant().downcast_ref::<PumpImplant>()?.pump;
    let rx = pump.programmed;
    match goal {
        PumpGoal::RefillAsPrescribed { .. } => {
            let back = pump.reservoir_ml;
            let diff = back - pump.record_ml;
            let limit = pump.discrepancy_limit_ml();
            Some(vec![
                format!(
                    "Interrogate: the pump is programmed for {} {} mg/mL; the record expects {} mL.",
                    rx.drug,
                    trim(rx.concentration_mg_per_ml),
                    trim(pump.record_ml)
                ),
                "Begin the refill and put the needle into the reservoir; if the syringe stays empty, the needle lies in the pocket: take it out and find the septum again.".into(),
                if diff.abs() > limit {
                    format!(
                        "Aspirate everything: {} mL comes back, {} mL from the {} expected, over the {} mL limit: flag the discrepancy.",
                        trim(back),
                        trim((diff.abs() * 10.0).round() / 10.0),
                        trim(pump.record_ml),
                        trim(limit)
                    )
                } else {
                    format!(
                        "Aspirate everything: {} mL comes back against {} expected, within the {} mL limit: nothing to flag.",
                        trim(back),
                        trim(pump.record_ml),
                        trim(limit)
                    )
                },
                format!(
                    "Fill {} mL of {} {} mg/mL, take the needle out, update the pump to {} mL.",
                    trim(pump.capacity_ml),
                    rx.drug,
                    trim(rx.concentration_mg_per_ml),
                    trim(pump.capacity_ml)
                ),
            ])
        }
        PumpGoal::MriDay {
            replace_over_percent,
            ..
        } => {
            let (from, until) = pump.mri.scan?;
            let dose = pump.daily_dose_mg;
            let missed = dose * (until + CHECK_AFTER_S - from) / 86_400.0;
            let over = missed > dose * replace_over_percent / 100.0;
            Some(vec![
                format!(
                    "The scan is booked from {} to {}; the pump gives {} mg/day and needs no MRI mode: nothing to do before it.",
                    clock_words(from),
                    clock_words(until),
                    trim(dose)
                ),
                format!(
                    "At {}, just after the scan, interrogate: the rotor has not restarted (it would be hours late); the interrogation restarts it and reads {:.0} min stopped, {} mg missed.",
                    clock_words(until + CHECK_AFTER_S),
                    (until + CHECK_AFTER_S - from) / 60.0,
                    trim((missed * 1000.0).round() / 1000.0)
                ),
                if over {
                    format!(
                        "That is {:.1} % of the daily dose, over the order's {replace_over_percent:.0} %: give one clinician bolus of {} mg; keep the daily dose as it is.",
                        missed / dose * 100.0,
                        trim((missed * 1000.0).round() / 1000.0)
                    )
                } else {
                    format!(
                        "That is {:.1} % of the daily dose, within the order's {replace_over_percent:.0} %: no bolus; keep the daily dose as it is.",
                        missed / dose * 100.0
                    )
                },
            ])
        }
        _ => None,
    }
}
