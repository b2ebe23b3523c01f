//! Goals of drug-pump exercises, judged on the replayed session's end (and the pump's own
//! record of what happened on the way: the refill's steps, the dose reaching the tip, the
//! worst withdrawal).

use super::goal::PumpGoal;
use super::units::trim;
use super::{Pump, PumpImplant};
use crate::implant::goal::{Ending, Verdict};
use crate::patient::pharmacology::Drug;

/// Judges `goal` on the session's end with pump `p`; (met, detail in words).
pub fn judge(goal: &PumpGoal, p: &PumpImplant, end: &Ending) -> Verdict {
    match goal {
        PumpGoal::Refill {
            drug,
            concentration_mg_per_ml,
            min_volume_ml,
        } => refill(&p.pump, *drug, *concentration_mg_per_ml, *min_volume_ml),
        PumpGoal::RefillAsPrescribed { min_volume_ml } => {
            refill_as_prescribed(&p.pump, *min_volume_ml)
        }
        PumpGoal::ConcentrationChange { max_error_percent } => {
            concentration_change(&p.pump, *max_error_percent)
        }
        PumpGoal::Titration {
            min_dose_mg,
            min_relief_percent,
            max_above_needed_mg,
        } => super::titration::judge(
            end,
            p,
            (*min_dose_mg, *min_relief_percent),
            *max_above_needed_mg,
        ),
        PumpGoal::PatientBolus {
            bolus_percent,
            min_lockout_h,
            max_daily_percent,
            min_per_day,
        } => patient_bolus(
            &p.pump,
            (*bolus_percent, *min_lockout_h, *max_daily_percent),
            *min_per_day,
        ),
        PumpGoal::Withdrawal {
            min_volume_ml,
            max_withdrawal,
        } => withdrawal(end, p, *min_volume_ml, *max_withdrawal),
        PumpGoal::MriDay {
            max_check_minutes,
            replace_over_percent,
        } => super::mri::judge(
            &p.pump,
            end.view.t_s,
            *max_check_minutes,
            *replace_over_percent,
        ),
    }
}

/// A change of concentration at the same daily dose (see
/// [`PumpGoal::ConcentrationChange`]).
fn concentration_change(pump: &Pump, max_error_percent: f64) -> Verdict {
    let order = pump.prescribed;
    let filled = pump.contents == Some(order);
    let told = pump.departure_from_order().is_none();
    let at_tip = pump.catheter.at_tip() == Some(order);
    let (lo, hi) = pump.dose_ratio_range.unwrap_or((1.0, 1.0));
    let tol = max_error_percent / 100.0;
    let steady = lo >= 1.0 - tol && hi <= 1.0 + tol;
    let (filled_w, told_w, tip_w) = (yes(filled), yes(told), yes(at_tip));
    Verdict::of_checks(
        &[filled, told, at_tip, steady],
        format!(
            "new drug in the reservoir: {filled_w}, programmed: {told_w}, at the tip: {tip_w}; dose at the tip {:.0}–{:.0}% of the prescription (allowed {:.0}–{:.0}%)",
            lo * 100.0,
            hi * 100.0,
            100.0 - max_error_percent,
            100.0 + max_error_percent
        ),
    )
}

/// Withdrawal caught in time (see [`PumpGoal::Withdrawal`]).
fn withdrawal(end: &Ending, p: &PumpImplant, min_volume_ml: f64, max_withdrawal: f64) -> Verdict {
    let pump = &p.pump;
    let filled = pump.reservoir_ml >= min_volume_ml && pump.contents == Some(pump.prescribed);
    let told = pump.departure_from_order().is_none();
    let stopped = pump.not_delivering(end.view.t_s);
    let peak = p.body.peak_withdrawal;
    Verdict::of_checks(
        &[filled, told, stopped.is_none(), peak <= max_withdrawal],
        format!(
            "reservoir holds the prescribed drug (at least {} mL): {}; programmed as prescribed: {}; delivering: {}; worst withdrawal {:.0}% (allowed {:.0}%)",
            trim(min_volume_ml),
            yes(filled),
            yes(told),
            stopped.map_or("yes".to_string(), |why| format!("no ({why})")),
            peak * 100.0,
            max_withdrawal * 100.0
        ),
    )
}

/// A refill done right (see [`PumpGoal::Refill`]).
fn refill(pump: &Pump, drug: Drug, concentration_mg_per_ml: f64, min_volume_ml: f64) -> Verdict {
    let Some((checks, detail)) = refill_checks(pump, drug, concentration_mg_per_ml, min_volume_ml)
    else {
        return Verdict::impossible("no refill was finished");
    };
    Verdict::of_checks(&checks, detail)
}

/// A refill as the patient's prescription says (see [`PumpGoal::RefillAsPrescribed`]):
/// the checks of a refill, and no discrepancy flagged where the aspirate showed none. The
/// prescription is the one the pump was set up with: telling the programmer another drug
/// or concentration afterwards does not make a wrong fill right.
fn refill_as_prescribed(pump: &Pump, min_volume_ml: f64) -> Verdict {
    let rx = pump.prescribed;
    let (Some((checks, mut detail)), Some(r)) = (
        refill_checks(pump, rx.drug, rx.concentration_mg_per_ml, min_volume_ml),
        &pump.last_refill,
    ) else {
        return Verdict::impossible("no refill was finished");
    };
    let needless = r.flagged && r.discrepancy_ml.is_none();
    if needless {
        detail.push_str(", a discrepancy was flagged where the aspirate showed none");
    }
    let mut all = checks.to_vec();
    all.push(!needless);
    Verdict::of_checks(&all, detail)
}

/// The five checks of a finished refill with `drug` at `concentration_mg_per_ml`, and
/// what was found in words (`None` before a refill is finished).
fn refill_checks(
    pump: &Pump,
    drug: Drug,
    concentration_mg_per_ml: f64,
    min_volume_ml: f64,
) -> Option<([bool; 5], String)> {
    let r = pump.last_refill.as_ref()?;
    let right = pump.contents.is_some_and(|c| {
        c.drug == drug && (c.concentration_mg_per_ml - concentration_mg_per_ml).abs() < 1e-9
    });
    let full = pump.reservoir_ml >= min_volume_ml;
    let record = (pump.record_ml - pump.reservoir_ml).abs() <= 0.5;
    let clean = r.pocket_fill_mg == 0.0 && r.cap_injection_mg == 0.0;
    let flagged = r.discrepancy_ml.is_none() || r.flagged;
    let mut detail = format!(
        "reservoir {:.1} mL (record {:.1} mL)",
        pump.reservoir_ml, pump.record_ml
    );
    for (bad, why) in [
        (!right, ", not the prescribed drug and concentration"),
        (!full, ", not filled enough"),
        (!record, ", the record does not match the reservoir"),
        (!clean, ", drug went into the pocket or the access port"),
        (!flagged, ", the discrepancy was not flagged"),
    ] {
        if bad {
            detail.push_str(why);
        }
    }
    Some(([right, full, record, clean, flagged], detail))
}

/// A bolus within the prescription's rules (see [`PumpGoal::PatientBolus`]); `rules` are
/// (bolus % of the daily dose, least lockout h, most boluses a day % of the daily dose).
fn patient_bolus(pump: &Pump, rules: (f64, f64, f64), min_per_day: u32) -> Verdict {
    let (bolus_percent, min_lockout_h, max_daily_percent) = rules;
    let daily = pump.daily_dose_mg;
    let Some(l) = pump.bolus else {
        return Verdict::impossible("no patient bolus is set");
    };
    let want = daily * bolus_percent / 100.0;
    let dose = (l.dose_mg - want).abs() <= want * 0.1 + 1e-9;
    let lockout = l.lockout_h >= min_lockout_h - 1e-9;
    let day_mg = l.dose_mg * f64::from(l.max_per_day);
    let day = day_mg <= daily * max_daily_percent / 100.0 + 1e-9;
    let enough = l.max_per_day >= min_per_day;
    Verdict::of_checks(
        &[dose, lockout, day, enough],
        format!(
            "bolus {} mg (wanted {} mg, {bolus_percent:.0}% of {} mg/day), lockout {} h (at least {min_lockout_h}), {} a day: {} mg (at most {} mg, {max_daily_percent:.0}%; at least {min_per_day} a day)",
            trim(l.dose_mg),
            trim(want),
            trim(daily),
            trim(l.lockout_h),
            l.max_per_day,
            trim(day_mg),
            trim(daily * max_daily_percent / 100.0)
        ),
    )
}

/// A yes/no in a debrief's words.
fn yes(done: bool) -> &'static str {
    if done { "yes" } else { "not yet" }
}
