//! Opioid tolerance and dependence as one family (REFERENCES §7): analgesic tolerance
//! that keeps growing over months at a fixed dose and recovers over weeks after a cut,
//! physical dependence over days, both carried from one opioid to another by their
//! equianalgesic ratio but incompletely, and withdrawal only when the family's delivery
//! falls well below what the body is used to.

use super::drug::{Drug, Family};
use super::state::DrugState;

/// Growth of analgesic tolerance per day at full spinal occupancy, in multiples of the
/// half-effect concentration (approximate: chosen so that relief at an unchanged dose
/// keeps fading over months and a cohort holding its relief doubles its dose in about a
/// year or two, as Paice 1996 and Kumar 2001 saw). Tolerance grows while the drug acts,
/// without a ceiling: dose creep is the rule.
pub const TOLERANCE_PER_DAY: f64 = 0.01;
/// Time constant over which tolerance recedes after a dose cut, days, at a full fall of
/// delivery below what the body depends on (REFERENCES §7: "days–weeks", approximate).
pub const TOLERANCE_RECOVERY_DAYS: f64 = 7.0;
/// Days a "settled" patient has been on the dose (what a patient file's prescription
/// stands for: about three months, past the titration).
pub const SETTLED_DAYS: f64 = 90.0;
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

/// Spinal occupancy of the continuous infusion (before tolerance), 0..1: what makes
/// tolerance grow.
fn occupancy(d: Drug, s: &DrugState) -> f64 {
    let k = d.kinetics();
    let p = (s.effect_infused / k.ec50_ng_per_ml).max(0.0).powf(k.hill);
    p / (1.0 + p)
}

/// Tolerance after [`SETTLED_DAYS`] on a steady dose (what
/// [`super::Pharmacology::settle`] puts).
pub fn settled_tolerance(d: Drug, s: &DrugState) -> f64 {
    TOLERANCE_PER_DAY * occupancy(d, s) * SETTLED_DAYS
}

/// Moves one drug's tolerance over `h_h` hours: it grows while the drug acts (at `pace`
/// × the typical speed) and recedes while delivery (`drive`, as dependence counts it)
/// stays below the dependence built.
pub fn step_tolerance(d: Drug, s: &mut DrugState, drive: f64, h_h: f64, pace: f64) {
    let days = h_h / 24.0;
    s.tolerance += TOLERANCE_PER_DAY * pace * occupancy(d, s) * days;
    let deficit = if s.dependence > 1e-9 {
        ((s.dependence - drive) / s.dependence).clamp(0.0, 1.0)
    } else {
        1.0
    };
    s.tolerance *= (-deficit * days / TOLERANCE_RECOVERY_DAYS).exp();
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
