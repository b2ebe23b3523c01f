//! Goals of drug-pump exercises, judged on the replayed session's end (and the pump's own
//! record of what happened on the way: the refill's steps, the dose reaching the tip, the
//! worst withdrawal).

use crate::implant::Therapy as _;
use crate::implant::pump::{Pump, PumpImplant, PumpRefusal};
use crate::patient::pharmacology::Drug;
use crate::patient::pharmacology::effects::Sign;
use crate::session::{Refusal, Session};
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
    /// A change of concentration at the same daily dose: the new drug in the reservoir and
    /// at the catheter tip, the programmer told, and the dose reaching the tip never more
    /// than `max_error_percent` off the prescription while the old drug cleared the line.
    ConcentrationChange {
        /// The new concentration, mg/mL.
        concentration_mg_per_ml: f64,
        /// The daily dose to keep, mg/day.
        daily_dose_mg: f64,
        /// Largest error of the dose at the tip over any 6 h, %.
        max_error_percent: f64,
    },
    /// Ziconotide titrated to a dose in range with relief, no dose rule broken (a refusal
    /// counts), no confusion or psychiatric effects.
    Titration {
        /// Least daily dose at the end, mg/day.
        min_dose_mg: f64,
        /// Least relief at the end, %.
        min_relief_percent: f64,
    },
    /// Withdrawal caught in time: delivery restored (reservoir refilled to at least
    /// `min_volume_ml` with the programmed drug), withdrawal never past `max_withdrawal`.
    Withdrawal {
        /// Least volume in the reservoir at the end, mL.
        min_volume_ml: f64,
        /// Worst withdrawal allowed (0..1; seizures from 0.45).
        max_withdrawal: f64,
    },
}

/// Judges `goal` on the session's end; (met, detail in words).
pub fn judge(goal: &PumpGoal, s: &Session) -> (bool, String) {
    let Some(p) = s.implant().pump() else {
        return (false, "this session has no drug pump".into());
    };
    match goal {
        PumpGoal::Refill {
            drug,
            concentration_mg_per_ml,
            min_volume_ml,
        } => refill(&p.pump, *drug, *concentration_mg_per_ml, *min_volume_ml),
        PumpGoal::ConcentrationChange {
            concentration_mg_per_ml,
            daily_dose_mg,
            max_error_percent,
        } => concentration_change(
            &p.pump,
            *concentration_mg_per_ml,
            *daily_dose_mg,
            *max_error_percent,
        ),
        PumpGoal::Titration {
            min_dose_mg,
            min_relief_percent,
        } => titration(s, p, *min_dose_mg, *min_relief_percent),
        PumpGoal::Withdrawal {
            min_volume_ml,
            max_withdrawal,
        } => withdrawal(s, p, *min_volume_ml, *max_withdrawal),
    }
}

/// A change of concentration at the same daily dose (see
/// [`PumpGoal::ConcentrationChange`]).
fn concentration_change(
    pump: &Pump,
    concentration_mg_per_ml: f64,
    daily_dose_mg: f64,
    max_error_percent: f64,
) -> (bool, String) {
    let same = |v: f64| (v - concentration_mg_per_ml).abs() < 1e-9;
    let filled = pump
        .contents
        .is_some_and(|f| same(f.concentration_mg_per_ml));
    let told = same(pump.programmed.concentration_mg_per_ml)
        && (pump.daily_dose_mg - daily_dose_mg).abs() < 1e-9;
    let at_tip = pump
        .catheter
        .at_tip()
        .is_some_and(|f| same(f.concentration_mg_per_ml));
    let (lo, hi) = pump.dose_ratio_range.unwrap_or((1.0, 1.0));
    let tol = max_error_percent / 100.0;
    let steady = lo >= 1.0 - tol && hi <= 1.0 + tol;
    let (filled_w, told_w, tip_w) = (yes(filled), yes(told), yes(at_tip));
    (
        filled && told && at_tip && steady,
        format!(
            "new drug in the reservoir: {filled_w}, programmed: {told_w}, at the tip: {tip_w}; dose at the tip {:.0}–{:.0}% of the prescription (allowed {:.0}–{:.0}%)",
            lo * 100.0,
            hi * 100.0,
            100.0 - max_error_percent,
            100.0 + max_error_percent
        ),
    )
}

/// Ziconotide titrated into range (see [`PumpGoal::Titration`]).
fn titration(
    s: &Session,
    p: &PumpImplant,
    min_dose_mg: f64,
    min_relief_percent: f64,
) -> (bool, String) {
    let broken = s
        .log
        .iter()
        .filter(|e| matches!(e.refused, Some(Refusal::Pump(PumpRefusal::Ziconotide(_)))))
        .count();
    let effects = p.effects(&s.patient);
    let relief = p.pain(&s.patient, 0.0).relief_percent;
    let dose = p.pump.daily_dose_mg;
    let bad_signs = effects.has(Sign::Confusion) || effects.has(Sign::PsychiatricEffects);
    (
        dose >= min_dose_mg - 1e-12 && relief >= min_relief_percent && broken == 0 && !bad_signs,
        format!(
            "{:.1} µg/day (needed {:.1}), relief {relief:.0}% (needed {min_relief_percent:.0}%), {broken} step(s) the dose rules refused{}",
            dose * 1000.0,
            min_dose_mg * 1000.0,
            if bad_signs {
                ", confusion or psychiatric effects"
            } else {
                ""
            }
        ),
    )
}

/// Withdrawal caught in time (see [`PumpGoal::Withdrawal`]).
fn withdrawal(
    s: &Session,
    p: &PumpImplant,
    min_volume_ml: f64,
    max_withdrawal: f64,
) -> (bool, String) {
    let pump = &p.pump;
    let refilled = pump.reservoir_ml >= min_volume_ml
        && pump.contents.is_some_and(|c| c == pump.programmed)
        && pump.not_delivering(s.t_s).is_none();
    let peak = p.body.peak_withdrawal;
    (
        refilled && peak <= max_withdrawal,
        format!(
            "delivery restored: {}; worst withdrawal {:.0}% (allowed {:.0}%)",
            yes(refilled),
            peak * 100.0,
            max_withdrawal * 100.0
        ),
    )
}

/// A refill done right (see [`PumpGoal::Refill`]).
fn refill(
    pump: &Pump,
    drug: Drug,
    concentration_mg_per_ml: f64,
    min_volume_ml: f64,
) -> (bool, String) {
    let Some(r) = &pump.last_refill else {
        return (false, "no refill was finished".into());
    };
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
    (right && full && record && clean && flagged, detail)
}

/// A yes/no in a debrief's words.
fn yes(done: bool) -> &'static str {
    if done { "yes" } else { "not yet" }
}
