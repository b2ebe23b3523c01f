//! Opioid tolerance and dependence as one family (REFERENCES §7): analgesic tolerance
//! that keeps growing over months at a fixed dose and recovers over weeks after a cut,
//! physical dependence over days, both carried from one opioid to another by their
//! equianalgesic ratio but incompletely, and withdrawal only when the family's delivery
//! falls well below what the body is used to.

use super::compartments::DrugState;
use super::drug::{Drug, Family};

/// Time constant over which analgesic tolerance approaches its level at a fixed dose,
/// days (approximate: chosen so that relief at an unchanged dose fades over months and a
/// cohort's dose roughly doubles in one to two years, as Paice 1996 and Kumar 2001 saw).
pub const TOLERANCE_RISE_DAYS: f64 = 90.0;
/// Time constant over which tolerance recedes after a dose cut, days (REFERENCES §7:
/// "days–weeks", approximate).
pub const TOLERANCE_RECOVERY_DAYS: f64 = 14.0;
/// Tolerance at a fixed dose, in multiples of the drug's effect-site concentration over
/// its spinal half-effect concentration (approximate: with it relief at a lasting dose
/// levels near 60 % of the untolerant figure at the doses pump patients use).
pub const TOLERANCE_GAIN: f64 = 0.5;
/// Days a "settled" patient has been on the dose (what a patient file's prescription
/// stands for: eight weeks).
pub const SETTLED_DAYS: f64 = 56.0;
/// Share of one opioid's tolerance and dependence another opioid meets (incomplete
/// cross-tolerance: the new drug works a little better than its ratio predicts;
/// approximate, matching the 20–30 % reduction quoted for intrathecal rotation).
pub const CROSS_TOLERANCE: f64 = 0.75;
/// Fall in the opioid family's delivery, as a share of what the body depends on, that
/// gives no withdrawal (approximate: a switch at 25–50 % less than the equianalgesic
/// dose gives none, REFERENCES §7).
pub const TOLERATED_DEFICIT: f64 = 0.5;

/// The opioids, in [`Drug::ALL`] order.
pub const OPIOIDS: [Drug; 3] = [Drug::Morphine, Drug::Hydromorphone, Drug::Fentanyl];

/// What analgesic tolerance follows: the continuous infusion at its effect site over the
/// spinal half-effect concentration (morphine-equivalent by construction, as each
/// opioid's half-effect concentration carries its potency).
pub fn tolerance_drive(d: Drug, s: &DrugState) -> f64 {
    TOLERANCE_GAIN * s.effect_infused / d.kinetics().ec50_ng_per_ml
}

/// Tolerance after `days` on a steady drive (what [`super::Pharmacology::settle`] puts).
pub fn settled_tolerance(d: Drug, s: &DrugState) -> f64 {
    tolerance_drive(d, s) * (1.0 - (-SETTLED_DAYS / TOLERANCE_RISE_DAYS).exp())
}

/// Moves one drug's tolerance over `h_h` hours: up toward its drive over months, down
/// over weeks.
pub fn step_tolerance(d: Drug, s: &mut DrugState, h_h: f64) {
    let drive = tolerance_drive(d, s);
    let days = if drive >= s.tolerance {
        TOLERANCE_RISE_DAYS
    } else {
        TOLERANCE_RECOVERY_DAYS
    };
    s.tolerance = drive + (s.tolerance - drive) * (-h_h / (24.0 * days)).exp();
}

/// A value of drug `d` seen through the opioid family: its own plus the other opioids'
/// at [`CROSS_TOLERANCE`] (the drug's own for any other family).
pub fn shared(drugs: &[DrugState], d: Drug, value: impl Fn(&DrugState) -> f64) -> f64 {
    if d.family() != Family::Opioid {
        return value(&drugs[d.index()]);
    }
    OPIOIDS
        .into_iter()
        .map(|o| {
            let v = value(&drugs[o.index()]);
            if o == d { v } else { CROSS_TOLERANCE * v }
        })
        .sum()
}

/// The opioid family's withdrawal target (0..1): how far the family's delivery has fallen
/// below the dependence it built, beyond [`TOLERATED_DEFICIT`]. `drive` gives each drug's
/// present dependence drive; `floor` is the dependence below which there is none.
pub fn opioid_deficit(
    drugs: &[DrugState],
    drive: impl Fn(Drug, &DrugState) -> f64,
    floor: f64,
) -> f64 {
    let (mut dependence, mut delivered) = (0.0, 0.0);
    for o in OPIOIDS {
        let s = &drugs[o.index()];
        dependence += s.dependence;
        delivered += drive(o, s);
    }
    if dependence <= floor {
        return 0.0;
    }
    let deficit = ((dependence - delivered) / dependence).clamp(0.0, 1.0);
    ((deficit - TOLERATED_DEFICIT) / (1.0 - TOLERATED_DEFICIT)).clamp(0.0, 1.0)
}
