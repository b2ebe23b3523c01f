//! The expert's way through a drug-pump exercise in words, read from the attempt where
//! the exercise varies (its prescription, its residual, its scan, its order, the cause of a
//! stop), so the debrief advises this attempt's numbers; otherwise the words the exercise
//! file declares.

use super::titration::{WATCH_DAYS, careful_titration};
use crate::implant::pump::device::Departure;
use crate::implant::pump::goal::PumpGoal;
use crate::implant::pump::rules::ZICONOTIDE_STEP_MG;
use crate::implant::pump::titration;
use crate::implant::pump::units::trim;
use crate::implant::pump::{Mode, Pump, PumpImplant, clock_words, dose_words};
use crate::session::Session;

/// Where a check after a scan happens, s after it ends (the walk back from the scanner).
const CHECK_AFTER_S: f64 = 120.0;

/// The expert's words for `goal` on the attempt started in `start`, when they depend on
/// it (`None`: the file's words serve every attempt).
pub(super) fn pump_words(goal: &PumpGoal, start: &Session, budget_s: f64) -> Option<Vec<String>> {
    let implant = start.implant().downcast_ref::<PumpImplant>()?;
    let pump = &implant.pump;
    match goal {
        PumpGoal::Titration {
            min_relief_percent,
            max_above_needed_mg: Some(_),
            ..
        } => titration_words(implant, start, (*min_relief_percent, budget_s)),
        PumpGoal::RefillAsPrescribed { .. } => Some(refill_words(pump)),
        PumpGoal::MriDay {
            replace_over_percent,
            ..
        } => mri_words(pump, *replace_over_percent),
        PumpGoal::ConcentrationChange { .. } => Some(concentration_words(pump)),
        PumpGoal::Withdrawal { .. } => Some(withdrawal_words(pump)),
        _ => None,
    }
}

/// The expert's way with a pump that has stopped giving baclofen (or any drug whose
/// withdrawal is the danger), from what the interrogation shows against the order on file.
fn withdrawal_words(pump: &Pump) -> Vec<String> {
    let rx = pump.programmed;
    let order = pump.prescribed;
    let first = format!(
        "Interrogate and compare with the order on file ({}): the pump is programmed for {} {} mg/mL at {}/day, {}, {} mL by the record.",
        pump.order_words(),
        rx.drug,
        trim(rx.concentration_mg_per_ml),
        dose_words(rx.drug, pump.daily_dose_mg),
        if pump.mode == Mode::Stopped {
            "stopped"
        } else {
            "running"
        },
        trim(pump.record_ml)
    );
    let mend = match pump.departure_from_order() {
        Some(Departure::Stopped) => {
            "It was left stopped: start it (simple continuous, the prescribed dose).".to_string()
        }
        Some(Departure::Drug) => format!(
            "The programmer was told {} mg/mL but the reservoir holds {} mg/mL, so it pumps too slowly: set the drug to {} {} mg/mL.",
            trim(rx.concentration_mg_per_ml),
            trim(order.concentration_mg_per_ml),
            order.drug,
            trim(order.concentration_mg_per_ml)
        ),
        Some(Departure::Dose) => format!(
            "The daily dose was programmed at {}/day instead of {}/day: set it back to the order.",
            dose_words(rx.drug, pump.daily_dose_mg),
            dose_words(rx.drug, pump.prescribed_dose_mg)
        ),
        None => format!(
            "{} refill now: begin, needle into the reservoir, aspirate everything (it shows {} mL truly left), fill {} mL of {} {} mg/mL, needle out, update to {} mL.",
            if pump.record_ml <= pump.low_alarm_ml {
                "The reservoir is low:"
            } else {
                "Nothing wrong shows, so the reservoir is suspect:"
            },
            trim(pump.reservoir_ml),
            trim(pump.capacity_ml),
            order.drug,
            trim(order.concentration_mg_per_ml),
            trim(pump.capacity_ml)
        ),
    };
    vec![
        first,
        mend,
        "Watch a day: the itching and spasms settle as the drug returns.".into(),
    ]
}

/// The expert's refill on this attempt: the prescription, the residual and whether to flag.
fn refill_words(pump: &Pump) -> Vec<String> {
    let rx = pump.programmed;
    let back = pump.reservoir_ml;
    let diff = back - pump.record_ml;
    let limit = pump.discrepancy_limit_ml();
    vec![
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
    ]
}

/// The expert's MRI day on this attempt: the scan's times and whether to replace the
/// missed dose (`None` when no scan is booked).
fn mri_words(pump: &Pump, replace_over_percent: f64) -> Option<Vec<String>> {
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

/// The expert's change to this attempt's new order, with the rates and the bridge.
fn concentration_words(pump: &Pump) -> Vec<String> {
    let rx = pump.programmed;
    let (old, new) = (
        rx.concentration_mg_per_ml,
        pump.prescribed.concentration_mg_per_ml,
    );
    let dose = pump.prescribed_dose_mg;
    vec![
        format!("Read the order on file: {}.", pump.order_words()),
        format!(
            "Interrogate, begin the refill, needle into the reservoir, aspirate all, fill {} mL of {} {} mg/mL, needle out, update the pump to {} mL.",
            trim(pump.capacity_ml),
            rx.drug,
            trim(new),
            trim(pump.capacity_ml)
        ),
        format!(
            "Set the drug to {} {} mg/mL: the dose stays {}/day and the rate goes from {} to {} mL/day.",
            rx.drug,
            trim(new),
            dose_words(rx.drug, dose),
            trim(dose / old),
            trim(dose / new)
        ),
        format!(
            "Start a bridge bolus: the {} mL of {} mg/mL in the catheter leave at the old rate; then the new drug arrives at the same dose. Watch a day.",
            trim(pump.catheter.dead_volume_ml),
            trim(old)
        ),
    ]
}

/// The expert's titration on this attempt: the careful titration's steps, and the least
/// dose that relieves this patient once settled (`None` when none does, which a fair
/// attempt never meets).
fn titration_words(p: &PumpImplant, start: &Session, goal: (f64, f64)) -> Option<Vec<String>> {
    let (min_relief_percent, budget_s) = goal;
    let need = titration::least_relieving_dose(p, &start.patient, min_relief_percent)?;
    let drug = p.pump.programmed.drug;
    let steps: Vec<String> = careful_titration(start, min_relief_percent, budget_s)
        .iter()
        .map(|(day, mg)| format!("day {}: {}/day", trim(*day), dose_words(drug, *mg)))
        .collect();
    Some(vec![
        format!(
            "Every {} days, read the relief: under {:.0} %, raise by {}; from {:.0} % on, by half that; at {:.0} %, hold. The last step then lands close above the least dose that relieves, for this patient about {}/day once settled.",
            trim(WATCH_DAYS),
            min_relief_percent / 2.0,
            dose_words(drug, ZICONOTIDE_STEP_MG),
            min_relief_percent / 2.0,
            min_relief_percent,
            dose_words(drug, (need * 1e4).round() / 1e4)
        ),
        format!("Steps: {}; then hold.", steps.join(", ")),
        "Watch dizziness and nausea; lower the dose at any confusion or psychiatric effect.".into(),
    ])
}
